"""Make the golden files of tests/golden/: a generated world and its expected analytics.

    python scripts/make_golden.py        # rewrites tests/golden/{inputs,expected}/*.csv

The world: 12 countries (4 of them EU members) x 40 products x 3 years of bilateral flows,
drawn with a fixed seed (numpy's PCG64, seed 20261205): a lognormal capacity per exporter
and product, present with probability 0.55, one dominant exporter (x30) for the first 10
products so that world exports of some products are concentrated, a lognormal demand per
importer and product, and per-year noise and gaps.

The expected values are computed INDEPENDENTLY of kcbridge's code:

- ``complexity.csv``, ``rca.csv``: py-ecomplexity (the Growth Lab's reference package,
  ``ecomplexity``) on world exports (bilateral rows summed): RCA, Mcp, diversity,
  ubiquity, ECI, PCI and density;
- ``bilateral.csv``: Michaely TCI, Finger-Kreinin ESI and trade-weighted Grubel-Lloyd
  written from their textbook formulas with plain loops below;
- ``dependency.csv``: the dependency metrics and regimes (EU 2021, CEPII GeoDep, Korea,
  MERICS) from their definitions with plain loops below.

``tolerances.csv`` gives the absolute and relative tolerance per file and column that the
tests in tests/golden/ use.
"""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1] / "tests" / "golden"
SEED = 20261205
YEARS = (2019, 2020, 2021)
COUNTRIES = ("KOR", "CHN", "JPN", "USA", "DEU", "FRA", "ITA", "NLD", "VNM", "AUS", "SAU", "IND")
EU = {"DEU", "FRA", "ITA", "NLD"}
PRODUCTS = tuple(f"{280000 + 1013 * k:06d}" for k in range(40))
PAIRS = (("KOR", "CHN"), ("DEU", "USA"))
FEW_ALTERNATIVES = 3

TOLERANCES = [  # file, column, atol, rtol
    ("rca", "rca", 0.0, 1e-9),
    ("rca", "mcp", 0.0, 0.0),
    ("rca", "density", 1e-6, 1e-6),
    ("complexity", "diversity", 0.0, 0.0),
    ("complexity", "ubiquity", 0.0, 0.0),
    ("complexity", "eci", 1e-6, 0.0),
    ("complexity", "pci", 1e-6, 0.0),
    ("bilateral", "tci_ab", 1e-9, 0.0),
    ("bilateral", "tci_ba", 1e-9, 0.0),
    ("bilateral", "esi", 1e-9, 0.0),
    ("bilateral", "gl", 1e-12, 0.0),
    ("dependency", "imports", 0.0, 1e-12),
    ("dependency", "import_hhi", 1e-12, 0.0),
    ("dependency", "top_share", 1e-12, 0.0),
    ("dependency", "extra_bloc_share", 1e-12, 0.0),
    ("dependency", "world_export_hhi", 1e-12, 0.0),
    ("dependency", "import_export_ratio", 0.0, 1e-9),
    ("dependency", "alternatives", 0.0, 0.0),
    ("dependency", "geodep_years", 0.0, 0.0),
]


def make_world() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    n_c, n_p = len(COUNTRIES), len(PRODUCTS)
    capacity = rng.lognormal(0.0, 1.5, (n_c, n_p)) * (rng.random((n_c, n_p)) < 0.55)
    dominant = rng.integers(0, n_c, 10)
    for k, c in enumerate(dominant):
        capacity[c, k] = capacity[c, k] * 30 if capacity[c, k] > 0 else 30.0
    demand = rng.lognormal(0.0, 1.0, (n_c, n_p))
    rows = []
    for year in YEARS:
        noise = rng.lognormal(0.0, 0.3, (n_c, n_c, n_p))
        present = rng.random((n_c, n_c, n_p)) < 0.8
        for e in range(n_c):
            for i in range(n_c):
                if e == i:
                    continue
                for p in range(n_p):
                    value = capacity[e, p] * demand[i, p] * noise[e, i, p] * 1e6
                    if present[e, i, p] and value >= 1.0:
                        rows.append((year, COUNTRIES[e], COUNTRIES[i], PRODUCTS[p],
                                     round(float(value), 2)))
    return pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "value_usd"])


def expected_complexity(flows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    from ecomplexity import ecomplexity

    exports = flows.groupby(["year", "exporter", "product"], as_index=False)["value_usd"].sum()
    cols = {"time": "year", "loc": "exporter", "prod": "product", "val": "value_usd"}
    out = ecomplexity(exports, cols, verbose=False)
    out = out[out["value_usd"].notna()]
    rca = out[["year", "exporter", "product", "rca", "mcp", "density"]]
    rca = rca[rca.merge(exports, on=["year", "exporter", "product"], how="left",
                        suffixes=("_", ""))["value_usd"].fillna(0).to_numpy() > 0]
    countries = out.groupby(["year", "exporter"], as_index=False).agg(
        diversity=("diversity", "first"), eci=("eci", "first"))
    products = out.groupby(["year", "product"], as_index=False).agg(
        ubiquity=("ubiquity", "first"), pci=("pci", "first"))
    countries = countries.rename(columns={"exporter": "code"}).assign(kind="country")
    products = products.rename(columns={"product": "code"}).assign(kind="product")
    complexity = pd.concat([countries, products], ignore_index=True)
    return (rca.sort_values(["year", "exporter", "product"]).reset_index(drop=True),
            complexity[["year", "kind", "code", "diversity", "ubiquity", "eci", "pci"]])


def _cube(flows: pd.DataFrame) -> dict[tuple[int, str, str, str], float]:
    cube: dict[tuple[int, str, str, str], float] = defaultdict(float)
    for year, exporter, importer, product, value in zip(
            flows["year"], flows["exporter"], flows["importer"], flows["product"],
            flows["value_usd"], strict=True):
        cube[(year, exporter, importer, product)] += value
    return cube


def expected_bilateral(flows: pd.DataFrame) -> pd.DataFrame:
    cube = _cube(flows)
    rows = []
    for year in YEARS:
        def exports(c: str, year: int = year) -> dict[str, float]:
            return {p: sum(cube.get((year, c, i, p), 0.0) for i in COUNTRIES) for p in PRODUCTS}

        def imports(c: str, year: int = year) -> dict[str, float]:
            return {p: sum(cube.get((year, e, c, p), 0.0) for e in COUNTRIES) for p in PRODUCTS}

        def overlap(x: dict[str, float], m: dict[str, float]) -> float:
            sx, sm = sum(x.values()), sum(m.values())
            return 100.0 * sum(min(x[p] / sx, m[p] / sm) for p in PRODUCTS)

        for a, b in PAIRS:
            gap = volume = 0.0
            for p in PRODUCTS:
                x, m = cube.get((year, a, b, p), 0.0), cube.get((year, b, a, p), 0.0)
                gap += abs(x - m)
                volume += x + m
            rows.append({"year": year, "a": a, "b": b,
                         "tci_ab": overlap(exports(a), imports(b)),
                         "tci_ba": overlap(exports(b), imports(a)),
                         "esi": overlap(exports(a), exports(b)),
                         "gl": 1.0 - gap / volume})
    return pd.DataFrame(rows)


def expected_dependency(flows: pd.DataFrame) -> pd.DataFrame:
    cube = _cube(flows)
    rows = []
    for year in YEARS:
        x = {(e, p): sum(cube.get((year, e, i, p), 0.0) for i in COUNTRIES)
             for e in COUNTRIES for p in PRODUCTS}
        x_c = {e: sum(x[(e, p)] for p in PRODUCTS) for e in COUNTRIES}
        x_p = {p: sum(x[(e, p)] for e in COUNTRIES) for p in PRODUCTS}
        world = sum(x_c.values())
        for i in COUNTRIES:
            for p in PRODUCTS:
                sources = {e: cube.get((year, e, i, p), 0.0) for e in COUNTRIES}
                imports = sum(sources.values())
                if imports <= 0:
                    continue
                shares = {e: v / imports for e, v in sources.items() if v > 0}
                top = sorted(shares, key=lambda e: (-sources[e], e))[0]
                own = x[(i, p)]
                rca = {e: (x[(e, p)] / x_c[e]) / (x_p[p] / world) for e in COUNTRIES
                       if x_c[e] > 0 and x[(e, p)] > 0}
                rows.append({
                    "year": year, "importer": i, "product": p, "imports": imports,
                    "top_supplier": top, "top_share": shares[top],
                    "import_hhi": sum(s * s for s in shares.values()),
                    "extra_bloc_share": sum(s for e, s in shares.items()
                                            if not (e in EU if i in EU else e == i)),
                    "exports": own,
                    "import_export_ratio": imports / own if own > 0 else math.nan,
                    "world_export_hhi": sum((x[(e, p)] / x_p[p]) ** 2 for e in COUNTRIES),
                    "alternatives": sum(1 for e, r in rca.items()
                                        if r >= 1.0 and e not in (i, top)),
                })
    df = pd.DataFrame(rows)
    ratio_over_one = df["import_export_ratio"].isna() | (df["import_export_ratio"] > 1.0)
    df["eu2021"] = (df["import_hhi"] > 0.4) & (df["extra_bloc_share"] > 0.5) & ratio_over_one
    geodep_year = (df["import_hhi"] > 0.4) & (df["world_export_hhi"] > 0.4) & ratio_over_one
    keys = list(zip(df["year"], df["importer"], df["product"], strict=True))
    hits = {key: bool(g) for key, g in zip(keys, geodep_year, strict=True)}
    df["geodep_years"] = [sum(hits.get((y, importer, product), False)
                              for y in range(year - 2, year + 1))
                          for year, importer, product in keys]
    df["geodep"] = df["geodep_years"] >= 2
    df["korea"] = df["top_share"] > 0.5
    df["merics"] = ((df["top_share"] >= 0.3) & (df["imports"] > df["exports"])
                    & (df["alternatives"] <= FEW_ALTERNATIVES))
    return df


def main() -> None:
    flows = make_world()
    countries = pd.DataFrame({"iso3": COUNTRIES, "eu_member": [c in EU for c in COUNTRIES]})
    rca, complexity = expected_complexity(flows)
    bilateral = expected_bilateral(flows)
    dependency = expected_dependency(flows)
    (ROOT / "inputs").mkdir(parents=True, exist_ok=True)
    (ROOT / "expected").mkdir(parents=True, exist_ok=True)
    flows.to_csv(ROOT / "inputs" / "flows.csv", index=False)
    countries.to_csv(ROOT / "inputs" / "countries.csv", index=False)
    for name, frame in (("rca", rca), ("complexity", complexity), ("bilateral", bilateral),
                        ("dependency", dependency)):
        frame.to_csv(ROOT / "expected" / f"{name}.csv", index=False, float_format="%.17g")
    pd.DataFrame(TOLERANCES, columns=["file", "column", "atol", "rtol"]).to_csv(
        ROOT / "tolerances.csv", index=False)
    flagged = dependency[dependency["year"] == 2021][["eu2021", "geodep", "korea", "merics"]]
    print(f"{len(flows)} flows; 2021 rows {len(flagged)}; flagged per regime:",
          flagged.sum().to_dict())


if __name__ == "__main__":
    main()
