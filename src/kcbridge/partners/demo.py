"""The SYNTHETIC sample registry and sensitive-entity list that `kcbridge demo` loads.

Organisations and profiles are the 35 pairs of the evaluation set
(``data/eval_profiles.yaml``: Korean and Chinese enterprises of every size class,
research institutes, universities, an investor and agencies, with EEN-style profiles in
Korean, Chinese and English), completed by ``data/demo_registry.yaml`` (size class, city,
names in other scripts). Every demo organisation is fictitious and carries
``source = "demo"`` (:data:`DEMO_SOURCE`), which the service reports as ``synthetic``.

The sample list (``data/demo_entity_list.csv``, simple CSV format, list id
:data:`DEMO_LIST_ID`) holds fictitious entities written in another script than the demo
organisation they collide with (traditional characters, Japanese kanji, the Korean
reading of the characters), so the trust flags show on the pages.

Ids are fixed (``demo-org-NNx``, ``demo-NNx``), so loading twice replaces, never adds.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from kcbridge.partners.evaluation import load_eval_set
from kcbridge.partners.records import DEMO_SOURCE  # noqa: F401 - re-exported
from kcbridge.partners.registry import OFFER_TYPES, normalise_organisations, normalise_profiles

DEMO_LIST_ID = "demo-sensitive-entities"
_OVERLAY_FIELDS = {"name": "name", "name_en": "name_en", "name_ko": "name_ko",
                   "name_zh": "name_zh", "size": "size_class", "city": "city"}


def demo_list_path() -> Path:
    """Path of the packaged SYNTHETIC sensitive-entity list (simple CSV format)."""
    return Path(str(resources.files("kcbridge.partners") / "data" / "demo_entity_list.csv"))


def profile_title(text: str, limit: int = 70) -> str:
    """A profile title from its main text: the first sentence, cut at a word boundary
    (or anywhere in text without spaces) with an ellipsis when longer than ``limit``."""
    first = text.strip().replace("。", ". ").split(". ")[0].rstrip(".。 ")
    if len(first) <= limit:
        return first
    cut = first[:limit]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rfind(" ")]
    return cut.rstrip(" ,，、") + "…"


def _overlay() -> dict[str, dict[str, str]]:
    path = resources.files("kcbridge.partners") / "data" / "demo_registry.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(k): dict(v or {}) for k, v in raw["organisations"].items()}


def demo_registry() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(organisations, profiles) of the SYNTHETIC demo registry, normalised."""
    data = load_eval_set()
    overlay = _overlay()
    orgs = data.organisations.copy()
    orgs["key"] = orgs["org_id"].str.removeprefix("eval-org-")
    for field, column in _OVERLAY_FIELDS.items():
        values = orgs["key"].map({k: overlay.get(k, {}).get(field) for k in orgs["key"]})
        orgs[column] = values.where(values.notna(), orgs[column])
    # An enterprise without a size in the overlay stays without one (unknown).
    orgs.loc[orgs["kind"] != "enterprise", "size_class"] = ""
    orgs["org_id"] = "demo-org-" + orgs["key"]
    orgs["source"] = DEMO_SOURCE
    organisations = normalise_organisations(orgs.drop(columns="key"), source=DEMO_SOURCE)
    profiles = data.profiles.copy()
    profiles["org_id"] = profiles["org_id"].str.replace("eval-org-", "demo-org-", regex=False)
    profiles["profile_id"] = profiles["profile_id"].str.replace("eval-", "demo-", regex=False)
    requests = ~profiles["profile_type"].isin(OFFER_TYPES)
    profiles["title"] = [profile_title(need if request else offer) for offer, need, request
                         in zip(profiles["offer"], profiles["need"], requests, strict=True)]
    profiles = normalise_profiles(profiles, organisations, source=DEMO_SOURCE)
    return organisations, profiles
