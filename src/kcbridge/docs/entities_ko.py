"""Korean entity rules (:func:`kcbridge.docs.entities.extract_entities` calls them):
kiwipiepy proper nouns next to a title and Hangul names with their Han characters in
brackets for people (a name must be a proper noun, not a common noun with a particle);
institutional suffixes (with spaces: 연구원, 위원회, 인민정부, X부/X청/X처), business-line
suffixes (in one word: SK텔레콤, 충칭강철) and outlets (X일보, X통신) for organisations; a
Latin name with a particle ("SKC는") is an organisation unless it is a field acronym."""

from __future__ import annotations

import re

from kcbridge.docs import models
from kcbridge.docs.entity_collector import NOT_ORG_ACRONYMS as _NOT_ORG_ACRONYMS
from kcbridge.docs.entity_collector import Collector as _Collector
from kcbridge.docs.entity_collector import resolve_org as _resolve_org
from kcbridge.docs.gazetteer import organisations, places
from kcbridge.docs.model import Entity
from kcbridge.docs.people import KO_NAME_WITH_HANJA, KO_SURNAMES, ZH_SURNAMES
from kcbridge.docs.sector_tags import is_sector_keyword
from kcbridge.docs.text import Sentence, to_simplified

_KO_TITLES = (
    "장관", "차관", "부장", "부부장", "대통령", "주석", "총리", "부총리", "회장", "부회장",
    "사장", "대표", "대표이사", "원장", "소장", "교수", "대사", "총영사", "국장", "실장",
    "위원장", "이사장", "시장", "도지사", "성장", "본부장", "센터장", "박사", "의원", "대변인",
    "처장", "청장", "총장", "서기", "당서기", "부장관", "사무총장", "최고경영자", "연구위원",
    "선임연구원", "책임연구원", "차관보", "비서관", "수석", "부시장", "부지사", "부원장", "부사장",
    "전무", "팀장", "국무위원", "외교부장", "상무부장", "부주석", "국무원총리", "본부장",
)
_KO_TITLE_RE = "|".join(sorted(_KO_TITLES, key=len, reverse=True))
_KO_PARTICLE = "(?:은|는|이|가|과|와|의|도|에게)"
_KO_ROLE_THEN_NAME = re.compile(
    rf"((?:[가-힣A-Za-z]+ ){{0,2}}(?:{_KO_TITLE_RE})) ([가-힣]{{2,4}}?)(?={_KO_PARTICLE}?[\s,.])"
)
_KO_NAME_THEN_ROLE = re.compile(
    rf"(?<![가-힣])([가-힣]{{3}}) ((?:[가-힣A-Za-z]+ ){{0,2}}?[가-힣]{{0,8}}?(?:{_KO_TITLE_RE}))"
    rf"(?={_KO_PARTICLE}?[\s,.])"
)
_KO_NOT_NAMES = {"한중", "양국", "양측", "정부", "관계자", "담당자", "연구원", "전문가", "한국",
                 "중국"}
# Institutional suffixes: the name may have spaces before them ("정웨이 그룹",
# "난징시 인민정부", "중국 윈난성 농업과학연구소"); ministries, agencies and offices end in
# 부 / 청 / 처 (a word of three or more syllables: 관세청, 국토교통부, 기획예산처).
_KO_ORG_SUFFIX = re.compile(
    r"(연구원|연구소|연구회|대학교|대학|협회|공사|재단|진흥원|관리원|평가원|개발원|정보원|위원회|"
    r"그룹|은행|센터|산업단지|공단|사업단|인민정부|시정부|성정부|정부|일보|신문|통신사|방송|"
    r"상공회의소|연합회|조합|병원|학회|홀딩스|"
    r"(?<![가-힣])[가-힣]{2,}[부청처])$"
)
# Business-line suffixes count only inside one word ("SK텔레콤", "충칭강철", "LG에너지솔루션"):
# "중국 에너지" or "한국 자동차" name a field, not a company.
_KO_BUSINESS_SUFFIX = re.compile(
    r"(?:전자|화학|자동차|배터리|바이오|테크|강철|철강|텔레콤|통신|중공업|조선|제약|증권|보험|"
    r"건설|에너지|솔루션|케미칼|코리아|모터스|머티리얼즈|소재)$"
)
# Words ending in 부/청/처 that are no bodies (a part or direction, a request, a client).
_KO_NOT_BODY_WORD = re.compile(
    r"(?:[동서남북중]부|내부|외부|일부|전부|세부|본부|간부|상부|하부|요청|신청|초청|"
    r"[거수공납판]급처|거래처|수요처|공급처|납품처|판매처|수입처|수출처|출처|대처|조처|"
    r"[가-힣]*관계부처)$"
)
# Suffixes strong enough to start an organisation with a common noun (무역안보관리원,
# 국가과학기술연구회): only in one word without spaces.
_KO_STRONG_SUFFIX = re.compile(
    r"(?:연구원|연구소|연구회|진흥원|관리원|평가원|개발원|정보원|위원회|협회|재단|공사|공단|"
    r"사업단|상공회의소|연합회)$"
)
# Words that end like an organisation but are none: a part (일부), titles (선임연구원),
# common nouns (내부, 전부, 정부 alone, 공급망).
_KO_NOT_ORG = re.compile(
    r"^(?:일부|내부|외부|전부|세부|본부|간부|정부|우리 정부|한국 정부|중국 정부|미국 정부|"
    r"양국 정부|중앙정부|지방정부|각 부처|부처|선임연구원|책임연구원|수석연구원|연구원|객원연구원|"
    r"[가-힣]*(?:관계자|당국|업계|학계|산업계|정부 관계자))$"
)
# News media that are quoted as sources, by their last word (Korean, Chinese).
_KO_MEDIA = re.compile(
    r"(?<![가-힣])([가-힣A-Za-z0-9]{1,10}(?:일보|신문|통신|뉴스|방송|경제|타임스|헤럴드|저널|데일리|"
    r"TV))(?:은|는|이|가|의|에 따르면|에 따라| 보도)"
)
_KO_NAME_TRIGGER = re.compile(_KO_TITLE_RE + "|" + _KO_ORG_SUFFIX.pattern.rstrip("$")
                              + "|" + _KO_STRONG_SUFFIX.pattern.rstrip("$")
                              + "|" + _KO_BUSINESS_SUFFIX.pattern.rstrip("$") + r"|[A-Za-z]|\(")


# ---- Korean: kiwipiepy proper nouns + titles, suffix rules for organisations ------------
def _ko_proper(tokens: list, start: int, end: int) -> bool:  # type: ignore[type-arg]
    """Whether Kiwi reads the characters ``[start, end)`` of a sentence as proper nouns
    (or unknown words), not as a common noun, verb or particle."""
    inside = [t for t in tokens if t.start < end and start < t.start + t.len]
    return bool(inside) and all(t.tag in ("NNP", "UN", "SL", "SH") for t in inside)


def _ko_person_ok(name: str, tokens: list, start: int) -> bool:  # type: ignore[type-arg]
    if name in _KO_NOT_NAMES or places().lookup(name) or organisations().lookup(name):
        return False
    if _ko_proper(tokens, start, start + len(name)):
        return True
    # a Korean name Kiwi does not know: three syllables starting with a family name
    return len(name) == 3 and name[0] in KO_SURNAMES and not _ko_common(tokens, start, name)


def _ko_common(tokens: list, start: int, name: str) -> bool:  # type: ignore[type-arg]
    """Whether Kiwi splits ``name`` into a common noun and a particle or ending (회담을)."""
    inside = [t for t in tokens if start <= t.start < start + len(name)]
    if not inside:
        return False
    if inside[-1].tag.startswith(("J", "E", "XS", "V")):
        return True  # a noun with its particle or ending: 회담을, 등이
    return len(name) <= 2 and inside[0].tag in ("NNG", "NNB", "VV", "VA")  # 공급


def _korean(col: _Collector, sentences: list[Sentence]) -> None:
    sentences = [s for s in sentences if _KO_NAME_TRIGGER.search(s.text)]
    if not sentences:
        return
    kiwi = models.korean_analyser()
    analysed = kiwi.tokenize([s.text for s in sentences])
    for s, tokens in zip(sentences, analysed, strict=True):
        tokens = list(tokens)
        _korean_people(col, s, tokens)
        _korean_organisations(col, s, tokens)
        for m in _KO_MEDIA.finditer(s.text):
            name = m.group(1)
            if name.endswith("경제") and not re.search(r"[A-Za-z]|신문|일보", name) and \
                    not organisations().lookup(name):
                continue  # 한국경제 is listed; "세계경제" is no outlet
            start = s.start + m.start(1)
            key, country = _resolve_org(name)
            col.add_absorbing(Entity("organisation", name, start, start + len(name), s.index,
                                     key, "ko", 0.6, "rules", country=country))


def _korean_people(col: _Collector, s: Sentence, tokens: list) -> None:  # type: ignore[type-arg]
    for m in KO_NAME_WITH_HANJA.finditer(s.text):  # 쉬관화(徐冠華) 중국 과학기술부 부장
        han = to_simplified(m.group(2))
        after = s.text[m.end():m.end() + 30]
        if han[0] not in ZH_SURNAMES or not re.search(_KO_TITLE_RE, after.split(",")[0]):
            continue
        start = s.start + m.start(1)
        col.add(Entity("person", m.group(1), start, start + len(m.group(1)), s.index,
                       m.group(1), "ko", 0.7, "rules", role=_ko_role_after(after)))
    for i, tok in enumerate(tokens):
        if tok.tag != "NNP" or not re.fullmatch(r"[가-힣]{2,5}", tok.form):
            continue
        role_end = None
        for j in range(i + 1, min(i + 9, len(tokens))):
            nxt = tokens[j]
            if nxt.tag not in ("NNP", "NNG", "SL"):
                break
            if nxt.form in _KO_TITLES or (nxt.tag == "NNG" and nxt.form[-2:] in _KO_TITLES):
                role_end = nxt.start + nxt.len
                break
        if role_end is None or not _ko_person_ok(tok.form, tokens, tok.start):
            continue
        start, end = s.start + tok.start, s.start + tok.start + tok.len
        role = s.text[tok.start + tok.len:role_end].strip()
        col.add(Entity("person", tok.form, start, end, s.index, tok.form, "ko", 0.7, "kiwi",
                       role=role))
    for m in _KO_NAME_THEN_ROLE.finditer(s.text):
        name = m.group(1)
        if not _ko_person_ok(name, tokens, m.start(1)):
            continue
        start = s.start + m.start(1)
        col.add(Entity("person", name, start, start + 3, s.index, name, "ko", 0.6, "rules",
                       role=m.group(2).strip()))
    for m in _KO_ROLE_THEN_NAME.finditer(s.text):
        name = m.group(2)
        if not _ko_person_ok(name, tokens, m.start(2)):
            continue
        start = s.start + m.start(2)
        col.add(Entity("person", name, start, start + len(name), s.index, name, "ko", 0.6,
                       "rules", role=m.group(1).strip()))


def _ko_role_after(after: str) -> str:
    m = re.search(rf"^\s*((?:[가-힣A-Za-z]+ ){{0,3}}?[가-힣]*?(?:{_KO_TITLE_RE}))", after)
    return m.group(1).strip() if m else ""


def _korean_organisations(col: _Collector, s: Sentence, tokens: list) -> None:  # type: ignore[type-arg]
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.tag not in ("NNP", "SL", "NNG"):
            i += 1
            continue
        j, end_tok = i, None
        while j < len(tokens) and tokens[j].tag in ("NNP", "NNG", "SL", "SN", "XSN", "SH"):
            if j > i and tokens[j].start > tokens[j - 1].start + tokens[j - 1].len + 1:
                break
            surface = s.text[tok.start:tokens[j].start + tokens[j].len]
            contiguous = " " not in surface
            if tok.tag == "NNG":
                if contiguous and _KO_STRONG_SUFFIX.search(surface) and len(surface) >= 5:
                    end_tok = j
            elif (_KO_ORG_SUFFIX.search(surface)
                  and not _KO_NOT_BODY_WORD.search(surface.split()[-1])) or (
                    contiguous and _KO_BUSINESS_SUFFIX.search(surface)) or (
                    tokens[j].form == "사" and tokens[j].tag in ("XSN", "NNG") and j > i
                    and tokens[j - 1].tag in ("NNP", "SL")):  # 화유코발트사: "company X"
                end_tok = j
            j += 1
        if end_tok is not None:
            start = tokens[i].start
            end = tokens[end_tok].start + tokens[end_tok].len
            surface = s.text[start:end]
            if not _KO_NOT_ORG.match(surface) and len(surface) >= 3 and \
                    surface not in _KO_TITLES:
                key, country = _resolve_org(surface)
                col.add_absorbing(Entity("organisation", surface, s.start + start,
                                         s.start + end, s.index, key, "ko", 0.6, "kiwi",
                                         country=country))
        elif tok.tag == "SL" and j == i + 1 and re.fullmatch(r"[A-Z][A-Za-z&]{1,7}", tok.form) \
                and tok.form not in _NOT_ORG_ACRONYMS and not is_sector_keyword(tok.form) \
                and j < len(tokens) and tokens[j].tag.startswith("J") \
                and tokens[j].start == tok.start + tok.len:
            # "SKC는": a Latin name with a particle is a company or body
            key, country = _resolve_org(tok.form)
            col.add(Entity("organisation", tok.form, s.start + tok.start,
                           s.start + tok.start + tok.len, s.index, key, "ko", 0.5, "kiwi",
                           country=country))
        i = max(j, i + 1)
