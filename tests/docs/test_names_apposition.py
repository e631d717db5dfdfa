"""Names beside a person's title, lists closed by a count of companies, diplomatic missions in
one word, Chinese 、-lists of companies (issue 10, names round 3). Every sentence here was
written for these tests; the company and person names are invented."""

from __future__ import annotations

import pytest

from kcbridge.docs.entities import extract_entities
from kcbridge.docs.text import normalise_text, split_sentences


def _entities(text: str, kind: str) -> dict[str, str]:
    """text -> role (people) or key (other kinds) of the entities of ``kind``."""
    text = normalise_text(text)
    return {e.text: (e.role if kind == "person" else e.key)
            for e in extract_entities(text, split_sentences(text)) if e.kind == kind}


# ---- Korean: the organisation beside a person and a title ------------------------------
def test_korean_name_company_title_gives_the_company() -> None:
    text = ("이날 행사에는 박정민 한빛그룹 회장, 이수경 누리솔루션 대표, "
            "황민규 중국누리 사장 등이 참석했다.")
    orgs, people = _entities(text, "organisation"), _entities(text, "person")
    assert {"한빛그룹", "누리솔루션", "중국누리"} <= set(orgs), orgs
    assert set(people) == {"박정민", "이수경", "황민규"}, people  # no person "누리솔루션"
    assert people["황민규"] == "중국누리 사장"


def test_korean_company_name_title_gives_the_company() -> None:
    text = "바로스틸 강용수 대표, 누리홀딩스 서형석 대표, 다온링크 최지훈 변호사 등이 함께했다."
    orgs, people = _entities(text, "organisation"), _entities(text, "person")
    assert {"바로스틸", "누리홀딩스", "다온링크"} <= set(orgs), orgs
    assert set(people) == {"강용수", "서형석", "최지훈"}, people


@pytest.mark.parametrize("text", [
    "박정민 서울시 부시장과 김철수 전 장관이 참석했다.",   # a city, a qualifier of the title
    "이날 김민수 기자가 보도했다.",                       # a common noun before the name
    "한편 이서준 대표는 투자를 늘리겠다고 말했다.",
])
def test_korean_words_beside_a_title_that_name_no_body(text: str) -> None:
    assert _entities(text, "organisation") == {}


# ---- Korean: lists closed by a count of companies ---------------------------------------
def test_korean_list_closed_by_a_count_of_companies() -> None:
    assert {"누리모터", "코로나스"} <= set(
        _entities("회사는 누리모터, 코로나스 등 2개사와 계약을 맺었다.", "organisation"))
    assert {"한빛", "누리랩", "다온"} <= set(
        _entities("한빛, 누리랩, 다온 등 5개 기업이 박람회에 참가했다.", "organisation"))


@pytest.mark.parametrize("text", [
    "반도체, 배터리 등 2개 품목이 포함됐다.",
    "김민수, 이서준 등 2명이 참석했다.",
])
def test_korean_lists_of_things_or_people_name_no_body(text: str) -> None:
    assert _entities(text, "organisation") == {}


# ---- Korean: missions and ministries in one word ----------------------------------------
def test_korean_diplomatic_missions_in_one_word() -> None:
    orgs = _entities("주한중국대사관 관계자는 협력을 기대한다고 말했다.", "organisation")
    assert "주한중국대사관" in orgs, orgs
    text = "이날 주중한국대사관 김민석 경제공사와 주칭다오총영사관 박준호 영사가 참석했다."
    orgs, people = _entities(text, "organisation"), _entities(text, "person")
    assert {"주중한국대사관", "주칭다오총영사관"} <= set(orgs), orgs
    assert people == {"김민석": "경제공사", "박준호": "영사"}, people


def test_korean_ministry_whose_last_syllables_read_as_a_word() -> None:
    # 행정안전부 ends in 전부 ("all"), which is no body on its own
    orgs = _entities("행정안전부와 문화체육관광부가 후원했다.", "organisation")
    assert {"행정안전부", "문화체육관광부"} <= set(orgs), orgs


# ---- Chinese: 、-lists of companies ------------------------------------------------------
def test_chinese_list_closed_by_companies_takes_unknown_names() -> None:
    orgs = _entities("韩美达、新元泰、东华星等企业参加了洽谈会。", "organisation")
    assert {"韩美达", "新元泰", "东华星"} <= set(orgs), orgs
    assert _entities("韩美达、新元泰、东华星等企业参加了洽谈会。", "person") == {}


def test_chinese_list_of_companies_with_country_branches_and_latin_names() -> None:
    orgs = _entities("希杰中国、现代汽车、三星中国、大韩航空、晨星中国等企业负责人出席了座谈会。",
                     "organisation")
    assert {"希杰中国", "三星中国", "晨星中国", "大韩航空"} <= set(orgs), orgs
    orgs = _entities("Lumiva、Nexcore等韩国企业已入驻园区。", "organisation")
    assert {"Lumiva", "Nexcore"} <= set(orgs), orgs


@pytest.mark.parametrize("text", [
    "北京、上海、广州等城市参加了活动。",
    "半导体、汽车、化工等企业代表出席。",
    "张伟、李娜等企业负责人出席了会议。",
])
def test_chinese_lists_of_places_fields_or_people_name_no_body(text: str) -> None:
    assert _entities(text, "organisation") == {}


def test_chinese_heads_in_a_list_stay_people() -> None:
    text = "他会见了晨星集团会长王明远、东华电子社长李建国等。"
    people = _entities(text, "person")
    assert {"王明远", "李建国"} <= set(people), people


# ---- English: the company before a title and a name ---------------------------------------
def test_english_company_before_title_and_name() -> None:
    text = ("Hanbit Motor Group Chair Euisun Ahn and YU President Noh Seok-kyun visited the "
            "Korea-China Science & Technology Cooperation Center on Monday. The center is under "
            "the Ministry of Science, ICT and Future Planning.")
    orgs, people = _entities(text, "organisation"), _entities(text, "person")
    assert {"Hanbit Motor Group", "YU"} <= set(orgs), orgs
    assert people.get("Euisun Ahn") == "Hanbit Motor Group Chair", people
