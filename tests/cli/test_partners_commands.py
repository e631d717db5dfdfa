"""`kcbridge partners ...` and `kcbridge trust ...` through Typer's CliRunner on the tiny
demo world: the rows and columns printed, JSON/CSV/Excel read back, errors with their hint."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
from tests.cli.conftest import Cli


def test_orgs_json_lists_the_demo_registry(demo_cli: Cli) -> None:
    payload = demo_cli.json("partners", "orgs")
    rows = payload["rows"]
    assert payload["synthetic"] is True
    assert len(rows) == 70  # the demo's partners step adds 70 organisations
    first = rows[0]
    assert first["org_id"] == "demo-org-01a" and first["name"] == "한빛양극재"
    assert first["country"] == "KOR" and first["sectors"] == ["batteries"]
    assert {r["country"] for r in rows} >= {"KOR", "CHN"}


def test_orgs_search_by_korean_name_prints_one_row(demo_cli: Cli) -> None:
    out = demo_cli.ok("partners", "orgs", "한빛").output
    assert "SYNTHETIC" in out and "demo-org-01a" in out and "Ulsan" in out
    assert "demo-org-01b" not in out
    lines = list(csv.DictReader(
        line for line in demo_cli.ok("partners", "orgs", "한빛", "--format", "csv")
        .stdout.splitlines() if not line.startswith("#")))
    assert [r["org_id"] for r in lines] == ["demo-org-01a"]
    assert float(lines[0]["match_score"]) == 100.0


def test_orgs_xlsx_written_and_read_back(demo_cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "orgs.xlsx"
    demo_cli.ok("partners", "orgs", "--format", "xlsx", "--output", str(target))
    book = openpyxl.load_workbook(target)
    cells = [[c for c in row] for ws in book.worksheets for row in ws.iter_rows(values_only=True)]
    header = next(r for r in cells if r and "org_id" in r)
    ids = [r[header.index("org_id")] for r in cells[cells.index(header) + 1:] if r and r[0]]
    assert len(ids) == 70 and ids[0] == "demo-org-01a"


def test_xlsx_without_output_says_add_output(demo_cli: Cli) -> None:
    assert "--output" in demo_cli.fails("partners", "orgs", "--format", "xlsx")


def test_match_json_ranks_partners_with_trust_levels(demo_cli: Cli) -> None:
    payload = demo_cli.json("partners", "match", "demo-org-01a")
    matches = payload["matches"]
    assert len(matches) == 10 and [m["rank"] for m in matches] == list(range(1, 11))
    assert matches[0]["partner_name"] == "江西锂源新材料有限公司"
    assert {m["guideline_level"] for m in matches} <= {"green", "amber", "red"}
    # a listed demo entity is matched but marked red, not dropped silently
    red = [m for m in matches if m["guideline_level"] == "red"]
    assert red and red[0]["partner_name"] == "霁虹显示科技股份有限公司"
    scores = [m["score"] for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert len(payload["peers"]) == 5


def test_match_table_and_top_option(demo_cli: Cli) -> None:
    out = demo_cli.ok("partners", "match", "demo-org-01a", "--top", "2").output
    assert "Partners for demo-org-01a (SYNTHETIC)" in out
    assert "Peers (same direction" in out and "a_offers_b" in out
    lines = demo_cli.ok("partners", "match", "demo-org-01a", "-k", "3", "--format", "csv"
                        ).stdout.splitlines()
    assert lines[0].startswith("# SYNTHETIC")
    assert not any(line.startswith("profile,peer,") for line in lines)  # one table only
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[1:]))))
    assert [r["rank"] for r in rows] == ["1", "2", "3"]  # -k 3: rank 4 onwards cut
    assert rows[0]["partner"] == "江西锂源新材料有限公司"
    # every row carries its trust level (the listed demo entity's red is checked in JSON above;
    # it is no longer third since the two-way score mixes in the arithmetic mean)
    assert {r["trust"].split()[0] for r in rows} <= {"green", "amber", "red"}


def test_match_csv_is_one_table(demo_cli: Cli) -> None:
    text = demo_cli.ok("partners", "match", "demo-org-01a", "-k", "2", "--format", "csv").stdout
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    assert [r["rank"] for r in rows] == ["1", "2"]


def test_match_unknown_org_says_how_to_import(demo_cli: Cli) -> None:
    text = demo_cli.fails("partners", "match", "nosuchorg")
    assert "No organisation 'nosuchorg'" in text and "kcbridge partners import" in text


def test_peers_json_are_same_direction(demo_cli: Cli) -> None:
    peers = demo_cli.json("partners", "peers", "demo-org-01a", "--top", "3")["peers"]
    match_peers = demo_cli.json("partners", "match", "demo-org-01a")["peers"]
    assert 0 < len(peers) <= 3
    assert peers[0]["peer_name"] == match_peers[0]["peer_name"]


def test_screen_registry_flags_the_three_listed_demo_entities(demo_cli: Cli) -> None:
    results = demo_cli.json("partners", "screen", "registry")["results"]
    assert len(results) == 70
    flagged = {r["name"]: r["hits"][0] for r in results if r["flagged"]}
    assert set(flagged) == {"霁虹显示科技股份有限公司", "서린공조", "岚州稀材再生资源有限公司"}
    # matched across scripts: traditional characters, Japanese kanji, a Korean reading
    assert flagged["서린공조"]["entity_name"] == "瑞麟空調株式會社"
    assert all(h["list_id"] == "demo-sensitive-entities" and h["score"] == 100.0
               for h in flagged.values())
    assert sum(1 for _ in flagged) == 3


def test_screen_without_target_says_what_to_give(demo_cli: Cli) -> None:
    text = demo_cli.fails("partners", "screen")
    assert "Nothing to screen" in text and "--list FILE" in text


def test_trust_lists_and_guideline(demo_cli: Cli) -> None:
    payload = demo_cli.json("trust", "lists")
    assert payload["rows"] == [{"list_id": "demo-sensitive-entities", "entries": 4,
                                "synthetic": True}]
    assert payload["synthetic"] is True  # the demo's sample list is not a real list
    rows = demo_cli.json("trust", "guideline", "--sector", "batteries")["rows"]
    assert rows and {r["sector"] for r in rows} == {"batteries"}
    levels = {r["collaboration_type"]: r["level"] for r in rows}
    assert levels["joint_rd"] == "amber"
    assert "graphite" in next(r["reasons"] for r in rows if r["collaboration_type"] == "joint_rd")
    everything = demo_cli.json("trust", "guideline")["rows"]
    assert len({r["sector"] for r in everything}) > 1 and len(everything) > len(rows)


def test_trust_guideline_unknown_sector_is_an_error(demo_cli: Cli) -> None:
    assert "nosuchsector" in demo_cli.fails("trust", "guideline", "--sector", "nosuchsector")


def test_merge_candidates_and_candidates_are_empty_on_the_demo(demo_cli: Cli) -> None:
    assert demo_cli.json("partners", "merge-candidates")["rows"] == []
    assert demo_cli.json("partners", "candidates", "--status", "all")["rows"] == []


def test_import_registry_then_search_and_screen_against_a_new_list(own_cli: Cli,
                                                                    tmp_path: Path) -> None:
    registry = tmp_path / "registry.csv"
    registry.write_text("name,country,kind,sectors\nTestco Battery Ltd,KOR,enterprise,batteries\n",
                        encoding="utf-8")
    assert own_cli.json("partners", "import", str(registry)) == {
        "synthetic": False, "organisations": 1, "profiles": 0, "labels_read_from_words": []}
    found = own_cli.json("partners", "orgs", "Testco")["rows"]
    assert found[0]["name"] == "Testco Battery Ltd" and found[0]["synthetic"] is False
    assert len(own_cli.json("partners", "orgs")["rows"]) == 71

    listing = tmp_path / "list.csv"
    listing.write_text("list_id,name\nmylist,Testco Battery Ltd\n", encoding="utf-8")
    imported = own_cli.json("trust", "import-list", str(listing))
    assert imported["added"] == 1 and imported["delisted"] == 0
    assert imported["lists"][0]["list_id"] == "mylist"
    hits = own_cli.json("partners", "screen", "Testco Battery Ltd")["results"]
    assert hits[0]["flagged"] is True and hits[0]["hits"][0]["list_id"] == "mylist"

    # re-importing the list without the entry delists it, and the history shows both
    listing.write_text("list_id,name\nmylist,Another Co\n", encoding="utf-8")
    again = own_cli.json("trust", "import-list", str(listing))
    assert (again["added"], again["delisted"]) == (1, 1)
    history = own_cli.json("trust", "history", "--list-id", "mylist")["rows"]
    assert history[0]["entity_name"] == "Testco Battery Ltd" and history[0]["change"] == "added"
    later = {(h["entity_name"], h["change"]) for h in history[1:]}
    assert later == {("Another Co", "added"), ("Testco Battery Ltd", "delisted")}
    assert len(history) == 3 and len({h["version"] for h in history[1:]}) == 1
    assert own_cli.json("partners", "screen", "Testco Battery Ltd")["results"][0][
        "flagged"] is False


def test_screen_list_file(own_cli: Cli, tmp_path: Path) -> None:
    registry = tmp_path / "to_screen.csv"
    registry.write_text("name,country\n서린공조,KOR\nHarmless Widgets,KOR\n", encoding="utf-8")
    results = own_cli.json("partners", "screen", "--list", str(registry))["results"]
    assert [(r["name"], r["flagged"]) for r in results] == [
        ("서린공조", True), ("Harmless Widgets", False)]


def test_import_missing_file_is_an_input_error(own_cli: Cli, tmp_path: Path) -> None:
    text = own_cli.fails("partners", "import", str(tmp_path / "missing.csv"))
    assert "missing.csv" in text
    assert len(own_cli.json("partners", "orgs")["rows"]) == 70  # nothing lost, nothing added


def test_add_from_docs_file_errors(own_cli: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    text = own_cli.fails("partners", "add-from-docs", "--file", str(broken))
    assert "Cannot read" in text and "JSON array" in text
    obj = tmp_path / "object.json"
    obj.write_text(json.dumps({"name": "x"}), encoding="utf-8")
    assert "is not a JSON array" in own_cli.fails("partners", "add-from-docs", "--file", str(obj))


def test_add_from_docs_file_then_review(own_cli: Cli, tmp_path: Path) -> None:
    records = tmp_path / "records.json"
    records.write_text(json.dumps([{"name": "Daejeon Hydrogen Test Institute", "country": "KOR",
                                    "kind": "research_institute", "sectors": ["hydrogen"],
                                    "source_doc": "doc-1"}]), encoding="utf-8")
    added = own_cli.json("partners", "add-from-docs", "--file", str(records))
    assert len(added["candidates"]) == 1
    pending = own_cli.json("partners", "candidates")["rows"]
    assert [r["name"] for r in pending] == ["Daejeon Hydrogen Test Institute"]
    org_id = pending[0]["org_id"]
    own_cli.ok("partners", "review", org_id, "--accept")
    assert own_cli.json("partners", "candidates")["rows"] == []
    accepted = own_cli.json("partners", "candidates", "--status", "accepted")["rows"]
    assert [r["org_id"] for r in accepted] == [org_id]


def test_outcome_recorded_and_bad_result_refused(own_cli: Cli) -> None:
    match = own_cli.json("partners", "match", "demo-org-01a", "-k", "1")["matches"][0]
    recorded = own_cli.json("partners", "outcome", match["profile_id"],
                            match["partner_profile_id"], "contacted", "--note", "called")
    assert recorded["outcome"] == "contacted" and recorded["note"] == "called"
    assert recorded["partner_profile_id"] == match["partner_profile_id"]
    text = own_cli.fails("partners", "outcome", match["profile_id"],
                         match["partner_profile_id"], "maybe")
    assert "contacted" in text and "declined" in text
