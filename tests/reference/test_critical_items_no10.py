"""The metals China licensed from 2025-02-04 (MOFCOM/GAC announcement No. 10 of 2025) are
critical items of the trade side too (bismuth, molybdenum powders), their HS2022 lines are in
the control family, and adding critical items does not redraw the demo world: the demo reads
its products from a fixed copy of the taxonomy's list."""

from __future__ import annotations

from kcbridge.reference.sectors import critical_items
from kcbridge.sources.demo_inputs import _taxonomy_products
from kcbridge.watch.families import product_family


def test_no10_metals_are_critical_items_with_their_families() -> None:
    items = critical_items().set_index("hs6")
    assert items.loc["810600", "material_group"] == "bismuth"
    assert items.loc["810210", "material_group"] == "molybdenum"
    assert "No. 10 of 2025" in str(items.loc["810600", "why_critical"])
    # the HS2022 split of 810600 and a national line under it belong to the same control
    assert product_family("810610") == product_family("810690") == "bismuth"
    assert product_family("8106101000") == "bismuth"
    assert product_family("810294") != "molybdenum"  # only the powders are on the list


def test_the_demo_products_do_not_follow_the_live_list() -> None:
    fixed = _taxonomy_products()
    assert len(fixed) == 185 and fixed[:3] == ["310210", "250410", "250490"]
    live = list(dict.fromkeys(map(str, critical_items()["hs6"])))
    # the two items added after the demo was fixed are not demo products
    assert {"810600", "810210"} <= set(live) and not {"810600", "810210"} & set(fixed)
