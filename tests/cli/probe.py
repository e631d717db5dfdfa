"""Run one kcbridge command in a fresh interpreter and report what it printed and which
modules it had imported by the end (the CLI speed tests: a kept answer must not import
pandas, Ibis, the matcher ...)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: runs argv (argv[1], a JSON list) with stdout captured; prints one JSON line with the exit
#: code, the command's stdout and which of the modules named in argv[2] were imported
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
                  "loaded": sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules)}))
"""

#: the modules a probe reports unless told otherwise
WATCHED = ("ibis", "pandas", "numpy", "bm25s", "kcbridge.partners.matching",
           "kcbridge.docs.service")


def run_cli(home: Path, argv: Sequence[str], watch: Sequence[str] = WATCHED,
            before: str = "") -> dict[str, Any]:
    """``{"code", "stdout", "loaded": [watched modules imported, sorted], MODULE: bool ...}``
    of ``kcbridge ARGV`` on the store in ``home`` (no other KCBRIDGE_ variable); ``before``:
    Python lines run first (e.g. to switch a fast path off and compare)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KCBRIDGE_")}
    env["KCBRIDGE_HOME"] = str(home)
    proc = subprocess.run([sys.executable, "-c", before + PROBE, json.dumps(list(argv)),
                           json.dumps(list(watch))],
                          capture_output=True, text=True, env=env, check=False, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    result.update({m: m in result["loaded"] for m in watch})
    return result
