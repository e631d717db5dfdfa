"""Reading the flows lake with Spark: the live files of the manifest, as Hive-partitioned
Parquet, with the same mirror rule as DuckDB's ``trade_annual`` view.

The lake's files are plain Parquet under ``<table>/revision=R/year=Y/`` (partition
columns only in the folder names), so ``spark.read.parquet`` with the table folder as
``basePath`` reads them. Read only the files the manifest lists (``Lake.files``): a folder
may hold files of a load that has not committed, or that a newer one superseded and the
next open will remove.
"""

from __future__ import annotations

from typing import Any

from kcbridge.store.lake import MIRROR_KEY, SIDE_RANK, VIEW_COLUMNS, Lake


def spark_frame(spark: Any, lake: Lake, table: str, *, reports: bool = False) -> Any:
    """A Spark DataFrame of ``table`` (``trade_annual`` or ``trade_monthly``) as the DuckDB
    views show it; ``reports=True`` gives every annual report (both sides of mirrors)."""
    from pyspark.sql import functions as F  # noqa: N812 - Spark's usual spelling
    from pyspark.sql.window import Window

    files = lake.files(table)
    cols = VIEW_COLUMNS[table]
    if not files:
        return spark.createDataFrame([], _empty_schema(table))
    frame = (spark.read.option("basePath", str(lake.root / table))
             .parquet(*[str(lake.root / f.path) for f in files]))
    frame = frame.withColumn("year", F.col("year").cast("smallint"))
    if table != "trade_annual":
        return frame.select(*cols)
    if reports:
        return frame.select(*cols, "reported_by")
    if not any(f.reports for f in files):
        return frame.select(*cols)
    rank = F.expr(SIDE_RANK)
    best = Window.partitionBy(*MIRROR_KEY).orderBy(rank, F.col("load_id"))
    return (frame.withColumn("_rank", F.row_number().over(best))
            .filter(F.col("_rank") == 1).select(*cols))


def _empty_schema(table: str) -> str:
    types = {"year": "smallint", "month": "date", "value_usd": "double",
             "quantity": "double"}
    return ", ".join(f"{c} {types.get(c, 'string')}" for c in VIEW_COLUMNS[table])


__all__ = ["spark_frame"]
