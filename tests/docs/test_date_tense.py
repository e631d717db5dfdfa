"""Bare weekdays follow the tense of their clause: past or unknown -> the most recent such
day on or before the publication date, future -> the first such day on or after it."""

from __future__ import annotations

from datetime import date

import pytest

from kcbridge.docs.dates import FUTURE, PAST, clause_tense, find_dates
from kcbridge.docs.entities import extract_entities
from kcbridge.docs.text import split_sentences

TUE = date(2024, 3, 12)  # a Tuesday: Thu 7 and Fri 8 March are behind, Thu 14 ahead
THU = date(2024, 3, 14)  # a Thursday


def _values(text: str, lang: str, ref: date) -> list[tuple[str, date | None]]:
    return [(d.text, d.value) for d in find_dates(text, lang, ref)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The two ministers will meet on Thursday.", [("Thursday", date(2024, 3, 14))]),
        ("en", "On Thursday, the ministers will meet in Seoul.",
         [("Thursday", date(2024, 3, 14))]),
        ("en", "Hanwha plans to sign the contract on Monday.", [("Monday", date(2024, 3, 18))]),
        ("en", "The forum is set to open on Friday.", [("Friday", date(2024, 3, 15))]),
        ("en", "The minister is expected to visit Beijing on Thursday.",
         [("Thursday", date(2024, 3, 14))]),
        ("en", "The deal will be signed on Monday.", [("Monday", date(2024, 3, 18))]),
        ("ko", "양국 장관은 목요일에 만날 예정이다.", [("목요일", date(2024, 3, 14))]),
        ("ko", "대표단은 금요일 베이징을 방문할 계획이다.", [("금요일", date(2024, 3, 15))]),
        ("ko", "회의는 월요일 서울에서 열릴 것으로 보인다.", [("월요일", date(2024, 3, 18))]),
        ("ko", "양국은 오는 목요일 서울에서 회의를 연다.", [("목요일", date(2024, 3, 14))]),
        ("zh", "双方将于周四举行会谈。", [("周四", date(2024, 3, 14))]),
        ("zh", "中方拟于周五公布细则。", [("周五", date(2024, 3, 15))]),
        ("zh", "周四，双方将在首尔签署协议。", [("周四", date(2024, 3, 14))]),
        ("zh", "预计周一发布新规。", [("周一", date(2024, 3, 18))]),
        ("zh", "双方计划星期五签署协议。", [("星期五", date(2024, 3, 15))]),
    ],
)
def test_future_tense_weekday_is_the_coming_one(lang: str, text: str, expected: list) -> None:
    assert _values(text, lang, TUE) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The ministers met on Thursday.", [("Thursday", date(2024, 3, 7))]),
        ("en", "Hanwha said on Monday it would expand output.", [("Monday", date(2024, 3, 11))]),
        # the day belongs to the reporting verb right before it, not to the "will" after
        ("en", "China said on Thursday it will curb graphite exports.",
         [("Thursday", date(2024, 3, 7))]),
        ("en", "Samsung said Thursday it will invest $2 billion.",
         [("Thursday", date(2024, 3, 7))]),
        # future seen from a past moment: no decision, today's rule
        ("en", "They agreed to meet on Friday.", [("Friday", date(2024, 3, 8))]),
        ("en", "The ministry said it would publish the rules on Friday.",
         [("Friday", date(2024, 3, 8))]),
        ("ko", "양국 장관은 목요일 만나 협력 방안을 논의했다.", [("목요일", date(2024, 3, 7))]),
        ("zh", "双方周四举行了会谈。", [("周四", date(2024, 3, 7))]),
        ("zh", "双方周四举行会谈", [("周四", date(2024, 3, 7))]),  # no cue: unknown
        ("zh", "商务部周一将镓列入出口管制清单。", [("周一", date(2024, 3, 11))]),  # 将 = 把
    ],
)
def test_past_and_unknown_tense_keep_the_most_recent_day(
    lang: str, text: str, expected: list
) -> None:
    assert _values(text, lang, TUE) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Officials said on Monday the ministers will meet on Thursday.",
         [("Monday", date(2024, 3, 11)), ("Thursday", date(2024, 3, 14))]),
        ("en", "The ministers will meet on Thursday, officials said on Monday.",
         [("Thursday", date(2024, 3, 14)), ("Monday", date(2024, 3, 11))]),
        ("en", "The talks, which began on Monday, will end on Friday.",
         [("Monday", date(2024, 3, 11)), ("Friday", date(2024, 3, 15))]),
        ("en", "The ministers met on Monday and will meet again on Thursday.",
         [("Monday", date(2024, 3, 11)), ("Thursday", date(2024, 3, 14))]),
        ("en", "The agreement will be signed on Monday and Thursday.",
         [("Monday", date(2024, 3, 18)), ("Thursday", date(2024, 3, 14))]),
        ("ko", "산업부는 월요일 양국 장관이 목요일에 만날 예정이라고 밝혔다.",
         [("월요일", date(2024, 3, 11)), ("목요일", date(2024, 3, 14))]),
        ("ko", "양국은 월요일과 목요일에 회의를 열 예정이다.",
         [("월요일", date(2024, 3, 18)), ("목요일", date(2024, 3, 14))]),
        ("zh", "商务部周一表示，双方将于周四举行会谈。",
         [("周一", date(2024, 3, 11)), ("周四", date(2024, 3, 14))]),
    ],
)
def test_each_mention_takes_the_tense_of_its_own_clause(
    lang: str, text: str, expected: list
) -> None:
    assert _values(text, lang, TUE) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "The two ministers will meet on Thursday."), ("en", "The ministers met on Thursday."),
     ("ko", "양국 장관은 목요일에 만날 예정이다."), ("zh", "双方将于周四举行会谈。")],
)
def test_the_reference_weekday_itself_is_that_day_in_both_tenses(lang: str, text: str) -> None:
    (d,) = find_dates(text, lang, THU)
    assert d.value == THU


@pytest.mark.parametrize(
    ("lang", "text", "ref", "expected"),
    [
        ("en", "The ministers will meet next Thursday.", THU,
         [("next Thursday", date(2024, 3, 21))]),
        ("en", "The ministers will meet this Friday.", TUE, [("this Friday", date(2024, 3, 15))]),
        ("en", "They will build on talks held last Tuesday.", TUE,
         [("last Tuesday", date(2024, 3, 5))]),
        ("en", "The ministers met last Thursday.", THU, [("last Thursday", date(2024, 3, 7))]),
        ("ko", "양국은 다음 주 목요일에 만날 예정이다.", TUE,
         [("다음 주 목요일", date(2024, 3, 21))]),
        ("ko", "양국은 지난주 화요일 만날 예정이었다.", TUE, [("지난주 화요일", date(2024, 3, 5))]),
        ("zh", "下周四双方将签署协议。", TUE, [("下周四", date(2024, 3, 21))]),
        ("zh", "双方将落实上周三签署的协议。", TUE, [("上周三", date(2024, 3, 6))]),
    ],
)
def test_explicit_prefixes_decide_whatever_the_tense(
    lang: str, text: str, ref: date, expected: list
) -> None:
    assert _values(text, lang, ref) == expected


def test_future_weekday_without_reference_stays_unresolved() -> None:
    (d,) = find_dates("The ministers will meet on Thursday.", "en", None)
    assert d.value is None and d.relative


def test_clause_tense_reports_the_nearest_cue() -> None:
    text = "Officials said on Monday the ministers will meet on Thursday."
    monday, thursday = text.index("Monday"), text.index("Thursday")
    spans = [(monday, monday + 6), (thursday, thursday + 8)]
    assert clause_tense(text, monday, monday + 6, "en", spans) == PAST
    assert clause_tense(text, thursday, thursday + 8, "en", spans) == FUTURE
    assert clause_tense("双方周四举行会谈", 2, 4, "zh") is None


def test_entities_carry_the_future_date_of_a_news_sentence() -> None:
    text = ("The ministers met on Tuesday in Seoul. They will meet again on Friday in Beijing.\n"
            "양국 장관은 목요일에 다시 만날 예정이다.\n双方将于周一签署协议。")
    dates = [(e.text, e.key) for e in extract_entities(text, split_sentences(text), TUE)
             if e.kind == "date"]
    assert dates == [("Tuesday", "2024-03-12"), ("Friday", "2024-03-15"),
                     ("목요일", "2024-03-14"), ("周一", "2024-03-18")]


@pytest.mark.parametrize(
    ("lang", "text", "ref", "expected"),
    [
        ("ko", "회의는 25일 열릴 예정이다.", TUE, date(2024, 3, 25)),
        ("ko", "회의는 5일 열릴 예정이다.", TUE, date(2024, 4, 5)),  # the 5th has passed
        ("ko", "회의는 5일 열렸다.", TUE, date(2024, 3, 5)),
        ("en", "The talks will resume on the 5th.", TUE, date(2024, 4, 5)),
        ("en", "The talks resumed on the 5th.", TUE, date(2024, 3, 5)),
        ("zh", "双方将于20日举行会谈。", TUE, date(2024, 3, 20)),
        ("zh", "双方将于10日举行会谈。", date(2024, 12, 12), date(2025, 1, 10)),  # into January
        ("zh", "会议于10日举行。", TUE, date(2024, 3, 10)),
        ("en", "The ministers will meet on the 12th.", TUE, TUE),  # the day itself
    ],
)
def test_bare_day_of_month_follows_the_tense(lang: str, text: str, ref: date,
                                             expected: date) -> None:
    assert [d.value for d in find_dates(text, lang, ref)] == [expected]
