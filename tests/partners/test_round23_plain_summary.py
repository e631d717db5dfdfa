"""Round 23 (issue 12, twenty-first session): the plain summary cosine added to the gated pair
score (``MatchWeights.plain_summary``), chosen by leave-one-set-out over fresh14..fresh27 and
not adopted by its pre-registered rule (held-out MRR up, recall@1 down); fresh28, written by
a helper told nothing of the matcher, scored once; the Australia Group plant pathogens
completed after its trust run. Record: ``docs/history/partners_round23.json``."""

from __future__ import annotations

import numpy as np
import pytest
from tests.partners.history import figures, history, trust_on_pair

from kcbridge.partners.controls import controlled_items
from kcbridge.partners.evaluation import LAST_FRESH, load_fresh_set
from kcbridge.partners.index import RULES, MatchWeights, ProfileArrays, exact_top_k, plain_share
from kcbridge.partners.matching import Matchmaker
from kcbridge.partners.plain_summary_cv import choose_23, cross_validate_23

RECORD = "partners_round23.json"  # in docs/history


def _unit(rows: list[list[float]]) -> np.ndarray:
    a = np.asarray(rows, dtype=np.float32)
    return a / np.linalg.norm(a, axis=1, keepdims=True)


def _arrays() -> ProfileArrays:
    """Profile 0 offers what 1 and 2 need equally well; 2's summary reads like 0's, 1's does
    not; 3 is of 0's own organisation's country only by its type (a same-side offer)."""
    offer = _unit([[1, 0, 0], [0, 1, 0], [0, 1, 0], [1, 0, 0]])
    need = _unit([[0, 1, 0], [1, 0, 0], [1, 0, 0], [0, 1, 0]])
    plain = _unit([[1, 1, 0], [0, 0, 1], [1, 1, 0.2], [1, 1, 0]])
    return ProfileArrays(
        offer=offer, need=need, sectors=np.zeros(4, dtype=np.uint64),
        keywords=np.zeros(4, dtype=np.uint64), country=np.array([0, 1, 1, 1], dtype=np.int32),
        org=np.arange(4, dtype=np.int64), primary_sector=np.full(4, -1, dtype=np.int16),
        ptype=np.array([0, 1, 1, 0], dtype=np.int8), plain=plain)


def test_the_plain_share_lifts_only_pairs_the_matcher_scores() -> None:
    arrays = _arrays()
    off = RULES
    on = MatchWeights(ranker=None, plain_summary=0.5)
    assert plain_share(arrays, 0, np.array([1, 2]), off) is None
    share = plain_share(arrays, 0, np.array([1, 2]), on)
    assert share is not None and share[1] > share[0] >= 0
    rows_off, scores_off = exact_top_k(arrays, 0, 3, off)
    rows_on, scores_on = exact_top_k(arrays, 0, 3, on)
    # 1 and 2 tie on the rules; the plain cosine puts 2 first and adds exactly its share
    assert scores_off[0] == pytest.approx(scores_off[1])
    assert list(rows_on[:2]) == [2, 1]
    gained = dict(zip(rows_on.tolist(), scores_on.tolist(), strict=True))
    before = dict(zip(rows_off.tolist(), scores_off.tolist(), strict=True))
    assert gained[2] - before[2] == pytest.approx(float(share[1]), abs=1e-5)
    # a same-side profile (type gate 0) is never proposed, however alike its summary
    assert 3 not in rows_on.tolist()


def test_the_default_stays_off_as_the_rule_decided() -> None:
    rec = history(RECORD)
    assert rec["cv"]["adopt"] is False and MatchWeights().plain_summary == 0.0
    held = rec["cv"]["held_out_pooled"]
    assert figures(held["chosen"]) == (0.8679, 0.9273, 0)
    assert figures(held["off"]) == (0.8732, 0.9254, 0)
    assert rec["cv"]["times_chosen"] == {"0.0": 0, "0.1": 0, "0.2": 1, "0.3": 2, "0.5": 3,
                                         "0.8": 0, "1.0": 8}


def test_the_choice_recomputed_from_the_recorded_tallies() -> None:
    """The record's per-set tallies give its choices back through the code's rule."""
    raw = history(RECORD)["cv"]
    tallies = {s: {float(w): t for w, t in v.items()} for s, v in raw["tallies"].items()}
    result = cross_validate_23(tallies)
    assert {s: f["chosen_on_the_others"] for s, f in result["folds"].items()} == {
        s: f["chosen_on_the_others"] for s, f in raw["folds"].items()}
    assert result["held_out_pooled"] == raw["held_out_pooled"]
    assert (result["shipped"], result["adopt"]) == (1.0, False)


def test_the_rule_keeps_the_same_direction_guard() -> None:
    toy = {s: {0.0: {"queries": 10, "rank1": 8, "rank5": 10, "rr": 9.0, "same_direction": 0},
               0.5: {"queries": 10, "rank1": 9, "rank5": 10, "rr": 9.5, "same_direction": 0},
               1.0: {"queries": 10, "rank1": 9, "rank5": 10, "rr": 9.6, "same_direction": 1}}
           for s in ("a", "b", "c")}
    # 1.0 has the best MRR but raises the same-direction count: 0.5 is chosen
    assert choose_23(toy, ["a", "b"]) == 0.5
    result = cross_validate_23(toy)
    assert result["shipped"] == 0.5 and result["adopt"] is True


def test_fresh28_as_scored_once() -> None:
    rec = history(RECORD)
    once = rec["fresh28_once"]
    assert LAST_FRESH >= 28
    assert figures(once["shipped_a0"]["overall"]) == (0.7, 0.8083, 2)
    assert figures(once["plain_summary_0.3"]["overall"]) == (0.675, 0.7917, 2)
    assert figures(once["plain_summary_1.0"]["overall"]) == (0.7, 0.8042, 2)
    assert figures(once["rules"]["overall"]) == (0.675, 0.7979, 2)
    assert figures(once["plain"]["overall"]) == (0.675, 0.8121, 3)
    assert once["shipped_a0"]["by_language_pair"]["en-ko"]["recall_at_1"] == 0.5
    assert rec["fresh28_trust_once"]["amber"] == {
        "queries": 8, "met": 8, "red": 0, "amber": 8, "green": 0, "reason_named": 6}


def test_fresh28_layout() -> None:
    data = load_fresh_set(file="eval_fresh28.yaml")
    assert (len(data.partner_of), len(data.distractors)) == (40, 38)


#: the Australia Group's common control list of plant pathogens, by scientific name
AUSTRALIA_GROUP_PLANT_PATHOGENS = (
    "Clavibacter michiganensis subsp. sepedonicus", "Ralstonia solanacearum",
    "Xanthomonas albilineans", "Xanthomonas axonopodis pv. citri", "Xanthomonas oryzae",
    "Colletotrichum kahawae", "Cochliobolus miyabeanus", "Magnaporthe oryzae",
    "Microcyclus ulei", "Puccinia graminis", "Puccinia striiformis",
    "Peronosclerospora philippinensis", "Sclerophthora rayssiae var. zeae",
    "Synchytrium endobioticum", "Tilletia indica", "Thecaphora solani",
    "Andean potato latent virus", "potato spindle tuber viroid",
)


@pytest.mark.parametrize("name", AUSTRALIA_GROUP_PLANT_PATHOGENS)
def test_every_listed_plant_pathogen_is_named(name: str) -> None:
    items = controlled_items(f"Joint research on {name} isolates from field samples.")
    assert [i.code for i in items] == ["biotech_pathogens"]


@pytest.mark.parametrize(("text", "named"), [
    ("옥수수 노균병 분리주 비교 연구", True), ("玉米霜霉病病原鉴定", True),
    ("小麦条锈病新小种监测", True), ("벼 깨씨무늬병 방제 연구", True),
    # the downy mildews of vegetables are not listed
    ("오이 노균병 방제 약제", False), ("黄瓜霜霉病防治", False),
])
def test_common_names_of_listed_plant_pathogens(text: str, named: bool) -> None:
    assert bool(controlled_items(text)) is named


@pytest.mark.slow
def test_trust_on_fresh28_names_every_controlled_item_now() -> None:
    amber, named = trust_on_pair("fresh28", ("fresh-03a", "fresh-03b"))
    assert amber["queries"] == 8 == amber["reason_named"]
    assert amber["green"] == 0
    assert any("Peronosclerospora" in i or "玉米霜霉病" in i for i in named)


def test_with_the_plain_share_on_the_explained_parts_still_give_the_score() -> None:
    from tests.partners.test_match5_preference import _registry

    from kcbridge.partners.score_parts import combine, score_parts

    profiles, orgs = _registry()
    matcher = Matchmaker(profiles, orgs, weights=MatchWeights(plain_summary=0.5))
    matches = matcher.match("q", k=3)
    assert matches
    for m in matches:
        parts = score_parts(matcher, m)
        assert parts["plain_share"] > 0
        assert combine(parts) == pytest.approx(m.score, abs=3e-4)
    # off (the default): the part is 0 and the score as before
    matcher.weights = MatchWeights()
    for m in matcher.match("q", k=3):
        parts = score_parts(matcher, m)
        assert parts["plain_share"] == 0.0
        assert combine(parts) == pytest.approx(m.score, abs=2e-4)
