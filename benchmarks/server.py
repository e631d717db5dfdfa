"""The server under concurrent reads: a real ``kcbridge serve`` on 127.0.0.1 over the
SYNTHETIC tiny demo world, the same read requests sent one at a time (the floor) and at
``--concurrency`` (default 20); prints JSON (requests, failures, seconds, requests/s).

    python benchmarks/server.py [--requests 200] [--concurrency 20] [--home DIR]

With ``--home`` an existing store is served (built with ``kcbridge demo --size tiny`` when
the folder is empty).
"""

from __future__ import annotations

import argparse
import json
import os
import platform as host
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

READS = [
    "/api/status", "/api/watch/alerts?limit=20", "/api/countries?q=KR",
    "/api/products?q=8542&level=6", "/api/trade/years", "/api/docs/documents?limit=5",
    "/api/partners/organisations", "/api/watch/feed.atom", "/api/sectors",
    "/api/watch/alerts.csv", "/", "/watch",
]
KCBRIDGE = str(Path(sys.executable).with_name("kcbridge"))


def run(base: str, n: int, concurrency: int) -> dict[str, object]:
    with httpx.Client(base_url=base, timeout=300) as client:

        def get(i: int) -> int:
            try:
                return client.get(READS[i % len(READS)]).status_code
            except httpx.HTTPError:
                return -1

        start = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            codes = list(pool.map(get, range(n)))
        seconds = time.perf_counter() - start
    return {"concurrency": concurrency, "requests": n,
            "ok": sum(c == 200 for c in codes), "failed": sum(c != 200 for c in codes),
            "seconds": round(seconds, 2), "requests_per_s": round(n / seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--home", type=Path)
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="kcbridge-bench-server-"))
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("KCBRIDGE_")},
           "KCBRIDGE_HOME": str(home), "KCBRIDGE_LOCK_WAIT": "30"}
    if not (home / "kcbridge.duckdb").exists():
        subprocess.run([KCBRIDGE, "demo", "--size", "tiny", "--format", "json"], env=env,
                       check=True, capture_output=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([KCBRIDGE, "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/api/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        run(base, len(READS), 1)  # warm-up: services built, caches filled
        floor = run(base, args.requests, 1)
        loaded = run(base, args.requests, args.concurrency)
        cli = subprocess.run([KCBRIDGE, "status", "--format", "json"], env=env,
                             capture_output=True)
    finally:
        proc.kill()
        proc.wait()
    print(json.dumps({
        "benchmark": "server", "store": "SYNTHETIC tiny demo", "endpoints": READS,
        "sequential": floor, "concurrent": loaded, "cli_opens_store_after": cli.returncode == 0,
        "cpu_count": os.cpu_count(), "load_average": os.getloadavg(),
        "python": host.python_version(),
    }, indent=2))


if __name__ == "__main__":
    main()
