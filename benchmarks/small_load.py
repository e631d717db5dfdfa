"""Benchmark: loading a small trade file of every HS revision (issue 14's goal: under 2 s
and 500 MB once the conversion table of the revision pair is prepared and kept).

For each HS revision from HS1992 to HS2022 a 5-row exports-to-world file (codes that exist
in every revision) is loaded with ``kcbridge load exports-world`` in a fresh process:

- ``first``: into a new, empty kcbridge home, so the conversion table of the pair (file
  revision -> the store's revision) is composed and kept on the way;
- ``kept``: another year of the same file into the same home, so the kept table is read.

Floors measured in the same run, each a fresh process: ``python -c "import kcbridge"`` and
``kcbridge status`` on the same home. Wall time and peak resident memory (``ru_maxrss`` of
the child) are reported per run; the JSON gives the median of ``--repeat`` runs, the load
average before and after, and whether each ``kept`` load meets the goal.

Usage: ``python benchmarks/small_load.py [--repeat 3] [--json-out FILE]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

VENV_BIN = Path(sys.executable).parent
KCBRIDGE = str(VENV_BIN / "kcbridge")
REVISIONS = ["HS1992", "HS1996", "HS2002", "HS2007", "HS2012", "HS2017", "HS2022"]
GOAL_S = 2.0
GOAL_MB = 500.0
#: five HS6 codes that exist, unchanged in wording or not, in every revision since HS1992
SMALL_FILE = (
    "reporter_iso,product_code,export_value_usd\n"
    "kor,281111,1200\nchn,281111,3400\nchn,310210,56000\nkor,270900,9000\njpn,870323,780\n"
)


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, peak resident MB, exit code) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"{' '.join(argv)} failed with exit {code}:\n{err[-2000:]}")
    if proc.stderr:
        proc.stderr.close()
    return wall, usage.ru_maxrss / 1024.0, code


def _median(runs: list[tuple[float, float, int]]) -> dict[str, float]:
    return {"wall_s": round(statistics.median(r[0] for r in runs), 3),
            "peak_mb": round(statistics.median(r[1] for r in runs), 1),
            "slowest_s": round(max(r[0] for r in runs), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()
    load_before = os.getloadavg()
    rows: list[dict[str, Any]] = []
    floors: dict[str, list[tuple[float, float, int]]] = {"import_kcbridge": [],
                                                         "status": []}
    with tempfile.TemporaryDirectory(prefix="kcb_small_load_") as tmp:
        data = Path(tmp) / "small.csv"
        data.write_text(SMALL_FILE)
        for revision in REVISIONS:
            first: list[tuple[float, float, int]] = []
            kept: list[tuple[float, float, int]] = []
            for i in range(args.repeat):
                home = Path(tmp) / f"home_{revision}_{i}"
                env = {**os.environ, "KCBRIDGE_HOME": str(home)}
                load = [KCBRIDGE, "load", "exports-world", str(data), "--revision", revision]
                first.append(_run([*load, "--year", "2020"], env))
                kept.append(_run([*load, "--year", "2021"], env))
                if revision == REVISIONS[0]:
                    floors["import_kcbridge"].append(
                        _run([sys.executable, "-c", "import kcbridge"], env))
                    floors["status"].append(_run([KCBRIDGE, "status"], env))
            kept_median = _median(kept)
            rows.append({"revision": revision, "first": _median(first), "kept": kept_median,
                         "kept_meets_goal": (kept_median["wall_s"] < GOAL_S
                                             and kept_median["peak_mb"] < GOAL_MB)})
    result = {
        "benchmark": "small_load",
        "rows_in_file": SMALL_FILE.count("\n") - 1,
        "repeat": args.repeat,
        "cpu_count": os.cpu_count(),
        "load_avg_before": [round(x, 2) for x in load_before],
        "load_avg_after": [round(x, 2) for x in os.getloadavg()],
        "goal": {"wall_s": GOAL_S, "peak_mb": GOAL_MB, "applies_to": "kept"},
        "floors": {name: _median(runs) for name, runs in floors.items()},
        "revisions": rows,
        "kept_meeting_goal": sum(r["kept_meets_goal"] for r in rows),
        "of": len(rows),
    }
    text = json.dumps(result, indent=2)
    if args.json_out:
        args.json_out.write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
