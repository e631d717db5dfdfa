"""Statements the cue lists missed (:mod:`kcbridge.docs.statement_recall`, round strecall4):
A, a meeting of the two sides held (implemented); B, an export-control channel, dialogue or
briefing is cooperation, not a curb; C, requests addressed to the other side and one side's
offers are proposals. Every sentence is written for these tests (invented places, firms and
people); each found case is one of the round's classes in another wording, each left case
guards a form the rule must leave alone. The adoption decision is recomputed from the round's
record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kcbridge.docs.statement_recall import addressed_request
from kcbridge.docs.statements import classify_sentence

RECORD = (Path(__file__).resolve().parents[2] / "docs" / "history"
          / "recall4_adoption_strecall4.json")


def _type(text: str, lang: str, **context: bool) -> str | None:
    found = classify_sentence(text, lang, **context)
    return None if found is None else found.type


@pytest.mark.parametrize("text, lang", [
    # A: a numbered round or a joint body's meeting reported held
    ("제3차 한중 환경협력 공동위원회가 12일 서울에서 개최됐다.", "ko"),
    ("그간 세 차례 열린 한중 통상협의회는 국장급이 이끌었으나 이번 회의는 양국 장관이 주재했다.",
     "ko"),
    ("이날 양국 정부는 세종에서 제4차 한중 통상 협의회를 개최한다.", "ko"),
    ("부산시는 상하이시와 함께 '2026 한중 창업 교류회'를 개최했다.", "ko"),
    ("목포시와 중국 닝보시가 공동 주최한 '수산물 교류회'가 목포에서 막을 내렸다.", "ko"),
    ("第五次中韩产业合作对话在北京举行。", "zh"),
    ("Korea and China held the third meeting of their joint customs committee in Seoul.", "en"),
    ("The fourth round of the Korea-China supply chain dialogue was held in Busan on Monday.",
     "en"),
])
def test_a_meeting_of_the_two_sides_held_is_implemented(text: str, lang: str) -> None:
    assert _type(text, lang, cross_border=True) == "implemented"


@pytest.mark.parametrize("text, lang", [
    # still to come: agreed, not held
    ("제3차 한중 환경협력 공동위원회는 내년 베이징에서 개최될 예정이다.", "ko"),
    ("第六次中韩产业合作对话将于明年在首尔举行。", "zh"),
    ("The two sides will hold the fourth meeting of the joint committee next year.", "en"),
    # a meeting of no joint body, no round and no joint host
    ("시장은 이날 시청에서 간부 회의를 주재했다.", "ko"),
    # a joint event of two domestic partners
    ("서울시는 부산시와 함께 관광 박람회를 개최했다.", "ko"),
])
def test_meetings_not_held_or_not_of_the_two_sides_are_not_implemented(text: str,
                                                                       lang: str) -> None:
    assert _type(text, lang, cross_border=True) != "implemented"


@pytest.mark.parametrize("text, lang", [
    # B: the curb is the topic of a channel, a dialogue or a briefing set up or held
    ("과장급 수출통제 소통채널 구축", "ko"),
    ("양국은 희토류 수출통제 조치에 대해 정부간 대화와 기업 설명회를 개최할 예정이다.", "ko"),
    ("双方同意就出口管制问题建立定期沟通渠道。", "zh"),
    ("The two governments agreed to hold regular briefings about export controls for firms.",
     "en"),
])
def test_an_export_control_channel_is_no_restriction(text: str, lang: str) -> None:
    assert _type(text, lang, cross_border=True) != "restriction"


@pytest.mark.parametrize("text, lang", [
    # a curb imposed, also when a briefing follows it
    ("중국 정부는 흑연 수출통제를 강화하고 기업 설명회를 열었다.", "ko"),
    ("中国商务部宣布对石墨实施出口管制。", "zh"),
    ("China imposed export controls on gallium and germanium.", "en"),
])
def test_a_curb_imposed_stays_a_restriction(text: str, lang: str) -> None:
    assert _type(text, lang, cross_border=True) == "restriction"


@pytest.mark.parametrize("text, lang, context", [
    # C: a request with the other side as addressee
    ("한국 측은 중국 측의 신속한 통관 협조를 요청했다.", "ko", {}),
    ("希望青岛市继续支持韩国企业扩大投资。", "zh", {}),
    ("李部长敦促中方尽快取消对韩国企业的制裁。", "zh", {}),
    ("The mayor asked the Chinese Ambassador to support the city's bid for the expo.", "en",
     {"document_cross_border": True}),
    # one side's offer
    ("산시성 정부는 한국 기업의 투자를 적극 지원하겠다고 약속했다.", "ko", {"cross_border": True}),
    ("王院长表示，该院将与韩国材料研究院探索构建联合研发机制。", "zh", {}),
])
def test_requests_and_offers_are_proposals(text: str, lang: str, context: dict[str, bool]) -> None:
    assert _type(text, lang, **context) == "proposal"


@pytest.mark.parametrize("text, lang, expected", [
    # a joint promise stays an agreement; agreeing with an idea is a view; a vague vow of one
    # side is no offer
    ("양측은 공동연구를 지원하겠다고 약속했다.", "ko", "agreement"),
    ("他表示很同意对方关于加强两市合作的看法。", "zh", None),
    ("李市长表示，该市将加强与韩国城市的合作。", "zh", None),
])
def test_forms_the_request_rules_leave_alone(text: str, lang: str, expected: str | None) -> None:
    assert _type(text, lang, cross_border=True) == expected


def test_only_the_other_side_named_as_addressee_makes_a_request() -> None:
    """Without a cross-border context, "asked X to VERB" is a request to the other side only
    when X is named (a capitalised addressee) and the act is one of cooperation."""
    assert addressed_request("en", "The governor asked the Chinese Consul General to "
                                   "support the new ferry route.")
    assert not addressed_request("en", "He asked reporters to wait.")
    assert _type("He asked reporters to wait.", "en") is None
    assert not addressed_request("ko", "업계는 정부의 적극적인 지원을 요구했다.")


def _pooled(sets: dict[str, list[int]]) -> tuple[float, float]:
    found, gold, right, extracted = (sum(c[i] for c in sets.values()) for i in range(4))
    return found / gold, right / extracted


def test_adoption_record_reproduces_the_decision() -> None:
    """Per class (pre-registered): with the class on against the class off, pooled recall over
    the seen sets rises, recall falls in no set and language, and pooled precision (all
    languages, and each language) falls by at most 0.01."""
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    runs = record["runs"]

    def flat(run: str, lang: str | None = None) -> dict[str, list[int]]:
        return {f"{s}/{la}": c for s, by_lang in runs[run].items() for la, c in by_lang.items()
                if lang in (None, la)}

    adopted = []
    for cls in "ABC":
        on, off = flat("on"), flat(f"off{cls}")
        assert set(on) == set(off)
        rises = _pooled(on)[0] > _pooled(off)[0]
        no_fall = all(on[k][0] / on[k][1] >= off[k][0] / off[k][1] for k in on if on[k][1])
        precision = all(_pooled(flat("on", la))[1] >= _pooled(flat(f"off{cls}", la))[1] - 0.01
                        for la in ("en", "ko", "zh")) and \
            _pooled(on)[1] >= _pooled(off)[1] - 0.01
        if rises and no_fall and precision:
            adopted.append(cls)
    assert adopted == record["adopted"]
    totals = {run: [sum(c[i] for c in flat(run).values()) for i in range(4)] for run in runs}
    assert totals == record["totals"]
