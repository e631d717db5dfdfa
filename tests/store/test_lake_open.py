"""Opening a lake store: garbage removed, the manifest checked against the files, the
layout readable by other engines, the SYNTHETIC label following the demo rows."""

from __future__ import annotations

import shutil

import pandas as pd
import pyarrow.dataset as ds
import pytest

from kcbridge.errors import StoreError
from kcbridge.sources import load_file
from kcbridge.store import Store


def loaded(url, settings, tmp_path, files) -> Store:
    store = Store(url)
    load_file(store, settings, "baci", files.baci(
        tmp_path / "b", 2022, ["2022,410,156,854231,1,1", "2022,410,842,854231,2,1"]))
    return store


def test_missing_lake_file_is_a_clear_error(url, home, settings, tmp_path, files):
    store = loaded(url, settings, tmp_path, files)
    (live,) = store.lake.files()
    store.close()
    kept = (home / "lake" / live.path).with_name("from-a-backup-0.parquet")
    (home / "lake" / live.path).rename(kept)  # e.g. a restored backup of another state
    with pytest.raises(StoreError, match="is missing") as err:
        Store(url)
    assert live.path.rsplit("/", 1)[-1] in err.value.message
    assert "Restore the folder" in (err.value.hint or "")
    assert kept.is_file()  # a lake that does not match its catalogue loses no file


def test_lake_file_with_other_rows_is_a_clear_error(url, home, settings, tmp_path, files):
    store = loaded(url, settings, tmp_path, files)
    (live,) = store.lake.files()
    store.close()
    path = home / "lake" / live.path
    table = ds.dataset(path).to_table()
    import pyarrow.parquet as pq

    pq.write_table(table.slice(0, 1), path)  # one of the two rows lost
    with pytest.raises(StoreError, match="holds 1 rows where the catalogue recorded 2"):
        Store(url)


def test_files_outside_the_manifest_are_removed_at_open(url, home, settings, tmp_path, files):
    store = loaded(url, settings, tmp_path, files)
    (live,) = store.lake.files()
    store.close()
    stray = home / "lake" / "trade_annual" / "revision=HS2012" / "year=2019" / "x-0.parquet"
    stray.parent.mkdir(parents=True)
    shutil.copy(home / "lake" / live.path, stray)
    dead = home / "tmp" / "kcb_999999999_baci_x"  # a killed load's extracted files
    dead.mkdir(parents=True)
    (dead / "BACI.csv").write_text("t,i,j,k,v,q\n")
    store = Store(url)
    assert not stray.exists() and not stray.parent.exists() and not dead.exists()
    assert store.count("trade_annual") == 2
    store.close()


def test_layout_is_plain_hive_parquet(url, home, settings, tmp_path, files):
    """Another engine (Spark, pyarrow) reads the manifest's files with Hive partitioning
    and, with the catalogue's country dictionary, gets the rows DuckDB's view shows (a
    BACI year is stored dictionary-coded: the file's own country codes and HS text)."""
    store = loaded(url, settings, tmp_path, files)
    (live,) = store.lake.files("trade_annual")
    assert live.coded and "/revision=HS2012/year=2022/" in f"/{live.path}"
    other = ds.dataset([str(home / "lake" / live.path)], format="parquet",
                       partitioning="hive",
                       partition_base_dir=str(home / "lake" / "trade_annual")).to_table()
    assert {"revision", "year", "exporter_code", "product_code"} <= set(other.column_names)
    codes = {code: iso3 for _, code, iso3 in store.lake.country_codes([live.load_id])}
    assert codes == {410: "KOR", 156: "CHN", 842: "USA"}  # only the codes the file uses
    got = other.to_pandas().sort_values("importer_code")
    assert [[codes[c], p, v] for c, p, v in got[["importer_code", "product_code",
                                                "value_usd"]].values.tolist()] == [
        ["CHN", "854231", 1000.0], ["USA", "854231", 2000.0]]
    store.close()


def test_old_store_tables_move_into_the_lake(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE trade_annual (year SMALLINT, exporter VARCHAR, importer VARCHAR, "
                "product VARCHAR, revision VARCHAR, value_usd DOUBLE, quantity DOUBLE, "
                "unit VARCHAR, load_id VARCHAR)")
    con.execute("INSERT INTO trade_annual VALUES (2021, 'KOR', 'CHN', '854231', 'HS2012', 5.0, "
                "NULL, 'kg', 'L1'), (2022, 'KOR', 'CHN', '854231', 'HS2012', 6.0, NULL, 'kg', "
                "NULL)")
    con.close()
    store = Store(f"duckdb://{path}")
    df = store.table("trade_annual").order_by("year").to_pandas()
    assert df.value_usd.tolist() == [5.0, 6.0] and df.load_id.tolist()[0] == "L1"
    assert (tmp_path / "old.lake" / "trade_annual").is_dir()
    assert sorted(f.year for f in store.lake.files()) == [2021, 2022]
    store.close()
    assert Store(f"duckdb://{path}").count("trade_annual") == 2


def demo_rows(store: Store, years: list[int]) -> None:
    """A small synthetic load, written the way the demo writes its world."""
    rows = pd.DataFrame({"year": years, "exporter": "KOR", "importer": "CHN",
                         "product": "854231", "revision": "HS2012", "value_usd": 1.0})
    with store.transaction():
        store.replace("trade_annual", rows, key=(), load_id="demo-1-tiny")
        store.record_load(load_id="demo-1-tiny", format="demo", target="trade_annual",
                          rows=len(rows), synthetic=True, scope="table")


def test_synthetic_label_follows_the_demo_rows(platform, tmp_path, files):
    store = platform.store
    assert not store.is_synthetic()
    demo_rows(store, [2021, 2022])
    assert store.is_synthetic() and platform.status()["synthetic"]
    # a real load into the demo store: demo rows of 2021 remain, so still labelled
    year_2022 = files.baci(tmp_path / "b", 2022, ["2022,410,156,854231,1,1"])
    platform.load("baci", year_2022)
    assert store.is_synthetic() and platform.synthetic
    # the real 2021 file replaces the last demo rows: the label goes
    platform.load("baci", files.baci(tmp_path / "b", 2021, ["2021,410,156,854231,1,1"]))
    assert not store.is_synthetic() and not platform.status()["synthetic"]
    assert store.count("trade_annual") == 2


def test_a_moved_store_folder_reads_its_own_lake(url, home, settings, tmp_path, files):
    store = loaded(url, settings, tmp_path, files)
    store.close()
    moved = tmp_path / "moved"
    shutil.move(str(home), moved)
    store = Store(f"duckdb://{moved / 'kcbridge.duckdb'}")
    assert store.count("trade_annual") == 2  # views now read moved/lake, not home/lake
    sql = store.con.con.execute("SELECT sql FROM duckdb_views() WHERE view_name = "
                                "'trade_annual_reports'").fetchone()[0]
    assert str(moved / "lake") in sql and str(home) + "/" not in sql
    store.close()


def test_footers_are_read_again_only_when_a_file_changed(url, home, settings, tmp_path,
                                                          files, monkeypatch):
    """Opening reads each file's footer once: a later open of the unchanged lake only
    stats the files (the check's outcome is kept in lake/.checked), and a file rewritten
    since is read and refused as before."""
    store = loaded(url, settings, tmp_path, files)
    (live,) = store.lake.files()
    store.close()
    Store(url).close()  # reads the footers, keeps the outcome
    assert (home / "lake" / ".checked").is_file()
    import pyarrow.parquet as pq

    real_read = pq.read_metadata
    calls: list[str] = []

    def counting(path, *args, **kwargs):
        calls.append(str(path))
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(pq, "read_metadata", counting)
    Store(url).close()
    assert calls == []  # unchanged: no footer read
    path = home / "lake" / live.path
    pq.write_table(ds.dataset(path).to_table().slice(0, 1), path)
    with pytest.raises(StoreError, match="holds 1 rows where the catalogue recorded 2"):
        Store(url)
    assert calls == [str(path)]


def test_kept_status_summary_follows_every_load(url, settings, tmp_path, files):
    """``status`` keeps the flows' summary per version of the flows: the same answer as
    computing it, and a new one after each load."""
    from kcbridge.store.summary import _duckdb_flows

    store = loaded(url, settings, tmp_path, files)
    first = store.summary()
    assert first["annual"]["rows"] == first["tables"]["trade_annual"] == 2
    assert store.summary() == first  # kept
    load_file(store, settings, "baci", files.baci(
        tmp_path / "c", 2021, ["2021,410,156,854231,1,1", "2021,156,392,854231,2,1",
                               "2021,392,842,854231,3,1"]))
    second = store.summary()
    assert second["annual"]["rows"] == second["tables"]["trade_annual"] == 5
    assert second["annual"]["years"] == [2021, 2022]
    assert {k: second[k] for k in ("annual", "monthly")} == _duckdb_flows(store)
    store.close()


def test_has_rows_reads_one_row(url, settings, tmp_path, files):
    """``require_rows`` asks for one row (not a count of the decoded lake view): an empty
    store refuses with how to fill it, a loaded one answers."""
    from kcbridge.errors import NotFoundError

    empty = Store(url)
    assert not empty.has_rows("trade_annual")
    with pytest.raises(NotFoundError, match="no rows in trade_annual"):
        empty.require_rows("trade_annual")
    empty.close()
    store = loaded(url, settings, tmp_path, files)
    assert store.has_rows("trade_annual") and store.has_rows("trade_annual_reports")
    assert not store.has_rows("trade_monthly")
    store.close()


def test_annual_years_from_the_manifest_equal_the_rows(url, settings, tmp_path, files):
    from kcbridge.store.summary import annual_years

    store = loaded(url, settings, tmp_path, files)
    load_file(store, settings, "baci", files.baci(
        tmp_path / "c", 2020, ["2020,410,156,854231,1,1"]))
    rows = [int(r[0]) for r in store._raw().execute(
        "SELECT DISTINCT year FROM trade_annual ORDER BY year").fetchall()]
    assert annual_years(store) == rows == [2020, 2022]
    store.close()
