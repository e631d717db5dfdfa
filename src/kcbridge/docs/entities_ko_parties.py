"""The parties of a Korean agreement or cooperation (split from :mod:`entities_ko`, which
calls :func:`korean_parties` for each Korean sentence with a rule trigger): one word with an
institution suffix however Kiwi cut it, a body glued to its head's title (과학기술처장관),
and, in a sentence with a party cue (MOU, 협약, 합작, 설립 ...), quoted names, names after
their kind (업체 누리프로도), Hangul companies with their Latin or Han names in brackets, and
proper nouns directly followed by 과/와/은/는/이/가."""

from __future__ import annotations

import re

from kcbridge.docs.entities_ko import (
    _KO_NOT_BODY_WORD,
    _KO_NOT_ORG,
    _KO_PARTY_CUE,
    _KO_STRONG_SUFFIX,
    _KO_TITLE_RE,
    _ko_party_ok,
    ko_unknown,
)
from kcbridge.docs.entity_collector import Collector as _Collector
from kcbridge.docs.entity_collector import clean_name as _clean_name
from kcbridge.docs.entity_collector import resolve_org as _resolve_org
from kcbridge.docs.gazetteer import places
from kcbridge.docs.model import Entity
from kcbridge.docs.people import KO_SURNAMES, is_zh_person_name
from kcbridge.docs.text import Sentence, to_simplified

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
        if len(name) < 5 or name.endswith("공사") or _KO_NOT_ORG.match(name):
            continue  # "건설공사" is building work
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
            if _ko_party_ok(name) and not re.match(
                    rf"^[은는이가과와]? ?(?:{_KO_TITLE_RE})", after) and not (
                    len(name) <= 4 and re.fullmatch(r"[가-힣]+", name)
                    and name[0] in KO_SURNAMES and tokens[first].tag != "NNP"):
                key, country = _resolve_org(name)
                col.add_absorbing(Entity("organisation", name, s.start + start, s.start + end,
                                         s.index, key, "ko", 0.5, "kiwi", country=country))
        i = j
