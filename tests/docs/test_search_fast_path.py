"""`kcbridge docs search` on a DuckDB store reads with plain SQL (no Ibis): the documents
frame and the search index's text version are those of the Ibis expressions they replaced,
so the same kept index is used and the rankings do not change."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from kcbridge.app import Platform
from kcbridge.docs import service, storage
from kcbridge.docs.search_index import text_version


def _ibis_text_version(store: object, name: str, id_column: str, columns: list[str]) -> str:
    """The Ibis expression text_version ran before (other engines still run it)."""
    t = store.table(name)  # type: ignore[attr-defined]
    length = sum((t[c].fill_null("").length().cast("int64") for c in columns[1:]),
                 t[columns[0]].fill_null("").length().cast("int64"))
    rows = t.select(i=t[id_column].cast("string"), n=length).order_by("i").to_pyarrow()
    digest = hashlib.sha256()
    for doc_id, n in zip(rows["i"].to_pylist(), rows["n"].to_pylist(), strict=True):
        digest.update(f"{doc_id}\t{n}\n".encode())
    return digest.hexdigest()[:20]


@pytest.mark.parametrize(("name", "id_column", "columns"), [
    ("docs_documents", "doc_id", ["title", "text"]),
    ("docs_statements", "statement_id", ["text"]),
])
def test_text_version_same_as_ibis(demo_platform: Platform, name: str, id_column: str,
                                   columns: list[str]) -> None:
    store = demo_platform.store
    assert text_version(store, name, id_column, columns) == \
        _ibis_text_version(store, name, id_column, columns)


@pytest.mark.parametrize(("language", "since", "until"), [
    (None, None, None), ("ko", None, None), ("en", date(2024, 1, 1), None),
    (None, date(2024, 1, 1), date(2024, 6, 30)), ("zh", date(2030, 1, 1), None),
])
def test_document_rows_same_as_ibis(demo_platform: Platform, language: str | None,
                                    since: date | None, until: date | None) -> None:
    """The plain-SQL rows a search ranks are the rows (and values) the Ibis expression
    of other engines gives."""
    from kcbridge.docs.search_rows import SEARCH_FIELDS, document_rows

    t = demo_platform.store.table("docs_documents").select(*SEARCH_FIELDS)
    if language:
        t = t.filter(t.language == language)
    if since:
        t = t.filter(t.published >= since)
    if until:
        t = t.filter(t.published <= until)
    expected = t.to_pandas().to_dict("records")
    found = document_rows(demo_platform.store, language, since, until)
    assert len(found) == len(expected)
    if language == "ko":
        assert len(found) >= 3  # the demo has Korean documents: the filter kept them
    for got, want in zip(found, expected, strict=True):
        assert list(got) == list(SEARCH_FIELDS)
        assert got["embedding"] == [float(x) for x in want["embedding"]]  # lists of floats
        assert got["sectors"] == list(want["sectors"])
        # seconds from Ibis, microseconds from DuckDB: the same dates
        assert pd.Timestamp(got["published"]) == pd.Timestamp(want["published"])
        for field in ("doc_id", "title", "text", "language", "source"):
            assert got[field] == want[field], field


def test_search_finds_the_battery_recycling_document(demo_platform: Platform) -> None:
    ranked = demo_platform.docs.search("battery recycling", limit=5)
    assert 1 <= len(ranked) <= 5
    assert "recycling" in ranked.iloc[0]["title"].lower()
    assert ranked["score"].is_monotonic_decreasing
    assert "batteries" in ranked.iloc[0]["sectors"]


def test_service_tables_are_the_storage_tables() -> None:
    """DocsService checks for these tables before importing the storage module."""
    assert set(service.TABLES) == set(storage.TABLES)


def test_saved_scores_equal_bm25s(tmp_path: Path) -> None:
    """A kept index is scored with NumPy alone, exactly as bm25s scores it."""
    import bm25s
    import numpy as np

    from kcbridge.docs.search import tokens
    from kcbridge.docs.search_index import SearchIndex, _SavedScores

    texts = ["Samsung SDI and CATL sign a battery recycling MOU",
             "한중 수소 공동연구소 설립 협약 체결", "中韩电池回收合作 稀土出口管制",
             "battery battery battery cells and hydrogen", "Gallium and germanium export controls",
             "", "수소 배터리 반도체 협력"]
    folder = tmp_path / "docs_documents-test"
    SearchIndex.build([f"d{i}" for i in range(len(texts))], texts).save(folder)
    mine = _SavedScores.load(folder)
    assert mine is not None
    ref = bm25s.BM25.load(str(folder), show_progress=False)
    checked = 0
    for query in ["battery", "수소 협력", "稀土 出口管制", "battery hydrogen gallium", "MOU 체결"]:
        q = [t for t in dict.fromkeys(tokens(query)) if t in ref.vocab_dict]
        assert q, query
        found, expected = mine.get_scores(q), ref.get_scores(q)
        assert found.dtype == expected.dtype and np.array_equal(found, expected), query
        assert found.max() > 0
        checked += 1
    assert checked == 5
    loaded = SearchIndex.load(folder)
    assert isinstance(loaded._retriever, _SavedScores)
    assert loaded.scores("battery")[0] == 1.0 or loaded.scores("battery").max() == 1.0
    # a layout it does not know (another bm25s release): bm25s's own loader reads it
    params = folder / "params.index.json"
    params.write_text(params.read_text().replace('"0.3.16"', '"9.9.9"'))
    assert _SavedScores.load(folder) is None
    assert isinstance(SearchIndex.load(folder)._retriever, bm25s.BM25)
