"""Issue 11, round 11: on an importer-side episode, the reporter's imports of the same
product from the other suppliers are its substitutes; their rises in the months after the
episode are the substitution it caused, reported per episode, not false alarms
(``Thresholds.substitute_months``; pre-registered 2026-12-07 10:19 UTC)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kcbridge.watch.backtest import run_backtest
from kcbridge.watch.episodes import parse_episodes
from kcbridge.watch.panel import SeriesPanel
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS

MONTHS = pd.date_range("2015-01-01", periods=96, freq="MS")
SHOCK = 83  # 2021-12


def korea_imports(with_world: bool = True) -> SeriesPanel:
    """Korea's imports of one 10-digit line: JPN 10 M a month falls to 1 M from the shock,
    CHN 2 M -> 6 M and TWN 1 M -> 3 M (they replace it), and the world total."""
    rows = []
    for i, (partner, level, after) in enumerate([("JPN", 1e7, 1e6), ("CHN", 2e6, 6e6),
                                                 ("TWN", 1e6, 3e6)]):
        rng = np.random.default_rng(20 + i)
        v = level * np.exp(rng.normal(0.0, 0.06, len(MONTHS)))
        v[SHOCK:] *= after / level
        rows.append(("KOR", partner, "2811111000", "import", v, v / 50.0))
    if with_world:
        total = np.sum([r[4] for r in rows], axis=0)
        rows.append(("KOR", "WLD", "2811111000", "import", total, total / 50.0))
    keys = pd.DataFrame([r[:4] for r in rows], columns=["reporter", "partner", "product", "flow"])
    return SeriesPanel(keys, MONTHS, np.array([r[4] for r in rows]),
                       np.array([r[5] for r in rows]))


EPISODE = {"episodes": [{
    "name": "licensing", "reporter": "KOR", "partner": "JPN", "products": ["2811111000"],
    "flow": "import", "announced": "2021-12-01", "effective": "2021-12-01",
    "expected_signal": ["collapse", "abrupt_collapse", "sustained_collapse", "substitution"],
    "source": "generated"}]}


def test_the_other_suppliers_rises_are_reported_as_substitution_not_false_alarms():
    result = run_backtest(korea_imports(), parse_episodes(EPISODE), start="2018-01")
    row = result.episodes.set_index("partner").loc["JPN"]
    assert row["within_target"]
    # CHN and TWN, not the world total
    assert row["substitutes"] == 2
    rose = dict(part.split(" ", 1) for part in row["substitutes_rose"].split("; "))
    assert set(rose) == {"CHN", "TWN"}
    assert all(MONTHS[SHOCK] <= pd.Timestamp(m.split()[0]) <= MONTHS[SHOCK + 2]
               for m in rose.values())
    s = result.summary
    assert (s["substitute_series"], s["substitute_series_rose"]) == (2, 2)
    assert s["false_alarms"] == 0
    assert s["substitute_series_months"] > 0


def test_without_the_rule_the_substitution_counts_as_false_alarms():
    off = DEFAULT_THRESHOLDS.with_overrides(substitute_months=0)
    result = run_backtest(korea_imports(), parse_episodes(EPISODE), off, start="2018-01")
    assert result.summary["false_alarms"] >= 2  # the rises of CHN and TWN
    assert result.summary["substitute_series"] == 0
    assert (result.episodes["substitutes_rose"] == "").all()


def test_exporter_side_episodes_have_no_substitutes():
    panel = korea_imports(with_world=False)
    keys = panel.keys.assign(reporter="CHN", flow="export")
    exporter = SeriesPanel(keys, panel.months, panel.value, panel.quantity)
    episode = {"episodes": [{**EPISODE["episodes"][0], "reporter": "CHN", "flow": "export",
                             "partner": None, "partners": "*"}]}
    episode["episodes"][0].pop("partner")
    result = run_backtest(exporter, parse_episodes(episode), start="2018-01")
    assert (result.episodes["substitutes"] == 0).all()
    assert result.summary["substitute_series"] == 0
