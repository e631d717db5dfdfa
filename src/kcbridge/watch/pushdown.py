"""What the watch's pages read of the flows, computed inside the engine.

An alert page charts one series (reporter, partner, product, flow) with its expected
band and shows the shares of that product's suppliers: :func:`alert_panel` reads just
the series of that product's group (the product, or every product of its control
family: a chart fills a missing month when the family fell broadly) for the reporter
and direction, plus two small aggregates of the reporter's other flows that the
detectors' reading of the series depends on (the reporter's month axis, and the months
in which it published flows of that direction: a month without a row is a stopped flow
only then), instead of the reporter's whole monthly panel.

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
import numpy as np
import pandas as pd

from kcbridge.watch.families import product_family
from kcbridge.watch.panel import LONG_COLUMNS, SeriesPanel, panel_from_long

#: Partner and product of the one extra series of :func:`alert_panel` that marks the
#: months in which the reporter published flows of the alert's direction (no ISO3 or HS
#: code looks like it, so no lookup of a real series or product finds it).
PUBLISHED = "*published"
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


def alert_panel(monthly: Any, reporter: str, product: str, flow: str) -> SeriesPanel:
    """The panel an alert page needs, filtered in the engine: every series of
    (``reporter``, ``product``, ``flow``) (one per partner: the charted one and the
    supplier shares) and, when the product belongs to a control family
    (:func:`~kcbridge.watch.families.product_family`), of the family's other products of
    that reporter and direction (the detectors' group, whose breadth decides whether a
    missing month is a broad stop), on the month axis of the reporter's whole panel,
    plus one series
    (partner and product :data:`PUBLISHED`, value 1) observed in the months in which the
    reporter published any flow of direction ``flow``.

    On that panel :func:`~kcbridge.watch.detectors.expected_band`,
    :func:`~kcbridge.watch.detectors.alert_measures` and
    :func:`~kcbridge.watch.substitution.supplier_shares` give what they give on the
    reporter's whole panel (``WatchService.panel(reporters=[reporter])``): they read one
    series, or the product's series, and the reporter's publishing months (through
    :meth:`~kcbridge.watch.panel.SeriesPanel.with_stopped_flows`). ``monthly`` is the
    Ibis ``trade_monthly`` table (DuckDB or Spark: three or four small queries leave the
    engine).
    Raises the panel's InputError when the reporter has no monthly rows, as the whole
    panel does."""
    who = reporter.upper()  # as WatchService.panel filters
    mine = monthly.filter(monthly.reporter == who)
    bounds = mine.aggregate(first=mine.month.min(), last=mine.month.max()).to_pandas()
    cols = [*LONG_COLUMNS, "quantity"]
    if bounds.empty or pd.isna(bounds["first"].iloc[0]):
        return panel_from_long(pd.DataFrame(columns=cols))  # the panel's own error
    months = pd.date_range(_month(bounds["first"].iloc[0]), _month(bounds["last"].iloc[0]),
                           freq="MS")
    products = [product]
    family = product_family(product)
    if family != product:  # a control family: the chart reads its whole group
        direction = mine.filter(mine.flow == flow)
        found = direction.select("product").distinct().to_pandas()["product"].astype(str)
        products = sorted({product, *(p for p in found if product_family(p) == family)})
    series = mine.filter(mine["product"].isin(products) & (mine.flow == flow)).select(
        *cols).to_pandas()
    value = mine.value_usd
    seen = mine.filter((mine.flow == flow) & value.notnull() & ~value.isnan())
    published = seen.select("month").distinct().to_pandas()
    marks = pd.DataFrame({"reporter": who, "partner": PUBLISHED, "product": PUBLISHED,
                          "flow": flow, "month": published["month"], "value_usd": 1.0,
                          "quantity": np.nan})
    frame = pd.concat([f for f in (series, marks) if len(f)], ignore_index=True) \
        if len(series) or len(marks) else pd.DataFrame(columns=cols)
    if frame.empty:
        empty = np.full((0, len(months)), np.nan)
        return SeriesPanel(pd.DataFrame(columns=["reporter", "partner", "product", "flow"]),
                           months, empty, empty.copy())
    return _on_months(panel_from_long(frame), months)


def _month(value: Any) -> pd.Timestamp:
    return pd.Timestamp(value).to_period("M").to_timestamp()


def _on_months(panel: SeriesPanel, months: pd.DatetimeIndex) -> SeriesPanel:
    """``panel`` on the month axis ``months`` (which covers its own): NaN elsewhere."""
    if panel.months.equals(months):
        return panel
    at = months.get_indexer(panel.months)
    value = np.full((panel.n_series, len(months)), np.nan)
    quantity = np.full((panel.n_series, len(months)), np.nan)
    value[:, at] = panel.value
    quantity[:, at] = panel.quantity
    return SeriesPanel(panel.keys, months, value, quantity)


__all__ = ["PUBLISHED", "REST", "alert_panel", "product_year_flows"]
