"""The seventh names set (issue 10, konames7 round) keeps addresses, hashes and labels only:
12 real pages (9 Korean, 3 Chinese), all test, none in an earlier names or statement set."""

from __future__ import annotations

from tests.docs.page_sets import assert_no_address_elsewhere, check_names_set

NAME = "names_eval_pages_7.jsonl"


def test_seventh_set_holds_labels_only() -> None:
    check_names_set(NAME, {"ko": 9, "zh": 3}, {"ko": (33, 26), "zh": (8, 12)})


def test_seventh_set_shares_no_address_with_other_sets() -> None:
    assert_no_address_elsewhere(NAME)
