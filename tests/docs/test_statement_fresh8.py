"""Fresh-8: 10 real Korean pages labelled in one pass before any run, scored once on the
unchanged code and once after the Korean round-9 rules (figures in docs/history and the
README). The repository keeps addresses, hashes, types and offsets, never the text."""

from __future__ import annotations

from tests.docs.page_sets import assert_no_page_elsewhere, check_statement_set

NAME = "statement_fresh8_pages.jsonl"


def test_fresh8_keeps_addresses_hashes_and_labels_only() -> None:
    check_statement_set(NAME, "fresh-8", ["ko"] * 10,
                        {"agreement": 9, "signed": 6, "restriction": 4, "implemented": 4,
                         "proposal": 3})


def test_fresh8_shares_no_page_with_any_other_set_or_the_training_labels() -> None:
    assert_no_page_elsewhere(NAME)
