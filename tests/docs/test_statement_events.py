"""Statement precision in English and Chinese (:mod:`kcbridge.docs.statement_events`): cues
that only cite a signed text or tell a hope or one side's vow, meetings without a second side,
what a statement of the learned stage must show, and event coreference in a document. All
sentences are written for these tests."""

from __future__ import annotations

import pytest
from tests.docs.test_statement_detector import _constant

from kcbridge.docs import statement_detector
from kcbridge.docs.statement_events import detected_holds, event_words, same_event
from kcbridge.docs.statements import classify_sentence, classify_sentences
from kcbridge.docs.text import split_sentences


def _type(text: str, lang: str = "en", **flags: bool) -> str | None:
    found = classify_sentence(text, lang, **flags)
    return found.type if found is not None else None


@pytest.mark.parametrize(("cited", "reported", "lang"), [
    ("According to the FTA signed by the two countries in June, the park will host "
     "Korean investors.",
     "Korea and China signed a free trade agreement in June.", "en"),
    ("The park will expand its cooperation programme, citing a deal the three partners inked "
     "last year.",
     "The three partners inked a deal on joint hydrogen research last year.", "en"),
])
def test_a_signed_text_cited_as_a_source_is_no_signing(cited: str, reported: str,
                                                       lang: str) -> None:
    assert _type(reported, lang) == "signed"
    assert _type(cited, lang) != "signed"


def test_agreed_as_an_adjective_is_no_agreement() -> None:
    assert _type("Korean firms invested in 120 joint projects in Jiangsu, with an agreed "
                 "investment of 3 billion dollars.") is None
    assert _type("Korea and China agreed to invest 3 billion dollars in joint projects.") \
        == "agreement"


@pytest.mark.parametrize(("hoped", "agreed", "lang"), [
    ("The minister expressed hope that the two sides will expand cooperation to hydrogen.",
     "The two sides will expand cooperation to hydrogen under the new joint committee.", "en"),
    ("他相信两国将进一步扩大在氢能领域的合作项目。",
     "双方同意进一步扩大在氢能领域的合作项目。", "zh"),
])
def test_a_hope_or_forecast_is_not_an_agreement(hoped: str, agreed: str, lang: str) -> None:
    assert _type(agreed, lang) == "agreement"
    assert _type(hoped, lang) != "agreement"


def test_one_sides_vow_is_not_an_agreement() -> None:
    assert _type("We are committed to expanding cooperation with Korean companies in "
                 "batteries.") != "agreement"
    assert _type("Both companies are committed to expanding cooperation in batteries.") \
        == "agreement"


def test_a_meeting_held_by_one_country_is_not_cooperation() -> None:
    """A document about both countries lends its parties to a plant opened, not to a
    meeting one country holds: its plenary session is no cooperation put into practice,
    while a numbered round of talks held by negotiators is the two sides'."""
    domestic = "China held the Fifth Plenary Session of the Central Committee on Monday."
    assert _type(domestic, document_cross_border=True) is None
    assert _type("Negotiators held the fifth round of talks on services in Beijing on Monday.",
                 document_cross_border=True) == "implemented"
    assert _type("The Korea-China joint committee held its fifth meeting in Seoul on Monday.",
                 document_cross_border=True) == "implemented"


@pytest.mark.parametrize(("statement_type", "text", "lang", "holds"), [
    # a signing needs a verb of signing
    ("signed", "The 14 MOUs underscored the joint efforts of Seoul and Beijing.", "en", False),
    ("signed", "Additional MOUs were signed on food safety by the two sides.", "en", True),
    ("signed", "代表团此次出访进一步巩固深化了与韩国高校间的交流合作。", "zh", False),
    # an agreement needs something agreed and concrete
    ("agreement", "The ministers discussed supply chains and the bilateral FTA at dinner.",
     "en", False),
    ("agreement", "The two parties will co-build a technical cooperation platform.", "en",
     True),
    ("agreement", "郑总裁表示，集团将通过和中国合作伙伴展开积极合作，推动氢能项目发展。", "zh",
     False),
    # a meeting recalled, talks reported, or a first meeting in a while
    ("implemented", "The previous meeting of the two ministers was held in Busan in 2023.",
     "en", False),
    ("implemented", "The two ministers discussed cooperation in their first meeting in over a "
     "year.", "en", False),
    ("implemented", "The second Korea-China trade expo was held in Yancheng on Tuesday.", "en",
     True),
    # one side's view is no proposal
    ("proposal", "\"Instead, we should look for ways to work with them.\"", "en", False),
    ("proposal", "The two countries should work together on supply chains.", "en", True),
    ("proposal", "我们认为应该寻找新的合作方式。", "zh", False),
])
def test_what_a_statement_of_the_learned_stage_must_show(statement_type: str, text: str,
                                                         lang: str, holds: bool) -> None:
    assert detected_holds(statement_type, lang, text, context=True) is holds


def test_the_learned_stage_needs_the_party_requirement_and_leaves_korean_alone() -> None:
    text = "The two sides will co-build a technical cooperation platform."
    assert detected_holds("agreement", "en", text, context=True)
    assert not detected_holds("agreement", "en", text, context=False)
    assert detected_holds("signed", "ko", "양국 협력이 더 깊어졌다.", context=False)


def test_same_event_needs_most_words_of_the_sentence_again() -> None:
    lede = event_words("Samsung signed a battery recycling agreement with a Wuxi partner.")
    again = event_words("The battery recycling agreement with the Wuxi partner starts in May.")
    other = event_words("LG Chem opened a cathode plant in Quzhou.")
    assert same_event(again, lede)
    assert not same_event(other, lede)


def test_a_restatement_found_by_the_learned_stage_takes_the_events_type(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """One event, one type: the detector's 'agreement' for a sentence retelling a signing
    reported by a cue becomes 'signed'; a sentence about another event keeps its type."""
    detector = _constant("agreement", 0.9, {"en"}, {"en": 0.6, "ko": 2.0, "zh": 2.0})
    monkeypatch.setattr(statement_detector, "load_detector", lambda: detector)
    sentences = split_sentences(
        "Samsung SDI and a Chinese partner signed a battery recycling agreement in Wuxi. "
        "The battery recycling agreement of Samsung SDI and its Chinese partner covers a "
        "joint plant in Wuxi. "
        "Both firms also have a joint platform for cathode research in Quzhou.")
    found = classify_sentences(sentences, [True] * len(sentences))
    assert [f.type if f else None for f in found] == ["signed", "signed", "agreement"]
    second = found[1]
    assert second is not None and second.cue == "" and second.confidence is not None


@pytest.mark.parametrize(("text", "lang", "wrong"), [
    # a curb denied, curbs as what partners coordinate
    ("虽然中国官方未正式对韩国实施出口禁令，但韩国企业仍担心稀土供应。", "zh", "restriction"),
    ("中韩代表一致认为，应当协调对第三国的出口管制。", "zh", "restriction"),
    ("Officials of Korea and China agreed to coordinate their export controls on chip tools.",
     "en", "restriction"),
    # what was set up modifies a noun: the sentence's event is the agreement
    ("双方商定，通过已建立的合作渠道加强沟通，稳定关键矿产供应链。", "zh", "implemented"),
    # before the summit opens: a time, not an event
    ("中韩双方希望在峰会开幕前完成谈判。", "zh", "implemented"),
    # the signing as an adjective of the text cited
    ("Under the freshly-signed MoU, the two sides will step up exchanges of researchers.", "en",
     "signed"),
])
def test_cues_that_do_not_report_the_sentences_event(text: str, lang: str, wrong: str) -> None:
    assert _type(text, lang, cross_border=True) != wrong


def test_the_same_cues_report_an_event_where_they_stand_as_the_predicate() -> None:
    assert _type("中国对韩国实施稀土出口禁令。", "zh") == "restriction"
    assert _type("中韩产业合作中心在烟台正式揭牌。", "zh", cross_border=True) == "implemented"
    assert _type("The two sides signed an MoU on exchanges of researchers.", "en") == "signed"


def _statements(text: str) -> list[tuple[str, str]]:
    from kcbridge.docs.pipeline import analyse_document
    return [(st.type, st.text) for st in analyse_document(text, embeddings=False).statements]


def test_statements_with_a_third_country_need_both_korea_and_china() -> None:
    """Korea-Japan talks and a Japanese curb on Korea are no Korea-China statements; a
    trilateral agreement with China and a US curb on Korean fabs in China are."""
    found = _statements(
        "Japan and South Korea agreed to resume their export control dialogue in Tokyo. "
        "Japan imposed restrictions on exports of three chip materials to South Korea. "
        "South Korea, China and Japan agreed to resume their joint research programme. "
        "The United States imposed export controls on chip tools for Samsung's fabs in China.")
    assert [t for t, _ in found] == ["agreement", "restriction"]
    assert "China and Japan agreed" in found[0][1] and "Samsung" in found[1][1]


def test_a_story_about_a_third_country_without_china_has_no_statement() -> None:
    vietnam = ("Bac Ninh province of Vietnam and Korea's Gyeongsangbuk province signed a "
               "memorandum of understanding on friendly cooperation. "
               "The two sides will step up exchanges of delegations under the MoU.")
    cities = ("Jeungpyeong County signed a friendship agreement with Kwitaihe, Heilongjiang "
              "Province, China. The two sides will step up exchanges of delegations.")
    assert _statements(vietnam) == []
    assert [t for t, _ in _statements(cities)][:1] == ["signed"]
