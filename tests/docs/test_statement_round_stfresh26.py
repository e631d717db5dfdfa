"""Round stfresh26 (issue 10, sixteenth session; read from fresh-26's misses after it was scored
once, so its figures there are in-sample; measured once on fresh-27, labelled blind at the same
time by another labeller): general classes.

* goods turned away at customs ("refused to pass … through customs") are a restriction;
* a request whose addressee is named with a clause between commas ("asked the Ministry of
  Commerce, which is in charge of …, to protect …") is a proposal;
* one side's agenda for cooperation ("outlined the key areas for future cooperation");
* an annual or regular meeting (年会, 例会, 연례, 정기 회의) is a mechanism's, as "annual" is;
* a Korean bullet line that ends in the deed ("- 3월에는 … 합작사 설립") is implemented;
* a Korean ceremony in the plain present ("조인식을 갖는다") is the day's schedule, not held yet;
* Chinese background: a deed as the start of a period ("自…举办以来") and a consensus told as
  the guidance of what the speaker does ("…达成重要共识，为…提供了根本遵循").

Every sentence was written for these tests; the people, places and firms are invented."""

from __future__ import annotations

import pytest
from tests.docs.statement_rounds import type_in_context as _type


@pytest.mark.parametrize(("text", "expected"), [
    ("The Dalian customs office refused to pass 40 tons of Korean kimchi through customs on "
     "May 2, citing labelling rules.", "restriction"),
    ("Chinese inspectors refused customs clearance for Korean cosmetics last week.",
     "restriction"),
    ("Two containers of Korean ramen were rejected at customs in Qingdao.", "restriction"),
    # a refusal that has nothing to do with goods at the border is none
    ("The minister refused to comment on the talks.", None),
])
def test_goods_turned_away_at_customs(text: str, expected: str | None) -> None:
    assert _type(text, "en") == expected


def test_a_request_with_the_addressee_described_between_commas() -> None:
    text = ("On April 9, she asked the Ministry of Commerce, which oversees foreign-invested "
            "firms in China, to protect Korean retailers from the boycott.")
    assert _type(text, "en") == "proposal"
    # without "to" and a verb it asks nothing of anyone
    assert _type("She asked the Ministry of Commerce, which oversees foreign firms, about "
                 "it.", "en") is None


def test_an_agenda_for_cooperation_is_a_proposal() -> None:
    assert _type("Governor Park outlined the following key areas for future cooperation with "
                 "Shandong:", "en") == "proposal"
    assert _type("The report outlined the history of the port.", "en") is None


@pytest.mark.parametrize(("text", "lang"), [
    ("10月12日至15日，“2023年中韩两所年会暨海洋环境联合研究中心研讨会”在青岛召开。", "zh"),
    ("한중 해양연구소 연례 공동 세미나가 11일 부산에서 열렸다.", "ko"),
])
def test_an_annual_joint_meeting_held_is_implemented(text: str, lang: str) -> None:
    assert _type(text, lang) == "implemented"


def test_a_korean_bullet_line_ending_in_the_deed() -> None:
    assert _type("- 3월에는 중국 동방자동차와 배터리 합작사 설립", "ko") == "implemented"
    # the noun inside a sentence that goes on is not a deed told
    assert _type("합작사 설립 여부는 아직 정해지지 않았다.", "ko") is None


def test_a_korean_ceremony_in_the_plain_present_is_not_yet_held() -> None:
    assert _type("도지사는 이어 난징시로 이동해 ‘경기도-장쑤성 우호협력 MOU 체결식’을 갖는다.",
                 "ko") is None
    assert _type("도지사는 이어 난징시에서 ‘경기도-장쑤성 우호협력 MOU 체결식’을 가졌다.",
                 "ko") == "signed"


def test_chinese_background_since_and_guidance() -> None:
    assert _type("自2012年首届中韩港口合作论坛举办以来，这是双方第一次在线上相聚。", "zh") is None
    assert _type("两国领导人多次会面并达成重要共识，为本省深化对韩合作提供了根本遵循。",
                 "zh") is None
    assert _type("两国领导人会面并达成重要共识，同意启动自贸协定第二阶段谈判。",
                 "zh") == "agreement"
    assert _type("中韩港口合作论坛第三届会议今天在烟台举办。", "zh") == "implemented"
