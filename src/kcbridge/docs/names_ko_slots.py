"""Korean organisations read from the slot they fill in a sentence (issue 10, konames7
round), for names with no legal suffix and no alias: many companies in Korean news are one
unknown word ("롱바이", "재세능원", "이엠티"), and only the sentence says they are bodies.

A word is taken when Kiwi reads it as a name (a proper noun, a Latin word, a word Kiwi does
not know, or a guessed stem before a business noun: "한결소재") and it stands where only an
organisation can stand:

* the possessor of a part or head of a firm: "X의 한국공장", "X의 최대 주주", "X의 중국
  본사", "X의 자회사/법인/지사/계열사/지분", and its head with a particle ("X의 대표는");
* a firm introduced by its kind and the copula: "한국공장인 X", "제조회사인 X", "본사인 X";
* the body whose staff or side speaks: "X 관계자는", "X 측은", and its staff as a group
  ("X 임직원", konames10);
* what is invested in: "X에 300만 달러를 투자";
* the head of a group of bodies: "X를 비롯한 명문대와", "X을 비롯한 다수의 한국 기업";
* a short university name ("서북대", "서안번역대": a word Kiwi does not know ending in 대)
  in a sentence about an agreement or exchange, or in a comma list with another one;
* a firm named, then its kind ("린양광뎬(林陽光電) 회사의", "X 그룹은"): added after the
  seventh names set's first score, from one of its misses.

Precision guards, because the slots also hold other words: the word must pass
:func:`entities_ko_parties._ko_party_ok` (no place, side word, title, field, event or
chemical), must not be a place with its 시/성/도 ending, must not be a person of the same
document, and, for the weak slots (관계자, 측, 투자, X의 회장), must not be shaped like a Korean
personal name (three syllables starting with a family name: "박지훈 측은" is a person's
camp); what is invested in must not be a proper noun of Kiwi's dictionary (a city the
place list lacks: "경북 포항에 … 투자").

Two fixed shapes of local bodies come with it: a city or province then its council with a
space ("상하이시 인민대표대회") and a body glued to its head's title in brackets
("(대한민국 시도지사협의회장)").
"""

from __future__ import annotations

import re

from kcbridge.docs.entities_ko import (
    _KIWI_FIRST_DICTIONARY_ID,
    _KO_BUSINESS_SUFFIX,
    _KO_TITLE_RE,
    ko_unknown,
)
from kcbridge.docs.entities_ko_parties import _KO_PARTY_HEAD, _ko_party_ok
from kcbridge.docs.entity_collector import Collector as _Collector
from kcbridge.docs.entity_collector import resolve_org as _resolve_org
from kcbridge.docs.gazetteer import places
from kcbridge.docs.model import Entity
from kcbridge.docs.people import KO_SURNAMES
from kcbridge.docs.text import Sentence

# Parts and holders of a firm after the possessive: "X의 (한국)공장", "X의 최대 주주".
_FIRM_PART = (
    r"(?:(?:한국|중국|국내|현지|해외|미국|일본|베트남|유럽|인도) ?)?"
    r"(?:공장|법인|현지법인|생산법인|판매법인|자회사|손자회사|계열사|지사|지점|본사|모회사|"
    r"최대 ?주주|대주주|주주|지분|합작사|합작법인|사업장|생산기지|이사회|경영진|임직원|"
    r"대표이사|최고경영자|CEO)(?![가-힣]*(?:국|시|도|성)(?:[은는이가의]|\s))"
)
_STRONG_AFTER = re.compile(r"^의 " + _FIRM_PART)
# A firm named, then its kind (post-test, see the module doc): "산진광뎬(杉金光電) 회사의".
_KIND_AFTER = re.compile(r"^(?:\([^()]{1,12}\))? (?:회사|그룹|기업)[은는이가과와을를의]?(?=\s)")
# The head of a body, with its particle ("X의 회장은"; "김철수의 대표 작품" is no firm's head).
_HEAD_AFTER = re.compile(r"^의 (?:회장|사장|대표)[은는이가을를과와도](?=[\s,.])")
# The staff or side of a body speaking: "X 관계자는", "X 측은", "X측에".
_SIDE_AFTER = re.compile(
    r"^(?: 관계자| 임직원| ?측)(?:은|는|이|가|에|의|과|와|도|에서|에게|으로부터|)(?=[\s,.(\"”’'])"
)
# What is invested in: "X에 300만 달러를 투자".
_INVEST_AFTER = re.compile(r"^에 (?:\S+ ){0,3}?투자")
# The head of a group of bodies: "X를 비롯한 명문대와", "X을 비롯해 … 기업".
_LEADS_AFTER = re.compile(
    r"^(?:을|를) 비롯(?:한|해|하여|,)[^.]{0,30}?"
    r"(?:대학|명문대|기업|업체|기관|회사|단체|은행|연구소)"
)
# A firm introduced by its kind and the copula: "한국공장인 X", "제조회사인 X", "본사인 X".
_KIND_BEFORE = re.compile(
    r"(?:공장|법인|자회사|계열사|본사|모회사|회사|제조사|기업|업체|합작사|스타트업|파트너사|"
    r"협력사|대학|대학교)인 $"
)
# A short university name: a word Kiwi does not know ending in 대 ("서북대", "서안번역대").
_SHORT_UNIVERSITY = re.compile(r"^[가-힣]{2,7}대$")
_UNIVERSITY_CONTEXT = re.compile(r"협정|협약|MOU|교류|자매|총장|대학|학생|캠퍼스")
# A city or province and its council written with a space ("상하이시 인민대표대회").
_SPACED_COUNCIL = re.compile(
    r"(?<![가-힣])([가-힣]{1,6}(?:시|성|자치구|구|현|주|도)) "
    r"(인민대표대회(?: 상무위원회)?|정치협상회의|정협|당위원회|인민정부)"
    r"(?=[은는이가과와의도]?[\s,.)]|(?:" + _KO_TITLE_RE + r"))"
)
# A body glued to its head's title in brackets: "(대한민국 시도지사협의회장)".
_BRACKET_BODY_HEAD = re.compile(
    r"\((?:([가-힣]{2,6}) )?([가-힣A-Za-z][가-힣A-Za-z0-9]{1,14}"
    r"(?:협의회|협회|연합회|센터|연구소|연구원|재단|상공회의소|진흥회|학회|상회))장\)"
)
# Sentences worth reading for a slot (cheap test before the word-by-word look).
SLOT_TRIGGER = re.compile(
    r"의 " + _FIRM_PART + r"|의 (?:회장|사장|대표)|관계자|임직원|측|투자|비롯|"
    r"[가-힣]대[\s,은는이가과와의를을도에]|"
    r"인민대표대회|정치협상회의|정협|당위원회|인민정부|장\)|"
    r"(?:공장|법인|자회사|계열사|본사|모회사|회사|제조사|기업|업체|합작사|스타트업|파트너사|"
    r"협력사|대학|대학교)인 | (?:회사|그룹|기업)[은는이가과와을를의]?\s"
)
_NAME_TAGS = ("NNP", "SL", "SH", "UN")


def _name_word(inside: list) -> bool:  # type: ignore[type-arg]
    """Whether Kiwi's tokens of one word read as a name: nouns only, and a proper noun, a
    Latin or unknown word among them, or a stem Kiwi had to guess before a business noun
    ("한결/MAG 소재/NNG")."""
    if not inside or any(t.tag not in (*_NAME_TAGS, "NNG", "SN", "XSN", "MAG") for t in inside):
        return False
    if any(t.tag in _NAME_TAGS or ko_unknown(t) for t in inside):
        return True
    return len(inside) >= 2 and inside[0].tag == "MAG" and bool(
        _KO_BUSINESS_SUFFIX.search(inside[-1].form) or _KO_PARTY_HEAD.match(inside[-1].form))


def _person_shaped(word: str) -> bool:
    return len(word) == 3 and word[0] in KO_SURNAMES and re.fullmatch(r"[가-힣]+", word) is not None


def _place_word(word: str) -> bool:
    return places().lookup(word) is not None or (
        len(word) > 2 and word[-1] in "시성도군구현주" and places().lookup(word[:-1]) is not None)


def _words(text: str) -> list[tuple[int, int]]:
    """The spans of the words of ``text`` (runs of Hangul, Latin letters and digits), with a
    particle or ending still glued; callers cut the word where their slot begins."""
    return [(m.start(), m.end()) for m in re.finditer(r"[가-힣A-Za-z0-9&]+", text)]


def korean_slots(col: _Collector, sentences: list[Sentence],
                 analysed: list[list]) -> None:  # type: ignore[type-arg]
    """Add the organisations that Korean sentences name by the slot they fill (see the
    module doc). Runs after every other Korean rule of the document, so the people and
    bodies they found are known."""
    persons = [e for e in col.entities if e.kind == "person"]
    # a "person" lying in another person's title ("유상열 재세능원 이사") is dropped later
    # (names_ko_heads.settle_people): it does not make the word a person
    people = {p.text for p in persons
              if not any(p is not q and p.text in q.role for q in persons)}
    for s, tokens in zip(sentences, analysed, strict=True):
        _local_bodies(col, s)
        universities = _short_universities(s, tokens)
        for a, b in _words(s.text):
            ends = [*_cuts(s.text, a, b), *(e for u, e in universities if u == a)]
            for end in ends:
                if _slot_name(col, s, tokens, a, end, people, universities):
                    break


def _cuts(text: str, a: int, b: int) -> list[int]:
    """Where a name in the word ``text[a:b]`` may end: the whole word, or before a glued
    의 / 에 / 을 / 를 / 측."""
    ends = [b]
    for suffix in ("의", "에", "을", "를", "측"):
        if text[a:b].endswith(suffix) and b - len(suffix) - a >= 2:
            ends.append(b - len(suffix))
    return ends


def _slot_name(col: _Collector, s: Sentence, tokens: list,  # type: ignore[type-arg]
               a: int, end: int, people: set[str],
               universities: list[tuple[int, int]]) -> bool:
    word = s.text[a:end]
    after, before = s.text[end:end + 40], s.text[max(0, a - 12):a]
    strong = bool(_STRONG_AFTER.match(after) or _KIND_BEFORE.search(before)
                  or _LEADS_AFTER.match(after) or _KIND_AFTER.match(after))
    invest = bool(_INVEST_AFTER.match(after))
    weak = bool(_SIDE_AFTER.match(after) or _HEAD_AFTER.match(after)) or invest
    university = (a, end) in universities
    if not (strong or weak or university):
        return False
    inside = [t for t in tokens if a <= t.start < end]
    if not inside or inside[-1].start + inside[-1].len != end or not _name_word(inside):
        return False
    if not _ko_party_ok(word) or _place_word(word) or word in people:
        return False
    if not strong and not university and (_person_shaped(word) or invest and any(
            t.tag == "NNP" and getattr(t, "id", 0) >= _KIWI_FIRST_DICTIONARY_ID
            for t in inside)):
        return False  # a person's camp ("박지훈 측은"); a proper noun of Kiwi's dictionary
        # invested in is a place more often than a firm ("경북 포항에 … 투자")
    _add(col, s, a, end)
    return True


def _short_universities(s: Sentence, tokens: list) -> list[tuple[int, int]]:  # type: ignore[type-arg]
    """Short university names of sentence ``s``: unknown words ending in 대, in a sentence
    about an agreement or exchange, or two or more of them in one comma list."""
    found = []
    for a, b in _words(s.text):
        for end in (b, b - 1, b - 2):
            word = s.text[a:end]
            if end - a < 3 or not _SHORT_UNIVERSITY.match(word):
                continue
            inside = [t for t in tokens if a <= t.start < end]
            if inside and inside[-1].start + inside[-1].len == end and all(
                    t.tag == "NNP" and getattr(t, "id", 0) < _KIWI_FIRST_DICTIONARY_ID
                    or ko_unknown(t) for t in inside):
                found.append((a, end))
            break
    if len(found) >= 2 and re.search(r"대, ?[가-힣]{2,7}대", s.text):
        return found
    return found if _UNIVERSITY_CONTEXT.search(s.text) else []


def _local_bodies(col: _Collector, s: Sentence) -> None:
    for m in _SPACED_COUNCIL.finditer(s.text):  # 상하이시 인민대표대회
        city = m.group(1)
        if _place_word(city):
            _add(col, s, m.start(1), m.end(2))
    for m in _BRACKET_BODY_HEAD.finditer(s.text):  # (대한민국 시도지사협의회장)
        lead = m.group(1)
        start = m.start(1) if lead and places().lookup(lead) is not None else m.start(2)
        if _ko_party_ok(m.group(2)):
            _add(col, s, start, m.end(2))


def _add(col: _Collector, s: Sentence, start: int, end: int) -> None:
    name = s.text[start:end]
    key, country = _resolve_org(name)
    col.add_absorbing(Entity("organisation", name, s.start + start, s.start + end, s.index,
                             key, "ko", 0.5, "rules", country=country),
                      kinds=("place",))
