"""Unit tests of the explorer's pure functions on small worlds written by hand: the
bilateral table, treemap layout, the product-space tree and layout, names, Excel."""

from __future__ import annotations

import io
import itertools

import numpy as np
import pandas as pd
import pytest

from kcbridge.reference.products import clean_short_name
from kcbridge.trade.explorer import direction_totals, explorer_table, group_history, grouping
from kcbridge.trade.network import maximum_spanning_tree, spring_layout, strong_links
from kcbridge.trade.sections import section_of_chapter
from kcbridge.trade.treemap import squarify, treemap_layout, treemap_tree

# KOR -> CHN and CHN -> KOR, 2019-2021 (USD)
PAIR = [
    # year, exporter, importer, product, value
    (2019, "KOR", "CHN", "854231", 100.0),
    (2020, "KOR", "CHN", "854231", 110.0),
    (2021, "KOR", "CHN", "854231", 121.0),  # +10 % a year: rising
    (2019, "KOR", "CHN", "290110", 50.0),
    (2021, "KOR", "CHN", "290110", 40.0),  # falling, and absent in 2020
    (2021, "KOR", "CHN", "850760", 39.0),  # new in 2021
    (2019, "CHN", "KOR", "850760", 80.0),
    (2020, "CHN", "KOR", "850760", 80.0),
    (2021, "CHN", "KOR", "850760", 80.0),  # steady
    (2021, "CHN", "KOR", "030211", 20.0),
]


@pytest.fixture
def pair() -> pd.DataFrame:
    return pd.DataFrame(PAIR, columns=["year", "exporter", "importer", "product", "value_usd"])


def test_explorer_table_by_product(pair):
    table = explorer_table(pair, "KOR", "CHN", 2021)
    kor = table[table["direction"] == "KOR->CHN"].set_index("group")
    # KOR -> CHN 2021: 121 + 40 + 39 = 200
    assert kor.loc["854231", "share"] == pytest.approx(121 / 200)
    assert kor["share"].sum() == pytest.approx(1.0)
    assert kor["rank"].tolist() == [1, 2, 3]
    assert kor.loc["854231", "change_pct"] == pytest.approx(10.0)
    assert kor.loc["854231", "growth_pa_pct"] == pytest.approx(10.0)
    assert kor.loc["854231", "trend"] == "rising"
    # 290110: 50 -> 40 over two years = -10.56 % a year; no 2020 value -> no change
    assert kor.loc["290110", "growth_pa_pct"] == pytest.approx((0.8 ** 0.5 - 1) * 100)
    assert kor.loc["290110", "trend"] == "falling"
    assert np.isnan(kor.loc["290110", "change_pct"])
    assert kor.loc["850760", "trend"] == "new" and kor.loc["850760", "since"] == 2021
    chn = table[table["direction"] == "CHN->KOR"].set_index("group")
    assert chn.loc["850760", "trend"] == "steady" and chn.loc["850760", "share"] == 0.8


def test_explorer_table_by_section_and_top(pair):
    groups = grouping(pair["product"], "section")
    table = explorer_table(pair, "KOR", "CHN", 2021, "section", groups, top=1)
    assert table["direction"].tolist() == ["KOR->CHN", "CHN->KOR"]
    # machinery (XVI: 8542 + 8507) leads both ways
    assert table["group"].tolist() == ["XVI", "XVI"]
    assert table["value_usd"].tolist() == [160.0, 80.0]
    assert section_of_chapter("29").id == "VI" and section_of_chapter("03").id == "I"
    assert section_of_chapter("99").id == "other"


def test_direction_totals_and_history(pair):
    totals = direction_totals(pair, "KOR", "CHN").set_index("year")
    assert totals.loc[2021, "exports_ab"] == 200.0
    assert totals.loc[2021, "exports_ba"] == 100.0
    assert totals.loc[2021, "balance_ab"] == 100.0
    assert totals.loc[2020, "total"] == 190.0
    history = group_history(pair, "KOR", "CHN", grouping(pair["product"], "heading"), ["8542"])
    kor = history[history["direction"] == "KOR->CHN"]["value_usd"].tolist()
    assert kor == [100.0, 110.0, 121.0]


# ---- product space --------------------------------------------------------------------
# A, B, C, D: the maximum spanning tree by hand is A-B (0.9), B-C (0.8), C-D (0.6):
# A-C (0.7) would close the cycle A-B-C, and B-D (0.5) and A-D (0.2) are weaker than C-D.
PHI = np.array(
    [
        [0.0, 0.9, 0.7, 0.2],
        [0.9, 0.0, 0.8, 0.5],
        [0.7, 0.8, 0.0, 0.6],
        [0.2, 0.5, 0.6, 0.0],
    ]
)


def test_maximum_spanning_tree_by_hand():
    tree = maximum_spanning_tree(PHI)
    assert list(zip(tree["source"], tree["target"], strict=True)) == [(0, 1), (1, 2), (2, 3)]
    assert tree["proximity"].tolist() == [0.9, 0.8, 0.6]


def test_maximum_spanning_tree_beats_every_other_tree():
    rng = np.random.default_rng(3)
    a = rng.random((6, 6))
    phi = np.triu(a, 1) + np.triu(a, 1).T
    best = maximum_spanning_tree(phi)["proximity"].sum()
    pairs = list(itertools.combinations(range(6), 2))
    trees = 0
    for edges in itertools.combinations(pairs, 5):  # every spanning tree of K6
        parent = list(range(6))

        def find(i: int, parent: list[int] = parent) -> int:
            while parent[i] != i:
                i = parent[i]
            return i

        ok = True
        for i, j in edges:
            ri, rj = find(i), find(j)
            if ri == rj:
                ok = False
                break
            parent[ri] = rj
        if ok:
            trees += 1
            assert sum(phi[i, j] for i, j in edges) <= best + 1e-12
    assert trees == 6 ** 4  # Cayley: K6 has 6^(6-2) spanning trees, so every one was compared


def test_strong_links_leave_out_tree_edges():
    tree = maximum_spanning_tree(PHI)
    links = strong_links(PHI, tree, threshold=0.55)
    assert list(zip(links["source"], links["target"], strict=True)) == [(0, 2)]  # 0.7
    assert strong_links(PHI, tree, threshold=0.95).empty


def test_spring_layout_is_deterministic_and_pulls_neighbours_together():
    # two cliques of five joined by one link: members end closer to their own clique
    n = 10
    edges = [(i, j) for i in range(5) for j in range(i + 1, 5)]
    edges += [(i, j) for i in range(5, 10) for j in range(i + 1, 10)] + [(0, 5)]
    frame = pd.DataFrame(edges, columns=["source", "target"]).assign(proximity=0.8)
    pos = spring_layout(n, frame, seed=1, iterations=150)
    assert np.array_equal(pos, spring_layout(n, frame, seed=1, iterations=150))
    assert pos.min() == 0.0 and pos.max() == 1.0
    d = np.linalg.norm(pos[:, None, :] - pos[None, :, :], axis=2)
    within = np.mean([d[i, j] for i, j in edges[:-1]])
    across = np.mean([d[i, j] for i in range(5) for j in range(5, 10)])
    assert within < 0.6 * across


# ---- treemap ---------------------------------------------------------------------------
def test_squarify_areas_are_proportional_and_fill_the_box():
    values = [6, 6, 4, 3, 2, 2, 1]
    rects = squarify(values, 0, 0, 6, 4)
    areas = [(x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in rects]
    assert areas == pytest.approx(values)  # total 24 = 6 x 4
    for x0, y0, x1, y1 in rects:
        assert 0 <= x0 <= x1 <= 6 + 1e-9 and 0 <= y0 <= y1 <= 4 + 1e-9
    for a, b in itertools.combinations(rects, 2):  # no two tiles overlap
        overlap_w = min(a[2], b[2]) - max(a[0], b[0])
        overlap_h = min(a[3], b[3]) - max(a[1], b[1])
        assert overlap_w <= 1e-9 or overlap_h <= 1e-9


def test_treemap_layout_nests_headings_in_their_section():
    values = pd.DataFrame({"product": ["854231", "854232", "850760", "030211", "290110"],
                           "value_usd": [50.0, 20.0, 10.0, 15.0, 5.0]})
    tree = treemap_tree(values, "heading")
    assert tree.groupby("section")["value_usd"].sum().to_dict() == {"XVI": 80.0, "I": 15.0,
                                                                    "VI": 5.0}
    tiles = treemap_layout(tree, 100, 100)
    areas = (tiles["x1"] - tiles["x0"]) * (tiles["y1"] - tiles["y0"])
    # the 100 x 100 box holds 100 USD: 100 square units a dollar
    assert areas.to_numpy() == pytest.approx(100 * tiles["value_usd"].to_numpy())
    xvi = tiles[tiles["section"] == "XVI"]
    box = (xvi["x0"].min(), xvi["y0"].min(), xvi["x1"].max(), xvi["y1"].max())
    assert (box[2] - box[0]) * (box[3] - box[1]) == pytest.approx(8000.0)  # one block


# ---- names, numbers, Excel -------------------------------------------------------------
def test_clean_short_name_restores_lost_hyphens_only():
    full = "Electric accumulators; lithium-ion, including separators"
    assert clean_short_name("Lithiumion electric accumulators", full) == (
        "Lithium-ion electric accumulators")
    assert clean_short_name("Transmission belts, Vribbed", "belts of V-ribbed section") == (
        "Transmission belts, V-ribbed")
    assert clean_short_name("Sunflower seed oil", "Sun-flower seed oil") == "Sunflower seed oil"
    assert clean_short_name("Telephones  for  cellular", "x") == "Telephones for cellular"


def test_numbers_never_show_minus_zero():
    from kcbridge.web.trade import fmt_money, fmt_number

    assert fmt_number(-0.0004, 2) == "0.00"
    assert fmt_number(-0.004, 2) == "0.00"
    assert fmt_number(-0.006, 2) == "-0.01"
    assert fmt_number(float("nan")) == ""
    assert fmt_money(2_345_000_000) == "2.35 bn" and fmt_money(-1_500_000) == "-1.5 m"


def test_place_labels_separates_close_points():
    from kcbridge.trade.charts import place_labels

    points = pd.DataFrame({"x": [50.0, 51.0, 52.0, 90.0], "y": [40.0, 40.5, 39.8, 40.0],
                           "label": ["Semiconductors", "Batteries", "Displays", "Far away"]})
    ys = place_labels(points, "x", "y", "label", line_height=3.0)
    close = sorted(ys.iloc[:3])
    assert all(b - a >= 3.0 - 1e-9 for a, b in itertools.pairwise(close))
    assert ys.iloc[3] == 40.0  # nothing near it: stays at its point


def test_xlsx_round_trip_keeps_rows_and_writes_formulas_as_text():
    from openpyxl import load_workbook

    from kcbridge.formats import xlsx_bytes

    frame = pd.DataFrame({"name": ["=1+1", "ok", None], "value": [1.5, float("nan"), 3.0]})
    data = xlsx_bytes({"rows": frame, "more": frame.head(1)}, synthetic=True, title="t")
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["about", "rows", "more"]
    about = [tuple(r) for r in wb["about"].iter_rows(values_only=True)]
    assert ("label", "SYNTHETIC demo data: not real statistics") in about
    rows = list(wb["rows"].iter_rows(values_only=True))
    assert rows == [("name", "value"), ("=1+1", 1.5), ("ok", None), (None, 3.0)]
    assert wb["rows"]["A2"].data_type == "s"  # text, not a formula
