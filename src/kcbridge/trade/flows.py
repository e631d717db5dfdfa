"""Relational inputs of the trade indices, written once in Ibis (DuckDB by default, Spark-able).

Every function takes trade flows with the store's column names
(``trade_annual``: ``year, exporter, importer, product, value_usd``) as an Ibis table or a
pandas DataFrame, and returns an Ibis expression; nothing is executed here except the small
availability checks that raise a :class:`~kcbridge.errors.NotFoundError` naming what to load.

Conventions
-----------
- ``importer == 'WLD'`` rows are a reporter's exports to the world (exports-only data).
- A country's exports to the world in a year are its ``WLD`` rows when it has any that
  year, otherwise the sum of its bilateral rows (so mixed data never double counts).
- Imports exist only in bilateral data: a country's imports of a product are the sum of
  its partners' exports to it (mirror flows). Exports-only data cannot give them.
- Missing values count as zero; rows with ``exporter == 'WLD'`` (world totals) are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from kcbridge.errors import InputError, NotFoundError

if TYPE_CHECKING:  # Ibis is imported where a DataFrame becomes a table: importing this
    import ibis.expr.types as ir  # module (for WORLD) does not load it

WORLD = "WLD"
FLOW_COLUMNS = ("year", "exporter", "importer", "product", "value_usd")
LOAD_BILATERAL_HINT = (
    "Load bilateral flows (exporter x importer x product), e.g. `kcbridge load baci FILE` "
    "or `kcbridge load comtrade FILE`; exports-to-world files only give exports."
)


def as_flows(trade: ir.Table | pd.DataFrame) -> ir.Table:
    """The flows as an Ibis table with the five store columns (InputError if any is missing).

    A DataFrame's country codes are upper-cased here; an Ibis table is taken as stored
    (the store keeps ISO3 in upper case), so no per-row string work reaches the engine."""
    missing = [c for c in FLOW_COLUMNS if c not in trade.columns]
    if missing:
        raise InputError(
            f"Trade flows lack the column(s) {', '.join(missing)}.",
            hint=f"Give a table with the columns {', '.join(FLOW_COLUMNS)} (as in trade_annual).",
        )
    if isinstance(trade, pd.DataFrame):
        frame = trade[list(FLOW_COLUMNS)].copy()
        frame["exporter"] = frame["exporter"].astype(str).str.upper()
        frame["importer"] = frame["importer"].astype(str).str.upper()
        frame["product"] = frame["product"].astype(str)
        frame["year"] = frame["year"].astype("int32")
        frame["value_usd"] = pd.to_numeric(frame["value_usd"], errors="coerce").astype("float64")
        import ibis

        table = ibis.memtable(frame)
    else:
        table = trade
    return table.select(
        year=table.year.cast("int32"),
        exporter=table.exporter,
        importer=table.importer,
        product=table["product"].cast("string"),
        value_usd=table.value_usd.cast("float64").fill_null(0.0),
    ).filter(lambda t: t.exporter != WORLD)


def _years(table: ir.Table, years: int | Iterable[int] | None) -> ir.Table:
    if years is None:
        return table
    wanted = [int(years)] if isinstance(years, int) else [int(y) for y in years]
    return table.filter(table.year.isin(wanted))


def world_exports(
    trade: ir.Table | pd.DataFrame,
    years: int | Iterable[int] | None = None,
    *,
    aggregate: bool = True,
) -> ir.Table:
    """Exports to the world: ``year, exporter, product, value_usd``.

    Uses ``WLD`` rows where a reporter has them in that year, else sums its bilateral rows.
    With ``aggregate=False`` the rows are not summed per key (a consumer that sums
    duplicates itself, like ``rca.export_matrices``, saves the engine a group-by); when the
    data is all exports-to-world or all bilateral the reporter anti-join is skipped too.
    """
    flows = _years(as_flows(trade), years)
    keys = ["year", "exporter", "product"]
    world_rows = flows.filter(flows.importer == WORLD)
    bilateral_rows = flows.filter(flows.importer != WORLD)
    kinds = flows.aggregate(
        has_world=(flows.importer == WORLD).any(), has_bilateral=(flows.importer != WORLD).any()
    ).to_pandas()
    has_world = bool(kinds["has_world"].fillna(False).iloc[0])
    has_bilateral = bool(kinds["has_bilateral"].fillna(False).iloc[0])

    def summed(rows: ir.Table) -> ir.Table:
        if not aggregate:
            return rows.select(*keys, "value_usd")
        return rows.group_by(keys).aggregate(value_usd=lambda t: t.value_usd.sum())

    if not has_bilateral:
        return summed(world_rows)
    if not has_world:
        return summed(bilateral_rows)
    reporters = world_rows.select("year", "exporter").distinct()
    return summed(world_rows).union(
        summed(bilateral_rows.anti_join(reporters, ["year", "exporter"]))
    )


def exports_to(
    trade: ir.Table | pd.DataFrame,
    exporter: str,
    importers: str | Sequence[str] | None = None,
    years: int | Iterable[int] | None = None,
) -> ir.Table:
    """``exporter``'s bilateral exports by market: ``year, importer, product, value_usd``.

    ``importers`` None means every partner (never ``WLD``)."""
    flows = _years(as_flows(trade), years)
    flows = flows.filter((flows.exporter == exporter) & (flows.importer != WORLD))
    if importers is not None:
        wanted = [importers] if isinstance(importers, str) else list(importers)
        flows = flows.filter(flows.importer.isin(wanted))
    return flows.group_by(["year", "importer", "product"]).aggregate(
        value_usd=lambda t: t.value_usd.sum()
    )


def imports_of(
    trade: ir.Table | pd.DataFrame, importer: str, years: int | Iterable[int] | None = None
) -> ir.Table:
    """``importer``'s imports by product from all partners (mirror of their exports):
    ``year, product, value_usd``."""
    flows = _years(as_flows(trade), years)
    flows = flows.filter(flows.importer == importer)
    return flows.group_by(["year", "product"]).aggregate(value_usd=lambda t: t.value_usd.sum())


def require_rows(expr: ir.Table, what: str, hint: str) -> None:
    """NotFoundError(``what`` + ``hint``) when ``expr`` has no rows."""
    if int(expr.count().execute()) == 0:
        raise NotFoundError(what, hint=hint)


def years_available(expr: ir.Table) -> list[int]:
    """Sorted distinct years of an expression with a ``year`` column."""
    return sorted(int(y) for y in expr.select("year").distinct().to_pandas()["year"])


def product_codes(expr: ir.Table) -> list[str]:
    """Distinct product codes of an expression with a ``product`` column."""
    return sorted(str(p) for p in expr.select("product").distinct().to_pandas()["product"])
