"""Complementarity against competition for a pair of countries, group by group, year by year.

Verdict rule (stated with the numbers behind it in every row)
-------------------------------------------------------------
Both the TCI and the ESI are overlaps of two share distributions on the same 0-100 scale
(``100 * sum_k min(share, share)``): the TCI measures how far one side's exports match the
other's imports (complementarity), the ESI how far their exports match each other
(competition for the same markets). Per year and group:
``complementarity = mean(TCI a->b, TCI b->a)`` (the one available if only one is),
``competition = ESI``; the verdict is ``complementary`` when complementarity exceeds
competition by at least ``margin`` points (default 10), ``competing`` when competition
exceeds complementarity by at least ``margin``, otherwise ``mixed``. The trade-weighted
Grubel-Lloyd index (two-way trade within the same products) is reported beside it.

Top products: the largest terms of the two TCIs (direction ``a->b`` or ``b->a``) are the top
complementary products; the largest terms of the ESI are the top competing ones; each term
is in index points (``100 * min(share, share)``), so the terms of a group add up to its index.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from kcbridge.trade.bilateral import (
    complementarity_contributions,
    grubel_lloyd,
    overlap_index,
    similarity_contributions,
)

INDEX_COLUMNS = ("tci_ab", "tci_ba", "esi", "gl")


@dataclass
class Complementarity:
    """Result of :func:`complementarity_profile` (all DataFrames)."""

    a: str
    b: str
    summary: pd.DataFrame
    top_complementary: pd.DataFrame
    top_competing: pd.DataFrame
    trend: pd.DataFrame
    margin: float


def verdict(complementarity: float, competition: float, margin: float = 10.0) -> str:
    """``complementary`` / ``competing`` / ``mixed`` (``no trade`` when both are NaN)."""
    if np.isnan(complementarity) and np.isnan(competition):
        return "no trade"
    if np.isnan(competition):
        return "complementary"
    if np.isnan(complementarity):
        return "competing"
    gap = complementarity - competition
    if gap >= margin:
        return "complementary"
    if gap <= -margin:
        return "competing"
    return "mixed"


def complementarity_profile(
    trade: ir.Table | pd.DataFrame,
    a: str,
    b: str,
    *,
    years: Iterable[int] | None = None,
    groups: pd.DataFrame | None = None,
    margin: float = 10.0,
    top: int = 10,
    aquino: bool = False,
) -> Complementarity:
    """Per year and group: ``tci_ab, tci_ba, esi, gl`` plus trade values, the verdict and
    its basis; top complementary and competing products of the last year; trend slopes."""
    years = None if years is None else [int(y) for y in years]
    contrib_ab = complementarity_contributions(trade, a, b, years=years, groups=groups)
    contrib_ba = complementarity_contributions(trade, b, a, years=years, groups=groups)
    contrib_esi = similarity_contributions(trade, a, b, years=years, groups=groups)
    tci_ab = overlap_index(contrib_ab, "tci").rename(
        tci_ab="tci", exports_a_usd="tci_left_usd", imports_b_usd="tci_right_usd"
    )
    tci_ba = overlap_index(contrib_ba, "tci").rename(
        tci_ba="tci", exports_b_usd="tci_left_usd", imports_a_usd="tci_right_usd"
    )
    esi = overlap_index(contrib_esi, "esi").drop("esi_left_usd", "esi_right_usd")
    gl = grubel_lloyd(trade, a, b, years=years, groups=groups, aquino=aquino).rename(
        trade_a_to_b_usd="exports_usd", trade_b_to_a_usd="imports_usd"
    )
    summary = (
        tci_ab.outer_join(tci_ba, ["year", "group"])
        .pipe(_coalesce_keys)
        .outer_join(esi, ["year", "group"])
        .pipe(_coalesce_keys)
        .left_join(gl, ["year", "group"])
        .pipe(_coalesce_keys)
        .to_pandas()
    )
    summary = _with_verdicts(summary, a, b, margin)
    last_year = int(summary["year"].max())
    top_comp = _top_terms(
        [(contrib_ab, f"{a}->{b}"), (contrib_ba, f"{b}->{a}")], last_year, top, "tci_points"
    )
    top_compet = _top_terms([(contrib_esi, f"{a}~{b}")], last_year, top, "esi_points")
    return Complementarity(a, b, summary, top_comp, top_compet, trend_table(summary), margin)


def _coalesce_keys(joined: ir.Table) -> ir.Table:
    extra = [c for c in ("year_right", "group_right") if c in joined.columns]
    if not extra:
        return joined
    return joined.mutate(
        year=ibis.coalesce(joined.year, joined.year_right),
        group=ibis.coalesce(joined.group, joined.group_right),
    ).drop(*extra)


def _with_verdicts(summary: pd.DataFrame, a: str, b: str, margin: float) -> pd.DataFrame:
    summary = summary.copy()
    for col in INDEX_COLUMNS:
        summary[col] = pd.to_numeric(summary[col], errors="coerce").astype(float)
    summary["complementarity"] = summary[["tci_ab", "tci_ba"]].mean(axis=1, skipna=True)
    summary["competition"] = summary["esi"]
    summary["verdict"] = [
        verdict(c, k, margin)
        for c, k in zip(summary["complementarity"], summary["competition"], strict=True)
    ]
    summary["basis"] = [
        f"TCI {a}->{b} {_fmt(ab)}, {b}->{a} {_fmt(ba)} "
        f"(mean {_fmt(comp)}) "
        f"vs ESI {_fmt(esi)}: {_signed(comp - compet)} points "
        f"(margin {margin:g}); GL {_fmt(gl, 2)}"
        for ab, ba, comp, esi, compet, gl in zip(
            summary["tci_ab"], summary["tci_ba"], summary["complementarity"], summary["esi"],
            summary["competition"], summary["gl"], strict=True,
        )
    ]
    summary = summary.sort_values(["group", "year"]).reset_index(drop=True)
    ordered = ["year", "group", *INDEX_COLUMNS, "complementarity", "competition", "verdict"]
    rest = [c for c in summary.columns if c not in ordered]
    return summary[ordered + rest]


def _fmt(value: float, digits: int = 1) -> str:
    return "n/a" if pd.isna(value) else f"{value:.{digits}f}"


def _signed(value: float) -> str:
    return "n/a" if pd.isna(value) else f"{value:+.1f}"


def _top_terms(
    sources: list[tuple[ir.Table, str]], year: int, top: int, points: str
) -> pd.DataFrame:
    parts = []
    for contrib, direction in sources:
        c = contrib.filter((contrib.year == year) & (contrib.overlap > 0))
        parts.append(
            c.select(
                "year",
                "group",
                "product",
                direction=ibis.literal(direction),
                left_share=c.left_share,
                right_share=c.right_share,
                **{points: c.overlap * 100.0},
            )
        )
    union = parts[0]
    for p in parts[1:]:
        union = union.union(p)
    ranked = union.mutate(
        position=ibis.row_number().over(
            ibis.window(group_by=union.group,
                        order_by=[ibis.desc(union[points]), union["product"], union["direction"]])
        )
        + 1
    )
    out = ranked.filter(ranked.position <= top).to_pandas()
    return out.sort_values(["group", "position"]).reset_index(drop=True)


def trend_table(summary: pd.DataFrame) -> pd.DataFrame:
    """Per group: first and last year, each index's first and last value and its OLS slope
    in points per year (NaN with fewer than two years), and the last verdict."""
    rows = []
    for group, part in summary.sort_values("year").groupby("group", sort=True):
        row: dict[str, object] = {
            "group": group,
            "first_year": int(part["year"].iloc[0]),
            "last_year": int(part["year"].iloc[-1]),
            "years": len(part),
        }
        for col in ("tci_ab", "tci_ba", "esi", "gl"):
            values = part[col].to_numpy(dtype=float)
            ok = ~np.isnan(values)
            row[f"{col}_first"] = values[ok][0] if ok.any() else np.nan
            row[f"{col}_last"] = values[ok][-1] if ok.any() else np.nan
            if ok.sum() >= 2:
                row[f"{col}_slope"] = float(
                    np.polyfit(part["year"].to_numpy()[ok], values[ok], 1)[0]
                )
            else:
                row[f"{col}_slope"] = np.nan
        row["verdict_last"] = part["verdict"].iloc[-1]
        rows.append(row)
    return pd.DataFrame(rows)
