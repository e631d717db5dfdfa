"""The sixth names set (issue 10, konames round) keeps addresses, hashes and labels only:
11 real pages (7 Korean, 4 Chinese), all test, none in an earlier names or statement set."""

from __future__ import annotations

from tests.docs.page_sets import assert_no_address_elsewhere, check_names_set

NAME = "names_eval_pages_6.jsonl"


def test_sixth_set_holds_labels_only() -> None:
    check_names_set(NAME, {"ko": 7, "zh": 4}, {"ko": (20, 33), "zh": (15, 16)})


def test_sixth_set_shares_no_address_with_other_sets() -> None:
    assert_no_address_elsewhere(NAME)
