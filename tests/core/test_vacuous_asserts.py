"""No test whose only checks sit in a loop that may run zero times (issue 15).

``for row in rows: assert ...`` or ``assert all(... for row in rows)`` passes when ``rows``
is empty, so a test whose every assert is of that kind can pass without checking anything.
A loop over a literal (``for code in ("854140", "250410")``), over a local name bound to a
literal, over an UPPER_CASE module constant or over ``range(<number>)`` always runs and
does not count as possibly empty.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
LITERALS = (ast.Tuple, ast.List, ast.Set, ast.Dict)


def _runs_at_least_once(it: ast.expr, literal_names: set[str]) -> bool:
    if isinstance(it, LITERALS):
        return bool(it.keys if isinstance(it, ast.Dict) else it.elts)
    if isinstance(it, ast.Name):
        return it.id in literal_names or it.id.isupper()
    if isinstance(it, ast.Call):
        func = ast.unparse(it.func)
        if func == "range":
            return all(isinstance(a, ast.Constant) for a in it.args)
        if func in ("enumerate", "zip", "sorted", "reversed", "list", "itertools.product"):
            return bool(it.args) and all(_runs_at_least_once(a, literal_names) for a in it.args)
        if isinstance(it.func, ast.Attribute) and it.func.attr in ("items", "keys", "values"):
            return _runs_at_least_once(it.func.value, literal_names)
    return False


def _is_all_over(test: ast.expr, literal_names: set[str]) -> bool:
    """``all(<generator>)`` over something that may be empty."""
    if not (isinstance(test, ast.Call) and ast.unparse(test.func) == "all" and test.args
            and isinstance(test.args[0], ast.GeneratorExp | ast.ListComp)):
        return False
    return not all(_runs_at_least_once(g.iter, literal_names) for g in test.args[0].generators)


CHECKING_CALLS = ("assert", "check", "expect", "refuse")  # helpers that check on their own


def _count_checks(node: ast.AST, in_loop: bool, literal_names: set[str]) -> tuple[int, int]:
    """(checks that always run, checks that a possibly-empty loop may skip) under ``node``."""
    sure = maybe = 0
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        if isinstance(child, ast.Assert):
            if in_loop or _is_all_over(child.test, literal_names):
                maybe += 1
            else:
                sure += 1
        elif isinstance(child, ast.With) and any(
                word in ast.unparse(i.context_expr) for i in child.items
                for word in ("raises", "warns")):
            sure += 1
        elif (isinstance(child, ast.Expr) and isinstance(child.value, ast.Call) and not in_loop
              and any(w in ast.unparse(child.value.func).lower() for w in CHECKING_CALLS)):
            sure += 1
        risky = isinstance(child, ast.While) or (
            isinstance(child, ast.For | ast.AsyncFor)
            and not _runs_at_least_once(child.iter, literal_names))
        s, m = _count_checks(child, in_loop or risky, literal_names)
        sure, maybe = sure + s, maybe + m
    return sure, maybe


def vacuous_tests(source: str, filename: str = "<test>") -> list[str]:
    """Names of the test functions in ``source`` whose every check may be skipped."""
    out = []
    for fn in ast.walk(ast.parse(source, filename)):
        if not (isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
                and fn.name.startswith("test")):
            continue
        literal_names = {t.id for node in ast.walk(fn) if isinstance(node, ast.Assign)
                         and isinstance(node.value, LITERALS)
                         for t in node.targets if isinstance(t, ast.Name)}
        sure, maybe = _count_checks(fn, False, literal_names)
        if maybe and not sure:
            out.append(fn.name)
    return out


def test_the_checker_finds_a_loop_only_test_and_accepts_a_guarded_one() -> None:
    source = (
        "def test_loop_only(rows):\n    for r in rows:\n        assert r > 0\n"
        "def test_all_only(rows):\n    assert all(r > 0 for r in rows)\n"
        "def test_guarded(rows):\n    assert len(rows) == 3\n"
        "    for r in rows:\n        assert r > 0\n"
        "def test_literal_loop():\n    for code in ('854140', '250410'):\n"
        "        assert code.isdigit()\n"
        "def test_literal_name():\n    cases = [(1, 1)]\n    for a, b in cases:\n"
        "        assert a == b\n"
        "def test_click_then_loop(page, rows):\n    page.click('#go')\n"
        "    for r in rows:\n        assert r\n"
        "def test_raises_then_loop(rows):\n    with pytest.raises(ValueError):\n"
        "        int('x')\n    for r in rows:\n        assert r\n"
    )
    assert vacuous_tests(source) == ["test_loop_only", "test_all_only", "test_click_then_loop"]


def test_no_test_checks_only_inside_a_possibly_empty_loop() -> None:
    files = sorted(TESTS.rglob("test_*.py"))
    assert len(files) > 100
    found = [f"{path.relative_to(TESTS)}::{name}" for path in files
             for name in vacuous_tests(path.read_text(encoding="utf-8"), str(path))]
    assert found == [], (
        "these tests check only inside a loop (or all(...)) that may run zero times; "
        "assert the collection's size first: " + ", ".join(found))
