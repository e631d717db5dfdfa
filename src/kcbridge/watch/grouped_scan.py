"""The watch scan one (reporter, flow) group at a time, on any engine.

The detectors judge a series against the other series of its reporter and direction
(breadth over a control family, flows that stopped while the reporter published others:
see :mod:`kcbridge.watch.spark_scan`), and the alerts' mirror flows join reporters. So the
scan splits into groups of one reporter's imports or exports, each run through the same
pure functions (:func:`group_detections`) on the month axis of
the whole table, and one step over every group's detections
(:func:`alerts_from_groups`: the alerts, their mirror flows and severities).

On Spark the groups are an ``applyInPandas`` job. On DuckDB (:func:`duckdb_grouped_alerts`)
the monthly table is read once in (reporter, flow) order as Arrow record batches and each
group is judged as soon as its last row has arrived, so the scan holds one group's series,
not the whole panel: the whole-panel scan held 5.1 GB at 10 M monthly rows and would need
about 26 GB at 50 M (``benchmarks/scale.py``). The answer is the whole-panel scan's, row
for row (``tests/watch/test_grouped_scan.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from kcbridge.errors import InputError
from kcbridge.watch.panel import LONG_COLUMNS, SERIES_KEYS, SeriesPanel, panel_from_long
from kcbridge.watch.thresholds import Thresholds

#: The series of one group are judged together (see the module doc).
GROUP = ["reporter", "flow"]
#: Rows per Arrow record batch read from the engine.
BATCH_ROWS = 1 << 18


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


def parse_month(text: str) -> pd.Timestamp:
    """The first day of the month ``text`` names (YYYY-MM or any date); InputError saying
    how to write it otherwise ("december" is no month of a year)."""
    try:
        return pd.Timestamp(str(text)).to_period("M").to_timestamp()
    except (ValueError, TypeError) as exc:  # OutOfBoundsDatetime is a ValueError
        raise InputError(f"Unreadable month {text!r}.", hint="Write months as YYYY-MM.") from exc


def scan_axis(lo: Any, hi: Any, as_of: str | None, months: int
              ) -> tuple[pd.DatetimeIndex, pd.DatetimeIndex, list[pd.Timestamp]]:
    """The month axis of a scan of data from ``lo`` to ``hi`` (cut at ``as_of``), the
    ``months`` months it reports and those plus the month before (whose detections only
    confirm). InputError when there is no data, or none at or before ``as_of``."""
    if lo is None or hi is None:
        raise InputError(
            "There is no monthly data to scan.",
            hint="Load monthly trade first (`kcbridge load comtrade FILE` or `kcbridge demo`).")
    axis = pd.date_range(pd.Timestamp(lo).to_period("M").to_timestamp(),
                         pd.Timestamp(hi).to_period("M").to_timestamp(), freq="MS")
    if as_of:
        cut_at = int(axis.searchsorted(parse_month(as_of), side="right"))
        if cut_at == 0:
            raise InputError(
                f"No data at or before {pd.Timestamp(as_of):%Y-%m}.",
                hint=f"The data starts in {axis[0]:%Y-%m}; choose a later --as-of month.")
        axis = axis[:cut_at]
    wanted = axis[-max(months, 1):]
    return axis, wanted, list(axis[-(len(wanted) + 1):])


def alerts_from_groups(found: list[pd.DataFrame], keys: pd.DataFrame,
                       axis: pd.DatetimeIndex, wanted: pd.DatetimeIndex) -> pd.DataFrame:
    """The alerts of a scan from each group's detections (with levels) and every series'
    keys (sorted): what :meth:`WatchService._flow_alerts` gives for the whole panel."""
    from kcbridge.watch.alerts import build_alerts

    some = [f for f in found if len(f)]
    detections = pd.concat(some, ignore_index=True) if some else (
        found[0] if found else pd.DataFrame())
    if len(detections):  # the whole scan's order: by month, then series (sorted keys)
        detections = detections.sort_values(
            ["month", *SERIES_KEYS, "detector", "measure"], kind="stable"
        ).reset_index(drop=True)
    alerts = build_alerts(detections, keys)
    alerts["_earlier"] = ~alerts["month"].isin(wanted)
    alerts = alerts.reset_index(drop=True)
    alerts.attrs.update(as_of=f"{axis[-1]:%Y-%m}", months=[f"{m:%Y-%m-%d}" for m in wanted])
    return alerts


def group_frames(batches: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The rows of each group, one frame per group, from frames in group order (a group
    may span several of them; each is yielded once its last row has arrived)."""
    pending: list[pd.DataFrame] = []
    current: tuple[str, str] | None = None
    for frame in batches:
        if frame.empty:
            continue
        labels = list(zip(frame["reporter"].astype(str), frame["flow"].astype(str),
                          strict=True))
        start = 0
        for i in range(1, len(labels) + 1):
            if i < len(labels) and labels[i] == labels[start]:
                continue
            piece, label = frame.iloc[start:i], labels[start]
            if current is not None and label != current:
                yield pd.concat(pending, ignore_index=True)
                pending = []
            pending.append(piece)
            current, start = label, i
    if pending:
        yield pd.concat(pending, ignore_index=True)


def duckdb_grouped_alerts(table: Any, as_of: str | None, months: int,
                          thresholds: Thresholds) -> pd.DataFrame:
    """The alerts of the scan of the monthly ``table`` (an Ibis table of the store),
    judged one (reporter, flow) group at a time as the rows stream in (module doc); the
    list of every series comes from the groups, not from a second read of the table."""
    span = table.aggregate(lo=table.month.min(), hi=table.month.max()).to_pandas()
    axis, wanted, wanted_plus = scan_axis(span["lo"].iloc[0], span["hi"].iloc[0], as_of,
                                          months)
    rows = table.select(*LONG_COLUMNS, "quantity")
    if as_of:  # months of the last day of the axis' month and before
        rows = rows.filter(rows.month < (axis[-1] + pd.DateOffset(months=1)).date())
    ordered = rows.order_by(GROUP)
    batches = (b.to_pandas() for b in ordered.to_pyarrow_batches(chunk_size=BATCH_ROWS))
    found, series = [], []
    for group in group_frames(batches):  # every series is in exactly one group
        series.append(group[SERIES_KEYS].astype(str).drop_duplicates())
        found.append(group_detections(group, axis, wanted_plus, thresholds))
    keys = (pd.concat(series, ignore_index=True).sort_values(SERIES_KEYS)
            .reset_index(drop=True))
    return alerts_from_groups(found, keys, axis, wanted)


__all__ = ["BATCH_ROWS", "GROUP", "alerts_from_groups", "duckdb_grouped_alerts",
           "group_detections", "group_frames", "on_axis", "parse_month", "scan_axis"]
