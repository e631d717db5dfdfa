"""Benchmark: what the loaders' value checks cost, next to reading the rows they check.

Generates a BACI-like year file (``t,i,j,k,v,q``; 200 exporters x 200 importers x HS6
codes, no duplicates) of ``--rows`` rows, then in one DuckDB connection times:

- ``read_and_stage``: DuckDB's CSV reader staging the rows as the store's columns (the
  floor: what any load must do);
- ``checks``: :func:`kcbridge.sources.validation.check_staged` on those rows (every bad
  value class, duplicates included);
- ``duplicate_check``: the exact duplicate check alone (a hash of the flow key);
- ``previous_validation``: the pipeline's older scan (codes, countries, values,
  negatives; no infinities, years or duplicates), which the new checks replace.

Prints one JSON object with the seconds and ratios. Run:

    python benchmarks/load_checks.py [--rows 5000000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import duckdb

from kcbridge.settings import Settings
from kcbridge.sources.common import ANNUAL, LoadContext, Staged
from kcbridge.sources.pipeline import validate_stage
from kcbridge.sources.validation import check_duplicates, check_staged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kcb_bench_checks_"))
    csv = work / "BACI_HS12_Y2022_V202501.csv"
    con = duckdb.connect()
    con.execute(f"""COPY (SELECT 2022 AS t, 100 + (i % 200) AS i,
                     300 + ((i // 200) % 200) AS j,
                     lpad(CAST(10000 + (i // 40000) * 7 % 890000 AS VARCHAR), 6, '0') AS k,
                     round(random() * 1000, 3) AS v, round(random() * 10, 3) AS q
                     FROM range({args.rows}) r(i)) TO '{csv}' (HEADER)""")
    timings: dict[str, float] = {}

    def timed(name: str, fn) -> None:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        fn()
        timings[name] = round(time.perf_counter() - start, 3)

    timed("read_and_stage", lambda: con.execute(f"""
        CREATE TEMP TABLE s AS SELECT CAST(t AS SMALLINT) AS year, 'C' || i AS exporter,
            'C' || j AS importer, k AS product, 'HS2012' AS revision,
            v * 1000 AS value_usd, q * 1000 AS quantity, 'kg' AS unit
        FROM read_csv('{csv}', header = true, columns = {{'t': 'SMALLINT', 'i': 'INTEGER',
             'j': 'INTEGER', 'k': 'VARCHAR', 'v': 'DOUBLE', 'q': 'DOUBLE'}})"""))
    ctx = LoadContext(con, Settings(home=work / "home"), None)
    timed("checks", lambda: check_staged(ctx, Staged(table="s", target=ANNUAL), csv))
    timed("duplicate_check", lambda: check_duplicates(ctx, "s", ANNUAL, csv.name))
    timed("previous_validation",
          lambda: validate_stage(ctx, Staged(table="s", target=ANNUAL), csv))
    read = timings["read_and_stage"]
    print(json.dumps({
        "rows": args.rows,
        "seconds": timings,
        "checks_over_read": round(timings["checks"] / read, 3),
        "added_over_previous_per_million_rows_s": round(
            (timings["checks"] - timings["previous_validation"]) / args.rows * 1e6, 3),
    }))
    csv.unlink()


if __name__ == "__main__":
    main()
