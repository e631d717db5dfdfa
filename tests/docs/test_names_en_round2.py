"""Organisations and people on pages not written by us, ennames2 round of issue 10: the
spellings of Korean family names, spans that name no body (headlines, events and
documents, a nationality with generic words, lone generic words), the glued edges of
Chinese names, and the serial comma in a sector's name. Sentences written for these
tests; names invented unless they are public bodies of the alias list."""

from __future__ import annotations

from kcbridge.docs.entities import extract_entities
from kcbridge.docs.names_en import names_no_body, not_a_person, not_an_organisation
from kcbridge.docs.people import is_zh_person_name
from kcbridge.docs.sector_lexicon import english_forms
from kcbridge.docs.sector_tags import default_tagger
from kcbridge.docs.text import normalise_text, split_sentences


def _names(text: str, kind: str) -> list[str]:
    t = normalise_text(text)
    return [e.text for e in extract_entities(t, split_sentences(t)) if e.kind == kind]


def test_other_spellings_of_korean_family_names_make_people() -> None:
    people = _names("Group chairman Chey Tae Won visited the Wuxi plant. The forum was "
                    "opened by CHEY Tae-won and HUR Jin-soo. The delegation included Jin-soo "
                    "Hur. Adviser Choe Sang Mok spoke.", "person")
    assert {"Chey Tae Won", "CHEY Tae-won", "HUR Jin-soo", "Jin-soo Hur",
            "Choe Sang Mok"} <= set(people)
    # the guard on English words after a family name holds for the new spellings too
    assert not_a_person("Hur Signed") and not_a_person("Chey Said")
    assert not not_a_person("Rhie Jaehyun")


def test_spans_that_name_no_body() -> None:
    for span in ("Korean Industry", "the New China", "State", "Eastern", "SME",
                 "The Korean Economic Delegation", "Korean Side",
                 "Korea-China Business Forum 2024", "the 3rd Hanbit Forum",
                 "the Annual Report", "Joint Statement", "Seoul Tech Symposium",
                 "Small And Medium Enterprises In Korea Eye Chinese Market",
                 "China Draws Attention", "Hanbit Eyes Chip Deal", "Citing Japan",
                 "Australian Ambassador", "Chinese Vice Minister"):
        assert names_no_body(span), span
        assert not_an_organisation(span), span
    for name in ("Korean Air", "China Telecom", "World Economic Forum", "Korea Economic Daily",
                 "Bank of China", "Korea International Trade Association", "Samsung Electronics",
                 "Chinese Government", "Korea Zinc", "Hanbit Motors", "KOTRA",
                 "Nanjing Automobile", "Beijing Jingneng"):
        assert not names_no_body(name), name


def test_title_words_and_headline_runs_give_no_organisation() -> None:
    orgs = _names("The Korean Industry Minister and the Chinese Commerce Minister met in "
                  "Busan. Small And Medium Enterprises In Korea Eye Chinese Market. "
                  "The Korea-China Business Forum 2024 opened in Qingdao with 300 companies.",
                  "organisation")
    assert not [o for o in orgs if "Industry" in o or "Forum" in o or "Enterprises" in o], orgs
    orgs = _names("Hanbit Semiconductor and the Korea International Trade Association said "
                  "SME exports rose, the Korea Economic Daily reported.", "organisation")
    assert "SME" not in orgs
    assert {"Korea International Trade Association", "Korea Economic Daily"} <= set(orgs)


def test_glued_verbs_and_name_tails_leave_chinese_names() -> None:
    orgs = _names("部长见证闪联信息产业协会与韩方签署协议。", "organisation")
    assert orgs == ["闪联信息产业协会"]
    orgs = _names("三星(中国)半导体有限公司成立于2000年。\n双方决定在西安建设三星(中国)半导体"
                  "有限公司二期工厂。", "organisation")
    assert "三星(中国)半导体有限公司" in orgs and "半导体有限公司" not in orgs
    # "总领事应邀出席": "at the invitation" starts with the family name 应, and is no name
    assert not is_zh_person_name("应邀") and is_zh_person_name("应勇")


def test_a_list_of_three_with_the_serial_comma_names_its_sector() -> None:
    assert english_forms("materials, parts and equipment") == {"materials, parts, and equipment"}
    assert english_forms("materials, parts, and equipment") == {"materials, parts and equipment"}
    hits = default_tagger().sentence_hits(
        "The plan for Materials, Parts, and Equipment cuts reliance on imports.")
    assert set(hits) == {"materials_parts_equipment"}
