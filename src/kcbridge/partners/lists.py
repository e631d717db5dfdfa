"""Readers for sensitive-entity and export-control lists.

Every reader returns the same frame, one row per listed entity (``LIST_COLUMNS``):
``list_id`` (e.g. ``cn-unreliable-entity-list``, ``us-entity-list``), ``entry_id``
(unique within the list), ``entity_name``, ``aliases`` (a Python list of other written
names: other scripts, former names, abbreviations), ``country`` (the list's issuing
country, ISO2 lower case as the PRC file writes it, or as the CSV gives it),
``entity_type``, ``reason``, ``date_added`` (ISO date text), ``source`` (URL or
list name).

Formats:

- **PRC JSON** (``cn_export_control_entities.json``): a JSON array of objects with
  ``id, list_id, entity_name, aliases, country, entity_type, reason, date_added,
  source_url, source_list_name``.
- **Simple CSV** for any other list (US Entity List, Japan's End User List, an
  internal watch list): columns ``list_id, entity_name`` required; ``aliases``
  (separated by ``;`` or ``|``), ``country``, ``reason``, ``date_added``,
  ``entry_id``, ``entity_type``, ``source`` optional. A file without ``list_id`` may be
  read with ``list_id=...`` given by the caller.

Entry ids come from the list's own key (``id`` / ``entry_id``) or, when it has none, from a
hash of the entry's content (list, normalised name, country), never from its position: a
re-issued list without one entity leaves every other entity's id unchanged, so the service
can replace a list as a whole and record who was delisted. ``list_version`` is a hash of a
list's entries. Empty files, non-UTF-8 text and JSON that is not an array of entries are
refused with what to fix.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd

from kcbridge.errors import InputError

LIST_COLUMNS = [
    "list_id", "entry_id", "entity_name", "aliases", "country", "entity_type", "reason",
    "date_added", "source",
]
_ALIAS_SPLIT = re.compile(r"\s*[;|]\s*")


def split_aliases(value: Any) -> list[str]:
    """Aliases from a list, a JSON array text, or ``;``/``|``-separated text."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value).strip()
    if text.startswith("["):
        try:
            return split_aliases(json.loads(text))
        except json.JSONDecodeError:
            pass
    return [part for part in _ALIAS_SPLIT.split(text) if part]


def _finish(df: pd.DataFrame, where: str) -> pd.DataFrame:
    for col in LIST_COLUMNS:
        if col not in df.columns:
            df[col] = None
    df = df[LIST_COLUMNS].copy()
    df["aliases"] = df["aliases"].map(split_aliases)
    df["entity_name"] = df["entity_name"].astype(str).str.strip()
    empty = df["entity_name"].isin(["", "nan", "None"])
    if empty.any():
        raise InputError(
            f"{where}: {int(empty.sum())} entries have no entity_name.",
            hint="Every row needs the listed entity's name in the entity_name column.",
        )
    missing_id = df["entry_id"].isna() | (df["entry_id"].astype(str).str.strip() == "")
    df.loc[missing_id, "entry_id"] = [
        content_id(str(lid), str(name), "" if country is None or pd.isna(country) else str(country))
        for lid, name, country in zip(df.loc[missing_id, "list_id"],
                                      df.loc[missing_id, "entity_name"],
                                      df.loc[missing_id, "country"], strict=True)
    ]
    for col in ("list_id", "entry_id", "country", "entity_type", "reason", "date_added", "source"):
        df[col] = df[col].map(lambda v: None if v is None or pd.isna(v) else str(v).strip())
    df["entity_type"] = df["entity_type"].fillna("organization")
    # The same entity written twice: keep it once. One key given to different entities (the
    # PRC file has such ids): each gets the key plus a hash of its own content, stable
    # across re-imports.
    df = df[~df.duplicated(["list_id", "entry_id", "entity_name", "country"])]
    shared = df.duplicated(["list_id", "entry_id"], keep=False)
    df.loc[shared, "entry_id"] = [
        f"{eid}~{content_id(str(lid), str(name), str(country or ''))[-10:]}"
        for eid, lid, name, country in zip(df.loc[shared, "entry_id"], df.loc[shared, "list_id"],
                                           df.loc[shared, "entity_name"],
                                           df.loc[shared, "country"], strict=True)]
    return df.reset_index(drop=True)


def content_id(list_id: str, entity_name: str, country: str = "") -> str:
    """Id of an entry without its own key: a hash of its list, normalised name, country."""
    name = re.sub(r"\s+", " ", entity_name.strip().casefold())
    digest = hashlib.sha1(f"{list_id}\x1f{name}\x1f{country.strip().casefold()}".encode())
    return f"{list_id}-h{digest.hexdigest()[:10]}"


def list_version(entries: pd.DataFrame) -> str:
    """A hash of one list's entries (ids, names, aliases), the same for the same content
    (:func:`kcbridge.partners.records.list_version`)."""
    from kcbridge.partners.records import list_version as version_of

    return version_of(zip(entries["entry_id"], entries["entity_name"], entries["aliases"],
                          strict=True))


def read_prc_json(path: str | Path) -> pd.DataFrame:
    """Entries of a PRC-format JSON list file (see the module docstring)."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"The list file {path.name} is not UTF-8 text.",
                         hint="Save it as UTF-8 and import it again.") from exc
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"The list file {path.name} is not valid JSON ({exc.msg}, line {exc.lineno}).",
            hint="Give a JSON array of entries with entity_name, aliases and list_id.",
        ) from exc
    if isinstance(raw, dict):
        raw = raw.get("entities") or raw.get("entries") or []
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise InputError(
            f"{path.name} is not a JSON array of list entries.",
            hint="Expected [{\"entity_name\": ..., \"aliases\": [...], \"list_id\": ...}, ...].",
        )
    df = pd.DataFrame(raw)
    if "entity_name" not in df.columns:
        raise InputError(f"{path.name}: the entries have no entity_name field.",
                         hint="Give every entry an entity_name.")
    if df.empty:
        raise InputError(f"{path.name} holds no entries.",
                         hint="A list is replaced as a whole: give every entry it holds.")
    df = df.rename(columns={"id": "entry_id"})
    if "source" not in df.columns:
        df["source"] = df.get("source_url", df.get("source_list_name"))
    if "list_id" not in df.columns:
        df["list_id"] = path.stem
    df["list_id"] = df["list_id"].fillna(path.stem)
    return _finish(df, path.name)


def read_list_csv(path: str | Path, list_id: str | None = None) -> pd.DataFrame:
    """Entries of a simple-CSV list file (see the module docstring)."""
    path = Path(path)
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"The list file {path.name} is not UTF-8 text.",
                         hint="Save it as UTF-8 (Excel: 'CSV UTF-8').") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"The list file {path.name} cannot be read as CSV.",
                         hint="Check the delimiter (comma) and quoting.") from exc
    if df.empty:
        raise InputError(f"{path.name} holds no entries.",
                         hint="A list is replaced as a whole: give every entry it holds.")
    df.columns = [c.strip().lower() for c in df.columns]
    df = df.rename(columns={"name": "entity_name", "id": "entry_id", "alias": "aliases"})
    if "entity_name" not in df.columns:
        raise InputError(
            f"{path.name} has no entity_name column (it has: {', '.join(df.columns)[:200]}).",
            hint="Columns: list_id, entity_name, aliases, country, reason, date_added.",
        )
    if "list_id" not in df.columns or (df["list_id"] == "").all():
        if not list_id:
            raise InputError(
                f"{path.name} has no list_id column.",
                hint="Add a list_id column, or pass --list-id (e.g. us-entity-list).",
            )
        df["list_id"] = list_id
    elif list_id:
        df.loc[df["list_id"] == "", "list_id"] = list_id
    df = df.replace({"": None})
    return _finish(df, path.name)


def read_list_file(path: str | Path, list_id: str | None = None) -> pd.DataFrame:
    """Entries of a list file, by extension: ``.json`` (PRC format) or ``.csv``."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"No such list file: {path.name}.", hint="Check the path.")
    if path.stat().st_size == 0:
        raise InputError(f"The list file {path.name} is empty.",
                         hint="Give a JSON array or a CSV with a header and one row per entry.")
    suffix = path.suffix.lower()
    if suffix == ".json":
        df = read_prc_json(path)
        if list_id:
            df["list_id"] = list_id
        return df
    if suffix in (".csv", ".txt"):
        return read_list_csv(path, list_id=list_id)
    raise InputError(
        f"Unknown list format {suffix!r} for {path.name}.",
        hint="Use the PRC JSON format (.json) or the simple CSV format (.csv).",
    )
