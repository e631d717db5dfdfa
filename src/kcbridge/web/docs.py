"""Dashboard pages of document intelligence: document list and search, the document
explorer (text with entities, sectors and statements highlighted), commitments timeline."""

from __future__ import annotations

from datetime import date
from typing import Any

import altair as alt
import pandas as pd
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kcbridge.docs.gazetteer import organisations
from kcbridge.docs.highlight import highlight_blocks
from kcbridge.errors import KcbridgeError
from kcbridge.web.pager import one_page, read_page

router = APIRouter(prefix="/documents", include_in_schema=False)
STAGES = ["proposal", "agreement", "signed", "implemented", "restriction"]
STAGE_COLOURS = ["#4a6fa5", "#d4a017", "#2e8b57", "#1b5e20", "#c0392b"]


@router.get("", response_class=HTMLResponse)
def documents(request: Request, q: str | None = None, target: str = "documents",
              sector: str | None = None, stage: str | None = None,
              language: str | None = None, actor: str | None = None,
              page: str | None = None, page_size: str | None = None) -> HTMLResponse:
    from kcbridge.web import render

    platform = request.app.state.platform
    error, rows, pager = None, pd.DataFrame(), None
    try:
        if q:
            rows = platform.docs.search(q, target=target, sector=sector or None,
                                        stage=stage or None, language=language or None,
                                        actor=actor or None, limit=50)
        else:
            number, size = read_page(page, page_size)
            rows, pager = one_page(
                lambda limit, offset: platform.docs.documents(
                    language=language or None, sector=sector or None, limit=limit,
                    offset=offset),
                number, size, path="/documents",
                params={"sector": sector or "", "language": language or ""},
                nouns=("document", "documents"))
    except KcbridgeError as exc:
        error = str(exc)
    sectors = [s["id"] for s in platform.list_sectors()]
    n_synthetic = int(rows["synthetic"].sum()) if "synthetic" in rows else 0
    return render(request, "docs/list.html", rows=rows.to_dict("records"), error=error,
                  n_synthetic=n_synthetic, pager=pager,
                  sectors=sectors, stages=STAGES, searched=bool(q),
                  filters={"q": q or "", "target": target, "sector": sector or "",
                           "stage": stage or "", "language": language or "",
                           "actor": actor or ""})


@router.get("/commitments", response_class=HTMLResponse)
def commitments(request: Request, sector: str | None = None) -> HTMLResponse:
    from kcbridge.web import render

    platform = request.app.state.platform
    data = platform.docs.commitments(sector=sector or None)
    chart = timeline_chart(data)
    rows = data.drop(columns=["timeline"]).to_dict("records")
    sectors = [s["id"] for s in platform.list_sectors()]
    docs = platform.docs.documents(limit=100_000)
    n_synthetic = int(docs["synthetic"].sum())
    return render(request, "docs/commitments.html", rows=rows, chart=chart, sectors=sectors,
                  n_synthetic=n_synthetic, n_documents=len(docs),
                  filters={"sector": sector or ""})


@router.get("/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str) -> HTMLResponse:
    from kcbridge.web import render

    doc = request.app.state.platform.docs.document(doc_id)
    blocks = highlight_blocks(doc["text"], doc["entities"], doc["statements"])
    people = [e for e in doc["entities"] if e["kind"] == "person"]
    orgs = [{"key": key, "name": organisation_name(key)}
            for key in sorted({e["key"] for e in doc["entities"] if e["kind"] == "organisation"})]
    doc_sectors = [t for t in doc["sector_tags"] if t["sentence"] == -1]
    return render(request, "docs/document.html", doc=doc, blocks=blocks, people=people,
                  orgs=orgs, doc_sectors=doc_sectors)


def organisation_name(key: str) -> str:
    """``Ministry of Commerce of China (CN-MOFCOM)`` for an alias-list id, else the name."""
    entry = organisations().entries.get(key)
    return f"{entry.display_name('en')} ({key})" if entry else key


def timeline_chart(commitments: pd.DataFrame) -> Any:
    """One point per report (date x sector), coloured by stage; None when empty."""
    rows = []
    for c in commitments.itertuples(index=False):
        for t in c.timeline:
            if t["date"]:
                rows.append({"date": t["date"], "stage": t["stage"],
                             "sector": c.sector or "(none)", "commitment": c.commitment})
    if not rows:
        return None
    df = pd.DataFrame(rows)
    df["date"] = pd.to_datetime(df["date"])
    return (
        alt.Chart(df, title="Commitments over time by sector")
        .mark_point(filled=True, size=90)
        .encode(
            x=alt.X("date:T", title="Date"),
            y=alt.Y("sector:N", title=None),
            # colour and shape share one legend (legend=None on either drops both)
            color=alt.Color("stage:N", sort=STAGES, title="Stage",
                            scale=alt.Scale(domain=STAGES, range=STAGE_COLOURS)),
            shape=alt.Shape("stage:N", sort=STAGES, title="Stage",
                            scale=alt.Scale(domain=STAGES)),
            tooltip=["commitment", "stage", alt.Tooltip("date:T")],
        )
        .properties(width=760, height=max(120, 28 * df["sector"].nunique()))
    )


__all__ = ["router", "timeline_chart", "date"]
