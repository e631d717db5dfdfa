"""A read-only command answered from the kept derived results imports no Ibis (issue 14:
every command under a second; Ibis costs 0.2-0.3 s of imports before any work), and the
trade commands, which replay their kept printout (kcbridge.cli.printout), no pandas.

Each command runs twice in fresh interpreters on a copy of the tiny demo store: the first
run computes and keeps its result (and may import Ibis), the second must find it and
print the same output without importing Ibis. Behaviour, not timing: the tests look at
which modules the interpreter holds when the command has finished."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli.probe import run_cli

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
    return run_cli(home, argv)


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

