"""Benchmark: every dashboard page a person reaches from the navigation bar and its first
links, first and repeated load (issue 14's goal: p95 under 0.5 s warm, under 2 s cold).

Pages come in groups (home, trade, watch, partners, docs, api-docs). Each group is served
by a NEW server process (uvicorn on 127.0.0.1, in a child process of this script), so the
in-memory caches are empty when its first page is asked for; what is kept on disk (the
store's derived results, the product-space layouts, the sentence encoder's fast copy, the
search indexes) is left as the store has it, as a user would have it after ``kcbridge
demo``; ``--cold`` removes ``HOME/derived``, ``HOME/cache`` and ``HOME/search`` once,
before the first group. In each group the pages are asked for in navigation order: first
load (``first_s``), then ``--repeat`` more (``p50_s``, ``p95_s``). Ids are found as a
person finds them, by following the first link of a page (the first alert of
``/watch/alerts``, the first organisation of ``/partners``, the first document of
``/documents``), so nothing is computed ahead.

The floor is measured in every group's process, in the same run: ``/static/kcbridge.css``
(no store work, no template). ``first_cpu_s`` and ``p95_cpu_s`` are the CPU seconds of the
group's process (server and client) during the first load and the p95 of the repeated ones:
they move less with the machine's load than wall time. The 1-minute load average is
recorded before and after each group: the machine is shared, read the figures against it.

Usage: ``python benchmarks/pages.py --home PATH [--repeat 10] [--cold] [--group NAME ...]``
(``--home`` is a kcbridge home holding a store, e.g. after ``KCBRIDGE_HOME=PATH kcbridge
demo``; without it a tiny demo world is built in a temporary folder first.) Prints one JSON
object; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

#: a page: a URL, or ``("follow", PAGE, PREFIX)``: the first link of PAGE starting with PREFIX
Page = str | tuple[str, str, str]

GROUPS: dict[str, list[Page]] = {
    "home": ["/"],
    "trade": [
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
    ],
    "watch": [
        "/watch",
        "/watch?importer=KOR",
        "/watch?regime=korea&page=3",
        "/api/watch/dependencies.csv",
        "/watch/alerts",
        ("follow", "/watch/alerts", "/watch/alerts/"),
    ],
    "partners": [
        "/partners",
        ("follow", "/partners", "/partners/match/"),
        "/partners/guideline",
    ],
    "docs": [
        "/documents",
        ("follow", "/documents", "/documents/"),
        "/documents/commitments",
        "/documents?q=hydrogen",
    ],
    "api-docs": ["/docs", "/redoc", "/openapi.json"],
}
FLOOR = "/static/kcbridge.css"
GOAL = {"p95_warm_s": 0.5, "first_s": 2.0}
#: links that are not pages of their own (a page's section links, filters, the CSV)
_NOT_A_PAGE = re.compile(r"^/documents/(commitments)?$")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    """The value at quantile ``q`` of ``values`` (nearest rank, no interpolation)."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def first_link(html: str, prefix: str) -> str | None:
    """The first ``href`` in ``html`` that starts with ``prefix`` and goes further (a page
    below it, not the section itself or one of its filters)."""
    for href in re.findall(r'href="([^"]+)"', html):
        href = href.replace("&amp;", "&")
        if (href.startswith(prefix) and len(href) > len(prefix) and "?" not in href
                and not _NOT_A_PAGE.match(href)):
            return href
    return None


def _timed(client: Any, url: str, repeat: int
           ) -> tuple[Any, float, float, list[float], list[float], set[int]]:
    """The first response, its wall and CPU seconds (this process: server and client), the
    wall and CPU seconds of ``repeat`` more, and every status answered."""
    cpu, start = time.process_time(), time.perf_counter()
    response = client.get(url)
    first = time.perf_counter() - start
    first_cpu = time.process_time() - cpu
    times, cpus, statuses = [], [], {response.status_code}
    for _ in range(repeat):
        cpu, start = time.process_time(), time.perf_counter()
        statuses.add(client.get(url).status_code)
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return response, first, first_cpu, times, cpus, statuses


def run_group(name: str, repeat: int) -> dict[str, Any]:
    """Serve the store of ``KCBRIDGE_HOME`` in this (new) process and load ``name``'s pages."""
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    import httpx
    import uvicorn

    from kcbridge.api import create_app
    from kcbridge.app import Platform

    port = _free_port()
    platform = Platform()
    server = uvicorn.Server(uvicorn.Config(create_app(platform), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    server_start = time.perf_counter() - started
    rows: list[dict[str, Any]] = []
    bodies: dict[str, str] = {}
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600,
                      headers={"accept": "text/html"}) as client:
        for page in [FLOOR, *GROUPS[name]]:
            label = page if isinstance(page, str) else f"{page[2]}<first on {page[1]}>"
            if isinstance(page, str):
                url: str | None = page
            else:
                url = first_link(bodies.get(page[1], ""), page[2])
            if url is None:
                rows.append({"page": label, "url": None, "error": "no such link found"})
                print(f"[{name}] {label}: no link", file=sys.stderr)
                continue
            response, first, first_cpu, times, cpus, statuses = _timed(client, url, repeat)
            if "html" in response.headers.get("content-type", ""):
                bodies[url] = response.text
            p95 = percentile(times, 0.95)
            floor = url == FLOOR
            rows.append({
                "page": label, "url": url, "status": response.status_code,
                "statuses": sorted(statuses),
                "kb": round(len(response.content) / 1024, 1), "first_s": round(first, 3),
                "first_cpu_s": round(first_cpu, 3),
                "p50_s": round(percentile(times, 0.5), 3), "p95_s": round(p95, 3),
                "p95_cpu_s": round(percentile(cpus, 0.95), 3),
                "floor": floor,
                "meets_goal": (statuses == {200} and first < GOAL["first_s"]
                               and p95 < GOAL["p95_warm_s"]),
            })
            print(f"[{name}] {url}: {response.status_code} first {first:.2f}s (CPU "
                  f"{first_cpu:.2f}s) p95 {p95:.2f}s (CPU {percentile(cpus, 0.95):.2f}s)",
                  file=sys.stderr)
    server.should_exit = True
    thread.join(timeout=10)
    platform.close()
    return {"group": name, "server_start_s": round(server_start, 3),
            "load_avg_1m_before": round(load_before, 2),
            "load_avg_1m_after": round(os.getloadavg()[0], 2), "pages": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--cold", action="store_true",
                        help="remove HOME/derived, HOME/cache and HOME/search (kept "
                             "results) first")
    parser.add_argument("--group", action="append", choices=sorted(GROUPS),
                        help="only these groups (repeatable; default: all, in nav order)")
    parser.add_argument("--child", choices=sorted(GROUPS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:  # one group, in its own process (KCBRIDGE_HOME set by the parent)
        print(json.dumps(run_group(args.child, args.repeat)), flush=True)
        # measured and printed: skip the interpreter's teardown, where native threads
        # left by the server's libraries once aborted the process ("terminate called
        # without an active exception") after its figures were out
        os._exit(0)

    built = None
    if args.home is None:
        args.home = Path(tempfile.mkdtemp(prefix="kcbridge-pages-"))
        built = "tiny"
        from kcbridge.app import Platform

        Platform(home=args.home).demo(size="tiny")
    if args.cold:
        for folder in ("derived", "cache", "search"):
            shutil.rmtree(args.home / folder, ignore_errors=True)
    env = {**os.environ, "KCBRIDGE_HOME": str(args.home)}
    load_before = os.getloadavg()[0]
    groups = []
    for name in args.group or list(GROUPS):
        proc = subprocess.run([sys.executable, __file__, "--child", name, "--repeat",
                               str(args.repeat)], env=env, stdout=subprocess.PIPE, text=True,
                              check=False)
        if proc.returncode:
            raise SystemExit(f"group {name} failed (exit {proc.returncode}); see stderr")
        groups.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    pages = [p for g in groups for p in g["pages"] if not p.get("floor")]
    floors = [p for g in groups for p in g["pages"] if p.get("floor")]
    print(json.dumps({
        "benchmark": "dashboard pages: every navigation page and its first links",
        "home": str(args.home), "demo_built": built, "repeat": args.repeat,
        "cold": args.cold, "goal": GOAL, "cpu_count": os.cpu_count(),
        "load_avg_1m_before": round(load_before, 2),
        "load_avg_1m_after": round(os.getloadavg()[0], 2),
        "floor": {"page": FLOOR,
                  "first_s_max": max((f["first_s"] for f in floors), default=None),
                  "p95_s_max": max((f["p95_s"] for f in floors), default=None)},
        "groups": groups,
        "pages_meeting_goal": sum(1 for p in pages if p.get("meets_goal")),
        "pages_total": len(pages),
        "over_goal": [p["url"] or p["page"] for p in pages if not p.get("meets_goal")],
    }, indent=2))


if __name__ == "__main__":
    main()
