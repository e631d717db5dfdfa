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


def test_rollup_by_critical_item_replaces_the_screens_own_flag() -> None:
    """`watch screen --by critical_item` crashed (KeyError): the screen carries a boolean
    ``critical_item`` column, and merging the critical items' names beside it left
    ``critical_item_x`` / ``critical_item_y``. The roll-up groups by the item's name."""
    import pandas as pd

    from kcbridge.watch.dependency import REGIMES, rollup

    flags = pd.DataFrame({
        "year": [2023, 2023, 2023], "importer": ["KOR", "KOR", "KOR"],
        "product": ["250410", "380110", "811292"], "imports": [10.0, 5.0, 7.0],
        "critical_item": [True, True, True],
        **{r: [True, False, False] for r in REGIMES},
    })
    items = pd.DataFrame({"critical_item": ["Graphite", "Graphite", "Gallium"],
                          "product": ["250410", "380110", "811292"]})
    out = rollup(flags, items, "critical_item").set_index("critical_item")
    assert out.loc["Graphite", "products"] == 2
    assert out.loc["Graphite", "imports"] == 15.0
    assert out.loc["Graphite", "imports_flagged"] == 10.0
    assert out.loc["Gallium", "imports_flagged"] == 0.0
