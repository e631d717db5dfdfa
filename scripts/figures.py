"""README figures from measured JSON, never typed by hand.

Each figure is one command that prints JSON (a benchmark or an evaluation). ``run`` executes
it, wraps its output with where and how it was measured (date, commit, CPUs, load average,
the BLAS library and its thread count, thread-related environment variables) and stores it in
``benchmarks/results/NAME.json``. ``render`` rewrites every README block between
``<!-- figures:NAME -->`` and ``<!-- /figures:NAME -->`` from that file; ``--check`` only
reports blocks that differ (the test suite runs it, so a README figure cannot drift from
its JSON).

    python scripts/figures.py run complexity demo     # measure (minutes), write JSON
    python scripts/figures.py render                  # rewrite the README blocks
    python scripts/figures.py render --check          # exit 1 when a block is stale
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
README = ROOT / "README.md"
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE",
               "MKL_NUM_THREADS", "POLARS_MAX_THREADS", "RAYON_NUM_THREADS")
BLOCK = re.compile(
    r"(<!-- figures:(?P<name>[a-z_]+) -->\n)(?P<body>.*?)(<!-- /figures:(?P=name) -->)", re.S)


@dataclass(frozen=True)
class Figure:
    """One measured figure: the command that prints its JSON and how the README shows it."""

    command: Callable[[Path], list[str]]
    render: Callable[[dict[str, Any]], str]
    #: the command writes its store here (a fresh KCBRIDGE_HOME), when it needs one
    needs_home: bool = False


# ---- measuring -----------------------------------------------------------------------
def blas_info() -> list[dict[str, Any]]:
    """The BLAS/OpenMP libraries numpy loads in a fresh process, with their thread counts."""
    code = ("import json, numpy, threadpoolctl; print(json.dumps([{k: i.get(k) for k in "
            "('user_api', 'internal_api', 'version', 'num_threads', 'architecture')} "
            "for i in threadpoolctl.threadpool_info()]))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return list(json.loads(proc.stdout))


def _commit() -> str:
    proc = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                          capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return proc.stdout.strip() + ("+changes" if dirty else "")


def measure(name: str) -> dict[str, Any]:
    """Run figure ``name``'s command and return its JSON wrapped with the machine's state."""
    figure = FIGURES[name]
    with tempfile.TemporaryDirectory(prefix=f"kcb_fig_{name}_") as home:
        env = dict(os.environ)
        # what a user's Python does: compiled modules are cached in __pycache__ (a shell
        # or container that sets PYTHONDONTWRITEBYTECODE makes every process compile
        # kcbridge's ~100 modules from source again, ~0.15 s per command)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if figure.needs_home:
            env["KCBRIDGE_HOME"] = home
        command = figure.command(Path(home))
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{name}: `{' '.join(command)}` failed ({proc.returncode}):\n"
                         f"{proc.stderr[-2000:]}")
    return {
        "figure": name,
        "command": " ".join(command).replace(sys.executable, "python").replace(home, "HOME"),
        "measured_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "load_average_before": round(load_before, 2),
            "load_average_after": round(os.getloadavg()[0], 2),
            "blas": blas_info(),
            "thread_env": {k: os.environ[k] for k in THREAD_VARS if k in os.environ},
            "bytecode_cache": True,
        },
        "wall_seconds": round(seconds, 2),
        "result": _last_json(proc.stdout),
    }


def _last_json(stdout: str) -> Any:
    """The command's JSON: the whole output, or its last line when it prints more."""
    text = stdout.strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return json.loads(text.splitlines()[-1])


# ---- rendering -------------------------------------------------------------------------
def _machine_line(data: dict[str, Any]) -> str:
    m = data["machine"]
    blas = ", ".join(f"{b.get('internal_api')} {b.get('version')} ({b.get('num_threads')} "
                     f"threads, {b.get('architecture')})" for b in m.get("blas", [])) or "none"
    env = ", ".join(f"{k}={v}" for k, v in sorted(m.get("thread_env", {}).items())) or "none set"
    return (f"Measured {data['measured_at']} at commit {data['commit']} with `{data['command']}`: "
            f"{m['cpus']} CPUs, load average {m['load_average_before']} before and "
            f"{m['load_average_after']} after; BLAS {blas}; thread variables: {env}"
            f"{'; compiled modules cached' if m.get('bytecode_cache') else ''}. "
            f"Source: `benchmarks/results/{data['figure']}.json` "
            f"(`python scripts/figures.py run {data['figure']}` re-measures it).")


def _num(value: Any, digits: int = 2) -> str:
    return "n/a" if value is None else f"{float(value):,.{digits}f}"


def render_complexity(data: dict[str, Any]) -> str:
    r = data["result"]
    real = r.get("real_2017_hs4", {})
    ours, peer = real.get("kcbridge", {}), real.get("py_ecomplexity", {})
    rows = ["| task | kcbridge | py-ecomplexity | goal |", "|---|---|---|---|"]
    if "seconds" in ours and "seconds" in peer:
        rows += [
            f"| real 2017 HS4 world exports ({ours.get('countries')} countries x "
            f"{ours.get('products')} products): RCA, ECI, PCI, proximity, density: wall seconds | "
            f"{_num(ours['seconds'])} | {_num(peer['seconds'])} | "
            f"{_num(real.get('speedup'), 1)}x faster ({real.get('goal', '')}: "
            f"{'met' if real.get('goal_met') else 'not met'}) |",
            f"| same: CPU-seconds (all threads) | {_num(ours.get('cpu_seconds'))} | "
            f"{_num(peer.get('cpu_seconds'))} | |",
            f"| same: extra memory, MB | {_num(ours.get('extra_mb'), 0)} | "
            f"{_num(peer.get('extra_mb'), 0)} | |",
        ]
    synthetic: dict[str, Any] = next(
        (v for k, v in r.items() if k.startswith("synthetic")), {})
    if "seconds" in synthetic:
        rows.append(
            f"| synthetic world, {synthetic.get('countries')} countries x "
            f"{synthetic.get('products')} products x {synthetic.get('years')} years, every "
            f"index of every year: wall s / CPU s / peak MB | {_num(synthetic['seconds'])} / "
            f"{_num(synthetic.get('cpu_seconds'))} / {_num(synthetic.get('peak_mb'), 0)} | | "
            f"{synthetic.get('goal', '')}: {'met' if synthetic.get('goal_met') else 'not met'} |")
    return "\n".join(rows) + "\n\n" + _machine_line(data) + "\n"


def render_demo(data: dict[str, Any]) -> str:
    summary = data["result"]
    extras = summary.get("extras", {})
    watch, docs, partners = (extras.get(k, {}) for k in ("watch", "docs", "partners"))
    rows = ["| what | value |", "|---|---|",
            f"| annual flows | {summary.get('annual_rows', 0):,} |",
            f"| monthly flows | {summary.get('monthly_rows', 0):,} |",
            f"| years | {min(summary['years'])}-{max(summary['years'])} |",
            f"| exporters | {summary.get('countries', 0):,} |",
            f"| HS6 products | {summary.get('products', 0):,} |",
            f"| planted disruptions | {len(summary.get('events', []))} |",
            f"| alerts of the first watch scan (high or critical) | "
            f"{watch.get('alerts', 0):,} ({watch.get('high_or_critical', 0):,}) |",
            f"| sample documents (statements found) | {docs.get('documents', 0)} "
            f"({docs.get('statements', 0)}) |",
            f"| registry organisations (flagged on a sample list) | "
            f"{partners.get('organisations', 0)} ({partners.get('flagged', 0)}) |",
            f"| seconds, building the world (the whole command) | "
            f"{_num(summary.get('seconds'), 1)} ({_num(data['wall_seconds'], 1)}) |"]
    return "\n".join(rows) + "\n\n" + _machine_line(data) + "\n"


def render_cli(data: dict[str, Any]) -> str:
    r = data["result"]
    rows = ["| command | median wall s | CPU s | goal s | met |", "|---|---|---|---|---|",
            f"| `python -c pass` (floor) | {_num(r['python_startup']['median_s'])} | "
            f"{_num(r['python_startup']['cpu_s'])} | | |",
            f"| `python -c \"import kcbridge\"` (floor) | "
            f"{_num(r['import_kcbridge']['median_s'])} | {_num(r['import_kcbridge']['cpu_s'])} "
            f"| | |"]
    for c in r["commands"]:
        goal = c.get("goal_s")
        met = "" if goal is None else ("yes" if c.get("meets_goal") else "no")
        rows.append(f"| `{c['command']}` | {_num(c['median_s'])} | {_num(c.get('cpu_s'))} | "
                    f"{'' if goal is None else _num(goal, 1)} | {met} |")
    summary = (f"{r.get('meeting_goal', 0)} of {r.get('with_goal', 0)} commands with a goal meet "
               f"it here; {r.get('repeat')} runs each, derived results "
               f"{'cold' if r.get('cold_derived_results') else 'already kept'}.")
    return "\n".join(rows) + "\n\n" + summary + " " + _machine_line(data) + "\n"


def _r(value: Any) -> str:
    return "n/a" if value is None else f"{float(value):.2f}"


def render_watch_backtest(data: dict[str, Any]) -> str:
    s = data["result"]["summary"]
    rows = ["| measure (confirmed warnings; provisional alerts in brackets) | value |", "|---|---|",
            f"| months replayed, series | {s['months']}, {s['series']} |",
            f"| visible episode series warned within a month of the effective date | "
            f"{s['visible_detected_within_target']} of {s['visible_episode_series']} "
            f"({s['visible_watch_within_target']} of {s['visible_episode_series']}) |",
            f"| false alarms on series without an episode, per 1,000 judged series-months | "
            f"{_r(s['false_alarms_per_1000'])} = {s['false_alarms']} / "
            f"{s['series_months_no_episode']:,} ({_r(s['provisional_false_alarms_per_1000'])}) |",
            f"| same, material series-months only | {_r(s['false_alarms_per_1000_material'])} "
            f"({_r(s['provisional_false_alarms_per_1000_material'])}) |",
            f"| alarms outside every episode window, per 1,000 | "
            f"{_r(s['alarms_outside_windows_per_1000'])} "
            f"({_r(s['provisional_alarms_outside_windows_per_1000'])}) |",
            f"| quiet period {s['quiet_period']}, per 1,000 | {_r(s['quiet_alarms_per_1000'])} "
            f"({_r(s['provisional_quiet_alarms_per_1000'])}) |"]
    return "\n".join(rows) + "\n\n" + _machine_line(data) + "\n"


def render_partners_fresh(data: dict[str, Any]) -> str:
    r = data["result"]
    rows = ["| language pair | queries | recall@1 | recall@5 | MRR | distractor above partner | "
            "same direction above partner |", "|---|---|---|---|---|---|---|"]
    pairs = [("all", r["overall"]), *sorted(r["by_language_pair"].items())]
    for name, m in pairs:
        rows.append(f"| {name} | {m['queries']} | {_r(m['recall_at_1'])} | "
                    f"{_r(m['recall_at_5'])} | {_r(m['mrr'])} | "
                    f"{m['distractor_above_partner']} | {m['same_direction_above_partner']} |")
    return "\n".join(rows) + "\n\n" + _machine_line(data) + "\n"


def render_docs_news_dev(data: dict[str, Any]) -> str:
    r = data["result"]
    rows = ["| language | documents | statements R / P | organisations R / P | people R / P | "
            "sectors R |", "|---|---|---|---|---|---|"]
    for row in r["rows"]:
        rows.append(f"| {row['lang']} | {row['docs']} | {_r(row['statement_recall'])} / "
                    f"{_r(row['statement_precision'])} | {_r(row['organisation_recall'])} / "
                    f"{_r(row['organisation_precision'])} | {_r(row['person_recall'])} / "
                    f"{_r(row['person_precision'])} | {_r(row['sector_recall'])} |")
    return ("\n".join(rows) + f"\n\nSplit: `{r['split']}` of `{r['folder']}` "
            f"({len(r['documents'])} texts). " + _machine_line(data) + "\n")


def render_load(data: dict[str, Any]) -> str:
    r = data["result"]
    parts = [_load_table(r, r["goal"], "file in BACI's own key order (year, exporter, "
                         "importer, product)" if r.get("in_key_order") else
                         "file out of key order")]
    if "out_of_key_order" in r:  # (the same goal: the run prints it once, at its head)
        parts.append(_load_table(r["out_of_key_order"], r["goal"], "the same rows out of key "
                                 "order (same run, interleaved)"))
    return "\n\n".join(parts) + " " + _machine_line(data) + "\n"


def _load_table(r: dict[str, Any], goal: dict[str, Any], title: str) -> str:
    sides = [("kcbridge load into the lake (validated, transactional)", r["kcbridge"]),
             ("floor: DuckDB read_csv -> Parquet", r["floor_duckdb_read_csv_to_parquet"]),
             ("floor + the stored columns of the old layout", r["floor_mapped_columns"]),
             ("pandas read_csv + to_parquet", r["pandas_read_csv_to_parquet"])]
    rows = [f"| {title}: side | seconds (fastest) | every run | peak memory MB |",
            "|---|---|---|---|"]
    for name, side in sides:
        runs = ", ".join(_r(x) for x in side.get("all_seconds", []))
        rows.append(f"| {name} | {_r(side['seconds'])} | {runs} | "
                    f"{side.get('peak_rss_mb', 'n/a')} |")
    summary = (f"{r['rows']:,} rows ({r['file_mb']} MB), {r['repeat']} runs per side "
               f"interleaved: kcbridge is {_r(r['kcbridge_vs_floor'])}x the floor (goal at most "
               f"{goal['vs_floor_at_most']}x; {_r(r['kcbridge_vs_floor_cpu'])}x in CPU time) "
               f"and {_r(r['speedup_vs_pandas'])}x pandas' speed (goal at least "
               f"{goal['speedup_vs_pandas_at_least']}x; pandas itself is "
               f"{_r(r['pandas_vs_floor'])}x the floor): goals "
               f"{'met' if r['goal_met'] else 'not met'}.")
    return "\n".join(rows) + "\n\n" + summary


def render_small_load(data: dict[str, Any]) -> str:
    r = data["result"]
    floors = r["floors"]
    rows = ["| file revision | first load (table composed) s / MB | kept table s / MB | met |",
            "|---|---|---|---|"]
    for row in r["revisions"]:
        first, kept = row["first"], row["kept"]
        rows.append(f"| {row['revision']} | {_r(first['wall_s'])} / {first['peak_mb']:.0f} | "
                    f"{_r(kept['wall_s'])} / {kept['peak_mb']:.0f} | "
                    f"{'yes' if row['kept_meets_goal'] else 'no'} |")
    goal = r["goal"]
    summary = (f"A {r['rows_in_file']}-row exports-to-world file, median of {r['repeat']} "
               f"fresh processes each; floors in the same run: `import kcbridge` "
               f"{_r(floors['import_kcbridge']['wall_s'])} s, `kcbridge status` "
               f"{_r(floors['status']['wall_s'])} s / {floors['status']['peak_mb']:.0f} MB. "
               f"{r['kept_meeting_goal']} of {r['of']} revisions load under "
               f"{goal['wall_s']:.0f} s and {goal['peak_mb']:.0f} MB once the table is kept.")
    return "\n".join(rows) + "\n\n" + summary + " " + _machine_line(data) + "\n"


def render_watch_speed(data: dict[str, Any]) -> str:
    r = data["result"]
    k, stl = r["kcbridge"], r["statsmodels_stl_loop"]
    rows = ["| side | wall seconds | CPU seconds | series per second |", "|---|---|---|---|",
            f"| kcbridge scan: every detector and the alert level, every month, causal | "
            f"{_r(k['seconds'])} | {_r(k['cpu_seconds'])} | {k['series_per_second']:,} |",
            f"| statsmodels STL, one fit per series (timed on {stl['timed_series']:,} series"
            f"{', extrapolated' if stl['extrapolated'] else ''}) | "
            f"{_r(stl['seconds_extrapolated'])} | | {stl['series_per_second']:,} |"]
    goal = r["goal"]
    summary = (f"{r['series']:,} generated series x {r['months']} months: "
               f"{_r(r['speedup'])}x the STL loop, peak traced memory "
               f"{k['peak_traced_memory_mb']} MB; goal under 60 s: "
               f"{'met' if goal['under_60s'] else 'not met'}, at least 5x: "
               f"{'met' if goal['at_least_5x'] else 'not met'}.")
    return "\n".join(rows) + "\n\n" + summary + " " + _machine_line(data) + "\n"


def render_partners_speed(data: dict[str, Any]) -> str:
    r = data["result"]
    fast, exact = r["fast"], r["exact"]
    score = r.get("score", "rules alone")  # runs before round 18 timed the rules only

    def row(kind: str, part: dict[str, Any], name: str) -> str:
        return (f"| {kind}: {part['method']} | {name} | {_r(part['build_s'])} | "
                f"{_r(part['p50_ms'])} | {_r(part['p95_ms'])} | {_r(part['cpu_p95_ms'])} |")

    rows = ["| search | score | build s | p50 ms | p95 ms | CPU p95 ms |",
            "|---|---|---|---|---|---|",
            row("fast", fast, score), row("exact", exact, score)]
    older = r.get("learned_round19")  # since round 21: the model before the shared codes
    if older:
        rows += [row("fast", older["fast"], "learned, round-19 model"),
                 row("exact", older["exact"], "learned, round-19 model")]
    rules = r.get("rules")
    if rules:
        rows += [row("fast", rules["fast"], rules["score"]),
                 row("exact", rules["exact"], rules["score"])]
    goal = r["goal"]
    met = fast["p95_ms"] < goal["p95_ms"] and r["recall_fast_vs_exact"] >= goal["recall"]
    summary = (f"{r['profiles']:,} generated profiles, {r['queries']} queries, top {r['k']}: "
               f"with the {score} (the default) the fast search finds "
               f"{_r(r['recall_fast_vs_exact'])} of the exact top {r['k']}"
               + (f" (rules alone: {_r(rules['recall_fast_vs_exact'])})" if rules else "")
               + f"; the encoder (one thread) embeds "
               f"{r['encoder']['sentences_per_s']:,} sentences/s. Goal p95 under "
               f"{goal['p95_ms']} ms with recall >= {goal['recall']}: "
               f"{'met' if met else 'not met'}.")
    return "\n".join(rows) + "\n\n" + summary + " " + _machine_line(data) + "\n"


def render_pages(data: dict[str, Any]) -> str:
    r = data["result"]
    if "groups" not in r:  # the earlier benchmark: trade pages only
        return _render_trade_pages(r) + " " + _machine_line(data) + "\n"
    rows = ["| group | page | first load s (CPU s) | warm p50 s | warm p95 s (CPU s) | "
            "meets goal |", "|---|---|---|---|---|---|"]
    for group in r["groups"]:
        for page in group["pages"]:
            if page.get("url") is None:
                rows.append(f"| {group['group']} | {page['page']} | {page['error']} | | | no |")
                continue
            name = f"`{page['url']}`" + (" (floor)" if page["floor"] else "")
            met = "" if page["floor"] else ("yes" if page["meets_goal"] else "no")
            rows.append(f"| {group['group']} | {name} | {_r(page['first_s'])} "
                        f"({_r(page.get('first_cpu_s'))}) | {_r(page['p50_s'])} | "
                        f"{_r(page['p95_s'])} ({_r(page.get('p95_cpu_s'))}) | {met} |")
    goal = r["goal"]
    loads = ", ".join(f"{g['group']} {g['load_avg_1m_before']}" for g in r["groups"])
    over = ", ".join(f"`{u}`" for u in r["over_goal"]) or "none"
    summary = (f"{r['pages_meeting_goal']} of {r['pages_total']} pages meet the goal (first "
               f"load under {goal['first_s']} s, warm p95 under {goal['p95_warm_s']} s; "
               f"{r['repeat']} warm loads each; one new server process per group; kept "
               f"results {'removed first (`--cold`)' if r['cold'] else 'as the demo left them'}"
               f"). Over the goal: {over}. CPU seconds are the server process's (they move "
               f"less with the machine's load). Load average before each group: {loads}.")
    return "\n".join(rows) + "\n\n" + summary + " " + _machine_line(data) + "\n"


def _render_trade_pages(r: dict[str, Any]) -> str:
    rows = ["| page | first load s | warm p50 s | warm p95 s | meets goal |",
            "|---|---|---|---|---|"]
    for page in r["pages"]:
        name = f"`{page['page']}`" + (" (floor)" if page["floor"] else "")
        met = "" if page["floor"] else ("yes" if page["meets_goal"] else "no")
        rows.append(f"| {name} | {_r(page['first_s'])} | {_r(page['p50_s'])} | "
                    f"{_r(page['p95_s'])} | {met} |")
    goal = r["goal"]
    summary = (f"{r['pages_meeting_goal']} of {r['pages_total']} pages meet the goal (first "
               f"load under {goal['first_s']} s, warm p95 under {goal['p95_warm_s']} s; "
               f"{r['repeat']} warm loads each, kept product-space layouts "
               f"{'removed first (`--cold`)' if r['cold_layout'] else 'as the store had them'}).")
    return "\n".join(rows) + "\n\n" + summary


MINERALS = "../shared/data/real/china_critical_minerals_monthly/country_monthly_stats.csv"
NEWS_DEV = "../shared/data/real/news_dev"

FIGURES: dict[str, Figure] = {
    "complexity": Figure(command=lambda home: [sys.executable, "benchmarks/complexity.py"],
                         render=render_complexity),
    "demo": Figure(command=lambda home: [sys.executable, "-m", "kcbridge", "demo", "--format",
                                         "json"],
                   render=render_demo, needs_home=True),
    "cli": Figure(command=lambda home: [
        "bash", "-c", f"{sys.executable} -m kcbridge demo >/dev/null && "
                      f"{sys.executable} benchmarks/cli.py --home {home} --repeat 3"],
        render=render_cli, needs_home=True),
    "load": Figure(command=lambda home: [sys.executable, "benchmarks/load.py", "--rows",
                                         "10000000", "--repeat", "3"], render=render_load),
    "small_load": Figure(command=lambda home: [sys.executable, "benchmarks/small_load.py",
                                               "--repeat", "3"], render=render_small_load),
    "watch_speed": Figure(command=lambda home: [sys.executable, "benchmarks/watch.py"],
                          render=render_watch_speed),
    "partners_speed": Figure(command=lambda home: [sys.executable, "benchmarks/partners.py",
                                                   "--skip-e5"], render=render_partners_speed),
    "pages": Figure(command=lambda home: [
        "bash", "-c", f"{sys.executable} -m kcbridge demo >/dev/null && "
                      f"{sys.executable} benchmarks/pages.py --home {home} --repeat 10"],
                    render=render_pages, needs_home=True),
    "watch_backtest": Figure(command=lambda home: [
        sys.executable, "-m", "kcbridge", "watch", "backtest", "--minerals", MINERALS,
        "--format", "json"], render=render_watch_backtest, needs_home=True),
    "partners_fresh": Figure(command=lambda home: [
        sys.executable, "-m", "kcbridge", "partners", "evaluate", "--one-summary", "--set",
        "fresh", "--format", "json"], render=render_partners_fresh, needs_home=True),
    "docs_news_dev": Figure(command=lambda home: [
        sys.executable, "-m", "kcbridge", "docs", "evaluate", "--set", NEWS_DEV, "--split",
        "dev", "--format", "json"], render=render_docs_news_dev, needs_home=True),
}


def load_result(name: str, results: Path = RESULTS) -> dict[str, Any]:
    path = results / f"{name}.json"
    if not path.exists():
        raise SystemExit(f"{path} does not exist: run `python scripts/figures.py run {name}`.")
    return dict(json.loads(path.read_text(encoding="utf-8")))


def render_text(text: str, results: Path = RESULTS) -> tuple[str, list[str]]:
    """``text`` with every figures block re-rendered, and the names of the blocks that changed."""
    changed: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in FIGURES:
            raise SystemExit(f"README block figures:{name} names no figure; known: "
                             f"{', '.join(sorted(FIGURES))}.")
        body = FIGURES[name].render(load_result(name, results))
        if body != match.group("body"):
            changed.append(name)
        return match.group(1) + body + match.group(4)

    return BLOCK.sub(replace, text), changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="action", required=True)
    run = sub.add_parser("run", help="measure figures and store their JSON")
    run.add_argument("names", nargs="+", choices=sorted(FIGURES))
    rend = sub.add_parser("render", help="rewrite the README blocks from the stored JSON")
    rend.add_argument("--check", action="store_true", help="only report stale blocks")
    args = parser.parse_args(argv)
    if args.action == "run":
        RESULTS.mkdir(parents=True, exist_ok=True)
        for name in args.names:
            data = measure(name)
            (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False)
                                                  + "\n", encoding="utf-8")
            print(f"{name}: {data['wall_seconds']} s, stored in benchmarks/results/{name}.json")
        return 0
    text = README.read_text(encoding="utf-8")
    new, changed = render_text(text)
    if args.check:
        for name in changed:
            print(f"README block figures:{name} differs from benchmarks/results/{name}.json: "
                  "run `python scripts/figures.py render`.", file=sys.stderr)
        return 1 if changed else 0
    if changed:
        README.write_text(new, encoding="utf-8")
    print(f"re-rendered: {', '.join(changed) or 'nothing changed'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
