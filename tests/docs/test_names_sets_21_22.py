"""Names sets 21 and 22 (issue 10, twenty-first session): the organisations and people of
fresh-42's and fresh-43's pages, labelled in the twentieth session by a helper told nothing of
the extractor (rules M100-M112 of its own, after M1-M99), pre-registered as a measurement and
scored once on unchanged code (HEAD 4d3f308):

* set 21 (fresh-42): organisations R 32/36 = 0.89, P 38/41 = 0.93; people R 22/24, P 22/24;
* set 22 (fresh-43): organisations R 19/26 = 0.73, P 20/25 = 0.80 (Chinese 11 of 17 found);
  people R 36/38, P 40/43.

The repository keeps the labels, never the texts; the scoring test runs where the texts are
(``KCBRIDGE_FRESH42_TEXTS`` / ``KCBRIDGE_FRESH43_TEXTS``) and skips elsewhere."""

from __future__ import annotations

import os

import pytest
from tests.docs.page_sets import (
    NamesFigures,
    NamesSetSpec,
    assert_names_set_holds_labels,
    assert_names_set_scores,
    assert_names_sets_follow,
)

SETS: dict[int, NamesSetSpec] = {
    21: (os.environ.get("KCBRIDGE_FRESH42_TEXTS", "/work/fresh_data/texts/fresh42"), 42,
         {"ko": (7, 7), "zh": (6, 9), "en": (23, 8)},
         {"ko": ((7, 7, 8, 8), (7, 7, 7, 8)), "zh": ((6, 6, 9, 11), (8, 9, 8, 8)),
          "en": ((19, 23, 21, 22), (7, 8, 7, 8))}),
    22: (os.environ.get("KCBRIDGE_FRESH43_TEXTS", "/work/fresh_data/texts/fresh43"), 43,
         {"ko": (5, 11), "zh": (17, 16), "en": (4, 11)},
         {"ko": ((4, 5, 5, 7), (11, 11, 15, 16)), "zh": ((11, 17, 11, 12), (15, 16, 15, 17)),
          "en": ((4, 4, 4, 6), (10, 11, 10, 10))}),
}

#: set 22 now (seen: read for names round 16, twenty-first session): 联合国 found
AFTER_ROUND16: dict[int, NamesFigures] = {22: {"zh": ((12, 17, 12, 13), (15, 16, 15, 17))}}


@pytest.mark.parametrize("number", sorted(SETS))
def test_the_sets_hold_labels_only(number: int) -> None:
    assert_names_set_holds_labels(number, SETS[number], ("M100", "M103"))


def test_the_sets_follow_their_statement_sets() -> None:
    assert_names_sets_follow(SETS)


@pytest.mark.parametrize("number", sorted(SETS))
def test_the_sets_score_as_reported(number: int) -> None:
    """Organisations and people (found, gold, right, extracted) as scored."""
    assert_names_set_scores(number, SETS[number], AFTER_ROUND16.get(number))
