"""Issue 11, round 10 (docs/history/watch.md): a fall that is a *stop* confirms itself in
its own month. Generated series: a steady flow whose value and quantity fall to a share
of their level for one month (then recover), so only the stop rule can confirm it there."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kcbridge.watch.detectors import detect
from kcbridge.watch.levels import alert_levels, stops
from kcbridge.watch.panel import SeriesPanel
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS

from .test_watch_families_substitution import MONTHS, SHOCK, noisy, panel_of

OFF = DEFAULT_THRESHOLDS.with_overrides(stop_share=0.0)


def flow(value_share: float, quantity_share: float | None, *, earlier_stop: int | None = None,
         sigma: float = 0.05) -> SeriesPanel:
    """A steady 5 M USD export (log noise ``sigma``) whose value and quantity are
    multiplied by the two shares in the shock month only (``quantity_share`` None: the
    series reports no quantity), with a one-month stop ``earlier_stop`` months before."""
    v, q = noisy(5e6, sigma, seed=80)
    v[SHOCK] *= value_share
    q[SHOCK] *= quantity_share if quantity_share is not None else 1.0
    if quantity_share is None:
        q[:] = np.nan
    if earlier_stop is not None:
        v[SHOCK - earlier_stop] *= 0.01
        q[SHOCK - earlier_stop] *= 0.01
    other_v, other_q = noisy(5e6, 0.05, seed=81)
    return panel_of([("CHN", "BEL", "811292", "export", v, q),
                     ("CHN", "JPN", "999999", "export", other_v, other_q)])


def level_of(panel: SeriesPanel, th=DEFAULT_THRESHOLDS) -> pd.Series:  # type: ignore[no-untyped-def]
    levels = alert_levels(detect(panel, th), panel, th)
    mine = levels[(levels["series"] == 0) & (levels["month"] == MONTHS[SHOCK])]
    assert len(mine) == 1, mine
    return mine.iloc[0]


def test_a_one_month_stop_is_a_warning_in_its_own_month() -> None:
    row = level_of(flow(0.03, 0.0))
    assert row["level"] == "warning" and row["confirmed_month"] == MONTHS[SHOCK]
    assert row["confirmation"] == "the flow stopped (at most 5% of its level)"
    # the same month without the rule: a watch (the next month recovered)
    assert level_of(flow(0.03, 0.0), OFF)["level"] == "watch"


@pytest.mark.parametrize(("value", "quantity"), [
    (0.10, 0.0),   # value at 10 % of its level: a collapse, not a stop
    (0.03, 0.40),  # quantity still at 40 %: a price fall, not a stop
])
def test_a_collapse_short_of_a_stop_stays_a_watch(value: float, quantity: float) -> None:
    assert level_of(flow(value, quantity))["level"] == "watch"


def test_a_series_without_quantity_is_judged_on_value() -> None:
    row = level_of(flow(0.02, None))
    assert row["level"] == "warning" and row["confirmed_month"] == MONTHS[SHOCK]


def test_a_flow_that_stopped_before_is_not_stopping_now() -> None:
    """A stop 9 months before (within the 24 read): this series nearly stops now and
    then, so its stop is a watch; 30 months before (outside them) it counts again. (Not
    10 months before: that is a February, read with its January, so not a stop.)"""
    assert level_of(flow(0.02, 0.0, earlier_stop=9))["level"] == "watch"
    assert level_of(flow(0.02, 0.0, earlier_stop=10))["level"] == "warning"
    assert level_of(flow(0.02, 0.0, earlier_stop=30))["level"] == "warning"


def test_stops_reads_only_months_before() -> None:
    """The level the stop is judged against is the median of the 12 months before: a
    series at 1 that drops to 0.04 is a stop at that month, whatever comes after."""
    n = 40
    value = np.ones((1, n))
    value[0, 30] = 0.04
    value[0, 31:] = 0.0  # later months do not change the judgment of month 30
    quantity = np.full((1, n), np.nan)
    got = stops({"value": value, "quantity": quantity}, np.array([0, 0]), np.array([30, 29]))
    assert got.tolist() == [True, False]
    # fewer than 12 observed months in the 24 before: not judged
    short = value.copy()
    short[0, :20] = np.nan
    assert stops({"value": short, "quantity": quantity}, np.array([0]),
                 np.array([30])).tolist() == [False]
