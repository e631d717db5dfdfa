"""A BM25 index over a store table, built once per version of its texts and kept.

:func:`kcbridge.docs.search.bm25` tokenises every text for every query (16.6 s per query at
20,000 documents). :class:`SearchIndex` tokenises once, with the same tokeniser
(:func:`kcbridge.docs.search.tokens`: ko/zh character bigrams, zh simplified, Latin words),
into a sparse ``bm25s`` index (Lucene BM25, k1 = 1.2, b = 0.75: the same IDF as ``bm25``
and a term weight that differs only by the constant factor k1 + 1, so scores normalised to
the best one are the same), and a query reads one column per query term.

Versions and where indexes live (the write path, explicitly)
------------------------------------------------------------
- The version of a table's texts is a digest of its ids and the lengths of its texts
  (one small SQL query): any ingested, removed or re-extracted document changes it, and a
  write elsewhere in the store (an alert's status) does not.
- A DuckDB file store ``DIR/kcbridge.duckdb`` keeps indexes in ``DIR/search/NAME-VERSION/``
  (``DIR/other.duckdb``: ``DIR/other.search/``), written to a temporary folder and renamed
  into place, outside the catalogue: building or reading an index never opens a write
  transaction. Building one removes the folders of that name's older versions.
- Every store also keeps the index it last used per name in memory (so the dashboard and
  ``kcbridge serve`` load it once); in-memory stores keep only that.

A folder that cannot be read (truncated, written by another bm25s version) is rebuilt; a
folder that cannot be written (read-only disk) only costs the next process the build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import threading
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from kcbridge.docs.search import tokens

log = logging.getLogger("kcbridge.docs.search")

K1 = 1.2
B = 0.75
_IDS = "ids.json"
_cache_lock = threading.Lock()
#: (store object id, name) -> (version, index); one per table and store in this process
_memory: dict[tuple[int, str], tuple[str, SearchIndex]] = {}


class SearchIndex:
    """BM25 over ``texts`` addressed by ``ids`` (strings)."""

    def __init__(self, ids: Sequence[str], retriever: Any) -> None:
        self.ids = [str(i) for i in ids]
        self.position = {doc_id: n for n, doc_id in enumerate(self.ids)}
        self._retriever = retriever

    @classmethod
    def build(cls, ids: Sequence[str], texts: Sequence[str]) -> SearchIndex:
        import bm25s

        retriever = bm25s.BM25(k1=K1, b=B, method="lucene")
        if len(ids):
            retriever.index([tokens(t or "") for t in texts], show_progress=False)
        return cls(ids, retriever if len(ids) else None)

    def scores(self, query: str, ids: Sequence[str] | None = None) -> np.ndarray:
        """BM25 of ``query`` for ``ids`` (default: every indexed text), normalised to the
        best of those; ids that are not indexed score 0."""
        wanted = self.ids if ids is None else [str(i) for i in ids]
        q = list(dict.fromkeys(tokens(query)))
        if not q or not wanted or self._retriever is None:
            return np.zeros(len(wanted))
        vocab = self._retriever.vocab_dict
        q = [t for t in q if t in vocab]
        every = (np.asarray(self._retriever.get_scores(q), dtype=np.float64) if q
                 else np.zeros(len(self.ids)))
        at = np.array([self.position.get(i, -1) for i in wanted], dtype=np.int64)
        out = np.where(at >= 0, every[np.maximum(at, 0)], 0.0) if len(every) else \
            np.zeros(len(wanted))
        top = out.max()
        return out / top if top > 0 else out

    def save(self, folder: Path) -> None:
        """Write to ``folder`` atomically (a temporary sibling renamed into place)."""
        tmp = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}")
        tmp.mkdir(parents=True)
        try:
            if self._retriever is not None:
                self._retriever.save(str(tmp), show_progress=False)
            (tmp / _IDS).write_text(json.dumps(self.ids, ensure_ascii=False), encoding="utf-8")
            tmp.rename(folder)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            if not folder.exists():
                raise

    @classmethod
    def load(cls, folder: Path) -> SearchIndex:
        ids = json.loads((folder / _IDS).read_text(encoding="utf-8"))
        if not ids:
            return cls(ids, None)
        retriever: Any = _SavedScores.load(folder)
        if retriever is None:  # a layout this reader does not know: bm25s's own loader
            import bm25s

            retriever = bm25s.BM25.load(str(folder), show_progress=False)
        return cls(ids, retriever)


class _SavedScores:
    """The scores of a saved bm25s index, read with NumPy alone: bm25s imports SciPy's
    sparse matrices (~0.2 s) at import, which a search of a kept index does not need.
    ``get_scores`` is bm25s's own computation (``BM25.get_scores``: the precomputed
    per-token document scores added with ``np.add.at`` in the same order and dtype), so
    the scores are identical (``tests/docs/test_search_fast_path.py`` compares them).
    Only for the bm25s releases and methods it knows (no non-occurrence array)."""

    KNOWN = {"versions": ("0.3.16",), "methods": ("lucene", "robertson", "atire")}

    def __init__(self, vocab: dict[str, int], data: np.ndarray, indices: np.ndarray,
                 indptr: np.ndarray, num_docs: int, dtype: str, int_dtype: str) -> None:
        self.vocab_dict = vocab
        self.data, self.indices, self.indptr = data, indices, indptr
        self.num_docs, self.dtype, self.int_dtype = num_docs, dtype, int_dtype

    @classmethod
    def load(cls, folder: Path) -> _SavedScores | None:
        try:
            params = json.loads((folder / "params.index.json").read_text(encoding="utf-8"))
            if params.get("version") not in cls.KNOWN["versions"] \
                    or params.get("method") not in cls.KNOWN["methods"] \
                    or (folder / "nonoccurrence_array.index.npy").exists():
                return None
            vocab = json.loads((folder / "vocab.index.json").read_text(encoding="utf-8"))
            data, indices, indptr = (np.load(folder / f"{part}.csc.index.npy",
                                             allow_pickle=False)
                                     for part in ("data", "indices", "indptr"))
            return cls(vocab, data, indices, indptr, int(params["num_docs"]),
                       str(params["dtype"]), str(params["int_dtype"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def get_scores(self, query_tokens: list[str]) -> np.ndarray:
        ids = np.asarray([self.vocab_dict[t] for t in query_tokens if t in self.vocab_dict],
                         dtype=np.dtype(self.int_dtype))
        starts, ends = self.indptr[ids], self.indptr[ids + 1]
        scores = np.zeros(self.num_docs, dtype=np.dtype(self.dtype))
        for start, end in zip(starts, ends, strict=True):
            np.add.at(scores, self.indices[start:end], self.data[start:end])
        return scores


def index_folder(url: str) -> Path | None:
    """Where a store at ``url`` keeps its search indexes (None: in memory only)."""
    if not url.startswith("duckdb://") or url.startswith("duckdb://:memory:") \
            or url == "duckdb://":
        return None
    path = Path(url[len("duckdb://"):])
    return path.parent / ("search" if path.name == "kcbridge.duckdb" else f"{path.stem}.search")


def text_version(store: Any, name: str, id_column: str, text_columns: Sequence[str]) -> str:
    """Digest of the ids and text lengths of table ``name`` (changes when its texts do).
    One plain SQL query on DuckDB (no Ibis to import), the Ibis expression elsewhere: the
    same rows, so the same digest and the same kept index folder."""
    from kcbridge.store.lookups import is_duckdb, query_rows

    if is_duckdb(store):
        length = " + ".join(f'CAST(length(coalesce("{c}", \'\')) AS BIGINT)'
                            for c in text_columns)
        pairs = query_rows(store, name, f'SELECT CAST("{id_column}" AS VARCHAR) AS i, '
                           f'{length} AS n FROM "{name}" ORDER BY i')
        digest = hashlib.sha256()
        for doc_id, n in pairs:
            digest.update(f"{doc_id}\t{n}\n".encode())
        return digest.hexdigest()[:20]
    t = store.table(name)
    length = sum((t[c].fill_null("").length().cast("int64") for c in text_columns[1:]),
                 t[text_columns[0]].fill_null("").length().cast("int64"))
    rows = t.select(i=t[id_column].cast("string"), n=length).order_by("i").to_pyarrow()
    digest = hashlib.sha256()
    for doc_id, n in zip(rows["i"].to_pylist(), rows["n"].to_pylist(), strict=True):
        digest.update(f"{doc_id}\t{n}\n".encode())
    return digest.hexdigest()[:20]


def table_index(store: Any, name: str, id_column: str, text_columns: Sequence[str]) -> SearchIndex:
    """The index of table ``name`` for its current texts (``text_columns`` joined by a new
    line, e.g. title and text): from memory, from the store's folder, or built and kept."""
    version = text_version(store, name, id_column, text_columns)
    key = (id(store), name)
    with _cache_lock:
        hit = _memory.get(key)
    if hit is not None and hit[0] == version:
        return hit[1]
    root = index_folder(getattr(store, "url", ""))
    folder = root / f"{name}-{version}" if root is not None else None
    index: SearchIndex | None = None
    if folder is not None and folder.is_dir():
        try:
            index = SearchIndex.load(folder)
        except Exception as exc:  # a damaged folder is rebuilt, never an error
            log.warning("search index %s unreadable (%s); rebuilding", folder, exc)
            shutil.rmtree(folder, ignore_errors=True)
    if index is None:
        ids, texts = _texts_of(store, name, id_column, text_columns)
        index = SearchIndex.build(ids, texts)
        if folder is not None:
            _keep(index, folder, name)
    with _cache_lock:
        _memory[key] = (version, index)
    return index


def _texts_of(store: Any, name: str, id_column: str, text_columns: Sequence[str]
              ) -> tuple[list[str], list[str]]:
    """The ids of table ``name`` (as text) and their ``text_columns`` joined by a new line
    (a missing text as empty): plain SQL on DuckDB, the Ibis expression elsewhere."""
    from kcbridge.store.lookups import is_duckdb, query_rows

    if is_duckdb(store):
        columns = ", ".join(f'"{c}"' for c in (id_column, *text_columns))
        rows = query_rows(store, name, f'SELECT {columns} FROM "{name}"')
    else:
        table = store.table(name).select(id_column, *text_columns).to_pyarrow()
        rows = list(zip(*(table[c].to_pylist() for c in (id_column, *text_columns)),
                        strict=True))
    ids = [str(r[0]) for r in rows]
    texts = ["\n".join("" if v is None else str(v) for v in r[1:]) for r in rows]
    return ids, texts


def _keep(index: SearchIndex, folder: Path, name: str) -> None:
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        index.save(folder)
        for old in folder.parent.glob(f"{name}-*"):
            if old != folder and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        log.warning("search index not kept in %s (%s)", folder, exc)
