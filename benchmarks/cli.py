"""Benchmark: wall time of the README's trade commands against ``python -c "import
kcbridge"`` and ``kcbridge --help``, all in the same run (issue 14's goal: every command
under 1 s on an idle 2-core machine, ``--help`` under 0.3 s).

Each command runs ``--repeat`` times as a fresh process (what a user waits for), output
discarded; the JSON gives the median and the slowest run, the import floor measured in
the same run, the command minus that floor, and the 1-minute load average (the machine
is shared: read the figures against it).

Usage: ``python benchmarks/cli.py --home PATH [--repeat 3]`` (``--home``: a kcbridge home
holding a store, e.g. after ``KCBRIDGE_HOME=PATH kcbridge demo``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
KCBRIDGE = str(VENV_BIN / "kcbridge")
COMMANDS = [
    ["--help"],
    ["trade", "flows", "KOR", "CHN", "--year", "2023", "--by", "product"],
    ["trade", "flows", "KOR", "CHN", "--year", "2023", "--by", "sector"],
    ["trade", "treemap", "KOR", "--partner", "CHN"],
    ["trade", "series", "KOR", "CHN", "--product", "8507"],
    ["trade", "space", "KOR"],
    ["trade", "flows", "KOR", "CHN", "--format", "xlsx", "--output", "{tmp}/flows.xlsx"],
    ["complementarity", "KOR", "CHN"],
    ["complexity"],
]


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    return time.perf_counter() - start, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "KCBRIDGE_HOME": str(args.home)}
    tmp = Path(os.environ.get("TMPDIR", "/tmp"))
    load_before = os.getloadavg()[0]
    floor_times = [_run([sys.executable, "-c", "import kcbridge"], env)[0]
                   for _ in range(args.repeat)]
    floor = statistics.median(floor_times)
    rows = []
    for cmd in COMMANDS:
        argv = [KCBRIDGE, *[c.format(tmp=tmp) for c in cmd]]
        runs = [_run(argv, env) for _ in range(args.repeat)]
        times = [t for t, _ in runs]
        median = statistics.median(times)
        limit = 0.3 if cmd == ["--help"] else 1.0
        rows.append({
            "command": "kcbridge " + " ".join(cmd), "exit_codes": sorted({c for _, c in runs}),
            "median_s": round(median, 3), "max_s": round(max(times), 3),
            "over_import_s": round(median - floor, 3), "goal_s": limit,
            "meets_goal": median < limit,
        })
        print(f"{rows[-1]['command']}: {median:.2f}s", file=sys.stderr)
    print(json.dumps({
        "benchmark": "trade CLI commands",
        "home": str(args.home),
        "repeat": args.repeat,
        "import_kcbridge_median_s": round(floor, 3),
        "cpu_count": os.cpu_count(),
        "load_avg_1m_before": round(load_before, 2),
        "load_avg_1m_after": round(os.getloadavg()[0], 2),
        "commands": rows,
    }, indent=2))


if __name__ == "__main__":
    main()
