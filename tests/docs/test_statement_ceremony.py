"""Round stceremony (issue 10, fourteenth session; designed after seeing fresh-22's misses,
so its figures there are in-sample): three general classes in the cue lists.

* a signing ceremony held reports a signing in Korean ("업무협약식을 가졌다/열었다"), as
  "signing ceremony" and 签约 already did in English and Chinese; a ceremony planned or
  listed as a programme item still is none;
* sister ties concluded by the verb ("자매결연했다"), beside "자매결연을 맺었다";
* an import ban by its verb in Korean ("수입을 금지했다") and by its noun phrase in English
  ("announced a ban on the import of"); a ban lifted or only feared is none;
* a numbered session counts in 회 as in 차 ("제15회 한중 지방정부교류회의에 참가했다" is a
  meeting of the two sides held).

Every sentence was written for these tests; the places, firms and products are invented or
generic."""

from __future__ import annotations

import pytest

from kcbridge.docs.pipeline import DocumentInput, analyse_documents


def _types(text: str) -> list[str]:
    return [s.type for s in analyse_documents([DocumentInput(text=text)])[0].statements]


@pytest.mark.parametrize("sentence", [
    "삼성바이오는 20일 산둥성 정부와 바이오의약품 공장 설립을 위한 업무협약식을 가졌다.",
    "가온바이오는 20일 청하시에서 산둥성 정부 관계자들이 참석한 가운데 공장 설립을 위한 "
    "업무협약식을 열었다고 21일 밝혔다.",
    "양측은 이날 업무협약식을 갖고 공동 연구에 합의했다.",
])
def test_a_korean_signing_ceremony_held_is_a_signing(sentence: str) -> None:
    assert _types(sentence) == ["signed"]


@pytest.mark.parametrize("sentence", [
    "삼성바이오는 다음 달 산둥성 정부와 업무협약식을 가질 예정이다.",
    "한중 양국 대표단은 이날 △MOU 체결식 △기념촬영 등으로 구성된 행사에 참석했다.",
])
def test_a_korean_ceremony_planned_or_listed_is_none(sentence: str) -> None:
    assert "signed" not in _types(sentence)


def test_korean_sister_ties_by_the_verb() -> None:
    assert _types("경기도는 20일 중국 산둥성과 자매결연했다.") == ["signed"]
    assert _types("경기도는 20일 중국 산둥성과 자매결연을 맺었다.") == ["signed"]


@pytest.mark.parametrize("sentence, lang", [
    ("중국은 지난 3일 한국산 화장품 19종의 수입을 금지했다.", "ko"),
    ("On January 3, Beijing announced a ban on the import of 19 South Korean cosmetic "
     "products.", "en"),
])
def test_an_import_ban_is_a_restriction(sentence: str, lang: str) -> None:
    assert _types(sentence) == ["restriction"], lang


@pytest.mark.parametrize("sentence", [
    "China lifted its ban on imports of South Korean cosmetics on Monday.",
    "중국은 지난 3일 한국산 화장품의 수입 금지를 해제했다.",
    "중국이 한국산 화장품 수입을 금지할 가능성이 제기됐다.",
])
def test_a_ban_lifted_or_feared_is_none(sentence: str) -> None:
    assert _types(sentence) == []


def test_a_numbered_session_in_hoe_is_a_meeting_held() -> None:
    assert _types("대표단은 29일 중국 닝샤에서 열린 제15회 한중 지방정부교류회의에 "
                  "참가했다.") == ["implemented"]
    assert _types("대표단은 다음 달 열리는 제16회 한중 지방정부교류회의에 참가할 예정이다.") == []


# ---- added after fresh-23 was scored (its figures with these are a second look) ------------
@pytest.mark.parametrize("sentence, lang", [
    ("2014年11月7日湖北省与韩国忠清北道缔结友好省州关系。", "zh"),
    ("지난 28일 오후 헤이룽장성과 한국 충청남도 자매결연의식이 하얼빈에서 있었다.", "ko"),
    ("Gyeonggi Province and Shandong Province became sister provinces in 1994.", "en"),
])
def test_friendship_ties_in_three_languages_are_signed(sentence: str, lang: str) -> None:
    """The class round stceremony pre-registered in all three languages; its frozen code had
    only the Korean verb."""
    assert _types(sentence) == ["signed"], lang


@pytest.mark.parametrize("sentence", [
    "双方将缔结友好城市关系。",  # to be concluded: not yet
    "경기도 대표단은 이어 2400만 달러 규모의 투자협약식과 기업전시관 참관 등 일정을 "
    "소화한 뒤 귀국한다.",  # an item of a visit's schedule
])
def test_ties_to_come_and_schedule_items_are_not_signed(sentence: str) -> None:
    assert "signed" not in _types(sentence)
