"""``countries``, ``products`` and ``sectors`` answered without pandas (issue 14: a
margin under the 1 s goal; they were 0.70-0.80 s, pandas alone ~0.4 s of it).

Behaviour, not timing: each prints, in a fresh process, the table the frame path prints
(switched on by patching the plain paths off), without importing pandas or NumPy; the
reference module's plain records are its frames' rows.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from tests.cli.probe import run_cli

from kcbridge.reference import countries, sectors

HEAVY = ("pandas", "numpy", "ibis")
FRAMES_ONLY = (
    "from kcbridge.app import Platform\n"
    "Platform.country_rows = lambda self, *a, **kw: None\n"
    "Platform.product_rows = lambda self, *a, **kw: None\n"
)


@pytest.mark.parametrize("argv", [
    ["countries"], ["countries", "korea"], ["countries", "KR"], ["countries", "410"],
    ["countries", "中国"], ["countries", "한국"], ["countries", "united"],
    ["products", "2504"], ["products", "lithium"], ["products", "85", "--level", "4"],
    ["sectors"],
])
def test_plain_reference_tables_print_the_frame_table(tiny_demo_copy: Path,
                                                      argv: list[str]) -> None:
    frames = run_cli(tiny_demo_copy, argv, watch=HEAVY, before=FRAMES_ONLY)
    plain = run_cli(tiny_demo_copy, argv, watch=HEAVY)
    assert frames["code"] == plain["code"] == 0, plain
    assert plain["loaded"] == []
    assert plain["stdout"] == frames["stdout"]
    assert len(str(plain["stdout"]).splitlines()) >= 5  # a header and at least one row


def test_a_query_that_finds_nothing_still_prints_the_header(tiny_demo_copy: Path) -> None:
    out = run_cli(tiny_demo_copy, ["countries", "zzz"], watch=HEAVY)
    assert out["code"] == 0 and "iso3" in str(out["stdout"])


def test_records_are_the_frames_rows() -> None:
    table = countries.country_table()
    assert countries.country_records() == table.to_dict("records")
    assert str(table["numeric"].dtype) == "int32" and table["eu_member"].dtype == bool
    assert table["iso3"].is_unique and table["iso3"].is_monotonic_increasing
    assert {"WLD", "TWN", "KOR", "CHN"} <= set(table["iso3"])
    assert countries.CountryResolver().lookup("대한민국") == "KOR"
    items = sectors.critical_items()
    assert sectors.critical_item_records() == items.to_dict("records") and len(items) > 40
    assert sectors.sector_name("batteries") == sectors.get_sector("batteries").name_en
    assert isinstance(sectors.sector_products(), pd.DataFrame)


def test_a_broken_critical_items_file_is_refused_with_what_to_fix(tmp_path: Path) -> None:
    from kcbridge.errors import ConfigError

    path = tmp_path / "items.csv"
    header = ",".join(sectors.CRITICAL_ITEM_COLUMNS)
    path.write_text(f"{header}\n250410,Graphite,흑연,石墨,graphite,batteries,licensing\n"
                    "250410,Graphite,흑연,石墨,graphite,batteries,again\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"hs6 values \['250410'\] appear twice"):
        sectors.read_critical_item_records(path)
    path.write_text(f"{header}\n2504,Graphite,흑연,石墨,graphite,batteries, \n",
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=r"rows \[2\] have empty cells"):
        sectors.load_critical_items(path)
