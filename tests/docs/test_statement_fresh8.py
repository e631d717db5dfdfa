"""Fresh-8: 10 real Korean pages labelled in one pass before any run, scored once on the
unchanged code and once after the Korean round-9 rules (figures in docs/history and the
README). The repository keeps addresses, hashes, types and offsets, never the text."""

from __future__ import annotations

import json
import re
from importlib import resources

DATA = resources.files("kcbridge.docs").joinpath("data")
TYPES = {"proposal", "agreement", "signed", "implemented", "restriction"}


def _rows(name: str) -> list[dict[str, object]]:
    lines = DATA.joinpath(name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_fresh8_keeps_addresses_hashes_and_labels_only() -> None:
    about, *rows = _rows("statement_fresh8_pages.jsonl")
    assert "_about" in about and "before any run" in str(about["_about"])
    assert [r["lang"] for r in rows] == ["ko"] * 10
    assert [r["file"] for r in rows] == [f"{i:02d}_ko.txt" for i in range(1, 11)]
    types: dict[str, int] = {}
    for r in rows:
        assert set(r) == {"set", "file", "source", "lang", "published", "sha256", "statements"}
        assert r["set"] == "fresh-8"
        assert re.fullmatch(r"[0-9a-f]{64}", str(r["sha256"]))
        assert r["published"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(r["published"]))
        statements = r["statements"]
        assert isinstance(statements, list) and statements
        for st in statements:
            assert set(st) <= {"type", "alt_types", "spans"}
            assert st["type"] in TYPES and set(st.get("alt_types", [])) <= TYPES
            assert all(0 <= a < b for a, b in st["spans"])
            types[st["type"]] = types.get(st["type"], 0) + 1
    assert types == {"agreement": 9, "signed": 6, "restriction": 4, "implemented": 4,
                     "proposal": 3}
    assert len({r["source"] for r in rows}) == 10


def test_fresh8_shares_no_page_with_earlier_sets_names_or_training() -> None:
    sources = {r["source"] for r in _rows("statement_fresh8_pages.jsonl")[1:]}
    others = [p.name for p in DATA.iterdir() if p.name.endswith(".jsonl")
              and p.name != "statement_fresh8_pages.jsonl"]
    assert "statement_fresh7_pages.jsonl" in others and "statement_labels.jsonl" in others
    for name in others:
        rows = [json.loads(line) for line in
                DATA.joinpath(name).read_text(encoding="utf-8").splitlines()]
        assert not sources & {str(r.get("source") or r.get("url")) for r in rows}, name
