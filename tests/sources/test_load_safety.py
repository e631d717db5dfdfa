"""Loads that fail for reasons other than a bad file: our own bugs are reported as bugs
(InternalError, traceback logged), interrupted loads leave no temp files, and the CLI
offers the options the messages name."""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from kcbridge.cli import app as cli_app
from kcbridge.cli.common import set_platform_factory
from kcbridge.errors import InternalError
from kcbridge.sources import load_file
from kcbridge.sources.common import WORKDIR_PREFIX, sweep_stale_workdirs
from kcbridge.sources.tables import is_read_error


def _boom(*_args, **_kwargs):
    raise ZeroDivisionError("secret internal detail")


def _write_input(fmt: str, samples, tmp_path: Path) -> tuple[Path, dict]:
    if fmt == "baci":
        return samples.write_baci_zip(tmp_path / "BACI_HS12_V202501.zip"), {}
    if fmt == "comtrade":
        return samples.write_comtrade_json(tmp_path / "c.json",
                                           samples.comtrade_annual_records()), {}
    if fmt == "kcs":
        return samples.write_kcs_csv(tmp_path / "k.csv"), {"revision": "HS2012"}
    path = tmp_path / "ew.csv"
    path.write_text(samples.EXPORTS_WORLD)
    return path, {"year": 2017, "revision": "HS2007"}


#: A function each reader calls part-way through, to break.
BREAK_POINTS = {
    "baci": "kcbridge.sources.baci._numeric_code_map",
    "comtrade": "kcbridge.sources.comtrade._revision_expr",
    "kcs": "kcbridge.sources.kcs._country_column",
    "exports-world": "kcbridge.sources.exports_world.pick_column",
}


@pytest.mark.parametrize("fmt", list(BREAK_POINTS))
def test_a_bug_in_a_reader_is_an_internal_error(fmt, store, settings, samples, tmp_path,
                                               monkeypatch, caplog):
    (tmp_path / "first").mkdir()
    first, options = _write_input(fmt, samples, tmp_path / "first")
    load_file(store, settings, fmt, first, **options)
    before = samples.store_state(store)
    path, options = _write_input(fmt, samples, tmp_path)
    monkeypatch.setattr(BREAK_POINTS[fmt], _boom)
    with caplog.at_level(logging.ERROR, logger="kcbridge.sources"), \
            pytest.raises(InternalError) as caught:
        load_file(store, settings, fmt, path, force=True, **options)
    message = str(caught.value)
    assert caught.value.status == 500
    assert "bug in kcbridge, not a problem with your file" in message
    assert "ZeroDivisionError" in message and "secret internal detail" not in message
    assert "check that the file" not in message.lower()
    logged = [r for r in caplog.records if r.exc_info]
    assert logged and "secret internal detail" in str(logged[0].exc_info[1])
    assert samples.store_state(store) == before


def test_only_duckdb_errors_about_the_file_count_as_a_bad_file():
    assert is_read_error(duckdb.ConversionException("Could not convert"))
    assert is_read_error(duckdb.InvalidInputException("Error when sniffing file"))
    assert not is_read_error(duckdb.CatalogException("trade_annual is not a table"))
    assert not is_read_error(duckdb.BinderException("No function matches"))
    assert not is_read_error(RuntimeError("anything else"))


def test_interrupted_zip_load_leaves_no_extracted_file(store, settings, samples, tmp_path,
                                                       monkeypatch):
    before = samples.store_state(store)
    path = samples.write_baci_zip(tmp_path / "BACI_HS12_V202501.zip")
    seen: list[list[Path]] = []

    def interrupt(file, *args, **kwargs):  # after the year files were extracted
        seen.append(list((Path(settings.home) / "tmp").rglob("*.csv")))
        raise KeyboardInterrupt

    monkeypatch.setattr("kcbridge.sources.baci.needs_lenient", interrupt)
    with pytest.raises(KeyboardInterrupt):
        load_file(store, settings, "baci", path)
    assert seen and len(seen[0]) == 2  # the two year files were there ...
    assert list((Path(settings.home) / "tmp").iterdir()) == []  # ... and are gone
    assert samples.store_state(store) == before


def test_folders_of_killed_loads_are_swept(store, settings, samples, tmp_path):
    """kill -9 runs no ``finally``: the next load removes folders of dead processes."""
    root = Path(settings.home) / "tmp"
    root.mkdir(parents=True)
    finished = subprocess.Popen(["true"])
    finished.wait()
    dead_pid = finished.pid
    dead = root / f"{WORKDIR_PREFIX}{dead_pid}_baci_abc"
    dead.mkdir()
    (dead / "BACI_HS12_Y2022_V202501.csv").write_text("t,i,j,k,v,q\n")
    alive = root / f"{WORKDIR_PREFIX}{os.getppid()}_baci_def"  # a running process
    alive.mkdir()
    other = root / "not_ours"
    other.mkdir()
    load_file(store, settings, "baci", samples.write_baci_zip(tmp_path / "BACI_HS12_V1.zip"))
    assert not dead.exists()
    assert alive.exists() and other.exists()
    assert sweep_stale_workdirs(root) == []


def test_interrupted_download_leaves_no_part_file(settings, monkeypatch, tmp_path):
    from kcbridge.sources import fetch

    class Response:
        status_code = 200
        headers = {"content-length": "300"}
        url = "http://127.0.0.1/x.zip"

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def iter_bytes(self, size):
            yield b"x" * 100
            raise KeyboardInterrupt

    monkeypatch.setattr(fetch.httpx, "stream", lambda *a, **k: Response())
    dest = tmp_path / "downloads" / "x.zip"
    with pytest.raises(KeyboardInterrupt):
        fetch.download("http://127.0.0.1/x.zip", dest, settings)
    assert list(dest.parent.iterdir()) == []


def test_cli_skip_unknown_and_force(platform, samples, tmp_path):
    path = tmp_path / "ew.csv"
    path.write_text("reporter_iso,product_code,export_value_usd\nkor,8542,5\nzzz,8542,7\n")
    set_platform_factory(lambda: platform)
    try:
        runner = CliRunner()
        args = ["load", "exports-world", str(path), "--year", "2017", "--revision", "HS2007"]
        refused = runner.invoke(cli_app, args)
        assert refused.exit_code == 1
        assert "Error:" in refused.output and "'zzz'" in refused.output
        assert "Traceback" not in refused.output
        loaded = runner.invoke(cli_app, [*args, "--skip-unknown"])
        assert loaded.exit_code == 0, loaded.output
        assert "Loaded: 1 rows" in loaded.output and "zzz" in loaded.output  # the note
        again = runner.invoke(cli_app, [*args, "--skip-unknown"])
        assert "Already loaded (nothing changed)" in again.output
        forced = runner.invoke(cli_app, [*args, "--skip-unknown", "--force"])
        assert forced.exit_code == 0 and "Loaded: 1 rows" in forced.output
        assert platform.store.count("trade_annual") == 1
    finally:
        set_platform_factory(None)
