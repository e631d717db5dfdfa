"""Issue 11, rounds 8 and 9 (twelfth session; docs/history/watch.md): no score against a
scale never estimated, and young series judged by the bounded-scale fall detectors only.
Every series here is written for the test; the numbers are the ones they give.

Before round 8 a series with fewer than 12 residuals in its scale window was scored against
the 0.10 floor, so from its 7th month its z-scores (and the changepoint CUSUM summing them)
were meaningless numbers; before round 9 nothing judged a series before its 24th month,
so a store that began collecting a year and a half before a control never saw it."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from kcbridge.errors import InputError
from kcbridge.watch.baseline import robust_scale, seasonal_baseline
from kcbridge.watch.detectors import detect, judged_mask
from kcbridge.watch.panel import SeriesPanel
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS

MONTHS = pd.date_range("2020-03-01", periods=30, freq="MS")
BEFORE = DEFAULT_THRESHOLDS.with_overrides(unknown_scale_is_floor=True, min_history_falls=24)


def steady(factor_at: dict[int, float], seed: int = 3, noise: float = 0.08) -> SeriesPanel:
    """One material flow (USD ~3 M a month, log noise ``noise``, steady unit value) whose
    months in ``factor_at`` are set to factor x its level."""
    rng = np.random.default_rng(seed)
    v = 3e6 * np.exp(rng.normal(0, noise, len(MONTHS)))
    for month, factor in factor_at.items():
        v[month] = 3e6 * factor
    q = v / 40.0
    keys = pd.DataFrame({"reporter": ["CHN"], "partner": ["KOR"], "product": ["811292"],
                         "flow": ["export"]})
    return SeriesPanel(keys, MONTHS, v[None, :], q[None, :])


def test_the_scale_is_unknown_until_twelve_residuals_are_known():
    resid = np.full((1, 20), np.nan)
    resid[0, 6:] = np.linspace(-0.05, 0.05, 14)
    new = robust_scale(resid, 36, 0.10)
    old = robust_scale(resid, 36, 0.10, unknown_is_floor=True)
    # residuals from month 6: the 12th is month 17, so month 18 is the first scored
    assert np.isnan(new[0, :18]).all() and np.isfinite(new[0, 18:]).all()
    assert (old[0, :18] == 0.10).all()
    assert new[0, 18] == old[0, 18] == 0.10  # a small estimated spread still has the floor


def test_no_z_score_before_the_scale_is_estimated():
    panel = steady({})
    y = np.log1p(panel.value)
    z_new = seasonal_baseline(y, DEFAULT_THRESHOLDS)["z"][0]
    z_old = seasonal_baseline(y, BEFORE)["z"][0]
    assert np.isnan(z_new[:18]).all() and np.isfinite(z_new[18:]).all()
    # before: scored against the floor from the 7th month (the level needs 6 months)
    assert np.isfinite(z_old[6:18]).all()


def test_a_young_series_collapse_is_warned_in_its_month():
    """-95 % in month 20 of a steady flow: abrupt_collapse reports it from the series'
    18th month; with the 24-month warm-up of before nothing judges that month."""
    panel = steady({20: 0.05})
    found = detect(panel, DEFAULT_THRESHOLDS)
    assert {f"{m:%Y-%m}" for m in found["month"]} == {f"{MONTHS[20]:%Y-%m}"}
    assert set(found["detector"]) == {"abrupt_collapse"}
    assert detect(panel, BEFORE).empty
    # the judged months of the series: 30 - 18 = 12 less January 2022 (paired with
    # February, never judged alone), against 30 - 24 = 6 before (March-August 2022)
    assert int(judged_mask(panel).sum()) == 12 - 1
    assert int(judged_mask(panel, BEFORE).sum()) == 6


@pytest.mark.parametrize("factor", [0.30, 3.0])
def test_a_young_series_smaller_fall_or_a_rise_waits_for_24_months(factor):
    """-70 % or x3 in month 20: neither is a fall of abrupt size, and the detectors whose
    score rests on the scale (collapse, surge, changepoint ...) judge from month 24."""
    panel = steady({20: factor})
    assert detect(panel, DEFAULT_THRESHOLDS).empty
    later = steady({26: factor})
    assert not detect(later, DEFAULT_THRESHOLDS).empty  # the same move at month 26 is seen


def test_since_drops_the_earlier_months():
    panel = steady({})
    cut = panel.since("2021-01")
    assert cut.months[0] == pd.Timestamp("2021-01-01") and cut.n_months == 20
    assert np.array_equal(cut.value, panel.value[:, 10:])
    with pytest.raises(InputError, match="earlier --history-from"):
        panel.since("2030-01")


@pytest.mark.realdata
def test_backtest_history_from_on_the_minerals_file(real_data):
    """The CLI: the minerals file as if the store began in 2022-01 (round 9's measurement)."""
    from kcbridge.cli import app as cli_app

    path = real_data / "china_critical_minerals_monthly" / "country_monthly_stats.csv"
    args = ["watch", "backtest", "--minerals", str(path), "--one-pass", "--format", "json"]
    res = CliRunner().invoke(cli_app, [*args, "--history-from", "2022-01"])
    assert res.exit_code == 0, res.output
    s = json.loads(res.output)["summary"]
    assert s["months"] == "2022-01..2024-12"
    # 3 with rounds 8-9; round 10 adds Belgium's stop (test_watch_realdata.py)
    assert (s["visible_episode_series"], s["visible_detected_within_target"]) == (7, 4)
    bad = CliRunner().invoke(cli_app, [*args, "--history-from", "2031-01"])
    assert bad.exit_code == 1 and "--history-from" in bad.output


def test_a_young_series_alert_says_its_history_is_short(platform):
    """The alert page and API of a -95 % fall in a series' 21st month: the history row says
    what is judged so young (falls of 85 % or more, family falls), rises are not yet."""
    from fastapi.testclient import TestClient

    from kcbridge.api import create_app

    panel = steady({20: 0.05})
    frame = pd.DataFrame({"month": MONTHS.date, "reporter": "KOR", "partner": "CHN",
                          "flow": "import", "product": "2811111000", "revision": "HSK",
                          "value_usd": panel.value[0], "quantity": panel.quantity[0],
                          "unit": "kg", "load_id": "test"})
    with platform.store.transaction():
        platform.store.insert("trade_monthly", frame)
    alerts = platform.watch.scan(as_of=f"{MONTHS[21]:%Y-%m}", months=3)
    (alert_id,) = alerts.loc[alerts["detectors"].str.contains("abrupt_collapse"), "alert_id"]
    assert platform.watch.alert(alert_id)["history"] == {
        "months": 20, "judged_by": "falls", "all_from": 24, "falls_from": 18,
        "abrupt_move": 0.85}
    client = TestClient(create_app(platform))
    html = client.get(f"/watch/alerts/{alert_id}").text
    assert "20 observed months before this one" in html and "short history" in html
    body = client.get(f"/api/watch/alerts/{alert_id}").json()
    assert body["data"]["history"]["judged_by"] == "falls"
