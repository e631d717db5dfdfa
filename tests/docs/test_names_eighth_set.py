"""The eighth names set (issue 10, ennames round) keeps addresses, hashes and labels only:
12 real English pages (news, press releases, interviews), all test, none in an earlier
names, statement or sector set."""

from __future__ import annotations

import re

from tests.docs.page_sets import assert_no_address_elsewhere, check_names_set, rows

NAME = "names_eval_pages_8.jsonl"


def test_eighth_set_holds_labels_only() -> None:
    pages = check_names_set(NAME, {"en": 12}, {"en": (23, 31)}, longest_alias=80)
    assert "before any run of kcbridge" in str(rows(NAME)[0]["_about"])
    for p in pages:  # no bare one-token surname is a person's alias (news_dev's convention)
        for aliases in p["people"]:
            assert all(" " in a or "-" in a or not re.fullmatch(r"[A-Z][a-z]+", a)
                       for a in aliases), aliases


def test_eighth_set_shares_no_address_with_other_sets() -> None:
    assert_no_address_elsewhere(NAME)
