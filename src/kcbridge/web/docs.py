"""Dashboard pages of document intelligence: document list and search, the document
explorer (text with entities, sectors and statements highlighted), commitments timeline."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kcbridge.docs.gazetteer import organisations
from kcbridge.docs.highlight import highlight_blocks
from kcbridge.errors import KcbridgeError
from kcbridge.web import platform_of
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

    platform = platform_of(request)
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
    names = sector_names(platform)
    n_synthetic = int(rows["synthetic"].sum()) if "synthetic" in rows else 0
    records = rows.to_dict("records")
    for r in records:
        r["sector_labels"] = [names.get(x, x) for x in (r.get("sectors") or [])]
    return render(request, "docs/list.html", rows=records, error=error,
                  n_synthetic=n_synthetic, pager=pager,
                  sectors=list(names.items()), stages=STAGES, searched=bool(q),
                  filters={"q": q or "", "target": target, "sector": sector or "",
                           "stage": stage or "", "language": language or "",
                           "actor": actor or ""})


@router.get("/commitments", response_class=HTMLResponse)
def commitments(request: Request, sector: str | None = None) -> HTMLResponse:
    from kcbridge.web import kept_view, render

    platform = platform_of(request)
    # kept per data version (an ingested document is a write): a repeated visit runs no query
    context = kept_view(request, ("commitments", sector or ""),
                        lambda: commitments_context(platform, sector or None))
    return render(request, "docs/commitments.html", **context,
                  filters={"sector": sector or ""})


def commitments_context(platform: Any, sector: str | None) -> dict[str, Any]:
    """What the commitments page shows: rows with their sentences, the timeline chart as
    a Vega-Lite dict (or None), sector names and the documents' counts."""
    data = platform.docs.commitments(sector=sector)
    names = sector_names(platform)
    data = describe_commitments(data, names, country_names(platform))
    chart = timeline_chart(data)
    rows = data.drop(columns=["timeline"]).to_dict("records")
    docs = platform.docs.documents(limit=100_000)
    return {"rows": rows, "chart": chart.to_dict() if chart is not None else None,
            "sectors": list(names.items()), "other_names": sector_other_names(platform),
            "n_synthetic": int(docs["synthetic"].sum()), "n_documents": len(docs)}


@router.get("/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str) -> HTMLResponse:
    from kcbridge.web import render

    doc = platform_of(request).docs.document(doc_id)
    blocks = highlight_blocks(doc["text"], doc["entities"], doc["statements"])
    people = [e for e in doc["entities"] if e["kind"] == "person"]
    orgs = [{"key": key, "name": organisation_name(key)}
            for key in sorted({e["key"] for e in doc["entities"] if e["kind"] == "organisation"})]
    names = sector_names(platform_of(request))
    doc_sectors = [{**t, "name": names.get(t["sector"], t["sector"])}
                   for t in doc["sector_tags"] if t["sentence"] == -1]
    for st in doc["statements"]:
        st["party_labels"] = [organisation_name(k, with_key=False)
                              for k in (st.get("parties") or [])]
        st["sector_labels"] = [names.get(x, x) for x in (st.get("sectors") or [])]
        st["mechanism_labels"] = [MECHANISM_LABELS.get(m, m).removeprefix("an ").removeprefix("a ")
                                  for m in (st.get("mechanisms") or [])]
    return render(request, "docs/document.html", doc=doc, blocks=blocks, people=people,
                  orgs=orgs, doc_sectors=doc_sectors,
                  other_names=sector_other_names(platform_of(request)))


def organisation_name(key: str, *, with_key: bool = True) -> str:
    """``Ministry of Commerce of China (CN-MOFCOM)`` for an alias-list id (without the
    id when ``with_key`` is False), else the name."""
    entry = organisations().entries.get(key)
    if entry is None:
        return key
    return f"{entry.display_name('en')} ({key})" if with_key else entry.display_name("en")


def sector_names(platform: Any) -> dict[str, str]:
    """Sector id -> English name, in the reference taxonomy's order."""
    return {s["id"]: s["name_en"] for s in platform.list_sectors()}


def sector_other_names(platform: Any) -> dict[str, str]:
    """Sector id -> ``Korean name · Chinese name`` (shown on hover next to the English)."""
    return {s["id"]: f"{s['name_ko']} · {s['name_zh']}" for s in platform.list_sectors()}


def country_names(platform: Any) -> dict[str, str]:
    """ISO3 -> short English name (``KOR`` -> ``South Korea``)."""
    df = platform.list_countries()
    return dict(zip(df["iso3"], df["name"], strict=True))


#: how a commitment's mechanism id reads in a sentence
MECHANISM_LABELS = {
    "joint_rnd": "joint R&D", "joint_lab": "a joint laboratory", "standards": "standards work",
    "dialogue": "a dialogue", "exchange": "exchanges", "industrial_park": "an industrial park",
    "investment": "investment",
}
#: the order parties are named in (the platform is about Korea and China)
_PARTY_ORDER = {"KOR": 0, "CHN": 1}


def commitment_sentence(key: str, stage: str, sector_name: str,
                        countries: Mapping[str, str]) -> str:
    """A commitment key (``CHN+KOR|hydrogen|joint_lab``) as a sentence for people:
    ``South Korea and China: a joint laboratory in Hydrogen (implemented)``.

    ``sector_name`` is the English name of the commitment's sector ("" when none)."""
    parts = key.split("|")
    if parts[0] == "restriction" and len(parts) == 3:
        imposer = countries.get(parts[1], parts[1])
        material = parts[2] if parts[2] not in ("", "-") else "materials"
        where = f" ({sector_name})" if sector_name else ""
        return f"{imposer} restricts trade in {material.replace('_', ' ')}{where}"
    if parts[0] == "single":
        return f"A single {stage} statement (no sector or mechanism named)"
    codes = sorted((c for c in parts[0].split("+") if c not in ("", "-")),
                   key=lambda c: (_PARTY_ORDER.get(c, 2), c))
    names = [countries.get(c, c) for c in codes]
    who = (" and ".join(names) if len(names) <= 2
           else ", ".join(names[:-1]) + " and " + names[-1]) or "Unnamed parties"
    mechanism = parts[2] if len(parts) == 3 and parts[2] != "-" else ""
    what = MECHANISM_LABELS.get(mechanism, mechanism.replace("_", " ")) or "cooperation"
    field_ = f" in {sector_name}" if sector_name else ""
    return f"{who}: {what}{field_} ({stage})"


def describe_commitments(commitments: pd.DataFrame, sectors: Mapping[str, str],
                         countries: Mapping[str, str]) -> pd.DataFrame:
    """Adds ``description`` (a sentence), ``sector_name`` and ``mechanism_label``."""
    out = commitments.copy()
    out["sector_name"] = [sectors.get(s, s) if s else "" for s in out["sector"].fillna("")]
    out["mechanism_label"] = [  # a column label: no article ("joint laboratory")
        MECHANISM_LABELS.get(m, m).removeprefix("an ").removeprefix("a ") if m else ""
        for m in out["mechanism"].fillna("")]
    out["description"] = [
        commitment_sentence(str(k), str(st), name, countries)
        for k, st, name in zip(out["commitment"], out["stage"], out["sector_name"], strict=True)
    ]
    return out


def timeline_chart(commitments: pd.DataFrame) -> Any:
    """One point per report (date x sector), coloured by stage; None when empty.

    Uses ``description`` and ``sector_name`` (see :func:`describe_commitments`) when
    present. The time scale is padded so the first and last markers are drawn whole, and
    its labels carry the year (``Mar 2024``)."""
    rows = []
    for c in commitments.to_dict("records"):
        for t in c["timeline"]:
            if t["date"]:
                rows.append({"date": t["date"], "stage": t["stage"],
                             "sector": c.get("sector_name") or c["sector"] or "(none)",
                             "commitment": c.get("description") or c["commitment"]})
    if not rows:
        return None
    df = pd.DataFrame(rows)
    df["date"] = pd.to_datetime(df["date"])
    return (
        alt.Chart(df, title="Commitments over time by sector")
        .mark_point(filled=True, size=90)
        .encode(
            x=alt.X("date:T", title="Date", scale=alt.Scale(padding=24),
                    axis=alt.Axis(format="%b %Y", labelOverlap=True, labelFlush=False)),
            y=alt.Y("sector:N", title=None),
            # colour and shape share one legend (legend=None on either drops both)
            color=alt.Color("stage:N", sort=STAGES, title="Stage",
                            scale=alt.Scale(domain=STAGES, range=STAGE_COLOURS)),
            shape=alt.Shape("stage:N", sort=STAGES, title="Stage",
                            scale=alt.Scale(domain=STAGES)),
            tooltip=[alt.Tooltip("commitment:N", title="Commitment"),
                     alt.Tooltip("stage:N", title="Stage"),
                     alt.Tooltip("date:T", title="Date", format="%d %b %Y")],
        )
        .properties(width=760, height=max(120, 28 * df["sector"].nunique()))
    )


__all__ = ["commitment_sentence", "describe_commitments", "router", "timeline_chart", "date"]
