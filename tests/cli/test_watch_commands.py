"""`kcbridge watch ...` through Typer's CliRunner on the tiny demo world: screening rows,
alerts and their filters, acknowledge/resolve on a private store, backtest and --set errors."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from tests.cli.conftest import Cli


def test_alerts_json_holds_the_demo_scan(demo_cli: Cli) -> None:
    payload = demo_cli.json("watch", "alerts", "--limit", "0")
    rows = payload["rows"]
    assert payload["synthetic"] is True
    assert len(rows) == 50  # the demo's watch step keeps 50 alerts, all new
    assert {r["status"] for r in rows} == {"new"}
    assert {r["level"] for r in rows} == {"watch", "warning"}
    # the demo plants a graphite export control: a warning on KOR's imports from CHN, 2023-12
    graphite = [r for r in rows if (r["reporter"], r["partner"], r["product"], r["month"][:7])
                == ("KOR", "CHN", "250410", "2023-12")]
    assert len(graphite) == 1 and graphite[0]["level"] == "warning"
    months = [r["month"] for r in rows]
    assert months == sorted(months, reverse=True)  # newest first


def test_alerts_filters_and_paging_agree_with_the_full_list(demo_cli: Cli) -> None:
    everything = demo_cli.json("watch", "alerts", "--limit", "0")["rows"]
    critical = demo_cli.json("watch", "alerts", "--severity", "critical", "--limit", "0")["rows"]
    assert len(critical) == sum(r["severity"] == "critical" for r in everything) == 13
    warnings = demo_cli.json("watch", "alerts", "--level", "warning", "--limit", "0")["rows"]
    assert len(warnings) == sum(r["level"] == "warning" for r in everything) == 27
    page = demo_cli.json("watch", "alerts", "--limit", "5", "--offset", "10")["rows"]
    assert [r["alert_id"] for r in page] == [r["alert_id"] for r in everything[10:15]]


def test_alerts_table_title_counts_the_page(demo_cli: Cli) -> None:
    out = demo_cli.ok("watch", "alerts", "--limit", "3").output
    assert "SYNTHETIC" in out and "Alerts 1-3 of 50" in out
    beyond = demo_cli.ok("watch", "alerts", "--offset", "60").output
    assert "none after row 60 (50 in all)" in beyond


def test_alerts_csv_columns_and_month_text(demo_cli: Cli) -> None:
    text = demo_cli.ok("watch", "alerts", "--limit", "4", "--format", "csv").stdout
    lines = text.splitlines()
    assert lines[0].startswith("# SYNTHETIC")
    rows = list(csv.DictReader(lines[1:]))
    assert len(rows) == 4
    assert {"alert_id", "severity", "level", "detectors", "critical_items"} <= set(rows[0])


def test_alerts_bad_severity_and_level_name_the_choices(demo_cli: Cli) -> None:
    text = demo_cli.fails("watch", "alerts", "--severity", "bogus")
    assert "Unknown severity 'bogus'" in text and "low, medium, high, critical" in text
    assert "watch, warning" in demo_cli.fails("watch", "alerts", "--level", "bogus")


def test_alerts_xlsx_read_back(demo_cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "alerts.xlsx"
    demo_cli.ok("watch", "alerts", "--limit", "7", "--format", "xlsx", "--output", str(target))
    ids = {r["alert_id"] for r in demo_cli.json("watch", "alerts", "--limit", "7")["rows"]}
    book = openpyxl.load_workbook(target)
    cells = [row for ws in book.worksheets for row in ws.iter_rows(values_only=True)]
    header = next(r for r in cells if r and "alert_id" in r)
    col = header.index("alert_id")
    written = {r[col] for r in cells[cells.index(header) + 1:] if r and r[col]}
    assert written == ids and len(written) == 7


def test_screen_kor_largest_imports_first(demo_cli: Cli) -> None:
    payload = demo_cli.json("watch", "screen", "--importer", "KOR", "--limit", "3")
    rows = payload["rows"]
    assert payload["synthetic"] is True and len(rows) == 3
    assert {r["importer"] for r in rows} == {"KOR"}
    assert rows[0]["product"] == "851712" and rows[0]["year"] == 2023
    imports = [r["imports"] for r in rows]
    assert imports == sorted(imports, reverse=True)
    following = demo_cli.json("watch", "screen", "--importer", "KOR", "--limit", "2",
                              "--offset", "1")["rows"]
    assert [r["product"] for r in following] == [r["product"] for r in rows[1:3]]


def test_screen_table_shows_the_chosen_columns(demo_cli: Cli) -> None:
    out = demo_cli.ok("watch", "screen", "--importer", "KOR", "--limit", "2").output
    assert "Dependencies 1-2 of" in out and "851712" in out and "top_supplier" in out
    assert "import_hhi" in out and "world_export_hhi" not in out


def test_screen_rollup_by_sector(demo_cli: Cli) -> None:
    rows = demo_cli.json("watch", "screen", "--by", "sector", "--importer", "CHN")["rows"]
    semis = [r for r in rows if r["sector"] == "semiconductors"]
    assert len(semis) == 1 and semis[0]["importer"] == "CHN"
    assert semis[0]["products"] == 15 and semis[0]["korea"] == 3
    assert 0 < semis[0]["imports_flagged"] < semis[0]["imports"]


def test_screen_bad_regime_and_rollup(demo_cli: Cli) -> None:
    text = demo_cli.fails("watch", "screen", "--regime", "nosuch")
    assert "Unknown regime 'nosuch'" in text and "eu2021, geodep, korea, merics" in text
    assert "sector or critical_item" in demo_cli.fails("watch", "screen", "--by", "nonsense")


def test_ack_and_resolve_change_status_and_filters(own_cli: Cli) -> None:
    first, second = own_cli.json("watch", "alerts", "--limit", "2")["rows"]
    out = own_cli.ok("watch", "ack", first["alert_id"], "--note", "seen by the desk").output
    assert out.strip() == f"{first['alert_id']}: acknowledged"
    own_cli.ok("watch", "resolve", second["alert_id"])
    acked = own_cli.json("watch", "alerts", "--status", "acknowledged")["rows"]
    assert [r["alert_id"] for r in acked] == [first["alert_id"]]
    assert acked[0]["note"] == "seen by the desk"
    resolved = own_cli.json("watch", "alerts", "--status", "resolved")["rows"]
    assert [r["alert_id"] for r in resolved] == [second["alert_id"]]
    assert len(own_cli.json("watch", "alerts", "--status", "new", "--limit", "0")["rows"]) == 48


def test_ack_unknown_alert_says_where_to_list_them(own_cli: Cli) -> None:
    text = own_cli.fails("watch", "ack", "nosuchid")
    assert "No alert 'nosuchid'" in text and "kcbridge watch alerts" in text


def test_scan_again_adds_nothing_and_filters_by_level(own_cli: Cli) -> None:
    result = own_cli.json("watch", "scan", "--as-of", "2023-12", "--months", "2")
    months = {r["month"][:7] for r in result["rows"]}
    assert months and months <= {"2023-11", "2023-12"}
    assert "250410" in {r["product"] for r in result["rows"]}
    out = own_cli.ok("watch", "scan", "--as-of", "2023-12", "--months", "2").output
    assert "Alerts as of 2023-12 (0 new)" in out  # a repeated scan keeps nothing twice
    warnings = own_cli.json("watch", "scan", "--as-of", "2023-12", "--months", "2",
                            "--level", "warning")["rows"]
    assert warnings and {r["level"] for r in warnings} == {"warning"}
    assert len(warnings) < len(result["rows"])
    before = len(own_cli.json("watch", "alerts", "--limit", "0")["rows"])
    assert "watch, warning" in own_cli.fails("watch", "scan", "--as-of", "2022-06",
                                             "--months", "6", "--level", "bogus")
    # the level is checked before the scan: nothing of 2022 was kept
    assert len(own_cli.json("watch", "alerts", "--limit", "0")["rows"]) == before


def test_scan_before_the_data_is_an_error(own_cli: Cli) -> None:
    assert "Error:" in own_cli.fails("watch", "scan", "--as-of", "1990-01")


def test_backtest_one_pass_json_summary(demo_cli: Cli) -> None:
    payload = demo_cli.json("watch", "backtest", "--one-pass")
    summary = payload["summary"]
    assert summary["live_replay"] is False and summary["cutoff"] == "2023-01"
    assert summary["episode_series"] == len(payload["episodes"]) == 15
    assert summary["visible_detected"] <= summary["visible_episode_series"]
    assert summary["series_months_no_episode"] > 0
    detected = [e for e in payload["episodes"] if e["detected"]]
    assert len(detected) == summary["episode_series_detected"]


def test_backtest_table_prints_summary_and_detectors(demo_cli: Cli) -> None:
    out = demo_cli.ok("watch", "backtest", "--one-pass").output
    assert "Backtest per episode series" in out and "Summary" in out
    assert "false_alarms_per_1000" in out and "Provisional false alarms per detector" in out


def test_backtest_set_override_changes_the_run(demo_cli: Cli) -> None:
    default = demo_cli.json("watch", "backtest", "--one-pass")["summary"]
    strict = demo_cli.json("watch", "backtest", "--one-pass", "--set", "collapse_z=50",
                           "--set", "surge_z=50", "--set", "residual_z=50")["summary"]
    assert strict["thresholds"]["collapse_z"] == 50.0
    assert default["thresholds"]["collapse_z"] != 50.0
    assert strict["false_alarms"] <= default["false_alarms"]


def test_backtest_set_errors_name_the_fix(demo_cli: Cli) -> None:
    text = demo_cli.fails("watch", "backtest", "--set", "nosuch=1")
    assert "Cannot read --set 'nosuch=1'" in text and "abrupt_move" in text
    text = demo_cli.fails("watch", "backtest", "--set", "abrupt_move=abc")
    assert "'abc' is not a float" in text and "--set abrupt_move=" in text
    assert "Cannot read --set" in demo_cli.fails("watch", "backtest", "--set", "abrupt_move")


def _graphite_alert(cli: Cli) -> str:
    rows = cli.json("watch", "alerts", "--limit", "0")["rows"]
    (row,) = [r for r in rows if (r["reporter"], r["partner"], r["product"], r["month"][:7])
              == ("KOR", "CHN", "250410", "2023-12")]
    return str(row["alert_id"])


def test_alert_json_holds_evidence_measures_shares_history_and_alternatives(
    demo_cli: Cli,
) -> None:
    """`kcbridge watch alert ID`: the alert page's content on the command line."""
    detail = demo_cli.json("watch", "alert", _graphite_alert(demo_cli))
    assert detail["synthetic"] is True and detail["alert"]["level"] == "warning"
    assert {m["measure"]: m["unit"] for m in detail["measures"]} == {
        "value": "USD", "quantity": "kg", "unit_value": "USD/kg"}
    shares = {s["partner"]: s for s in detail["shares"]}
    assert shares["CHN"]["share_after"] < shares["CHN"]["share_before"]  # the planted control
    assert detail["alternatives"] and "CHN" not in {a["exporter"] for a in detail["alternatives"]}
    # the demo's monthly data begin in 2017-01: 83 observed months before 2023-12
    assert detail["history"] == {"months": 83, "judged_by": "all", "all_from": 24,
                                 "falls_from": 18, "abrupt_move": 0.85}


def test_alert_table_prints_each_part_and_refuses_csv(demo_cli: Cli) -> None:
    alert_id = _graphite_alert(demo_cli)
    out = demo_cli.ok("watch", "alert", alert_id, "--no-alternatives").output
    assert "KOR -> CHN · 250410 (import)" in out and "83 observed months before" in out
    assert "The month in each measure" in out and "Suppliers before" in out
    assert "Alternative suppliers" not in out
    assert "several tables" in demo_cli.fails("watch", "alert", alert_id, "--format", "csv")
    assert "alert" in demo_cli.fails("watch", "alert", "nosuchalert").lower()
