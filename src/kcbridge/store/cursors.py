"""Each thread's DuckDB cursor of a store, and the wrapper that runs calls into DuckDB one
thread at a time (:class:`kcbridge.store.store.Store` opens them; nothing else should)."""

from __future__ import annotations

import threading
from typing import Any

import duckdb

from kcbridge.store.sql_params import inline_select_params


class ThreadState(threading.local):
    """What one thread has of a store: its cursor (of the generation it was made in), the
    in-memory tables Ibis registered on it, and the depth of its open transaction."""

    generation = -1
    cursor: Any = None
    memtables: Any = None
    depth = 0
    wrote = False


class Serialised:
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
        if name == "fetch_record_batch" and hasattr(self._target, "to_arrow_reader"):
            # Ibis's DuckDB backend still asks for the reader by its old name, deprecated
            # since duckdb 1.4: the same reader under the current one
            return self._arrow_reader
        attr = getattr(self._target, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            if name == "execute" and len(args) == 2 and not kwargs:  # no pandas import
                inlined = inline_select_params(*args)
                if inlined is not None:
                    args = (inlined,)
            with self._lock:
                out = attr(*args, **kwargs)
            if isinstance(out, duckdb.DuckDBPyRelation | duckdb.DuckDBPyConnection):
                return Serialised(out, self._lock)
            return out

        return call

    def _arrow_reader(self, rows_per_batch: int = 1_000_000) -> Any:
        """``fetch_record_batch(rows_per_batch)`` as ``to_arrow_reader(batch_size)``."""
        with self._lock:
            return self._target.to_arrow_reader(rows_per_batch)

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: session settings Ibis gives a DuckDB connection it opens, for every thread's cursor
CURSOR_SETTINGS = ("SET TimeZone = 'UTC'", "SET python_enable_replacements = false")
