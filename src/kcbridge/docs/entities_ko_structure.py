"""Korean names found from how the sentence is built (split from :mod:`entities_ko`, which
calls :func:`korean_structure` for each Korean sentence after its people and suffix rules):
one-word ministries (문화체육관광부, 행정안전부), city bodies glued to their city (혜주시정협),
short names the text defines ("(이하 KIC중국)"), lists of bodies (a comma list with known
bodies in it, or closed by "등 N개 기업"), a diplomatic mission written as one word
(주한중국대사관), and the organisation between a person and the person's title
("신동빈 롯데그룹 회장") or just before the person ("티오엠스틸 강용제 대표")."""

from __future__ import annotations

import re

from kcbridge.docs.entities_ko import (
    _KIWI_FIRST_DICTIONARY_ID,
    _KO_BUSINESS_SUFFIX,
    _KO_LOCAL_BODY,
    _KO_NOT_BODY_WORD,
    _KO_ORG_SUFFIX,
    _KO_TITLE_RE,
    _ko_person_ok,
    ko_unknown,
)
from kcbridge.docs.entities_ko_parties import _ko_party_ok
from kcbridge.docs.entity_collector import NOT_ORG_ACRONYMS as _NOT_ORG_ACRONYMS
from kcbridge.docs.entity_collector import Collector as _Collector
from kcbridge.docs.entity_collector import resolve_org as _resolve_org
from kcbridge.docs.gazetteer import organisations, places
from kcbridge.docs.model import Entity
from kcbridge.docs.people import KO_SURNAMES
from kcbridge.docs.text import Sentence

# A ministry or agency written as one word of five or more syllables, which Kiwi reads as
# common nouns ("문화체육관광부", "과학기술정보통신부").
_KO_ONE_WORD_BODY = re.compile(
    r"(?<![가-힣A-Za-z])([가-힣]{4,}[부청처])(?=(?:은|는|이|가|과|와|의|도|에서|측)?[\s,.])"
)
# "글로벌혁신센터(이하 KIC중국)": a name and the short name the text will use for it.
_KO_SHORT_NAME = re.compile(
    r"(?<![가-힣A-Za-z])([가-힣A-Za-z][가-힣A-Za-z0-9&·]{2,20})\(이하 ['‘\"“]?"
    r"([가-힣A-Za-z][^()'’\"”]{1,15}?)['’\"”]?\)"
)
_KO_SHORT_NAME_HEAD = re.compile("(?:" + _KO_ORG_SUFFIX.pattern.rstrip("$") + "|센터|연구단|본부)$")
# A comma list of single words ("성일하이텍, 자인에너지, 정석케미컬, 비나텍 등이").
_KO_LIST = re.compile(
    r"(?<![가-힣A-Za-z0-9])([가-힣A-Za-z0-9&]{2,15}(?:, ?(?:[가-힣A-Za-z0-9&]{2,8} (?!등))?"
    r"[가-힣A-Za-z0-9&]{2,15}){1,12})(?= 등|[\s.])"
)
_KO_LIST_PARTICLE = re.compile(r"(?:과|와|이|가|은|는|의|도|및)$")
# The same list joined by middle dots and closed by 등 ("LG화학·포스코·누리켐 등"; added
# after the seventh names set's first score).
_KO_DOT_LIST = re.compile(
    r"(?<![가-힣A-Za-z0-9·])([가-힣A-Za-z0-9&]{2,15}(?:·[가-힣A-Za-z0-9&]{2,15}){1,12})(?= 등)"
)


def korean_structure(col: _Collector, s: Sentence, tokens: list) -> None:  # type: ignore[type-arg]
    """Add the organisations that the structure of Korean sentence ``s`` names."""
    for m in _KO_LOCAL_BODY.finditer(s.text):  # 혜주시정협, 혜주시상무국
        if m.start() > 0 and re.match(r"[가-힣]", s.text[m.start() - 1]):
            continue
        _ko_add_org(col, s, m.start(), m.end())
    for m in _KO_ONE_WORD_BODY.finditer(s.text):  # 문화체육관광부
        name = m.group(1)
        if _KO_NOT_BODY_WORD.search(name) or not _ko_party_ok(name):
            continue
        inside = [t for t in tokens if m.start(1) <= t.start < m.end(1)]
        # nouns, the last of which Kiwi may read as a suffix (행정안전/NNG 부/XSN)
        if len(inside) > 1 and all(t.tag in ("NNG", "NNP") for t in inside[:-1]) and \
                inside[-1].tag in ("NNG", "NNP", "XSN") or \
                len(inside) == 1 and inside[0].tag in ("NNG", "NNP"):
            _ko_add_org(col, s, m.start(1), m.end(1))
    for m in _KO_SHORT_NAME.finditer(s.text):  # 글로벌혁신센터(이하 KIC중국)
        long_name, short = m.group(1), m.group(2).strip()
        if not (_KO_SHORT_NAME_HEAD.search(long_name) or re.match(r"[A-Za-z]", short)) or \
                not _ko_party_ok(long_name):
            continue
        _ko_add_org(col, s, m.start(1), m.end(1))
        if _ko_party_ok(short) and short not in _NOT_ORG_ACRONYMS:
            _ko_add_org(col, s, m.start(2), m.start(2) + len(short),
                        key=_resolve_org(long_name)[0])
    for m in _KO_MISSION.finditer(s.text):  # 주한중국대사관, 주칭다오총영사관
        if _ko_mission_place(m.group(2)):
            _ko_add_org(col, s, m.start(1), m.end(1))
    _korean_apposition(col, s, tokens)
    _korean_glossed_names(col, s, tokens)
    for m in [*_KO_LIST.finditer(s.text), *_KO_DOT_LIST.finditer(s.text)]:
        after = s.text[m.end(1):]  # the other items of a list of organisations
        _korean_list(col, s, tokens, m.start(1), m.group(1).replace("·", ","),
                     closed=after.startswith(" 등"),
                     of_bodies=_KO_LIST_OF_BODIES.match(after) is not None)


def _korean_list(col: _Collector, s: Sentence, tokens: list,  # type: ignore[type-arg]
                 start: int, run: str, *, closed: bool, of_bodies: bool = False) -> None:
    """The items of a comma list are organisations when some of them already are (one is
    enough when the list is closed by 등), or when the list is closed by "등 N개 기업" /
    "등 2개사" (``of_bodies``): then no item needs to be known."""
    items, pos = [], start
    parts = run.split(",")
    for n, part in enumerate(parts):
        lead = len(part) - len(part.lstrip())
        word = part.strip()
        item_start = pos + lead
        pos += len(part) + 1
        first_word = word.split()[0] if word else word
        if " " in word and n == len(parts) - 1 and n >= 2 and len(first_word) > 3 and \
                _KO_LIST_PARTICLE.search(first_word):
            word = first_word  # "A, B, C이 참여했다": the list ends with the particle
        elif " " in word:  # "베이징 유첸": a place before the name qualifies it
            if places().lookup(first_word) is None:
                return  # two words that are no place and a name: not a list of names
            item_start += len(first_word) + 1
            word = word[len(first_word) + 1:]
        bare = _KO_LIST_PARTICLE.sub("", word) if len(word) > 3 else word
        items.append((item_start, item_start + len(bare), bare))
    kinds = []
    for a, b, _ in items:
        kind = {e.kind for e in col.entities if e.start - s.start <= a and b <= e.end - s.start}
        kinds.append(kind)
    # an item that ends like a body counts as one ("건설은행, 공상은행 등")
    orgs = sum("organisation" in k or " " not in name and len(name) >= 3
               and bool(_KO_ORG_SUFFIX.search(name)) and not name.endswith("정부")
               for k, (_, _, name) in zip(kinds, items, strict=True))
    if any(k & {"person", "date", "amount"} for k in kinds) or \
            orgs < (0 if of_bodies else 1 if closed else 2):
        return  # a list of people, dates or things; or too few bodies to tell
    for (a, b, name), kind in zip(items, kinds, strict=True):
        inside = [t for t in tokens if a <= t.start < b]
        if kind or len(name) < (2 if of_bodies else 3) and not re.search(r"[A-Za-z]", name) \
                and not (inside and all(ko_unknown(t) for t in inside)) \
                or not _ko_party_ok(name):
            continue  # a two-syllable item must be a word Kiwi does not know ("유첸")
        if of_bodies and _ko_unknown_word(inside) or \
                inside and all(t.tag in ("NNP", "NNG", "SL", "SN", "UN", "XSN", "SH")
                               for t in inside) \
                and any(t.tag in ("NNP", "SL", "UN") or ko_unknown(t) for t in inside) or \
                _KO_ORG_SUFFIX.search(name) or _KO_BUSINESS_SUFFIX.search(name):
            _ko_add_org(col, s, a, b)


def _ko_add_org(col: _Collector, s: Sentence, start: int, end: int,
                key: str | None = None) -> None:
    name = s.text[start:end]
    found_key, country = _resolve_org(name)
    col.add_absorbing(Entity("organisation", name, s.start + start, s.start + end, s.index,
                             key or found_key, "ko", 0.55, "rules", country=country),
                      kinds=("place", "organisation", "person"),
                      sources=("alias-list", "kiwi", "rules"))


# "A, B 등 2개사와", "A, B, C 등 5개 기업이": a list closed by a count of companies or bodies
# names bodies, however unknown each item is.
_KO_LIST_OF_BODIES = re.compile(
    r" 등 ?(?:\d+|[일이삼사오육칠팔구십몇여]+)?(?:여)?(?:개|곳)?(?:의)? ?"
    r"(?:개사|사|기업|업체|회사|기관|단체|협회|그룹|대기업|중소기업|스타트업|은행|대학)"
    r"(?![가-힣]{2})"
)
# A diplomatic mission in one word: 주 + where it sits (+ whose it is) + the kind of mission
# ("주한중국대사관", "주중한국대사관", "주칭다오총영사관", "주상하이대한민국총영사관").
_KO_MISSION = re.compile(
    r"(?<![가-힣])(주([가-힣]{1,9}?)(?:대사관|총영사관|영사관|대표부|대표처|영사사무소))"
    r"(?=(?:은|는|이|가|과|와|의|도|에서|측|에)?[\s,.)])"
)
_KO_SHORT_COUNTRY = "한중일미러영독불"


def _ko_mission_place(middle: str) -> bool:
    """Whether the middle of 주…대사관 names where the mission sits and whose it is:
    a place ("칭다오"), a one-syllable country ("중"), or both ("한중국", "중한국")."""
    if not middle:
        return False
    if places().lookup(middle) is not None or middle in _KO_SHORT_COUNTRY:
        return True
    if middle[0] in _KO_SHORT_COUNTRY and places().lookup(middle[1:]) is not None:
        return True
    return any(places().lookup(middle[:k]) is not None and places().lookup(middle[k:])
               is not None for k in range(2, len(middle) - 1))


# ---- the organisation beside a person and a title ----------------------------------------
# "신동빈 롯데그룹 회장", "황득규 중국삼성 사장": NAME ORG TITLE; "티오엠스틸 강용제 대표",
# "상해 국제로펌 Joius 김창화 변호사": ORG NAME TITLE. The word is a name when Kiwi reads it
# as a proper noun (or an unknown or Latin word), or it ends like a body or a company.
_KO_BETWEEN = re.compile(
    rf"^ ([가-힣A-Za-z][가-힣A-Za-z0-9&]{{1,14}}) (?:{_KO_TITLE_RE})(?=[은는이가과와의도]?[\s,.)])"
)
_KO_BEFORE = re.compile(r"(?:^|(?<=[\s(\[·]))([가-힣A-Za-z][가-힣A-Za-z0-9&]{1,14}) $")
# Words before a title that qualify it, not name a body ("전 장관", "신임 대사").
_KO_TITLE_QUALIFIER = re.compile(
    r"^(?:전|현|신임|초대|前|前任|명예|상임|공동|수석|경제|정무|총괄|대외|해외|글로벌|"
    r"[가-힣]{0,4}(?:담당|부문|사업부|본부|지역|지사|법인|사무소|센터|연구소|대학원))$"
)


# A body glued to the head's title after a person's name: "김종문 KIC중국센터장".
_KO_BODY_GLUED_TITLE = re.compile(
    r"^ ([가-힣A-Za-z][가-힣A-Za-z0-9&]{1,14}(?:센터|연구소|재단|협회))장"
    r"(?=[은는이가과와의도]?[\s,.)])"
)


def _ko_unknown_word(inside: list) -> bool:  # type: ignore[type-arg]
    """Whether Kiwi's tokens of one word read as a name: no particle, ending or verb in
    it, and not one common noun of Kiwi's dictionary ("이날", "한편"): a proper noun, a
    Latin or unknown word ("누리랩"/NNG with a placeholder id), or several pieces Kiwi had
    to guess ("바로/MAG 스틸/NNG")."""
    if not inside or any(t.tag.startswith(("J", "E", "V", "XSV", "XSA", "MM", "SF", "SP"))
                         for t in inside):
        return False
    if len(inside) == 1:
        t = inside[0]
        return t.tag in ("NNP", "SL", "UN", "SH") or t.tag == "NNG" and \
            getattr(t, "id", 0) < _KIWI_FIRST_DICTIONARY_ID
    return any(t.tag in ("NNP", "SL", "UN", "SH") for t in inside) or all(
        t.tag in ("NNG", "MAG", "XSN", "SN") for t in inside)


def _ko_apposed_name(tokens: list, start: int, end: int) -> bool:  # type: ignore[type-arg]
    inside = [t for t in tokens if start <= t.start < end]
    if not inside:
        return False
    if organisations().lookup("".join(t.form for t in inside)) is not None:
        return True
    return _ko_unknown_word(inside)


def _korean_apposition(col: _Collector, s: Sentence, tokens: list) -> None:  # type: ignore[type-arg]
    people = [e for e in col.entities if e.kind == "person" and e.sentence == s.index]
    for p in people:
        a, b = p.start - s.start, p.end - s.start
        m = _KO_BETWEEN.match(s.text[b:])
        if m:  # NAME ORG TITLE
            word_start, word_end = b + m.start(1), b + m.end(1)
            _ko_apposed_org(col, s, tokens, word_start, word_end)
        glued = _KO_BODY_GLUED_TITLE.match(s.text[b:])
        if glued:  # NAME ORG+장 ("김종문 KIC중국센터장")
            _ko_apposed_org(col, s, tokens, b + glued.start(1), b + glued.end(1))
        before = _KO_BEFORE.search(s.text[max(0, a - 16):a])
        if before and re.match(rf" (?:{_KO_TITLE_RE})", s.text[b:]):  # ORG NAME TITLE
            word_end = a - 1
            word_start = word_end - len(before.group(1))
            _ko_apposed_org(col, s, tokens, word_start, word_end)


def _ko_apposed_org(col: _Collector, s: Sentence, tokens: list,  # type: ignore[type-arg]
                    start: int, end: int) -> None:
    name = s.text[start:end]
    if not _ko_party_ok(name) or _KO_TITLE_QUALIFIER.match(name) or \
            name in _NOT_ORG_ACRONYMS or _KO_LOCAL_BODY.fullmatch(name) is None and \
            re.search(r"[시성도구군현]$", name) and places().lookup(name[:-1]) is not None:
        return
    taken = [e for e in col.entities if e.start < s.start + end and s.start + start < e.end]
    if any(e.kind in ("person", "date", "amount") for e in taken):
        return  # "김훈 집행회장 김정일 부회장": the word is another person
    if any(e.kind == "organisation" for e in taken):
        return  # already a body
    if _KO_ORG_SUFFIX.search(name) or _KO_BUSINESS_SUFFIX.search(name) or \
            _ko_apposed_name(tokens, start, end):
        _ko_add_org(col, s, start, end)


# ---- names glossed, bracketed or introduced by their kind -------------------------------
# "새만금개발청(청장 이병국)", "한중협회(회장 이성우)": the head of a body named in brackets
# after it, title first.
_KO_BRACKET_HEAD = re.compile(
    rf"(?<=[가-힣A-Za-z0-9)])\(((?:{_KO_TITLE_RE})) ([가-힣]{{2,4}})\)"
)
# "거린메이(GEM)와", "롱지(Longi), 위안징(Envision) 등": a Hangul name glossed by its Latin
# name (one word, no space: a romanised person's name has one) before a particle, a comma
# or 등.
_KO_LATIN_GLOSS = re.compile(
    r"(?<![가-힣A-Za-z])([가-힣]{2,8})\(([A-Z][A-Za-z0-9&]{1,11})\)"
    r"(?=(?:은|는|이|가|과|와|의|을|를|도)?[\s,]| ?등)"
)
# "자회사 재세능원을 통해", "기업 중국 CNGR의 투자": a name introduced by its kind (or its
# country) with an object or genitive particle (the subject particles are in entities_ko).
_KO_KIND_THEN_OBJECT = re.compile(
    r"(?:자회사|계열사|합작사|합작법인|법인|업체|기업|회사|스타트업) (?:(?:중국|한국|미국|일본) )?"
    r"([가-힣A-Za-z][가-힣A-Za-z0-9&]{1,11})(?:을|를|의)(?=\s)"
)
# "한국생산성본부": a national body in one word ending in 본부 (headquarters alone is no name).
_KO_NATIONAL_HQ = re.compile(
    r"(?<![가-힣A-Za-z])((?:한국|대한|중국|국가|국립)[가-힣]{2,8}본부)"
    r"(?=(?:은|는|이|가|과|와|의|도|에서|측|등)?[\s,.])"
)


# "김정일 집행회장(엔켐차이나모빌리티 회장)": a body and a title in brackets.
_KO_BRACKET_BODY_TITLE = re.compile(
    rf"\(([가-힣A-Za-z][가-힣A-Za-z0-9&]{{1,14}}) (?:{_KO_TITLE_RE})\)"
)
# "…위원회 서기인 고옥룡은", "하나은행장 지성규는": a title (or a body glued to 장) ending in the
# copula 인 or a space, then the name with its particle.
_KO_TITLE_COPULA_NAME = re.compile(
    rf"(?<![가-힣])((?:{_KO_TITLE_RE})(?=인 )"
    rf"|[가-힣]{{2,10}}(?:은행|그룹|공사|협회|센터|재단)장(?= ))"
    rf"인? ([가-힣]{{3}})(?=(?:은|는|이|가)\s)"
)


def _ko_name_word(tokens: list, start: int, end: int) -> bool:  # type: ignore[type-arg]
    """Whether Kiwi reads ``[start, end)`` as a name: a proper noun, a Latin or unknown
    word, or one noun it does not know; never a particle, ending or verb, and never common
    nouns of its dictionary only ("집적회로(IC)", "해외우려단체(FEOC)")."""
    inside = [t for t in tokens if start <= t.start < end]
    if not inside or any(t.tag.startswith(("J", "E", "V", "XSV", "XSA")) for t in inside):
        return False
    if any(t.tag in ("NNP", "SL", "UN", "SH") for t in inside):
        return True
    return len(inside) == 1 and inside[0].tag == "NNG" and \
        getattr(inside[0], "id", 0) < _KIWI_FIRST_DICTIONARY_ID


def _korean_glossed_names(col: _Collector, s: Sentence, tokens: list) -> None:  # type: ignore[type-arg]
    for m in _KO_BRACKET_HEAD.finditer(s.text):  # 새만금개발청(청장 이병국)
        name = m.group(2)
        a = m.start(2)
        if name[0] not in KO_SURNAMES or not _ko_person_ok(name, tokens, a) and not (
                len(name) == 3 and _ko_name_word(tokens, a, a + 3)):
            continue
        col.add(Entity("person", name, s.start + a, s.start + a + len(name), s.index, name,
                       "ko", 0.6, "rules", role=m.group(1)))
    for m in _KO_LATIN_GLOSS.finditer(s.text):  # 거린메이(GEM)와
        name, latin = m.group(1), m.group(2)
        if latin in _NOT_ORG_ACRONYMS or not _ko_party_ok(name) or \
                not (_ko_name_word(tokens, m.start(1), m.end(1)) or _KO_ORG_SUFFIX.search(name)
                     or _KO_BUSINESS_SUFFIX.search(name)):
            continue
        _ko_add_org(col, s, m.start(1), m.end(1))
    for m in _KO_KIND_THEN_OBJECT.finditer(s.text):  # 자회사 재세능원을
        name = m.group(1)
        if name in _NOT_ORG_ACRONYMS or not _ko_party_ok(name) or \
                not _ko_name_word(tokens, m.start(1), m.end(1)):
            continue
        _ko_add_org(col, s, m.start(1), m.end(1))
    for m in _KO_NATIONAL_HQ.finditer(s.text):  # 한국생산성본부
        _ko_add_org(col, s, m.start(1), m.end(1))
    for m in _KO_BRACKET_BODY_TITLE.finditer(s.text):  # (엔켐차이나모빌리티 회장)
        _ko_apposed_org(col, s, tokens, m.start(1), m.end(1))
    for m in _KO_TITLE_COPULA_NAME.finditer(s.text):  # 서기인 고옥룡은, 하나은행장 지성규는
        name, a = m.group(2), m.start(2)
        if name[0] not in KO_SURNAMES or not _ko_person_ok(name, tokens, a):
            continue
        for e in [e for e in col.entities if e.kind == "organisation"
                  and e.start == s.start + a and e.end == s.start + a + len(name)]:
            col.remove(e)  # a name a suffix rule took for a body ("지성규")
        col.add(Entity("person", name, s.start + a, s.start + a + len(name), s.index, name,
                       "ko", 0.6, "rules", role=m.group(1)))
        body = re.match(r"(.+?(?:은행|그룹|공사|협회|센터|재단))장$", m.group(1))
        if body:
            _ko_add_org(col, s, m.start(1), m.start(1) + len(body.group(1)))
