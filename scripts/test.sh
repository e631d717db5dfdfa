#!/usr/bin/env bash
# Install kcbridge with every optional part and run the whole test suite
# (unit, real-data and browser tests). Exit code 5 (no tests collected) is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
python -m pip install -q -e ".[test,spark]" || exit 1
python -m pytest -q -p no:cacheprovider "$@"
code=$?
if [ "$code" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
fi
exit "$code"
