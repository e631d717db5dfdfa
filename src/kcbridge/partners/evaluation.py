"""Evaluation of reciprocal matching on the hand-written set in ``data/eval_profiles.yaml``.

Every profile of a pair is used as a query once; its expected partner is the other side
of the pair. Reported (cross-border matching, all other profiles as candidates):

- ``recall_at_5``: share of queries whose expected partner is among the top 5;
- ``mrr``: mean reciprocal rank of the expected partner (0 when not in the top 50);
- the same two figures for cross-language queries (the two sides written in different
  languages) and same-language queries; ``queries`` counts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import pandas as pd
import yaml

from kcbridge.partners.embeddings import SentenceEncoder
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


def evaluate_matching(encoder: SentenceEncoder | None = None, depth: int = 50) -> dict[str, Any]:
    """Recall@5 and MRR overall, cross-language and same-language (see module doc)."""
    data = load_eval_set()
    matcher = Matchmaker(data.profiles, data.organisations, encoder=encoder)
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
