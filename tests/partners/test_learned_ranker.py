"""The learned pair score (issue 12, round 14): its features are the rules' own parts, it is
trained by a pairwise loss, it keeps the type gate, and the fast path finds what the exact
path finds with it."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from kcbridge.errors import InputError
from kcbridge.partners.fast_index import ReciprocalIndex
from kcbridge.partners.index import (
    RULES,
    MatchWeights,
    ProfileArrays,
    exact_scores,
    exact_top_k,
)
from kcbridge.partners.learned import (
    FEATURES,
    FEATURES_ROUND19,
    QueryRows,
    Ranker,
    fit_temperature,
    pair_features,
    ranks,
    round14_ranker,
    round19_ranker,
    shipped_ranker,
    train,
)
from kcbridge.partners.profile_types import PROFILE_TYPES

TO, TR = PROFILE_TYPES.index("technology_offer"), PROFILE_TYPES.index("technology_request")


def _unit(*v: float) -> np.ndarray:
    a = np.array(v, dtype=np.float32)
    return a / np.linalg.norm(a)


def _arrays() -> ProfileArrays:
    """Query 0 (a Korean technology request whose need names China); 1 and 2 Chinese
    technology offers, 3 a Chinese request (same direction as 0), 4 a Japanese offer."""
    offer = np.stack([np.zeros(3, np.float32), _unit(1, 0, 0), _unit(1, 1, 0),
                      np.zeros(3, np.float32), _unit(1, 0, 0)])
    need = np.stack([_unit(1, 0, 0), _unit(0, 0, 1), _unit(0, 1, 0), _unit(1, 0, 0),
                     _unit(0, 0, 1)])
    # country codes: 0 CHN, 1 JPN, 2 KOR
    return ProfileArrays(
        offer=offer, need=need,
        sectors=np.array([0b11, 0b01, 0b10, 0b11, 0b01], dtype=np.uint64),
        keywords=np.zeros(5, dtype=np.uint64),
        country=np.array([2, 0, 0, 0, 1], dtype=np.int32),
        org=np.arange(5, dtype=np.int64),
        primary_sector=np.zeros(5, dtype=np.int16),
        ptype=np.array([TR, TO, TO, TR, TO], dtype=np.int8),
        has_offer=np.array([False, True, True, False, True]),
        has_need=np.ones(5, dtype=bool),
        offer_terms=np.array([0, 0b1, 0b110, 0, 0b1], dtype=np.uint64),
        need_terms=np.array([0b11, 0, 0, 0b1, 0], dtype=np.uint64),
        # query 0's need accepts only China (bit 0); the others accept anyone
        need_places=np.array([0b1, 0b111, 0b111, 0b111, 0b111], dtype=np.uint64),
        summary=np.stack([_unit(1, 0, 0), _unit(1, 0, 1), _unit(0, 1, 0), _unit(1, 0, 0),
                          _unit(1, 0, 1)]),
    )


def test_features_are_the_rules_parts() -> None:
    a = _arrays()
    assert a.summary is not None
    rows = np.array([1, 2, 4])
    f = pair_features(a, 0, rows, MatchWeights(), a.need[rows] @ a.offer[0],
                      a.offer[rows] @ a.need[0], a.summary[rows] @ a.summary[0])
    col = {name: f[:, i] for i, name in enumerate(FEATURES)}
    # the query states no offer: nothing it offers meets a need, and the pair is one-way
    assert col["text_ab"].tolist() == [0, 0, 0] and col["one_way"].tolist() == [1, 1, 1]
    # what 1 offers is exactly what 0 needs; 2's offer half of it (cos 45 degrees)
    assert col["text_ba"] == pytest.approx([1.0, 2 ** -0.5, 1.0], abs=1e-6)
    # sectors: 0 has {0, 1}; 1 has {0}; 2 has {1}: Jaccard 1/2 each
    assert col["sector"] == pytest.approx([0.5, 0.5, 0.5])
    # glossary: 0 needs {0, 1}; 1 offers {0} (cover 1 of the smaller set), 2 offers {1, 2}
    assert col["term_ba"] == pytest.approx([1.0, 0.5, 1.0])
    # place: 0's need names China; the Japanese offer 4 is elsewhere
    assert col["place_ba"].tolist() == [1, 1, 0]
    assert col["place_ab"].tolist() == [1, 1, 1]
    assert col["summary"] == pytest.approx([2 ** -0.5, 0.0, 2 ** -0.5], abs=1e-6)


def _synthetic(seed: int, n_queries: int = 30, n: int = 20) -> list[QueryRows]:
    """Queries whose partner is the candidate highest on feature 1 (text_ba), while
    feature 0 (text_ab) is noise that often favours another candidate."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n_queries):
        f = rng.uniform(0, 1, size=(n, len(FEATURES))).astype(np.float32)
        partner = int(rng.integers(n))
        f[partner, 1] = f[:, 1].max() + 0.2
        out.append(QueryRows(f"q{i}", f, partner, np.ones(n, np.float32)))
    return out


def test_training_finds_the_feature_that_ranks_partners_first() -> None:
    model = train(_synthetic(0), l2=0.01)
    coef = np.array(model.coef)
    assert coef[1] > 0 and coef[1] == coef.max()
    # on queries it never saw, the partner is first every time; a zero model ties all
    assert ranks(model, _synthetic(1)) == [1] * 30
    zero = Ranker(model.mean, model.scale, tuple([0.0] * len(FEATURES)))
    assert set(ranks(zero, _synthetic(1))) == {20}
    # a stronger penalty shrinks the coefficients
    assert np.abs(train(_synthetic(0), l2=1.0).coef).sum() < np.abs(coef).sum()


def test_the_score_does_not_saturate_where_float32_would() -> None:
    coef = [0.0] * len(FEATURES)
    coef[0] = 1.0
    model = Ranker(tuple([0.0] * len(FEATURES)), tuple([1.0] * len(FEATURES)), tuple(coef))
    f = np.zeros((2, len(FEATURES)), np.float32)
    f[:, 0] = [18.0, 20.0]  # float32 sigmoids of both are exactly 1
    s = model.score(f)
    assert s[0] < s[1] < 1.0


def test_the_temperature_spreads_strong_pairs_like_the_rules() -> None:
    """Round 18: linear parts of 10-20 all map to ~1 at T=1, so the type-fit and
    complementarity factors would order strong pairs; fit_temperature spreads them as much
    as the rules spread the same rows, and the order of the model is kept."""
    rules_col, text_col = FEATURES.index("rules"), FEATURES.index("text_ab")
    rng = np.random.default_rng(5)
    queries = []
    for _ in range(20):
        f = np.zeros((15, len(FEATURES)), np.float32)
        f[:, rules_col] = rng.uniform(0.1, 0.7, 15)
        f[:, text_col] = -10 + 40 * f[:, rules_col]  # the model: linear in the rules' score
        queries.append(QueryRows("q", f, 0, np.ones(15, np.float32)))
    coef = [0.0] * len(FEATURES)
    coef[text_col] = 1.0
    model = Ranker(tuple([0.0] * len(FEATURES)), tuple([1.0] * len(FEATURES)), tuple(coef))
    f = np.vstack([q.features for q in queries])
    top10 = np.vstack([q.features[np.argsort(-q.features[:, rules_col])[:10]] for q in queries])
    assert np.mean(model.score(top10) > 0.999) > 0.5  # saturated: most shown rows tie at ~1
    t = fit_temperature(model, queries)
    tempered = replace(model, temperature=t)
    assert tempered.score(top10).std() == pytest.approx(top10[:, rules_col].std(), rel=1e-3)
    order = np.argsort(f[:, rules_col])
    assert np.all(np.diff(tempered.score(f)[order]) >= 0)
    assert 5 < t < 100
    # a model whose z all have one sign may never spread that much: the widest T is taken
    shifted = [QueryRows("q", q.features + np.eye(len(FEATURES), dtype=np.float32)[text_col]
                         * 500, 0, q.type_fit) for q in queries]
    wide = fit_temperature(model, shifted)
    assert replace(model, temperature=wide).score(top10 + 500 * np.eye(
        len(FEATURES), dtype=np.float32)[text_col]).std() < top10[:, rules_col].std()
    # the temperature travels with the model and must be a positive number
    assert Ranker.from_dict(tempered.to_dict()).temperature == t
    with pytest.raises(InputError, match="temperature"):
        replace(model, temperature=0.0)
    with pytest.raises(InputError, match="No training queries"):
        fit_temperature(model, [])


def test_the_shipped_ranker_is_tempered() -> None:
    """The shipped temperature (6.2132) was set by the round-18 rule on the training sets;
    at T=1 the strongest shipped pairs would saturate."""
    assert round14_ranker().temperature == pytest.approx(6.2132)
    # round 19's retrained model: its temperature by the same rule on its 21 training sets
    assert round19_ranker().temperature == pytest.approx(6.5809)
    # round 21's (with the shared codes, L2 1.0 by the inner rule): on its 23 training sets
    assert shipped_ranker().temperature == pytest.approx(2.1047)
    assert len({shipped_ranker(), round19_ranker(), round14_ranker()}) == 3


def test_training_without_queries_is_an_input_error() -> None:
    with pytest.raises(InputError, match="No training queries"):
        train([])


def test_a_ranker_file_for_other_features_is_refused() -> None:
    raw = shipped_ranker().to_dict()
    assert Ranker.from_dict(raw) == shipped_ranker()
    # a feature this version does not compute, a list out of order, a list of another length
    with pytest.raises(InputError, match="Retrain"):
        Ranker.from_dict({**raw, "features": [*raw["features"][:-1], "colour"]})
    with pytest.raises(InputError, match="in that order"):
        Ranker.from_dict({**raw, "features": raw["features"][::-1]})
    with pytest.raises(InputError, match=f"{len(raw['features']) - 1} means"):
        Ranker.from_dict({**raw, "features": raw["features"][:-1]})
    with pytest.raises(InputError, match=f"{len(FEATURES)} means"):
        Ranker((0.0,), (1.0,), (0.0,))


def test_a_model_reads_only_the_features_it_was_trained_on() -> None:
    """Round 21: the rows carry every feature (codes included); the round-14 and round-19
    models read their 13 and score exactly as on those 13 alone, and a model trained on a
    subset learns nothing from the columns it does not read."""
    old = round19_ranker()
    assert old.features == FEATURES_ROUND19 and "codes" not in old.features
    assert shipped_ranker().features == FEATURES
    rng = np.random.default_rng(3)
    rows = rng.uniform(0, 1, size=(6, len(FEATURES))).astype(np.float32)
    changed = rows.copy()
    changed[:, FEATURES.index("codes")] = 1.0
    assert np.array_equal(old.score(rows), old.score(changed))
    assert old.score(rows)[0] != old.score(rows[::-1])[0]
    queries = _synthetic(0)
    for q in queries:  # the partner is the one candidate naming a code ...
        q.features[:, FEATURES.index("codes")] = 0.0
        q.features[q.partner, FEATURES.index("codes")] = 1.0
    full, without = train(queries), train(queries, features=FEATURES_ROUND19)
    assert full.coef[FEATURES.index("codes")] > 0
    assert without.features == FEATURES_ROUND19 and len(without.coef) == 13
    # ... and the model that reads it ranks every partner first even with text_ba scrambled
    for q in queries:
        q.features[:, 1] = 0.5
    assert ranks(full, queries) == [1] * len(queries)
    assert ranks(without, queries) != [1] * len(queries)


def test_the_learned_score_keeps_the_type_gate_and_orders_by_its_linear_part() -> None:
    a = _arrays()
    # a model that only reads what the partner offers against the query's need (of the 13
    # features before round 21: these hand-made arrays carry no codes)
    names = FEATURES_ROUND19
    coef = [0.0] * len(names)
    coef[names.index("text_ba")] = 3.0
    model = Ranker(tuple([0.0] * len(names)), tuple([1.0] * len(names)), tuple(coef),
                   features=names)
    w = replace(MatchWeights(), ranker=model)
    rows, scores = exact_top_k(a, 0, k=5, weights=w)
    # 3 is a request like the query: never a partner; 4 is in Japan... and allowed
    # (cross-border), ranked by its text: 1 and 4 (cos 1) above 2 (cos 0.71)
    assert 3 not in rows.tolist()
    assert rows.tolist()[:2] == [1, 4] and rows.tolist()[2] == 2
    expected = 1 / (1 + np.exp(-3.0 * 2 ** -0.5))
    assert scores[2] == pytest.approx(expected, abs=1e-5)
    assert exact_scores(a, 0, np.array([2]), w)[0] == pytest.approx(expected, abs=1e-5)
    # the rules rank the Japanese offer below (the place rule): the model sees place_ba
    coef[names.index("place_ba")] = 2.0
    w2 = replace(MatchWeights(), ranker=replace(model, coef=tuple(coef)))
    assert exact_top_k(a, 0, k=5, weights=w2)[0].tolist() == [1, 2, 4]


def test_fast_path_agrees_with_exact_under_the_learned_score() -> None:
    rng = np.random.default_rng(3)
    n, d = 3000, 24

    def unit_rows() -> np.ndarray:
        m = rng.normal(size=(n, d)).astype(np.float32)
        return m / np.linalg.norm(m, axis=1, keepdims=True)

    a = ProfileArrays(
        offer=unit_rows(), need=unit_rows(),
        sectors=rng.integers(1, 16, n).astype(np.uint64),
        keywords=np.zeros(n, dtype=np.uint64),
        country=rng.integers(0, 2, n).astype(np.int32),
        org=np.arange(n, dtype=np.int64),
        primary_sector=np.zeros(n, dtype=np.int16),
        ptype=rng.choice([TO, TR], n).astype(np.int8),
        summary=unit_rows(),
    )
    w = replace(MatchWeights(), ranker=shipped_ranker())
    index = ReciprocalIndex(a, dims=24, pool=300, weights=w)
    hits = 0
    for q in range(20):
        fast = set(index.top_k(q, 10)[0].tolist())
        exact = set(exact_top_k(a, q, 10, weights=w)[0].tolist())
        hits += len(fast & exact)
    # all dimensions kept: the projection is exact up to rounding
    assert hits >= 195


def test_with_the_learned_score_the_explained_parts_still_give_the_score() -> None:
    from tests.partners.test_match5_preference import _registry

    from kcbridge.partners.matching import Matchmaker
    from kcbridge.partners.score_parts import combine, learned_terms, score_parts

    profiles, orgs = _registry()
    matcher = Matchmaker(profiles, orgs, weights=MatchWeights(ranker=shipped_ranker()))
    matches = matcher.match("q", k=3)
    assert matches
    for m in matches:
        parts = score_parts(matcher, m)
        # (parts are rounded to 4 places: a strong pair shows 1.0)
        assert 0 < parts["learned_score"] <= 1
        assert combine(parts) == pytest.approx(m.score, abs=2e-4)
        # "fused" stays the rules' score (one of the model's inputs), not the learned one
        assert combine({**parts, "learned_score": None, "type_fit": 1.0,
                        "complementarity_factor": 1.0, "preference_factor": 1.0,
                        "exposure_factor": 1.0}) == pytest.approx(parts["fused"], abs=2e-4)
        terms = learned_terms(matcher, m)
        assert len(terms) == 3
        assert abs(terms[0]["contribution"]) >= abs(terms[1]["contribution"]) >= abs(
            terms[2]["contribution"]) > 0
    # the terms are the model's own: all of them, with the intercept, give the linear part
    full = learned_terms(matcher, matches[0], top=len(FEATURES))
    temperature = shipped_ranker().temperature
    z = sum(t["contribution"] for t in full) * temperature
    assert 1 / (1 + np.exp(-z / temperature)) == pytest.approx(
        score_parts(matcher, matches[0])["learned_score"], abs=3e-3)
    plain = Matchmaker(profiles, orgs, weights=RULES)
    rules = plain.match("q", k=1)[0]
    assert "learned_score" not in score_parts(plain, rules)
    assert learned_terms(plain, rules) == []


def test_the_learned_score_proposes_no_pair_the_rules_score_zero() -> None:
    """Like the summary cosine, the model re-ranks what the rules propose: a candidate with
    nothing in common (no text, sector or concept; only a similar summary) scores 0."""
    a = _arrays()
    a.offer[2] = _unit(0, 0, 1)  # 2 now offers what nobody needs and needs nothing of 0's
    a.need[2] = _unit(0, 1, 0)
    a.sectors[2] = 0
    assert a.offer_terms is not None
    a.offer_terms[2] = 0
    w = replace(MatchWeights(), ranker=shipped_ranker())
    rows = np.array([1, 2])
    scores = exact_scores(a, 0, rows, w)
    assert scores[0] > 0 and scores[1] == 0
    rules = exact_scores(a, 0, rows, MatchWeights())
    assert rules[1] == 0


def test_the_contributions_are_the_linear_part_feature_by_feature() -> None:
    """What the explanation prints (learned_terms): each feature's share of the linear part
    over the temperature; with the intercept they add up to it."""
    ranker = shipped_ranker()
    rows = np.random.default_rng(0).random((5, len(FEATURES))).astype(np.float32)
    parts = ranker.contributions(rows)
    assert parts.shape == (5, len(ranker.features))
    assert parts.sum(axis=1) + ranker.intercept / ranker.temperature == pytest.approx(
        ranker.linear(rows).astype(np.float64) / ranker.temperature, abs=1e-5)
    # a feature at its training mean adds nothing
    at_mean = np.zeros((1, len(FEATURES)), np.float32)
    at_mean[0, ranker.columns] = ranker.mean
    assert np.abs(ranker.contributions(at_mean)).max() < 1e-5
