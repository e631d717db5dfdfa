"""The watch capability's own store table, ``watch_alerts``: alerts kept with a life cycle
(``new`` -> ``acknowledged`` -> ``resolved``), read, filtered and moved through it.

Only this module reads or writes the table (the service calls it; another capability asks
the watch service). Alerts are built by the pure functions of :mod:`kcbridge.watch.alerts`
(their columns are its :data:`~kcbridge.watch.alerts.ALERTS_SCHEMA`). A table written by an
earlier kcbridge gains the columns added since (``detectors``, ``breadth``, ``level``,
``confirmed_month``, ``confirmation``), keeping its rows and their status. ``store`` is the
Platform's store (DuckDB, or Spark on a Spark store).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from kcbridge.errors import NotFoundError
from kcbridge.store.lookups import is_duckdb
from kcbridge.watch import alerts as alert_rules
from kcbridge.watch.alerts import (
    ALERT_COLUMNS,
    LEVELS,
    SEVERITIES,
    STATUSES,
    check_choice,
)

if TYPE_CHECKING:  # pragma: no cover - Ibis is imported by the functions that build
    import ibis  # expressions, pandas by those that give frames: listing alerts in plain
    import pandas as pd  # SQL (DuckDB, :func:`alerts_rows`) needs neither

ALERTS_TABLE = "watch_alerts"
#: the tables this capability owns (``kcbridge.capabilities`` declares the same)
TABLES = (ALERTS_TABLE,)

#: SQL types of the columns added since the first version of the alerts table
_ADDED_COLUMNS = {"detectors": "VARCHAR", "breadth": "DOUBLE", "level": "VARCHAR",
                  "confirmed_month": "DATE", "confirmation": "VARCHAR"}


def ensure_alerts_table(store: Any) -> None:
    """Create the alerts table, or add to one written by an earlier kcbridge (one alert
    per detector, without ``detectors`` and ``breadth``) the missing columns, keeping
    its rows and their status."""
    store.ensure_table(ALERTS_TABLE, alert_rules.ALERT_TYPES)  # Ibis only to create it
    if set(_ADDED_COLUMNS) <= set(store.table(ALERTS_TABLE).columns):
        return  # up to date: a read stays a read (no transaction, no write lock)
    with store.transaction():
        added = store.add_columns(ALERTS_TABLE, _ADDED_COLUMNS)
        if "detectors" in added:
            store.con.raw_sql(f"UPDATE \"{ALERTS_TABLE}\" SET detectors = detector || ' (' "
                              "|| direction || ')'")
        if "level" in added:  # alerts raised before levels existed were never confirmed
            store.con.raw_sql(f"UPDATE \"{ALERTS_TABLE}\" SET level = 'watch', "
                              "confirmation = ''")


def save_alerts(store: Any, alerts: pd.DataFrame,
                confirmed_only: pd.DataFrame | None = None) -> int:
    """Insert alerts whose id is not stored yet; returns how many were new. A stored
    provisional alert (``watch``) that appears in ``alerts`` or ``confirmed_only`` as a
    ``warning`` becomes one (its status and note stay); ``confirmed_only`` (the alerts of
    the month before the scanned months, confirmed by their data) inserts nothing."""
    import pandas as pd

    ensure_alerts_table(store)
    extra = confirmed_only if confirmed_only is not None else alerts.iloc[0:0]
    if alerts.empty and extra.empty:
        return 0
    t = store.table(ALERTS_TABLE)
    both = pd.concat([alerts, extra], ignore_index=True) if len(extra) else alerts
    stored = t.filter(t.alert_id.isin(both["alert_id"].tolist())).select(
        "alert_id", "level").to_pandas()
    seen = set(stored["alert_id"])
    fresh = alerts[~alerts["alert_id"].isin(seen)].drop_duplicates("alert_id")
    was_watch = set(stored.loc[stored["level"].fillna("watch") != "warning", "alert_id"])
    confirmed = both[both["alert_id"].isin(was_watch) & (both["level"] == "warning")]
    confirmed = confirmed.drop_duplicates("alert_id")
    if fresh.empty and confirmed.empty:
        return 0
    with store.transaction():
        store.insert(ALERTS_TABLE, fresh)
        if len(confirmed):
            old = t.filter(t.alert_id.isin(confirmed["alert_id"].tolist())).to_pandas()
            new = confirmed.set_index("alert_id")
            for col in ("level", "confirmed_month", "confirmation"):
                old[col] = old["alert_id"].map(new[col])
            old["updated_at"] = datetime.now(UTC).replace(tzinfo=None)
            store.delete_where(ALERTS_TABLE, alert_id=confirmed["alert_id"].tolist())
            store.insert(ALERTS_TABLE, old[list(ALERT_COLUMNS)])
    return len(fresh)


def readable_alerts(store: Any) -> ibis.Table:
    """The alerts table as a reader sees it, without writing: a table written by an
    earlier kcbridge (without the columns of :data:`_ADDED_COLUMNS`) is read with them
    derived as :func:`ensure_alerts_table` would fill them (``detectors`` from the
    detector and direction, ``level`` ``watch``, ``confirmation`` empty, ``breadth`` and
    ``confirmed_month`` null), so a read-only command never needs a migration. Only a
    store with no alerts table at all is given one (:func:`ensure_alerts_table`)."""
    import ibis

    if ALERTS_TABLE not in store.list_tables():
        ensure_alerts_table(store)
    t = store.table(ALERTS_TABLE)
    missing = [c for c in _ADDED_COLUMNS if c not in t.columns]
    if not missing:
        return t
    derived: dict[str, Any] = {
        "detectors": t.detector.concat(" (", t.direction, ")"),
        "breadth": ibis.null().cast("float64"),
        "level": ibis.literal("watch"),
        "confirmed_month": ibis.null().cast("date"),
        "confirmation": ibis.literal(""),
    }
    t = t.mutate(**{c: derived[c] for c in missing})
    return t.select(*ALERT_COLUMNS)


def alerts_query(
    store: Any, *, status: str | None = None, severity: str | None = None,
    reporter: str | None = None, partner: str | None = None, product: str | None = None,
    level: str | None = None,
) -> ibis.Table:
    """The stored alerts filtered by any of the arguments (an Ibis expression); reads a
    table of an earlier kcbridge without writing (see :func:`readable_alerts`)."""
    t = readable_alerts(store)
    if level:
        check_choice(level, LEVELS, "level")
        t = t.filter(t.level == level)
    if status:
        check_choice(status, STATUSES, "status")
        t = t.filter(t.status == status)
    if severity:
        check_choice(severity, SEVERITIES, "severity")
        t = t.filter(t.severity == severity)
    for col, value in (("reporter", reporter), ("partner", partner), ("product", product)):
        if value:
            t = t.filter(t[col] == value.upper() if col != "product" else t[col] == value)
    return t


#: newest month first, then the highest score (alert_id keeps pages stable): the Ibis
#: order is ``alert_order()``, the same as SQL here (DuckDB puts nulls last either way)
ALERT_ORDER_SQL = '"month" DESC, "score" DESC, "alert_id" ASC'
#: the alerts' date columns: Ibis returns them as datetime64[s], DuckDB's .df() as [us]
_DATE_COLUMNS = [c for c, kind in alert_rules.ALERT_TYPES.items() if kind == "date"]


def alert_order() -> list[Any]:
    """:data:`ALERT_ORDER_SQL` as an Ibis ``order_by`` list."""
    import ibis

    return [ibis.desc("month"), ibis.desc("score"), "alert_id"]


def _plain_query(store: Any, filters: dict[str, str | None]
                 ) -> tuple[Any, str, list[str]] | None:
    """(DuckDB connection, WHERE clause, parameters) of the stored alerts filtered as in
    :func:`alerts_query`; None where plain SQL does not apply (not DuckDB, no alerts table
    yet, or a table of an earlier kcbridge without this version's columns)."""
    if not is_duckdb(store) or ALERTS_TABLE not in store.list_tables():
        return None
    raw = store._raw()
    columns = [r[0] for r in raw.execute(f'DESCRIBE "{ALERTS_TABLE}"').fetchall()]
    if not set(_ADDED_COLUMNS) <= set(columns):
        return None
    where: list[str] = []
    params: list[str] = []
    checks = {"level": LEVELS, "status": STATUSES, "severity": SEVERITIES}
    for col in ("level", "status", "severity", "reporter", "partner", "product"):
        value = filters.get(col)
        if not value:
            continue
        if col in checks:
            check_choice(value, checks[col], col)
        where.append(f'"{col}" = ?')
        params.append(value.upper() if col in ("reporter", "partner") else value)
    return raw, f" WHERE {' AND '.join(where)}" if where else "", params


def _window(limit: int | None, offset: int) -> str | None:
    """The LIMIT / OFFSET of a page (as :func:`~kcbridge.store.paging.fetch_page` takes
    them), or None for arguments fetch_page refuses (it says what is wrong)."""
    if offset is None or offset < 0 or (limit is not None and limit < 0):
        return None
    if limit or offset:  # an offset past any table is past this one (as in fetch_page)
        return f" LIMIT {int(limit) if limit else 'ALL'} OFFSET {min(int(offset), 2**62)}"
    return ""


def alerts_page(store: Any, *, limit: int | None, offset: int, **filters: str | None
                ) -> tuple[pd.DataFrame, int] | None:
    """One page of the stored alerts filtered as in :func:`alerts_query`, in
    :data:`ALERT_ORDER_SQL`, and how many alerts the filters match, in plain SQL (no
    Ibis): the frame ``fetch_page(alerts_query(...), alert_order(), ...)`` gives, cell
    for cell and dtype for dtype. None where plain SQL does not apply (see
    :func:`_plain_query`): the caller uses :func:`alerts_query`."""
    query, window = _plain_query(store, filters), _window(limit, offset)
    if query is None or window is None:
        return None
    raw, clause, params = query
    df = raw.execute(f'SELECT * FROM "{ALERTS_TABLE}"{clause} ORDER BY {ALERT_ORDER_SQL}'
                     f"{window}", params).df()
    total = len(df) if not limit and not offset else _count(raw, clause, params)
    for col in _DATE_COLUMNS:
        df[col] = df[col].astype("datetime64[s]")
    return df.reset_index(drop=True), total


def alerts_rows(store: Any, columns: list[str], *, limit: int | None, offset: int,
                **filters: str | None) -> tuple[list[dict[str, Any]], int] | None:
    """:func:`alerts_page` as plain rows of ``columns`` (dates as ``datetime.date``),
    without pandas: what a terminal listing reads. None where plain SQL does not apply."""
    query, window = _plain_query(store, filters), _window(limit, offset)
    if query is None or window is None:
        return None
    raw, clause, params = query
    unknown = sorted(set(columns) - set(ALERT_COLUMNS))
    if unknown:
        raise ValueError(f"not alert columns: {unknown}")  # a caller's bug, not the user's
    picked = ", ".join(f'"{c}"' for c in columns)
    cursor = raw.execute(f'SELECT {picked} FROM "{ALERTS_TABLE}"{clause} ORDER BY '
                         f"{ALERT_ORDER_SQL}{window}", params)
    rows = [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]
    total = len(rows) if not limit and not offset else _count(raw, clause, params)
    return rows, total


def _count(raw: Any, clause: str, params: list[str]) -> int:
    return int(raw.execute(f'SELECT count(*) FROM "{ALERTS_TABLE}"{clause}',
                           params).fetchone()[0])


def list_alerts(store: Any, *, limit: int | None = None, **filters: str | None) -> pd.DataFrame:
    """Stored alerts in :data:`ALERT_ORDER_SQL`, filtered as in :func:`alerts_query`."""
    t = alerts_query(store, **filters).order_by(alert_order())
    if limit:
        t = t.limit(limit)
    return t.to_pandas()


def get_alert(store: Any, alert_id_: str) -> dict[str, Any]:
    t = readable_alerts(store)
    rows = t.filter(t.alert_id == alert_id_).to_pandas()
    if rows.empty:
        raise NotFoundError(f"No alert {alert_id_!r}.",
                            hint="List alerts with `kcbridge watch alerts`.")
    return rows.iloc[0].to_dict()


def set_alert_status(store: Any, alert_id_: str, status: str,
                     note: str | None = None) -> dict[str, Any]:
    """Move an alert through its life cycle (any of :data:`STATUSES`)."""
    import pandas as pd

    check_choice(status, STATUSES, "status")
    ensure_alerts_table(store)  # a write: an earlier kcbridge's table gains its columns
    row = get_alert(store, alert_id_)
    row["status"] = status
    row["updated_at"] = datetime.now(UTC).replace(tzinfo=None)
    if note is not None:
        row["note"] = note
    with store.transaction():
        store.delete_where(ALERTS_TABLE, alert_id=alert_id_)
        store.insert(ALERTS_TABLE, pd.DataFrame([row]))
    return row
