"""Revealed comparative advantage (Balassa), the binary Mcp, diversity and ubiquity.

Conventions (those of py-ecomplexity, the Growth Lab's reference implementation):
- ``RCA_cp = (x_cp / x_c) / (x_p / x)`` on exports to the world.
- ``Mcp = 1`` when ``RCA_cp >= threshold`` (default 1; note ``>=``, as py-ecomplexity).
- Countries with zero total exports and products with zero world exports are dropped
  before the matrix is built (they have no defined RCA); missing values count as zero.
- Duplicate (country, product) rows are *summed* (py-ecomplexity keeps the first one).

``rca_table`` is the relational form (Ibis, any backend); ``ExportMatrix`` is the small
dense country x product form the complexity and product-space functions work on.
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from kcbridge.errors import InputError


def rca_table(exports: ir.Table, threshold: float = 1.0) -> ir.Table:
    """Balassa RCA per ``year, exporter, product`` from exports to the world (Ibis).

    ``exports`` has ``year, exporter, product, value_usd`` (see ``flows.world_exports``).
    Returns those columns plus ``rca`` and ``mcp`` (int8, ``rca >= threshold``), and
    ``diversity`` / ``ubiquity`` (count of Mcp = 1 per exporter / per product and year).
    """
    e = exports.filter(exports.value_usd > 0)
    by_country = ibis.window(group_by=[e.year, e.exporter])
    by_product = ibis.window(group_by=[e.year, e["product"]])
    by_year = ibis.window(group_by=[e.year])
    with_rca = e.mutate(
        rca=(e.value_usd / e.value_usd.sum().over(by_country))
        / (e.value_usd.sum().over(by_product) / e.value_usd.sum().over(by_year))
    )
    with_mcp = with_rca.mutate(mcp=(with_rca.rca >= threshold).cast("int8"))
    return with_mcp.mutate(
        diversity=with_mcp.mcp.sum().over(ibis.window(group_by=[with_mcp.year, with_mcp.exporter])),
        ubiquity=with_mcp.mcp.sum().over(
            ibis.window(group_by=[with_mcp.year, with_mcp["product"]])
        ),
    )


@dataclass(frozen=True)
class ExportMatrix:
    """Dense exports of one year: ``values[c, p]`` in USD, rows ``countries``, columns
    ``products`` (both sorted; zero-total rows and columns removed)."""

    values: np.ndarray
    countries: np.ndarray
    products: np.ndarray

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        country: str = "exporter",
        product: str = "product",
        value: str = "value_usd",
    ) -> ExportMatrix:
        """Build from long rows (one year). Duplicates are summed, NaN counts as zero."""
        for col in (country, product, value):
            if col not in frame.columns:
                raise InputError(
                    f"Export rows lack the column {col!r}.",
                    hint=f"Give columns {country!r}, {product!r}, {value!r} for one year.",
                )
        values = pd.to_numeric(frame[value], errors="coerce").fillna(0.0).to_numpy(np.float64)
        c_codes, countries = pd.factorize(frame[country].astype(str), sort=True)
        p_codes, products = pd.factorize(frame[product].astype(str), sort=True)
        flat = c_codes.astype(np.int64) * len(products) + p_codes
        dense = np.bincount(flat, weights=values, minlength=len(countries) * len(products))
        dense = dense.reshape(len(countries), len(products))
        return cls.from_dense(dense, np.asarray(countries), np.asarray(products))

    @classmethod
    def from_dense(
        cls, values: np.ndarray, countries: np.ndarray, products: np.ndarray
    ) -> ExportMatrix:
        """Wrap a dense matrix, dropping countries and products whose totals are zero."""
        values = np.nan_to_num(np.asarray(values, dtype=np.float64))
        keep_c = values.sum(axis=1) > 0
        keep_p = values.sum(axis=0) > 0
        if not keep_c.any() or not keep_p.any():
            raise InputError(
                "No positive export values: nothing to compute.",
                hint="Load export data for this year (e.g. `kcbridge load baci FILE`).",
            )
        if not (keep_c.all() and keep_p.all()):
            values = values[keep_c][:, keep_p]
        return cls(values, np.asarray(countries)[keep_c], np.asarray(products)[keep_p])


def revealed_comparative_advantage(values: np.ndarray) -> np.ndarray:
    """Balassa RCA of a dense country x product export matrix (zero-total rows/columns
    give NaN). ``RCA_cp = (x_cp / x_c) / (x_p / x)``."""
    x = np.asarray(values, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        country_share = x / x.sum(axis=1, keepdims=True)
        world_share = x.sum(axis=0, keepdims=True) / x.sum()
        return country_share / world_share


def presence_matrix(rca: np.ndarray, threshold: float = 1.0) -> np.ndarray:
    """Binary Mcp (float64 of 0/1): 1 where ``RCA >= threshold`` (NaN counts as 0)."""
    if threshold <= 0:
        raise InputError(f"The RCA threshold must be positive, not {threshold}.", hint="Use 1.0.")
    return (np.nan_to_num(rca) >= threshold).astype(np.float64)


def diversity(mcp: np.ndarray) -> np.ndarray:
    """Number of products each country exports with comparative advantage (row sums)."""
    return np.asarray(mcp).sum(axis=1)


def ubiquity(mcp: np.ndarray) -> np.ndarray:
    """Number of countries exporting each product with comparative advantage (column sums)."""
    return np.asarray(mcp).sum(axis=0)


def export_matrices(exports: ir.Table | pd.DataFrame) -> dict[int, ExportMatrix]:
    """One dense :class:`ExportMatrix` per year from long rows ``year, exporter, product,
    value_usd`` (an Ibis expression is fetched once as Arrow; labels are dictionary-encoded
    without Python strings, so tens of millions of rows stay cheap)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(exports, pd.DataFrame):
        table = pa.Table.from_pandas(
            exports[["year", "exporter", "product", "value_usd"]], preserve_index=False
        )
    else:
        table = exports.select("year", "exporter", "product", "value_usd").to_pyarrow()
    if table.num_rows == 0:
        return {}

    def sorted_codes(column: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
        encoded = pc.dictionary_encode(pc.cast(column, pa.string())).combine_chunks()
        labels = np.asarray(encoded.dictionary.to_pylist(), dtype=object)
        order = np.argsort(labels.astype(str), kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        return rank[encoded.indices.to_numpy(zero_copy_only=False)], labels[order]

    c_codes, countries = sorted_codes(table["exporter"])
    p_codes, products = sorted_codes(table["product"])
    years = table["year"].to_numpy().astype(np.int64)
    values = np.nan_to_num(pc.cast(table["value_usd"], pa.float64()).to_numpy(zero_copy_only=False))
    order = np.argsort(years, kind="stable")
    years, c_codes, p_codes, values = years[order], c_codes[order], p_codes[order], values[order]
    bounds = np.flatnonzero(np.diff(years)) + 1
    out: dict[int, ExportMatrix] = {}
    for start, stop in zip(np.r_[0, bounds], np.r_[bounds, len(years)], strict=True):
        flat = c_codes[start:stop] * len(products) + p_codes[start:stop]
        dense = np.bincount(
            flat, weights=values[start:stop], minlength=len(countries) * len(products)
        ).reshape(len(countries), len(products))
        out[int(years[start])] = ExportMatrix.from_dense(dense, countries, products)
    return out
