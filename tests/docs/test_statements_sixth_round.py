"""Statement rules of the sixth round (issue #10): each rule was found on the development half
of a fifth fresh set of real public pages (kept outside the repository; addresses, SHA-256
and gold offsets in ``docs/data/statement_fresh5_pages.jsonl``) and is tested here on
sentences written for these tests only."""

from __future__ import annotations

import pytest
from tests.docs.statement_helpers import check_statement_pages, typed


# Each case: a sentence the new rule types (the code before did not, or typed it otherwise)
# and a sentence that bounds the rule.
@pytest.mark.parametrize(("lang", "hit", "expected", "bound", "bound_expected"), [
    # zh: a joint venture set up with a partner, without 了 ("宣布与…成立合资公司")
    ("zh", "去年5月，韩国一家材料企业宣布与中国某电池企业成立合资公司。", "implemented",
     "韩国一家材料企业计划明年与中国某电池企业成立合资公司。", None),
    # zh: an office set up, present tense ("在首尔和上海设办事处")
    ("zh", "该合作中心在首尔和北京设办事处。", "implemented",
     "该合作中心将在首尔和北京设办事处。", "agreement"),
    # zh: 已 + launch ("两国已启动…谈判")
    ("zh", "中韩两国已启动投资协定第二阶段谈判。", "implemented",
     "中韩两国计划启动投资协定第二阶段谈判。", "agreement"),
    # zh: counted rounds done ("已先后8次进行关税削减", "已举行9轮谈判")
    ("zh", "迄今双方已先后5次进行关税削减。", "implemented",
     "双方希望明年再进行一次关税削减。", None),
    # zh: a signing as a time clause ("自…签署以来") is background, not a signing
    ("zh", "自2016年中韩协定签署以来，双方贸易额持续增长。", None,
     "2016年中韩两国签署了该协定。", "signed"),
    # zh: a nominalised entry into force ("…协定的生效实施，为…") is no event reported
    ("zh", "今年初该多边协定的生效实施，为中韩合作提供了更广阔的空间。", None,
     "中韩自贸协定于2015年12月正式生效。", "implemented"),
    # zh: an offer together with the other side ("中方愿与韩方一道，保持…，争取…")
    ("zh", "中方愿与韩方一道，保持谈判势头，争取早日达成协定。", "proposal",
     "中方愿意看到地区局势保持稳定。", None),
    # zh: an offer of dialogue on export controls is no curb ("愿通过…出口管制对话…与…沟通")
    ("zh", "中方愿通过双边出口管制对话机制，与韩方就出口管制政策展开沟通。", "proposal",
     "中方决定自下月起对石墨相关物项实施出口管制。", "restriction"),
    # ko: a signing named as a noun topic ("MOU 체결은 … 목적이 있다")
    ("ko", "특히 한중 물류 협력 MOU 체결은 양국 항만 교류를 넓히는 데 목적이 있다.", "signed",
     "양측은 다음 달 물류 협력 MOU 체결을 추진한다.", None),
    # ko: an MOU exchanged ("MOU를 교환했다") is signed; one to be exchanged is agreed
    ("ko", "한국 연구원은 이날 중국 연구소와 소재 공동연구 MOU를 교환했다.", "signed",
     "이어 30일에는 한국 연구원과 중국 연구소 간의 소재 공동연구 MOU가 교환된다.", "agreement"),
    # ko: the parties as a joined subject plan to cooperate ("A와 각 기관은 … 협력할 방침이다")
    ("ko", "협회와 각 기관은 앞으로 중소기업 교류 분야에서 협력할 방침이다.", "agreement",
     "협회는 앞으로 회원사 교육을 확대할 방침이다.", None),
    # ko: a hortative call in a quote ("…개척하자"며)
    ("ko", "협회장은 \"한국의 기술과 중국의 자본을 결합해 시장을 개척하자\"며 협력을 강조했다.",
     "proposal", "협회장은 \"중국 투자자\"라며 상대를 소개했다.", None),
    # ko: a curb as the object of analysis ("통제에 대한 … 내용을 분석") is no curb
    ("ko", "산업부는 \"중국의 흑연 수출 통제에 대한 구체적인 내용을 분석하고 있다\"고 밝혔다.",
     None,
     "중국 상무부는 흑연 수출 통제를 강화했다.", "restriction"),
    # en: a partnership reached, interest in tie-ups expressed
    ("en", "The telecom firm reached a strategic partnership with a Chinese group.", "agreement",
     "The telecom firm reached a record profit this year.", None),
    ("en", "Three Korean firms have expressed interest in business tie-ups with the province.",
     "proposal", "Investors have expressed interest in the bond sale.", None),
    # zh: an offer to the other side named right after 愿同 ("韩方愿同中方…保持…,扩大合作")
    ("zh", "韩方愿同中方在相互尊重基础上，保持高层交往和各层级密切沟通，扩大经贸合作。", "proposal",
     "韩方愿意在相互尊重基础上处理分歧。", None),
    # zh: 应 + resist / maintain ("应抵制…，维护…稳定")
    ("zh", "中韩两国应抵制把经贸问题政治化，维护两国产业链稳定。", "proposal",
     "相应的产业链调整仍在进行。", None),
    # zh: a copular report of a meeting held ("这是…再次举行的会议")
    ("zh", "这是两国产业部门继2019年第二次会议之后再次举行的会议。", "implemented",
     "这是两国产业部门首次讨论氢能问题。", None),
    # zh: a dated past signing in a relative clause ("根据2011年签署的…协议")
    ("zh", "根据2011年签署的中韩氢能合作执行协议，双方轮流召开会议。", "signed",
     "双方正在讨论拟签署的氢能合作协议。", "agreement"),
    # ko: an offer "…할 의향이 있다"
    ("ko", "중국은 한국과 함께 투자 협력을 심화하기 위해 노력할 의향이 있다고 말했다.", "proposal",
     "그는 중국 시장에 진출할 의향이 있다고 말했다.", None),
    # ko: support for licences being issued is no curb
    ("ko", "정부는 국내 기업에 대한 중국의 흑연 수출 허가가 신속히 발급되도록 지원할 방침이다.",
     None,
     "중국은 흑연 수출 허가제를 도입했다.", "restriction"),
    # en: talks resumed, an FTA implemented, counted meetings held
    ("en", "Seoul and Beijing have resumed their negotiations to expand the FTA.", "implemented",
     "Seoul and Beijing hope to resume their negotiations next year.", None),
    ("en", "Korea and China implemented their bilateral FTA in December 2015.", "implemented",
     "Korea and China will implement the upgraded FTA next year.", "agreement"),
    ("en", "The two sides had held nine follow-up meetings on services between 2018 and 2020.",
     "implemented", "The two sides plan to hold follow-up meetings on services.", "agreement"),
])
def test_sixth_round_rules(lang: str, hit: str, expected: str, bound: str,
                           bound_expected: str | None) -> None:
    assert typed(hit, lang) == expected
    assert typed(bound, lang) == bound_expected


def test_cathode_is_no_progressive_aspect() -> None:
    # 正极 (cathode) is no 正 "in progress": a battery firm's joint venture was set up
    assert typed("今年3月，韩国一家正极材料企业宣布与中国某电池企业成立合资公司。", "zh") == \
        "implemented"
    assert typed("韩国一家企业正与中国某电池企业成立合资公司。", "zh") is None


def test_a_decision_with_a_partner_is_no_joint_venture_set_up() -> None:
    # the joint-venture rule holds only for what was done, not what was decided or planned
    assert typed("韩国企业决定与中国企业成立合资公司。", "zh") == "agreement"
    assert typed("两家企业决定共同投资设立合资公司。", "zh") == "agreement"


def test_fresh5_pages_keep_addresses_hashes_and_offsets_never_text() -> None:
    check_statement_pages("statement_fresh5_pages.jsonl", "fresh-5", pages=24, per_language=4,
                          statements=89, earlier=("statement_fresh4_pages.jsonl",))


def test_a_counter_is_no_suggestion() -> None:
    # "4건의 협력" counts four deals (건 + 의), it suggests nothing (건의 = a suggestion);
    # found on fresh-5 test after its one scoring
    assert typed("소비재 분야에서 4건의 협력이 이뤄졌다.", "ko", cross_border=True) is None
    assert typed("협회는 중국 정부에 부품 협력 확대를 건의했다.", "ko") == "proposal"
