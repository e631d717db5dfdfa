"""The parties of a Korean agreement or cooperation (split from :mod:`entities_ko`, which
calls :func:`korean_parties` for each Korean sentence with a rule trigger): one word with an
institution suffix however Kiwi cut it, a body glued to its head's title (과학기술처장관),
and, in a sentence with a party cue (MOU, 협약, 합작, 설립 ...), quoted names, names after
their kind (업체 누리프로도), Hangul companies with their Latin or Han names in brackets, and
proper nouns directly followed by 과/와/은/는/이/가. It also holds the party test the other
Korean rule modules share (:func:`_ko_party_ok`: no place, side word, title, field, event,
chemical or anonymous firm) and the sides of a cooperation (한·중 양국 정부, 산업연맹간);
:mod:`entities_ko` imports them inside its functions, as this module imports it."""

from __future__ import annotations

import re

from kcbridge.docs.entities_ko import (
    _KO_NOT_BODY_WORD,
    _KO_NOT_NAMES,
    _KO_NOT_ORG,
    _KO_ORG_SUFFIX,
    _KO_STRONG_SUFFIX,
    _KO_TITLE_RE,
    _KO_TITLES,
    _ko_kind_only,
    ko_unknown,
)
from kcbridge.docs.entity_collector import NOT_ORG_ACRONYMS as _NOT_ORG_ACRONYMS
from kcbridge.docs.entity_collector import Collector as _Collector
from kcbridge.docs.entity_collector import clean_name as _clean_name
from kcbridge.docs.entity_collector import resolve_org as _resolve_org
from kcbridge.docs.gazetteer import places
from kcbridge.docs.model import Entity
from kcbridge.docs.people import KO_SURNAMES, is_zh_person_name
from kcbridge.docs.sector_tags import is_sector_keyword
from kcbridge.docs.text import Sentence, to_simplified

# ---- Korean: the parties of an agreement or a cooperation ------------------------------
# A sentence that reports an agreement, a joint venture or joint work names its parties
# with a particle: "툴젠과 중국 제노보 바이오는 ... MOU를 체결했다", "헬로웍스와 크온은 ...
# 협력에 나선다". A proper noun (or Latin name, or a quoted name) directly followed by
# 과/와/은/는/이/가 there is a party: an organisation, unless it is a place, a person, a
# field acronym or a title.
_KO_PARTY_CUE = re.compile(
    r"MOU|MOA|양해각서|합의각서|협약|협정|협력|제휴|합작|손잡|공동 ?개발|공동 ?연구|공동 ?진출|"
    r"체결|맺[었은는]|계약|투자|주최|주관|후원|공동 ?개최|공동으로|설립|출자|합자"
)
_KO_SIDE_WORDS = {"한국", "중국", "한중", "양국", "양측", "미국", "일본", "정부", "국내", "해외",
                  "우리", "업계", "양사", "당사", "자사", "이번", "현지"}


# "A사", "B업체": a company the text keeps anonymous has no name.
_KO_ANONYMOUS = re.compile(r"^[A-Z](?:사|업체|기업|그룹)$")


def _ko_party_ok(name: str) -> bool:
    bare = name.strip()
    return (len(bare) >= 2 and not _KO_ANONYMOUS.match(bare)
            and bare not in _KO_SIDE_WORDS and bare not in _KO_TITLES
            and bare not in _KO_NOT_NAMES and bare not in _NOT_ORG_ACRONYMS
            and not is_sector_keyword(bare) and places().lookup(bare) is None
            and not _KO_NOT_ORG.match(bare) and not _KO_EVENT.search(bare)
            and not _KO_CHEMICAL.match(bare))


# Chemical compounds ("황산니켈과 전구체 공장", "수산화리튬"): materials, not parties.
_KO_CHEMICAL = re.compile(
    r"^(?:황산|수산화|탄산|산화|염화|질산|인산|불화|육불화|과산화)[가-힣]{1,4}$"
)


# Meetings and events are no parties ("지사·성장회의는 ... 주관한다").
_KO_EVENT = re.compile(r"(?:회의|포럼|대회|박람회|세미나|총회|회담|교류회|설명회|상담회|로드쇼|"
                       r"행사|축제|엑스포|전시회|심포지엄|컨퍼런스|콘퍼런스)$")


def _ko_unglue(surface: str) -> str:
    """Kiwi sometimes glues "between" or "side" to a name it does not know (산업연맹간):
    the name ends before it when what is left ends like an organisation."""
    m = re.match(r"^(.*[^\s])(?:간|측)$", surface)
    if m and _KO_ORG_SUFFIX.search(m.group(1)) and not _KO_ORG_SUFFIX.search(surface):
        return m.group(1)
    return surface


def _ko_place_pair(particle: str, rest: str) -> bool:
    """"경주와 제주도를 방문": a word joined by 와/과 to a place that ends the same list (an
    object 을/를, a comma, 등) is a place too, not a party (names13). A place with 에/에서
    after it is where the parties met ("툴젠과 베이징에서 협약"), so it does not count."""
    m = re.match(r" ([가-힣]{2,8})([을를와과,]| 등)", rest) if particle in ("과", "와") else None
    if m is None:
        return False
    word = m.group(1)
    return places().lookup(word) is not None or (
        word[-1] in "을를" and places().lookup(word[:-1]) is not None)


def _ko_side_government(surface: str) -> bool:
    """"X 정부" where every word before 정부 is a country or a side (한·중 양국 정부)."""
    words = surface.split()
    if len(words) < 2 or words[-1] not in ("정부", "지방정부", "중앙정부", "지방자치단체"):
        return False
    return all(w in _KO_SIDE_WORDS or "·" in w or places().lookup(w) is not None
               for w in words[:-1])


_KO_PARTY_PARTICLE = {"과", "와", "은", "는", "이", "가"}
# Nouns that may end a party's name after a space ("제노보 바이오", "BF Nano Tech").
_KO_PARTY_HEAD = re.compile(
    r"^(?:바이오|전자|화학|테크|산업|식품|제약|그룹|홀딩스|에너지|소재|물산|상사|건설|"
    r"중공업|모터스|케미칼|머티리얼즈|코리아|차이나|인터내셔널|솔루션|시스템|네트웍스|랩스?)$"
)
_KO_QUOTED_PARTY = re.compile(
    r"['‘\"“`]([^'’\"”`\s][^'’\"”`]{0,18}[^'’\"”`\s])['’\"”`]"
    r"(?:\(([^()]{2,30})\))?(?:과|와|은|는|이|가| ?간)(?=[\s,에의])"
)
# A name after the noun of its kind ("게임 기업 루트쓰리는", "어묵 브랜드 삼진식품은").
_KO_KIND_THEN_NAME = re.compile(
    r"(?:기업|업체|회사|스타트업|제조사|계열사|자회사|법인|브랜드|합작사|파트너사)(?:인)? "
    r"([가-힣A-Za-z][가-힣A-Za-z0-9&]{1,17})(?:은|는|이|가|과|와|도|를|을)(?=[\s,])"
)
# A company written in Hangul with its Latin name in brackets and 사 ("company"):
# "아이탑 홈(iTOP-Home)사".
_KO_LATIN_COMPANY = re.compile(
    r"(?<![가-힣A-Za-z])([가-힣][가-힣 ]{1,14}[가-힣])\([A-Za-z][\w&.\- ]{1,30}\)사"
    r"(?=[\s의는와과가이간])"
)
# One word of five or more syllables ending in an institution suffix.
_KO_STRONG_WORD = re.compile(
    r"(?<![가-힣A-Za-z])([가-힣]{2,}(?:" + _KO_STRONG_SUFFIX.pattern[3:-2] + r"))"
    r"(?=(?:은|는|이|가|과|와|의|도|에서|측)?[\s,.(])"
)
# A body's name glued to its head's title ("과학기술처차관", "산업부장관").
_KO_BODY_THEN_TITLE = re.compile(
    r"(?<![가-힣])([가-힣]{2,10}[부청처])(?:장관|차관|차관보|청장|처장|차장)"
    r"(?=(?:과|와|은|는|이|가|의|및)?[\s,.])"
)
# A Hangul company name with its Han characters in brackets and a particle, not followed
# by a title (people are: "쟝민(蒋敏) 우시시 부시장"): "화여우꾸예(华友钴业)가",
# "러여우(乐友)신에너지는".
_KO_HAN_COMPANY = re.compile(
    r"(?<![가-힣])([가-힣]{2,16}\([\u4e00-\u9fff]{2,12}\)(?:[가-힣]{2,8}(?=[은는이가과와을를]\s)|"
    r"(?=[은는이가과와을를]\s)))"
)


def _ko_kind_name_ok(inside: list, particle: str) -> bool:  # type: ignore[type-arg]
    """Whether the word after a kind of body ("업체 누리프로도") can be a name: nouns only
    ("기업 중에서는" is a noun with its particle), not one common noun Kiwi knows ("법인
    설립과"), and, before 도/를/을, not only common nouns ("기업 투자유치를")."""
    if any(t.tag not in ("NNP", "NNG", "SL", "SN", "NR", "UN", "XSN", "XPN") for t in inside):
        return False
    if len(inside) == 1 and inside[0].tag == "NNG" and not ko_unknown(inside[0]):
        return False
    return particle not in "도를을" or not all(
        t.tag in ("NNG", "XSN", "XPN") and not ko_unknown(t) for t in inside)


def korean_parties(col: _Collector, s: Sentence, tokens: list) -> None:  # type: ignore[type-arg]
    for m in _KO_STRONG_WORD.finditer(s.text):  # one word with an institution suffix, however
        name = m.group(1)                       # Kiwi cut it (중/NNB 한/MM ... 상회)
        if len(name) < 5 or name.endswith("공사") or _KO_NOT_ORG.match(name) or _ko_kind_only(
                [t for t in tokens if m.start(1) <= t.start < m.end(1)], name):
            continue  # "건설공사" is building work; "관리위원회" a kind of committee (names13)
        before = re.search(r"([가-힣]{2,6}) $", s.text[max(0, m.start(1) - 8):m.start(1)])
        start = m.start(1)
        if before and places().lookup(before.group(1)) is not None:
            start = m.start(1) - len(before.group(0))  # "창춘 중한국제협력상회"
        name = s.text[start:m.end(1)]
        key, country = _resolve_org(name)
        col.add_absorbing(Entity("organisation", name, s.start + start, s.start + m.end(1),
                                 s.index, key, "ko", 0.55, "rules", country=country))
    for m in _KO_BODY_THEN_TITLE.finditer(s.text):  # 과학기술처차관: the body, then its title
        name = m.group(1)
        if _KO_NOT_BODY_WORD.search(name) or not _ko_party_ok(name):
            continue
        start = s.start + m.start(1)
        key, country = _resolve_org(name)
        col.add_absorbing(Entity("organisation", name, start, start + len(name), s.index, key,
                                 "ko", 0.55, "rules", country=country))
    if not _KO_PARTY_CUE.search(s.text):
        return
    for m in [*_KO_QUOTED_PARTY.finditer(s.text), *_KO_KIND_THEN_NAME.finditer(s.text),
              *_KO_LATIN_COMPANY.finditer(s.text), *_KO_HAN_COMPANY.finditer(s.text)]:
        name = m.group(1)  # 중국 '중환이다'(中環易達)는, 게임 기업 루트쓰리는
        offset = m.start(1)
        while " " in name and places().lookup(re.sub("의$", "", name.split()[0])):
            cut = name.index(" ") + 1  # "중국의 아이탑 홈": the country qualifies the name
            name, offset = name[cut:], offset + cut
        if not _ko_party_ok(name) or len(name.split()) > 4:
            continue
        han = re.search(r"\(([\u4e00-\u9fff]+)\)$", name)
        if m.re is _KO_HAN_COMPANY and han and len(han.group(1)) <= 3 and \
                is_zh_person_name(to_simplified(han.group(1))):
            continue  # "리창(李强)은": a person written with the Han characters
        if m.re is _KO_KIND_THEN_NAME and not _ko_kind_name_ok(
                [t for t in tokens if m.start(1) <= t.start < m.end(1)], m.group(0)[-1]):
            continue
        start = s.start + offset
        key, country = _resolve_org(han.group(1) if han and m.re is _KO_HAN_COMPANY else name)
        if key == _clean_name(han.group(1) if han and m.re is _KO_HAN_COMPANY else name):
            key = name
        col.add_absorbing(Entity("organisation", name, start, start + len(name), s.index, key,
                                 "ko", 0.55, "rules", country=country))
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.tag not in ("NNP", "SL") or (i > 0 and tokens[i - 1].tag in ("NNP", "SL", "NNG")
                                            and tokens[i - 1].start + tokens[i - 1].len
                                            == tok.start):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].start <= tokens[j - 1].start + tokens[j - 1].len + 1 \
                and (tokens[j].tag in ("NNP", "SL") or (
                    tokens[j].tag == "SP" and tokens[j].form in "-&.") or (
                    tokens[j].tag == "NNG" and _KO_PARTY_HEAD.match(tokens[j].form))):
            j += 1
        if j < len(tokens) and tokens[j].form in _KO_PARTY_PARTICLE and \
                tokens[j].tag.startswith("J") and \
                tokens[j].start == tokens[j - 1].start + tokens[j - 1].len and \
                re.match(r"(?:의|는|도|만)?(?![가-힣])",
                         s.text[tokens[j].start + tokens[j].len:]):
            # the particle ends the word ("화유코발트사와의" too): in "대련이공대와는" 이 is
            # no particle
            # leading places qualify the party ("중국 제노보 바이오"): not part of the name
            first = i
            while first < j - 1 and places().lookup(tokens[first].form) is not None:
                first += 1
            start, end = tokens[first].start, tokens[j - 1].start + tokens[j - 1].len
            name = s.text[start:end]
            after = s.text[end:end + 12]
            if _ko_party_ok(name) and not _ko_place_pair(
                    tokens[j].form, s.text[tokens[j].start + tokens[j].len:]) and not re.match(
                    rf"^[은는이가과와]? ?(?:{_KO_TITLE_RE})", after) and not (
                    len(name) <= 4 and re.fullmatch(r"[가-힣]+", name)
                    and name[0] in KO_SURNAMES and tokens[first].tag != "NNP"):
                key, country = _resolve_org(name)
                col.add_absorbing(Entity("organisation", name, s.start + start, s.start + end,
                                         s.index, key, "ko", 0.5, "kiwi", country=country))
        i = j
