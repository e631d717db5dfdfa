"""A ``--help`` flag nobody gave is False, not None (cli/__init__.py,
``_help_flag_default_false``): typer 0.29 coerces a None flag through a pydantic adapter,
which put pydantic and typer's adapters (~80 ms of imports) into every help screen.
Behaviour, not timing: what a fresh interpreter imported, and the same help text."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli.probe import run_cli

WATCHED = ("typer._adapters", "pydantic")


@pytest.mark.parametrize("argv", [["trade", "--help"], ["partners", "match", "--help"],
                                  ["watch", "scan", "--help"], ["--help"]])
def test_help_screens_import_neither_pydantic_nor_typers_adapters(tmp_path: Path,
                                                                  argv: list[str]) -> None:
    out = run_cli(tmp_path, argv, watch=WATCHED)
    assert out["code"] == 0 and "Usage" in str(out["stdout"])
    assert out["loaded"] == []


def test_the_check_can_fail_and_help_still_works(tmp_path: Path) -> None:
    before = "import kcbridge.cli as c\nfrom typer._click import decorators\n" \
             "decorators.help_option = decorators.help_option.__closure__[0].cell_contents\n"
    out = run_cli(tmp_path, ["trade", "--help"], watch=WATCHED, before=before)
    assert out["code"] == 0 and "flows" in str(out["stdout"])
    assert "typer._adapters" in out["loaded"]  # typer's own flag: coerced through pydantic
