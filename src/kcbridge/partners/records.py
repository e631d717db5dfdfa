"""The registry and the list entries as plain records (dicts), read in plain SQL: what a
first-time ``kcbridge partners match`` reads, without pandas or Ibis (issue 14).

:func:`table_records` gives, on a DuckDB store, the rows
:func:`kcbridge.partners.storage.read_table` gives as a frame, as
``frame.to_dict("records")`` would: the same columns in the same order, the rows in the
stored order (the matcher breaks ties by position), JSON list columns read back as lists,
and for organisations and profiles an empty text for a missing cell (the frame's
``fillna("")``). Other engines get None (their callers read the frame).

:func:`org_names` lives here (``registry`` re-exports it) because screening an
organisation needs it and the registry module imports pandas to read files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

#: ``source`` of the SYNTHETIC demo rows (:mod:`kcbridge.partners.demo`)
DEMO_SOURCE = "demo"

#: list-valued columns kept as JSON text (the same as ``storage.JSON_COLUMNS``)
_JSON_COLUMNS = {"partner_orgs": ("sectors", "products"),
                 "partner_profiles": ("keywords", "sectors", "partnership_types"),
                 "trust_list_entries": ("aliases",)}
#: tables whose missing cells read as empty text
_FILLED = ("partner_orgs", "partner_profiles")


def table_records(store: Any, name: str) -> list[dict[str, Any]] | None:
    """The rows of partners table ``name`` as records (module docstring), None on engines
    other than DuckDB. NotFoundError when the table does not exist."""
    from kcbridge.store.lookups import is_duckdb, query_rows

    if name not in _JSON_COLUMNS or not is_duckdb(store):
        return None
    columns = [str(r[0]) for r in query_rows(store, name, f'DESCRIBE "{name}"')]
    rows = query_rows(store, name, f'SELECT * FROM "{name}"')
    lists = set(_JSON_COLUMNS[name])
    filled = name in _FILLED
    out = []
    for row in rows:
        record: dict[str, Any] = {}
        for column, value in zip(columns, row, strict=True):
            if column in lists:
                value = json.loads(value) if isinstance(value, str) and value else []
            elif value is None and filled:
                value = ""
            record[column] = value
        out.append(record)
    return out


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return ""
    return str(value).strip()


def org_names(org: Mapping[Any, Any]) -> list[str]:
    """Every written name of an organisation (name, name_en, name_ko, name_zh), unique."""
    names = [_text(org.get(c)) for c in ("name", "name_en", "name_ko", "name_zh")]
    return list(dict.fromkeys(n for n in names if n))


def list_version(entries: Iterable[tuple[Any, Any, Any]]) -> str:
    """A hash of one list's entries, given as (entry_id, entity_name, aliases) triples: the
    same for the same content whatever the order (``lists.list_version`` of a frame, and
    the version of the screener's kept keys, read from records)."""
    rows = sorted(f"{e}\x1f{n}\x1f{'|'.join(sorted(a or []))}" for e, n, a in entries)
    return "v-" + hashlib.sha1("\n".join(rows).encode("utf-8")).hexdigest()[:12]

