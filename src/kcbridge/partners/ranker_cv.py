"""Round 14 of issue 12: the learned pair score against the rules, by leave-one-set-out
cross-validation over every one-summary evaluation set measured so far.

Folds (:data:`SETS`): the builtin one-summary set, the first fresh set with its hard
distractors, and fresh2 to fresh13, each whole (every one was measured once as unseen text
before this round). For each held-out set:

- the L2 strength of :func:`kcbridge.partners.learned.train` is chosen by an inner
  leave-one-set-out over the other sets (pooled MRR, then recall@1; a tie goes to the
  stronger penalty);
- the model is trained on the other sets with that strength;
- the held-out set is ranked by the real matcher (``Matchmaker.match``) twice, with the
  rules (``index.RULES``, as shipped then) and with the model (``MatchWeights(ranker=...)``).

Rule fixed before the run (docs/history/partners.md, round 14): the model is adopted when,
pooled over the held-out sets, its MRR is higher than the rules', its recall@1 not lower
and its count of same-direction profiles above a partner not higher. :func:`fit_shipped`
trains the round-14 model on all sets with the strength the inner rule picks on all of them.

Round 19 (seventeenth session): :func:`retrain_check` holds out, one at a time, each set
written after the round-14 model (:data:`NEW_SETS`), trains the same recipe on the other
sets of :data:`SETS_ROUND19` (L2 by the inner rule, temperature by round 18's rule) and
compares it with the round-14 model under the same adoption rule (:func:`_decide`);
:func:`fit_round19` trains the shipped model on all of them.

Round 21 (nineteenth session): :func:`codes_check` holds out each of fresh14..22 and compares
the round-19 recipe with and without the shared-codes feature (:mod:`kcbridge.partners.codes`)
under the same rule; :func:`fit_round21` trains the shipped model with it on
:data:`SETS_ROUND21`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kcbridge.partners.embeddings import SentenceEncoder, default_encoder
from kcbridge.partners.evaluation_cv import (
    Row,
    _load,
    _matcher_rows,
    _queries,
    pooled_figures,
    tally,
)
from kcbridge.partners.index import MatchWeights
from kcbridge.partners.learned import (
    FEATURES,
    FEATURES_ROUND19,
    L2_GRID,
    QueryRows,
    Ranker,
    fit_temperature,
    query_features,
    ranks,
    train,
)
from kcbridge.partners.matching import Matchmaker

#: the folds: every one-summary set measured so far, whole
SETS: tuple[str, ...] = ("builtin", "fresh_hard", "fresh2", "fresh3", "fresh4", "fresh5",
                         "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11",
                         "fresh12", "fresh13")
#: round 19: every one-summary set measured by the seventeenth session, and the ones among
#: them the round-14 model never saw (written after it was trained)
SETS_ROUND19: tuple[str, ...] = (*SETS, "fresh14", "fresh15", "fresh16", "fresh17", "fresh18",
                                 "fresh19", "fresh20")
NEW_SETS: tuple[str, ...] = ("fresh14", "fresh15", "fresh16", "fresh17", "fresh18", "fresh19",
                             "fresh20")
#: a ranker of zeros: builds a matcher's arrays with every feature the model reads
ZERO = Ranker(tuple([0.0] * len(FEATURES)), tuple([1.0] * len(FEATURES)),
              tuple([0.0] * len(FEATURES)))


class Fold:
    """One set: its matcher (arrays with every feature), queries and training rows."""

    def __init__(self, dataset: str, encoder: SentenceEncoder,
                 base: MatchWeights = MatchWeights()) -> None:
        self.dataset = dataset
        self.data = _load(dataset)
        self.queries = _queries(self.data, "all")
        self.base = base
        self.matcher = Matchmaker(self.data.profiles, self.data.organisations, encoder=encoder,
                                  weights=replace(base, ranker=ZERO))
        self.rows = query_features(self.matcher, {q: self.data.partner_of[q]
                                                  for q in self.queries})

    def ranked(self, ranker: Ranker | None, depth: int = 50) -> list[Row]:
        """The rows of every query as the matcher ranks them with ``ranker`` (None: rules)."""
        self.matcher.weights = replace(self.base, ranker=ranker)
        return _matcher_rows(self.data, self.queries, self.matcher, depth)


def _mrr_key(rank_list: list[int]) -> tuple[float, float]:
    n = len(rank_list)
    return (sum(1.0 / r for r in rank_list) / n, sum(r == 1 for r in rank_list) / n)


def choose_l2(training: dict[str, list[QueryRows]],
              features: tuple[str, ...] = FEATURES_ROUND19) -> float:
    """The L2 strength with the best pooled MRR (then recall@1) in a leave-one-set-out over
    ``training`` for a model of ``features``; a tie goes to the larger strength."""
    best: tuple[tuple[float, float], float] | None = None
    for l2 in sorted(L2_GRID, reverse=True):
        pooled: list[int] = []
        for held in training:
            model = train([r for s, rows in training.items() if s != held for r in rows], l2,
                          features)
            pooled += ranks(model, training[held])
        key = _mrr_key(pooled)
        if best is None or key > best[0]:
            best = (key, l2)
    assert best is not None
    return best[1]


def cross_validate(encoder: SentenceEncoder | None = None,
                   sets: tuple[str, ...] = SETS) -> dict[str, Any]:
    """Per held-out set: the strength chosen on the others, the model's and the rules'
    figures; pooled over the held-out sets; and the decision under the rule fixed before."""
    encoder = encoder or default_encoder()
    folds = {s: Fold(s, encoder) for s in sets}
    training = {s: f.rows for s, f in folds.items()}
    report: dict[str, Any] = {"features": list(FEATURES_ROUND19), "l2_grid": list(L2_GRID),
                              "folds": {}}
    pooled: dict[str, list[dict[str, float]]] = {"rules": [], "learned": []}
    for held, fold in folds.items():
        others = {s: rows for s, rows in training.items() if s != held}
        l2 = choose_l2(others)
        model = train([r for rows in others.values() for r in rows], l2, FEATURES_ROUND19)
        rules, learned = tally(fold.ranked(None)), tally(fold.ranked(model))
        pooled["rules"].append(rules)
        pooled["learned"].append(learned)
        report["folds"][held] = {"l2": l2, "rules": pooled_figures([rules]),
                                 "learned": pooled_figures([learned])}
    return _decide(report, pooled, "rules", "learned")


def _decide(report: dict[str, Any], pooled: dict[str, list[dict[str, float]]], old: str,
            new: str) -> dict[str, Any]:
    """Pool the held-out tallies into ``report`` and apply the rule both rounds fixed before
    their runs: ``new`` is adopted when its MRR is higher than ``old``'s, its recall@1 not
    lower and its count of same-direction profiles above a partner not higher."""
    figures = {k: pooled_figures(v) for k, v in pooled.items()}
    report["held_out_pooled"] = figures
    o, n = figures[old], figures[new]
    report["adopt"] = bool(n["mrr"] > o["mrr"] and n["recall_at_1"] >= o["recall_at_1"]
                           and n["same_direction_above_partner"]
                           <= o["same_direction_above_partner"])
    return report


def fit_shipped(encoder: SentenceEncoder | None = None,
                sets: tuple[str, ...] = SETS) -> tuple[Ranker, float]:
    """The model trained on every set of ``sets``, with the strength the inner rule picks
    on all of them; and that strength."""
    encoder = encoder or default_encoder()
    training = {s: Fold(s, encoder).rows for s in sets}
    l2 = choose_l2(training)
    return train([r for rows in training.values() for r in rows], l2, FEATURES_ROUND19), l2


def shipped_temperature(ranker: Ranker, sets: tuple[str, ...],
                        encoder: SentenceEncoder | None = None) -> float:
    """The temperature of ``ranker`` by :func:`kcbridge.partners.learned.fit_temperature` on
    the query rows of ``sets`` (the sets it was trained on: ranker.json's ``trained_on``)."""
    encoder = encoder or default_encoder()
    return fit_temperature(ranker, [r for s in sets for r in Fold(s, encoder).rows])


def retrain_check(shipped: Ranker, encoder: SentenceEncoder | None = None,
                  sets: tuple[str, ...] = SETS_ROUND19,
                  held_out: tuple[str, ...] = NEW_SETS) -> dict[str, Any]:
    """Round 19: is the model better retrained with the sets written after it? For each set
    of ``held_out``, a model trained on the other sets of ``sets`` (L2 by :func:`choose_l2`,
    temperature by :func:`~kcbridge.partners.learned.fit_temperature`, both on those sets)
    against ``shipped``, through the real matcher. Adopted when, pooled, MRR is higher,
    recall@1 not lower and same-direction-above not higher (rule fixed before the run)."""
    encoder = encoder or default_encoder()
    folds = {s: Fold(s, encoder) for s in sets}
    report: dict[str, Any] = {"sets": list(sets), "held_out": list(held_out), "folds": {}}
    pooled: dict[str, list[dict[str, float]]] = {"shipped": [], "retrained": []}
    for held in held_out:
        others = {s: f.rows for s, f in folds.items() if s != held}
        model, l2 = _trained(others, FEATURES_ROUND19)
        old, new = tally(folds[held].ranked(shipped)), tally(folds[held].ranked(model))
        pooled["shipped"].append(old)
        pooled["retrained"].append(new)
        report["folds"][held] = {"l2": l2, "temperature": model.temperature,
                                 "shipped": pooled_figures([old]),
                                 "retrained": pooled_figures([new])}
    return _decide(report, pooled, "shipped", "retrained")


def fit_round19(encoder: SentenceEncoder | None = None,
                sets: tuple[str, ...] = SETS_ROUND19) -> tuple[Ranker, float]:
    """The round-19 model: trained on every set of ``sets`` (L2 by the inner rule), with its
    temperature set by the round-18 rule on the same sets; and its L2."""
    encoder = encoder or default_encoder()
    return _fit_recipe(encoder, sets, FEATURES_ROUND19)


def _fit_recipe(encoder: SentenceEncoder | None, sets: tuple[str, ...],
                features: tuple[str, ...]) -> tuple[Ranker, float]:
    """The recipe of rounds 19 and 21 on every set of ``sets``; the model and its L2."""
    encoder = encoder or default_encoder()
    return _trained({s: Fold(s, encoder).rows for s in sets}, features)


def _trained(training: dict[str, list[QueryRows]],
             features: tuple[str, ...]) -> tuple[Ranker, float]:
    """The recipe of rounds 19 and 21 on the query rows of ``training``: L2 by the inner
    rule, the temperature by round 18's rule, both on those rows; the model and its L2."""
    l2 = choose_l2(training, features)
    rows = [r for group in training.values() for r in group]
    model = train(rows, l2, features)
    return replace(model, temperature=fit_temperature(model, rows)), l2


#: round 21: every one-summary set measured by the eighteenth session
SETS_ROUND21: tuple[str, ...] = (*SETS_ROUND19, "fresh21", "fresh22")
HELD_ROUND21: tuple[str, ...] = (*NEW_SETS, "fresh21", "fresh22")


def codes_check(encoder: SentenceEncoder | None = None,
                sets: tuple[str, ...] = SETS_ROUND21,
                held_out: tuple[str, ...] = HELD_ROUND21) -> dict[str, Any]:
    """Round 21: does the learned score gain from the rare codes two profiles share
    (:mod:`kcbridge.partners.codes`)? For each set of ``held_out``, the recipe of round 19
    trained on the other sets of ``sets`` with and without the ``codes`` feature (each with
    its own L2 and temperature by the rules), both through the real matcher. Adopted when,
    pooled, MRR with codes is higher, recall@1 not lower and same-direction-above not higher
    (the rule of rounds 19-20, fixed before the run)."""
    encoder = encoder or default_encoder()
    folds = {s: Fold(s, encoder) for s in sets}
    report: dict[str, Any] = {"sets": list(sets), "held_out": list(held_out), "folds": {}}
    pooled: dict[str, list[dict[str, float]]] = {"without": [], "with_codes": []}
    for held in held_out:
        others = {s: f.rows for s, f in folds.items() if s != held}
        figures: dict[str, Any] = {}
        for name, features in (("without", FEATURES_ROUND19), ("with_codes", FEATURES)):
            model, l2 = _trained(others, features)
            tallied = tally(folds[held].ranked(model))
            pooled[name].append(tallied)
            figures[name] = {"l2": l2, "temperature": model.temperature,
                             **pooled_figures([tallied])}
        report["folds"][held] = figures
    return _decide(report, pooled, "without", "with_codes")


def fit_round21(encoder: SentenceEncoder | None = None,
                sets: tuple[str, ...] = SETS_ROUND21) -> tuple[Ranker, float]:
    """The round-21 model: the round-19 recipe with the codes feature, trained on every set
    of ``sets``; and its L2."""
    return _fit_recipe(encoder, sets, FEATURES)
