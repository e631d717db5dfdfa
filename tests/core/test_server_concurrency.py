"""A real ``kcbridge serve`` under concurrent reads (issue 16 item 1): 500 requests at 20
concurrent over the read endpoints all answer 200, a read leaves the data version alone,
and the CLI can open the store right after (the server held no lock, no transaction)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from kcbridge.app import Platform

#: the console script installed beside this Python
KCBRIDGE = [str(Path(sys.executable).with_name("kcbridge"))]

#: the read endpoints hit in turn: API (JSON, CSV, Atom) and dashboard pages
READS = [
    "/api/status", "/api/watch/alerts?limit=20", "/api/countries?q=KR",
    "/api/products?q=8542&level=6", "/api/trade/years", "/api/docs/documents?limit=5",
    "/api/partners/organisations", "/api/watch/feed.atom", "/api/sectors",
    "/api/watch/alerts.csv", "/", "/watch",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KCBRIDGE_")}
    return {**env, "KCBRIDGE_HOME": str(home), "KCBRIDGE_LOCK_WAIT": "20"}


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny demo store of its own (the server and the CLI open it as files)."""
    home = tmp_path_factory.mktemp("served")
    platform = Platform(home=home)
    platform.demo(size="tiny")
    platform.close()
    return home


@pytest.fixture(scope="module")
def server(demo_home: Path) -> Iterator[str]:
    port = _free_port()
    log = (demo_home / "serve.log").open("w")
    proc = subprocess.Popen([*KCBRIDGE, "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=_env(demo_home), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, (demo_home / "serve.log").read_text()
            assert time.monotonic() < deadline, "kcbridge serve did not start in 60 s"
            time.sleep(0.2)
        yield base
    finally:
        proc.kill()
        proc.wait(timeout=30)
        log.close()


def _data_version(home: Path) -> str | None:
    out = subprocess.run(
        [sys.executable, "-c", "from kcbridge.app import Platform; p = Platform(); "
         "print(p.store.data_version()); p.close()"],
        env=_env(home), capture_output=True, text=True, timeout=120, check=True)
    return out.stdout.strip().splitlines()[-1]


def _last_error(log: Path) -> str:
    """The end of the server log's last traceback (a 500's cause; CI keeps no files)."""
    text = log.read_text(encoding="utf-8", errors="replace")
    start = text.rfind("Internal error")
    return text[start:][-3000:] if start >= 0 else text[-1000:]


@pytest.mark.slow  # about a minute: a demo store, a server, 500 requests
def test_500_concurrent_reads_all_succeed_and_the_cli_gets_in_after(
        server: str, demo_home: Path) -> None:
    before = _data_version(demo_home)  # (the server is idle: the store is released)
    with httpx.Client(base_url=server, timeout=120) as client:

        def get(i: int) -> tuple[str, int, str]:
            path = READS[i % len(READS)]
            try:
                response = client.get(path)
            except httpx.HTTPError as exc:  # a dropped connection is a failure too
                return path, -1, repr(exc)
            return path, response.status_code, response.text[:300]

        with ThreadPoolExecutor(20) as pool:
            results = list(pool.map(get, range(500)))
    failed = [r for r in results if r[1] != 200]
    assert len(results) == 500
    assert not failed, (Counter((p, s) for p, s, _ in failed), failed[:3],
                        _last_error(demo_home / "serve.log"))
    # the CLI opens the store right after (no lock kept, no transaction left open) ...
    status = subprocess.run([*KCBRIDGE, "status", "--format", "json"], env=_env(demo_home),
                            capture_output=True, text=True, timeout=120)
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["synthetic"] is True
    # ... and 500 reads (and the CLI's own read) committed nothing
    assert _data_version(demo_home) == before
    # the server still answers after the CLI had the store
    assert httpx.get(f"{server}/api/status", timeout=60).status_code == 200
