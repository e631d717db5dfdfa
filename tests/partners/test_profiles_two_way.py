# ruff: noqa: E501 (lines of Korean and Chinese text count wide characters)
"""Issue 12 rules on profiles written for these tests (ko / zh / en): written profile types,
offer/need split from one summary, type gating and peers, controlled items and fail-closed
trust, exposure that re-ranks without hiding, and the one-summary evaluation."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd
import pytest

from kcbridge.errors import InputError
from kcbridge.partners.controls import controlled_items, sectors_from_text
from kcbridge.partners.offer_need import split_offer_need
from kcbridge.partners.pair_trust import assess_pair
from kcbridge.partners.profile_types import canonical_profile_type, compatibility, is_peer
from kcbridge.partners.registry import normalise_organisations, normalise_profiles


@pytest.mark.parametrize(("label", "canonical"), [
    ("Technology Offer", "technology_offer"), ("TO", "technology_offer"),
    ("BR", "business_request"), ("R&D request", "research_request"),
    ("research cooperation request", "research_request"), ("기술 제안", "technology_offer"),
    ("기술 요청", "technology_request"), ("技术需求", "technology_request"),
    ("技术供给", "technology_offer"), ("business-offer", "business_offer"),
    ("투자 유치", "investment_request"), ("融资需求", "investment_request"),
])
def test_written_profile_types(label: str, canonical: str) -> None:
    assert canonical_profile_type(label) == canonical


def test_unknown_profile_type_is_refused_with_the_accepted_list() -> None:
    with pytest.raises(InputError) as err:
        canonical_profile_type("partnership wish", "reg.json row 2")
    text = str(err.value)
    assert "reg.json row 2" in text and "'partnership wish'" in text
    assert "technology_offer (technology offer, tech offer, TO" in text and "技术需求" in text


def test_split_english_one_sentence_with_both_sides() -> None:
    s = split_offer_need("We offer a laser welding head for battery tabs and are looking for a "
                         "distributor in China.", "technology_offer")
    assert s.offer == "We offer a laser welding head for battery tabs"
    assert s.need == "looking for a distributor in China."
    assert "cue 'We offer'" in s.derivation("offer") and "looking for" in s.derivation("need")


def test_split_korean_is_decided_by_the_final_verb() -> None:
    # 공급하고 (supply) inside the clause, 찾습니다 (seek) at the end: the sentence seeks
    s = split_offer_need("전해액 첨가제를 개발했습니다. 첨가제를 안정적으로 공급하고 함께 생산할 "
                         "중국 파트너를 찾습니다.", "technology_offer")
    assert s.offer == "전해액 첨가제를 개발했습니다."
    assert s.need.startswith("첨가제를 안정적으로") and s.need.endswith("찾습니다.")


def test_split_chinese_need_first_and_comma_clause() -> None:
    s = split_offer_need("寻找韩国电池厂客户。我们生产高纯六氟磷酸锂。", "business_offer")
    assert s.need == "寻找韩国电池厂客户。" and s.offer == "我们生产高纯六氟磷酸锂。"
    s = split_offer_need("我们提供储能变流器，同时寻找韩国储能项目开发商。", "business_offer")
    assert s.offer == "我们提供储能变流器" and s.need == "寻找韩国储能项目开发商。"


def test_split_never_uses_one_text_twice_nor_invents_a_need() -> None:
    only_offer = split_offer_need("Hydrogen compressors rated 90 MPa.", "business_offer")
    assert only_offer.offer == "Hydrogen compressors rated 90 MPa." and only_offer.need == ""
    only_need = split_offer_need("A supplier of 90 MPa hydrogen compressors.", "business_request")
    assert only_need.need == "A supplier of 90 MPa hydrogen compressors." and not only_need.offer
    both = split_offer_need("90 MPa 수소 압축기. 충전소 운영사.", "technology_offer")
    assert both.offer and both.need and both.offer != both.need


def test_registry_profile_from_one_summary_keeps_the_derivation() -> None:
    orgs = normalise_organisations(pd.DataFrame([
        {"org_id": "o1", "name": "세광수소", "country": "KOR"}]))
    profiles = normalise_profiles(pd.DataFrame([{
        "org_name": "세광수소", "profile_type": "기술 제안",
        "summary": "90MPa 수소 압축기를 공급합니다. 중국 충전소 운영사를 찾습니다."}]), orgs)
    row = profiles.iloc[0]
    assert row["profile_type"] == "technology_offer"
    assert row["offer"] == "90MPa 수소 압축기를 공급합니다."
    assert row["need"] == "중국 충전소 운영사를 찾습니다."
    assert "hydrogen" in row["sectors"]  # read from the text: the profile gave none


def test_profiles_of_unknown_organisations_are_refused_by_name() -> None:
    with pytest.raises(InputError, match="org_name 'Ghost Ltd'.*neither in this file"):
        normalise_profiles(pd.DataFrame([{"org_name": "Ghost Ltd", "profile_type": "TO",
                                          "summary": "x"}]), None, source="f.json")


def test_type_compatibility_table() -> None:
    assert compatibility("technology_offer", "technology_request") == 1.0
    assert compatibility("investment_offer", "investment_request") == 1.0
    assert compatibility("research_request", "research_request") == 1.0
    assert compatibility("technology_offer", "technology_offer") == 0.0
    assert compatibility("business_request", "business_request") == 0.0
    assert 0 < compatibility("technology_request", "business_request") < 1
    assert is_peer("technology_offer", "technology_offer")
    assert not is_peer("research_request", "research_request")


def test_controlled_items_named_in_three_languages() -> None:
    def names(text: str) -> set[str]:
        return {i.code for i in controlled_items(text)}

    assert names("전자급 불화수소를 공급할 업체를 찾습니다.") == {"semiconductor_chemicals", "281111"}
    assert names("提供电子级氢氟酸") == {"semiconductor_chemicals", "281111"}
    assert "advanced_chips" in names("We invest in AI inference-chip start-ups.")
    assert "drones" in names("生产农业植保喷洒无人机。")
    assert "quantum" not in names("QD-OLED quantum dot colour film")  # a display material
    assert "quantum" in names("superconducting qubit control electronics")
    assert names("Wooden furniture for hotels.") == set()
    assert sectors_from_text("전자급 불화수소") != ["hydrogen"]  # 수소 inside 불화수소
    assert sectors_from_text("수소 트럭용 연료전지") == ["hydrogen"]


def _profile(**kw: Any) -> dict[str, Any]:
    base = {"title": "", "summary": "", "offer": "", "need": "", "keywords": [],
            "sectors": [], "partnership_types": []}
    return {**base, **kw}


def test_pair_trust_fails_closed() -> None:
    from kcbridge.partners.screening import ScreenResult

    clean = [ScreenResult("A", False), ScreenResult("B", False)]
    kr, cn = {"name": "A", "country": "KOR"}, {"name": "B", "country": "CHN"}
    # chemicals: semiconductor sector, hydrogen fluoride named -> amber with the item
    hf = assess_pair(_profile(need="전자급 불화수소 공급사를 찾습니다.", sectors=["semiconductors"]),
                     _profile(offer="我们生产电子级氢氟酸。", sectors=["semiconductors"]),
                     kr, cn, clean)
    assert hf.level == "amber"
    assert any("Hydrogen fluoride" in r and "불화수소" in r for r in hf.reasons)
    # no sector on either side and nothing controlled: review, never green
    unknown = assess_pair(_profile(offer="Wooden furniture."), _profile(need="Hotel furniture."),
                          kr, cn, clean)
    assert unknown.level == "amber" and unknown.review
    assert any("fail closed" in r for r in unknown.reasons)
    # no list loaded: the counterpart was not screened -> review
    unscreened = assess_pair(_profile(sectors=["hydrogen"], partnership_types=["licence"]),
                             _profile(sectors=["hydrogen"]), kr, cn, None)
    assert unscreened.level == "amber" and "not screened" in unscreened.reasons[0]
    # everything known and open: green
    green = assess_pair(_profile(offer="Electrolyser stacks.", sectors=["hydrogen"],
                                 partnership_types=["licence"]),
                        _profile(need="Electrolyser stacks.", sectors=["hydrogen"]),
                        kr, cn, clean)
    assert green.level == "green" and not green.review


# ---- service: gating, peers, trust, exposure -------------------------------------------------
REGISTRY = {
    "organisations": [
        {"org_id": "kr-fab", "name": "한누리반도체", "country": "KOR", "kind": "enterprise"},
        {"org_id": "kr-fab2", "name": "새빛반도체", "country": "KOR", "kind": "enterprise"},
        {"org_id": "cn-hf", "name": "浙江氟源电子材料有限公司", "country": "CHN", "kind": "enterprise"},
        {"org_id": "cn-hf2", "name": "福建氟业化学有限公司", "country": "CHN", "kind": "enterprise"},
        {"org_id": "kr-fund", "name": "Hanbit AI Ventures", "country": "KOR", "kind": "investor"},
        {"org_id": "cn-npu", "name": "北京芯智推理科技有限公司", "country": "CHN", "kind": "enterprise"},
    ],
    "profiles": [
        {"profile_id": "p-fab", "org_id": "kr-fab", "profile_type": "BR", "language": "ko",
         "summary": "반도체 식각 공정용 전자급 불화수소를 안정적으로 공급할 중국 제조사를 찾습니다. "
                    "월 300톤 장기 구매 계약을 제공합니다."},
        {"profile_id": "p-fab2", "org_id": "kr-fab2", "profile_type": "구매 요청", "language": "ko",
         "summary": "웨이퍼 식각용 전자급 불화수소 공급사를 찾습니다. 연간 구매 물량을 보장합니다."},
        {"profile_id": "p-hf", "org_id": "cn-hf", "profile_type": "商务合作", "language": "zh",
         "summary": "我们生产半导体级高纯氢氟酸（电子级氟化氢），寻找韩国晶圆厂长期客户。"},
        {"profile_id": "p-hf2", "org_id": "cn-hf2", "profile_type": "BO", "language": "zh",
         "summary": "供应电子级氢氟酸，寻找韩国晶圆厂客户。"},
        {"profile_id": "p-fund", "org_id": "kr-fund", "profile_type": "Investment Offer",
         "language": "en", "summary": "We invest in AI inference-chip start-ups at Series A."},
        {"profile_id": "p-npu", "org_id": "cn-npu", "profile_type": "融资需求", "language": "zh",
         "summary": "我们是一家AI推理芯片初创企业，寻求A轮融资。"},
    ],
}


@pytest.fixture
def chem(platform, tmp_path):  # type: ignore[no-untyped-def]
    import json

    path = tmp_path / "registry.json"
    path.write_text(json.dumps(REGISTRY, ensure_ascii=False), encoding="utf-8")
    platform.partners.import_file(path)
    lists = tmp_path / "list.csv"
    lists.write_text("list_id,entity_name\nwatch,Nobody Listed Ltd\n", encoding="utf-8")
    platform.partners.import_list(lists)
    return platform


def test_service_pairs_are_two_way_amber_and_peers_apart(chem) -> None:  # type: ignore[no-untyped-def]
    service = chem.partners
    matches = service.match("p-fab", k=5, record_exposure=False)
    partners = [m["partner_profile_id"] for m in matches]
    # both Chinese HF producers come first; the other Korean buyer is never a partner
    assert set(partners[:2]) == {"p-hf", "p-hf2"} and "p-fab2" not in partners
    for m in matches[:2]:
        assert m["guideline_level"] == "amber"
        assert "281111" in {i["code"] for i in m["controlled_items"]}
        assert m["a_offers_b"]["need_from"].startswith("split from the summary")
        # each text printed once: the offer and the need are different texts
        assert m["a_offers_b"]["offer"] != m["b_offers_a"]["offer"]
    peers = service.peers("p-fab")
    assert [p["peer_profile_id"] for p in peers] == ["p-fab2"] and peers[0]["relation"] == "peer"
    ai = service.match("p-fund", k=3, record_exposure=False)
    assert ai[0]["partner_profile_id"] == "p-npu" and ai[0]["type_fit"] == 1.0
    # the HF producer shares no text, sector or keyword with the fund: not proposed at all
    assert "p-hf" not in [m["partner_profile_id"] for m in ai]
    assert ai[0]["guideline_level"] == "amber"
    assert any("Advanced chips and AI accelerators" in r for r in ai[0]["guideline_reasons"])


def test_exposure_counts_distinct_viewers_and_is_order_independent(chem) -> None:  # type: ignore[no-untyped-def]
    service = chem.partners
    today = date.today()
    first = service.match("p-hf", k=3, today=today)
    for _ in range(5):
        service.match("p-fab", k=3, today=today)  # the same viewer again and again
    service.match("p-fab2", k=3, today=today)
    # today's views do not count yet: the results of the day do not depend on order
    assert service.match("p-hf", k=3, today=today, record_exposure=False) == [
        {**m, "synthetic": m["synthetic"]} for m in first]
    counts = service.exposure_counts(today=today + timedelta(days=1))
    assert counts["p-hf"] == 2 and counts["p-hf2"] == 2  # two organisations, not 6 views
    assert service.exposure_counts(today=today + timedelta(days=40)) == {}  # window: 30 days
    # at the cap, partners are re-ranked, never removed
    capped = service.match("p-fab", k=5, exposure_cap=1, today=today + timedelta(days=1),
                           record_exposure=False)
    assert {m["partner_profile_id"] for m in capped[:2]} == {"p-hf", "p-hf2"}
    assert all(m["exposure_note"] for m in capped[:2])


def test_one_summary_evaluation_has_no_same_direction_above_partner() -> None:
    from kcbridge.partners.evaluation import evaluate_one_summary

    report = evaluate_one_summary(half="dev")
    assert report["distractors"] >= 20 and report["overall"]["queries"] == 44
    assert report["overall"]["same_direction_above_partner"] == 0
    assert report["overall"]["recall_at_1"] >= 0.9 and report["overall"]["mrr"] >= 0.95
    assert set(report["by_language_pair"]) >= {"ko-zh", "en-ko", "en-zh"}


def test_match_page_shows_derivation_controlled_item_and_peers(chem) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from kcbridge.api import create_app

    page = TestClient(create_app(chem)).get("/partners/match/kr-fab")
    assert page.status_code == 200
    text = page.text
    assert "split from the summary: cue" in text and "Hydrogen fluoride" in text
    assert 'id="peers-p-fab"' in text and "새빛반도체" in text.split('id="peers-p-fab"')[1]
    guideline = TestClient(create_app(chem)).get("/partners/guideline").text
    assert 'id="fail-closed"' in guideline and "Sector not known" in guideline
