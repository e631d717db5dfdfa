"""Bilateral indices in Ibis: trade complementarity, export similarity, intra-industry trade.

Every function returns an Ibis expression with one row per ``year`` and group (``group`` is
``'all'`` without a grouping; with one, a sector id, an end-use stage ...), so the same code
runs on DuckDB or Spark and gives time trends for free. Groupings are tables
``(group, product)`` in the data's own product codes (see ``groups.py``); a product may
belong to several groups. Within a group, shares are taken over the group's products only.

Conventions
-----------
- Trade Complementarity Index (Michaely 1996), ``a``'s exports against ``b``'s imports:
  ``TCI_ab = 100 * (1 - sum_k |m_bk - x_ak| / 2) = 100 * sum_k min(x_ak, m_bk)``, with
  ``x_ak`` the share of product k in a's exports to the world and ``m_bk`` its share in b's
  imports. 0 = no overlap, 100 = a exports exactly what b imports. ``b``'s imports come
  from its partners' exports to it (bilateral data only).
- Export Similarity Index (Finger & Kreinin 1979), true min-of-shares:
  ``ESI_ab = 100 * sum_k min(x_ak, x_bk)`` over exports to the world, or to one third
  market. (Not the OEC's correlation of log RCA.)
- Grubel-Lloyd: per product ``GL_k = 1 - |X_k - M_k| / (X_k + M_k)`` with ``X_k`` a's
  exports to b and ``M_k`` a's imports from b; per group, trade-weighted
  ``GL = 1 - sum |X_k - M_k| / sum (X_k + M_k)``. Aquino adjustment (option): ``X_k`` and
  ``M_k`` are first scaled by ``(X + M) / 2X`` and ``(X + M) / 2M``, X and M being a's total
  exports to and imports from b over all products in the data (the overall imbalance).
"""

from __future__ import annotations

from collections.abc import Iterable

import ibis
import ibis.expr.types as ir
import pandas as pd

from kcbridge.errors import NotFoundError
from kcbridge.trade.flows import (
    LOAD_BILATERAL_HINT,
    as_flows,
    exports_to,
    imports_of,
    world_exports,
)

Years = int | Iterable[int] | None
ALL = "all"
KEYS = ["year", "group", "product"]


def _grouped(values: ir.Table, groups: ir.Table | pd.DataFrame | None) -> ir.Table:
    """Attach ``group`` to ``(year, product, value_usd)`` rows (inner join, or 'all')."""
    if groups is None:
        return values.mutate(group=ibis.literal(ALL))
    g = ibis.memtable(groups) if isinstance(groups, pd.DataFrame) else groups
    g = g.select(group=g.group.cast("string"), product=g["product"].cast("string")).distinct()
    return values.inner_join(g, "product").select("year", "group", "product", "value_usd")


def share_overlap(
    left: ir.Table, right: ir.Table, groups: ir.Table | pd.DataFrame | None = None
) -> ir.Table:
    """Per ``year, group, product``: ``left_usd, right_usd, left_share, right_share`` (shares
    within year and group, 0 when absent) and ``overlap = min(left_share, right_share)``.
    ``left`` and ``right`` have ``year, product, value_usd``."""
    lhs = _grouped(left, groups).group_by(KEYS).aggregate(left_usd=lambda t: t.value_usd.sum())
    rhs = _grouped(right, groups).group_by(KEYS).aggregate(right_usd=lambda t: t.value_usd.sum())
    return _overlap(lhs, rhs)


def _overlap(lhs: ir.Table, rhs: ir.Table) -> ir.Table:
    """Outer join of ``left_usd`` and ``right_usd`` rows on KEYS, shares and their minimum."""
    joined = lhs.outer_join(rhs, KEYS)
    both = joined.select(
        year=ibis.coalesce(joined.year, joined.year_right),
        group=ibis.coalesce(joined.group, joined.group_right),
        product=ibis.coalesce(joined["product"], joined.product_right),
        left_usd=joined.left_usd.fill_null(0.0),
        right_usd=joined.right_usd.fill_null(0.0),
    )
    win = ibis.window(group_by=[both.year, both.group])
    left_total = both.left_usd.sum().over(win)
    right_total = both.right_usd.sum().over(win)
    shares = both.mutate(
        left_share=ibis.ifelse(left_total > 0, both.left_usd / left_total, ibis.null("float64")),
        right_share=ibis.ifelse(
            right_total > 0, both.right_usd / right_total, ibis.null("float64")
        ),
    )
    return shares.mutate(overlap=ibis.least(shares.left_share, shares.right_share))


def overlap_index(contributions: ir.Table, name: str) -> ir.Table:
    """``100 * sum(overlap)`` per ``year, group`` (null when one side has no trade there)."""
    return contributions.group_by(["year", "group"]).aggregate(
        **{
            name: (contributions.overlap.sum() * 100.0).cast("float64"),
            f"{name}_left_usd": contributions.left_usd.sum(),
            f"{name}_right_usd": contributions.right_usd.sum(),
        }
    )


def complementarity_contributions(
    trade: ir.Table | pd.DataFrame,
    exporter: str,
    importer: str,
    *,
    years: Years = None,
    groups: ir.Table | pd.DataFrame | None = None,
) -> ir.Table:
    """Per-product terms of ``TCI(exporter -> importer)``: ``left`` = exporter's exports to
    the world, ``right`` = importer's imports. NotFoundError when the importer has no imports
    in the data (exports-only data), saying what to load."""
    flows = as_flows(trade)
    imports = imports_of(flows, importer, years)
    if int(imports.count().execute()) == 0:
        raise NotFoundError(
            f"The trade complementarity index needs {importer}'s imports by product, and the "
            "loaded data has none (no rows with that importer).",
            hint=LOAD_BILATERAL_HINT,
        )
    exports = world_exports(flows, years).filter(lambda t: t.exporter == exporter)
    exports = exports.select("year", "product", "value_usd")
    return share_overlap(exports, imports, groups)


def trade_complementarity_index(
    trade: ir.Table | pd.DataFrame,
    exporter: str,
    importer: str,
    *,
    years: Years = None,
    groups: ir.Table | pd.DataFrame | None = None,
) -> ir.Table:
    """Michaely TCI of ``exporter``'s exports against ``importer``'s imports, per year and
    group: ``year, group, tci, tci_left_usd (exports), tci_right_usd (imports)``."""
    return overlap_index(
        complementarity_contributions(trade, exporter, importer, years=years, groups=groups), "tci"
    )


def similarity_contributions(
    trade: ir.Table | pd.DataFrame,
    a: str,
    b: str,
    *,
    market: str | None = None,
    years: Years = None,
    groups: ir.Table | pd.DataFrame | None = None,
) -> ir.Table:
    """Per-product terms of ``ESI(a, b)``: exports to the world, or to ``market`` (a third
    market; needs bilateral data)."""
    flows = as_flows(trade)
    if market is None:
        world = world_exports(flows, years)
        left = world.filter(world.exporter == a).select("year", "product", "value_usd")
        right = world.filter(world.exporter == b).select("year", "product", "value_usd")
    else:
        left = exports_to(flows, a, market, years).select("year", "product", "value_usd")
        right = exports_to(flows, b, market, years).select("year", "product", "value_usd")
        if int(left.union(right).count().execute()) == 0:
            raise NotFoundError(
                f"No exports of {a} or {b} to {market} in the loaded data.",
                hint=LOAD_BILATERAL_HINT,
            )
    return share_overlap(left, right, groups)


def export_similarity_index(
    trade: ir.Table | pd.DataFrame,
    a: str,
    b: str,
    *,
    market: str | None = None,
    years: Years = None,
    groups: ir.Table | pd.DataFrame | None = None,
) -> ir.Table:
    """Finger-Kreinin ESI of ``a`` and ``b`` per year and group: ``year, group, esi,
    esi_left_usd, esi_right_usd`` (world exports, or exports to ``market``)."""
    return overlap_index(
        similarity_contributions(trade, a, b, market=market, years=years, groups=groups), "esi"
    )


def third_market_similarity(
    trade: ir.Table | pd.DataFrame,
    a: str,
    b: str,
    *,
    markets: Iterable[str] | None = None,
    years: Years = None,
) -> ir.Table:
    """ESI of ``a`` and ``b`` in every third market (each market is a group): ``year,
    market, esi, a_usd, b_usd``. ``markets`` None means every importer both export to."""
    flows = as_flows(trade)
    wanted = None if markets is None else list(markets)
    left = exports_to(flows, a, wanted, years)
    right = exports_to(flows, b, wanted, years)
    left = left.filter(left.importer != b).rename(group="importer")
    right = right.filter(right.importer != a).rename(group="importer")
    lhs = left.group_by(KEYS).aggregate(left_usd=lambda t: t.value_usd.sum())
    rhs = right.group_by(KEYS).aggregate(right_usd=lambda t: t.value_usd.sum())
    out = overlap_index(_overlap(lhs, rhs), "esi")
    return out.rename(market="group", a_usd="esi_left_usd", b_usd="esi_right_usd")


def bilateral_products(
    trade: ir.Table | pd.DataFrame, a: str, b: str, *, years: Years = None, aquino: bool = False
) -> ir.Table:
    """Per ``year, product``: ``exports_usd`` (a -> b), ``imports_usd`` (b -> a) and
    ``gl`` (Grubel-Lloyd, Aquino-adjusted when asked). NotFoundError without bilateral rows."""
    flows = as_flows(trade)
    if years is not None:
        wanted = [int(years)] if isinstance(years, int) else [int(y) for y in years]
        flows = flows.filter(flows.year.isin(wanted))
    pair = flows.filter(
        ((flows.exporter == a) & (flows.importer == b))
        | ((flows.exporter == b) & (flows.importer == a))
    )
    if int(pair.count().execute()) == 0:
        raise NotFoundError(
            f"Intra-industry trade needs the bilateral flows between {a} and {b}, and the "
            "loaded data has none.",
            hint=LOAD_BILATERAL_HINT,
        )
    per_product = pair.group_by(["year", "product"]).aggregate(
        exports_usd=pair.value_usd.sum(where=pair.exporter == a),
        imports_usd=pair.value_usd.sum(where=pair.exporter == b),
    )
    per_product = per_product.mutate(
        exports_usd=per_product.exports_usd.fill_null(0.0),
        imports_usd=per_product.imports_usd.fill_null(0.0),
    )
    x_adj, m_adj = per_product.exports_usd, per_product.imports_usd
    if aquino:
        win = ibis.window(group_by=[per_product.year])
        total_x = per_product.exports_usd.sum().over(win)
        total_m = per_product.imports_usd.sum().over(win)
        half = (total_x + total_m) / 2.0
        x_adj = ibis.ifelse(total_x > 0, per_product.exports_usd * half / total_x, 0.0)
        m_adj = ibis.ifelse(total_m > 0, per_product.imports_usd * half / total_m, 0.0)
    out = per_product.mutate(x_adj=x_adj, m_adj=m_adj)
    return out.mutate(
        gl=ibis.ifelse(
            out.x_adj + out.m_adj > 0,
            1.0 - (out.x_adj - out.m_adj).abs() / (out.x_adj + out.m_adj),
            ibis.null("float64"),
        )
    )


def grubel_lloyd(
    trade: ir.Table | pd.DataFrame,
    a: str,
    b: str,
    *,
    years: Years = None,
    groups: ir.Table | pd.DataFrame | None = None,
    aquino: bool = False,
) -> ir.Table:
    """Trade-weighted Grubel-Lloyd per ``year, group``: ``gl, exports_usd, imports_usd``
    (``1 - sum|X-M| / sum(X+M)`` over the group's products; Aquino-adjusted on request)."""
    per_product = bilateral_products(trade, a, b, years=years, aquino=aquino)
    grouped = _attach_group(per_product, groups)
    agg = grouped.group_by(["year", "group"]).aggregate(
        gap=(grouped.x_adj - grouped.m_adj).abs().sum(),
        volume=(grouped.x_adj + grouped.m_adj).sum(),
        exports_usd=grouped.exports_usd.sum(),
        imports_usd=grouped.imports_usd.sum(),
    )
    return agg.select(
        "year",
        "group",
        gl=ibis.ifelse(agg.volume > 0, 1.0 - agg.gap / agg.volume, ibis.null("float64")),
        exports_usd=agg.exports_usd,
        imports_usd=agg.imports_usd,
    )


def _attach_group(per_product: ir.Table, groups: ir.Table | pd.DataFrame | None) -> ir.Table:
    if groups is None:
        return per_product.mutate(group=ibis.literal(ALL))
    g = ibis.memtable(groups) if isinstance(groups, pd.DataFrame) else groups
    g = g.select(group=g.group.cast("string"), product=g["product"].cast("string")).distinct()
    return per_product.inner_join(g, "product")
