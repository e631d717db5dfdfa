"""Kept match answers, and the exposure log in plain SQL (issue 14: ``partners match`` in a
new process without pandas, NumPy or the matcher when nothing it depends on changed).

A match's answer (its rows, exactly as :meth:`PartnersService.match` returns them) depends
on the registry (organisations and profiles), the loaded sensitive-entity lists, the
annual trade flows (complementarity), the exposure counts (views before today), the day
(profiles expire) and the code. :func:`answer_version` is all of them in one text, read in
plain SQL on a DuckDB store: a hash of every row of the three partners tables with its
position in the stored order (the matcher breaks ties by it), the flows version, the counts, the
dates and a digest of the partners, reference and trade packages. The answer is kept in
the store's derived results as JSON under (arguments, that version): any change is a
miss, and the answer is computed again. Other engines keep nothing (None).

:func:`exposure_counts_sql` and :func:`insert_exposure_sql` count and record the profiles
shown at the top ranks (the service's ``exposure_counts`` and ``_write_exposure``) on
DuckDB without pandas; tests compare both with the pandas versions.
"""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import date, datetime
from typing import Any

from kcbridge.store.derived import DerivedResults, code_digest, package_digest

#: the tables a match reads (and so the tables whose rows are part of its version)
MATCH_INPUTS = ("partner_orgs", "partner_profiles", "trust_list_entries")
EXPOSURE_TABLE, PROFILES_TABLE = "partner_exposure", "partner_profiles"


def _is_duckdb(store: Any) -> bool:
    from kcbridge.store.lookups import is_duckdb

    return bool(is_duckdb(store)) and store._raw() is not None


def _text(value: str) -> str | None:
    """``value`` as an SQL string literal (None when it cannot be one: a NUL character)."""
    if "\x00" in value:
        return None
    return "'" + value.replace("'", "''") + "'"


def _timestamp(value: datetime) -> str:
    return f"TIMESTAMP '{value.isoformat(sep=' ')}'"


def exposure_counts_sql(store: Any, start: datetime, end: datetime) -> dict[str, int] | None:
    """Per profile, the distinct organisations (the viewing profile's owner; the viewing
    profile itself when it is not in the registry) shown it at the top ranks with
    ``start <= shown_at < end``; None on engines other than DuckDB."""
    from kcbridge.store.lookups import query_rows

    if not _is_duckdb(store):
        return None
    sql = (f"SELECT e.profile_id, count(DISTINCT CASE WHEN p.profile_id IS NULL THEN "
           f"e.shown_to ELSE coalesce(p.org_id, '') END) FROM {EXPOSURE_TABLE} e LEFT JOIN "
           f"(SELECT profile_id, any_value(org_id) AS org_id FROM {PROFILES_TABLE} "
           f"GROUP BY profile_id) p ON p.profile_id = e.shown_to "
           f"WHERE e.shown_at >= {_timestamp(start)} AND e.shown_at < {_timestamp(end)} "
           f"AND e.profile_id IS NOT NULL GROUP BY e.profile_id ORDER BY e.profile_id")
    return {str(p): int(n) for p, n in query_rows(store, EXPOSURE_TABLE, sql)}


def insert_exposure_sql(store: Any, shown: list[tuple[str, str]], at: datetime) -> bool:
    """Record (profile shown, profile it was shown to) pairs at time ``at`` in one plain SQL
    INSERT (no parameters: DuckDB's binding imports pandas). False when this cannot be
    done so (another engine, a NUL character): the caller inserts a frame instead."""
    if not _is_duckdb(store):
        return False
    values = []
    for profile_id, shown_to in shown:
        a, b = _text(str(profile_id)), _text(str(shown_to))
        if a is None or b is None:
            return False
        values.append(f"({a}, {b}, {_timestamp(at)})")
    if not values:
        return True
    with store.transaction():
        store.mark_written()
        store._raw().execute(f"INSERT INTO {EXPOSURE_TABLE} (profile_id, shown_to, shown_at) "
                             f"VALUES {', '.join(values)}")
    return True


def inputs_version(store: Any) -> str | None:
    """The digests of the registry and list tables a match reads (:data:`MATCH_INPUTS`);
    None on other engines or when one is missing (the service creates it when it
    computes). The service also rebuilds its matcher and screener when this changes (a
    server process sees another process's import)."""
    from kcbridge.errors import KcbridgeError

    if not _is_duckdb(store):
        return None
    try:
        from kcbridge.store.lookups import table_digest

        return "|".join(table_digest(store, name) for name in MATCH_INPUTS)
    except KcbridgeError:
        return None


def answer_version(store: Any, exposure: dict[str, int] | None, today: date,
                   inputs: str | None = None) -> str | None:
    """Everything a match's answer depends on besides its arguments (module docstring),
    ``inputs`` being :func:`inputs_version` when the caller has it; None when answers are
    not kept for this store."""
    inputs = inputs or inputs_version(store)
    if inputs is None:
        return None
    try:
        flows = store.flows_version("trade_annual")
    except Exception:  # noqa: BLE001 - no flows: complementarity is not available either
        flows = "no-flows"
    counts = hashlib.sha1(json.dumps(sorted((exposure or {}).items())).encode()).hexdigest()
    code = package_digest("kcbridge.partners", "kcbridge.reference", "kcbridge.trade")
    return "|".join([inputs, flows, counts, today.isoformat(), date.today().isoformat(),
                     code, code_digest("kcbridge.formats")])


def kept_answer(store: Any, name: str, key: Any, version: str | None) -> Any:
    """The answer kept for (``name``, ``key``, ``version``), or None; the caller's own copy
    (an in-memory store keeps the object itself)."""
    if version is None:
        return None
    cache = DerivedResults.for_store(store)
    found = cache.get_json(name, key, version)
    return copy.deepcopy(found) if cache.folder is None else found


def keep_answer(store: Any, name: str, key: Any, version: str | None, value: Any) -> None:
    if version is not None:
        cache = DerivedResults.for_store(store)
        cache.put_json(name, key, version,
                       copy.deepcopy(value) if cache.folder is None else value)
