"""The watch on a third FRESH real monthly file (issue 11, round 3): China's exports of HS6
811292 (gallium, germanium, indium and similar metals, unwrought or powders: the HS6 code
of the gallium/germanium control family) to 31 destinations, 2019-01..2024-03, value and
quantity, UN Comtrade.

Source: the 811292 rows of ``data_output/tables/deep_dive_hs6_monthly.csv`` of the public
repository qennis/ChinaCriticalMineralComtrade, commit
b722e75272c9d44837b3cd304d1a336f50624773 (the table whose graphite rows are the fresh
graphite file), copied outside this repository into the file whose sha256 is
:data:`SHA256` (its own layout: period_dt, partner_name, hs6, val, qty, uv; 764 rows;
"Turkey" and "UAE" written as the country resolver knows them). Third-party data: never
copied into the repository. Set ``KCBRIDGE_FRESH_GALLIUM`` to its path; without it the
tests skip.

The figures are the ones the README reports: the unchanged code (commit 881cb83) was run
once (0 of 2 visible series warned in time, nothing raised at all), then the round-3
rules pre-registered at 21:26 UTC (commit c946c1e) once: the same. At HS6 the 2023
licensing barely shows (Korea, the largest flow, did not fall) and only 1-2 destinations
are material. Both round-3 rules are off by default since (see the README).

Rebuilt in the thirteenth session (the first copy, in /tmp, was lost) from the same stored
table, row by row, with every recorded check of the copying passing again (its sha256 is the
recorded one). The tests below that pin the figures of their rounds run with the model of
that time (``BEFORE_ROUND8``, the watch before the twelfth session's rounds 8-9) and all
pass on the rebuilt file; ``test_today`` holds today's model to the same detections, with
more series-months judged (from a series' 18th month)."""

from __future__ import annotations

import pytest
from tests.watch.fresh_files import BEFORE_ROUND8, FRESH_FOLDER, fresh_panel

from kcbridge.watch.backtest import run_backtest
from kcbridge.watch.episodes import read_episodes
from kcbridge.watch.panel import SeriesPanel
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS

pytestmark = pytest.mark.realdata

SHA256 = "1e3ad0f5fc4e89d0c5b7c1fd00a4c3b7e666a3828d3b27456f3432cfe64fe2d8"
DEFAULT_PATH = f"{FRESH_FOLDER}/china_gallium_811292_hs6_monthly_2019_2024.csv"
EPISODE = "gallium-germanium-export-licensing-2023"


@pytest.fixture(scope="module")
def gallium_panel() -> SeriesPanel:
    return fresh_panel("gallium", "KCBRIDGE_FRESH_GALLIUM", DEFAULT_PATH, SHA256)


def test_the_file_holds_one_code_to_31_destinations(gallium_panel: SeriesPanel) -> None:
    keys = gallium_panel.keys
    assert gallium_panel.n_series == 31 and gallium_panel.n_months == 63
    assert set(keys["product"]) == {"811292"}


@pytest.mark.parametrize("changes", [
    {},  # the defaults: the code before round 3 (both round-3 rules are off)
    {"breadth_when_few": True},  # as pre-registered (off after its measurement)
    {"lumpy_share": 0.25},  # as pre-registered (off after the pre-cut-off checks)
])
def test_nothing_is_raised_before_or_after_the_licensing(
    gallium_panel: SeriesPanel, changes: dict[str, object],
) -> None:
    eps = [e for e in read_episodes("public_episodes.yaml") if e["name"] == EPISODE]
    result = run_backtest(gallium_panel, eps,
                          DEFAULT_THRESHOLDS.with_overrides(**changes, **BEFORE_ROUND8), live=False)
    s, table = result.summary, result.episodes
    assert (s["visible_episode_series"], s["visible_detected_within_target"]) == (2, 0)
    assert (s["visible_raw_episode_series"], s["visible_raw_detected_within_target"]) == (4, 0)
    visible = table[table["visible_in_data"]]
    assert sorted(visible["partner"]) == ["NLD", "USA"]
    assert sorted(table[table["visible_raw"]]["partner"]) == ["IND", "NLD", "SVK", "USA"]
    assert s["quiet_period"] == "2019-01..2023-06"
    assert (s["quiet_alarms"], s["quiet_series_months"]) == (0, 190)
    assert (s["alarms_outside_windows"], s["series_months_outside_windows"]) == (0, 243)
    assert len(result.detections) == 0


def test_today(gallium_panel: SeriesPanel) -> None:
    """Today's model: still nothing raised; 240 quiet series-months judged (190 before)."""
    eps = [e for e in read_episodes("public_episodes.yaml") if e["name"] == EPISODE]
    result = run_backtest(gallium_panel, eps, DEFAULT_THRESHOLDS, live=False)
    s = result.summary
    assert (s["visible_episode_series"], s["visible_detected_within_target"]) == (2, 0)
    assert (s["quiet_alarms"], s["quiet_series_months"]) == (0, 240)
    assert (s["alarms_outside_windows"], s["series_months_outside_windows"]) == (0, 293)
    assert len(result.detections) == 0
