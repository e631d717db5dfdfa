"""The same Ibis expressions on Spark: complementarity of the tiny demo world computed
on DuckDB and on a local PySpark session give the same numbers."""

from __future__ import annotations

import os
import shutil

import pandas as pd
import pytest

from kcbridge.app import Platform
from kcbridge.trade.complementarity import complementarity_profile
from kcbridge.trade.flows import world_exports
from kcbridge.trade.groups import sector_groups

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark_con(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    pyspark = pytest.importorskip("pyspark", reason="pip install -e '.[spark]' for Spark")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java (java on PATH or JAVA_HOME)")
    import ibis
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("kcbridge-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("spark-warehouse")))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    assert pyspark.__version__
    yield ibis.pyspark.connect(session)
    session.stop()


def test_complementarity_same_on_spark_and_duckdb(demo_platform: Platform, spark_con) -> None:  # type: ignore[no-untyped-def]
    flows = demo_platform.store.table("trade_annual")
    kept = flows.filter(flows.year == 2023).select(
        "year", "exporter", "importer", "product", "value_usd"
    )
    frame = kept.to_pandas()
    on_duck = kept  # the store's own DuckDB table
    on_spark = spark_con.create_table("flows", frame, overwrite=True)
    groups = sector_groups(sorted(frame["product"].unique()))

    left = complementarity_profile(on_duck, "KOR", "CHN", groups=groups).summary
    right = complementarity_profile(on_spark, "KOR", "CHN", groups=groups).summary
    cols = ["year", "group", "tci_ab", "tci_ba", "esi", "gl"]
    left = left[cols].sort_values("group").reset_index(drop=True)
    right = right[cols].sort_values("group").reset_index(drop=True)
    assert len(left) >= 10
    pd.testing.assert_frame_equal(left, right, check_dtype=False, atol=1e-9)

    exp_duck = world_exports(on_duck, 2023).to_pandas()
    exp_spark = world_exports(on_spark, 2023).to_pandas()
    key = ["exporter", "product"]
    merged = exp_duck.merge(exp_spark, on=key, suffixes=("_d", "_s"))
    assert len(merged) == len(exp_duck) == len(exp_spark)
    relative = (merged["value_usd_d"] - merged["value_usd_s"]).abs() / merged["value_usd_d"].abs()
    assert relative.max() < 1e-9  # only summation order differs
