"""Dictionary-coded lake files: BACI years in BACI's own codes, every other write coded
by the lake (store/lake_coded.py); decoded by the views exactly as plain files read,
beside plain files of older stores in one table, and never a way around the checks: a
BACI file the coded path cannot vouch for goes through the validating path, which
refuses it with the same message as before."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from kcbridge.errors import InputError
from kcbridge.sources import load_file
from kcbridge.store import Store
from kcbridge.store.lake_schema import FILE_COLUMNS

ROWS = ["2022,410,156,854231,1.5,2", "2022,410,842,10121,2,", "2022,156,410,854231,3,NA"]


def test_coded_year_reads_like_the_plain_path(store, settings, tmp_path, files, monkeypatch):
    path = files.baci(tmp_path / "b", 2022, ROWS)
    load_file(store, settings, "baci", path)
    (live,) = store.lake.files("trade_annual")
    assert live.coded and live.rows == 3
    coded = store.table("trade_annual").order_by(["exporter", "importer"]).to_pandas()
    # the same file through the plain path (no coded sink): the same rows, byte for byte
    from kcbridge.sources import pipeline

    monkeypatch.setattr(pipeline.LakeSink, "coded", property(lambda self: None))
    other = Store(f"duckdb://{tmp_path / 'plain.duckdb'}")
    monkeypatch.delattr(pipeline.LakeSink, "coded")
    load_file(other, settings, "baci", path)
    (validated,) = other.lake.files("trade_annual")  # coded by the lake, not BACI's codes
    assert validated.coded and validated.layout is not None
    plain = other.table("trade_annual").order_by(["exporter", "importer"]).to_pandas()
    cols = ["year", "exporter", "importer", "product", "revision", "value_usd", "quantity",
            "unit"]
    assert coded[cols].astype(str).values.tolist() == plain[cols].astype(str).values.tolist()
    assert coded["product"].tolist() == ["854231", "854231", "010121"]  # zero-padded
    assert coded["value_usd"].tolist() == [3000.0, 1500.0, 2000.0]
    assert coded["quantity"].isna().tolist() == [True, False, True]
    other.close()


def test_coded_and_plain_files_in_one_table(store, settings, tmp_path, files):
    load_file(store, settings, "baci", files.baci(tmp_path / "b", 2022, ROWS))
    load_file(store, settings, "comtrade", files.write_comtrade(tmp_path / "m.json", [
        files.comtrade("JPN", "KOR", "M", "854231", 700.0)]))
    layouts = sorted((f.coded, f.layout or "") for f in store.lake.files("trade_annual"))
    assert layouts == [(True, ""), (True, "exporter_code,importer_code,product,value_usd,"
                                         "quantity,unit,reported_by")]
    got = files.annual(store)
    assert got[(2022, "KOR", "CHN", "854231")] == 1500.0  # BACI's codes
    assert got[(2022, "KOR", "JPN", "854231")] == 700.0  # the lake's (Comtrade, importer side)
    baci_load = next(f.load_id for f in store.lake.files("trade_annual") if not f.layout)
    # deleting some rows of a BACI file rewrites the rest coded with BACI's dictionary
    store.delete_where("trade_annual", importer="USA")
    assert (2022, "KOR", "USA", "010121") not in files.annual(store)
    assert len(files.annual(store)) == 3
    assert all(f.coded and f.layout for f in store.lake.files("trade_annual"))
    rewritten = next(f for f in store.lake.files("trade_annual") if f.load_id == baci_load)
    assert rewritten.rows == 2
    assert {iso3 for _, _, iso3 in store.lake.country_codes([baci_load])} >= {"KOR", "CHN"}


def _as_an_older_kcbridge_left_it(url: str, lake_root: Path) -> None:
    """Turn a store of one lake-coded annual file into what kcbridge wrote before coded
    files: the file plain (ISO3 countries, the load as a column), no dictionary table,
    no ``coded``/``layout`` manifest columns (its views are recreated at open)."""
    con = duckdb.connect(url[len("duckdb://"):])
    ((path,),) = con.execute("SELECT path FROM lake_files").fetchall()
    cols = ", ".join(FILE_COLUMNS["trade_annual"])
    old = lake_root / (path + ".old")
    con.execute(f"COPY (SELECT {cols} FROM trade_annual_reports) TO '{old}' (FORMAT parquet)")
    os.replace(old, lake_root / path)
    con.execute("DROP VIEW trade_annual")
    con.execute("DROP VIEW trade_annual_reports")
    con.execute("DROP TABLE lake_countries")
    con.execute("ALTER TABLE lake_files DROP COLUMN layout")
    con.execute("ALTER TABLE lake_files DROP COLUMN coded")
    con.close()


def test_a_store_from_before_coded_files_opens_and_reads(url, settings, tmp_path, files):
    store = Store(url)
    load_file(store, settings, "comtrade", files.write_comtrade(tmp_path / "m.json", [
        files.comtrade("JPN", "KOR", "M", "854231", 700.0)]))
    root = store.lake.root
    store.close()
    _as_an_older_kcbridge_left_it(url, root)
    import pyarrow.parquet as pq

    (old,) = list((root / "trade_annual").rglob("*.parquet"))
    assert "exporter" in pq.read_schema(old).names  # plain: ISO3 countries in the file
    store = Store(url)
    assert [(f.coded, f.layout) for f in store.lake.files()] == [(False, None)]
    assert files.annual(store) == {(2022, "KOR", "JPN", "854231"): 700.0}
    rows_2021 = [r.replace("2022,", "2021,", 1) for r in ROWS]  # 2022 would replace it
    load_file(store, settings, "baci", files.baci(tmp_path / "b", 2021, rows_2021))
    assert sorted(f.coded for f in store.lake.files("trade_annual")) == [False, True]
    assert len(files.annual(store)) == 4
    # a Comtrade row of the old file's key replaces it: the old file is dropped
    load_file(store, settings, "comtrade", files.write_comtrade(tmp_path / "n.json", [
        files.comtrade("JPN", "KOR", "M", "854231", 800.0)]))
    assert files.annual(store)[(2022, "KOR", "JPN", "854231")] == 800.0
    assert all(f.coded for f in store.lake.files("trade_annual"))
    store.close()
    assert len(files.annual(Store(url))) == 4


@pytest.mark.parametrize(("row", "message"), [
    ("2022,410,156,8542.31,1,1", "invalid HS codes"),  # DuckDB's INTEGER cast would say 8542
    ("2022,410,156,1234567,1,1", "invalid HS codes"),
    ("2022,410,156,854231,-1,1", "negative"),
    ("2022,410,156,854231,nan,1", "no trade value"),
    ("2022,410,156,854231,1,inf", "not a finite"),
    ("2022,410,999,854231,1,1", "999"),  # an unknown country code
    ("1980,410,156,854231,1,1", "year outside"),
    ("2022,410,156,854231,1,1", "appear more than once"),  # ROWS[0] again: a duplicate
])
def test_what_the_coded_path_cannot_vouch_for_is_refused_as_before(
        store, settings, tmp_path, files, row, message):
    path = files.baci(tmp_path / "b", 2022, [ROWS[0], row])
    with pytest.raises(InputError, match=message):
        load_file(store, settings, "baci", path)
    assert store.lake.files() == [] and store.count("trade_annual") == 0
    assert store.table("lake_countries").count().execute() == 0


def test_two_codes_of_one_country_are_checked_as_one(store, settings, tmp_path, files):
    """Codes 156 and 157 both mean China here: two rows that differ only there are the
    same flow (the coded check on raw codes alone would miss it)."""
    folder = tmp_path / "b"
    path = files.baci(folder, 2022, ["2022,410,156,854231,1,1", "2022,410,157,854231,2,1"])
    (folder / "country_codes_V202501.csv").write_text(
        "country_code,country_name,country_iso2,country_iso3\n"
        "156,China,CN,CHN\n157,China (old code),CN,CHN\n410,Rep. of Korea,KR,KOR\n")
    with pytest.raises(InputError, match="appear more than once"):
        load_file(store, settings, "baci", path)


@pytest.mark.parametrize(("rows", "repeated"), [
    ([(2022, 4, 8, "10121"), (2022, 4, 8, "10122"), (2022, 5, 1, "10121")], False),  # in order
    ([(2022, 5, 1, "10121"), (2022, 4, 8, "10121"), (2022, 4, 8, "10122")], False),  # not
    ([(2022, 4, 8, "10121"), (2022, 5, 1, "10121"), (2022, 4, 8, "010121")], True),  # 0-pad
    ([(2022, 4, 8, "10121"), (2021, 4, 8, "10121")], False),  # another year
    ([(2022, 4, 8, "999999"), (2022, 4, 9, "0")], False),  # the packed fields do not overlap
])
def test_repeated_keys_in_any_row_order(rows, repeated):
    from kcbridge.sources.baci_checks import repeated_keys

    con = duckdb.connect()
    con.execute("CREATE TABLE t (year SMALLINT, exporter_code INTEGER, importer_code INTEGER, "
                "product_code VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", [list(r) for r in rows])
    assert repeated_keys(con, "t") is repeated


def test_a_year_file_is_one_file_of_its_partition_without_partition_columns(
        store, settings, tmp_path, files):
    import pyarrow.parquet as pq

    from kcbridge.store.lake_schema import CODED_COLUMNS

    load_file(store, settings, "baci", files.baci(tmp_path / "b", 2022, ROWS))
    (live,) = store.lake.files("trade_annual")
    assert live.path.startswith("trade_annual/revision=HS2012/year=2022/")
    assert pq.read_schema(store.lake.root / live.path).names == CODED_COLUMNS


def test_rows_of_another_year_than_the_first_line_load_through_the_plain_path(
        store, settings, tmp_path, files):
    """The coded write puts a file in the partition of its first line's year; a row of
    another year sends the file down the plain path, which stores both years."""
    rows = [ROWS[0], "2021,410,842,10121,2,", ROWS[2]]
    load_file(store, settings, "baci", files.baci(tmp_path / "b", 2022, rows))
    assert sorted((f.year, f.coded, bool(f.layout))
                  for f in store.lake.files("trade_annual")) == [(2021, True, True),
                                                                 (2022, True, True)]
    assert files.annual(store) == {(2022, "KOR", "CHN", "854231"): 1500.0,
                                   (2021, "KOR", "USA", "010121"): 2000.0,
                                   (2022, "CHN", "KOR", "854231"): 3000.0}


def test_a_row_without_a_year_is_refused_and_leaves_nothing(store, settings, tmp_path, files):
    path = files.baci(tmp_path / "b", 2022, [ROWS[0], ",410,842,10121,2,"])
    with pytest.raises(InputError, match="year"):
        load_file(store, settings, "baci", path)
    assert store.lake.files() == [] and store.count("trade_annual") == 0


def test_a_pre_lake_store_of_a_recorded_load_migrates_into_coded_files(tmp_path):
    """Base tables of a store from before the lake: the rows of a recorded load become
    coded files with that load's dictionary (countries decode), untagged rows plain."""
    path = tmp_path / "old.duckdb"
    store = Store(f"duckdb://{path}")  # the catalogue's tables, with one recorded load
    store.record_load(load_id="L1", format="comtrade", target="trade_monthly", rows=2)
    store.close()
    con = duckdb.connect(str(path))
    for view in ("trade_annual", "trade_annual_reports", "trade_monthly"):
        con.execute(f"DROP VIEW {view}")
    con.execute("DELETE FROM lake_files")
    con.execute("CREATE TABLE trade_monthly (month DATE, reporter VARCHAR, partner VARCHAR, "
                "flow VARCHAR, product VARCHAR, revision VARCHAR, value_usd DOUBLE, "
                "quantity DOUBLE, unit VARCHAR, load_id VARCHAR)")
    con.execute("INSERT INTO trade_monthly VALUES "
                "('2023-01-01', 'KOR', 'CHN', 'M', '854231', 'HS2017', 5.0, NULL, 'kg', 'L1'), "
                "('2023-02-01', 'CHN', 'KOR', 'X', '2504', 'HS2017', 7.0, 2.0, 'kg', 'L1'), "
                "('2023-03-01', 'JPN', 'KOR', 'M', '2504', 'HS2017', 9.0, NULL, 'kg', NULL)")
    con.close()
    store = Store(f"duckdb://{path}")
    got = store.table("trade_monthly").order_by("month").to_pandas()
    assert got[["reporter", "partner", "flow", "product", "value_usd"]].values.tolist() == [
        ["KOR", "CHN", "M", "854231", 5.0], ["CHN", "KOR", "X", "2504", 7.0],
        ["JPN", "KOR", "M", "2504", 9.0]]
    assert got["load_id"].tolist()[:2] == ["L1", "L1"]
    layouts = sorted((str(f.load_id), f.coded) for f in store.lake.files("trade_monthly"))
    assert layouts == [("L1", True), ("None", False)]
    assert sorted(iso3 for _, _, iso3 in store.lake.country_codes(["L1"])) == ["CHN", "KOR"]
    store.close()
