"""Reading the flows lake with Spark: the live files of the manifest, as Hive-partitioned
Parquet, with the same mirror rule as DuckDB's ``trade_annual`` view.

The lake's files are plain Parquet under ``<table>/revision=R/year=Y/`` (partition
columns only in the folder names), so ``spark.read.parquet`` with the table folder as
``basePath`` reads them. Read only the files the manifest lists (``Lake.files``): a folder
may hold files of a load that has not committed, or that a newer one superseded and the
next open will remove.

Every file layout is read (see :mod:`kcbridge.store.lake_views`): plain files as they
are; dictionary-coded files decoded exactly as DuckDB's views decode them: the country
codes through the catalogue's per-load dictionary (a small broadcast table); BACI's
files also get HS codes zero-padded to six digits and unit ``kg``.
"""

from __future__ import annotations

from typing import Any

from kcbridge.store.lake import MIRROR_KEY, SIDE_RANK, VIEW_COLUMNS, Lake
from kcbridge.store.lake_coded import COUNTRY_COLUMNS
from kcbridge.store.lake_schema import CODED_UNIT, COUNTRY_CODES, LakeFile


def spark_frame(spark: Any, lake: Lake, table: str, *, reports: bool = False) -> Any:
    """A Spark DataFrame of ``table`` (``trade_annual`` or ``trade_monthly``) as the DuckDB
    views show it; ``reports=True`` gives every annual report (both sides of mirrors)."""
    from pyspark.sql import functions as F  # noqa: N812 - Spark's usual spelling
    from pyspark.sql.window import Window

    files = lake.files(table)
    cols = VIEW_COLUMNS[table]
    if not files:
        return spark.createDataFrame([], _empty_schema(table))
    plain = [f for f in files if not f.coded]
    coded = [f for f in files if f.coded]
    parts = []
    extra = ["reported_by"] if table == "trade_annual" else []
    if plain:
        parts.append(_read(spark, lake, table, plain).select(*cols, *extra))
    if coded:
        parts.append(_decoded(spark, lake, table, coded).select(*cols, *extra))
    frame = parts[0] if len(parts) == 1 else parts[0].unionByName(parts[1])
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


def _read(spark: Any, lake: Lake, table: str, files: list[LakeFile]) -> Any:
    from pyspark.sql import functions as F  # noqa: N812

    frame = (spark.read.option("basePath", str(lake.root / table))
             .parquet(*[str(lake.root / f.path) for f in files]))
    return frame.withColumn("year", F.col("year").cast("smallint"))


def _decoded(spark: Any, lake: Lake, table: str, files: list[LakeFile]) -> Any:
    """Coded files with the columns of plain ones (see the module doc)."""
    from pyspark.sql import functions as F  # noqa: N812

    groups: dict[tuple[str, str], list[LakeFile]] = {}
    for f in files:
        groups.setdefault((str(f.load_id), f.layout or ""), []).append(f)
    out = None
    for (load_id, layout), part in sorted(groups.items()):  # the load is not a column
        rows = [(code, iso3) for _, code, iso3 in lake.country_codes([load_id])]
        codes = spark.createDataFrame(rows, "code int, iso3 string")
        frame = _read(spark, lake, table, part)
        names = (COUNTRY_COLUMNS["trade_annual"] if not layout
                 else COUNTRY_COLUMNS[table])  # plain name -> code column
        for n, (plain, code_col) in enumerate(names.items()):
            joined = F.broadcast(codes.select(F.col("code").alias(f"_c{n}"),
                                              F.col("iso3").alias(plain)))
            frame = frame.join(joined, frame[code_col] == F.col(f"_c{n}"), "left")
        frame = frame.withColumn("load_id", F.lit(load_id))
        if not layout:  # BACI's coded layout
            frame = (frame.withColumn("product", F.lpad(F.col("product_code"), 6, "0"))
                     .withColumn("unit", F.lit(CODED_UNIT))
                     .withColumn("reported_by", F.lit(None).cast("string")))
        elif table == "trade_annual" and "reported_by" not in layout.split(","):
            frame = frame.withColumn("reported_by", F.lit(None).cast("string"))
        out = frame if out is None else out.unionByName(frame, allowMissingColumns=True)
    return out


def _empty_schema(table: str) -> str:
    types = {"year": "smallint", "month": "date", "value_usd": "double",
             "quantity": "double"}
    return ", ".join(f"{c} {types.get(c, 'string')}" for c in VIEW_COLUMNS[table])


__all__ = ["COUNTRY_CODES", "spark_frame"]
