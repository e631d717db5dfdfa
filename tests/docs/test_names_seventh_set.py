"""The seventh names set (issue 10, konames7 round) keeps addresses, hashes and labels only:
12 real pages (9 Korean, 3 Chinese), all test, none in an earlier names or statement set."""

from __future__ import annotations

import json
import re
from importlib import resources

_DATA = resources.files("kcbridge.docs") / "data"
_SET = "names_eval_pages_7.jsonl"
_KEYS = {"file", "set", "lang", "url", "sha256", "organizations", "organizations_optional",
         "people", "people_optional"}


def _rows(name: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in
            (_DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_seventh_set_holds_labels_only() -> None:
    head, *pages = _rows(_SET)
    assert set(head) == {"_about"}
    assert [p["lang"] for p in pages].count("ko") == 9
    assert [p["lang"] for p in pages].count("zh") == 3
    assert len({p["url"] for p in pages}) == len(pages) == 12
    assert len({p["sha256"] for p in pages}) == 12
    for p in pages:
        assert set(p) == _KEYS, p["file"]
        assert p["set"] == "test"
        assert re.fullmatch(r"[0-9a-f]{64}", p["sha256"])
        assert re.fullmatch(r"\d\d_(ko|zh)\.txt", p["file"]) and p["file"][3:5] == p["lang"]
        for field in ("organizations", "organizations_optional", "people", "people_optional"):
            # alias lists of short names, never a sentence of the page
            assert all(isinstance(a, list) and a and all(0 < len(x) <= 40 for x in a)
                       for a in p[field]), (p["file"], field)
    assert sum(len(p["organizations"]) for p in pages if p["lang"] == "ko") == 33
    assert sum(len(p["people"]) for p in pages if p["lang"] == "ko") == 26
    assert sum(len(p["organizations"]) for p in pages if p["lang"] == "zh") == 8
    assert sum(len(p["people"]) for p in pages if p["lang"] == "zh") == 12


def test_seventh_set_shares_no_address_with_earlier_sets() -> None:
    mine = {p["url"] for p in _rows(_SET)[1:]}
    older: set[str] = set()
    for path in _DATA.iterdir():
        if path.name.endswith(".jsonl") and path.name != _SET:
            older |= {str(v) for r in _rows(path.name) for k, v in r.items()
                      if k in ("url", "source", "address")}
    assert len(older) > 100
    assert not mine & older
    # no page of the set is another's address with a different scheme or host prefix
    bare = {re.sub(r"^https?://(?:www\.|m\.)?", "", u) for u in older}
    assert not {re.sub(r"^https?://(?:www\.|m\.)?", "", u) for u in mine} & bare
