"""The bilateral explorer: what ``a`` sells to ``b`` and ``b`` to ``a``, by product, HS
heading, chapter, section or cooperation sector, with each line's share and its trend.

Pure functions. :func:`pair_flows` is the one relational step (Ibis: the two directions'
rows out of the flows, summed per year and product); everything after works on that
small pandas frame (a pair trades at most a few thousand HS6 products a year).

Conventions
-----------
- A direction is ``exporter -> importer`` as reported in ``trade_annual`` (BACI-style
  reconciled flows: ``a -> b`` is a's exports to b, which are b's imports from a).
- ``share`` is the line's part of the direction's total in ``year`` (all products).
  Sections, chapters and headings partition the products, so their shares add up to 1;
  cooperation sectors overlap and cover part of trade, so theirs do not.
- ``change_pct``: against the previous loaded year; ``growth_pa_pct``: compound annual
  growth from the first loaded year (``since``) in which the line traded; ``trend``:
  ``rising`` / ``falling`` when that growth is above +2 % / below -2 % a year, else
  ``steady`` (``new`` when the line did not trade in the first year, ``-`` with one year).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from kcbridge.errors import InputError
from kcbridge.trade.flows import as_flows
from kcbridge.trade.sections import section_groups

if TYPE_CHECKING:  # annotations only: the explorer's pandas steps run without Ibis
    import ibis.expr.types as ir

LEVELS = ("product", "heading", "chapter", "section", "sector")
TREND_BAND_PCT = 2.0
EXPLORER_COLUMNS = [
    "direction", "exporter", "importer", "rank", "group", "value_usd", "share",
    "prev_value_usd", "change_pct", "growth_pa_pct", "since", "trend",
]


def pair_flows(
    trade: ir.Table | pd.DataFrame, a: str, b: str, years: Iterable[int] | None = None
) -> ir.Table:
    """Rows of ``a -> b`` and ``b -> a``: ``year, exporter, importer, product, value_usd``
    (summed per year, direction and product)."""
    flows = as_flows(trade)
    flows = flows.filter(
        ((flows.exporter == a) & (flows.importer == b))
        | ((flows.exporter == b) & (flows.importer == a))
    )
    if years is not None:
        flows = flows.filter(flows.year.isin([int(y) for y in years]))
    return flows.group_by(["year", "exporter", "importer", "product"]).aggregate(
        value_usd=lambda t: t.value_usd.sum()
    )


def grouping(products: Iterable[str], by: str, sectors: pd.DataFrame | None = None
             ) -> pd.DataFrame:
    """``group, product`` for level ``by`` (see ``LEVELS``). ``sectors`` is the
    cooperation-sector grouping in the data's codes (needed for ``by="sector"``)."""
    codes = sorted({str(p) for p in products})
    if by == "product":
        return pd.DataFrame({"group": codes, "product": codes})
    if by == "heading":
        return pd.DataFrame({"group": [c[:4] for c in codes], "product": codes})
    if by == "chapter":
        return pd.DataFrame({"group": [c[:2] for c in codes], "product": codes})
    if by == "section":
        return section_groups(codes)
    if by == "sector":
        if sectors is None:
            raise InputError("Grouping by sector needs the sector table.")
        return sectors[["group", "product"]].astype(str)
    raise InputError(f"Unknown level {by!r}.", hint=f"Use one of {', '.join(LEVELS)}.")


def direction_totals(pair: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Per loaded year: ``exports_ab`` (a -> b), ``exports_ba`` (b -> a), ``total`` and
    ``balance_ab`` (a's surplus with b; negative = deficit)."""
    years = sorted(int(y) for y in pair["year"].unique())
    out = pd.DataFrame({"year": years})
    for col, exporter in (("exports_ab", a), ("exports_ba", b)):
        part = pair[pair["exporter"] == exporter].groupby("year")["value_usd"].sum()
        out[col] = out["year"].map(part).fillna(0.0).astype(float)
    out["total"] = out["exports_ab"] + out["exports_ba"]
    out["balance_ab"] = out["exports_ab"] - out["exports_ba"]
    return out


def explorer_table(
    pair: pd.DataFrame,
    a: str,
    b: str,
    year: int,
    by: str = "product",
    groups: pd.DataFrame | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """One row per direction and group traded in ``year`` (``EXPLORER_COLUMNS``), largest
    first within each direction; ``top`` keeps that many per direction. ``groups`` is the
    ``group, product`` table of ``by`` (from :func:`grouping`; None means by product)."""
    if pair.empty:
        return pd.DataFrame(columns=EXPLORER_COLUMNS)
    groups = grouping(pair["product"], "product") if groups is None else groups
    years = sorted(int(y) for y in pair["year"].unique())
    earlier = [y for y in years if y < year]
    frames = []
    for exporter, importer in ((a, b), (b, a)):
        rows = pair[(pair["exporter"] == exporter) & (pair["importer"] == importer)]
        totals = rows.groupby("year")["value_usd"].sum()
        per = rows.merge(groups, on="product").groupby(["group", "year"])["value_usd"].sum()
        wide = per.unstack("year").reindex(columns=years).fillna(0.0)
        if year not in wide.columns or wide.empty:
            continue
        now = wide[year]
        wide = wide[now > 0]
        now = now[now > 0]
        frame = pd.DataFrame({"group": wide.index.astype(str), "value_usd": now.to_numpy()})
        total = float(totals.get(year, 0.0))
        frame["share"] = frame["value_usd"] / total if total > 0 else np.nan
        prev_year = earlier[-1] if earlier else None
        prev = wide[prev_year].to_numpy() if prev_year is not None else np.full(len(wide), np.nan)
        frame["prev_value_usd"] = prev
        with np.errstate(divide="ignore", invalid="ignore"):
            frame["change_pct"] = np.where(prev > 0, (now.to_numpy() / prev - 1.0) * 100.0,
                                           np.nan)
        since, growth, trend = _growth(wide, years, year)
        frame["growth_pa_pct"], frame["since"], frame["trend"] = growth, since, trend
        frame.insert(0, "direction", f"{exporter}->{importer}")
        frame.insert(1, "exporter", exporter)
        frame.insert(2, "importer", importer)
        frame = frame.sort_values(["value_usd", "group"], ascending=[False, True])
        frame.insert(3, "rank", np.arange(1, len(frame) + 1))
        frames.append(frame.head(top) if top else frame)
    if not frames:
        return pd.DataFrame(columns=EXPLORER_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    out["since"] = out["since"].astype("Int64")
    return out[EXPLORER_COLUMNS]


def _growth(wide: pd.DataFrame, years: list[int], year: int
            ) -> tuple[list[int | None], np.ndarray, list[str]]:
    """Per row of ``wide`` (group x year values): first year with trade up to ``year``,
    compound annual growth since then (percent), and the trend label."""
    window = [y for y in years if y <= year]
    first_year = window[0]
    values = wide[window].to_numpy(dtype=float)
    since: list[int | None] = []
    growth = np.full(len(wide), np.nan)
    trend: list[str] = []
    for i, row in enumerate(values):
        traded = np.flatnonzero(row > 0)
        start = int(traded[0]) if len(traded) else len(window) - 1
        since.append(window[start])
        span = year - window[start]
        if span <= 0:
            trend.append("-" if len(window) == 1 else "new")
            continue
        growth[i] = ((row[-1] / row[start]) ** (1.0 / span) - 1.0) * 100.0
        if window[start] != first_year:
            trend.append("new")
        elif growth[i] > TREND_BAND_PCT:
            trend.append("rising")
        elif growth[i] < -TREND_BAND_PCT:
            trend.append("falling")
        else:
            trend.append("steady")
    return since, growth, trend


def group_history(pair: pd.DataFrame, a: str, b: str, groups: pd.DataFrame,
                  wanted: Iterable[str]) -> pd.DataFrame:
    """Yearly values of the ``wanted`` groups in both directions: ``year, direction,
    group, value_usd`` (zero-filled), for trend charts and the Excel 'history' sheet."""
    wanted = [str(g) for g in wanted]
    years = sorted(int(y) for y in pair["year"].unique())
    pieces = []
    for exporter, importer in ((a, b), (b, a)):
        rows = pair[(pair["exporter"] == exporter) & (pair["importer"] == importer)]
        per = rows.merge(groups, on="product")
        per = per[per["group"].astype(str).isin(wanted)]
        summed = per.groupby(["group", "year"])["value_usd"].sum()
        index = pd.MultiIndex.from_product([wanted, years], names=["group", "year"])
        full = summed.reindex(index, fill_value=0.0).reset_index()
        full.insert(0, "direction", f"{exporter}->{importer}")
        pieces.append(full)
    out = pd.concat(pieces, ignore_index=True)
    return out[["year", "direction", "group", "value_usd"]]
