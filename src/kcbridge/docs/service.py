"""DocsService: document intelligence on the Platform's store (``platform.docs``).

Ingest files, folders, URLs or raw texts; list, show and search documents and
statements; track commitments; give the watch its news signals. Returns DataFrames and
plain dicts; never prints.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kcbridge.docs import dedup
from kcbridge.docs.ingest import RawDocument, fetch_urls, parse_bytes, read_path
from kcbridge.docs.model import STAGE_ORDER, STATEMENT_TYPES, DocumentAnalysis
from kcbridge.docs.search import rank
from kcbridge.docs.search_index import table_index
from kcbridge.errors import InputError, NotFoundError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from kcbridge.app import Platform

# The analysis pipeline (entity rules, language models), the demo corpus, commitments,
# the gazetteer and the pager are imported by the methods that use them: a search loads
# none of them (issue 14: every command under a second).
DEMO_SOURCE = "demo"  # kcbridge.docs.demo.DEMO_SOURCE (a test checks they agree)

Progress = Callable[[str, int, int | None], None]
BATCH = 32
NO_DOCUMENTS = "Run `kcbridge docs ingest PATH|URL...` first."


#: the tables of kcbridge.docs.storage.TABLES (a test checks they agree): when the store
#: has them all, opening the service imports neither the storage module nor its Ibis schemas
TABLES = ("docs_documents", "docs_entities", "docs_sectors", "docs_statements")


class DocsService:
    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.store = platform.store
        if not set(TABLES) <= set(self.store.list_tables()):
            from kcbridge.docs import storage

            storage.ensure_tables(self.store)

    # ---- ingest --------------------------------------------------------------
    def read(self, inputs: Iterable[str]) -> list[RawDocument]:
        """Read paths (files or folders) and http(s) URLs into raw documents."""
        inputs = [str(i) for i in inputs]
        if not inputs:
            raise InputError("Nothing to ingest.", hint="Give files, folders or URLs.")
        docs: list[RawDocument] = []
        urls = [i for i in inputs if i.startswith(("http://", "https://"))]
        for item in inputs:
            if item not in urls:
                docs.extend(read_path(Path(item)))
        if urls:
            docs.extend(fetch_urls(urls, timeout=self.platform.settings.http_timeout))
        return docs

    def ingest(
        self,
        inputs: Iterable[str],
        *,
        published: date | None = None,
        progress: Progress | None = None,
        workers: int = 1,
    ) -> list[dict[str, Any]]:
        """Read, analyse and store documents; one summary dict per document (``workers``:
        analysis processes, see :func:`kcbridge.docs.parallel.analyse_batches`)."""
        raws = self.read(inputs)
        if published is not None:
            for raw in raws:
                raw.published = published
        return self.ingest_raw(raws, progress=progress, workers=workers)

    def ingest_urls(
        self, urls: Iterable[str], *, published: date | None = None
    ) -> list[dict[str, Any]]:
        """Fetch, analyse and store http(s) URLs only (the API's fetch endpoint: a request
        never names a file of the server)."""
        urls = [str(u).strip() for u in urls]
        for url in urls:
            if not url.lower().startswith(("http://", "https://")):
                shown = url if len(url) <= 80 else url[:77] + "..."
                raise InputError(f"Only http:// or https:// addresses can be fetched, not "
                                 f"{shown!r}.", hint="Send the page's web address; to read "
                                 "a local file use `kcbridge docs ingest FILE` on the server.")
        raws = fetch_urls(urls, timeout=self.platform.settings.http_timeout)
        if published is not None:
            for raw in raws:
                raw.published = published
        return self.ingest_raw(raws)

    def ingest_text(
        self, text: str, *, title: str = "", source: str = "", published: date | None = None,
        fmt: str = "text",
    ) -> dict[str, Any]:
        """Ingest one document given as text or HTML (the API's write endpoint)."""
        raw = parse_bytes(text.encode("utf-8"), source=source or "api", fmt=fmt,
                          published=published, title=title or None)
        return self.ingest_raw([raw])[0]

    def ingest_raw(
        self, raws: list[RawDocument], *, progress: Progress | None = None, workers: int = 1
    ) -> list[dict[str, Any]]:
        """Analyse and store raw documents, ``BATCH`` at a time: each batch's rows are
        written in one transaction (a failure leaves no part of that batch stored).
        ``workers > 1`` analyses batches in that many processes while this one stores."""
        from kcbridge.docs import storage
        from kcbridge.docs.parallel import analyse_batches
        from kcbridge.docs.pipeline import DocumentInput

        known = self._known_signatures()
        results: list[dict[str, Any]] = []
        batches = [raws[start:start + BATCH] for start in range(0, len(raws), BATCH)]
        inputs = [[DocumentInput(r.text, r.title, r.source, r.published) for r in batch]
                  for batch in batches]
        done = 0
        for batch, analyses in zip(batches, analyse_batches(inputs, workers), strict=True):
            rows: list[dict[str, list[dict[str, Any]]]] = []
            for raw, analysis in zip(batch, analyses, strict=True):
                summary, doc_rows = self._check_duplicates(raw, analysis, known)
                results.append(summary)
                if doc_rows is not None:
                    rows.append(doc_rows)
            storage.write_documents(self.store, rows)
            done += len(batch)
            if progress:
                progress("Analysing documents", done, len(raws))
        return results

    def _known_signatures(self) -> dict[str, Any]:
        t = self.store.table("docs_documents")
        df = t.select("doc_id", "content_hash", "minhash", "published", "duplicate_of",
                      "duplicate_kind", "duplicate_similarity").to_pandas()
        sigs = dedup.SignatureIndex(dedup.NUM_PERM)
        for doc_id, signature in zip(df["doc_id"], df["minhash"], strict=True):
            sigs.add(doc_id, np.asarray(signature, dtype=np.int64))
        published = dict(zip(df["doc_id"], _dates(df["published"]), strict=True))
        near = {d: (o, k, s) for d, o, k, s in zip(
            df["doc_id"], df["duplicate_of"], df["duplicate_kind"], df["duplicate_similarity"],
            strict=True) if isinstance(o, str) and o}
        return {"hashes": dict(zip(df["content_hash"], df["doc_id"], strict=True)),
                "sigs": sigs, "published": published, "near": near}

    def _check_duplicates(
        self, raw: RawDocument, analysis: DocumentAnalysis, known: dict[str, Any]
    ) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]] | None]:
        """The document's summary, and its rows unless it exactly repeats a known one
        (``known`` then also holds it, so later documents of the batch see it). A repeat
        that comes with another publication date (``ingest --published``) is no duplicate
        of itself: the stored document is re-analysed with that date (status
        ``updated``)."""
        from kcbridge.docs import storage

        chash = dedup.content_hash(analysis.text)
        summary = summarise(analysis)
        existing = known["hashes"].get(chash)
        if existing is not None and existing == analysis.doc_id and raw.published is not None \
                and known.get("published", {}).get(existing) != raw.published:
            old = known["published"].get(existing)
            known["published"][existing] = raw.published
            rows = storage.document_records(
                analysis, url=raw.url, fmt=raw.fmt, original=raw.original, content_hash=chash,
                duplicate=known.get("near", {}).get(existing),
                signature=dedup.minhash(analysis.text).astype(np.int64))
            summary.update(status="updated", duplicate_of=None, similarity=None,
                           previous_published=old.isoformat() if old else None)
            return summary, rows
        if existing is not None:
            summary.update(status="exact_duplicate", duplicate_of=existing, similarity=1.0)
            return summary, None
        signature = dedup.minhash(analysis.text).astype(np.int64)
        near = known["sigs"].nearest(signature)
        rows = storage.document_records(
            analysis, url=raw.url, fmt=raw.fmt, original=raw.original, content_hash=chash,
            duplicate=(near[0], "near", round(near[1], 3)) if near else None,
            signature=signature,
        )
        known["hashes"][chash] = analysis.doc_id
        known["sigs"].add(analysis.doc_id, signature)
        known.setdefault("published", {})[analysis.doc_id] = analysis.published
        summary.update(status="near_duplicate" if near else "new",
                       duplicate_of=near[0] if near else None,
                       similarity=round(near[1], 3) if near else None)
        return summary, rows

    # ---- reading -------------------------------------------------------------
    def documents(
        self, *, language: str | None = None, sector: str | None = None,
        limit: int | None = 200, offset: int = 0,
    ) -> pd.DataFrame:
        """Documents, newest first, filtered by language and sector; ``offset`` and
        ``limit`` select a page (``limit=None``: to the end). ``attrs["total"]`` is the
        number of documents the filters match."""
        import ibis

        from kcbridge.store.paging import fetch_page

        t = self.store.table("docs_documents")
        if language:
            t = t.filter(t.language == language)
        if sector:
            t = t.filter(t.sectors.contains(sector))
        cols = ["doc_id", "published", "language", "title", "source", "sectors",
                "n_entities", "n_statements", "duplicate_of"]
        df, total = fetch_page(t.select(cols), [ibis.desc("published"), "doc_id"],
                               count_column="doc_id", limit=limit, offset=offset)
        df["sectors"] = df["sectors"].apply(lambda s: list(s) if s is not None else [])
        df["synthetic"] = df["source"] == DEMO_SOURCE
        df["published"] = _dates(df["published"])
        df.attrs.update(total=total, offset=offset)
        return df

    def document(self, doc_id: str) -> dict[str, Any]:
        t = self.store.table("docs_documents")
        rows = t.filter(t.doc_id == doc_id).drop("original", "minhash", "embedding").to_pandas()
        if rows.empty:
            raise NotFoundError(f"No document {doc_id!r}.",
                                hint="List documents with `kcbridge docs list`.")
        doc = rows.iloc[0].to_dict()
        doc["languages"] = json.loads(doc["languages"] or "{}")
        doc["synthetic"] = doc["source"] == DEMO_SOURCE
        doc["published"] = _dates(rows["published"])[0]
        doc["sectors"] = list(doc["sectors"]) if doc["sectors"] is not None else []
        doc["entities"] = self._rows("docs_entities", doc_id).to_dict("records")
        sectors = self._rows("docs_sectors", doc_id)
        sectors["evidence"] = sectors["evidence"].apply(list)
        doc["sector_tags"] = sectors.to_dict("records")
        statements = self._rows("docs_statements", doc_id).drop(columns=["embedding"])
        for col in ("date", "published"):
            statements[col] = _dates(statements[col])
        for col in ("parties", "countries", "sectors", "mechanisms", "materials"):
            statements[col] = statements[col].apply(list)
        doc["statements"] = statements.to_dict("records")
        return doc

    def original(self, doc_id: str) -> bytes:
        t = self.store.table("docs_documents")
        rows = t.filter(t.doc_id == doc_id).select("original").to_pandas()
        if rows.empty:
            raise NotFoundError(f"No document {doc_id!r}.")
        return bytes(rows.iloc[0]["original"])

    def _rows(self, table: str, doc_id: str) -> pd.DataFrame:
        t = self.store.table(table)
        return t.filter(t.doc_id == doc_id).to_pandas()

    def statements(
        self,
        *,
        sector: str | None = None,
        actor: str | None = None,
        stage: str | None = None,
        language: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> pd.DataFrame:
        """Stored statements with the filters applied (``stage`` is a statement type)."""
        if stage and stage not in STATEMENT_TYPES:
            raise InputError(f"Unknown stage {stage!r}.",
                             hint=f"Use one of {', '.join(STATEMENT_TYPES)}.")
        t = self.store.table("docs_statements")
        if stage:
            t = t.filter(t.type == stage)
        if language:
            t = t.filter(t.lang == language)
        if date_from:
            t = t.filter(t.date >= date_from)
        if date_to:
            t = t.filter(t.date <= date_to)
        if sector:
            t = t.filter(t.sectors.contains(sector))
        df = t.to_pandas()
        for col in ("parties", "countries", "sectors", "mechanisms", "materials"):
            df[col] = df[col].apply(lambda v: list(v) if v is not None else [])
        for col in ("date", "published"):
            df[col] = _dates(df[col])
        if actor:
            key = self.actor_key(actor)
            df = _rows_where(df, lambda r: key in r["parties"] or key == r["proposer"]
                             or key in r["countries"])
        titles = self.store.table("docs_documents").select("doc_id", "title").to_pandas()
        return df.merge(titles, on="doc_id", how="left").reset_index(drop=True)

    @staticmethod
    def actor_key(actor: str) -> str:
        """Canonical id of an actor typed by a user (any alias, any language)."""
        from kcbridge.docs.gazetteer import organisations

        entry = organisations().lookup(actor)
        if entry:
            return entry.id
        from kcbridge.docs.gazetteer import places

        place = places().lookup(actor)
        return place.id if place else actor.strip()

    # ---- search, commitments, signals ------------------------------------------
    def search(
        self,
        query: str,
        *,
        target: str = "documents",
        mode: str = "hybrid",
        limit: int = 20,
        sector: str | None = None,
        actor: str | None = None,
        stage: str | None = None,
        language: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> pd.DataFrame:
        """Full-text + semantic search over ``documents`` or ``statements``."""
        from kcbridge.docs.encoder_cache import embed_queries

        vector = (embed_queries([query], self.platform.settings.home / "cache"
                                / "sentence_encoder")[0] if mode != "text" else None)
        if target == "statements":
            frame = self.statements(sector=sector, actor=actor, stage=stage, language=language,
                                    date_from=date_from, date_to=date_to)
            index = (table_index(self.store, "docs_statements", "statement_id", ["text"])
                     if mode != "semantic" else None)
            ranked = rank(frame, query, text_column="text", query_vector=vector, mode=mode,
                          limit=limit, index=index, id_column="statement_id")
            cols = ["score", "statement_id", "doc_id", "date", "type", "lang", "text", "sectors",
                    "mechanisms", "parties", "confidence", "title"]
            return ranked[[c for c in cols if c in ranked]]
        if target != "documents":
            raise InputError(f"Unknown search target {target!r}.",
                             hint="Use documents or statements.")
        import pandas as pd

        from kcbridge.docs.search_rows import DOCUMENT_RESULT_COLUMNS

        rows = self.search_documents(query, mode=mode, limit=limit, sector=sector,
                                     actor=actor, stage=stage, language=language,
                                     date_from=date_from, date_to=date_to,
                                     query_vector=vector)
        return pd.DataFrame(rows, columns=list(DOCUMENT_RESULT_COLUMNS))

    def search_documents(self, query: str, **kwargs: Any) -> list[dict[str, Any]]:
        """:meth:`search` of documents as plain rows, best first
        (:func:`kcbridge.docs.search_rows.search_documents`: plain SQL and NumPy on DuckDB,
        so a new search from the CLI loads neither pandas nor Ibis)."""
        from kcbridge.docs.search_rows import search_documents

        return search_documents(self, query, **kwargs)

    def commitments(self, *, sector: str | None = None, stage: str | None = None) -> pd.DataFrame:
        """Commitments (re-reports grouped) with their furthest stage and timeline."""
        if stage and stage not in STAGE_ORDER and stage != "restriction":
            raise InputError(f"Unknown stage {stage!r}.",
                             hint="Use proposal, agreement, signed, implemented or restriction.")
        from kcbridge.docs.commitments import track_commitments

        out = track_commitments(self.statements(sector=sector))
        if stage:
            out = out[out["stage"] == stage].reset_index(drop=True)
        return out

    def news_signals(self, since: date | None = None) -> pd.DataFrame:
        """Restriction statements attached to critical items, for the watch."""
        from kcbridge.reference.sectors import critical_items

        statements = self.statements(stage="restriction", date_from=since)
        from kcbridge.docs.signals import restriction_signals

        return restriction_signals(statements, critical_items())

    def organisations(self) -> pd.DataFrame:
        """The alias list of known organisations (``id, country, kind, name_en, name_ko,
        name_zh, aliases``)."""
        import pandas as pd

        from kcbridge.docs.gazetteer import organisation_table

        return pd.DataFrame(organisation_table())

    def organisation_mentions(self) -> pd.DataFrame:
        """Every organisation mention in the stored documents (``doc_id, kind, text, key,
        country, confidence`` ...; no rows when none): what other capabilities read
        instead of the ``docs_entities`` table."""
        t = self.store.table("docs_entities")
        return t.filter(t.kind == "organisation").to_pandas()

    def document_sectors(self) -> pd.DataFrame:
        """Document-level sector tags (``doc_id, sector, score, sentence == -1``)."""
        t = self.store.table("docs_sectors")
        return t.filter(t.sentence == -1).to_pandas()

    def has_statements(self) -> bool:
        """Whether any statement is stored (the watch's news alerts need some)."""
        return self.store.count("docs_statements") > 0

    # ---- demo content, headline --------------------------------------------------
    def load_demo(self) -> dict[str, Any]:
        """Ingest the SYNTHETIC sample corpus (source ``demo``, see :mod:`.demo`).
        Safe to re-run: articles already stored are skipped, not analysed again."""
        from kcbridge.docs.demo import demo_document_ids, demo_documents

        docs = demo_documents()
        ids = demo_document_ids(docs)
        t = self.store.table("docs_documents")
        stored = set(t.filter(t.doc_id.isin(ids)).doc_id.to_pandas())
        todo = [d for d, i in zip(docs, ids, strict=True) if i not in stored]
        results = self.ingest_raw(todo) if todo else []
        return {
            "documents": sum(r["status"] != "exact_duplicate" for r in results),
            "already_stored": len(docs) - len(todo),
            "statements": sum(len(r["statements"]) for r in results),
            "source": DEMO_SOURCE,
            "synthetic": True,
        }

    def headline(self) -> dict[str, Any]:
        """Rows for ``kcbridge report``: documents by language, commitments by stage and
        the latest restriction signal (NotFoundError when no document is stored)."""
        docs = self.store.table("docs_documents").select("language", "source").to_pandas()
        if docs.empty:
            raise NotFoundError("No documents are stored.", hint=NO_DOCUMENTS)
        from kcbridge.docs.demo import headline_rows

        return {"title": "Documents", "rows": headline_rows(
            docs, self.commitments(), self.news_signals())}

    # ---- document management -----------------------------------------------------
    def _stored(self, doc_id: str) -> dict[str, Any]:
        t = self.store.table("docs_documents")
        rows = t.filter(t.doc_id == doc_id).select(
            "doc_id", "title", "source", "url", "fmt", "published", "text", "original",
            "duplicate_of", "duplicate_kind", "duplicate_similarity").to_pandas()
        if rows.empty:
            raise NotFoundError(f"No document {doc_id!r}.",
                                hint="List documents with `kcbridge docs list`.")
        row = rows.iloc[0].to_dict()
        row["published"] = _dates(rows["published"])[0]
        return row

    def delete(self, doc_id: str) -> dict[str, Any]:
        """Remove a document with its entities, sector tags and statements (NotFoundError
        when there is no such document)."""
        from kcbridge.docs import storage

        stored = self._stored(doc_id)
        with self.store.transaction():
            for name in storage.TABLES:
                self.store.delete_where(name, doc_id=doc_id)
        return {"doc_id": doc_id, "deleted": True, "title": stored["title"]}

    def set_metadata(
        self, doc_id: str, *, published: date | None = None, title: str | None = None
    ) -> dict[str, Any]:
        """Change a stored document's publication date and/or title. The document is
        analysed again from its stored text, since relative dates ("on Tuesday", "지난달",
        "上周") and the dates of its statements depend on the publication date; its id,
        original bytes and duplicate links stay. Returns the new summary."""
        from kcbridge.docs import storage

        if published is None and title is None:
            raise InputError("Nothing to change.",
                             hint="Give --published YYYY-MM-DD and/or --title TEXT.")
        if title is not None and not title.strip():
            raise InputError("The title cannot be empty.", hint="Give a title with text.")
        stored = self._stored(doc_id)
        raw = RawDocument(
            text=stored["text"], title=(title.strip() if title is not None else stored["title"]),
            source=stored["source"], fmt=stored["fmt"], original=bytes(stored["original"]),
            published=published if published is not None else stored["published"],
            url=stored["url"] or "")
        from kcbridge.docs.parallel import analyse_batches
        from kcbridge.docs.pipeline import DocumentInput

        (analysis,) = next(iter(analyse_batches(
            [[DocumentInput(raw.text, raw.title, raw.source, raw.published, doc_id)]], 1)))
        kind = stored["duplicate_kind"]
        duplicate = ((stored["duplicate_of"], kind, stored["duplicate_similarity"])
                     if isinstance(kind, str) and kind else None)
        rows = storage.document_records(
            analysis, url=raw.url, fmt=raw.fmt, original=raw.original,
            content_hash=dedup.content_hash(analysis.text), duplicate=duplicate,
            signature=dedup.minhash(analysis.text).astype(np.int64))
        storage.write_documents(self.store, [rows])
        summary = summarise(analysis)
        summary.update(status="updated", previous_published=(
            stored["published"].isoformat() if stored["published"] else None),
            previous_title=stored["title"])
        return summary


def _dates(values: pd.Series) -> list[date | None]:
    """A date column as ``datetime.date`` objects (None when missing): the backend gives
    timestamps, which would print as ``2024-03-14 00:00:00``."""
    import pandas as pd

    stamps = pd.to_datetime(values, errors="coerce")
    return [None if pd.isna(v) else v.date() for v in stamps]


def summarise(a: DocumentAnalysis) -> dict[str, Any]:
    """What ``kcbridge docs ingest`` prints for one document."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for e in a.entities:
        item = seen.setdefault((e.kind, e.key), {"kind": e.kind, "key": e.key, "text": e.text,
                                                 "role": e.role, "mentions": 0})
        item["mentions"] += 1
        item["role"] = item["role"] or e.role
    return {
        "doc_id": a.doc_id, "title": a.title, "source": a.source,
        "published": a.published.isoformat() if a.published else None,
        "language": a.language, "languages": a.languages,
        "entities": list(seen.values()),
        "sectors": [{"sector": t.sector, "score": t.score, "method": t.method}
                    for t in a.sectors if t.sentence is None],
        "statements": [s.to_dict() for s in a.statements],
    }


__all__ = ["DocsService", "summarise"]


def __getattr__(name: str) -> Any:
    """``document_id`` (kcbridge.docs.pipeline's), loaded with the pipeline when asked."""
    if name == "document_id":
        from kcbridge.docs.pipeline import document_id

        return document_id
    raise AttributeError(f"module 'kcbridge.docs.service' has no attribute {name!r}")


def _rows_where(frame: pd.DataFrame, keep: Any) -> pd.DataFrame:
    """The rows of ``frame`` for which ``keep(row)`` is true, with every column kept even
    when ``frame`` is empty (``frame[frame.apply(...)]`` on an empty frame selects no
    columns, so a later ``frame["doc_id"]`` failed with a KeyError)."""
    if frame.empty:
        return frame
    mask = [bool(keep(row)) for row in frame.to_dict("records")]
    return frame.loc[mask]
