"""A read-only command answered from the kept derived results imports no Ibis (issue 14:
every command under a second; Ibis costs 0.2-0.3 s of imports before any work), and the
trade commands, which replay their kept printout (kcbridge.cli.printout), no pandas.

Each command runs twice in fresh interpreters on a copy of the tiny demo store: the first
run computes and keeps its result (and may import Ibis), the second must find it and
print the same output without importing Ibis. Behaviour, not timing: the tests look at
which modules the interpreter holds when the command has finished."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

#: runs argv (a JSON list) in a fresh interpreter; prints a JSON line with the exit code,
#: the command's stdout and whether Ibis (and pandas) were imported by the end
PROBE = """
import contextlib, io, json, sys
import kcbridge.cli
out = io.StringIO()
code = 0
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
    try:
        kcbridge.cli.app(json.loads(sys.argv[1]), standalone_mode=False)
    except SystemExit as exc:
        code = exc.code or 0
print(json.dumps({"code": code, "stdout": out.getvalue(),
                  "ibis": "ibis" in sys.modules, "pandas": "pandas" in sys.modules,
                  "bm25s": "bm25s" in sys.modules}))
"""

#: the read-only commands whose kept results must be read without Ibis
COMMANDS = [
    ["status"],
    ["complementarity", "KOR", "CHN"],
    ["complexity"],
    ["trade", "flows", "KOR", "CHN", "--by", "product"],
    ["trade", "flows", "KOR", "CHN", "--by", "sector"],
    ["trade", "treemap", "KOR", "--partner", "CHN"],
    ["trade", "series", "KOR", "CHN", "--product", "85"],
    ["trade", "series", "KOR", "CHN", "--product", "85", "--monthly"],
    ["complexity", "--part", "pci"],
    ["products", "2504"],
    ["docs", "search", "battery"],  # its first run builds and keeps the search index
    # the watch and partners reads: plain SQL on DuckDB (watch/storage.py alerts_page,
    # partners/storage.py read_table), the screen and its roll-ups from the kept results
    ["watch", "alerts", "--limit", "5"],
    ["watch", "alerts", "--status", "new", "--severity", "high", "--limit", "3"],
    ["watch", "screen", "--limit", "5"],
    ["watch", "screen", "--by", "sector"],
    ["partners", "screen", "霁虹显示科技股份有限公司"],  # on the demo's list: flagged
    ["partners", "orgs"],
]


def _run(argv: list[str], home: Path) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KCBRIDGE_")}
    env["KCBRIDGE_HOME"] = str(home)
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argv)], capture_output=True,
                          text=True, env=env, check=False, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_cache_hit_imports_no_ibis(argv: list[str], tiny_demo_copy: Path) -> None:
    first = _run(argv, tiny_demo_copy)
    assert first["code"] == 0, first["stdout"]
    second = _run(argv, tiny_demo_copy)
    assert second["code"] == 0, second["stdout"]
    assert second["stdout"] == first["stdout"]  # the kept result prints as the computed one
    assert len(str(second["stdout"]).splitlines()) >= 3  # a real answer, not an empty table
    assert second["ibis"] is False, f"`kcbridge {' '.join(argv)}` imported Ibis on a cache hit"
    if argv[0] in ("complementarity", "complexity", "trade"):  # replayed from its printout
        assert second["pandas"] is False, f"`kcbridge {' '.join(argv)}` imported pandas"
    if argv[0] == "docs":  # a kept search index is scored without bm25s (and SciPy)
        assert second["bm25s"] is False


def test_a_cache_miss_does_compute_with_ibis(tiny_demo_copy: Path) -> None:
    """The check above can fail: the same probe sees Ibis when the work is really done
    (the first complementarity of a store computes it with Ibis expressions)."""
    first = _run(["complementarity", "KOR", "CHN", "--by", "chapter"], tiny_demo_copy)
    assert first["code"] == 0, first["stdout"]
    assert first["ibis"] is True

