"""Names glossed, bracketed or introduced by their kind; people in brackets after their body;
researchers; Chinese outlets in title marks, representative offices, long 、-lists (issue 10,
names round 4). Every sentence here was written for these tests; the company and person names
are invented (the well-known bodies of the alias list excepted)."""

from __future__ import annotations

import hashlib
import json
from importlib import resources

import pytest

from kcbridge.docs.entities import extract_entities
from kcbridge.docs.text import normalise_text, split_sentences


def _entities(text: str, kind: str) -> dict[str, str]:
    """text -> role (people) or key (other kinds) of the entities of ``kind``."""
    text = normalise_text(text)
    return {e.text: (e.role if kind == "person" else e.key)
            for e in extract_entities(text, split_sentences(text)) if e.kind == kind}


# ---- Korean: people in brackets and before a bracket --------------------------------------
def test_korean_head_in_brackets_after_the_body() -> None:
    text = "누리개발청(청장 박민호)은 21일 한빛상회(회장 이성진)와 현장 설명회를 가졌다."
    people = _entities(text, "person")
    assert people.get("박민호") == "청장" and people.get("이성진") == "회장", people


def test_korean_name_before_a_title_followed_by_a_bracket() -> None:
    text = "개발청에 따르면 도민준 한빛상회 회장(겸 누리협회 한국대표)을 단장으로 했다."
    assert _entities(text, "person").get("도민준") == "한빛상회 회장"


def test_korean_researcher_is_a_person_not_an_institute() -> None:
    text = "이날 회의에는 김민수 한빛테크 대표와 박지훈 연구원이 참석했다."
    assert "박지훈" in _entities(text, "person")
    assert not any("박지훈" in o for o in _entities(text, "organisation"))
    text = "한국에너지기술연구원 이서연 연구원은 공동 연구를 진행했다."
    assert _entities(text, "person").get("이서연") == "연구원"
    assert set(_entities(text, "organisation")) == {"한국에너지기술연구원"}


# ---- Korean: organisations by gloss, kind, suffix ----------------------------------------
def test_korean_name_glossed_by_its_latin_name() -> None:
    orgs = _entities("앞서 한빛온과 누리머티리얼즈도 중국 거린누리(GRN)와 손잡고 공장을 짓는다. "
                     "롱누리(Lonuri), 위안한빛(Envihan) 등 중국 기업 대표가 참석했다.",
                     "organisation")
    assert {"거린누리", "롱누리", "위안한빛"} <= set(orgs), orgs


@pytest.mark.parametrize("text", [
    "집적회로(IC) 산업단지 투자가 늘었다.",
    "해외우려단체(FEOC) 규정이 적용된다.",
    "인공지능(AI)과 빅데이터 분야에서 협력한다.",
])
def test_korean_common_nouns_glossed_in_latin_are_no_names(text: str) -> None:
    assert _entities(text, "organisation") == {}


def test_korean_company_introduced_by_its_kind_with_an_object_particle() -> None:
    orgs = _entities("세계 최대 전구체 기업 중국 NRGX의 1조원 투자, 한국 자회사 재세누리를 통해 "
                     "양극재 공장을 증설한다.", "organisation")
    assert {"NRGX", "재세누리"} <= set(orgs), orgs


def test_korean_list_of_bodies_by_their_suffix() -> None:
    orgs = _entities("방문단에는 누리은행, 한빛은행 등 금융권과 공단 대표들이 포함됐다.",
                     "organisation")
    assert {"누리은행", "한빛은행"} <= set(orgs), orgs


def test_korean_promotion_council_national_headquarters_and_prefixed_group() -> None:
    orgs = _entities("도민준 회장은 중국누리촉진회 한국대표를 겸한다. 한국누리생산성본부 등과 "
                     "협약을 맺었다. 한빛전자와 중국 신누리그룹이 공동 출자한 단지가 착공했다.",
                     "organisation")
    assert "중국누리촉진회" in orgs and "한국누리생산성본부" in orgs, orgs
    assert any(o.endswith("신누리그룹") for o in orgs), orgs


def test_korean_quoted_party_before_between() -> None:
    orgs = _entities("상해 회의실에서 중국 'Nuri Capital' 간에 투자 유치를 위한 협약이 체결됐다.",
                     "organisation")
    assert "Nuri Capital" in orgs, orgs


def test_korean_body_glued_to_its_heads_title() -> None:
    text = "김종문 KIC한빛센터장, 박성국 한국농수산식품유통공사 본부장 등이 참석했다."
    assert "KIC한빛센터" in _entities(text, "organisation")
    assert _entities(text, "person").get("김종문") == "KIC한빛센터장"


def test_korean_sino_korean_province_reading_is_a_place() -> None:
    text = "이번 방문단에는 산동성 한국대표처 대표와 길림성 관계자가 포함됐다."
    assert "산동성" not in _entities(text, "person")  # a province, not a person before a title
    assert "CHN-JILIN" in set(_entities(text, "place").values())


# ---- Chinese ------------------------------------------------------------------------------
def test_chinese_outlet_in_title_marks_and_joint_venture_in_quotes() -> None:
    orgs = _entities("韩国《海东日报》微博消息,汉星创新携手福特在美国成立电池合资法人企业"
                     "“Blue Nuri SK”,成立的合资法人“Hanvit Cells”正在建设。", "organisation")
    assert {"海东日报", "Blue Nuri SK", "Hanvit Cells", "福特"} <= set(orgs), orgs
    assert orgs["福特"] == "US-FORD"


def test_chinese_counted_groups_model_names_and_media_words_are_no_names() -> None:
    text = ("据韩媒BusinessKorea报道,三星、SK和LG等韩国四大集团将展示无人驾驶出租车"
            "“汉星7 Robot Taxi”。")
    assert "韩国四大集团" not in _entities(text, "organisation")
    assert _entities(text, "person") == {}
    assert "汽车行业" not in _entities("据韩国政府和汽车行业5日消息,批准技术出口。", "organisation")


def test_chinese_name_right_before_a_title() -> None:
    people = _entities("今年4月,济州道知事率团访川,与我省李文华省长会面。", "person")
    assert people.get("李文华") == "省长", people


def test_chinese_federation_after_zai_and_representative_offices() -> None:
    orgs = _entities("此外,在韩国机械工业联合会最近进行的一项调查中,多数企业回答环境正在恶化。",
                     "organisation")
    assert "韩国机械工业联合会" in orgs, orgs
    orgs = _entities("釜山驻上海代表处、大邱驻上海代表处、京畿道重庆代表处等16家机构出席了会议。",
                     "organisation")
    assert {"釜山驻上海代表处", "大邱驻上海代表处", "京畿道重庆代表处"} <= set(orgs), orgs


def test_chinese_no_name_starts_with_a_verb_of_wish() -> None:
    orgs = _entities("高明先表示,希望济州韩中友好协会发挥桥梁作用。", "organisation")
    assert not any(o.startswith("希望") for o in orgs), orgs


def test_chinese_long_list_closed_by_world_500_names_every_item() -> None:
    orgs = _entities("NR INNOTEK、浦光制铁、HB 综合化学、GS 汉松、斗光机床、现代油业、希光"
                     "等韩国世界 500 强、跨国公司的高管出席了活动。", "organisation")
    assert {"NR INNOTEK", "HB 综合化学", "GS 汉松"} <= set(orgs), orgs


def test_chinese_glossed_province_keys_like_the_plain_name() -> None:
    text = normalise_text("论坛在韩国庆尚北道(省)道厅举行。论坛由韩国庆尚北道道厅主办。")
    keys = {e.key for e in extract_entities(text, split_sentences(text))
            if e.kind == "organisation"}
    assert keys == {"韩国庆尚北道道厅"}, keys


# ---- English ------------------------------------------------------------------------------
def test_english_relation_in_capitals_is_no_organisation() -> None:
    orgs = _entities('Choi Min-ho delivered a presentation titled "The Achievements of 25 Years '
                     'of Korea-China Economic Cooperation" at the forum.', "organisation")
    assert not any("Cooperation" in o for o in orgs), orgs


def test_english_well_known_agency_and_apec_are_listed() -> None:
    orgs = _entities("Participants came from the ROK Embassy in China and KOICA. Leaders met at "
                     "the Asia-Pacific Economic Cooperation summit.", "organisation")
    assert orgs.get("KOICA") == "KR-KOICA"
    assert orgs.get("Asia-Pacific Economic Cooperation") == "INT-APEC"


# ---- the fourth fresh set is labels only, split by a seeded rule ---------------------------
def test_fourth_fresh_set_keeps_labels_only_and_its_seeded_split() -> None:
    data = resources.files("kcbridge.docs").joinpath("data")
    rows = [json.loads(line) for line in
            data.joinpath("names_eval_pages_4.jsonl").read_text(encoding="utf-8").splitlines()]
    head, pages = rows[0], rows[1:]
    assert "_about" in head and head["split_rule"]["seed"] == "names6-split-2026"
    assert [sum(r["lang"] == lang for r in pages) for lang in ("ko", "zh", "en")] == [12, 12, 6]
    for r in pages:
        assert set(r) == {"file", "set", "lang", "url", "sha256", "organizations",
                          "organizations_optional", "people", "people_optional"}
        assert r["url"].startswith("http") and len(r["sha256"]) == 64
    assert len({r["url"] for r in pages}) == 30
    seed = head["split_rule"]["seed"]
    for lang in ("ko", "zh", "en"):  # the rule recorded before any run gives the recorded halves
        ordered = sorted((r for r in pages if r["lang"] == lang),
                         key=lambda r: hashlib.sha256((seed + r["url"]).encode()).hexdigest())
        half = len(ordered) // 2
        assert [r["set"] for r in ordered] == ["dev"] * half + ["test"] * half
    older = "".join(data.joinpath(name).read_text(encoding="utf-8") for name in (
        "names_eval_pages.jsonl", "names_eval_pages_3.jsonl", "statement_eval_pages.jsonl",
        "statement_fresh_pages.jsonl"))
    assert not any(r["url"] in older for r in pages)  # no page of an earlier set


# ---- titles before names, bodies in brackets, bureaus and common words -------------------
def test_korean_title_with_copula_then_name_and_bank_head() -> None:
    text = ("시범구당사업위원회 서기인 고민룡은 대표단을 인솔했다. 누리은행장 지성호는 "
            "지행을 설치한다. 김창민 한빛수펙스협의회 의장이 참석했다.")
    people = _entities(text, "person")
    assert people.get("고민룡") == "서기" and people.get("지성호", "").endswith("행장"), people
    assert people.get("김창민") == "한빛수펙스협의회 의장", people
    orgs = _entities(text, "organisation")
    assert "누리은행" in orgs and "지성호" not in orgs, orgs


def test_korean_body_and_title_in_brackets_and_a_bureau_is_no_person() -> None:
    text = ("한중기업가협회 김정호 집행회장(누리차이나모빌리티 회장)이 참석했다. "
            "양쇼우메이 상무국 국장 등이 참석했다.")
    assert "누리차이나모빌리티" in _entities(text, "organisation")
    people = _entities(text, "person")
    assert "상무국" not in people and "양쇼우메이" in people, people


def test_chinese_common_words_and_counted_chambers_are_no_names() -> None:
    text = "他曾经在韩国工作,今后几个商会将加强合作。"
    assert _entities(text, "person") == {} and _entities(text, "organisation") == {}
