"""Alias lists, entities, sectors, statements and commitments."""

from __future__ import annotations

from datetime import date

import pandas as pd

from kcbridge.docs.commitments import track_commitments
from kcbridge.docs.entities import extract_entities
from kcbridge.docs.gazetteer import organisations
from kcbridge.docs.pipeline import analyse_document
from kcbridge.docs.sector_tags import SectorTagger
from kcbridge.docs.statements import classify_sentence, mechanisms_of
from kcbridge.docs.text import split_sentences
from kcbridge.reference.sectors import Sector


def test_aliases_in_three_languages_resolve_to_one_organisation() -> None:
    text = ("산업통상자원부와 韩国产业通商资源部, 韓國產業通商資源部 and the Ministry of Trade, "
            "Industry and Energy; 삼성전자, 三星电子 and Samsung Electronics.")
    ids = [m.entry.id for m in organisations().find(text)]
    assert ids == ["KR-MOTIE"] * 4 + ["KR-SAMSUNG-ELEC"] * 3


def test_alias_boundaries_and_longest_match() -> None:
    found = organisations().find("Most firms met MOST; 美国商务部 and 商务部; SK하이닉스는")
    assert [(m.text, m.entry.id) for m in found] == [
        ("MOST", "CN-MOST"), ("美国商务部", "US-DOC"), ("商务部", "CN-MOFCOM"),
        ("SK하이닉스", "KR-SKHYNIX"),
    ]


def test_people_with_roles_in_each_language() -> None:
    text = ("Chinese Commerce Minister Wang Wentao met Ahn Duk-geun in Seoul.\n"
            "안덕근 산업통상자원부 장관은 왕원타오 중국 상무부장과 만났다.\n"
            "商务部部长王文涛与安德根会谈。")
    people = {(e.key, e.role) for e in extract_entities(text, split_sentences(text))
              if e.kind == "person"}
    assert ("Wang Wentao", "Chinese Commerce Minister") in people
    assert ("안덕근", "산업통상자원부 장관") in people
    # the public-figure list gives one key in every language (issue 10)
    assert ("Wang Wentao", "중국 상무부장") in people
    assert ("Wang Wentao", "商务部部长") in people


def test_entity_offsets_point_at_their_text() -> None:
    text = "商务部12日宣布对镓实施出口管制，涉及金额50亿美元。"
    entities = extract_entities(text, split_sentences(text), date(2024, 3, 14))
    kinds = {(e.kind, e.key) for e in entities}
    assert ("date", "2024-03-12") in kinds and ("amount", "5000000000 USD") in kinds
    for e in entities:
        assert text[e.start:e.end] == e.text


def test_classification_cues_and_context() -> None:
    cases = [
        ("The two countries should establish a dialogue mechanism.", "en", "proposal"),
        ("Analysts agreed that prices would rise.", "en", None),
        ("Samsung and CATL signed a memorandum on joint research.", "en", "signed"),
        ("The two sides will sign a cooperation agreement next month.", "en", "agreement"),
        ("China announced export controls on graphite.", "en", "restriction"),
        ("양국은 대화 채널을 신설하기로 합의했다.", "ko", "agreement"),
        ("양측은 공동연구센터 설립 양해각서를 체결했다.", "ko", "signed"),
        ("양국은 공동 표준을 마련해야 한다.", "ko", "proposal"),
        ("중국은 흑연 수출 허가제를 도입했다.", "ko", "restriction"),
        ("双方应加强标准合作。", "zh", "proposal"),
        ("两国将签署合作协议。", "zh", "agreement"),
        ("中韩产业园正式揭牌。", "zh", "implemented"),
        ("供应链合作很重要。", "zh", None),
    ]
    for text, lang, expected in cases:
        found = classify_sentence(text, lang)
        assert (found.type if found else None) == expected, text


def test_mechanisms() -> None:
    assert mechanisms_of("They co-established a joint laboratory for joint research.", "en") == [
        "joint_lab"]
    assert mechanisms_of("双方将在产业园投资建设联合实验室", "zh") == [
        "joint_lab", "industrial_park", "investment"]


def _sector(sid: str, en: list[str], ko: list[str], zh: list[str]) -> Sector:
    return Sector(id=sid, name_en=sid, name_ko=sid + "_ko", name_zh=sid + "_zh",
                  description="", hs6=("000000",), keywords={"en": tuple(en), "ko": tuple(ko),
                                                             "zh": tuple(zh)})


def test_sector_tagger_on_a_small_taxonomy() -> None:
    tagger = SectorTagger([
        _sector("batteries", ["battery", "cathode"], ["배터리"], ["电池"]),
        _sector("hydrogen", ["hydrogen"], ["수소"], ["氢能"]),
    ])
    sentences = split_sentences("Battery makers build cathode plants. 배터리 공장. 氢能合作。")
    tags = tagger.tag(sentences)
    doc = {t.sector: t.score for t in tags if t.sentence is None}
    # absolute evidence (issue 10): hydrogen's one clear mention counts beside three
    # battery hits; its score is relative to the top sector (1 of 3)
    assert doc == {"batteries": 1.0, "hydrogen": 0.333}
    tagger.min_share = 0.34  # a relative threshold is still available as an option
    doc = {t.sector: t.score for t in tagger.tag(sentences) if t.sentence is None}
    assert doc == {"batteries": 1.0}
    assert {(t.sector, t.sentence) for t in tags if t.sentence is not None} == {
        ("batteries", 0), ("batteries", 1), ("hydrogen", 2)}


def test_document_analysis_and_commitment_tracking() -> None:
    a1 = analyse_document(
        "Korea and China agreed on Tuesday to set up a dialogue mechanism on semiconductor "
        "supply chains.", title="t1", published=date(2024, 3, 14), embeddings=False)
    a2 = analyse_document(
        "韩中双方3月20日签署了建立半导体供应链对话机制的谅解备忘录。", title="t2",
        published=date(2024, 3, 21), embeddings=False)
    (s1,), (s2,) = a1.statements, a2.statements
    assert (s1.type, s1.date, s1.countries) == ("agreement", date(2024, 3, 12), ["CHN", "KOR"])
    assert (s2.type, s2.date) == ("signed", date(2024, 3, 20))
    assert s1.commitment == s2.commitment == "CHN+KOR|semiconductors|dialogue"
    rows = [{**s.to_dict(), "doc_id": a.doc_id} for a, s in ((a1, s1), (a2, s2))]
    tracked = track_commitments(pd.DataFrame(rows))
    assert len(tracked) == 1
    row = tracked.iloc[0]
    assert row["stage"] == "signed" and row["reports"] == 2 and row["documents"] == 2
    assert [t["stage"] for t in row["timeline"]] == ["agreement", "signed"]
    assert str(row["first_date"]) == "2024-03-12" and str(row["last_date"]) == "2024-03-20"


def test_restriction_names_materials() -> None:
    a = analyse_document("商务部宣布自8月1日起对镓、锗相关物项实施出口管制。", title="x",
                         published=date(2023, 7, 3), embeddings=False)
    (st,) = a.statements
    assert st.type == "restriction" and st.materials == ["gallium", "germanium"]
    assert st.commitment == "restriction|CHN|gallium"
    assert st.date == date(2023, 8, 1)
