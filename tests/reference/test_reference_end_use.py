"""End-use rules (reference/data/end_use_rules.csv): a compact BEC-style approximation."""

from __future__ import annotations

import csv
from importlib import resources

import pandas as pd
import pytest

from kcbridge.reference.products import END_USE_STAGES, end_use_of, product_table

# BEC rev.4 basic classes -> SNA end-use classes (UN, "Classification by Broad Economic
# Categories Rev.4", table of correspondence to the basic SNA classes). 321 motor spirit,
# 51 passenger cars and 7 goods n.e.s. have no single SNA class and are left out.
BEC4_TO_STAGE = {
    "111": "intermediate", "121": "intermediate", "210": "intermediate", "220": "intermediate",
    "310": "intermediate", "322": "intermediate", "420": "intermediate", "530": "intermediate",
    "410": "capital", "521": "capital",
    "112": "consumer", "122": "consumer", "522": "consumer",
    "610": "consumer", "620": "consumer", "630": "consumer",
}


def read_rules() -> list[dict[str, str]]:
    path = resources.files("kcbridge.reference") / "data" / "end_use_rules.csv"
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_rule_file_is_compact_and_well_formed():
    rules = read_rules()
    assert 97 <= len(rules) <= 400
    prefixes = [r["hs_prefix"] for r in rules]
    assert len(set(prefixes)) == len(prefixes)
    assert all(p.isdigit() and len(p) in (2, 4, 6) for p in prefixes)
    assert {r["stage"] for r in rules} == set(END_USE_STAGES)


def test_every_hs2012_subheading_gets_a_stage():
    table = product_table("HS2012")
    hs6 = table[table["level"] == 6]
    assert hs6["end_use"].notna().all()
    assert set(hs6["end_use"]) == set(END_USE_STAGES)


@pytest.mark.parametrize(
    ("code", "stage"),
    [
        ("847130", "capital"),  # laptops: BEC 41 capital goods
        ("847150", "capital"),  # processing units (servers)
        ("851712", "capital"),  # mobile phones: BEC 41 (as in the UN table)
        ("842951", "capital"),  # front-end shovel loaders
        ("880240", "capital"),  # large aeroplanes
        ("854231", "intermediate"),  # processors: parts
        ("850760", "intermediate"),  # lithium-ion accumulators
        ("310210", "intermediate"),  # urea
        ("280461", "intermediate"),  # polysilicon
        ("870323", "consumer"),  # passenger cars (BEC 51 is dual; we follow household use)
        ("300490", "consumer"),  # medicaments, retail
        ("852872", "consumer"),  # colour televisions
    ],
)
def test_end_use_of_known_products(code, stage):
    assert end_use_of([code]) == [stage]


def test_longest_prefix_wins():
    # chapter 87 is capital (trucks, tractors), heading 8703 consumer, 8708 intermediate
    assert end_use_of(["870410", "870390", "870899"]) == ["capital", "consumer", "intermediate"]


def bec_stage_sets(bec: pd.DataFrame) -> pd.Series:
    bec = bec.assign(stage=bec["BEC4_3d"].map(BEC4_TO_STAGE)).dropna(subset=["stage"])
    return bec.groupby("HS6_6d")["stage"].agg(frozenset)


def agreement(stage_sets: pd.Series) -> tuple[float, int]:
    single = stage_sets[stage_sets.map(len) == 1].map(lambda s: next(iter(s)))
    ours = pd.Series(end_use_of(single.index), index=single.index, dtype=object)
    return float((ours == single).mean()), len(single)


@pytest.mark.realdata
def test_agreement_with_un_bec4_end_use_classes(bec_table, hs2012_codes):
    """Share of HS6 codes whose UN BEC rev.4 end-use class our rules reproduce.

    The UN table's codes are HS2022 (5,611 codes; 4,992 of them also exist in HS2012).
    Codes mapped to one SNA class count; codes split across classes (85) or only in
    BEC classes without an SNA class (321, 51, 7) are left out.
    """
    stage_sets = bec_stage_sets(bec_table)
    share_all, n_all = agreement(stage_sets)
    assert n_all == 5492
    assert share_all == pytest.approx(0.9574, abs=0.0002)
    share_hs2012, n_hs2012 = agreement(stage_sets[stage_sets.index.isin(hs2012_codes)])
    assert n_hs2012 == 4917
    assert share_hs2012 == pytest.approx(0.9559, abs=0.0002)
    assert min(share_all, share_hs2012) >= 0.95
    # codes the UN splits between classes: ours is one of them for most
    mixed = stage_sets[stage_sets.map(len) > 1]
    ours = end_use_of(mixed.index)
    within = sum(stage in classes for stage, classes in zip(ours, mixed, strict=True))
    assert within / len(mixed) >= 0.9
