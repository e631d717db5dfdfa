"""English organisations and people, ennames round of issue 10: shapes that make a name
(legal suffix, an outlet's reporters, a body's head word) and guards on spaCy's and the
romanised-name rule's spans. Sentences written for these tests; names invented unless
they are public bodies of the alias list."""

from __future__ import annotations

from kcbridge.docs.boilerplate import strip_boilerplate
from kcbridge.docs.entities import extract_entities
from kcbridge.docs.names_en import (
    legal_suffix_names,
    not_a_person,
    not_an_organisation,
    outlet_names,
    romanised_given_name,
)
from kcbridge.docs.text import normalise_text, split_sentences


def _names(text: str, kind: str) -> list[str]:
    t = normalise_text(text)
    return [e.text for e in extract_entities(t, split_sentences(t)) if e.kind == kind]


def test_romanised_given_names_pass_and_english_words_fail() -> None:
    for given in ("Wentao", "Jae Myung", "Kyunghwa", "Guohong", "Hyunjung", "Seok-hee"):
        assert romanised_given_name(given), given
    for word in ("Invested", "Draws", "Said", "Signed", "Meets", "Group"):
        assert not romanised_given_name(word), word


def test_family_name_before_an_english_word_is_no_person() -> None:
    people = _names("The Korean Wave Theme Park Invested by Chinese firms opened. "
                    "Park Ji-hoon and Wang Lihua attended.", "person")
    assert "Park Invested" not in people
    assert {"Park Ji-hoon", "Wang Lihua"} <= set(people)
    assert not_a_person("Kim Signed") and not_a_person("Li Said")
    assert not not_a_person("Li Bin") and not not_a_person("Joe Biden")


def test_a_port_or_a_park_is_no_person() -> None:
    assert not_a_person("Dafeng Port") and not_a_person("Haian Airport")
    assert not _names("Besides the first-level open port, Taolin Port, a new area opened.",
                      "person")


def test_legal_suffix_closes_a_company_name() -> None:
    assert [n for _s, _e, n in legal_suffix_names(
        "Firms include Mobis, Hanra Seowon Co and Shinhan Bank.")] == ["Hanra Seowon Co"]
    assert [n for _s, _e, n in legal_suffix_names(
        "Tianmu Energy said that Tianmu Asia Co., Ltd. will sign.")] == ["Tianmu Asia Co., Ltd."]
    assert legal_suffix_names("The Co said so.") == []
    orgs = _names("The park hosts Hanra Seowon Co and Qinglan Parts Corp.", "organisation")
    assert {"Hanra Seowon Co", "Qinglan Parts Corp"} <= set(orgs)


def test_outlet_named_through_its_reporters() -> None:
    t = "According to reporters from the 21st Century Lantern Herald, trade rose."
    assert [n for _s, _e, n in outlet_names(t)] == ["21st Century Lantern Herald"]
    t2 = normalise_text(t)
    ents = extract_entities(t2, split_sentences(t2))
    assert [e.text for e in ents if e.kind == "organisation"] == ["21st Century Lantern Herald"]
    assert not [e for e in ents if e.kind == "date"]  # "the 21st" is no date here
    assert [n for _s, _e, n in outlet_names("In an interview with Harbour Times (HT) "
                                            "reporters, he spoke.")] == ["Harbour Times"]
    assert outlet_names("Chinese reporters asked Kim. Kim told Park on Monday.") == []


def test_spacy_organisations_that_are_no_bodies() -> None:
    assert not_an_organisation("Koreaproduct")  # words pasted without their spaces
    assert not_an_organisation("Chinas")  # a possessive without its apostrophe
    assert not_an_organisation("ROK-China")  # a relation between two places
    assert not_an_organisation("COVID-19")
    for name in ("Samsung", "Chinalco", "Korea Zinc", "Koreana"):
        assert not not_an_organisation(name), name
    assert _names("The newly signed RCEP and the CPTPP will strengthen trade.",
                  "organisation") == []


def test_a_person_after_a_body_is_not_part_of_its_name() -> None:
    text = "Wang cited the former speaker of the National Assembly Park Seung-gyu as an example."
    assert _names(text, "organisation") == ["National Assembly"]
    assert "Park Seung-gyu" in _names(text, "person")


def test_sk_group_and_its_battery_maker_are_known() -> None:
    assert _names("Samsung, SK, LG and other Korean groups invest here.",
                  "organisation") == ["Samsung", "SK", "LG"]
    assert _names("SK Innovation said Friday it will build a plant.",
                  "organisation") == ["SK Innovation"]


def test_a_department_is_a_body_over_the_alias_inside_it() -> None:
    orgs = _names("Officials of the Jiangsu Provincial Commerce Department said so.",
                  "organisation")
    assert orgs == ["Jiangsu Provincial Commerce Department"]


def test_breadcrumbs_and_english_photo_notices_are_boilerplate() -> None:
    text = ("Top Stories\nHome > Top Stories > Content\nlocation:Home/Exchanges\n\n"
            "The plant opened (Photo by Min Seo-yeon) on Monday. [Photo/lantern.example]\n"
            "He went home > there.")
    assert strip_boilerplate(text) == ("Top Stories\n\nThe plant opened on Monday.\n"
                                       "He went home > there.")
