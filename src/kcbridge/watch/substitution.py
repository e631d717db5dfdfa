"""Substitution on the importer side: imports of one product from the hit supplier fall
while imports of it from the other suppliers rise.

For an import series (reporter R, supplier S, product p) at month t, with ``w`` =
``substitution_window`` months *after* (t-w+1..t) and the 12 months *before* them
(t-w-11..t-w), causal:

- S's mean monthly imports after are at most ``1 - substitution_drop`` of before, and S
  was a material supplier before (mean >= ``min_value_usd``, share >= ``substitution_min_share``);
- the other suppliers' total rose by ``substitution_rise`` or more and the rise covers
  at least ``substitution_cover`` of what S lost (they are replacing it, not merely
  growing with a market that shrank for S);
- S's share of R's imports of p fell by ``substitution_share_drop`` or more.

Months without a row count as no imports (0) here: a supplier that stops shipping
simply disappears from an importer's customs records. The signal's score is the share
S lost (points of share), its threshold ``substitution_share_drop``.

:func:`supplier_shares` gives the before/after table the alert page shows and
:func:`replacing_suppliers` the suppliers that already began to replace S (the
contingency plan ranks them first).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kcbridge.watch.panel import SeriesPanel
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS, Thresholds

BEFORE_MONTHS = 12
SHARE_COLUMNS = ["partner", "before_usd", "after_usd", "share_before", "share_after",
                 "share_change", "change"]


def _trailing_mean(a: np.ndarray, window: int, lag: int = 0) -> np.ndarray:
    """Mean of months t-lag-window+1 .. t-lag (NaN where the window starts before the data)."""
    c = np.concatenate([np.zeros((a.shape[0], 1)), np.cumsum(a, axis=1)], axis=1)
    t = a.shape[1]
    out = np.full(a.shape, np.nan)
    end = np.arange(t) - lag + 1          # exclusive end index into c
    start = end - window
    ok = start >= 0
    out[:, ok] = (c[:, end[ok]] - c[:, start[ok]]) / window
    return out


def substitution_signal(
    value: np.ndarray, product_ids: np.ndarray, is_import: np.ndarray,
    th: Thresholds = DEFAULT_THRESHOLDS,
) -> dict[str, np.ndarray]:
    """Vectorised signal over series x months. ``product_ids`` groups the rows that are
    the suppliers of one (reporter, product, flow); ``is_import`` marks import rows.
    Returns ``fired``, ``score`` (share lost), ``before``, ``after`` (mean monthly USD of
    the hit supplier) and ``share_before``/``share_after``."""
    w = th.substitution_window
    v = np.nan_to_num(np.where(value > 0, value, 0.0))
    after = _trailing_mean(v, w)
    before = _trailing_mean(v, BEFORE_MONTHS, lag=w)
    _, inverse = np.unique(product_ids, return_inverse=True)
    n_groups = int(inverse.max()) + 1 if len(inverse) else 0
    total_after = np.zeros((n_groups, v.shape[1]))
    total_before = np.zeros((n_groups, v.shape[1]))
    np.add.at(total_after, inverse, np.nan_to_num(after))
    np.add.at(total_before, inverse, np.nan_to_num(before))
    tot_a, tot_b = total_after[inverse], total_before[inverse]
    others_a, others_b = tot_a - np.nan_to_num(after), tot_b - np.nan_to_num(before)
    with np.errstate(invalid="ignore", divide="ignore"):
        share_b = np.where(tot_b > 0, before / tot_b, np.nan)
        share_a = np.where(tot_a > 0, after / tot_a, np.nan)
        fired = (
            is_import[:, None]
            & (before >= th.min_value_usd)
            & (after <= (1.0 - th.substitution_drop) * before)
            & (others_b > 0)
            & (others_a >= (1.0 + th.substitution_rise) * others_b)
            & (others_a - others_b >= th.substitution_cover * (before - after))
            & (share_b >= th.substitution_min_share)
            & (share_b - share_a >= th.substitution_share_drop)
        )
    return {"fired": fired, "score": share_b - share_a, "before": before, "after": after,
            "share_before": share_b, "share_after": share_a}


def supplier_shares(
    panel: SeriesPanel, reporter: str, product: str, flow: str, month: pd.Timestamp,
    th: Thresholds = DEFAULT_THRESHOLDS,
) -> pd.DataFrame:
    """Every partner of (reporter, product, flow): mean monthly USD in the 12 months
    before the window and in the ``substitution_window`` months ending at ``month``,
    their shares, the change in share (points) and in value; largest before first."""
    k = panel.keys
    rows = np.flatnonzero((k["reporter"] == reporter).to_numpy()
                          & (k["product"] == product).to_numpy() & (k["flow"] == flow).to_numpy())
    at = int(panel.months.searchsorted(pd.Timestamp(month).to_period("M").to_timestamp()))
    if len(rows) == 0 or at >= panel.n_months:
        return pd.DataFrame(columns=SHARE_COLUMNS)
    v = np.nan_to_num(np.where(panel.value[rows] > 0, panel.value[rows], 0.0))
    w = th.substitution_window
    after = v[:, max(at - w + 1, 0): at + 1].mean(axis=1)
    before = v[:, max(at - w - BEFORE_MONTHS + 1, 0): max(at - w + 1, 0)]
    before = before.mean(axis=1) if before.shape[1] else np.full(len(rows), np.nan)
    out = pd.DataFrame({"partner": k["partner"].to_numpy()[rows], "before_usd": before,
                        "after_usd": after})
    out["share_before"] = out["before_usd"] / out["before_usd"].sum()
    out["share_after"] = out["after_usd"] / out["after_usd"].sum()
    out["share_change"] = out["share_after"] - out["share_before"]
    with np.errstate(invalid="ignore", divide="ignore"):
        out["change"] = np.where(out["before_usd"] > 0,
                                 out["after_usd"] / out["before_usd"] - 1.0, np.nan)
    out = out[(out["before_usd"] > 0) | (out["after_usd"] > 0)]
    return out.sort_values("before_usd", ascending=False)[SHARE_COLUMNS].reset_index(drop=True)


def replacing_suppliers(shares: pd.DataFrame, hit_supplier: str) -> pd.DataFrame:
    """Suppliers other than ``hit_supplier`` whose imports rose and whose share grew
    (from :func:`supplier_shares`): those that already began to replace it, largest
    gain first, with ``gain_usd`` (monthly)."""
    if shares.empty:
        return shares.assign(gain_usd=pd.Series(dtype=float))
    out = shares[(shares["partner"] != hit_supplier) & (shares["after_usd"] > shares["before_usd"])
                 & (shares["share_change"] > 0)].copy()
    out["gain_usd"] = out["after_usd"] - out["before_usd"]
    return out.sort_values("gain_usd", ascending=False).reset_index(drop=True)
