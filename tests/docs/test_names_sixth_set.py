"""The sixth names set (issue 10, konames round) keeps addresses, hashes and labels only:
11 real pages (7 Korean, 4 Chinese), all test, none in an earlier names or statement set."""

from __future__ import annotations

import json
import re
from importlib import resources

_DATA = resources.files("kcbridge.docs") / "data"
_KEYS = {"file", "set", "lang", "url", "sha256", "organizations", "organizations_optional",
         "people", "people_optional"}


def _rows(name: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in
            (_DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_sixth_set_holds_labels_only() -> None:
    head, *pages = _rows("names_eval_pages_6.jsonl")
    assert set(head) == {"_about"}
    assert [p["lang"] for p in pages].count("ko") == 7
    assert [p["lang"] for p in pages].count("zh") == 4
    assert len({p["url"] for p in pages}) == len(pages) == 11
    assert len({p["sha256"] for p in pages}) == 11
    for p in pages:
        assert set(p) == _KEYS, p["file"]
        assert p["set"] == "test"
        assert re.fullmatch(r"[0-9a-f]{64}", p["sha256"])
        assert re.fullmatch(r"\d\d_(ko|zh)\.txt", p["file"]) and p["file"][3:5] == p["lang"]
        for field in ("organizations", "organizations_optional", "people", "people_optional"):
            # alias lists of short names, never a sentence of the page
            assert all(isinstance(a, list) and a and all(0 < len(x) <= 40 for x in a)
                       for a in p[field]), (p["file"], field)
    assert sum(len(p["organizations"]) for p in pages if p["lang"] == "ko") == 20
    assert sum(len(p["people"]) for p in pages if p["lang"] == "ko") == 33
    assert sum(len(p["organizations"]) for p in pages if p["lang"] == "zh") == 15
    assert sum(len(p["people"]) for p in pages if p["lang"] == "zh") == 16


def test_sixth_set_shares_no_address_with_earlier_sets() -> None:
    mine = {p["url"] for p in _rows("names_eval_pages_6.jsonl")[1:]}
    older = set()
    for path in _DATA.iterdir():
        if path.name.endswith(".jsonl") and path.name != "names_eval_pages_6.jsonl":
            older |= {r.get("url") for r in _rows(path.name)}
    assert len(older) > 100
    assert not mine & older
