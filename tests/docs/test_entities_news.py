"""Entity, sector, date and text-hygiene rules for real news (issue 10), each on sentences
written for these tests in Korean, Chinese and English (no third-party text)."""

from __future__ import annotations

from datetime import date

import pytest

from kcbridge.app import Platform
from kcbridge.docs.boilerplate import strip_boilerplate
from kcbridge.docs.dates import find_dates
from kcbridge.docs.entities import extract_entities
from kcbridge.docs.ingest import parse_bytes
from kcbridge.docs.sector_tags import default_tagger
from kcbridge.docs.text import normalise_text, split_sentences


def _entities(text: str, kind: str) -> dict[str, str]:
    """text -> key of the entities of ``kind``."""
    text = normalise_text(text)
    return {e.text: e.key for e in extract_entities(text, split_sentences(text)) if e.kind == kind}


def _doc_sectors(text: str) -> set[str]:
    return {t.sector for t in default_tagger().tag(split_sentences(text)) if t.sentence is None}


# ---- organisations -------------------------------------------------------------------
_KO_INSTITUTES = "한국생명공학연구원은 중국 윈난성 농업과학연구소와 양해각서를 체결했다."


@pytest.mark.parametrize(("text", "org"), [
    ("Seoul Semiconductor opened a plant in Vietnam.", "Seoul Semiconductor"),
    ("SKI set up a venture with Beijing Electronic Holdings last year.",
     "Beijing Electronic Holdings"),
    (_KO_INSTITUTES, "한국생명공학연구원"),
    (_KO_INSTITUTES, "중국 윈난성 농업과학연구소"),
    ("烟台市商务局与韩国中小企业振兴公团签订了合作协议。", "韩国中小企业振兴公团"),
])
def test_a_longer_organisation_beats_a_place_alias_inside_it(text: str, org: str) -> None:
    orgs = _entities(text, "organisation")
    assert org in orgs
    places = _entities(text, "place")
    assert not any(p in org for p in places), places


def test_names_outside_the_alias_list_by_suffix() -> None:
    orgs = _entities("무역안보관리원이 보고서를 냈고 국가과학기술연구회도 참여했다. "
                     "SKC는 필름을 공급한다.", "organisation")
    assert {"무역안보관리원", "국가과학기술연구회", "SKC"} <= set(orgs)
    assert orgs["무역안보관리원"] == "KR-KOSTI"


def test_renamed_korean_ministries_and_traditional_script() -> None:
    orgs = _entities("기후에너지환경부와 산업통상부, 재정경제부, 기획예산처가 회의를 열었다.",
                     "organisation")
    assert orgs == {"기후에너지환경부": "KR-ME", "산업통상부": "KR-MOTIE",
                    "재정경제부": "KR-MOEF", "기획예산처": "KR-MPB"}
    zh = _entities("韓國產業通商資源部與中國商務部舉行會談。", "organisation")
    assert set(zh.values()) == {"KR-MOTIE", "CN-MOFCOM"}
    en = _entities("The Ministry of Climate, Energy and Environment said so.", "organisation")
    assert set(en.values()) == {"KR-ME"}


def test_news_outlets_quoted_as_sources_are_organisations() -> None:
    en = _entities("The deal was signed on Monday, according to Yonhap. Shanghai Daily "
                   "reported the plant will open.", "organisation")
    assert en.get("Yonhap") == "KR-YONHAP" and "Shanghai Daily" in en
    assert "Yonhap" not in _entities("Talks went well, Yonhap said.", "person")
    ko = _entities("신화통신에 따르면 양국은 협력하기로 했다. "
                   "남부일보는 공장이 완공됐다고 보도했다.", "organisation")
    assert ko.get("신화통신") == "CN-XINHUA" and "남부일보" in ko
    zh = _entities("据韩联社报道，双方签署协议。据海峡晚报消息，工厂投产。", "organisation")
    assert zh.get("韩联社") == "KR-YONHAP" and "海峡晚报" in zh


def test_field_acronyms_and_programmes_are_no_organisations() -> None:
    orgs = _entities("Korea and China will expand ICT, AI and R&D cooperation under the "
                     "Digital Silk Road Initiative, said Samsung Electronics.", "organisation")
    assert set(orgs) == {"Samsung Electronics"}
    ko = _entities("양국은 AI와 ICT 분야 MOU를 체결했다.", "organisation")
    assert ko == {}


def test_no_boilerplate_line_becomes_an_entity(platform: Platform) -> None:
    article = (
        "SK Hynix expands in Wuxi\n"
        "SK Hynix said it will add a packaging line in Wuxi.\n"
        "Photo : Northwind Press Agency\n"
        "▶ Related: Orion Group wins order\n"
        "Copyright Northwind Herald. All rights reserved.\n"
        "삼성전자는 시안 공장을 증설한다. 홍길동 기자 gildong@example-news.kr\n"
        "[사진=동방통신] 무단전재 및 재배포 금지\n"
        "双方签署协议。(文 王小明)\n"
        "编辑:李大伟\n"
        "(责任编辑：张三丰)\n"
        "京ICP备12345678号 互联网新闻信息服务许可证\n")
    result = platform.docs.ingest_text(article, title="t")
    names = {e["text"] for e in result["entities"]}
    for noise in ("Northwind", "Orion", "홍길동", "동방통신", "王小明", "李大伟", "张三丰"):
        assert not any(noise in n for n in names), (noise, names)
    assert {"SK Hynix", "삼성전자"} <= names
    stored = platform.docs.document(result["doc_id"])["text"]
    assert "gildong@" not in stored and "All rights reserved" not in stored
    assert "SK Hynix said it will add a packaging line in Wuxi." in stored


def test_agency_datelines_with_bylines_are_stripped() -> None:
    text = ("[서울=가나통신] 홍길동 기자 = 산업통상부는 회의를 열었다.\n"
            "东方社北京3月5日电（记者张小伟）国务院总理李强5日会见外宾。")
    assert strip_boilerplate(text) == ("산업통상부는 회의를 열었다.\n"
                                       "东方社北京3月5日电国务院总理李强5日会见外宾。")
    people = _entities(text, "person")
    assert "홍길동" not in people and "张小伟" not in people and people["李强"] == "Li Qiang"


def test_strip_boilerplate_keeps_paragraphs_and_refuses_to_empty_a_text() -> None:
    text = "첫 문단이다.\n\n둘째 문단이다. 김기자 기자 kim@example.kr\nⓒ 예시일보"
    assert strip_boilerplate(text) == "첫 문단이다.\n\n둘째 문단이다."
    assert strip_boilerplate("ⓒ 예시일보") == "ⓒ 예시일보"


# ---- people ---------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "name"), [
    ("President Lee Jae Myung met business leaders.", "Lee Jae Myung"),
    ("SK Group chairman Choi Tae-won attended.", "Choi Tae-won"),
    ("The engineer Min-jun Kim said the line is ready.", "Min-jun Kim"),
    ("Professor ZHANG Wei of the institute spoke.", "ZHANG Wei"),
])
def test_romanised_names_are_not_cut(text: str, name: str) -> None:
    assert name in _entities(text, "person")


def test_a_role_does_not_run_over_another_persons_name() -> None:
    text = ("Industry Minister Kim Jung-kwan and Chinese Commerce Minister Wang Wentao met. "
            "Minister of Trade, Industry and Energy Ahn Duk-geun spoke.")
    roles = {e.text: e.role for e in extract_entities(text, split_sentences(text))
             if e.kind == "person"}
    assert roles == {"Kim Jung-kwan": "Industry Minister",
                     "Wang Wentao": "Chinese Commerce Minister",
                     "Ahn Duk-geun": "Minister of Trade, Industry and Energy"}


def test_bare_surnames_only_when_a_full_mention_resolves_them() -> None:
    people = _entities("Industry Minister Ahn Duk-geun met Wang Wentao. Ahn said talks went "
                       "well.", "person")
    assert people["Ahn"] == "Ahn Duk-geun"
    assert "Ahn" not in _entities("Ahn said talks went well.", "person")
    assert _entities("The Trump administration revoked the waivers.", "person") == {}


def test_korean_titles_transliterations_and_nouns_with_particles() -> None:
    people = _entities("리창 총리와 왕이 외교부장은 박호준 장관과 만났다. 회담을 마친 뒤 "
                       "쉬관하(徐冠夏) 중국 과학기술부 부장과 먀오 부장이 서명했다.", "person")
    assert people["리창"] == "Li Qiang" and people["왕이"] == "Wang Yi"
    assert "박호준" in people and "쉬관하" in people
    assert "리청강" in _entities("리청강 중국 상무부 국제무역담판대표 겸 부부장이 참석했다.",
                                "person")
    assert not {"회담을", "회담", "먀오"} & set(people)


def test_chinese_names_keep_their_place_characters_and_sides_are_no_people() -> None:
    people = _entities("电子信息司司长刁石京、副司长瞿国春出席。韩方一行参观了韩企。", "person")
    assert {"刁石京", "瞿国春"} <= set(people)
    assert not {"韩方", "韩企"} & set(people)


def test_a_chinese_name_after_a_title_that_the_tagger_cuts() -> None:
    people = _entities("商务部部长王文涛与韩国产业通商部长官金正官举行会谈。部长表示欢迎。",
                       "person")
    assert people == {"王文涛": "Wang Wentao", "金正官": "金正官"}


def test_a_forum_that_is_a_body_stays_an_organisation() -> None:
    orgs = _entities("The World Economic Forum released a report.", "organisation")
    assert "World Economic Forum" in set(orgs.values())


# ---- sectors ----------------------------------------------------------------------------
def test_sectors_from_absolute_evidence_and_every_item_of_a_list() -> None:
    assert _doc_sectors("The two sides will cooperate in semiconductors, new-energy vehicles "
                        "and display panels.") == {
        "semiconductors", "new_energy_vehicles", "display"}
    assert _doc_sectors("Batteries, batteries and more batteries; also some AI.") == {
        "batteries", "ai_semiconductors"}


@pytest.mark.parametrize(("text", "sector"), [
    ("Both sides back low carbon growth.", "green_low_carbon"),
    ("양국은 신에너지 분야에서 협력한다.", "green_low_carbon"),
    ("They will fund biotechnology and synthetic biology labs.", "biotech_pharma"),
    ("两国在合成生物学和生物医药领域合作。", "biotech_pharma"),
    ("양국은 생명공학 연구를 함께 한다.", "biotech_pharma"),
    ("The pact covers the digital economy and e-commerce.", "digital_economy"),
    ("양국은 디지털 경제 협력을 강화한다.", "digital_economy"),
    ("双方同意深化数字经济合作。", "digital_economy"),
])
def test_new_keywords_in_three_languages(text: str, sector: str) -> None:
    assert sector in _doc_sectors(text)


# ---- dates and text hygiene ----------------------------------------------------------------
def test_a_chinese_signing_with_jiang_in_a_later_clause_is_not_a_month_late() -> None:
    ref = date(2024, 8, 23)
    (d,) = find_dates("中韩双方于21日签署合作备忘录，将共同推进电池合作。", "zh", ref)
    assert d.value == date(2024, 8, 21)
    (d,) = find_dates("双方将于25日签署合作协议。", "zh", ref)
    assert d.value == date(2024, 8, 25)


@pytest.mark.parametrize("text", [
    "中韩双方于21日签署合作备忘录，将共同推进电池合作。",
    "两国企业21日在烟台举行签约仪式，将联合建设电池工厂。",
    "양국 기업은 21일 협약을 체결했으며 내년에 공장을 지을 예정이다.",
    "The two firms signed the agreement on Wednesday and will build a plant next year.",
])
def test_signed_statements_are_not_dated_after_publication(text: str) -> None:
    from kcbridge.docs.pipeline import analyse_document

    published = date(2024, 8, 23)  # a Friday
    analysis = analyse_document(text, published=published, embeddings=False)
    signed = [st for st in analysis.statements if st.type in ("signed", "implemented")]
    assert signed and all(st.date and st.date <= published for st in signed), [
        (st.type, st.date) for st in analysis.statements]


def test_only_a_date_line_gives_the_publication_date() -> None:
    body = "양국은 협력하기로 했다고 14일 산업부가 밝혔다. 2024년 3월 14일 회의가 열렸다."
    assert parse_bytes(body.encode()).published is None
    dated = f"제목\n입력 2024-03-15 10:20\n{body}"
    assert parse_bytes(dated.encode()).published == date(2024, 3, 15)
    zh = "标题\n时间:2020-01-02 来源:\n正文。"
    assert parse_bytes(zh.encode()).published == date(2020, 1, 2)


def test_no_break_and_zero_width_spaces_between_every_word() -> None:
    raw = "Samsung\u00a0Electronics\u00a0and\u2009SK\u200bHynix\u3000signed\u202fa\u00a0pact."
    text = normalise_text(raw)
    assert text == "Samsung Electronics and SKHynix signed a pact."
    assert "Samsung Electronics" in _entities(raw, "organisation")
    assert normalise_text("ＳＫ하이닉스는 ２０２４년") == "SK하이닉스는 2024년"
