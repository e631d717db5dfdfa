"""What the watch's pages read of the annual flows, computed inside the engine.

A contingency plan ranks the alternative suppliers of one product
(:func:`~kcbridge.watch.contingency.alternative_suppliers`). It reads the product's
flows of one year, each exporter's total exports that year and the world's (for the
revealed comparative advantage), not the year itself: at a BACI year (about 11 M rows,
4 GB in pandas) pulling the whole year to the driver was the cost of an alert page.
:func:`product_year_flows` asks the engine (DuckDB, or Spark on a Spark store) for just
that: the product's rows plus one row per exporter holding its other trade of the year.
"""

from __future__ import annotations

from typing import Any

import ibis
import pandas as pd

#: The product and importer of the rows that carry an exporter's other trade (no HS
#: code or ISO3 code looks like them).
REST = "*rest"


def product_year_flows(trade: Any, year: int, product: str) -> pd.DataFrame:
    """The rows of ``trade`` (an Ibis ``trade_annual`` table) that
    :func:`~kcbridge.watch.contingency.alternative_suppliers` needs for ``product`` in
    ``year``, with the same totals per exporter and for the world: the product's flows,
    and per exporter one row (product and importer :data:`REST`) with the sum of its
    other flows that year (world aggregates ``WLD`` left out, as that function does)."""
    t = trade.filter((trade.year == year) & (trade.exporter != "WLD")
                     & (trade.importer != "WLD"))
    cols = ["year", "exporter", "importer", "product", "value_usd", "quantity"]
    rows = t.filter(t["product"] == product).select(*cols).to_pandas()
    other = t.filter(t["product"] != product)
    rest = other.group_by("exporter").aggregate(value_usd=other.value_usd.sum()).mutate(
        year=ibis.literal(year, type="int16"), importer=ibis.literal(REST),
        product=ibis.literal(REST), quantity=ibis.null().cast("float64"),
    ).select(*cols).to_pandas()
    if rows.empty:
        return rows
    return pd.concat([rows, rest], ignore_index=True)


__all__ = ["REST", "product_year_flows"]
