import numpy as np
import pandas as pd
import pytest

from kcbridge.watch.baseline import combine_lunar_new_year, group_breadth, run_rate_ratio
from kcbridge.watch.detectors import (
    apply_refractory,
    consistent_seasonal_factor,
    cusum_alarms,
    detect,
    expected_band,
    nanmedian_last,
    trailing_windows,
)
from kcbridge.watch.panel import SeriesPanel
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS

from .conftest import make_panel


def test_trailing_windows_use_only_the_past():
    a = np.array([[1.0, 2.0, 3.0, 4.0]])
    w = trailing_windows(a, 2)
    np.testing.assert_array_equal(w[0, 2], [1.0, 2.0])  # month 2 sees months 0 and 1
    assert np.isnan(w[0, 0]).all()


def test_nanmedian_last_matches_numpy_and_min_count():
    a = np.array([[1.0, np.nan, 3.0, 10.0], [np.nan, np.nan, np.nan, 2.0]])
    np.testing.assert_allclose(nanmedian_last(a), [3.0, 2.0])
    med = nanmedian_last(a, min_count=2)
    assert med[0] == 3.0 and np.isnan(med[1])


def test_seasonal_factor_needs_consistent_years():
    dev = np.array([[0.3, 0.2, 0.5], [0.3, -0.2, 0.5], [np.nan, -0.4, -0.1], [0.3, np.nan, np.nan]])
    np.testing.assert_allclose(consistent_seasonal_factor(dev), [0.2, 0.0, -0.1, 0.0])


def test_cusum_accumulates_and_restarts():
    z = np.array([[-2.0, -2.0, -2.0, -2.0, -2.0, 0.0]])
    alarm, stat = cusum_alarms(z, k=1.0, h=3.0, direction="down")
    np.testing.assert_allclose(stat[0], [1.0, 2.0, 3.0, 1.0, 2.0, 1.0])
    assert alarm[0].tolist() == [False, False, True, False, False, False]


def test_refractory_keeps_the_first_of_a_run():
    fired = np.array([[True, True, False, False, True, True]])
    assert apply_refractory(fired, 3)[0].tolist() == [True, False, False, False, True, False]


def test_collapse_found_in_its_month_and_steady_series_silent(steady_with_collapse):
    d = detect(steady_with_collapse)
    collapse = d[d["detector"] == "collapse"]
    assert set(collapse["partner"]) == {"P00"}
    assert set(collapse["month"].dt.strftime("%Y-%m")) == {"2019-03"}
    row = collapse[collapse["measure"] == "value"].iloc[0]
    assert row["change"] == pytest.approx(-0.9, abs=0.05)
    assert row["lower"] < row["expected"] < row["upper"]
    assert (d["partner"] == "P01").sum() == 0


def test_no_look_ahead_scan_until_t_equals_full_scan_at_t(steady_with_collapse):
    rng = np.random.default_rng(3)
    v = 1e7 * np.exp(rng.normal(0, 0.3, (6, 50)))
    v[2, 40:] *= 0.05
    v[4, 35] *= 4
    panel = make_panel(v)
    th = DEFAULT_THRESHOLDS.with_overrides(collapse_z=2.0, surge_z=2.0, residual_z=3.0)
    full = detect(panel, th)
    for t in range(30, 50):
        m = panel.months[t]
        cut = detect(panel.until(m), th, months=pd.DatetimeIndex([m]))
        expected = full[full["month"] == m].reset_index(drop=True)
        pd.testing.assert_frame_equal(cut.reset_index(drop=True), expected)
    assert len(full) > 0


def test_quantity_must_corroborate_value():
    rng = np.random.default_rng(1)
    v = 1e7 * np.exp(rng.normal(0, 0.05, (1, 60)))
    q = v / 10.0
    v[0, 48] *= 0.1  # price collapse only: value falls, quantity steady
    d = detect(make_panel(v, q))
    assert d[d["detector"] == "collapse"].empty


def test_expected_band_for_charts(steady_with_collapse):
    band = expected_band(steady_with_collapse, 0)
    assert list(band.columns) == ["month", "observed", "expected", "lower", "upper", "z"]
    assert band["z"].iloc[50] < -5
    assert band["expected"].iloc[50] == pytest.approx(1e7, rel=0.1)


def test_lunar_new_year_months_are_judged_together():
    months = pd.date_range("2020-12-01", periods=4, freq="MS")  # Dec, Jan, Feb, Mar
    a = np.array([[5.0, 2.0, 8.0, 1.0], [5.0, 3.0, np.nan, 1.0]])
    out = combine_lunar_new_year(a, months)
    np.testing.assert_allclose(out[0], [5.0, 5.0, 5.0, 1.0])
    np.testing.assert_allclose(out[1], [5.0, 3.0, 3.0, 1.0])  # no February yet: January
    # a January stop of shipments that February makes up is no alarm ...
    rng = np.random.default_rng(1)
    v = 1e7 * np.exp(rng.normal(0, 0.05, (1, 60)))
    v[0, 48] *= 0.1  # 2019-01
    v[0, 49] *= 1.9  # 2019-02: the January shipments arrive in February
    assert detect(make_panel(v)).empty
    # ... while judged month by month it would be
    alone = detect(make_panel(v), DEFAULT_THRESHOLDS.with_overrides(lunar_new_year=False))
    assert "2019-01" in set(alone["month"].dt.strftime("%Y-%m"))


def test_group_breadth_leaves_the_series_itself_out():
    passed = np.array([[True], [True], [False], [True], [False]])
    judged = np.array([[True], [True], [True], [True], [True]])
    # group A = rows 0-2, group B = rows 3-4
    b = group_breadth(passed, judged, np.array([0, 3]), min_others=1)
    np.testing.assert_allclose(b[:, 0], [0.5, 0.5, 1.0, 0.0, 1.0])
    assert np.isnan(group_breadth(passed, judged, np.array([0, 3]), min_others=2)[3, 0])


def test_run_rate_ratio_against_median_and_last_year():
    y = np.log(np.array([[10.0] * 12 + [30.0]]))
    r = run_rate_ratio(y, nanmedian_last(trailing_windows(y, 12), 6), DEFAULT_THRESHOLDS)
    assert r["rise"][0, 12] == pytest.approx(np.log(3.0))
    assert r["yoy"][0, 12] == pytest.approx(np.log(3.0))
    assert np.isnan(r["yoy"][0, 11])


def broad_panel(shock: float, members: int) -> SeriesPanel:
    """Eight destinations of one product, 60 months with 10 % noise; in 2019-03 the
    first ``members`` fall to ``shock`` of their level."""
    rng = np.random.default_rng(11)
    v = 1e7 * np.exp(rng.normal(0, 0.10, (8, 60)))
    v[:members, 50] *= shock
    return make_panel(v)


def test_broad_collapse_needs_other_destinations():
    # lone-series thresholds out of reach: one destination falling by 80 % raises nothing
    th = DEFAULT_THRESHOLDS.with_overrides(collapse_z=50.0, residual_z=50.0, cusum_h=50.0)
    alone = detect(broad_panel(0.2, 1), th)
    assert alone[alone["month"] == "2019-03"].empty
    # ... but five of eight destinations falling together is a broad collapse
    broad = detect(broad_panel(0.2, 5), th)
    hit = broad[(broad["month"] == "2019-03") & (broad["detector"] == "broad_collapse")]
    assert set(hit["partner"]) == {"P00", "P01", "P02", "P03", "P04"}
    row = hit[(hit["partner"] == "P00") & (hit["measure"] == "value")].iloc[0]
    assert row["breadth"] == pytest.approx(4 / 7)  # the four other fallers of seven


def test_front_loading_wants_value_and_quantity_above_run_rate_and_last_year():
    rng = np.random.default_rng(2)
    v = 1e7 * np.exp(rng.normal(0, 0.05, (2, 60)))
    q = v / 10.0
    v[:, 50] *= 2.0
    q[0, 50] *= 2.0  # series 0: shipments doubled; series 1: only the price doubled
    d = detect(make_panel(v, q))
    fl = d[d["detector"] == "front_loading"]
    assert set(fl["partner"]) == {"P00"} and set(fl["month"].dt.strftime("%Y-%m")) == {"2019-03"}
    assert fl["score"].min() >= DEFAULT_THRESHOLDS.front_z
