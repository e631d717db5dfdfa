"""Issue 14: `kcbridge watch screen --by sector` shows sector NAMES on the terminal (the
ids stay in JSON and CSV, where programs read them). Tiny SYNTHETIC demo world."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kcbridge.app import Platform
from kcbridge.cli import app
from kcbridge.cli.common import set_platform_factory
from kcbridge.reference.sectors import get_sector, sector_ids


def test_rollup_by_sector_table_shows_names_and_json_keeps_ids(
    demo_platform: Platform,
) -> None:
    set_platform_factory(lambda: demo_platform)
    try:
        runner = CliRunner()
        args = ["watch", "screen", "--by", "sector", "--importer", "CHN"]
        table = runner.invoke(app, args, env={"COLUMNS": "250"})
        data = runner.invoke(app, [*args, "--format", "json"])
    finally:
        set_platform_factory(None)
    assert table.exit_code == 0, table.output
    rows = json.loads(data.stdout)["rows"]
    shown = {r["sector"] for r in rows}
    assert shown <= set(sector_ids()) and "semiconductors" in shown
    # every sector of the JSON appears on the terminal by its English name, and no id
    # with an underscore (ai_semiconductors, green_low_carbon ...) appears at all
    for sector in shown:
        assert get_sector(sector).name_en in table.output, sector
    assert not [i for i in sector_ids() if "_" in i and i in table.output]
