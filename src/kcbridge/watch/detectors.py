"""Early-warning detectors over a whole :class:`~kcbridge.watch.panel.SeriesPanel` at once.

Everything here is **causal**: the expected value, the scale and every score of month t
use observations up to month t only (the baseline uses months before t; the score
compares month t with it; the breadth compares month t of the other series of a group).
Scanning the panel cut at month t therefore gives exactly the detections of month t of a
scan over the full panel, which is what makes the backtest honest and a live scan
reproducible.

Lunar New Year (``lunar_new_year``, on by default): January and February are replaced by
their mean before anything else (see
:func:`~kcbridge.watch.baseline.combine_lunar_new_year`) and January is never judged
alone; a February detection is about the two months together (``observed`` is their
monthly mean). The holiday moves shipments between the two months from year to year,
the classic false alarm of monthly Asian trade data.

The model, per series and measure, in logs (``log1p`` of value and quantity, ``log`` of
unit value):

- ``m_t``: median of the 12 previous months (the run rate, immune to seasonality);
- ``s_t``: seasonal factor of month t's calendar month from ``y - m`` in the same month
  of up to ``seasonal_years`` previous years: the smallest of them when all (two or
  more) point the same way, else 0 (see :func:`consistent_seasonal_factor`);
- ``level_t``: median of the deseasonalised ``y - s`` over the previous
  ``level_window`` months; expected ``e_t = level_t + s_t``;
- robust scale ``sigma_t`` from the residuals ``y - e`` of the previous
  ``scale_window`` months (see :func:`~kcbridge.watch.baseline.robust_scale`), floored
  at ``min_scale``; robust z ``z_t = (y_t - e_t) / sigma_t``. With fewer than 12 known
  residuals the scale is unknown and nothing is scored (issue 11, round 8).

History: a series is judged from its ``min_history`` (24th) observed month by every
detector, and from its ``min_history_falls`` (18th, the first with an estimated scale) by
the two whose score has a bounded scale, ``abrupt_collapse`` and ``broad_collapse``
(round 9): a store that began collecting a year and a half before a control still sees a
collapse; rises, changepoints and price spikes wait for the longer history.

Gates (fixed a priori: what an analyst calls an event, whatever the series' noise):
the *collapse gate* of a measure is the measure at or below ``1 - collapse_drop`` of its
expected value; the *front-loading gate* is the measure at least ``1 + front_rise``
times its run rate ``m_t`` and above the same month a year earlier; in both, the other
measure (quantity for value and back) must have moved ``corroborate_z`` sigma the same
way (robust z; run-rate score and above a year earlier), unless it is unknown.
*Breadth* is the share of the other judged (material) series of the same reporter, flow
and control *family* (see :mod:`kcbridge.watch.families`: every destination and every
code of the critical item, e.g. natural and artificial graphite together) whose value
passes the gate of a direction in the same month (an export control hits every
destination of a material at once; noise does not).

Detectors (``direction`` is ``up`` or ``down``):

- ``seasonal_residual``: ``|z| >= residual_z`` (value, quantity);
- ``collapse``: ``z <= -collapse_z`` and the level fell by ``collapse_drop`` or more;
- ``surge``: ``z >= surge_z`` and the level rose by ``surge_rise`` or more;
- ``changepoint``: one-sided CUSUM of z (clipped at +-3, drift ``cusum_k``) reaching
  ``cusum_h``; the sum restarts after an alarm (a fast online changepoint detector);
- ``unit_price_spike``: ``|z| >= unit_value_z`` of the unit value and a relative move of
  ``unit_value_change`` or more;
- ``front_loading``: the front-loading gate and a run-rate score (log rise over the run
  rate / its robust scale) of ``front_z`` or more: buyers rushing before a measure;
- ``sustained_collapse``: the collapse gate passed this month and the month before,
  both with ``z <= -sustained_z`` (a level shift confirmed by a second month);
- ``broad_collapse``: the collapse gate, ``z <= -broad_collapse_z`` and a breadth of
  ``breadth_share`` or more (at least ``breadth_min_others`` other series judged);
- ``broad_surge``: the front-loading gate, a run-rate score of ``broad_surge_z`` or
  more and a breadth of ``breadth_share`` or more;
- ``abrupt_collapse``: the measure at or below ``1 - abrupt_move`` (15 %) of its
  expected level, scored against a scale capped at ``ln(1 / (1 - abrupt_move)) /
  collapse_z`` so that a volatile past cannot absorb such a fall: reportable on its own
  month, without breadth or a second month; the other measure must have fallen by
  ``collapse_drop`` or more too (or be unknown);
- ``substitution`` (import series only): the supplier's imports fell while the other
  suppliers' rose and replaced them (see :mod:`kcbridge.watch.substitution`); raised at
  most once a year per series, outside the shared refractory.

The broad detectors also judge a family's *small* flows: series-months whose expected
value reaches ``broad_min_value_usd`` (no regularity rule), against the breadth of the
family's material series. A fall in quantity with a stable or rising value (a price
spike: fertiliser in 2021) passes the collapse gate and needs no corroboration by the
value where the unit value is steady (its robust scale at most
``steady_unit_value_scale``); in a basket whose product mix moves the kilograms it does.

Corroboration: a value detection of the first four detectors counts only if the quantity
moved at least ``corroborate_z`` sigma the same way that month (and vice versa), unless
the quantity is unknown (the gates of the last four ask the other measure's direction); a real
stop or rush of shipments moves both, while price and product-mix noise moves one.
Materiality: only series-months whose expected value reaches ``min_value_usd``, on flows
that reached it in ``min_material_months`` of the previous 12 months, are judged (the
broad detectors: see above). After
a detection in one direction, the series raises no new one in that direction for
``refractory_months`` (per series and direction, across detectors: an alert that stays
open is not raised again). Missing months (``NaN``) are never judged and are skipped by
the windows, except where a regular flow *stopped* (``stopped_after``, see
:meth:`~kcbridge.watch.panel.SeriesPanel.with_stopped_flows`): customs record no row for
a month without shipments, so a flow that had a row in each of the 12 previous months and
has none in a month its reporter published reads 0 that month; and, under
``broad_stop_after`` (issue 11, round 2), so does a flow that had a row in at least that
many of the 12 previous months, in a month when its family fell broadly (see
:func:`filled_panel`). ``breadth_of_small`` (off by default: it diluted the breadth on
real data) counts the family's small flows in the breadth too. ``breadth_when_few``
(issue 11, round 3; off by default: on real data it made a lumpy five-destination family
"broad" with 2 of 5 others) does so only where the breadth would otherwise be undefined:
a month in which fewer than ``breadth_min_others`` other material series of the family
are judged (a metal sold in small lots to many destinations could have a broad event).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kcbridge.watch.baseline import (
    apply_refractory,
    combine_lunar_new_year,
    consistent_seasonal_factor,
    cusum_alarms,
    group_breadth,
    history_count,
    nanmedian_last,
    nanquantile_last,
    run_rate_ratio,
    seasonal_baseline,
    trailing_windows,
)
from kcbridge.watch.families import product_families
from kcbridge.watch.gates import (
    collapse_and_rise_gates,
    corroborated,
    gated_candidates,
    measure_candidates,
)
from kcbridge.watch.panel import SeriesPanel
from kcbridge.watch.substitution import substitution_signal
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS, Thresholds

DETECTORS = (
    "seasonal_residual", "collapse", "surge", "changepoint", "unit_price_spike",
    "front_loading", "sustained_collapse", "broad_collapse", "broad_surge", "abrupt_collapse",
    "substitution",
)
#: measures each detector looks at
DETECTOR_MEASURES = {
    "seasonal_residual": ("value", "quantity"),
    "collapse": ("value", "quantity"),
    "surge": ("value", "quantity"),
    "changepoint": ("value", "quantity"),
    "unit_price_spike": ("unit_value",),
    "front_loading": ("value", "quantity"),
    "sustained_collapse": ("value", "quantity"),
    "broad_collapse": ("value", "quantity"),
    "broad_surge": ("value", "quantity"),
    "abrupt_collapse": ("value", "quantity"),
    "substitution": ("value",),
}
DETECTION_COLUMNS = [
    "series", "reporter", "partner", "product", "flow", "month", "measure", "detector",
    "direction", "score", "threshold", "observed", "expected", "lower", "upper", "change",
    "expected_value_usd", "breadth",
]
#: the series of one group (reporter, flow and the product's control family, see
#: :mod:`kcbridge.watch.families`) are scanned together (breadth)
GROUP_KEYS = ["reporter", "flow", "family"]
CHUNK_SERIES = 2048
# re-exported building blocks (tests and callers import them from here)
__all__ = [
    "DETECTORS", "apply_refractory", "consistent_seasonal_factor", "cusum_alarms",
    "detect", "expected_band", "filled_panel", "judged_history", "judged_mask", "nanmedian_last",
    "nanquantile_last",
    "trailing_windows",
]


def _material(value: np.ndarray, expected_usd: np.ndarray, th: Thresholds) -> np.ndarray:
    """Expected value >= min_value_usd, and the flow reached min_value_usd in at least
    ``min_material_months`` of the previous 12 months (a new flow is not judged until it
    has a year of material history)."""
    with np.errstate(invalid="ignore"):
        big = (value >= th.min_value_usd).astype(np.int32)
        past = np.cumsum(big, axis=1) - big
        past12 = past - np.concatenate(
            [np.zeros((big.shape[0], 12), np.int32), past[:, :-12]], axis=1
        )[:, : big.shape[1]]
        return (expected_usd >= th.min_value_usd) & (past12 >= th.min_material_months)


def prepared_measures(
    panel: SeriesPanel, rows: np.ndarray, th: Thresholds
) -> dict[str, np.ndarray]:
    """value, quantity and unit value of ``rows`` as the detectors see them (January and
    February combined when ``lunar_new_year``)."""
    value = panel.value[rows]
    quantity = panel.quantity[rows]
    if th.lunar_new_year:
        value = combine_lunar_new_year(value, panel.months)
        quantity = combine_lunar_new_year(quantity, panel.months)
    with np.errstate(divide="ignore", invalid="ignore"):
        unit_value = np.where((value > 0) & (quantity > 0), value / quantity, np.nan)
    return {"value": value, "quantity": quantity, "unit_value": unit_value}


def _judgeable_months(panel: SeriesPanel, th: Thresholds) -> np.ndarray:
    """False for the months never judged on their own (January under lunar_new_year)."""
    if th.lunar_new_year:
        return np.asarray(panel.months.month != 1)
    return np.ones(panel.n_months, bool)


def judged_mask(
    panel: SeriesPanel, thresholds: Thresholds = DEFAULT_THRESHOLDS, *, small: bool = True
) -> np.ndarray:
    """Series-months a scan judges: observed, with ``min_history`` observed months
    before, not a January under ``lunar_new_year``, and either material (every detector
    judges them) or, with ``small``, of an expected value of at least
    ``broad_min_value_usd`` (the broad detectors judge them). The denominator of
    false-alarm rates; ``small=False`` gives the material series-months only."""
    every, material = judged_masks(panel, thresholds)
    return every if small else material


def judged_masks(
    panel: SeriesPanel, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`judged_mask` with and without the small flows, from one pass over the
    baselines (the backtest needs both)."""
    every, material = [], []
    panel = filled_panel(panel, thresholds)
    months_ok = _judgeable_months(panel, thresholds)[None, :]
    for start in range(0, panel.n_series, CHUNK_SERIES):
        rows = np.arange(start, min(start + CHUNK_SERIES, panel.n_series))
        value = prepared_measures(panel, rows, thresholds)["value"]
        y = np.log1p(np.where(value >= 0, value, np.nan))
        expected = np.expm1(seasonal_baseline(y, thresholds)["expected"])
        judged = _material(value, expected, thresholds)
        base = (history_count(y) >= _first_history(thresholds)) & ~np.isnan(y) & months_ok
        material.append(base & judged)
        every.append(base & (judged | (expected >= thresholds.broad_min_value_usd)))
    if not every:
        empty = np.zeros((0, panel.n_months), bool)
        return empty, empty.copy()
    return np.concatenate(every), np.concatenate(material)


def _first_history(th: Thresholds) -> int:
    """Observed months before the first month any detector judges."""
    return min(th.min_history, th.min_history_falls)


def judged_history(
    panel: SeriesPanel, index: int, month: pd.Timestamp, th: Thresholds = DEFAULT_THRESHOLDS
) -> dict[str, Any]:
    """How much history series ``index`` had at ``month``, for an alert's reader:
    ``months`` observed before it, and ``judged_by``: ``all`` (every detector),
    ``falls`` (a young series: only the detectors with a bounded scale, falls of
    abrupt_move or more and falls shared by the family) or ``none``."""
    cut = int(panel.months.searchsorted(month))
    months = int(np.count_nonzero(~np.isnan(panel.value[index, :cut])))
    judged_by = ("all" if months >= th.min_history
                 else "falls" if months >= _first_history(th) else "none")
    return {"months": months, "judged_by": judged_by, "all_from": th.min_history,
            "falls_from": _first_history(th), "abrupt_move": th.abrupt_move}


def group_chunks(
    keys: pd.DataFrame, size: int = CHUNK_SERIES
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Series rows in chunks of about ``size`` that never split a group
    (:data:`GROUP_KEYS`): a list of (rows, first row of each group within the chunk)."""
    if len(keys) == 0:
        return []
    ordered = keys[GROUP_KEYS].astype(str).sort_values(GROUP_KEYS, kind="stable")
    order = ordered.index.to_numpy()
    codes = ordered.groupby(GROUP_KEYS, sort=False).ngroup().to_numpy()
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    chunks, begin = [], 0
    bounds = [*starts[1:], len(order)]
    for i, stop in enumerate(bounds):
        if stop - begin >= size or i == len(bounds) - 1:
            inner = starts[(starts >= begin) & (starts < stop)] - begin
            chunks.append((order[begin:stop], inner))
            begin = stop
    return chunks


# ---- the scan --------------------------------------------------------------------------
def detect(
    panel: SeriesPanel,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    *,
    months: pd.DatetimeIndex | None = None,
) -> pd.DataFrame:
    """Every detection of every series, one row per (series, month, measure, detector,
    direction), columns :data:`DETECTION_COLUMNS`. ``observed``/``expected``/``lower``/
    ``upper`` are in the measure's units (band = expected +- residual_z sigma);
    ``change`` is observed / expected - 1; ``breadth`` is the share of the other series
    of the group passing the gate of the detection's direction that month. ``months``
    restricts the output (not the history used). Series are processed in chunks of whole
    groups to bound memory."""
    keys = with_families(panel.keys)
    panel = filled_panel(panel, thresholds, keys)
    parts = [_detect_chunk(panel, rows, starts, thresholds)
             for rows, starts in group_chunks(keys)]
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if out.empty:
        return empty_detections()
    out["month"] = panel.months[out.pop("month_index").to_numpy()]
    keys = panel.keys.iloc[out["series"].to_numpy()].reset_index(drop=True)
    for col in ("reporter", "partner", "product", "flow"):
        out[col] = keys[col].to_numpy()
    if months is not None:
        out = out[out["month"].isin(months)]
    return out[DETECTION_COLUMNS].sort_values(
        ["month", "series", "detector", "measure"], kind="stable"
    ).reset_index(drop=True)


def filled_panel(
    panel: SeriesPanel, th: Thresholds = DEFAULT_THRESHOLDS, keys: pd.DataFrame | None = None,
    *, only: int | None = None,
) -> SeriesPanel:
    """The panel as the detectors read it: a regular flow's missing month is a stop
    (``stopped_after``, :meth:`SeriesPanel.with_stopped_flows`), and under
    ``broad_stop_after`` so is the missing month of a flow that had a row in at least
    that many of the 12 previous months, in a month when its family fell broadly (the
    value breadth of the collapse gate reaches ``breadth_share``, measured on the
    panel without these fills). Causal: both are known at the month. ``only``: fill
    the group (reporter, flow, family) of that one series only (a chart's read: the
    same values for that group, without judging the others)."""
    panel = panel.with_stopped_flows(th.stopped_after)
    if th.broad_stop_after <= 0 or panel.n_series == 0:
        return panel
    candidates = panel.missing_after(th.broad_stop_after)
    if not candidates.any():
        return panel
    keys = with_families(panel.keys) if keys is None else keys
    fill = np.zeros(candidates.shape, bool)
    if only is not None:
        group = keys[GROUP_KEYS].astype(str)
        mine = (group == group.iloc[only]).all(axis=1).to_numpy()
        rows = np.flatnonzero(mine)
        chunks = [(rows, np.array([0]))]
    else:
        chunks = group_chunks(keys)
    for rows, starts in chunks:
        if not candidates[rows].any():
            continue
        breadth = _chunk_state(panel, rows, starts, th)["breadth"]["down"]
        with np.errstate(invalid="ignore"):
            fill[rows] = candidates[rows] & (breadth >= th.breadth_share)
    return panel.with_zeros(fill)


def with_families(keys: pd.DataFrame) -> pd.DataFrame:
    """``keys`` with a ``family`` column (see :mod:`kcbridge.watch.families`)."""
    families = product_families(keys["product"].astype(str))
    return keys.assign(family=keys["product"].astype(str).map(families))


def empty_detections() -> pd.DataFrame:
    """A detections frame with no rows and the usual column types."""
    types = {"series": "int64", "month": "datetime64[ns]", "score": "float64",
             "threshold": "float64", "observed": "float64", "expected": "float64",
             "lower": "float64", "upper": "float64", "change": "float64",
             "expected_value_usd": "float64", "breadth": "float64"}
    return pd.DataFrame({c: pd.Series(dtype=types.get(c, "object")) for c in DETECTION_COLUMNS})


def _logs(raws: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            "value": np.log1p(np.where(raws["value"] >= 0, raws["value"], np.nan)),
            "quantity": np.log1p(np.where(raws["quantity"] >= 0, raws["quantity"], np.nan)),
            "unit_value": np.log(raws["unit_value"]),
        }


def _chunk_state(
    panel: SeriesPanel, rows: np.ndarray, group_starts: np.ndarray, th: Thresholds
) -> dict[str, Any]:
    """Everything the detectors of one chunk (whole groups) read: the measures, their
    baselines, the gates, the judged masks and the breadth of each direction."""
    raws = prepared_measures(panel, rows, th)
    logs = _logs(raws)
    base = {name: seasonal_baseline(y, th) for name, y in logs.items()}
    expected_value_usd = np.expm1(base["value"]["expected"])
    months_ok = _judgeable_months(panel, th)
    material = _material(raws["value"], expected_value_usd, th) & months_ok
    # the broad detectors also judge a family's small flows (a floor on the expected
    # value instead of the materiality rule)
    small = (expected_value_usd >= th.broad_min_value_usd) & months_ok
    with np.errstate(invalid="ignore", over="ignore"):
        change = {name: np.exp(logs[name] - base[name]["expected"]) - 1.0 for name in logs}
        seen = {name: ~np.isnan(y) & ~np.isnan(base[name]["z"]) for name, y in logs.items()}
        history = {name: history_count(y) for name, y in logs.items()}
        observed = {name: (history[name] >= th.min_history) & seen[name] for name in logs}
        eligible = {name: observed[name] & material for name in logs}
        eligible_broad = {name: observed[name] & (material | small) for name in logs}
        # the bounded-scale fall detectors judge younger series too (min_history_falls)
        young = {name: (history[name] >= _first_history(th)) & seen[name] for name in logs}
        eligible_falls = {"abrupt_collapse": {n: young[n] & material for n in logs},
                          "broad_collapse": {n: young[n] & (material | small) for n in logs}}
        rate = {name: run_rate_ratio(logs[name], base[name]["run_rate"], th)
                for name in ("value", "quantity")}
        # quantity means something alone only where the unit value is steady (one
        # product, not a basket whose mix moves the kilograms)
        steady_price = ((base["unit_value"]["scale"] <= th.steady_unit_value_scale)
                        & (history_count(logs["unit_value"]) >= 12))
        # the abrupt_collapse score divides by a scale capped so that past volatility
        # cannot absorb a fall of abrupt_move (85 %)
        capped = {name: (logs[name] - base[name]["expected"])
                  / np.fmin(base[name]["scale"], th.score_scale_cap) for name in logs}
        gates = collapse_and_rise_gates(logs, {n: b["z"] for n, b in base.items()}, change,
                                        rate, th, steady_price)
        # bounded_gate: whether a series took part in a broad fall is judged with the
        # capped scale too (its own score and the other measure's corroboration); the
        # breadth itself (whether there is a broad event) keeps the uncapped gate
        broad_z = capped if th.bounded_gate else {n: b["z"] for n, b in base.items()}
        broad_gates = (collapse_and_rise_gates(logs, broad_z, change, rate, th, steady_price)
                       if th.bounded_gate else gates)
    # breadth_of_small: the family's small flows count in the breadth too
    judged = eligible_broad["value"] if th.breadth_of_small else eligible["value"]
    breadth = {d: group_breadth(gates[d]["value"], judged, group_starts, th.breadth_min_others)
               for d in ("down", "up")}
    if th.breadth_when_few and not th.breadth_of_small:
        # breadth_when_few: where too few material series are judged for a breadth, count
        # it over every series the broad detectors judge (the small flows too)
        for d in ("down", "up"):
            few = np.isnan(breadth[d])
            if few.any():
                wide = group_breadth(gates[d]["value"], eligible_broad["value"],
                                     group_starts, th.breadth_min_others)
                breadth[d] = np.where(few, wide, breadth[d])
    return {"raws": raws, "logs": logs, "base": base, "expected_value_usd": expected_value_usd,
            "months_ok": months_ok, "change": change, "eligible": eligible,
            "eligible_falls": eligible_falls,
            "eligible_broad": eligible_broad, "rate": rate, "steady_price": steady_price,
            "capped": capped, "gates": gates, "broad_z": broad_z, "broad_gates": broad_gates,
            "breadth": breadth}


def _detect_chunk(
    panel: SeriesPanel, rows: np.ndarray, group_starts: np.ndarray, th: Thresholds
) -> pd.DataFrame:
    st = _chunk_state(panel, rows, group_starts, th)
    raws, logs, base, change = st["raws"], st["logs"], st["base"], st["change"]
    eligible, eligible_broad, rate = st["eligible"], st["eligible_broad"], st["rate"]
    eligible_falls = st["eligible_falls"]
    steady_price, capped, gates = st["steady_price"], st["capped"], st["gates"]
    broad_z, broad_gates, breadth = st["broad_z"], st["broad_gates"], st["breadth"]
    expected_value_usd, months_ok = st["expected_value_usd"], st["months_ok"]
    judged = eligible["value"]
    other = {"value": "quantity", "quantity": "value"}
    found = []
    opened = {"up": np.zeros(judged.shape, bool), "down": np.zeros(judged.shape, bool)}
    for name in logs:
        z = base[name]["z"]
        with np.errstate(invalid="ignore", over="ignore"):
            candidates = measure_candidates(name, z, capped[name], change[name], th)
            if name in other:
                candidates += gated_candidates(
                    z, rate[name]["score"], gates["down"][name], gates["up"][name], breadth, th,
                    broad_z=broad_z[name], broad_down=broad_gates["down"][name])
        for detector, direction, fired, score, threshold in candidates:
            # a fall in quantity with stable or rising value (a price spike) is still a
            # collapse of what is shipped: where the unit value is steady, quantity falls
            # need no corroboration by the value
            if name in other and detector in _CORROBORATED:
                ok = corroborated(base[other[name]]["z"], direction, th.corroborate_z)
                if detector == "abrupt_collapse":  # the other measure fell by a collapse too
                    ok = np.isnan(logs[other[name]]) | (change[other[name]]
                                                       <= -th.collapse_drop)
                if name == "quantity" and direction == "down":
                    ok = ok | steady_price
                fired = fired & ok
            if detector in eligible_falls:
                fired = fired & eligible_falls[detector][name]
            else:
                fired = fired & (eligible_broad[name] if detector in _BROAD else eligible[name])
            opened[direction] |= fired
            found.append((name, detector, direction, fired, score, threshold))
    # one alert per series and direction: months that fall within refractory_months of
    # a kept month are a continuation, not a new alert
    kept = {d: apply_refractory(m, th.refractory_months) for d, m in opened.items()}
    out: list[pd.DataFrame] = []
    for name, detector, direction, fired, score, threshold in found:
        r, c = np.nonzero(fired & kept[direction])
        if len(r) == 0:
            continue
        e, s = base[name]["expected"][r, c], base[name]["scale"][r, c]
        inv = np.exp if name == "unit_value" else np.expm1
        out.append(pd.DataFrame({
            "series": rows[r], "month_index": c, "measure": name, "detector": detector,
            "direction": direction, "score": score[r, c], "threshold": threshold,
            "observed": raws[name][r, c], "expected": inv(e),
            "lower": inv(e - th.residual_z * s), "upper": inv(e + th.residual_z * s),
            "change": change[name][r, c], "expected_value_usd": expected_value_usd[r, c],
            "breadth": breadth[direction][r, c],
        }))
    sub = _substitution_rows(panel, rows, raws["value"], months_ok, th)
    if sub is not None:
        out.append(sub.assign(expected_value_usd=expected_value_usd[
            sub["series_local"].to_numpy(), sub["month_index"].to_numpy()],
            breadth=np.nan).drop(columns="series_local"))
    return pd.concat(out, ignore_index=True) if out else pd.DataFrame()


def _substitution_rows(
    panel: SeriesPanel, rows: np.ndarray, value: np.ndarray, months_ok: np.ndarray,
    th: Thresholds,
) -> pd.DataFrame | None:
    """Substitution detections of the import series of a chunk (once a year per
    series: the signal stays true for a while after the supplier was replaced)."""
    keys = panel.keys.iloc[rows]
    is_import = (keys["flow"] == "import").to_numpy()
    if not is_import.any():
        return None
    product_ids = (keys["reporter"] + "|" + keys["product"] + "|" + keys["flow"]).to_numpy()
    sig = substitution_signal(value, product_ids, is_import, th)
    fired = apply_refractory(sig["fired"] & months_ok[None, :], 12)
    r, c = np.nonzero(fired)
    if len(r) == 0:
        return None
    with np.errstate(invalid="ignore", divide="ignore"):
        change = sig["after"][r, c] / sig["before"][r, c] - 1.0
    return pd.DataFrame({
        "series": rows[r], "series_local": r, "month_index": c, "measure": "value",
        "detector": "substitution", "direction": "down", "score": sig["score"][r, c],
        "threshold": th.substitution_share_drop, "observed": sig["after"][r, c],
        "expected": sig["before"][r, c], "lower": np.nan, "upper": np.nan, "change": change,
    })


#: the detectors that judge a family's small flows too (breadth is their evidence)
_BROAD = {"broad_collapse", "broad_surge"}
#: detectors whose value detection needs the quantity's corroboration (and back)
_CORROBORATED = {"seasonal_residual", "collapse", "surge", "changepoint", "abrupt_collapse"}


def expected_band(
    panel: SeriesPanel, index: int, measure: str = "value",
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> pd.DataFrame:
    """One series' values as the detectors see them (January and February combined
    under ``lunar_new_year``) with the causal expected value and band per month (for
    charts): month, observed, expected, lower, upper, z."""
    panel = filled_panel(panel, thresholds, only=index)
    raws = prepared_measures(panel, np.array([index]), thresholds)
    y = _logs(raws)[measure]
    b = seasonal_baseline(y, thresholds)
    inv = np.exp if measure == "unit_value" else np.expm1
    e, s = b["expected"][0], b["scale"][0]
    return pd.DataFrame({
        "month": panel.months, "observed": raws[measure][0], "expected": inv(e),
        "lower": inv(e - thresholds.residual_z * s), "upper": inv(e + thresholds.residual_z * s),
        "z": b["z"][0],
    })


def measure_units(quantity_unit: str = "") -> dict[str, str]:
    """The unit of each measure: value in USD, quantity in the series' unit (``kg``...),
    unit value in USD per that unit."""
    q = quantity_unit or "units"
    return {"value": "USD", "quantity": q, "unit_value": f"USD/{q}"}


def alert_measures(
    panel: SeriesPanel, index: int, month: Any, units: dict[str, str],
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> pd.DataFrame:
    """Value, quantity and unit value of one series at ``month`` as the detectors saw
    them, each with its unit: measure, unit, observed, expected, lower, upper, change
    (observed / expected - 1) and z."""
    at = int(panel.months.searchsorted(pd.Timestamp(month).to_period("M").to_timestamp()))
    rows = []
    for name in ("value", "quantity", "unit_value"):
        band = expected_band(panel, index, name, thresholds)
        if at >= len(band):
            continue
        r = band.iloc[at]
        with np.errstate(invalid="ignore", divide="ignore"):
            change = r["observed"] / r["expected"] - 1.0 if r["expected"] else np.nan
        rows.append({"measure": name, "unit": units[name], "observed": r["observed"],
                     "expected": r["expected"], "lower": r["lower"], "upper": r["upper"],
                     "change": change, "z": r["z"]})
    return pd.DataFrame(rows)
