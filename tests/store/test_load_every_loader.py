"""Every loader on the flows lake (BACI has its own in test_kill.py): a repeated load
changes nothing, a forced reload gives the same rows, and a load killed with SIGKILL
before its catalogue commit leaves the store as it was (its files are removed at the
next open) and the next load works. Comtrade (annual and monthly), Korea Customs and
exports-to-world files, written here."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kcbridge.sources import load_file
from kcbridge.store import Store
from kcbridge.store.lake import PAUSE_ENV

CHILD = """
import json, sys
from kcbridge.settings import Settings
from kcbridge.sources import load_file
from kcbridge.store import Store
store = Store(sys.argv[1])
load_file(store, Settings(home=sys.argv[2]), sys.argv[3], sys.argv[4], **json.loads(sys.argv[5]))
print("done", flush=True)
"""


def monthly_comtrade(files: Any, path: Path, value: float) -> Path:
    records = [files.comtrade("KOR", "CHN", "M", "854231", value, freqCode="M",
                              period="202203", refMonth=3),
               files.comtrade("KOR", "JPN", "M", "854231", value / 2, freqCode="M",
                              period="202203", refMonth=3)]
    return files.write_comtrade(path, records)


def sample(fmt: str, files: Any, folder: Path, value: float) -> tuple[Path, dict[str, Any],
                                                                     str]:
    """A file of ``fmt`` whose values scale with ``value``, its load options, its table."""
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "comtrade":
        return files.write_comtrade(folder / "a.json", [
            files.comtrade("JPN", "KOR", "M", "854231", value),
            files.comtrade("USA", "KOR", "M", "850760", value / 4)]), {}, "trade_annual"
    if fmt == "comtrade-monthly":
        return monthly_comtrade(files, folder / "m.json", value), {}, "trade_monthly"
    if fmt == "kcs":
        v = f'"{int(value):,}"'
        return files.kcs(folder / "k.csv", [
            f"2015.01,중국,854231,칩,100,{v},0,0,{v}",
            f"2015.02,중국,854231,칩,100,{v},0,0,{v}"]), {}, "trade_monthly"
    path = folder / "x.csv"
    path.write_text(f"year,exporter,hs6,value\n2021,KR,10121,{value}\n2021,CN,854231,"
                    f"{value * 3}\n")
    return path, {"revision": "HS2012", "year": 2021}, "trade_annual"


FORMATS = ["comtrade", "comtrade-monthly", "kcs", "exports-world"]


def fmt_name(fmt: str) -> str:
    return "comtrade" if fmt == "comtrade-monthly" else fmt


def rows(store: Store, table: str) -> list[tuple[Any, ...]]:
    df = store.table(table).to_pandas().drop(columns=["load_id"])
    return sorted(map(tuple, df.astype(str).values.tolist()))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_repeated_load_changes_nothing_and_a_forced_one_the_same_rows(
        fmt, store, settings, tmp_path, files):
    path, options, table = sample(fmt, files, tmp_path / "f", 1000.0)
    first = load_file(store, settings, fmt_name(fmt), path, **options)
    assert not first.skipped and first.rows == 2 and first.target == table
    before, kept = files.snapshot(store), rows(store, table)
    again = load_file(store, settings, fmt_name(fmt), path, **options)
    assert again.skipped and again.rows == 0
    assert files.snapshot(store) == before
    forced = load_file(store, settings, fmt_name(fmt), path, force=True, **options)
    assert not forced.skipped and forced.rows == 2
    assert rows(store, table) == kept  # the same rows, now of the forced load
    assert {f.load_id for f in store.lake.files(table)} == {forced.load_id}


def run_until(point: str, url: str, home: Path, fmt: str, path: Path,
              options: dict[str, Any]) -> None:
    env = {**os.environ, PAUSE_ENV: point}
    child = subprocess.Popen([sys.executable, "-c", CHILD, url, str(home), fmt, str(path),
                              json.dumps(options)],
                             stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stderr is not None
        for line in child.stderr:
            if line.strip() == f"paused {point}":
                break
        else:
            raise AssertionError(f"the load ended without pausing at {point}: {child.wait()}")
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL


def lake_parquet(home: Path) -> set[str]:
    return {p.relative_to(home / "lake").as_posix() for p in (home / "lake").rglob("*.parquet")}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_load_killed_before_its_commit_leaves_the_store_as_it_was(
        fmt, url, home, settings, tmp_path, files):
    store = Store(url)
    path, options, table = sample(fmt, files, tmp_path / "v1", 1000.0)
    load_file(store, settings, fmt_name(fmt), path, **options)
    before, live, kept = files.snapshot(store), lake_parquet(home), rows(store, table)
    store.close()
    newer, options, _ = sample(fmt, files, tmp_path / "v2", 3000.0)
    run_until("before-commit", url, home, fmt_name(fmt), newer, options)
    assert lake_parquet(home) > live  # the killed load left its files behind ...
    store = Store(url)  # ... which the next open removes
    assert files.snapshot(store) == before and rows(store, table) == kept
    assert lake_parquet(home) == live
    result = load_file(store, settings, fmt_name(fmt), newer, **options)  # the next works
    assert not result.skipped and result.rows == 2
    assert rows(store, table) != kept
    store.close()
