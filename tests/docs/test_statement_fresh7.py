"""Fresh-7: 10 real Korean pages labelled in one pass before any run, scored once on the
unchanged code and once after the Korean predicate rules (figures in the README). The
repository keeps addresses, hashes, types and offsets, never the text."""

from __future__ import annotations

from tests.docs.page_sets import assert_no_page_elsewhere, check_statement_set

NAME = "statement_fresh7_pages.jsonl"


def test_fresh7_keeps_addresses_hashes_and_labels_only() -> None:
    check_statement_set(NAME, "fresh-7", ["ko"] * 10,
                        {"signed": 6, "agreement": 12, "implemented": 2, "restriction": 2,
                         "proposal": 2})


def test_fresh7_shares_no_page_with_any_other_set_or_the_training_labels() -> None:
    assert_no_page_elsewhere(NAME)
