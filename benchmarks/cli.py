"""Benchmark: wall time of every read-only README command against ``python -c "import
kcbridge"``, all in the same run (issue 14's goal: every command but ``demo``, ``load`` and
``report`` under 1 s on an idle 2-core machine, ``kcbridge --help`` under 0.3 s).

Each command runs ``--repeat`` times as a fresh process (what a user waits for), output
discarded. The JSON gives per command the first run (the one that may compute and keep a
derived result), the median and the slowest run, the median minus the import floor, the
goal and whether the median meets it. A repeated command is answered from what its first
run kept; so the last rows (``new_question``) ask questions nobody asked before: each run
another organisation to match or another query to search, with the kept answers removed
first (``NEW_QUESTIONS``). Floors measured in the same run: ``python -c
pass`` (the interpreter) and ``python -c "import kcbridge"``. The machine may be shared:
the JSON records the CPU count and the 1-minute load average before, after and at each
command, and ``cpu_s`` (user + system CPU seconds of the command's process, which load
inflates far less than wall time).

With ``--cold`` the store's derived results (``HOME/derived``) are removed once before
the commands, so each command's first run computes and keeps what it needs. With
``--compare-src DIR`` (the ``src`` folder of another checkout, e.g. ``git archive COMMIT
src | tar -x -C /tmp/before``) every command also runs as ``python -m kcbridge`` from that
code, alternating with the current code run by run, so both see the same load: the
``compare`` entry of each command. The other version runs on a copy of the home (made
once), so that the results each version keeps (keyed by its own code) do not evict the
other's and turn every run into a recomputation.

Usage: ``python benchmarks/cli.py --home PATH [--repeat 3] [--cold] [--only status,watch]
[--json-out FILE] [--compare-src DIR]`` (``--home``: a kcbridge home holding a store, e.g. after
``KCBRIDGE_HOME=PATH kcbridge demo``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

VENV_BIN = Path(sys.executable).parent
KCBRIDGE = str(VENV_BIN / "kcbridge")
HELP_GOAL_S = 0.3
COMMAND_GOAL_S = 1.0
#: (command, goal in seconds or None where issue 14 sets none); {tmp}: a scratch folder
COMMANDS: list[tuple[list[str], float | None]] = [
    (["--help"], HELP_GOAL_S),
    (["trade", "--help"], HELP_GOAL_S),
    (["watch", "--help"], HELP_GOAL_S),
    (["partners", "match", "--help"], HELP_GOAL_S),
    (["status"], COMMAND_GOAL_S),
    (["countries", "korea"], COMMAND_GOAL_S),
    (["products", "2504"], COMMAND_GOAL_S),
    (["sectors"], COMMAND_GOAL_S),
    (["settings"], COMMAND_GOAL_S),
    (["complementarity", "KOR", "CHN"], COMMAND_GOAL_S),
    (["complexity"], COMMAND_GOAL_S),
    (["trade", "flows", "KOR", "CHN", "--year", "2023", "--by", "product"], COMMAND_GOAL_S),
    (["trade", "flows", "KOR", "CHN", "--year", "2023", "--by", "sector"], COMMAND_GOAL_S),
    (["trade", "treemap", "KOR", "--partner", "CHN"], COMMAND_GOAL_S),
    (["trade", "series", "KOR", "CHN", "--product", "8507"], COMMAND_GOAL_S),
    (["trade", "space", "KOR"], COMMAND_GOAL_S),
    (["trade", "flows", "KOR", "CHN", "--format", "xlsx", "--output", "{tmp}/flows.xlsx"],
     COMMAND_GOAL_S),
    (["watch", "screen", "--limit", "2"], COMMAND_GOAL_S),
    (["watch", "screen", "--by", "sector"], COMMAND_GOAL_S),
    (["watch", "scan"], COMMAND_GOAL_S),
    (["watch", "alerts", "--limit", "5"], COMMAND_GOAL_S),
    (["partners", "match", "한빛양극재"], COMMAND_GOAL_S),
    (["partners", "screen", "斯巴魯株式會社"], COMMAND_GOAL_S),
    (["docs", "search", "battery"], COMMAND_GOAL_S),
    (["report"], None),
]
#: Questions asked for the first time: each run asks another one (the demo world's names
#: and words), with the answers kept by earlier runs removed first (``derived/NAME``), so
#: nothing is replayed: (label, the runs' argv, the kept answers to remove, goal).
NEW_QUESTIONS: list[tuple[str, list[list[str]], tuple[str, ...], float]] = [
    ("partners match ORG (an organisation not asked today)",
     [["partners", "match", org] for org in ("세진패키징", "Zhiyuan Auto Co., Ltd.",
                                             "星联充电科技有限公司", "하이스택에너지",
                                             "Daon Vacuum Technology")],
     ("partner_match_answers", "partner_peer_answers"), COMMAND_GOAL_S),
    ("docs search QUERY (a query not asked before)",
     [["docs", "search", q] for q in ("hydrogen fuel cell trucks", "반도체 소재 공급망",
                                      "新能源汽车 电池 回收", "joint laboratory opens",
                                      "export licence graphite")],
     ("docs_search_answers",), COMMAND_GOAL_S),
    ("watch screen ... (a screen not printed before)",
     [["watch", "screen", *args] for args in (
         ["--limit", "3"], ["--regime", "korea", "--limit", "5"], ["--importer", "KOR"],
         ["--sector", "semiconductors", "--limit", "4"], ["--by", "critical_item"])],
     ("cli_watch_screen",), COMMAND_GOAL_S),
]


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the child, exit code) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode


def _timing(command: str, runs: list[tuple[float, float, int]], goal: float | None,
            load: float, import_floor: dict[str, float]) -> dict[str, Any]:
    """One row of the JSON: ``runs`` (wall s, CPU s, exit code) of ``command`` summed up
    against its goal and the import floor."""
    times = [r[0] for r in runs]
    median = statistics.median(times)
    return {
        "command": command,
        "exit_codes": sorted({r[2] for r in runs}),
        "first_s": round(times[0], 3), "median_s": round(median, 3),
        "max_s": round(max(times), 3),
        "cpu_s": round(statistics.median(r[1] for r in runs), 3),
        "over_import_s": round(median - import_floor["median_s"], 3),
        "goal_s": goal, "meets_goal": None if goal is None else median < goal,
        "load_avg_1m": round(load, 2),
    }


def _floor(code: str, env: dict[str, str], repeat: int) -> dict[str, float]:
    runs = [_run([sys.executable, "-c", code], env) for _ in range(repeat)]
    return {"median_s": round(statistics.median(r[0] for r in runs), 3),
            "cpu_s": round(statistics.median(r[1] for r in runs), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold", action="store_true",
                        help="remove the store's derived results once before the commands")
    parser.add_argument("--only", default=None,
                        help="run only the commands whose first word is one of these, "
                        "comma-separated (e.g. status,watch; --help for the help screens)")
    parser.add_argument("--json-out", type=Path, default=None,
                        help="also write the JSON to this file")
    parser.add_argument("--compare-src", type=Path, default=None,
                        help="also run each command from this src folder (another version)")
    args = parser.parse_args()
    env = {**os.environ, "KCBRIDGE_HOME": str(args.home)}
    if args.cold:
        shutil.rmtree(args.home / "derived", ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix="kcbridge-bench-"))
    other_env = None
    if args.compare_src:  # its own copy of the home: the two versions' derived results
        other_home = tmp / "compare-home"  # have different code digests, and each would
        shutil.copytree(args.home, other_home)  # evict the other's from a shared folder
        other_env = {**env, "KCBRIDGE_HOME": str(other_home),
                     "PYTHONPATH": str(args.compare_src)}
    load_before = os.getloadavg()
    python_floor = _floor("pass", env, args.repeat)
    import_floor = _floor("import kcbridge", env, args.repeat)
    rows: list[dict[str, Any]] = []
    for cmd, goal in COMMANDS:
        if args.only and cmd[0] not in args.only.split(","):
            continue
        argv = [KCBRIDGE, *[c.format(tmp=tmp) for c in cmd]]
        load = os.getloadavg()[0]
        runs, other_runs = [], []
        for _ in range(args.repeat):  # alternating: both versions see the same load
            runs.append(_run(argv, env))
            if other_env is not None:
                other_argv = [sys.executable, "-m", "kcbridge", *argv[1:]]
                other_runs.append(_run(other_argv, other_env))
        rows.append(_timing("kcbridge " + " ".join(cmd), runs, goal, load, import_floor))
        if other_runs:
            rows[-1]["compare"] = {
                "src": str(args.compare_src),
                "exit_codes": sorted({r[2] for r in other_runs}),
                "median_s": round(statistics.median(r[0] for r in other_runs), 3),
                "cpu_s": round(statistics.median(r[1] for r in other_runs), 3),
            }
        other = rows[-1].get("compare")
        print(f"{rows[-1]['command']}: first {rows[-1]['first_s']:.2f}s, "
              f"median {rows[-1]['median_s']:.2f}s "
              f"(cpu {rows[-1]['cpu_s']:.2f}s, load {load:.1f})"
              + (f"; other src median {other['median_s']:.2f}s cpu {other['cpu_s']:.2f}s"
                 if other else ""), file=sys.stderr)
    for label, variants, kept, goal in NEW_QUESTIONS:
        if args.only and variants[0][0] not in args.only.split(","):
            continue
        load = os.getloadavg()[0]
        runs = []
        for variant in variants[:max(args.repeat, 1) + 2]:  # at least three questions
            for name in kept:
                shutil.rmtree(args.home / "derived" / name, ignore_errors=True)
            runs.append(_run([KCBRIDGE, *variant], env))
        rows.append({**_timing("kcbridge " + label, runs, goal, load, import_floor),
                     "new_question": True,
                     "asked": [" ".join(v) for v in variants[:len(runs)]]})
        print(f"{rows[-1]['command']}: median {rows[-1]['median_s']:.2f}s "
              f"(cpu {rows[-1]['cpu_s']:.2f}s, load {load:.1f})", file=sys.stderr)
    shutil.rmtree(tmp, ignore_errors=True)
    goals = [r for r in rows if r["goal_s"] is not None]
    result = {
        "benchmark": "kcbridge CLI: every read-only README command, fresh process each",
        "home": str(args.home),
        "repeat": args.repeat,
        "cold_derived_results": args.cold,
        "compare_src": str(args.compare_src) if args.compare_src else None,
        "python_startup": python_floor,
        "import_kcbridge": import_floor,
        "cpu_count": os.cpu_count(),
        "load_avg_before": [round(x, 2) for x in load_before],
        "load_avg_after": [round(x, 2) for x in os.getloadavg()],
        "goals": {"help_s": HELP_GOAL_S, "command_s": COMMAND_GOAL_S},
        "meeting_goal": sum(1 for r in goals if r["meets_goal"]),
        "with_goal": len(goals),
        "commands": rows,
    }
    text = json.dumps(result, indent=2, ensure_ascii=False)
    if args.json_out is not None:
        args.json_out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
