"""Statement rules of the fifth round (issue #10): each rule was found on the development half
of a fourth fresh set of real public pages (kept outside the repository; addresses, SHA-256
and gold offsets in ``docs/data/statement_fresh4_pages.jsonl``) and is tested here on
sentences written for these tests only."""

from __future__ import annotations

import pytest
from tests.docs.statement_helpers import check_statement_pages, typed

from kcbridge.docs.pipeline import analyse_document
from kcbridge.docs.statement_checks import probe_of
from kcbridge.docs.statements import classify_sentence, reports_same_event


def test_chinese_romanisation_glosses_are_read_through() -> None:
    # some sites print pinyin after every character: "應(yīng)進(jìn)一步"
    text = "中韓兩國企業應(yīng)進(jìn)一步加強(qiáng)電池合作。"
    found = classify_sentence(text, "zh")
    assert found is not None and found.type == "proposal"
    assert found.cue == "應" and text[found.cue_start] == "應"
    # an acronym in brackets is no gloss
    assert probe_of("亚太经合组织(APEC)会议", "zh")[0] == "亚太经合组织(APEC)会议"
    probe, where = probe_of("產(chǎn)業(yè)合作", "zh")
    assert probe == "产业合作" and where == [0, 7, 12, 13]


# Each case: a sentence the new rule types (the code before did not) and a sentence that
# bounds the rule (typed the same before and after).
@pytest.mark.parametrize(("lang", "hit", "expected", "bound", "bound_expected"), [
    # a waiver revoked, a licence now required: curbs in Chinese news of US rules
    ("zh", "美国商务部宣布撤销韩国两家芯片企业在华工厂的设备进口豁免。", "restriction",
     "报告未将日本企业列入撤销豁免的名单。", None),
    ("zh", "今后向该工厂运送设备必须逐一申请许可。", "restriction",
     "出口符合规定的,将予以许可。", None),
    # a joint venture or centre named in a relative clause as established before; a sentence
    # that reports a plan is about the plan
    ("ko", "이 공장은 LG화학이 2019년 중국 업체와 함께 설립한 배터리 합작법인의 생산기지다.",
     "implemented", "두 기관이 설립한 협력센터가 내년에 상하이 사무소를 개소할 예정이다.", None),
    ("en", "The plant is run by a joint venture set up last year by a Korean chipmaker and a "
     "Chinese city fund.", "implemented",
     "A joint venture to be set up next year will run the Chinese plant.", None),
    ("en", "The company invested 500 million yuan in 2015 to set up a battery joint venture with "
     "a Chinese automaker.", "implemented",
     "The company plans to invest 500 million yuan to set up a battery plant in China.", None),
    # Korean verbs of setting up a centre and of holding a meeting
    ("ko", "산업부는 상하이에 한중 소재부품 협력센터를 설치했다고 밝혔다.", "implemented",
     "산업부는 상하이에 한중 소재부품 협력센터를 설치할 계획이다.", None),
    ("ko", "양국 산업부는 서울에서 제2차 한중 공급망 대화 회의를 했다.", "implemented",
     "양국 산업부는 서울에서 공급망 회의를 할 예정이다.", None),
    # the Nth round of talks held; leaders' talks are no institution's
    ("en", "Negotiators held the fourth round of talks on the investment chapter in Beijing "
     "last week.", "implemented", "The two ministers held talks in Seoul on Tuesday.", None),
    # a named bilateral cooperation event held is the two sides' own; an event without
    # cooperation in its name, or leaders' talks, is not
    ("ko", "한국연구재단은 지난달 베이징에서 ‘한·중 소재협력 세미나’를 개최했다.", "implemented",
     "기업인 100여명이 참석한 '2024 한중 기업인 교류회'가 서울에서 열렸다.", None),
    ("zh", "中韩半导体合作论坛在无锡举办。", "implemented",
     "韩中在东盟峰会期间举行首脑会谈。", None),
    # a purpose clause after "set up" is not what was set up
    ("en", "The joint venture set up to build the plant is due to start production in 2027.",
     None, "The partners set up a joint venture in Wuxi last year.", "implemented"),
    # a consensus recalled is not one reached; one formed is
    ("ko", "양측은 작년 정상회담에서 형성한 공감대를 상기하며 협력 방안에 대해 의견을 나눴다.",
     None, "양국은 공급망 안정이 중요하다는 공감대를 형성했다.", "agreement"),
    # a project pushed with a partner is an agreement, one party's programme is not
    ("ko", "정부는 중국 지방정부와 손잡고 배터리 재활용 연구 사업을 추진한다고 밝혔다.",
     "agreement", "정부는 내년부터 중소기업 수출 지원 사업을 추진한다.", None),
    # a signing agreed to (同意适时签署) is an agreement; a signing done stays signed
    ("zh", "半年后,两国正式同意适时签署政府间合作备忘录。", "agreement",
     "会后,两国部长签署了合作备忘录。", "signed"),
    # 应该得到进一步 + verb: what should be developed further is proposed
    ("zh", "两国的产业合作应该得到进一步发展。", "proposal", "电池供应得到保障。", None),
    # partners exchanging views on export controls impose none
    ("ko", "양측은 수출통제 현안에 대해 의견을 교환했다.", None, "중국은 갈륨 수출을 통제했다.",
     "restriction"),
    ("en", "The two sides exchanged views on export controls on gallium.", None,
     "China imposed export controls on gallium.", "restriction"),
    # 양국 as a modifier ("양국 기업의") does not make one party's plan a joint one
    ("ko", "산업부는 이 센터를 통해 양국 기업의 전시회 참가를 지원해 나갈 방침이다.", None,
     "양국은 공동 연구센터를 세워 인력을 교류해 나갈 방침이다.", "agreement"),
])
def test_fifth_round_rules(lang: str, hit: str, expected: str | None, bound: str,
                           bound_expected: str | None) -> None:
    assert typed(hit, lang) == expected
    assert typed(bound, lang) == bound_expected


def test_english_demands_in_talks_count_in_a_document_about_both_sides() -> None:
    text = "On services, China has demanded a positive-list approach."
    assert typed(text, "en", document_cross_border=True) == "proposal"
    assert typed(text, "en") is None
    # advice to one's own firms is no position in talks, even in a document about both
    assert typed("业内人士建议韩国企业增加库存。", "zh", document_cross_border=True) is None


def test_headline_repeats_are_the_same_event() -> None:
    assert reports_same_event("포스코, 중국 저장성에 양극재 공장 준공",
                              "포스코가 22일 중국 저장성에서 양극재 공장 준공식을 가졌다.")
    assert not reports_same_event("甲市与乙市近日签署了友好城市协议。",
                                  "此外,两市还与一家车企签署了氢能合作协议。")
    # a first line that is a lede sentence keeps its statement when the body's statement of
    # the same type is another event
    lede = "韩国甲市与中国乙市近日在乙市签署了友好合作城市协议。"
    text = f"{lede}\n报道称,两市还与一家车企签署了氢能三方合作协议。\n"
    kept = analyse_document(text, title=lede, embeddings=False).statements
    assert [s.type for s in kept] == ["signed", "signed"]
    # a headline (no full stop) reported again by the body is dropped
    head = "浦项在浙江建成正极材料工厂"
    text = f"{head}\n浦项22日在浙江举行了中韩合资正极材料工厂竣工仪式。\n"
    kept = analyse_document(text, title=head, embeddings=False).statements
    assert [s.type for s in kept] == ["implemented"]


def test_fresh4_pages_keep_addresses_hashes_and_offsets_never_text() -> None:
    check_statement_pages("statement_fresh4_pages.jsonl", "fresh-4", pages=30, per_language=5,
                          statements=73)
