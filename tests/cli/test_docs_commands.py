"""`kcbridge docs ...` through Typer's CliRunner on the tiny demo world: list, search,
commitments, signals, and ingest / set / delete on a private store. The one text ingested
here is written for this test (no third-party text)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import openpyxl
from tests.cli.conftest import Cli

NOTE = ("Korea and China sign battery recycling pact\n\n"
        "The Korean Ministry of Trade, Industry and Energy and China's Ministry of Commerce "
        "signed an agreement on 3 March 2025 to set up a joint battery recycling centre in "
        "Ulsan.\n")


def test_list_json_has_the_demo_documents(demo_cli: Cli) -> None:
    payload = demo_cli.json("docs", "list")
    rows = payload["rows"]
    assert payload["synthetic"] is True and len(rows) == 18
    assert Counter(r["language"] for r in rows) == {"en": 6, "ko": 6, "zh": 6}
    # the demo's docs step stores 24: 23 by the cue rules, 1 by the learned candidate stage
    # (docs/statement_detector.py; "两家企业计划明年…开展充电设施试点", a joint plan of both
    # firms, was a second under the stretrain weights and is under the Chinese threshold,
    # 0.7, since stretrain2); its proposal "业内人士建议韩国企业增加库存…" (advice to one's own
    # firms) is refused by the party requirement (docs/statement_events.py), its cue-less
    # restriction by CUED_ONLY
    # (22 from round stverify3, whose English verifier dropped two English agreements, to
    # round stunverify, which retired it)
    assert sum(r["n_statements"] for r in rows) == 24
    published = [r["published"] for r in rows]
    assert published == sorted(published, reverse=True)  # newest first
    assert rows[0]["duplicate_of"]  # the demo's re-published story points at its original
    assert rows[0]["duplicate_of"] in {r["doc_id"] for r in rows}


def test_list_filters_by_language_and_sector(demo_cli: Cli) -> None:
    korean = demo_cli.json("docs", "list", "--language", "ko")["rows"]
    assert len(korean) == 6 and {r["language"] for r in korean} == {"ko"}
    hydrogen = demo_cli.json("docs", "list", "--sector", "hydrogen")["rows"]
    assert hydrogen and all("hydrogen" in r["sectors"] for r in hydrogen)
    everything = demo_cli.json("docs", "list")["rows"]
    assert len(hydrogen) == sum("hydrogen" in r["sectors"] for r in everything)


def test_list_xlsx_read_back(demo_cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "docs.xlsx"
    demo_cli.ok("docs", "list", "--format", "xlsx", "--output", str(target))
    book = openpyxl.load_workbook(target)
    cells = [row for ws in book.worksheets for row in ws.iter_rows(values_only=True)]
    header = next(r for r in cells if r and "doc_id" in r)
    col = header.index("doc_id")
    written = [r[col] for r in cells[cells.index(header) + 1:] if r and r[col]]
    assert sorted(written) == sorted(r["doc_id"] for r in demo_cli.json("docs", "list")["rows"])


def test_search_text_finds_both_hydrogen_stories(demo_cli: Cli) -> None:
    rows = demo_cli.json("docs", "search", "hydrogen", "--mode", "text")["rows"]
    titles = [r["title"] for r in rows]
    assert titles == ["Korea-China hydrogen joint laboratory opens in Daejeon",
                      "Re-published: Korea-China hydrogen joint laboratory opens in Daejeon"]
    assert {"score", "doc_id", "snippet", "sectors"} <= set(rows[0])
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)


def test_search_statements_with_stage_filter(demo_cli: Cli) -> None:
    rows = demo_cli.json("docs", "search", "hydrogen", "--target", "statements")["rows"]
    assert rows and {"statement_id", "type", "parties", "mechanisms"} <= set(rows[0])
    implemented = demo_cli.json("docs", "search", "hydrogen", "--target", "statements",
                                "--stage", "implemented")["rows"]
    assert implemented and {r["type"] for r in implemented} == {"implemented"}
    assert "KR-KIER" in implemented[0]["parties"] and "CN-CAS" in implemented[0]["parties"]


def test_search_limit_and_language(demo_cli: Cli) -> None:
    one = demo_cli.json("docs", "search", "semiconductor", "--limit", "1")["rows"]
    assert len(one) == 1
    chinese = demo_cli.json("docs", "search", "半导体", "--language", "zh")["rows"]
    assert chinese and {r["language"] for r in chinese} == {"zh"}


def test_search_bad_options_name_the_choices(demo_cli: Cli) -> None:
    text = demo_cli.fails("docs", "search", "battery", "--target", "nonsense")
    assert "Unknown search target 'nonsense'" in text and "documents or statements" in text
    text = demo_cli.fails("docs", "search", "battery", "--mode", "nonsense")
    assert "hybrid, text, semantic" in text
    text = demo_cli.fails("docs", "search", "battery", "--since", "2024-13-01")
    assert "--since must be a date like 2024-03-14, not '2024-13-01'" in text


def test_commitments_group_reports_and_furthest_stage(demo_cli: Cli) -> None:
    rows = demo_cli.json("docs", "commitments")["rows"]
    # the detector's false proposal is refused by the party requirement (14 from round
    # stverify3, whose English verifier dropped two English agreements, to round stunverify)
    assert len(rows) == 15
    joint_lab = next(r for r in rows if r["commitment"] == "CHN+KOR|hydrogen|joint_lab")
    assert joint_lab["stage"] == "implemented" and joint_lab["reports"] == 6
    stages = [step["stage"] for step in joint_lab["timeline"]]
    assert stages[0] == "proposal" and stages[-1] == "implemented"
    restrictions = {r["commitment"] for r in rows if r["stage"] == "restriction"}
    # the detector would add "restriction|CHN|semiconductors" from "They said memory chip
    # makers in both countries need early warning of export rules ..." (no curb named):
    # CUED_ONLY keeps restrictions to sentences with a curb cue
    assert restrictions == {"restriction|CHN|antimony", "restriction|CHN|urea",
                            "restriction|CHN|graphite", "restriction|CHN|gallium"}
    only = demo_cli.json("docs", "commitments", "--stage", "restriction")["rows"]
    assert {r["commitment"] for r in only} == restrictions


def test_commitments_table_drops_the_timeline(demo_cli: Cli) -> None:
    out = demo_cli.ok("docs", "commitments").output
    assert "Commitments" in out and "SYNTHETIC" in out and "timeline" not in out


def test_signals_link_restrictions_to_critical_items(demo_cli: Cli) -> None:
    rows = demo_cli.json("docs", "signals")["rows"]
    assert len(rows) == 9
    assert {r["hs6"] for r in rows} == {"250410", "250490", "261710", "282560", "282580",
                                        "310210", "380110", "811010", "811292"}
    assert {r["imposer"] for r in rows} == {"CHN"}
    antimony = [r for r in rows if r["material"] == "antimony"]
    assert antimony and antimony[0]["date"][:10] == "2024-08-15"
    later = demo_cli.json("docs", "signals", "--since", "2024-01-01")["rows"]
    assert later and all(r["date"][:10] >= "2024-01-01" for r in later)
    assert len(later) < len(rows)
    lines = demo_cli.ok("docs", "signals", "--format", "csv").stdout.splitlines()
    assert len(list(csv.DictReader(lines[1:]))) == 9


def test_ingest_set_and_delete_a_document(own_cli: Cli, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    [doc] = own_cli.json("docs", "ingest", str(note), "--published", "2025-03-04")["rows"]
    assert doc["language"] == "en" and doc["published"] == "2025-03-04"
    assert doc["title"] == "Korea and China sign battery recycling pact"
    organisations = {e["key"] for e in doc["entities"] if e["kind"] == "organisation"}
    assert organisations == {"KR-MOTIE", "CN-MOFCOM"}
    assert [s["sector"] for s in doc["sectors"]] == ["batteries"]
    [statement] = doc["statements"]
    assert statement["type"] == "signed" and statement["date"] == "2025-03-03"
    assert len(own_cli.json("docs", "list")["rows"]) == 19

    out = own_cli.ok("docs", "set", doc["doc_id"], "--title", "Renamed pact",
                     "--published", "2025-03-10").output
    assert "Updated" in out and "Renamed pact" in out and "(was 2025-03-04)" in out
    stored = {r["doc_id"]: r for r in own_cli.json("docs", "list")["rows"]}
    assert stored[doc["doc_id"]]["title"] == "Renamed pact"
    assert stored[doc["doc_id"]]["published"][:10] == "2025-03-10"

    deleted = own_cli.json("docs", "delete", doc["doc_id"])
    assert deleted["title"] == "Renamed pact"
    assert len(own_cli.json("docs", "list")["rows"]) == 18
    text = own_cli.fails("docs", "delete", doc["doc_id"])
    assert f"No document '{doc['doc_id']}'" in text and "kcbridge docs list" in text


def test_ingest_table_prints_entities_and_statements(own_cli: Cli, tmp_path: Path) -> None:
    note = tmp_path / "pact.txt"
    note.write_text(NOTE, encoding="utf-8")
    out = own_cli.ok("docs", "ingest", str(note), "--published", "2025-03-04").output
    assert "Korea and China sign battery recycling pact" in out
    assert "sectors: batteries (keyword)" in out
    assert "entities" in out and "KR-MOTIE" in out and "statements" in out


def test_ingest_missing_file_and_bad_date_lose_nothing(own_cli: Cli, tmp_path: Path) -> None:
    text = own_cli.fails("docs", "ingest", str(tmp_path / "absent.txt"))
    assert "No such file or folder" in text and "Check the path" in text
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    text = own_cli.fails("docs", "ingest", str(note), "--published", "March 4th")
    assert "--published must be a date like 2024-03-14" in text
    assert len(own_cli.json("docs", "list")["rows"]) == 18


def test_set_unknown_document(own_cli: Cli) -> None:
    text = own_cli.fails("docs", "set", "nosuchdoc", "--title", "x")
    assert "nosuchdoc" in text


def test_evaluate_builtin_rows_add_up(demo_cli: Cli) -> None:
    rows = demo_cli.json("docs", "evaluate")["rows"]
    assert {r["field"] for r in rows} == {"organisations", "people", "sectors", "statement_type"}
    assert len(rows) == 16  # 4 fields x (all, en, ko, zh)
    for field in {r["field"] for r in rows}:
        per = {r["lang"]: r for r in rows if r["field"] == field}
        assert set(per) == {"all", "en", "ko", "zh"}
        assert per["all"]["tp"] == sum(per[lang]["tp"] for lang in ("en", "ko", "zh"))
        assert per["all"]["fn"] == sum(per[lang]["fn"] for lang in ("en", "ko", "zh"))
    organisations = next(r for r in rows if (r["field"], r["lang"]) == ("organisations", "all"))
    tp, fp, fn = organisations["tp"], organisations["fp"], organisations["fn"]
    assert tp > 0
    assert abs(organisations["precision"] - tp / (tp + fp)) < 0.001
    assert abs(organisations["recall"] - tp / (tp + fn)) < 0.001


def test_evaluate_missing_folder_is_an_error(demo_cli: Cli, tmp_path: Path) -> None:
    text = demo_cli.fails("docs", "evaluate", "--set", str(tmp_path / "absent"))
    assert "No gold.json in" in text and "absent" in text and "news_dev layout" in text
