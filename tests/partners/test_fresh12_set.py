"""The twelfth fresh one-summary set (``data/eval_fresh12.yaml``, written outside the
repository by a helper told nothing about matching or label reading, eleventh session): it
tested a summary check of label types (helper typecheck, frozen before the set existed), which
failed its pre-registered rule and was reverted. The recorded runs
(docs/history/partners_fresh12.json) and what the shipped code gives."""

from __future__ import annotations

import pytest
from tests.partners.history import history

from kcbridge.partners.evaluation import evaluate_one_summary
from kcbridge.partners.index import RULES, MatchWeights


def test_the_summary_check_failed_its_rule_and_is_not_shipped() -> None:
    record = history("partners_fresh12.json")
    before = record["runs"]["typecheck_round_before_label_words_only"]
    after = record["runs"]["typecheck_round_after_summary_check"]
    assert (len(before["labels_mismapped"]), len(after["labels_mismapped"])) == (2, 3)
    assert (len(before["labels_refused"]), len(after["labels_refused"])) == (9, 4)
    assert record["rule"]["a_misreads_do_not_rise"] is False
    assert record["decision"].startswith("summary check NOT adopted")
    with pytest.raises(ImportError):
        __import__("kcbridge.partners.type_check")


def test_the_shipped_code_gives_the_recorded_runs(splitter_before_round_25: None) -> None:
    runs = history("partners_fresh12.json")["runs"]
    shipped = evaluate_one_summary(dataset="fresh12", weights=RULES)
    assert shipped["overall"] == runs["matcher_shipped_e239057"]["overall"]
    assert (shipped["overall"]["recall_at_1"], shipped["overall"]["mrr"]) == (0.825, 0.8979)
    assert shipped["overall"]["same_direction_above_partner"] == 0
    # the shipped code is what the typecheck round measured as "before"
    assert shipped["overall"] == runs["typecheck_round_before_label_words_only"]["overall"]
    # the one-to-one run was recorded with the two directions' mix then shipped (0.9)
    one = evaluate_one_summary(dataset="fresh12",
                               weights=MatchWeights(preference=1.0, balance=0.9, ranker=None))
    assert one["overall"] == runs["matcher_one_to_one_preference"]["overall"]
    plain = evaluate_one_summary(dataset="fresh12", method="plain")["overall"]
    assert (plain["recall_at_1"], plain["mrr"]) == (0.875, 0.925)  # above the matcher here
