"""Contingency: alternative supplier countries for an importer and product.

For an importer (ISO3) hit by a disruption from ``affected_supplier`` in ``product`` and
``year``, every other exporter of the product is described by

- ``world_share``: its share of the product's world exports;
- ``rca``: its revealed comparative advantage (Balassa) in the product;
- ``distance_km``: population-weighted distance to the importer (CEPII GeoDist via
  ``atlas_common_data.load_geo_distances``; missing pairs stay empty);
- ``unit_value_ratio``: its export unit value / the affected supplier's (closeness in
  quality and price; ``None`` without quantities);
- ``spare_capacity_usd``: its exports of the product *not* already going to the
  importer (what could be redirected).

Exporters with less than ``min_world_share`` of world exports (default 1 %) are left
out: a country shipping a few thousand dollars a year is no contingency for a flow of
millions a month.

Suppliers that already began to replace the affected one in the monthly data
(``already_replacing``, with their ``monthly_gain_usd``) rank above the theoretical
alternatives, and are kept even under ``min_world_share``.

``score`` averages the percentile ranks of: world share (high), RCA (high), distance
(short), unit-value closeness ``|log ratio|`` (small) and spare capacity (high), over
the criteria that are known; the table is sorted by it, best first.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from kcbridge.errors import NotFoundError

ALTERNATIVE_COLUMNS = [
    "rank", "exporter", "already_replacing", "monthly_gain_usd", "world_share", "rca",
    "distance_km", "unit_value_ratio", "spare_capacity_usd", "exports_usd", "score",
]


@lru_cache(maxsize=1)
def geo_distances() -> pd.DataFrame:
    """Bilateral distances (columns exporter, importer, distw in km), from the
    atlas-common-data package (no download)."""
    import atlas_common_data

    d = atlas_common_data.load_geo_distances()
    return d[["exporter", "importer", "distw"]].rename(columns={"distw": "distance_km"})


def alternative_suppliers(
    flows: pd.DataFrame,
    importer: str,
    product: str,
    year: int,
    *,
    affected_supplier: str | None = None,
    distances: pd.DataFrame | None = None,
    limit: int = 10,
    min_world_share: float = 0.01,
    replacing: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Rank alternative suppliers (columns :data:`ALTERNATIVE_COLUMNS`). ``flows`` has the
    ``trade_annual`` columns (``quantity`` optional) for at least ``year``.

    ``replacing`` maps suppliers that already began to replace the affected one (their
    monthly imports rose while its fell, see
    :func:`~kcbridge.watch.substitution.replacing_suppliers`) to their monthly gain in
    USD: they rank first (largest gain first, whatever their world share), then the
    theoretical alternatives by score."""
    replacing = replacing or {}
    f = flows[(flows["year"] == year) & (flows["exporter"] != "WLD") & (flows["importer"] != "WLD")]
    if f.empty:
        raise NotFoundError(f"No annual trade for {year}.",
                            hint="Load annual data for that year (`kcbridge load baci FILE`).")
    by_cp = f.groupby(["exporter", "product"], as_index=False)["value_usd"].sum()
    xc = by_cp.groupby("exporter")["value_usd"].sum()
    xw = by_cp["value_usd"].sum()
    prod = f[f["product"] == product]
    if prod.empty:
        raise NotFoundError(f"Nobody exports {product} in {year} in the loaded data.",
                            hint="Check the product code (HS6) and year.")
    xp = prod["value_usd"].sum()
    ex = prod.groupby("exporter", as_index=False).agg(exports_usd=("value_usd", "sum"))
    to_importer = prod[prod["importer"] == importer].groupby("exporter")["value_usd"].sum()
    ex["world_share"] = ex["exports_usd"] / xp
    ex["rca"] = (ex["exports_usd"] / ex["exporter"].map(xc)) / (xp / xw)
    ex["spare_capacity_usd"] = ex["exports_usd"] - ex["exporter"].map(to_importer).fillna(0.0)
    if "quantity" in prod.columns and prod["quantity"].notna().any():
        q = prod.groupby("exporter")["quantity"].sum(min_count=1)
        uv = ex.set_index("exporter")["exports_usd"] / q.where(q > 0)
        ref = uv.get(affected_supplier) if affected_supplier else np.nan
        ex["unit_value_ratio"] = (uv / ref).reindex(ex["exporter"]).to_numpy() if (
            ref is not None and np.isfinite(ref)) else np.nan
    else:
        ex["unit_value_ratio"] = np.nan
    dist = geo_distances() if distances is None else distances
    d = dist[dist["importer"] == importer].set_index("exporter")["distance_km"]
    ex["distance_km"] = ex["exporter"].map(d)
    ex["monthly_gain_usd"] = ex["exporter"].map(replacing)
    ex["already_replacing"] = ex["monthly_gain_usd"].notna()
    ex = ex[(ex["exporter"] != importer) & (ex["exporter"] != (affected_supplier or ""))
            & ((ex["world_share"] >= min_world_share) | ex["already_replacing"])]
    if ex.empty:
        return pd.DataFrame(columns=ALTERNATIVE_COLUMNS)
    ranks = pd.DataFrame({
        "share": ex["world_share"].rank(pct=True),
        "rca": ex["rca"].rank(pct=True),
        "distance": (-ex["distance_km"]).rank(pct=True),
        "uv": pd.Series(-np.abs(np.log(ex["unit_value_ratio"].astype(float).to_numpy())),
                        index=ex.index).rank(pct=True),
        "spare": ex["spare_capacity_usd"].rank(pct=True),
    })
    ex["score"] = ranks.mean(axis=1, skipna=True).round(4)
    ex = ex.sort_values(["already_replacing", "monthly_gain_usd", "score", "world_share"],
                        ascending=False, na_position="last").head(limit)
    ex["rank"] = np.arange(1, len(ex) + 1)
    return ex[ALTERNATIVE_COLUMNS].reset_index(drop=True)


def observed_alternatives(replacing: pd.DataFrame) -> pd.DataFrame:
    """The alternatives seen in monthly data alone (no annual data to rank theoretical
    ones): the suppliers already replacing the hit one, largest monthly gain first."""
    if replacing is None or replacing.empty:
        return pd.DataFrame(columns=ALTERNATIVE_COLUMNS)
    out = pd.DataFrame({"exporter": replacing["partner"].to_numpy(),
                        "monthly_gain_usd": replacing["gain_usd"].to_numpy()})
    out["already_replacing"] = True
    out["rank"] = np.arange(1, len(out) + 1)
    return out.reindex(columns=ALTERNATIVE_COLUMNS)
