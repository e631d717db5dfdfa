import numpy as np
import pytest

from kcbridge.errors import InputError, NotFoundError
from kcbridge.watch.backtest import run_backtest
from kcbridge.watch.episodes import bundled_episodes_path, parse_episodes, read_episodes

from .conftest import make_panel

EPISODE = {
    "name": "licensing", "reporter": "CHN", "partners": ["P00", "P01"], "products": "Graphite",
    "announced": "2018-10-20", "effective": "2018-12-01",
    "expected_signal": ["collapse", "surge"],
}


def panel_with_episode():
    """P00 collapses to 10 % from 2018-12 (the effective month) on; P01 never moves; P02
    has no episode and one false alarm-like collapse in 2017-06 that recovers the next
    month (a one-month dip)."""
    rng = np.random.default_rng(5)
    v = 1e7 * np.exp(rng.normal(0, 0.05, (3, 60)))
    v[0, 47:] *= 0.1
    v[2, 29] *= 0.1
    return make_panel(v, start="2015-01-01")


def test_bundled_episodes_file_is_valid():
    eps = read_episodes(bundled_episodes_path())
    names = [e["name"] for e in eps]
    assert "graphite-export-licensing-2023" in names
    g = eps[names.index("graphite-export-licensing-2023")]
    assert str(g["announced"]) == "2023-10-20" and str(g["effective"]) == "2023-12-01"


def test_episode_validation_messages(tmp_path):
    with pytest.raises(InputError, match="lacks"):
        parse_episodes({"episodes": [{"name": "x"}]})
    with pytest.raises(InputError, match="unknown expected_signal"):
        parse_episodes({"episodes": [EPISODE | {"expected_signal": "boom"}]})
    with pytest.raises(InputError, match="before the announcement"):
        parse_episodes({"episodes": [EPISODE | {"effective": "2018-01-01"}]})
    with pytest.raises(NotFoundError):
        read_episodes(tmp_path / "missing.yaml")


def test_backtest_scores_lead_times_and_false_alarms():
    result = run_backtest(panel_with_episode(), parse_episodes([EPISODE]))
    table = result.episodes.set_index("partner")
    hit = table.loc["P00"]
    assert hit["visible_in_data"] and hit["detected"] and hit["within_target"]
    # raised (watch) in the effective month, confirmed (warning) by January's data
    assert hit["first_watch"].strftime("%Y-%m") == "2018-12"
    assert hit["first_detection"].strftime("%Y-%m") == "2018-12"
    assert hit["confirmed"].strftime("%Y-%m") == "2019-01"
    assert hit["confirmation"] == "2019-01 still -90%"
    assert hit["detector"] == "collapse"
    assert hit["lead_months_vs_effective"] == -1 and hit["lead_months_vs_announcement"] == -3
    assert hit["lead_days_vs_effective"] == -61  # known on 2019-01-31
    assert hit["lead_days_vs_announcement"] == -103
    miss = table.loc["P01"]
    assert not miss["visible_in_data"] and not miss["detected"]
    s = result.summary
    assert s["visible_episode_series"] == 1 and s["visible_detected_within_target"] == 1
    # P02's one-month dip is a provisional alarm, never confirmed: no warning
    assert s["false_alarms"] == 0 and s["provisional_false_alarms"] == 1
    # judged months of P02: 60 months minus the 18-month warm-up of abrupt_collapse and
    # broad_collapse (min_history_falls; every other detector waits 24) = 42, minus the
    # three Januaries 2017-2019 (judged together with February, never alone) = 39
    assert s["series_months_no_episode"] == 39
    assert s["false_alarms_per_1000"] == 0.0
    assert s["provisional_false_alarms_per_1000"] == pytest.approx(1000 / 39, abs=0.01)


def test_live_replay_equals_single_pass():
    panel = panel_with_episode()
    live = run_backtest(panel, parse_episodes([EPISODE]), live=True)
    fast = run_backtest(panel, parse_episodes([EPISODE]), live=False)
    assert live.detections.reset_index(drop=True).equals(fast.detections.reset_index(drop=True))
    assert {k: v for k, v in live.summary.items() if k != "live_replay"} == {
        k: v for k, v in fast.summary.items() if k != "live_replay"}
