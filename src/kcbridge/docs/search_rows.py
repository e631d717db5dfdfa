"""Document search as plain rows (``kcbridge docs search``): the stored documents read with
one plain SQL query on DuckDB and ranked with NumPy (:func:`kcbridge.docs.search.
ranked_positions`), so a first-time search from the CLI imports neither pandas nor Ibis
(issue 14). :meth:`DocsService.search <kcbridge.docs.service.DocsService.search>` wraps the
same rows in a DataFrame for the API and the dashboard."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from kcbridge.docs.search_index import table_index

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.docs.service import DocsService

#: the columns of a document search's result, in order
DOCUMENT_RESULT_COLUMNS = ("score", "doc_id", "published", "language", "title", "sectors",
                           "snippet", "synthetic")
#: the fields of a stored document a search reads
SEARCH_FIELDS = ("doc_id", "title", "text", "language", "published", "source", "sectors",
                 "embedding")


def search_documents(
    docs: DocsService,
    query: str,
    *,
    mode: str = "hybrid",
    limit: int = 20,
    sector: str | None = None,
    actor: str | None = None,
    stage: str | None = None,
    language: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    query_vector: Any = None,
) -> list[dict[str, Any]]:
    """The documents of ``docs``' store matching ``query`` as plain rows
    (:data:`DOCUMENT_RESULT_COLUMNS`), best first, with the filters of
    :meth:`DocsService.search`."""
    from kcbridge.docs.search import ranked_positions
    from kcbridge.docs.service import DEMO_SOURCE

    if query_vector is None and mode != "text":
        from kcbridge.docs.encoder_cache import embed_queries

        query_vector = embed_queries([query], docs.platform.settings.home / "cache"
                                     / "sentence_encoder")[0]
    rows = document_rows(docs.store, language, date_from, date_to)
    if sector:
        rows = [d for d in rows if sector in d["sectors"]]
    if actor or stage:
        keep = _doc_ids_naming(docs, actor, stage, {d["doc_id"] for d in rows})
        rows = [d for d in rows if d["doc_id"] in keep]
    index = (table_index(docs.store, "docs_documents", "doc_id", ["title", "text"])
             if mode != "semantic" else None)
    ranked = ranked_positions(
        query, count=len(rows), ids=[d["doc_id"] for d in rows], index=index,
        texts=lambda: [f"{d['title'] or ''}\n{d['text'] or ''}" for d in rows],
        embeddings=[d["embedding"] for d in rows], query_vector=query_vector,
        mode=mode, limit=limit)
    return [{"score": r.score, "doc_id": d["doc_id"], "published": date_of(d["published"]),
             "language": d["language"], "title": d["title"], "sectors": d["sectors"],
             "snippet": (d["text"] or "")[:200], "synthetic": d["source"] == DEMO_SOURCE}
            for r in ranked for d in (rows[r.position],)]


def _doc_ids_naming(docs: DocsService, actor: str | None, stage: str | None,
                    candidates: set[str]) -> set[str]:
    """Of ``candidates``, the documents with a statement at ``stage`` and naming ``actor``
    (any alias), as asked."""
    keep = set(candidates)
    if stage:
        keep &= set(docs.statements(actor=actor, stage=stage)["doc_id"])
    if actor:
        ents = docs.store.table("docs_entities")
        key = docs.actor_key(actor)
        keep &= set(ents.filter(ents.key == key).doc_id.to_pandas())
    return keep


def document_rows(store: Any, language: str | None, date_from: date | None,
                  date_to: date | None) -> list[dict[str, Any]]:
    """The stored documents' search fields (:data:`SEARCH_FIELDS`; sectors as a list, the
    embedding as a list of floats or None) in a language and a date range: one plain SQL
    query on DuckDB (no Ibis, no pandas), the Ibis expression elsewhere."""
    from kcbridge.store.lookups import is_duckdb, query_rows

    if not is_duckdb(store):
        t = store.table("docs_documents").select(*SEARCH_FIELDS)
        if language:
            t = t.filter(t.language == language)
        if date_from:
            t = t.filter(t.published >= date_from)
        if date_to:
            t = t.filter(t.published <= date_to)
        records = t.to_pandas().to_dict("records")
    else:
        where, params = [], []
        for clause, value in (("language = ?", language), ("published >= ?", date_from),
                              ("published <= ?", date_to)):
            if value:
                where.append(clause)
                params.append(value)
        sql = f"SELECT {', '.join(SEARCH_FIELDS)} FROM docs_documents" + (
            f" WHERE {' AND '.join(where)}" if where else "")
        records = [dict(zip(SEARCH_FIELDS, row, strict=True))
                   for row in query_rows(store, "docs_documents", sql, params)]
    for r in records:
        r["sectors"] = [str(x) for x in r["sectors"]] if r["sectors"] is not None else []
        vector = r["embedding"]
        r["embedding"] = None if vector is None else [float(x) for x in vector]
    return records


def date_of(value: Any) -> date | None:
    """A stored date as a ``datetime.date`` (None when missing): a backend may give a
    timestamp, which would print as ``2024-03-14 00:00:00``."""
    if value is None:
        return None
    if isinstance(value, date) and hasattr(value, "date"):  # a datetime or Timestamp
        return None if value != value else value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


__all__ = ["DOCUMENT_RESULT_COLUMNS", "SEARCH_FIELDS", "date_of", "document_rows",
           "search_documents"]
