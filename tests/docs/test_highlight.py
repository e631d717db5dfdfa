"""Highlighting a document: statement sentences as blocks, entity mentions as segments, and
the segments always concatenate back to the text (nothing lost, nothing repeated)."""

from __future__ import annotations

from typing import Any

from kcbridge.docs.highlight import highlight_blocks

TEXT = "KOR and CHN signed an MOU. Talks continue."  # 26 + 16 characters
STATEMENT = {"start": 0, "end": 26, "type": "agreement", "confidence": 0.876,
             "sectors": ["semiconductors", "batteries"], "mechanisms": []}
KOR = {"start": 0, "end": 3, "kind": "org", "key": "KOR"}
CHN = {"start": 8, "end": 11, "kind": "org", "key": "CHN", "role": "partner"}


def _joined(blocks: list[dict[str, Any]]) -> str:
    return "".join(s["text"] for b in blocks for s in b["segments"])


def test_a_statement_sentence_is_its_own_block_with_a_title() -> None:
    blocks = highlight_blocks(TEXT, [KOR, CHN], [STATEMENT])
    assert [b["statement"] for b in blocks] == ["agreement", None]
    assert blocks[0]["title"] == (
        "agreement · confidence 0.88 · sectors semiconductors, batteries · mechanisms -")
    assert blocks[1]["title"] == ""
    assert blocks[0]["segments"] == [
        {"text": "KOR", "kind": "org", "title": "org: KOR"},
        {"text": " and ", "kind": "", "title": ""},
        {"text": "CHN", "kind": "org", "title": "org: CHN · partner"},
        {"text": " signed an MOU.", "kind": "", "title": ""},
    ]
    assert blocks[1]["segments"] == [{"text": " Talks continue.", "kind": "", "title": ""}]
    assert _joined(blocks) == TEXT


def test_without_statements_the_text_is_one_plain_block() -> None:
    blocks = highlight_blocks(TEXT, [CHN], [])
    assert len(blocks) == 1 and blocks[0]["statement"] is None
    assert [s["text"] for s in blocks[0]["segments"]] == ["KOR and ", "CHN", TEXT[11:]]


def test_entities_crossing_a_block_edge_or_outside_the_text_are_left_plain() -> None:
    across = {"start": 22, "end": 30, "kind": "org", "key": "MOU. Tal"}  # crosses 26
    outside = {"start": 40, "end": 100, "kind": "org", "key": "x"}
    empty = {"start": 5, "end": 5, "kind": "org", "key": ""}
    blocks = highlight_blocks(TEXT, [outside, across, empty], [STATEMENT])
    kinds = [s["kind"] for b in blocks for s in b["segments"]]
    assert kinds == ["", ""]  # one plain segment per block
    assert _joined(blocks) == TEXT


def test_overlapping_entities_keep_the_first_and_skip_the_one_inside_it() -> None:
    outer = {"start": 0, "end": 11, "kind": "org", "key": "KOR and CHN"}
    blocks = highlight_blocks(TEXT, [CHN, outer], [])
    segments = blocks[0]["segments"]
    assert segments[0] == {"text": "KOR and CHN", "kind": "org", "title": "org: KOR and CHN"}
    assert _joined(blocks) == TEXT


def test_a_statement_inside_another_splits_the_outer_one_into_plain_blocks() -> None:
    inner = {"start": 4, "end": 11, "type": "proposal", "confidence": 0.5}
    blocks = highlight_blocks(TEXT, [], [STATEMENT, inner])
    # cuts 0, 4, 11, 26, 42: only (4, 11) is exactly a statement
    assert [b["statement"] for b in blocks] == [None, "proposal", None, None]
    assert blocks[1]["title"] == "proposal · confidence 0.50 · sectors - · mechanisms -"
    assert _joined(blocks) == TEXT


def test_an_empty_text_has_no_blocks() -> None:
    assert highlight_blocks("", [], []) == []
