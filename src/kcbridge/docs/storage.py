"""The docs capability's own store tables, and conversion of analyses to their rows.

Tables (created with ``store.ensure_table``; the rows of a batch of documents are written
in one transaction, so a failed ingest leaves no partial document):

* ``docs_documents``: one row per document: ids, metadata, the normalised text and the
  original bytes, language shares (JSON), duplicate links, MinHash signature, embedding.
* ``docs_entities``: one row per entity mention (offsets into the document text).
* ``docs_sectors``: document-level (``sentence = -1``) and sentence-level sector tags.
* ``docs_statements``: one row per cooperation statement with its embedding.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import ibis
import numpy as np
import pyarrow as pa

from kcbridge.docs.model import DocumentAnalysis

DOCUMENTS = ibis.schema({
    "doc_id": "string", "title": "string", "source": "string", "url": "string",
    "fmt": "string", "published": "date", "language": "string", "languages": "string",
    "script": "string", "text": "string", "original": "binary", "content_hash": "string",
    "duplicate_of": "string", "duplicate_kind": "string", "duplicate_similarity": "float64",
    "minhash": "array<int64>", "embedding": "array<float32>", "sectors": "array<string>",
    "n_entities": "int32", "n_statements": "int32", "ingested_at": "timestamp",
})
ENTITIES = ibis.schema({
    "doc_id": "string", "kind": "string", "text": "string", "start": "int32", "end": "int32",
    "sentence": "int32", "key": "string", "lang": "string", "confidence": "float64",
    "source": "string", "role": "string", "country": "string", "value": "float64",
    "unit": "string",
})
SECTORS = ibis.schema({
    "doc_id": "string", "sector": "string", "score": "float64", "method": "string",
    "sentence": "int32", "evidence": "array<string>",
})
STATEMENTS = ibis.schema({
    "statement_id": "string", "doc_id": "string", "sentence": "int32", "start": "int32",
    "end": "int32", "text": "string", "type": "string", "cue": "string",
    "confidence": "float64", "lang": "string", "proposer": "string",
    "parties": "array<string>", "countries": "array<string>", "sectors": "array<string>",
    "mechanisms": "array<string>", "materials": "array<string>", "date": "date",
    "published": "date", "commitment": "string", "embedding": "array<float32>",
})
TABLES = {
    "docs_documents": DOCUMENTS, "docs_entities": ENTITIES, "docs_sectors": SECTORS,
    "docs_statements": STATEMENTS,
}


def ensure_tables(store: Any) -> None:
    for name, schema in TABLES.items():
        store.ensure_table(name, schema)


def _vector(v: Any) -> list[float] | None:
    return None if v is None else np.asarray(v, dtype=np.float32).tolist()


def document_records(
    analysis: DocumentAnalysis,
    *,
    url: str = "",
    fmt: str = "text",
    original: bytes = b"",
    content_hash: str = "",
    duplicate: tuple[str, str, float] | None = None,
    signature: np.ndarray | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """The rows (plain dicts) of one analysed document for each docs table."""
    a = analysis
    doc = {
        "doc_id": a.doc_id, "title": a.title, "source": a.source, "url": url, "fmt": fmt,
        "published": a.published, "language": a.language,
        "languages": json.dumps(a.languages), "script": a.script, "text": a.text,
        "original": original, "content_hash": content_hash,
        "duplicate_of": duplicate[0] if duplicate else None,
        "duplicate_kind": duplicate[1] if duplicate else None,
        "duplicate_similarity": duplicate[2] if duplicate else None,
        "minhash": None if signature is None else signature.astype(np.int64).tolist(),
        "embedding": _vector(a.embedding), "sectors": a.document_sectors,
        "n_entities": len(a.entities), "n_statements": len(a.statements),
        "ingested_at": datetime.now(UTC).replace(tzinfo=None),
    }
    entities = [{**e.to_dict(), "doc_id": a.doc_id} for e in a.entities]
    sectors = [
        {"doc_id": a.doc_id, "sector": t.sector, "score": t.score, "method": t.method,
         "sentence": -1 if t.sentence is None else t.sentence, "evidence": list(t.evidence)}
        for t in a.sectors
    ]
    statement_fields = set(STATEMENTS.names)
    statements = [
        {**{k: v for k, v in s.to_dict().items() if k in statement_fields},
         "date": s.date, "statement_id": f"{a.doc_id}:{s.sentence}", "doc_id": a.doc_id,
         "published": a.published, "embedding": _vector(s.embedding)}
        for s in a.statements
    ]
    return {"docs_documents": [doc], "docs_entities": entities, "docs_sectors": sectors,
            "docs_statements": statements}


def write_documents(store: Any, documents: list[dict[str, list[dict[str, Any]]]]) -> None:
    """Store several documents' rows (from :func:`document_records`) in one transaction:
    any stored rows of those documents are replaced, then each table gets one insert."""
    if not documents:
        return
    doc_ids = list(dict.fromkeys(rows["docs_documents"][0]["doc_id"] for rows in documents))
    with store.transaction():
        for name in TABLES:
            store.delete_where(name, doc_id=doc_ids)
        for name, schema in TABLES.items():
            records = [record for rows in documents for record in rows[name]]
            if records:
                store.insert(name, pa.Table.from_pylist(records, schema=schema.to_pyarrow()))
