"""BACI year files parsed by Spark, on a Spark store (``pyspark:///DIR``).

On a Spark store the engine that will hold the data parses it: ``spark.read.csv`` with
the file's own header order and BACI's column types (``FAILFAST``: a line Spark cannot
read stops it), the same dictionary-coded columns as the DuckDB path
(:func:`kcbridge.sources.baci._load_coded`: the source's integer country codes, its HS
code text, values in USD and quantities in kg; a row of another year than the file's is
written with the value -1), written by Spark as Parquet into the lake's staging area.

The checks are Spark aggregates over the written files: one pass for the row count,
blanks, minimum and maximum of every column, NaN counts and the distinct codes, one for
repeated (exporter, importer, product) keys. When they pass, the files are moved into
their partition (fsync + atomic rename, :meth:`~kcbridge.store.lake.Lake.adopt`) and the
load commits exactly as a DuckDB load does (one catalogue transaction; a kill before it
leaves the store as it was). When they find anything, the files are removed and the
caller's plain path (DuckDB) reads the file again and says what is wrong, with the same
message as on a DuckDB store. If Spark itself fails (a malformed line, or Spark not
working), the caller falls back to the DuckDB reader and the load notes say so.

On a cluster the lake folder must be on a file system every executor sees at the same
path (see store/spark.py); the staging area is inside it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Literal

from kcbridge.sources.countries import TradeCountryResolver
from kcbridge.sources.validation import MIN_YEAR, max_year

#: Spark SQL types of BACI's columns (HS codes kept as the text the file has).
SPARK_TYPES = {"t": "SMALLINT", "i": "INT", "j": "INT", "k": "STRING", "v": "DOUBLE",
               "q": "DOUBLE"}


def load_coded_spark(sink: Any, files: list[Path], header: list[str], rev: str,
                     resolver: TradeCountryResolver, year: int | None, first: int,
                     notes: list[str]) -> list[Any] | Literal[False] | None:
    """Parse ``files`` (BACI year CSVs of year ``first``; only the rows of ``year`` when
    given) with the sink's Spark session into coded lake files of its load: the files
    (not live until the load commits), ``False`` when a check refused them (the plain
    path must explain), or None when Spark could not do it (the DuckDB path then
    tries, and ``notes`` says why)."""
    from pyspark.sql import functions as F  # noqa: N812 - Spark's usual spelling

    spark = sink.spark
    lake = sink.lake
    if not MIN_YEAR <= first <= max_year():
        return False
    stage = lake.staging()
    try:
        schema = ", ".join(f"`{c}` {SPARK_TYPES.get(c, 'STRING')}" for c in header)
        rows = (spark.read.option("header", "true").option("mode", "FAILFAST")
                .option("nullValue", "NA").schema(schema).csv([str(f) for f in files]))
        if year is not None:
            rows = rows.filter(F.col("t") == int(year))
        quantity = (F.col("q") * 1000.0 if "q" in header
                    else F.lit(None).cast("double"))
        coded = rows.select(
            F.col("i").alias("exporter_code"), F.col("j").alias("importer_code"),
            F.col("k").alias("product_code"),
            F.when(F.col("t") == int(first), F.col("v") * 1000.0).otherwise(-1.0)
            .alias("value_usd"),
            quantity.alias("quantity"))
        out = stage / "spark"
        coded.write.mode("error").parquet(str(out))
        parts = sorted(out.glob("part-*.parquet"))
        codes = checked_codes(spark, str(out), resolver) if parts else None
    except Exception as exc:  # noqa: BLE001 - Spark's errors are Java errors: any of them
        shutil.rmtree(stage, ignore_errors=True)
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(
            exc).__name__
        notes.append(f"Spark could not read the file ({reason}); DuckDB read it instead.")
        return None
    if codes is None:
        shutil.rmtree(stage, ignore_errors=True)
        return False
    adopted = lake.adopt(parts, "trade_annual", sink.load_id, rev, first, codes)
    shutil.rmtree(stage, ignore_errors=True)
    sink.written.extend(adopted)
    return list(adopted)


def checked_codes(spark: Any, folder: str,
                  resolver: TradeCountryResolver) -> list[tuple[int, str]] | None:
    """The country dictionary of the coded Parquet files in ``folder`` when every check
    of the DuckDB path passes (see :func:`kcbridge.sources.baci_checks.coded_codes`), else
    None. Two Spark jobs: one aggregate, one group-by for repeated keys."""
    from pyspark.sql import functions as F  # noqa: N812

    from kcbridge.sources.baci_checks import coded_dictionary

    data = spark.read.parquet(folder)

    def blanks(col: str) -> Any:
        return F.sum(F.col(col).isNull().cast("long")).alias(f"{col}_blank")

    def nans(col: str) -> Any:
        return F.sum(F.isnan(F.col(col)).cast("long")).alias(f"{col}_nan")

    stats = data.agg(
        F.count(F.lit(1)).alias("rows"),
        *[blanks(c) for c in ("exporter_code", "importer_code", "product_code", "value_usd")],
        nans("value_usd"), nans("quantity"),
        F.min("exporter_code").alias("e_min"), F.max("exporter_code").alias("e_max"),
        F.min("importer_code").alias("m_min"), F.max("importer_code").alias("m_max"),
        F.min("value_usd").alias("v_min"), F.max("value_usd").alias("v_max"),
        F.min("quantity").alias("q_min"), F.max("quantity").alias("q_max"),
        F.collect_set("exporter_code").alias("exporters"),
        F.collect_set("importer_code").alias("importers"),
        F.collect_set("product_code").alias("products"),
    ).first()
    if stats is None or not stats["rows"]:
        return None
    if any(stats[f"{c}_blank"] for c in ("exporter_code", "importer_code", "product_code",
                                         "value_usd")):
        return None
    if stats["value_usd_nan"] or stats["quantity_nan"]:
        return None
    if not (0 <= stats["e_min"] and stats["e_max"] < 1024 and 0 <= stats["m_min"]
            and stats["m_max"] < 1024):
        return None
    if not 0 <= stats["v_min"] <= stats["v_max"] < float("inf"):
        return None
    if stats["q_min"] is not None and not 0 <= stats["q_min"] <= stats["q_max"] < float("inf"):
        return None
    codes = coded_dictionary(list(stats["exporters"]), list(stats["importers"]),
                             list(stats["products"]), resolver)
    if codes is None:
        return None
    # one flow per (exporter, importer, product): HS codes compared as numbers (their
    # leading zeros may differ), exact once every code is 1-6 digits
    repeated = (data.groupBy("exporter_code", "importer_code",
                             F.col("product_code").cast("int").alias("product"))
                .count().filter(F.col("count") > 1).limit(1).count())
    return None if repeated else codes


__all__ = ["SPARK_TYPES", "checked_codes", "load_coded_spark"]
