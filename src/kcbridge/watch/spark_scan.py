"""The watch scan on a Spark store as one Spark job.

On DuckDB the scan pulls the monthly flows into one pandas panel and runs the detectors
over it (:meth:`~kcbridge.watch.service.WatchService._flow_alerts`). On Spark the flows
stay in the engine: they are grouped by (reporter, flow) and each group's series go
through ``applyInPandas`` to the *same* pure functions (:func:`~kcbridge.watch.panel.
panel_from_long`, :func:`~kcbridge.watch.detectors.detect`, :func:`~kcbridge.watch.levels.
with_levels`), on the same month axis as the whole panel; only the detections leave the
executors. The driver then builds the alerts (:func:`~kcbridge.watch.alerts.build_alerts`:
mirror flows across reporters, severities) from those detections and the list of series.

Why (reporter, flow) and not the detectors' own groups (reporter, flow, control family):
a flow with no row in a month counts as *stopped* only when its reporter published other
flows of the same direction that month (``SeriesPanel.with_stopped_flows``), which reads
every family of the reporter and direction. A group is therefore one reporter's imports
or exports: the unit of work must fit one executor's memory (about 8 bytes x 2 measures x
months per series).

The answer is the DuckDB scan's, row for row (``tests/watch/test_spark_scan.py``).
"""

from __future__ import annotations

import pickle
from typing import Any

import pandas as pd

from kcbridge.watch.grouped_scan import (
    GROUP,
    alerts_from_groups,
    group_detections,
    on_axis,
    scan_axis,
)
from kcbridge.watch.panel import LONG_COLUMNS, SERIES_KEYS
from kcbridge.watch.thresholds import Thresholds

#: How Spark groups the series for ``applyInPandas`` (see the module doc).
SPARK_GROUP = GROUP


def spark_flow_alerts(store: Any, as_of: str | None, months: int,
                      thresholds: Thresholds) -> pd.DataFrame:
    """The alerts of :meth:`WatchService._flow_alerts` over the store's monthly flows,
    computed as one Spark job (see the module doc)."""
    from pyspark.sql import functions as F  # noqa: N812 - Spark's usual spelling

    from kcbridge.store.lake_spark import spark_frame

    frame = spark_frame(store.spark, store.lake, "trade_monthly")  # read by the executors
    cols = [*LONG_COLUMNS, "quantity"]
    frame = frame.select(*cols).withColumn("month", F.trunc("month", "month"))
    span = frame.agg(F.min("month").alias("lo"), F.max("month").alias("hi")).collect()[0]
    axis, wanted, wanted_plus = scan_axis(span["lo"], span["hi"], as_of, months)
    if as_of:
        frame = frame.filter(F.col("month") <= F.lit(axis[-1].date()))
    th = thresholds

    def run(group: pd.DataFrame) -> pd.DataFrame:
        found = group_detections(group, axis, wanted_plus, th)
        return pd.DataFrame({"payload": [pickle.dumps(found, protocol=5)]})

    parts = (frame.groupBy(*SPARK_GROUP).applyInPandas(run, schema="payload binary")
             .collect())
    keys = (frame.select(*SERIES_KEYS).distinct().toPandas().astype(str)
            .sort_values(SERIES_KEYS).reset_index(drop=True))
    found = [pickle.loads(bytes(r["payload"])) for r in parts]  # noqa: S301 - our own job
    return alerts_from_groups(found, keys, axis, wanted)


__all__ = ["SPARK_GROUP", "group_detections", "on_axis", "spark_flow_alerts"]
