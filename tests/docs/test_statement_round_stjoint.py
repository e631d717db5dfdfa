"""Round stjoint (issue 10, twentieth session; read on the English misses of fresh-40..43,
pre-registered before fresh-44 and fresh-45 were labelled): a numbered or annual meeting told as
a reduced relative ("the 18th joint fishing committee meeting held for four days") is
implemented, and the joint subject of an English agreement ("They", "the two ministers") may be
followed by a first verb phrase and "and" before the cue ("They also addressed … and agreed
to …"). On the seen sets: one right English statement more on each of fresh-37, 39, 40 and 43,
nothing false added, news_dev unchanged."""

from __future__ import annotations

import pytest

from kcbridge.docs.pipeline import analyse_document

BOTH = "South Korea and China held vice-ministerial talks in Seoul on Tuesday. "


def types(text: str) -> list[str]:
    return [s.type for s in analyse_document(text, embeddings=False).statements]


@pytest.mark.parametrize("sentence", [
    "The decision was reached during the 18th joint fishing committee meeting held for four "
    "days from Tuesday in Busan.",
    "Officials of both sides took part in the 7th Korea-China University Presidents Forum held "
    "at Hanyang University.",
    "The annual strategic dialogue held in Beijing last week reviewed the projects.",
])
def test_a_numbered_meeting_held_is_implemented(sentence: str) -> None:
    assert "implemented" in types(BOTH + sentence)


def test_a_meeting_held_without_a_number_is_not_by_this_rule() -> None:
    assert "implemented" not in types(BOTH + "A seminar held in Seoul drew 200 people.")


@pytest.mark.parametrize("sentence", [
    "They also addressed recent developments in Korean Peninsula affairs and agreed to continue "
    "close coordination for lasting peace.",
    "The two ministers discussed supply chains and agreed to set up a working group on "
    "critical minerals.",
])
def test_a_joint_subject_with_a_first_verb_phrase_keeps_the_agreement(sentence: str) -> None:
    assert "agreement" in types(BOTH + sentence)


def test_without_both_countries_in_the_document_the_joint_subject_is_not_enough() -> None:
    assert "agreement" not in types(
        "They also addressed recent developments and agreed to continue close coordination.")
