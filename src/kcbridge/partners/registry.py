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
``language`` (``en``/``ko``/``zh``), ``expiry`` (ISO date text or empty),
``profile_type_words`` (the label as written when its type was read from its words, else
empty; a store made before this column reads as empty).

``profile_type`` may be written as people write it ("Technology Offer", "TO", "BR",
"R&D request", 기술 제안, 技术需求 ...): :mod:`kcbridge.partners.profile_types` maps it to
the canonical type and refuses unknown labels with the accepted list. A label that is
neither canonical nor a known label but whose words say a type ("해외 사업 파트너를
찾습니다") is read from them and kept in ``profile_type_words``: such a reading can be the
wrong way round, and matching gates it more softly (:func:`kcbridge.partners.index.type_fit`).

When a file gives only a summary, ``offer`` and ``need`` are split from it
(:func:`kcbridge.partners.offer_need.split_offer_need`: cue phrases in three languages,
then the profile type); the same text is never used for both, and a side the summary does
not state stays empty. A profile without sectors gets them from its own text
(:func:`kcbridge.partners.controls.sectors_from_text`), else from its organisation.
List-valued cells in files may be JSON arrays or ``;``-separated text; a JSON object where
text is expected is refused.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from kcbridge.errors import InputError
from kcbridge.partners.lists import split_aliases
from kcbridge.partners.offer_need import split_offer_need
from kcbridge.partners.profile_types import (
    OFFER_TYPES,
    PROFILE_TYPES,
    canonical_profile_type,
    read_from_words,
)
from kcbridge.partners.records import org_names  # noqa: F401 - re-exported (screening needs no pandas)
from kcbridge.partners.summary_direction import side_from_summary

__all__ = ["OFFER_TYPES", "PROFILE_TYPES", "normalise_organisations", "normalise_profiles",
           "read_registry_file", "org_names", "stable_id"]

ORG_KINDS = ("enterprise", "research_institute", "university", "investor", "agency")
SIZE_CLASSES = ("micro", "small", "medium", "large")
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
    "profile_type_words",
]
#: profile columns added after stores were first made (kept as text); ``storage`` adds
#: them to an older store's table before writing profiles
ADDED_PROFILE_COLUMNS = ("profile_type_words",)
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


def _shown(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _refuse_objects(rec: Mapping[Any, Any], list_fields: tuple[str, ...], where: str) -> None:
    """JSON objects (and nested lists) are never stored as text: refuse them by field."""
    for key, value in rec.items():
        bad = isinstance(value, dict) or (
            isinstance(value, list | tuple) and (
                key not in list_fields or any(isinstance(v, dict | list) for v in value)))
        if bad:
            kind = "a JSON object" if isinstance(value, dict) else "a list"
            raise InputError(
                f"{where}: field {key!r} holds {kind} ({_shown(value)}).",
                hint=("Give plain text there" + (f"; only {', '.join(list_fields)} may be lists "
                      "of text." if list_fields else ".")),
            )


def _choice(value: Any, allowed: tuple[str, ...], what: str, where: str) -> str:
    text = _text(value).lower().replace(" ", "_").replace("-", "_")
    if text and text not in allowed:
        raise InputError(
            f"{where}: {what} {_shown(value)!r} is not one of "
            f"{', '.join(a for a in allowed if a)}.",
            hint=f"Fix the {what} column.",
        )
    return text


def _sector(value: str, where: str) -> str:
    """A sector id from an id or name; a long text is refused without echoing it whole."""
    from kcbridge.errors import KcbridgeError
    from kcbridge.reference.sectors import get_sector

    if len(value) > 80:
        raise InputError(f"{where}: sector {_shown(value)!r} is not a sector id or name.",
                         hint="Use a sector id such as batteries (`kcbridge trust guideline` "
                              "lists them).")
    try:
        return get_sector(value).id
    except KcbridgeError as exc:
        raise InputError(f"{where}: {exc.message}", hint=exc.hint) from exc


def _known_countries() -> set[str]:
    from kcbridge.reference.countries import country_table

    return set(country_table()["iso3"])


def normalise_organisations(raw: pd.DataFrame, source: str = "") -> pd.DataFrame:
    """Validate and complete an organisations frame (see ``ORG_COLUMNS``)."""

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
        _refuse_objects(rec, LIST_FIELDS_ORG, where)
        name = _text(rec.get("name"))
        if not name:
            raise InputError(f"{where}: the organisation has no name.")
        country = _text(rec.get("country")).upper()
        if country and country not in _known_countries():
            raise InputError(
                f"{where}: country {_shown(rec.get('country'), 20)!r} is not an ISO3 code.",
                hint="Use three-letter codes such as KOR, CHN, JPN (empty when unknown).",
            )
        sectors = [_sector(s, where) for s in split_aliases(rec.get("sectors"))]
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
    """Validate and complete a profiles frame (see ``PROFILE_COLUMNS``). Profiles name
    their organisation by ``org_id`` or by ``org_name`` (matched to ``organisations``, in
    any of its written names); a profile of an organisation not in ``organisations`` is
    refused with the name it gives."""
    from kcbridge.partners.controls import sectors_from_text

    orgs = organisations if organisations is not None else pd.DataFrame(columns=ORG_COLUMNS)
    org_rows = {str(r["org_id"]): r for r in orgs.to_dict("records")}
    by_name: dict[str, str] = {}
    for org in org_rows.values():
        for written in org_names(org):
            by_name.setdefault(written.casefold(), str(org["org_id"]))
    rows = []
    read_labels: list[dict[str, str]] = []  # labels whose type was read from their words
    for i, rec in enumerate(raw.to_dict("records")):
        where = f"{source or 'profiles'} row {i + 1}"
        _refuse_objects(rec, LIST_FIELDS_PROFILE, where)
        given_id, given_name = _text(rec.get("org_id")), _text(rec.get("org_name"))
        org_id = given_id if given_id in org_rows else by_name.get(given_name.casefold(), "")
        if not org_id:
            named = (f"org_id {_shown(given_id)!r}" if given_id else
                     f"org_name {_shown(given_name)!r}" if given_name else "no organisation")
            raise InputError(
                f"{where}: the profile names {named}, which is neither in this file nor in "
                "the registry.",
                hint="Add the organisation (organisations list, or `kcbridge partners import "
                     "ORGS_FILE` first), or fix org_id / org_name.",
            )
        ptype = canonical_profile_type(rec.get("profile_type"), where)
        summary = _text(rec.get("summary"))
        words = ""  # the label, when its type was read from its words
        if read_from_words(rec.get("profile_type")):
            words = str(rec.get("profile_type")).strip()
            ptype, why = side_from_summary(ptype, words, summary)
            read = {"label": words, "read_as": ptype, "where": where}
            read_labels.append(read | ({"because": why} if why else {}))
        partnership = [
            _choice(p, PARTNERSHIP_TYPES, "partnership type", where)
            for p in split_aliases(rec.get("partnership_types"))
        ]
        org = org_rows.get(org_id, {})
        offer, need = _text(rec.get("offer")), _text(rec.get("need"))
        if summary and (not offer or not need):
            derived = split_offer_need(summary, ptype)
            offer = offer or (derived.offer if derived.offer != need else "")
            need = need or (derived.need if derived.need != offer else "")
        if not (offer or need or summary):
            raise InputError(f"{where}: the profile has no summary, offer or need.",
                             hint="Give a summary (or offer and need) for every profile.")
        title = _text(rec.get("title")) or _shown(summary or offer or need, 80)
        keywords = split_aliases(rec.get("keywords"))
        sectors = ([_sector(s, where) for s in split_aliases(rec.get("sectors"))]
                   or sectors_from_text(title, summary, offer, need, " ; ".join(keywords))
                   or list(org.get("sectors") or []))
        rows.append({
            "profile_id": _text(rec.get("profile_id")) or stable_id("prof", org_id, ptype, title),
            "org_id": org_id,
            "profile_type": ptype,
            "title": title,
            "summary": summary,
            "offer": offer,
            "need": need,
            "keywords": keywords,
            "sectors": list(dict.fromkeys(sectors)),
            "development_stage": _choice(rec.get("development_stage"), DEVELOPMENT_STAGES,
                                         "development_stage", where),
            "partnership_types": partnership,
            "language": _text(rec.get("language")).lower(),
            "expiry": _text(rec.get("expiry")),
            "profile_type_words": words,
        })
    out = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    out.attrs["labels_read_from_words"] = read_labels
    dupes = out.loc[out["profile_id"].duplicated(), "profile_id"].tolist()
    if dupes:
        raise InputError(f"{source or 'profiles'}: profile_id values {dupes[:5]} appear more "
                         "than once.", hint="Give every profile its own profile_id.")
    return out


def _json_registry(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path.name} is not UTF-8 text (byte {exc.start} cannot be decoded).",
            hint="Save the file as UTF-8 (Excel: 'CSV UTF-8'; editors: 'Save with encoding').",
        ) from exc
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path.name} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                         f"column {exc.colno}.",
                         hint="Fix the JSON (a truncated file ends too early).") from exc
    if isinstance(raw, list):
        raw = {"organisations": raw}
    if not isinstance(raw, dict):
        raise InputError(
            f"{path.name} holds a JSON {type(raw).__name__}, not a registry.",
            hint='Give {"organisations": [...], "profiles": [...]} or an array of '
                 "organisations.",
        )
    parts = {}
    for key in ("organisations", "profiles"):
        value = raw.get(key, raw.get("organizations") if key == "organisations" else None)
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
            raise InputError(f"{path.name}: {key!r} is not an array of objects.",
                             hint=f'Give "{key}": [{{"name": ...}}, ...].')
        parts[key] = pd.DataFrame(value)
    return parts["organisations"], parts["profiles"]


def _excel_registry(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    import zipfile

    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=str)
    except (zipfile.BadZipFile, ValueError, KeyError, OSError, EOFError) as exc:
        raise InputError(
            f"{path.name} cannot be read as an Excel workbook (it is damaged, truncated or "
            "not an .xlsx file).",
            hint="Open it in Excel or LibreOffice and save it again as .xlsx, or export CSV.",
        ) from exc
    if not sheets:
        raise InputError(f"{path.name} has no sheets.", hint="Add an 'organisations' sheet.")
    lower = {str(k).lower(): v for k, v in sheets.items()}
    first = next(iter(sheets.values()))
    orgs = lower.get("organisations", lower.get("organizations", first))
    return orgs.dropna(how="all"), lower.get("profiles", pd.DataFrame()).dropna(how="all")


def read_registry_file(
    path: str | Path, known_organisations: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Organisations and profiles from a file.

    - JSON: ``{"organisations": [...], "profiles": [...]}`` or an array of organisations
      (UTF-8, with or without a byte-order mark).
    - Excel: sheets ``organisations`` and (optional) ``profiles``.
    - CSV: organisations, or profiles when it has a ``profile_type`` column.

    Profiles may belong to organisations of the same file or of ``known_organisations``
    (those already in the registry); any other is refused with its name. An empty file, or
    one with neither organisations nor profiles, is refused.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"No such file: {path.name}.", hint="Check the path.")
    if path.stat().st_size == 0:
        raise InputError(f"{path.name} is empty.",
                         hint="Give a file with organisations (and profiles) to import.")
    suffix = path.suffix.lower()
    if suffix == ".json":
        orgs, profiles = _json_registry(path)
    elif suffix in (".xlsx", ".xlsm"):
        orgs, profiles = _excel_registry(path)
    elif suffix == ".csv":
        try:
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"{path.name} is not UTF-8 text.",
                             hint="Save it as UTF-8 (Excel: 'CSV UTF-8').") from exc
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise InputError(f"{path.name} cannot be read as CSV: {_shown(exc, 120)}.",
                             hint="Check the delimiter (comma) and quoting.") from exc
        orgs, profiles = ((pd.DataFrame(), table) if "profile_type" in table.columns
                          else (table, pd.DataFrame()))
    else:
        raise InputError(f"Unknown registry file format {suffix!r}.",
                         hint="Use .csv, .json or .xlsx.")
    if not len(orgs) and not len(profiles):
        raise InputError(f"{path.name} holds no organisations and no profiles.",
                         hint='Give {"organisations": [...], "profiles": [...]} (JSON), '
                              "an organisations sheet (Excel) or CSV rows.")
    organisations = (
        normalise_organisations(orgs, source=path.name) if len(orgs) else
        pd.DataFrame(columns=ORG_COLUMNS)
    )
    known = organisations
    if known_organisations is not None and len(known_organisations):
        extra = known_organisations[~known_organisations["org_id"].isin(organisations["org_id"])]
        known = pd.concat([organisations, extra[ORG_COLUMNS]], ignore_index=True)
    profs = (
        normalise_profiles(profiles, known, source=path.name) if len(profiles) else
        pd.DataFrame(columns=PROFILE_COLUMNS)
    )
    return organisations, profs

