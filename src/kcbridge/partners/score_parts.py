"""The parts of a match's score, for its explanation (issue 12: the match page showed
"reciprocal score" although the ranking is the fused score).

The score of a pair (:mod:`kcbridge.partners.index`) is

    score = (fused * type_fit + plain_share) * complementarity_factor * preference_factor
            * exposure_factor
    fused = (1 - w) * two_way + w * max(0, summary_similarity)   (when two_way > 0)

where ``plain_share`` (``MatchWeights.plain_summary`` times the plain summary cosine, 0 by
default: round 23 did not adopt it) is added only to a pair scored above 0

or, with the learned pair score (the default since round 18), ``learned_score`` in place of
``fused`` (a model reading the parts, :mod:`kcbridge.partners.learned`;
:func:`learned_terms` names the parts that weighed most for a pair); ``two_way`` mixes the
two directions, ``a_offers_b`` (what the profile offers meets
the partner's need: text similarity, shared sectors, keywords and glossary concepts, the
need's places) and ``b_offers_a`` (the other way), and ``w`` is the summary weight
(``MatchWeights.summary``), and ``preference_factor`` is the reciprocal preference
(:mod:`kcbridge.partners.preference`: how the partner's score with you compares with its
best other match; 1 when off or when you are its best). :func:`score_parts` recomputes
each part with the index's own functions for one matched pair; a test checks that the
parts give the score.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

#: what each part is, in the order the explanation shows them
PART_LABELS = {
    "a_offers_b": "what you offer meets their need",
    "b_offers_a": "what they offer meets your need",
    "two_way": "both directions together",
    "summary_similarity": "similarity of the two summaries",
    "summary_weight": "weight of the summary similarity",
    "fused": "fused: (1 - weight) x both directions + weight x summary similarity",
    "type_fit": "fit of the profile types",
    "complementarity_factor": "trade complementarity factor",
    "preference_factor": "reciprocal preference (1 unless the partner has a better match)",
    "exposure_factor": "exposure factor (1 unless ranked lower to give others a turn)",
    "learned_score": "learned pair score (replaces the fused score when a ranker is set)",
    "plain_share": "weight x plain cosine of the summaries, added after the type fit (0 = off)",
}

#: what each feature of the learned score is, for the explanation
FEATURE_LABELS = {
    "text_ab": "your offer vs their need", "text_ba": "their offer vs your need",
    "text_min": "the weaker direction", "sector": "shared sectors",
    "keyword": "shared keywords", "term_ab": "glossary terms of your offer in their need",
    "term_ba": "glossary terms of their offer in your need",
    "place_ab": "their need accepts your country", "place_ba": "your need accepts their country",
    "summary": "similarity of the summaries", "bridge": "shared concepts and rare terms",
    "one_way": "only one direction stated", "rules": "the rules' score",
    "codes": "rare codes both name (formulas, grades, standards)",
}


def combine(parts: dict[str, Any]) -> float:
    """The score the parts give (module docstring): what the explanation promises."""
    two_way = float(parts["two_way"])
    weight = float(parts["summary_weight"])
    summary = parts["summary_similarity"]
    fused = two_way
    if summary is not None and weight:
        fused = (1 - weight) * two_way + weight * max(0.0, float(summary)) if two_way > 0 else 0.0
    if parts.get("learned_score") is not None:  # a learned pair score replaces the sum
        fused = float(parts["learned_score"])
    # a part the caller does not give (a page printed before the factor existed) is 1
    preference = parts.get("preference_factor")
    gated = fused * float(parts["type_fit"])
    if gated > 0:
        gated += float(parts.get("plain_share") or 0.0)
    return (gated * float(parts["complementarity_factor"])
            * (1.0 if preference is None else float(preference))
            * float(parts["exposure_factor"]))


def score_parts(matcher: Any, match: Any, complementarity: Any = None) -> dict[str, Any]:
    """The parts of ``match``'s score (a :class:`~kcbridge.partners.matching.Match` of
    ``matcher``, found with the ``complementarity`` hook or None), rounded to 4 places."""
    import numpy as np

    from kcbridge.partners import index

    arrays, weights = matcher.arrays, matcher.weights
    q, r = matcher.row_of[match.profile_id], matcher.row_of[match.partner_profile_id]
    rows = np.array([r])
    text_ab = arrays.need[rows] @ arrays.offer[q]
    text_ba = arrays.offer[rows] @ arrays.need[q]
    ab, ba = index.direction_parts(arrays, q, rows, weights, text_ab, text_ba)
    type_fit = float(index.type_fit(arrays, q, rows, weights)[0])
    gated = float(index._pair_score(arrays, q, rows, weights, ab, ba, None)[0])
    two_way = gated / type_fit if type_fit else 0.0
    similarity = index.summary_similarity(arrays, q, rows, weights)
    summary = None if similarity is None else float(similarity[0])
    factor = 1.0
    sector = int(arrays.primary_sector[r])
    if complementarity is not None:
        value = None
        if sector >= 0:
            value = complementarity(matcher.sector_order[sector],
                                    matcher.country_codes[int(arrays.country[q])],
                                    matcher.country_codes[int(arrays.country[r])])
        comp = 0.5 if value is None or value != value else float(np.clip(value, 0.0, 1.0))
        factor = (1 - weights.complementarity) + weights.complementarity * comp
    exposure = (float(match.score) / float(match.raw_score)
                if match.raw_score and match.score != match.raw_score else 1.0)
    parts = {
        "a_offers_b": float(ab[0]), "b_offers_a": float(ba[0]), "two_way": two_way,
        "summary_similarity": summary,
        "summary_weight": float(weights.summary) if summary is not None else 0.0,
        "type_fit": type_fit, "complementarity_factor": factor,
        "preference_factor": float(getattr(match, "preference_factor", None) or 1.0),
        "exposure_factor": exposure,
    }
    share = index.plain_share(arrays, q, rows, weights)
    parts["plain_share"] = 0.0 if share is None else float(share[0])
    if weights.ranker is not None:
        # the model's score alone: the plain share is its own part
        alone = replace(weights, plain_summary=0.0)
        parts["learned_score"] = float(index.pair_scores(
            arrays, q, rows, alone, text_ab, text_ba,
            index.summary_similarity(arrays, q, rows, weights))[0]) / type_fit if type_fit else 0.0
    # the rules' fused score: with a ranker, one of the model's inputs, not the score
    parts["fused"] = combine({**parts, "learned_score": None, "type_fit": 1.0, "plain_share": 0.0,
                              "complementarity_factor": 1.0, "preference_factor": 1.0,
                              "exposure_factor": 1.0})
    return {k: (None if v is None else round(float(v), 4)) for k, v in parts.items()}


def learned_terms(matcher: Any, match: Any, top: int = 3) -> list[dict[str, Any]]:
    """With a learned score: the ``top`` features that moved this pair's score most from an
    average pair of the training sets (coefficient x standardised value / temperature, in
    the sigmoid's units; positive raises it), for the explanation; [] with the rules."""
    import numpy as np

    from kcbridge.partners import index
    arrays, weights = matcher.arrays, matcher.weights
    ranker = weights.ranker
    if ranker is None:
        return []
    q, r = matcher.row_of[match.profile_id], matcher.row_of[match.partner_profile_id]
    rows = np.array([r])
    features = index.pair_features(
        arrays, q, rows, weights, arrays.need[rows] @ arrays.offer[q],
        arrays.offer[rows] @ arrays.need[q], index.summary_similarity(arrays, q, rows, weights))
    terms = ranker.contributions(features)[0]
    order = np.argsort(-np.abs(terms), kind="stable")[:top]
    out = [{"feature": ranker.features[i], "label": FEATURE_LABELS[ranker.features[i]],
            "contribution": round(float(terms[i]), 3)} for i in order]
    for term in out:
        if term["feature"] == "codes" and arrays.codes is not None:
            term["codes"] = arrays.codes.shared(q, r)[:5]
    return out
