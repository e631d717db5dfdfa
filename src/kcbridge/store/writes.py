"""The store's writes: append, delete, replace by key, the load history, ``meta``.

Every method runs inside :meth:`Store.transaction` (joining the caller's when there is
one) and marks it written, so a failed write changes nothing and a committed one changes
``data_version``. Flows (``trade_annual``, ``trade_monthly``) of a DuckDB store go to the
lake (``store/lake.py``). Mixed into :class:`~kcbridge.store.store.Store`; Ibis, pandas and
pyarrow are imported by the methods that need them (a read-only command never does).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeAlias

from kcbridge.errors import StoreError
from kcbridge.store.lake import LAKE_TABLES, Lake
from kcbridge.store.schema import LOADS, PARTITION_KEYS

if TYPE_CHECKING:  # pragma: no cover
    import ibis
    import pandas as pd
    import pyarrow as pa

Data: TypeAlias = "pd.DataFrame | pa.Table | ibis.Table"


class StoreWrites:
    """The writing half of :class:`~kcbridge.store.store.Store`."""

    lake: Lake | None
    con: Any
    _duck: Any

    if TYPE_CHECKING:  # provided by Store
        def transaction(self) -> AbstractContextManager[Any]: ...
        def mark_written(self) -> None: ...
        def table(self, name: str) -> ibis.Table: ...
        def _raw(self) -> Any: ...

    def insert(self, name: str, data: Data) -> int:
        """Append rows (columns matched by name, cast to the table's schema)."""
        import ibis

        from kcbridge.store.ibis_backend import as_arrow

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
            frame = as_arrow(data, schema)
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

    def insert_sql(self, name: str, frame: pd.DataFrame) -> int:
        """:meth:`insert` of a pandas frame in plain SQL on a DuckDB store, without Ibis
        (``partners match`` records the profiles it showed): the frame's columns that the
        table has, cast in SQL to the table's types, the table's other columns null; the
        same rows :meth:`insert` writes. Other backends, the lake's tables, a missing
        table (its error) and frames with time-zone-aware columns (their cast would depend
        on the session's time zone) go through :meth:`insert`."""
        import pandas as pd

        if self._raw() is None or (self.lake is not None and name in LAKE_TABLES) \
                or any(isinstance(t, pd.DatetimeTZDtype) for t in frame.dtypes):
            return self.insert(name, frame)
        try:
            types = [(str(r[0]), str(r[1])) for r in
                     self._raw().execute(f'DESCRIBE "{name}"').fetchall()]
        except Exception:  # noqa: BLE001 - no such table: insert's NotFoundError says so
            return self.insert(name, frame)
        if frame.empty:
            return 0
        have = set(frame.columns)
        cols = ", ".join(f'"{c}"' for c, _ in types)
        values = ", ".join(f'CAST("{c}" AS {t})' if c in have else f"CAST(NULL AS {t})"
                           for c, t in types)
        with self.transaction():
            self.mark_written()
            tmp = f"_kcb_ins_{uuid.uuid4().hex[:8]}"
            self._duck.register(tmp, frame)
            try:
                self._duck.execute(f'INSERT INTO "{name}" ({cols}) SELECT {values} FROM {tmp}')
            finally:
                self._duck.unregister(tmp)
        return len(frame)

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
                import ibis

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
        import ibis
        import pandas as pd

        from kcbridge.store.ibis_backend import as_arrow

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
                    frame = as_arrow(data, self.table(name).schema())
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
        import pandas as pd

        with self.transaction():
            self.delete_where("meta", key=key)
            self.insert("meta", pd.DataFrame({"key": [key], "value": [value]}))

    def record_load(self, **fields: Any) -> str:
        load_id = fields.pop("load_id", None) or uuid.uuid4().hex[:12]
        row: dict[str, Any] = {name: None for name in LOADS}
        row.update(fields)
        row["load_id"] = load_id
        row["loaded_at"] = datetime.now(UTC).replace(tzinfo=None)
        duck = self._raw()
        if duck is None:
            import pandas as pd

            self.insert("loads", pd.DataFrame([row]))
            return load_id
        # one parameterised INSERT on DuckDB: through Ibis (the table's schema, a pandas
        # frame cast by Arrow) the one row cost 25-70 ms of every load (issue 13)
        names = ", ".join(f'"{c}"' for c in LOADS)
        with self.transaction():
            self.mark_written()
            duck.execute(f"INSERT INTO loads ({names}) VALUES ({', '.join('?' for _ in LOADS)})",
                         [_bindable(row[c]) for c in LOADS])
        return load_id

    def _lake_store(self, name: str, data: Data, *, key: Sequence[str] | None,
                    load_id: str | None) -> int:
        """Write ``data`` as lake files of ``name`` and make them live, superseding by
        ``key`` (None: append), inside one transaction."""
        import ibis
        import pyarrow as pa

        from kcbridge.store.ibis_backend import as_arrow

        assert self.lake is not None
        with self.transaction():
            self.mark_written()
            duck = self._raw()
            if isinstance(data, ibis.Table):
                files = self.lake.write(name, ibis.to_sql(data, dialect="duckdb"), load_id)
            else:
                schema = self.table(name).schema()
                frame = as_arrow(data, schema)
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


def _bindable(value: Any) -> Any:
    """A value DuckDB binds as a parameter: a NumPy scalar (a row count summed by pandas)
    as the Python value it holds."""
    item = getattr(value, "item", None)
    return item() if callable(item) and not isinstance(value, str | bytes) else value
