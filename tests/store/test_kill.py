"""A load killed with SIGKILL at any point leaves the store as it was (or, killed after
its commit, fully loaded), removes nothing it should keep, and the next load works."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kcbridge.sources import load_file
from kcbridge.store import Store
from kcbridge.store.lake import PAUSE_ENV

CHILD = """
import sys
from kcbridge.settings import Settings
from kcbridge.sources import load_file
from kcbridge.store import Store
store = Store(sys.argv[1])
load_file(store, Settings(home=sys.argv[2]), "baci", sys.argv[3])
print("done", flush=True)
"""


def run_until(point: str, url: str, home: Path, path: Path) -> None:
    """Run a load in a subprocess, wait until it pauses at ``point``, SIGKILL it."""
    env = {**os.environ, PAUSE_ENV: point}
    child = subprocess.Popen([sys.executable, "-c", CHILD, url, str(home), str(path)],
                             stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stderr is not None
        for line in child.stderr:  # the child's warnings may come first
            if line.strip() == f"paused {point}":
                break
        else:
            raise AssertionError(f"the load ended without pausing at {point}: "
                                 f"{child.wait()} {child.stdout.read() if child.stdout else ''}")
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL


def lake_parquet(home: Path) -> set[str]:
    return {p.relative_to(home / "lake").as_posix() for p in (home / "lake").rglob("*.parquet")}


@pytest.mark.parametrize("point", ["staged", "files-written", "before-commit"])
def test_kill_before_the_commit_leaves_the_store_as_it_was(point, url, home, settings,
                                                            tmp_path, files):
    store = Store(url)
    load_file(store, settings, "baci", files.baci(
        tmp_path / "v1", 2022, ["2022,410,156,854231,1,1", "2022,410,842,854231,2,1"],
        version="202401"))
    before, live = files.snapshot(store), lake_parquet(home)
    store.close()
    newer = files.baci(tmp_path / "v2", 2022, ["2022,410,156,854231,10,1"])
    archive = tmp_path / "BACI_HS12_V202501.zip"  # a zip: its extracted file must go too
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(newer, newer.name)
        zf.write(newer.parent / "country_codes_V202501.csv", "country_codes_V202501.csv")
    run_until(point, url, home, archive)
    assert lake_parquet(home) > live  # the killed load left files behind ...
    if point == "staged":  # ... and, killed while reading the zip, its extracted file
        assert list((home / "tmp").glob("kcb_*"))
    store = Store(url)  # ... which the next open removes
    assert files.snapshot(store) == before
    assert lake_parquet(home) == live
    assert not list((home / "tmp").glob("kcb_*")), "the killed load's extracted file stays"
    result = load_file(store, settings, "baci", archive)  # the next load works
    assert not result.skipped and files.annual(store) == {
        (2022, "KOR", "CHN", "854231"): 10000.0}
    store.close()


def test_kill_right_after_the_commit_keeps_the_whole_load(url, home, settings, tmp_path,
                                                          files):
    store = Store(url)
    load_file(store, settings, "baci", files.baci(
        tmp_path / "v1", 2022, ["2022,410,156,854231,1,1", "2022,410,842,854231,2,1"],
        version="202401"))
    store.close()
    newer = files.baci(tmp_path / "v2", 2022, ["2022,410,156,854231,10,1"])
    run_until("after-commit", url, home, newer)
    store = Store(url)
    assert files.annual(store) == {(2022, "KOR", "CHN", "854231"): 10000.0}
    assert store.count("loads") == 2
    assert lake_parquet(home) == {f.path for f in store.lake.files()}  # superseded: gone
    assert load_file(store, settings, "baci", newer).skipped
    store.close()
