"""A kept printout (kcbridge.cli.printout) prints exactly what the command printed when it
computed, and what `emit` prints from the DataFrames; tables that are not plain are not
kept; a changed flows version or printing code is a miss."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console

from kcbridge.app import Platform
from kcbridge.cli import common, printout
from kcbridge.cli.printout import Printout, print_kept

FRAMES = [
    pd.DataFrame({"group": ["a", "b", None], "tci": [93.91, 85.1, float("nan")],
                  "n": [1, 22, 333], "ok": [True, False, True], "v": [1234567.0, 2.5, 0.0]}),
    pd.DataFrame({"x": pd.Series([], dtype="float64"), "name": pd.Series([], dtype=object)}),
    pd.DataFrame({"rank": range(1, 80), "value": [10.0 ** (i % 7 - 3) for i in range(79)]}),
]


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    buf = io.StringIO()
    console = Console(file=buf, width=160)
    monkeypatch.setattr(common, "console", console)
    monkeypatch.setattr(printout, "console", console)
    return buf


@pytest.mark.parametrize("frame", FRAMES, ids=["mixed", "empty", "long"])
def test_replay_prints_as_emit(frame: pd.DataFrame, printed: io.StringIO) -> None:
    common.emit(frame, title="T", synthetic=True)
    direct = printed.getvalue()
    printed.seek(0)
    printed.truncate()
    out = Printout()
    out.table(frame, title="T", synthetic=True)
    assert out.plain
    Printout.from_json(json.loads(json.dumps(out.to_json()))).show()
    assert printed.getvalue() == direct
    assert "T" in direct and len(direct.splitlines()) >= 4


def test_not_plain_tables_print_but_are_not_kept(printed: io.StringIO) -> None:
    frame = pd.DataFrame({"when": pd.to_datetime(["2024-01-31"]), "n": [1]})
    common.emit(frame)
    direct = printed.getvalue()
    printed.seek(0)
    printed.truncate()
    out = Printout()
    out.table(frame)
    assert not out.plain
    out.show()
    assert printed.getvalue() == direct and "2024-01-31" in direct
    for odd in (pd.DataFrame({"x": pd.array([1, None], dtype="Int64")}),
                pd.DataFrame({"x": [1.5, 2.5]}, dtype="float32"),
                pd.DataFrame({"x": [[1], [2]]}), pd.DataFrame({"x": ["a", 3]})):
        check = Printout()
        check.table(odd)
        assert not check.plain, odd.dtypes


def test_print_kept_hits_and_misses(demo_platform: Platform, printed: io.StringIO,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def build(out: Printout) -> None:
        calls.append(1)
        out.line("header", highlight=False)
        out.table([{"a": 1, "b": "x"}], title="rows")

    print_kept(demo_platform, "test_printout", ["k"], build)
    first = printed.getvalue()
    print_kept(demo_platform, "test_printout", ["k"], build)
    assert calls == [1] and printed.getvalue() == first * 2  # the second was replayed
    print_kept(demo_platform, "test_printout", ["other"], build)
    assert calls == [1, 1]  # another key: computed
    store = demo_platform.store
    real = store.flows_version
    monkeypatch.setattr(store, "flows_version", lambda target: real(target) + "-new")
    print_kept(demo_platform, "test_printout", ["k"], build)
    assert calls == [1, 1, 1]  # new flows: computed again


def test_cli_output_identical_on_a_hit(tiny_demo_copy: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from kcbridge.cli import app

    monkeypatch.setenv("KCBRIDGE_HOME", str(tiny_demo_copy))
    runner = CliRunner()
    for argv in (["complementarity", "KOR", "CHN", "--top", "2"],
                 ["trade", "flows", "KOR", "CHN", "--by", "sector"]):
        first = runner.invoke(app, argv)
        second = runner.invoke(app, argv)
        assert first.exit_code == 0 and second.exit_code == 0, first.output
        assert second.output == first.output and "KOR" in first.output
    assert list((tiny_demo_copy / "derived" / "printout_flows").glob("*.json"))
