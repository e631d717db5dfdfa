"""Round stfresh27 (issue 10, sixteenth session; read from the misses of fresh-26 and fresh-27
after each was scored, so its figures there are in-sample; measured once on fresh-28 and
fresh-29, labelled blind meanwhile): general classes.

* Korean export curbs told in their own sentence: applications reviewed one by one ("수출
  신청은 개별 심사한다"), goods made abroad restricted too ("…경우에도 제한을 받는다");
* a formal inquiry to the other side's government is a demand that it explain (proposal);
* Korean background and views: a plan to go on discussing is talks, not an agreement; a
  request to one's own government is no proposal to the partner; a commentator's "셈이다"; the
  regime a new curb is compared with ("…보다 강화된"); a habitual chain ("…우호를 다져왔다") is
  not read by the learned stage either;
* Chinese records: "发展至今 / 截至目前 / N年前 / 建交N年来" and relations established (外交关系,
  伙伴关系) are background.

Every sentence was written for these tests; the people, places and firms are invented."""

from __future__ import annotations

import pytest
from tests.docs.statement_rounds import document_types as _types
from tests.docs.statement_rounds import type_in_context as _type


@pytest.mark.parametrize("text", [
    "첨단 반도체 장비에 쓰일 희토류 수출 신청은 개별 심사한다는 방침이다.",
    "중국산 희토류 기술로 해외에서 가공한 자석도 수출 통제 대상으로 제한을 받는다.",
])
def test_korean_curbs_told_in_their_own_sentence(text: str) -> None:
    assert _type(text, "ko") == "restriction"


def test_a_speed_limit_is_no_curb() -> None:
    assert _type("이 구간에서 화물차는 속도 제한을 받는다.", "ko") is None


def test_a_formal_inquiry_to_the_other_government_is_a_proposal() -> None:
    assert _type("산업부는 중국 정부에 통관 지연의 경위를 공식 질의했다.", "ko") == "proposal"


@pytest.mark.parametrize("text", [
    # a plan to keep discussing
    "산업부는 중국 상무부와 함께 공급망 협력 방안을 긴밀히 논의해 나갈 예정이다.",
    # a request to one's own government
    "현지 진출 기업들은 원료 수입에 차질이 생겼다며 우리 정부에 지원을 요청했다.",
    # a commentator's "it amounts to", and the regime compared with
    "사실상 전 세계 배터리 산업에 대한 '중국 허가제'가 도입된 셈이다.",
    "이번 조치는 지난해 시행된 흑연 수출허가제보다 한층 강화된 형태다.",
])
def test_korean_talks_own_requests_and_commentary_are_none(text: str) -> None:
    assert _type(text, "ko") is None


def test_a_korean_habitual_chain_is_background_for_the_learned_stage_too() -> None:
    text = ("목포시는 중국 웨이팡시와 교류해 왔다. 앞서 2019년 웨이팡시로부터 교류 의향서를 받고 "
            "이듬해 온라인 회의를 여는 등 지속적인 교류로 우호를 다져왔다.")
    assert "signed" not in _types(text)


@pytest.mark.parametrize("text", [
    "发展至今，烟台已开通至韩国仁川、平泽等港口的6条海上航线。",
    "30年前，双方打破隔阂，建立了外交关系，推动各领域合作取得丰硕成果。",
    "他表示，中韩建交30年来，双方已建立了战略合作伙伴关系。",
])
def test_chinese_records_and_relations_are_background(text: str) -> None:
    assert _type(text, "zh") is None


def test_a_chinese_centre_set_up_is_still_implemented() -> None:
    assert _type("双方在青岛建立了联合研究中心。", "zh") == "implemented"
