"""Pair trust on a fresh set, against the marks its writer made before any run.

Every intended pair of the set (both directions: each side's own profile first) is rated by
:func:`kcbridge.partners.pair_trust.assess_pair`, the rule ``kcbridge partners match`` uses,
with the organisations screened against:

- the entries the set's ``listed_as`` marks name on ``internal-watch`` (a list we write: the
  organisation is listed under another name than the one its profile uses), and
- when given, the entries of real list files (e.g. the PRC lists in
  ``../shared/data/real/cn_export_control_entities.json``).

Sets written with per-profile marks instead (fresh5 onwards: ``controlled: true`` on a
profile about a controlled item, ``listed_as`` on an organisation listed under another name)
give each pair the mark its profiles carry: ``red`` when either side is listed, ``amber`` when
either side is about a controlled item, else ``open``.

A mark is met when the level is **red** for a ``red`` pair, **amber or red** for an ``amber``
pair, and for an ``open`` pair when it is not green without a known sector;
``reason_named`` counts the pairs whose reasons name what was marked (the listed entry, the
controlled item). ``missed`` lists the pairs whose mark was not met, with the level and the
reasons given.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from kcbridge.partners.evaluation import FRESH_FILES, load_fresh_set

INTERNAL_LIST = "internal-watch"


def internal_entries(listed: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """List entries for the set's organisations marked as listed on ``internal-watch``."""
    from kcbridge.partners.lists import LIST_COLUMNS, _finish

    rows = [{"list_id": INTERNAL_LIST, "entry_id": f"{INTERNAL_LIST}-{i}",
             "entity_name": name, "aliases": "",
             "country": "", "reason": "evaluation: listed under another name"}
            for i, (lid, name) in enumerate(sorted(set(listed.values())), start=1)
            if lid == INTERNAL_LIST]
    frame = pd.DataFrame(rows, columns=LIST_COLUMNS)
    return _finish(frame, "evaluation internal list") if rows else frame


def _met(mark: str, level: str, known_sector: bool) -> bool:
    if mark == "red":
        return level == "red"
    if mark == "amber":
        return level in ("amber", "red")
    return not (level == "green" and not known_sector)


def _named(row: dict[str, Any]) -> bool:
    if row["mark"] == "red":
        return any(" matches " in r or " resembles " in r for r in row["reasons"])
    if row["mark"] == "amber" and "sector" not in row["why"]:
        return bool(row["items"])
    return False


def _profile_mark(data: Any, a: str, b: str) -> tuple[str, str]:
    """The mark of a pair from its profiles' own marks (sets without pair marks)."""
    if a in data.listed or b in data.listed:
        return "red", "listed under another name (writer's mark)"
    if a in data.controlled or b in data.controlled:
        return "amber", "controlled item (writer's mark)"
    return "open", ""


def _marked(name: str, data: Any) -> bool:
    """Whether the writer of fresh set ``name`` marked trust (pair marks, controlled items
    or listings); fresh_hard is fresh with more distractors, never a trust set of its own."""
    return name != "fresh_hard" and bool(data.marks or data.controlled or data.listed)


def sets_with_marks() -> list[str]:
    """Fresh sets whose writer marked trust (for messages: every set is read)."""
    return [name for name, file in FRESH_FILES.items()
            if _marked(name, load_fresh_set(file=file))]


def evaluate_pair_trust(dataset: str = "fresh2", half: str = "all",
                        list_files: Iterable[str | Path] = ()) -> dict[str, Any]:
    """The trust level of every intended pair against the writer's marks (module doc)."""
    from kcbridge.errors import InputError
    from kcbridge.partners import registry
    from kcbridge.partners.lists import read_list_file
    from kcbridge.partners.pair_trust import assess_pair
    from kcbridge.partners.screening import EntityScreener

    if dataset not in FRESH_FILES:
        raise InputError(f"No fresh set {dataset!r}.",
                         hint=f"Use one of: {', '.join(sets_with_marks())}.")
    data = load_fresh_set(file=FRESH_FILES[dataset])
    if not _marked(dataset, data):
        raise InputError(f"The set {dataset!r} has no trust marks.",
                         hint=f"Use --set with one of: {', '.join(sets_with_marks())}.")
    frames = [internal_entries(data.listed)]
    frames += [read_list_file(Path(f)) for f in list_files]
    filled = [f for f in frames if not f.empty]
    entries = pd.concat(filled, ignore_index=True) if filled else frames[0]
    screener = EntityScreener(entries)
    profiles = {str(r["profile_id"]): {str(k): v for k, v in r.items()}
                for r in data.profiles.to_dict("records")}
    orgs = {str(r["org_id"]): {str(k): v for k, v in r.items()}
            for r in data.organisations.to_dict("records")}
    rows: list[dict[str, Any]] = []
    for a, b in data.partner_of.items():
        n = data.pair_number[a]
        if half != "all" and data.half_of.get(n) != half:
            continue
        pa, pb = profiles[a], profiles[b]
        oa, ob = orgs[str(pa["org_id"])], orgs[str(pb["org_id"])]
        checks = [screener.screen(str(o["name"]), registry.org_names(o)) for o in (oa, ob)]
        trust = assess_pair(pa, pb, oa, ob, checks)
        mark, why = data.marks.get(n) or _profile_mark(data, a, b)
        known = bool(list(pa.get("sectors") or []) + list(pb.get("sectors") or []))
        rows.append({"query": a, "partner": b, "pair": n, "mark": mark, "why": why,
                     "level": trust.level, "met": _met(mark, trust.level, known),
                     "items": [f"{i['name']} ('{i['term']}')" for i in trust.items],
                     "flagged": any(c.flagged for c in checks),
                     "known_sector": known, "reasons": trust.reasons})
    summary: dict[str, Any] = {}
    for mark in ("red", "amber", "open"):
        group = [r for r in rows if r["mark"] == mark]
        levels = {lv: sum(1 for r in group if r["level"] == lv) for lv in ("red", "amber",
                                                                           "green")}
        summary[mark] = {"queries": len(group), "met": sum(1 for r in group if r["met"]),
                         **levels,
                         # the reason names what the writer marked: the listed entry (red),
                         # a controlled item (amber pairs marked for an item)
                         "reason_named": sum(1 for r in group if _named(r))}
    return {
        "set": dataset, "half": half, "lists": len(entries),
        "by_mark": summary,
        "green_without_sector": sum(1 for r in rows if r["level"] == "green"
                                    and not r["known_sector"]),
        "missed": [r for r in rows if not r["met"]],
        "rows": rows,
    }
