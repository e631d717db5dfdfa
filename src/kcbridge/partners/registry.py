"""The partner registry: organisations and their EEN-style profiles, as frames.

Organisations (``ORG_COLUMNS``): ``org_id`` (text, unique), ``name`` (as the organisation
writes it), ``name_en``, ``name_ko``, ``name_zh`` (any may be empty), ``kind`` (one of
``ORG_KINDS``), ``size_class`` (``SIZE_CLASSES``, enterprises only), ``country`` (ISO3),
``city``, ``sectors`` (list of sector ids), ``products`` (list of text), ``website``,
``source``.

Profiles (``PROFILE_COLUMNS``), in the style of the Enterprise Europe Network:
``profile_id``, ``org_id``, ``profile_type`` (``PROFILE_TYPES``), ``title``, ``summary``,
``offer`` (what the organisation brings to a partner), ``need`` (what it looks for),
``keywords`` (list), ``sectors`` (list of sector ids), ``development_stage``
(``DEVELOPMENT_STAGES``), ``partnership_types`` (list of ``PARTNERSHIP_TYPES``),
``language`` (``en``/``ko``/``zh``), ``expiry`` (ISO date text or empty).

When a file gives only a summary, ``offer`` and ``need`` are derived from the profile
type: an offer profile offers its summary and needs a partner for its partnership types;
a request profile needs its summary and offers its organisation's sectors and products.
List-valued cells in files may be JSON arrays or ``;``-separated text.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pandas as pd

from kcbridge.errors import InputError
from kcbridge.partners.lists import split_aliases

ORG_KINDS = ("enterprise", "research_institute", "university", "investor", "agency")
SIZE_CLASSES = ("micro", "small", "medium", "large")
PROFILE_TYPES = (
    "technology_offer", "technology_request", "business_offer", "business_request",
    "research_request", "investment_offer",
)
OFFER_TYPES = ("technology_offer", "business_offer", "investment_offer")
PARTNERSHIP_TYPES = (
    "licence", "joint_rd", "joint_venture", "manufacturing", "distribution", "investment",
    "exchange",
)
DEVELOPMENT_STAGES = (
    "concept", "lab", "prototype", "field_tested", "market_ready", "on_market", "",
)
ORG_COLUMNS = [
    "org_id", "name", "name_en", "name_ko", "name_zh", "kind", "size_class", "country", "city",
    "sectors", "products", "website", "source",
]
PROFILE_COLUMNS = [
    "profile_id", "org_id", "profile_type", "title", "summary", "offer", "need", "keywords",
    "sectors", "development_stage", "partnership_types", "language", "expiry",
]
LIST_FIELDS_ORG = ("sectors", "products")
LIST_FIELDS_PROFILE = ("keywords", "sectors", "partnership_types")


def stable_id(prefix: str, *parts: str) -> str:
    """A short id that is the same for the same parts (so re-imports replace rows)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}-{digest}"


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def _choice(value: Any, allowed: tuple[str, ...], what: str, where: str) -> str:
    text = _text(value).lower().replace(" ", "_").replace("-", "_")
    if text and text not in allowed:
        raise InputError(
            f"{where}: {what} {value!r} is not one of {', '.join(a for a in allowed if a)}.",
            hint=f"Fix the {what} column.",
        )
    return text


def normalise_organisations(raw: pd.DataFrame, source: str = "") -> pd.DataFrame:
    """Validate and complete an organisations frame (see ``ORG_COLUMNS``)."""
    from kcbridge.reference.sectors import get_sector

    df = raw.copy()
    if "name" not in df.columns:
        names = [c for c in ("name_en", "name_ko", "name_zh") if c in df.columns]
        if not names:
            raise InputError(
                f"{source or 'organisations'}: no name column.",
                hint="Give name (or name_en / name_ko / name_zh) for every organisation.",
            )
        df["name"] = df[names].apply(lambda r: next((_text(v) for v in r if _text(v)), ""), axis=1)
    rows = []
    for i, rec in enumerate(df.to_dict("records")):
        where = f"{source or 'organisations'} row {i + 1}"
        name = _text(rec.get("name"))
        if not name:
            raise InputError(f"{where}: the organisation has no name.")
        country = _text(rec.get("country")).upper()
        sectors = [get_sector(s).id for s in split_aliases(rec.get("sectors"))]
        row = {
            "org_id": _text(rec.get("org_id")) or stable_id("org", name, country),
            "name": name,
            "name_en": _text(rec.get("name_en")),
            "name_ko": _text(rec.get("name_ko")),
            "name_zh": _text(rec.get("name_zh")),
            "kind": _choice(rec.get("kind") or "enterprise", ORG_KINDS, "kind", where),
            "size_class": _choice(rec.get("size_class"), SIZE_CLASSES + ("",), "size_class",
                                  where),
            "country": country,
            "city": _text(rec.get("city")),
            "sectors": list(dict.fromkeys(sectors)),
            "products": split_aliases(rec.get("products")),
            "website": _text(rec.get("website")),
            "source": _text(rec.get("source")) or source,
        }
        rows.append(row)
    out = pd.DataFrame(rows, columns=ORG_COLUMNS)
    dupes = out.loc[out["org_id"].duplicated(), "org_id"].tolist()
    if dupes:
        raise InputError(f"{source}: org_id values {dupes[:5]} appear more than once.")
    return out


def normalise_profiles(
    raw: pd.DataFrame, organisations: pd.DataFrame | None = None, source: str = ""
) -> pd.DataFrame:
    """Validate and complete a profiles frame (see ``PROFILE_COLUMNS``). Profiles may name
    their organisation by ``org_id`` or by ``org_name`` (matched to ``organisations``)."""
    from kcbridge.reference.sectors import get_sector

    orgs = organisations if organisations is not None else pd.DataFrame(columns=ORG_COLUMNS)
    by_name = {str(n): str(i) for n, i in zip(orgs["name"], orgs["org_id"], strict=False)}
    org_rows = {str(r["org_id"]): r for r in orgs.to_dict("records")}
    rows = []
    for i, rec in enumerate(raw.to_dict("records")):
        where = f"{source or 'profiles'} row {i + 1}"
        org_id = _text(rec.get("org_id")) or by_name.get(_text(rec.get("org_name")), "")
        if not org_id:
            raise InputError(
                f"{where}: the profile names no known organisation.",
                hint="Give org_id, or org_name matching an imported organisation's name.",
            )
        ptype = _choice(rec.get("profile_type"), PROFILE_TYPES, "profile_type", where)
        if not ptype:
            raise InputError(f"{where}: profile_type is missing.",
                             hint=f"Use one of {', '.join(PROFILE_TYPES)}.")
        summary = _text(rec.get("summary"))
        title = _text(rec.get("title")) or summary[:80]
        partnership = [
            _choice(p, PARTNERSHIP_TYPES, "partnership type", where)
            for p in split_aliases(rec.get("partnership_types"))
        ]
        org = org_rows.get(org_id, {})
        sectors = [get_sector(s).id for s in split_aliases(rec.get("sectors"))] or list(
            org.get("sectors") or [])
        offer, need = _text(rec.get("offer")), _text(rec.get("need"))
        if not offer or not need:
            wanted = ", ".join(p.replace("_", " ") for p in partnership) or "cooperation"
            brings = "; ".join([*org.get("products", []), *org.get("sectors", [])]) or title
            if ptype in OFFER_TYPES:
                offer = offer or f"{title}. {summary}"
                need = need or f"A partner for {wanted}: {title}"
            else:
                need = need or f"{title}. {summary}"
                offer = offer or f"{org.get('name', '')}: {brings}"
        rows.append({
            "profile_id": _text(rec.get("profile_id")) or stable_id("prof", org_id, ptype, title),
            "org_id": org_id,
            "profile_type": ptype,
            "title": title,
            "summary": summary,
            "offer": offer,
            "need": need,
            "keywords": split_aliases(rec.get("keywords")),
            "sectors": list(dict.fromkeys(sectors)),
            "development_stage": _choice(rec.get("development_stage"), DEVELOPMENT_STAGES,
                                         "development_stage", where),
            "partnership_types": partnership,
            "language": _text(rec.get("language")).lower(),
            "expiry": _text(rec.get("expiry")),
        })
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


def read_registry_file(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Organisations and profiles from a file.

    - JSON: ``{"organisations": [...], "profiles": [...]}`` or an array of organisations.
    - Excel: sheets ``organisations`` and (optional) ``profiles``.
    - CSV: organisations, or profiles when it has a ``profile_type`` column (profiles
      must then give ``org_id`` of organisations already in the registry).
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"No such file: {path}.", hint="Check the path.")
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            raw = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(raw, list):
                raw = {"organisations": raw}
            orgs = pd.DataFrame(raw.get("organisations") or raw.get("organizations") or [])
            profiles = pd.DataFrame(raw.get("profiles") or [])
        elif suffix in (".xlsx", ".xlsm", ".xls"):
            sheets = pd.read_excel(path, sheet_name=None, dtype=str)
            lower = {k.lower(): v for k, v in sheets.items()}
            first = next(iter(sheets.values()))
            orgs = lower.get("organisations", lower.get("organizations", first))
            profiles = lower.get("profiles", pd.DataFrame())
        elif suffix == ".csv":
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            if "profile_type" in table.columns:
                orgs, profiles = pd.DataFrame(), table
            else:
                orgs, profiles = table, pd.DataFrame()
        else:
            raise InputError(f"Unknown registry file format {suffix!r}.",
                             hint="Use .csv, .json or .xlsx.")
    except (OSError, ValueError) as exc:
        raise InputError(f"Cannot read {path}: {exc}.") from exc
    organisations = (
        normalise_organisations(orgs, source=path.name) if len(orgs) else
        pd.DataFrame(columns=ORG_COLUMNS)
    )
    profs = (
        normalise_profiles(profiles, organisations, source=path.name) if len(profiles) else
        pd.DataFrame(columns=PROFILE_COLUMNS)
    )
    return organisations, profs


def org_names(org: dict[str, Any]) -> list[str]:
    """Every written name of an organisation (name, name_en, name_ko, name_zh), unique."""
    names = [_text(org.get(c)) for c in ("name", "name_en", "name_ko", "name_zh")]
    return list(dict.fromkeys(n for n in names if n))
