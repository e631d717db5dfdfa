"""The Ibis side of a DuckDB store, imported only when an Ibis expression is needed.

Opening a store, counting rows, reading ``meta`` and the load history run as plain DuckDB
SQL on the thread's cursor (``Store._raw``) and import no Ibis: ``kcbridge status`` and a
command answered from the derived-results cache never pay for Ibis and sqlglot. Reads
that build Ibis expressions (``Store.table``, ``Store.con``) bring this module in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ibis
import pandas as pd
import pyarrow as pa
from ibis.backends.duckdb import Backend as IbisDuckDB

from kcbridge.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.store.store import Store


class ThreadCursorBackend(IbisDuckDB):
    """Ibis's DuckDB backend whose connection is the calling thread's cursor of ``store``
    (and whose registry of in-memory tables is that cursor's)."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store
        self._can_reconnect = False
        self._record_batch_readers_consumed: dict[str, bool] = {}

    @property  # type: ignore[override]
    def con(self) -> Any:
        return self._store._raw()

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


def as_arrow(data: pd.DataFrame | pa.Table, schema: ibis.Schema) -> pa.Table:
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


