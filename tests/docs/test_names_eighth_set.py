"""The eighth names set (issue 10, ennames round) keeps addresses, hashes and labels only:
12 real English pages (news, press releases, interviews), all test, none in an earlier
names, statement or sector set."""

from __future__ import annotations

import json
import re
from importlib import resources

_DATA = resources.files("kcbridge.docs") / "data"
_SET = "names_eval_pages_8.jsonl"
_KEYS = {"file", "set", "lang", "url", "sha256", "organizations", "organizations_optional",
         "people", "people_optional"}


def _rows(name: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in
            (_DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_eighth_set_holds_labels_only() -> None:
    head, *pages = _rows(_SET)
    assert set(head) == {"_about"} and "before any run of kcbridge" in head["_about"]
    assert [p["lang"] for p in pages] == ["en"] * 12
    assert len({p["url"] for p in pages}) == 12
    assert len({p["sha256"] for p in pages}) == 12
    for p in pages:
        assert set(p) == _KEYS, p["file"]
        assert p["set"] == "test"
        assert re.fullmatch(r"[0-9a-f]{64}", p["sha256"])
        assert re.fullmatch(r"\d\d_en\.txt", p["file"])
        for field in ("organizations", "organizations_optional", "people", "people_optional"):
            # alias lists of names, never a sentence of the page
            assert all(isinstance(a, list) and a and all(0 < len(x) <= 80 for x in a)
                       for a in p[field]), (p["file"], field)
        # no bare one-token surname is a person's alias (news_dev's convention)
        for aliases in p["people"]:
            assert all(" " in a or "-" in a or not re.fullmatch(r"[A-Z][a-z]+", a)
                       for a in aliases), aliases
    assert sum(len(p["organizations"]) for p in pages) == 23
    assert sum(len(p["people"]) for p in pages) == 31


def test_eighth_set_shares_no_address_with_earlier_sets() -> None:
    mine = {p["url"] for p in _rows(_SET)[1:]}
    older: set[str] = set()
    for path in _DATA.iterdir():
        if path.name.endswith(".jsonl") and path.name != _SET:
            older |= {str(v) for r in _rows(path.name) for k, v in r.items()
                      if k in ("url", "source", "address")}
    assert len(older) > 100
    bare = {re.sub(r"^https?://(?:www\.|m\.)?", "", u) for u in older}
    assert not {re.sub(r"^https?://(?:www\.|m\.)?", "", u) for u in mine} & bare
