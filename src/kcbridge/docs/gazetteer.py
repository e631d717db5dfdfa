"""Trilingual alias lists (data files in ``docs/data/``) and a fast matcher over them.

* ``organisations.yaml``: organisations of the field; every alias in English, Korean or
  Chinese (simplified; traditional forms are derived with OpenCC) resolves to one id.
* ``places.yaml``: countries, provinces and cities (id: ISO3 or ISO3-CITY).
* ``materials.yaml``: materials that restrictions name, with their HS6 codes.

Matching is exact and case-sensitive on the text converted to simplified Chinese (the
conversion keeps offsets). An alias made of Latin letters only matches when the characters
around it are not Latin letters or digits; Hangul and Han aliases match anywhere (Korean
particles attach directly: 삼성전자는). Where aliases overlap the longest wins.

Longer names (organisations only, :meth:`Gazetteer.scan`): an alias does not claim a
mention that goes on into a longer name, which is reported as a :class:`LongerName` (its
own organisation) instead. "Hanwha Ocean", "Hyundai Rotem", "Samsung Heavy Industries",
한화오션, 삼성SDS, 韩华海洋 are not the organisation of the alias "Hanwha" / "Samsung" /
한화 / 韩华. The name goes on when the alias is followed by
* (Latin) a space and capitalised words or acronyms ("Ocean", "Heavy Industries", "SDS";
  "&" may join them), except a title (Chairman, CEO, Minister ...), a weekday or month, a
  function word (And, With ...), a legal form or "Group" (Co, Corp, Inc, Group: the same
  organisation), or a place of the alias list ("KOTRA Shanghai" is KOTRA's office). In a
  title-case line (a headline: most words capitalised) capitals prove nothing, so there
  the name goes on only as far as a longer name that a sentence-case line of the same
  text spells out ("Hyundai Rotem Wins Order" -> "Hyundai Rotem" when the body says
  "Hyundai Rotem said"; "Hanwha Wins Order" stays "Hanwha");
* (Hangul, no space in Korean names) two or more syllables that are not particles
  (은/는/이/가/과/와/의/에서 ... stripped from the end, 이/은/을/과/으로 only after a final
  consonant and 가/는/를/와/로 only after a vowel, so 디스플레이 keeps its 이), nor a title
  or a common follow-up noun (그룹, 측, 관계자, 장관, 회장 ...): 한화오션은 -> 한화오션,
  한화는 / 기아차 / 산업부장관 stay with the alias;
* (Han, no spaces at all) a business-line word that Chinese company names end with (海洋,
  重工, 造船, 生物, 化学, 证券, 航空 ...): 韩华海洋; other characters (韩华表示, 三星的,
  三星集团) are not part of a name;
* Latin letters right after a Hangul or Han alias (삼성SDS, 三星SDS).
A longer name stops where the next alias match starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from kcbridge.docs.phrases import PhraseIndex
from kcbridge.docs.text import to_simplified, to_traditional
from kcbridge.errors import ConfigError


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    kind: str  # organisation | place | material
    subtype: str  # ministry, company, country, city, ...
    country: str
    names: dict[str, tuple[str, ...]]
    hs6: tuple[str, ...] = ()

    @property
    def name_en(self) -> str:
        return self.names.get("en", (self.id,))[0] if self.names.get("en") else self.id

    def display_name(self, lang: str = "en") -> str:
        names = self.names.get(lang) or self.names.get("en") or (self.id,)
        return names[0]


@dataclass(frozen=True)
class GazetteerMatch:
    start: int
    end: int
    text: str
    entry: GazetteerEntry


@dataclass(frozen=True)
class LongerName:
    """A name that starts with an alias and goes on ("Hanwha Ocean" after the alias
    "Hanwha"): an organisation of its own, not ``alias``'s entry."""

    start: int
    end: int
    text: str
    alias: GazetteerEntry


@dataclass
class Gazetteer:
    """Alias -> entry index, scanned with a :class:`PhraseIndex`. With
    ``longer_names=True`` (organisations) an alias followed by the rest of a longer name
    does not match (see the module doc)."""

    entries: dict[str, GazetteerEntry]
    longer_names: bool = False
    _aliases: dict[str, GazetteerEntry] = field(default_factory=dict)
    _index: PhraseIndex = field(init=False)

    def __post_init__(self) -> None:
        for entry in self.entries.values():
            for names in entry.names.values():
                for name in names:
                    for variant in {name, to_simplified(name)}:
                        self._aliases.setdefault(variant, entry)
        self._index = PhraseIndex(list(self._aliases))

    @property
    def entries_chars(self) -> set[str]:
        """Single-character aliases (Chinese material names such as 镓)."""
        return {a for a in self._aliases if len(a) == 1}

    def lookup(self, name: str) -> GazetteerEntry | None:
        """Entry of an exact alias (tried as written, simplified, and without "the")."""
        name = name.strip()
        for candidate in (name, to_simplified(name), re.sub(r"^(?:the|The) ", "", name)):
            if candidate in self._aliases:
                return self._aliases[candidate]
        return None

    def find(self, text: str) -> list[GazetteerMatch]:
        """Non-overlapping alias matches in ``text`` (longest first, left to right)."""
        return self.scan(text)[0]

    def scan(self, text: str) -> tuple[list[GazetteerMatch], list[LongerName]]:
        """Alias matches, and the longer names that aliases start but do not claim
        (always empty without ``longer_names``)."""
        simple = to_simplified(text)
        # "US$300 billion", "HK$ 2 million", "in US dollars": a currency, not the country
        raw = [r for r in self._index.finditer(simple) if not _CURRENCY_AFTER.match(simple, r[1])]
        if not self.longer_names:
            return [GazetteerMatch(s, e, text[s:e], self._aliases[a]) for s, e, a in raw], []
        # "APEC중소기업기술교류 및 전시회": an alias that starts an event's name names no body
        raw = [r for r in raw if not _starts_event(simple, r[1])
               and not _names_a_street(simple, r[0], r[1])]
        ends: list[int] = []
        for k, (start, end, _alias) in enumerate(raw):
            limit = raw[k + 1][0] if k + 1 < len(raw) else len(simple)
            ends.append(_name_end(simple, start, end, limit))
        if all(stop == end for (_s, end, _a), stop in zip(raw, ends, strict=True)):
            return [GazetteerMatch(s, e, text[s:e], self._aliases[a]) for s, e, a in raw], []
        # Title-case lines: only longer names seen in a sentence-case line count.
        title_lines = _title_case_lines(simple)
        known = {simple[s:stop] for (s, _e, _a), stop in zip(raw, ends, strict=True)
                 if stop > _e and not _in_lines(s, title_lines)}
        matches: list[GazetteerMatch] = []
        longer: list[LongerName] = []
        for (start, end, alias), stop in zip(raw, ends, strict=True):
            entry = self._aliases[alias]
            if stop > end and _in_lines(start, title_lines):
                # the longest name known from sentence-case lines that this one starts with
                stop = max((start + len(k) for k in known if simple.startswith(k, start)
                            and start + len(k) <= stop
                            and not _LATIN_END.match(simple[start + len(k):][:1])), default=end)
            if stop > end:
                longer.append(LongerName(start, stop, text[start:stop], entry))
            else:
                matches.append(GazetteerMatch(start, end, text[start:end], entry))
        return matches, longer


#: what makes a country's alias a currency's prefix (US$, HK$, NT$, US dollars)
_CURRENCY_AFTER = re.compile(r" ?(?:\$|[Dd]ollars?\b)")


# ---- longer names that start with an alias ---------------------------------------------
_LATIN_END = re.compile(r"[A-Za-z0-9]")
_EN_NAME_WORD = re.compile(r" (& )?([A-Z][a-z][A-Za-z0-9-]*|[A-Z][A-Z]{1,5})(?![\w&])")
_EN_NOT_NAME = frozenset("""
    Minister Vice Deputy Chairman Chairwoman Chair President Premier CEO CFO CTO COO Chief
    Executive Director Director-General Ambassador Secretary Governor Mayor Professor
    Commissioner Spokesperson Spokesman Spokeswoman Head Founder Researcher Official
    Officials Senior General Manager Managing Partner Board Executives
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Jan Feb Mar Apr Jun Jul Aug
    Sep Sept Oct Nov Dec
    And Or With To In On At For Of The A An From By As Vs Via Over Into After Before
    Co Corp Corporation Company Inc Ltd Limited Group Holdings PLC LLC
    """.split())
_HANGUL_RUN = re.compile(r"[가-힣]+")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_KO_AFTER_CONSONANT = ("으로서", "으로써", "으로부터", "으로는", "으로", "이나", "이며", "이고",
                       "이다", "이라", "이란", "이랑", "과의", "과도", "은", "을", "이", "과")
_KO_AFTER_VOWEL = ("로서", "로써", "로부터", "로는", "로", "나", "며", "고", "라", "란", "랑",
                   "와의", "와도", "는", "를", "가", "와")
_KO_ANYWHERE = ("에서는", "에서도", "에서의", "에서", "에게", "에는", "에도", "에의", "에",
                "께서", "의", "도", "만", "부터", "까지", "보다", "처럼", "만큼", "마저",
                "조차", "뿐", "들", "측", "등", "간", "하고", "요")
_KO_PARTICLES = sorted((*_KO_AFTER_CONSONANT, *_KO_AFTER_VOWEL, *_KO_ANYWHERE), key=len,
                       reverse=True)
# Follow-up nouns written without a space: a group, a side, staff, and titles (산업부장관).
_KO_NOT_NAME = ("그룹", "계열", "관계자", "본사", "공장", "제품", "주가", "지분", "사업", "부문",
                "산하", "주도", "주최", "주관", "노사", "임직원", "직원",
                "장관", "차관", "부장", "부부장", "대통령", "주석", "총리", "부총리", "회장",
                "부회장", "사장", "대표", "원장", "소장", "교수", "대사", "총영사", "국장",
                "실장", "위원장", "이사장", "시장", "도지사", "성장", "본부장", "센터장", "박사",
                "의원", "대변인", "처장", "청장", "총장", "서기", "당서기", "부장관", "사무총장",
                "최고경영자", "연구위원", "선임연구원", "책임연구원", "차관보", "비서관", "수석",
                "부시장", "부지사", "부원장", "부사장", "전무", "팀장")
_ZH_NAME_WORDS = ("海洋", "重工业", "重工", "造船", "船舶", "生物", "生命", "化学", "化工",
                  "电机", "电气", "物产", "证券", "保险", "航空", "航天", "宇航", "精密",
                  "商船", "控股", "制药", "医药", "矿业", "钢铁", "建设", "物流", "海运",
                  "商社", "重机", "机械")


_KO_EVENT_END = ("교류", "회의", "포럼", "박람회", "전시회", "대회", "세미나", "설명회")


def _name_end(text: str, start: int, end: int, limit: int) -> int:
    """End of the longer name that the alias ``text[start:end]`` starts, or ``end``."""
    if end >= limit:
        return end
    nxt = text[end]
    if nxt == " " and _LATIN_END.match(text[end - 1]):
        return _latin_name_end(text, end, limit)
    if _HANGUL_RUN.match(nxt):
        run = _HANGUL_RUN.match(text, end, limit)
        rest = _strip_korean_particles(run.group()) if run else ""
        if len(rest) < 2 or rest.startswith(_KO_NOT_NAME) or rest.endswith(_KO_EVENT_END):
            return end  # "APEC중소기업기술교류 및 전시회": an event, not a longer name
        return end + len(rest)
    if _HAN_RUN.match(nxt) and _HAN_RUN.match(text[end - 1]):
        stop = end
        while True:
            word = next((w for w in _ZH_NAME_WORDS if text.startswith(w, stop)
                         and stop + len(w) <= limit), None)
            if word is None:
                return stop
            stop += len(word)
    if _LATIN_END.match(nxt) and not _LATIN_END.match(text[end - 1]):
        latin = _LATIN_RUN.match(text, end, limit)
        return latin.end() if latin else end
    return end


# "삼성동에서", "LG로 12": an alias glued to a district or street word names the place.
_KO_STREET = re.compile(r"(?:동|로|대로|길)(?=$|[^가-힣]|(?:에서|에|의|은|는|이|과|와|으로|일대)"
                        r"(?![가-힣]))")


def _names_a_street(text: str, start: int, end: int) -> bool:
    """Whether a Hangul alias is the start of a district or street name (삼성동, 세종대로)."""
    return bool(re.fullmatch(r"[가-힣]+", text[start:end])) and \
        (start == 0 or not re.match(r"[가-힣]", text[start - 1])) and \
        _KO_STREET.match(text, end) is not None


def _starts_event(text: str, end: int) -> bool:
    """Whether an alias runs on, in the same word, into a long event name (four syllables or
    more ending in an event word: "APEC중소기업기술교류")."""
    run = _HANGUL_RUN.match(text, end)
    return run is not None and len(run.group()) >= 4 and run.group().endswith(_KO_EVENT_END)


def _latin_name_end(text: str, end: int, limit: int) -> int:
    stop = end
    while True:
        m = _EN_NAME_WORD.match(text, stop, limit)
        if m is None or m.group(2) in _EN_NOT_NAME or (stop == end and m.group(1)):
            return stop
        if stop == end and places().lookup(m.group(2)):
            return end  # "KOTRA Shanghai": the alias's office there
        if _starts_person(text, m.start(2)):
            return stop  # "the National Assembly Park Byeong-seug": its speaker, named
        stop = m.end()


def _starts_person(text: str, start: int) -> bool:
    """Whether a romanised Korean or Chinese name with a hyphenated given name starts at
    ``start`` ("Park Byeong-seug", "Lee Jae-yong"): a person after a body's name, never
    part of it."""
    from kcbridge.docs.people import EN_FAMILY_NAMES

    return re.match(rf"(?:{EN_FAMILY_NAMES}) [A-Z][a-z]+-[A-Za-z][a-z]+\b", text[start:]) \
        is not None


def _has_final(syllable: str) -> bool:
    return (ord(syllable) - 0xAC00) % 28 != 0


def _strip_korean_particles(run: str) -> str:
    """``run`` without the particles at its end (한화오션은 -> 한화오션; 는 -> "")."""
    changed = True
    while run and changed:
        changed = False
        for particle in _KO_PARTICLES:
            if not run.endswith(particle):
                continue
            before = run[:-len(particle)]
            if before and particle in _KO_AFTER_CONSONANT and not _has_final(before[-1]):
                continue
            if before and particle in _KO_AFTER_VOWEL and _has_final(before[-1]) and not (
                particle.startswith("로") and (ord(before[-1]) - 0xAC00) % 28 == 8
            ):
                continue  # 로 also follows a final ㄹ
            run, changed = before, True
            break
    return run


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines written in title case (most words of 4+ letters capitalised)."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        words = re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", line)
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _in_lines(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= offset < e for s, e in spans)


def _read_yaml(name: str) -> list[dict[str, Any]]:
    try:
        path = resources.files("kcbridge.docs").joinpath("data").joinpath(name)
        raw = path.read_text(encoding="utf-8")
        data = yaml.safe_load(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(
            f"Cannot read the alias list docs/data/{name}: {exc}.",
            hint="Reinstall kcbridge, or fix the YAML file.",
        ) from exc
    if not isinstance(data, list):
        raise ConfigError(f"docs/data/{name} must be a list of entries.")
    return data


def _names(row: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    names: dict[str, tuple[str, ...]] = {}
    for lang in ("en", "ko", "zh"):
        values = [str(v) for v in (row.get(lang) or []) if str(v).strip()]
        if lang == "zh":
            values += [t for t in (to_traditional(v) for v in values) if t not in values]
        names[lang] = tuple(values)
    return names


def load_entries(name: str, kind: str) -> dict[str, GazetteerEntry]:
    entries: dict[str, GazetteerEntry] = {}
    for row in _read_yaml(name):
        entry_id = str(row["id"])
        if entry_id in entries:
            raise ConfigError(f"Duplicate id {entry_id!r} in docs/data/{name}.")
        entries[entry_id] = GazetteerEntry(
            id=entry_id,
            kind=kind,
            subtype=str(row.get("kind", kind)),
            country=str(row.get("country") or (entry_id[:3] if kind == "place" else "")),
            names=_names(row),
            hs6=tuple(str(c) for c in row.get("hs6", [])),
        )
    return entries


@lru_cache(maxsize=1)
def organisations() -> Gazetteer:
    """Organisations; an English alias in capitals of five or more letters also matches as
    a capitalised word, as news often writes it ("POSCO" -> "Posco", "KOTRA" -> "Kotra").
    Four letters or fewer stay exact ("MOST" is no "Most")."""
    entries = load_entries("organisations.yaml", "organisation")
    widened = {}
    for key, e in entries.items():
        en = e.names.get("en", ())
        extra = tuple(n.capitalize() for n in en if re.fullmatch(r"[A-Z]{5,}", n))
        if extra:
            e = GazetteerEntry(e.id, e.kind, e.subtype, e.country,
                               {**e.names, "en": tuple(dict.fromkeys([*en, *extra]))}, e.hs6)
        widened[key] = e
    return Gazetteer(widened, longer_names=True)


@lru_cache(maxsize=1)
def places() -> Gazetteer:
    return Gazetteer(load_entries("places.yaml", "place"))


@lru_cache(maxsize=1)
def materials() -> Gazetteer:
    """Materials; English aliases also match in lower case at sentence starts."""
    entries = load_entries("materials.yaml", "material")
    widened = {}
    for key, e in entries.items():
        en = tuple(dict.fromkeys([*e.names["en"], *(n[:1].upper() + n[1:] for n in e.names["en"])]))
        widened[key] = GazetteerEntry(e.id, e.kind, e.subtype, e.country, {**e.names, "en": en},
                                      e.hs6)
    return Gazetteer(widened)


def organisation_table() -> list[dict[str, Any]]:
    """One row per organisation of the alias list (for the CLI/API listing)."""
    return [
        {"id": e.id, "country": e.country, "kind": e.subtype, "name_en": e.display_name("en"),
         "name_ko": e.display_name("ko"), "name_zh": e.display_name("zh"),
         "aliases": sorted({a for names in e.names.values() for a in names})}
        for e in organisations().entries.values()
    ]
