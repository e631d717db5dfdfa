#!/usr/bin/env bash
# Install kcbridge with every optional part and run the whole test suite
# (lint, types, unit, real-data and browser tests). Exit code 5 (no tests collected) is a failure.
#
# Outside a virtual environment it makes (or reuses) ./.venv first: Debian's system
# Python refuses `pip install` (PEP 668), and a venv keeps the test tools out of it.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=python3
command -v "$PY" >/dev/null 2>&1 || PY=python
if ! "$PY" -c 'import sys; sys.exit(0 if sys.prefix != sys.base_prefix else 1)'; then
  [ -x .venv/bin/python ] || "$PY" -m venv .venv || exit 1
  PY=.venv/bin/python
fi
"$PY" -m pip install -q -e ".[test,spark]" || exit 1
"$PY" -m ruff check src tests benchmarks scripts || exit 1
# types (with pandas-stubs) on src, tests, benchmarks and scripts: [tool.mypy] in pyproject.toml
"$PY" -m mypy || exit 1
"$PY" -m pytest -q -p no:cacheprovider "$@"
code=$?
if [ "$code" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
fi
exit "$code"
