"""``bounded_gate`` on GENERATED series (issue 11, pre-registered 2026-12-05): a family
whose small destinations are volatile (a robust monthly scale of 0.5-0.9 in logs, the
lumpy flows of a few containers a month) falls with its large destinations. Breadth
says the family fell; whether a volatile small flow took part is judged with the scale
capped as for abrupt_collapse, so its own past volatility cannot hide a fall to 8-30 %
of its level. Quiet-period false alarms are counted on every series."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kcbridge.watch.detectors import detect, judged_mask
from kcbridge.watch.levels import with_levels
from kcbridge.watch.panel import SeriesPanel
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS

MONTHS = pd.date_range("2015-01-01", periods=96, freq="MS")
SHOCK = 83  # 2021-12 (not a January, which is judged with February)
LARGE = [("250410", "KOR", 2e7), ("250410", "JPN", 1e7), ("250410", "USA", 8e6),
         ("380110", "POL", 6e6), ("380110", "DEU", 4e6)]


def volatile_family(seed: int, n_small: int = 14) -> SeriesPanel:
    """Five large graphite destinations (4-20 M USD a month, scale 0.12) and ``n_small``
    small volatile ones (60-400 k USD, scale 0.5-0.9); every series falls to 8-30 % of
    its level from the shock month on, value and quantity alike (a steady unit price)."""
    rng = np.random.default_rng(seed)
    rows = []
    specs = [(p, c, lvl, 0.12) for p, c, lvl in LARGE] + [
        (["250410", "380110"][i % 2], f"S{i:02d}", rng.uniform(6e4, 4e5), rng.uniform(0.5, 0.9))
        for i in range(n_small)]
    for product, partner, level, sigma in specs:
        value = level * np.exp(rng.normal(0.0, sigma, len(MONTHS)))
        quantity = value / (10.0 * np.exp(rng.normal(0.0, 0.03, len(MONTHS))))
        kept = rng.uniform(0.08, 0.3)
        value[SHOCK:] *= kept
        quantity[SHOCK:] *= kept
        rows.append((partner, product, value, quantity))
    keys = pd.DataFrame({"reporter": "CHN", "partner": [r[0] for r in rows],
                         "product": [r[1] for r in rows], "flow": "export"})
    return SeriesPanel(keys, MONTHS, np.array([r[2] for r in rows]),
                       np.array([r[3] for r in rows]))


def tally(bounded: bool, seeds: range) -> dict[str, int]:
    """Small flows judged in the shock month, of them warned in that month, and the
    quiet-period (before the shock) provisional alarms and warnings on every series."""
    th = DEFAULT_THRESHOLDS.with_overrides(bounded_gate=bounded)
    out = {"small_judged": 0, "small_warned": 0, "quiet_alarms": 0, "quiet_warnings": 0,
           "quiet_judged": 0}
    for seed in seeds:
        panel = volatile_family(seed)
        found = with_levels(detect(panel, th), panel, th)
        judged = judged_mask(panel, th)
        small = {i for i, p in enumerate(panel.keys["partner"])
                 if p.startswith("S") and judged[i, SHOCK]}
        warned = found[(found["month"] == MONTHS[SHOCK]) & (found["level"] == "warning")]
        quiet = found[found["month"] < MONTHS[SHOCK]].drop_duplicates(["series", "month"])
        out["small_judged"] += len(small)
        out["small_warned"] += len(small & set(warned["series"]))
        out["quiet_alarms"] += len(quiet)
        out["quiet_warnings"] += int((quiet["level"] == "warning").sum())
        out["quiet_judged"] += int(judged[:, :SHOCK].sum())
    return out


def test_bounded_gate_warns_more_volatile_small_flows_with_no_quiet_alarm():
    seeds = range(20)
    before = tally(False, seeds)
    after = tally(True, seeds)
    # the same series-months are judged either way (the switch changes no denominator)
    assert before["small_judged"] == after["small_judged"] == 276
    assert before["quiet_judged"] == after["quiet_judged"] == 22_623  # months 18-23 included
    # the capped scale lets more of the volatile small flows that fell with the family
    # through: 199 -> 218 of 276 warned in the shock month (72 % -> 79 %); the rest did
    # not fall to 35 % of their expected level that month (their noise)
    assert (before["small_warned"], after["small_warned"]) == (199, 218)
    # the quiet period is the same either way: 3 provisional alarms in 20,348 judged
    # series-months, none of them by broad_collapse; 0 warnings since issue 11 round 5
    # (the one warning, a fall confirmed by its month before, stays a watch; 1 with
    # confirm_month_before_falls=True)
    assert (before["quiet_alarms"], before["quiet_warnings"]) == (3, 0)
    assert (after["quiet_alarms"], after["quiet_warnings"]) == (3, 0)


def test_large_flows_and_breadth_are_unchanged_by_the_switch():
    """Breadth keeps the uncapped gate: the large destinations' detections (and so
    whether there is a broad event) are the same with and without the switch."""
    panel = volatile_family(11)
    on = detect(panel, DEFAULT_THRESHOLDS)
    off = detect(panel, DEFAULT_THRESHOLDS.with_overrides(bounded_gate=False))
    large = set(range(len(LARGE)))
    cols = ["series", "month", "measure", "detector", "breadth"]
    assert on[on["series"].isin(large)][cols].reset_index(drop=True).equals(
        off[off["series"].isin(large)][cols].reset_index(drop=True))
    shock = on[on["month"] == MONTHS[SHOCK]]
    assert shock["breadth"].max() >= DEFAULT_THRESHOLDS.breadth_share
