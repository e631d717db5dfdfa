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
from kcbridge.docs.people import KO_SURNAMES
from kcbridge.docs.sector_tags import is_sector_keyword
from kcbridge.docs.text import Sentence

_KO_TITLES = (
    "장관", "차관", "부장", "부부장", "대통령", "주석", "총리", "부총리", "회장", "부회장",
    "사장", "대표", "대표이사", "원장", "소장", "교수", "대사", "총영사", "국장", "실장",
    "위원장", "이사장", "시장", "도지사", "성장", "본부장", "센터장", "박사", "의원", "대변인",
    "처장", "청장", "총장", "서기", "당서기", "부장관", "사무총장", "최고경영자", "연구위원",
    "선임연구원", "책임연구원", "차관보", "비서관", "수석", "부시장", "부지사", "부원장", "부사장",
    "전무", "팀장", "국무위원", "외교부장", "상무부장", "부주석", "국무원총리", "본부장",
    "주임", "부주임", "부서기", "참사관", "부국장", "부대표", "부청장", "부처장",
    "이사", "상무이사", "집행회장", "비서장", "서기장", "사무국장", "지사장", "법인장", "단장",
    "고문", "통역", "경제공사", "영사", "부영사", "상무관", "변호사",
    "의장", "부의장", "행장", "상무공사", "정무공사", "공사참사관",
    "상무", "과장", "부과장", "차장", "서기관", "사무관", "주무관", "정통관", "주재관", "보좌관",
    "총경리", "부총경리", "동사장", "학장", "부학장", "원사", "부총장", "총재", "부총재", "은행장",
    "지점장", "공장장", "관장", "부관장", "상임위원", "씨",
    "군수", "부군수", "구청장", "부구청장",  # heads of counties and districts (konames10)
    "자문위원", "운영위원", "집행위원",  # konames10, after the tenth set's first final score
    # names11: a standing committee member, civil-service posts in 관, firms' English posts
    "상무위원", "교섭관", "조정관", "정책관", "심의관", "기획관", "협력관", "담당관",
    "수석대표", "매니저", "디렉터",
    # names14: a provincial governor named short ("홍준표 지사"; 도지사 and 부지사 were there)
    "지사",
)
_KO_TITLE_RE = "|".join(sorted(_KO_TITLES, key=len, reverse=True))
_KO_PARTICLE = "(?:은|는|이|가|과|와|의|도|에게)"
_KO_ROLE_THEN_NAME = re.compile(
    rf"((?:[가-힣A-Za-z]+ ){{0,2}}(?:{_KO_TITLE_RE})) ([가-힣]{{2,4}}?)(?={_KO_PARTICLE}?[\s,.)])"
)
_KO_NAME_THEN_ROLE = re.compile(
    # a body between name and title may carry its acronym or Han name in brackets
    # ("왕리에 중국국제무역촉진위원회(CCPIT) 부회장", names13)
    rf"(?<![가-힣])([가-힣]{{3}}) "
    rf"((?:[가-힣A-Za-z]+(?:\([A-Za-z\u4e00-\u9fff&·]{{2,20}}\))? ){{0,2}}?"
    # the title's own word may hold Latin letters ("중국산학협력R&D센터장", names14)
    rf"[가-힣A-Za-z&]{{0,14}}?(?:{_KO_TITLE_RE}))"
    rf"(?={_KO_PARTICLE}?[\s,.(])"  # "회장(겸 …)": a bracket may follow the title
)
_KO_NOT_NAMES = {"한중", "양국", "양측", "정부", "관계자", "담당자", "연구원", "전문가", "한국",
                 "중국"}
# Institutional suffixes: the name may have spaces before them ("정웨이 그룹",
# "난징시 인민정부", "중국 윈난성 농업과학연구소"); ministries, agencies and offices end in
# 부 / 청 / 처 (a word of three or more syllables: 관세청, 국토교통부, 기획예산처).
_KO_ORG_SUFFIX = re.compile(
    r"(연구원|연구소|연구회|과학원|공대|대학교|대학|협회|공사|재단|진흥원|관리원|평가원|개발원|정보원|위원회|"
    r"그룹|은행|센터|산업단지|공단|사업단|인민정부|시정부|성정부|정부|일보|신문|통신사|방송|"
    r"상공회의소|연합회|조합|병원|학회|홀딩스|연맹|얼라이언스|진흥회|한인회|유한회사|주식회사|"
    r"사무실|사무소|사무국|상회|연구총원|협의회|테크노파크|촉진회|중앙회|거래소|기금회|"
    r"(?<![가-힣])[가-힣]{2,}[부청처])$"
)
# Business-line suffixes count only inside one word ("SK텔레콤", "충칭강철", "LG에너지솔루션"):
# "중국 에너지" or "한국 자동차" name a field, not a company.
_KO_BUSINESS_SUFFIX = re.compile(
    r"(?:전자|화학|자동차|배터리|바이오|테크|강철|철강|텔레콤|통신|중공업|조선|제약|증권|보험|"
    r"건설|에너지|솔루션|케미칼|코리아|모터스|머티리얼즈|소재|"
    # financial firms (konames10): 동부화재, 현대캐피탈, 한솔창투, 서진생명
    r"화재|생명|해상|캐피탈|캐피털|창투|카드|자산운용|금융지주|파이낸셜|"
    # makers named by their line (konames10): 세원정밀, 톈룽기계
    r"정밀|기계|물산|상사|제철|엔지니어링|"
    r"과기)$"  # 科技 in a Chinese firm's Korean name: "화룽과기" (konames10)
)
# Words ending in 부/청/처 that are no bodies (a part or direction, a request, a client).
_KO_NOT_BODY_WORD = re.compile(
    r"(?:[동서남북중]부|내부|외부|일부|(?<![가-힣])전부|세부|본부|간부|상부|하부|요청|신청|초청|"
    r"[거수공납판]급처|거래처|수요처|공급처|납품처|판매처|수입처|수출처|출처|대처|조처|"
    r"[가-힣]*관계부처|벤처)$"  # "중소벤처기업의": a venture, no office ending in 처 (names11)
)
# Suffixes strong enough to start an organisation with a common noun (무역안보관리원,
# 국가과학기술연구회): only in one word without spaces.
_KO_STRONG_SUFFIX = re.compile(
    r"(?:연구원|연구소|연구회|진흥원|관리원|평가원|개발원|정보원|위원회|협회|재단|공사|공단|"
    r"사업단|상공회의소|연합회|연맹|진흥회|한인회|상회|연구총원|협의회|테크노파크|촉진회|중앙회|"
    r"기금회)$"
)
# Words that end like an organisation but are none: a part (일부), titles (선임연구원),
# common nouns (내부, 전부, 정부 alone, 공급망).
_KO_NOT_ORG = re.compile(
    r"^(?:일부|내부|외부|전부|세부|본부|간부|정부|우리 정부|한국 정부|중국 정부|미국 정부|"
    r"양국 정부|중앙정부|지방정부|각 부처|부처|선임연구원|책임연구원|수석연구원|연구원|객원연구원|"
    r"산업단지|국가산업단지|센터|그룹|은행|협회|재단|연구소|대학|"  # a bare kind of body
    r"조합|공사|공단|연합회|학회|진흥원|위원회|대표처|사무소|사무처|지사|지점|법인|"
    r"[가-힣]*(?:관계자|당국|업계|학계|산업계|정부 관계자)|"
    r"(?:정상|장관|각료|차관|실무|[가-힣]{1,2}급)회|"  # "정상회의" read 정상회 + 의: a meeting
    r"[가-힣]+ [가-힣]+ (?:\d+기 )?행정부)$"  # "도널드 트럼프 2기 행정부"
)
# News media that are quoted as sources, by their last word (Korean, Chinese).
_KO_MEDIA = re.compile(
    r"(?<![가-힣])([가-힣A-Za-z0-9]{1,10}(?:일보|신문|통신|뉴스|방송|경제|타임스|헤럴드|저널|데일리|"
    r"TV))(?:은|는|이|가|의|에 따르면|에 따라| 보도)"
)
_KO_NAME_TRIGGER = re.compile(_KO_TITLE_RE + "|" + _KO_ORG_SUFFIX.pattern.rstrip("$")
                              + r"|, |\(이하 "
                              + "|" + _KO_STRONG_SUFFIX.pattern.rstrip("$")
                              + "|" + _KO_BUSINESS_SUFFIX.pattern.rstrip("$") + r"|[A-Za-z]|\(")


# ---- Korean: kiwipiepy proper nouns + titles, suffix rules for organisations ------------
def _ko_proper(tokens: list, start: int, end: int) -> bool:  # type: ignore[type-arg]
    """Whether Kiwi reads the characters ``[start, end)`` of a sentence as proper nouns
    (or unknown words), not as a common noun, verb or particle."""
    inside = [t for t in tokens if t.start < end and start < t.start + t.len]
    return bool(inside) and all(t.tag in ("NNP", "UN", "SL", "SH") or ko_unknown(t)
                                for t in inside)


def _ko_split_group(tokens: list, first: int, last: int,  # type: ignore[type-arg]
                    surface: str) -> bool:
    """"분마그룹" (분/NNG 마/NNG 그룹/NNG): one word ending in 그룹 or 홀딩스 whose stem Kiwi
    cuts into single syllables is a company's name; a stem Kiwi knows as one word is a kind
    of group ("작업그룹", "연구그룹")."""
    if " " in surface or not re.search(r"(?:그룹|홀딩스)$", surface) or len(surface) < 4:
        return False
    stem = [t for t in tokens[first:last + 1] if t.form not in ("그룹", "홀딩스")]
    return bool(stem) and all(t.len == 1 or ko_unknown(t) for t in stem)


def ko_unknown(tok) -> bool:  # type: ignore[no-untyped-def]  # a kiwipiepy Token
    """Whether Kiwi read ``tok`` as a noun it does not know (타이푸/NNG, morpheme id 2): an
    unknown word is a name more often than not, like a proper noun."""
    return bool(tok.tag == "NNG" and getattr(tok, "id", _KIWI_FIRST_DICTIONARY_ID)
                < _KIWI_FIRST_DICTIONARY_ID)


def _ko_person_ok(name: str, tokens: list, start: int) -> bool:  # type: ignore[type-arg]
    if name in _KO_NOT_NAMES or places().lookup(name) or organisations().lookup(name) or \
            _KO_LOCAL_BODY.fullmatch(name) or is_sector_keyword(name):
        return False  # "혜주시정협" is a body, "배터리 시장" a market
    if re.fullmatch(r"[한중일미러북남]{2,4}", name):
        return False  # "한중일 통상장관 회의": countries, not a name (names11)
    if name[-1] in "급측" and name[:-1] in _KO_TITLES:
        return False  # "장관급 협의체", "총장측": a rank or a side, not a name (names11)
    if len(name) > 3 and (_KO_ORG_SUFFIX.search(name) or _KO_BUSINESS_SUFFIX.search(name)
                          or name.endswith("대")):
        # "누리홀딩스 서형석 대표": a company before its head's name; "통화사범대": a
        # university's short name (…대 for …대학교), not a four-syllable name
        return False
    if _ko_proper(tokens, start, start + len(name)):
        return True
    inside = [t for t in tokens if start <= t.start < start + len(name)]
    if name[-1] in "국청처실" and len(inside) > 1 and inside[0].tag == "NNG" and \
            inside[0].len >= 2 and getattr(inside[0], "id", 0) >= _KIWI_FIRST_DICTIONARY_ID:
        return False  # "양쇼우메이 상무국 국장": a bureau (상무/NNG 국), not a person
    # a Korean name Kiwi does not know: three syllables starting with a family name, not
    # a common noun of Kiwi's dictionary (배터리/NNG; an unknown word has a low morpheme id)
    whole = [t for t in tokens if start <= t.start < start + len(name)]
    if len(whole) == 1 and whole[0].tag == "NNG" and whole[0].len == len(name) and \
            getattr(whole[0], "id", 0) >= _KIWI_FIRST_DICTIONARY_ID:
        return False
    return len(name) == 3 and name[0] in KO_SURNAMES and not _ko_common(tokens, start, name)


# kiwipiepy numbers its dictionary's morphemes from here; lower ids are placeholders for
# words it does not know (an unknown name such as 안덕근/NNG gets id 2).
_KIWI_FIRST_DICTIONARY_ID = 50

# A body of a Chinese or Korean city or province glued to its place ("혜주시정협",
# "혜주시상무국", "후난성과기청"): an organisation, never a person.
_KO_LOCAL_BODY = re.compile(
    r"[가-힣]{1,6}(?:시|성|구|현|주|도)(?:정협|상무국|상무청|과기국|과기청|공안국|세무국|재정국|"
    r"교육국|문화관광국|투자촉진국|외사판공실|인민정부|인민대표대회|발전개혁위원회|관리위원회|"
    r"당위원회|정부)"
)


def _ko_whole_word(text: str, end: int) -> bool:
    """Whether a name ending at ``end`` is the whole word: what follows it in the same word
    is at most a particle, 씨 or a title ("혜주시상무국" holds no person "혜주시")."""
    rest = re.match(r"[가-힣]*", text[end:]).group()  # type: ignore[union-attr]
    return not rest or rest in _KO_GLUED_OK or rest.startswith(_KO_TITLES) or rest[0] == "씨"


_KO_AFTER_TITLE = {"", "인", "이며", "이자", "으로서", "로서", "님", "겸", "및"}
_KO_GLUED_OK = {"은", "는", "이", "가", "과", "와", "의", "도", "에게", "께서", "에", "을", "를",
                "이다", "으로", "로", "만", "측"}


def _ko_common(tokens: list, start: int, name: str) -> bool:  # type: ignore[type-arg]
    """Whether Kiwi splits ``name`` into a common noun and a particle or ending (회담을)."""
    inside = [t for t in tokens if start <= t.start < start + len(name)]
    if not inside:
        return False
    if inside[-1].tag.startswith(("J", "E", "XS", "V")):
        return True  # a noun with its particle or ending: 회담을, 등이
    return len(name) <= 2 and inside[0].tag in ("NNG", "NNB", "VV", "VA")  # 공급


def _korean(col: _Collector, sentences: list[Sentence]) -> None:
    """Korean names: the rules on sentences with a title, suffix or party cue, then the
    trained tagger (:mod:`.ko_tagger`, the kinds it is adopted for) on every Korean
    sentence, only where no rule took the span. Kiwi analyses each sentence once, in one
    call, for both."""
    from kcbridge.docs import ko_tagger
    from kcbridge.docs.entities_ko_parties import _KO_PARTY_CUE
    from kcbridge.docs.names_ko_forms import FORMS_TRIGGER, korean_forms
    from kcbridge.docs.names_ko_kinds import KIND_TRIGGER, korean_kind_names
    from kcbridge.docs.names_ko_slots import SLOT_TRIGGER, korean_slots

    ruled = [s for s in sentences
             if _KO_NAME_TRIGGER.search(s.text) or _KO_PARTY_CUE.search(s.text)]
    slotted = [s for s in sentences if SLOT_TRIGGER.search(s.text)]
    formed = [s for s in sentences if FORMS_TRIGGER.search(s.text)]
    kinds = [s for s in sentences if KIND_TRIGGER.search(s.text)]
    tagged = list(sentences) if ko_tagger.ADOPTED else []
    wanted = {s.index: s for s in (*ruled, *slotted, *formed, *kinds, *tagged)}
    if not wanted:
        return
    order = sorted(wanted)
    analysed = models.korean_analyser().tokenize([wanted[i].text for i in order])
    tokens = {i: list(t) for i, t in zip(order, analysed, strict=True)}
    _korean_rules(col, ruled, [tokens[s.index] for s in ruled])
    korean_slots(col, slotted, [tokens[s.index] for s in slotted])
    korean_forms(col, sentences, tokens)
    for s in kinds:  # after the other rules (a span they took is theirs)
        korean_kind_names(col, s, tokens[s.index])
    if tagged:
        ko_tagger.add_tagged_names(col, tagged, [tokens[s.index] for s in tagged])


def _korean_rules(col: _Collector, sentences: list[Sentence],
                  analysed: list[list]) -> None:  # type: ignore[type-arg]
    if not sentences:
        return
    # the structure and party rules use this module's helpers, so they import it
    from kcbridge.docs.entities_ko_parties import korean_parties
    from kcbridge.docs.entities_ko_structure import korean_structure
    from kcbridge.docs.names_ko_heads import korean_heads
    from kcbridge.docs.names_ko_lists import korean_lists

    for s, tokens in zip(sentences, analysed, strict=True):
        _korean_people(col, s, tokens)
        _korean_organisations(col, s, tokens)
        korean_parties(col, s, tokens)
        korean_structure(col, s, tokens)
        korean_heads(col, s, tokens)
        korean_lists(col, s, tokens)
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
    from kcbridge.docs.entities_ko_parties import _ko_party_ok
    from kcbridge.docs.names_ko_people import han_glossed_people, name_then_body_title
    han_glossed_people(col, s)
    for i, tok in enumerate(tokens):
        if tok.tag != "NNP" or not re.fullmatch(r"[가-힣]{2,5}", tok.form):
            continue
        # the name is the whole word: Kiwi may cut a name it does not know (김정/NNP 관/NNG)
        name_end, k = tok.start + tok.len, i + 1
        while k < len(tokens) and tokens[k].start == name_end and tokens[k].tag in (
                "NNG", "NNP") and re.fullmatch(r"[가-힣]+", tokens[k].form) and \
                name_end + tokens[k].len - tok.start <= 4 and tokens[k].form not in _KO_TITLES:
            name_end += tokens[k].len
            k += 1
        name = s.text[tok.start:name_end]
        role_end = None
        for j in range(k, min(k + 8, len(tokens))):
            nxt = tokens[j]
            if nxt.tag not in ("NNP", "NNG", "SL", "XSN"):
                break
            if nxt.form in _KO_TITLES or (nxt.tag == "NNG" and nxt.form[-2:] in _KO_TITLES):
                role_end = nxt.start + nxt.len
                rest = re.match(r"[가-힣]*", s.text[role_end:]).group()  # type: ignore[union-attr]
                if rest not in _KO_GLUED_OK | _KO_AFTER_TITLE:
                    role_end = None  # "상무위원이며": the title is part of a longer word
                    continue  # ("상무부장과": the longer title may follow)
                break
        if k < len(tokens) and tokens[k].tag == "NNP" and \
                re.fullmatch(r"[가-힣]{2,3}", tokens[k].form) and \
                tokens[k].form[0] in KO_SURNAMES and tokens[k].start + tokens[k].len < (
                    role_end or 0) and places().lookup(tokens[k].form) is None and \
                organisations().lookup(tokens[k].form) is None:
            continue  # "다온링크 최지훈 변호사": a company, then its person's name and title
        if tok.start > 0 and re.match(r"[가-힣A-Za-z0-9]", s.text[tok.start - 1]):
            continue  # "KIC한빛센터장": a name starts a word, it is not glued inside one
        if role_end is None or not _ko_person_ok(name, tokens, tok.start) or \
                _ko_in_place_name(s.text, tok.start) or not _ko_whole_word(s.text, name_end) or \
                _KO_DEPARTMENT.match(s.text[name_end:role_end].strip() + " "):
            continue
        start, end = s.start + tok.start, s.start + name_end
        role = s.text[name_end:role_end].strip()
        col.add(Entity("person", name, start, end, s.index, name, "ko", 0.7, "kiwi",
                       role=role))
    pos = 0
    while (hit := _KO_NAME_THEN_ROLE.search(s.text, pos)) is not None:
        # a word refused as a name must not hide the next one ("따르면 도택전 … 회장")
        pos = hit.start(1) + 1
        name = hit.group(1)
        named = _ko_person_ok(name, tokens, hit.start(1)) or name_then_body_title(
            name, hit.group(2), tokens, hit.start(1))
        if _ko_in_place_name(s.text, hit.start(1)) or not named and not (
                _KO_DEPARTMENT.match(hit.group(2)) and _ko_party_ok(name)):
            continue
        pos = hit.end(2)
        if _KO_DEPARTMENT.match(hit.group(2)):
            # "북경대 화학분자공정계 교수": a university, then its department
            start = s.start + hit.start(1)
            key, country = _resolve_org(name)
            col.add_absorbing(Entity("organisation", name, start, start + len(name), s.index,
                                     key, "ko", 0.55, "rules", country=country))
            continue
        start = s.start + hit.start(1)
        col.add(Entity("person", name, start, start + 3, s.index, name, "ko", 0.6, "rules",
                       role=hit.group(2).strip()))
    for m in _KO_ROLE_THEN_NAME.finditer(s.text):
        name = m.group(2)
        if not _ko_person_ok(name, tokens, m.start(2)):
            continue
        start = s.start + m.start(2)
        col.add(Entity("person", name, start, start + len(name), s.index, name, "ko", 0.6,
                       "rules", role=m.group(1).strip()))


_KO_DEPARTMENT = re.compile(r"^[가-힣]{2,12}(?:학과|학부|공학과|공정계|계열|대학원|연구실)\s")


def _ko_in_place_name(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows a city or province name ("옌타이 고신구
    관리위원회"): it then names a district or a body of that place, not a person."""
    m = re.search(r"([가-힣]{2,8}) $", text[max(0, start - 10):start])
    if not m:
        return False
    entry = places().lookup(m.group(1))
    if entry is None or "-" not in entry.id:
        return False
    # "랴오닝성 하오펑 서기": a word that does not end like a district, right before a title,
    # is the place's official ("옌타이시 무핑구 당서기" is a district's secretary)
    word = re.match(r"[가-힣]*", text[start:]).group()  # type: ignore[union-attr]
    return bool(_KO_DISTRICT_END.search(word)) or not re.match(
        rf" (?:{_KO_TITLE_RE}){_KO_PARTICLE}?(?![가-힣])", text[start + len(word):])


_KO_DISTRICT_END = re.compile(r"(?:구|현|시|진|향|주|성|도|구역|지구|신구|개발구|자치주)$")


def _ko_role_after(after: str) -> str:
    m = re.search(rf"^\s*((?:[가-힣A-Za-z]+ ){{0,3}}?[가-힣]*?(?:{_KO_TITLE_RE}))", after)
    return m.group(1).strip() if m else ""


def _korean_organisations(col: _Collector, s: Sentence, tokens: list) -> None:  # type: ignore[type-arg]
    from kcbridge.docs.entities_ko_parties import (
        _KO_ANONYMOUS,
        _ko_side_government,
        _ko_unglue,
    )
    from kcbridge.docs.names_ko_heads import name_before_listed_body
    i = 0
    restarts: set[int] = set()
    while i < len(tokens):
        tok = tokens[i]
        if tok.tag not in ("NNP", "SL", "NNG"):
            i += 1
            continue
        common_start = tok.tag == "NNG" and not ko_unknown(tok)
        one_word = i in restarts  # read on inside a run that ended no name: one word only
        j, end_tok = i, None
        # a prefix inside a word belongs to the name ("신파그룹": 신/XPN 파/NNG 그룹/NNG)
        while j < len(tokens):
            if skip := _ko_word_inner(tokens, i, j):
                j += skip  # "운수총공사" (총/MM), "산둥(山東)성": still inside the word
                continue
            if not (tokens[j].tag in ("NNP", "NNG", "SL", "SN", "XSN", "SH") or (
                    tokens[j].tag == "XPN" and j > i and j + 1 < len(tokens)
                    and tokens[j + 1].start == tokens[j].start + tokens[j].len)):
                break
            if j > i and tokens[j].start > tokens[j - 1].start + tokens[j - 1].len + (
                    0 if one_word else 1):
                break
            surface = s.text[tok.start:tokens[j].start + tokens[j].len]
            contiguous = " " not in surface
            if common_start:
                if contiguous and (_KO_STRONG_SUFFIX.search(surface) and len(surface) >= 5
                                   or _ko_split_group(tokens, i, j, surface)):
                    end_tok = j
            elif (_KO_ORG_SUFFIX.search(_ko_unglue(surface))
                  and not _KO_NOT_BODY_WORD.search(surface.split()[-1])) or (
                    contiguous and (line := _KO_BUSINESS_SUFFIX.search(surface))
                    and tok.tag != "NNG"  # "그린에너지": an unknown word + a field
                    and _ko_firm_stem(surface[:line.start()], line.group())) or (
                    tokens[j].form == "사" and tokens[j].tag in ("XSN", "NNG") and j > i
                    and tokens[j - 1].tag in ("NNP", "SL")):  # 화유코발트사: "company X"
                end_tok = j
            j += 1
        if end_tok is not None:
            first = _ko_after_person(col, s, tokens, i, end_tok)
            start = tokens[first].start
            end = tokens[end_tok].start + tokens[end_tok].len
            surface = _ko_unglue(s.text[start:end])
            end = start + len(surface)
            if (cut := surface.rfind(" 소재 ")) > 0:  # "몽골 울란바토르 소재 몽골과학원"
                start += cut + len(" 소재 ")
                surface = surface[cut + len(" 소재 "):]
                first = next((k for k in range(first, end_tok + 1) if tokens[k].start >= start),
                             end_tok)
            if _ko_side_government(surface):
                surface = ""  # "한·중 양국 정부": the governments, no named body
            if first != i and tokens[first].tag == "NNG" and not ko_unknown(tokens[first]) and not (
                    " " not in surface and _KO_STRONG_SUFFIX.search(surface)
                    and len(surface) >= 5):
                surface = ""  # what is left after the person is no name
            if name_before_listed_body(surface):
                surface = ""  # "권혜진 산업통상자원부 …교섭관": a name, then the listed body
            surface = _ko_researcher(col, s, tokens, start, surface)
            if _ko_title_head(surface, s.text[end:]):
                surface = ""  # "산학부총장": 산학 + 부총장, a title, not the body 산학부
            if _ko_kind_only(tokens[first:end_tok + 1], surface):
                surface = ""  # "관리위원회", "준비위원회": a kind of committee, no name (names13)
            if surface and not _KO_NOT_ORG.match(surface) and len(surface) >= 3 and \
                    surface not in _KO_TITLES and not _KO_ANONYMOUS.match(surface):
                key, country = _resolve_org(surface)
                # a longer name absorbs places and a shorter alias inside it
                # ("허난성 현대물류연구원" is no Hyundai)
                col.add_absorbing(Entity("organisation", surface, s.start + start,
                                         s.start + end, s.index, key, "ko", 0.6, "kiwi",
                                         country=country),
                                  kinds=("place", "organisation"),
                                  sources=("alias-list", "rules"))
        elif tok.tag == "SL" and j == i + 1 and re.fullmatch(r"[A-Z][A-Za-z&]{1,7}", tok.form) \
                and tok.form not in _NOT_ORG_ACRONYMS and tok.form not in _KO_DOCUMENT_ACRONYMS \
                and not is_sector_keyword(tok.form) \
                and j < len(tokens) and tokens[j].tag.startswith("J") \
                and tokens[j].start == tok.start + tok.len:
            # "SKC는": a Latin name with a particle is a company or body
            key, country = _resolve_org(tok.form)
            col.add(Entity("organisation", tok.form, s.start + tok.start,
                           s.start + tok.start + tok.len, s.index, key, "ko", 0.5, "kiwi",
                           country=country))
        # a run of several words that ends no name may still hold one in a later word
        # ("국내 최대 전구체 기업 에코프로머티리얼즈"): read each later word on its own
        # (konames10; not Latin runs, which other rules read whole: "BF Nano Tech")
        later = [k for k in range(i + 1, j)
                 if tokens[k].start > tokens[k - 1].start + tokens[k - 1].len]
        if end_tok is None and tok.tag != "SL" and not one_word and later:
            restarts.update(later)
            i = later[0]
        else:
            i = max(j, i + 1)


# Documents named by a Latin acronym that the shared list lacks ("우호 교류 MOC를 체결").
_KO_DOCUMENT_ACRONYMS = {"MOC", "MOI", "NDA", "LOA", "MOUs"}


def _ko_firm_stem(stem: str, line: str) -> bool:
    """Whether the part of a word before its business line can name a firm: not empty
    ("메이드 인 코리아"), and for 과기 (科技) not a country alone ("중국과기" of
    "중국과기외교", the S&T diplomacy of China); a city may ("베이징자동차", "충칭강철")."""
    if not stem:
        return False
    entry = places().lookup(stem) if line == "과기" else None
    return entry is None or "-" in entry.id


def _ko_kind_only(inside: list, surface: str) -> bool:  # type: ignore[type-arg]
    """A body named only by a common word of Kiwi's dictionary and a generic head
    (관리/NNG 위원회, 핵심/NNG 연구소) is a kind of body, unless the alias list knows it. A
    joint committee (공동위원회) is kept: the standing body of two sides, whose qualifier news
    often puts apart ("한중 FTA 제6차 공동위원회")."""
    return len(inside) == 2 and " " not in surface and inside[1].form in _KO_GENERIC_HEADS and \
        inside[0].form not in ("공동", "합동") and \
        all(t.tag == "NNG" and not ko_unknown(t) for t in inside) and \
        organisations().lookup(surface) is None and places().lookup(inside[0].form) is None


_KO_GENERIC_HEADS = {"위원회", "연구소", "센터", "협의회", "사무소", "사무국"}


def _ko_title_head(surface: str, after: str) -> bool:
    """Whether ``surface`` ends with the first syllable of a title glued after it, the rest
    being a title too ("산학부" + "총장" = 산학 + 부총장): such a word is part of a compound
    title, not a body named before a title (konames10). "KIC중국센터" + "장" stays a body:
    its head's title is no title without it."""
    tail = re.match(r"[가-힣]+", after)
    if not tail or " " in surface or len(surface) < 2:
        return False
    word = tail.group()  # the title may carry a particle: "산학부총장이"
    return any(word[:n] in _KO_TITLES and surface[-1] + word[:n] in _KO_TITLES
               for n in range(len(word), 0, -1))


def _ko_word_inner(tokens: list, i: int, j: int) -> int:  # type: ignore[type-arg]
    """How many tokens from ``j`` on lie inside the word of a name Kiwi is reading, without
    being able to end it (konames10): a determiner or numeral Kiwi cut out of a glued word
    ("중국대외무역운수총공사": 총/MM), or a Han gloss glued inside a place name
    ("산둥(山東)성 상무청"). 0 when ``tokens[j]`` is no such token."""
    def glued(a: int) -> bool:  # tokens[a] starts where tokens[a - 1] ends
        return 0 < a < len(tokens) and tokens[a].start == tokens[a - 1].start + tokens[a - 1].len

    if j <= i or not glued(j):
        return 0
    if tokens[j].tag in ("MM", "NR") and glued(j + 1) and tokens[j + 1].tag.startswith("NN"):
        return 1
    if tokens[j].tag == "SSO" and j + 3 < len(tokens) and tokens[j + 1].tag == "SH" and \
            tokens[j + 2].tag == "SSC" and glued(j + 1) and glued(j + 2) and glued(j + 3) and \
            tokens[j + 3].tag.startswith("NN"):
        return 3
    return 0


def _ko_researcher(col: _Collector, s: Sentence, tokens: list,  # type: ignore[type-arg]
                   start: int, surface: str) -> str:
    """"이서연 연구원" is a researcher, not an institute: a person's name before 연구원 ends
    the organisation span there (what is before the name, if anything, stays the body)."""
    m = re.search(r"(?:^| )([가-힣]{2,4}) 연구원$", surface)
    if m is None:
        return surface
    name, at = m.group(1), start + m.start(1)
    if name[0] not in KO_SURNAMES or not _ko_person_ok(name, tokens, at):
        return surface
    col.add(Entity("person", name, s.start + at, s.start + at + len(name), s.index, name, "ko",
                   0.6, "rules", role="연구원"))
    return surface[:m.start()].strip()


def _ko_after_person(col: _Collector, s: Sentence, tokens: list,  # type: ignore[type-arg]
                     first: int, last: int) -> int:
    """The first token of an organisation span that does not belong to a person found
    before it: "김상구 중소벤처기업진흥공단 칭다오대표" names a person, then a body."""
    for e in col.entities:
        if e.kind != "person":
            continue
        p_start, p_end = e.start - s.start, e.end - s.start
        if p_start <= tokens[first].start < p_end:
            while first < last and tokens[first].start < p_end:
                first += 1
    return first
