"""Round enmeet (issue 10): an English agreement whose subject refers back to both sides
("they", "the two ministers", "both leaders") takes the document's parties when the document
names both countries, and a meeting cue reads possessive fillers ("an annual ministers'
meeting"). Documents written for this test (invented people)."""

from __future__ import annotations

import pytest

from kcbridge.docs.pipeline import DocumentInput, analyse_documents

BOTH = ("Korea, China hold economic ministers' talks\n"
        "South Korea's finance minister Gana Kim and China's planning chief Dara Wang met in "
        "Seoul on Sunday.\n")
KOREA_ONLY = ("Two Seoul chipmakers meet\n"
              "The chief executives of Gana Chips and Dara Memory met in Seoul on Sunday.\n")


def _statements(text: str) -> list[tuple[str, str]]:
    analysis = analyse_documents([DocumentInput(text=text)], embeddings=False)[0]
    return [(st.type, st.text) for st in analysis.statements]


@pytest.mark.parametrize("sentence", [
    "In the meeting, they agreed to create a director-level body on supply chains.",
    "The two ministers agreed to hold the next meeting in Beijing.",
    "Both ministers also agreed to launch a joint working group on batteries.",
])
def test_a_joint_subject_takes_the_documents_parties(sentence: str) -> None:
    assert ("agreement", sentence) in _statements(BOTH + sentence + "\n")


@pytest.mark.parametrize(("context", "sentence"), [
    # the document names one country only: no Korea-China agreement
    (KOREA_ONLY, "In the meeting, they agreed to create a director-level body on memory chips."),
    # not a joint subject of the agreement
    (BOTH, "Analysts agreed that the talks would take time."),
    (BOTH, "They said the weather in Seoul was fine."),
])
def test_no_agreement_without_both_sides(context: str, sentence: str) -> None:
    assert not [s for s in _statements(context + sentence + "\n") if s[1] == sentence]


def test_a_mechanism_meeting_named_with_a_possessive_is_held() -> None:
    sentence = ("Finance Minister Gana Kim and his Chinese counterpart Dara Wang held an annual "
                "ministers' meeting in Seoul.")
    assert ("implemented", sentence) in _statements(BOTH + sentence + "\n")
