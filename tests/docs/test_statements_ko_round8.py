"""Korean statement rules of the eighth round (issue #10, :mod:`kcbridge.docs.statement_ko`
and the Korean cue phrases added to :mod:`kcbridge.docs.statement_cues`). Each class was
seen on the Korean development pages (fresh-5 / fresh-6 pages rebuilt outside the
repository); the sentences here were written for these tests only."""

from __future__ import annotations

import pytest
from tests.docs.statement_helpers import typed

from kcbridge.docs.statement_ko import is_headline


# Each case: a sentence the new rule types (the code before did not) and a sentence that
# bounds the rule.
@pytest.mark.parametrize(("hit", "expected", "bound", "bound_expected"), [
    # a joint plan told in the plain non-past, with a partner and a word of joint action
    ("A전자는 중국 B그룹과 손잡고 동남아 배터리 시장을 공략한다.", "agreement",
     "A전자는 동남아 배터리 시장을 공략한다.", None),
    ("한 게임사는 중국 파트너와 모바일 게임 유통 사업을 추진한다.", "agreement",
     "이번 협약으로 양국 협력이 한층 강화된다.", None),
    # a joint subject; the polite non-past too, but not the polite past
    ("양사는 내년까지 상하이에 공동 연구소를 세운다.", "agreement",
     "양사 협력으로 매출이 크게 늘어날 것으로 기대된다.", None),
    # a joint subject alone may be two acts side by side: a word of joint action is needed
    ("양측은 합작으로 연간 2만t 규모의 공장을 짓는다.", "agreement",
     "양사는 내년까지 각각 500억원을 투자한다.", None),
    ("두 회사는 중국 시장에 공동 진출합니다.", "agreement",
     "E시는 중국 F시와 교류 협력 사업을 설명했습니다.", None),
    # a joint plan quoted as announced; the past quoted is a signing
    ("한국 C사는 중국 D사와 오는 10월 합작 계약을 체결한다고 3일 밝혔다.", "agreement",
     "한국 C사는 중국 D사와 합작 계약을 체결했다고 3일 밝혔다.", "signed"),
    # one side's intention is no agreement
    ("G시는 중국 H시와 함께 관광 교류 사업을 확대한다고 말했다.", "agreement",
     "참가 기업들은 중국 측과 협력을 이어가고자 한다고 전했다.", None),
    # a shared view stated
    ("양측은 공급망 핫라인을 정례화하는 데 의견을 같이했다.", "agreement",
     "양측은 공급망 문제에 대해 의견을 나눴다.", None),
    # what a signed text contains
    ("협약의 주요 내용은 인력 교류와 공동 연구 과제 발굴 등이다.", "agreement",
     "협약의 의미에 대해서는 해석이 엇갈린다.", None),
    # teamed up (past)
    ("J시는 중국 K시와 손잡았다.", "agreement",
     "회의실 문의 손잡이가 고장났다.", None),
    # a hope with the contracted 길, and a hope conveyed to the other side
    ("중국 측은 양국 공급망 협력이 원활하게 이어지길 희망한다는 뜻을 전했다.", "proposal",
     "그는 행사에서 건강이 빨리 회복되길 바란다고 말했다.", None),
    # an offer of one side in talks
    ("중국 측은 통관 문제를 조속히 해결하겠다는 입장을 밝혔다.", "proposal",
     "회사는 품질 문제를 해결하겠다는 입장을 밝혔다.", None),
])
def test_korean_round8_rules(hit: str, expected: str, bound: str,
                             bound_expected: str | None) -> None:
    assert typed(hit, "ko") == expected
    assert typed(bound, "ko") == bound_expected


@pytest.mark.parametrize(("line", "expected", "bound", "bound_expected"), [
    # a headline ending in a predicate noun takes its type; a word of intent after it does not
    ("G사, 중국 H사와 배터리 합작법인 설립 계약 체결", "signed",
     "G사, 중국 H사와 합작 계약 체결 추진", None),
    ("I사, 중국 장쑤성에 양극재 공장 준공", "implemented",
     "I사, 중국 장쑤성에 양극재 공장 착공 예정", None),
    # each "…" segment of a headline ends in its own noun
    ("한중 포럼서 MOU 5건 체결…식품·게임 협력 확대", "signed",
     "한중 포럼서 MOU 5건 체결 기대감", None),
    ("L시, 중국 M시와 물류 협력", "agreement",
     "L시, 중국 물류 시장 분석", None),
    ("중국, 한국에 요소 공급 안정 협조 요청", "proposal",
     "중국의 요소 협조 요청 배경", None),
])
def test_korean_headline_nouns(line: str, expected: str, bound: str,
                               bound_expected: str | None) -> None:
    assert typed(line, "ko", cross_border=True) == expected
    assert typed(bound, "ko", cross_border=True) == bound_expected


def test_a_line_that_ends_as_a_sentence_is_no_headline() -> None:
    assert is_headline("I사, 중국에 양극재 공장 준공")
    assert not is_headline("I사는 중국에 양극재 공장을 준공했다.")
    assert not is_headline("I사가 중국에 공장을 준공했습니다")


# Added after the first fresh-7 scoring (a second look, reported as such in the README):
# event verbs in a connective form take the tense of the last predicate, and a joint
# pledge is an agreement rather than one side's offer.
@pytest.mark.parametrize(("hit", "expected", "bound", "bound_expected"), [
    ("A부 장관과 B국 주임은 12일 제3차 한중 과학기술공동위원회를 열고 내년도 협력사업을 결정했다.",
     "implemented",
     "A부 장관과 B국 주임은 다음 달 제3차 한중 과기공동위원회를 열고 사업을 결정할 예정이다.",
     None),
    ("C청과 중국 D시가 협력 양해각서(MOU)를 맺어 양국 교류 증대가 기대된다.", "signed",
     "C청은 중국 D시와 내달 MOU를 맺고 교류를 늘릴 계획이다.", None),
    # a forum held is no institution's meeting
    ("C청은 중국 D시와 협력 양해각서(MOU)를 맺고 교류를 늘리기로 했다.", "signed",
     "양국 경제인들은 4일 서울에서 '한중 경제협력포럼'을 개최하고 교류 확대에 나섰다.", None),
    ("양 측은 공동 산업단지가 새 협력 모델이 되도록 공동노력을 다하겠다는 의사를 표명했다.",
     "agreement",
     "중국 측은 통관 문제를 조속히 해결하겠다는 입장을 밝혔다.", "proposal"),
])
def test_korean_connective_events_and_joint_pledges(hit: str, expected: str, bound: str,
                                                    bound_expected: str | None) -> None:
    assert typed(hit, "ko") == expected
    assert typed(bound, "ko") == bound_expected
