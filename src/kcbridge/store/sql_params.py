"""Plain parameters of a SELECT written into its text, so that DuckDB imports no pandas.

DuckDB's Python client imports pandas and NumPy (about 0.4 s) the first time it binds a
query parameter, whatever the parameter's type: it checks them for pandas and NumPy
values. Opening a store and its bookkeeping reads (the lake's manifest checks, ``meta``,
counts, versions) pass a table name or a load id as a parameter, so every command paid
for pandas before it printed anything. :func:`inline_select_params` turns ``SELECT ...
WHERE load_id = ?`` with ``["abc"]`` into ``SELECT ... WHERE load_id = 'abc'`` when that
is exactly equivalent: a statement that starts with SELECT, positional ``?`` placeholders
(outside quotes and comments) as many as the parameters, and parameters that are text
(no NUL character) or whole numbers. Anything else is left to DuckDB's binding.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _literal(value: Any) -> str | None:
    if isinstance(value, str) and "\x00" not in value:
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, int) and not isinstance(value, bool) and -2**63 <= value < 2**63:
        return str(value)
    return None


def inline_select_params(sql: Any, params: Any) -> str | None:
    """``sql`` with its ``?`` placeholders replaced by the literals of ``params``, or None
    when that is not certain to mean the same query (see the module doc)."""
    if not isinstance(sql, str) or not isinstance(params, Sequence) \
            or isinstance(params, str | bytes) or not params:
        return None
    if not sql.lstrip().upper().startswith("SELECT"):
        return None
    literals = [_literal(p) for p in params]
    if any(lit is None for lit in literals):
        return None
    out: list[str] = []
    i, n, used = 0, len(sql), 0
    while i < n:
        ch = sql[i]
        if ch in "'\"":  # a quoted string or identifier: copied as it is
            end = i + 1
            while end < n:
                if sql[end] == ch:
                    if end + 1 < n and sql[end + 1] == ch:  # doubled quote inside
                        end += 2
                        continue
                    break
                end += 1
            if end >= n:
                return None  # unterminated: leave it to DuckDB
            out.append(sql[i:end + 1])
            i = end + 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            out.append(sql[i:end])
            i = end
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            if end < 0:
                return None
            out.append(sql[i:end + 2])
            i = end + 2
        elif ch == "$":
            return None  # $1 / $name placeholders: not ours to rewrite
        elif ch == "?":
            if used >= len(literals):
                return None
            out.append(literals[used])  # type: ignore[arg-type]  # checked above
            used += 1
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out) if used == len(literals) else None
