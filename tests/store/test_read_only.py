"""Read-only opening (issue 14): read-only processes never wait for one another, writes in
read-only mode say they need write access, a writer still waits for (or is refused by) a
reader, and derived results kept beside the store are served to read-only processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from kcbridge.app import Platform
from kcbridge.errors import KcbridgeError, StoreBusyError
from kcbridge.store import Store
from kcbridge.store.derived import DerivedResults
from kcbridge.store.store import ReadOnlyStoreError

#: a child that holds the store at HOME open read-only until its stdin is closed
READER = """
import sys
from kcbridge.app import Platform
platform = Platform(home=sys.argv[1], read_only=True)
store = platform.store
print("ready" if store.read_only else "fell back to read-write", flush=True)
sys.stdin.read()
platform.close()
"""


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KCBRIDGE_")}
    return {**env, "KCBRIDGE_HOME": str(home), **extra}


@pytest.fixture
def made(home: Path) -> Path:
    """A store with its reference tables, made read-write and closed."""
    platform = Platform(home=home)
    platform.store.set_meta("probe", "before")
    platform.close()
    return home


@pytest.fixture
def readers(made: Path) -> Iterator[list[subprocess.Popen[str]]]:
    """Two child processes holding the store open read-only (each said "ready")."""
    children = [subprocess.Popen([sys.executable, "-c", READER, str(made)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, env=_env(made))
                for _ in range(2)]
    try:
        for child in children:
            assert child.stdout is not None
            line = child.stdout.readline().strip()
            assert line == "ready", (line, child.stderr.read() if child.stderr else "")
        yield children
    finally:
        for child in children:
            if child.stdin is not None:
                child.stdin.close()
            try:
                child.wait(timeout=60)
            except subprocess.TimeoutExpired:  # pragma: no cover - a hung child
                child.kill()
                child.wait()


def test_status_answers_at_once_while_two_readers_hold_the_store(
        made: Path, readers: list[subprocess.Popen[str]]) -> None:
    assert all(child.poll() is None for child in readers)  # both still hold the file
    done = subprocess.run(
        [sys.executable, "-m", "kcbridge", "status", "--format", "json"],
        capture_output=True, text=True, timeout=300,
        env=_env(made, KCBRIDGE_LOCK_WAIT="0"))
    assert done.returncode == 0, done.stderr
    assert "Waiting" not in done.stderr and "in use" not in done.stderr
    status = json.loads(done.stdout)
    assert status["tables"]["countries"] > 200  # the reference tables, read through
    assert status["annual"]["rows"] == 0
    assert all(child.poll() is None for child in readers)


def test_write_access_can_be_turned_back_on_for_read_commands(
        made: Path, readers: list[subprocess.Popen[str]]) -> None:
    """KCBRIDGE_READ_ONLY_COMMANDS=false: `status` opens for writing, so it is refused by
    the readers with the existing message (the setting really decides the open mode)."""
    done = subprocess.run(
        [sys.executable, "-m", "kcbridge", "status", "--format", "json"],
        capture_output=True, text=True, timeout=300,
        env=_env(made, KCBRIDGE_LOCK_WAIT="0", KCBRIDGE_READ_ONLY_COMMANDS="false"))
    assert done.returncode == 1
    assert "is in use by another process" in done.stderr


def test_a_writer_still_waits_for_a_reader_then_gives_up(
        made: Path, readers: list[subprocess.Popen[str]]) -> None:
    url = f"duckdb://{made / 'kcbridge.duckdb'}"
    told: list[str] = []
    with pytest.raises(StoreBusyError) as refused:
        Store(url, lock_wait=0.3, on_wait=told.append)
    assert "is in use by another process" in str(refused.value)
    assert "Waited 0.3 s" in str(refused.value)
    assert len(told) == 1 and "Waiting up to 0.3 s" in told[0]


def test_every_write_in_read_only_mode_says_it_needs_write_access(made: Path) -> None:
    store = Store(f"duckdb://{made / 'kcbridge.duckdb'}", read_only=True)
    try:
        assert store.read_only
        countries = store.count("countries")
        with pytest.raises(ReadOnlyStoreError) as refused:
            store.set_meta("probe", "after")
        assert isinstance(refused.value, KcbridgeError)
        assert "needs write access" in str(refused.value)
        assert "KCBRIDGE_READ_ONLY_COMMANDS=false" in str(refused.value)
        with pytest.raises(ReadOnlyStoreError):
            store.insert("countries", pd.DataFrame({"iso3": ["XXX"]}))
        with pytest.raises(ReadOnlyStoreError):
            store.delete_where("countries", iso3="KOR")
        with pytest.raises(ReadOnlyStoreError):
            with store.transaction():
                pass
        # nothing was written, and the store is still readable in this process
        assert store.meta("probe") == "before"
        assert store.count("countries") == countries
        assert store.count("countries", iso3="KOR") == 1
    finally:
        store.close()


def test_derived_results_are_served_and_kept_in_read_only_mode(made: Path) -> None:
    url = f"duckdb://{made / 'kcbridge.duckdb'}"
    frame = pd.DataFrame({"product": ["854231", "850760"], "pci": [2.5, -0.75]})
    writer = Store(url)
    version = writer.flows_version("trade_annual")
    DerivedResults.for_store(writer).cached("probe", {"year": 2023}, version, lambda: frame)
    data_version = writer.data_version()
    writer.close()

    reader = Store(url, read_only=True)
    try:
        cache = DerivedResults.for_store(reader)

        def must_not_compute() -> pd.DataFrame:
            raise AssertionError("recomputed a result that is kept")

        kept = cache.cached("probe", {"year": 2023}, reader.flows_version("trade_annual"),
                            must_not_compute)
        pd.testing.assert_frame_equal(kept, frame)
        assert cache.stats == {"hits": 1, "misses": 0, "writes": 0}
        # a miss computes and keeps the result beside the catalogue, writing nothing in it
        other = cache.cached("probe", {"year": 2022}, version, lambda: frame.head(1))
        assert len(other) == 1 and cache.stats["writes"] == 1
        assert cache.get("probe", {"year": 2022}, version) is not None
        assert reader.read_only and reader.data_version() == data_version
    finally:
        reader.close()


def test_a_missing_store_is_created_by_a_read_only_open(home: Path) -> None:
    store = Store(f"duckdb://{home / 'kcbridge.duckdb'}", read_only=True)
    try:
        assert not store.read_only  # fell back: the file had to be made
        assert store.count("meta") == 0
        store.set_meta("probe", "made")
        assert store.meta("probe") == "made"
    finally:
        store.close()


def test_missing_reference_tables_make_a_read_only_platform_write_them(home: Path) -> None:
    Store(f"duckdb://{home / 'kcbridge.duckdb'}").close()  # core tables, no reference rows
    platform = Platform(home=home, read_only=True)
    try:
        assert platform.store.count("countries") > 200
        assert not platform.store.read_only
    finally:
        platform.close()
    platform = Platform(home=home, read_only=True)  # now current: it stays read-only
    try:
        assert platform.store.read_only
        assert platform.store.count("countries", iso3="CHN") == 1
    finally:
        platform.close()


def test_read_only_commands_ask_for_a_read_only_platform(
        made: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kcbridge.cli.common import get_platform

    monkeypatch.setenv("KCBRIDGE_HOME", str(made))
    monkeypatch.delenv("KCBRIDGE_READ_ONLY_COMMANDS", raising=False)
    assert get_platform(read_only=True).read_only
    assert not get_platform().read_only
    monkeypatch.setenv("KCBRIDGE_READ_ONLY_COMMANDS", "false")
    assert not get_platform(read_only=True).read_only


def test_read_and_write_commands_take_turns_in_one_process(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A CLI command closes its store when it ends, so a read-only command followed by a
    writing one in the same process (CliRunner, a notebook) does not clash in DuckDB; a
    read-only Store opened while this process holds the file read-write shares it and
    still refuses to write."""
    from typer.testing import CliRunner

    from kcbridge.cli import app

    for key in list(os.environ):
        if key.startswith("KCBRIDGE_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("KCBRIDGE_HOME", str(home))
    runner = CliRunner()
    for _ in range(2):  # the first one creates the store (read-write), the second reads
        result = runner.invoke(app, ["status", "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["tables"]["countries"] > 200
    writer = Platform(home=home)
    try:
        writer.store.set_meta("probe", "written")  # no read-only store is left open
        reader = Store(f"duckdb://{home / 'kcbridge.duckdb'}", read_only=True)
        try:
            assert reader.meta("probe") == "written"
            with pytest.raises(ReadOnlyStoreError):
                reader.set_meta("probe", "again")
        finally:
            reader.close()
    finally:
        writer.close()
