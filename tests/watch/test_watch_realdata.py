"""The early warning on the REAL China critical-minerals monthly file (read in place)."""

from __future__ import annotations

import pytest

from kcbridge.watch.backtest import replay, run_backtest
from kcbridge.watch.detectors import judged_mask
from kcbridge.watch.episodes import bundled_episodes_path, read_episodes
from kcbridge.watch.minerals import read_minerals_monthly
from kcbridge.watch.panel import panel_from_long
from kcbridge.watch.thresholds import CALIBRATED, DEFAULT_THRESHOLDS, calibrate_thresholds

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def minerals_panel():
    from tests.conftest import IN_CI, REAL_DATA

    path = REAL_DATA / "china_critical_minerals_monthly" / "country_monthly_stats.csv"
    if not path.exists():
        if IN_CI:
            pytest.fail(f"CI=true but {path} is missing")
        pytest.skip(f"{path} is missing")
    return panel_from_long(read_minerals_monthly(path))


def test_loader_maps_partners_and_groups(minerals_panel):
    keys = minerals_panel.keys
    assert minerals_panel.n_series == 32 and minerals_panel.n_months == 96
    assert set(keys["reporter"]) == {"CHN"} and set(keys["flow"]) == {"export"}
    assert {"KOR", "JPN", "USA", "TWN", "HKG"} <= set(keys["partner"])
    assert set(keys["product"]) == {"Graphite", "Gallium/Germanium", "Rare Earths", "Polysilicon"}
    i = minerals_panel.find("CHN", "KOR", "Graphite", "export")
    assert minerals_panel.value[i, 0] == pytest.approx(9328564.0)


def test_shipped_thresholds_are_the_pre_2023_calibration(minerals_panel):
    def run(th):
        d = replay(minerals_panel, th, end="2022-12", live=False)
        return d, int(judged_mask(minerals_panel, th)[:, minerals_panel.months < "2023-01"].sum())

    chosen, _ = calibrate_thresholds(run)
    for param, _grid in CALIBRATED.values():
        assert getattr(chosen, param) == getattr(DEFAULT_THRESHOLDS, param), param


def test_backtest_figures(minerals_panel):
    result = run_backtest(minerals_panel, read_episodes(bundled_episodes_path()))
    s = result.summary
    table = result.episodes.set_index(["episode", "partner", "product"])
    graphite = "graphite-export-licensing-2023"
    for partner in ("KOR", "JPN", "HUN", "POL"):
        row = table.loc[(graphite, partner, "Graphite")]
        assert row["detected"] and row["first_detection"].strftime("%Y-%m") == "2023-12"
        assert row["lead_months_vs_effective"] == 0
    bel = table.loc[("gallium-germanium-export-licensing-2023", "BEL", "Gallium/Germanium")]
    assert bel["detected"] and bel["lead_months_vs_effective"] == -1
    # the figures reported to the lead (2017-01..2024-12, live replay)
    assert s["visible_episode_series"] == 8
    assert s["visible_detected_within_target"] == 5
    assert s["false_alarms"] == 6 and s["series_months_no_episode"] == 798
    assert s["false_alarms_per_1000"] == pytest.approx(7.52)
    assert s["alarms_outside_windows_per_1000"] == pytest.approx(4.86)
