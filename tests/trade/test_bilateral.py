"""Hand-computed bilateral indices on conftest.BILATERAL_2020 / 2021 (KOR, CHN, USA; p1..p4).

2020 world exports (sum of bilateral rows):
  KOR: p1 10, p2 50, p3 90, p4 50 = 200 -> shares .05 .25 .45 .25
  CHN: p1 110, p2 40, p3 0, p4 150 = 300 -> 11/30 4/30 0 15/30
Imports (partners' exports to it):
  CHN: p1 60, p2 100, p3 40, p4 0 = 200 -> .3 .5 .2 0
  KOR: p1 60, p2 80, p3 0, p4 160 = 300 -> 6/30 8/30 0 16/30
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kcbridge.errors import InputError, NotFoundError
from kcbridge.trade.bilateral import (
    bilateral_products,
    export_similarity_index,
    grubel_lloyd,
    third_market_similarity,
    trade_complementarity_index,
)
from kcbridge.trade.complementarity import complementarity_profile, verdict
from kcbridge.trade.flows import world_exports
from kcbridge.trade.groups import align_groups

SECTORS = pd.DataFrame({"group": ["s1", "s1", "s2", "s2"], "product": ["p1", "p2", "p3", "p4"]})


def by_year(expr, column):
    frame = expr.to_pandas().sort_values(["year", "group"])
    return {(int(r.year), r.group): getattr(r, column) for r in frame.itertuples()}


def test_tci_both_directions(hand_bilateral):
    # KOR->CHN: min(.05,.3) + min(.25,.5) + min(.45,.2) + min(.25,0) = .05+.25+.2+0 = 50
    #   (= 100 (1 - (.25+.25+.25+.25)/2))
    # CHN->KOR: min(11,6) + min(4,8) + 0 + min(15,16) = 6+4+15 = 25/30 = 83.333
    ab = by_year(trade_complementarity_index(hand_bilateral, "KOR", "CHN", years=2020), "tci")
    ba = by_year(trade_complementarity_index(hand_bilateral, "CHN", "KOR", years=2020), "tci")
    assert ab[(2020, "all")] == pytest.approx(50.0)
    assert ba[(2020, "all")] == pytest.approx(250 / 3)


def test_tci_by_sector(hand_bilateral):
    # s1 = {p1, p2}: KOR exports 10, 50 -> 1/6, 5/6; CHN imports 60, 100 -> .375, .625
    #   -> 1/6 + .625 = 79.1667
    # s2 = {p3, p4}: KOR 90, 50 -> 9/14, 5/14; CHN 40, 0 -> 1, 0 -> 9/14 = 64.2857
    out = by_year(
        trade_complementarity_index(hand_bilateral, "KOR", "CHN", years=[2020], groups=SECTORS),
        "tci",
    )
    assert out[(2020, "s1")] == pytest.approx(100 * (1 / 6 + 0.625))
    assert out[(2020, "s2")] == pytest.approx(100 * 9 / 14)


def test_esi_world_and_third_market(hand_bilateral):
    # world: min(1.5,11) + min(7.5,4) + min(13.5,0) + min(7.5,15) = 1.5+4+0+7.5 = 13/30 = 43.333
    esi = by_year(export_similarity_index(hand_bilateral, "KOR", "CHN"), "esi")
    assert esi[(2020, "all")] == pytest.approx(130 / 3)
    # 2021: KOR exports only to CHN: .1 .5 .4 0 -> min(.1,11/30)+min(.5,4/30)+0+0 = 7/30
    assert esi[(2021, "all")] == pytest.approx(70 / 3)
    # in USA 2020: KOR p3 .5 p4 .5 ; CHN p1 .5 p4 .5 -> min at p4 = .5 -> 50
    usa = by_year(export_similarity_index(hand_bilateral, "KOR", "CHN", market="USA"), "esi")
    assert usa[(2020, "all")] == pytest.approx(50.0)
    third = third_market_similarity(hand_bilateral, "KOR", "CHN", years=2020).to_pandas()
    assert list(third["market"]) == ["USA"] and third["esi"].iloc[0] == pytest.approx(50.0)
    assert third["a_usd"].iloc[0] == 100 and third["b_usd"].iloc[0] == 100


def test_grubel_lloyd_and_aquino(hand_bilateral):
    # X (KOR->CHN) = 10 50 40 0 ; M (CHN->KOR) = 60 40 0 100
    per = bilateral_products(hand_bilateral, "KOR", "CHN", years=2020).to_pandas()
    gl = dict(zip(per["product"], per["gl"], strict=True))
    # p1 1 - 50/70 = 2/7 ; p2 1 - 10/90 = 8/9 ; p3 1 - 40/40 = 0 ; p4 1 - 100/100 = 0
    assert gl == pytest.approx({"p1": 2 / 7, "p2": 8 / 9, "p3": 0.0, "p4": 0.0})
    # weighted: 1 - (50+10+40+100)/(70+90+40+100) = 1 - 200/300 = 1/3
    total = grubel_lloyd(hand_bilateral, "KOR", "CHN", years=2020).to_pandas()
    assert total["gl"].iloc[0] == pytest.approx(1 / 3)
    assert total["exports_usd"].iloc[0] == 100 and total["imports_usd"].iloc[0] == 200
    # Aquino: X total 100, M total 200, half-sum 150 -> X*1.5 = 15 75 60 0, M*0.75 = 45 30 0 75
    # 1 - (30+45+60+75)/(60+105+60+75) = 1 - 210/300 = 0.3 ; p1 1 - 30/60 = .5 ; p2 1 - 45/105
    aq = grubel_lloyd(hand_bilateral, "KOR", "CHN", years=2020, aquino=True).to_pandas()
    assert aq["gl"].iloc[0] == pytest.approx(0.3)
    per_aq = bilateral_products(hand_bilateral, "KOR", "CHN", years=2020, aquino=True).to_pandas()
    gl_aq = dict(zip(per_aq["product"], per_aq["gl"], strict=True))
    assert gl_aq["p1"] == pytest.approx(0.5) and gl_aq["p2"] == pytest.approx(60 / 105)
    # by sector s1: 1 - (50+10)/(70+90) = 1 - 60/160 = .625 ; s2: 1 - 140/140 = 0
    sec = by_year(grubel_lloyd(hand_bilateral, "KOR", "CHN", years=2020, groups=SECTORS), "gl")
    assert sec[(2020, "s1")] == pytest.approx(0.625) and sec[(2020, "s2")] == pytest.approx(0.0)


def test_profile_verdict_top_products_and_trend(hand_bilateral):
    prof = complementarity_profile(hand_bilateral, "KOR", "CHN", margin=10)
    row = prof.summary.set_index("year").loc[2020]
    # mean TCI (50 + 83.333)/2 = 66.667 vs ESI 43.333: +23.3 >= 10 -> complementary
    assert row["complementarity"] == pytest.approx(200 / 3)
    assert row["verdict"] == "complementary"
    assert "+23.3 points" in row["basis"]
    # 2021: TCI KOR->CHN: KOR .1 .5 .4 0 vs CHN .3 .5 .2 0 -> .1+.5+.2 = 80; CHN->KOR 83.333
    row21 = prof.summary.set_index("year").loc[2021]
    assert row21["tci_ab"] == pytest.approx(80.0)
    # trend: ESI 43.333 -> 23.333 = -20 points a year
    trend = prof.trend.set_index("group").loc["all"]
    assert trend["esi_slope"] == pytest.approx(-20.0)
    assert trend["tci_ab_slope"] == pytest.approx(30.0)
    # top complementary terms 2021: KOR->CHN p2 min(.5,.5)=50 ; CHN->KOR p4 min(.5,16/30)=50
    top = prof.top_complementary
    assert set(top["year"]) == {2021}
    first_two = top.sort_values(["tci_points", "product"], ascending=[False, True]).head(2)
    assert sorted(first_two["product"]) == ["p2", "p4"]
    assert first_two["tci_points"].tolist() == pytest.approx([50.0, 50.0])
    # top competing 2021: p2 min(.5, 4/30) = 13.333, p1 min(.1, 11/30) = 10
    comp = prof.top_competing
    assert comp["product"].tolist()[:2] == ["p2", "p1"]
    assert comp["esi_points"].tolist()[:2] == pytest.approx([40 / 3, 10.0])


def test_verdict_rule():
    assert verdict(60, 45, 10) == "complementary"
    assert verdict(40, 55, 10) == "competing"
    assert verdict(50, 45, 10) == "mixed"
    assert verdict(np.nan, np.nan) == "no trade"


def test_exports_only_data_cannot_give_tci(hand_exports):
    with pytest.raises(NotFoundError, match="imports") as info:
        trade_complementarity_index(hand_exports, "A", "B")
    assert "kcbridge load baci" in str(info.value)
    with pytest.raises(NotFoundError, match="bilateral flows"):
        grubel_lloyd(hand_exports, "A", "B")
    # but the ESI works on exports to the world
    esi = export_similarity_index(hand_exports, "A", "B").to_pandas()
    # A 10 60 60 70 /200 ; B 40 30 20 10 /100 -> .05+.3+.2+.1 = 65
    assert esi["esi"].iloc[0] == pytest.approx(65.0)


def test_world_exports_prefers_wld_rows(hand_bilateral):
    extra = pd.DataFrame(
        [{"year": 2020, "exporter": "KOR", "importer": "WLD", "product": "p1", "value_usd": 999.0}]
    )
    flows = pd.concat([hand_bilateral, extra], ignore_index=True)
    world = world_exports(flows, 2020).to_pandas()
    kor = world[world.exporter == "KOR"]
    assert kor["value_usd"].tolist() == [999.0]  # KOR's WLD rows replace its bilateral ones
    assert world[world.exporter == "CHN"]["value_usd"].sum() == 300


def test_missing_columns_is_input_error():
    with pytest.raises(InputError, match="value_usd"):
        world_exports(pd.DataFrame({"year": [2020], "exporter": ["A"]}))


def test_align_groups_prefix_both_ways():
    mapping = pd.DataFrame(
        {"group": ["chips", "chips", "cars"], "product": ["854231", "8541", "87"]}
    )
    hs4 = align_groups(mapping, ["8542", "8541", "8703", "0101"])
    assert hs4.values.tolist() == [["cars", "8703"], ["chips", "8541"], ["chips", "8542"]]
    hs6 = align_groups(mapping, ["854231", "854232", "854110", "870323"])
    assert hs6.values.tolist() == [["cars", "870323"], ["chips", "854110"], ["chips", "854231"]]
