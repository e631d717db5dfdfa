"""`kcbridge --help` and every group's and command's `--help` must not import the heavy
libraries (pandas, Ibis, DuckDB, NumPy, sqlglot): the CLI modules import the Platform and
the services inside their command functions (issue 14: `--help` under 0.3 s). Behaviour,
not timing: the tests look at what a fresh interpreter has imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import typer

HEAVY = ("pandas", "ibis", "duckdb", "numpy", "sqlglot")

#: runs each argv of argv[1] (a JSON list) in turn in one interpreter and prints, for each,
#: the heavy top-level packages the interpreter holds after it
PROBE = """
import contextlib, io, json, sys
import kcbridge.cli
heavy = set(json.loads(sys.argv[2]))
out = []
for argv in json.loads(sys.argv[1]):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            kcbridge.cli.app(argv, standalone_mode=False)
        except SystemExit:
            pass
    out.append(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in heavy}))
print(json.dumps(out))
"""


def _heavy_after(argvs: list[list[str]], home: Path) -> dict[str, list[str]]:
    """``{"watch screen --help": [heavy packages imported by then], ...}``."""
    env = {**os.environ, "KCBRIDGE_HOME": str(home)}
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps(argvs), json.dumps(HEAVY)],
                          capture_output=True, text=True, env=env, check=False, timeout=300)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    return {" ".join(argv): mods for argv, mods in zip(argvs, found, strict=True)}


def _commands() -> list[list[str]]:
    """Every group and command of the CLI: ``[[], ["status"], ["watch"], ["watch",
    "screen"], ...]``."""
    import kcbridge.cli

    root = typer.main.get_command(kcbridge.cli.app)
    found: list[list[str]] = [[]]
    for name, command in sorted(getattr(root, "commands", {}).items()):
        found.append([name])
        found.extend([name, sub] for sub in sorted(getattr(command, "commands", {}) or {}))
    return found


def test_import_cli_loads_no_heavy_library(tmp_path: Path) -> None:
    """The exact check of issue 14: importing the CLI pulls in none of them."""
    code = ("import kcbridge.cli, sys; print(sorted(m for m in sys.modules if m.split('.')[0] "
            "in {'pandas','ibis','duckdb','numpy','sqlglot'}))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "KCBRIDGE_HOME": str(tmp_path)}, check=False,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_every_help_imports_no_heavy_library(tmp_path: Path) -> None:
    """`kcbridge --help`, `kcbridge GROUP --help` and `kcbridge GROUP COMMAND --help` for
    every group and command, one after the other in one interpreter: none of them has
    imported a heavy library (the first that did would show, and every one after it)."""
    commands = _commands()
    names = {" ".join(c) for c in commands}
    assert {"", "status", "watch", "watch screen", "trade", "trade flows", "partners match",
            "docs search", "trust"} <= names  # the walk reaches groups and sub-commands
    assert len(commands) > 40
    found = _heavy_after([[*c, "--help"] for c in commands], tmp_path)
    assert len(found) == len(commands)
    assert {cmd: mods for cmd, mods in found.items() if mods} == {}


def test_probe_sees_a_heavy_import(tmp_path: Path) -> None:
    """The probe can fail: a command that opens the store imports DuckDB, and its
    `--help` before it did not."""
    found = _heavy_after([["status", "--help"], ["status"]], tmp_path)
    assert found["status --help"] == []
    assert "duckdb" in found["status"]
