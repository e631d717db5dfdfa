"""fresh22 (eighteenth session): a confirmation run of the shipped matcher on a set written by
someone told nothing of it, scored once; then (seen) the label words it refused and the
controlled items it left unnamed. Record: ``docs/history/partners_fresh22.json``."""

from __future__ import annotations

import pytest
from tests.partners.history import figures, history

from kcbridge.partners.evaluation import evaluate_one_summary, load_fresh_set
from kcbridge.partners.index import RULES, MatchWeights
from kcbridge.partners.learned import round19_ranker
from kcbridge.partners.profile_types import infer_profile_type

RECORD = "partners_fresh22.json"  # in docs/history


def test_layout() -> None:
    data = load_fresh_set(file="eval_fresh22.yaml")
    assert (len(data.partner_of), len(data.distractors)) == (40, 26)


def test_fresh22_as_scored_once() -> None:
    once = history(RECORD)["fresh22_once"]
    assert figures(once["round19"]) == (0.75, 0.8256, 0)
    assert figures(once["rules"]) == (0.7, 0.8313, 0)
    # the plain cosine first again at rank 1, with 7 same-direction profiles above partners
    assert figures(once["plain"]) == (0.8, 0.8729, 7)
    assert len(history(RECORD)["labels_refused"]) == 10


@pytest.mark.parametrize(("label", "meant"), [
    ("Supply", "business_offer"), ("供货", "business_offer"), ("공급 가능", "business_offer"),
    ("RFQ", "business_request"), ("Looking for dealer", "business_offer"),
    ("技术攻关", "technology_request"), ("중고 장비 매각", "business_offer"),
    ("중고장비 판매", "business_offer"), ("공급선 다변화", "business_request"),
    # kept as they were: seeking suppliers, buying equipment, a seller's diversification
    ("寻找供货商", "business_request"), ("장비 구매", "business_request"),
    ("수출 다변화", "business_offer"), ("Partner search - sales channel", "business_request"),
])
def test_label_words_added_after_fresh22(label: str, meant: str) -> None:
    assert infer_profile_type(label) == meant


@pytest.mark.slow
def test_fresh22_now() -> None:
    """Seen since: no label refused, two read the other way (a dealer that imports, a seller
    seeking trading accounts) until round 22 (twentieth session) read their side from their
    summaries ("수입을 검토", "공급하고 싶"); the round-19 model 0.775 / 0.8381 before it."""
    after = history(RECORD)["after_label_words"]
    assert figures(after["round19"]) == (0.775, 0.8381, 0)
    report = evaluate_one_summary(dataset="fresh22",
                                  weights=MatchWeights(ranker=round19_ranker()))
    assert figures(report["overall"]) == (0.875, 0.9313, 0)
    assert report["labels_refused"] == [] and report["labels_mismapped"] == []
    # the shipped model since round 21 was trained with fresh22 (in-sample, not a test):
    # 0.775 / 0.8337 before round 22; the rules alone 0.7 / 0.8313 before it
    assert figures(evaluate_one_summary(dataset="fresh22")["overall"]) == (0.875, 0.9313, 0)
    assert figures(evaluate_one_summary(dataset="fresh22", weights=RULES)["overall"]) == (
        0.775, 0.875, 0)


def test_trust_names_every_controlled_item_of_fresh22_since() -> None:
    rec = history(RECORD)
    assert rec["trust_once"]["amber"]["queries"] == 6 == rec["trust_once"]["amber"]["amber"]
    assert rec["trust_once"]["amber"]["reason_named"] == 4
    assert rec["trust_after_terms"]["amber"]["reason_named"] == 6
    assert rec["trust_after_terms"]["open"]["green"] == 0


@pytest.mark.slow
@pytest.mark.parametrize(("dataset", "controlled", "named"), [
    # fresh22: trimethylaluminium and scrub typhus by name since (3C003, AG human pathogens)
    ("fresh22", 6, 6),
    # fresh21 (seen) named the item of 2 of its 8 controlled queries; with atomic frequency
    # standards (Wassenaar 3A002.g) and Magnaporthe oryzae (AG plant pathogens) by name, 6
    ("fresh21", 8, 6),
])
def test_trust_now(dataset: str, controlled: int, named: int) -> None:
    from kcbridge.partners.trust_evaluation import evaluate_pair_trust

    report = evaluate_pair_trust(dataset)
    assert report["by_mark"]["amber"]["queries"] == controlled
    assert report["by_mark"]["amber"]["reason_named"] == named
    assert report["by_mark"]["open"]["green"] == 0
