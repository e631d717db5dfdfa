"""Benchmark of the early-warning scan: 20,000 generated monthly series x 120 months.

kcbridge's vectorised, causal scan (all nine detectors on value, quantity and unit
value, every month of every series) side by side with a plain per-series loop that
fits statsmodels STL to each series and flags robust z-scores of its residual. STL is
timed on a sample of series and extrapolated to all of them (said so in the JSON).
Prints one JSON object.

    python benchmarks/watch.py [--series 20000] [--months 120] [--stl-sample 300] [--quiet]
"""

from __future__ import annotations

import argparse
import json
import resource
import time
import tracemalloc

import numpy as np
import pandas as pd


def generate(n_series: int, n_months: int, seed: int = 7):
    from kcbridge.watch.panel import SeriesPanel

    rng = np.random.default_rng(seed)
    t = np.arange(n_months)
    level = rng.lognormal(15, 1.5, size=(n_series, 1))
    season = 0.15 * np.sin(2 * np.pi * (t[None, :] + rng.integers(0, 12, (n_series, 1))) / 12)
    trend = rng.normal(0, 0.004, (n_series, 1)) * t[None, :]
    noise = rng.normal(0, rng.uniform(0.05, 0.4, (n_series, 1)), (n_series, n_months))
    value = level * np.exp(season + trend + noise)
    shocked = rng.random(n_series) < 0.05  # 5 % of series collapse at a random month
    at = rng.integers(n_months // 2, n_months, n_series)
    for i in np.flatnonzero(shocked):
        value[i, at[i]:] *= 0.2
    generate.shocked = shocked  # type: ignore[attr-defined]
    price = rng.lognormal(1, 0.5, (n_series, 1)) * np.exp(rng.normal(0, 0.05, value.shape))
    quantity = value / price
    # two months the reporter did not publish (every series NaN): a missing cell in a
    # published month would mean "no shipment", which the watch reads as a stop
    value[:, rng.choice(n_months, 2, replace=False)] = np.nan
    # groups of 8 partners per product, so that the breadth of each group is computed
    partners = np.array(["CHN", "JPN", "USA", "DEU", "VNM", "TWN", "AUS", "IDN"])
    keys = pd.DataFrame({"reporter": "KOR", "partner": partners[np.arange(n_series) % 8],
                         "product": [f"{i // 8:06d}" for i in range(n_series)],
                         "flow": "import"})
    months = pd.date_range("2015-01-01", periods=n_months, freq="MS")
    return SeriesPanel(keys, months, value, quantity)


def run_kcbridge(panel):
    from kcbridge.watch.detectors import detect
    from kcbridge.watch.levels import with_levels

    tracemalloc.start()
    started, cpu = time.perf_counter(), time.process_time()
    detections = with_levels(detect(panel), panel)  # the alert level is part of the scan
    seconds = time.perf_counter() - started
    run_kcbridge.cpu_seconds = time.process_time() - cpu  # type: ignore[attr-defined]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak, detections


def quiet_rates(panel, detections, shocked, overrides):
    """Alarm months per 1,000 judged series-months on the series that were never
    shocked, per detector, with the shipped thresholds and with each override (the
    issue-11 rules switched off one at a time): how each rule changes the quiet rate.
    Every variant scans the whole panel (breadth sees every series)."""
    from kcbridge.watch.detectors import DETECTORS, detect, judged_mask
    from kcbridge.watch.levels import with_levels
    from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS

    clean = np.flatnonzero(~shocked)
    out = {}
    for label, changes in {"shipped": {}, **overrides}.items():
        th = DEFAULT_THRESHOLDS.with_overrides(**changes)
        det = detections if not changes else with_levels(detect(panel, th), panel, th)
        det = det[det["series"].isin(clean)]
        judged = int(judged_mask(panel, th)[clean].sum())
        rates = {}
        for name in DETECTORS:
            hits = det[det["detector"] == name][["series", "month"]].drop_duplicates()
            rates[name] = round(1000.0 * len(hits) / max(judged, 1), 3)
        any_hit = det[["series", "month"]].drop_duplicates()
        warned = det[det["level"] == "warning"][["series", "month"]].drop_duplicates()
        out[label] = {"judged_series_months": judged,
                      "any_detector_per_1000": round(1000.0 * len(any_hit) / max(judged, 1), 3),
                      "warnings_per_1000": round(1000.0 * len(warned) / max(judged, 1), 3),
                      "per_detector_per_1000": rates}
    return out


def run_stl_loop(panel, sample: int):
    from statsmodels.tsa.seasonal import STL

    idx = np.linspace(0, panel.n_series - 1, min(sample, panel.n_series)).astype(int)
    flagged = 0
    started = time.perf_counter()
    for i in idx:
        y = pd.Series(np.log1p(panel.value[i]), index=panel.months).interpolate().bfill().ffill()
        res = STL(y, period=12, robust=True).fit().resid
        mad = np.median(np.abs(res - np.median(res))) * 1.4826
        flagged += int(np.sum(np.abs(res / mad) > 5))
    seconds = time.perf_counter() - started
    return seconds, len(idx), flagged


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--series", type=int, default=20_000)
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--stl-sample", type=int, default=300)
    parser.add_argument("--quiet", action="store_true",
                        help="Also the alarm rates on the never-shocked series, per "
                        "detector, with each issue-11 rule switched off in turn, and "
                        "breadth_of_small, lumpy_share and the round-4 switches the other "
                        "way (12 more scans).")
    args = parser.parse_args()
    panel = generate(args.series, args.months)
    k_seconds, k_peak, detections = run_kcbridge(panel)
    n_det = len(detections)
    n_warn = int((detections.drop_duplicates(["series", "month"])["level"] == "warning").sum())
    quiet = quiet_rates(panel, detections, generate.shocked, {  # type: ignore[attr-defined]
        "without_abrupt_collapse": {"abrupt_move": 0.0},
        "without_small_flows": {"broad_min_value_usd": 500_000.0},
        "quantity_always_corroborated": {"steady_unit_value_scale": 0.0},
        "missing_months_never_judged": {"stopped_after": 0},
        "levels_without_persistence": {"confirm_drop": 1.0, "confirm_rise": 1e9},
        "without_bounded_gate": {"bounded_gate": False},
        # off by default since its one real-data measurement: shown switched on
        "with_breadth_of_small": {"breadth_of_small": True},
        "without_broad_stop": {"broad_stop_after": 0},
        # issue 11, round 3: both off by default since their measurements (shown on)
        "with_breadth_when_few": {"breadth_when_few": True},
        "with_lumpy_share": {"lumpy_share": 0.25},
        # issue 11, round 5: the month before confirms rises only (on by default);
        # shown with the month before confirming falls too (before round 5), and the
        # other round-4 candidate (off by default) switched on
        "month_before_confirms_falls": {"confirm_month_before_falls": True},
        "with_month_before_at_gate": {"confirm_before_at_gate": True},
        # issue 11, round 10: a stop confirms itself in its own month (on by default)
        "without_stop_rule": {"stop_share": 0.0},
    }) if args.quiet else None
    s_seconds, s_n, _ = run_stl_loop(panel, args.stl_sample)
    stl_all = s_seconds / s_n * args.series
    print(json.dumps({
        "benchmark": "watch scan",
        "series": args.series, "months": args.months,
        "kcbridge": {
            "seconds": round(k_seconds, 2),
            "series_per_second": round(args.series / k_seconds, 1),
            "cpu_seconds": round(run_kcbridge.cpu_seconds, 2),  # type: ignore[attr-defined]
            "note": "wall seconds depend on what else runs on the machine; cpu_seconds "
                    "is this process's own time (NumPy is single-threaded here)",
            "peak_traced_memory_mb": round(k_peak / 2**20, 1),
            "detections": n_det,
            "warning_series_months": n_warn,
            "what": "11 detectors x (value, quantity, unit value) incl. abrupt_collapse "
                    "and importer-side substitution, breadth over groups of 8 partners, "
                    "January-February combined, every month, causal; "
                    "with the alert level (watch / warning) of every series-month",
        },
        "statsmodels_stl_loop": {
            "seconds_extrapolated": round(stl_all, 2),
            "series_per_second": round(s_n / s_seconds, 1),
            "timed_series": s_n,
            "timed_seconds": round(s_seconds, 2),
            "extrapolated": s_n < args.series,
            "what": "one robust STL fit per series on log value, z of the residual "
                    "(a single full-sample fit: no causal replay, value only)",
        },
        "speedup": round(stl_all / k_seconds, 1),
        "quiet_series_alarm_rates": quiet,
        "goal": {"under_60s": k_seconds < 60, "at_least_5x": stl_all / k_seconds >= 5},
        "process_max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }, indent=2))


if __name__ == "__main__":
    main()
