"""Sentences that report no new cooperation event: background told with a marker of the past,
a forecast of an event's effect, one side's own wish or decision (issue 10, statement
precision in Korean, Chinese and English).

Why a sentence-level check: the cue rules (:mod:`kcbridge.docs.statement_views`) look at the
cue that matched, but a learned candidate (the statement detector) has no cue, and the classes
below recurred on every seen set in forms no single cue holds. Counted on the false statements
of the seen sets (news_dev's development half, fresh-7 to fresh-13, run with the code of the
stprec3 round; table in ``docs/history/documents.md``), the two largest general causes were:

* **background with a marker of the past.** A curb, signing or opening told as the history of
  the story ("两年前，中国曾暂停出口尿素…", "2021年，韓國曾因中國尿素出口管制…", "중국은 최근
  몇 년간 … 수출 규제를 점차 강화해왔다", "… in recent years"). The marker says the event is
  not the news: Chinese experiential 曾/曾经 before a verb or "N年前"; a Korean curb told with
  the habitual perfect (-아/어 왔다: "has been tightening"); English "years ago", "in recent
  years", "over the past N years". A date alone does not decide: news_dev's gold counts
  background events told in a main clause with a date ("自1992年签订…以来", a 2012 plant), so
  only these markers are read, and for Korean only on curbs (joint work "진행해 왔다" is
  implemented by the sets' convention).
* **a forecast, a hope or a decision of one side.** "The signing of the agreements will provide
  better opportunities …" (the effect of a signing told before), "协议的签署将为…带来…", a
  completion "预计2021年竣工" (not done yet), "… enterprises expressed their hope to accelerate
  investment" (one side's wish for its own action), "Jeju … decided to collaborate with …"
  (one side's decision: the English form of the Korean rule in statement_views). The Korean
  forecast "이번 협약이 … 도움이 될 것으로 기대한다" is read at the cue, in statement_views.

A joint subject ("the two sides", "both", "X and Y") keeps a hope or a decision; a call on the
other side is not "hope to". The Chinese and English markers of the past and 预计/有望 count
in the clause of the statement's cue (a time phrase also in a short clause fronted before
it), so that "韩国曾多次呼吁…，中方宣布暂停出口" keeps its curb; a statement
without a cue is read whole, and the Korean final predicate governs its sentence. The checks
run on the final statements of a document
(:func:`kcbridge.docs.statement_verifier.filter_statements`), in every language.
"""

from __future__ import annotations

import re

from kcbridge.docs.model import Statement
from kcbridge.docs.statement_checks import probe_of

EVENT_TYPES = ("restriction", "signed", "implemented")

# --- background with a marker of the past ---------------------------------------------------
_ZH_ONCE = re.compile(r"曾(?:经)?(?:因|在|于|对|向|与|被|一度|多次|暂停|停止|限制|实施|宣布|签|"
                      r"发|出台|采取|禁止|中断|叫停|启动|建立|设立|举行|开设)")
_ZH_YEARS_AGO = re.compile(r"(?:[0-9]+|[一二两三四五六七八九十几多数]+)年前")
_KO_HABITUAL = re.compile(r"(?:해|어|아|여|와|워|져|겨|켜|쳐)\s?왔(?:다|으며|고|던|습니다)")
_EN_PAST = re.compile(r"\b(?:in recent years|(?:a few |several |many |\d+ |two |three )?years "
                      r"ago|over the (?:past|last) (?:few |several |\d+ |two |three )?(?:years|"
                      r"decades?))\b", re.I)

# --- forecasts of an event's effect ---------------------------------------------------------
_EN_EFFECT = re.compile(
    r"^(?:the|this|these|such|their|its)\s+(?:[\w'-]+\s+){0,6}?(?:signing|agreements?|deals?|"
    r"cooperation|partnerships?|MOUs?|memorand\w+|projects?|accords?)\b[^.;]{0,80}?\b"
    r"(?:will|would|is expected to|are expected to|could)\s+(?:(?:further|also|greatly)\s+)?"
    r"(?:provide|help|bring|create|promote|boost|lay|open|contribute|serve|benefit|inject|give|"
    r"offer|become|be|pave)\b", re.I)
_ZH_EFFECT = re.compile(r"(?:签署|签订|协议|协定|合作|备忘录|项目)[^，。；,]{0,20}?将(?:为|给|对)"
                        r"[^，。；,]{0,40}?(?:提供|带来|注入|奠定|产生|发挥|创造)")
_ZH_EXPECTED = re.compile(r"预计|有望")

# --- one side's wish or decision (English) --------------------------------------------------
_EN_HOPE_TO = re.compile(r"\bhop(?:e|es|ed|ing)\s+to\s+[a-z]+", re.I)
_EN_DECIDED = re.compile(r"\bdecided to\b", re.I)
# a joint subject in the clause of the hope or decision: "the two sides", "both", "Korea and
# China" (two capitalised names joined by "and")
_EN_JOINT = re.compile(r"\b(?:[Bb]oth|[Tt]wo sides|[Tt]he two|jointly|together|each other|"
                       r"mutual(?:ly)?)\b|\b[A-Z][\w-]*\s+and\s+(?:the\s+)?[A-Z]")


def no_event_reason(statement: Statement) -> str:
    """Why the sentence of ``statement`` reports no new cooperation event of its type
    ("background", "forecast", "one side"), or "" when it may (see the module doc)."""
    kind, lang = statement.type, statement.lang
    text = probe_of(statement.text, lang)[0] if lang == "zh" else statement.text
    clause = _cue_scope(text, statement.cue, fronted=False)
    timed = _cue_scope(text, statement.cue, fronted=True)
    if kind in EVENT_TYPES:
        if lang == "zh" and (_ZH_ONCE.search(clause) or _ZH_YEARS_AGO.search(timed)):
            return "background"
        if lang == "ko" and kind == "restriction" and _KO_HABITUAL.search(text):
            return "background"
        if lang == "en" and _EN_PAST.search(timed):
            return "background"
    if kind in ("agreement", "signed", "proposal"):
        if lang == "en" and _EN_EFFECT.search(text):
            return "forecast"
        if lang == "zh" and _ZH_EFFECT.search(text):
            return "forecast"
    if lang == "zh" and kind in ("implemented", "signed") and _ZH_EXPECTED.search(clause):
        return "forecast"
    if lang == "en" and kind in ("proposal", "agreement"):
        found = (_EN_HOPE_TO if kind == "proposal" else _EN_DECIDED).search(text)
        if found and not _EN_JOINT.search(_clause_before(text, found.start())):
            return "one side"
    return ""


_CLAUSE_MARK = re.compile(r"[,，;；:：]")
_SHORT_FRONT = 20  # characters: a fronted time phrase ("两年前，", "In recent years,")


def _cue_scope(text: str, cue: str, *, fronted: bool) -> str:
    """Where a marker governs the cue: the cue's clause, and with ``fronted`` a short clause
    before it as well (a fronted time phrase: "两年前，中国曾暂停出口…", "In recent years,
    …"); the whole sentence when the statement has no cue (the learned candidate stage) or
    the cue is not found in it. A marker in another clause ("韩国曾多次呼吁…，中方宣布暂停
    出口") says nothing of the cue."""
    at = text.find(cue) if cue.strip() else -1
    if at < 0:
        return text
    marks = [m.start() for m in _CLAUSE_MARK.finditer(text)]
    before = [i for i in marks if i < at]
    start = before[-1] + 1 if before else 0
    if fronted and before:
        previous = before[-2] + 1 if len(before) >= 2 else 0
        if start - 1 - previous <= _SHORT_FRONT:
            start = previous
    end = next((i for i in marks if i >= at + len(cue)), len(text))
    return text[start:end]


def _clause_before(text: str, end: int) -> str:
    """The clause that ends at ``end``: the text after the last comma, semicolon or colon."""
    start = max(text.rfind(mark, 0, end) for mark in (",", ";", ":"))
    return text[start + 1:end]


def keep_events(statements: list[Statement]) -> list[Statement]:
    """The statements whose sentence may report a cooperation event (:func:`no_event_reason`
    gives none)."""
    return [s for s in statements if not no_event_reason(s)]
