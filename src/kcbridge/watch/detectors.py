"""Early-warning detectors over a whole :class:`~kcbridge.watch.panel.SeriesPanel` at once.

Everything here is **causal**: the expected value, the scale and every score of month t
use observations up to month t only (the baseline uses months before t; the score
compares month t with it). Scanning the panel cut at month t therefore gives exactly
the detections of month t of a scan over the full panel, which is what makes the
backtest honest and a live scan reproducible.

The model, per series and measure, in logs (``log1p`` of value and quantity, ``log`` of
unit value):

- ``m_t``: median of the 12 previous months (a trailing level immune to seasonality);
- ``s_t``: seasonal factor of month t's calendar month from ``y - m`` in the same month
  of up to ``seasonal_years`` previous years: the smallest of them when all (two or
  more) point the same way, else 0 (see :func:`consistent_seasonal_factor`);
- ``level_t``: median of the deseasonalised ``y - s`` over the previous
  ``level_window`` months; expected ``e_t = level_t + s_t``;
- robust scale ``sigma_t`` from the residuals ``y - e`` of the previous
  ``scale_window`` months: the larger of 1.4826 x MAD and the 90th percentile of the
  absolute deviation / 1.645 (both equal sigma for normal noise; the second keeps
  erratic, heavy-tailed series from raising alarms every few months), floored at
  ``min_scale``; robust z ``z_t = (y_t - e_t) / sigma_t``.

Detectors (``direction`` is ``up`` or ``down``):

- ``seasonal_residual``: ``|z| >= residual_z`` (value, quantity);
- ``collapse``: ``z <= -collapse_z`` and the level fell by ``collapse_drop`` or more;
- ``surge``: ``z >= surge_z`` and the level rose by ``surge_rise`` or more (a
  front-loading surge before a measure takes effect is often the first signal);
- ``changepoint``: one-sided CUSUM of z (clipped at +-3, drift ``cusum_k``) reaching
  ``cusum_h``; the sum restarts after an alarm (a fast online changepoint detector);
- ``unit_price_spike``: ``|z| >= unit_value_z`` of the unit value and a relative move of
  ``unit_value_change`` or more.

Corroboration: a value detection counts only if the quantity moved at least
``corroborate_z`` sigma the same way that month (and vice versa), unless the quantity is
unknown; a real stop or rush of shipments moves both, while price and product-mix noise
moves one. Materiality: only series-months whose expected value reaches
``min_value_usd``, on flows that reached it in ``min_material_months`` of the previous
12 months, are judged (a brand-new flow has no baseline to be judged against). After a
detection in one direction, the series raises no new one in that direction for
``refractory_months`` (per series and direction, across detectors: an alert that
stays open is not raised again).
Missing months (``NaN``) are never judged and are skipped by the windows.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from kcbridge.watch.panel import SeriesPanel
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS, Thresholds

DETECTORS = ("seasonal_residual", "collapse", "surge", "changepoint", "unit_price_spike")
#: measures each detector looks at
DETECTOR_MEASURES = {
    "seasonal_residual": ("value", "quantity"),
    "collapse": ("value", "quantity"),
    "surge": ("value", "quantity"),
    "changepoint": ("value", "quantity"),
    "unit_price_spike": ("unit_value",),
}
DETECTION_COLUMNS = [
    "series", "reporter", "partner", "product", "flow", "month", "measure", "detector",
    "direction", "score", "threshold", "observed", "expected", "lower", "upper", "change",
    "expected_value_usd",
]
CHUNK_SERIES = 2048


# ---- vectorised building blocks -------------------------------------------------------
def trailing_windows(a: np.ndarray, window: int) -> np.ndarray:
    """View of shape (n, T, window): for month t, the values of months t-window..t-1."""
    pad = np.full((a.shape[0], window), np.nan, dtype=a.dtype)
    padded = np.concatenate([pad, a], axis=1)
    return np.lib.stride_tricks.sliding_window_view(padded, window, axis=1)[:, : a.shape[1]]


def nanmedian_last(a: np.ndarray, min_count: int = 1) -> np.ndarray:
    """Median over the last axis ignoring NaN (NaN where fewer than ``min_count`` values).
    Sort-based, so much faster than :func:`numpy.nanmedian` on many short windows."""
    s = np.sort(a, axis=-1)  # NaN sort last
    k = np.sum(~np.isnan(a), axis=-1)
    lo = np.clip((k - 1) // 2, 0, None)[..., None]
    hi = np.clip(k // 2, 0, None)[..., None]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        med = 0.5 * (np.take_along_axis(s, lo, -1) + np.take_along_axis(s, hi, -1))[..., 0]
    return np.where(k >= max(min_count, 1), med, np.nan)


def nanquantile_last(a: np.ndarray, q: float, min_count: int = 1) -> np.ndarray:
    """Quantile ``q`` over the last axis ignoring NaN (lower value, no interpolation)."""
    s = np.sort(a, axis=-1)
    k = np.sum(~np.isnan(a), axis=-1)
    idx = np.clip(np.floor(q * (k - 1)).astype(int), 0, None)[..., None]
    val = np.take_along_axis(s, idx, -1)[..., 0]
    return np.where(k >= max(min_count, 1), val, np.nan)


def consistent_seasonal_factor(deviations: np.ndarray) -> np.ndarray:
    """Seasonal factor from the same calendar month of past years (last axis): kept only
    when at least two years are known and all of them deviate in the same direction,
    and then the smallest of those deviations (a conservative factor: a month counts as
    seasonal only if it was high, or low, every year). Otherwise 0."""
    known = ~np.isnan(deviations)
    n = known.sum(axis=-1)
    filled = np.where(known, deviations, 0.0)
    all_up = np.all(~known | (filled > 0), axis=-1)
    all_down = np.all(~known | (filled < 0), axis=-1)
    smallest = np.min(np.where(known, np.abs(deviations), np.inf), axis=-1)
    sign = np.where(all_up, 1.0, np.where(all_down, -1.0, 0.0))
    factor = sign * np.where(np.isfinite(smallest), smallest, 0.0)
    return np.where((n >= 2) & (sign != 0), factor, 0.0)


def seasonal_baseline(y: np.ndarray, th: Thresholds) -> dict[str, np.ndarray]:
    """Expected log value, robust scale and robust z of every series-month (causal)."""
    m = nanmedian_last(trailing_windows(y, 12), min_count=6)
    dev = y - m
    n, t = y.shape
    lags = []
    for k in range(1, th.seasonal_years + 1):
        shifted = np.full((n, t), np.nan)
        if 12 * k < t:
            shifted[:, 12 * k:] = dev[:, : t - 12 * k]
        lags.append(shifted)
    season = consistent_seasonal_factor(np.stack(lags, axis=-1))
    level = nanmedian_last(trailing_windows(y - season, th.level_window), min_count=6)
    expected = level + season
    resid = y - expected
    past = trailing_windows(resid, th.scale_window)
    center = nanmedian_last(past, min_count=12)
    spread = np.abs(past - center[..., None])
    mad = nanmedian_last(spread, min_count=12)
    tail = nanquantile_last(spread, 0.9, min_count=12)
    scale = np.fmax(np.fmax(1.4826 * mad, tail / 1.645), th.min_scale)
    with np.errstate(invalid="ignore"):
        z = resid / scale
    return {"expected": expected, "scale": scale, "z": z}


def cusum_alarms(
    z: np.ndarray, k: float, h: float, direction: str
) -> tuple[np.ndarray, np.ndarray]:
    """Online one-sided CUSUM of ``z`` per row; returns (alarm mask, statistic). The sum
    restarts at 0 after an alarm. ``NaN`` months add nothing."""
    sign = 1.0 if direction == "up" else -1.0
    zc = np.nan_to_num(np.clip(sign * z, -3.0, 3.0), nan=0.0)
    stat = np.zeros_like(zc)
    alarm = np.zeros(zc.shape, dtype=bool)
    s = np.zeros(zc.shape[0])
    for j in range(zc.shape[1]):
        s = np.maximum(0.0, s + zc[:, j] - k)
        stat[:, j] = s
        fired = s >= h
        alarm[:, j] = fired
        s = np.where(fired, 0.0, s)
    return alarm, stat


def apply_refractory(fired: np.ndarray, months: int) -> np.ndarray:
    """Keep a firing only if the same row did not fire (and was kept) in the previous
    ``months`` months."""
    if months <= 0:
        return fired
    kept = np.zeros_like(fired)
    last = np.full(fired.shape[0], -10**9)
    for j in range(fired.shape[1]):
        ok = fired[:, j] & (j - last > months)
        kept[:, j] = ok
        last = np.where(ok, j, last)
    return kept


def _history_count(y: np.ndarray) -> np.ndarray:
    """Observed months strictly before each month."""
    seen = (~np.isnan(y)).astype(np.int32)
    return np.concatenate([np.zeros((y.shape[0], 1), np.int32), np.cumsum(seen, 1)[:, :-1]], 1)


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


def judged_mask(panel: SeriesPanel, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> np.ndarray:
    """Series-months a scan judges: observed, with ``min_history`` observed months
    before, and an expected value of at least ``min_value_usd`` (the denominator of
    false-alarm rates)."""
    parts = []
    for start in range(0, panel.n_series, CHUNK_SERIES):
        value = panel.value[start: start + CHUNK_SERIES]
        y = np.log1p(np.where(value >= 0, value, np.nan))
        expected = np.expm1(seasonal_baseline(y, thresholds)["expected"])
        parts.append((_history_count(y) >= thresholds.min_history) & ~np.isnan(y)
                     & _material(value, expected, thresholds))
    return np.concatenate(parts) if parts else np.zeros((0, panel.n_months), bool)


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
    ``change`` is observed / expected - 1. ``months`` restricts the output (not the
    history used). Series are processed in chunks to bound memory."""
    parts = []
    for start in range(0, panel.n_series, CHUNK_SERIES):
        stop = min(start + CHUNK_SERIES, panel.n_series)
        parts.append(_detect_chunk(panel, start, stop, thresholds))
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


def empty_detections() -> pd.DataFrame:
    """A detections frame with no rows and the usual column types."""
    types = {"series": "int64", "month": "datetime64[ns]", "score": "float64",
             "threshold": "float64", "observed": "float64", "expected": "float64",
             "lower": "float64", "upper": "float64", "change": "float64",
             "expected_value_usd": "float64"}
    return pd.DataFrame({c: pd.Series(dtype=types.get(c, "object")) for c in DETECTION_COLUMNS})


def _detect_chunk(panel: SeriesPanel, start: int, stop: int, th: Thresholds) -> pd.DataFrame:
    value = panel.value[start:stop]
    quantity = panel.quantity[start:stop]
    raws = {"value": value, "quantity": quantity, "unit_value": panel.unit_value[start:stop]}
    logs = {
        "value": np.log1p(np.where(value >= 0, value, np.nan)),
        "quantity": np.log1p(np.where(quantity >= 0, quantity, np.nan)),
        "unit_value": np.log(raws["unit_value"]),
    }
    base = {name: seasonal_baseline(y, th) for name, y in logs.items()}
    expected_value_usd = np.expm1(base["value"]["expected"])
    material = _material(value, expected_value_usd, th)
    other = {"value": "quantity", "quantity": "value"}
    found = []
    opened = {"up": np.zeros(value.shape, bool), "down": np.zeros(value.shape, bool)}
    for name, y in logs.items():
        b = base[name]
        z = b["z"]
        eligible = (_history_count(y) >= th.min_history) & ~np.isnan(y) & ~np.isnan(z) & material
        with np.errstate(invalid="ignore", over="ignore"):
            change = np.exp(y - b["expected"]) - 1.0
            candidates = _candidates(name, z, change, th)
            partner_z = base[other[name]]["z"] if name in other else None
        for detector, direction, fired, score, threshold in candidates:
            if partner_z is not None:
                fired = fired & _corroborated(partner_z, direction, th.corroborate_z)
            fired = fired & eligible
            opened[direction] |= fired
            found.append((name, detector, direction, fired, score, threshold, change))
    # one alert per series and direction: months that fall within refractory_months of
    # a kept month are a continuation, not a new alert
    kept = {d: apply_refractory(m, th.refractory_months) for d, m in opened.items()}
    rows: list[pd.DataFrame] = []
    for name, detector, direction, fired, score, threshold, change in found:
        r, c = np.nonzero(fired & kept[direction])
        if len(r) == 0:
            continue
        b = base[name]
        e, s = b["expected"][r, c], b["scale"][r, c]
        inv = np.exp if name == "unit_value" else np.expm1
        rows.append(pd.DataFrame({
            "series": r + start, "month_index": c, "measure": name, "detector": detector,
            "direction": direction, "score": score[r, c], "threshold": threshold,
            "observed": raws[name][r, c], "expected": inv(e),
            "lower": inv(e - th.residual_z * s), "upper": inv(e + th.residual_z * s),
            "change": change[r, c], "expected_value_usd": expected_value_usd[r, c],
        }))
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()


def _corroborated(partner_z: np.ndarray, direction: str, minimum: float) -> np.ndarray:
    """True where the other measure (quantity for value, value for quantity) moved at
    least ``minimum`` sigma the same way, or is unknown (no quantity reported)."""
    sign = 1.0 if direction == "up" else -1.0
    with np.errstate(invalid="ignore"):
        return np.isnan(partner_z) | (sign * partner_z >= minimum)


def _candidates(
    measure: str, z: np.ndarray, change: np.ndarray, th: Thresholds
) -> list[tuple[str, str, np.ndarray, np.ndarray, float]]:
    """(detector, direction, fired mask, score, threshold) of one measure."""
    if measure == "unit_value":
        big = np.abs(change) >= th.unit_value_change
        return [
            ("unit_price_spike", "up", (z >= th.unit_value_z) & big, z, th.unit_value_z),
            ("unit_price_spike", "down", (z <= -th.unit_value_z) & big, -z, th.unit_value_z),
        ]
    up_alarm, up_stat = cusum_alarms(z, th.cusum_k, th.cusum_h, "up")
    down_alarm, down_stat = cusum_alarms(z, th.cusum_k, th.cusum_h, "down")
    return [
        ("seasonal_residual", "up", z >= th.residual_z, z, th.residual_z),
        ("seasonal_residual", "down", z <= -th.residual_z, -z, th.residual_z),
        ("collapse", "down", (z <= -th.collapse_z) & (change <= -th.collapse_drop), -z,
         th.collapse_z),
        ("surge", "up", (z >= th.surge_z) & (change >= th.surge_rise), z, th.surge_z),
        ("changepoint", "up", up_alarm, up_stat, th.cusum_h),
        ("changepoint", "down", down_alarm, down_stat, th.cusum_h),
    ]


def expected_band(
    panel: SeriesPanel, index: int, measure: str = "value",
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> pd.DataFrame:
    """One series' observed values with the causal expected value and band per month
    (for charts): month, observed, expected, lower, upper, z."""
    raw = panel.measure(measure)[index: index + 1]
    y = np.log(raw) if measure == "unit_value" else np.log1p(np.where(raw >= 0, raw, np.nan))
    b = seasonal_baseline(y, thresholds)
    inv = np.exp if measure == "unit_value" else np.expm1
    e, s = b["expected"][0], b["scale"][0]
    return pd.DataFrame({
        "month": panel.months, "observed": raw[0], "expected": inv(e),
        "lower": inv(e - thresholds.residual_z * s), "upper": inv(e + thresholds.residual_z * s),
        "z": b["z"][0],
    })
