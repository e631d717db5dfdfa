"""`/api/docs`: ingest (token), documents, search, statements, commitments, news signals."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from kcbridge.api.deps import MAX_RESULTS, MAX_ROWS, envelope, get_platform, require_token
from kcbridge.app import Platform

router = APIRouter(prefix="/api/docs", tags=["docs"])


class IngestText(BaseModel):
    text: str = Field(..., description="The document: plain text or HTML.", max_length=5_000_000)
    title: str = ""
    source: str = ""
    published: date | None = None
    format: str = Field("text", pattern="^(text|html)$")


class IngestUrls(BaseModel):
    urls: list[str] = Field(..., min_length=1, max_length=100)
    published: date | None = None


@router.post("/documents", dependencies=[Depends(require_token)])
def ingest_text(body: IngestText, platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """Analyse and store one document sent as text or HTML."""
    return envelope(platform, platform.docs.ingest_text(
        body.text, title=body.title, source=body.source, published=body.published,
        fmt=body.format))


@router.post("/fetch", dependencies=[Depends(require_token)])
def ingest_urls(body: IngestUrls, platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """Fetch http(s) URLs, analyse and store them (never a path on the server)."""
    return envelope(platform, platform.docs.ingest_urls(body.urls, published=body.published))


@router.get("/documents")
def documents(
    language: str | None = None, sector: str | None = None,
    limit: int = Query(200, ge=0, le=MAX_ROWS,
                       description="At most this many documents (0: all)."),
    offset: int = Query(0, ge=0, le=MAX_ROWS, description="Skip this many documents (for paging)."),
    platform: Platform = Depends(get_platform),
) -> dict[str, Any]:
    """Documents, newest first; ``total`` is the number the filters match (every page)."""
    rows = platform.docs.documents(language=language, sector=sector, limit=limit or None,
                                   offset=offset)
    return envelope(platform, rows, total=rows.attrs["total"], offset=offset, limit=limit)


@router.get("/documents/{doc_id}")
def document(doc_id: str, platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """One document with its text, entities, sector tags and statements (offsets included)."""
    doc = platform.docs.document(doc_id)
    doc.pop("original", None)
    return envelope(platform, doc)


@router.delete("/documents/{doc_id}", dependencies=[Depends(require_token)])
def delete(doc_id: str, platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """Delete a document with its entities, sector tags and statements."""
    platform.docs.delete(doc_id)  # NotFoundError when unknown
    return envelope(platform, {"deleted": doc_id})


class DocumentMetadata(BaseModel):
    published: date | None = None
    title: str | None = Field(None, max_length=300)


@router.patch("/documents/{doc_id}", dependencies=[Depends(require_token)])
def set_metadata(doc_id: str, body: DocumentMetadata,
                 platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """Change a document's publication date and/or title; it is analysed again."""
    return envelope(platform, platform.docs.set_metadata(
        doc_id, published=body.published, title=body.title))


@router.get("/search")
def search(q: str, target: str = "documents", mode: str = "hybrid", sector: str | None = None,
           actor: str | None = None, stage: str | None = None, language: str | None = None,
           since: date | None = None, until: date | None = None,
           limit: int = Query(20, ge=1, le=MAX_RESULTS),
           platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, platform.docs.search(
        q, target=target, mode=mode, sector=sector, actor=actor, stage=stage,
        language=language, date_from=since, date_to=until, limit=limit))


@router.get("/statements")
def statements(sector: str | None = None, actor: str | None = None, stage: str | None = None,
               language: str | None = None, since: date | None = None,
               until: date | None = None, platform: Platform = Depends(get_platform)
               ) -> dict[str, Any]:
    data = platform.docs.statements(sector=sector, actor=actor, stage=stage, language=language,
                                    date_from=since, date_to=until)
    return envelope(platform, data.drop(columns=["embedding"]))


@router.get("/commitments")
def commitments(sector: str | None = None, stage: str | None = None,
                platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, platform.docs.commitments(sector=sector, stage=stage))


@router.get("/signals")
def signals(since: date | None = None,
            platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """Restriction statements attached to critical items (for the watch)."""
    return envelope(platform, platform.docs.news_signals(since=since))


@router.get("/organisations")
def organisations(platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """The trilingual alias list of organisations."""
    return envelope(platform, platform.docs.organisations())
