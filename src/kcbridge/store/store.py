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

Read-only opening: ``Store(url, read_only=True)`` opens an existing DuckDB file with
DuckDB's ``read_only=True``, which any number of processes may do at once (none of them
while one holds the file for writing), so read-only commands never wait for each other.
Derived results (``store/derived.py``) live outside the catalogue and are still kept. Any
write to the catalogue (:meth:`transaction`, and so every insert, delete, ``set_meta``
and lake write) raises :class:`ReadOnlyStoreError`. When the store cannot be read as it
is -- the file does not exist yet, its schema or the lake's views are from an older
kcbridge, or a table a capability needs (or the reference tables, see
:meth:`Platform._ensure_reference`) is missing -- this one process falls back to a
normal read-write open (:meth:`reopen_for_writing`, waiting up to ``lock_wait`` like any
writer) and ``read_only`` becomes False.

Opening and the common reads import no Ibis: on DuckDB the store keeps plain DuckDB
connections, checks its schema in one catalogue query (nothing is written when it is
current), and counts, ``meta``, the load history and :meth:`Store.summary` run as SQL on
the thread's cursor. Ibis (``store/ibis_backend.py``) is imported on the first
:meth:`Store.table` or :attr:`Store.con`.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from kcbridge.errors import NotFoundError, StoreBusyError, StoreError
from kcbridge.store.cursors import CURSOR_SETTINGS, Serialised, ThreadState
from kcbridge.store.lake import LAKE_TABLES, Lake, open_lake
from kcbridge.store.load_history import LoadHistory
from kcbridge.store.schema import CORE_TABLES, Columns, ibis_schema, missing_schema_work
from kcbridge.store.summary import store_summary
from kcbridge.store.writes import Data, StoreWrites

if TYPE_CHECKING:  # pragma: no cover - Ibis, pandas and pyarrow are imported when used
    import ibis
    import pandas as pd

#: What to run when a table is empty, for messages that say how to fix it.
HOW_TO_FILL = {
    "trade_annual": "Run `kcbridge demo` for the synthetic world, or `kcbridge load baci FILE` "
    "(or `load comtrade`, `load exports-world`) for real data.",
    "trade_monthly": "Run `kcbridge demo`, or `kcbridge load kcs FILE` / "
    "`kcbridge load comtrade FILE` with monthly data.",
}

__all__ = ["HOW_TO_FILL", "Data", "ReadOnlyStoreError", "Store"]


class ReadOnlyStoreError(StoreError):
    """A write to a store opened read-only (``Store(url, read_only=True)``)."""


class Store(StoreWrites, LoadHistory):
    """Ibis-backed store. ``url`` is an Ibis connection URL (``duckdb:///path.duckdb``,
    ``duckdb://:memory:``, ``pyspark://`` ...). ``read_only=True`` opens an existing
    DuckDB file read-only (see the module docstring: writes raise
    :class:`ReadOnlyStoreError`; a store that must be created or migrated falls back to
    a read-write open for this process). It is ignored for other stores."""

    def __init__(self, url: str, *, lock_wait: float = 0.0,
                 on_wait: Callable[[str], None] | None = None,
                 read_only: bool = False) -> None:
        self.url = url
        self.lock_wait = lock_wait
        self.on_wait = on_wait  # told once, with a message, when opening has to wait
        self._lock = threading.RLock()  # guards opening, closing and the cursor list
        self._write_lock = threading.RLock()  # one writing transaction at a time
        self._thread = ThreadState()  # this thread's cursor and transaction
        self._open_transactions = 0  # over all threads (release waits for none)
        #: holds the database open: DuckDB's own connection (DuckDB URLs), else the Ibis
        #: backend of another engine
        self._con: Any = None
        self._shared: Any = None  # DuckDB: the one Ibis backend over the thread cursors
        self._tables_seen: set[str] = set()  # tables known to exist (none is ever dropped)
        #: one thread at a time inside DuckDB (see :class:`Serialised`)
        self._query_lock = threading.RLock()
        self._generation = 0  # bumped on every close: older thread cursors are stale
        self._cursors: list[Any] = []  # every thread's DuckDB cursor of this generation
        self._written: set[str] = set()  # data versions this object committed
        self._duckdb = url.startswith("duckdb://")
        self._file = (self._duckdb and not url.startswith("duckdb://:memory:")
                      and url != "duckdb://")
        #: opened with DuckDB's read_only (an existing file only: a new one is created)
        self.read_only = False
        if self._file:
            path = Path(url[len("duckdb://") :])
            path.parent.mkdir(parents=True, exist_ok=True)
            self.read_only = read_only and path.is_file()
        self.backend = "duckdb" if self._duckdb else self.con.name
        self._open_schema()
        #: the flows lake of a DuckDB store (see store/lake.py); None on other backends
        self.lake: Lake | None = (self._open_lake() if self.backend == "duckdb" else None)

    def _open_lake(self) -> Lake:
        """The lake; opened read-only when it needs no writing (its manifest and views
        current), else after falling back to a read-write open."""
        try:
            return open_lake(self.url, self._raw)
        except duckdb.Error as exc:
            if not self.read_only or "read-only" not in str(exc):
                raise
        self.reopen_for_writing()
        return open_lake(self.url, self._raw)

    def reopen_for_writing(self) -> None:
        """Fall back from a read-only open to a read-write one, for this process: the
        store must be created or migrated. Waits up to ``lock_wait`` for other processes
        (readers included) like any writer. No-op when the store is not read-only."""
        with self._lock:
            if not self.read_only:
                return
            self._disconnect()
            self.read_only = False

    def _open_schema(self) -> None:
        """Create the core tables and add the columns of later versions, when missing. On
        DuckDB one catalogue query tells: a current store is only read."""
        if self.backend != "duckdb":
            for name, columns in CORE_TABLES.items():
                self.ensure_table(name, columns)
            return
        work = missing_schema_work(self._catalogue())
        if work["create"] or work["add_columns"]:
            self.reopen_for_writing()  # an old or half-made store: migrate it first
        self._tables_seen.update(n for n in CORE_TABLES if n not in work["create"])
        for name in work["create"]:
            self.ensure_table(name, CORE_TABLES[name])
        for name, columns in work["add_columns"].items():
            self.add_columns(name, columns)

    def _catalogue(self) -> dict[str, set[str]]:
        """DuckDB: every table and view of the store's schema -> its column names."""
        rows = self._raw().execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_catalog = current_database() AND table_schema = current_schema()"
        ).fetchall()
        out: dict[str, set[str]] = {}
        for table, column in rows:
            out.setdefault(table, set()).add(column)
        return out

    @property
    def con(self) -> Any:
        """The Ibis backend, (re)opened on first use after :meth:`release`. On DuckDB it is
        one backend object whose connection is the calling thread's own cursor, so an
        expression built on one thread and run on another uses the runner's cursor (two
        threads never share a DuckDB connection). Other backends share one connection."""
        if self._cursor() is None:  # open now: a busy store is a StoreBusyError here
            return self._con
        if self._shared is None:
            from kcbridge.store.ibis_backend import ThreadCursorBackend

            with self._lock:
                if self._shared is None:
                    self._shared = ThreadCursorBackend(self)
        return self._shared

    def _raw(self) -> Any:
        """This thread's DuckDB cursor, serialised (see :class:`Serialised`): plain SQL
        without Ibis. None on other backends."""
        cursor = self._cursor()
        return None if cursor is None else Serialised(cursor, self._query_lock)

    def _cursor(self) -> Any:
        """This thread's DuckDB cursor (made on first use, and again after a release);
        None on other backends."""
        state = self._thread
        if state.cursor is not None and state.generation == self._generation:
            return state.cursor
        with self._lock:
            if self._con is None:
                self._con = self._open()
            if not self._duckdb:
                return None
            cursor = self._con.cursor()
            for setting in CURSOR_SETTINGS:  # what Ibis sets on a connection it makes
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
                if self._duckdb:  # DuckDB's own connection: Ibis comes later, if needed
                    path = self.url[len("duckdb://"):]
                    if not self._file:
                        return duckdb.connect(":memory:")
                    return self._connect_file(path)
                import ibis

                return ibis.connect(self.url)
            except Exception as exc:  # the backend's own error type varies
                lock = re.search(r"Conflicting lock is held in .*?\(PID (\d+)\)", str(exc))
                if not lock:
                    mixed = "different configuration" in str(exc)
                    raise StoreError(
                        f"Cannot open the store at {self.url}: {exc}.",
                        hint="This process holds the store open read-only: close that "
                        "Platform or Store (`.close()`) before opening it for writing."
                        if mixed else "Check KCBRIDGE_HOME / KCBRIDGE_STORE_URL, and that no "
                        "other process holds the DuckDB file open for writing.",
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

    def _connect_file(self, path: str) -> Any:
        """DuckDB's connection to the file, read-only when asked. When this process
        already holds the file read-write (another Store or Platform), DuckDB refuses a
        read-only connection to it; the read-write one is shared instead, as no other
        process can be waited for then (this object still refuses to write)."""
        try:
            return duckdb.connect(path, read_only=self.read_only)
        except duckdb.ConnectionException as exc:
            if not self.read_only or "different configuration" not in str(exc):
                raise
        return duckdb.connect(path)

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
                con.close() if self._duckdb else con.disconnect()
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
        if self.backend == "duckdb":  # what Ibis lists: tables and views, temporary too
            rows = self._raw().execute(
                "SELECT DISTINCT table_name FROM information_schema.tables WHERE "
                "table_catalog IN (current_database(), 'temp') "
                "AND table_schema = current_schema()").fetchall()
            return sorted(str(r[0]) for r in rows)
        return sorted(self.con.list_tables())

    def count(self, name: str, **where: Any) -> int:
        """Rows of table ``name`` (where every ``column=value`` holds)."""
        if self.backend != "duckdb":
            t = self.table(name)
            for col, value in where.items():
                t = t.filter(t[col] == value)
            return int(t.count().execute())
        clause = " AND ".join(f'"{c}" = ?' for c in where)
        sql = f'SELECT count(*) FROM "{name}"' + (f" WHERE {clause}" if clause else "")
        return int(self._sql_rows(name, sql, list(where.values()))[0][0])

    def _sql_rows(self, name: str, sql: str, params: list[Any] | None = None) -> list[Any]:
        """DuckDB: the rows of ``sql`` reading table ``name`` (NotFoundError naming the
        command to run when the table does not exist)."""
        try:
            return list(self._raw().execute(sql, params or []).fetchall())
        except duckdb.CatalogException as exc:
            raise NotFoundError(
                f"The store has no table {name!r}.",
                hint=HOW_TO_FILL.get(name, "Run the command that creates it first."),
            ) from exc

    def frame(self, name: str, order_by: str | None = None) -> pd.DataFrame:
        """Every row of table ``name`` as a DataFrame, ordered by column ``order_by``: one
        SQL query on DuckDB (no Ibis), ``table(name).to_pandas()`` on other engines."""
        if getattr(self, "engine", self.backend) != "duckdb":
            t = self.table(name)
            return (t.order_by(order_by) if order_by else t).to_pandas()
        self._sql_rows(name, f'SELECT 1 FROM "{name}" LIMIT 0')  # NotFoundError if missing
        order = f' ORDER BY "{order_by}"' if order_by else ""
        return self._raw().execute(f'SELECT * FROM "{name}"{order}').df()

    def require_rows(self, name: str) -> ibis.Table:
        """The table, or a NotFoundError saying how to fill it when it is empty."""
        if not self.has_rows(name):
            raise NotFoundError(f"The store holds no rows in {name}.", hint=HOW_TO_FILL.get(name))
        return self.table(name)

    def has_rows(self, name: str) -> bool:
        """True when table ``name`` holds a row: on DuckDB a ``LIMIT 1`` read, which stops
        at the first row (counting a lake view decodes every row's countries)."""
        if getattr(self, "engine", self.backend) != "duckdb":
            return self.count(name) > 0
        return bool(self._sql_rows(name, f'SELECT 1 FROM "{name}" LIMIT 1'))

    def to_pandas(self, expr: ibis.Table | ibis.Expr) -> pd.DataFrame:
        return expr.to_pandas()

    def meta(self, key: str, default: str | None = None) -> str | None:
        if self.backend != "duckdb":
            m = self.table("meta")
            values = m.filter(m.key == key).value.to_pandas()
            return str(values.iloc[-1]) if len(values) else default
        rows = self._sql_rows("meta", "SELECT value FROM meta WHERE key = ?", [key])
        return str(rows[-1][0]) if rows else default

    def summary(self) -> dict[str, Any]:
        """What the flows hold and every table's rows, for ``kcbridge status``: ``tables``
        (name -> rows), ``annual`` (rows, years, exporters, products), ``monthly`` (rows,
        months, series), ``loads`` (oldest first). See :mod:`kcbridge.store.summary`."""
        return store_summary(self)

    def is_synthetic(self) -> bool:
        """True while any row of a synthetic (demo) load remains in the flows, whatever
        was loaded after it."""
        if self.lake is not None:
            row = self._raw().execute(
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
    def ensure_table(self, name: str, schema: ibis.Schema | Columns) -> None:
        """Create ``name`` with ``schema`` (an Ibis schema, or ``{column: Ibis type}``)
        unless it exists (capabilities call this). A read when the table exists; creating
        an empty table does not change :meth:`data_version` (no data changed)."""
        if name in self._tables_seen:  # tables are never dropped: known once, no query
            return
        if name in self.list_tables():
            self._tables_seen.add(name)
            return
        self.reopen_for_writing()  # read-only: a missing table is a migration
        with self.transaction():
            if name not in self.list_tables():  # another thread may have made it
                self.con.create_table(name, schema=ibis_schema(schema))
        self._tables_seen.add(name)

    def _columns(self, name: str) -> set[str]:
        if self.backend != "duckdb":
            return set(self.table(name).columns)
        return {str(r[0]) for r in self._sql_rows(
            name, "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "AND table_catalog = current_database() AND table_schema = current_schema()",
            [name])}

    def add_columns(self, name: str, columns: dict[str, str]) -> list[str]:
        """Migration: add the ``columns`` (name -> SQL type) that table ``name`` lacks,
        keeping its rows; returns the columns added. A read when nothing is missing."""
        have = self._columns(name)
        if all(c in have for c in columns):
            return []
        if not self.in_transaction:
            self.reopen_for_writing()  # read-only: a migration
        with self.transaction():
            have = self._columns(name)  # re-read under the write lock
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
        duck = self._raw()
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
        transaction stays open. Other backends run the writes without a transaction.
        A store opened read-only raises :class:`ReadOnlyStoreError` (nothing is written)."""
        if self.read_only:
            raise ReadOnlyStoreError(
                f"This command opened the store {self.url} read-only (so that it never "
                "waits for other readers), but it needs write access.",
                hint="This is a bug in kcbridge if a read-only command says so: please "
                "report it. Meanwhile set KCBRIDGE_READ_ONLY_COMMANDS=false to open the "
                "store for writing, or in Python use Platform() without read_only=True.")
        state = self._thread
        if state.depth:
            state.depth += 1
            try:
                yield self
            finally:
                state.depth -= 1
            return
        with self._write_lock:
            duck = self._raw() if self.backend == "duckdb" else None
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
                    duck = self._raw()
                    duck.execute("BEGIN TRANSACTION")
                try:
                    yield self
                    version = uuid.uuid4().hex if state.wrote else None
                    if version is not None:
                        duck.execute("DELETE FROM meta WHERE key = 'data_version'")
                        # a literal (a uuid's hex): binding a parameter imports pandas
                        duck.execute(f"INSERT INTO meta VALUES ('data_version', '{version}')")
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

    def close(self) -> None:
        with self._lock:
            self._disconnect()
