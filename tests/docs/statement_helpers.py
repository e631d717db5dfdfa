"""Helpers of the statement tests: :func:`typed` (the type the rules give one sentence) and
:func:`check_statement_pages`, the shared check of a fresh statement set's page file
(``docs/data/statement_*_pages.jsonl``): addresses, hashes, types and character offsets
only, never the text, split by language into two halves, and no address of an earlier set."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

from kcbridge.docs.statements import classify_sentence


def typed(text: str, lang: str, **context: bool) -> str | None:
    """The statement type the rules give ``text`` alone (None: no statement)."""
    found = classify_sentence(text, lang, **context)
    return found.type if found else None


def _lines(name: str) -> list[str]:
    path = resources.files("kcbridge.docs").joinpath("data").joinpath(name)
    return path.read_text(encoding="utf-8").splitlines()


def check_statement_pages(name: str, prefix: str, *, pages: int, per_language: int,
                          statements: int, earlier: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Assert the shape of ``name``; ``prefix`` names its halves (``"fresh-5"`` gives
    ``fresh-5 dev`` and ``fresh-5 test``). Returns the rows."""
    lines = _lines(name)
    rows = [json.loads(line) for line in lines[1:]]
    assert "_about" in json.loads(lines[0])
    assert len(rows) == pages
    for half in (f"{prefix} dev", f"{prefix} test"):
        langs = [r["lang"] for r in rows if r["set"] == half]
        assert sorted(langs) == (["en"] * per_language + ["ko"] * per_language
                                 + ["zh"] * per_language)
    for r in rows:
        assert set(r) == {"set", "file", "source", "lang", "published", "sha256", "statements"}
        assert re.fullmatch(r"[0-9a-f]{64}", r["sha256"])
        assert r["source"].startswith("http")
        for st in r["statements"]:
            assert set(st) <= {"type", "alt_types", "spans"}
            assert all(isinstance(a, int) and isinstance(b, int) and a < b
                       for a, b in st["spans"])
    assert sum(len(r["statements"]) for r in rows) == statements
    for older in earlier:  # no address of an earlier statement set comes back
        sources = {json.loads(line)["source"] for line in _lines(older)[1:]}
        assert not {r["source"] for r in rows} & sources
    return rows
