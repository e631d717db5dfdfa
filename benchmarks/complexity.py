"""Benchmark: kcbridge complexity vs py-ecomplexity, and a synthetic 230 x 5,000 x 10 world.

Prints one JSON object. Each measurement runs in its own subprocess so peak memory is that
task's own: the inputs are loaded first, then the kernel's peak-RSS counter is reset
(``/proc/self/clear_refs``) and the task runs; ``peak_mb`` is the peak RSS during the task
and ``extra_mb`` the growth over the RSS just before it. ``cpu_seconds`` (all threads) and
the 1-minute load average show how far other processes on the machine slowed the wall time.

1. Real 2017 HS4 world exports (``../shared/data/real/world_trade_2017_hs4_exports.csv``):
   RCA + ECI + PCI + proximity + density (+ COI/COG, which py-ecomplexity always computes),
   both starting from the same pandas DataFrame. py-ecomplexity runs with
   ``check_logsupermodularity=False`` (kcbridge has no such check; leaving it on would only
   slow py-ecomplexity down further).
2. Synthetic world, 230 countries x 5,000 HS6 products x 10 years, exports to the world in
   a DuckDB table (about 7 M non-zero rows): every index for every year (RCA, Mcp,
   diversity, ubiquity, ECI, PCI, proximity, density, COI, COG) through the Ibis path
   (``world_exports`` -> Arrow -> dense matrices), plus the KOR-CHN export similarity per
   year in Ibis. Goal: under 10 s and 4 GB.

Usage: ``python benchmarks/complexity.py [--skip-peer] [--years 10]``
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REAL_FILE = ROOT.parent / "shared" / "data" / "real" / "world_trade_2017_hs4_exports.csv"


def _rss_mb(field: str) -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def _measure(task) -> dict:
    _reset_peak()
    before = _rss_mb("VmRSS")
    load_before = os.getloadavg()[0]
    start, cpu_start = time.perf_counter(), time.process_time()
    info = task() or {}
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    peak = _rss_mb("VmHWM")
    return {"seconds": round(seconds, 3), "cpu_seconds": round(cpu_seconds, 3),
            "load_average_before": round(load_before, 2), "peak_mb": round(peak, 1),
            "extra_mb": round(peak - before, 1), **info}


def _real_frame():
    import pandas as pd

    frame = pd.read_csv(REAL_FILE, dtype={"product_code": str, "reporter_iso": str})
    return frame.assign(year=2017)


def worker_real_kcbridge() -> dict:
    from kcbridge.trade.rca import ExportMatrix
    from kcbridge.trade.report import complexity_report

    frame = _real_frame()

    def task():
        matrix = ExportMatrix.from_frame(
            frame, country="reporter_iso", product="product_code", value="export_value_usd"
        )
        report = complexity_report(matrix, year=2017)
        ranks = report.eci_table().set_index("country")["rank"]
        return {"countries": len(report.countries), "products": len(report.products),
                "eci_rank_kor": int(ranks["kor"]), "eci_rank_chn": int(ranks["chn"])}

    return _measure(task)


def worker_real_ecomplexity() -> dict:
    from ecomplexity import ecomplexity

    frame = _real_frame()
    cols = {"time": "year", "loc": "reporter_iso", "prod": "product_code",
            "val": "export_value_usd"}

    def task():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = ecomplexity(frame, cols, verbose=False, check_logsupermodularity=False)
        return {"rows_out": len(out)}

    return _measure(task)


def _synthetic_table(n_countries: int, n_products: int, n_years: int, seed: int = 7):
    """A nested world: country capability c, product difficulty q, export when
    c - q + noise > 0; lognormal values scaled by country size. Exports to WLD only."""
    import numpy as np
    import pyarrow as pa

    rng = np.random.default_rng(seed)
    names = [f"C{i:03d}" for i in range(n_countries - 2)] + ["CHN", "KOR"]
    products = [f"{i:06d}" for i in range(100000, 100000 + n_products)]
    capability = rng.uniform(0, 1, n_countries)
    difficulty = rng.uniform(0, 1, n_products)
    size = rng.lognormal(0, 1.5, n_countries)
    chunks = []
    for y in range(n_years):
        drift = capability + rng.normal(0, 0.02, n_countries) * y
        score = drift[:, None] - difficulty[None, :] + rng.normal(0, 0.3, (n_countries, n_products))
        present = score > -0.2
        values = np.where(present, size[:, None] * rng.lognormal(10, 2, present.shape), 0.0)
        ci, pi = np.nonzero(values)
        chunks.append(
            pa.table(
                {
                    "year": pa.array(np.full(len(ci), 2013 + y, dtype=np.int16)),
                    "exporter": pa.array(np.asarray(names, dtype=object)[ci]),
                    "importer": pa.array(["WLD"] * len(ci)),
                    "product": pa.array(np.asarray(products, dtype=object)[pi]),
                    "value_usd": pa.array(values[ci, pi]),
                }
            )
        )
    return pa.concat_tables(chunks)


def worker_synthetic(n_years: int) -> dict:
    import ibis

    from kcbridge.trade.bilateral import export_similarity_index
    from kcbridge.trade.flows import world_exports
    from kcbridge.trade.report import complexity_reports

    con = ibis.duckdb.connect()
    arrow = _synthetic_table(230, 5000, n_years)
    con.create_table("trade_annual", ibis.memtable(arrow))
    rows = arrow.num_rows
    del arrow
    trade = con.table("trade_annual")

    def task():
        reports = complexity_reports(world_exports(trade, aggregate=False))
        esi = export_similarity_index(trade, "KOR", "CHN").to_pandas()
        last = reports[max(reports)]
        return {
            "rows": rows,
            "years": len(reports),
            "countries": len(last.countries),
            "products": len(last.products),
            "esi_kor_chn_last": round(float(esi.sort_values("year")["esi"].iloc[-1]), 2),
        }

    return _measure(task)


WORKERS = {
    "real_kcbridge": worker_real_kcbridge,
    "real_ecomplexity": worker_real_ecomplexity,
}


def _run(name: str, *extra: str) -> dict:
    cmd = [sys.executable, __file__, "--worker", name, *extra]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--skip-peer", action="store_true")
    args = parser.parse_args()
    if args.worker:
        result = (worker_synthetic(args.years) if args.worker == "synthetic"
                  else WORKERS[args.worker]())
        print(json.dumps(result))
        return
    out: dict = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    if REAL_FILE.is_file():
        ours = _run("real_kcbridge")
        real: dict[str, Any] = {"file": REAL_FILE.name, "kcbridge": ours}
        if not args.skip_peer:
            peer = _run("real_ecomplexity")
            real["py_ecomplexity"] = peer
            if "seconds" in ours and "seconds" in peer:
                real["speedup"] = round(peer["seconds"] / ours["seconds"], 1)
                real["memory_ratio_extra"] = round(ours["extra_mb"] / max(peer["extra_mb"], 1), 3)
                real["goal"] = ">= 20x faster, no more memory"
                real["goal_met"] = bool(
                    real["speedup"] >= 20 and ours["extra_mb"] <= peer["extra_mb"]
                )
        out["real_2017_hs4"] = real
    else:
        out["real_2017_hs4"] = {"skipped": f"{REAL_FILE} not found"}
    synth = _run("synthetic", "--years", str(args.years))
    if "seconds" in synth:
        synth["goal"] = "< 10 s and < 4096 MB"
        synth["goal_met"] = bool(synth["seconds"] < 10 and synth["peak_mb"] < 4096)
    out["synthetic_230x5000x10"] = synth
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
