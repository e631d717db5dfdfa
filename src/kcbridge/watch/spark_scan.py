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

import numpy as np
import pandas as pd

from kcbridge.errors import InputError
from kcbridge.watch.panel import LONG_COLUMNS, SERIES_KEYS, SeriesPanel, panel_from_long
from kcbridge.watch.thresholds import Thresholds

#: How Spark groups the series for ``applyInPandas`` (see the module doc).
SPARK_GROUP = ["reporter", "flow"]


def on_axis(panel: SeriesPanel, months: pd.DatetimeIndex) -> SeriesPanel:
    """``panel`` on the month axis ``months`` (a superset of its own): months it lacks
    are ``NaN``, as they are in a panel of every series."""
    at = months.get_indexer(panel.months)
    if (at < 0).any():
        raise ValueError("the month axis does not cover the group's months")
    value = np.full((panel.n_series, len(months)), np.nan)
    quantity = np.full((panel.n_series, len(months)), np.nan)
    value[:, at] = panel.value
    quantity[:, at] = panel.quantity
    return SeriesPanel(panel.keys, months, value, quantity)


def group_detections(frame: pd.DataFrame, months: pd.DatetimeIndex, wanted_plus: list[Any],
                     thresholds: Thresholds) -> pd.DataFrame:
    """The detections (with levels) of one group's long rows on the month axis
    ``months``, for the months ``wanted_plus``: what the driver's scan finds for these
    series. ``series`` is dropped (it indexes the group's panel only)."""
    from kcbridge.watch.detectors import detect
    from kcbridge.watch.levels import with_levels

    panel = on_axis(panel_from_long(frame), months)
    detections = detect(panel, thresholds, months=pd.DatetimeIndex(wanted_plus))
    return with_levels(detections, panel, thresholds).drop(columns=["series"])


def spark_flow_alerts(store: Any, as_of: str | None, months: int,
                      thresholds: Thresholds) -> pd.DataFrame:
    """The alerts of :meth:`WatchService._flow_alerts` over the store's monthly flows,
    computed as one Spark job (see the module doc)."""
    from pyspark.sql import functions as F  # noqa: N812 - Spark's usual spelling

    from kcbridge.store.lake_spark import spark_frame
    from kcbridge.watch.alerts import build_alerts

    frame = spark_frame(store.spark, store.lake, "trade_monthly")  # read by the executors
    cols = [*LONG_COLUMNS, "quantity"]
    frame = frame.select(*cols).withColumn("month", F.trunc("month", "month"))
    span = frame.agg(F.min("month").alias("lo"), F.max("month").alias("hi")).collect()[0]
    if span["lo"] is None:
        raise InputError(
            "There is no monthly data to scan.",
            hint="Load monthly trade first (`kcbridge load comtrade FILE` or `kcbridge demo`).")
    axis = pd.date_range(pd.Timestamp(span["lo"]), pd.Timestamp(span["hi"]), freq="MS")
    if as_of:
        cut_at = int(axis.searchsorted(pd.Timestamp(as_of).to_period("M").to_timestamp(),
                                       side="right"))
        if cut_at == 0:
            raise InputError(
                f"No data at or before {pd.Timestamp(as_of):%Y-%m}.",
                hint=f"The data starts in {axis[0]:%Y-%m}; choose a later --as-of month.")
        axis = axis[:cut_at]
        frame = frame.filter(F.col("month") <= F.lit(axis[-1].date()))
    wanted = axis[-max(months, 1):]
    wanted_plus = list(axis[-(len(wanted) + 1):])
    th = thresholds

    def run(group: pd.DataFrame) -> pd.DataFrame:
        found = group_detections(group, axis, wanted_plus, th)
        return pd.DataFrame({"payload": [pickle.dumps(found, protocol=5)]})

    parts = (frame.groupBy(*SPARK_GROUP).applyInPandas(run, schema="payload binary")
             .collect())
    keys = (frame.select(*SERIES_KEYS).distinct().toPandas().astype(str)
            .sort_values(SERIES_KEYS).reset_index(drop=True))
    found = [pickle.loads(bytes(r["payload"])) for r in parts]  # noqa: S301 - our own job
    detections = pd.concat([f for f in found if len(f)], ignore_index=True) if any(
        len(f) for f in found) else (found[0] if found else pd.DataFrame())
    if len(detections):  # the driver's order: by month, then series (sorted keys)
        detections = detections.sort_values(
            ["month", *SERIES_KEYS, "detector", "measure"], kind="stable"
        ).reset_index(drop=True)
    alerts = build_alerts(detections, keys)
    alerts["_earlier"] = ~alerts["month"].isin(wanted)
    alerts = alerts.reset_index(drop=True)
    alerts.attrs.update(as_of=f"{axis[-1]:%Y-%m}", months=[f"{m:%Y-%m-%d}" for m in wanted])
    return alerts


__all__ = ["SPARK_GROUP", "group_detections", "on_axis", "spark_flow_alerts"]
