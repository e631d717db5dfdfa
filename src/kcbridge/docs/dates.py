"""Dates in English, Korean and Chinese, relative ones resolved against a reference date
(normally the publication date).

Conventions (news style):
* A bare weekday ("on Tuesday", "화요일", "周二") is the most recent such day on or before
  the reference date; "next Tuesday" / "다음 주 화요일" / "下周二" look forward.
* "last Tuesday" (English) is the most recent Tuesday strictly before the reference date;
  "지난주 화요일" and "上周二" are the Tuesday of the previous calendar week (weeks start
  on Monday).
* A bare day of month ("11일", "11日", "the 11th") is in the reference month when it is
  not after the reference day, else in the month before.
* A month and day without a year take the reference year, or the year before when that
  would be more than 183 days after the reference date.
* Without a reference date relative expressions are kept with ``value=None``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_EN_MONTHS = {
    m.lower(): i for i, m in enumerate(calendar.month_name) if m
} | {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
_EN_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_KO_WEEKDAYS = {"월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6}
_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}

_MONTH_RE = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
_EN_PATTERNS = [
    ("iso", re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")),
    ("mdy", re.compile(rf"\b({_MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b", re.I)),
    ("dmy", re.compile(rf"\b(\d{{1,2}}) ({_MONTH_RE})\.?,? (\d{{4}})\b", re.I)),
    ("md", re.compile(rf"\b({_MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? \d{{4}})", re.I)),
    ("dm", re.compile(rf"\b(\d{{1,2}}) ({_MONTH_RE})\b(?!\.?,? \d{{4}})", re.I)),
    ("my", re.compile(rf"\b({_MONTH_RE}) (\d{{4}})\b", re.I)),
    ("weekday", re.compile(r"\b(?:(last|next|this) )?(monday|tuesday|wednesday|thursday|friday|"
                           r"saturday|sunday)\b", re.I)),
    ("relday", re.compile(r"\b(today|yesterday|tomorrow)\b", re.I)),
    ("relperiod", re.compile(r"\b(last|next|this) (week|month|year)\b", re.I)),
    ("ordinal", re.compile(r"\bthe (\d{1,2})(?:st|nd|rd|th)\b", re.I)),
    ("year", re.compile(r"\b(?:in|by|since|until|from|before|after) ((?:19|20)\d{2})\b")),
]
_KO_PATTERNS = [
    ("ymd", re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")),
    ("ymd", re.compile(r"(\d{4})\.\s?(\d{1,2})\.\s?(\d{1,2})\.?")),
    ("md", re.compile(r"(?<!\d)(\d{1,2})\s*월\s*(\d{1,2})\s*일")),
    ("ym", re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월(?!\s*\d)")),
    ("weekday", re.compile(r"(?:(지난주|지난|이번 ?주|다음 ?주)\s*)?([월화수목금토일])요일")),
    ("relday", re.compile(r"(오늘|어제|내일|그제|그저께|모레)")),
    ("relperiod", re.compile(r"(지난|이번|다음|올|작|내)\s?(주|달|월|해|년)(?![가-힣])")),
    ("day", re.compile(r"(?<![\d월.])(\d{1,2})\s?일(?![가-힣])"
                       r"|(?<![\d월.])(\d{1,2})일(?=[에은부까,\s])")),
    ("year", re.compile(r"(?<!\d)((?:19|20)\d{2})\s*년(?!\s*\d{1,2}\s*월)")),
]
_ZH_NUM = r"[\d〇零一二两三四五六七八九十]{1,3}"
_ZH_PATTERNS = [
    ("ymd", re.compile(rf"(\d{{4}}|[〇零一二三四五六七八九]{{4}})年"
                       rf"({_ZH_NUM})月({_ZH_NUM})[日号]")),
    ("md", re.compile(rf"(?<![\d年])({_ZH_NUM})月({_ZH_NUM})[日号]")),
    ("ym", re.compile(rf"(\d{{4}})年({_ZH_NUM})月(?!{_ZH_NUM}[日号])")),
    ("weekday", re.compile(r"(上|下|本|这)?(?:周|星期|礼拜)([一二三四五六日天])")),
    ("relday", re.compile(r"(今天|昨天|明天|前天|后天|今日|昨日|明日)")),
    ("relperiod", re.compile(r"(上|下|本|这|今|去|明)(周|月|年)(?![\d一二三四五六七八九十])")),
    ("day", re.compile(rf"(?<![\d月年〇零一二两三四五六七八九十])({_ZH_NUM})[日号](?![本元])")),
    ("year", re.compile(r"(?<!\d)((?:19|20)\d{2})年(?!\d{1,2}月)")),
]


@dataclass(frozen=True)
class DateMention:
    """A date found in text. ``value`` is the resolved date (first day of the period for
    month/year/week precision) or None when it cannot be resolved."""

    start: int
    end: int
    text: str
    value: date | None
    precision: str  # day | week | month | year
    relative: bool


def find_dates(text: str, lang: str, reference: date | None = None) -> list[DateMention]:
    """All date mentions in ``text`` (one language), earliest first, no overlaps."""
    patterns = {"en": _EN_PATTERNS, "ko": _KO_PATTERNS, "zh": _ZH_PATTERNS}.get(lang)
    if patterns is None:
        return []
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in patterns:
        for m in pattern.finditer(text):
            span = m.span(1) if kind == "year" else m.span()
            if any(span[0] < e and s < span[1] for s, e in taken):
                continue
            resolved = _resolve(kind, lang, m, reference)
            if resolved is None:
                continue
            value, precision, relative = resolved
            taken.append(span)
            found.append(
                DateMention(span[0], span[1], text[span[0]:span[1]], value, precision, relative)
            )
    return sorted(found, key=lambda d: d.start)


def _zh_number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if all(ch in _ZH_DIGITS for ch in token) and len(token) == 4:  # 二〇二四
        return int("".join(str(_ZH_DIGITS[ch]) for ch in token))
    if "十" in token:
        tens, _, ones = token.partition("十")
        t = _ZH_DIGITS.get(tens, 1) if tens else 1
        o = _ZH_DIGITS.get(ones, 0) if ones else 0
        return t * 10 + o
    if len(token) == 1 and token in _ZH_DIGITS:
        return _ZH_DIGITS[token]
    return None


def _num(token: str | None, lang: str) -> int | None:
    if token is None:
        return None
    return _zh_number(token) if lang == "zh" else int(token)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_day(ref: date | None, month: int, day: int) -> date | None:
    if ref is None:
        return None
    value = _safe_date(ref.year, month, day)
    if value is not None and (value - ref).days > 183:
        value = _safe_date(ref.year - 1, month, day)
    return value


def _bare_day(ref: date | None, day: int) -> date | None:
    if ref is None or not 1 <= day <= 31:
        return None
    if day <= ref.day:
        return _safe_date(ref.year, ref.month, day)
    prev = (ref.replace(day=1) - timedelta(days=1))
    return _safe_date(prev.year, prev.month, day)


def _weekday(ref: date | None, weekday: int, mode: str) -> date | None:
    """mode: recent (on or before), strict_past, prev_week, next_week, this_week, next."""
    if ref is None:
        return None
    monday = ref - timedelta(days=ref.weekday())
    if mode == "recent":
        return ref - timedelta(days=(ref.weekday() - weekday) % 7)
    if mode == "strict_past":
        back = (ref.weekday() - weekday) % 7 or 7
        return ref - timedelta(days=back)
    if mode == "prev_week":
        return monday - timedelta(days=7) + timedelta(days=weekday)
    if mode == "next_week":
        return monday + timedelta(days=7 + weekday)
    if mode == "this_week":
        return monday + timedelta(days=weekday)
    ahead = (weekday - ref.weekday()) % 7 or 7  # "next Tuesday": the coming one
    return ref + timedelta(days=ahead)


def _period(ref: date | None, unit: str, shift: int) -> tuple[date | None, str]:
    if ref is None:
        return None, {"w": "week", "m": "month", "y": "year"}[unit]
    if unit == "w":
        monday = ref - timedelta(days=ref.weekday())
        return monday + timedelta(days=7 * shift), "week"
    if unit == "m":
        months = ref.year * 12 + ref.month - 1 + shift
        return date(months // 12, months % 12 + 1, 1), "month"
    return date(ref.year + shift, 1, 1), "year"


_SHIFT_WORDS = {
    "last": -1, "next": 1, "this": 0, "지난": -1, "이번": 0, "다음": 1, "올": 0, "작": -1,
    "내": 1, "上": -1, "下": 1, "本": 0, "这": 0, "今": 0, "去": -1, "明": 1,
}
_UNIT_WORDS = {"week": "w", "month": "m", "year": "y", "주": "w", "달": "m", "월": "m",
               "해": "y", "년": "y", "周": "w", "月": "m", "年": "y"}
_RELDAY = {"today": 0, "yesterday": -1, "tomorrow": 1, "오늘": 0, "어제": -1, "내일": 1,
           "그제": -2, "그저께": -2, "모레": 2, "今天": 0, "今日": 0, "昨天": -1, "昨日": -1,
           "明天": 1, "明日": 1, "前天": -2, "后天": 2}


def _resolve(  # noqa: C901 - one branch per pattern kind keeps the rules readable
    kind: str, lang: str, m: re.Match[str], ref: date | None
) -> tuple[date | None, str, bool] | None:
    g = m.groups()
    if kind in ("iso", "ymd"):
        y, mo, d = _num(g[0], lang), _num(g[1], lang), _num(g[2], lang)
        if y is None or mo is None or d is None:
            return None
        value = _safe_date(y, mo, d)
        return (value, "day", False) if value else None
    if kind == "mdy":
        value = _safe_date(int(g[2]), _EN_MONTHS[g[0].lower()], int(g[1]))
        return (value, "day", False) if value else None
    if kind == "dmy":
        value = _safe_date(int(g[2]), _EN_MONTHS[g[1].lower()], int(g[0]))
        return (value, "day", False) if value else None
    if kind == "md":
        if lang == "en":
            month, day = _EN_MONTHS[g[0].lower()], int(g[1])
        else:
            month, day = _num(g[0], lang) or 0, _num(g[1], lang) or 0
        if lang == "en" and g[0].lower() in ("may", "mar", "jun", "dec") and m.group()[0].islower():
            return None  # "may 5" is more likely the verb
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return _month_day(ref, month, day), "day", True
    if kind == "dm":
        month, day = _EN_MONTHS[g[1].lower()], int(g[0])
        if not 1 <= day <= 31:
            return None
        return _month_day(ref, month, day), "day", True
    if kind in ("my", "ym"):
        if lang == "en":
            month, year = _EN_MONTHS[g[0].lower()], int(g[1])
        else:
            year, month = _num(g[0], lang) or 0, _num(g[1], lang) or 0
        value = _safe_date(year, month, 1) if 1 <= month <= 12 else None
        return (value, "month", False) if value else None
    if kind == "year":
        return date(int(g[0]), 1, 1), "year", False
    if kind == "weekday":
        modifier = (g[0] or "").lower().replace(" ", "")
        if lang == "en":
            wd = _EN_WEEKDAYS[g[1].lower()]
            mode = {"": "recent", "last": "strict_past", "next": "next",
                    "this": "this_week"}[modifier]
        elif lang == "ko":
            wd = _KO_WEEKDAYS[g[1]]
            mode = {"": "recent", "지난": "strict_past", "지난주": "prev_week",
                    "이번주": "this_week",
                    "다음주": "next_week"}[modifier]
        else:
            wd = _ZH_WEEKDAYS[g[1]]
            mode = {"": "recent", "上": "prev_week", "下": "next_week", "本": "this_week",
                    "这": "this_week"}[modifier]
        return _weekday(ref, wd, mode), "day", True
    if kind == "relday":
        shift = _RELDAY[g[0].lower()]
        return (ref + timedelta(days=shift) if ref else None), "day", True
    if kind == "relperiod":
        shift_word = g[0].lower() if lang == "en" else g[0]
        unit = _UNIT_WORDS[g[1].lower() if lang == "en" else g[1]]
        if lang == "ko" and shift_word in ("올", "작", "내") and unit != "y":
            return None
        value, precision = _period(ref, unit, _SHIFT_WORDS[shift_word])
        return value, precision, True
    if kind == "ordinal":
        return _bare_day(ref, int(g[0])), "day", True
    if kind == "day":
        token = next((x for x in g if x), None)
        bare = _num(token, lang)
        if bare is None or not 1 <= bare <= 31:
            return None
        return _bare_day(ref, bare), "day", True
    return None
