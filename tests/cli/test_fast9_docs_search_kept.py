"""`kcbridge docs search` asked again is answered from what it printed (issue 14,
kcbridge.docs.search_answers): the same text and JSON, without pandas or the docs service;
a changed document is a new version. Behaviour, not timing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.cli.probe import run_cli

from kcbridge.app import Platform
from kcbridge.capabilities import capability
from kcbridge.docs import search_answers


def _run(home: Path, *argv: str) -> dict[str, Any]:
    result = run_cli(home, argv, watch=("pandas", "kcbridge.docs.service"))
    assert result["code"] == 0, result
    return {**result, "heavy": result["loaded"]}


@pytest.mark.parametrize("args", [
    ["docs", "search", "battery"],
    ["docs", "search", "battery", "--format", "json"],
    ["docs", "search", "반도체", "--target", "statements", "--language", "ko"],
])
def test_kept_search_prints_what_the_computed_search_printed(tiny_demo_copy: Path,
                                                             args: list[str]) -> None:
    computed = _run(tiny_demo_copy, *args)
    kept = _run(tiny_demo_copy, *args)
    # the check can fail: a statement search ranks a DataFrame, a document search plain rows
    assert computed["heavy"] == (["kcbridge.docs.service", "pandas"] if "statements" in args
                                 else ["kcbridge.docs.service"])
    assert kept["heavy"] == []
    assert kept["stdout"] == computed["stdout"]
    assert "SYNTHETIC" in kept["stdout"] or '"synthetic": true' in kept["stdout"]


def test_a_new_document_search_loads_neither_pandas_nor_ibis(tiny_demo_copy: Path) -> None:
    """A first-time question (nothing kept for it) reads the store with plain SQL and
    ranks with NumPy; the same rows as the service's DataFrame (the API's answer)."""
    result = run_cli(tiny_demo_copy, ["docs", "search", "battery recycling", "--format",
                                      "json", "--limit", "3"],
                     watch=("pandas", "ibis", "kcbridge.docs.service"))
    assert result["code"] == 0, result
    assert result["loaded"] == ["kcbridge.docs.service"]
    rows = json.loads(result["stdout"])["rows"]
    p = Platform(home=tiny_demo_copy)
    frame = p.docs.search("battery recycling", limit=3)
    p.close()
    assert [r["doc_id"] for r in rows] == list(frame["doc_id"])
    assert [r["score"] for r in rows] == list(frame["score"])
    assert rows and "recycling" in rows[0]["title"].lower()


def test_a_changed_document_is_searched_again(tiny_demo_copy: Path) -> None:
    args = ["docs", "search", "battery", "--format", "json"]
    before = json.loads(_run(tiny_demo_copy, *args)["stdout"])["rows"]
    assert before and before[0]["title"]
    p = Platform(home=tiny_demo_copy)
    version = search_answers.search_version(p.store)
    with p.store.transaction():
        p.store.mark_written()
        p.store._raw().execute("UPDATE docs_documents SET title = 'Retitled battery pact' "
                               f"WHERE doc_id = '{before[0]['doc_id']}'")
    assert search_answers.search_version(p.store) != version
    p.close()
    after = _run(tiny_demo_copy, *args)
    assert "kcbridge.docs.service" in after["heavy"]  # computed again
    rows = json.loads(after["stdout"])["rows"]
    assert [r["title"] for r in rows if r["doc_id"] == before[0]["doc_id"]] == [
        "Retitled battery pact"]


def test_the_versioned_tables_and_encoder_are_the_docs_ones() -> None:
    from kcbridge.docs.encoder_cache import PACKAGE

    assert set(search_answers.DOCS_TABLES) == set(capability("docs").tables)
    assert search_answers.ENCODER_PACKAGE == PACKAGE
