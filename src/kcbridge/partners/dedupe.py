"""Merge candidates: organisations in the registry that may be the same one.

Never merges anything: it lists pairs for a person to review. Two organisations are
candidates when any of their written names (name, name_en, name_ko, name_zh) share a
comparable key (:func:`kcbridge.partners.names.name_keys`: same name in another script,
with or without legal forms), or when keys of the same kind are at least ``threshold``
similar (rapidfuzz ratio) and long enough (see ``screening.MIN_FUZZY_LENGTH``).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from kcbridge.partners.names import COMPARABLE, name_keys
from kcbridge.partners.registry import org_names
from kcbridge.partners.screening import MIN_FUZZY_LENGTH

CANDIDATE_COLUMNS = ["org_id_a", "name_a", "org_id_b", "name_b", "score", "match", "key_kind",
                     "same_country"]


def merge_candidates(organisations: pd.DataFrame, threshold: float = 90.0) -> pd.DataFrame:
    """Pairs of organisations that may be duplicates, best first (``CANDIDATE_COLUMNS``)."""
    orgs = organisations.reset_index(drop=True)
    owners: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, org in enumerate(orgs.to_dict("records")):
        for written in org_names(org):
            for key in name_keys(written):
                owners[(key.kind, key.value)].add(i)
    best: dict[tuple[int, int], tuple[float, str, str]] = {}

    def note(i: int, j: int, score: float, how: str, kind: str) -> None:
        if i == j:
            return
        pair = (min(i, j), max(i, j))
        if pair not in best or best[pair][0] < score:
            best[pair] = (score, how, kind)

    for (kind, value), members in owners.items():
        for other in COMPARABLE[kind]:
            for j in owners.get((other, value), set()):
                for i in members:
                    note(i, j, 100.0, "exact", kind)
    by_kind: dict[str, list[tuple[str, set[int]]]] = defaultdict(list)
    for (kind, value), members in owners.items():
        if len(value) >= MIN_FUZZY_LENGTH[kind]:
            by_kind[kind].append((value, members))
    for kind, entries in by_kind.items():
        values = [v for v, _ in entries]
        if len(values) < 2:
            continue
        scores = process.cdist(values, values, scorer=fuzz.ratio, score_cutoff=threshold,
                               dtype=np.uint8, workers=1)
        for a, b in zip(*np.nonzero(np.triu(scores, k=1)), strict=False):
            for i in entries[a][1]:
                for j in entries[b][1]:
                    note(i, j, float(scores[a, b]), "fuzzy", kind)
    rows = []
    for (i, j), (score, how, kind) in best.items():
        a, b = orgs.iloc[i], orgs.iloc[j]
        rows.append({
            "org_id_a": a["org_id"], "name_a": a["name"], "org_id_b": b["org_id"],
            "name_b": b["name"], "score": score, "match": how, "key_kind": kind,
            "same_country": a["country"] == b["country"],
        })
    out = pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)
    return out.sort_values(["score", "org_id_a", "org_id_b"], ascending=[False, True, True],
                           ignore_index=True)
