"""Follow-up of issue 5: batched store writes, the model and trigger shortcuts, the
statement rules added after the second held-out batch, the SYNTHETIC demo corpus and the
headline report."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from kcbridge.docs import dedup, entities, models
from kcbridge.docs.demo import DEMO_SOURCE, demo_documents, headline_rows
from kcbridge.docs.entities import extract_entities
from kcbridge.docs.ingest import RawDocument
from kcbridge.docs.pipeline import analyse_document
from kcbridge.docs.statements import classify_sentence
from kcbridge.docs.text import split_sentences, to_simplified
from kcbridge.errors import NotFoundError


def _raw(text: str, title: str, published: date | None = None) -> RawDocument:
    return RawDocument(text, title, "test", "text", text.encode(), published)


# ---- speed shortcuts (same results, less work) ---------------------------------------
def test_lac_runs_on_one_thread() -> None:
    options = models.chinese_analyser()._session.get_session_options()
    assert (options.intra_op_num_threads, options.inter_op_num_threads) == (1, 1)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("零部件市场需求回升，工厂订单增加。", False), ("签署协议后，城市地区的部分需求回升。", False),
     ("商务部部长王文涛出席。", True), ("亿航智能与韩国航空航天研究院合作。", True),
     ("两国将加强在上海的合作。", False), ("青岛市政府与韩方合作。", True)],
)
def test_chinese_name_trigger_ignores_common_words(sentence: str, expected: bool) -> None:
    masked = entities._ZH_NOT_NAMES.sub(" ", to_simplified(sentence))
    assert bool(entities._ZH_NAME_TRIGGER.search(masked)) is expected


def test_korean_sentences_are_analysed_once_for_rules_and_tagger(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Kiwi runs once, in one call, on the Korean sentences: the rules read the sentences
    with a title or suffix, the name tagger (adopted for people) every sentence; without
    the tagger a sentence with no title or suffix is not analysed at all."""
    from kcbridge.docs import ko_tagger

    calls: list[list[str]] = []
    kiwi = models.korean_analyser()
    real = kiwi.tokenize

    class Spy:
        def tokenize(self, texts):  # type: ignore[no-untyped-def]
            calls.append(list(texts))
            return real(texts)

    monkeypatch.setattr(models, "korean_analyser", lambda: Spy())
    text = "상반기 수출은 12% 증가했다. 박종원 통상차관보는 베이징을 방문했다."
    people = [(e.key, e.role) for e in extract_entities(text, split_sentences(text))
              if e.kind == "person"]
    assert calls == [["상반기 수출은 12% 증가했다.", "박종원 통상차관보는 베이징을 방문했다."]]
    assert people == [("박종원", "통상차관보")]
    calls.clear()
    monkeypatch.setattr(ko_tagger, "ADOPTED", ())
    extract_entities(text, split_sentences(text))
    assert calls == [["박종원 통상차관보는 베이징을 방문했다."]]


def test_signature_index_grows_and_finds_the_nearest() -> None:
    index = dedup.SignatureIndex(num_perm=4)
    for k in range(70):  # past the initial capacity of 64 rows
        index.add(f"d{k}", np.array([k, k, k, k], dtype=np.int64))
    assert len(index) == 70
    assert index.nearest(np.array([69, 69, 69, 0])) == ("d69", 0.75)
    assert index.nearest(np.array([1, 2, 3, 4])) is None


def test_a_batch_is_written_in_one_transaction(platform, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store = platform.store
    platform.docs  # noqa: B018 - create the tables
    a = _raw("Samsung SDI and CATL signed a memorandum on battery recycling.", "A",
             date(2024, 3, 1))
    b = _raw("中韩双方同意建立半导体供应链对话机制。", "B", date(2024, 3, 2))
    inserts: list[str] = []
    real_insert = store.insert

    def failing_insert(name, data):  # type: ignore[no-untyped-def]
        inserts.append(name)
        if name == "docs_statements":
            raise RuntimeError("disk full")
        return real_insert(name, data)

    monkeypatch.setattr(store, "insert", failing_insert)
    with pytest.raises(RuntimeError, match="disk full"):
        platform.docs.ingest_raw([a, b])
    assert store.count("docs_documents") == 0 and store.count("docs_entities") == 0
    monkeypatch.setattr(store, "insert", real_insert)
    results = platform.docs.ingest_raw([a, b, a])
    assert [r["status"] for r in results] == ["new", "new", "exact_duplicate"]
    assert inserts[:3] == ["docs_documents", "docs_entities", "docs_sectors"]  # one per table
    assert store.count("docs_documents") == 2 and store.count("docs_statements") == 2
    listed = platform.docs.documents()
    assert list(listed["published"]) == [date(2024, 3, 2), date(2024, 3, 1)]
    assert not listed["synthetic"].any()


# ---- statement rules ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a restriction cue naming the topic of a dialogue is not a restriction
        ("Seoul would ask Beijing to process Korean applications quickly through the export "
         "control dialogue.", "en", "proposal"),
        ("산업부는 한중 수출통제 대화에서 허가 절차 간소화를 요청하겠다고 밝혔다.", "ko",
         "proposal"),
        ("韩方希望双方通过出口管制对话机制妥善处理企业的许可申请。", "zh", "proposal"),
        # partners discussing restrictions do not impose one
        ("양측은 수출 통제 정보 공유와 물류 협력을 논의했다.", "ko", None),
        ("The two sides discussed export controls on graphite.", "en", None),
        # restrictions phrased with an object between the verb and "exports"
        ("Customs have stopped clearing urea cargoes bound for Korea.", "en", "restriction"),
        ("Exporters of antimony ingots must apply for a licence from May 1.", "en",
         "restriction"),
        ("중국 해관총서가 요소 수출 검사를 강화했다.", "ko", "restriction"),
        ("中国自6月下旬起暂停部分尿素出口。", "zh", "restriction"),
        # cooperation context: "both governments", "the two institutes"; plans of both sides
        ("Both governments should simplify visa procedures for engineers.", "en", "proposal"),
        ("The two institutes will share pilot lines.", "en", "agreement"),
        ("双方计划每年互派研究人员。", "zh", "agreement"),
        ("ETRI와 칭화대는 판교에 공동연구센터를 열었다.", "ko", "implemented"),
        # added after the third held-out batch
        ("The two ministries held the first round of a new working group on Monday.", "en",
         "implemented"),
        ("양국 산업부는 공급망 협의체 첫 회의를 열었다.", "ko", "implemented"),
        ("中韩工作组在北京举行首次会议。", "zh", "implemented"),
        ("양사는 내년까지 임상을 한국과 중국에서 동시에 진행할 계획이다.", "ko", "agreement"),
        ("The two companies plan to open a plant in 2027.", "en", "agreement"),
        ("양국 규제기관 간 상호인정 논의를 서둘러야 한다.", "ko", "proposal"),
        ("Customs tightened inspections of tungsten concentrate exports.", "en", "restriction"),
    ],
)
def test_statement_rules(text: str, lang: str, expected: str | None) -> None:
    found = classify_sentence(text, lang)
    assert (found.type if found else None) == expected


def test_the_two_companies_inherit_the_countries_named_before() -> None:
    a = analyse_document(
        "Samsung SDI and CATL signed a memorandum on battery recycling on Tuesday. "
        "The two companies will build a pilot line in Jiangsu. China banned exports of antimony "
        "and antimony oxide.", published=date(2024, 3, 27), embeddings=False)
    assert [(s.type, s.countries) for s in a.statements] == [
        ("signed", ["CHN", "KOR"]), ("agreement", ["CHN", "KOR"]), ("restriction", ["CHN"])]
    assert a.statements[2].materials == ["antimony"]


def test_mou_is_not_an_organisation() -> None:
    text = "Doosan Robotics and Siasun Robotics signed an MOU on collaborative robots."
    orgs = {e.key for e in extract_entities(text, split_sentences(text))
            if e.kind == "organisation"}
    assert orgs == {"KR-DOOSAN", "CN-SIASUN"}


# ---- demo corpus and headline ---------------------------------------------------------
def test_demo_corpus_is_small_trilingual_and_synthetic() -> None:
    docs = demo_documents()
    assert 15 <= len(docs) <= 25
    assert {d.source for d in docs} == {DEMO_SOURCE}
    assert all(d.url.startswith("demo:") for d in docs)
    langs = pd.Series([split_sentences(d.text)[0].lang for d in docs]).value_counts()
    assert dict(langs) == {"en": 6, "ko": 6, "zh": 6}


def test_load_demo_is_idempotent_and_feeds_signals_and_headline(platform) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match="kcbridge docs ingest"):
        platform.docs.headline()
    first = platform.docs.load_demo()
    assert first == {"documents": 18, "already_stored": 0, "statements": first["statements"],
                     "source": "demo", "synthetic": True}
    assert first["statements"] >= 18
    again = platform.docs.load_demo()
    assert (again["documents"], again["already_stored"], again["statements"]) == (0, 18, 0)
    assert platform.store.count("docs_documents") == 18
    listed = platform.docs.documents()
    assert listed["synthetic"].all()
    near = listed[listed["duplicate_of"].notna()]
    assert list(near["title"]) == [
        "Re-published: Korea-China hydrogen joint laboratory opens in Daejeon"]
    assert platform.docs.document(listed.iloc[0]["doc_id"])["synthetic"] is True

    signals = platform.docs.news_signals()
    assert {"graphite", "gallium", "germanium", "urea", "antimony"} <= set(signals["material"])
    commitments = platform.docs.commitments()
    hydrogen = commitments[commitments["commitment"] == "CHN+KOR|hydrogen|joint_lab"].iloc[0]
    assert hydrogen["stage"] == "implemented"
    stages = [t["stage"] for t in hydrogen["timeline"]]
    assert list(dict.fromkeys(stages)) == ["proposal", "agreement", "signed", "implemented"]
    assert hydrogen["reports"] == 6 and hydrogen["documents"] == 5  # a follow-up sentence joins

    rows = {r["what"]: r["value"] for r in platform.docs.headline()["rows"]}
    assert rows["documents by language"] == "en 6, ko 6, zh 6 (18 SYNTHETIC)"
    # "双方还将推动临床试验数据互认" (the two sides will also push ...) is an agreement.
    # The learned candidate stage (statement_detector, en and zh) would add a proposal
    # ("业内人士建议韩国企业增加库存…", advice to one's own firms: wrong by the conventions); the
    # party requirement on its statements (statement_events) refuses it, and its restriction
    # ("They said memory chip makers … need early warning of export rules") is refused, as no
    # curb is named (statement_detector.CUED_ONLY)
    # From round stverify3 to round stunverify the English verifier dropped two English
    # agreements: the headline "Think tanks urge ... dialogue" (a proposal mistyped, P 0.24)
    # and "The two companies will build a pilot recycling line ..." (a joint plan, right by
    # the conventions, P 0.25); retired since, both count again
    assert rows["commitments by stage"] == (
        "proposal 1, agreement 3, signed 3, implemented 4, restriction 4")
    assert rows["latest restriction signal"].startswith(
        "2024-08-15 antimony (3 critical HS6 items: ")


def test_headline_rows_by_hand() -> None:
    documents = pd.DataFrame({"language": ["en", "ko", "en"], "source": ["demo", "x", "x"]})
    commitments = pd.DataFrame({"stage": ["signed", "proposal", "signed", "restriction"]})
    signals = pd.DataFrame({
        "date": [date(2024, 1, 5), date(2024, 1, 5), date(2023, 7, 3)],
        "statement_id": ["d1:2", "d1:2", "d0:1"], "material": ["graphite"] * 2 + ["gallium"],
        "hs6": ["250410", "380110", "811292"],
        "text": ["China requires licences for graphite.", "same", "Gallium curbs."],
    })
    rows = headline_rows(documents, commitments, signals)
    assert rows == [
        {"what": "documents by language", "value": "en 2, ko 1 (1 SYNTHETIC)"},
        {"what": "commitments by stage", "value": "proposal 1, signed 2, restriction 1"},
        {"what": "latest restriction signal",
         "value": "2024-01-05 graphite (2 critical HS6 items: 250410, 380110): "
                  "China requires licences for graphite."},
    ]


def test_lede_weighs_han_characters_three_times() -> None:
    from kcbridge.docs.pipeline import lede

    assert lede("x" * 700) == "x" * 600
    assert lede("中" * 700) == "中" * 200
    assert lede("ab中文cd", budget=7) == "ab中"  # 2 + 3 = 5, the next Han would make 8
    assert lede("한국어" * 300) == ("한국어" * 300)[:600]


def test_worker_processes_give_the_same_analyses() -> None:
    from kcbridge.docs.parallel import analyse_batches
    from kcbridge.docs.pipeline import DocumentInput

    batches = [[DocumentInput("Samsung SDI and CATL signed a memorandum on battery recycling.",
                              "A", "a", date(2024, 3, 1))],
               [DocumentInput("China banned exports of gallium, officials said.", "B", "b",
                              date(2024, 3, 2))]]
    serial = [[(s.type, s.text) for a in out for s in a.statements]
              for out in analyse_batches(batches, workers=1)]
    parallel = list(analyse_batches(batches, workers=2))
    assert [[(s.type, s.text) for a in out for s in a.statements] for out in parallel] == serial
    assert serial == [[("signed", batches[0][0].text)], [("restriction", batches[1][0].text)]]
    assert parallel[1][0].statements[0].embedding.shape == (512,)
    with pytest.raises(Exception, match="at least 1"):
        list(analyse_batches(batches, workers=0))


def test_chinese_organisation_named_after_its_place_replaces_the_place() -> None:
    text = "产业园由青岛市政府与韩方共同推进。"
    found = [(e.kind, e.key) for e in extract_entities(text, split_sentences(text))
             if e.kind in ("organisation", "place")]
    assert found == [("organisation", "青岛市政府")]



def test_demo_documents_are_labelled_synthetic_in_json_and_pages(platform) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from kcbridge.api import create_app

    platform.docs.load_demo()
    client = TestClient(create_app(platform))
    rows = client.get("/api/docs/documents").json()["data"]
    assert len(rows) == 18 and all(r["synthetic"] for r in rows)
    assert rows[0]["published"].startswith("2025-04-08")
    doc = client.get(f"/api/docs/documents/{rows[0]['doc_id']}").json()["data"]
    assert doc["synthetic"] is True and doc["source"] == "demo"
    page = client.get(f"/documents/{rows[0]['doc_id']}").text
    assert 'id="doc-synthetic">SYNTHETIC</span>' in page
    assert "18 of the 18 documents listed are sample articles" in client.get("/documents").text
    assert "18 of 18 documents are sample articles" in client.get(
        "/documents/commitments").text


def test_follow_up_sentences_join_the_commitment_before_them() -> None:
    a = analyse_document(
        "한국에너지기술연구원과 중국과학원은 20일 수소 연료전지 공동연구소를 설립하기로 합의했다. "
        "양측은 전해조와 연료전지 촉매를 함께 연구할 계획이다. "
        "전문가들은 양국이 수소 표준 대화를 시작해야 한다고 제안했다.",
        published=date(2023, 11, 20), embeddings=False)
    assert [(s.type, s.mechanisms, s.commitment) for s in a.statements] == [
        ("agreement", ["joint_lab"], "CHN+KOR|hydrogen|joint_lab"),
        ("agreement", [], "CHN+KOR|hydrogen|joint_lab"),  # joins the sentence before
        ("proposal", ["standards", "dialogue"], "CHN+KOR|hydrogen|standards"),
    ]
