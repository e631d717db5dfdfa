"""News signals for the supply-chain watch: restriction statements (export controls,
bans, licensing) that name a material attach to the critical items of
:func:`kcbridge.reference.sectors.critical_items` and become signals.

A restriction's materials (``docs/data/materials.yaml``) carry HS6 codes; a critical item
matches when its ``hs6`` is one of them or its ``material_group`` is the material id.
Signal columns: ``date, published, hs6, item, material, material_group, imposer,
statement_id, doc_id, title, text, confidence, kind`` (``date`` is the statement's own
date, which may be a future effective date; ``published`` is when its document appeared;
kind is always ``news_restriction``).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import pandas as pd

from kcbridge.docs.gazetteer import materials

SIGNAL_COLUMNS = [
    "date", "published", "hs6", "item", "material", "material_group", "imposer",
    "statement_id", "doc_id", "title", "text", "confidence", "kind",
]


def restriction_signals(statements: pd.DataFrame, critical: pd.DataFrame) -> pd.DataFrame:
    """One row per (restriction statement, critical item) pair.

    ``statements`` needs ``type, materials, countries, date, statement_id, doc_id, text,
    confidence`` (``title`` and ``published`` optional); ``critical`` needs ``hs6, name_en,
    material_group``.
    """
    if statements.empty or critical.empty:
        return pd.DataFrame(columns=SIGNAL_COLUMNS)
    entries = materials().entries
    rows = []
    restrictions: list[dict[Hashable, Any]] = statements[
        statements["type"] == "restriction"].to_dict("records")
    for st in restrictions:
        mats = [str(m) for m in st["materials"]] if st["materials"] is not None else []
        countries = [str(c) for c in st["countries"]] if st["countries"] is not None else []
        imposer = "CHN" if "CHN" in countries or not countries else countries[0]
        for material in mats:
            entry = entries.get(material)
            codes = set(entry.hs6) if entry else set()
            hit = critical[critical["hs6"].isin(codes) | (critical["material_group"] == material)]
            items: list[dict[Hashable, Any]] = hit.to_dict("records")
            for item in items:
                rows.append({
                    "date": st["date"], "published": st.get("published"),
                    "hs6": item["hs6"], "item": item["name_en"], "material": material,
                    "material_group": item["material_group"], "imposer": imposer,
                    "statement_id": st["statement_id"], "doc_id": st["doc_id"],
                    "title": st.get("title", ""), "text": st["text"],
                    "confidence": float(st["confidence"]), "kind": "news_restriction",
                })
    out = pd.DataFrame(rows, columns=SIGNAL_COLUMNS)
    return out.drop_duplicates(["statement_id", "hs6"]).sort_values(
        ["date", "hs6"], ascending=[False, True], na_position="last").reset_index(drop=True)
