"""Fresh-7: 10 real Korean pages labelled in one pass before any run, scored once on the
unchanged code and once after the Korean predicate rules (figures in the README). The
repository keeps addresses, hashes, types and offsets, never the text."""

from __future__ import annotations

import json
import re
from importlib import resources

DATA = resources.files("kcbridge.docs").joinpath("data")
EARLIER = ("statement_eval_pages.jsonl", "statement_fresh_pages.jsonl",
           "statement_fresh4_pages.jsonl", "statement_fresh5_pages.jsonl",
           "statement_fresh6_pages.jsonl")
TYPES = {"proposal", "agreement", "signed", "implemented", "restriction"}


def _rows(name: str) -> list[dict[str, object]]:
    lines = DATA.joinpath(name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_fresh7_keeps_addresses_hashes_and_labels_only() -> None:
    about, *rows = _rows("statement_fresh7_pages.jsonl")
    assert "_about" in about and "before any run" in str(about["_about"])
    assert [r["lang"] for r in rows] == ["ko"] * 10
    assert [r["file"] for r in rows] == [f"{i:02d}_ko.txt" for i in range(1, 11)]
    types: dict[str, int] = {}
    for r in rows:
        assert set(r) == {"set", "file", "source", "lang", "published", "sha256", "statements"}
        assert r["set"] == "fresh-7"
        assert re.fullmatch(r"[0-9a-f]{64}", str(r["sha256"]))
        assert r["published"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(r["published"]))
        statements = r["statements"]
        assert isinstance(statements, list) and statements
        for st in statements:
            assert set(st) <= {"type", "alt_types", "spans"}
            assert st["type"] in TYPES and set(st.get("alt_types", [])) <= TYPES
            assert all(0 <= a < b for a, b in st["spans"])
            types[st["type"]] = types.get(st["type"], 0) + 1
    assert types == {"signed": 6, "agreement": 12, "implemented": 2, "restriction": 2,
                     "proposal": 2}
    assert len({r["source"] for r in rows}) == 10


def test_fresh7_shares_no_page_with_earlier_sets_news_dev_names_or_training() -> None:
    sources = {r["source"] for r in _rows("statement_fresh7_pages.jsonl")[1:]}
    for older in EARLIER:
        assert not sources & {r.get("source") for r in _rows(older)[1:]}
    labelled = {json.loads(line)["source"] for line in
                DATA.joinpath("statement_labels.jsonl").read_text(encoding="utf-8").splitlines()}
    assert not sources & labelled  # never trained on
    for names in ("names_eval_pages.jsonl", "names_eval_pages_3.jsonl",
                  "names_eval_pages_4.jsonl", "names_eval_pages_5.jsonl"):
        rows = _rows(names)
        assert not sources & {str(r.get("source") or r.get("url")) for r in rows}
