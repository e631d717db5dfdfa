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
