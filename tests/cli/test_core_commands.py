"""The top-level commands (`status`, `report`, `demo`, `load`, `sectors`, `settings`,
`countries`) through Typer's CliRunner: what they print on the tiny demo world and on an
empty store, their JSON/CSV parsed, and their errors."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.cli.conftest import Cli

from kcbridge.app import Platform
from kcbridge.cli.common import set_platform_factory


def test_status_json_counts_the_demo_tables(demo_cli: Cli) -> None:
    st = demo_cli.json("status")
    assert st["synthetic"] is True and st["backend"] == "duckdb"
    assert st["annual"]["rows"] == st["tables"]["trade_annual"] == 74272
    assert st["annual"]["years"] == [2021, 2022, 2023]
    assert st["annual"]["exporters"] == 40 and st["annual"]["products"] == 400
    assert st["tables"]["trade_monthly"] == 41841
    # each capability's rows, read back through its own command
    assert st["tables"]["partner_orgs"] == len(demo_cli.json("partners", "orgs")["rows"])
    assert st["tables"]["docs_documents"] == len(demo_cli.json("docs", "list")["rows"])
    assert st["tables"]["watch_alerts"] == len(
        demo_cli.json("watch", "alerts", "--limit", "0")["rows"])


def test_status_table_shows_label_years_and_loads(demo_cli: Cli) -> None:
    out = demo_cli.ok("status").output
    assert "SYNTHETIC demo data: not real statistics" in out
    assert "Annual flows: 74,272 rows, years 2021-2023, 40 exporters, 400 products" in out
    assert "Tables" in out and "Load history" in out
    assert "No data loaded yet" not in out


def test_report_json_has_one_section_per_capability(demo_cli: Cli) -> None:
    payload = demo_cli.json("report")
    assert payload["synthetic"] is True
    titles = [s["title"] for s in payload["sections"]]
    assert titles[0] == "Store" and len(titles) == 5
    store = {r["what"]: r["value"] for r in payload["sections"][0]["rows"]}
    assert store["annual rows"] == "74,272" and store["years"] == "2021, 2022, 2023"
    watch = next(s for s in payload["sections"] if s["title"] == "Supply-chain watch")
    open_alerts = next(r["value"] for r in watch["rows"] if r["what"] == "open alerts (stored)")
    assert open_alerts.startswith("50 (critical 13,")


def test_report_table_prints_every_section(demo_cli: Cli) -> None:
    out = demo_cli.ok("report").output
    for title in ("Store", "Complementarity and complexity", "Supply-chain watch",
                  "Partners and trust"):
        assert title in out
    assert "74,272" in out


def test_report_on_an_empty_store_is_the_store_section_only(platform: Platform) -> None:
    set_platform_factory(lambda: platform)
    try:
        payload = Cli(platform).json("report")
    finally:
        set_platform_factory(None)
    assert [s["title"] for s in payload["sections"]] == ["Store"]
    store = {r["what"]: r["value"] for r in payload["sections"][0]["rows"]}
    assert store["annual rows"] == "0" and store["years"] == "none"
    assert payload["synthetic"] is False


def test_demo_tiny_json_summary_then_status(platform: Platform) -> None:
    set_platform_factory(lambda: platform)
    try:
        cli = Cli(platform)
        summary = cli.json("demo", "--size", "tiny")
        assert summary["synthetic"] is True and summary["size"] == "tiny"
        assert summary["years"] == [2021, 2022, 2023] and summary["countries"] == 40
        assert {e["name"] for e in summary["events"]} >= {"graphite_export_control",
                                                         "gallium_export_control"}
        assert summary["extras"]["partners"]["organisations"] == 70
        assert summary["extras"]["docs"]["documents"] == 18
        assert cli.json("status")["annual"]["rows"] == summary["annual_rows"]
    finally:
        set_platform_factory(None)


def test_demo_unknown_size_is_an_error(platform: Platform) -> None:
    set_platform_factory(lambda: platform)
    try:
        text = Cli(platform).fails("demo", "--size", "huge")
    finally:
        set_platform_factory(None)
    assert "huge" in text and "tiny" in text


def test_load_missing_file_keeps_the_store(own_cli: Cli, tmp_path: Path) -> None:
    text = own_cli.fails("load", "baci", str(tmp_path / "absent.csv"))
    assert "absent.csv" in text
    assert own_cli.json("status")["annual"]["rows"] == 74272


def test_load_unknown_format_names_the_formats(own_cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "x.csv"
    source.write_text("a,b\n1,2\n", encoding="utf-8")
    text = own_cli.fails("load", "nosuchformat", str(source))
    assert "nosuchformat" in text and "baci" in text


def test_sectors_json_and_csv(demo_cli: Cli) -> None:
    rows = demo_cli.json("sectors")["rows"]
    assert len(rows) == 16
    ai = next(r for r in rows if r["id"] == "ai_semiconductors")
    assert ai["name_ko"] == "인공지능·AI 반도체" and ai["hs6_count"] == len(ai["hs6"]) == 8
    lines = demo_cli.ok("sectors", "--format", "csv").stdout.splitlines()
    table = list(csv.DictReader(lines))
    assert list(table[0]) == ["id", "name_en", "name_ko", "name_zh", "hs6_count"]
    assert len(table) == 16


def test_settings_json_documents_every_setting(demo_cli: Cli) -> None:
    rows = demo_cli.json("settings")["rows"]
    names = {r["name"] for r in rows}
    assert {"home", "target_hs_revision"} <= names
    assert all(r["help"] and r["env"] == "KCBRIDGE_" + r["name"].upper() for r in rows)


def test_countries_by_korean_name(demo_cli: Cli) -> None:
    rows = demo_cli.json("countries", "한국")["rows"]
    assert [(r["iso3"], r["iso2"], r["numeric"]) for r in rows] == [("KOR", "KR", 410)]


def test_load_baci_then_again_changes_nothing(platform: Platform, tmp_path: Path) -> None:
    from tests.sources.source_samples import write_baci_zip

    source = write_baci_zip(tmp_path / "BACI_HS12_V202501.zip",
                            years={2021: ["2021,410,156,854231,  1000.000,   2.500",
                                          "2021,156,410,854231,   400.000,          NA"]})
    set_platform_factory(lambda: platform)
    try:
        cli = Cli(platform)
        first = cli.json("load", "baci", str(source))
        assert first["rows"] == 2 and first["skipped"] is False
        assert first["target"] == "trade_annual" and "2021" in first["periods"]
        out = cli.ok("load", "baci", str(source)).output
        assert "Already loaded (nothing changed)" in out
        status = cli.json("status")
        assert status["annual"]["rows"] == 2 and status["annual"]["years"] == [2021]
        assert status["synthetic"] is False
    finally:
        set_platform_factory(None)
