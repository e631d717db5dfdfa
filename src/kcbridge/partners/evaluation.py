"""Evaluation of reciprocal matching on the hand-written set in ``data/eval_profiles.yaml``.

Every profile of a pair is used as a query once; its expected partner is the other side
of the pair. Reported (cross-border matching, all other profiles as candidates):

- ``recall_at_5``: share of queries whose expected partner is among the top 5;
- ``mrr``: mean reciprocal rank of the expected partner (0 when not in the top 50);
- the same two figures for cross-language queries (the two sides written in different
  languages) and same-language queries; ``queries`` counts them.

:func:`evaluate_one_summary` is the harder set of issue 12: every profile has one summary
only (split into offer and need by :mod:`kcbridge.partners.offer_need`) and its type as
people write it, plus hand-written one-summary pairs and at least 20 same-topic
same-direction distractors; it reports recall@1, recall@5, MRR and how often a distractor
(or any same-direction profile) ranks above the intended partner, per language pair, on a
pre-registered development half and held-out half (``HALVES``, see its comment).
``text_sectors=True`` leaves out the sectors that set gives, so sectors are read from each
profile's words (as for a registry of summaries only).

``dataset="fresh"`` (:func:`load_fresh_set`, ``data/eval_fresh.yaml``) is a second
one-summary set written later, by a different hand, in more varied styles (long company
backgrounds first, typos, mixed-language terms, fewer keywords and sectors), with 25
same-direction distractors and the writer's marks of controlled items; it was measured once
on the code as it stood before any change it led to (recall@1 0.865, MRR 0.915).
``fresh2``, ``fresh3`` (split into dev / test halves in their files), ``fresh4`` and ``fresh5``
(``WHOLE_SETS``: no halves, unseen text scored once before and once after round 9, never a
cross-validation fold) are later sets of the same kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import pandas as pd
import yaml

from kcbridge.partners.embeddings import SentenceEncoder
from kcbridge.partners.index import MatchWeights
from kcbridge.partners.matching import Matchmaker
from kcbridge.partners.registry import normalise_organisations, normalise_profiles


@dataclass(frozen=True)
class EvalSet:
    organisations: pd.DataFrame
    profiles: pd.DataFrame
    partner_of: dict[str, str]  # profile_id -> expected partner profile_id


def load_eval_set() -> EvalSet:
    """Organisations, profiles and expected pairs of the packaged evaluation set."""
    path = resources.files("kcbridge.partners") / "data" / "eval_profiles.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    orgs, profiles, partner_of = [], [], {}
    for n, pair in enumerate(raw["pairs"], start=1):
        ids = []
        for side in ("a", "b"):
            p = pair[side]
            org_id = f"eval-org-{n:02d}{side}"
            pid = f"eval-{n:02d}{side}"
            ids.append(pid)
            orgs.append({"org_id": org_id, "name": p["org"], "kind": p["kind"],
                         "country": p["country"], "sectors": p["sectors"]})
            profiles.append({
                "profile_id": pid, "org_id": org_id, "profile_type": p["type"],
                "title": p["offer"][:60], "summary": p["offer"], "offer": p["offer"],
                "need": p["need"], "keywords": p["keywords"], "sectors": p["sectors"],
                "partnership_types": p["partnership"], "language": p["lang"],
            })
        partner_of[ids[0]], partner_of[ids[1]] = ids[1], ids[0]
    organisations = normalise_organisations(pd.DataFrame(orgs), source="eval_profiles.yaml")
    profs = normalise_profiles(pd.DataFrame(profiles), organisations, source="eval_profiles.yaml")
    return EvalSet(organisations, profs, partner_of)


def _summary(ranks: list[int | None]) -> dict[str, float]:
    if not ranks:
        return {"recall_at_5": float("nan"), "mrr": float("nan"), "queries": 0}
    hits = sum(1 for r in ranks if r is not None and r <= 5)
    mrr = sum(1.0 / r for r in ranks if r is not None) / len(ranks)
    return {"recall_at_5": round(hits / len(ranks), 4), "mrr": round(mrr, 4),
            "queries": len(ranks)}


def evaluate_matching(encoder: SentenceEncoder | None = None, depth: int = 50,
                      weights: MatchWeights | None = None) -> dict[str, Any]:
    """Recall@5 and MRR overall, cross-language and same-language (see module doc), with
    ``weights`` (None: the default, the learned score)."""
    data = load_eval_set()
    matcher = Matchmaker(data.profiles, data.organisations, encoder=encoder,
                         weights=weights or MatchWeights())
    language = dict(zip(data.profiles["profile_id"], data.profiles["language"], strict=False))
    overall: list[int | None] = []
    cross: list[int | None] = []
    same: list[int | None] = []
    misses: list[dict[str, Any]] = []
    for pid, expected in data.partner_of.items():
        ranked = [m.partner_profile_id for m in matcher.match(pid, k=depth)]
        rank = ranked.index(expected) + 1 if expected in ranked else None
        overall.append(rank)
        (cross if language[pid] != language[expected] else same).append(rank)
        if rank is None or rank > 5:
            misses.append({"query": pid, "expected": expected, "rank": rank,
                           "top": ranked[:5]})
    return {
        "profiles": len(data.profiles),
        "pairs": len(data.partner_of) // 2,
        "overall": _summary(overall),
        "cross_language": _summary(cross),
        "same_language": _summary(same),
        "misses": misses,
    }


# ---- one-summary evaluation (issue 12) ---------------------------------------------------
#: Profile types as people write them, per language, for turning the explicit pairs into
#: one-summary profiles (the label is chosen by pair number, so both variants are used).
WRITTEN_LABELS: dict[tuple[str, str], tuple[str, str]] = {
    ("technology_offer", "en"): ("Technology Offer", "TO"),
    ("technology_offer", "ko"): ("기술 제안", "기술 공급"),
    ("technology_offer", "zh"): ("技术供给", "技术转让"),
    ("technology_request", "en"): ("Technology Request", "TR"),
    ("technology_request", "ko"): ("기술 요청", "기술 수요"),
    ("technology_request", "zh"): ("技术需求", "技术引进"),
    ("business_offer", "en"): ("Business Offer", "BO"),
    ("business_offer", "ko"): ("사업 제안", "판매 제안"),
    ("business_offer", "zh"): ("商务合作", "产品供应"),
    ("business_request", "en"): ("Business Request", "BR"),
    ("business_request", "ko"): ("사업 요청", "구매 요청"),
    ("business_request", "zh"): ("商务需求", "采购需求"),
    ("research_request", "en"): ("R&D request", "research cooperation request"),
    ("research_request", "ko"): ("연구 협력 요청", "공동연구 요청"),
    ("research_request", "zh"): ("研发合作需求", "科研合作"),
    ("investment_offer", "en"): ("Investment Offer", "IO"),
    ("investment_offer", "ko"): ("투자 제안", "투자 의향"),
    ("investment_offer", "zh"): ("投资意向", "提供投资"),
}

#: Pre-registered (fixed before any one-summary figure was computed): queries of odd-numbered
#: pairs are the development half (choices such as the encoder are made on it), queries of
#: even-numbered pairs are the held-out half (reported, never used to choose). Rule for the
#: encoder: the higher MRR on the development half; on a tie the higher recall@1, then the
#: faster encoder.
HALVES = ("dev", "heldout", "test", "all")


@dataclass(frozen=True)
class OneSummarySet:
    organisations: pd.DataFrame
    profiles: pd.DataFrame
    partner_of: dict[str, str]
    pair_number: dict[str, int]  # query profile_id -> pair number
    distractors: frozenset[str]


def load_one_summary_set(text_sectors: bool = False) -> OneSummarySet:
    """Every pair as one-summary profiles with written labels, the hand-written
    one-summary pairs, and the same-direction distractors (candidates only).
    ``text_sectors=True`` leaves out the sectors the set gives, so every profile's sectors
    are read from its own words (as for a registry that gives none)."""
    path = resources.files("kcbridge.partners") / "data" / "eval_profiles.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    orgs: list[dict[str, Any]] = []
    profiles: list[dict[str, Any]] = []
    partner_of: dict[str, str] = {}
    numbers: dict[str, int] = {}

    def add(pid: str, p: dict[str, Any], label: str, summary: str) -> None:
        org_id = f"one-org-{pid}"
        sectors = [] if text_sectors else p["sectors"]
        orgs.append({"org_id": org_id, "name": p["org"], "kind": p["kind"],
                     "country": p["country"], "sectors": sectors})
        profiles.append({"profile_id": pid, "org_id": org_id, "profile_type": label,
                         "summary": summary, "keywords": p["keywords"],
                         "sectors": sectors, "partnership_types": p["partnership"],
                         "language": p["lang"]})

    explicit = raw["pairs"]
    for n, pair in enumerate(explicit + raw.get("one_summary_pairs", []), start=1):
        ids = []
        for side in ("a", "b"):
            p = pair[side]
            pid = f"one-{n:02d}{side}"
            if "summary" in p:
                add(pid, p, p["label"], p["summary"])
            else:
                label = WRITTEN_LABELS[(p["type"], p["lang"])][n % 2]
                add(pid, p, label, f"{p['offer'].strip()} {p['need'].strip()}")
            ids.append(pid)
            numbers[pid] = n
        partner_of[ids[0]], partner_of[ids[1]] = ids[1], ids[0]
    distractors = []
    for i, d in enumerate(raw.get("distractors", []), start=1):
        pid = f"one-d{i:02d}-{d['shadows']}"
        add(pid, d, d["label"], d["summary"])
        distractors.append(pid)
    organisations = normalise_organisations(pd.DataFrame(orgs), source="eval_profiles.yaml")
    profs = normalise_profiles(pd.DataFrame(profiles), organisations, source="eval_profiles.yaml")
    return OneSummarySet(organisations, profs, partner_of, numbers, frozenset(distractors))


#: The numbered fresh sets (``data/eval_freshN.yaml``), each written by someone told nothing
#: and measured once first; a new set is one more number here.
LAST_FRESH = 30

#: Packaged file of each fresh set (the first fresh set twice: with and without its hard
#: distractors).
FRESH_FILES = {"fresh": "eval_fresh.yaml", "fresh_hard": "eval_fresh.yaml",
               **{f"fresh{n}": f"eval_fresh{n}.yaml" for n in range(2, LAST_FRESH + 1)}}

#: Data sets of :func:`evaluate_one_summary`: the packaged one-summary set (with halves) and
#: the fresh sets, written later by others and measured once first.
DATASETS = ("builtin", *FRESH_FILES)

#: Sets split into a dev and a test half in their own file, before any run.
SPLIT_SETS = ("fresh2", "fresh3")

#: Sets measured whole and only as unseen text (no halves, never a cross-validation fold).
WHOLE_SETS = tuple(name for name in FRESH_FILES if name not in SPLIT_SETS)

#: Ways of ranking candidates in :func:`evaluate_one_summary`: the two-way matcher, the
#: matcher as it worked before issue 12 (``baseline``) and a plain cosine of the summaries
#: (cross-border, other organisations, no profile types: the floor a matcher must beat).
METHODS = ("matcher", "baseline", "plain")


def plain_cosine_ranker(
    profiles: pd.DataFrame, organisations: pd.DataFrame, encoder: SentenceEncoder,
    centre: bool = False,
) -> Any:
    """A function ``rank(profile_id, depth) -> [profile_id, ...]``: candidates of other
    countries and organisations by the cosine of the two summaries, nothing else
    (``centre=True``: each language's mean removed first, as the fused matcher does)."""
    import numpy as np

    from kcbridge.partners.embeddings import centre_by_language, script_language

    ids = profiles["profile_id"].tolist()
    row = {p: i for i, p in enumerate(ids)}
    country_of = organisations.set_index("org_id")["country"]
    country = np.array([str(country_of[o]) for o in profiles["org_id"]])
    org = profiles["org_id"].to_numpy()
    texts = [str(t or "") for t in profiles["summary"]]
    vectors = encoder.encode(texts)
    if centre:
        vectors = centre_by_language(vectors, [script_language(t) for t in texts])

    def rank(profile_id: str, depth: int = 50) -> list[str]:
        q = row[profile_id]
        sims = vectors @ vectors[q]
        ok = (country != country[q]) & (org != org[q])
        cand = np.flatnonzero(ok)
        order = cand[np.lexsort((cand, -sims[cand]))][:depth]
        return [ids[i] for i in order]

    return rank


@dataclass(frozen=True)
class FreshSet(OneSummarySet):
    labels_refused: tuple[str, ...] = ()  # labels as written that the importer refused
    labels_mismapped: tuple[str, ...] = ()  # labels read as another type than meant
    controlled: frozenset[str] = frozenset()  # profiles the writer marked as controlled
    #: pair number -> the set's half ("dev" / "test"), for sets split before any run
    half_of: dict[int, str] = field(default_factory=dict)
    #: pair number -> (the writer's trust mark: red / amber / open, why)
    marks: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: profile_id -> (list id, the name it is listed under) for listed organisations
    listed: dict[str, tuple[str, str]] = field(default_factory=dict)


def load_fresh_set(hard: bool = False, file: str = "eval_fresh.yaml") -> FreshSet:
    """The fresh one-summary set: labels as written (a label the importer refuses is
    recorded and the type its writer meant is used, so the matching can still be scored),
    pairs, same-direction distractors and the writer's controlled-item marks. ``hard=True``
    adds the hard distractors (same offer as the partner, a need that does not fit the
    query), written after the changes the fresh set led to."""
    from kcbridge.errors import InputError
    from kcbridge.partners.profile_types import canonical_profile_type
    from kcbridge.partners.summary_direction import side_from_summary

    path = resources.files("kcbridge.partners") / "data" / file
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    orgs: list[dict[str, Any]] = []
    profiles: list[dict[str, Any]] = []
    listed: dict[str, tuple[str, str]] = {}
    refused: list[str] = []
    mismapped: list[str] = []
    controlled: set[str] = set()

    def add(pid: str, p: dict[str, Any]) -> None:
        label = str(p["label"])
        try:
            read = canonical_profile_type(label)
        except InputError:
            refused.append(f"{pid}: {label!r}")
            label = read = str(p["type"])
        # as the importer reads it, the summary included
        read, _ = side_from_summary(read, label, str(p["summary"]))
        if read != p["type"]:
            mismapped.append(f"{pid}: {p['label']!r} read as {read}, meant {p['type']}")
        if p.get("controlled"):
            controlled.add(pid)
        if p.get("listed_as"):
            listed[pid] = (str(p["listed_as"]["list"]), str(p["listed_as"]["name"]))
        org_id = f"fresh-org-{pid}"
        orgs.append({"org_id": org_id, "name": p["org"], "kind": p["kind"],
                     "country": p["country"], "sectors": p.get("sectors") or []})
        profiles.append({"profile_id": pid, "org_id": org_id, "profile_type": label,
                         "summary": p["summary"], "keywords": p.get("keywords") or [],
                         "sectors": p.get("sectors") or [],
                         "partnership_types": p.get("partnership") or [],
                         "language": p["lang"]})

    partner_of: dict[str, str] = {}
    numbers: dict[str, int] = {}
    half_of: dict[int, str] = {}
    marks: dict[int, tuple[str, str]] = {}
    for n, pair in enumerate(raw["pairs"], start=1):
        if "half" in pair:
            half_of[n] = str(pair["half"])
        if "mark" in pair:
            marks[n] = (str(pair["mark"]), str(pair.get("why") or ""))
        ids = [f"fresh-{n:02d}{side}" for side in ("a", "b")]
        for pid, side in zip(ids, ("a", "b"), strict=True):
            add(pid, pair[side])
            numbers[pid] = n
        partner_of[ids[0]], partner_of[ids[1]] = ids[1], ids[0]
    distractors = []
    for i, d in enumerate(raw.get("distractors", []), start=1):
        pid = f"fresh-d{i:02d}-{d['shadows']}"
        add(pid, d)
        distractors.append(pid)
    for i, d in enumerate(raw.get("hard_distractors", []) if hard else [], start=1):
        pid = f"fresh-h{i:02d}-{d['shadows']}"
        add(pid, d)
        distractors.append(pid)
    organisations = normalise_organisations(pd.DataFrame(orgs), source=file)
    profs = normalise_profiles(pd.DataFrame(profiles), organisations, source=file)
    return FreshSet(organisations, profs, partner_of, numbers, frozenset(distractors),
                    tuple(refused), tuple(mismapped), frozenset(controlled), half_of, marks,
                    listed)


def _rank_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    if not rows:
        return {"queries": 0}
    ranks = [r["rank"] for r in rows]
    return {
        "queries": len(rows),
        "recall_at_1": round(sum(1 for r in ranks if r == 1) / len(rows), 4),
        "recall_at_5": round(sum(1 for r in ranks if r is not None and r <= 5) / len(rows), 4),
        "mrr": round(sum(1.0 / r for r in ranks if r is not None) / len(rows), 4),
        "distractor_above_partner": sum(1 for r in rows if r["distractor_above"]),
        "same_direction_above_partner": sum(1 for r in rows if r["same_direction_above"]),
    }


def evaluate_one_summary(
    encoder: SentenceEncoder | None = None, half: str = "all", depth: int = 50,
    baseline: bool = False, dataset: str = "builtin", weights: MatchWeights | None = None,
    text_sectors: bool = False, method: str = "matcher",
) -> dict[str, Any]:
    """Recall@1, recall@5, MRR and "distractor above partner" on the one-summary set, overall
    and per language pair, for the queries of ``half`` (dev: odd pairs, heldout: even
    pairs, all). Every profile of the set (both halves and the distractors) is a candidate.

    ``baseline=True`` scores the way matching worked before issue 12, for comparison: the
    whole summary as both offer and need, and no profile-type table (the same as
    ``method="baseline"``); ``method="plain"`` ranks by the plain cosine of the summaries
    (:func:`plain_cosine_ranker`)."""
    from kcbridge.errors import InputError
    from kcbridge.partners.profile_types import is_peer

    if half not in HALVES:
        raise InputError(f"Unknown half {half!r}.", hint=f"Use one of: {', '.join(HALVES)}.")
    if dataset not in DATASETS:
        raise InputError(f"Unknown evaluation set {dataset!r}.",
                         hint=f"Use one of: {', '.join(DATASETS)}.")
    if dataset in WHOLE_SETS and half != "all":
        raise InputError(f"The set {dataset} has no halves.",
                         hint=f"Use --half all with --set {dataset}.")
    if method not in METHODS:
        raise InputError(f"Unknown ranking method {method!r}.",
                         hint=f"Use one of: {', '.join(METHODS)}.")
    baseline = baseline or method == "baseline"
    if dataset in SPLIT_SETS and half == "heldout":
        raise InputError(f"The set {dataset} has a dev and a test half.",
                         hint=f"Use --half dev, test or all with --set {dataset}.")
    if dataset == "builtin" and half == "test":
        raise InputError("The builtin set has a dev and a heldout half.",
                         hint="Use --half dev, heldout or all.")
    data = (load_fresh_set(hard=dataset == "fresh_hard", file=FRESH_FILES[dataset])
            if dataset != "builtin" else load_one_summary_set(text_sectors=text_sectors))
    half_of = data.half_of if isinstance(data, FreshSet) else {}
    info = data.profiles.set_index("profile_id")
    scored = data.profiles
    if baseline:
        scored = scored.assign(offer=scored["summary"], need=scored["summary"],
                               profile_type="research_request")
    if method == "plain":
        from kcbridge.partners.embeddings import default_encoder

        rank_of = plain_cosine_ranker(scored, data.organisations, encoder or default_encoder())
    else:
        matcher = Matchmaker(scored, data.organisations, encoder=encoder,
                             weights=weights or MatchWeights())

        def rank_of(profile_id: str, depth: int) -> list[str]:
            return [m.partner_profile_id for m in matcher.match(profile_id, k=depth)]
    rows: list[dict[str, Any]] = []
    for pid, expected in data.partner_of.items():
        n = data.pair_number[pid]
        if half_of:
            if half != "all" and half_of.get(n) != half:
                continue
        elif (half == "dev" and n % 2 == 0) or (half == "heldout" and n % 2 == 1):
            continue
        ranked = rank_of(pid, depth)
        rank = ranked.index(expected) + 1 if expected in ranked else None
        above = ranked[:rank - 1] if rank else ranked
        qtype = str(info.at[pid, "profile_type"])
        langs = sorted([str(info.at[pid, "language"]), str(info.at[expected, "language"])])
        rows.append({
            "query": pid, "expected": expected, "rank": rank, "top": ranked[:3],
            "lang_pair": "-".join(langs),
            "distractor_above": any(p in data.distractors for p in above),
            "same_direction_above": any(is_peer(qtype, str(info.at[p, "profile_type"]))
                                        for p in above),
        })
    by_lang: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_lang.setdefault(r["lang_pair"], []).append(r)
    labels: dict[str, Any] = {}
    if isinstance(data, FreshSet):
        labels = {"labels_refused": list(data.labels_refused),
                  "labels_mismapped": list(data.labels_mismapped)}
    return {
        "set": dataset,
        "half": half,
        **labels,
        "method": ("plain cosine of the summaries" if method == "plain" else
                   "baseline: summary as offer and need, no type table" if baseline else
                   "two-way: offer/need split, type table"),
        "profiles": len(data.profiles),
        "distractors": len(data.distractors),
        "overall": _rank_summary(rows),
        "by_language_pair": {k: _rank_summary(v) for k, v in sorted(by_lang.items())},
        "misses": [r for r in rows if r["rank"] != 1],
    }
