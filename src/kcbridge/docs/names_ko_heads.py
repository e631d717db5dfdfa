"""Korean names read from a body and its head (konames round of issue 10).

Korean news introduces the head of a body in a few fixed shapes, and each shape says
which word is the person and which the body:

* ``건국대(총장 송희영)``: a body, then its head's title and name in brackets. The word
  before the bracket is an organisation, even when it ends like a name ("건국대").
* ``천리 중국 외교부 외사관리국장``: a name, a body the rules already found, then a title
  (a sub-unit may be glued to it: 외사관리**국장**). The body between them is the evidence
  that lets a two-syllable transliterated name (천리, 취환) count as a person.
* ``박정호 행정1부지사``: a title with a number in it (행정1부지사, 정무2부시장).
* ``음화준(YIN HEJUN) 부장``: a name glossed in Latin letters before its title.
* ``북경연경팔절협회 부관장 양녕,``: a body, a title, then the name (title-first lists).
* ``닝푸쿠이 전 주한중국대사``: "former" (전) or "new" (신임) before the title.
* ``ZHANG Wei 중국 상무부 부부장``: a Latin name with its family name in capitals, which
  the suffix rule would run into the body's name.

A few organisation shapes come along: a mission written with a space (주한 X대사관) and a
body glued to 간 ("between").

:func:`settle_people` then fixes the document as a whole: a word that the text itself shows
as a body ("건국대(총장 …)", or the alias list) is no person elsewhere ("송희영 건국대 총장");
a "person" lying inside another person's title ("싱지쥔 중국과기외교 전문위 주임": 전문위)
is no person; bare kinds (자매협회), generic universities (한중대학) and "bodies" ending in
a title are dropped; a side word glued before a body stays in its name (중한기업가협회).
Since the konames7 round it also drops a body guessed from a bare word that the document
shows as a titled person (인훙), 주 + a city before a mission as a person (주다롄), and
splits "남해대 린옌페이 부총장" read as one person into the body and the person.
"""

from __future__ import annotations

import re

from kcbridge.docs.entities_ko import (
    _KO_NOT_NAMES,
    _KO_NOT_ORG,
    _KO_ORG_SUFFIX,
    _KO_PARTICLE,
    _KO_TITLE_RE,
    _KO_TITLES,
    _ko_person_ok,
    _ko_proper,
    _ko_title_head,
    ko_unknown,
)
from kcbridge.docs.entity_collector import Collector as _Collector
from kcbridge.docs.entity_collector import resolve_org as _resolve_org
from kcbridge.docs.gazetteer import organisations, places
from kcbridge.docs.model import Entity
from kcbridge.docs.names_en import romanised_given_name
from kcbridge.docs.people import EN_FAMILY_NAMES, KO_SURNAMES
from kcbridge.docs.sector_tags import is_sector_keyword
from kcbridge.docs.text import Sentence

# Titles that head a body and stand in "Body(title Name)".
_HEAD_TITLES = (
    "총장", "부총장", "원장", "회장", "대표이사", "대표", "사장", "이사장", "소장", "청장",
    "시장", "군수", "구청장", "센터장", "교육감", "학장", "위원장", "협회장", "단장", "지사",
    "도지사", "본부장", "은행장", "조합장", "관장", "의장",
)
_BODY_WITH_HEAD = re.compile(
    r"(?<![가-힣A-Za-z0-9])([가-힣A-Za-z][가-힣A-Za-z0-9·&]{1,20})\("
    rf"(?:{'|'.join(sorted(_HEAD_TITLES, key=len, reverse=True))}) ([가-힣]{{2,4}})\)"
)
_END = rf"(?={_KO_PARTICLE}?(?:[\s,.)]|$))"
# "청해민족대학 총장은": one word ending in a body word, then its head's title. The title
# is the evidence, however Kiwi reads the stem (청해 as the verb 청하- + -어) (names11).
_BODY_BEFORE_HEAD = re.compile(
    r"(?:^|(?<=[\s(\[·,△]))([가-힣]{2,16}(?:대학교|대학|연구원|연구소|연구회|협회|재단|공사|센터|"
    r"은행|병원|진흥원|위원회|학회|상회|연합회))"
    rf" (?:{'|'.join(sorted(_HEAD_TITLES, key=len, reverse=True))}){_END}"
)
# "하수권 부산외국어대 교학부총장과": a university's short name (…대) before a university post
# (a unit may be glued to it: 교학부총장, 공대학장).
_SHORT_UNIVERSITY_BEFORE_POST = re.compile(
    r"(?:^|(?<=[\s(\[·,△]))([가-힣]{2,10}대) [가-힣]{0,4}?(?:총장|부총장|학장|부학장|교수|이사장)"
    rf"{_END}"
)
_NOT_UNIVERSITY_STEM = re.compile(
    r"^(?:국립|사립|공립|도립|시립|지방|명문|해당|상대|거점|주요|한국|중국|한중|각|모|같은|이|그|"
    r"공감|연령|시간|가격|억원|만원|세|시|최|확|기|강|연)$"
)
# A title with a number in it, after a three-syllable name: "박정호 행정1부지사가".
_NUMBERED_TITLE = re.compile(
    rf"(?<![가-힣])([가-힣]{{3}}) ([가-힣]{{1,6}}[0-9][가-힣]{{0,4}}?(?:{_KO_TITLE_RE})){_END}"
)
# A name glossed in Latin letters, then its title: "음화준(YIN HEJUN) 부장은".
_LATIN_GLOSSED = re.compile(
    r"(?<![가-힣])([가-힣]{2,5})\(([A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+){1,2})\) "
    rf"((?:[가-힣A-Za-z]+ ){{0,2}}?[가-힣0-9]{{0,8}}?(?:{_KO_TITLE_RE})){_END}"
)
# "닝푸쿠이 전 주한중국대사": a name, "former" (전) or "new" (신임), then the title.
_FORMER_TITLE = re.compile(
    rf"(?<![가-힣])([가-힣]{{2,5}}) ((?:전|현|신임|초대|前) (?:[가-힣A-Za-z]+ )?[가-힣]{{0,8}}?"
    rf"(?:{_KO_TITLE_RE})){_END}"
)
# After a body: a title, then a name and a comma, particle or 등 ("회장 백군, …").
_TITLE_THEN_NAME = re.compile(
    rf" ([가-힣]{{0,4}}?(?:{_KO_TITLE_RE})) ([가-힣]{{2,4}}?)"
    r"(?=(?:과|와|은|는|이|가)?(?:,| 등|[\s.)]|$))"
)
# After a body: the title, with at most a sub-unit glued before it ("외사관리국장").
_TITLE_AFTER_BODY = re.compile(rf"^ ?([가-힣0-9]{{0,8}}?(?:{_KO_TITLE_RE})){_END}")
_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(\[·,]))([가-힣]{2,5}) $")
# Titles that also end names of bodies ("…공사" is a corporation, "…상무" a trading firm).
_BODY_LIKE_TITLES = {"공사", "상무", "이사", "고문", "통역", "영사", "대표", "수석", "전무"}
# Kiwi numbers its morphemes roughly by frequency; above this id a noun is rare enough to
# be read as a name when the shape "NAME BODY TITLE" says so (chosen on the fifth set's
# seen misses: 천리 25819; common words before a body: 이번 373, 당시 479, 신임 4141).
_RARE_NOUN_ID = 20000
# What the three mission patterns below share: whose mission it is, and what may follow
# the name (a particle, a side word, then a space, a comma, a full stop or the end).
_MISSION_OF = r"(?:대한민국|한국|중국|일본|미국)"
_MISSION_ENDS = rf"(?=(?:{_KO_PARTICLE}|을|를|에|에서|측)?[\s,.]|$)"
# "주한 중국대사관": a mission written with a space after 주한/주중.
_SPACED_MISSION = re.compile(
    r"(?<![가-힣])(주[한중일미] [가-힣]{2,6}(?:대사관|총영사관|영사관|대표부|대표처))"
    + _MISSION_ENDS
)
# (names12) "주칭다오 한국 총영사관": a mission written in three words, where it sits (a
# place the list knows), whose it is, and its kind.
_SPACED_CITY_MISSION = re.compile(
    rf"(?<![가-힣])(주([가-힣]{{2,6}}) {_MISSION_OF} "
    r"(?:총영사관|대사관|영사관|대표부|대표처))"
    + _MISSION_ENDS
)
# (names13) "부산 총영사관", "상하이 중국총영사관": a consulate named by the city it sits in
# (a place the list knows), with or without whose it is.
_CITY_CONSULATE = re.compile(
    rf"(?<![가-힣])(([가-힣]{{2,6}}) (?:{_MISSION_OF} ?)?(?:총영사관|영사관))" + _MISSION_ENDS
)
# A body glued to 간 ("between"): "화거하이테크개발센터간 협력".
_BODY_THEN_BETWEEN = re.compile(
    r"(?<![가-힣A-Za-z])([가-힣A-Za-z]{2,20}(?:센터|연구원|연구소|대학교|협회|재단|그룹|위원회))간"
    r"(?=[\s,.])"
)
# A Latin name with its family name in capitals ("ZHANG Wei", "Min-jun KIM").
_FAMILY_CAPS = "|".join(n.upper() for n in EN_FAMILY_NAMES.split("|"))
_CAPITALS_NAME = re.compile(
    rf"((?:{_FAMILY_CAPS}) [A-Z][a-z]+(?:-[a-z]+)?|[A-Z][a-z]+(?:-[a-z]+)? (?:{_FAMILY_CAPS})) "
)
# A name all in capitals with its family name first, then its title, glued or after a space:
# "ZHU JUN YI총장", "ZHANG QIU JU 교무처장" (the given name in one to three syllables).
_ALL_CAPITALS_TITLED = re.compile(
    rf"(?<![A-Za-z])((?:{_FAMILY_CAPS})(?: [A-Z]{{2,7}}){{1,3}}) ?"
    rf"(?=[가-힣]{{0,6}}?(?:{_KO_TITLE_RE}){_END})"
)
_CAPITALS_BEFORE = re.compile(r"(?:^|(?<=[\s(]))" + _CAPITALS_NAME.pattern + "$")
# Generic phrases that end like a university but name none ("대표대학", "한중대학").
_GENERIC_UNIVERSITY = re.compile(
    r"^(?:(?:한국|중국|한중|양국|국내|해외|외국|지역|국립|공립|사립|명문|일류|우수|주요|"
    r"대표|거점|중점|협력|협정|자매|파트너|상대)\s?(?:대학|대학교)|[가-힣]{2,4}성 대표대학)$"
)
# Phrases about universities in general (names11): a quantifier or a rank as a word of its
# own ("중국 최고 연구중심대학", "중국 전체 대학") or a kind as the whole stem ("각급대학",
# "대전지역 국립종합대학교", "중국 명문대학").
_UNIVERSITIES_IN_GENERAL = re.compile(
    r"(?:(?:^|\s)(?:최고|전체|모든|여러|각|주요|유수|해외|국내|일부)\s.*|"
    r"(?:^|\s)(?:국립종합|연구중심|종합|명문|일류|각급|거점|지방|국공립))(?:대학|대학교)$"
)
# A kind of body with at most a side word, or a people, is no organisation's name
# ("자매협회", "유한회사", "중국 협회", "조선족").
_BARE_KIND = re.compile(
    r"^(?:(?:한국|중국|한중|중한|양국|미국|일본|국내|해외|외국|각국)\s?)?"
    r"(?:협회|유한회사|주식회사|회사|기업|자매협회|자매결연|재단|그룹|센터|위원회|조선족|화교|교민|동포)$"
)
# A "body" ending in a title is a title the tagger took ("산학협력부총장").
_ENDS_WITH_TITLE = re.compile("(?:" + "|".join(
    t for t in sorted(_KO_TITLES, key=len, reverse=True)
    if len(t) >= 2 and t not in _BODY_LIKE_TITLES) + ")$")
# Side words glued before a body the rules cut after them ("중한" + "기업가협회").
_GLUED_SIDE = ("한중", "중한", "재중", "재한", "주한", "주중")
# A word before a body name that ends in a particle or adverb ending: not part of the name
# ("선후로 해안종합건축사무소").
_LEADING_PARTICLE_WORD = re.compile(r"^[가-힣]{1,6}(?:으로|로|에서|에게|부터|까지|을|를) ")


def _name_like(name: str, tokens: list, start: int) -> bool:  # type: ignore[type-arg]
    """Whether a word next to a body and a title reads as a name: it starts with a family
    name (Korean, or a Korean reading of a Chinese one), is no place, body or title, and
    Kiwi reads it as proper nouns, as syllables it cannot join, or as one rare noun."""
    if name in _KO_NOT_NAMES or name in _HEAD_TITLES or re.fullmatch(_KO_TITLE_RE, name):
        return False
    if places().lookup(name) or organisations().lookup(name) or is_sector_keyword(name):
        return False
    if name[0] not in KO_SURNAMES or _KO_ORG_SUFFIX.search(name):
        return False
    if _ko_proper(tokens, start, start + len(name)):
        return True
    inside = [t for t in tokens if start <= t.start < start + len(name)]
    if not inside or inside[-1].tag.startswith(("J", "E", "XS", "V")):
        return False  # a noun with its particle or ending
    if all(t.len == 1 or ko_unknown(t) for t in inside):
        return True  # a transliterated name Kiwi cuts into syllables (취/NNG 환/XR)
    # one rare dictionary noun (천리/NNG, morpheme id 25819) between nothing and a body
    # and its title is a name; frequent words (이번 373, 당시 479, 신임 4141) are not
    return len(inside) == 1 and inside[0].tag == "NNG" and \
        getattr(inside[0], "id", 0) >= _RARE_NOUN_ID


def korean_heads(col: _Collector, s: Sentence, tokens: list) -> None:  # type: ignore[type-arg]
    """Add the people and bodies that the head shapes of sentence ``s`` name."""
    for m in _BODY_WITH_HEAD.finditer(s.text):
        body = m.group(1)
        if places().lookup(body) or _GENERIC_UNIVERSITY.match(body) or body in _KO_NOT_NAMES:
            continue
        start = s.start + m.start(1)
        key, country = _resolve_org(body)
        col.add_absorbing(Entity("organisation", body, start, start + len(body), s.index, key,
                                 "ko", 0.7, "rules", country=country),
                          kinds=("place", "person"))
    for pattern in (_SPACED_MISSION, _BODY_THEN_BETWEEN, _SPACED_CITY_MISSION, _CITY_CONSULATE):
        for m in pattern.finditer(s.text):
            if pattern in (_SPACED_CITY_MISSION, _CITY_CONSULATE) and \
                    not places().lookup(m.group(2)):
                continue
            start = s.start + m.start(1)
            key, country = _resolve_org(m.group(1))
            col.add_absorbing(Entity("organisation", m.group(1), start, start + len(m.group(1)),
                                     s.index, key, "ko", 0.6, "rules", country=country),
                              kinds=("place", "organisation"))
    for m in _NUMBERED_TITLE.finditer(s.text):
        if _ko_person_ok(m.group(1), tokens, m.start(1)):
            _add_person(col, s, m.start(1), m.group(1), m.group(2))
    for m in _LATIN_GLOSSED.finditer(s.text):
        if m.group(1)[0] in KO_SURNAMES and not organisations().lookup(m.group(1)) and \
                not places().lookup(m.group(1)):
            _add_person(col, s, m.start(1), m.group(1), m.group(3))
    for m in _FORMER_TITLE.finditer(s.text):
        if _name_like(m.group(1), tokens, m.start(1)):
            _add_person(col, s, m.start(1), m.group(1), m.group(2))
    heads = [*_BODY_BEFORE_HEAD.finditer(s.text),
             *(m for m in _SHORT_UNIVERSITY_BEFORE_POST.finditer(s.text)
               if not _NOT_UNIVERSITY_STEM.match(m.group(1)[:-1]))]
    for m in heads:
        body = m.group(1)
        if places().lookup(body) or _GENERIC_UNIVERSITY.match(body) or \
                _KO_NOT_ORG.match(body) or _BARE_KIND.match(body) or \
                any(e.kind != "place" and e.start < s.start + m.end(1)
                    and s.start + m.start(1) < e.end for e in col.entities):
            continue  # (a place inside the body's name gives way: "부산외국어대")
        start = s.start + m.start(1)
        key, country = _resolve_org(body)
        col.add_absorbing(Entity("organisation", body, start, start + len(body), s.index, key,
                                 "ko", 0.6, "rules", country=country), kinds=("place",))
    for m in _ALL_CAPITALS_TITLED.finditer(s.text):
        if not romanised_given_name("".join(m.group(1).split()[1:]).lower()):
            continue  # "LG CNS 대표": an acronym run, not a name
        role = re.match(rf"[가-힣]{{0,6}}?(?:{_KO_TITLE_RE})", s.text[m.end():].lstrip())
        col.add_absorbing(Entity("person", m.group(1), s.start + m.start(1),
                                 s.start + m.end(1), s.index, m.group(1).title(), "ko", 0.65,
                                 "rules", role=role.group() if role else ""),
                          kinds=("organisation", "person"), sources=("kiwi", "rules"))
    _latin_capitals_name(col, s)
    bodies = [e for e in col.entities if e.kind == "organisation" and e.sentence == s.index]
    for body in bodies:  # "북경연경팔절협회 부관장 양녕,": body, title, then the name
        after = _TITLE_THEN_NAME.match(s.text, body.end - s.start)
        if after and _name_like(after.group(2), tokens, after.start(2)):
            _add_person(col, s, after.start(2), after.group(2), f"{body.text} {after.group(1)}")
    for body in bodies:
        local_start, local_end = body.start - s.start, body.end - s.start
        title = _TITLE_AFTER_BODY.match(s.text[local_end:])
        if not title:
            continue
        latin = _CAPITALS_BEFORE.search(s.text[max(0, local_start - 30):local_start])
        if latin:  # "Min-jun KIM 한빛전자 부사장"
            _add_person(col, s, local_start - len(latin.group()), latin.group(1),
                        f"{body.text} {title.group(1)}")
            continue
        before = _WORD_BEFORE.search(s.text[max(0, local_start - 7):local_start])
        if not before:
            continue
        name = before.group(1)
        name_start = local_start - 1 - len(name)
        if len(name) > 4 or not (_name_like(name, tokens, name_start) or len(name) == 3 and
                                 _ko_person_ok(name, tokens, name_start)):
            continue  # (a Korean name Kiwi reads as common words, 하수/NNG 권, counts too)
        _add_person(col, s, name_start, name, f"{body.text} {title.group(1)}".strip())


def name_before_listed_body(surface: str) -> bool:
    """"권혜진 산업통상자원부", "왕 리핑 중국 상무부": a person's name (one word of three
    syllables starting with a family name, or a transliterated name in two short words)
    before a body the alias list knows, which the suffix rule ran together (names11)."""
    words = surface.split(" ")
    for cut in (1, 2):
        name, body = words[:cut], " ".join(words[cut:])
        if not body or not organisations().lookup(body) or \
                any(places().lookup(w) or organisations().lookup(w) for w in name):
            continue
        if cut == 1 and re.fullmatch(r"[가-힣]{3}", name[0]) and name[0][0] in KO_SURNAMES:
            return True
        if cut == 2 and all(re.fullmatch(r"[가-힣]{1,3}", w) for w in name) and \
                len(name[0]) == 1:
            return True
    return False


def _latin_capitals_name(col: _Collector, s: Sentence) -> None:
    """"ZHANG Wei 중국 상무부 부부장": a Latin name with its family name in capitals, before a
    body and a title, which the suffix rule ran into the body's name (whole or in part:
    "ho 한빛연구원" of "LEE Sang-ho 한빛연구원")."""
    for k, e in enumerate(list(col.entities)):
        if e.kind != "organisation" or e.sentence != s.index:
            continue
        local_start, local_end = e.start - s.start, e.end - s.start
        window_start = max(0, local_start - 25)
        m = next((m for m in _CAPITALS_NAME.finditer(s.text, window_start, local_end)
                  if m.start() <= local_start < m.end() and m.end() < local_end - 1), None)
        title = _TITLE_AFTER_BODY.match(s.text[local_end:])
        if m is None or not title:
            continue
        rest = s.text[m.end():local_end]
        key, country = _resolve_org(rest)
        col.narrow(k, Entity("organisation", rest, s.start + m.end(), e.end, e.sentence, key,
                             "ko", e.confidence, e.source, country=country))
        name = m.group(1)
        start = s.start + m.start(1)
        if col.free(start, start + len(name)):
            col.add(Entity("person", name, start, start + len(name), s.index, name, "ko", 0.65,
                           "rules", role=f"{rest} {title.group(1)}"))


def _add_person(col: _Collector, s: Sentence, local_start: int, name: str, role: str) -> None:
    start = s.start + local_start
    col.add(Entity("person", name, start, start + len(name), s.index, name, "ko", 0.65,
                   "rules", role=role.strip()))


_NAME_THEN_TITLE_ROLE = re.compile(rf"([가-힣]{{2,5}}) ((?:{_KO_TITLE_RE}))")
_MISSION_SEAT = re.compile(r"주[가-힣]{2,4}")
_MISSION_AFTER = re.compile(
    r" (?:대한민국|한국|중국|일본|미국)? ?[가-힣]{0,6}(?:대사관|총영사관|영사관|영사출장소|출장소|"
    r"영사사무소|대표부|대표처)")


# Two Hangul names joined by a hyphen or a middle dot name two people (the sides of talks:
# "김정관-왕원타오 양자회담"); a Korean name written in Hangul has no hyphen.
_JOINED_PAIR = re.compile(r"[가-힣]{2,4}[-·][가-힣]{2,4}")


def settle_people(col: _Collector, text: str) -> None:
    """Document-level checks of Korean people and bodies (see the module's docstring)."""
    korean = [e for e in col.entities if e.lang == "ko" or (
        not e.lang and re.search(r"[가-힣]", e.text))]
    # a word is a body when the text says so in the bracket shape, or the alias list does;
    # a body a weaker rule guessed does not turn people of that name into bodies
    bodies = {m.group(1) for m in _BODY_WITH_HEAD.finditer(text)} | {
        e.text for e in korean if e.kind == "organisation" and e.source == "alias-list"}
    for e in [e for e in korean if e.kind == "person" and _JOINED_PAIR.fullmatch(e.text)]:
        col.remove(e)  # "김정관-왕원타오 양자회담": two people's talks (names13)
    for k, e in enumerate(col.entities):
        if e.kind != "person" or e not in korean:
            continue
        if e.text in bodies:  # "송희영 건국대 총장" after "건국대(총장 송희영)"
            col.entities[k] = _as_body(e)
    people = [e for e in col.entities if e.kind == "person" and e in korean and e.role]
    for e in people:
        where = text.find(e.role, e.end, e.end + len(e.role) + 14)  # after a gloss too
        if where < 0:  # the title before the name: "신소재 유한회사 총경리 리철룡"
            where = text.find(e.role, max(0, e.start - len(e.role) - 2), e.start)
        if where < 0:
            continue
        inside = [q for q in col.entities if q.kind == "person" and q is not e
                  and where <= q.start and q.end <= where + len(e.role)]
        for q in inside:  # "서창수 순천향대 산학협력부총장": 순천향대 is no second person
            k = col.entities.index(q)
            if _ko_title_head(q.text, text[q.end:q.end + 6]):  # "산학부" of "산학부총장"
                col.entities.pop(k)
                col._spans.remove((q.start, q.end))
            elif re.search(r"(?:대|대학|대학교)$", q.text) or _KO_ORG_SUFFIX.search(q.text):
                col.entities[k] = _as_body(q)
            else:
                col.entities.pop(k)
                col._spans.remove((q.start, q.end))
    # "청해대 런옌밍 부총장" read as the person 청해대 with the role "런옌밍 부총장": the word
    # that ends like a university or body is the body, the name before the title the person
    # (added after the seventh names set's first score)
    for e in list(col.entities):
        role = _NAME_THEN_TITLE_ROLE.fullmatch(e.role) if e.kind == "person" else None
        if role is None or e not in korean or not (
                re.search(r"(?:대|대학|대학교)$", e.text) or _KO_ORG_SUFFIX.search(e.text)) or \
                text[e.end:e.end + 1 + len(role.group(1))] != " " + role.group(1):
            continue
        k = col.entities.index(e)
        col.entities[k] = _as_body(e)
        _add_person_at(col, e.end + 1, role.group(1), role.group(2), e.sentence)
    # "주다롄 한국영사출장소 대표": 주 + a city is the seat of a mission, no person
    for e in list(col.entities):
        if e.kind == "person" and e in korean and _MISSION_SEAT.fullmatch(e.text) and \
                _MISSION_AFTER.match(text[e.end:e.end + 24]):
            col.remove(e)
    # a word the document shows as a person with a title ("인훙 장시성 당서기") is no body
    # where a weaker rule guessed one from a bare word ("인훙 중측 대표단장(…)")
    titled = {e.text for e in col.entities if e.kind == "person" and e in korean and e.role}
    for e in list(col.entities):
        if e.kind == "organisation" and e.lang == "ko" and e.source != "alias-list" and \
                e.text in titled and e.text not in bodies and \
                not _KO_ORG_SUFFIX.search(e.text) and not re.search(r"대$", e.text):
            col.remove(e)
    for e in list(col.entities):
        if e.kind != "organisation" or e.lang != "ko" or e.source == "alias-list":
            continue
        k = col.entities.index(e)
        if _GENERIC_UNIVERSITY.match(e.text) or _BARE_KIND.match(e.text) or \
                _UNIVERSITIES_IN_GENERAL.search(e.text) or (
                _ENDS_WITH_TITLE.search(e.text) and not organisations().lookup(e.text)):
            col.entities.pop(k)
            col._spans.remove((e.start, e.end))
            continue
        glued = text[max(0, e.start - 2):e.start]
        if glued in _GLUED_SIDE and (e.start < 3 or not re.match(r"[가-힣]", text[e.start - 3])):
            name = glued + e.text  # "중한기업가협회", not its tail "기업가협회"
            key, country = _resolve_org(name)
            col.entities[k] = Entity("organisation", name, e.start - 2, e.end, e.sentence, key,
                                     "ko", e.confidence, e.source, country=country)
            col._spans[col._spans.index((e.start, e.end))] = (e.start - 2, e.end)
            continue
        lead = _LEADING_PARTICLE_WORD.match(e.text)
        if lead and len(e.text) - lead.end() >= 3:
            rest = e.text[lead.end():]
            key, country = _resolve_org(rest)
            col.narrow(k, Entity("organisation", rest, e.start + lead.end(), e.end, e.sentence,
                                 key, "ko", e.confidence, e.source, country=country))


def _add_person_at(col: _Collector, start: int, name: str, role: str, sentence: int) -> None:
    if col.free(start, start + len(name)):
        col.add(Entity("person", name, start, start + len(name), sentence, name, "ko", 0.6,
                       "rules", role=role))


def _as_body(e: Entity) -> Entity:
    key, country = _resolve_org(e.text)
    return Entity("organisation", e.text, e.start, e.end, e.sentence, key, "ko", 0.6, "rules",
                  country=country)
