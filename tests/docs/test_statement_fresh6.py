"""Fresh-6: 12 real pages labelled in one pass before any run, scored once before and once
after the learned candidate stage (figures in the README). The repository keeps addresses,
hashes, types and offsets, never the text."""

from __future__ import annotations

import json
import re
from importlib import resources

DATA = resources.files("kcbridge.docs").joinpath("data")
EARLIER = ("statement_eval_pages.jsonl", "statement_fresh_pages.jsonl",
           "statement_fresh4_pages.jsonl", "statement_fresh5_pages.jsonl")


def _rows(name: str) -> list[dict[str, object]]:
    lines = DATA.joinpath(name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_fresh6_keeps_addresses_hashes_and_labels_only() -> None:
    about, *rows = _rows("statement_fresh6_pages.jsonl")
    assert "_about" in about
    assert sorted(str(r["lang"]) for r in rows) == ["en"] * 4 + ["ko"] * 4 + ["zh"] * 4
    gold = 0
    for r in rows:
        assert set(r) == {"set", "file", "source", "lang", "published", "sha256", "statements"}
        assert re.fullmatch(r"[0-9a-f]{64}", str(r["sha256"]))
        statements = r["statements"]
        assert isinstance(statements, list)
        for st in statements:
            assert set(st) <= {"type", "alt_types", "spans"}
            assert all(a < b for a, b in st["spans"])
        gold += len(statements)
    assert gold == 38
    sources = {r["source"] for r in rows}
    for older in EARLIER:  # no page of an earlier statement set
        assert not sources & {r.get("source") for r in _rows(older)[1:]}
    labelled = {json.loads(line)["source"] for line in
                DATA.joinpath("statement_labels.jsonl").read_text(encoding="utf-8").splitlines()}
    assert not sources & labelled  # never trained on
