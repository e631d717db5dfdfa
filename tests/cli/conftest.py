"""CLI behaviour fixtures: a CliRunner wired to the session's read-only demo world, and a
private copy of a tiny demo store for the commands that write (ack, resolve, import,
delete, review ...)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from kcbridge.app import Platform
from kcbridge.cli import app
from kcbridge.cli.common import set_platform_factory


class Cli:
    """Invoke ``kcbridge ...`` on one Platform; ``json()`` parses the command's stdout."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.runner = CliRunner()

    def __call__(self, *args: str) -> Result:
        return self.runner.invoke(app, list(args))

    def ok(self, *args: str) -> Result:
        result = self(*args)
        assert result.exit_code == 0, result.output
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--format", "json").stdout)

    def fails(self, *args: str) -> str:
        """Run a command that must fail as the house says: exit 1 and ``Error: ...``."""
        result = self(*args)
        assert result.exit_code == 1, result.output
        assert "Error:" in result.output, result.output
        assert "internal error" not in result.output, result.output  # not a bug of ours
        return " ".join(result.output.split())


@pytest.fixture
def demo_cli(demo_platform: Platform) -> Iterator[Cli]:
    """The CLI on the session's tiny demo world (read-only commands only)."""
    set_platform_factory(lambda: demo_platform)
    try:
        yield Cli(demo_platform)
    finally:
        set_platform_factory(None)


@pytest.fixture
def own_cli(tiny_demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    """The CLI on this test's own copy of a tiny demo store: it may write."""
    for key in list(os.environ):
        if key.startswith("KCBRIDGE_"):
            monkeypatch.delenv(key)
    home = tiny_demo_copy
    monkeypatch.setenv("KCBRIDGE_HOME", str(home))
    p = Platform(home=home, api_token="tok")
    set_platform_factory(lambda: p)
    try:
        yield Cli(p)
    finally:
        set_platform_factory(None)
        p.close()
