"""Round 12 of issue 12 (helper sumweight): the fused score's summary weight and the two
directions' mix re-chosen by leave-one-set-out over the twelve one-summary sets
(``evaluation_cv.cross_validate_12``). The decision is reproduced from its record
(docs/history/partners_cv12.json), and the record is checked against the code on one set."""

from __future__ import annotations

import pytest
from tests.partners.history import history

from kcbridge.errors import InputError
from kcbridge.partners.evaluation import evaluate_one_summary
from kcbridge.partners.evaluation_cv import (
    CV_SETS_12,
    MEASURED_SETS,
    choose_12,
    cross_validate_12,
    pooled_figures,
    rank_table_12,
)
from kcbridge.partners.index import MatchWeights

RECORD = "partners_cv12.json"  # in docs/history


def test_measured_sets_are_folds_only_when_asked() -> None:
    assert [s for s, _ in CV_SETS_12][4:] == list(MEASURED_SETS)
    with pytest.raises(InputError, match="never a fold"):
        rank_table_12("fresh12")


def _t(rank1: int, rr: float, same: int, n: int = 10) -> dict[str, float]:
    return {"queries": n, "rank1": rank1, "rank5": n, "rr": rr, "same_direction": same}


def test_the_rule_guards_same_direction_and_ties_to_the_shipped_point() -> None:
    shipped = _t(8, 9.0, 1)
    other = _t(8, 9.0, 1)
    tallies = {"a": {"s0.3/b0.9": shipped, "s0.2/b0.9": other, "s0.4/b0.9": other,
                     "s0.6/b0.9": _t(9, 9.5, 2)}}
    # every other grid point: worse than the shipped one
    for s in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        for b in (0.8, 0.9, 1.0):
            tallies["a"].setdefault(f"s{s:g}/b{b:g}", _t(5, 7.0, 0))
    # s0.6 has the best MRR but one more same-direction profile above a partner: excluded;
    # s0.2, s0.3 and s0.4 tie: the shipped point wins
    assert choose_12(tallies, ["a"]) == "s0.3/b0.9"
    tallies["a"]["s0.6/b0.9"] = _t(9, 9.5, 1)
    assert choose_12(tallies, ["a"]) == "s0.6/b0.9"
    # a tie between points equally far from the shipped one goes to the smaller weight
    tallies["a"]["s0.6/b0.9"] = _t(5, 7.0, 0)
    tallies["a"]["s0.3/b0.9"] = _t(7, 8.0, 1)
    assert choose_12(tallies, ["a"]) == "s0.2/b0.9"


def test_the_decision_reproduces_from_the_record() -> None:
    record = history(RECORD)
    tallies = record["tallies"]
    assert list(tallies) == [s for s, _ in CV_SETS_12]
    report = cross_validate_12(tallies)
    assert report == record["report"]
    chosen = {f: v["chosen_on_the_others"] for f, v in report["folds"].items()}
    # the summary weight stays 0.3 on 12 of 13 folds; balance 1.0 on 11
    assert sum(c.startswith("s0.3/") for c in chosen.values()) == 12
    assert chosen["fresh3"] == "s0.3/b0.9" and chosen["fresh11"] == "s0.5/b0.8"
    assert report["chosen_on_all_sets"] == "s0.3/b1"
    held = report["held_out_pooled"]
    assert held["shipped"]["queries"] == 618
    assert (held["shipped"]["recall_at_1"], held["shipped"]["mrr"]) == (0.8819, 0.9298)
    assert (held["chosen"]["recall_at_1"], held["chosen"]["mrr"]) == (0.8819, 0.9291)
    assert (held["plain"]["recall_at_1"], held["plain"]["mrr"]) == (0.7945, 0.8709)
    assert held["plain"]["same_direction_above_partner"] == 56
    # balance 1.0 differs from 0.9 (at summary 0.3) on one set only: one fresh3 query
    diff = [s for s in tallies if tallies[s]["s0.3/b1"] != tallies[s]["s0.3/b0.9"]]
    assert diff == ["fresh3"]
    assert (tallies["fresh3"]["s0.3/b0.9"]["rank1"], tallies["fresh3"]["s0.3/b1"]["rank1"]) \
        == (51, 52)


def test_the_same_direction_guard_is_what_keeps_the_summary_weight() -> None:
    tallies = history(RECORD)["tallies"]
    every = list(tallies)
    best = pooled_figures([tallies[s]["s0.5/b0.9"] for s in every])
    shipped = pooled_figures([tallies[s]["s0.3/b0.9"] for s in every])
    assert (best["mrr"], shipped["mrr"]) == (0.9379, 0.9298)
    assert (best["same_direction_above_partner"],
            shipped["same_direction_above_partner"]) == (3, 2)
    # the one extra same-direction profile is on fresh11, from summary 0.4 up
    assert [tallies["fresh11"][f"s{s:g}/b0.9"]["same_direction"]
            for s in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)] == [2, 2, 3, 3, 4, 4, 5]
    # on fresh12 the plain cosine stays above every grid point
    assert tallies["fresh12"]["plain"]["rank1"] == 35
    assert max(v["rank1"] for k, v in tallies["fresh12"].items() if k != "plain") == 34


def test_the_record_is_what_the_code_gives_on_fresh12(splitter_before_round_25: None) -> None:
    tallies = history(RECORD)["tallies"]["fresh12"]
    for s, b in ((0.3, 0.9), (0.5, 0.8)):
        got = evaluate_one_summary(
            dataset="fresh12", weights=MatchWeights(summary=s, balance=b, ranker=None))["overall"]
        want = pooled_figures([tallies[f"s{s:g}/b{b:g}"]])
        assert {k: got[k] for k in want} == want
    assert (want["recall_at_1"], want["mrr"]) == (0.85, 0.9125)
