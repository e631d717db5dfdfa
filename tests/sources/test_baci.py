"""CEPII BACI loader on generated zips and CSVs in the real format."""

from __future__ import annotations

import logging

import pytest

from kcbridge.errors import InputError, InternalError, KcbridgeError
from kcbridge.sources import load_file


def annual(store):
    return store.table("trade_annual").to_pandas().sort_values(
        ["year", "exporter", "importer", "product"]).reset_index(drop=True)


def test_zip_loads_every_year_with_units_and_countries(samples, store, settings, tmp_path):
    path = samples.write_baci_zip(tmp_path / "BACI_HS12_V202501.zip")
    result = load_file(store, settings, "baci", path)
    assert result.rows == 7 and not result.skipped
    assert result.periods == ["2021", "2022"]
    assert result.revision_in == "HS2012" and result.revision_out == "HS2012"
    df = annual(store)
    kor_chn_2022 = df[(df.year == 2022) & (df.exporter == "KOR") & (df["product"] == "854231")]
    assert kor_chn_2022.value_usd.item() == pytest.approx(1_200_500.0)  # thousand USD -> USD
    assert kor_chn_2022.quantity.item() == pytest.approx(3_000.0)  # tons -> kg
    assert kor_chn_2022.unit.item() == "kg"
    assert "010121" in set(df["product"])  # leading zero restored
    assert df[df["product"] == "280461"].quantity.isna().all()  # blank q
    assert df[(df.year == 2021) & (df.exporter == "CHN")].quantity.isna().all()  # NA q
    assert set(df[df["product"] == "854232"].exporter) == {"TWN"}  # 490 / S19
    assert df.load_id.eq(result.load_id).all()
    loads = store.table("loads").to_pandas()
    assert loads.rows.tolist() == [7] and loads.format.tolist() == ["baci"]


def test_year_filter_in_multi_year_zip(samples, store, settings, tmp_path):
    path = samples.write_baci_zip(tmp_path / "BACI_HS12_V202501.zip")
    result = load_file(store, settings, "baci", path, year=2021)
    assert result.rows == 2 and result.periods == ["2021"]
    with pytest.raises(InputError, match="no data for 2019.*2021, 2022"):
        load_file(store, settings, "baci", path, year=2019)


def test_bare_csv_uses_sibling_country_codes(samples, store, settings, tmp_path):
    (tmp_path / "country_codes_V202501.csv").write_text(samples.BACI_COUNTRY_CODES)
    path = tmp_path / "BACI_HS17_Y2022_V202501.csv"
    path.write_text(samples.baci_csv_text(2022, ["2022,410,156,854231,1.5,0.5"]))
    result = load_file(store, settings, "baci", path)
    assert result.revision_in == "HS2017" and result.revision_out == "HS2012"
    df = annual(store)
    assert df.value_usd.sum() == pytest.approx(1500.0)


def test_reload_is_skipped_and_changes_nothing(samples, store, settings, tmp_path):
    path = samples.write_baci_zip(tmp_path / "BACI_HS12_V202501.zip")
    first = load_file(store, settings, "baci", path)
    before = samples.snapshot(store)
    again = load_file(store, settings, "baci", path)
    assert again.skipped and again.rows == 0 and again.load_id == first.load_id
    assert samples.snapshot(store) == before
    forced = load_file(store, settings, "baci", path, force=True)
    assert not forced.skipped and forced.rows == 7
    assert store.count("trade_annual") == 7  # replaced, not duplicated


def test_revision_override_needed_when_name_unknown(samples, store, settings, tmp_path):
    path = tmp_path / "flows.csv"
    path.write_text(samples.baci_csv_text(2022))
    with pytest.raises(InputError, match="--revision"):
        load_file(store, settings, "baci", path)
    assert load_file(store, settings, "baci", path, revision="HS12").rows == 5


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("year,exp,imp,hs,val\n2022,410,156,854231,1\n",
         r"required column\(s\) t, i, j, k, v missing \(found: year, exp, imp, hs, val\)"),
        ("t,i,j,k,v,q\n2022,410,156,85A231,1,1\n",
         r"invalid HS codes in column 'k' \(e.g. '85A231'\)"),
        ("t,i,j,k,v,q\n2022,410,156,1234567,1,1\n", "invalid HS codes"),
        ("t,i,j,k,v,q\n2022,410,999,854231,1,1\n", r"not known: '999'"),
        ("t,i,j,k,v,q\n2022,410,156,854231,-5,1\n", "negative values"),
        ("t,i,j,k,v,q\n2022,410,156,854231,abc,1\n", "not a number"),
        ("t,i,j,k,v,q\n", "no trade rows"),
    ],
)
def test_malformed_csv_is_refused_and_store_unchanged(samples, store, settings, tmp_path, content,
                                                      message):
    load_file(store, settings, "baci", samples.write_baci_zip(tmp_path / "BACI_HS12_V202501.zip"))
    before = samples.snapshot(store)
    path = tmp_path / "BACI_HS12_Y2022_V202501.csv"
    path.write_text(content)
    (tmp_path / "country_codes_V202501.csv").write_text(samples.BACI_COUNTRY_CODES)
    with pytest.raises(KcbridgeError, match=message):
        load_file(store, settings, "baci", path)
    assert samples.snapshot(store) == before


def test_unknown_countries_can_be_skipped(samples, store, settings, tmp_path):
    path = tmp_path / "BACI_HS12_Y2022_V202501.csv"
    path.write_text("t,i,j,k,v,q\n2022,410,999,854231,1,1\n2022,410,156,854231,2,1\n")
    result = load_file(store, settings, "baci", path, skip_unknown=True)
    assert result.rows == 1 and any("999" in n for n in result.notes)


def test_truncated_zip_is_refused(samples, store, settings, tmp_path):
    path = samples.write_baci_zip(tmp_path / "full.zip")
    cut = tmp_path / "BACI_HS12_V202501.zip"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    before = samples.snapshot(store)
    with pytest.raises(InputError, match="truncated or corrupt"):
        load_file(store, settings, "baci", cut)
    assert samples.snapshot(store) == before


def test_wrong_encoding_is_refused(samples, store, settings, tmp_path):
    path = tmp_path / "BACI_HS12_Y2022_V202501.csv"
    path.write_bytes("t,i,j,k,v,q\n".encode("utf-16"))
    with pytest.raises(InputError, match="UTF-8"):
        load_file(store, settings, "baci", path)


def test_failure_while_writing_rolls_back(samples, store, settings, tmp_path, monkeypatch,
                                          caplog):
    load_file(store, settings, "baci", samples.write_baci_zip(tmp_path / "a.zip", version="202401"))
    before = samples.snapshot(store)

    def broken(**fields):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "record_load", broken)
    path = samples.write_baci_zip(tmp_path / "BACI_HS12_V202501.zip",
                          years={2022: ["2022,410,156,854231,7,1"]})
    with caplog.at_level(logging.ERROR, logger="kcbridge.sources"), \
            pytest.raises(InternalError, match="bug in kcbridge, not a problem with your file. "
                          "The store is unchanged") as caught:
        load_file(store, settings, "baci", path)
    assert "disk full" not in str(caught.value)  # no Python internals in the message
    assert caught.value.status == 500
    assert any("disk full" in str(r.exc_info[1]) for r in caplog.records if r.exc_info)
    assert samples.snapshot(store) == before
