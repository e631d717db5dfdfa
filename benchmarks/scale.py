"""Benchmark: how time and memory grow with the number of flows, on DuckDB and on Spark
reading the same Parquet lake.

For each size in ``--sizes`` (rows of a generated BACI year file, as in
``benchmarks/load.py``), in a fresh subprocess (so peak memory is that step's own):

- ``load``: ``kcbridge load baci`` into a new DuckDB store and its lake;
- ``complementarity``: ``platform.trade.complementarity("KOR", "CHN")`` on DuckDB;
- ``screen``: ``platform.watch.screen()`` (dependency screen of every importer) on DuckDB;
- with ``--spark``, the same three steps on a Spark store
  (``KCBRIDGE_STORE_URL=pyspark:///DIR``, local[2]): ``spark_load`` (DuckDB parses the
  file into the store's lake, then the catalogue commit: no Spark job), and
  ``spark_complementarity`` / ``spark_screen``, which run on the store's Spark session over
  the same lake files; their time excludes the session start (reported separately as
  ``session_seconds``), peak memory is the Python driver's (the JVM's is not counted).

Prints one JSON object: seconds and peak RSS per step and size, and the growth exponent
of each step's time (slope of log time over log rows; 1.0 = linear). Not measured: the
watch scan (generated BACI years have no monthly flows), a cluster.

    python benchmarks/scale.py [--sizes 250000,500000,1000000] [--spark]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STEPS = ("load", "complementarity", "screen")
SPARK_STEPS = ("spark_load", "spark_complementarity", "spark_screen")


def _load_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_load", Path(__file__).with_name(
        "load.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def child(step: str, path: Path, home: Path) -> dict:
    from kcbridge.app import Platform

    spark = step.startswith("spark_")
    platform = (Platform(home=home, store_url=f"pyspark://{home / 'spark'}") if spark
                else Platform(home=home))
    assert platform.store is not None  # open the store (and its reference data) untimed
    out: dict = {}
    if spark and step != "spark_load":  # the session start is not the query's cost
        begin = time.perf_counter()
        assert platform.store.spark is not None  # type: ignore[attr-defined]
        out["session_seconds"] = round(time.perf_counter() - begin, 2)
    start = time.perf_counter()
    kind = step.removeprefix("spark_")
    if kind == "load":
        result = platform.load("baci", path)
        out["rows"] = result.rows
    elif kind == "complementarity":
        report = platform.trade.complementarity("KOR", "CHN")
        out["groups"] = len(report.table)
    elif kind == "screen":
        out["rows"] = len(platform.watch.screen(flagged_only=False))
    out["seconds"] = time.perf_counter() - start
    platform.close()
    return out


def run_child(step: str, path: Path, home: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", step, "--file", str(path), "--home", str(home)],
        check=True, capture_output=True, text=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["seconds"] = round(result["seconds"], 2)
    return result


def growth(sizes: list[int], seconds: list[float]) -> float | None:
    """Least-squares slope of log(seconds) over log(rows)."""
    if len(sizes) < 2:
        return None
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-3)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return round(sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="250000,500000,1000000")
    parser.add_argument("--spark", action="store_true")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--child", choices=[*STEPS, *SPARK_STEPS])
    parser.add_argument("--file", type=Path)
    parser.add_argument("--home", type=Path)
    args = parser.parse_args()
    if args.child:
        result = child(args.child, args.file, args.home)
        result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        print(json.dumps(result))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    steps = [*STEPS, *(SPARK_STEPS if args.spark else [])]
    results: dict[str, dict[str, dict]] = {step: {} for step in steps}
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        for rows in sizes:
            data = Path(tmp) / f"data_{rows}"
            data.mkdir()
            path = data / "BACI_HS12_Y2022_V202501.csv"
            subprocess.run([sys.executable, str(Path(__file__).with_name("load.py")),
                            "--child", "generate", "--file", str(path), "--rows", str(rows)],
                           check=True, capture_output=True)
            home = Path(tmp) / f"home_{rows}"
            for step in steps:
                results[step][str(rows)] = run_child(step, path, home)
    print(json.dumps({
        "benchmark": "scale: time and memory by number of flows",
        "sizes": sizes,
        "steps": results,
        "growth_exponent": {step: growth(sizes, [results[step][str(s)]["seconds"]
                                                 for s in sizes]) for step in steps},
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg()[0],
    }, indent=2))


if __name__ == "__main__":
    main()
