"""Paging (store/paging.py): one page of rows and the total, from the database (fetch_page) or
from a DataFrame (page_frame), with the same contract; bad windows are InputErrors."""

from __future__ import annotations

from collections.abc import Iterator

import ibis
import ibis.expr.types as ir
import pandas as pd
import pytest

from kcbridge.errors import InputError
from kcbridge.store.paging import MAX_OFFSET, fetch_page, page_frame

FRAME = pd.DataFrame({"id": [3, 1, 4, 1, 5, 9, 2],
                      "name": ["c", "a", "d", "b", "e", "f", None]})


@pytest.fixture
def table() -> Iterator[ir.Table]:
    con = ibis.duckdb.connect()
    con.con.register("frame", FRAME)  # the DuckDB connection under Ibis
    con.raw_sql("CREATE TABLE rows AS SELECT * FROM frame")
    yield con.table("rows")
    con.disconnect()


ORDER = [("id", True), ("name", True)]


@pytest.mark.parametrize(
    "limit,offset,ids",
    [(None, 0, [1, 1, 2, 3, 4, 5, 9]), (0, 0, [1, 1, 2, 3, 4, 5, 9]), (3, 0, [1, 1, 2]),
     (3, 3, [3, 4, 5]), (3, 6, [9]), (3, 7, []), (None, 5, [5, 9]), (0, 5, [5, 9]),
     (2, 10**20, [])],
)
def test_fetch_page_and_page_frame_agree(table: ir.Table, limit: int | None, offset: int,
                                         ids: list[int]) -> None:
    page, total = fetch_page(table, [ibis.asc("id"), ibis.asc("name")], count_column="id",
                             limit=limit, offset=offset)
    assert page["id"].tolist() == ids
    assert total == 7
    framed, framed_total = page_frame(FRAME, ORDER, limit=limit, offset=offset)
    assert framed["id"].tolist() == ids
    assert framed_total == 7


def test_page_columns_are_the_tables_and_ties_break_by_the_next_key(table: ir.Table) -> None:
    page, _ = fetch_page(table, [ibis.asc("id"), ibis.desc("name")], count_column="id",
                         limit=2, offset=0)
    assert list(page.columns) == ["id", "name"]  # no helper column left behind
    assert page["name"].tolist() == ["b", "a"]
    framed, _ = page_frame(FRAME, [("id", True), ("name", False)], limit=2, offset=0)
    assert framed["name"].tolist() == ["b", "a"]


def test_page_frame_puts_missing_values_last_and_keeps_the_input() -> None:
    framed, _ = page_frame(FRAME, [("name", True)], limit=None, offset=0)
    assert framed["name"].tolist()[-1] is None
    assert framed["name"].tolist()[:2] == ["a", "b"]
    assert FRAME["id"].tolist() == [3, 1, 4, 1, 5, 9, 2]


def test_the_total_counts_rows_even_when_the_count_column_has_nulls(table: ir.Table) -> None:
    page, total = fetch_page(table, [ibis.asc("id")], count_column="name", limit=2, offset=0)
    assert len(page) == 2
    _, empty_total = fetch_page(table, [ibis.asc("id")], count_column="name", limit=2,
                                offset=100)
    assert total == empty_total == 7


@pytest.mark.parametrize("limit,offset,word", [(5, -1, "offset -1"), (-2, 0, "limit -2")])
def test_bad_windows_are_input_errors_saying_what_to_use(
    table: ir.Table, limit: int, offset: int, word: str
) -> None:
    with pytest.raises(InputError, match=f"Invalid {word}") as info:
        fetch_page(table, ["id"], count_column="id", limit=limit, offset=offset)
    assert "positive number" in (info.value.hint or "")
    with pytest.raises(InputError, match=f"Invalid {word}"):
        page_frame(FRAME, ORDER, limit=limit, offset=offset)


def test_max_offset_fits_a_signed_64_bit_sql_offset() -> None:
    assert MAX_OFFSET < 2**63 - 1
