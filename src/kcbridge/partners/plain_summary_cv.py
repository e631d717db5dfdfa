"""Round 23 (issue 12): choosing ``MatchWeights.plain_summary`` by leave-one-set-out.

The plain cosine of two whole summaries, added to the matcher's gated score, helps where
the offer/need cross-cosines are weak (English-Korean pairs); how much is chosen here,
never on a set the weight is then scored on:

- every set of :data:`CV_SETS_23` (the sets written after the rules and the ranker's first
  training, fresh14..fresh27) is one fold, all its queries, the shipped ranker as it is;
- for each fold, among the grid values whose pooled same-direction count (a profile of the
  query's own side ranked above its partner) is not above that of 0 on the other folds,
  the best pooled MRR on the other folds, then recall@1, then the smaller value;
- the shipped value is the one chosen on the most folds (ties: the smaller).

``python -m kcbridge.partners.plain_summary_cv OUT.json`` writes the record
(``docs/history/partners_round23.json``).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from kcbridge.partners.embeddings import SentenceEncoder, default_encoder
from kcbridge.partners.evaluation_cv import (
    Tally,
    _fold_data,
    _matcher_rows,
    pooled_figures,
    tally,
)
from kcbridge.partners.index import MatchWeights
from kcbridge.partners.matching import Matchmaker

#: the folds: every set written after the shipped ranker's first training (round 14 on)
CV_SETS_23: tuple[str, ...] = tuple(f"fresh{n}" for n in range(14, 28))
#: the weights tried
GRID_23: tuple[float, ...] = (0.0, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0)


def tallies_23(
    sets: Sequence[str] = CV_SETS_23, grid: Sequence[float] = GRID_23,
    encoder: SentenceEncoder | None = None, base: MatchWeights | None = None,
    depth: int = 50,
) -> dict[str, dict[float, Tally]]:
    """Per set and weight, the :func:`~kcbridge.partners.evaluation_cv.tally` of every
    query's partner rank (the other weights as ``base``, the shipped ones by default)."""
    encoder = encoder or default_encoder()
    base = base or MatchWeights()
    out: dict[str, dict[float, Tally]] = {}
    for name in sets:
        # every fold has been measured once as unseen text before this round
        data, queries = _fold_data(name, "all", include_measured=True)
        matcher = Matchmaker(data.profiles, data.organisations, encoder=encoder,
                             weights=replace(base, plain_summary=max(grid)))
        out[name] = {}
        for weight in grid:
            matcher.weights = replace(base, plain_summary=weight)
            out[name][weight] = tally(_matcher_rows(data, queries, matcher, depth))
    return out


def choose_23(tallies: dict[str, dict[float, Tally]], folds: Sequence[str]) -> float:
    """The rule of the module docstring on the pooled ``folds``."""
    pooled = {w: pooled_figures([tallies[f][w] for f in folds])
              for w in sorted(next(iter(tallies.values())))}
    limit = pooled[0.0]["same_direction_above_partner"]
    allowed = [w for w, f in pooled.items() if f["same_direction_above_partner"] <= limit]
    return max(allowed, key=lambda w: (pooled[w]["mrr"], pooled[w]["recall_at_1"], -w))


def cross_validate_23(tallies: dict[str, dict[float, Tally]]) -> dict[str, Any]:
    """Per held-out set the weight chosen on the others and its figures there (and with
    0); the held-out pool of both; the shipped value (most often chosen); every weight's
    pooled figures over all sets (in-sample, for reading, not for choosing)."""
    folds: dict[str, Any] = {}
    for held in tallies:
        chosen = choose_23(tallies, [f for f in tallies if f != held])
        folds[held] = {"chosen_on_the_others": chosen,
                       "chosen": pooled_figures([tallies[held][chosen]]),
                       "off": pooled_figures([tallies[held][0.0]])}
    held_out = {
        "chosen": pooled_figures([tallies[f][folds[f]["chosen_on_the_others"]]
                                  for f in tallies]),
        "off": pooled_figures([tallies[f][0.0] for f in tallies]),
    }
    counts = Counter(f["chosen_on_the_others"] for f in folds.values())
    shipped = min(counts, key=lambda w: (-counts[w], w))
    picked, off = held_out["chosen"], held_out["off"]
    grid = sorted(next(iter(tallies.values())))
    return {
        "folds": folds, "held_out_pooled": held_out,
        "times_chosen": {str(w): counts.get(w, 0) for w in grid},
        "shipped": shipped,
        "adopt": picked["mrr"] > off["mrr"] and picked["recall_at_1"] >= off["recall_at_1"],
        "by_weight_all_sets": {str(w): pooled_figures([tallies[f][w] for f in tallies])
                               for w in grid},
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m kcbridge.partners.plain_summary_cv OUT.json", file=sys.stderr)
        return 2
    tallies = tallies_23()
    record = {"sets": list(CV_SETS_23), "grid": list(GRID_23),
              "tallies": {s: {str(w): t for w, t in v.items()} for s, v in tallies.items()},
              **cross_validate_23(tallies)}
    with open(args[0], "w", encoding="utf-8") as out:
        json.dump(record, out, indent=1)
    print(json.dumps({k: record[k] for k in ("held_out_pooled", "times_chosen", "shipped",
                                             "adopt")}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
