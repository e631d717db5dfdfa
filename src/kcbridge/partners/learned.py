"""A learned pair score: the parts of the rules' score, weighed by a small model trained on
the evaluation sets instead of by hand (issue 12, round 14).

The rules' score (:mod:`kcbridge.partners.index`) adds the parts of a pair with weights that
were each chosen by hand on one set or by a grid over one or two of them at a time (text
0.6, sector 0.1, keyword 0.15, glossary 0.2, place x0.6, summary 0.3, ...). Here the same
parts, computed by the same functions, are the features of a linear model,

    score = sigmoid((coef . (features - mean) / scale + intercept) / temperature) * type_fit

trained with a pairwise logistic loss: for every query of a training set, its intended
partner against every other profile the matcher could propose (another organisation, in
another country, type fit above 0), each query weighing the same. The type table still
gates the pair (``type_fit`` multiplies the score), so same-direction profiles stay apart
exactly as with the rules; the sigmoid keeps every score in 0..1 and, before the factors,
the ranking of a query is the ranking of its linear part. The temperature (round 18) keeps
the sigmoid from saturating: the linear part of strong pairs reaches 10-20, where sigmoid(z)
is 0.99995... for all of them and the type-fit and complementarity factors alone would order
them. :func:`fit_temperature` sets it on the training sets so that the model's scores of the
pairs a result list shows spread as much as the rules' scores of the same pairs, and the
factors weigh against the model as much as they were chosen to weigh against the rules.

Features (:data:`FEATURES`): the cosine of one side's offer with the other's need in each
direction and the smaller of the two; shared sectors (Jaccard) and keywords (overlap);
glossary concepts of one side's offer named in the other's need, per direction; whether
each side's need accepts the other's country (the place rule); the cosine of the two whole
summaries (centred by language); the lexical bridge (shared concepts and rare Latin tokens);
whether only one direction is stated; the rules' own score; since round 21 the rare codes
both profiles name (:mod:`kcbridge.partners.codes`). A model reads the features it was
trained on (``Ranker.features``): the round-14 and round-19 models the first 13.

The model ships as ``partners/data/ranker.json`` (features, mean, scale, coefficients, the
sets it was trained on and the cross-validation that decided it). :func:`train` fits it;
:func:`query_features` gives the training rows of a set; the leave-one-set-out comparison
with the rules is :func:`kcbridge.partners.ranker_cv.cross_validate`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.partners.index import MatchWeights, ProfileArrays

#: every feature :func:`pair_features` computes, in the order of its columns; a model reads
#: the ones it was trained on (``Ranker.features``)
FEATURES: tuple[str, ...] = (
    "text_ab", "text_ba", "text_min", "sector", "keyword", "term_ab", "term_ba",
    "place_ab", "place_ba", "summary", "bridge", "one_way", "rules", "codes",
)
#: the features of the round-14 and round-19 models (before round 21's shared codes)
FEATURES_ROUND19: tuple[str, ...] = FEATURES[:13]


def feature_columns(features: tuple[str, ...]) -> list[int]:
    """The columns of :func:`pair_features`' rows that hold ``features``."""
    return [FEATURES.index(f) for f in features]


#: L2 strengths tried by the inner cross-validation (on the coefficients of standardised
#: features, per query-weighted pair)
L2_GRID: tuple[float, ...] = (0.001, 0.01, 0.1, 1.0)


@dataclass(frozen=True)
class Ranker:
    """A trained linear pair score (frozen and hashable: it is part of ``MatchWeights``)."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float = 0.0
    temperature: float = 1.0
    #: the features it reads, a subset of :data:`FEATURES` in that order
    features: tuple[str, ...] = FEATURES

    def __post_init__(self) -> None:
        if not (self.temperature > 0 and np.isfinite(self.temperature)):
            from kcbridge.errors import InputError

            raise InputError(f"A ranker's temperature must be a positive number, not "
                             f"{self.temperature!r}.",
                             hint="Use kcbridge.partners.learned.fit_temperature.")
        if list(self.features) != [f for f in FEATURES if f in self.features]:
            from kcbridge.errors import InputError

            raise InputError(f"A ranker's features must be among {list(FEATURES)}, in that "
                             f"order; got {list(self.features)}.",
                             hint="Retrain it with kcbridge.partners.learned.train.")
        n = len(self.features)
        if not (len(self.mean) == len(self.scale) == len(self.coef) == n):
            from kcbridge.errors import InputError

            raise InputError(
                f"A ranker needs {n} means, scales and coefficients "
                f"({', '.join(self.features)}); got {len(self.mean)}, {len(self.scale)}, "
                f"{len(self.coef)}.",
                hint="Train it with kcbridge.partners.learned.train, or use the shipped one.")

    @property
    def columns(self) -> list[int]:
        """The columns of :func:`pair_features`' rows that the model reads."""
        return feature_columns(self.features)

    def linear(self, features: np.ndarray) -> np.ndarray:
        """The linear part for feature rows ``features`` (n, len(FEATURES))."""
        features = np.asarray(features)[:, self.columns]
        z = (features - np.asarray(self.mean, np.float32)) / np.asarray(self.scale, np.float32)
        return (z @ np.asarray(self.coef, np.float32) + np.float32(self.intercept)).astype(
            np.float32)

    def contributions(self, features: np.ndarray) -> np.ndarray:
        """What each feature adds to the linear part over the temperature, for feature rows
        ``features`` (n, len(FEATURES)), in float64: a feature at its training mean adds 0;
        the row sums plus ``intercept / temperature`` give ``linear / temperature``; one
        column per feature of ``self.features``."""
        z = ((np.asarray(features, np.float64)[:, self.columns] - np.asarray(self.mean))
             / np.asarray(self.scale))
        return z * np.asarray(self.coef) / self.temperature

    def score(self, features: np.ndarray) -> np.ndarray:
        """sigmoid of the linear part over the temperature: the pair score before the type
        gate, in 0..1. In float64: in float32 the sigmoid reaches exactly 1 at about 17."""
        z = self.linear(features).astype(np.float64) / self.temperature
        return 1.0 / (1.0 + np.exp(-z))

    def to_dict(self) -> dict[str, Any]:
        return {"features": list(self.features), "mean": list(self.mean),
                "scale": list(self.scale),
                "coef": list(self.coef), "intercept": self.intercept,
                "temperature": self.temperature}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Ranker:
        from kcbridge.errors import InputError

        names = raw.get("features")
        if not isinstance(names, list) or not names or not set(names) <= set(FEATURES):
            raise InputError(
                f"The ranker file names features {names!r}; this version computes "
                f"{list(FEATURES)!r}.",
                hint="Retrain it with kcbridge.partners.learned.train on this version.")
        return cls(tuple(float(v) for v in raw["mean"]), tuple(float(v) for v in raw["scale"]),
                   tuple(float(v) for v in raw["coef"]), float(raw.get("intercept", 0.0)),
                   float(raw.get("temperature", 1.0)), tuple(str(n) for n in names))


@lru_cache(maxsize=4)
def _ranker_file(name: str) -> Ranker:
    path = resources.files("kcbridge.partners") / "data" / name
    return Ranker.from_dict(json.loads(path.read_text(encoding="utf-8"))["model"])


def shipped_ranker() -> Ranker:
    """The model in ``partners/data/ranker.json`` (read once; a Ranker is immutable): since
    round 21 the round-19 recipe with the shared codes, trained on builtin..fresh22."""
    return _ranker_file("ranker.json")


def round19_ranker() -> Ranker:
    """The round-19 model (trained on builtin..fresh20, 13 features, T 6.5809), kept in
    ``partners/data/ranker_round19.json`` so the records of rounds 19-20 reproduce."""
    return _ranker_file("ranker_round19.json")


def round14_ranker() -> Ranker:
    """The round-14 model (trained on builtin..fresh13, temperature 6.2132 since round 18),
    kept in ``partners/data/ranker_round14.json`` so the records of rounds 14-18 reproduce."""
    return _ranker_file("ranker_round14.json")


def pair_features(
    arrays: ProfileArrays, q: int, rows: np.ndarray | slice, weights: MatchWeights,
    text_ab: np.ndarray, text_ba: np.ndarray, summary_sim: np.ndarray | None,
) -> np.ndarray:
    """The feature rows (n, len(FEATURES)) of query ``q`` against ``rows``, given the text
    similarities of both directions (exact or projected) and the summary cosine (None: 0)."""
    from kcbridge.partners.index import (
        _cover,
        _set_scores,
        bridge_overlap,
        direction_parts,
        rules_score,
    )

    assert arrays.offer_terms is not None and arrays.need_terms is not None
    assert arrays.need_places is not None
    assert arrays.has_offer is not None and arrays.has_need is not None
    ab = np.maximum(np.asarray(text_ab, np.float32), 0)
    ba = np.maximum(np.asarray(text_ba, np.float32), 0)
    n = len(ab)
    one = np.uint64(1)
    country_bits = one << arrays.country[rows].astype(np.uint64)
    place_ab = (arrays.need_places[rows] & (one << np.uint64(arrays.country[q]))) != 0
    place_ba = (country_bits & arrays.need_places[q]) != 0
    known_ab = arrays.has_offer[q] & arrays.has_need[rows]
    known_ba = arrays.has_offer[rows] & arrays.has_need[q]
    bridge = (np.zeros(n, np.float32) if arrays.bridge is None
              else bridge_overlap(arrays, q, rows))
    summary = (np.zeros(n, np.float32) if summary_sim is None
               else np.maximum(np.asarray(summary_sim, np.float32), 0))
    columns = [
        ab, ba, np.minimum(ab, ba),
        _set_scores(arrays.sectors[rows], arrays.sectors[q],
                    "overlap" if weights.sector_overlap else "jaccard"),
        _set_scores(arrays.keywords[rows], arrays.keywords[q], "overlap"),
        _cover(arrays.offer_terms[q], arrays.need_terms[rows]),
        _cover(arrays.offer_terms[rows], arrays.need_terms[q]),
        place_ab.astype(np.float32), place_ba.astype(np.float32),
        summary, bridge,
        (known_ab != known_ba).astype(np.float32),
        rules_score(arrays, q, rows, weights,
                    *direction_parts(arrays, q, rows, weights, text_ab, text_ba),
                    None if not weights.summary else summary_sim),
        (np.zeros(n, np.float32) if arrays.codes is None else arrays.codes.feature(q, rows)),
    ]
    return np.stack([np.broadcast_to(np.asarray(c, np.float32), (n,)) for c in columns],
                    axis=1)


@dataclass
class QueryRows:
    """One training query: the features of its candidates and which one is the partner."""

    query: str
    features: np.ndarray  # (n, F)
    partner: int  # row of the partner in ``features``
    type_fit: np.ndarray  # (n,)


def query_features(matcher: Any, partner_of: dict[str, str]) -> list[QueryRows]:
    """Per query of ``partner_of`` whose partner the matcher could propose, the feature rows
    of every candidate it could propose (another organisation, another country, type fit
    above 0, active): what :func:`train` learns from."""
    from kcbridge.partners.index import _allowed_mask, type_fit

    arrays, weights = matcher.arrays, matcher.weights
    out: list[QueryRows] = []
    for pid, expected in partner_of.items():
        q, p = matcher.row_of[pid], matcher.row_of[expected]
        ok = _allowed_mask(arrays, q, matcher.active, True, weights)
        rows = np.flatnonzero(ok)
        if p not in set(rows.tolist()):
            continue
        summary = (None if arrays.summary is None
                   else np.asarray(arrays.summary[rows] @ arrays.summary[q]))
        features = pair_features(arrays, q, rows, weights, arrays.need[rows] @ arrays.offer[q],
                                 arrays.offer[rows] @ arrays.need[q], summary)
        out.append(QueryRows(pid, features, int(np.flatnonzero(rows == p)[0]),
                             type_fit(arrays, q, rows, weights)))
    return out


def train(queries: list[QueryRows], l2: float = 0.01,
          features: tuple[str, ...] = FEATURES) -> Ranker:
    """Fit the pairwise logistic model on ``queries``: for each, ``log(1 + exp(-(s_partner -
    s_other)))`` over its other candidates, averaged per query, the queries averaged, plus
    ``l2 * |coef|^2``. Features (``features``, a subset of :data:`FEATURES`) are
    standardised on the training rows."""
    from scipy.optimize import minimize

    if not queries:
        from kcbridge.errors import InputError

        raise InputError("No training queries: none of the sets' partners can be proposed.",
                         hint="Train on evaluation sets whose pairs are in two countries.")
    columns = feature_columns(features)
    stacked = np.vstack([r.features[:, columns] for r in queries]).astype(np.float64)
    mean = stacked.mean(axis=0)
    scale = stacked.std(axis=0)
    scale[scale < 1e-6] = 1.0
    diffs, weights = [], []
    for r in queries:
        z = (r.features[:, columns].astype(np.float64) - mean) / scale
        others = np.delete(np.arange(len(z)), r.partner)
        if len(others) == 0:
            continue
        diffs.append(z[r.partner] - z[others])
        weights.append(np.full(len(others), 1.0 / len(others)))
    d = np.vstack(diffs)
    w = np.concatenate(weights) / len(diffs)

    def loss(coef: np.ndarray) -> tuple[float, np.ndarray]:
        margin = d @ coef
        value = float(w @ np.logaddexp(0, -margin) + l2 * coef @ coef)
        grad = -(d.T @ (w / (1 + np.exp(margin)))) + 2 * l2 * coef
        return value, grad

    result = minimize(loss, np.zeros(d.shape[1]), jac=True, method="L-BFGS-B")
    coef = result.x
    return Ranker(tuple(float(v) for v in mean), tuple(float(v) for v in scale),
                  tuple(round(float(v), 6) for v in coef), 0.0, features=tuple(features))


def fit_temperature(ranker: Ranker, queries: list[QueryRows], top: int = 10) -> float:
    """The temperature at which the model's scores spread like the rules': over each query's
    ``top`` candidates by the rules' score (the last feature, before the type gate), pooled,
    the standard deviation of ``sigmoid(z / T)`` equals that of the rules' scores (the
    largest such T in 0.25..256). Rule of round 18, fixed before its test set was written."""
    rules_col = FEATURES.index("rules")
    zs, rs = [], []
    for r in queries:
        best = np.argsort(-r.features[:, rules_col], kind="stable")[:top]
        zs.append(ranker.linear(r.features[best]).astype(np.float64))
        rs.append(r.features[best, rules_col].astype(np.float64))
    if not zs:
        from kcbridge.errors import InputError

        raise InputError("No training queries to set the temperature on.",
                         hint="Pass the query rows of the sets the ranker was trained on.")
    z, target = np.concatenate(zs), float(np.concatenate(rs).std())

    def spread(log_t: float) -> float:
        return float((1.0 / (1.0 + np.exp(-z / np.exp(log_t)))).std())

    # the deviation is 0 at both ends when every z has one sign (all 1 or all 0.5), so not
    # monotone in general: take the largest T on a grid still at or above the target, then
    # bisect between it and the next grid point; if no T reaches it, the T of widest spread
    grid = np.linspace(np.log(0.25), np.log(256.0), 81)
    values = np.array([spread(g) for g in grid])
    above = np.flatnonzero(values >= target)
    if len(above) == 0:
        return round(float(np.exp(grid[int(np.argmax(values))])), 4)
    i = int(above[-1])
    if i == len(grid) - 1:
        return round(float(np.exp(grid[i])), 4)
    lo, hi = float(grid[i]), float(grid[i + 1])
    for _ in range(50):
        mid = 0.5 * (lo + hi)
        if spread(mid) >= target:
            lo = mid
        else:
            hi = mid
    return round(float(np.exp(0.5 * (lo + hi))), 4)


def ranks(ranker: Ranker, queries: list[QueryRows]) -> list[int]:
    """The partner's rank (1 = first) under ``ranker`` with the type gate, ties broken
    against the partner (a tie is not a win)."""
    out = []
    for r in queries:
        s = ranker.score(r.features) * r.type_fit
        out.append(int(1 + np.sum(np.delete(s, r.partner) >= s[r.partner])))
    return out
