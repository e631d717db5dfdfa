"""The gates and per-measure candidate detections of the detectors (see
:mod:`kcbridge.watch.detectors`, whose docstring defines them): pure functions over
series x months arrays of one chunk."""

from __future__ import annotations

import numpy as np

from kcbridge.watch.baseline import cusum_alarms
from kcbridge.watch.thresholds import Thresholds


def collapse_and_rise_gates(
    logs: dict[str, np.ndarray], z: dict[str, np.ndarray], change: dict[str, np.ndarray],
    rate: dict[str, dict[str, np.ndarray]], th: Thresholds, steady_price: np.ndarray,
) -> dict[str, dict[str, np.ndarray]]:
    """The collapse gate (``down``) and the front-loading gate (``up``) of value and
    quantity: the measure passes the gate and the other measure moved at least
    ``corroborate_z`` sigma the same way (its z in ``z`` below -corroborate_z; its
    run-rate score above corroborate_z, above its level a year earlier), or is unknown."""
    names = ("value", "quantity")
    other = {"value": "quantity", "quantity": "value"}
    unknown = {n: np.isnan(logs[n]) for n in names}
    fell = {n: z[n] <= -th.corroborate_z for n in names}
    rose = {n: (rate[n]["score"] >= th.corroborate_z) & (rate[n]["yoy"] > 0) for n in names}
    # a fall in quantity passes whatever the value did where the unit value is steady
    # (a price spike hides no collapse)
    down = {n: (change[n] <= -th.collapse_drop) & (fell[other[n]] | unknown[other[n]])
            for n in names}
    down["quantity"] |= (change["quantity"] <= -th.collapse_drop) & steady_price
    up = {n: (rate[n]["rise"] >= np.log1p(th.front_rise)) & (rate[n]["yoy"] > 0)
          & (rose[other[n]] | unknown[other[n]]) for n in names}
    return {"down": down, "up": up}


def corroborated(partner_z: np.ndarray, direction: str, minimum: float) -> np.ndarray:
    """True where the other measure (quantity for value, value for quantity) moved at
    least ``minimum`` sigma the same way, or is unknown (no quantity reported)."""
    sign = 1.0 if direction == "up" else -1.0
    with np.errstate(invalid="ignore"):
        return np.isnan(partner_z) | (sign * partner_z >= minimum)


def measure_candidates(
    measure: str, z: np.ndarray, capped: np.ndarray, change: np.ndarray, th: Thresholds
) -> list[tuple[str, str, np.ndarray, np.ndarray, float]]:
    """(detector, direction, fired mask, score, threshold) of one measure; ``capped`` is
    the robust z with the scale capped (:attr:`Thresholds.score_scale_cap`), the score of
    abrupt_collapse."""
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
        ("abrupt_collapse", "down", (capped <= -th.collapse_z) & (change <= -th.abrupt_move)
         & (th.abrupt_move > 0),
         -capped, th.collapse_z),
        ("surge", "up", (z >= th.surge_z) & (change >= th.surge_rise), z, th.surge_z),
        ("changepoint", "up", up_alarm, up_stat, th.cusum_h),
        ("changepoint", "down", down_alarm, down_stat, th.cusum_h),
    ]


def gated_candidates(
    z: np.ndarray, rate_score: np.ndarray, down: np.ndarray, up: np.ndarray,
    breadth: dict[str, np.ndarray], th: Thresholds, *, broad_z: np.ndarray | None = None,
    broad_down: np.ndarray | None = None,
) -> list[tuple[str, str, np.ndarray, np.ndarray, float]]:
    """front_loading, sustained_collapse, broad_collapse and broad_surge of one measure
    (value or quantity), given its collapse gate ``down`` and front-loading gate ``up``.
    ``broad_z`` and ``broad_down``: the z and the collapse gate broad_collapse judges the
    series with (default ``z`` and ``down``; under ``bounded_gate`` both with the capped
    scale)."""
    broad_z = z if broad_z is None else broad_z
    broad_gate = down if broad_down is None else broad_down
    broad_down = breadth["down"] >= th.breadth_share
    broad_up = breadth["up"] >= th.breadth_share
    # two months in a row through the collapse gate; the score is the weaker month's
    before = np.concatenate([np.full((z.shape[0], 1), np.nan), z[:, :-1]], axis=1)
    down_before = np.concatenate([np.zeros((z.shape[0], 1), bool), down[:, :-1]], axis=1)
    sustained = -np.fmax(z, before)
    return [
        ("front_loading", "up", up & (rate_score >= th.front_z), rate_score, th.front_z),
        ("sustained_collapse", "down", down & down_before & (sustained >= th.sustained_z),
         sustained, th.sustained_z),
        ("broad_collapse", "down", broad_gate & (broad_z <= -th.broad_collapse_z) & broad_down,
         -broad_z, th.broad_collapse_z),
        ("broad_surge", "up", up & (rate_score >= th.broad_surge_z) & broad_up,
         rate_score, th.broad_surge_z),
    ]
