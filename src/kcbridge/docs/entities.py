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
from kcbridge.docs.dates import find_dates
from kcbridge.docs.gazetteer import materials, organisations, places
from kcbridge.docs.model import Entity
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
    "전무", "팀장",
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
_KO_ORG_SUFFIX = re.compile(
    r"(연구원|연구소|대학교|협회|공사|재단|진흥원|위원회|그룹|은행|전자|화학|자동차|배터리|"
    r"바이오|테크|센터|산업단지|공단)$"
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
_KO_NAME_TRIGGER = re.compile(_KO_TITLE_RE + "|" + _KO_ORG_SUFFIX.pattern.rstrip("$"))
# Romanised Korean and Chinese family names: "Ahn Duk-geun", "Wang Wentao" (spaCy misses some).
_EN_FAMILY_NAMES = (
    "Kim|Lee|Park|Choi|Jung|Jeong|Kang|Cho|Yoon|Jang|Lim|Han|Oh|Seo|Shin|Kwon|Hwang|Ahn|Yoo|"
    "Hong|Jeon|Moon|Yang|Son|Bae|Baek|Heo|Nam|Noh|Ha|Kwak|Sung|Cha|Joo|Woo|Koo|Min|Ryu|Chung|"
    "Wang|Li|Zhang|Liu|Chen|Huang|Zhao|Wu|Zhou|Xu|Sun|Ma|Zhu|Hu|Guo|He|Gao|Lin|Luo|Zheng|Liang|"
    "Xie|Song|Tang|Feng|Deng|Cao|Peng|Zeng|Xiao|Tian|Dong|Pan|Yuan|Cai|Jiang|Yu|Du|Ye|Cheng|"
    "Wei|Su|Lu|Ding|Ren|Shen|Yao|Jin|Fu|Zhong|Cui|Tan|Qin|Xi"
)
_EN_ASIAN_NAME = re.compile(rf"\b(?:{_EN_FAMILY_NAMES}) [A-Z][a-z]+(?:-[a-z]+)?\b")
_EN_TITLE_WORD = re.compile(rf"^(?:{_EN_TITLES})\b")
_EN_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
_EN_COMMON_CAPS = {"I", "The", "A", "An", "In", "On", "At", "For", "But", "And", "It", "Its",
                   "This", "That", "These", "Those", "They", "He", "She", "We", "Officials"}
_EN_NOT_ORG = {"Trade", "Commerce", "Industry", "Energy", "Science", "Finance", "Foreign",
               # agreement types that spaCy tags ORG ("signed an MOU")
               "MOU", "MoU", "MOUs", "MOA", "LOI", "FTA"}
_EN_ORG_SUFFIX = re.compile(
    r" (?:Group|Holdings|Corp|Corporation|Co|Company|Technology|Technologies|Motor|Motors|"
    r"Electronics|Chemical|Chemicals|Cobalt|Lithium|Materials|Energy|Solutions|Institute|"
    r"University|Bank|Industries|Semiconductor|Pharmaceutical|Biologics|Robotics)$"
)
_ZH_TITLE_SET = set(_ZH_TITLES)


def _confidence_sort(entities: Iterable[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (e.start, -(e.end - e.start)))


class _Collector:
    """Collects entities, refusing spans that overlap a span already taken."""

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

    def add_absorbing(self, entity: Entity, kinds: tuple[str, ...] = ("place",)) -> bool:
        """Add ``entity`` in place of the entities of ``kinds`` lying inside its span
        ("青岛市政府" replaces the place "青岛"); refused when it overlaps anything else."""
        inside = [e for e in self.entities
                  if e.start < entity.end and entity.start < e.end]
        if not inside or any(e.kind not in kinds or e.start < entity.start
                             or e.end > entity.end for e in inside):
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
    """All entity mentions of a document, in text order."""
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
    for e in col.entities:
        if not e.lang:
            e.lang = sentences[e.sentence].lang if sentences else ""
    return _confidence_sort(col.entities)


def _resolve_org(name: str) -> tuple[str, str]:
    entry = organisations().lookup(name)
    return (entry.id, entry.country) if entry else (_clean_name(name), "")


def _resolve_place(name: str) -> tuple[str, str]:
    entry = places().lookup(name)
    return (entry.id, entry.country) if entry else (_clean_name(name), "")


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


def _english(col: _Collector, sentences: list[Sentence]) -> None:
    for s in sentences:
        for m in _EN_ASIAN_NAME.finditer(s.text):
            role = _english_role(s.text, m.start(), m.end())
            col.add(Entity("person", m.group(), s.start + m.start(), s.start + m.end(), s.index,
                           m.group(), "en", 0.75, "rules", role=role))
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
                col.add(Entity("organisation", ent.text, start, end, s.index, key, "en", 0.6,
                               "spacy", country=country))
            elif ent.label_ == "ORG":
                if _EN_TITLE_WORD.match(name) or is_sector_keyword(name) or name in _EN_NOT_ORG:
                    continue  # a title ("Minister of Trade, Industry and") or "HBM"
                key, country = _resolve_org(name)
                col.add(Entity("organisation", ent.text, start, end, s.index, key, "en", 0.7,
                               "spacy", country=country))
            elif ent.label_ == "PERSON":
                role = _english_role(s.text, ent.start_char, ent.end_char)
                col.add(Entity("person", ent.text, start, end, s.index, name, "en", 0.7,
                               "spacy", role=role))
            elif ent.label_ in ("GPE", "LOC"):
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
def _korean(col: _Collector, sentences: list[Sentence]) -> None:
    sentences = [s for s in sentences if _KO_NAME_TRIGGER.search(s.text)]
    if not sentences:
        return
    kiwi = models.korean_analyser()
    analysed = kiwi.tokenize([s.text for s in sentences])
    for s, tokens in zip(sentences, analysed, strict=True):
        tokens = list(tokens)
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
            if role_end is None or tok.form in _KO_NOT_NAMES:
                continue
            start, end = s.start + tok.start, s.start + tok.start + tok.len
            role = s.text[tok.start + tok.len:role_end].strip()
            col.add(Entity("person", tok.form, start, end, s.index, tok.form, "ko", 0.7, "kiwi",
                           role=role))
        for m in _KO_NAME_THEN_ROLE.finditer(s.text):
            name = m.group(1)
            if name in _KO_NOT_NAMES or places().lookup(name) or organisations().lookup(name):
                continue
            start = s.start + m.start(1)
            col.add(Entity("person", name, start, start + 3, s.index, name, "ko", 0.6, "rules",
                           role=m.group(2).strip()))
        for m in _KO_ROLE_THEN_NAME.finditer(s.text):
            name = m.group(2)
            if places().lookup(name) or organisations().lookup(name):
                continue
            start = s.start + m.start(2)
            col.add(Entity("person", name, start, start + len(name), s.index, name, "ko", 0.6,
                           "rules", role=m.group(1).strip()))
        _korean_organisations(col, s, tokens)


def _korean_organisations(col: _Collector, s: Sentence, tokens: list) -> None:  # type: ignore[type-arg]
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.tag not in ("NNP", "SL"):
            i += 1
            continue
        j, end_tok = i, None
        while j < len(tokens) and tokens[j].tag in ("NNP", "NNG", "SL", "SN"):
            if j > i and tokens[j].start > tokens[j - 1].start + tokens[j - 1].len + 1:
                break
            if _KO_ORG_SUFFIX.search(tokens[j].form):
                end_tok = j
            j += 1
        if end_tok is not None:
            start = tokens[i].start
            end = tokens[end_tok].start + tokens[end_tok].len
            surface = s.text[start:end]
            key, country = _resolve_org(surface)
            col.add(Entity("organisation", surface, s.start + start, s.start + end, s.index,
                           key, "ko", 0.6, "kiwi", country=country))
        i = max(j, i + 1)


# ---- Chinese: LAC on the simplified text ---------------------------------------------
def _chinese(col: _Collector, sentences: list[Sentence]) -> None:
    todo = [s for s in sentences
            if _ZH_NAME_TRIGGER.search(_ZH_NOT_NAMES.sub(" ", to_simplified(s.text)))
            or classify_sentence(s.text, "zh") is not None]  # parties of statements matter
    tagged = models.chinese_tag([to_simplified(s.text) for s in todo])
    for s, words in zip(todo, tagged, strict=True):
        offsets, pos = [], 0
        for word, _tag in words:
            offsets.append(pos)
            pos += len(word)
        for k, (word, tag) in enumerate(words):
            start, end = s.start + offsets[k], s.start + offsets[k] + len(word)
            surface = s.text[offsets[k]:offsets[k] + len(word)]
            if tag == "ORG":
                if is_sector_keyword(word) or all(ch in materials().entries_chars for ch in word):
                    continue
                key, country = _resolve_org(word)
                org = Entity("organisation", surface, start, end, s.index, key, "zh", 0.7, "lac",
                             country=country)
                if _ZH_INSTITUTION_END.search(word):
                    col.add_absorbing(org)
                else:
                    col.add(org)
            elif tag == "PER" and len(word) >= 2:
                role = _chinese_role(words, k)
                col.add(Entity("person", surface, start, end, s.index, word, "zh", 0.7, "lac",
                               role=role))
            elif tag == "LOC":
                key, country = _resolve_place(word)
                col.add(Entity("place", surface, start, end, s.index, key, "zh", 0.7, "lac",
                               country=country))


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
