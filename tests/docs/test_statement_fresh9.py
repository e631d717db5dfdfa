"""Fresh-9: 8 real Korean pages labelled in one pass before any run, scored once on the code
before the kodetector round and once after it (figures in docs/history and the README). The
repository keeps addresses, hashes, types and offsets, never the text."""

from __future__ import annotations

from tests.docs.page_sets import (
    assert_no_page_elsewhere,
    assert_spans_apart,
    check_statement_set,
)

NAME = "statement_fresh9_pages.jsonl"


def test_fresh9_keeps_addresses_hashes_and_labels_only() -> None:
    check_statement_set(NAME, "fresh-9", ["ko"] * 8,
                        {"agreement": 7, "implemented": 5, "proposal": 5, "signed": 1,
                         "restriction": 1})


def test_fresh9_shares_no_page_with_any_other_set_or_the_training_labels() -> None:
    assert_no_page_elsewhere(NAME)


def test_fresh9_main_evidence_comes_first_and_spans_do_not_overlap_across_statements() -> None:
    assert_spans_apart(NAME, 8)
