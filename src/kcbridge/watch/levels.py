"""Alert levels: a provisional signal (``watch``) and a confirmed warning (``warning``).

An early-warning desk reports a move on its own month and calls it a *warning* only once
a second, independent piece of evidence confirms it. Every detection is a ``watch`` on
its month; its series-month becomes a ``warning`` when one of these holds (the first
that holds gives ``confirmed_month`` and ``confirmation``):

1. **breadth** (same month): 40 % or more (``breadth_share``) of the other judged
   series of the control family moved the same way that month (an export control hits
   every destination at once; noise does not);
2. **a detector whose evidence spans several months** (same month):
   ``sustained_collapse`` (two months through the collapse gate) and ``substitution``
   (three-month means of the supplier and the others);
2b. **a stop** (same month; issue 11, round 10, ``stop_share``): a fall whose value, and
   quantity where the series reports one, are at or below 5 % of the median of their own
   12 months before, in a series none of whose 24 months before was such a month (see
   :func:`stops`). A flow that all but stops is the strongest single-month evidence
   there is; one that often nearly stops is not judged by it;
3. **the month before** (same month), **for a rise** (issue 11, round 5: and for a fall
   only under ``confirm_month_before_falls``): the measure that fired was already at or
   above ``1 + confirm_rise`` (at or below ``1 - confirm_drop``) of the expected level of
   the detection month the month before: the move spans two months. Under
   ``confirm_before_at_gate`` that month must have passed the move's own gate
   (``surge_rise`` / ``collapse_drop``). A fall already half-way down the month before is
   how a lumpy flow's ordinary dips look; a fall's persistence is read from the
   following month instead;
4. **the following month** (``month + 1``): the measure did not come back: it stays at
   or below ``1 - confirm_drop`` (a fall) or at or above ``1 + confirm_rise`` (a rise)
   of the detection month's expected level. A unit-price spike is confirmed when the
   unit value still differs by ``unit_value_change`` in the same direction. A regular
   flow with no row in a month its reporter published reads 0 (a stop that lasts);
5. **a restriction statement** in the documents (in a scan, not in the backtests: see
   :func:`corroborate_with_statements`; added after the 2023-24 measurement).

Rules 3 and 4 ask a move to persist; under ``lumpy_share`` (issue 11, round 3; off by
default, see :mod:`kcbridge.watch.thresholds`) they do not confirm a detection on a
series that is *lumpy in its direction* (see :func:`lumpy_directions`): one whose own
months often move by half. There two half-size months in a row are ordinary, not a
second piece of evidence; breadth, the multi-month detectors and statements still
confirm.

Numbers: ``confirm_drop`` and ``confirm_rise`` 0.5 ("the flow did not recover to within
half of its level"; the substitution rule's "half the flow lost"); breadth reuses
``breadth_share`` (0.4). Fixed on 2026-12-05 before the mechanism was run on 2023-24
data (see the README section of the watch).

Causality: a ``warning`` confirmed by the following month is known only at the end of
that month (``confirmed_month``); the backtest dates it there. Months are read as the
detectors read them (January and February combined) except for the following month:
when it is a January, January's own value is used (known at its end; the combined
value would need February). The month before a February is December (January is part
of February's combined value).

The refractory of the detectors is unchanged: an unconfirmed ``watch`` still holds the
series' refractory months in its direction.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kcbridge.watch.baseline import nanmedian_last, trailing_windows
from kcbridge.watch.panel import SeriesPanel
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS, Thresholds

LEVELS = ("watch", "warning")
#: detectors whose evidence already spans more than one month
MULTI_MONTH = {"sustained_collapse", "substitution"}
LEVEL_COLUMNS = ["series", "month", "level", "confirmed_month", "confirmation"]


def _stopped_reads(panel: SeriesPanel, th: Thresholds) -> tuple[np.ndarray, np.ndarray]:
    """value and quantity, raw (January alone), with a month that has no row read as 0
    where the reporter published other flows that month and the series had a row in at
    least ``stopped_after`` of the 12 months before the *previous* month (so that a stop
    that lasts a second month still reads 0)."""
    filled = panel.with_stopped_flows(th.stopped_after)
    value, quantity = filled.value.copy(), filled.quantity.copy()
    if th.stopped_after <= 0 or panel.n_series == 0:
        return value, quantity
    seen = ~np.isnan(panel.value)
    group = panel.keys["reporter"].astype(str) + "|" + panel.keys["flow"].astype(str)
    codes, uniques = pd.factorize(group)
    published = np.zeros((len(uniques), panel.n_months), bool)
    np.logical_or.at(published, codes, seen)
    count = np.cumsum(seen, axis=1, dtype=np.int32) - seen
    past12 = count - np.concatenate(
        [np.zeros((panel.n_series, 12), np.int32), count[:, :-12]], axis=1)[:, : panel.n_months]
    regular_before = np.zeros_like(past12, dtype=bool)
    regular_before[:, 1:] = past12[:, :-1] >= th.stopped_after
    stopped = np.isnan(value) & published[codes] & regular_before
    return np.where(stopped, 0.0, value), np.where(stopped, 0.0, quantity)


#: months of a series' own past read for its lumpiness, and how many must be observed
LUMPY_WINDOW, LUMPY_MIN_OBSERVED = 24, 12


def _window_sum(mask: np.ndarray, window: int) -> np.ndarray:
    """Per row and month t: how many of months t-window..t-1 are True."""
    count = np.cumsum(mask, axis=1, dtype=np.int32) - mask
    lagged = np.zeros_like(count)
    lagged[:, window:] = count[:, :-window]
    return count - lagged


def lumpy_directions(
    measures: dict[str, np.ndarray], th: Thresholds = DEFAULT_THRESHOLDS
) -> dict[tuple[str, str], np.ndarray]:
    """``(measure, direction) -> (series, month)`` mask, for value and quantity: the
    series is *lumpy* in that direction at month t when, among its observed months of
    the :data:`LUMPY_WINDOW` before t (at least :data:`LUMPY_MIN_OBSERVED` observed), a
    share of ``lumpy_share`` or more were at or below ``1 - confirm_drop`` (``down``) or
    at or above ``1 + confirm_rise`` (``up``) times the median of their own 12 previous
    months. Causal (months before t only). All False when ``lumpy_share`` is 0."""
    out: dict[tuple[str, str], np.ndarray] = {}
    for name in ("value", "quantity"):
        x = measures[name]
        if th.lumpy_share <= 0 or x.size == 0:
            for direction in ("down", "up"):
                out[(name, direction)] = np.zeros(x.shape, bool)
            continue
        median = nanmedian_last(trailing_windows(x, 12), min_count=6)
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = x / median
            seen = ~np.isnan(ratio)
            moved = {"down": seen & (ratio <= 1.0 - th.confirm_drop),
                     "up": seen & (ratio >= 1.0 + th.confirm_rise)}
        n_seen = _window_sum(seen, LUMPY_WINDOW)
        for direction, hit in moved.items():
            n_hit = _window_sum(hit, LUMPY_WINDOW)
            out[(name, direction)] = ((n_seen >= LUMPY_MIN_OBSERVED)
                                      & (n_hit >= th.lumpy_share * n_seen))
    return out


def stops(measures: dict[str, np.ndarray], rows: np.ndarray, col: np.ndarray,
          th: Thresholds = DEFAULT_THRESHOLDS) -> np.ndarray:
    """Per detection (series ``rows``, month ``col``): whether the flow *stopped* that
    month: its value, and its quantity where the series reports one, at or below
    ``stop_share`` of the median of their own 12 months before (6 or more observed),
    while none of its 24 months before (12 or more observed) was such a month by value
    (a flow that often nearly stops is not stopping now). Causal: months before only."""
    out = np.zeros(len(rows), bool)
    if not len(rows):
        return out
    mine, local = np.unique(rows, return_inverse=True)
    ratio = {}
    for name in ("value", "quantity"):
        x = measures[name][mine]
        median = nanmedian_last(trailing_windows(x, 12), min_count=6)
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio[name] = np.where(median > 0, x / median, np.nan)
    low = {n: ratio[n] <= th.stop_share for n in ratio}  # NaN compares False
    seen = ~np.isnan(ratio["value"])
    earlier = _window_sum(low["value"], LUMPY_WINDOW)
    regular = (_window_sum(seen, LUMPY_WINDOW) >= LUMPY_MIN_OBSERVED) & (earlier == 0)
    quantity_known = ~np.isnan(ratio["quantity"])
    stopped = low["value"] & (low["quantity"] | ~quantity_known) & regular
    return stopped[local, col]


def alert_levels(
    detections: pd.DataFrame, panel: SeriesPanel, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> pd.DataFrame:
    """The level of every series-month with a detection: columns
    :data:`LEVEL_COLUMNS` (see the module docstring). ``detections`` are those of
    :func:`~kcbridge.watch.detectors.detect` on ``panel`` (or on panels cut from it:
    the live replay); ``panel`` holds the data known when the levels are read, so a
    detection in its last month can only be confirmed by the same month's evidence."""
    th = thresholds
    if detections.empty:
        return pd.DataFrame({c: pd.Series(dtype="datetime64[ns]" if "month" in c else
                                          ("int64" if c == "series" else "object"))
                             for c in LEVEL_COLUMNS})
    d = detections.reset_index(drop=True)
    col = panel.months.get_indexer(pd.DatetimeIndex(d["month"]))
    rows = d["series"].to_numpy(dtype=int)
    value, quantity = _stopped_reads(panel, th)
    from kcbridge.watch.detectors import prepared_measures

    combined = prepared_measures(panel.with_stopped_flows(th.stopped_after),
                                 np.arange(panel.n_series), th)
    with np.errstate(divide="ignore", invalid="ignore"):
        unit_value = np.where((value > 0) & (quantity > 0), value / quantity, np.nan)
    raw = {"value": value, "quantity": quantity, "unit_value": unit_value}
    n_months = panel.n_months
    nxt = col + 1
    has_next = nxt < n_months
    prev = col - 1
    if th.lunar_new_year:  # the month before a February is December
        prev = np.where(panel.months[col].month == 2, col - 2, prev)
    has_prev = prev >= 0
    measure = d["measure"].to_numpy()
    expected = d["expected"].to_numpy(dtype=float)
    up = (d["direction"] == "up").to_numpy()
    next_obs = np.full(len(d), np.nan)
    prev_obs = np.full(len(d), np.nan)
    for name in ("value", "quantity", "unit_value"):
        mine = measure == name
        at = mine & has_next
        next_obs[at] = raw[name][rows[at], nxt[at]]
        at = mine & has_prev
        prev_obs[at] = combined[name][rows[at], prev[at]]
    with np.errstate(divide="ignore", invalid="ignore"):
        next_change = next_obs / expected - 1.0
        prev_change = prev_obs / expected - 1.0
    is_uv = measure == "unit_value"
    drop = np.where(is_uv, th.unit_value_change, th.confirm_drop)
    rise = np.where(is_uv, th.unit_value_change, th.confirm_rise)

    def persists(change: np.ndarray, drop: np.ndarray = drop,
                 rise: np.ndarray = rise) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return np.where(up, change >= rise, change <= -drop) & ~np.isnan(change)

    breadth = d["breadth"].to_numpy(dtype=float) if "breadth" in d else np.full(len(d), np.nan)
    by_breadth = np.nan_to_num(breadth, nan=0.0) >= th.breadth_share
    multi = d["detector"].isin(MULTI_MONTH).to_numpy()
    # lumpy_share: the persistence rules do not confirm on a series lumpy in the
    # detection's direction (computed on the detected series only)
    lumpy = np.zeros(len(d), bool)
    if th.lumpy_share > 0:
        mine_rows, local = np.unique(rows, return_inverse=True)
        lumps = lumpy_directions({n: combined[n][mine_rows] for n in ("value", "quantity")},
                                 th)
        for (name, direction), mask in lumps.items():
            at = (measure == name) & (up == (direction == "up"))
            lumpy[at] = mask[local[at], col[at]]
    # round 5: the month before at the move's own gate (a two-month collapse or surge)
    # and, under confirm_month_before_falls=False, for rises only
    before_drop = np.where(is_uv, th.unit_value_change,
                           th.collapse_drop if th.confirm_before_at_gate else th.confirm_drop)
    before_rise = np.where(is_uv, th.unit_value_change,
                           th.surge_rise if th.confirm_before_at_gate else th.confirm_rise)
    by_prev = (persists(prev_change, before_drop, before_rise) & th.confirm_month_before
               & (up | th.confirm_month_before_falls) & ~lumpy)
    by_next = persists(next_change) & has_next & ~lumpy
    by_stop = ~up & stops(combined, rows, col, th) if th.stop_share > 0 else np.zeros(len(d), bool)
    month = pd.DatetimeIndex(d["month"])
    next_month = month + pd.DateOffset(months=1)
    confirmation = np.select(
        [by_breadth, multi, by_stop, by_prev, by_next],
        [[f"breadth {b:.0%} of the family" for b in breadth],
         [f"{x} spans several months" for x in d["detector"]],
         [f"the flow stopped (at most {th.stop_share:.0%} of its level)"] * len(d),
         [f"the month before already {c:+.0%}" for c in prev_change],
         [f"{m:%Y-%m} still {c:+.0%}" for m, c in zip(next_month, next_change, strict=True)]],
        default="")
    confirmed_at = np.where(by_breadth | multi | by_stop | by_prev, month.values,
                            np.where(by_next, next_month.values,
                                     np.datetime64("NaT")))
    out = pd.DataFrame({"series": rows, "month": month, "confirmed_month": confirmed_at,
                        "confirmation": confirmation})
    out["confirmed_month"] = pd.to_datetime(out["confirmed_month"])
    # per series-month: the earliest confirmation (same month before the following one)
    out = out.sort_values(["series", "month", "confirmed_month"], na_position="last",
                          kind="stable").drop_duplicates(["series", "month"])
    out["level"] = np.where(out["confirmed_month"].notna(), "warning", "watch")
    out.loc[out["level"] == "watch", "confirmation"] = ""
    return out[LEVEL_COLUMNS].reset_index(drop=True)


def with_levels(
    detections: pd.DataFrame, panel: SeriesPanel, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> pd.DataFrame:
    """``detections`` with the level columns of their series-month merged in."""
    levels = alert_levels(detections, panel, thresholds)
    return detections.merge(levels, on=["series", "month"], how="left")


#: months before an alert in which a restriction statement corroborates it
STATEMENT_MONTHS = 3


def corroborate_with_statements(alerts: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """``alerts`` (flow alerts with their levels) where a ``watch`` becomes a ``warning``
    when a restriction statement read from the documents corroborates it: a
    ``news_restriction`` alert (see :mod:`kcbridge.watch.news`) by the country that
    supplies the flow (the reporter of an export, the partner of an import) naming one of
    the alert's critical items, published in the alert's month or the
    :data:`STATEMENT_MONTHS` months before. Added after the 2023-24 measurement; no
    measured figure depends on it (the backtests read no documents)."""
    if alerts.empty or statements.empty or "level" not in alerts.columns:
        return alerts
    out = alerts.copy()
    said = statements.assign(month=pd.to_datetime(statements["month"])).to_dict("records")
    items = [set(filter(None, str(s["critical_items"]).split(";"))) for s in said]
    level = out["level"].tolist()
    confirmed = out["confirmed_month"].tolist()
    why = out["confirmation"].tolist()
    for i, row in enumerate(out.to_dict("records")):
        if level[i] == "warning" or not row.get("critical_items"):
            continue
        supplier = row["reporter"] if row["flow"] == "export" else row["partner"]
        mine = set(str(row["critical_items"]).split(";"))
        month = pd.Timestamp(row["month"])
        start = month - pd.DateOffset(months=STATEMENT_MONTHS)
        for s, named in zip(said, items, strict=True):
            if s["reporter"] == supplier and named & mine and start <= s["month"] <= month:
                level[i], confirmed[i] = "warning", month
                why[i] = f"restriction statement {s['month']:%Y-%m} ({s['alert_id']})"
                break
    out["level"], out["confirmation"] = level, why
    out["confirmed_month"] = pd.to_datetime(pd.Series(confirmed, index=out.index))
    return out
