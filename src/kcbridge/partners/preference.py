"""Reciprocal preference: would the candidate pick you? (issue 12, helper match5)

A pair score looks at one pair at a time. On the nine one-summary sets fresh2-fresh10,
most profiles ranked above the intended partner were not distractors but profiles of
*other* pairs: a profile with a strong partner of its own that also scores fairly well
with many queries (a general text, a broad topic, a language whose texts sit close
together in the encoder). Reciprocal recommenders (people to people, firm to firm) judge a
candidate also from its own side: a candidate that has a clearly better option elsewhere
is a weaker proposal than one for whom you are the best option.

The factor multiplies a candidate ``c``'s score for the query ``q``:

    preference = (1 - w) + w * min(1, score(c, q) / best_other(c))

where ``best_other(c)`` is ``c``'s highest pair score with any profile other than ``q``
(the same pair score: fused text score times the type fit, without the trade
complementarity and exposure, which depend on who asks), under the same exclusions as
the query (active profiles, other countries when the match is cross-border). A candidate
for whom ``q`` is at least as good as every other option keeps its score (factor 1); a
candidate whose best other partner scores twice as high keeps ``1 - w/2`` of it. When
``c`` has no other option the factor is 1. ``w`` is ``MatchWeights.preference``; 0 turns
it off.

It only re-ranks: the candidates are the ones the pair score proposes (the query's best
``k`` plus :data:`EXTRA` more, so a candidate just below the first ``k`` can move up when
some above it fall), and the factor never raises a score.

Cost: each candidate's best other partner is one more search (kept for later queries of
the same matcher), so a cold query costs about ``k + EXTRA + 1`` searches. That is a few
milliseconds on a registry of a few thousand profiles, but on the fast index (100,000
generated profiles, ~15-20 ms a search) it would be ~0.4 s, four times the 100 ms goal,
and a batched approximate search tried instead found the true best score of only 7 of 20
candidates. So the factor is applied on the exact path only (registries below
``Matchmaker``'s ``fast_threshold``, 20,000 profiles); on the fast index it is left out and
``preference_factor`` stays None. Left to do: every profile's best score kept with the
index, so that the fast path can apply it too.
"""

from __future__ import annotations

#: candidates fetched beyond the ``k`` asked for, so that those just below can take the
#: place of a candidate the factor moves down
EXTRA = 10


def preference_factor(pair_score: float, best_other: float, weight: float) -> float:
    """``(1 - weight) + weight * min(1, pair_score / best_other)``; 1 when the candidate
    has no other option (``best_other <= 0``) or the weight is 0."""
    if weight <= 0 or best_other <= 0:
        return 1.0
    ratio = min(1.0, max(0.0, pair_score) / best_other)
    return (1.0 - weight) + weight * ratio


def preference_note(factor: float, pair_score: float, best_other: float,
                    other_name: str) -> str:
    """One phrase for a match whose factor is below 1 (empty otherwise)."""
    if factor >= 1.0:
        return ""
    return (f"their best other match ({other_name}) scores {best_other:.3f}, with you "
            f"{pair_score:.3f}: ranked x{factor:.2f} (reciprocal preference)")
