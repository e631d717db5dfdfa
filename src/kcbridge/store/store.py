"""The store: one Ibis connection (a DuckDB file by default) and every write to it.

Reads are Ibis expressions over ``Store.table(name)``; the same expressions run on any
Ibis backend (DuckDB by default, PySpark for data that outgrows one machine). Writes go
through this class only, inside transactions: on DuckDB a failed load rolls back and
leaves the store exactly as it was.

Threads: one DuckDB database per process, and a cursor (DuckDB's own connection to the
same database) per thread, each wrapped in its own Ibis backend, so the request threads
of ``kcbridge serve`` never share a connection. Reads run in autocommit on the thread's
cursor and never open a transaction; writes take the store's write lock (one writer at a
time in this process, so transactions of two threads never conflict) and run in a
transaction on the writing thread's cursor, rolled back on any error (a cursor that cannot
roll back is thrown away), so no failed request leaves a transaction or a lock behind.

Sharing a DuckDB file between processes: DuckDB lets one process at a time open a file
for writing. ``Store.release()`` closes the database and every thread's cursor (the next
use reopens it), so a long-running process (``kcbridge serve`` releases when no request
is in flight) does not keep the CLI out; opening waits up to ``lock_wait`` seconds for
another process to let go, then raises :class:`~kcbridge.errors.StoreBusyError`. Every
transaction that wrote data changes ``data_version()`` (a read, or a transaction that
wrote nothing, does not), so a process can tell that another one changed the store while
it was released and drop what it derived from the old data.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeAlias

import duckdb
import ibis
import pandas as pd
import pyarrow as pa
from ibis.backends.duckdb import Backend as IbisDuckDB

from kcbridge.errors import InputError, NotFoundError, StoreBusyError, StoreError
from kcbridge.store.lake import LAKE_TABLES, Lake, open_lake
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
        self._lock = threading.RLock()  # guards opening, closing and the cursor list
        self._write_lock = threading.RLock()  # one writing transaction at a time
        self._thread = _ThreadState()  # this thread's cursor and transaction
        self._open_transactions = 0  # over all threads (release waits for none)
        self._con: Any = None  # the root Ibis backend: holds the database open
        self._shared: Any = None  # DuckDB: the one Ibis backend over the thread cursors
        #: one thread at a time inside DuckDB (see :class:`_Serialised`)
        self._query_lock = threading.RLock()
        self._generation = 0  # bumped on every close: older thread cursors are stale
        self._cursors: list[Any] = []  # every thread's DuckDB cursor of this generation
        self._written: set[str] = set()  # data versions this object committed
        self._file = (url.startswith("duckdb://") and not url.startswith("duckdb://:memory:")
                      and url != "duckdb://")
        if self._file:
            path = Path(url[len("duckdb://") :])
            path.parent.mkdir(parents=True, exist_ok=True)
        self.backend = self.con.name
        for name, schema in CORE_TABLES.items():
            self.ensure_table(name, schema)
        if self.backend == "duckdb":  # stores made before load scopes
            self.add_columns("loads", {"scope": "VARCHAR"})
        #: the flows lake of a DuckDB store (see store/lake.py); None on other backends
        self.lake: Lake | None = (open_lake(url, lambda: self.con.con)
                                  if self.backend == "duckdb" else None)

    @property
    def con(self) -> Any:
        """The Ibis backend, (re)opened on first use after :meth:`release`. On DuckDB it is
        one backend object whose connection is the calling thread's own cursor, so an
        expression built on one thread and run on another uses the runner's cursor (two
        threads never share a DuckDB connection). Other backends share one connection."""
        self._cursor()  # open now: a busy store is a StoreBusyError here, not deep in Ibis
        return self._shared if self._shared is not None else self._con

    def _cursor(self) -> Any:
        """This thread's DuckDB cursor (made on first use, and again after a release);
        None on other backends."""
        state = self._thread
        if state.cursor is not None and state.generation == self._generation:
            return state.cursor
        with self._lock:
            if self._con is None:
                self._con = self._open()
            if self._con.name != "duckdb":
                return None
            if self._shared is None:
                self._shared = _ThreadCursorBackend(self)
            cursor = self._con.con.cursor()
            for setting in _CURSOR_SETTINGS:  # what Ibis sets on a connection it makes
                cursor.execute(setting)
            self._cursors.append(cursor)
            state.generation, state.cursor = self._generation, cursor
            state.memtables = weakref.WeakSet()
            return cursor

    def _drop_thread_cursor(self) -> None:
        """Forget (and close) this thread's cursor, e.g. after a failed rollback; the next
        use of :attr:`con` makes a new one."""
        state = self._thread
        cursor, state.cursor = state.cursor, None
        if cursor is None:
            return
        with self._lock:
            if cursor in self._cursors:
                self._cursors.remove(cursor)
        try:
            cursor.close()
        except Exception:  # noqa: BLE001 - closing is best effort
            pass

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
        """Close the database of a DuckDB file store so other processes can open the
        file; the next use reopens it. No-op (False) inside a transaction, for in-memory
        stores (they would lose their data) and for other backends.
        The caller makes sure no other thread is reading (``kcbridge serve`` releases when
        no request is in flight); a transaction open on any thread keeps the store open."""
        with self._lock:
            if not self._file or self._open_transactions or self._con is None:
                return False
            self._disconnect()
            return True

    def _disconnect(self) -> None:
        """Close every thread's cursor and the database (under ``self._lock``)."""
        con, self._con = self._con, None
        cursors, self._cursors = self._cursors, []
        self._generation += 1
        for cursor in cursors:
            try:
                cursor.close()
            except Exception:  # noqa: BLE001 - closing is best effort
                pass
        if con is not None:
            try:
                con.disconnect()
            except Exception:  # noqa: BLE001 - closing is best effort
                pass

    @property
    def connected(self) -> bool:
        return self._con is not None

    def data_version(self) -> str | None:
        """Changes with every committed write (DuckDB); None before the first one."""
        return self.meta("data_version")

    def committed(self, version: str | None) -> bool:
        """True when ``version`` (a :meth:`data_version`) came from a write of this object
        (not from another process)."""
        with self._lock:
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
        """True while any row of a synthetic (demo) load remains in the flows, whatever
        was loaded after it."""
        if self.lake is not None:
            row = self.con.con.execute(
                "SELECT EXISTS (SELECT 1 FROM lake_files f JOIN loads l USING (load_id) "
                "WHERE l.synthetic)").fetchone()
            return bool(row and row[0])
        loads = self.table("loads")
        demo = loads.filter(loads.synthetic.fillna(False)).load_id.to_pandas().tolist()
        if not demo:
            return False
        return any(bool(self.table(t).load_id.isin(demo).any().execute())
                   for t in LAKE_TABLES)

    # ---- writing -------------------------------------------------------------
    def ensure_table(self, name: str, schema: ibis.Schema) -> None:
        """Create ``name`` with ``schema`` unless it exists (capabilities call this). A
        read when the table exists; creating an empty table does not change
        :meth:`data_version` (no data changed)."""
        if name in self.con.list_tables():
            return
        with self.transaction():
            if name not in self.con.list_tables():  # another thread may have made it
                self.con.create_table(name, schema=schema)

    def add_columns(self, name: str, columns: dict[str, str]) -> list[str]:
        """Migration: add the ``columns`` (name -> SQL type) that table ``name`` lacks,
        keeping its rows; returns the columns added. A read when nothing is missing."""
        have = set(self.table(name).columns)
        if all(c in have for c in columns):
            return []
        with self.transaction():
            have = set(self.table(name).columns)  # re-read under the write lock
            missing = [c for c in columns if c not in have]
            for col in missing:
                self.con.raw_sql(f'ALTER TABLE "{name}" ADD COLUMN "{col}" {columns[col]}')
            if missing:
                self.mark_written()
        return missing

    @property
    def _duck(self) -> Any:
        """This thread's DuckDB cursor (None on other backends). Taking it inside a
        transaction counts as a write (it is how raw SQL writes)."""
        if self.backend != "duckdb":
            return None
        duck = self.con.con
        if self._thread.depth:
            self._thread.wrote = True
        return duck

    @property
    def in_transaction(self) -> bool:
        """True inside :meth:`transaction` on this thread."""
        return self._thread.depth > 0

    def mark_written(self) -> None:
        """Tell the open transaction (of this thread) that it changed data, so its commit
        changes :meth:`data_version`. The store's own write methods do this."""
        if self._thread.depth:
            self._thread.wrote = True

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """All writes inside commit together or not at all (DuckDB). Nested calls join
        the outer transaction. One thread writes at a time (the others wait); reads on
        other threads go on and see the data as of the last commit. The commit changes
        :meth:`data_version` only when something was written. On any error the
        transaction is rolled back; a cursor that cannot roll back is dropped, so no
        transaction stays open. Other backends run the writes without a transaction."""
        state = self._thread
        if state.depth:
            state.depth += 1
            try:
                yield self
            finally:
                state.depth -= 1
            return
        with self._write_lock:
            duck = self.con.con if self.backend == "duckdb" else None
            with self._lock:
                self._open_transactions += 1
            state.depth, state.wrote = 1, False
            try:
                if duck is None:
                    yield self
                    return
                try:
                    duck.execute("BEGIN TRANSACTION")
                except Exception:  # noqa: BLE001 - a cursor left in a bad state: a new one
                    self._drop_thread_cursor()
                    duck = self.con.con
                    duck.execute("BEGIN TRANSACTION")
                try:
                    yield self
                    version = uuid.uuid4().hex if state.wrote else None
                    if version is not None:
                        duck.execute("DELETE FROM meta WHERE key = 'data_version'")
                        duck.execute("INSERT INTO meta VALUES ('data_version', ?)", [version])
                    duck.execute("COMMIT")
                except BaseException:
                    self._rollback(duck)
                    raise
                if version is not None:
                    with self._lock:
                        self._written.add(version)
            finally:
                state.depth, state.wrote = 0, False
                with self._lock:
                    self._open_transactions -= 1

    def _rollback(self, duck: Any) -> None:
        """Roll back this thread's transaction; a cursor that cannot is dropped (DuckDB
        then aborts its transaction), so the next use starts clean."""
        try:
            duck.execute("ROLLBACK")
        except Exception:  # noqa: BLE001 - e.g. the commit itself failed half-way
            self._drop_thread_cursor()

    def insert(self, name: str, data: Data) -> int:
        """Append rows (columns matched by name, cast to the table's schema)."""
        if self.lake is not None and name in LAKE_TABLES:
            return self._lake_store(name, data, key=None, load_id=None)
        target = self.table(name)
        schema = target.schema()
        with self.transaction():
            self.mark_written()
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
            self.mark_written()
            if self.lake is not None and name in LAKE_TABLES:
                self.lake.delete_where(name, " AND ".join(clauses), params)
            elif self._duck is not None:
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

    def replace(self, name: str, data: Data, key: Sequence[str] | None = None, *,
                load_id: str | None = None) -> int:
        """Delete stored rows whose ``key`` columns match a row of ``data``, then insert
        ``data``. With the default key (the table's partition key) a reload of the same
        data changes nothing. On the flows lake ``key=()`` replaces the whole table, and
        ``load_id`` makes the written files belong to that load (see store/lake.py)."""
        if self.lake is not None and name in LAKE_TABLES:
            key = list(PARTITION_KEYS[name]) if key is None else list(key)
            return self._lake_store(name, data, key=key, load_id=load_id)
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
            if self.lake is not None and name in LAKE_TABLES:
                self.mark_written()
                mine = [f for f in self.lake.files(name) if f.load_id == load_id]
                drop, add = self.lake.superseded(name, mine, key)
                if drop:
                    self.lake._apply(name, drop, add)
                return
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
        if self.lake is not None and target in LAKE_TABLES:  # + the live files' digest
            rows, files = self.lake.version(target)
            return f"{rows}:{last}" + (f":{files}" if files else "")
        return f"{self.count(target)}:{last}"

    def record_load(self, **fields: Any) -> str:
        load_id = fields.pop("load_id", None) or uuid.uuid4().hex[:12]
        row: dict[str, Any] = {name: None for name in LOADS.names}
        row.update(fields)
        row["load_id"] = load_id
        row["loaded_at"] = datetime.now(UTC).replace(tzinfo=None)
        self.insert("loads", pd.DataFrame([row]))
        return load_id

    def _lake_store(self, name: str, data: Data, *, key: Sequence[str] | None,
                    load_id: str | None) -> int:
        """Write ``data`` as lake files of ``name`` and make them live, superseding by
        ``key`` (None: append), inside one transaction."""
        assert self.lake is not None
        with self.transaction():
            self.mark_written()
            duck = self.con.con
            if isinstance(data, ibis.Table):
                files = self.lake.write(name, ibis.to_sql(data, dialect="duckdb"), load_id)
            else:
                schema = self.table(name).schema()
                frame = _as_arrow(data, schema)
                names = data.column_names if isinstance(data, pa.Table) else list(data.columns)
                side = None
                if "reported_by" in names:  # the reporter side of annual rows (mirrors)
                    side = (data.column("reported_by") if isinstance(data, pa.Table)
                            else pa.array(data["reported_by"], type=pa.string()))
                if side is not None and name == "trade_annual":
                    frame = frame.append_column("reported_by", side.cast(pa.string()))
                if frame.num_rows == 0:
                    return 0
                tmp = f"_kcb_lake_{uuid.uuid4().hex[:8]}"
                duck.register(tmp, frame)
                try:
                    files = self.lake.write(name, f'SELECT * FROM "{tmp}"', load_id)
                finally:
                    duck.unregister(tmp)
            return self.lake.commit(name, files, key)

    def close(self) -> None:
        with self._lock:
            self._disconnect()


class _ThreadState(threading.local):
    """What one thread has of a store: its cursor (of the generation it was made in), the
    in-memory tables Ibis registered on it, and the depth of its open transaction."""

    generation = -1
    cursor: Any = None
    memtables: Any = None
    depth = 0
    wrote = False


class _Serialised:
    """A DuckDB cursor (or relation) whose calls run one thread at a time in the process.

    Each thread has its own cursor, yet DuckDB 1.5's Python client still fails when
    threads query at once: "Attempting to execute an unsuccessful or closed pending query
    result", and hangs in which a thread holding Python's GIL waits for DuckDB work that
    needs the GIL (seen with 20 concurrent requests on the demo store). So calls into
    DuckDB take one lock; Python work around them (compiling Ibis expressions, pandas,
    rendering) still runs in parallel. Relations and connections returned by a call are
    wrapped too, so their lazy execution is serialised as well."""

    __slots__ = ("_target", "_lock")

    def __init__(self, target: Any, lock: Any) -> None:
        self._target = target
        self._lock = lock

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._target, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                out = attr(*args, **kwargs)
            if isinstance(out, duckdb.DuckDBPyRelation | duckdb.DuckDBPyConnection):
                return _Serialised(out, self._lock)
            return out

        return call

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: session settings Ibis gives a DuckDB connection it opens, for every thread's cursor
_CURSOR_SETTINGS = ("SET TimeZone = 'UTC'", "SET python_enable_replacements = false")


class _ThreadCursorBackend(IbisDuckDB):
    """Ibis's DuckDB backend whose connection is the calling thread's cursor of ``store``
    (and whose registry of in-memory tables is that cursor's)."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self._can_reconnect = False
        self._record_batch_readers_consumed: dict[str, bool] = {}

    @property  # type: ignore[override]
    def con(self) -> Any:
        return _Serialised(self._store._cursor(), self._store._query_lock)

    @con.setter
    def con(self, value: Any) -> None:  # Ibis assigns it on connect: the store owns it
        pass

    @property  # type: ignore[override]
    def _memtables(self) -> Any:
        self._store._cursor()
        return self._store._thread.memtables

    @_memtables.setter
    def _memtables(self, value: Any) -> None:
        pass

    def _make_memtable_finalizer(self, name: str) -> None:
        return None  # registered per cursor: they go with the cursor

    def disconnect(self) -> None:
        pass  # the store closes its cursors and database


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
