"""Dates in English, Korean and Chinese, relative ones resolved against a reference date
(normally the publication date).

Conventions (news style):
* A bare weekday ("on Tuesday", "화요일", "周二") is the most recent such day on or before
  the reference date when its clause is in the past tense or the tense is unknown ("the
  ministers met on Tuesday"); in a future-tense clause ("will meet on Thursday", "목요일에
  만날 예정이다", "双方将于周四举行会谈") it is the first such day ON OR AFTER the reference
  date. The reference day itself counts in both directions: wire copy filed on a Thursday
  writes "will meet (on) Thursday" or "later on Thursday" for that same day and "next
  Thursday" / "다음 주 목요일" / "下周四" for the week after (and news styles name the
  weekday only within seven days of the publication date), so a future "Thursday" in a
  Thursday article is that day, as a past "Thursday" is.
* Tense (:func:`clause_tense`) comes from cue words in the sentence: future cues (en: will,
  shall, may/must/should/can, is/are to, is set/due/scheduled/expected/slated to,
  plans/aims/hopes/intends to + verb, upcoming, next week, "the planned ..."; ko: 예정,
  -ㄹ 것/계획/방침/전망, -겠-, verbs in -할/-될/-릴 such as 방문할, 열릴, and 오는 right
  before the date; zh: 将于, 将在, 将 + verb (not 将 = 把 before an object), 拟, 计划, 预计,
  即将, 定于, 准备) and past cues (en: -ed forms except adjectives such as "advanced", and
  irregular past verbs such as said, met, held, was; ko: a past -았/었/였- syllable such as
  밝혔다, 만났다; zh: 了, 已, 曾, 此前 and reporting verbs 表示, 称, 宣布). Future seen from a
  past moment ("would", "agreed to meet", "was expected to", 만나기로 했다) decides
  nothing (reported speech is future from the time of saying, not of publication): the
  default applies.
* English: a cue right before the weekday, with at most "on" between ("said on Thursday
  it will ...", "said Thursday"), decides: the day is that verb's adverbial.
* Otherwise the cue nearest to the mention decides, counted in characters, with a comma between
  them counting as 20 more and a full stop or semicolon as a wall. English and Chinese
  look on both sides of the mention (auxiliaries come before the date: "will meet on
  Thursday", "将于周四"; 了 and reporting verbs after it); Korean, verb-final, looks only
  after it. A cue after the mention does not count when another date stands in between
  (that date is closer to the verb), unless the two are coordinated ("Monday and
  Thursday", 월요일과 목요일). A bare Korean date right after a topic (산업부는 월요일 ...)
  belongs to the sentence's final predicate (Yonhap style: "산업부는 월요일 양국이
  목요일에 만날 예정이라고 밝혔다" -> 밝혔다, past), so the last cue of the sentence
  decides; with 에 (목요일에 만날) the nearest one does.
* A clause boundary after the date keeps a later verb's tense out: a Korean past verb
  with a connective ending right after the date ("21일 협약을 체결했으며 ... 예정이다") makes
  it past; in English "and"/"but" between the date and a later cue counts like a comma
  ("signed it on Wednesday and will build ..."); in Chinese an event verb right after the
  date with no future cue before it or in between ("21日签署协议，将共同推进 ...") makes it
  past (Chinese has no tense: only 将于21日签署 dates the signing ahead).
* "last Tuesday" (English) is the most recent Tuesday strictly before the reference date;
  "지난주 화요일" and "上周二" are the Tuesday of the previous calendar week (weeks start
  on Monday). Explicit "last/next/this", 지난/이번 주/다음 주, 上/下/本/这 prefixes decide on
  their own, whatever the tense.
* A bare day of month ("11일", "11日", "the 11th") is in the reference month when it is
  not after the reference day, else in the month before; in a future-tense clause
  ("25일 열릴 예정", "will resume on the 5th") it is in the reference month when it is
  not before the reference day, else in the month after.
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
# ISO dates in Korean and Chinese pages ("입력 2026-01-05 14:32", "时间:2020-01-02"): no
# word boundary, since Hangul and Han letters may touch the digits.
_CJK_ISO = ("iso", re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"))
_KO_PATTERNS = [
    _CJK_ISO,
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
    _CJK_ISO,
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
    """All date mentions in ``text`` (one language), earliest first, no overlaps.

    ``text`` is best a whole sentence: a bare weekday looks at the tense of the words
    around it (:func:`clause_tense`)."""
    patterns = {"en": _EN_PATTERNS, "ko": _KO_PATTERNS, "zh": _ZH_PATTERNS}.get(lang)
    if patterns is None:
        return []
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    bare_weekdays: dict[int, int] = {}  # start -> weekday of mentions without a prefix
    bare_days: dict[int, int] = {}  # start -> day of month of a bare day ("25일", "the 5th")
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
            if kind == "weekday" and not m.group(1):
                bare_weekdays[span[0]] = _weekday_index(lang, m.group(2))
            elif kind in ("ordinal", "day") and value is not None:
                bare_days[span[0]] = value.day
    found.sort(key=lambda d: d.start)
    if reference is None or not (bare_weekdays or bare_days):
        return found
    spans = [(d.start, d.end) for d in found]
    for i, d in enumerate(found):
        if d.start not in bare_weekdays and d.start not in bare_days:
            continue
        if clause_tense(text, d.start, d.end, lang, spans) != FUTURE:
            continue
        if d.start in bare_weekdays:
            value = _weekday(reference, bare_weekdays[d.start], "upcoming")
        else:
            value = _upcoming_day(reference, bare_days[d.start])
        found[i] = DateMention(d.start, d.end, d.text, value, d.precision, d.relative)
    return found


# ---- tense of the words around a mention ---------------------------------------------
FUTURE, PAST = "future", "past"
_NEUTRAL = "neutral"  # future seen from a past moment ("would", "agreed to meet"): no decision


def _hangul_with_final(final: int) -> str:
    """All Hangul syllables with the given final consonant (jongseong index)."""
    return "".join(chr(0xAC00 + 28 * base + final) for base in range(399))


_KO_RIEUL = _hangul_with_final(8)  # syllables ending in ㄹ: 만날, 열, 할
_KO_PAST = _hangul_with_final(20).replace("있", "").replace("겠", "")  # ㅆ: 했, 었, 났, 혔

_EN_INTENT = (r"plans?|intends?|aims?|hopes?|expects?|wants?|seeks?|prepares?|is planning|"
              r"are planning|is preparing|are preparing|is going|are going|is about|are about")
_EN_INTENT_PAST = (r"agreed|planned|decided|promised|pledged|vowed|aimed|hoped|intended|"
                   r"wanted|sought|expected|offered|proposed|prepared|failed|refused|"
                   r"was going|were going|was about|were about")
_SCHEDULED = r"set|due|scheduled|expected|slated|poised|supposed|to"
_TENSE_CUES: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    "en": [
        (_NEUTRAL, re.compile(
            r"\b(?:would|could)\b(?: not)?(?: \w+ly)?(?: have)?(?: be)?(?: \w+)?"
            rf"|\b(?:was|were)(?: \w+ly)? (?:{_SCHEDULED})\b(?: to)?(?: be)?(?: \w+)?"
            rf"|(?<!is )(?<!are )\b(?:{_EN_INTENT_PAST}) to(?: be)? \w+")),
        (FUTURE, re.compile(
            r"\b(?:will|shall|may|might|must|should|can|cannot)\b(?: not)?(?: \w+ly)?(?: be)?"
            r"(?: \w+)?|\b\w+['’]ll\b(?: \w+)?"
            rf"|\b(?:is|are|am)(?: \w+ly)? (?:{_SCHEDULED})\b(?: to)?(?: be)?(?: \w+)?"
            rf"|\b(?:{_EN_INTENT}) to(?: be)? \w+"
            r"|\b(?:upcoming|forthcoming|coming)\b|\bnext (?:week|month|year)\b"
            r"|\blater this (?:week|month|year)\b"
            r"|\b(?:the|a|an|its|their|his|her) (?:planned|scheduled|proposed|expected)\b")),
        (PAST, re.compile(
            r"\b(?:said|told|met|held|made|took|gave|began|went|came|saw|won|sent|spoke|"
            r"wrote|left|brought|bought|built|sought|thought|found|became|rose|fell|grew|"
            r"chose|struck|paid|sold|spent|stood|kept|lost|meant|heard|felt|ran|drew|flew|"
            r"knew|was|were|had|did|ago|earlier|previously|agreed)\b"
            r"|\b[a-z]{2,}[^e\W]ed\b")),  # -ed forms, not -eed (proceed, exceed)
    ],
    "ko": [
        (_NEUTRAL, re.compile(r"기로")),  # 만나기로 했다: a past decision about later
        (FUTURE, re.compile(
            rf"예정|겠|[{_KO_RIEUL}] (?:것|계획|방침|전망|생각|수)"
            r"|(?<!역)(?:할|될|릴)(?![가-힣])")),
        (PAST, re.compile(rf"[{_KO_PAST}]")),
    ],
    "zh": [
        (FUTURE, re.compile(
            r"将于|将在|将会|将要|即将|拟于|拟(?!定)|计划|预计|定于|准备|打算|有望|下一步"
            r"|将(?=[举召访出会签启开前赴进发实与同和对向是正再继共办成参首])")),
        (PAST, re.compile(
            r"(?<![为除])了(?!解)|已经|已于|已|曾经|曾|此前|日前|刚刚|表示|宣布|透露|指出|强调"
            r"|证实|(?<![名堪号简])称(?![为之])")),
    ],
}
# Adjectives in -ed that are no past verbs ("advanced chips", "integrated circuits"); the end
# of a compound ("so-called", "state-owned", "Seoul-based") is none either.
_EN_NOT_PAST = {"advanced", "integrated", "based", "related", "limited", "united", "detailed",
                "skilled", "automated", "unprecedented", "unexpected", "specialised",
                "specialized", "dedicated", "sophisticated", "combined", "hundred",
                "licensed", "refined", "processed", "listed", "owned"}
_WALL = re.compile(r"[;；。！？\n]|(?<![A-Z])[.!?](?=\s)")
_COMMA = re.compile(r",|，| [—–-] ")
_COORDINATED = re.compile(r"\s*(?:,|and|or|및|과|와|、|和|与|及|至|到|-|–|~)?\s*(?:and |or )?")
_KO_TOPIC_BEFORE = re.compile(r"[가-힣][은는]\s+$")
_KO_COMING_BEFORE = re.compile(r"(?<![가-힣])(?:다가)?오는\s*$")
_COMMA_COST = 20
# A Korean connective ending right after a past verb closes the date's clause (체결했으며,
# 만났고, 합의했지만); English "and"/"but" between a date and a later verb starts another.
_KO_CONNECTIVE = re.compile(r"(?:으며|며|고|는데|지만|으나|으면서|면서|어서|아서)[\s,]")
_EN_COORDINATOR = re.compile(r"\b(?:and|but|while|whereas)\b")


def _cues(text: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, tense) of the tense cues in ``text``; earlier categories win overlaps."""
    out: list[tuple[int, int, str]] = []
    for tense, pattern in _TENSE_CUES.get(lang, []):
        for m in pattern.finditer(text):
            if lang == "en" and tense == PAST and (
                m.group().lower() in _EN_NOT_PAST or text[m.start() - 1:m.start()] == "-"
            ):
                continue
            if any(m.start() < e and s < m.end() for s, e, _ in out):
                continue
            out.append((m.start(), m.end(), tense))
    return sorted(out)


#: between a verb and the weekday it governs: "said on Thursday", "will Thursday"
_EN_ADVERBIAL_GAP = re.compile(r"\s+(?:on\s+)?")


def clause_tense(
    text: str, start: int, end: int, lang: str, mentions: list[tuple[int, int]] | None = None
) -> str | None:
    """``"future"``, ``"past"`` or None (unknown) for the date at ``text[start:end]``, from
    the tense cue nearest to it (rules in the module doc). ``mentions``: spans of all date
    mentions of ``text`` (a cue after the mention with another date in between is that
    date's)."""
    walls = [m.start() for m in _WALL.finditer(text)]
    lo = max((w + 1 for w in walls if w < start), default=0)
    hi = min((w for w in walls if w >= end), default=len(text))
    block = hi
    previous_end = end
    for s, e in sorted(mentions or []):
        if s < end:
            continue
        if _COORDINATED.fullmatch(text[previous_end:s]):
            previous_end = e
            continue
        block = s
        break
    cues = [c for c in _cues(text, lang) if lo <= c[0] and c[1] <= hi and not start <= c[0] < end]
    if lang == "ko":
        if _KO_COMING_BEFORE.search(text, lo, start):
            return FUTURE  # "오는 목요일": the coming Thursday
        cues = [c for c in cues if c[0] >= end]
        if cues and cues[0][2] == PAST and _KO_CONNECTIVE.match(text, cues[0][1]):
            return PAST  # "21일 체결했으며 ... 예정이다": the date's own clause is past
        if cues and _KO_TOPIC_BEFORE.search(text, lo, start) and not text.startswith("에", end):
            # "산업부는 월요일 ... 밝혔다": the date of the final predicate
            return None if cues[-1][2] == _NEUTRAL else cues[-1][2]
    if lang == "zh" and cues and _zh_event_after(text, end, hi, cues):
        return PAST
    if lang == "en":  # "said on Thursday it will ...": the day is the said's adverbial
        governing = [c for c in cues if c[1] <= start and _EN_ADVERBIAL_GAP.fullmatch(
            text[c[1]:start])]
        if governing:
            tense = governing[-1][2]
            return None if tense == _NEUTRAL else tense
    best: tuple[int, str] | None = None
    for s, e, tense in cues:
        if s >= end:
            if s >= block:
                continue
            gap = text[end:s]
        else:
            gap = text[e:start]
        cost = len(gap) + _COMMA_COST * len(_COMMA.findall(gap))
        if lang == "en" and s >= end and _EN_COORDINATOR.search(gap):
            cost += _COMMA_COST  # "signed it on Wednesday and will build": a new clause
        if best is None or cost < best[0] or (cost == best[0] and tense == FUTURE):
            best = (cost, tense)
    if best is None or best[1] == _NEUTRAL:
        return None
    return best[1]


# Chinese verbs of a completed event: a date right before one of them ("11日签署", "27日在首尔
#召开") dates that event, which news reports after it happened, whatever a later clause
# says about the future ("，将共同推进 ..."). Chinese has no tense, so only a future cue
# between the date and the verb (将于11日签署: before it) makes the event a coming one.
_ZH_EVENT_VERB = re.compile(
    r"签署|签订|签约|签了|举行|召开|举办|会见|会谈|出席|达成|启动|开工|动工|竣工|投产|揭牌|"
    r"成立|访问|发布|宣布|通过|批准")


def _zh_event_after(text: str, end: int, hi: int, cues: list[tuple[int, int, str]]) -> bool:
    """Whether the Chinese date ending at ``end`` is followed in its clause by an event verb
    with no future cue in between or in the clause before the date."""
    comma = _COMMA.search(text, end, hi)
    stop = comma.start() if comma else hi
    verb = _ZH_EVENT_VERB.search(text, end, min(stop, end + 24))
    if verb is None:
        return False
    clause_start = max((m.end() for m in _COMMA.finditer(text, 0, end)), default=0)
    return not any(t == FUTURE and (end <= s < verb.start() or clause_start <= s < end)
                   for s, _e, t in cues)


def _weekday_index(lang: str, token: str) -> int:
    if lang == "en":
        return _EN_WEEKDAYS[token.lower()]
    return _KO_WEEKDAYS[token] if lang == "ko" else _ZH_WEEKDAYS[token]


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


def _upcoming_day(ref: date, day: int) -> date | None:
    """A bare day of month in a future-tense clause: this month when the day is not
    before the reference day, else next month."""
    if day >= ref.day:
        return _safe_date(ref.year, ref.month, day)
    first_next = (ref.replace(day=28) + timedelta(days=4)).replace(day=1)
    return _safe_date(first_next.year, first_next.month, day)


def _weekday(ref: date | None, weekday: int, mode: str) -> date | None:
    """mode: recent (on or before), upcoming (on or after), strict_past, prev_week,
    next_week, this_week, next (strictly after)."""
    if ref is None:
        return None
    monday = ref - timedelta(days=ref.weekday())
    if mode == "recent":
        return ref - timedelta(days=(ref.weekday() - weekday) % 7)
    if mode == "upcoming":  # a bare weekday in a future-tense clause
        return ref + timedelta(days=(weekday - ref.weekday()) % 7)
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
