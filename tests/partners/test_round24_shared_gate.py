# ruff: noqa: E501 (the recorded figures read best on one line)
"""Round 24 (issue 12, twenty-first session): a pair the rules score 0 is still scored by the
learned model when the two share rare codes or glossary concepts
(``MatchWeights.shared_opens_gate``). Decided on fresh14..28 by a rule fixed before the run,
then fresh29, written by a helper told nothing of the matcher, scored once. Record:
``docs/history/partners_round24.json``."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests.partners.history import figures, history

from kcbridge.partners.evaluation import load_fresh_set
from kcbridge.partners.index import MatchWeights
from kcbridge.partners.matching import Matchmaker

RECORD = "partners_round24.json"  # in docs/history


def test_the_gate_is_open_by_default() -> None:
    assert MatchWeights().shared_opens_gate is True


@pytest.mark.slow
def test_a_pair_sharing_grades_but_no_words_is_proposed(splitter_before_round_25: None) -> None:
    """fresh28's sink pair: a Korean buyer's spec list and a Chinese maker writing English
    share SUS304, R10 and 1.2mm but no offer/need cosine above the floor; with the gate
    closed the maker is never proposed, with it open it is, either way round."""
    data = load_fresh_set(file="eval_fresh28.yaml")
    matcher = Matchmaker(data.profiles, data.organisations)
    shut = replace(matcher.weights, shared_opens_gate=False)
    opened = replace(matcher.weights, shared_opens_gate=True)
    for query, partner in (("fresh-06a", "fresh-06b"), ("fresh-06b", "fresh-06a")):
        matcher.weights = shut
        assert partner not in [m.partner_profile_id for m in matcher.match(query, k=60)]
        matcher.weights = opened
        found = [m.partner_profile_id for m in matcher.match(query, k=60)]
        assert partner in found[:10]


def test_the_decision_as_recorded() -> None:
    rec = history(RECORD)
    seen = rec["seen_decision"]
    assert (seen["off"]["pooled"]["r1"], seen["off"]["pooled"]["mrr"], seen["off"]["pooled"]["same"]) == (0.8617, 0.9176, 2)
    assert (seen["on"]["pooled"]["r1"], seen["on"]["pooled"]["mrr"], seen["on"]["pooled"]["same"]) == (0.8633, 0.9201, 0)
    moved = [s for s in seen["off"]["per_set"] if seen["off"]["per_set"][s] != seen["on"]["per_set"][s]]
    assert moved == ["fresh28"]
    assert rec["older_sets"]["off"]["pooled"] == rec["older_sets"]["on"]["pooled"]


def test_fresh29_as_scored_once() -> None:
    rec = history(RECORD)
    once = rec["fresh29_once"]
    assert figures(once["round24"]["overall"]) == figures(once["without_round24"]["overall"]) == (0.8, 0.8917, 0)
    assert figures(once["rules"]["overall"]) == (0.825, 0.8932, 0)
    assert figures(once["plain"]["overall"]) == (0.8, 0.8842, 2)
    assert rec["fresh29_trust_once"]["amber"] == {
        "queries": 8, "met": 8, "red": 0, "amber": 8, "green": 0, "reason_named": 8}
    assert len(rec["fresh29_labels_refused"]) == 8


def test_fresh29_layout() -> None:
    data = load_fresh_set(file="eval_fresh29.yaml")
    assert (len(data.partner_of), len(data.distractors)) == (40, 26)
