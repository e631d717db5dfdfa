"""Benchmark: the watch and partners pages of the dashboard, first and repeated load (issue
14's goal: every page p95 under 500 ms warm and under 2 s cold on the demo store).
``benchmarks/pages.py`` does the same for the trade pages.

Each page is requested in a fresh process (``cold_s``: the first request there, after
building the app; derived results kept in the store are read, not computed, unless
``--cold`` removed them first), then ``--repeat`` more times in that process (``warm_p95_s``,
``warm_median_s``). The 1-minute load average is reported before and after: the machine
is shared, read the figures against it.

Usage: ``python benchmarks/watch_pages.py --home PATH [--repeat 5] [--cold]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

PAGES = ["/watch", "/watch?importer=KOR", "/watch?regime=korea&page=3",
         "/api/watch/dependencies.csv", "/watch/alerts", "/partners"]

_CHILD = """
import json, statistics, sys, time, warnings
warnings.simplefilter("ignore")
from fastapi.testclient import TestClient
from kcbridge.api import create_app
from kcbridge.app import Platform
path, repeat = sys.argv[1], int(sys.argv[2])
client = TestClient(create_app(Platform()))
times, codes = [], set()
for _ in range(repeat + 1):
    start = time.perf_counter()
    response = client.get(path)
    times.append(time.perf_counter() - start)
    codes.add(response.status_code)
warm = sorted(times[1:])
print(json.dumps({"page": path, "status": sorted(codes), "cold_s": round(times[0], 3),
                  "warm_median_s": round(statistics.median(warm), 3),
                  "warm_p95_s": round(warm[max(0, int(round(0.95 * len(warm))) - 1)], 3)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold", action="store_true",
                        help="remove the store's derived results once before the pages")
    args = parser.parse_args()
    env = {**os.environ, "KCBRIDGE_HOME": str(args.home)}
    if args.cold:
        shutil.rmtree(args.home / "derived", ignore_errors=True)
    load_before = os.getloadavg()[0]
    rows = []
    for page in PAGES:
        out = subprocess.run([sys.executable, "-c", _CHILD, page, str(args.repeat)], env=env,
                             capture_output=True, text=True, check=False)
        if out.returncode:
            rows.append({"page": page, "error": out.stderr.strip().splitlines()[-1:]})
            continue
        row = json.loads(out.stdout.strip().splitlines()[-1])
        row["meets_goal"] = row["cold_s"] < 2.0 and row["warm_p95_s"] < 0.5
        rows.append(row)
        print(f"{page}: cold {row['cold_s']:.2f}s, warm p95 {row['warm_p95_s']:.2f}s",
              file=sys.stderr)
    print(json.dumps({
        "benchmark": "watch and partners dashboard pages",
        "home": str(args.home), "repeat": args.repeat, "cold_derived_results": args.cold,
        "cpu_count": os.cpu_count(), "load_avg_1m_before": round(load_before, 2),
        "load_avg_1m_after": round(os.getloadavg()[0], 2), "pages": rows,
    }, indent=2))


if __name__ == "__main__":
    main()
