"""Vectorised, causal building blocks of the early-warning detectors.

Every function works on 2-D arrays of shape ``(series, months)`` and, for month t, uses
months up to t only (windows look at months before t; a score compares month t with
them). ``NaN`` is "not reported" and is skipped by the windows.

- :func:`seasonal_baseline`: expected log value, robust scale and robust z of each month
  (the model of :mod:`kcbridge.watch.detectors`);
- :func:`run_rate_ratio`: month t against the trailing 12-month median and against the
  same month a year earlier (the front-loading test);
- :func:`combine_lunar_new_year`: January and February replaced by their mean;
- :func:`group_breadth`: the share of the *other* series of a group passing a gate in
  the same month (the cross-sectional evidence of a measure that hits every destination);
- :func:`cusum_alarms`, :func:`apply_refractory`: online changepoints and de-duplication.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from kcbridge.watch.thresholds import Thresholds


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


def robust_scale(
    resid: np.ndarray, window: int, floor: float, *, unknown_is_floor: bool = False
) -> np.ndarray:
    """Scale of ``resid`` from its previous ``window`` months: the larger of 1.4826 x MAD
    and the 90th percentile of the absolute deviation / 1.645 (both equal sigma for
    normal noise; the second keeps heavy-tailed series quiet), floored at ``floor``.
    With fewer than 12 known months in the window the scale is unknown (NaN): a score
    against a scale never estimated means nothing, and a CUSUM that summed such scores
    would carry them into the first judged months (issue 11, round 8; before it, the
    floor stood in for the unknown scale: ``unknown_is_floor``)."""
    past = trailing_windows(resid, window)
    center = nanmedian_last(past, min_count=12)
    spread = np.sort(np.abs(past - center[..., None]), axis=-1)  # NaN sort last
    k = np.sum(~np.isnan(spread), axis=-1)
    lo = np.clip((k - 1) // 2, 0, None)[..., None]
    hi = np.clip(k // 2, 0, None)[..., None]
    q90 = np.clip(np.floor(0.9 * (k - 1)).astype(int), 0, None)[..., None]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mad = 0.5 * (np.take_along_axis(spread, lo, -1) + np.take_along_axis(spread, hi, -1))
        tail = np.take_along_axis(spread, q90, -1)
    mad, tail = np.where(k >= 12, mad[..., 0], np.nan), np.where(k >= 12, tail[..., 0], np.nan)
    scale = np.fmax(np.fmax(1.4826 * mad, tail / 1.645), floor)
    return scale if unknown_is_floor else np.where(k >= 12, scale, np.nan)


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
    scale = robust_scale(resid, th.scale_window, th.min_scale,
                         unknown_is_floor=th.unknown_scale_is_floor)
    with np.errstate(invalid="ignore"):
        z = resid / scale
    return {"expected": expected, "scale": scale, "z": z, "run_rate": m}


def run_rate_ratio(y: np.ndarray, run_rate: np.ndarray, th: Thresholds) -> dict[str, np.ndarray]:
    """Month t against the run rate (``run_rate``: the median of the 12 previous months,
    in logs) and against the same month a year earlier: ``rise`` = y - run_rate (log
    ratio), ``yoy`` = y - y[t-12], and ``score`` = rise / the robust scale of past rises
    (how unusual such a jump is for this series)."""
    rise = y - run_rate
    yoy = np.full_like(y, np.nan)
    if y.shape[1] > 12:
        yoy[:, 12:] = y[:, 12:] - y[:, :-12]
    scale = robust_scale(rise, th.scale_window, th.min_scale,
                         unknown_is_floor=th.unknown_scale_is_floor)
    with np.errstate(invalid="ignore"):
        return {"rise": rise, "yoy": yoy, "score": rise / scale}


def combine_lunar_new_year(a: np.ndarray, months: pd.DatetimeIndex) -> np.ndarray:
    """A copy of ``a`` in which each January and the following February both hold the
    mean of the two (the mean of what is known: a January with no February yet keeps its
    own value). The Lunar New Year falls in January or February, so shipments move
    between the two months from year to year; China's customs publish the two months
    together for that reason. February's value is then known only at February's end,
    and a January alone is never judged."""
    out = np.array(a, dtype=float, copy=True)
    for j in np.flatnonzero(months.month == 1):
        if j + 1 < len(months) and months[int(j) + 1].month == 2:
            pair = a[:, j: j + 2]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                mean = np.nanmean(pair, axis=1)
            out[:, j] = mean
            out[:, j + 1] = mean
    return out


def group_breadth(
    passed: np.ndarray, judged: np.ndarray, group_starts: np.ndarray, min_others: int
) -> np.ndarray:
    """Leave-one-out share of the *other* judged series of the same group that pass a
    gate in the same month. Rows must be sorted by group; ``group_starts`` are the first
    row of each group. ``NaN`` where fewer than ``min_others`` other series are judged."""
    if passed.shape[0] == 0:
        return np.full(passed.shape, np.nan)
    hit = (passed & judged).astype(np.int32)
    seen = judged.astype(np.int32)
    sizes = np.diff(np.append(group_starts, passed.shape[0]))
    hit_sum = np.repeat(np.add.reduceat(hit, group_starts, axis=0), sizes, axis=0)
    seen_sum = np.repeat(np.add.reduceat(seen, group_starts, axis=0), sizes, axis=0)
    others = seen_sum - seen
    with np.errstate(invalid="ignore", divide="ignore"):
        share = (hit_sum - hit) / others
    return np.where(others >= max(min_others, 1), share, np.nan)


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


def history_count(y: np.ndarray) -> np.ndarray:
    """Observed months strictly before each month."""
    seen = (~np.isnan(y)).astype(np.int32)
    return np.concatenate([np.zeros((y.shape[0], 1), np.int32), np.cumsum(seen, 1)[:, :-1]], 1)
