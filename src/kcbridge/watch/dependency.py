"""Dependency screening on annual bilateral trade (relational part in Ibis).

Input: flows with the columns of ``trade_annual`` (``year, exporter, importer, product,
value_usd``; ISO3, ``WLD`` rows are ignored) and the ``countries`` table (``iso3,
eu_member``). Everything is computed per (year, importer, product):

- ``imports``: the importer's imports of the product (sum over exporters);
- ``top_supplier``, ``top_share``: the largest exporter to it and its share;
- ``import_hhi``: Herfindahl-Hirschman index of the import sources (sum of squared
  shares, 0..1);
- ``extra_bloc_share``: share of imports from outside the importer's bloc (the EU for
  EU members, the importer itself otherwise, i.e. 1.0);
- ``exports``, ``import_export_ratio``: the importer's own exports of the product and
  imports / exports (null when it exports nothing: an infinite ratio);
- ``world_export_hhi``: HHI of all exporters' shares of the product's world exports;
- ``alternatives``: exporters other than the importer and its top supplier with
  revealed comparative advantage (RCA, Balassa) >= 1 in the product.

Regimes (each reported separately, with the rule that fired):

- ``eu2021``: EU 2021 strategic dependencies: import HHI > 0.4, extra-bloc share > 0.5,
  imports / exports > 1 (no exports counts as > 1);
- ``geodep``: CEPII GeoDep (Lefebvre & Wibaux, CEPII Policy Brief 47, 2024): import HHI
  > 0.4, world-export HHI > 0.4 (the product's world supply is itself concentrated),
  imports / exports > 1 (no exports counts as > 1), all three in at least 2 of the 3
  years ending in the year. (No extra-bloc criterion: GeoDep works on any importer.)
- ``korea``: Korea's rule: one country supplies more than 50 %;
- ``merics``: MERICS: one source >= 30 %, a trade deficit in the product (imports >
  exports) and at most ``few_alternatives`` alternative suppliers.
"""

from __future__ import annotations

from collections.abc import Iterable

import ibis
import ibis.expr.types as ir
import pandas as pd

from kcbridge.trade.flows import as_flows

REGIMES = ("eu2021", "geodep", "korea", "merics")


def dependency_metrics(
    flows: ir.Table | pd.DataFrame,
    countries: ir.Table | pd.DataFrame,
    *,
    importers: Iterable[str] | None = None,
    years: Iterable[int] | None = None,
) -> ir.Table:
    """One row per (year, importer, product) with the metrics of the module docstring."""
    t = as_flows(flows)
    t = t.filter(t.importer != "WLD")
    c = ibis.memtable(countries) if isinstance(countries, pd.DataFrame) else countries
    eu = c.filter(c.eu_member.fill_null(False)).select(iso3=c.iso3)
    # world exports per exporter-product and RCA
    by_cp = t.group_by(["year", "exporter", "product"]).aggregate(x=t.value_usd.sum())
    c_tot = by_cp.group_by(["year", "exporter"]).aggregate(xc=by_cp.x.sum())
    p_tot = by_cp.group_by(["year", "product"]).aggregate(xp=by_cp.x.sum())
    w_tot = by_cp.group_by("year").aggregate(xw=by_cp.x.sum())
    rca = (
        by_cp.join(c_tot, ["year", "exporter"]).join(p_tot, ["year", "product"]).join(w_tot, "year")
    )
    rca = rca.mutate(rca=(rca.x / rca.xc) / (rca.xp / rca.xw), wshare=rca.x / rca.xp)
    world_hhi = rca.group_by(["year", "product"]).aggregate(
        world_export_hhi=(rca.wshare * rca.wshare).sum()
    )
    # imports by source
    imp = t
    if importers is not None:
        imp = imp.filter(imp.importer.isin([i.upper() for i in importers]))
    if years is not None:
        imp = imp.filter(imp.year.isin([int(y) for y in years]))
    src = imp.group_by(["year", "importer", "product", "exporter"]).aggregate(v=imp.value_usd.sum())
    tot = src.group_by(["year", "importer", "product"]).aggregate(imports=src.v.sum())
    src = src.join(tot, ["year", "importer", "product"])
    src = src.mutate(share=src.v / src.imports)
    importer_eu = src.importer.isin(eu.iso3)
    exporter_eu = src.exporter.isin(eu.iso3)
    same_bloc = ibis.ifelse(importer_eu, exporter_eu, src.exporter == src.importer)
    src = src.mutate(extra=ibis.ifelse(same_bloc, 0.0, src.share))
    w = ibis.window(group_by=["year", "importer", "product"], order_by=[ibis.desc("v"),
                                                                       "exporter"])
    ranked = src.mutate(rank=ibis.row_number().over(w))
    top = ranked.filter(ranked["rank"] == 0).select(
        "year", "importer", "product", top_supplier=ranked.exporter, top_share=ranked.share
    )
    agg = src.group_by(["year", "importer", "product"]).aggregate(
        imports=src.imports.max(), import_hhi=(src.share * src.share).sum(),
        extra_bloc_share=src.extra.sum(), suppliers=src.exporter.nunique(),
    )
    own = by_cp.select("year", importer=by_cp.exporter, product=by_cp["product"], exports=by_cp.x)
    out = agg.join(top, ["year", "importer", "product"])
    out = out.left_join(own, ["year", "importer", "product"]).drop(
        "year_right", "importer_right", "product_right"
    )
    out = out.left_join(world_hhi, ["year", "product"]).drop("year_right", "product_right")
    strong = rca.filter(rca.rca >= 1.0).select("year", "product", alt=rca.exporter)
    alts = out.select("year", "importer", "product", "top_supplier").join(
        strong, ["year", "product"]
    )
    alts = alts.filter((alts.alt != alts.importer) & (alts.alt != alts.top_supplier))
    n_alt = alts.group_by(["year", "importer", "product"]).aggregate(
        alternatives=alts.alt.nunique()
    )
    out = out.left_join(n_alt, ["year", "importer", "product"]).drop(
        "year_right", "importer_right", "product_right"
    )
    exports = out.exports.fill_null(0.0)
    return out.mutate(
        exports=exports,
        import_export_ratio=ibis.ifelse(exports > 0, out.imports / exports, ibis.null("float64")),
        alternatives=out.alternatives.fill_null(0).cast("int64"),
    ).order_by(["year", "importer", ibis.desc("imports")])


def dependency_flags(metrics: ir.Table, *, few_alternatives: int = 3) -> ir.Table:
    """``metrics`` plus a boolean column per regime (:data:`REGIMES`)."""
    m = metrics
    ratio_over_one = m.import_export_ratio.isnull() | (m.import_export_ratio > 1.0)
    eu = (m.import_hhi > 0.4) & (m.extra_bloc_share > 0.5) & ratio_over_one & (m.imports > 0)
    geo = (m.import_hhi > 0.4) & (m.world_export_hhi.fill_null(0.0) > 0.4) & ratio_over_one \
        & (m.imports > 0)
    m = m.mutate(eu2021=eu, geodep_year=geo)
    past = m.select(p_importer=m.importer, p_product=m["product"], y=m.year,
                    hit=m.geodep_year.cast("int32"))
    keys = m.select("year", "importer", "product")
    joined = keys.join(
        past, (keys.importer == past.p_importer) & (keys["product"] == past.p_product)
        & (past.y <= keys.year) & (past.y >= keys.year - 2)
    )
    persistent = joined.group_by(["year", "importer", "product"]).aggregate(
        geodep_years=joined.hit.sum()
    )
    m = m.left_join(persistent, ["year", "importer", "product"]).drop(
        "year_right", "importer_right", "product_right"
    )
    deficit = m.imports > m.exports
    m = m.drop("geodep_year")  # the per-year test; geodep_years counts it over 3 years
    return m.mutate(
        geodep=m.geodep_years.fill_null(0) >= 2,
        korea=m.top_share > 0.5,
        merics=(m.top_share >= 0.3) & deficit & (m.alternatives <= few_alternatives),
    )


def rules_fired(row: pd.Series) -> str:
    """Human-readable rules that fired for one flagged row (a pandas row of
    :func:`dependency_flags`)."""
    parts = []
    ratio = row.get("import_export_ratio")
    ratio_text = "no exports" if pd.isna(ratio) else f"imports/exports {ratio:.2f} > 1"
    if row.get("eu2021"):
        parts.append(f"EU2021: HHI {row['import_hhi']:.2f} > 0.4, extra-bloc share "
                     f"{row['extra_bloc_share']:.2f} > 0.5, {ratio_text}")
    if row.get("geodep"):
        parts.append(f"GeoDep: import HHI {row['import_hhi']:.2f} > 0.4, world-export HHI "
                     f"{row['world_export_hhi']:.2f} > 0.4, {ratio_text}; met in "
                     f"{int(row['geodep_years'])} of 3 years")
    if row.get("korea"):
        parts.append(f"Korea: {row['top_supplier']} supplies {row['top_share']:.0%} > 50%")
    if row.get("merics"):
        parts.append(f"MERICS: {row['top_supplier']} {row['top_share']:.0%} >= 30%, deficit, "
                     f"{int(row['alternatives'])} alternative suppliers")
    return "; ".join(parts)


def rollup(flags: pd.DataFrame, groups: pd.DataFrame, group_column: str) -> pd.DataFrame:
    """Roll flagged products up to groups (e.g. sectors from
    :func:`kcbridge.reference.sectors.sector_products`, columns ``sector, product``).
    One row per (year, importer, group): products screened, products flagged per regime,
    imports of the group and imports in products flagged by any regime. A column of
    ``flags`` with the group's name (the screen's own ``critical_item`` flag) gives way to
    the group."""
    df = flags.drop(columns=[group_column], errors="ignore").merge(
        groups[[group_column, "product"]], on="product")
    if df.empty:
        return pd.DataFrame(columns=["year", "importer", group_column, "products", *REGIMES,
                                     "imports", "imports_flagged"])
    df["any_flag"] = df[list(REGIMES)].any(axis=1)
    df["imports_flagged"] = df["imports"].where(df["any_flag"], 0.0)
    out = df.groupby(["year", "importer", group_column], as_index=False).agg(
        products=("product", "nunique"), **{r: (r, "sum") for r in REGIMES},
        imports=("imports", "sum"), imports_flagged=("imports_flagged", "sum"),
    )
    return out.sort_values(["year", "importer", "imports_flagged"], ascending=[True, True, False])
