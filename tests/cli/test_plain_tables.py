"""A list of dicts prints as a table without pandas (`kcbridge status` and other small
tables need no 0.4 s pandas import), exactly as the DataFrame of the same rows prints."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from typing import Any

import pandas as pd
import pytest
from rich.console import Console

from kcbridge.cli import common

CASES: list[list[dict[str, Any]]] = [
    # whole numbers, text with a gap, a float column holding an int, booleans, all-None
    [{"a": 1, "b": "x", "c": 1.5, "d": True, "e": None},
     {"a": 22, "b": None, "c": 2, "d": False, "e": None}],
    # a key missing from a row: a gap, so the int column becomes a float column
    [{"a": 1}, {"a": None}, {"b": 3.0}],
    # one format per float column: thousands / four significant digits / NaN as blank
    [{"v": 1234567.0, "w": 0.0017, "x": 0, "y": -3},
     {"v": 12.5, "w": 0.5709, "x": 0.0, "y": float("nan")}],
    # more rows than shown: a gap in a row that is not shown still makes a float column
    [{"n": i if i != 9 else None, "s": f"row {i}", "f": 10.0 ** (i - 4)} for i in range(12)],
    [{"table": "countries", "rows": 251}, {"table": "watch_alerts", "rows": 0}],
    [],
]


def _printed(data: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    buf = io.StringIO()
    # a console of its own: setting `file` on the shared console and undoing it would pin
    # that console to whatever stdout was current then, and every later CliRunner test
    # would read an empty output
    monkeypatch.setattr(common, "console", Console(file=buf, width=160))
    common.emit(data, title="Rows", max_rows=5)
    return buf.getvalue()


@pytest.mark.parametrize("rows", CASES, ids=range(len(CASES)))
def test_plain_rows_print_as_their_dataframe(rows: list[dict[str, Any]],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _printed(rows, monkeypatch)
    assert plain == _printed(pd.DataFrame(rows), monkeypatch)
    if rows:
        assert "Rows" in plain


def test_plain_layout_formats_numbers() -> None:
    layout = common._plain_layout(CASES[2], 60)
    assert layout is not None
    assert layout.columns == ["v", "w", "x", "y"]
    assert layout.right == [True, True, True, True]
    assert layout.rows == [["1,234,567", "0.0017", "0", "-3.000"], ["12", "0.5709", "0", ""]]
    assert layout.total == 2


def test_other_data_goes_through_pandas() -> None:
    assert common._plain_layout(pd.DataFrame(CASES[0]), 60) is None
    assert common._plain_layout([{"when": pd.Timestamp("2024-01-01")}], 60) is None
    assert common._plain_layout({"a": 1}, 60) is None


def test_printing_plain_rows_imports_no_pandas() -> None:
    code = ("import sys, kcbridge.cli.common as c; c.emit([{'table': 'loads', 'rows': 3}]); "
            "print('PANDAS' if 'pandas' in sys.modules else 'NO-PANDAS')")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, timeout=120, env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr
    assert "loads" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1] == "NO-PANDAS"
    json.dumps(CASES[0])  # the cases are plain data
