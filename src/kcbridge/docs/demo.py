"""The SYNTHETIC sample corpus that ``kcbridge demo`` ingests (``data/demo_corpus.yaml``),
and the headline rows of what the document store holds.

Demo documents are stored with ``source == DEMO_SOURCE`` ("demo"); every listing marks
them ``synthetic`` so pages and JSON label them SYNTHETIC. The corpus is invented:
18 short articles in English, Korean and Chinese (2023-2025) that follow a few
commitments from proposal to implementation, four export restrictions (gallium and
germanium, graphite, urea, antimony) and one re-published article (a near duplicate).
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Any

import pandas as pd
import yaml

from kcbridge.docs.ingest import RawDocument
from kcbridge.docs.model import STAGE_ORDER
from kcbridge.docs.pipeline import document_id
from kcbridge.docs.text import normalise_text

DEMO_SOURCE = "demo"
SYNTHETIC_NOTE = "SYNTHETIC sample article written for the kcbridge demo: not real news."


def demo_documents() -> list[RawDocument]:
    """The demo corpus as raw documents (source ``demo``, url ``demo:<id>``)."""
    path = resources.files("kcbridge.docs").joinpath("data").joinpath("demo_corpus.yaml")
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    docs = []
    for row in rows:
        published = row["published"]
        if isinstance(published, str):
            published = date.fromisoformat(published)
        text = str(row["text"])
        docs.append(RawDocument(text=text, title=str(row["title"]), source=DEMO_SOURCE,
                                fmt="text", original=text.encode("utf-8"),
                                published=published, url=f"demo:{row['id']}"))
    return docs


def demo_document_ids(docs: list[RawDocument]) -> list[str]:
    return [document_id(normalise_text(d.text)) for d in docs]


def headline_rows(
    documents: pd.DataFrame, commitments: pd.DataFrame, signals: pd.DataFrame
) -> list[dict[str, Any]]:
    """Rows for ``kcbridge report``: documents by language, commitments by stage, the
    latest restriction signal (a restriction statement attached to critical items).

    ``documents`` needs ``language, source``; ``commitments`` needs ``stage``; ``signals``
    is :func:`kcbridge.docs.signals.restriction_signals` output."""
    rows: list[dict[str, Any]] = []
    by_language = documents["language"].value_counts().sort_index().sort_values(
        ascending=False, kind="stable")  # most documents first, ties by language code
    synthetic = int((documents["source"] == DEMO_SOURCE).sum())
    languages = ", ".join(f"{lang} {int(n)}" for lang, n in by_language.items())
    note = f" ({synthetic} SYNTHETIC)" if synthetic else ""
    rows.append({"what": "documents by language", "value": f"{languages}{note}"})
    if len(commitments):
        counts = commitments["stage"].value_counts()
        order = [*STAGE_ORDER, "restriction"]
        stages = ", ".join(f"{s} {int(counts[s])}" for s in order if s in counts)
        rows.append({"what": "commitments by stage", "value": stages})
    if len(signals):
        dated = signals.assign(_d=pd.to_datetime(signals["date"], errors="coerce"))
        latest_id = dated.sort_values("_d", ascending=False, na_position="last").iloc[0][
            "statement_id"]
        hits = dated[dated["statement_id"] == latest_id]
        first = hits.iloc[0]
        when = first["_d"].date().isoformat() if pd.notna(first["_d"]) else "undated"
        materials = ", ".join(dict.fromkeys(hits["material"]))
        text = str(first["text"])
        text = text if len(text) <= 80 else text[:79] + "…"
        rows.append({"what": "latest restriction signal",
                     "value": f"{when} {materials} ({len(hits)} critical HS6 items: "
                              f"{', '.join(hits['hs6'])}): {text}"})
    return rows
