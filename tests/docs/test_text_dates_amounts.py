"""Sentences, languages, scripts, dates (absolute and relative) and amounts."""

from __future__ import annotations

from datetime import date

import pytest

from kcbridge.docs.amounts import find_amounts
from kcbridge.docs.dates import find_dates
from kcbridge.docs.text import (
    chinese_script,
    document_language,
    language_of,
    normalise_text,
    split_sentences,
    to_simplified,
)

REF = date(2024, 3, 14)  # a Thursday


def test_split_sentences_offsets_and_languages() -> None:
    text = ("Dr. Kim met U.S. officials. 中韩双方同意合作。산업부는 11일 밝혔다.\n"
            "It cost $2.5 billion.")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Dr. Kim met U.S. officials.", "中韩双方同意合作。", "산업부는 11일 밝혔다.",
        "It cost $2.5 billion.",
    ]
    assert [s.lang for s in sentences] == ["en", "zh", "ko", "en"]
    for s in sentences:
        assert text[s.start:s.end] == s.text


def test_mixed_document_language_shares() -> None:
    sentences = split_sentences("中韩双方同意建立对话机制。The two sides agreed.")
    lang, shares = document_language(sentences)
    assert lang == "en" and set(shares) == {"en", "zh"}
    assert shares["zh"] == pytest.approx(13 / 34, abs=0.001)  # share of characters


def test_scripts_and_conversion_keep_length() -> None:
    trad = "中韓雙方同意建立供應鏈對話機制"
    assert chinese_script(trad) == "Hant"
    assert chinese_script("中韩双方同意建立供应链对话机制") == "Hans"
    assert to_simplified(trad) == "中韩双方同意建立供应链对话机制"
    assert len(to_simplified(trad)) == len(trad)
    assert language_of("ソウルで会談") == "ja"


def test_normalise_text_removes_controls_and_blank_runs() -> None:
    assert normalise_text("a\x00b\r\n\r\n\r\n  c\u200b  d ") == "ab\n\nc d"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "They met on Tuesday.", [("Tuesday", date(2024, 3, 12))]),
        ("en", "They met last Thursday.", [("last Thursday", date(2024, 3, 7))]),
        ("en", "It starts next Monday.", [("next Monday", date(2024, 3, 18))]),
        ("en", "Signed on March 11, 2024.", [("March 11, 2024", date(2024, 3, 11))]),
        ("en", "Talks on 20 March.", [("20 March", date(2024, 3, 20))]),
        ("en", "Officials met yesterday.", [("yesterday", date(2024, 3, 13))]),
        ("ko", "산업부는 11일 밝혔다.", [("11일", date(2024, 3, 11))]),
        ("ko", "25일 회의", [("25일", date(2024, 2, 25))]),
        ("ko", "지난주 화요일 회의", [("지난주 화요일", date(2024, 3, 5))]),
        ("ko", "2023년 12월 1일부터", [("2023년 12월 1일", date(2023, 12, 1))]),
        ("ko", "지난달 발표", [("지난달", date(2024, 2, 1))]),
        ("zh", "上周三双方签署协议", [("上周三", date(2024, 3, 6))]),
        ("zh", "周二举行会谈", [("周二", date(2024, 3, 12))]),
        ("zh", "二〇二三年十二月一日起实施", [("二〇二三年十二月一日", date(2023, 12, 1))]),
        ("zh", "3月5日签约，12号开工", [("3月5日", date(2024, 3, 5)), ("12号", date(2024, 3, 12))]),
    ],
)
def test_dates_resolved_against_publication(lang: str, text: str, expected: list) -> None:
    found = find_dates(text, lang, REF)
    assert [(d.text, d.value) for d in found] == expected


def test_relative_dates_without_reference_stay_unresolved() -> None:
    (d,) = find_dates("They met on Tuesday.", "en", None)
    assert d.value is None and d.relative


@pytest.mark.parametrize(
    ("lang", "text", "value", "currency"),
    [
        ("en", "worth $2.5 billion", 2.5e9, "USD"),
        ("en", "300 million yuan", 3e8, "CNY"),
        ("en", "KRW 1,200 billion", 1.2e12, "KRW"),
        ("ko", "25억 달러", 2.5e9, "USD"),
        ("ko", "3조 5000억원", 3.5e12, "KRW"),
        ("zh", "50亿美元", 5e9, "USD"),
        ("zh", "1.2万亿韩元", 1.2e12, "KRW"),
        ("zh", "3000万元", 3e7, "CNY"),
    ],
)
def test_amounts(lang: str, text: str, value: float, currency: str) -> None:
    (a,) = find_amounts(text, lang)
    assert a.value == pytest.approx(value) and a.currency == currency
