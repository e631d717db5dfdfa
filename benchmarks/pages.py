"""Benchmark: every trade navigation page of the dashboard, first and repeated load.

Starts the app (uvicorn, 127.0.0.1) on a store, then for each page makes one first
request (the first time this server process answers it: caches in memory are empty; the
on-disk product-space layout is removed first with ``--cold``) and ``--repeat`` more,
and prints one JSON object: per page ``first_s``, ``p50_s``, ``p95_s`` of the repeated
loads, the status and the page size, with the issue-14 goal (p95 < 0.5 s warm, < 2 s
cold) and the 1-minute load average before and after (the machine is shared: read the
figures against it).

The peer measured in the same run is the floor of the server itself: ``/static/kcbridge.css``
(no store work) and the home page.

Usage: ``python benchmarks/pages.py --home PATH [--repeat 10] [--cold]``
(``--home`` is a kcbridge home holding a store, e.g. after ``KCBRIDGE_HOME=PATH kcbridge
demo``; without it a tiny demo world is built in a temporary folder first.)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

PAGES = [
    "/trade/flows",
    "/trade/flows?by=product",
    "/trade/flows?by=sector",
    "/trade/treemap",
    "/trade/treemap?partner=",
    "/trade/series",
    "/trade/series?product=8507",
    "/trade/product-space",
    "/trade",
    "/trade/sector/batteries",
    "/trade/complexity",
]
FLOOR = ["/static/kcbridge.css", "/"]
GOAL = {"p95_warm_s": 0.5, "first_s": 2.0}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--cold", action="store_true",
                        help="remove the kept product-space layouts before starting")
    args = parser.parse_args()

    built = None
    if args.home is None:
        args.home = Path(tempfile.mkdtemp(prefix="kcbridge-pages-"))
        built = "tiny"
    os.environ["KCBRIDGE_HOME"] = str(args.home)
    if args.cold:
        shutil.rmtree(args.home / "cache" / "product_space", ignore_errors=True)

    import httpx
    import uvicorn

    from kcbridge.api import create_app
    from kcbridge.app import Platform

    platform = Platform(home=args.home)
    if built:
        platform.demo(size="tiny")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(platform), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    load_before = os.getloadavg()[0]
    results = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300,
                      headers={"accept": "text/html"}) as client:
        for url in FLOOR + PAGES:
            start = time.perf_counter()
            r = client.get(url)
            first = time.perf_counter() - start
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                client.get(url)
                times.append(time.perf_counter() - start)
            results.append({
                "page": url, "status": r.status_code, "kb": round(len(r.content) / 1024, 1),
                "first_s": round(first, 3), "p50_s": round(_p(times, 0.5), 3),
                "p95_s": round(_p(times, 0.95), 3), "floor": url in FLOOR,
                "meets_goal": (first < GOAL["first_s"] and _p(times, 0.95) < GOAL["p95_warm_s"]),
            })
            print(f"{url}: first {first:.2f}s p95 {_p(times, 0.95):.2f}s", file=sys.stderr)
    server.should_exit = True
    thread.join(timeout=10)
    pages = [r for r in results if not r["floor"]]
    out = {
        "benchmark": "dashboard trade pages",
        "store": str(platform.settings.resolved_store_url),
        "demo_built": built,
        "repeat": args.repeat,
        "cold_layout": args.cold,
        "goal": GOAL,
        "cpu_count": os.cpu_count(),
        "load_avg_1m_before": round(load_before, 2),
        "load_avg_1m_after": round(os.getloadavg()[0], 2),
        "pages": results,
        "pages_meeting_goal": sum(1 for r in pages if r["meets_goal"]),
        "pages_total": len(pages),
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
