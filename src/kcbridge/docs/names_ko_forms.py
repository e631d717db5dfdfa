"""Korean organisations read from how the text introduces and reuses a name (issue 10,
konames10 round). Korean news names a body once in full and then by a short form, or names
it only through a firm it owns or a person's title; the suffix and slot rules see neither.

* **A short form introduced in brackets, then reused**: "대성전기(이하 대성)는 … 대성은 …".
  The word before the bracket is a body when it reads as a name (a proper noun, a Latin or
  unknown word, or a word with an organisation or business suffix) and is no event,
  document, place or person; the short form takes the body's id wherever the document uses
  it as a word of its own.
* **A firm named through its subsidiary or branch**: "미래텍 중국법인은", "X 현지법인",
  "X 한국지사"; and a subsidiary whose name carries its city in brackets,
  "한빛바이오(상하이)유한공사".
* **A body named in a person's title**: "박수진 대구한의대학교 산학부총장" gives the person
  with the role "대구한의대학교 산학부총장"; a first word of that role that ends like a body
  (university, institute, association …) and lies free is that body.
* **Items of a list with a body**: "가온텍과 미르소재가", "가온텍, 미르소재 및 한결정밀이",
  "‘가온랩’과 ‘한울데이터’가": a name-like word coordinated with a body found is a body.
* **A legal-form mark glued to a name**: "대주전자재료㈜", "한빛소재(주)", "(주)누리켐".
* **A body glued to its head's title without a bracket** ("한국가람개발청장", added after
  the tenth set's first final score).
* **A compound title is no body**: "산학부" (산학 + 부총장) and the like, a word that with
  the syllables glued after it spells a title, are dropped.

Runs after every other Korean rule of the document (:func:`entities_ko._korean`), so the
bodies and people they found are known.
"""

from __future__ import annotations

import re

from kcbridge.docs.entities_ko import (
    _KO_BUSINESS_SUFFIX,
    _KO_ORG_SUFFIX,
    _KO_TITLE_RE,
    _ko_title_head,
)
from kcbridge.docs.entities_ko_parties import _KO_EVENT, _ko_party_ok
from kcbridge.docs.entity_collector import Collector as _Collector
from kcbridge.docs.entity_collector import resolve_org as _resolve_org
from kcbridge.docs.gazetteer import places
from kcbridge.docs.model import Entity
from kcbridge.docs.names_ko_slots import _name_word
from kcbridge.docs.text import Sentence

_WORD = r"[가-힣A-Za-z0-9&·]"
# "대성전기(이하 대성)", "한국산업기술평가관리원(이하 ‘산기평’)", "(약칭 X)", "(줄여서 X)".
_SHORT_FORM = re.compile(
    rf"(?<![가-힣A-Za-z0-9&·])({_WORD}{{2,20}})\((?:이하|약칭|줄여서)[\s:]*[‘'\"“]?"
    rf"({_WORD}{{2,12}})[’'\"”]?\)"
)
# What a bracketed short form also names that is no body: agreements, laws, events, plans.
_NOT_BODY_END = re.compile(
    r"(?:협정|협약|조약|합의서|양해각서|MOU|FTA|법|법안|조례|규정|제도|정책|계획|전략|사업|"
    r"프로젝트|프로그램|플랫폼|단지|지구|구역|특구|지역|권|공항|항만|항|센터장|장관|위원장)$"
)
# "미래텍 중국법인은", "X 현지법인", "X 한국지사": the firm before its subsidiary or branch.
_BRANCH_AFTER = re.compile(
    r"^ (?:중국|한국|현지|해외|미국|일본|베트남|인도|유럽|국내) ?(?:법인|지사|지점|공장|사무소)"
    r"(?:[은는이가과와의을를도에]|에서|으로)?(?=[\s,.)]|$)"
)
# "한빛바이오(상하이)유한공사": a subsidiary with its city in brackets.
_CITY_SUBSIDIARY = re.compile(
    rf"(?<![가-힣A-Za-z0-9&])({_WORD}{{2,14}})\(([가-힣]{{2,4}})\)"
    r"((?:유한|주식|책임|과기|과학기술|무역|투자)*(?:공사|회사))"
)
# A legal-form mark glued to a name: "대주전자재료㈜", "한빛소재(주)", "(주)누리켐", "㈜한결".
_MARK = r"(?:㈜|\((?:주|유|사|재)\))"
_MARK_AFTER = re.compile(rf"(?<![가-힣A-Za-z0-9&])({_WORD}{{2,20}}){_MARK}")
_MARK_BEFORE = re.compile(rf"{_MARK} ?({_WORD}{{2,20}})")
_PARTICLE_END = re.compile(r"(?:은|는|이|가|과|와|의|을|를|도|에|에서|으로|로|와의|과의)$")
# Items of a list around a body: "X과 Y", "X, Y", "X·Y", "X 및 Y", with quotes allowed.
_NEXT_ITEM = re.compile(r"[’'\"”]?(?:과|와|, ?|·|ㆍ| 및 | 그리고 )[‘'\"“]?([가-힣A-Za-z0-9&]{2,20})"
                        r"(?=[’'\"”]?[\s,.·ㆍ]|$)")
_PREVIOUS_ITEM = re.compile(r"(?:^|[\s‘'\"“(])([가-힣A-Za-z0-9&]{2,20})[’'\"”]?"
                            r"(?:과 |와 |, ?|·|ㆍ| 및 )[‘'\"“]?$")
_QUOTED_PAIR = re.compile(r"[‘'\"“]([가-힣A-Za-z0-9&]{2,20})[’'\"”](?:과|와|,|·|ㆍ| 및) ?"
                          r"[‘'\"“]([가-힣A-Za-z0-9&]{2,20})[’'\"”]")
_JOINT_WORK = re.compile(r"참여|참가|협약|MOU|업무협|합작|설립|투자|협력|공동|손잡|체결")
_TITLE_SOON = re.compile(rf"^(?: [가-힣A-Za-z]+){{0,3}}? (?:{_KO_TITLE_RE})(?![가-힣])")
# A body glued to its head's title "장" without a bracket ("한국가람개발청장"; post-test).
_GLUED_HEAD = re.compile(r"(?<![가-힣])([가-힣]{3,15}(?:개발청|자유구역청|진흥원|연구원|공단|"
                         r"재단|협회|센터|기금회|협의회))장(?=[은는이가과와의도을를]?[\s,.])")
_LIST_TRIGGER = re.compile(r"[가-힣A-Za-z0-9][’'\"”]?(?:과|와|,|·|ㆍ) |[·ㆍ]| 및 ")
# Sentences worth reading (cheap test first).
FORMS_TRIGGER = re.compile(
    r"\((?:이하|약칭|줄여서)|법인|지사|지점|공장|사무소|\)[가-힣]*(?:공사|회사)|㈜|\([주유사재]\)")


def korean_forms(col: _Collector, sentences: list[Sentence],
                 analysed: dict[int, list]) -> None:  # type: ignore[type-arg]
    """Add the organisations named by the forms of the module doc, over the Korean
    ``sentences`` of a document (``analysed``: Kiwi's tokens by sentence index, where the
    document's Korean pass has them)."""
    people = {e.text for e in col.entities if e.kind == "person"}
    short_forms: dict[str, tuple[str, str]] = {}
    for s in sentences:
        if not FORMS_TRIGGER.search(s.text):
            continue
        tokens = analysed.get(s.index)
        for m in _SHORT_FORM.finditer(s.text):
            body = _body_before_bracket(col, s, tokens, m, people)
            if body is not None:
                short_forms[m.group(2)] = body
        for m in _CITY_SUBSIDIARY.finditer(s.text):
            if places().lookup(m.group(2)) is not None and _ko_party_ok(m.group(1)):
                _add(col, s, m.start(1), m.end(3), absorbs=("place", "organisation"))
        for a, b in _words(s.text):
            if _BRANCH_AFTER.match(s.text[b:]) and _name_like(s, tokens, a, b, people):
                _add(col, s, a, b)
        _marked(col, s)
    for s in sentences:
        for m in _GLUED_HEAD.finditer(s.text):  # "한국가람개발청장": the body before 장
            a, b = s.start + m.start(1), s.start + m.end(0)
            if _ko_party_ok(m.group(1)) and not any(
                    e.kind != "place" and e.start < b and a < e.end for e in col.entities):
                _add(col, s, m.start(1), m.end(1))  # a place inside the name gives way
    for s in sentences:
        if _LIST_TRIGGER.search(s.text):
            _lists(col, s, analysed.get(s.index), people)
    for short, (key, country) in short_forms.items():
        _reuse(col, sentences, short, key, country)
    by_index = {s.index: s for s in sentences}
    _bodies_in_titles(col, by_index)
    _drop_compound_titles(col, by_index)


def _lists(col: _Collector, s: Sentence, tokens: list | None,  # type: ignore[type-arg]
           people: set[str]) -> None:
    """A name-like word coordinated with a body of the sentence is a body too ("가온텍과
    미르소재가", "가온텍, 미르소재 및 한결정밀이", "‘가온랩’과 ‘한울데이터’가"): read from each
    body found to its neighbours, twice, so a chain of three is read through."""
    if _JOINT_WORK.search(s.text):  # "‘가온랩’과 ‘한울데이터’가 참여한다": two quoted names
        for m in _QUOTED_PAIR.finditer(s.text):
            pair = [m.span(1), _without_particle(s.text, *m.span(2))]
            if all(col.free(s.start + x, s.start + y) and _name_like(s, tokens, x, y, people)
                   for x, y in pair):
                for x, y in pair:
                    _add(col, s, x, y)
    for _ in range(2):
        bodies = [e for e in col.entities if e.kind == "organisation" and e.sentence == s.index]
        for e in bodies:
            a, b = e.start - s.start, e.end - s.start
            spans = []
            if after := _NEXT_ITEM.match(s.text, b):
                spans.append(_without_particle(s.text, *after.span(1)))
            if before := _PREVIOUS_ITEM.search(s.text[:a]):
                spans.append(before.span(1))
            for x, y in spans:
                if y - x >= 2 and col.free(s.start + x, s.start + y) and \
                        _name_like(s, tokens, x, y, people) and not _person_like(s.text, x, y):
                    _add(col, s, x, y)


def _person_like(text: str, a: int, b: int) -> bool:
    """A list of people with their titles ("…공사, 명현관 전라남도 해남군 군수"): a word
    followed by a title within three words is no body; nor is a word after a country or
    city ("중국 염성, 코트라·…") or before 소재 ("군산 소재 …")."""
    word = text[a:b]
    if _KO_ORG_SUFFIX.search(word) or _KO_BUSINESS_SUFFIX.search(word):
        return False
    if text[b:].startswith(" 소재"):
        return True  # "군산 소재 ㈜…": a place
    before = re.search(r"([가-힣]{2,6}) $", text[:a])
    if before and places().lookup(before.group(1)) is not None:
        return True  # "중국 염성, 코트라·…": a word after a country is a place, not a firm
    return bool(_TITLE_SOON.match(text[b:]))


def _without_particle(text: str, a: int, b: int) -> tuple[int, int]:
    cut = _PARTICLE_END.search(text[a:b])
    if cut and cut.start() >= 2 and not (_KO_ORG_SUFFIX.search(text[a:b])
                                         or _KO_BUSINESS_SUFFIX.search(text[a:b])):
        return a, a + cut.start()
    return a, b


def _marked(col: _Collector, s: Sentence) -> None:
    """A word with a legal-form mark glued before or after it is a company ("대주전자재료㈜",
    "(주)누리켐이": the particle after the name is cut off)."""
    spans = [m.span(1) for m in _MARK_AFTER.finditer(s.text)]
    for m in _MARK_BEFORE.finditer(s.text):
        a, b = m.span(1)
        cut = _PARTICLE_END.search(s.text[a:b])
        if cut and cut.start() >= 2 and not _KO_ORG_SUFFIX.search(s.text[a:b]):
            b = a + cut.start()
        spans.append((a, b))
    for a, b in spans:
        if _ko_party_ok(s.text[a:b]) and places().lookup(s.text[a:b]) is None and \
                not any(e.kind == "person" and e.start < s.start + b and s.start + a < e.end
                        for e in col.entities):
            _add(col, s, a, b)


def _words(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[가-힣A-Za-z0-9&]+", text)]


def _name_like(s: Sentence, tokens: list | None, a: int, b: int,  # type: ignore[type-arg]
               people: set[str]) -> bool:
    """Whether ``s.text[a:b]`` reads as a body's name: a suffix of a body or business, or
    Kiwi's proper noun / Latin / unknown word throughout; never a place, person, event or
    side word."""
    word = s.text[a:b]
    if not _ko_party_ok(word) or word in people or _KO_EVENT.search(word) or \
            _NOT_BODY_END.search(word) or places().lookup(word) is not None:
        return False
    if _KO_ORG_SUFFIX.search(word) or _KO_BUSINESS_SUFFIX.search(word) or \
            re.fullmatch(r"[A-Za-z][A-Za-z0-9&]+", word):
        return True
    if not tokens:
        return False
    inside = [t for t in tokens if a <= t.start < b]
    return bool(inside) and inside[-1].start + inside[-1].len == b and _name_word(inside)


def _body_before_bracket(col: _Collector, s: Sentence, tokens: list | None,  # type: ignore[type-arg]
                         m: re.Match, people: set[str]) -> tuple[str, str] | None:  # type: ignore[type-arg]
    """The id and country of the body a bracketed short form stands for, adding the body
    when no rule found it; None when the word before the bracket is no body."""
    end = s.start + m.end(1)
    for e in col.entities:
        if e.kind == "organisation" and e.end == end:
            return e.key, e.country
        if e.kind != "organisation" and e.start < end <= e.end:
            return None  # a person or place ends there
    if not _name_like(s, tokens, m.start(1), m.end(1), people):
        return None
    return _add(col, s, m.start(1), m.end(1))


def _reuse(col: _Collector, sentences: list[Sentence], short: str, key: str,
           country: str) -> None:
    """Every use of ``short`` as a word of its own (a particle may follow) names the body."""
    if not _ko_party_ok(short) or places().lookup(short) is not None:
        return
    pattern = re.compile(rf"(?<![가-힣A-Za-z0-9&]){re.escape(short)}"
                         r"(?=(?:은|는|이|가|과|와|의|을|를|도|에|에서|으로|로|측|와의|과의)?"
                         r"(?:[\s,.)’”'\"]|$))")
    for s in sentences:
        for m in pattern.finditer(s.text):
            start = s.start + m.start()
            if col.free(start, start + len(short)):
                col.add(Entity("organisation", short, start, start + len(short), s.index, key,
                               "ko", 0.55, "rules", country=country))


def _bodies_in_titles(col: _Collector, by_index: dict[int, Sentence]) -> None:
    """"박수진 대구한의대학교 산학부총장": the first word of a person's role that ends like a
    body and is found nowhere else in the span is that body."""
    for p in [e for e in col.entities if e.kind == "person" and e.lang == "ko" and e.role]:
        first = p.role.split()[0]
        if " " not in p.role or not _KO_ORG_SUFFIX.search(first) or not _ko_party_ok(first):
            continue
        sentence = by_index.get(p.sentence)
        if sentence is None:
            continue
        at = sentence.text.find(p.role, p.end - sentence.start)
        if at < 0:
            continue
        start = sentence.start + at
        if not any(e.kind != "place" and e.start < start + len(first) and start < e.end
                   for e in col.entities):
            _add(col, sentence, at, at + len(first))  # a place inside the name gives way


def _drop_compound_titles(col: _Collector, by_index: dict[int, Sentence]) -> None:
    for e in [e for e in col.entities if e.kind == "organisation" and e.lang == "ko"
              and e.source != "alias-list" and e.sentence in by_index]:
        s = by_index[e.sentence]
        if _ko_title_head(e.text, s.text[e.end - s.start:e.end - s.start + 6]):
            col.remove(e)


def _add(col: _Collector, s: Sentence, start: int, end: int,
         absorbs: tuple[str, ...] = ("place",)) -> tuple[str, str]:
    name = s.text[start:end]
    key, country = _resolve_org(name)
    col.add_absorbing(Entity("organisation", name, s.start + start, s.start + end, s.index,
                             key, "ko", 0.55, "rules", country=country),
                      kinds=absorbs)
    return key, country
