"""Organisation and person rules that do not depend on a list of names (issue 10, second
development set): parties of an agreement, institution and legal-form words, names after
the noun of their kind, headline capitals, person spans that are titles. Every sentence
here was written for these tests; the company names are invented."""

from __future__ import annotations

import pytest

from kcbridge.docs.entities import extract_entities
from kcbridge.docs.text import normalise_text, split_sentences


def _entities(text: str, kind: str) -> dict[str, str]:
    """text -> key of the entities of ``kind``."""
    text = normalise_text(text)
    return {e.text: e.key for e in extract_entities(text, split_sentences(text)) if e.kind == kind}


# ---- Korean ----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    # the parties of an agreement, with a particle, even outside any list
    ("파로젠과 중국 큐베이오는 공동 연구 MOU를 체결했다.", {"파로젠", "큐베이오"}),
    ("리브젠과 큐로닉스는 영상 제작 협력에 나선다.", {"리브젠", "큐로닉스"}),
    # a name after the noun of its kind
    ("게임 기업 별빛스튜디오는 중국 업체와 협력을 추진한다.", {"별빛스튜디오"}),
    # a quoted name with its Han characters
    ("한국의 누리팜은 중국 '청하이다'(青海易達)와 협력하기로 했다.", {"누리팜", "청하이다"}),
    # a Hangul company with its Latin name in brackets and 사 ("company")
    ("한국광학연구원과 중국의 하늘 홈(Sky-Home)사 간의 MOU가 교환된다.",
     {"한국광학연구원", "하늘 홈"}),
    # an alliance, a promotion society, a residents' association, a liaison office
    ("수소기술얼라이언스와 중국 드론산업연맹, 기계산업진흥회가 참석했다.",
     {"수소기술얼라이언스", "중국 드론산업연맹", "기계산업진흥회"}),
])
def test_korean_organisations_without_a_list(text: str, expected: set[str]) -> None:
    orgs = set(_entities(text, "organisation"))
    assert expected <= orgs, orgs


@pytest.mark.parametrize("text", [
    "한국과 중국은 공급망 협력을 강화하기로 했다.",
    "민간 기업 중에서는 세 곳이 협력 MOU를 체결했다.",
    "한·중 양국 정부는 협력 채널을 늘리기로 합의했다.",
    "양측은 AI와 ICT 분야 협력을 확대한다.",
])
def test_korean_sides_countries_and_fields_are_no_parties(text: str) -> None:
    assert _entities(text, "organisation") == {}


def test_a_korean_name_glued_to_between_ends_before_it() -> None:
    orgs = _entities("한국의 RFID협회와 중국 RFID 산업연맹간 MOU가 교환된다.", "organisation")
    assert "중국 RFID 산업연맹" in orgs


def test_a_person_before_an_organisation_is_cut_off_it() -> None:
    text = "행사에는 김상철 중소벤처기업진흥공단 베이징대표 등 50여명이 참석했다."
    assert "김상철" in _entities(text, "person")
    assert "중소벤처기업진흥공단" in _entities(text, "organisation")


def test_a_district_after_a_city_is_no_person() -> None:
    text = "행사에는 옌타이 고신구 관리위원회 류라이잉 부서기, 위훙린 부주임이 참석했다."
    people = _entities(text, "person")
    assert "고신구" not in people
    assert {"류라이잉", "위훙린"} <= set(people)
    assert "옌타이 고신구 관리위원회" in _entities(text, "organisation")


def test_a_korean_name_kiwi_cuts_is_read_as_the_whole_word() -> None:
    people = _entities("김정관 산업통상부 장관은 협력을 강조했다.", "person")
    assert "김정관" in people


# ---- Chinese ---------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("论坛由中国驻釜山总领事馆、韩国庆尚北道道厅共同主办。",
     {"中国驻釜山总领事馆", "韩国庆尚北道道厅"}),
    ("星河食品将与中国的「北京星河文化有限公司」合作。", {"北京星河文化有限公司"}),
    ("韩国自动驾驶技术公司ABX将与中国企业共同开发芯片。", {"ABX"}),
    ("海东研究院理事长王建平出席。", {"海东研究院"}),
])
def test_chinese_names_by_their_institution_word(text: str, expected: set[str]) -> None:
    orgs = set(_entities(text, "organisation"))
    assert expected <= orgs, orgs


@pytest.mark.parametrize(("text", "not_org"), [
    ("以四大集团会长为首的经济使节团出席。", "四大集团"),
    ("双方打造韩中科技合作的新模式。", "韩中科技"),
    ("高校和有关协会参加了会议。", "高校和有关协会"),
    ("该中心在首尔和上海设办事处。", "上海设办事处"),
])
def test_chinese_counted_field_and_clause_words_are_no_organisations(
        text: str, not_org: str) -> None:
    assert not_org not in _entities(text, "organisation")


def test_chinese_consul_and_attache_titles_give_people() -> None:
    people = _entities("中国驻釜山总领事王建平致辞。科技参赞李明出席仪式。", "person")
    assert {"王建平", "李明"} <= set(people)


# ---- English ---------------------------------------------------------------------------
def test_a_title_case_headline_gives_no_name_the_body_does_not_write() -> None:
    text = ("Korea and China Open Joint Testing Center in Busan\n"
            "Korea and China opened a joint testing center in Busan on Tuesday.")
    assert _entities(text, "organisation") == {}


def test_a_headline_verb_is_no_given_name() -> None:
    text = ("VM CAO Meets with Korean Minister\n"
            "Vice Minister CAO Jianlin met a Korean delegation in Beijing.")
    people = _entities(text, "person")
    assert "CAO Meets" not in people
    assert people.get("CAO Jianlin") == "Cao Jianlin"


def test_a_bare_family_name_is_no_organisation() -> None:
    text = ("Commerce Minister Wang Wentao met his Korean counterpart on Monday. "
            "Both sides should deepen supply chain cooperation, said Wang.")
    assert "Wang" not in _entities(text, "organisation")
    assert "Wang Wentao" in _entities(text, "person")


def test_a_title_with_a_preposition_is_no_person() -> None:
    text = "Li Gang met with Jin-Ho Choy, Academician of Korean Academy of Science and Technology."
    people = _entities(text, "person")
    assert not any(p.startswith("Academician") for p in people), people
    assert "Korean Academy of Science and Technology" in _entities(text, "organisation")


def test_a_capitalised_acronym_matches_its_alias() -> None:
    orgs = _entities("Huayou formed a partnership with Posco to make cathodes.", "organisation")
    assert orgs.get("Posco") == "KR-POSCO"
    # four letters or fewer stay exact: "Most" is a word
    assert "Most" not in _entities("Most firms said so.", "organisation")


# ---- second round (rules found on a second set of real texts) ---------------------------
def test_a_body_glued_to_its_heads_title() -> None:
    text = "개소식에는 박정수 해양기술처차관과 관계자 50여명이 참석했다."
    assert "해양기술처" in _entities(text, "organisation")


def test_a_university_before_its_department_is_no_person() -> None:
    text = "행사에는 리우첸밍 남경대 재료공정계 교수 등 관계자 30여명이 참석했다."
    assert "남경대" not in _entities(text, "person")
    assert "남경대" in _entities(text, "organisation")


def test_one_word_with_an_institution_suffix_however_kiwi_cuts_it() -> None:
    text = "토론에 참가한 김래수 창춘 중한산업협력상회 회장은 협력을 강조했다."
    orgs = _entities(text, "organisation")
    assert any("중한산업협력상회" in o for o in orgs), orgs


def test_a_korean_company_with_its_han_name_in_brackets() -> None:
    orgs = _entities("LG화학과 화싱신재(华星新材)가 공동 투자해 회사를 세웠다.", "organisation")
    assert "화싱신재(华星新材)" in orgs
    # a person written with Han characters is a person, with a full-name key
    people = _entities("쟝민(蒋敏) 우시시 부시장이 협약식에 참석했다.", "person")
    assert people.get("쟝민") == "蒋敏"


def test_a_longer_korean_name_absorbs_an_alias_inside_it() -> None:
    orgs = _entities("KMI는 허난성 현대물류연구원과 MOU를 맺었다.", "organisation")
    assert "현대" not in orgs
    assert any(o.endswith("현대물류연구원") for o in orgs), orgs


def test_chinese_country_pairs_and_cut_provinces_are_no_people() -> None:
    text = "韩中两国合作。LG化学在韩忠清北道兴建工厂。"
    people = _entities(text, "person")
    assert "韩中" not in people and "韩忠清" not in people


def test_a_chinese_ministry_glued_to_its_heads_title() -> None:
    orgs = _entities("韩国数字融合部长官朴成浩出席了仪式。", "organisation")
    assert any(o.endswith("数字融合部") for o in orgs), orgs
    assert not any("长官" in o for o in orgs)


def test_an_acronym_spelled_out_as_a_common_noun_is_no_organisation() -> None:
    text = ("The venture will run a NCC (naphtha cracking center) facility in Wuhan. "
            "The firm will start operations of the NCC plant next year.")
    assert "NCC" not in _entities(text, "organisation")
