"""Korean organisations written in ways the earlier rules had not met (issue 10, konames10
round: names_ko_forms.py and the suffix reading of entities_ko.py): financial and maker
lines, a determiner or a Han gloss inside a word, a name after a run of common nouns, short
forms introduced in brackets, subsidiaries, legal-form marks, bodies in a person's title,
compound titles, staff of a body and list items. Every sentence was written for these tests;
the firms, universities and people are invented. The recall tests fail on the code before
this round; the precision tests guard what the new readings must not take.

The tenth names set (12 real pages, 9 Korean and 3 Chinese) keeps addresses, hashes and labels
only; its scoring test runs where the texts are (``KCBRIDGE_NAMES10_TEXTS``, default
/work/fresh_data/texts/names10) and skips otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.docs.page_sets import assert_no_address_elsewhere, check_names_set

from kcbridge.docs.entities import extract_entities
from kcbridge.docs.text import normalise_text, split_sentences

NAME = "names_eval_pages_10.jsonl"
TEXTS = Path(os.environ.get("KCBRIDGE_NAMES10_TEXTS", "/work/fresh_data/texts/names10"))


def _entities(text: str, kind: str) -> list:  # type: ignore[type-arg]
    text = normalise_text(text)
    return [e for e in extract_entities(text, split_sentences(text)) if e.kind == kind]


def _names(text: str, kind: str = "organisation") -> list[str]:
    return [e.text for e in _entities(text, kind)]


# ---- suffixes and words --------------------------------------------------------------------
def test_financial_firms_by_their_line() -> None:
    orgs = _names("청운캐피탈과 동해화재, 서진생명이 참여했다.")
    assert {"청운캐피탈", "동해화재", "서진생명"} <= set(orgs), orgs


def test_a_chinese_firm_named_with_its_sci_tech_line() -> None:
    assert "화룽과기" in _names("중국 측에서는 톈허그룹과 화룽과기가 참석했다.")


def test_a_determiner_inside_a_state_corporations_name() -> None:
    orgs = _names("해운업체인 중국대외해운총공사(시노마린)와 광산업체인 중국광물진출구총공사등 "
                  "2개업체가 신청서를 냈다.")
    assert "중국광물진출구총공사" in orgs, orgs  # 총/MM glued before 공사 and 등 after it


def test_a_han_gloss_inside_a_province_before_its_department() -> None:
    orgs = _names("중국 산둥(山東)성 상무청과 함께 구매 상담회를 열었다.")
    assert any(o.endswith("상무청") for o in orgs), orgs


def test_a_name_after_a_run_of_common_nouns() -> None:
    orgs = _names("국내 최대 소재 기업 미르머티리얼즈 및 중국의 제조사가 법인을 세웠다.")
    assert "미르머티리얼즈" in orgs, orgs


# ---- forms of introduction and reuse -------------------------------------------------------
def test_a_short_form_in_brackets_then_reused() -> None:
    orgs = _entities("대성전기(이하 대성)는 중국 하이난성과 협약을 맺었다. "
                     "대성은 내년에 공장을 짓는다.", "organisation")
    assert [e.text for e in orgs] == ["대성전기", "대성", "대성"]
    assert {e.key for e in orgs} == {orgs[0].key}


def test_a_short_form_of_an_agreement_is_no_body() -> None:
    assert _names("한중 자유무역협정(이하 한중 FTA)이 발효됐다. 한중 FTA는 무역을 늘렸다.") == []


def test_a_firm_named_through_its_subsidiary() -> None:
    assert _names("미래텍 중국법인은 올해 매출 목표를 높였다.") == ["미래텍"]
    subsidiary = "한빛바이오(상하이)유한공사"
    assert subsidiary in _names(f"한빛바이오는 {subsidiary}를 설립했다.")
    assert _names("우리 회사 중국법인은 올해 매출 목표를 높였다.") == []


def test_legal_form_marks_before_and_after_a_name() -> None:
    assert set(_names("한빛소재(주)와 (주)누리켐이 협약을 맺었다.")) == {"한빛소재", "누리켐"}


def test_the_staff_of_a_body() -> None:
    assert _names("미르텍 임직원(4명)이 참석했다.") == ["미르텍"]


# ---- titles --------------------------------------------------------------------------------
def test_a_body_in_a_persons_title_and_no_body_in_a_compound_title() -> None:
    text = "최민기 가온한의대학교 산학부총장이 참석했다."
    assert _names(text) == ["가온한의대학교"]
    assert _names(text, "person") == ["최민기"]


def test_a_centre_before_its_heads_title_stays_a_body() -> None:
    assert _names("김종문 KIC한빛센터장이 참석했다.") == ["KIC한빛센터"]


def test_a_persons_administration_keeps_the_person() -> None:
    text = "특히 지난해 도널드 트럼프 2기 행정부 출범 이후 미국이 관세를 올렸다."
    assert _names(text) == []
    assert _names(text, "person") == ["도널드 트럼프"]


# ---- added after the tenth set's first final score (post-test) ----------------------------
def test_a_development_fund_foundation_is_a_body() -> None:
    orgs = _names("재중국한국인회는 지난 8일 중국청년인재발전기금회와 전략협의서를 체결했다.")
    assert "중국청년인재발전기금회" in orgs, orgs


def test_advisory_and_steering_members_are_titles() -> None:
    people = _names("김태원 자문위원, 유영복 자문위원, 김삼수 운영위원이 참석했다.", "person")
    assert set(people) == {"김태원", "유영복", "김삼수"}, people


def test_a_body_glued_to_its_heads_title_without_a_bracket() -> None:
    assert "한국가람개발청" in _names("가온시 서기와 한국가람개발청장 등이 참석해 설명한다.")


# ---- lists ---------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence, names", [
    ("가온텍과 미르소재가 협약을 맺었다.", {"가온텍", "미르소재"}),
    ("가온텍, 미르소재 및 한결정밀이 참여했다.", {"가온텍", "미르소재", "한결정밀"}),
    ("이 사업에는 ‘가온랩’과 ‘한울데이터’가 참여한다.", {"가온랩", "한울데이터"}),
])
def test_items_of_a_list_with_a_body(sentence: str, names: set[str]) -> None:
    assert set(_names(sentence)) == names


@pytest.mark.parametrize("sentence", [
    "중국 연하, 미르소재·가온텍 등이 참여했다.",  # a city after a country
    "군산 소재 ㈜미르소재와 협약을 맺었다.",  # a city before 소재
    "미르소재 사장, 김도윤 가온시 시장이 참석했다.",  # a person in a list of titles
    "대표처 형태로 운영 중인 청운캐피탈은 우호 교류 MOC를 체결했다.",  # a kind; a document
])
def test_list_items_and_kinds_that_are_no_bodies(sentence: str) -> None:
    orgs = _names(sentence)
    assert not {"연하", "군산", "김도윤", "대표처", "MOC"} & set(orgs), orgs


# ---- the tenth names set -------------------------------------------------------------------
def test_tenth_set_holds_labels_only() -> None:
    check_names_set(NAME, {"ko": 9, "zh": 3}, {"ko": (33, 29), "zh": (8, 15)}, longest_alias=60)


def test_tenth_set_shares_no_address_with_other_sets() -> None:
    assert_no_address_elsewhere(NAME)


#: Organisation and people (found, gold, right, extracted) per language on the final code:
#: the second look, after the three post-test changes (the pre-registered code's final score
#: was ko organisations (31, 33, 37, 38), people (26, 29, 26, 27); zh the same as below).
#: Since round names11 (fourteenth session; this set was one of its development sets) both
#: people in capitals with a glued title are found and a short university name is no person:
#: ko organisations (33, 33, 40, 41) and people (27, 29, 27, 28) before it.
FINAL = {"ko": ((33, 33, 41, 41), (29, 29, 29, 29)), "zh": ((8, 8, 12, 12), (15, 15, 15, 15))}


def test_tenth_set_scores_as_reported() -> None:
    """The final figures of the round on the rebuilt texts (skipped without them), scored as
    ``kcbridge docs evaluate --set TEXTS:names_eval_pages_10.jsonl`` scores them."""
    if not all((TEXTS / f"{i:02d}_{'ko' if i < 10 else 'zh'}.txt").is_file()
               for i in range(1, 13)):
        pytest.skip(f"names set 10 texts are not in {TEXTS}")
    from kcbridge.docs.news_evaluation import evaluate_folder

    result = evaluate_folder(f"{TEXTS}:{NAME}")
    assert {row["lang"] for row in result["rows"]} >= set(FINAL)  # every language scored
    for row in result["rows"]:
        if row["lang"] not in FINAL:
            continue
        measured = tuple((row[f"{k}_found"], row[f"{k}_gold"], row[f"{k}_tp"],
                          row[f"{k}_extracted"]) for k in ("organisation", "person"))
        assert measured == FINAL[row["lang"]], row["lang"]
