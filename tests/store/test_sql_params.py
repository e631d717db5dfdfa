"""Plain parameters of a SELECT are written into its text (DuckDB would import pandas to
bind them), only when the query means exactly the same."""

from __future__ import annotations

import duckdb
import pytest

from kcbridge.store.sql_params import inline_select_params


def test_text_and_whole_numbers_become_literals() -> None:
    assert inline_select_params("SELECT * FROM loads WHERE load_id = ? AND rows > ?",
                                ["a'b", 3]) == \
        "SELECT * FROM loads WHERE load_id = 'a''b' AND rows > 3"


@pytest.mark.parametrize(("sql", "params"), [
    ("INSERT INTO meta VALUES (?, ?)", ["k", "v"]),  # not a SELECT
    ("DELETE FROM meta WHERE key = ?", ["k"]),
    ("SELECT ?", [1.5]),  # a float literal would be a DECIMAL
    ("SELECT ?", [True]),
    ("SELECT ?", [None]),
    ("SELECT ?", ["nul\x00"]),
    ("SELECT ?, ?", ["one"]),  # counts differ
    ("SELECT ?", ["a", "b"]),
    ("SELECT $1", ["a"]),
    ("SELECT 'unterminated ?", ["a"]),
    ("SELECT 1", []),
    ("SELECT ?", "a"),
])
def test_anything_else_is_left_to_duckdb(sql: str, params: object) -> None:
    assert inline_select_params(sql, params) is None


def test_question_marks_in_strings_comments_and_identifiers_stay() -> None:
    sql = ("SELECT '?' AS \"why?\", ? -- is it?\n"
           "/* what? */ FROM t WHERE x = 'it''s ?' AND y = ?")
    assert inline_select_params(sql, ["a", 7]) == (
        "SELECT '?' AS \"why?\", 'a' -- is it?\n"
        "/* what? */ FROM t WHERE x = 'it''s ?' AND y = 7")


@pytest.mark.parametrize("value", ["plain", "it's", "back\\slash", "한빛양극재", "", "--x", 0,
                                   -42, 2**62])
def test_the_inlined_query_returns_what_binding_returns(value: object) -> None:
    con = duckdb.connect()
    sql = "SELECT ? AS v, typeof(?) AS t"
    inlined = inline_select_params(sql, [value, value])
    assert inlined is not None
    bound = con.execute(sql, [value, value]).fetchall()
    got = con.execute(inlined).fetchall()
    assert got[0][0] == bound[0][0] == value
    assert {got[0][1], bound[0][1]} <= {"VARCHAR", "INTEGER", "BIGINT"}
