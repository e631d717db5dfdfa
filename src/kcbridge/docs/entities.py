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

Overlaps are resolved by evidence: a longer organisation found by a model or a rule absorbs
the place aliases inside it in every language ("Seoul Semiconductor", "Beijing Electronic",
한국생명공학연구원, 韩国中小企业振兴公团), and a longer spaCy person span absorbs a
romanised-name rule's shorter one. After the language passes, the public-figure list
(:mod:`.people`) gives known people one key in every language (리창 -> "Li Qiang"), and
bare names (one Latin token, two Hangul syllables) stay people only when a fuller mention
of the same document resolves them. Nothing is kept from news boilerplate
(:mod:`.boilerplate`). The Korean and Chinese rules live in :mod:`.entities_ko` and
:mod:`.entities_zh`, the span collector in :mod:`.entity_collector`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from kcbridge.docs import models
from kcbridge.docs.amounts import find_amounts
from kcbridge.docs.boilerplate import boilerplate_spans, in_boilerplate
from kcbridge.docs.dates import find_dates
from kcbridge.docs.entities_ko import _KO_TITLES, _ko_role_after, _korean
from kcbridge.docs.entities_zh import _ZH_NAME_TRIGGER, _ZH_NOT_NAMES, _chinese
from kcbridge.docs.entity_collector import NOT_ORG_ACRONYMS as _NOT_ORG_ACRONYMS
from kcbridge.docs.entity_collector import Collector as _Collector
from kcbridge.docs.entity_collector import clean_name as _clean_name
from kcbridge.docs.entity_collector import resolve_org as _resolve_org
from kcbridge.docs.entity_collector import resolve_place as _resolve_place
from kcbridge.docs.gazetteer import organisations, places
from kcbridge.docs.model import Entity
from kcbridge.docs.names_en import (
    kind_introduced_names,
    legal_suffix_names,
    not_a_person,
    not_an_organisation,
    outlet_names,
    product_acronym,
    romanised_given_name,
    split_name_span,
)
from kcbridge.docs.names_en_intro import (
    designation,
    honorific_names,
    local_government_names,
    no_single_name,
    place_marked_words,
)
from kcbridge.docs.names_ko_heads import settle_people
from kcbridge.docs.names_ko_lists import join_spaced_family_names
from kcbridge.docs.names_zh_edges import mend_chinese_edges
from kcbridge.docs.people import (
    EN_ASIAN_NAME,
    EN_CAPS_FAMILY,
    EN_FAMILY_NAMES,
    EN_GIVEN_FIRST,
    EN_THROUGH_OFFICE,
    KO_NATIVE_SURNAMES,
    listed_people,
    resolve_surname,
)
from kcbridge.docs.sector_tags import is_sector_keyword
from kcbridge.docs.text import Sentence

__all__ = ["extract_entities", "_ZH_NAME_TRIGGER", "_ZH_NOT_NAMES"]

_EN_TITLES = (
    r"(?:Vice |Deputy |Prime |Trade |Commerce |Foreign |Industry |Science |Finance |Chief )*"
    r"(?:Minister|President|Premier|Chairman|Chairwoman|Chair|Chief Executive|CEO|Director|"
    r"Director-General|Ambassador|Secretary|Governor|Mayor|Professor|Commissioner|"
    r"Spokesperson|Spokesman|Spokeswoman|Head|General Manager|Founder|Vice-Minister|"
    r"Party Secretary|Senior Researcher|Researcher|Academician)"
)
_EN_ROLE_BEFORE = re.compile(
    rf"((?:(?:[A-Z][\w'’.-]*|of|and|for|the|&),? ){{0,6}}?(?i:{_EN_TITLES})"
    rf"(?: (?:of|for) (?:the )?[A-Z][\w'’&-]*(?:,? (?:and |& )?[A-Z][\w'’&-]*){{0,5}})?),? $"
)
_EN_ROLE_AFTER = re.compile(
    rf"^, ((?:[\w'’.-]+ ){{0,5}}?(?:{_EN_TITLES.lower()}|{_EN_TITLES})"
    r"(?: (?:of|for|at) [^,.;]{1,60})?)(?=[,.;])"
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
    r"Vision|Roadmap|Summit|Dialogue|Expo|Fair|Week|Award|Index)$|^Made in |^Belt and Road"
)
# A relation or a field of work named in capitals (a talk's title, a heading): no body.
_EN_RELATION = re.compile(r"\b(?:Cooperation|Co-operation|Relations|Partnership)$")
_EN_TITLE_WORD = re.compile(rf"^(?:{_EN_TITLES})\b")
_EN_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
_EN_COMMON_CAPS = {"I", "The", "A", "An", "In", "On", "At", "For", "But", "And", "It", "Its",
                   "This", "That", "These", "Those", "They", "He", "She", "We", "Officials"}
_EN_ACRONYM_WORD = re.compile(r"\b[A-Z][A-Z0-9-]{1,6}\b")
_EN_NOT_ORG = {"Trade", "Commerce", "Industry", "Energy", "Science", "Finance", "Foreign",
               "Party", "Parties",  # "each Party" of an agreement
               # agreement types that spaCy tags ORG ("signed an MOU")
               "MOU", "MoU", "MOUs", "MOA", "LOI", "FTA",
               # trade agreements and frameworks, which spaCy tags ORG ("the RCEP")
               "RCEP", "CPTPP", "TPP", "IPEF", "NAFTA", "USMCA"} | _NOT_ORG_ACRONYMS
# A person after a title, given name first or last, no hyphen ("Chair Euisun Chung").
_EN_TITLE_THEN_NAME = re.compile(
    r"\b(?:Chairman|Chairwoman|Chair|CEO|President|Minister|Director|Mayor|Governor|Professor|"
    r"Ambassador|Premier|Secretary|Commissioner|Dean)"
    r" ([A-Z][a-z]{2,}(?:-[a-z]+)? [A-Z][a-z]{1,}(?:-[a-z]+)?)(?![\w-]| [A-Z]| of\b)"
)
# A name by its head noun: capitalised words (with "&", "of", "and", "for" inside) ending in
# an institution word ("Korea-China Science & Technology Cooperation Center", "China Science
# Technology Development Strategy Research Institute", "Ministry of Science, ICT and Future
# Planning").
_EN_INSTITUTION_WORD = (
    r"(?:Center|Centre|Institute|University|Agency|Foundation|Association|Council|Commission|"
    r"Corporation|Federation|Academy|Administration|Authority|Bureau|Society|Department|"
    r"Chamber of Commerce(?: (?:in|of) [A-Z][a-z]+)?)")
# What follows "of"/"for" in a tail that names a body's field or seat.
_EN_TAIL_WORDS = r"[A-Z][\w&-]*(?: (?:and |& |for |of )?[A-Z][\w&-]*){0,4}"
_EN_INSTITUTION_TAIL = rf" (?:of|for) (?:the )?{_EN_TAIL_WORDS}"
# (names12) one capitalised word before the institution word is enough when a tail names
# its field ("Shenzhen Foundation for International Exchange and Cooperation") or a chamber
# its seat ("American Chamber of Commerce in China"); without them, "Shenzhen Foundation"
# could be a phrase, and the alias list knows the short famous ones. A tail with "the"
# names a body of its own ("Political Bureau of the Communist Party of China"): not here.
_EN_INSTITUTION = re.compile(
    r"(?<![\w&-])((?:[A-Z][\w'’.-]*|&)(?: (?:[A-Z][\w'’.-]*|&|of|and|for|on)){1,9} "
    rf"{_EN_INSTITUTION_WORD}(?:{_EN_INSTITUTION_TAIL})?"
    r"|(?<![\w&'’.-])(?!(?:The|A|An|This|That|Its|Their|Our|His|Her)\b)[A-Z][\w.-]* "
    rf"(?:{_EN_INSTITUTION_WORD} (?:of|for) {_EN_TAIL_WORDS}"
    r"|Chamber of Commerce (?:in|of) [A-Z][a-z]+))\b"
    r"|\b(Ministry of [A-Z][\w&-]*(?:(?:,| and|, and) [A-Z][\w&-]*(?: [A-Z][\w&-]*)?){1,4})"
)
# A lower-case word other than a connector inside a spaCy ORG span: a noun phrase
# ("ROK free trade area"), not a name.
_EN_COMMON_WORD_IN_NAME = re.compile(
    r"(?<![\w'’&-])(?!(?:of|and|for|the|on|in|at|de|du|la|le|des|y|und|von)\b)[a-z][a-z]+\b"
)
# An acronym before a title and a name ("YU President Noh Seok-kyun", "KF (Chairman ...)").
_EN_ACRONYM_BEFORE_TITLE = re.compile(
    r"\b([A-Z]{2,6}) \(?(?:President|Chairman|Chairwoman|Chair|CEO|Director|Head|Dean) "
    r"[A-Z][a-z]+"
)
# A company's name right before its head's title and name: "Hanbit Motor Group Chair ...".
_EN_COMPANY_BEFORE_TITLE = re.compile(
    r"(?<![\w&-])((?:[A-Z][\w&.'’-]* ){0,4}[A-Z][\w&.'’-]*) (?:Executive |Vice |Honorary )?"
    r"(?:Chairman|Chairwoman|Chair|CEO|President|Chief Executive|Vice Chairman) $"
)
_EN_ORG_SUFFIX = re.compile(
    r" (?:Group|Holdings|Corp|Corporation|Co|Company|Technology|Technologies|Motor|Motors|"
    r"Electronics|Chemical|Chemicals|Cobalt|Lithium|Materials|Energy|Solutions|Institute|"
    r"University|Bank|Industries|Semiconductor|Pharmaceutical|Biologics|Robotics)$"
)


_ORDINAL = re.compile(r"(?:the )?\d{1,2}(?:st|nd|rd|th)", re.I)


def _confidence_sort(entities: Iterable[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (e.start, -(e.end - e.start)))


# "한화 약 360억원", "한화로 1조원": an amount in Korean won (韓貨), not the Hanwha group.
_KO_WON_AMOUNT = re.compile(r"(?:로|로는)?\s*(?:약|환산|기준)?\s*[0-9]")


def extract_entities(
    text: str, sentences: list[Sentence], published: date | None = None
) -> list[Entity]:
    """All entity mentions of a document, in text order. Nothing is taken from
    boilerplate (bylines, photo notices, footers: :mod:`.boilerplate`) if the text still
    holds some."""
    col = _Collector(sentences)
    aliases, longer_names = organisations().scan(text)
    for m in aliases:
        if m.text == "한화" and _KO_WON_AMOUNT.match(text[m.end:]):
            continue  # "(한화 약 360억원)": Korean won, not the Hanwha group
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
        mend_chinese_edges(col, text)
    if by_lang.get("ko"):
        settle_people(col, text)
        join_spaced_family_names(col, text)
    _listed_people(col, text, sentences)
    _resolve_bare_names(col, sentences)
    for e in col.entities:
        if not e.lang:
            e.lang = sentences[e.sentence].lang if sentences else ""
    noise = boilerplate_spans(text)
    return _confidence_sort(e for e in col.entities if not in_boilerplate(noise, e.start, e.end))


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
    full_zh = {e.key for e in people if e.lang == "zh" and len(e.key) >= 3}
    for e in people:  # "全夏" cut by LAC from "全夏成分别代表": the full name of the text
        if e.lang == "zh" and len(e.key) == 2:
            longer = sorted(k for k in full_zh if k.startswith(e.key) and len(k) == 3)
            if len(longer) == 1:
                e.key = longer[0]
    full_latin = [e.key for e in people if " " in e.key.strip()]
    full_ko = [e.key for e in people if e.lang == "ko" and len(e.key) >= 3]
    for e in people:
        if e.source == "alias-list":
            continue
        if re.fullmatch(r"[A-Z][\w'-]*", e.key):
            full = resolve_surname(e.key, full_latin)
        elif e.lang == "ko" and len(e.key) <= 2 and re.fullmatch(r"[가-힣]+", e.key):
            full = next((k for k in full_ko if k.startswith(e.key) and k != e.key), None)
            if full is None and len(e.key) == 2 and e.key[0] in KO_NATIVE_SURNAMES and \
                    e.role and e.source in ("kiwi", "rules"):
                continue  # "김훈 집행회장": a Korean two-syllable full name before a title
            if full is None and len(e.key) == 2 and " " in e.role.strip():
                continue  # "천리 중국 외교부 외사관리국장": a name before a body and its title
        else:
            continue
        if full is None:
            col.remove(e)
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


def _add_name_parts(col: _Collector, s: Sentence, start: int,
                    parts: list[tuple[int, str, str]], source: str, *,
                    kinds: tuple[str, ...], sources: tuple[str, ...] | None = None,
                    role_at: int | None = None) -> None:
    """Add the names :func:`~kcbridge.docs.names_en.split_name_span` cut from a span that
    starts at ``start`` in the document; with ``role_at`` (that start within the sentence),
    each person takes the role the sentence gives it."""
    for offset, part, kind in parts:
        key, country = _resolve_org(part) if kind == "organisation" else (part, "")
        role = "" if role_at is None or kind != "person" else _english_role(
            s.text, role_at + offset, role_at + offset + len(part))
        col.add_absorbing(Entity(kind, part, start + offset, start + offset + len(part), s.index,
                                 key, "en", 0.65, source, country=country, role=role),
                          kinds=kinds, sources=sources)


def _english_rules(col: _Collector, s: Sentence) -> None:
    for pattern in (EN_ASIAN_NAME, EN_GIVEN_FIRST, EN_CAPS_FAMILY):
        for m in pattern.finditer(s.text):
            if EN_THROUGH_OFFICE.match(s.text, m.end()):
                continue
            role = _english_role(s.text, m.start(), m.end())
            name = m.group()
            given = name.split(None, 1)[1] if pattern is not EN_GIVEN_FIRST else ""
            if given and not romanised_given_name(given):
                continue  # "Park Invested": a family name before an English word
            key = " ".join(w if not w.isupper() else w.title() for w in name.split())
            person = Entity("person", name, s.start + m.start(), s.start + m.end(), s.index,
                            key, "en", 0.75, "rules", role=role)
            if pattern is EN_ASIAN_NAME and role:
                # (names12) "Zhao Xinhua, chairman of ...": a family name, a given name that
                # is also a listed alias, and a role: the person wins over the alias inside
                col.add_absorbing(person, kinds=("organisation",), sources=("alias-list",))
            else:
                col.add(person)
    for m in _EN_TITLE_THEN_NAME.finditer(s.text):  # "Chair Euisun Chung"
        name = m.group(1)
        if any(_EN_TITLE_WORD.match(w) or w in _EN_COMMON_CAPS for w in name.split()) or \
                places().lookup(name) or organisations().lookup(name) or \
                any(places().lookup(w) for w in name.split()):
            continue
        start = s.start + m.start(1)
        col.add(Entity("person", name, start, start + len(name), s.index, name, "en", 0.65,
                       "rules", role=_english_role(s.text, m.start(1), m.end(1))))
    if not _title_case(s.text) or s.text.rstrip().endswith((".", "”", '"')):
        # (a headline in title case has no final stop: its capitals prove nothing)
        for m in _EN_INSTITUTION.finditer(s.text):  # "China Technology Exchange Center"
            group = 1 if m.group(1) else 2
            name = _en_institution_name(m.group(group))
            owner = re.match(r"([A-Z][\w.-]*(?: [A-Z][\w.-]*)?)(?:'s|’s) ", name)
            if owner and places().lookup(owner.group(1)):
                name = name[owner.end():]  # "China’s National Development and Reform ..."
            if not name or name.split()[0] in _EN_COMMON_CAPS or len(name.split()) < 2:
                continue
            start = s.start + m.end(group) - len(name)
            parts = split_name_span(name)  # "X and Y University", "Dongchul Son of X"
            _add_name_parts(col, s, start, parts, "rules", kinds=("place", "organisation"),
                            sources=("alias-list", "rules"))
            if parts:
                continue
            key, country = _resolve_org(name)
            col.add_absorbing(Entity("organisation", name, start, start + len(name), s.index,
                                     key, "en", 0.65, "rules", country=country),
                              kinds=("place", "organisation"), sources=("alias-list", "rules"))
    for p in [e for e in col.entities if e.kind == "person" and e.sentence == s.index]:
        co = _EN_COMPANY_BEFORE_TITLE.search(s.text[max(0, p.start - s.start - 80):
                                                    p.start - s.start])
        if co is None or not _EN_ORG_SUFFIX.search(co.group(1)) or \
                co.group(1).split()[0] in _EN_COMMON_CAPS:
            continue  # "Hanbit Motor Group Chair Euisun Ahn": the company before the title
        start = p.start - len(co.group(0))
        key, country = _resolve_org(co.group(1))
        col.add_absorbing(Entity("organisation", co.group(1), start, start + len(co.group(1)),
                                 s.index, key, "en", 0.6, "rules", country=country),
                          kinds=("place", "organisation"), sources=("alias-list",))
    for m in _EN_ACRONYM_BEFORE_TITLE.finditer(s.text):  # "YU President Noh Seok-kyun"
        name = m.group(1)
        if name in _NOT_ORG_ACRONYMS or name in _EN_NOT_ORG or places().lookup(name):
            continue
        start = s.start + m.start(1)
        key, country = _resolve_org(name)
        col.add(Entity("organisation", name, start, start + len(name), s.index, key, "en",
                       0.6, "rules", country=country))
    for start, end, name in honorific_names(s.text):  # "Mr. Han Jin Park" (names13)
        col.add_absorbing(Entity("person", name, s.start + start, s.start + end, s.index, name,
                                 "en", 0.7, "rules", role=_english_role(s.text, start, end)),
                          kinds=("person", "place"))  # over "Dong Hyun" of "Dong Hyun Park"
    for start, end, name in [*legal_suffix_names(s.text), *local_government_names(s.text)]:
        key, country = _resolve_org(name)
        col.add_absorbing(Entity("organisation", name, s.start + start, s.start + end, s.index,
                                 key, "en", 0.7, "rules", country=country),
                          kinds=("place", "organisation"), sources=("alias-list", "rules"))
    for start, end, name in kind_introduced_names(s.text):  # "the Korean company Nanos"
        key, country = _resolve_org(name)
        col.add_absorbing(Entity("organisation", name, s.start + start, s.start + end, s.index,
                                 key, "en", 0.65, "rules", country=country),
                          kinds=("place", "organisation"), sources=("alias-list", "rules"))
    for start, end, name in outlet_names(s.text):  # "reporters from the X Herald"
        key, country = _resolve_org(name)
        for d in [e for e in col.entities if e.kind == "date" and e.start < s.start + end
                  and s.start + start < e.end and _ORDINAL.fullmatch(e.text)]:
            col.remove(d)  # "the 21st Century Business Herald": no date
        col.add_absorbing(Entity("organisation", name, s.start + start, s.start + end, s.index,
                                 key, "en", 0.65, "rules", country=country))
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


def _en_institution_name(run: str) -> str:
    """The institution's name at the end of a capitalised run: what follows the last title
    or personal name in it ("... Director Lee Hee-young and Global Cooperation Center")."""
    words = run.split()
    cut = 0
    for i, w in enumerate(words):
        if _EN_TITLE_WORD.match(w) or re.fullmatch(r"[A-Z][a-z]+-[a-z]+", w):
            cut = i + 1
    words = words[cut:]
    while words and words[0] in ("and", "of", "for", "on", "&", "The", "the"):
        words = words[1:]
    return " ".join(words)


def _title_case(text: str) -> bool:
    """A headline in title case ("South Korea and China Open Joint Research Center"):
    there, capitals prove nothing about names."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if w.lower() not in _EN_SMALL]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.85 * len(words)


_EN_SMALL = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by",
             "from", "as", "vs"}
_EN_FAMILY_ONLY = re.compile(rf"^(?:{EN_FAMILY_NAMES})$")
_EN_GLOSSED_ACRONYM = re.compile(
    r"\b([A-Z]{2,6}) \((?:[a-z][a-z-]*)(?: [a-z][a-z-]*){1,5}\)|"
    r"\b[a-z][a-z-]*(?: [a-z][a-z-]*){1,5} \(([A-Z]{2,6})\)"
)


def _english(col: _Collector, sentences: list[Sentence]) -> None:
    for s in sentences:
        _english_rules(col, s)
    todo = [s for s in sentences if _unexplained_names(col, s)]
    if not todo:
        return
    body = " ".join(s.text for s in sentences if not _title_case(s.text))
    # acronyms spelled out as common nouns ("NCC (naphtha cracking center)") are terms
    terms = {m.group(1) or m.group(2) for m in _EN_GLOSSED_ACRONYM.finditer(body)}
    # acronyms the text shows as products somewhere ("the EPA platform", "platform, SEA")
    products = {m.group() for s in sentences for m in _EN_ACRONYM_WORD.finditer(s.text)
                if product_acronym(s.text, m.start(), m.end())}
    marked = place_marked_words(body)  # "Goyang city": no person (names13)
    nlp = models.english_pipeline()
    for s, doc in zip(todo, nlp.pipe([s.text for s in todo], batch_size=128), strict=True):
        headline = bool(body) and _title_case(s.text)
        for ent in doc.ents:
            start, end = s.start + ent.start_char, s.start + ent.end_char
            name = _clean_name(ent.text)
            if len(name) < 2 or not any(ch.isupper() for ch in name):
                continue
            if headline and ent.label_ in ("ORG", "PERSON") and name not in body:
                continue  # "China Open Joint Research Center": a headline's verb, no name
            parts = split_name_span(ent.text) if ent.label_ in ("ORG", "PERSON") else []
            # "Dean Wang Guixue", "X and Y University"
            _add_name_parts(col, s, start, parts, "spacy", kinds=("place",),
                            role_at=ent.start_char)
            if parts:
                continue
            if ent.label_ == "ORG" and _EN_FAMILY_ONLY.match(name) and \
                    organisations().lookup(name) is None:
                continue  # "said Wang.": a family name, resolved as a person if named in full
            if ent.label_ == "PERSON" and (not name.split()[-1][:1].isupper()
                                           or _EN_TITLE_WORD.match(name)
                                           or not_a_person(name)
                                           or name.split()[0] in marked
                                           or no_single_name(name, person=True)):
                continue  # "Academician of": a title or a cut, no name; "Dafeng Port"
            if ent.label_ == "ORG" and (not_an_organisation(name) or name in products
                                        or designation(name) or no_single_name(name, False)):
                continue  # "Koreaproduct", "Chinas", "COVID-19", "the EPA platform"
            if ent.label_ == "PERSON" and _EN_ORG_SUFFIX.search(name):
                key, country = _resolve_org(name)
                col.add_absorbing(Entity("organisation", ent.text, start, end, s.index, key,
                                         "en", 0.6, "spacy", country=country))
            elif ent.label_ == "ORG":
                if (_EN_TITLE_WORD.match(name) or is_sector_keyword(name)
                        or name in _EN_NOT_ORG or _EN_PROGRAMME.search(name)):
                    continue  # a title ("Minister of Trade, Industry and"), "HBM", a plan
                if name in terms:
                    continue  # "a NCC (naphtha cracking center)": a term spelled out
                if _EN_RELATION.search(name) and organisations().lookup(name) is None:
                    continue  # "Korea-China Economic Cooperation": a relation, no body
                if _EN_COMMON_WORD_IN_NAME.search(name) and organisations().lookup(name) is None:
                    continue  # "ROK free trade area": a noun phrase, no name
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
        role = m.group(1).strip(" ,")
        # "Minister Kim Jung-kwan and Chinese Commerce Minister [Wang Wentao]": the role
        # starts after the other person's name ("and" after a name, not inside a title
        # such as "Trade, Industry and Energy")
        for part in re.finditer(r" and ", role):
            head = role[:part.start()].split()
            if len(head) >= 2 and not _EN_TITLE_WORD.match(head[-1]) and all(
                    w[:1].isupper() and not _EN_TITLE_WORD.match(w) for w in head[-2:]) and \
                    re.search(rf"(?i:{_EN_TITLES})", role[part.end():]):
                role = role[part.end():]
        return role
    m = _EN_ROLE_AFTER.match(sentence[end:end + 90])
    return m.group(1).strip(" ,") if m else ""
