"""kcbridge's analytics against golden files computed independently of its code.

Inputs, expected values and tolerances per column come from ``scripts/make_golden.py``
(py-ecomplexity for RCA/ECI/PCI/density; plain-loop textbook formulas for TCI, ESI,
Grubel-Lloyd and the dependency regimes). Re-run that script only when a convention changes
on purpose, and say so in the commit.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kcbridge.trade.bilateral import (
    export_similarity_index,
    grubel_lloyd,
    trade_complementarity_index,
)
from kcbridge.trade.complexity import economic_complexity
from kcbridge.trade.flows import world_exports
from kcbridge.trade.product_space import density, proximity
from kcbridge.trade.rca import (
    export_matrices,
    presence_matrix,
    rca_table,
    revealed_comparative_advantage,
)
from kcbridge.watch.dependency import REGIMES, dependency_flags, dependency_metrics

HERE = Path(__file__).parent
YEARS = (2019, 2020, 2021)


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(HERE / "expected" / f"{name}.csv", dtype={"product": str, "code": str})


@pytest.fixture(scope="module")
def flows() -> pd.DataFrame:
    return pd.read_csv(HERE / "inputs" / "flows.csv", dtype={"product": str})


@pytest.fixture(scope="module")
def countries() -> pd.DataFrame:
    return pd.read_csv(HERE / "inputs" / "countries.csv")


TOL = pd.read_csv(HERE / "tolerances.csv")


def check(name: str, actual: pd.DataFrame, expected: pd.DataFrame, keys: list[str]) -> int:
    """Compare every toleranced column of ``name``; returns the number of rows compared."""
    assert len(expected) > 0
    merged = expected.merge(actual, on=keys, how="outer", suffixes=("_expected", ""),
                            indicator=True)
    missing = merged[merged["_merge"] != "both"]
    assert missing.empty, f"{name}: rows on one side only:\n{missing[keys + ['_merge']].head()}"
    columns = TOL[TOL["file"] == name]
    assert len(columns) > 0
    for column, atol, rtol in zip(columns["column"], columns["atol"], columns["rtol"],
                                  strict=True):
        np.testing.assert_allclose(
            merged[column].astype(float), merged[f"{column}_expected"].astype(float),
            atol=atol, rtol=rtol, equal_nan=True, err_msg=f"{name}.{column}")
    return len(merged)


def test_rca_mcp_and_density_match_py_ecomplexity(flows: pd.DataFrame) -> None:
    parts = []
    for year, matrix in export_matrices(world_exports(flows)).items():
        rca = revealed_comparative_advantage(matrix.values)
        mcp = presence_matrix(rca)
        dens = density(mcp, proximity(mcp, dtype=np.float64))
        c, p = np.meshgrid(matrix.countries, matrix.products, indexing="ij")
        frame = pd.DataFrame({"year": year, "exporter": c.ravel(), "product": p.ravel(),
                              "rca": rca.ravel(), "mcp": mcp.ravel(), "density": dens.ravel()})
        parts.append(frame[matrix.values.ravel() > 0])
    positive = flows.groupby(["year", "exporter", "product"])["value_usd"].sum().gt(0).sum()
    assert positive > 700  # of 12 x 40 x 3 = 1440 possible
    assert check("rca", pd.concat(parts), _read("rca"), ["year", "exporter", "product"]) \
        == positive


def test_relational_rca_matches_py_ecomplexity(flows: pd.DataFrame) -> None:
    actual = rca_table(world_exports(flows)).to_pandas()[["year", "exporter", "product",
                                                          "rca", "mcp"]]
    expected = _read("rca").assign(density=np.nan)
    actual = actual.assign(density=np.nan)
    assert check("rca", actual, expected, ["year", "exporter", "product"]) > 700


def test_eci_pci_diversity_ubiquity_match_py_ecomplexity(flows: pd.DataFrame) -> None:
    parts = []
    for year, matrix in export_matrices(world_exports(flows)).items():
        mcp = presence_matrix(revealed_comparative_advantage(matrix.values))
        ix = economic_complexity(mcp)
        parts.append(pd.DataFrame({"year": year, "kind": "country", "code": matrix.countries,
                                   "diversity": mcp.sum(axis=1), "eci": ix.eci}))
        parts.append(pd.DataFrame({"year": year, "kind": "product", "code": matrix.products,
                                   "ubiquity": mcp.sum(axis=0), "pci": ix.pci}))
    n = check("complexity", pd.concat(parts), _read("complexity"), ["year", "kind", "code"])
    assert n == 3 * (12 + 40)


@pytest.mark.parametrize(("a", "b"), [("KOR", "CHN"), ("DEU", "USA")])
def test_tci_esi_gl_match_textbook_formulas(flows: pd.DataFrame, a: str, b: str) -> None:
    tci_ab = trade_complementarity_index(flows, a, b).to_pandas()[["year", "tci"]]
    tci_ba = trade_complementarity_index(flows, b, a).to_pandas()[["year", "tci"]]
    esi = export_similarity_index(flows, a, b).to_pandas()[["year", "esi"]]
    gl = grubel_lloyd(flows, a, b).to_pandas()[["year", "gl"]]
    actual = (tci_ab.rename(columns={"tci": "tci_ab"})
              .merge(tci_ba.rename(columns={"tci": "tci_ba"}), on="year")
              .merge(esi, on="year").merge(gl, on="year"))
    expected = _read("bilateral")
    expected = expected[(expected["a"] == a) & (expected["b"] == b)].drop(columns=["a", "b"])
    assert check("bilateral", actual, expected, ["year"]) == len(YEARS)


@pytest.fixture(scope="module")
def flagged(flows: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    return dependency_flags(dependency_metrics(flows, countries)).to_pandas()


def test_dependency_metrics_match_their_definitions(flagged: pd.DataFrame) -> None:
    expected = _read("dependency")
    assert check("dependency", flagged, expected, ["year", "importer", "product"]) \
        == len(expected) > 1400  # of 12 x 40 x 3 (importer, product, year); one has no imports
    merged = expected.merge(flagged, on=["year", "importer", "product"],
                            suffixes=("_expected", ""))
    assert (merged["top_supplier"] == merged["top_supplier_expected"]).all()


@pytest.mark.parametrize("regime", REGIMES)
def test_dependency_regime_flags_match_their_definitions(flagged: pd.DataFrame,
                                                          regime: str) -> None:
    expected = _read("dependency")
    merged = expected.merge(flagged, on=["year", "importer", "product"],
                            suffixes=("_expected", ""))
    assert len(merged) == len(expected) > 1400
    wrong = merged[merged[regime].astype(bool) != merged[f"{regime}_expected"].astype(bool)]
    assert wrong.empty, wrong[["year", "importer", "product", regime]].head()


def test_regimes_differ_on_the_golden_world() -> None:
    last = _read("dependency").query("year == 2021")
    counts = {r: int(last[r].sum()) for r in REGIMES}
    assert len(set(counts.values())) == len(REGIMES), counts
    # GeoDep's world-export criterion removes products that EU 2021 alone would flag
    assert (last["eu2021"] & ~last["geodep"] & (last["world_export_hhi"] <= 0.4)).any()
