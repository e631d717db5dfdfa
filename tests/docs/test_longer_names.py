"""An alias does not claim a mention that goes on into a longer name ("Hanwha Ocean" is not
the alias "Hanwha"): the longer span is an organisation of its own."""

from __future__ import annotations

import pytest

from kcbridge.docs.entities import extract_entities
from kcbridge.docs.gazetteer import Gazetteer, load_entries, organisations
from kcbridge.docs.text import split_sentences


def _orgs(text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.key, e.country)
            for e in extract_entities(text, split_sentences(text)) if e.kind == "organisation"]


def _scan(text: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    matches, longer = organisations().scan(text)
    return [(m.text, m.entry.id) for m in matches], [(n.text, n.alias.id) for n in longer]


@pytest.mark.parametrize(
    ("text", "longer", "alias"),
    [
        # none of these names has an entry of its own: the rule is general
        ("Hyundai Rotem won a rail order.", "Hyundai Rotem", "KR-HYUNDAI"),
        ("Samsung Heavy Industries will build two carriers.", "Samsung Heavy Industries",
         "KR-SAMSUNG-ELEC"),
        ("Naver Webtoon's revenue rose.", "Naver Webtoon", "KR-NAVER"),
        ("Doosan Bobcat and XCMG signed a deal.", "Doosan Bobcat", "KR-DOOSAN"),
        ("Samsung Fire & Marine Insurance opened a Beijing office.",
         "Samsung Fire & Marine Insurance", "KR-SAMSUNG-ELEC"),
        ("Samsung SDS said it will bid.", "Samsung SDS", "KR-SAMSUNG-ELEC"),
        ("삼성중공업은 중국 선사와 계약했다.", "삼성중공업", "KR-SAMSUNG-ELEC"),
        ("두산밥캣과 협력한다.", "두산밥캣", "KR-DOOSAN"),
        ("삼성SDS는 입찰에 참여한다.", "삼성SDS", "KR-SAMSUNG-ELEC"),
        ("三星重工获得订单。", "三星重工", "KR-SAMSUNG-ELEC"),
        ("韩华航空航天与中方合作。", "韩华航空航天", "KR-HANWHA"),
        ("三星SDS参与投标。", "三星SDS", "KR-SAMSUNG-ELEC"),
    ],
)
def test_alias_followed_by_the_rest_of_a_name_is_a_longer_name(
    text: str, longer: str, alias: str
) -> None:
    matches, names = _scan(text)
    assert names == [(longer, alias)]
    assert matches == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hanwha said on Monday it would expand solar output.", [("Hanwha", "KR-HANWHA")]),
        ("Samsung Electronics and Samsung signed.",
         [("Samsung Electronics", "KR-SAMSUNG-ELEC"), ("Samsung", "KR-SAMSUNG-ELEC")]),
        ("Samsung Chairman Lee Jae-yong met Hyundai CEO staff.",
         [("Samsung", "KR-SAMSUNG-ELEC"), ("Hyundai", "KR-HYUNDAI")]),
        ("KOTRA Shanghai hosted the forum.", [("KOTRA", "KR-KOTRA")]),  # the office there
        ("Hyundai Motor Group and Kia Corp agreed.",
         [("Hyundai Motor", "KR-HYUNDAI"), ("Kia", "KR-KIA")]),  # legal forms, Group
        ("Hanwha Thursday said it would invest.", [("Hanwha", "KR-HANWHA")]),
        ("Samsung, Hyundai and LG Chem signed.",
         [("Samsung", "KR-SAMSUNG-ELEC"), ("Hyundai", "KR-HYUNDAI"), ("LG Chem", "KR-LGCHEM")]),
        ("Kia EV9 sales rose.", [("Kia", "KR-KIA")]),  # a model number is no name word
        ("한화는 투자를 늘렸다. 한화와의 협력, 삼성이 밝혔다.",
         [("한화", "KR-HANWHA"), ("한화", "KR-HANWHA"), ("삼성", "KR-SAMSUNG-ELEC")]),
        ("기아차는 공장을 매각했다.", [("기아", "KR-KIA")]),  # one syllable: 차
        ("산업부장관은 현대차그룹 관계자와 만났다.",
         [("산업부", "KR-MOTIE"), ("현대차", "KR-HYUNDAI")]),  # a title, a group
        ("삼성전자로부터 부품을 받는다.", [("삼성전자", "KR-SAMSUNG-ELEC")]),
        ("韩华表示将扩大投资，三星集团表示欢迎，三星的订单增加。",
         [("韩华", "KR-HANWHA"), ("三星", "KR-SAMSUNG-ELEC"), ("三星", "KR-SAMSUNG-ELEC")]),
    ],
)
def test_aliases_keep_mentions_that_do_not_go_on(text: str, expected: list) -> None:
    matches, names = _scan(text)
    assert matches == expected
    assert names == []


def test_korean_particles_are_not_part_of_the_longer_name() -> None:
    # 이 after a final consonant is a particle (삼성중공업이); after a vowel it belongs to
    # the name (삼성디스플레이)
    assert _scan("삼성중공업이 수주했고 삼성디스플레이는 밝혔다.")[1] == [
        ("삼성중공업", "KR-SAMSUNG-ELEC"), ("삼성디스플레이", "KR-SAMSUNG-ELEC")]


def test_title_case_headline_needs_the_name_in_a_sentence_case_line() -> None:
    text = ("Hyundai Rotem Wins Rail Order From Chinese Firm\n"
            "Hyundai Rotem said on Monday it won the order.")
    assert _scan(text)[1] == [("Hyundai Rotem", "KR-HYUNDAI")] * 2
    # capitals of a headline alone prove nothing: "Hanwha Wins" is no company
    text = "Hanwha Wins Solar Order In China\nHanwha said on Monday it won the order."
    assert _scan(text) == ([("Hanwha", "KR-HANWHA")] * 2, [])


def test_longer_name_is_an_organisation_of_its_own_in_the_entities() -> None:
    text = ("Hyundai Rotem and CRRC signed a rail deal, Hyundai said.\n"
            "삼성중공업은 계약했다.\n三星重工获得订单。")
    assert _orgs(text) == [
        ("Hyundai Rotem", "Hyundai Rotem", "KOR"), ("Hyundai", "KR-HYUNDAI", "KOR"),
        ("삼성중공업", "삼성중공업", "KOR"), ("三星重工", "三星重工", "KOR"),
    ]


def test_hanwha_ocean_has_its_own_entry_in_three_languages() -> None:
    text = ("Hanwha Ocean chief executive Kim Hee-cheol met Hanwha officials.\n"
            "한화오션은 한화와 달리 조선사다.\n韩华海洋与韩华合作。")
    keys = [key for _text, key, _country in _orgs(text)]
    assert keys == ["KR-HANWHA-OCEAN", "KR-HANWHA"] * 3


def test_hanwha_ocean_is_a_longer_name_even_without_its_entry() -> None:
    entries = load_entries("organisations.yaml", "organisation")
    del entries["KR-HANWHA-OCEAN"]
    gazetteer = Gazetteer(entries, longer_names=True)
    text = ("Hanwha Ocean chief executive Kim Hee-cheol said Hanwha would help.\n"
            "한화오션은 한화와 달리 조선사다.\n韩华海洋与韩华合作。")
    matches, longer = gazetteer.scan(text)
    assert [(n.text, n.alias.id) for n in longer] == [
        ("Hanwha Ocean", "KR-HANWHA"), ("한화오션", "KR-HANWHA"), ("韩华海洋", "KR-HANWHA")]
    assert [(m.text, m.entry.id) for m in matches] == [
        ("Hanwha", "KR-HANWHA"), ("한화", "KR-HANWHA"), ("韩华", "KR-HANWHA")]
