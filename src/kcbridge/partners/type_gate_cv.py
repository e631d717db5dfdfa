"""Choosing the soft type gate (``MatchWeights.words_gate``) by leave-one-set-out
cross-validation over every evaluation set (issue 12, after fresh5).

Why: on fresh5 three labels were read from their words the wrong way round ("수출 상담
요청": a request, by a seller), the type table gave the pair a fit of 0, and the intended
partner was never listed. ``words_gate`` (``f``) lets such a pair through at ``f`` when
either side's type was read from label words (:func:`kcbridge.partners.index.type_fit`).

How ``f`` is chosen (pre-registered before any figure of the round was computed):

- candidates ``GATE_GRID``; ``f = 0`` is the hard gate as shipped before;
- folds ``GATE_FOLDS``: every evaluation set whole (all seen by now, fresh5 once);
- for each held-out fold, the ``f`` with the best MRR, then recall@1, then the smaller ``f``
  on the other folds pooled; the held-out fold is scored with it and with ``f = 0``;
- :func:`adopt` applies the adoption rule: on no fold may the held-out queries at rank 1
  fall by more than one, nor their sum of reciprocal ranks by more than 1.0; pooled, the
  sum of reciprocal ranks must rise and the queries at rank 1 must not fall.

Ranking is :func:`kcbridge.partners.index.exact_top_k` over the set (every profile a
candidate, cross-border, no complementarity), which is the order ``Matchmaker.match``
gives without exposure: the same ranks ``kcbridge partners evaluate`` reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from kcbridge.partners.embeddings import SentenceEncoder, default_encoder
from kcbridge.partners.evaluation_cv import Row, _load, _queries, _row, summarise
from kcbridge.partners.index import RULES, MatchWeights, exact_top_k
from kcbridge.partners.matching import Matchmaker

#: Soft-gate factors tried, smallest (the hard gate) first: the order of preference on a tie.
GATE_GRID: tuple[float, ...] = (0.0, 0.1, 0.2, 0.35, 0.5, 0.75)
#: Folds: (set, half) of :func:`kcbridge.partners.evaluation.evaluate_one_summary`.
GATE_FOLDS: tuple[tuple[str, str], ...] = (
    ("builtin", "all"), ("fresh_hard", "all"), ("fresh2", "all"), ("fresh3", "all"),
    ("fresh4", "all"), ("fresh5", "all"),
)


def rank_table(
    dataset: str, half: str = "all", grid: Sequence[float] = GATE_GRID,
    encoder: SentenceEncoder | None = None, base: MatchWeights = RULES,
    depth: int = 50,
) -> dict[float, list[Row]]:
    """Per ``f`` of ``grid``, the row of every query of ``dataset`` / ``half`` (its
    partner's rank, language pair, distractor or same-type profile above it), the matcher
    built once."""
    data = _load(dataset)
    queries = _queries(data, half)
    matcher = Matchmaker(data.profiles, data.organisations,
                         encoder=encoder or default_encoder(), weights=base)
    ids = matcher.profile_ids
    out: dict[float, list[Row]] = {}
    for f in grid:
        weights = replace(base, words_gate=f)
        rows = []
        for pid in queries:
            found, scores = exact_top_k(matcher.arrays, matcher.row_of[pid], depth, weights,
                                        matcher.active)
            rows.append(_row(data, pid, [ids[int(r)] for r in found[scores > 0]]))
        out[f] = rows
    return out


def counts(rows: list[Row]) -> tuple[int, float]:
    """(queries with the partner at rank 1, sum of reciprocal ranks): the units of the
    adoption rule ("one query")."""
    return (sum(1 for r in rows if r["rank"] == 1),
            sum(1.0 / r["rank"] for r in rows if r["rank"] is not None))


def _best(tables: dict[str, dict[float, list[Row]]], folds: Sequence[str]) -> float:
    grid = list(next(iter(tables.values())))

    def key(f: float) -> tuple[float, float, float]:
        s = summarise([r for fold in folds for r in tables[fold][f]])
        return (s["mrr"], s["recall_at_1"], -f)
    return max(grid, key=key)


def cross_validate(tables: dict[str, dict[float, list[Row]]]) -> dict[str, Any]:
    """Leave-one-set-out choice of ``f`` (module docstring); ``tables``: fold -> its
    :func:`rank_table`. Per fold: ``f`` chosen on the others, the figures before (``f =
    0``) and after; pooled over the held-out folds; the decision of :func:`adopt`."""
    folds: dict[str, Any] = {}
    before: list[Row] = []
    after: list[Row] = []
    for held in tables:
        f = _best(tables, [x for x in tables if x != held])
        folds[held] = {"chosen_on_the_others": f, "before": summarise(tables[held][0.0]),
                       "after": summarise(tables[held][f]),
                       "counts_before": counts(tables[held][0.0]),
                       "counts_after": counts(tables[held][f])}
        before += tables[held][0.0]
        after += tables[held][f]
    report: dict[str, Any] = {
        "folds": folds,
        "pooled": {"before": summarise(before), "after": summarise(after),
                   "counts_before": counts(before), "counts_after": counts(after)},
        "chosen_on_all_folds": _best(tables, list(tables)),
        "by_f_all_folds": {f: summarise([r for t in tables.values() for r in t[f]])
                           for f in next(iter(tables.values()))},
    }
    report["adopted"], report["why"] = adopt(report)
    return report


def adopt(report: dict[str, Any]) -> tuple[bool, str]:
    """The pre-registered adoption rule over :func:`cross_validate`'s report: (adopt?, why)."""
    for fold, parts in report["folds"].items():
        (top_b, rr_b), (top_a, rr_a) = parts["counts_before"], parts["counts_after"]
        if top_a < top_b - 1 or rr_a < rr_b - 1.0 - 1e-9:
            return False, (f"{fold} falls by more than one query (rank 1: {top_b} -> {top_a}, "
                           f"reciprocal ranks {rr_b:.3f} -> {rr_a:.3f})")
    (top_b, rr_b), (top_a, rr_a) = (report["pooled"]["counts_before"],
                                    report["pooled"]["counts_after"])
    if not rr_a > rr_b + 1e-9 or top_a < top_b:
        return False, (f"pooled figures do not rise (rank 1: {top_b} -> {top_a}, reciprocal "
                       f"ranks {rr_b:.3f} -> {rr_a:.3f})")
    return True, (f"no fold falls by more than one query; pooled rank 1 {top_b} -> {top_a}, "
                  f"reciprocal ranks {rr_b:.3f} -> {rr_a:.3f}")


def run(encoder: SentenceEncoder | None = None) -> dict[str, Any]:
    """The whole cross-validation over :data:`GATE_FOLDS` (one encoder for every fold)."""
    encoder = encoder or default_encoder()
    tables = {ds: rank_table(ds, half, encoder=encoder) for ds, half in GATE_FOLDS}
    return cross_validate(tables)
