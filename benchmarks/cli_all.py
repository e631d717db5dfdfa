"""Benchmark: wall time of the README's status, reference, watch, partners, docs and report
commands against ``python -c "import kcbridge"`` in the same run (issue 14's goal: every
command but ``demo``, ``load`` and ``report`` under 1 s on an idle 2-core machine).
``benchmarks/cli.py`` does the same for the trade commands.

Each command runs ``--repeat`` times as a fresh process (what a user waits for), output
discarded. With ``--cold`` the store's derived results (``HOME/derived``, see
``kcbridge.store.derived``) are removed once before the commands, so the first run of
each command that uses them computes and keeps them (``first_s``) and the others read
them. The JSON gives for each command the first run, the median and the slowest of the
runs, the import floor measured in the same run, the median minus that floor, and the
1-minute load average before and after (the machine is shared: read the figures against
it).

Usage: ``python benchmarks/cli_all.py --home PATH [--repeat 3] [--cold] [--only watch]``
(``--home``: a kcbridge home holding a store, e.g. after ``KCBRIDGE_HOME=PATH kcbridge
demo``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
KCBRIDGE = str(VENV_BIN / "kcbridge")
#: (command, goal in seconds or None when issue 14 sets none)
COMMANDS: list[tuple[list[str], float | None]] = [
    (["--help"], 0.3),
    (["status"], 1.0),
    (["countries", "korea"], 1.0),
    (["products", "2504"], 1.0),
    (["sectors"], 1.0),
    (["watch", "screen", "--limit", "2"], 1.0),
    (["watch", "screen", "--by", "sector"], 1.0),
    (["watch", "scan"], 1.0),
    (["watch", "alerts", "--limit", "5"], 1.0),
    (["partners", "match", "한빛양극재"], 1.0),
    (["partners", "screen", "斯巴魯株式會社"], 1.0),
    (["docs", "search", "battery"], 1.0),
    (["report"], None),
]


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          check=False)
    return time.perf_counter() - start, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold", action="store_true",
                        help="remove the store's derived results once before the commands")
    parser.add_argument("--only", default=None,
                        help="run only the commands whose first word is one of these, "
                        "comma-separated (e.g. watch,partners)")
    args = parser.parse_args()
    env = {**os.environ, "KCBRIDGE_HOME": str(args.home)}
    if args.cold:
        shutil.rmtree(args.home / "derived", ignore_errors=True)
    load_before = os.getloadavg()[0]
    floor = statistics.median(_run([sys.executable, "-c", "import kcbridge"], env)[0]
                              for _ in range(args.repeat))
    rows = []
    for cmd, goal in COMMANDS:
        if args.only and cmd[0] not in args.only.split(","):
            continue
        runs = [_run([KCBRIDGE, *cmd], env) for _ in range(args.repeat)]
        times = [t for t, _ in runs]
        median = statistics.median(times)
        rows.append({
            "command": "kcbridge " + " ".join(cmd), "exit_codes": sorted({c for _, c in runs}),
            "first_s": round(times[0], 3), "median_s": round(median, 3),
            "max_s": round(max(times), 3), "over_import_s": round(median - floor, 3),
            "goal_s": goal, "meets_goal": None if goal is None else median < goal,
        })
        print(f"{rows[-1]['command']}: first {times[0]:.2f}s, median {median:.2f}s",
              file=sys.stderr)
    print(json.dumps({
        "benchmark": "status, reference, watch, partners, docs and report CLI commands",
        "home": str(args.home),
        "repeat": args.repeat,
        "cold_derived_results": args.cold,
        "import_kcbridge_median_s": round(floor, 3),
        "cpu_count": os.cpu_count(),
        "load_avg_1m_before": round(load_before, 2),
        "load_avg_1m_after": round(os.getloadavg()[0], 2),
        "commands": rows,
    }, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
