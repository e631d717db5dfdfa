"""Choosing the fusion weight by grouped cross-validation over the evaluation sets.

The matcher's rules (the offer/need splitter, the glossary, the weights) were each written
on one evaluation set, and on the sets nobody tuned to a plain cosine of the summaries did
as well or better (fresh2: 0.900 / 0.940 against 0.767 / 0.829). ``MatchWeights.summary``
fuses the two; its value is chosen here, never on a set's test half:

- the candidates are the rules alone and the fused score at each weight of
  ``WEIGHT_GRID``, with the summary vectors as encoded (``raw``) or centred by language
  (``centred``, :func:`kcbridge.partners.embeddings.centre_by_language`);
- every set is one fold (``CV_SETS``: the builtin one-summary set, the first fresh set with
  its hard distractors, fresh2 whole, fresh3's development half);
- for each fold, the candidate with the best MRR (then recall@1, then the earlier in
  :func:`fused_methods`: rules first, smaller weights first) on the queries of the *other*
  folds is chosen, and the fold is scored with it;
- the rules alone (weight 0), the fusion and the plain cosine (no types) are all reported
  per fold, so the choice between them is made on held-out folds.

:func:`rank_table` gives, per set and weight, each query's rank of its partner (every
profile of the set a candidate, as in :func:`kcbridge.partners.evaluation.evaluate_one_summary`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from kcbridge.partners.embeddings import SentenceEncoder, default_encoder
from kcbridge.partners.evaluation import (
    FRESH_FILES,
    FreshSet,
    OneSummarySet,
    load_fresh_set,
    load_one_summary_set,
    plain_cosine_ranker,
)
from kcbridge.partners.index import RULES, MatchWeights
from kcbridge.partners.matching import Matchmaker
from kcbridge.partners.profile_types import is_peer

#: (set, half) folds of the cross-validation; fresh3's test half is never among them.
CV_SETS: tuple[tuple[str, str], ...] = (
    ("builtin", "all"), ("fresh_hard", "all"), ("fresh2", "all"), ("fresh3", "dev"),
)
#: Fusion weights tried.
WEIGHT_GRID: tuple[float, ...] = tuple(round(0.1 * i, 1) for i in range(11))

Row = dict[str, Any]


def _load(dataset: str) -> OneSummarySet:
    if dataset == "builtin":
        return load_one_summary_set()
    return load_fresh_set(hard=dataset == "fresh_hard", file=FRESH_FILES[dataset])


def _queries(data: OneSummarySet, half: str) -> list[str]:
    half_of = data.half_of if isinstance(data, FreshSet) else {}
    return [pid for pid in data.partner_of
            if half == "all" or half_of.get(data.pair_number[pid]) == half]


def _row(data: OneSummarySet, pid: str, ranked: list[str]) -> Row:
    info = data.profiles.set_index("profile_id")
    expected = data.partner_of[pid]
    rank = ranked.index(expected) + 1 if expected in ranked else None
    above = ranked[:rank - 1] if rank else ranked
    qtype = str(info.at[pid, "profile_type"])
    langs = sorted([str(info.at[pid, "language"]), str(info.at[expected, "language"])])
    return {"query": pid, "rank": rank, "lang_pair": "-".join(langs),
            "distractor_above": any(p in data.distractors for p in above),
            "same_direction_above": any(is_peer(qtype, str(info.at[p, "profile_type"]))
                                        for p in above)}


#: Sets first measured once as unseen text (fresh4-fresh12). They are folds only when a
#: caller says so with ``include_measured=True`` (round 12, :func:`cross_validate_12`),
#: after each was measured; a set not yet measured must never be one.
MEASURED_SETS: tuple[str, ...] = ("fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9",
                                  "fresh10", "fresh11", "fresh12")
#: Sets that are never a fold without ``include_measured``: the measured ones and fresh13
#: (the test of round 12's choice, measured once after it; not among round 12's folds).
NEVER_FOLDS: tuple[str, ...] = (*MEASURED_SETS, "fresh13", "fresh14", "fresh15", "fresh16",
                                "fresh17", "fresh18")


def _matcher_rows(data: OneSummarySet, queries: list[str], matcher: Matchmaker,
                  depth: int) -> list[Row]:
    """The row of every query as ``matcher`` (with its current weights) ranks it."""
    return [_row(data, pid, [m.partner_profile_id for m in matcher.match(pid, k=depth)])
            for pid in queries]


def _fold_data(dataset: str, half: str,
               include_measured: bool = False) -> tuple[OneSummarySet, list[str]]:
    """The set and its queries for a cross-validation fold (InputError for fresh4 to
    fresh13 unless ``include_measured``: unseen text is never a fold, and a measured set
    becomes one only by that explicit option)."""
    if dataset in NEVER_FOLDS and not include_measured:
        from kcbridge.errors import InputError

        raise InputError(f"{dataset} is unseen text, measured once before and once after its "
                         "round; it is never a fold.",
                         hint="Cross-validate on builtin, fresh_hard, fresh2 and fresh3, "
                              "or pass include_measured=True once the set has been measured.")
    data = _load(dataset)
    return data, _queries(data, half)


def rank_table(
    dataset: str, half: str = "all", weights: Sequence[float] = WEIGHT_GRID,
    encoder: SentenceEncoder | None = None, base: MatchWeights = RULES,
    depth: int = 50,
) -> dict[str, list[Row]]:
    """Per method the rows of every query of ``dataset`` / ``half``. Methods: ``rules``
    (fusion weight 0), ``raw/0.3`` and ``centred/0.3`` (the fused score with that weight, the
    summary vectors as encoded or centred by language), ``plain`` and ``plain/centred``
    (the plain cosine of the summaries, no types)."""
    data, queries = _fold_data(dataset, half)
    encoder = encoder or default_encoder()
    out: dict[str, list[Row]] = {}
    for variant, centring in (("raw", False), ("centred", True)):
        matcher = Matchmaker(data.profiles, data.organisations, encoder=encoder,
                             weights=replace(base, summary=0.5, summary_centring=centring))
        for w in weights:
            key = "rules" if w == 0 else f"{variant}/{w:g}"
            if key in out:
                continue
            matcher.weights = replace(base, summary=w, summary_centring=centring)
            out[key] = _matcher_rows(data, queries, matcher, depth)
        plain = plain_cosine_ranker(data.profiles, data.organisations, encoder,
                                    centre=centring)
        out["plain" if not centring else "plain/centred"] = [
            _row(data, pid, plain(pid, depth)) for pid in queries]
    return out


#: Folds of round 9's cross-validation: every older set whole (all seen by now; fresh3's
#: test half was measured once in round 8). fresh4 is never a fold.
CV_SETS_9: tuple[tuple[str, str], ...] = (
    ("builtin", "all"), ("fresh_hard", "all"), ("fresh2", "all"), ("fresh3", "all"),
)
#: Round 9's grid: summary weight, bridge weight, summary embedded whole or as its core.
SUMMARY_GRID_9: tuple[float, ...] = (0.2, 0.3, 0.4, 0.5)
BRIDGE_GRID_9: tuple[float, ...] = (0.0, 0.1, 0.2, 0.3)
#: Sentence-cosine weights (tried with the whole summary and no bridge).
SENTENCE_GRID_9: tuple[float, ...] = (0.1, 0.2, 0.3)


def method_name_9(summary: float, bridge: float, core: bool, sentence: float = 0.0) -> str:
    name = f"{'core' if core else 'whole'}/s{summary:g}/b{bridge:g}"
    return name + (f"/t{sentence:g}" if sentence else "")


def _grid_9() -> list[tuple[float, float, bool, float]]:
    grid = [(w, b, core, 0.0) for core in (False, True) for b in BRIDGE_GRID_9
            for w in SUMMARY_GRID_9]
    return grid + [(w, 0.0, False, t) for t in SENTENCE_GRID_9 for w in SUMMARY_GRID_9
                   if w + t <= 0.7]


def methods_9() -> list[str]:
    """Round 9's candidates in order of preference on a tie: the fused score as shipped
    before the round (whole summary, 0.3, no bridge) first, then the rules alone, then the
    rest of the grid (whole before core, smaller weights first, sentences last)."""
    shipped = method_name_9(0.3, 0.0, False)
    grid = [method_name_9(*g) for g in _grid_9()]
    return [shipped, "rules"] + [m for m in grid if m != shipped]


def rank_table_9(
    dataset: str, half: str = "all", encoder: SentenceEncoder | None = None,
    base: MatchWeights = RULES, depth: int = 50,
) -> dict[str, list[Row]]:
    """Per method of :func:`methods_9` (and ``plain``, ``plain/centred``) the rows of every
    query of ``dataset`` / ``half``; the summaries always centred by language."""
    data, queries = _fold_data(dataset, half)
    encoder = encoder or default_encoder()
    out: dict[str, list[Row]] = {}
    for core in (False, True):
        matcher = Matchmaker(data.profiles, data.organisations, encoder=encoder,
                             weights=replace(base, summary=0.3, summary_centring=True,
                                             summary_core=core, bridge=0.1,
                                             sentence=0.0 if core else 0.1))
        for w, b, grid_core, t in _grid_9():
            if grid_core != core:
                continue
            matcher.weights = replace(base, summary=w, summary_centring=True,
                                      summary_core=core, bridge=b, sentence=t)
            out[method_name_9(w, b, core, t)] = _matcher_rows(data, queries, matcher, depth)
        if not core:
            matcher.weights = replace(base, summary=0.0, bridge=0.0)
            out["rules"] = _matcher_rows(data, queries, matcher, depth)
    for key, centring in (("plain", False), ("plain/centred", True)):
        plain = plain_cosine_ranker(data.profiles, data.organisations, encoder, centre=centring)
        out[key] = [_row(data, pid, plain(pid, depth)) for pid in queries]
    return out


def fused_methods(weights: Sequence[float] = WEIGHT_GRID) -> list[str]:
    """The candidates of the choice, in order of preference on a tie: the rules alone,
    then each weight from small to large, raw before centred."""
    return ["rules"] + [f"{v}/{w:g}" for w in weights if w for v in ("raw", "centred")]


def summarise(rows: list[Row]) -> dict[str, Any]:
    """Recall@1, recall@5, MRR and the same-direction / distractor counts of ``rows``."""
    n = len(rows)
    if not n:
        return {"queries": 0}
    ranks = [r["rank"] for r in rows]
    return {
        "queries": n,
        "recall_at_1": round(sum(1 for r in ranks if r == 1) / n, 4),
        "recall_at_5": round(sum(1 for r in ranks if r is not None and r <= 5) / n, 4),
        "mrr": round(sum(1.0 / r for r in ranks if r is not None) / n, 4),
        "distractor_above_partner": sum(1 for r in rows if r["distractor_above"]),
        "same_direction_above_partner": sum(1 for r in rows if r["same_direction_above"]),
    }


def _key(rows: list[Row], order: int) -> tuple[float, float, int]:
    summary = summarise(rows)
    return (summary["mrr"], summary["recall_at_1"], -order)


def _best(tables: dict[str, dict[str, list[Row]]], folds: Sequence[str],
          methods: Sequence[str]) -> str:
    return max(methods, key=lambda m: _key([r for f in folds for r in tables[f][m]],
                                           methods.index(m)))


def grouped_cv(tables: dict[str, dict[str, list[Row]]],
               methods: Sequence[str] | None = None) -> dict[str, Any]:
    """Leave-one-set-out choice among the rules and the fused variants (see the module
    docstring); ``tables``: fold name -> :func:`rank_table` of that fold. Reported per
    held-out fold and pooled over them: the rules, the method chosen on the other folds,
    and the two plain cosines."""
    methods = list(methods or fused_methods())
    folds: dict[str, Any] = {}
    pooled: dict[str, list[Row]] = {"rules": [], "chosen": [], "plain": [],
                                    "plain/centred": []}
    for held in tables:
        chosen = _best(tables, [f for f in tables if f != held], methods)
        folds[held] = {"chosen_on_the_others": chosen,
                       **{k: summarise(tables[held][k if k != "chosen" else chosen])
                          for k in pooled}}
        for k in pooled:
            pooled[k] += tables[held][k if k != "chosen" else chosen]
    every = {m: summarise([r for f in tables for r in tables[f][m]]) for m in methods}
    return {"folds": folds, "held_out_pooled": {k: summarise(v) for k, v in pooled.items()},
            "chosen_on_all_folds": _best(tables, list(tables), methods),
            "by_method_all_folds": every}


def cross_validate_9(encoder: SentenceEncoder | None = None) -> dict[str, Any]:
    """Round 9's leave-one-set-out cross-validation over :data:`CV_SETS_9` among
    :func:`methods_9`; besides :func:`grouped_cv`'s report, each fold's figures with the
    fused score as shipped before the round (``shipped``) and their pool."""
    encoder = encoder or default_encoder()
    tables = {ds: rank_table_9(ds, half, encoder=encoder) for ds, half in CV_SETS_9}
    report = grouped_cv(tables, methods_9())
    shipped = methods_9()[0]
    for fold, rows in tables.items():
        report["folds"][fold]["shipped"] = summarise(rows[shipped])
    report["held_out_pooled"]["shipped"] = summarise(
        [r for rows in tables.values() for r in rows[shipped]])
    report["shipped"] = shipped
    return report


#: Folds of round 12 (issue 12, helper sumweight): every one-summary set, each whole. fresh4
#: to fresh12 were each measured once as unseen text before this round; they are folds here
#: only through ``include_measured=True``.
CV_SETS_12: tuple[tuple[str, str], ...] = (
    ("builtin", "all"), ("fresh_hard", "all"), ("fresh2", "all"), ("fresh3", "all"),
    *((s, "all") for s in MEASURED_SETS),
)
#: Round 12's grid: the summary cosine's share and the two directions' mix (``balance``).
SUMMARY_GRID_12: tuple[float, ...] = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
BALANCE_GRID_12: tuple[float, ...] = (0.8, 0.9, 1.0)
#: (summary, balance) as shipped before round 12; the reference of the same-direction
#: guard and the point a tie falls back to.
SHIPPED_12: tuple[float, float] = (0.3, 0.9)

Tally = dict[str, float]


def method_name_12(summary: float, balance: float) -> str:
    return f"s{summary:g}/b{balance:g}"


def rank_table_12(
    dataset: str, half: str = "all", encoder: SentenceEncoder | None = None,
    base: MatchWeights = RULES, depth: int = 50, include_measured: bool = False,
) -> dict[str, list[Row]]:
    """Per (summary, balance) of round 12's grid (:func:`method_name_12`) and for ``plain``
    (the plain cosine of the summaries, as ``evaluate_one_summary(method="plain")``) the
    rows of every query of ``dataset`` / ``half``; the other weights as in ``base``."""
    data, queries = _fold_data(dataset, half, include_measured=include_measured)
    encoder = encoder or default_encoder()
    matcher = Matchmaker(data.profiles, data.organisations, encoder=encoder, weights=base)
    out: dict[str, list[Row]] = {}
    for s in SUMMARY_GRID_12:
        for b in BALANCE_GRID_12:
            matcher.weights = replace(base, summary=s, balance=b)
            out[method_name_12(s, b)] = _matcher_rows(data, queries, matcher, depth)
    plain = plain_cosine_ranker(data.profiles, data.organisations, encoder)
    out["plain"] = [_row(data, pid, plain(pid, depth)) for pid in queries]
    return out


def tally(rows: list[Row]) -> Tally:
    """What pools exactly across sets: queries, partners at rank 1 and within 5, the sum
    of reciprocal ranks and the queries with a same-direction profile above the partner."""
    ranks = [r["rank"] for r in rows]
    return {"queries": len(rows),
            "rank1": sum(1 for r in ranks if r == 1),
            "rank5": sum(1 for r in ranks if r is not None and r <= 5),
            "rr": round(sum(1.0 / r for r in ranks if r is not None), 6),
            "same_direction": sum(1 for r in rows if r["same_direction_above"])}


def pooled_figures(tallies: Sequence[Tally]) -> dict[str, float]:
    """Recall@1, recall@5, MRR (4 decimals) and same-direction count over pooled tallies."""
    n = sum(t["queries"] for t in tallies)
    return {"queries": n,
            "recall_at_1": round(sum(t["rank1"] for t in tallies) / n, 4),
            "recall_at_5": round(sum(t["rank5"] for t in tallies) / n, 4),
            "mrr": round(sum(t["rr"] for t in tallies) / n, 4),
            "same_direction_above_partner": int(sum(t["same_direction"] for t in tallies))}


def _grid_12() -> list[tuple[float, float]]:
    return [(s, b) for s in SUMMARY_GRID_12 for b in BALANCE_GRID_12]


def choose_12(tallies: dict[str, dict[str, Tally]], folds: Sequence[str]) -> str:
    """Round 12's rule on the pooled ``folds``: among the grid points whose same-direction
    count is not above the shipped weights', the highest MRR, then recall@1; a tie goes to
    the point closest to :data:`SHIPPED_12` (summary first), then the smaller values."""
    def pool(method: str) -> dict[str, float]:
        return pooled_figures([tallies[f][method] for f in folds])

    limit = pool(method_name_12(*SHIPPED_12))["same_direction_above_partner"]
    allowed = [g for g in _grid_12()
               if pool(method_name_12(*g))["same_direction_above_partner"] <= limit]

    def key(g: tuple[float, float]) -> tuple[float, float, float, float, float, float]:
        f = pool(method_name_12(*g))
        return (f["mrr"], f["recall_at_1"], -round(abs(g[0] - SHIPPED_12[0]), 3),
                -round(abs(g[1] - SHIPPED_12[1]), 3), -g[0], -g[1])
    return method_name_12(*max(allowed, key=key))


def cross_validate_12(tallies: dict[str, dict[str, Tally]]) -> dict[str, Any]:
    """Leave-one-set-out over the sets of ``tallies`` (set -> method -> :func:`tally`):
    per held-out set the grid point chosen on the others and that set's figures with it,
    with the shipped weights and with the plain cosine; the held-out pool of each; the
    point chosen on all sets; and every point's held-out-free pooled figures (in-sample)."""
    shipped = method_name_12(*SHIPPED_12)
    folds: dict[str, Any] = {}
    for held in tallies:
        chosen = choose_12(tallies, [f for f in tallies if f != held])
        folds[held] = {"chosen_on_the_others": chosen,
                       **{k: pooled_figures([tallies[held][m]])
                          for k, m in (("chosen", chosen), ("shipped", shipped),
                                       ("plain", "plain"))}}
    held_out = {k: pooled_figures([tallies[f][folds[f]["chosen_on_the_others"]
                                              if k == "chosen" else m] for f in tallies])
                for k, m in (("chosen", ""), ("shipped", shipped), ("plain", "plain"))}
    methods = [method_name_12(*g) for g in _grid_12()] + ["plain"]
    return {"folds": folds, "held_out_pooled": held_out,
            "chosen_on_all_sets": choose_12(tallies, list(tallies)),
            "by_method_all_sets": {m: pooled_figures([tallies[f][m] for f in tallies])
                                   for m in methods}}
