"""Product groupings for the bilateral indices: sectors, end-use stages, HS chapters.

A grouping is a DataFrame ``(group, product)`` in the *data's own* product codes, so it
can be joined to the flows. Taxonomies are written in HS6 (sectors) or HS prefixes
(end use); ``align_groups`` matches them to the codes in the data by prefix both ways:
an HS6 sector code ``854231`` selects heading ``8542`` in HS4 data (the whole heading
then counts for the sector, a coarser approximation stated in the output), and a
prefix ``8542`` selects every HS6 code under it.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from kcbridge.errors import NotFoundError
from kcbridge.reference.products import end_use_of


def align_groups(mapping: pd.DataFrame, data_products: Iterable[str]) -> pd.DataFrame:
    """``mapping`` (``group, product`` with codes of any length) matched to
    ``data_products`` by prefix in either direction. Returns distinct ``group, product``."""
    codes = pd.Series(sorted({str(p) for p in data_products}), dtype="string")
    mapping = mapping[["group", "product"]].astype({"group": "string", "product": "string"})
    pieces = []
    for data_len in sorted(codes.str.len().unique()):
        data_codes = pd.DataFrame({"product": codes[codes.str.len() == data_len]})
        for map_len in sorted(mapping["product"].str.len().unique()):
            part = mapping[mapping["product"].str.len() == map_len]
            if map_len >= data_len:
                key = part.assign(key=part["product"].str[:data_len])[["group", "key"]]
                merged = data_codes.assign(key=data_codes["product"]).merge(key, on="key")
            else:
                key = part.rename(columns={"product": "key"})[["group", "key"]]
                merged = data_codes.assign(key=data_codes["product"].str[:map_len]).merge(
                    key, on="key"
                )
            pieces.append(merged[["group", "product"]])
    if not pieces:
        return pd.DataFrame({"group": pd.Series(dtype="string"), "product": []})
    out = pd.concat(pieces, ignore_index=True).drop_duplicates()
    return out.sort_values(["group", "product"]).reset_index(drop=True)


def sector_groups(
    data_products: Iterable[str], sectors: Iterable[str] | None = None
) -> pd.DataFrame:
    """The taxonomy's sectors (``kcbridge.reference.sectors.sector_products``) in the data's
    codes; ``sectors`` limits them (NotFoundError for an unknown id, listing the known)."""
    try:
        from kcbridge.reference.sectors import sector_products
    except ImportError as exc:  # the taxonomy module is another package's
        raise NotFoundError(
            "The sector taxonomy (kcbridge.reference.sectors) is not available.",
            hint="Update kcbridge, or group by end use (`--by end_use`).",
        ) from exc
    table = sector_products().rename(columns={"sector": "group"})
    if sectors is not None:
        wanted = [s.strip().lower() for s in sectors]
        known = sorted(table["group"].astype(str).unique())
        unknown = [s for s in wanted if s not in known]
        if unknown:
            raise NotFoundError(
                f"Unknown sector(s): {', '.join(unknown)}.",
                hint=f"Known sectors: {', '.join(known)} (see `kcbridge sectors`).",
            )
        table = table[table["group"].isin(wanted)]
    aligned = align_groups(table, data_products)
    if aligned.empty:
        raise NotFoundError(
            "None of the sector's products occur in the loaded trade data.",
            hint="Load trade data at HS6 or HS4 level covering those products.",
        )
    return aligned


def end_use_groups(data_products: Iterable[str]) -> pd.DataFrame:
    """Each product's end-use stage (intermediate, capital, consumer; BEC-based rules of
    ``reference/data/end_use_rules.csv``); products without a stage are left out."""
    codes = sorted({str(p) for p in data_products})
    stages = end_use_of(codes)
    frame = pd.DataFrame({"group": stages, "product": codes}).dropna()
    return frame.reset_index(drop=True)


def chapter_groups(data_products: Iterable[str]) -> pd.DataFrame:
    """HS chapter (first two digits) of each product."""
    codes = sorted({str(p) for p in data_products})
    return pd.DataFrame({"group": [c[:2] for c in codes], "product": codes})
