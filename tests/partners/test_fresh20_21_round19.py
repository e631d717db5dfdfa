"""fresh20 (a confirmation run of round 18's default), round 19 (the model retrained with
fresh14-20, adopted by a leave-one-set-out rule fixed before the run) and fresh21 (written
after that rule, scored once). Records: ``docs/history/partners_fresh20.json`` and
``ranker_round19.json``'s ``round19_retrain_check``."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from tests.partners.history import figures, history

from kcbridge.partners.evaluation import evaluate_one_summary, load_fresh_set
from kcbridge.partners.index import RULES, MatchWeights
from kcbridge.partners.learned import round14_ranker, round19_ranker, shipped_ranker

RECORD = "partners_fresh20.json"  # in docs/history


def test_layouts() -> None:
    assert (len(load_fresh_set(file="eval_fresh20.yaml").partner_of),
            len(load_fresh_set(file="eval_fresh20.yaml").distractors)) == (40, 25)
    assert (len(load_fresh_set(file="eval_fresh21.yaml").partner_of),
            len(load_fresh_set(file="eval_fresh21.yaml").distractors)) == (40, 26)


def test_fresh20_as_scored_once(splitter_before_round_25: None) -> None:
    once = history(RECORD)["fresh20_once"]
    assert figures(once["learned"]) == (0.825, 0.9042, 0)
    assert figures(once["rules"]) == (0.75, 0.8562, 0)
    # the plain cosine beat both there
    assert (once["plain"]["recall_at_1"], once["plain"]["mrr"]) == (0.875, 0.9313)
    # since then (seen): the channel word, then the round-19 model; the rules alone (0.725 /
    # 0.8438 and 0.775 / 0.8574 with the round-14 model until round 22 read the side of
    # "寻求产品代理" and "寻求代理" from their summaries, twentieth session)
    assert figures(evaluate_one_summary(dataset="fresh20", weights=RULES)["overall"]) == (
        0.75, 0.8562, 0)
    assert figures(evaluate_one_summary(
        dataset="fresh20", weights=MatchWeights(ranker=round14_ranker()))["overall"]) == (
        0.825, 0.9042, 0)


def test_round19_was_adopted_by_its_rule() -> None:
    raw = json.loads((resources.files("kcbridge.partners") / "data" / "ranker_round19.json")
                     .read_text(encoding="utf-8"))
    check = raw["round19_retrain_check"]
    old, new = check["held_out_pooled"]["shipped"], check["held_out_pooled"]["retrained"]
    assert old["queries"] == new["queries"] == 280
    assert (old["recall_at_1"], old["mrr"]) == (0.85, 0.9149)
    assert (new["recall_at_1"], new["mrr"]) == (0.8607, 0.9208)
    assert new["mrr"] > old["mrr"] and new["recall_at_1"] >= old["recall_at_1"]
    assert new["same_direction_above_partner"] <= old["same_direction_above_partner"]
    assert check["adopt"] is True
    assert len(raw["trained_on"]) == 21 and raw["trained_on"][-1] == "fresh20"
    assert MatchWeights().ranker == shipped_ranker() != round14_ranker()


@pytest.mark.slow
def test_fresh21_as_scored_once_and_now() -> None:
    once = history(RECORD)["fresh21_once"]
    assert figures(once["round19"]) == (0.775, 0.8833, 0)
    assert figures(once["round14"]) == (0.775, 0.8792, 0)
    assert figures(once["rules"]) == (0.75, 0.8688, 0)
    assert figures(once["plain"]) == (0.8, 0.8869, 2)
    round19 = MatchWeights(ranker=round19_ranker())
    assert figures(evaluate_one_summary(dataset="fresh21", weights=round19)["overall"]) == \
        figures(once["round19"])
    # the shipped model since round 21 was trained with fresh21 (in-sample, not a test)
    assert figures(evaluate_one_summary(dataset="fresh21")["overall"]) == (0.825, 0.9021, 0)


def test_the_adoption_rule_of_rounds_14_and_19() -> None:
    from kcbridge.partners.ranker_cv import _decide

    def tallies(ranks: list[int]) -> list[dict[str, float]]:
        from kcbridge.partners.evaluation_cv import tally

        return [tally([{"rank": r, "same_direction_above": False} for r in ranks])]

    better = _decide({}, {"old": tallies([1, 2, 1, 3]), "new": tallies([1, 1, 1, 3])},
                     "old", "new")
    assert better["adopt"] is True and better["held_out_pooled"]["new"]["recall_at_1"] == 0.75
    # an equal MRR is not enough, a lower recall@1 never is
    assert _decide({}, {"old": tallies([1, 2]), "new": tallies([1, 2])}, "old", "new")[
        "adopt"] is False
    assert _decide({}, {"old": tallies([1, 1, 5]), "new": tallies([2, 2, 1])}, "old", "new")[
        "adopt"] is False
