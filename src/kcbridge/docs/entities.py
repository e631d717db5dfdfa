"""Entities (organisations, people with their role, places, dates, amounts) extracted in
each sentence's own language, without translation.

Sources, in order of precedence where spans overlap:
1. the trilingual alias lists (:mod:`.gazetteer`): organisations and places resolve to one
   canonical id whatever the language (confidence 0.95); a longer name that starts with
   an alias ("Hanwha Ocean", 한화오션, 韩华海洋 after the alias "Hanwha"/한화/韩华) is an
   organisation of its own, keyed by its surface form (0.7) unless the list knows it, with
   the country of the alias's organisation (same group name, same home country);
2. dates (:mod:`.dates`, resolved against the publication date) and amounts
   (:mod:`.amounts`), by rules (0.9; relative dates 0.8);
3. the language's statistical model: spaCy (English ORG / PERSON / GPE / LOC), LAC
   (Chinese ORG / PER / LOC), kiwipiepy proper nouns next to a title (Korean people) plus
   suffix rules for Korean organisations (0.6-0.7). Names the alias lists do not know keep
   their normalised surface form as ``key``.
People get the role or title written next to the name ("Commerce Minister", "산업통상자원부
장관", "商务部部长") when there is one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from datetime import date

from kcbridge.docs import models
from kcbridge.docs.amounts import find_amounts
from kcbridge.docs.boilerplate import boilerplate_spans, in_boilerplate
from kcbridge.docs.dates import find_dates
from kcbridge.docs.gazetteer import materials, organisations, places
from kcbridge.docs.model import Entity
from kcbridge.docs.people import (
    EN_ASIAN_NAME,
    EN_CAPS_FAMILY,
    EN_GIVEN_FIRST,
    EN_THROUGH_OFFICE,
    KO_NAME_WITH_HANJA,
    KO_SURNAMES,
    ZH_SURNAMES,
    is_zh_person_name,
    listed_people,
    resolve_surname,
)
from kcbridge.docs.sector_tags import is_sector_keyword
from kcbridge.docs.statements import classify_sentence
from kcbridge.docs.text import Sentence, to_simplified

_EN_TITLES = (
    r"(?:Vice |Deputy |Prime |Trade |Commerce |Foreign |Industry |Science |Finance |Chief )*"
    r"(?:Minister|President|Premier|Chairman|Chairwoman|Chair|Chief Executive|CEO|Director|"
    r"Director-General|Ambassador|Secretary|Governor|Mayor|Professor|Commissioner|"
    r"Spokesperson|Spokesman|Spokeswoman|Head|General Manager|Founder|Vice-Minister|"
    r"Party Secretary|Senior Researcher|Researcher)"
)
_EN_ROLE_BEFORE = re.compile(
    rf"((?:(?:[A-Z][\w'’.-]*|of|and|for|the|&),? ){{0,6}}?(?i:{_EN_TITLES})"
    rf"(?: (?:of|for) (?:the )?[A-Z][\w'’&-]*(?:,? (?:and |& )?[A-Z][\w'’&-]*){{0,5}})?),? $"
)
_EN_ROLE_AFTER = re.compile(
    rf"^, ((?:[\w'’.-]+ ){{0,5}}?(?:{_EN_TITLES.lower()}|{_EN_TITLES})"
    r"(?: (?:of|for|at) [^,.;]{1,60})?)(?=[,.;])"
)
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
    rf"(?<![가-힣])([가-힣]{{3}}) ((?:[가-힣A-Za-z]+ ){{0,2}}?[가-힣]{{0,4}}?(?:{_KO_TITLE_RE}))"
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
# Field acronyms and agreement words, which a Korean text writes in Latin letters: no
# organisations ("AI는", "MOU를").
_NOT_ORG_ACRONYMS = {
    "AI", "ICT", "IT", "R&D", "RND", "IoT", "5G", "6G", "EV", "EVs", "ESS", "GDP", "CEO",
    "CTO", "CFO", "NEV", "OLED", "LCD", "HBM", "DRAM", "NAND", "MOU", "MoU", "MOA", "LOI",
    "FTA", "TV", "LET", "GW", "GWh", "MW", "IPO", "ESG", "SW", "HW", "CCUS", "LNG", "PC",
    "USB", "DX", "GX", "K", "USA", "US", "UN", "EU", "B2B", "OEM", "ODM", "SoC", "NPU",
    "GPU", "CPU", "EUV", "M&A", "VR", "AR", "XR", "SMR", "RE100", "CBAM", "IRA", "PET",
}
# News media that are quoted as sources, by their last word (Korean, Chinese).
_KO_MEDIA = re.compile(
    r"(?<![가-힣])([가-힣A-Za-z0-9]{1,10}(?:일보|신문|통신|뉴스|방송|경제|타임스|헤럴드|저널|데일리|"
    r"TV))(?:은|는|이|가|의|에 따르면|에 따라| 보도)"
)
_ZH_MEDIA = re.compile(
    r"(?:据|援引|引述|来源[:：]?)([一-鿿A-Za-z0-9]{2,12}?(?:社|报|网|台|新闻|日报|时报|"
    r"晚报|电视台|通讯社|在线|之家|财经))(?=消息|报道|报导|称|援引|[,，:：。 ]|$)"
)
# English ministries named by their field ("the foreign ministry", "China's commerce
# ministry", "Seoul's trade ministry").
_EN_MINISTRY = re.compile(
    r"\b(?:(?:the|The) )?((?:(?:[A-Z][a-z]+|South Korea|North Korea)(?:'s|’s) |Chinese |Korean |"
    r"South Korean |Japanese |U\.S\. |US )?(?:foreign|commerce|trade|industry|finance|science|"
    r"economy|environment|defen[cs]e|unification|energy|land|health|education|justice|"
    r"interior|labor|labour|agriculture|ICT|technology) ministry)\b"
)
# Reporting cues in English: the outlet or agency quoted as a source.
_EN_SOURCE = re.compile(
    r"(?:according to|citing|reported by|(?:a )?report by|cited by) (?:the )?"
    r"((?:[A-Z][\w&.'’-]*)(?: [A-Z][\w&.'’-]*){0,4})"
    r"|((?:[A-Z][\w&.'’-]*)(?: [A-Z][\w&.'’-]*){0,4}) (?:reported|reports|said in a report)\b"
)
# English organisations that are programmes, plans or laws, not bodies.
_EN_PROGRAMME = re.compile(
    r"(?:Initiative|Program|Programme|Plan|Project|Strategy|Act|Law|Policy|Agreement|Treaty|"
    r"Vision|Roadmap|Summit|Forum|Dialogue|Expo|Fair|Week|Award|Index)$|^Made in |^Belt and Road"
)
_ZH_TITLES = (
    "部长", "副部长", "部长助理", "主席", "总统", "总理", "副总理", "董事长", "总裁", "院长",
    "所长", "大使", "局长", "司长", "会长", "校长", "教授", "书记", "市长", "省长", "发言人",
    "首席执行官", "总经理", "理事长", "长官", "研究员", "主任", "副主任", "副院长", "副会长",
    "代表",
)
# LAC runs only on Chinese sentences that may name someone or something the alias lists do
# not know: a title, an organisation or place suffix, a foreign-name dot, or Latin letters.
_ZH_NAME_TRIGGER = re.compile(
    "|".join(_ZH_TITLES) + r"|公司|集团|研究院|研究所|大学|学院|协会|银行|中心|委员会"
    r"|[部局厅署厂省市县区州]"
    r"|·|[A-Za-z]"
)
# An organisation named after its place: "青岛市政府", "上海交通大学", "深圳市科技局".
_ZH_INSTITUTION_END = re.compile(r"(?:政府|集团|公司|大学|学院|研究院|研究所|医院|银行|委员会|"
                                 r"[局厅委])$")
# Common words that contain a trigger character without naming anyone ("零部件", "市场",
# "签署"): masked before the trigger test.
_ZH_NOT_NAMES = re.compile(
    r"零部件|部分|全部|内部|外部|局部|部署|市场|城市|工厂|签署|地区|区域|代表团|局势|格局|局面"
)
# kiwipiepy runs only on Korean sentences holding a title or an organisation suffix: the
# person and organisation rules below need one of them, so the filter loses nothing.
_KO_NAME_TRIGGER = re.compile(_KO_TITLE_RE + "|" + _KO_ORG_SUFFIX.pattern.rstrip("$")
                              + "|" + _KO_STRONG_SUFFIX.pattern.rstrip("$")
                              + "|" + _KO_BUSINESS_SUFFIX.pattern.rstrip("$") + r"|[A-Za-z]|\(")
_EN_TITLE_WORD = re.compile(rf"^(?:{_EN_TITLES})\b")
_EN_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
_EN_COMMON_CAPS = {"I", "The", "A", "An", "In", "On", "At", "For", "But", "And", "It", "Its",
                   "This", "That", "These", "Those", "They", "He", "She", "We", "Officials"}
_EN_NOT_ORG = {"Trade", "Commerce", "Industry", "Energy", "Science", "Finance", "Foreign",
               # agreement types that spaCy tags ORG ("signed an MOU")
               "MOU", "MoU", "MOUs", "MOA", "LOI", "FTA"} | _NOT_ORG_ACRONYMS
_EN_ORG_SUFFIX = re.compile(
    r" (?:Group|Holdings|Corp|Corporation|Co|Company|Technology|Technologies|Motor|Motors|"
    r"Electronics|Chemical|Chemicals|Cobalt|Lithium|Materials|Energy|Solutions|Institute|"
    r"University|Bank|Industries|Semiconductor|Pharmaceutical|Biologics|Robotics)$"
)
_ZH_TITLE_SET = set(_ZH_TITLES)


def _confidence_sort(entities: Iterable[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (e.start, -(e.end - e.start)))


class _Collector:
    """Collects entities, refusing spans that overlap a span already taken (except where
    :meth:`add_absorbing` lets a longer name replace the shorter ones inside it)."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.entities: list[Entity] = []
        self._spans: list[tuple[int, int]] = []
        self._starts = [s.start for s in sentences]
        self._sentences = sentences

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def free(self, start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in self._spans)

    def add(self, entity: Entity) -> bool:
        if entity.end <= entity.start or not self.free(entity.start, entity.end):
            return False
        self.entities.append(entity)
        self._spans.append((entity.start, entity.end))
        return True

    def add_absorbing(
        self, entity: Entity, kinds: tuple[str, ...] = ("place",),
        sources: tuple[str, ...] | None = None,
    ) -> bool:
        """Add ``entity`` in place of the entities of ``kinds`` (and, when given, found by
        ``sources``) lying inside its span: a longer name wins over a shorter one inside it
        ("青岛市政府" over the place "青岛", "Beijing Electronic" over "Beijing",
        "Lee Jae-myung Kim" over a rule's "Lee Jae-myung"). Refused when it overlaps
        anything else, or when it only equals a span already taken."""
        inside = [e for e in self.entities
                  if e.start < entity.end and entity.start < e.end]
        if not inside or any(e.kind not in kinds or e.start < entity.start
                             or e.end > entity.end
                             or (sources is not None and e.source not in sources)
                             or (e.start, e.end) == (entity.start, entity.end)
                             for e in inside):
            return self.add(entity)
        for e in inside:
            self.entities.remove(e)
            self._spans.remove((e.start, e.end))
        return self.add(entity)


def _clean_name(name: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    name = re.sub(r"(?:'s|’s)$", "", name)
    return name.strip(" ,.;:\"'“”‘’()")


def extract_entities(
    text: str, sentences: list[Sentence], published: date | None = None
) -> list[Entity]:
    """All entity mentions of a document, in text order. Nothing is taken from
    boilerplate (bylines, photo notices, footers: :mod:`.boilerplate`) if the text still
    holds some."""
    col = _Collector(sentences)
    aliases, longer_names = organisations().scan(text)
    for m in aliases:
        col.add(Entity("organisation", m.text, m.start, m.end, col.sentence_of(m.start),
                       m.entry.id, "", 0.95, "alias-list", country=m.entry.country))
    for n in longer_names:  # "Hanwha Ocean": not the alias "Hanwha", an organisation of its own
        entry = organisations().lookup(n.text)
        key = entry.id if entry else _clean_name(n.text)
        col.add(Entity("organisation", n.text, n.start, n.end, col.sentence_of(n.start), key,
                       "", 0.95 if entry else 0.7, "alias-list" if entry else "rules",
                       country=entry.country if entry else n.alias.country))
    for m in places().find(text):
        col.add(Entity("place", m.text, m.start, m.end, col.sentence_of(m.start), m.entry.id,
                       "", 0.95, "alias-list", country=m.entry.country))
    for s in sentences:
        lang = s.lang if s.lang in ("en", "ko", "zh") else "en"
        for d in find_dates(s.text, lang, published):
            col.add(Entity("date", d.text, s.start + d.start, s.start + d.end, s.index,
                           d.value.isoformat() if d.value else d.text, lang,
                           0.8 if d.relative else 0.9, "rules", unit=d.precision))
        for a in find_amounts(s.text, lang):
            col.add(Entity("amount", a.text, s.start + a.start, s.start + a.end, s.index, a.key,
                           lang, 0.9, "rules", value=a.value, unit=a.currency))
    by_lang: dict[str, list[Sentence]] = {}
    for s in sentences:
        by_lang.setdefault(s.lang, []).append(s)
    if by_lang.get("en"):
        _english(col, by_lang["en"])
    if by_lang.get("ko"):
        _korean(col, by_lang["ko"])
    if by_lang.get("zh"):
        _chinese(col, by_lang["zh"])
    _listed_people(col, text, sentences)
    _resolve_bare_names(col, sentences)
    for e in col.entities:
        if not e.lang:
            e.lang = sentences[e.sentence].lang if sentences else ""
    noise = boilerplate_spans(text)
    return _confidence_sort(e for e in col.entities if not in_boilerplate(noise, e.start, e.end))


def _resolve_org(name: str) -> tuple[str, str]:
    entry = organisations().lookup(name)
    return (entry.id, entry.country) if entry else (_clean_name(name), "")


def _resolve_place(name: str) -> tuple[str, str]:
    entry = places().lookup(name)
    return (entry.id, entry.country) if entry else (_clean_name(name), "")


def _listed_people(col: _Collector, text: str, sentences: list[Sentence]) -> None:
    """People of the public-figure list: a person the models found takes the list's key;
    a mention they missed (리창 총리, 特朗普) is added with the title written next to it."""
    for p in listed_people(text, _KO_TITLES):
        found = next((e for e in col.entities if e.kind == "person"
                      and e.start < p.end and p.start < e.end), None)
        if found is not None:
            found.key = p.entry.id
            continue
        i = col.sentence_of(p.start)
        role = ""
        if sentences:
            s = sentences[i]
            if s.lang == "en":
                role = _english_role(s.text, p.start - s.start, p.end - s.start)
            elif s.lang == "ko":
                role = _ko_role_after(s.text[p.end - s.start:p.end - s.start + 30])
        col.add(Entity("person", p.text, p.start, p.end, i, p.entry.id, "", 0.9, "alias-list",
                       role=role))


def _resolve_bare_names(col: _Collector, sentences: list[Sentence]) -> None:
    """One-token Latin names ("Ahn") and two-syllable Korean names ("먀오") are people only
    when a fuller mention of the document resolves them; they then take its key. A family
    or last name of a full English mention that no model tagged ("Ahn said ...") is a
    mention of that person too."""
    named = [e for e in col.entities if e.kind == "person" and e.lang in ("", "en")
             and " " in e.key.strip() and re.fullmatch(r"[A-Za-z .'-]+", e.text)]
    parts = {w for e in named for w in (e.text.split()[0], e.text.split()[-1])
             if re.fullmatch(r"[A-Z][a-z]+", w)}
    if parts:
        pattern = re.compile(r"\b(" + "|".join(sorted(parts)) + r")\b(?![ -][A-Z])")
        for s in sentences:
            if s.lang != "en":
                continue
            for m in pattern.finditer(s.text):
                start, end = s.start + m.start(), s.start + m.end()
                if col.free(start, end):
                    col.add(Entity("person", m.group(), start, end, s.index, m.group(), "en",
                                   0.6, "rules"))
    people = [e for e in col.entities if e.kind == "person"]
    full_latin = [e.key for e in people if " " in e.key.strip()]
    full_ko = [e.key for e in people if e.lang == "ko" and len(e.key) >= 3]
    for e in people:
        if e.source == "alias-list":
            continue
        if re.fullmatch(r"[A-Z][\w'-]*", e.key):
            full = resolve_surname(e.key, full_latin)
        elif e.lang == "ko" and len(e.key) <= 2 and re.fullmatch(r"[가-힣]+", e.key):
            full = next((k for k in full_ko if k.startswith(e.key) and k != e.key), None)
        else:
            continue
        if full is None:
            col.entities.remove(e)
            col._spans.remove((e.start, e.end))
        else:
            e.key = full


# ---- English: spaCy NER + role patterns ------------------------------------------------
def _unexplained_names(col: _Collector, s: Sentence) -> bool:
    """Whether the sentence has a capitalised word that no alias, date, amount or name rule
    explains (the sentence's first word counts only when the next word is capitalised too).
    Only such sentences go through spaCy: that is where its NER can add something."""
    for m in _EN_CAPITALISED.finditer(s.text):
        if m.start() == 0 and not _EN_CAPITALISED.match(s.text, m.end() + 1):
            continue
        if m.group() in _EN_COMMON_CAPS:
            continue
        if col.free(s.start + m.start(), s.start + m.end()):
            return True
    return False


def _english_rules(col: _Collector, s: Sentence) -> None:
    for pattern in (EN_ASIAN_NAME, EN_GIVEN_FIRST, EN_CAPS_FAMILY):
        for m in pattern.finditer(s.text):
            if EN_THROUGH_OFFICE.match(s.text, m.end()):
                continue
            role = _english_role(s.text, m.start(), m.end())
            name = m.group()
            key = " ".join(w if not w.isupper() else w.title() for w in name.split())
            col.add(Entity("person", name, s.start + m.start(), s.start + m.end(), s.index,
                           key, "en", 0.75, "rules", role=role))
    for m in _EN_MINISTRY.finditer(s.text):
        name = m.group(1)
        key, country = _resolve_org(name)
        col.add_absorbing(Entity("organisation", name, s.start + m.start(1),
                                 s.start + m.end(1), s.index, key, "en", 0.7, "rules",
                                 country=country))
    for m in _EN_SOURCE.finditer(s.text):
        group = 1 if m.group(1) else 2
        name = _clean_name(m.group(group))
        if (len(name) < 2 or name in _EN_COMMON_CAPS or _EN_TITLE_WORD.match(name)
                or places().lookup(name) or " " not in name and name.isupper() is False
                and not name.endswith(("News", "Times", "Daily", "Post", "Herald"))):
            continue  # "Seoul reported", "He reported": not an outlet
        start = s.start + m.start(group)
        key, country = _resolve_org(name)
        col.add_absorbing(Entity("organisation", name, start, start + len(name), s.index, key,
                                 "en", 0.65, "rules", country=country))


def _english(col: _Collector, sentences: list[Sentence]) -> None:
    for s in sentences:
        _english_rules(col, s)
    todo = [s for s in sentences if _unexplained_names(col, s)]
    if not todo:
        return
    nlp = models.english_pipeline()
    for s, doc in zip(todo, nlp.pipe([s.text for s in todo], batch_size=128), strict=True):
        for ent in doc.ents:
            start, end = s.start + ent.start_char, s.start + ent.end_char
            name = _clean_name(ent.text)
            if len(name) < 2 or not any(ch.isupper() for ch in name):
                continue
            if ent.label_ == "PERSON" and _EN_ORG_SUFFIX.search(name):
                key, country = _resolve_org(name)
                col.add_absorbing(Entity("organisation", ent.text, start, end, s.index, key,
                                         "en", 0.6, "spacy", country=country))
            elif ent.label_ == "ORG":
                if (_EN_TITLE_WORD.match(name) or is_sector_keyword(name)
                        or name in _EN_NOT_ORG or _EN_PROGRAMME.search(name)):
                    continue  # a title ("Minister of Trade, Industry and"), "HBM", a plan
                key, country = _resolve_org(name)
                col.add_absorbing(Entity("organisation", ent.text, start, end, s.index, key,
                                         "en", 0.7, "spacy", country=country))
            elif ent.label_ == "PERSON":
                if EN_THROUGH_OFFICE.match(s.text, ent.end_char) or organisations().lookup(name):
                    continue  # "the Trump administration"; "Yonhap"
                role = _english_role(s.text, ent.start_char, ent.end_char)
                col.add_absorbing(Entity("person", ent.text, start, end, s.index, name, "en",
                                         0.7, "spacy", role=role),
                                  kinds=("person",), sources=("rules",))
            elif ent.label_ in ("GPE", "LOC"):
                if is_sector_keyword(name) or name.isupper() and len(name) > 3:
                    continue  # "DRAM" is no place
                key, country = _resolve_place(name)
                col.add(Entity("place", ent.text, start, end, s.index, key, "en", 0.7, "spacy",
                               country=country))


def _english_role(sentence: str, start: int, end: int) -> str:
    before = sentence[max(0, start - 90):start]
    m = _EN_ROLE_BEFORE.search(before)
    if m:
        return m.group(1).strip(" ,")
    m = _EN_ROLE_AFTER.match(sentence[end:end + 90])
    return m.group(1).strip(" ,") if m else ""


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
        for j in range(i + 1, min(i + 5, len(tokens))):
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


# ---- Chinese: LAC on the simplified text ---------------------------------------------
def _chinese(col: _Collector, sentences: list[Sentence]) -> None:
    todo = [s for s in sentences
            if _ZH_NAME_TRIGGER.search(_ZH_NOT_NAMES.sub(" ", to_simplified(s.text)))
            or classify_sentence(s.text, "zh") is not None]  # parties of statements matter
    tagged = models.chinese_tag([to_simplified(s.text) for s in todo])
    for s in sentences:
        for m in _ZH_MEDIA.finditer(to_simplified(s.text)):  # 据韩联社消息, 来源:国际在线
            start = s.start + m.start(1)
            key, country = _resolve_org(m.group(1))
            col.add_absorbing(Entity("organisation", s.text[m.start(1):m.end(1)], start,
                                     start + len(m.group(1)), s.index, key, "zh", 0.6, "rules",
                                     country=country), kinds=("place", "organisation"))
    for s, words in zip(todo, tagged, strict=True):
        _chinese_place_institutions(col, s, words)
        offsets, pos = [], 0
        for word, _tag in words:
            offsets.append(pos)
            pos += len(word)
        for k, (word, tag) in enumerate(words):
            start, end = s.start + offsets[k], s.start + offsets[k] + len(word)
            surface = s.text[offsets[k]:offsets[k] + len(word)]
            if tag in ("ORG", "PER", "nz") and _zh_extends_alias(col, start, end, word):
                continue  # 现代迪万伦: the alias 现代 goes on into a longer company name
            if tag == "ORG":
                if (is_sector_keyword(word) or all(ch in materials().entries_chars for ch in word)
                        or not _zh_org_ok(word)):
                    continue
                key, country = _resolve_org(word)
                col.add_absorbing(Entity("organisation", surface, start, end, s.index, key, "zh",
                                         0.7, "lac", country=country))
            elif tag == "PER" and len(word) >= 2 and (
                    is_zh_person_name(word)
                    or _chinese_role(words, k) and not _ZH_NOT_PERSON.search(word)):
                role = _chinese_role(words, k)
                col.add_absorbing(Entity("person", surface, start, end, s.index, word, "zh", 0.7,
                                         "lac", role=role))
            elif tag == "LOC":
                key, country = _resolve_place(word)
                col.add(Entity("place", surface, start, end, s.index, key, "zh", 0.7, "lac",
                               country=country))


_ZH_NOT_PERSON = re.compile(r"[方企]$|新区|地区|园区|政府|公司|集团")
# An institution named by its country or city and common nouns that LAC leaves untagged
# ("韩国 中小企业振兴 公团", "云南省 农业科学 研究所").
_ZH_INSTITUTION_WORD = re.compile(
    r"(?:公团|公社|研究院|研究所|研究会|科学院|协会|商会|委员会|集团|公司|银行|大学|学院|"
    r"振兴院|管理院|事业团|基金会)$")


def _chinese_place_institutions(col: _Collector, s: Sentence, words: list) -> None:  # type: ignore[type-arg]
    pos, offsets = 0, []
    for word, _tag in words:
        offsets.append(pos)
        pos += len(word)
    for k, (word, tag) in enumerate(words):
        if tag != "LOC" or not places().lookup(word):
            continue
        for j in range(k + 1, min(k + 5, len(words))):
            w, t = words[j]
            if t not in ("n", "nz", "vn", "ORG", "nt"):
                break
            if _ZH_INSTITUTION_WORD.search(w) and j > k + 1 or (
                    _ZH_INSTITUTION_WORD.search(w) and len(w) >= 4):
                start, end = offsets[k], offsets[j] + len(w)
                name = s.text[start:end]
                key, country = _resolve_org(name)
                col.add_absorbing(Entity("organisation", name, s.start + start, s.start + end,
                                         s.index, key, "zh", 0.6, "lac", country=country),
                                  kinds=("place", "organisation"))
                break


_ZH_ORG_SUFFIX = re.compile(
    r"(?:集团|公司|研究院|研究所|科学院|大学|学院|协会|商会|银行|中心|委员会|政府|部|局|厅|署|办|"
    r"公团|院|会|社|报|台|网)$")


def _zh_org_ok(word: str) -> bool:
    """An ORG word names a body: it is listed, Latin, or has a name part of two or more
    characters before its institution suffix ("商协会", "新时代" name none)."""
    if organisations().lookup(word) or re.search(r"[A-Za-z]", word):
        return True
    m = _ZH_ORG_SUFFIX.search(word)
    if m is None:
        return len(word) >= 4
    return m.start() >= 2


def _zh_extends_alias(col: _Collector, start: int, end: int, word: str) -> bool:
    """Replace an organisation alias that ends right where a LAC name starts by one
    organisation over both (现代 + 迪万伦 -> 现代迪万伦)."""
    alias = next((e for e in col.entities if e.kind == "organisation" and e.end == start
                  and e.source == "alias-list" and e.lang in ("", "zh")), None)
    if alias is None or not col.free(start, end) or len(word) < 2:
        return False
    col.entities.remove(alias)
    col._spans.remove((alias.start, alias.end))
    text = alias.text + word
    col.add(Entity("organisation", text, alias.start, end, alias.sentence, text, "zh", 0.7,
                   "lac", country=alias.country))
    return True


def _chinese_role(words: list[tuple[str, str]], k: int) -> str:
    def is_title(word: str) -> bool:
        return word in _ZH_TITLE_SET or any(word.endswith(t) for t in _ZH_TITLES)

    if k > 0 and is_title(words[k - 1][0]):
        parts = [words[k - 1][0]]
        j = k - 2
        while j >= 0 and words[j][1] in ("ORG", "LOC", "n", "nz") and len(parts) < 4:
            parts.insert(0, words[j][0])
            j -= 1
        return "".join(parts)
    if k + 1 < len(words) and is_title(words[k + 1][0]):
        return words[k + 1][0]
    return ""
