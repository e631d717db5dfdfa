"""Lookups in the reference tables of a DuckDB store in plain SQL: no Ibis to import
and no expression to compile, so ``kcbridge products 2504`` answers as fast as
``status``. Other engines use the Ibis expressions of the callers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from kcbridge.store.store import Store


def find_products(store: Store, revision: str, query: str | None, level: int | None,
                  limit: int) -> pd.DataFrame:
    """Rows of ``products`` of ``revision`` whose code starts with ``query`` (digits) or
    whose name contains it (any case), of HS ``level`` when given, ordered by code, at
    most ``limit``: every column of the table, as ``store.table("products")`` has them."""
    sql, params = _products_query(store, revision, query, level, limit)
    return store._raw().execute(sql, params).df()


def find_product_rows(store: Store, revision: str, query: str | None, level: int | None,
                      limit: int) -> list[dict[str, Any]]:
    """:func:`find_products` as dicts of plain values, without pandas."""
    sql, params = _products_query(store, revision, query, level, limit)
    cursor = store._raw().execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _products_query(store: Store, revision: str, query: str | None, level: int | None,
                    limit: int) -> tuple[str, list[str | int]]:
    where: list[str] = ["revision = ?"]
    params: list[str | int] = [revision]
    if level is not None:
        where.append("level = ?")
        params.append(int(level))
    q = (query or "").strip()
    if q and q.isdigit():
        where.append("starts_with(code, ?)")
        params.append(q)
    elif q:
        where.append("contains(lower(name), ?)")
        params.append(q.lower())
    sql = (f"SELECT * FROM products WHERE {' AND '.join(where)} ORDER BY code "
           f"LIMIT {max(int(limit), 0)}")
    store._sql_rows("products", "SELECT 1 FROM products LIMIT 0")  # NotFoundError if missing
    return sql, params


def query_frame(store: Store, name: str, sql: str, params: list[Any] | None = None
                ) -> pd.DataFrame:
    """The DataFrame of one plain SQL query reading table ``name`` of a DuckDB store
    (NotFoundError naming the command to run when the table does not exist)."""
    store._sql_rows(name, f'SELECT 1 FROM "{name}" LIMIT 0')  # NotFoundError if missing
    return store._raw().execute(sql, params or []).df()


def is_duckdb(store: Any) -> bool:
    """True when the store's tables are read by DuckDB (plain SQL works on them)."""
    return getattr(store, "engine", getattr(store, "backend", None)) == "duckdb"


def query_rows(store: Store, name: str, sql: str, params: list[Any] | None = None
               ) -> list[tuple[Any, ...]]:
    """The rows (tuples) of one plain SQL query reading table ``name`` of a DuckDB store
    (NotFoundError naming the command to run when the table does not exist)."""
    return [tuple(r) for r in store._sql_rows(name, sql, params)]


def table_digest(store: Store, name: str) -> str:
    """``ROWS:SUM``: the rows of table ``name`` and the sum of DuckDB's 64-bit hash of every
    row with its position (plain SQL, ~0.03 s at 100,000 rows): any change of a cell (NULL
    included) or of the order the table is read in changes it. The version of answers kept
    from a table (a match, a search). NotFoundError when the table does not exist."""
    (rows, total), = query_rows(store, name, 'SELECT count(*), coalesce(sum(hash(t.rowid, '
                                f't)::HUGEINT), 0) FROM "{name}" t')
    return f"{rows}:{total}"
