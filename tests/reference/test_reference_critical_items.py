"""Critical items: the list, its codes and its links to sectors."""

from __future__ import annotations

import pytest

from kcbridge.errors import NotFoundError
from kcbridge.reference.sectors import CRITICAL_ITEM_COLUMNS, critical_items, sector_ids

REQUIRED = {
    "310210": "urea",
    "250410": "graphite",
    "380110": "graphite",
    "811292": "gallium_germanium",
    "282560": "gallium_germanium",
    "850511": "rare_earths",
    "281111": "fluorides",
    "370790": "photoresist",
    "280461": "polysilicon",
    "282520": "lithium",
    "283691": "lithium",
    "810520": "cobalt",
    "750210": "nickel",
    "260200": "manganese",
    "810194": "tungsten",
    "811010": "antimony",
    "810411": "magnesium",
    "284690": "rare_earths",
    "284610": "rare_earths",
    "280530": "rare_earths",
    "280429": "noble_gases",
    "381800": "silicon_wafers",
}


def test_columns_and_size():
    items = critical_items()
    assert tuple(items.columns) == CRITICAL_ITEM_COLUMNS
    assert len(items) >= 40
    assert not items["hs6"].duplicated().any()
    assert (items != "").all().all()


def test_required_items_present_with_their_groups():
    items = critical_items().set_index("hs6")
    for code, group in REQUIRED.items():
        assert code in items.index, code
        assert items.loc[code, "material_group"] == group, code


def test_all_codes_valid_in_hs2012(hs2012_codes):
    assert set(critical_items()["hs6"]) - hs2012_codes == set()


def test_sectors_column_uses_known_ids():
    known = set(sector_ids())
    cells = critical_items()["sectors"]
    assert len(cells) >= 40 and known
    for cell in cells:
        assert set(cell.split(";")) <= known


def test_names_in_three_scripts():
    items = critical_items().set_index("hs6")
    assert items.loc["310210", "name_ko"] == "요소"
    assert items.loc["310210", "name_zh"] == "尿素"
    assert items.loc["280461", "name_zh"] == "高纯硅(多晶硅)"
    assert items["why_critical"].str.endswith(".").all()


def test_filter_by_sector_accepts_names():
    battery_items = critical_items("이차전지")
    assert {"250410", "282520", "283691", "850760"} <= set(battery_items["hs6"])
    assert "370790" not in set(battery_items["hs6"])
    assert battery_items.equals(critical_items("batteries"))
    assert len(critical_items("hydrogen")) == 2  # platinum and palladium
    with pytest.raises(NotFoundError):
        critical_items("nonsense sector")
