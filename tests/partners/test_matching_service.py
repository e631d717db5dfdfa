"""Reciprocal matching (index and explanations), evaluation set, service, CLI and API."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from kcbridge.partners.evaluation import evaluate_matching
from kcbridge.partners.fast_index import ReciprocalIndex
from kcbridge.partners.guideline import cooperation_guideline
from kcbridge.partners.index import (
    MatchWeights,
    ProfileArrays,
    exact_top_k,
    keyword_signature,
    reciprocal,
)

DATA = Path(__file__).parent / "data"


def _arrays(offer: np.ndarray, need: np.ndarray, country: list[int],
            types: list[str] | None = None) -> ProfileArrays:
    from kcbridge.partners.profile_types import PROFILE_TYPES

    n = len(offer)
    types = types or ["research_request"] * n  # research cooperation fits itself fully
    return ProfileArrays(offer.astype(np.float32), need.astype(np.float32),
                         np.zeros(n, np.uint64), np.zeros(n, np.uint64),
                         np.array(country, np.int32), np.arange(n), np.full(n, -1, np.int16),
                         ptype=np.array([PROFILE_TYPES.index(t) for t in types], np.int8))


def test_reciprocal_score_needs_both_directions() -> None:
    e = np.eye(3)
    # 0 offers x and needs y; 1 offers y and needs x (mutual); 2 needs x but offers z.
    arrays = _arrays(np.array([e[0], e[1], e[2]]), np.array([e[1], e[0], e[0]]), [0, 1, 1])
    rows, scores = exact_top_k(arrays, 0, k=2,
                               weights=MatchWeights(1.0, 0.0, 0.0, balance=0.0, ranker=None))
    assert rows.tolist() == [1, 2]
    assert scores.tolist() == [1.0, 0.0]  # harmonic mean of (1, 1) and of (1, 0)
    # the default is the arithmetic mean (balance 1.0, since fresh13): the one-sided pair
    # keeps 0.5, still far below the mutual one; balance 0.9 left it 0.45
    rows, scores = exact_top_k(arrays, 0, k=2, weights=MatchWeights(1.0, 0.0, 0.0, ranker=None))
    assert rows.tolist() == [1, 2] and scores.tolist() == pytest.approx([1.0, 0.5])
    _, mixed = exact_top_k(arrays, 0, k=2,
                           weights=MatchWeights(1.0, 0.0, 0.0, balance=0.9, ranker=None))
    assert mixed.tolist() == pytest.approx([1.0, 0.45])
    assert reciprocal(np.array([0.8]), np.array([0.2])).tolist() == pytest.approx([0.32])


def test_cross_border_and_allowed_mask() -> None:
    e = np.eye(2)
    arrays = _arrays(np.array([e[0], e[1], e[1]]), np.array([e[1], e[0], e[0]]), [0, 0, 1])
    assert exact_top_k(arrays, 0, k=5)[0].tolist() == [2]
    assert exact_top_k(arrays, 0, k=5, cross_border=False)[0].tolist() == [1, 2]
    allowed = np.array([True, True, False])
    assert exact_top_k(arrays, 0, k=5, allowed=allowed)[0].tolist() == []


def test_fast_index_agrees_with_brute_force() -> None:
    rng = np.random.default_rng(7)
    n, d = 3000, 32
    offer = rng.standard_normal((n, d))
    need = rng.standard_normal((n, d))
    offer /= np.linalg.norm(offer, axis=1, keepdims=True)
    need /= np.linalg.norm(need, axis=1, keepdims=True)
    arrays = _arrays(offer, need, list(rng.integers(0, 2, n)))
    arrays.keywords[:] = [keyword_signature([f"k{i % 7}"]) for i in range(n)]
    index = ReciprocalIndex(arrays, dims=32, pool=200)
    for q in (0, 10, 500):
        assert index.top_k(q, 10)[0].tolist() == exact_top_k(arrays, q, 10)[0].tolist()


def test_evaluation_set_meets_target() -> None:
    report = evaluate_matching()
    assert report["profiles"] >= 60
    assert report["overall"]["recall_at_5"] >= 0.9
    assert report["cross_language"]["recall_at_5"] >= 0.9


@pytest.fixture
def loaded(platform):  # type: ignore[no-untyped-def]
    service = platform.partners
    service.import_file(DATA / "registry.json")
    service.import_list(DATA / "entity_list.csv")
    return platform


def test_service_match_explains_and_screens(loaded) -> None:  # type: ignore[no-untyped-def]
    service = loaded.partners
    matches = service.match("(주)한빛소재", k=5)
    # p-cn2 is expired; the only live cross-border partner is the lithium supplier
    assert [m["partner_profile_id"] for m in matches] == ["p-cn"]
    m = matches[0]
    assert m["shared_sectors"] == ["batteries"] and m["shared_keywords"] == ["cathode"]
    assert m["a_offers_b"]["similarity"] > 0.3 and m["b_offers_a"]["similarity"] > 0.3
    assert m["trust_flagged"] is False and m["guideline_level"] == "amber"
    # lithium hydroxide (수산화리튬 / 氢氧化锂) is a critical item: named in the reasons
    assert {i["code"] for i in m["controlled_items"]} >= {"282520"}
    assert any("Lithium oxide and hydroxide" in r for r in m["guideline_reasons"])
    # today's views count from tomorrow on, and one organisation counts once
    from datetime import timedelta

    tomorrow = __import__("datetime").date.today() + timedelta(days=1)
    assert service.exposure_counts() == {}
    service.match("(주)한빛소재", k=5)
    assert service.exposure_counts(today=tomorrow) == {"p-cn": 1}


def test_exposure_never_hides_a_clear_best_partner(loaded) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, timedelta

    service = loaded.partners
    for _ in range(25):
        service.match("p-kr", exposure_cap=2)
    later = date.today() + timedelta(days=1)
    assert service.exposure_counts(today=later) == {"p-cn": 1}  # one viewer, 25 views
    again = service.match("p-kr", exposure_cap=1, today=later)
    assert [m["partner_profile_id"] for m in again] == ["p-cn"]  # re-ranked, never removed
    assert "kept in place" in again[0]["exposure_note"]


def test_outcomes_and_screening(loaded) -> None:  # type: ignore[no-untyped-def]
    service = loaded.partners
    service.record_outcome("p-kr", "p-cn", "contacted")
    assert service.outcomes()["outcome"].tolist() == ["contacted"]
    results = {r.name: r.flagged for r in service.screen("registry")}
    assert results == {"(주)한빛소재": False, "江西锂源新材料有限公司": False, "华为技术有限公司": True}  # noqa: E501 (wide CJK characters)


def test_cli_screen_and_guideline(loaded) -> None:  # type: ignore[no-untyped-def]
    import json

    from kcbridge.cli import app
    from kcbridge.cli.common import set_platform_factory

    set_platform_factory(lambda: loaded)
    try:
        out = CliRunner().invoke(app, ["partners", "screen", "華為技術", "--format", "json"])
        assert out.exit_code == 0, out.output
        result = json.loads(out.output)["results"][0]
        assert result["flagged"] is True and result["hits"][0]["list_id"] == "us-entity-list"
        out = CliRunner().invoke(app, ["trust", "guideline", "--format", "json"])
        rows = len(cooperation_guideline())  # sectors x 7 types + the unknown-sector rows
        assert out.exit_code == 0 and len(json.loads(out.output)["rows"]) == rows
        out = CliRunner().invoke(app, ["partners", "match", "Nobody Ltd"])
        assert out.exit_code == 1 and "Error:" in out.output
    finally:
        set_platform_factory(None)


def test_api_reads_and_token_for_writes(loaded) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from kcbridge.api import create_app

    client = TestClient(create_app(loaded))
    body = client.get("/api/partners/screen", params={"name": "화위기술유한공사"}).json()
    assert body["ok"] and body["data"][0]["flagged"] is True
    denied = client.post("/api/partners/outcomes", json={
        "profile_id": "p-kr", "partner_profile_id": "p-cn", "outcome": "accepted"})
    assert denied.status_code == 401 and denied.json()["ok"] is False
    ok = client.post("/api/partners/outcomes", headers={"Authorization": "Bearer test-token"},
                     json={"profile_id": "p-kr", "partner_profile_id": "p-cn",
                           "outcome": "accepted"})
    assert ok.status_code == 200 and ok.json()["data"]["outcome"] == "accepted"
    matched = client.get("/api/partners/match/p-kr").json()["data"]
    assert matched[0]["partner_profile_id"] == "p-cn"


def test_dashboard_pages(loaded) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from kcbridge.api import create_app

    client = TestClient(create_app(loaded))
    page = client.get("/partners", params={"q": "한빛소재"})
    assert page.status_code == 200 and "(주)한빛소재" in page.text
    page = client.get("/partners/match/o-kr")
    assert page.status_code == 200 and "江西锂源新材料有限公司" in page.text
    page = client.get("/partners/guideline")
    rows = len(cooperation_guideline())
    assert page.status_code == 200 and page.text.count("<tr class=\"level-") == rows
