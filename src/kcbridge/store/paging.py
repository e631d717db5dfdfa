"""One page of an Ibis table expression, and how many rows the whole expression has.

Services that list rows for a paged table (the dashboard's pager, the API's
``offset``/``limit``) call :func:`fetch_page`; the database counts and sorts. Rows that are
already a DataFrame go through :func:`page_frame` instead: an Ibis expression over nothing
but in-memory tables would run on Ibis's one process-wide DuckDB connection, which is not
safe when the server answers two requests at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kcbridge.errors import InputError

if TYPE_CHECKING:  # pragma: no cover - pandas and Ibis are imported by the function that
    import ibis.expr.types as ir  # pages: importing this module (the services do) loads
    import pandas as pd  # neither

#: offsets beyond this select nothing anyway (SQL offsets are 64-bit integers)
MAX_OFFSET = 2**62


def _check_window(limit: int | None, offset: int) -> None:
    if offset is None or offset < 0:
        raise InputError(f"Invalid offset {offset!r}.", hint="Use 0 or a positive number.")
    if limit is not None and limit < 0:
        raise InputError(f"Invalid limit {limit!r}.", hint="Use a positive number (0: all).")


def page_frame(
    frame: pd.DataFrame, order: list[tuple[str, bool]], *, limit: int | None, offset: int,
) -> tuple[pd.DataFrame, int]:
    """Rows ``offset`` to ``offset + limit`` of ``frame`` sorted by ``order`` (pairs of
    column and ascending?; a stable sort), and how many rows ``frame`` has: the same
    contract as :func:`fetch_page`, in pandas."""
    _check_window(limit, offset)
    columns = [c for c, _ in order]
    ordered = frame.sort_values(columns, ascending=[a for _, a in order], kind="mergesort",
                                na_position="last")
    start = min(offset, len(ordered))
    end = len(ordered) if not limit else start + limit
    return ordered.iloc[start:end].reset_index(drop=True), len(frame)


def page_rows(
    rows: list[dict[str, Any]], order: list[tuple[str, bool]], *, limit: int | None,
    offset: int,
) -> tuple[list[dict[str, Any]], int]:
    """:func:`page_frame` on plain rows (dicts), without pandas: the same order (a stable
    sort per column, missing values last whichever the direction) and the same window."""
    _check_window(limit, offset)
    ordered = list(rows)
    for column, ascending in reversed(order):  # stable: the first column sorts last
        present = [r for r in ordered if r.get(column) is not None]
        missing = [r for r in ordered if r.get(column) is None]
        present.sort(key=lambda r: r[column], reverse=not ascending)
        ordered = present + missing
    start = min(offset, len(ordered))
    end = len(ordered) if not limit else start + limit
    return ordered[start:end], len(rows)


def fetch_page(
    expr: ir.Table, order: list[Any], *, count_column: str, limit: int | None, offset: int,
) -> tuple[pd.DataFrame, int]:
    """Rows ``offset`` to ``offset + limit`` of ``expr`` sorted by ``order`` (no ``limit``:
    to the end), and how many rows ``expr`` has, counted by the database: a window count
    in the same query, or a separate count when the page is empty."""
    if offset is None or offset < 0:
        raise InputError(f"Invalid offset {offset!r}.", hint="Use 0 or a positive number.")
    if limit is not None and limit < 0:
        raise InputError(f"Invalid limit {limit!r}.", hint="Use a positive number (0: all).")
    import ibis

    if not limit and not offset:
        df = expr.order_by(order).to_pandas().reset_index(drop=True)
        return df, len(df)
    # every row, also where count_column is null (as the separate count of an empty page)
    counted = expr.mutate(_total=expr[count_column].isnull().count().over(ibis.window()))
    # an offset past any table is past this one too (and SQL offsets stop at 2**63 - 1)
    page = counted.order_by(order).limit(limit or None, offset=min(offset, MAX_OFFSET))
    page = page.to_pandas()
    total = int(page["_total"].iloc[0]) if len(page) else int(expr.count().execute())
    return page.drop(columns="_total").reset_index(drop=True), total
