"""Trust level of one proposed pair of profiles: red, amber or green, and why (fail closed).

:func:`assess_pair` combines, worst first:

1. **red**: either organisation is on a loaded sensitive-entity or export-control list
   (an exact hit of :class:`~kcbridge.partners.screening.EntityScreener`).
2. **amber, counterpart not assessable**: no list is loaded (nobody was screened), or a
   name is a possible (fuzzy) list match a person must check, or the partner's country is
   unknown.
3. **amber, controlled items**: either profile's title, summary, offer, need, keywords, or
   its organisation's products name a dual-use category or a critical item
   (:func:`kcbridge.partners.controls.controlled_items`); the item and the words found are
   named.
4. **the sector guideline** (:func:`kcbridge.partners.guideline.baseline_level`) for the
   pair's sectors (shared ones, else both sides') and collaboration types (both profiles'
   partnership types; when none is stated, the strictest type): amber when the sector is
   controlled or sensitive for that type, **amber ("review") when no sector is known**.

Green only when every check ran and none raised the level: what is not known to be safe is
reviewed, never waved through.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kcbridge.partners.controls import ControlledItem, controlled_items
from kcbridge.partners.guideline import (
    LEVELS,
    UNKNOWN_SECTOR,
    baseline_level,
    collaboration_types,
)
from kcbridge.partners.screening import ScreenResult


@dataclass
class PairAssessment:
    """Level of one pair, the reasons (most serious first), the controlled items found and
    whether something could not be assessed (``review``)."""

    level: str
    reasons: list[str] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    review: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "reasons": list(self.reasons), "items": list(self.items),
                "review": self.review}


def _worse(a: str, b: str) -> str:
    return a if LEVELS.index(a) >= LEVELS.index(b) else b


def _profile_items(profile: Mapping[str, Any], org: Mapping[str, Any]) -> list[ControlledItem]:
    texts = [str(profile.get(c) or "") for c in ("title", "summary", "offer", "need")]
    texts += [str(k) for k in profile.get("keywords") or []]
    texts += [str(p) for p in org.get("products") or []]
    return controlled_items(*texts)


def assess_pair(
    own_profile: Mapping[str, Any],
    partner_profile: Mapping[str, Any],
    own_org: Mapping[str, Any],
    partner_org: Mapping[str, Any],
    screening: list[ScreenResult] | None,
) -> PairAssessment:
    """The trust level of a proposed pair (see the module docstring). ``screening`` is the
    result for (own organisation, partner organisation), or None when no list is loaded."""
    level, review = "green", False
    red: list[str] = []
    amber: list[str] = []
    if screening is None:
        review = True
        amber.append("Review: no sensitive-entity or export-control list is loaded, so the "
                     "organisations were not screened. Load one with `kcbridge trust "
                     "import-list FILE`.")
    else:
        for result in screening:
            for hit in result.hits:
                red.append(f"{result.name} matches {hit.entity_name!r} on {hit.list_id} "
                           f"({hit.match}, score {hit.score:g}).")
            for hit in result.review:
                review = True
                amber.append(f"Review: {result.name} resembles {hit.entity_name!r} on "
                             f"{hit.list_id} (score {hit.score:g}); check whether it is the "
                             "same organisation.")
    if not str(partner_org.get("country") or "").strip():
        review = True
        amber.append("Review: the partner's country is not known.")
    items: list[dict[str, Any]] = []
    for who, profile, org in (("own", own_profile, own_org),
                              ("partner", partner_profile, partner_org)):
        for item in _profile_items(profile, org):
            items.append({**item.to_dict(), "side": who})
            amber.append(f"Controlled item in {org.get('name', who)}'s profile: {item.label()}"
                         f" ({'dual-use category' if item.kind == 'dual_use' else 'critical item'}"
                         f"; {item.basis}). An export-control review is needed.")
    own_sectors = list(own_profile.get("sectors") or [])
    partner_sectors = list(partner_profile.get("sectors") or [])
    shared = [s for s in own_sectors if s in partner_sectors]
    sectors = shared or list(dict.fromkeys(own_sectors + partner_sectors)) or [UNKNOWN_SECTOR]
    stated = [t for t in dict.fromkeys(list(own_profile.get("partnership_types") or [])
                                       + list(partner_profile.get("partnership_types") or []))
              if t in collaboration_types()]
    ctypes = stated or collaboration_types()
    sector_level, sector_reasons = "green", list[str]()
    for sector in sectors:
        for ctype in ctypes:
            base = baseline_level(sector, ctype)
            if LEVELS.index(base.level) > LEVELS.index(sector_level) or not sector_reasons:
                sector_level = _worse(sector_level, base.level)
                sector_reasons = [f"{sector} / {ctype.replace('_', ' ')}: {r}"
                                  for r in base.reasons]
    if sectors == [UNKNOWN_SECTOR]:
        review = True
    if not stated:
        sector_reasons.append("No collaboration type is stated, so the strictest one was "
                              "assumed.")
    if red:
        level = "red"
    elif amber:
        level = "amber"
    level = _worse(level, sector_level)
    reasons = red + amber + sector_reasons
    return PairAssessment(level=level, reasons=list(dict.fromkeys(reasons)), items=items,
                          review=review)
