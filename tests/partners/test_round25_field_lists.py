# ruff: noqa: E501 (lines of Korean and Chinese text count wide characters)
"""Round 25 (issue 12, twenty-first session): in a summary written as a field list ("- 품목:",
"- 사양:", "- 수량:"), an uncued field describes the side of the profile type, not the
first-line-offer order of prose (``offer_need.FIELD_LISTS``). Decided on fresh14..29 by a rule
fixed before the run, then fresh30, written by a helper told nothing of the matcher, scored
once. Record: ``docs/history/partners_round25.json``."""

from __future__ import annotations

import pytest
from tests.partners.history import figures, history

from kcbridge.partners import offer_need
from kcbridge.partners.evaluation import load_fresh_set
from kcbridge.partners.offer_need import split_offer_need

RECORD = "partners_round25.json"  # in docs/history

BUYER = ("- 품목: 알루미늄 방열판 (6063-T5)\n- 사양: 두께 2mm, 아노다이징 블랙\n"
         "- 수량: 월 5,000개\n- 기타: 샘플 10개 선요청")
MAKER = ("Product: rubber conveyor belts, EP100-EP400\nCapacity: 30,000 m per month\n"
         "Certificates: ISO 9001, DIN 22102\nMarkets: Korea, Vietnam, Chile")


def test_a_buyers_field_list_is_its_need() -> None:
    split = split_offer_need(BUYER, "business_request")
    assert split.offer == "" and split.need.startswith("- 품목: 알루미늄 방열판")
    assert "- 수량: 월 5,000개" in split.need
    assert all(h["side"] == "need" and h["rule"].startswith("field ") for h in split.how)


def test_a_makers_field_list_is_its_offer() -> None:
    split = split_offer_need(MAKER, "business_offer")
    assert split.need == "" and "Capacity: 30,000 m per month" in split.offer


def test_a_field_naming_the_organisation_and_a_cued_line_keep_their_side() -> None:
    text = "회사: 인천 소재 전자부품 유통사\n품목: MLCC 0402\n수량: 월 100만 개\n중국 제조사 찾습니다."
    split = split_offer_need(text, "business_request")
    assert split.offer == "회사: 인천 소재 전자부품 유통사"
    assert split.need == "품목: MLCC 0402 수량: 월 100만 개 중국 제조사 찾습니다."


def test_prose_and_single_fields_are_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    prose = "We make hand tools in Ningbo. Pliers and wrenches for DIY chains. Korean importers welcome."
    one_field = "Product: ceramic tiles. We export to Korea."
    for text in (prose, one_field):
        now = split_offer_need(text, "business_offer")
        monkeypatch.setattr(offer_need, "FIELD_LISTS", False)
        before = split_offer_need(text, "business_offer")
        monkeypatch.setattr(offer_need, "FIELD_LISTS", True)
        assert (now.offer, now.need) == (before.offer, before.need)
    # the switch gives the splitter of before on a field list
    monkeypatch.setattr(offer_need, "FIELD_LISTS", False)
    old = split_offer_need(BUYER, "business_request")
    assert old.offer == "- 품목: 알루미늄 방열판 (6063-T5)"


def test_the_decision_as_recorded() -> None:
    rec = history(RECORD)
    seen = rec["seen_decision"]
    assert (seen["off"]["pooled"]["r1"], seen["off"]["pooled"]["mrr"], seen["off"]["pooled"]["same"]) == (0.8594, 0.9183, 0)
    assert (seen["on"]["pooled"]["r1"], seen["on"]["pooled"]["mrr"], seen["on"]["pooled"]["same"]) == (0.8625, 0.92, 0)
    assert (rec["older_sets"]["on"]["pooled"]["r1"], rec["older_sets"]["on"]["pooled"]["mrr"]) == (0.9, 0.9371)


def test_fresh30_as_scored_once() -> None:
    rec = history(RECORD)
    once = rec["fresh30_once"]
    assert figures(once["round25"]["overall"]) == (0.75, 0.8488, 0)
    assert figures(once["without_round25"]["overall"]) == (0.75, 0.85, 0)
    assert figures(once["rules"]["overall"]) == (0.775, 0.8654, 0)
    assert figures(once["plain"]["overall"]) == (0.8, 0.8958, 0)
    assert rec["fresh30_trust_once"]["amber"] == {
        "queries": 8, "met": 8, "red": 0, "amber": 8, "green": 0, "reason_named": 6}


def test_fresh30_layout() -> None:
    data = load_fresh_set(file="eval_fresh30.yaml")
    assert (len(data.partner_of), len(data.distractors)) == (40, 27)
