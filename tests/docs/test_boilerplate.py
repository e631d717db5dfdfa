"""News boilerplate (docs/boilerplate.py): bylines, copyright lines, photo notices and
footers go before analysis; the article stays; a text that would be emptied is kept.
The lines below are written for these tests in the shape news pages use."""

from __future__ import annotations

import pytest

from kcbridge.docs.boilerplate import boilerplate_spans, in_boilerplate, strip_boilerplate

ARTICLE = "Samsung and CATL agreed to build a battery plant in Ulsan."


@pytest.mark.parametrize(
    "line",
    [
        "ⓒ 가상일보, 무단전재 및 재배포 금지",
        "Copyright 2024 Example News. All rights reserved.",
        "版权所有 示例新闻网 未经授权禁止转载",
        "京ICP备12345678号",
        "▶ 관련기사 더보기",
        "Photo : Example News",
        "[사진=가상통신]",
        "图片来源：示例网",
        "责任编辑：王某",
        "Editor: Kim",
        "홍길동 기자",
    ],
)
def test_whole_boilerplate_lines_are_removed(line: str) -> None:
    text = f"{ARTICLE}\n{line}\nTalks continue next month."
    assert strip_boilerplate(text) == f"{ARTICLE}\nTalks continue next month."


@pytest.mark.parametrize(
    "tail",
    [
        " 홍길동 기자 gildong@example.co.kr",
        " news@example.com",
        "（记者 张某）",
        "(文 付柳)",
        " [사진=가상통신 제공]",
    ],
)
def test_bylines_and_credits_at_the_end_of_a_line_are_cut(tail: str) -> None:
    assert strip_boilerplate(ARTICLE + tail) == ARTICLE


def test_a_korean_dateline_with_a_byline_is_cut_from_the_start() -> None:
    text = "[서울=가상통신] 홍길동 기자 = " + ARTICLE
    assert strip_boilerplate(text) == ARTICLE


def test_paragraph_breaks_stay_and_emptied_lines_go() -> None:
    text = f"{ARTICLE}\n\nSecond paragraph.\nⓒ Example News\n\nThird paragraph."
    assert strip_boilerplate(text) == f"{ARTICLE}\n\nSecond paragraph.\n\nThird paragraph."


def test_ordinary_text_is_left_alone() -> None:
    text = "The photo exhibition opened in Seoul.\nEditors of both agencies met."
    assert boilerplate_spans(text) == []
    assert strip_boilerplate(text) is text


def test_a_sentence_about_copyright_is_article_text() -> None:
    text = f"{ARTICLE}\nChina's copyright office published new rules."
    assert strip_boilerplate(text) == text


def test_a_text_that_would_be_emptied_is_returned_as_it_was() -> None:
    text = "ⓒ Example News\n홍길동 기자"
    assert strip_boilerplate(text) == text


def test_spans_are_sorted_merged_and_point_at_the_boilerplate() -> None:
    text = f"{ARTICLE} 홍길동 기자 gildong@example.co.kr\nⓒ Example News"
    spans = boilerplate_spans(text)
    assert spans == sorted(spans)
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))
    removed = "".join(text[s:e] for s, e in spans)
    assert "gildong@example.co.kr" in removed and "ⓒ Example News" in removed
    assert "Samsung" not in removed
    start = text.index("gildong")
    assert in_boilerplate(spans, start, start + 7)
    assert not in_boilerplate(spans, 0, 7)  # "Samsung"
