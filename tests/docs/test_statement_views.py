"""Cues that state a view, a wish, one side's decision or a background fact
(:mod:`kcbridge.docs.statement_views`). Every sentence is written for these tests (invented
places, firms and people); each refused case was a statement before the rule, and each kept
case guards the form the rule must leave alone."""

from __future__ import annotations

import pytest

from kcbridge.docs.statements import classify_sentence


def _type(text: str, lang: str) -> str | None:
    found = classify_sentence(text, lang, cross_border=True)
    return found.type if found is not None else None


@pytest.mark.parametrize("text, lang", [
    # a wish that something becomes so (passive / inchoative verb before the hope)
    ('한빛시 부시장은 "두 도시의 청소년 교류가 한층 확대되길 바란다"고 말했다.', "ko"),
    ('그는 "오늘 행사가 한중 소재 협력의 디딤돌이 되기를 기대한다"고 말했다.', "ko"),
    # a first-person wish that names nobody on the other side as the one to act
    ('"I hope we keep this partnership for many years to come for Korea and China," '
     'the mayor said.', "en"),
    # a modal verb inside a view the two sides share
    ("The two sides shared the view that their countries need to keep logistics routes "
     "open during the winter.", "en"),
    ("双方一致认为，中韩两国应保持产业链稳定。", "zh"),
    # background in a relative clause
    ("Under the deal, Daeho Materials will supply the Hwasan plant, which was opened "
     "last year with a Chinese partner.", "en"),
    # a signing made the topic of a quoted forecast
    ('박 시장은 "이번 협약 체결은 두 도시 교류의 전환점이 될 것"이라고 말했다.', "ko"),
    # a signing that dates a relation that goes on
    ("한빛시와 청강시는 지난 2012년 우호 협정을 체결한 뒤 현재까지 문화 교류를 이어오고 있다.",
     "ko"),
    # one side's decision (no partner acting with the subject)
    ("정부는 중국과의 대화를 통해 피해를 최소화하기로 했다.", "ko"),
    # a third country's curb, China not named
    ("이는 미국의 장비 수출 통제에 대한 대응이었다.", "ko"),
])
def test_views_wishes_decisions_and_backgrounds_are_no_statements(text: str, lang: str) -> None:
    assert _type(text, lang) is None


@pytest.mark.parametrize("text, lang, expected", [
    # a hope for cooperation the parties are to carry out stays a proposal
    ('그는 "양국이 수소 분야 협력을 확대하기를 바란다"고 말했다.', "ko", "proposal"),
    # a wish conveyed to the other side is a request
    ("청강시 당국은 한국 측과 접촉해 부품 교역이 원활하게 이뤄지길 희망한다는 뜻을 전했다.",
     "ko", "proposal"),
    # the main clause's own opening is reported
    ("Daeho Materials opened a cathode plant in Hwasan with its Chinese partner on Monday.",
     "en", "implemented"),
    # a signing followed by what was done after it (no ongoing relation)
    ("두 도시는 협정을 체결한 뒤 공동 조사단을 파견했다.", "ko", "signed"),
    # a decision with the partner or both sides as subject is an agreement
    ("양국은 연내 공급망 핫라인 회의를 열기로 했다.", "ko", "agreement"),
    ("한빛시는 청강시와 함께 물류 센터를 세우기로 했다.", "ko", "agreement"),
    # China's own curb is a restriction
    ("중국 상무부는 흑연 수출을 통제하기로 하고 허가제를 도입했다.", "ko", "restriction"),
])
def test_forms_the_view_rules_leave_alone(text: str, lang: str, expected: str) -> None:
    assert _type(text, lang) == expected
