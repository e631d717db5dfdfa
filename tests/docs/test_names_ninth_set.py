"""The ninth names set (issue 10, ennames2 round) keeps addresses, hashes and labels only:
12 real pages, 8 English and 4 Chinese (2 in traditional script), all test, none in an
earlier names, statement or sector set."""

from __future__ import annotations

import re

from tests.docs.page_sets import assert_no_address_elsewhere, check_names_set, rows

NAME = "names_eval_pages_9.jsonl"


def test_ninth_set_holds_labels_only() -> None:
    pages = check_names_set(NAME, {"en": 8, "zh": 4}, {"en": (46, 11), "zh": (17, 5)},
                            longest_alias=60)
    about = str(rows(NAME)[0]["_about"])
    assert "before any run of kcbridge" in about and "never the text" in about
    for p in pages:  # no bare one-token surname is a person's alias (news_dev's convention)
        for aliases in p["people"] + p["people_optional"]:
            assert all(" " in a or "-" in a or "·" in a or not re.fullmatch(r"[A-Z][a-z]+", a)
                       for a in aliases), aliases
    # the Chinese pages are labelled in their own script, the English ones in Latin script
    for p in pages:
        first = [aliases[0] for aliases in p["organizations"] + p["people"]]
        if p["lang"] == "zh":
            assert any(re.search(r"[\u4e00-\u9fff]", a) for a in first), p["file"]
        else:
            assert all(re.match(r"[A-Za-z]", a) for a in first), p["file"]


def test_ninth_set_shares_no_address_with_other_sets() -> None:
    assert_no_address_elsewhere(NAME)
