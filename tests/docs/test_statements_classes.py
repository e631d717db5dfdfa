"""Statement classes seen on real news, on sentences written for these tests (ko, zh, en):
proposals, hopes and forecasts, implemented cooperation, export-control dialogue vs real
curbs, requests and offers in talks."""

from __future__ import annotations

from datetime import date

import pytest
from tests.docs.statement_helpers import typed

from kcbridge.docs.pipeline import analyse_document
from kcbridge.docs.statements import cue_types


@pytest.mark.parametrize(("text", "lang"), [
    ("The two sides should deepen cooperation through joint R&D and co-established labs.", "en"),
    ("Experts urged Seoul and Beijing to set up a joint battery recycling programme.", "en"),
    ("양국은 수소 분야 공동연구를 확대해야 한다고 제안했다.", "ko"),
    ("한국 측은 중국에 요소 공급 협력 강화를 촉구했다.", "ko"),
    ("希望双方进一步加强在氢能领域的合作。", "zh"),
    ("中韩两国企业可探讨在新材料领域开展联合研发。", "zh"),
    ("围绕新能源领域对韩合作提出了具体方案。", "zh"),
])
def test_proposals(text: str, lang: str) -> None:
    assert typed(text, lang) == "proposal"


@pytest.mark.parametrize(("text", "lang"), [
    ("The two companies opened a joint research centre in Suzhou on Monday.", "en"),
    ("The 12th meeting of the Korea-China joint committee on science was held in Seoul.", "en"),
    ("한중 양국은 서울에서 제3차 산업협력 공동위원회를 개최했다.", "ko"),
    ("한중 기술협력센터가 14일 문을 열었다.", "ko"),
    ("中韩科技合作联委会第15次会议在北京召开。", "zh"),
    ("中韩合资电池工厂举行奠基仪式。", "zh"),
])
def test_implemented(text: str, lang: str) -> None:
    assert typed(text, lang) == "implemented"


@pytest.mark.parametrize(("text", "lang"), [
    ("The joint plant with the Chinese partner is expected to be completed next year.", "en"),
    ("中韩合资工厂二期项目预计明年竣工。", "zh"),
    ("한중 합작 공장은 내년 착공식을 열 예정이다.", "ko"),
])
def test_a_completion_still_to_come_is_not_implemented(text: str, lang: str) -> None:
    assert typed(text, lang) != "implemented"


@pytest.mark.parametrize(("text", "lang"), [
    ("Korea and China agreed to launch an export control dialogue between the ministries.",
     "en"),
    ("양국은 수출통제 대화 채널을 신설하기로 합의했다.", "ko"),
    ("双方同意建立出口管制对话机制。", "zh"),
])
def test_export_control_dialogue_is_not_a_restriction(text: str, lang: str) -> None:
    assert typed(text, lang) == "agreement"


@pytest.mark.parametrize(("text", "lang"), [
    ("Washington revoked the waivers that let the Korean chipmakers ship tools to China.",
     "en"),
    ("Beijing suspended clearing urea shipments to Korea at customs last week.", "en"),
    ("중국은 지난달 요소 수출을 돌연 중단했다.", "ko"),
    ("中国宣布自8月1日起管制镓、锗相关物项出口。", "zh"),
])
def test_real_curbs_are_restrictions(text: str, lang: str) -> None:
    assert typed(text, lang) == "restriction"


@pytest.mark.parametrize(("text", "lang"), [
    ("There is a possibility that China will tighten export controls on graphite further.",
     "en"),
    ("Analysts said China is not likely to halt exports of the metal.", "en"),
    ("정부는 중국의 요소 수출 제한에 대비해 수입선을 다변화했다.", "ko"),
    ("目前尚不确定中国是否会扩大限制出口的品项。", "zh"),
])
def test_a_feared_or_denied_curb_is_not_imposed(text: str, lang: str) -> None:
    assert typed(text, lang) is None


@pytest.mark.parametrize(("text", "lang"), [
    ("The Korean side asked Beijing to ensure a stable supply of raw materials, while the "
     "Chinese side proposed deeper cooperation.", "en"),
    ("한국 측은 원자재의 안정적 공급을 요청했고 중국 측은 실무 협의를 제안했다.", "ko"),
    ("韩方希望中方保障原材料稳定供应，双方呼吁尽快启动工作层面磋商。", "zh"),
])
def test_requests_and_offers_in_talks_are_proposals(text: str, lang: str) -> None:
    assert typed(text, lang) == "proposal"


def test_a_plant_of_one_country_in_the_other_is_cooperation_through_its_actors() -> None:
    text = "Hyundai Motor put its first overseas fuel cell plant in Guangzhou into operation."
    assert typed(text, "en") is None  # no cooperation word in the sentence itself
    assert typed(text, "en", cross_border=True) == "implemented"
    assert "implemented" in cue_types(text, "en")


def test_signed_and_implemented_statements_are_not_dated_after_publication() -> None:
    text = ("Korea and China agree on hydrogen lab\n\n"
            "KIER and the Chinese Academy of Sciences signed an agreement on 3 March to build "
            "a joint hydrogen laboratory. The joint laboratory opened in Daejeon on 10 April. "
            "The two institutes will open a second joint lab on 2 September.")
    analysis = analyse_document(text, published=date(2024, 4, 12), embeddings=False)
    done = [s for s in analysis.statements if s.type in ("signed", "implemented")]
    assert {s.type for s in done} == {"signed", "implemented"}
    assert all(s.date is not None and s.date <= date(2024, 4, 12) for s in done)
