"""The BM25 index kept per version of the texts gives the scores of the per-query BM25."""

from pathlib import Path

import numpy as np
import pytest

from kcbridge.docs import search_index
from kcbridge.docs.search import bm25, rank
from kcbridge.docs.search_index import SearchIndex, index_folder, table_index
from kcbridge.store.store import Store

IDS = ["a", "b", "c", "d", "e"]
TEXTS = [
    "한국과 중국은 반도체 협력 양해각서를 체결했다",
    "中韩半導體合作对话机制 半导体 产业",
    "Korea and China signed a battery memorandum on battery recycling",
    "The battery plant opened; no semiconductor news",
    "",
]


@pytest.mark.parametrize("query", ["반도체", "半导体", "battery memorandum", "battery", "배터리"])
def test_index_scores_equal_per_query_bm25(query: str) -> None:
    index = SearchIndex.build(IDS, TEXTS)
    np.testing.assert_allclose(index.scores(query), bm25(query, TEXTS), atol=1e-6)


def test_traditional_query_finds_simplified_text_and_subsets_renormalise() -> None:
    index = SearchIndex.build(IDS, TEXTS)
    full = index.scores("半導體")
    assert full.argmax() == 1 and full[1] == 1.0 and full[2] == 0.0
    sub = index.scores("battery", ["d", "zzz"])  # an id not indexed scores 0
    assert sub[0] == 1.0 and sub[1] == 0.0
    assert index.scores("nothing-like-this").sum() == 0.0


def test_saved_index_loads_with_the_same_scores(tmp_path: Path) -> None:
    index = SearchIndex.build(IDS, TEXTS)
    index.save(tmp_path / "idx")
    again = SearchIndex.load(tmp_path / "idx")
    assert again.ids == IDS
    np.testing.assert_allclose(again.scores("battery memorandum"),
                               index.scores("battery memorandum"))


def test_rank_with_an_index_keeps_the_result_shape() -> None:
    import pandas as pd

    frame = pd.DataFrame({"doc_id": IDS, "text": TEXTS, "embedding": [None] * 5})
    plain = rank(frame, "battery", text_column="text", mode="text")
    indexed = rank(frame, "battery", text_column="text", mode="text",
                   index=SearchIndex.build(IDS, TEXTS), id_column="doc_id")
    assert list(indexed.columns) == list(plain.columns)
    assert list(indexed["doc_id"]) == list(plain["doc_id"]) == ["c", "d"]
    np.testing.assert_allclose(indexed["score"], plain["score"])


def _docs_table(store: Store, ids: list[str], texts: list[str]) -> None:
    import ibis
    import pandas as pd

    store.ensure_table("docs_x", ibis.schema({"doc_id": "string", "title": "string",
                                              "text": "string"}))
    store.insert("docs_x", pd.DataFrame({"doc_id": ids, "title": ["t"] * len(ids),
                                         "text": texts}))


def test_index_is_kept_under_the_store_folder_per_version(tmp_path: Path) -> None:
    store = Store(f"duckdb://{tmp_path / 'kcbridge.duckdb'}")
    _docs_table(store, IDS[:3], TEXTS[:3])
    first = table_index(store, "docs_x", "doc_id", ["title", "text"])
    folders = sorted(p.name for p in (tmp_path / "search").iterdir())
    assert len(folders) == 1 and folders[0].startswith("docs_x-")
    assert table_index(store, "docs_x", "doc_id", ["title", "text"]) is first  # memory
    search_index._memory.clear()  # a new process: read from the folder, not rebuilt
    again = table_index(store, "docs_x", "doc_id", ["title", "text"])
    assert again is not first and again.ids == IDS[:3]
    _docs_table(store, IDS[3:4], TEXTS[3:4])  # new texts: a new version, the old folder goes
    newer = table_index(store, "docs_x", "doc_id", ["title", "text"])
    assert newer.ids == IDS[:4] and newer.scores("plant")[3] == 1.0
    after = sorted(p.name for p in (tmp_path / "search").iterdir())
    assert len(after) == 1 and after != folders
    store.close()


def test_damaged_index_folder_is_rebuilt(tmp_path: Path) -> None:
    store = Store(f"duckdb://{tmp_path / 'other.duckdb'}")
    _docs_table(store, IDS[:3], TEXTS[:3])
    table_index(store, "docs_x", "doc_id", ["title", "text"])
    (folder,) = (tmp_path / "other.search").iterdir()
    (folder / "ids.json").write_text("[not json", encoding="utf-8")
    search_index._memory.clear()
    rebuilt = table_index(store, "docs_x", "doc_id", ["title", "text"])
    assert rebuilt.ids == IDS[:3] and rebuilt.scores("battery")[2] == 1.0
    store.close()


def test_memory_stores_keep_no_folder() -> None:
    assert index_folder("duckdb://:memory:") is None
    assert index_folder("duckdb://") is None
    assert index_folder("duckdb:///x/kcbridge.duckdb") == Path("/x/search")
