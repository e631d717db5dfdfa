"""Round sten (issue 10, nineteenth session; read on the English misses of fresh-26..35, seen;
measured once on fresh-38 and fresh-39, labelled blind meanwhile): English forms with no cue
before.

* signed: ties forged with an article and "friendly" ("forged a friendly relationship");
* implemented: a project or a company set up or completed; money invested in a facility;
* restriction: new export regulations introduced; a demand to cease exports or shipments.

On fresh-26..35's English pages: found 60 -> 63 of 92, right 74 -> 77, extracted 103 -> 106 (no
false one added); news_dev both halves unchanged.

Every sentence was written for these tests; the people, places and firms are invented."""

from __future__ import annotations

import pytest
from tests.docs.statement_rounds import type_in_context as _type


@pytest.mark.parametrize(("text", "expected"), [
    ("Chungbuk Province and Hunan Province first forged a friendly relationship in 2012.",
     "signed"),
    ("In 2021, Hanbit Motors set up its first overseas fuel cell project in Foshan, China.",
     "implemented"),
    ("In July, the Korean carmaker invested 290 million U.S. dollars in an R&D center in "
     "Weihai, China.", "implemented"),
    ("China has introduced new export regulations for certain graphite products, affecting "
     "Korean battery makers.", "restriction"),
    ("Several South Korean firms received a notice from China's commerce ministry urging them "
     "to cease exports of magnet products to U.S. defence companies.", "restriction"),
    # not events
    ("Analysts expect the two firms to discuss a project in China next year.", None),
    ("The company said it had no plans to invest in China.", None),
])
def test_english_forms(text: str, expected: str | None) -> None:
    assert _type(text, "en") == expected
