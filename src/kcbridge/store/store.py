"""The store: one Ibis connection (a DuckDB file by default) and every write to it.

Reads are Ibis expressions over ``Store.table(name)``; the same expressions run on any
Ibis backend (DuckDB by default, PySpark for data that outgrows one machine). Writes go
through this class only, inside transactions: on DuckDB a failed load rolls back and
leaves the store exactly as it was.

Sharing a DuckDB file between processes: DuckDB lets one process at a time open a file
for writing. ``Store.release()`` closes the connection (the next use reopens it), so a
long-running process (``kcbridge serve`` releases after every request) does not keep
the CLI out; opening waits up to ``lock_wait`` seconds for another process to let go,
then raises :class:`~kcbridge.errors.StoreBusyError`. Every committed write changes
``data_version()``, so a process can tell that another one changed the store while it
was released and drop what it derived from the old data.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeAlias

import ibis
import pandas as pd
import pyarrow as pa

from kcbridge.errors import InputError, NotFoundError, StoreBusyError, StoreError
from kcbridge.store.schema import CORE_TABLES, LOADS, PARTITION_KEYS

#: What to run when a table is empty, for messages that say how to fix it.
HOW_TO_FILL = {
    "trade_annual": "Run `kcbridge demo` for the synthetic world, or `kcbridge load baci FILE` "
    "(or `load comtrade`, `load exports-world`) for real data.",
    "trade_monthly": "Run `kcbridge demo`, or `kcbridge load kcs FILE` / "
    "`kcbridge load comtrade FILE` with monthly data.",
}

Data: TypeAlias = pd.DataFrame | pa.Table | ibis.Table


class Store:
    """Ibis-backed store. ``url`` is an Ibis connection URL (``duckdb:///path.duckdb``,
    ``duckdb://:memory:``, ``pyspark://`` ...)."""

    def __init__(self, url: str, *, lock_wait: float = 0.0,
                 on_wait: Callable[[str], None] | None = None) -> None:
        self.url = url
        self.lock_wait = lock_wait
        self.on_wait = on_wait  # told once, with a message, when opening has to wait
        self._lock = threading.RLock()
        self._in_transaction = False
        self._con: Any = None
        self._written: set[str] = set()  # data versions this object committed
        self._file = (url.startswith("duckdb://") and not url.startswith("duckdb://:memory:")
                      and url != "duckdb://")
        if self._file:
            path = Path(url[len("duckdb://") :])
            path.parent.mkdir(parents=True, exist_ok=True)
        self.backend = self.con.name
        for name, schema in CORE_TABLES.items():
            self.ensure_table(name, schema)

    @property
    def con(self) -> Any:
        """The Ibis backend, (re)opened on first use after :meth:`release`."""
        with self._lock:
            if self._con is None:
                self._con = self._open()
            return self._con

    def _open(self) -> Any:
        deadline = time.monotonic() + max(self.lock_wait, 0.0)
        told = False
        while True:
            try:
                return ibis.connect(self.url)
            except Exception as exc:  # the backend's own error type varies
                lock = re.search(r"Conflicting lock is held in .*?\(PID (\d+)\)", str(exc))
                if not lock:
                    raise StoreError(
                        f"Cannot open the store at {self.url}: {exc}.",
                        hint="Check KCBRIDGE_HOME / KCBRIDGE_STORE_URL, and that no other "
                        "process holds the DuckDB file open for writing.",
                    ) from exc
                message = (f"The store {self.url} is in use by another process "
                           f"(PID {lock.group(1)}), for example a running load.")
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        message,
                        hint=f"Waited {self.lock_wait:g} s. Retry when it has finished, raise "
                        "KCBRIDGE_LOCK_WAIT, or point KCBRIDGE_HOME at another folder.",
                    ) from exc
                if not told and self.on_wait is not None:
                    self.on_wait(f"{message} Waiting up to {self.lock_wait:g} s ...")
                    told = True
                time.sleep(0.1)

    def release(self) -> bool:
        """Close the connection of a DuckDB file store so other processes can open the
        file; the next use reopens it. No-op (False) inside a transaction, for in-memory
        stores (they would lose their data) and for other backends."""
        with self._lock:
            if not self._file or self._in_transaction or self._con is None:
                return False
            con, self._con = self._con, None
            try:
                con.disconnect()
            except Exception:  # noqa: BLE001 - closing is best effort
                pass
            return True

    @property
    def connected(self) -> bool:
        return self._con is not None

    def data_version(self) -> str | None:
        """Changes with every committed write (DuckDB); None before the first one."""
        return self.meta("data_version")

    def committed(self, version: str | None) -> bool:
        """True when ``version`` (a :meth:`data_version`) came from a write of this object
        (not from another process)."""
        return version in self._written

    # ---- reading -------------------------------------------------------------
    def table(self, name: str) -> ibis.Table:
        con = self.con  # a busy store is a StoreBusyError, not a missing table
        try:
            return con.table(name)
        except Exception as exc:
            raise NotFoundError(
                f"The store has no table {name!r}.",
                hint=HOW_TO_FILL.get(name, "Run the command that creates it first."),
            ) from exc

    def list_tables(self) -> list[str]:
        return sorted(self.con.list_tables())

    def count(self, name: str) -> int:
        return int(self.table(name).count().execute())

    def require_rows(self, name: str) -> ibis.Table:
        """The table, or a NotFoundError saying how to fill it when it is empty."""
        t = self.table(name)
        if int(t.count().execute()) == 0:
            raise NotFoundError(f"The store holds no rows in {name}.", hint=HOW_TO_FILL.get(name))
        return t

    def to_pandas(self, expr: ibis.Table | ibis.Expr) -> pd.DataFrame:
        return expr.to_pandas()

    def meta(self, key: str, default: str | None = None) -> str | None:
        m = self.table("meta")
        rows = m.filter(m.key == key).value.to_pandas()
        return str(rows.iloc[-1]) if len(rows) else default

    def is_synthetic(self) -> bool:
        return self.meta("synthetic") == "true"

    # ---- writing -------------------------------------------------------------
    def ensure_table(self, name: str, schema: ibis.Schema) -> None:
        """Create ``name`` with ``schema`` unless it exists (capabilities call this)."""
        with self._lock:
            if name in self.con.list_tables():
                return
            self.con.create_table(name, schema=schema)

    def add_columns(self, name: str, columns: dict[str, str]) -> list[str]:
        """Migration: add the ``columns`` (name -> SQL type) that table ``name`` lacks,
        keeping its rows; returns the columns added."""
        have = set(self.table(name).columns)
        missing = [c for c in columns if c not in have]
        if not missing:
            return []
        with self.transaction():
            for col in missing:
                self.con.raw_sql(f'ALTER TABLE "{name}" ADD COLUMN "{col}" {columns[col]}')
        return missing

    @property
    def _duck(self) -> Any:
        return self.con.con if self.backend == "duckdb" else None

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All writes inside commit together or not at all (DuckDB). Nested calls join
        the outer transaction. Other backends run the writes without a transaction."""
        with self._lock:
            if self._in_transaction or self._duck is None:
                yield self
                return
            duck = self._duck
            duck.execute("BEGIN TRANSACTION")
            self._in_transaction = True
            try:
                yield self
                version = uuid.uuid4().hex
                duck.execute("DELETE FROM meta WHERE key = 'data_version'")
                duck.execute("INSERT INTO meta VALUES ('data_version', ?)", [version])
            except BaseException:
                duck.execute("ROLLBACK")
                raise
            else:
                duck.execute("COMMIT")
                self._written.add(version)
            finally:
                self._in_transaction = False

    def insert(self, name: str, data: Data) -> int:
        """Append rows (columns matched by name, cast to the table's schema)."""
        target = self.table(name)
        schema = target.schema()
        with self.transaction():
            if isinstance(data, ibis.Table):
                expr = data.select([data[c].cast(schema[c]) for c in schema.names])
                n = int(expr.count().execute())
                if self._duck is not None:
                    sql = ibis.to_sql(expr, dialect="duckdb")
                    self._duck.execute(f'INSERT INTO "{name}" {sql}')
                else:
                    self.con.insert(name, expr)
                return n
            frame = _as_arrow(data, schema)
            if frame.num_rows == 0:
                return 0
            if self._duck is not None:
                tmp = f"_kcb_ins_{uuid.uuid4().hex[:8]}"
                self._duck.register(tmp, frame)
                try:
                    cols = ", ".join(f'"{c}"' for c in schema.names)
                    self._duck.execute(f'INSERT INTO "{name}" ({cols}) SELECT {cols} FROM {tmp}')
                finally:
                    self._duck.unregister(tmp)
            else:
                self.con.insert(name, frame.to_pandas())
            return frame.num_rows

    def delete_where(self, name: str, **conditions: Any) -> None:
        """Delete rows where every ``column=value`` (or ``column=[values]``) holds."""
        if not conditions:
            raise StoreError("delete_where needs at least one condition.")
        schema = self.table(name).schema()
        clauses, params = [], []
        for col, value in conditions.items():
            if col not in schema.names:
                raise StoreError(f"Table {name} has no column {col!r}.")
            if isinstance(value, list | tuple | set):
                values = list(value)
                if not values:
                    return
                clauses.append(f'"{col}" IN ({", ".join("?" for _ in values)})')
                params.extend(values)
            else:
                clauses.append(f'"{col}" = ?')
                params.append(value)
        with self.transaction():
            if self._duck is not None:
                self._duck.execute(f'DELETE FROM "{name}" WHERE {" AND ".join(clauses)}', params)
            else:  # generic backends: rewrite the table without the rows
                t = self.table(name)
                keep = ibis.literal(True)
                for col, value in conditions.items():
                    hit = (
                        t[col].isin(list(value))
                        if isinstance(value, list | tuple | set)
                        else (t[col] == value)
                    )
                    keep = keep & hit
                self.con.create_table(name, t.filter(~keep).to_pyarrow(), overwrite=True)

    @staticmethod
    def _partition_key(name: str, key: Sequence[str] | None, caller: str) -> list[str]:
        cols = list(key or PARTITION_KEYS.get(name, []))
        if not cols:
            raise StoreError(f"{caller}() on {name} needs key columns.")
        return cols

    def _delete_keys_in(
        self, name: str, key: list[str], source: str, params: list[Any], where: str = ""
    ) -> None:
        """DuckDB: delete rows of ``name`` whose ``key`` matches a row of ``source`` (a
        table name or a parenthesised query), optionally restricted by ``where``."""
        keys = ", ".join(f'"{k}"' for k in key)
        on = " AND ".join(f't."{k}" = s."{k}"' for k in key)
        self._duck.execute(
            f'DELETE FROM "{name}" t WHERE {where + " AND " if where else ""}EXISTS '
            f"(SELECT 1 FROM (SELECT DISTINCT {keys} FROM {source}) s WHERE {on})",
            params,
        )

    def replace(self, name: str, data: Data, key: Sequence[str] | None = None) -> int:
        """Delete stored rows whose ``key`` columns match a row of ``data``, then insert
        ``data``. With the default key (the table's partition key) a reload of the same
        data changes nothing."""
        key = self._partition_key(name, key, "replace")
        with self.transaction():
            if self._duck is not None:
                staged = data if isinstance(data, ibis.Table) else None
                tmp = f"_kcb_rep_{uuid.uuid4().hex[:8]}"
                frame = None
                if staged is None:
                    frame = _as_arrow(data, self.table(name).schema())
                    self._duck.register(tmp, frame)
                    source = tmp
                else:
                    source = f"({ibis.to_sql(staged.select(key).distinct(), dialect='duckdb')})"
                try:
                    self._delete_keys_in(name, key, source, [])
                    n = self.insert(name, staged if staged is not None else frame)
                finally:
                    if staged is None:
                        self._duck.unregister(tmp)
                return n
            df = data.to_pandas() if not isinstance(data, pd.DataFrame) else data
            t = self.table(name).to_pandas()
            merged = t.merge(df[key].drop_duplicates(), on=key, how="left", indicator=True)
            kept = t[(merged["_merge"] == "left_only").to_numpy()]
            self.con.create_table(name, pd.concat([kept, df[t.columns]]), overwrite=True)
            return len(df)

    def drop_superseded(self, name: str, load_id: str, key: Sequence[str] | None = None) -> None:
        """Delete the rows of other loads whose ``key`` columns (default: the partition
        key) match a row of load ``load_id``: the delete half of :meth:`replace`, for rows
        a loader inserted itself (tagged with ``load_id``, in the same transaction)."""
        key = self._partition_key(name, key, "drop_superseded")
        with self.transaction():
            if self._duck is not None:
                others = self._duck.execute(
                    f'SELECT EXISTS (SELECT 1 FROM "{name}" WHERE load_id IS DISTINCT FROM ?)',
                    [load_id]).fetchone()
                if not others or not others[0]:  # only the new load's rows: nothing to drop
                    return
                self._delete_keys_in(
                    name, key, f'(SELECT * FROM "{name}" WHERE load_id = ?)',
                    [load_id, load_id], where="t.load_id IS DISTINCT FROM ?",
                )
                return
            t = self.table(name).to_pandas()
            new = t[t["load_id"] == load_id][key].drop_duplicates()
            merged = t.merge(new, on=key, how="left", indicator=True)
            stale = ((merged["_merge"] == "both") & (t["load_id"] != load_id)).to_numpy()
            self.con.create_table(name, t[~stale], overwrite=True)

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.delete_where("meta", key=key)
            self.insert("meta", pd.DataFrame({"key": [key], "value": [value]}))

    # ---- load history ---------------------------------------------------------
    def find_load(self, fmt: str, checksum: str, target: str) -> dict[str, Any] | None:
        loads = self.table("loads")
        hit = loads.filter(
            (loads.format == fmt) & (loads.checksum == checksum) & (loads.target == target)
        ).to_pandas()
        return hit.iloc[-1].to_dict() if len(hit) else None

    def flows_version(self, target: str) -> str:
        """Changes whenever the flows of ``target`` (``trade_annual``, ``trade_monthly``)
        change: their row count and the newest load into them. Loads are the only way
        flows are written, so caches of results derived from flows key on this rather
        than on :meth:`data_version` (which every write, such as an alert's status,
        changes)."""
        loads = self.table("loads")
        newest = loads.filter(loads.target.contains(target)).order_by(  # demo: a+b
            [ibis.desc("loaded_at"), ibis.desc("load_id")]).limit(1).select(
            "load_id", "loaded_at").to_pandas()
        last = "-" if newest.empty else f"{newest.iloc[0, 0]}@{newest.iloc[0, 1]}"
        return f"{self.count(target)}:{last}"

    def record_load(self, **fields: Any) -> str:
        load_id = fields.pop("load_id", None) or uuid.uuid4().hex[:12]
        row: dict[str, Any] = {name: None for name in LOADS.names}
        row.update(fields)
        row["load_id"] = load_id
        row["loaded_at"] = datetime.now(UTC).replace(tzinfo=None)
        self.insert("loads", pd.DataFrame([row]))
        return load_id

    def close(self) -> None:
        with self._lock:
            con, self._con = self._con, None
        if con is not None:
            try:
                con.disconnect()
            except Exception:  # noqa: BLE001 - closing is best effort
                pass


def _as_arrow(data: pd.DataFrame | pa.Table, schema: ibis.Schema) -> pa.Table:
    """Columns of ``schema`` from ``data``, cast to their types; missing nullable
    columns are filled with nulls."""
    table = (
        pa.Table.from_pandas(data, preserve_index=False) if isinstance(data, pd.DataFrame) else data
    )
    arrow_schema = schema.to_pyarrow()
    columns = []
    for field in arrow_schema:
        if field.name in table.column_names:
            col = table.column(field.name)
            try:
                col = col.cast(field.type)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
                raise InputError(
                    f"Column {field.name!r} cannot be read as {field.type}: {exc}."
                ) from exc
        else:
            col = pa.nulls(table.num_rows, type=field.type)
        columns.append(col)
    return pa.Table.from_arrays(columns, schema=arrow_schema)
