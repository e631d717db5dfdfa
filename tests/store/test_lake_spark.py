"""Spark reads the lake DuckDB wrote: the same rows, the same mirror rule."""

from __future__ import annotations

import os
import shutil

import pytest

from kcbridge.sources import load_file
from kcbridge.store.lake_spark import spark_frame

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    pytest.importorskip("pyspark", reason="pip install -e '.[spark]' for Spark")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java (java on PATH or JAVA_HOME)")
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[1]").appName("kcbridge-lake-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("wh")))
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def rows(frame, cols):
    return sorted(tuple(r[c] for c in cols) for r in frame.collect())


def test_spark_reads_the_lake_like_duckdb(spark, store, settings, tmp_path, files):
    load_file(store, settings, "baci", files.baci(
        tmp_path / "b", 2022, ["2022,410,156,854231,1,1", "2022,410,842,854231,2,1"]))
    load_file(store, settings, "baci", files.baci(tmp_path / "b", 2021,
                                                  ["2021,156,392,870323,3,"]))
    load_file(store, settings, "comtrade", files.write_comtrade(tmp_path / "m.json", [
        files.comtrade("CHN", "KOR", "M", "854231", 1500.0),
        files.comtrade("KOR", "CHN", "X", "854231", 1400.0)]))
    load_file(store, settings, "kcs", files.kcs(
        tmp_path / "k.csv", ['2015.01,중국,854231,칩,100,"5,000",0,0,"5,000"']))
    cols = ["year", "exporter", "importer", "product", "revision", "value_usd", "load_id"]
    duck = store.table("trade_annual").to_pandas()
    expected = sorted(tuple(getattr(r, c) for c in cols) for r in duck.itertuples())
    assert rows(spark_frame(spark, store.lake, "trade_annual"), cols) == expected
    assert (2022, "KOR", "CHN", "854231", "HS2012", 1500.0) in [e[:6] for e in expected]
    # the Comtrade file held both sides of one flow: its reader keeps the importer's
    assert spark_frame(spark, store.lake, "trade_annual", reports=True).count() == 4
    monthly = spark_frame(spark, store.lake, "trade_monthly")
    assert rows(monthly, ["reporter", "partner", "flow", "value_usd"]) == [
        ("KOR", "CHN", "export", 5000.0)]


def created_by(store, f) -> str:  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq

    return str(pq.read_metadata(store.lake.root / f.path).created_by)


@pytest.mark.slow
def test_spark_parses_a_baci_year_into_the_lake_rows_duckdb_writes(
        spark, store, settings, tmp_path, files):
    """`load baci` on a Spark store: Spark reads the CSV itself (the files are Spark's
    Parquet), the same coded layout and the same rows as DuckDB's load of the file;
    a repeated load changes nothing; a bad file is refused with DuckDB's message and
    leaves nothing."""
    from kcbridge.errors import InputError
    from kcbridge.store.spark import SparkStore

    lines = ["2022,410,156,854231,1.5,2", "2022,410,842,10121,2,", "2022,156,410,854231,3,NA",
             "2022,842,392,870323,0.001,0.5", "2022,392,156,30111,12345.678,"]
    path = files.baci(tmp_path / "b", 2022, lines)
    load_file(store, settings, "baci", path)
    sp = SparkStore(f"pyspark://{tmp_path / 'sp'}", master="local[1]")
    try:
        result = load_file(sp, settings, "baci", path)
        assert result.rows == 5 and not any("Spark could not" in n for n in result.notes)
        live = sp.lake.files("trade_annual")
        assert live and all(f.coded and f.year == 2022 for f in live)
        assert all("parquet-mr" in created_by(sp, f) for f in live)  # written by Spark
        assert all("DuckDB" in created_by(store, f) for f in store.lake.files())
        cols = ["year", "exporter", "importer", "product", "revision", "value_usd",
                "quantity", "unit"]

        def table(s, **kw):  # type: ignore[no-untyped-def]
            df = s.table("trade_annual").to_pandas()
            return sorted(map(tuple, df[cols].astype(str).values.tolist()))

        with sp.via_catalogue():  # DuckDB's views over the Spark-written files
            assert table(sp) == table(store)
        assert table(sp) == table(store)  # and Spark reading them
        assert sp.table("lake_countries").count().execute() == 4  # KOR CHN USA JPN
        again = load_file(sp, settings, "baci", path)
        assert again.skipped and len(sp.lake.files("trade_annual")) == len(live)
        bad = files.baci(tmp_path / "bad", 2021, ["2021,410,156,854231,1,1",
                                                  "2021,410,156,854231,2,1"])
        before = files.snapshot(sp)
        with pytest.raises(InputError, match="appear more than once"):
            load_file(sp, settings, "baci", bad)
        assert files.snapshot(sp) == before
        assert not (sp.lake.root / "_staging").exists() or not any(
            (sp.lake.root / "_staging").rglob("*.parquet"))
    finally:
        sp.close()
