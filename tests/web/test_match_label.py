"""The match page labels its score truthfully (issue 12): the ranking is the fused match
score (two-way offer/need score fused with the summaries' similarity, times the type fit
and the trade complementarity), not a "reciprocal score"; each match shows the parts, and
the parts give the score (kcbridge.partners.score_parts)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from kcbridge.api import create_app
from kcbridge.app import Platform
from kcbridge.partners.score_parts import combine

ORG = "demo-org-01a"  # 한빛양극재: its best partner is 江西锂源新材料有限公司


@pytest.fixture(scope="module")
def client(demo_platform: Platform) -> TestClient:
    return TestClient(create_app(demo_platform))


def test_api_match_gives_the_parts_of_every_score(client: TestClient) -> None:
    rows = client.get(f"/api/partners/match/{ORG}").json()["data"]
    assert len(rows) >= 5
    for row in rows:
        parts = row["score_parts"]
        assert parts["summary_weight"] == pytest.approx(0.3)  # MatchWeights.summary
        assert combine(parts) == pytest.approx(row["score"], abs=2e-4)
        assert parts["fused"] == pytest.approx(
            0.7 * parts["two_way"] + 0.3 * max(parts["summary_similarity"], 0.0), abs=2e-4)
        # the default score is the learned one (round 18): it, not "fused", gives the score
        assert 0 < parts["learned_score"] <= 1
        assert [t["feature"] for t in row["learned_terms"]] and len(row["learned_terms"]) == 3
    best = rows[0]
    assert best["partner_name"] == "江西锂源新材料有限公司"
    # the fused score is not the two-way score: the label "reciprocal" was wrong
    assert abs(best["score_parts"]["two_way"] - best["score"]) > 0.05


def _number(cell: str) -> float:
    return float(re.sub(r"<[^>]+>", "", cell).strip())


def test_match_page_labels_the_fused_score_and_shows_parts_that_add_up(
        client: TestClient) -> None:
    html = client.get(f"/partners/match/{ORG}").text
    assert "reciprocal score" not in html
    articles = html.split('<article class="match')[1:]
    assert len(articles) >= 5
    for article in articles:
        assert '<small class="score-label">match score</small>' in article
        score = float(re.search(r'data-score="([0-9.]+)"', article).group(1))  # type: ignore[union-attr]
        cells = dict(re.findall(r'<tr data-part="(\w+)"><td>.*?</td><td class="num">'
                                r"([^<]+)</td></tr>", article))
        assert {"a_offers_b", "b_offers_a", "two_way", "summary_similarity", "fused",
                "learned_score", "type_fit", "complementarity_factor"} <= set(cells)
        assert ("Learned pair score, read from the parts above (moved most from an average "
                "pair: ") in article
        weight = float(re.search(r'<span data-part="summary_weight">([0-9.]+)</span>',
                                 article).group(1))  # type: ignore[union-attr]
        parts = {k: _number(v) for k, v in cells.items()}
        parts.update(summary_weight=weight, exposure_factor=parts.get("exposure_factor", 1.0))
        # the parts as printed (3 decimals) give the printed score
        assert combine(parts) == pytest.approx(score, abs=3e-3)
        total = re.search(r'<tr class="total"><td>= match score</td><td class="num">'
                          r"([0-9.]+)</td>", article)
        assert total is not None and float(total.group(1)) == pytest.approx(score, abs=6e-4)
    assert "How the score is made" in html and "match score" in html
