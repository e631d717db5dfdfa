"""Names round 13 (issue 10, helper names13): how news introduces bodies and people, where
the twelfth names set (seen now) and the unlabelled development pages still lost or invented
names.

* Korean: a title before a name written with its Han characters, often as a clause ("…주임인
  X(汉字)은"); a name, a listed body with its acronym in brackets, then the title, where Kiwi
  reads the name's last syllable as a particle; a word joined by 와/과 to a place in the same
  list is a place, not a party; "정상회의" read as 정상회 + 의 is a meeting; a committee
  named only by a common word and its head ("관리위원회", "준비위원회") is a kind, not a name
  (a joint committee, 공동위원회, is kept); a consulate named by its city ("부산 총영사관");
  two names joined by a hyphen are the two sides of talks, not one person.
* Chinese: a Latin firm after the praise news gives it ("游戏巨擘X"); ranks and counts
  ("第二大", "前三大", "500强", "首个", "第三座") and subsidiaries named only by country or
  relation ("美国相关子公司") are no bodies.
* English: a full name after an honorific ("Mr. X Y Z"); a local government by level and
  place ("the municipal government of Shanghai"); a word the text marks as a place ("X
  city") is no person; a legal designation ("Foreign Entities of Concern") is no body.

Every sentence was written for these tests; the firms and people are invented (the bodies
named are real public ones, used as kinds). Development figures are in docs/history (names13
round).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.docs.page_sets import assert_no_address_elsewhere, check_names_set, names_figures
from tests.docs.page_sets import names_of as _names

from kcbridge.docs.gazetteer import places
from kcbridge.docs.names_en_intro import no_single_name, place_marked_words


def _people(text: str) -> list[str]:
    return _names(text, "person")


# ---- Korean -----------------------------------------------------------------------------------
def test_korean_title_clause_before_a_han_glossed_name() -> None:
    text = "시범구 관리위원회 주임인 탕위펑(汤玉鹏)은 3월 25일 서울을 방문했다."
    assert "탕위펑" in _people(text)


def test_korean_han_glossed_name_without_a_title_is_not_taken() -> None:
    # nothing before or after the name says it is a person
    assert "탕위펑" not in _people("어제 탕위펑(汤玉鹏)은 3월 25일 서울을 방문했다.")


def test_korean_name_before_a_listed_body_with_its_acronym_and_title() -> None:
    text = ("설명회에는 왕추에 중국국제무역촉진위원회(CCPIT) 부회장 등 경제단체 관계자 "
            "300여명이 참석한다.")
    assert "왕추에" in _people(text)


def test_korean_common_word_before_a_listed_body_is_no_name() -> None:
    # 오전/NNG is a word of Kiwi's dictionary: "오전에" is no name
    assert _people("오전에 산업통상자원부 장관이 공장을 둘러봤다.") == []


def test_korean_word_joined_to_a_place_is_no_party() -> None:
    text = "대표단은 협력 방안을 논의한 뒤 경주와 제주도를 방문한다."
    assert "경주" not in _names(text)


def test_korean_party_before_a_meeting_place_is_kept() -> None:
    assert "누리텍" in _names("누리텍과 베이징에서 협약을 체결했다.")


def test_korean_summit_read_as_a_body_is_a_meeting() -> None:
    names = _names("대표단은 서울에서 일정을 진행한 뒤 APEC(아시아태평양경제협력체) 정상회의 시설 "
                   "참관 등 일정을 갖는다.")
    assert "APEC" in names
    assert not [n for n in names if n.startswith("정상회")]


def test_korean_kind_of_committee_is_no_body() -> None:
    text = "시범구 당공위 부서기이자 관리위원회 주임인 탕위펑(汤玉鹏)은 서울을 방문했다."
    assert "관리위원회" not in _names(text)
    assert "준비위원회" not in _names("합작법인 설립을 위한 준비위원회를 구성해 운영한다.")


def test_korean_joint_committee_is_kept() -> None:
    assert "공동위원회" in _names("한중 자유무역협정(FTA) 제6차 공동위원회 회의가 서울에서 열렸다.")


def test_korean_consulate_named_by_its_city() -> None:
    names = _names("대표단을 이끌고 주한 중국대사관과 부산 총영사관을 방문했다.")
    assert "부산 총영사관" in names
    assert _names("그는 총영사관을 찾았다.") == []


def test_korean_two_names_joined_by_a_hyphen_are_no_person() -> None:
    assert "김민호-왕리핑" not in _people("김민호-왕리핑 양자회담 열려")


def test_korean_province_full_names_are_places() -> None:
    for name in ("제주도", "제주특별자치도", "강원특별자치도", "산동"):
        entry = places().lookup(name)
        assert entry is not None and entry.subtype == "province"


# ---- Chinese ----------------------------------------------------------------------------------
def test_chinese_latin_firm_after_its_praise() -> None:
    assert "Novaplay" in _names("代表团成员包括游戏巨擘Novaplay及时尚品牌Lumio。")


@pytest.mark.parametrize("sentence, word", [
    ("该集团是中国第二大和世界前三大钢铁集团。", "前三大"),
    ("该集团是中国第二大和世界前三大钢铁集团。", "第二大"),
    ("SK创新入股该公司在华布局第三座电池厂。", "第三座"),
    ("对韩华海洋株式会社五家美国相关子公司采取反制措施。", "子公司"),
])
def test_chinese_ranks_and_country_subsidiaries_are_no_bodies(sentence: str, word: str) -> None:
    assert not [n for n in _names(sentence) if word in n]


def test_chinese_ordinal_inside_a_name_is_kept() -> None:
    assert "中国第一汽车集团" in _names("中国第一汽车集团与三星电子签约。")


# ---- English ----------------------------------------------------------------------------------
def test_english_full_name_after_an_honorific() -> None:
    # the romanised-name rule alone reads "Dong Hyun" (a family name and a given name)
    text = "Mr. Dong Hyun Park, head of the headquarters of the agency in Shenyang, attended."
    assert "Dong Hyun Park" in _people(text)


def test_english_local_government_by_level_and_place() -> None:
    text = "The ministry and the municipal government of Shanghai agreed to raise the fund."
    assert "municipal government of Shanghai" in _names(text)


def test_english_local_government_needs_a_known_place() -> None:
    text = "The ministry and the municipal government of Arcadia agreed to raise the fund."
    assert "municipal government of Arcadia" not in _names(text)


def test_english_legal_designation_is_no_body() -> None:
    text = ("The credit excludes vehicles containing components from Foreign Entities of "
            "Concern, which includes China, until the end of 2026.")
    assert "Foreign Entities of Concern" not in _names(text)


def test_english_words_the_text_marks_as_places() -> None:
    text = ("The team went north of Seoul to Gyeryang city, then to the city of Hwado and "
            "Dorim County; Mayor Kim Dorim spoke.")
    assert place_marked_words(text) == {"Gyeryang", "Hwado", "Dorim"}


def test_english_given_name_first_with_a_capitalised_second_syllable() -> None:
    text = "According to Min-Ho Kang, CEO of Hanbit Chips Co., Ltd., output rose last year."
    assert "Min-Ho Kang" in _people(text)
    assert "Min-Ho Kang" not in _names(text)


def test_english_spans_that_name_no_single_name() -> None:
    assert no_single_name("Sambong Dairy Product and Orana", person=True)
    assert not no_single_name("Kim Dorim", person=True)
    assert no_single_name("the Asian Department of", person=False)
    assert not no_single_name("Bank of Gyeryang", person=False)


def test_english_organisation_span_cut_after_of_is_no_body() -> None:
    text = ("The head of the Asian Department of the Ministry of Commerce explained the "
            "results of the meeting.")
    assert not [n for n in _names(text) if n.endswith(" of")]


# ---- the thirteenth names set (labelled blind while the round was written) ----------------
THIRTEENTH = "names_eval_pages_13.jsonl"
THIRTEENTH_TEXTS = Path(os.environ.get("KCBRIDGE_NAMES13_TEXTS",
                                       "/work/fresh_data/texts/names13"))
#: Organisations and people (found, gold, right, extracted) per language, scored once on the
#: code before the round (21893ae, 00:40 UTC, and 67ac481, 01:07 UTC) and once on the frozen
#: round (01:07 UTC): identical. The set is harder than the twelfth: its conventions M16-M26
#: require bodies named as customers, brands standing for firms, historical people.
THIRTEENTH_BEFORE = THIRTEENTH_AFTER = {"ko": ((17, 24, 18, 20), (17, 18, 18, 19)),
                                        "zh": ((9, 14, 11, 14), (12, 13, 12, 12)),
                                        "en": ((9, 9, 13, 14), (12, 13, 12, 12))}


def test_thirteenth_set_holds_labels_only() -> None:
    check_names_set(THIRTEENTH, {"ko": 5, "zh": 5, "en": 5},
                    {"ko": (24, 18), "zh": (14, 13), "en": (9, 13)},
                    # an English gloss of a Chinese office: 67 characters
                    longest_alias=70)


def test_thirteenth_set_shares_no_address_with_other_sets() -> None:
    assert_no_address_elsewhere(THIRTEENTH)


def test_thirteenth_set_scores_as_reported() -> None:
    """The unseen figures on the texts kept outside the repository (skipped without them)."""
    measured = names_figures(THIRTEENTH_TEXTS, THIRTEENTH, "names set 13")
    assert {lang: measured[lang] for lang in THIRTEENTH_AFTER} == THIRTEENTH_AFTER
