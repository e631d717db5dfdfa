"""BACI files already in the target revision are inserted straight into trade_annual
(DirectWrite); these tests pin that the result is the same as staging them first."""

from __future__ import annotations

import pandas as pd
import pytest

from kcbridge.errors import InputError
from kcbridge.sources import load_file
from kcbridge.sources import pipeline as pipeline_module
from kcbridge.store import Store


def annual(store):
    return store.table("trade_annual").to_pandas().sort_values(
        ["year", "exporter", "importer", "product"]).reset_index(drop=True)


def write_csv(tmp_path, samples, rows, name="BACI_HS12_Y2022_V202501.csv"):
    (tmp_path / "country_codes_V202501.csv").write_text(samples.BACI_COUNTRY_CODES)
    path = tmp_path / name
    path.write_text("t,i,j,k,v,q\n" + "\n".join(rows) + "\n")
    return path


def temp_views(store):
    return store.con.con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE temporary AND view_name LIKE '_kcb_%'"
    ).fetchone()[0]


def test_direct_write_matches_staged_load(samples, settings, tmp_path, monkeypatch):
    path = samples.write_baci_zip(tmp_path / "BACI_HS12_V202501.zip")
    events: list[tuple[str, int, int | None]] = []
    direct_store = Store("duckdb://:memory:")
    direct = load_file(direct_store, settings, "baci", path,
                       progress=lambda *e: events.append(e))
    monkeypatch.setattr(pipeline_module, "DirectWrite", lambda *args: None)
    staged_store = Store("duckdb://:memory:")
    staged = load_file(staged_store, settings, "baci", path)
    assert (direct.rows, direct.periods, direct.revision_in, direct.revision_out,
            direct.notes) == (staged.rows, staged.periods, staged.revision_in,
                              staged.revision_out, staged.notes) == (
        7, ["2021", "2022"], "HS2012", "HS2012",
        ["BACI values converted from thousand USD to USD, quantities from tons to kg."])
    a = annual(direct_store).drop(columns="load_id")
    b = annual(staged_store).drop(columns="load_id")
    pd.testing.assert_frame_equal(a, b)
    assert a.value_usd.sum() == pytest.approx((1000 + 400 + 1200.5 + 5 + 300 + 50.25 + 10) * 1000)
    assert annual(direct_store).load_id.eq(direct.load_id).all()
    loads = direct_store.table("loads").to_pandas()
    assert loads.rows.tolist() == [7] and loads.periods.tolist() == ["2021,2022"]
    assert any(e[0].startswith("Reading") for e in events)
    assert events[-1] == ("Writing trade_annual", 7, 7)
    assert temp_views(direct_store) == 0
    setting = direct_store.con.con.execute(
        "SELECT current_setting('disabled_compression_methods')").fetchone()[0]
    assert setting == ""  # the FSST switch is put back
    direct_store.close()
    staged_store.close()


def test_direct_write_replaces_exactly_the_years_it_covers(samples, store, settings,
                                                           tmp_path):
    """A BACI year file is complete: it replaces every row of its year and revision
    (pairs it no longer holds go too) and nothing of other years."""
    store.insert("trade_annual", pd.DataFrame({  # an old row without a load id
        "year": [2022], "exporter": ["KOR"], "importer": ["CHN"], "product": ["999999"],
        "revision": ["HS2012"], "value_usd": [1.0], "quantity": [None], "unit": ["kg"],
        "load_id": [None]}))
    first = write_csv(tmp_path, samples, ["2022,410,156,854231,1,1", "2022,410,842,854231,2,1",
                                          "2021,410,156,854231,4,1"],
                      name="BACI_HS12_Y2022_V202401.csv")
    load_file(store, settings, "baci", first)
    second = write_csv(tmp_path, samples, ["2022,410,156,854231,10,1",
                                           "2022,410,156,870323,20,"])
    result = load_file(store, settings, "baci", second)
    assert result.rows == 2 and result.periods == ["2022"]
    df = annual(store)
    got = {(r.year, r.exporter, r.importer, r["product"]): r.value_usd for _, r in df.iterrows()}
    assert got == {
        (2021, "KOR", "CHN", "854231"): 4000.0,  # other year: kept
        (2022, "KOR", "CHN", "854231"): 10000.0,  # replaced
        (2022, "KOR", "CHN", "870323"): 20000.0,  # new
    }  # (2022, KOR, USA) and the untagged 999999 row: not in the newer 2022 file, gone
    assert df[df["product"] == "870323"].quantity.isna().all()


def test_skip_unknown_drops_unknown_and_blank_countries(samples, store, settings, tmp_path):
    path = write_csv(tmp_path, samples, ["2022,410,999,854231,1,1", "2022,,156,854231,3,1",
                                         "2022,410,156,854231,2,1"])
    result = load_file(store, settings, "baci", path, skip_unknown=True)
    assert result.rows == 1
    assert "Dropped 2 row(s) with unknown country codes: 999." in result.notes
    assert annual(store).value_usd.tolist() == [2000.0]


def test_blank_country_is_refused_and_store_unchanged(samples, store, settings, tmp_path):
    load_file(store, settings, "baci", samples.write_baci_zip(tmp_path / "BACI_HS12_V202501.zip"))
    before = samples.snapshot(store)
    path = write_csv(tmp_path, samples, ["2022,,156,854231,3,1", "2022,410,156,854231,2,1"])
    with pytest.raises(InputError, match="1 row\\(s\\) have no country code"):
        load_file(store, settings, "baci", path)
    assert samples.snapshot(store) == before
    assert temp_views(store) == 0


def test_unknown_country_refused_after_direct_insert(samples, store, settings, tmp_path):
    before = samples.snapshot(store)
    path = write_csv(tmp_path, samples, ["2022,410,999,854231,1,1", "2022,777,156,854231,2,1"])
    with pytest.raises(InputError, match="2 country code\\(s\\).*'777', '999'"):
        load_file(store, settings, "baci", path)
    assert samples.snapshot(store) == before


def test_read_error_keeps_message_and_puts_settings_back(samples, store, settings, tmp_path):
    path = write_csv(tmp_path, samples, ["2022,410,156,854231,abc,1"])
    with pytest.raises(InputError, match="not a number"):
        load_file(store, settings, "baci", path)
    setting = store.con.con.execute(
        "SELECT current_setting('disabled_compression_methods')").fetchone()[0]
    assert setting == "" and temp_views(store) == 0
    assert store.count("trade_annual") == 0
