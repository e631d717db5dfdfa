"""The cooperation guideline: green / amber / red by sector and collaboration type.

Levels:

- **green**: open cooperation; ordinary due diligence.
- **amber**: needs an export-control review before going ahead: the sector's
  technologies are dual-use or controlled (tier ``controlled``), or the collaboration
  transfers technology or ownership in a sector with controlled items or data (tier
  ``sensitive``), or it involves a critical item from the reference list.
- **red**: an organisation involved is on a sensitive-entity or export-control list, or
  a controlled item would be transferred without a licence.

Sector tiers and their reasons live in ``partners/data/guideline_rules.yaml``; critical
items come from :func:`kcbridge.reference.sectors.critical_items` (named in the reasons).

Fail closed: what cannot be assessed is reviewed, never waved through. A sector the rules
do not know (``UNKNOWN_SECTOR``, e.g. a profile with no sector) is **amber** ("review"),
and the guideline table has a row per collaboration type saying so. Pairs of profiles are
assessed by :mod:`kcbridge.partners.pair_trust`.
``cooperation_guideline()`` is the printable table; ``assess_cooperation()`` classifies one
concrete proposal (sector, type, screening results, controlled items, licence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from kcbridge.errors import ConfigError, InputError
from kcbridge.formats import load_yaml

if TYPE_CHECKING:  # pragma: no cover - pandas only for the printable table
    import pandas as pd

    from kcbridge.partners.screening import ScreenResult

LEVELS = ("green", "amber", "red")
GUIDELINE_COLUMNS = [
    "sector", "sector_name_en", "sector_name_ko", "sector_name_zh", "collaboration_type",
    "level", "reasons", "red_when",
]
UNKNOWN_SECTOR = "unknown"
UNKNOWN_REASON = (
    "Review: the sector is not known, so whether dual-use or controlled items are involved "
    "cannot be assessed (fail closed: not known to be safe means reviewed). Add the sector "
    "to the profile or organisation."
)
RED_WHEN = (
    "Red when a partner is on a sensitive-entity or export-control list, or a controlled "
    "item or technology would be transferred without an export licence."
)


@dataclass
class Assessment:
    """The level of one proposed cooperation and why."""

    level: str
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "reasons": list(self.reasons)}


@lru_cache(maxsize=1)
def guideline_rules() -> dict[str, Any]:
    """The packaged rules file (collaboration types and sector tiers)."""
    path = resources.files("kcbridge.partners") / "data" / "guideline_rules.yaml"
    try:
        rules = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"Cannot read {path}: {exc}.", hint="Reinstall kcbridge.") from exc
    for sector_id, rule in rules["sectors"].items():
        if rule.get("tier") not in ("controlled", "sensitive", "open"):
            raise ConfigError(
                f"{path}: sector {sector_id} has tier {rule.get('tier')!r}.",
                hint="Use controlled, sensitive or open.",
            )
    return rules


def collaboration_types() -> list[str]:
    return list(guideline_rules()["collaboration_types"])


#: Words in ``why_critical`` that mark an item as export-controlled (not only concentrated).
_CONTROLLED_WORDS = re.compile(r"licen[cs]|export control|restrict|ban", re.IGNORECASE)


@lru_cache(maxsize=256)  # the packaged reference does not change in a process
def _critical_groups(sector_id: str, controlled_only: bool = False) -> tuple[str, ...]:
    """Material groups of the sector's critical items; with ``controlled_only`` only those
    whose reason mentions licensing, export controls or restrictions."""
    # plain rows of the packaged list: the trust check of a match needs no pandas
    from kcbridge.reference.sectors import critical_item_records

    items = [i for i in critical_item_records() if sector_id in i["sectors"].split(";")]
    if controlled_only:
        items = [i for i in items if _CONTROLLED_WORDS.search(i["why_critical"])]
    return tuple(sorted({i["material_group"] for i in items}))


def baseline_level(sector_id: str, collaboration_type: str) -> Assessment:
    """Level of a collaboration type in a sector before anything is known about the
    partners (green or amber, with the reasons)."""
    rules = guideline_rules()
    types = rules["collaboration_types"]
    if collaboration_type not in types:
        raise InputError(
            f"Unknown collaboration type {collaboration_type!r}.",
            hint=f"Use one of: {', '.join(types)}.",
        )
    if sector_id not in rules["sectors"]:
        return Assessment(level="amber", reasons=[UNKNOWN_REASON])
    rule = rules["sectors"][sector_id]
    transfer = types[collaboration_type]["transfer"]
    tier = rule["tier"]
    reasons: list[str] = []
    groups = _critical_groups(sector_id, controlled_only=True)
    if tier == "controlled":
        level = "amber"
        reasons.extend(rule["reasons"])
        if transfer == "people":
            reasons.append("Sharing controlled technology with foreign nationals is a deemed "
                           "export: screen the exchange programme's content.")
    elif tier == "sensitive" and transfer in ("technology", "ownership"):
        level = "amber"
        reasons.extend(rule["reasons"])
        if transfer == "ownership":
            reasons.append("Foreign investment in this sector may need screening "
                           "(Korea: Foreign Investment Promotion Act; China: security review).")
    elif groups and transfer in ("technology", "goods"):
        level = "amber"
        reasons.append("Involves critical items under export licensing or restrictions: "
                       f"{', '.join(groups)}.")
    else:
        level = "green"
        reasons.append("Open cooperation: no dual-use or controlled items are central to "
                       f"{collaboration_type.replace('_', ' ')} in this sector.")
        reasons.extend(r for r in rule.get("reasons", []) if tier != "open")
    if groups and level == "amber" and not any("critical items" in r for r in reasons):
        reasons.append(f"Controlled critical items of this sector: {', '.join(groups)}.")
    return Assessment(level=level, reasons=reasons)


def assess_cooperation(
    sector_id: str,
    collaboration_type: str,
    screening: list[ScreenResult] | None = None,
    *,
    controlled_items: bool = False,
    licence_obtained: bool = False,
) -> Assessment:
    """Level of one concrete cooperation: the baseline, raised to red when a partner hit
    a list or a controlled item is involved without a licence; raised to amber when a
    controlled item is involved with a licence (the licence must still be checked)."""
    assessment = baseline_level(sector_id, collaboration_type)
    red_reasons = []
    for result in screening or []:
        for hit in result.hits:
            red_reasons.append(
                f"{result.name} matches {hit.entity_name!r} on {hit.list_id} "
                f"({hit.match}, score {hit.score:g})."
            )
    if controlled_items and not licence_obtained:
        red_reasons.append("A controlled item or technology is involved and no export "
                           "licence has been obtained.")
    if red_reasons:
        return Assessment(level="red", reasons=red_reasons + assessment.reasons)
    if controlled_items and assessment.level == "green":
        return Assessment(level="amber", reasons=["A controlled item is involved; check the "
                                                  "licence covers this cooperation."]
                          + assessment.reasons)
    return assessment


def cooperation_guideline() -> pd.DataFrame:
    """The printable guideline: one row per sector and collaboration type
    (``GUIDELINE_COLUMNS``), reasons joined by a space."""
    import pandas as pd

    from kcbridge.reference.sectors import sector_taxonomy

    rows = []
    for sector in sector_taxonomy():
        for ctype in collaboration_types():
            a = baseline_level(sector.id, ctype)
            rows.append({
                "sector": sector.id,
                "sector_name_en": sector.name_en,
                "sector_name_ko": sector.name_ko,
                "sector_name_zh": sector.name_zh,
                "collaboration_type": ctype,
                "level": a.level,
                "reasons": " ".join(a.reasons),
                "red_when": RED_WHEN,
            })
    for ctype in collaboration_types():
        rows.append({
            "sector": UNKNOWN_SECTOR, "sector_name_en": "Sector not known",
            "sector_name_ko": "분야 미상", "sector_name_zh": "领域未知",
            "collaboration_type": ctype, "level": "amber", "reasons": UNKNOWN_REASON,
            "red_when": RED_WHEN,
        })
    return pd.DataFrame(rows, columns=GUIDELINE_COLUMNS)
