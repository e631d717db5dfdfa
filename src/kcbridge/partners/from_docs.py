"""Organisations found by document intelligence, as registry candidates for review.

A record (one organisation a document names) has the shape
``{name, aliases, country, kind, sectors, source_doc}``: ``aliases`` other written names
(any script), ``country`` ISO3 or empty, ``kind`` a registry kind (``ORG_KINDS``) or a
document-intelligence kind (company, institute, ministry, agency, association,
government, international, university), ``sectors`` sector ids, ``source_doc`` the
document id(s) it came from.

:func:`candidate_organisations` turns records into registry rows with their own ids
(``docorg-...``, so they never overwrite an organisation already in the registry) and
``source = "docs:<source_doc>"``; :func:`possible_duplicates` names the registry
organisations each may be (same name in another script, or a close spelling), for a
person to decide. Nothing is merged.

:func:`records_from_docs_tables` builds records from the docs capability's stored entity
mentions (``docs_entities``, kind ``organisation``), its alias list and its
document-level sector tags, when the docs service offers no records itself.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pandas as pd

from kcbridge.errors import InputError, NotFoundError
from kcbridge.partners.dedupe import merge_candidates
from kcbridge.partners.lists import split_aliases
from kcbridge.partners.names import script_of
from kcbridge.partners.registry import ORG_KINDS, normalise_organisations, stable_id

#: Document-intelligence kinds (alias-list ``kind``) mapped to registry kinds.
DOCS_KIND_MAP = {
    "company": "enterprise", "enterprise": "enterprise", "institute": "research_institute",
    "research_institute": "research_institute", "university": "university",
    "investor": "investor", "ministry": "agency", "agency": "agency", "association": "agency",
    "government": "agency", "international": "agency",
}
_KIND_WORDS = (
    ("university", re.compile(r"universit|college|대학|大学|大學", re.IGNORECASE)),
    ("research_institute", re.compile(r"institut|research|연구원|연구소|研究院|研究所|科学院",
                                      re.IGNORECASE)),
    ("investor", re.compile(r"capital|ventures|fund|투자|벤처스|资本|基金|投资", re.IGNORECASE)),
    ("agency", re.compile(r"ministry|agency|council|association|commission|부$|청$|협회|공단|"
                          r"部$|局$|委员会|协会", re.IGNORECASE)),
)
_SCRIPT_COLUMN = {"latin": "name_en", "hangul": "name_ko", "han": "name_zh"}


def guess_kind(name: str) -> str:
    """A registry kind from words in the name (``enterprise`` when nothing says more)."""
    for kind, pattern in _KIND_WORDS:
        if pattern.search(name):
            return kind
    return "enterprise"


def registry_kind(kind: Any, name: str) -> str:
    text = str(kind or "").strip().lower().replace(" ", "_")
    if text in ORG_KINDS:
        return text
    return DOCS_KIND_MAP.get(text) or guess_kind(name)


def _known_sectors(values: list[str]) -> list[str]:
    from kcbridge.reference.sectors import get_sector

    out = []
    for value in values:
        try:
            out.append(get_sector(value).id)
        except NotFoundError:  # a tag outside the taxonomy is left out
            continue
    return out


def candidate_organisations(
    records: list[dict[str, Any]],
) -> tuple[pd.DataFrame, dict[str, dict[str, Any]]]:
    """Registry rows (``ORG_COLUMNS``) for document records, and per org_id its
    ``aliases`` and ``source_doc`` (the first record of a repeated organisation wins)."""
    rows: list[dict[str, Any]] = []
    extras: dict[str, dict[str, Any]] = {}
    for i, rec in enumerate(records):
        name = str(rec.get("name") or "").strip()
        if not name:
            raise InputError(f"organisation record {i + 1} has no name.",
                             hint="Give every record a name (and aliases, country, kind).")
        country = str(rec.get("country") or "").strip().upper()
        aliases = [a for a in split_aliases(rec.get("aliases")) if a != name]
        source_doc = "; ".join(split_aliases(rec.get("source_doc")))
        org_id = stable_id("docorg", name, country)
        row: dict[str, Any] = {"org_id": org_id, "name": name, "country": country,
               "kind": registry_kind(rec.get("kind"), name),
               "sectors": _known_sectors(split_aliases(rec.get("sectors"))),
               "source": f"docs:{source_doc}" if source_doc else "docs"}
        for written in [name, *aliases]:
            column = _SCRIPT_COLUMN.get(script_of(written))
            if column and not row.get(column):
                row[column] = written
        rows.append(row)
        extras.setdefault(org_id, {"aliases": aliases, "source_doc": source_doc})
    frame = pd.DataFrame(rows)
    frame = frame.drop_duplicates("org_id", keep="first")
    return normalise_organisations(frame, source="documents"), extras


def possible_duplicates(new: pd.DataFrame, registry: pd.DataFrame,
                        threshold: float = 90.0) -> dict[str, list[str]]:
    """For each new organisation, the registry org_ids it may be (best first)."""
    if new.empty or registry.empty:
        return {}
    others = registry[~registry["org_id"].isin(set(new["org_id"]))]
    pairs = merge_candidates(pd.concat([new, others], ignore_index=True), threshold=threshold)
    fresh = set(new["org_id"])
    out: dict[str, list[str]] = {}
    for pair in pairs.itertuples():
        a_new, b_new = pair.org_id_a in fresh, pair.org_id_b in fresh
        if a_new != b_new:
            a, b = str(pair.org_id_a), str(pair.org_id_b)
            mine, theirs = (a, b) if a_new else (b, a)
            out.setdefault(mine, []).append(theirs)
    return out


def records_from_docs_tables(entities: pd.DataFrame, alias_list: pd.DataFrame,
                             doc_sectors: pd.DataFrame, min_confidence: float = 0.7,
                             max_sectors: int = 3) -> list[dict[str, Any]]:
    """Records from stored entity mentions.

    ``entities``: ``doc_id, kind, text, key, country, confidence`` (only ``kind ==
    "organisation"`` rows at ``min_confidence`` or more are used); ``alias_list``: the docs
    alias list (``id, country, kind, name_en, name_ko, name_zh, aliases``); ``doc_sectors``:
    ``doc_id, sector, score, sentence`` (document level: ``sentence == -1``). One record per
    entity key: a known organisation takes its alias-list names, country and kind; an
    unknown one its most frequent written form. Sectors are the documents' top sectors.
    """
    orgs = entities[(entities["kind"] == "organisation")
                    & (entities["confidence"].fillna(0) >= min_confidence)]
    known = {str(r["id"]): r for r in alias_list.to_dict("records")} if len(alias_list) else {}
    doc_level = doc_sectors[doc_sectors["sentence"] == -1] if len(doc_sectors) else doc_sectors
    records = []
    for key, group in orgs.groupby("key", sort=True):
        written = Counter(str(t).strip() for t in group["text"] if str(t).strip())
        docs = sorted(set(group["doc_id"]))
        entry = known.get(str(key))
        if entry is not None:
            names = [entry.get(c) for c in ("name_en", "name_ko", "name_zh")]
            name = next((n for n in names if n), written.most_common(1)[0][0])
            aliases = [n for n in names if n and n != name] + sorted(written)
            country, kind = entry.get("country") or "", entry.get("kind") or ""
        else:
            name = written.most_common(1)[0][0]
            aliases = sorted(set(written) - {name})
            countries = [c for c in group["country"].fillna("") if c]
            country = Counter(countries).most_common(1)[0][0] if countries else ""
            kind = ""
        sectors: list[str] = []
        if len(doc_level):
            mine = doc_level[doc_level["doc_id"].isin(docs)]
            ranked = mine.groupby("sector")["score"].sum().sort_values(ascending=False)
            sectors = list(ranked.index[:max_sectors])
        records.append({"name": name, "aliases": list(dict.fromkeys(aliases)),
                        "country": country, "kind": kind, "sectors": sectors,
                        "source_doc": docs})
    return records
