"""The core CLI commands through Typer's CliRunner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kcbridge.app import Platform
from kcbridge.cli import app

runner = CliRunner()


def test_help_lists_every_core_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ["demo", "load", "fetch", "status", "serve", "countries", "products", "sectors"]:
        assert command in result.output


def _walk_commands(command: object, path: list[str]) -> list[tuple[list[str], object]]:
    """Every command and sub-command under ``command``, depth first, with its argv path."""
    found: list[tuple[list[str], object]] = [(path, command)]
    # Typer >= 0.2x vendors click, so duck-type on ``commands`` instead of click.Group.
    for name, child in (getattr(command, "commands", None) or {}).items():
        found.extend(_walk_commands(child, [*path, name]))
    return found


def test_every_command_and_subcommand_has_help() -> None:
    import typer.main

    walked = _walk_commands(typer.main.get_command(app), [])
    # 55 on 2026-12-05 (root, 17 top-level entries of which 6 are groups, 37 sub-commands);
    # the floor catches a walk that silently stops at the top level (17 entries).
    assert len(walked) >= 50, [" ".join(path) for path, _ in walked]
    for path, command in walked:
        label = " ".join(path) or "kcbridge"
        text = getattr(command, "help", None) or getattr(command, "short_help", None)
        assert text and text.strip(), f"command '{label}' has no help text"
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, f"'{label} --help' exited {result.exit_code}: {result.output}"
        assert "Usage" in result.output, f"'{label} --help' printed no usage: {result.output}"


def test_status_on_empty_store_says_what_to_do(platform: Platform) -> None:
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    assert "No data loaded yet" in result.output
    result = runner.invoke(app, ["status", "--format", "json"])
    payload = json.loads(result.stdout)
    assert payload["synthetic"] is False and payload["annual"]["rows"] == 0


def test_countries_csv_and_unknown_country_error(platform: Platform) -> None:
    result = runner.invoke(app, ["countries", "KOR", "--format", "csv"])
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("iso3,iso2,numeric,name")
    assert lines[1].startswith("KOR,KR,410,")


def test_products_json(platform: Platform) -> None:
    result = runner.invoke(app, ["products", "850760", "--format", "json"])
    rows = json.loads(result.stdout)["rows"]
    assert rows[0]["code"] == "850760" and "lithium-ion" in rows[0]["name"]


def test_load_errors_exit_1_with_message(platform: Platform, tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["load", "nosuchformat", str(tmp_path / "x.csv")])
    assert result.exit_code == 1
    assert "Error:" in result.output


def test_parquet_needs_output(platform: Platform) -> None:
    result = runner.invoke(app, ["countries", "--format", "parquet"])
    assert result.exit_code == 1 and "--output" in result.output


def test_demo_builds_and_labels_synthetic(platform: Platform) -> None:
    result = runner.invoke(app, ["demo", "--size", "tiny", "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["synthetic"] is True and payload["annual_rows"] > 10_000
    status = runner.invoke(app, ["status"])
    assert "SYNTHETIC" in status.output
    as_json = json.loads(runner.invoke(app, ["status", "--format", "json"]).stdout)
    assert as_json["synthetic"] is True and as_json["label"].startswith("SYNTHETIC")
    assert as_json["annual"]["years"] == payload["years"]
    # reference data is real, so it is not labelled
    csv_out = runner.invoke(app, ["countries", "KOR", "--format", "csv"])
    assert csv_out.stdout.splitlines()[1:] == ["KOR,KR,410,South Korea,Asia,False"]


def test_json_dates_without_midnight_times() -> None:
    import pandas as pd

    from kcbridge.cli.common import _jsonable

    frame = pd.DataFrame(
        {
            "month": pd.to_datetime(pd.Series(["2023-12-01", None])),
            "at": pd.to_datetime(["2023-12-01 10:30", "2024-01-02 00:00"]),
        }
    )
    rows = _jsonable(frame)
    assert rows[0]["month"] == "2023-12-01" and rows[1]["month"] is None
    assert rows[0]["at"].startswith("2023-12-01T10:30")


def test_table_numbers_line_up_per_column() -> None:
    import pandas as pd

    from kcbridge.cli.common import _cell, _number_format

    frame = pd.DataFrame({"gl": [0.5709, 0.001713, float("nan")], "tci": [98.51, 9.052, 47.0],
                          "usd": [64305627622.0, 1234.5, 0.0], "rank": [1, 2, 3]})
    formats = {c: _number_format(frame[c]) for c in frame.columns}
    assert formats == {"gl": ".4f", "tci": ".2f", "usd": ",.0f", "rank": None}
    assert [_cell(v, formats["gl"]) for v in frame["gl"]] == ["0.5709", "0.0017", ""]
    assert [_cell(v, formats["tci"]) for v in frame["tci"]] == ["98.51", "9.05", "47.00"]
    assert [_cell(v, formats["usd"]) for v in frame["usd"]] == ["64,305,627,622", "1,234", "0"]
