"""Sharing one DuckDB store file between processes (the CLI while `kcbridge serve` runs).

DuckDB lets one process at a time open a file for writing, so these tests hold the file
from a real second process."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import cast

import pandas as pd
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kcbridge.api import create_app
from kcbridge.app import Platform
from kcbridge.errors import StoreBusyError
from kcbridge.store import Store

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("ready", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""

WRITE = """
import sys
from kcbridge.store import Store
store = Store("duckdb://" + sys.argv[1])
store.set_meta("written_by", "other process")
store.close()
"""


def hold(path: Path, seconds: float) -> subprocess.Popen[str]:
    """A second process holding the DuckDB file for ``seconds``."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def write_elsewhere(path: Path) -> None:
    subprocess.run([sys.executable, "-c", WRITE, str(path)], check=True, timeout=120)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "kcbridge.duckdb"
    Store(f"duckdb://{path}").close()
    return path


def test_busy_store_waits_then_says_who_holds_it(db: Path) -> None:
    proc = hold(db, 30)
    try:
        start = time.monotonic()
        with pytest.raises(StoreBusyError) as err:
            Store(f"duckdb://{db}", lock_wait=0.5)
        assert time.monotonic() - start >= 0.5  # it did wait (and then gave up)
        assert f"PID {proc.pid}" in str(err.value) and "KCBRIDGE_LOCK_WAIT" in str(err.value)
        assert err.value.status == 503
    finally:
        proc.kill()
        proc.wait()


def test_opening_waits_for_the_other_process_to_finish(db: Path) -> None:
    proc = hold(db, 1.5)
    told: list[str] = []
    store = Store(f"duckdb://{db}", lock_wait=30, on_wait=told.append)
    assert store.count("loads") == 0
    assert proc.wait(timeout=10) == 0
    assert len(told) == 1 and "Waiting up to 30 s" in told[0]
    store.close()


def test_release_lets_another_process_write_and_the_change_is_seen(tmp_path: Path) -> None:
    platform = Platform(home=tmp_path)
    store = platform.store
    watch = platform.watch
    version = store.data_version()
    assert version is not None  # the reference data were written on first open
    platform.release()
    assert not store.connected
    write_elsewhere(tmp_path / "kcbridge.duckdb")
    platform.acquire()  # reopens, sees another process wrote: services are rebuilt
    assert store.meta("written_by") == "other process"
    assert store.data_version() != version
    assert platform.watch is not watch
    # this process's own writes do not throw its services away
    watch = platform.watch
    store.set_meta("written_by", "this process")
    platform.release()
    platform.acquire()
    assert platform.watch is watch
    platform.close()


def test_memory_store_is_never_released() -> None:
    store = Store("duckdb://:memory:")
    store.set_meta("k", "v")
    assert store.release() is False and store.meta("k") == "v"


def test_server_releases_the_store_between_requests(tmp_path: Path) -> None:
    platform = Platform(home=tmp_path, lock_wait=0.3)
    client = TestClient(create_app(platform))
    assert client.get("/api/health").status_code == 200
    assert not platform.store.connected  # released after the request
    write_elsewhere(tmp_path / "kcbridge.duckdb")  # e.g. `kcbridge load` meanwhile
    assert client.get("/api/status").status_code == 200
    assert platform.store.meta("written_by") == "other process"

    platform.release()
    proc = hold(tmp_path / "kcbridge.duckdb", 30)  # a long load holds the store
    try:
        busy = client.get("/api/status")
        assert busy.status_code == 503
        body = busy.json()
        assert body["ok"] is False and body["status"] == 503
        assert f"PID {proc.pid}" in body["error"]
        opened = []
        real_open = Store._open

        def spy(self: Store) -> object:
            opened.append(1)
            return real_open(self)

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(Store, "_open", spy)
            page = client.get("/watch?page=2", headers={"accept": "text/html"})
        assert len(opened) == 1  # waited once, not again to draw the SYNTHETIC banner
        assert page.status_code == 503 and "in use by another process" in page.text
        assert "The store is busy" in page.text
        assert 'href="/watch?page=2" id="retry"' in page.text
        assert client.get("/static/vendor/vega.min.js").status_code == 200  # no store needed
    finally:
        proc.kill()
        proc.wait()
    assert client.get("/api/status").status_code == 200  # back once the load is over
    assert cast(FastAPI, client.app).state.store_sharing.in_flight == 0


def test_flows_version_follows_loads_not_other_writes() -> None:
    store = Store("duckdb://:memory:")
    before = store.flows_version("trade_annual")
    assert before == "0:-"
    store.set_meta("anything", "else")  # e.g. an alert's status: flows unchanged
    assert store.flows_version("trade_annual") == before
    rows = {"year": [2023], "exporter": ["KOR"], "importer": ["CHN"], "product": ["854231"],
            "revision": ["HS2012"], "value_usd": [1.0], "quantity": [None], "unit": ["kg"],
            "load_id": ["L1"]}
    with store.transaction():
        store.insert("trade_annual", pd.DataFrame(rows))
        store.record_load(load_id="L1", format="baci", target="trade_annual", rows=1)
    after = store.flows_version("trade_annual")
    assert after.startswith("1:L1@") and store.flows_version("trade_monthly") == "0:-"
