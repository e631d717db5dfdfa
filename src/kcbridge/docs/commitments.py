"""Group re-reports of the same commitment and track its stage over time.

A commitment is identified by the countries involved, the sector and the mechanism of its
statements: ``KOR+CHN|semiconductors|dialogue``. Restrictions are grouped by the imposing
side and the material: ``restriction|CHN|graphite``. A statement with neither a sector nor
a mechanism is its own commitment (keyed by document and sentence).

The stage of a commitment is the furthest stage any of its statements reached, in the
order proposal < agreement < signed < implemented (restrictions have the stage
``restriction``). Dates are the statement's own date when stated, else the publication date.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kcbridge.docs.model import STAGE_ORDER, Statement

COMMITMENT_COLUMNS = [
    "commitment", "stage", "sector", "mechanism", "countries", "first_date", "last_date",
    "reports", "documents", "timeline", "example",
]


def commitment_key(statement: Statement, doc_id: str = "") -> str:
    countries = sorted(statement.countries)
    if statement.type == "restriction":
        imposer = "CHN" if "CHN" in countries or not countries else countries[0]
        material = statement.materials[0] if statement.materials else (
            statement.sectors[0] if statement.sectors else "-"
        )
        return f"restriction|{imposer}|{material}"
    sector = statement.sectors[0] if statement.sectors else ""
    mechanism = statement.mechanisms[0] if statement.mechanisms else ""
    if not sector and not mechanism:
        return f"single|{doc_id}|{statement.sentence}"
    return f"{'+'.join(countries) or '-'}|{sector or '-'}|{mechanism or '-'}"


def track_commitments(statements: pd.DataFrame) -> pd.DataFrame:
    """One row per commitment from a statements frame with columns ``commitment, type,
    date, doc_id, text, sectors, mechanisms, parties`` (``date`` may be None).

    ``timeline`` lists ``{date, stage, doc_id}`` in date order; ``stage`` is the furthest
    stage reached; rows are sorted by last date, newest first."""
    if statements.empty:
        return pd.DataFrame(columns=COMMITMENT_COLUMNS)
    rows: list[dict[str, Any]] = []
    frame = statements.copy()
    frame["_date"] = pd.to_datetime(frame["date"], errors="coerce")
    for key, group in frame.groupby("commitment", sort=False):
        group = group.sort_values("_date", na_position="last")
        types = list(group["type"])
        stages = [t for t in types if t in STAGE_ORDER]
        stage = max(stages, key=STAGE_ORDER.__getitem__) if stages else types[0]
        parts = str(key).split("|")
        dates = group["_date"].dropna()
        timeline = [
            {"date": d.date().isoformat() if pd.notna(d) else None, "stage": t, "doc_id": doc}
            for d, t, doc in zip(group["_date"], group["type"], group["doc_id"], strict=True)
        ]
        rows.append({
            "commitment": key,
            "stage": stage,
            "sector": _first(group["sectors"]) if parts[0] != "restriction" else _first(
                group["sectors"]),
            "mechanism": _first(group["mechanisms"]),
            "countries": parts[1] if parts[0] == "restriction" else parts[0].replace("-", ""),
            "first_date": dates.min().date() if len(dates) else None,
            "last_date": dates.max().date() if len(dates) else None,
            "reports": len(group),
            "documents": group["doc_id"].nunique(),
            "timeline": timeline,
            "example": str(group.iloc[-1]["text"])[:300],
        })
    out = pd.DataFrame(rows, columns=COMMITMENT_COLUMNS)
    return out.sort_values("last_date", ascending=False, na_position="last").reset_index(drop=True)


def _first(values: pd.Series) -> str:
    for v in values:
        if isinstance(v, list | tuple) and v:
            return str(v[0])
        if hasattr(v, "tolist"):
            items = v.tolist()
            if items:
                return str(items[0])
    return ""
