"""All complexity indices of one year in one object, and the same over many years.

``complexity_report(matrix)`` runs RCA -> Mcp -> diversity/ubiquity -> ECI/PCI ->
proximity -> density, COI, COG on one dense :class:`~kcbridge.trade.rca.ExportMatrix`.
``complexity_reports(exports)`` pulls exports of many years out of the engine in one query
(the relational work stays in Ibis) and builds one report per year.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import ibis.expr.types as ir
import numpy as np
import pandas as pd

from kcbridge.errors import NotFoundError
from kcbridge.trade.complexity import (
    ComplexityIndices,
    Method,
    Normalisation,
    Sign,
    economic_complexity,
)
from kcbridge.trade.product_space import opportunities, outlook, proximity
from kcbridge.trade.rca import (
    ExportMatrix,
    export_matrices,
    presence_matrix,
    revealed_comparative_advantage,
)


@dataclass
class ComplexityReport:
    """Indices of one year. Arrays are indexed like ``countries`` (rows) and ``products``."""

    year: int | None
    countries: np.ndarray
    products: np.ndarray
    rca: np.ndarray
    mcp: np.ndarray
    indices: ComplexityIndices
    proximity: np.ndarray | None = None
    density: np.ndarray | None = None
    coi: np.ndarray | None = None
    cog: np.ndarray | None = None
    threshold: float = 1.0
    _country_pos: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def diversity(self) -> np.ndarray:
        return self.mcp.sum(axis=1)

    @property
    def ubiquity(self) -> np.ndarray:
        return self.mcp.sum(axis=0)

    def country_index(self, country: str) -> int:
        if not self._country_pos:
            self._country_pos.update({str(c): i for i, c in enumerate(self.countries)})
        try:
            return self._country_pos[country]
        except KeyError:
            raise NotFoundError(
                f"No exports of {country} in {self.year}.",
                hint="Load trade data that includes that country's exports for that year.",
            ) from None

    def eci_table(self) -> pd.DataFrame:
        """One row per country: ``rank, country, eci, diversity, coi`` (rank 1 = most complex)."""
        frame = pd.DataFrame(
            {"country": self.countries, "eci": self.indices.eci, "diversity": self.diversity}
        )
        if self.coi is not None:
            frame["coi"] = self.coi
        frame = frame.sort_values(["eci", "country"], ascending=[False, True], na_position="last")
        frame.insert(0, "rank", np.arange(1, len(frame) + 1))
        if self.year is not None:
            frame.insert(0, "year", self.year)
        return frame.reset_index(drop=True)

    def pci_table(self) -> pd.DataFrame:
        """One row per product: ``rank, product, pci, ubiquity`` (rank 1 = most complex)."""
        frame = pd.DataFrame(
            {"product": self.products, "pci": self.indices.pci, "ubiquity": self.ubiquity}
        )
        frame = frame.sort_values(["pci", "product"], ascending=[False, True], na_position="last")
        frame.insert(0, "rank", np.arange(1, len(frame) + 1))
        if self.year is not None:
            frame.insert(0, "year", self.year)
        return frame.reset_index(drop=True)

    def opportunities(self, country: str, top: int | None = 50) -> pd.DataFrame:
        """High-density, high-PCI products ``country`` does not yet export with RCA >= threshold."""
        if self.density is None or self.cog is None:
            raise NotFoundError(
                "This report was built without the product space.",
                hint="Build it with product_space=True.",
            )
        i = self.country_index(country)
        return opportunities(
            self.products,
            self.mcp[i],
            self.density[i],
            self.indices.pci,
            self.cog[i],
            self.rca[i],
            top=top,
        )


def complexity_report(
    matrix: ExportMatrix,
    *,
    year: int | None = None,
    threshold: float = 1.0,
    method: Method = "eigenvector",
    normalisation: Normalisation | None = None,
    sign: Sign = "diversity",
    product_space: bool = True,
    dtype: type = np.float32,
) -> ComplexityReport:
    """Every complexity index of one year (module docstrings state the conventions)."""
    rca = revealed_comparative_advantage(matrix.values)
    mcp = presence_matrix(rca, threshold)
    indices = economic_complexity(mcp, method=method, normalisation=normalisation, sign=sign)
    report = ComplexityReport(
        year, matrix.countries, matrix.products, rca, mcp, indices, threshold=threshold
    )
    if product_space:
        phi = proximity(mcp, dtype=dtype)
        report.proximity = phi
        report.density, report.coi, report.cog = outlook(mcp, phi, indices.pci)
    return report


def complexity_reports(
    exports: ir.Table | pd.DataFrame,
    years: Iterable[int] | None = None,
    *,
    keep_proximity: bool = False,
    **options: object,
) -> dict[int, ComplexityReport]:
    """One report per year from exports to the world (``year, exporter, product,
    value_usd``, see ``flows.world_exports``; duplicate keys are summed). ``options`` go
    to ``complexity_report``.
    Proximity matrices are dropped unless ``keep_proximity`` (they are the large part)."""
    if isinstance(exports, pd.DataFrame):
        source: ir.Table | pd.DataFrame = exports
        if years is not None:
            source = exports[exports["year"].isin([int(y) for y in years])]
    else:
        source = exports
        if years is not None:
            source = exports.filter(exports.year.isin([int(y) for y in years]))
    matrices = export_matrices(source)
    if not matrices:
        raise NotFoundError(
            "No export rows for the years asked.",
            hint="Load trade data first (e.g. `kcbridge load baci FILE`), or pick a loaded year.",
        )
    reports: dict[int, ComplexityReport] = {}
    for year, matrix in sorted(matrices.items()):
        report = complexity_report(matrix, year=int(year), **options)  # type: ignore[arg-type]
        if not keep_proximity:
            report.proximity = None
        reports[int(year)] = report
    return reports
