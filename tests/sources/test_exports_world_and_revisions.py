"""Exports-to-world CSV, HS revision conversion, and the real 2017 HS4 exports file."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from kcbridge.errors import InputError, KcbridgeError
from kcbridge.reference.products import conversion_weights
from kcbridge.sources import load_file
from kcbridge.sources import pipeline as pipeline_module

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real"
REAL_EXPORTS = REAL / "world_trade_2017_hs4_exports.csv"


def test_exports_world_skips_blanks_and_needs_year_and_revision(samples, store, settings,
                                                                tmp_path):
    path = tmp_path / "exports.csv"
    path.write_text(samples.EXPORTS_WORLD)
    with pytest.raises(InputError, match="--year"):
        load_file(store, settings, "exports-world", path, revision="HS2007")
    with pytest.raises(InputError, match="--revision"):
        load_file(store, settings, "exports-world", path, year=2017)
    result = load_file(store, settings, "exports-world", path, year=2017, revision="HS2007")
    assert result.rows == 4 and result.revision_out == "HS2007"
    assert any("blank value" in n for n in result.notes)
    assert any("keep revision HS2007" in n for n in result.notes)
    df = store.table("trade_annual").to_pandas()
    assert set(df.importer) == {"WLD"} and set(df.year) == {2017}
    assert df[df.exporter == "KOR"].value_usd.sum() == pytest.approx(1_002_500.5)


def test_exports_world_with_year_column_and_lost_zeros(store, settings, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("year,exporter,hs6,value\n2020,KR,10121,5\n2021,KR,10121,7\n")
    result = load_file(store, settings, "exports-world", path, revision="HS2012", year=2021)
    assert result.rows == 1 and result.periods == ["2021"]
    df = store.table("trade_annual").to_pandas()
    assert df["product"].tolist() == ["010121"] and df.value_usd.tolist() == [7.0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("country,value\nkor,1\n", r"product missing \(found: country, value\)"),
        ("reporter_iso,product_code,export_value_usd\nzzz,8542,1\n", "not known: 'zzz'"),
        ("reporter_iso,product_code,export_value_usd\nkor,85A2,1\n", "invalid HS codes"),
        ("reporter_iso,product_code,export_value_usd\nkor,8542,-3\n", "negative"),
        ("reporter_iso,product_code,export_value_usd\nkor,8542,12 USD\n", "not numbers"),
    ],
)
def test_exports_world_malformed_store_unchanged(samples, store, settings, tmp_path, content,
                                                 message):
    ok = tmp_path / "ok.csv"
    ok.write_text(samples.EXPORTS_WORLD)
    load_file(store, settings, "exports-world", ok, year=2017, revision="HS2007")
    before = samples.snapshot(store)
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(KcbridgeError, match=message):
        load_file(store, settings, "exports-world", path, year=2017, revision="HS2007")
    assert samples.snapshot(store) == before


def test_hand_made_split_and_merge(samples, store, settings, tmp_path, monkeypatch):
    """111111 splits 25/75 into 222222 and 333333; 444444 merges into 333333;
    555555 is not in the table and keeps its code."""
    weights = pd.DataFrame({
        "from_code": ["111111", "111111", "444444"],
        "to_code": ["222222", "333333", "333333"],
        "weight": [0.25, 0.75, 1.0],
    })
    monkeypatch.setattr(pipeline_module, "conversion_weights", lambda src, dst: weights)
    path = tmp_path / "BACI_HS07_Y2010_V202501.csv"
    path.write_text("t,i,j,k,v,q\n2010,410,156,111111,100,8\n2010,410,156,444444,10,1\n"
                    "2010,410,156,555555,1,\n")
    result = load_file(store, settings, "baci", path)
    assert result.revision_in == "HS2007" and result.revision_out == "HS2012"
    df = store.table("trade_annual").to_pandas().set_index("product")
    assert df.loc["222222", "value_usd"] == pytest.approx(25_000.0)
    assert df.loc["333333", "value_usd"] == pytest.approx(75_000.0 + 10_000.0)
    assert df.loc["555555", "value_usd"] == pytest.approx(1_000.0)
    assert df.loc["222222", "quantity"] == pytest.approx(2_000.0)
    assert df.loc["333333", "quantity"] == pytest.approx(6_000.0 + 1_000.0)
    assert pd.isna(df.loc["555555", "quantity"])
    assert set(df.revision) == {"HS2012"}
    assert df.value_usd.sum() == pytest.approx(111_000.0)  # value preserved


def test_real_weights_split_live_horses(store, settings, tmp_path):
    """HS2007 010110 (live horses, pure-bred) splits in HS2012 into 010121 and 010130."""
    w = pipeline_module.usable_weights(conversion_weights("HS2007", "HS2012"))
    split = w[w.from_code == "010110"].set_index("to_code").weight
    assert set(split.index) == {"010121", "010130"}
    path = tmp_path / "BACI_HS07_Y2010_V202501.csv"
    path.write_text("t,i,j,k,v,q\n2010,410,156,10110,1000,\n")
    load_file(store, settings, "baci", path)
    df = store.table("trade_annual").to_pandas().set_index("product")
    assert df.loc["010121", "value_usd"] == pytest.approx(1_000_000 * split["010121"])
    assert df.loc["010130", "value_usd"] == pytest.approx(1_000_000 * split["010130"])
    assert split["010121"] == pytest.approx(0.8539, abs=1e-4)
    assert df.value_usd.sum() == pytest.approx(1_000_000.0)


def test_usable_weights_drop_dust_and_rescale():
    w = pd.DataFrame({"from_code": ["a", "a", "a"], "to_code": ["x", "y", "z"],
                      "weight": [0.7, 0.2999999, 1e-7]})
    kept = pipeline_module.usable_weights(w)
    assert kept.to_code.tolist() == ["x", "y"]
    assert kept.weight.sum() == pytest.approx(1.0)


@pytest.mark.realdata
def test_real_2017_hs4_exports(store, settings):
    if not REAL_EXPORTS.is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{REAL_EXPORTS} is missing under CI")
        pytest.skip(f"real data file {REAL_EXPORTS} is missing")
    result = load_file(store, settings, "exports-world", REAL_EXPORTS, year=2017,
                       revision="HS2007")
    assert result.rows == 176_971
    t = store.table("trade_annual")
    korea = t.filter(t.exporter == "KOR").value_usd.sum().execute()
    assert korea / 1e9 == pytest.approx(686.15, abs=0.01)
    assert t.exporter.nunique().execute() == 224
    assert load_file(store, settings, "exports-world", REAL_EXPORTS, year=2017,
                     revision="HS2007").skipped
