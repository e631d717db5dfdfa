"""Search with filters that leave nothing: an empty answer with its columns, never a 500.

A language filter that matched no document, followed by a sector filter, used to select
no *columns* (``frame[frame.apply(...)]`` on an empty frame), so the API answered
``GET /api/docs/search?language=zz&sector=batteries`` with a KeyError (found by the
OpenAPI fuzz test)."""

from __future__ import annotations

import itertools

import pytest


@pytest.fixture
def demo_docs(platform):  # type: ignore[no-untyped-def]
    platform.docs.load_demo()
    return platform


@pytest.mark.parametrize("target", ["documents", "statements"])
def test_every_filter_combination_answers_with_its_columns(demo_docs, target) -> None:  # type: ignore[no-untyped-def]
    expected = {"documents": {"score", "doc_id", "title", "sectors"},
                "statements": {"score", "statement_id", "doc_id", "type", "text"}}[target]
    empty = 0
    for actor, stage, language, sector in itertools.product(
            [None, "no such actor", "Samsung"], [None, "signed"], [None, "zz", "en"],
            [None, "batteries", "no_such_sector"]):
        hits = demo_docs.docs.search("battery", target=target, mode="text", actor=actor,
                                     stage=stage, language=language, sector=sector)
        assert expected <= set(hits.columns), (actor, stage, language, sector)
        empty += hits.empty
    assert empty > 0  # the combinations include filters that leave nothing


def test_api_search_with_an_empty_filter_result_is_200(demo_docs) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from kcbridge.api import create_app

    client = TestClient(create_app(demo_docs))
    answer = client.get("/api/docs/search",
                        params={"q": "battery", "language": "zz", "sector": "batteries"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["ok"] is True
