"""The watch on a FRESH real monthly file that no one here tuned on (issue 11): China's
exports of natural (250410) and artificial (380110) graphite to 39 destinations,
2019-01..2024-03, value and quantity, UN Comtrade.

Source: ``data_output/tables/deep_dive_hs6_monthly.csv`` of the public repository
qennis/ChinaCriticalMineralComtrade, commit b722e75272c9d44837b3cd304d1a336f50624773
(the HS6 breakdown of the repository the shared minerals file comes from). The graphite
rows of 2019-01..2024-03 were copied from it, outside this repository, into the file
whose sha256 is :data:`SHA256` (its own layout: period_dt, partner_name, hs6, val, qty,
uv; 3,516 rows). Third-party data: never copied into the repository. Set
``KCBRIDGE_FRESH_GRAPHITE`` to its path; without it the tests skip.

The figures are the ones the README reports: the unchanged code was run once before
``bounded_gate`` was chosen (10 of 29 visible series warned in time), the pre-registered
``bounded_gate`` once after (15 of 29); the quiet period is the same either way."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from kcbridge.watch.backtest import run_backtest
from kcbridge.watch.episodes import read_episodes
from kcbridge.watch.minerals import read_minerals_monthly
from kcbridge.watch.panel import SeriesPanel, panel_from_long
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS

pytestmark = pytest.mark.realdata

SHA256 = "4f7d74c63de1cd2fb3c9b65745da9f6d5b825f32a6d87a7d74072c3f3a5a4875"
DEFAULT_PATH = "/tmp/watch5/china_graphite_hs6_monthly_2019_2024.csv"


@pytest.fixture(scope="module")
def graphite_panel() -> SeriesPanel:
    path = Path(os.environ.get("KCBRIDGE_FRESH_GRAPHITE", DEFAULT_PATH))
    if not path.exists():
        pytest.skip(f"the fresh graphite file is not here ({path}); see this module's "
                    "docstring for its source, and set KCBRIDGE_FRESH_GRAPHITE")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SHA256:
        pytest.skip(f"{path} is not the measured file (sha256 {digest[:12]}...)")
    return panel_from_long(read_minerals_monthly(path))


def test_the_file_holds_two_codes_to_39_destinations(graphite_panel: SeriesPanel) -> None:
    keys = graphite_panel.keys
    assert graphite_panel.n_series == 77 and graphite_panel.n_months == 63
    assert set(keys["product"]) == {"250410", "380110"} and keys["partner"].nunique() == 39


@pytest.mark.parametrize(("bounded", "warned", "missed_codes"), [
    (False, 10, {"250410": 13, "380110": 6}),
    (True, 15, {"250410": 8, "380110": 6}),
])
def test_backtest_before_and_after_the_pre_registered_change(
    graphite_panel: SeriesPanel, bounded: bool, warned: int, missed_codes: dict[str, int]
) -> None:
    eps = [e for e in read_episodes("public_episodes.yaml")
           if e["name"] == "graphite-export-licensing-2023"]
    th = DEFAULT_THRESHOLDS.with_overrides(bounded_gate=bounded)
    result = run_backtest(graphite_panel, eps, th, live=False)
    s = result.summary
    assert s["visible_episode_series"] == 29
    assert s["visible_detected_within_target"] == warned
    assert s["visible_watch_within_target"] == warned
    # every series is an episode series (all destinations of a control): the false
    # alarms that count are the quiet period's and those outside the episode window
    assert s["series_months_no_episode"] == 0
    assert s["quiet_period"] == "2019-01..2023-09"
    assert (s["quiet_alarms"], s["quiet_series_months"]) == (2, 1200)
    assert s["quiet_alarms_per_1000"] == pytest.approx(1.67)
    assert s["provisional_quiet_alarms"] == 3
    assert (s["alarms_outside_windows"], s["series_months_outside_windows"]) == (2, 1282)
    table = result.episodes
    visible = table[table["visible_in_data"]]
    warned_rows = visible[visible["within_target"]]
    # every warning in time is a December 2023 warning confirmed by the family's breadth
    assert {f"{m:%Y-%m}" for m in warned_rows["confirmed"]} == {"2023-12"}
    assert warned_rows["confirmation"].str.startswith("breadth").all()
    missed = visible[~visible["within_target"]]
    assert missed["product"].value_counts().to_dict() == missed_codes
