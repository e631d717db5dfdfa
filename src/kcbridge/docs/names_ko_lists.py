"""Korean lists of attendees (names11 round of issue 10).

Korean news lists who attended in one sentence: "△인훙 장시성 당서기, △산이 랴오닝성
부성장, △장치샹 헤이룽장성 부성장" or "양의표 교사발전센터 주임, 범위 예술디자인학과 주임
등 5명은". Every item has the same shape, a name then the body and the title (or a body,
then the name and the title). The rules find most items from their own evidence, but a
transliterated Chinese name that Kiwi reads as a common word (범위 "range", 산 + the
particle 이) has none. The list is the evidence: when at least two items of a sentence
hold a person found by the other rules in the same slot (the item's first word, or the word
before its last), the same slot of the other items of that shape holds a person too.

Guards: the word is two to four syllables (four only when Kiwi knows no dictionary word in
it: "대경교육" is a company), no title, place, body, listed organisation or side word
("관계자", "한국"), and no span the other rules already took.
"""

from __future__ import annotations

import re

from kcbridge.docs.entities_ko import (
    _KIWI_FIRST_DICTIONARY_ID,
    _KO_BUSINESS_SUFFIX,
    _KO_NOT_NAMES,
    _KO_ORG_SUFFIX,
    _KO_TITLE_RE,
)
from kcbridge.docs.entity_collector import Collector as _Collector
from kcbridge.docs.gazetteer import organisations, places
from kcbridge.docs.model import Entity
from kcbridge.docs.text import Sentence

# Item separators of a list of people: the comma and the list marks news uses.
_SEPARATOR = re.compile(r"[,，△▲▷◇■ㆍ]|\s-\s")
# The end of the last item: "… 주임 등 5명은", "… 부성장 등이".
_LIST_END = re.compile(r"\s(?:등|외|및)(?:\s|이|은|는|의|$)")
_NAME = re.compile(r"[가-힣]{2,4}")
_TITLE_END = re.compile(rf"(?:{_KO_TITLE_RE})$")
_MIN_PEERS = 2
_MAX_WORDS = 5


def _items(text: str) -> list[tuple[int, list[tuple[int, str]]]]:
    """(offset, words with their offsets) of each comma- or mark-separated item."""
    out = []
    pos = 0
    for piece in [*_SEPARATOR.split(text)]:
        start = text.index(piece, pos)
        pos = start + len(piece)
        end = _LIST_END.search(piece)
        body = piece[:end.start()] if end else piece
        words = [(start + m.start(), m.group()) for m in re.finditer(r"\S+", body)]
        if 2 <= len(words) <= _MAX_WORDS:
            out.append((start, words))
    return out


def _slots(words: list[tuple[int, str]], people: set[int]) -> set[str]:
    """The slots ("first", "before_last") of an item that hold a found person."""
    slots = set()
    if words[0][0] in people:
        slots.add("first")
    if words[-2][0] in people:
        slots.add("before_last")
    return slots


def _name_ok(name: str, tokens: list, start: int) -> bool:  # type: ignore[type-arg]
    if not _NAME.fullmatch(name) or name in _KO_NOT_NAMES or re.fullmatch(_KO_TITLE_RE, name):
        return False
    if places().lookup(name) or organisations().lookup(name) or \
            _KO_ORG_SUFFIX.search(name) or _KO_BUSINESS_SUFFIX.search(name):
        return False
    if len(name) == 4:  # "대경교육": a dictionary word inside makes it a company's name
        inside = [t for t in tokens if start <= t.start < start + len(name)]
        return not any(t.tag == "NNG" and t.len >= 2 and
                       getattr(t, "id", 0) >= _KIWI_FIRST_DICTIONARY_ID for t in inside)
    return True


def korean_lists(col: _Collector, s: Sentence, tokens: list) -> None:  # type: ignore[type-arg]
    """The list rules of sentence ``s``: attendee lists, names joined by a middle dot and
    middle-dot lists of government bodies (names12)."""
    korean_list_people(col, s, tokens)
    korean_joined_people(col, s, tokens)
    korean_dot_list_bodies(col, s)


def korean_list_people(col: _Collector, s: Sentence, tokens: list) -> None:  # type: ignore[type-arg]
    """Add the people of sentence ``s``'s attendee list whose slot the list's other items
    show (module doc)."""
    items = _items(s.text)
    if len(items) < _MIN_PEERS + 1:
        return
    people = {e.start - s.start for e in col.entities
              if e.kind == "person" and e.sentence == s.index}
    peers = [_slots(words, people) for _, words in items]
    # the first item may carry the sentence's lead-in ("태원공대에서는 오옥정 당서기"): it
    # counts as a peer only when the others are too few
    found = [slots for slots in peers[1:] if slots]
    if len(found) < _MIN_PEERS:
        found = [slots for slots in peers if slots]
    if len(found) < _MIN_PEERS:
        return
    fits = [slot for slot in ("first", "before_last") if all(slot in p for p in found)]
    if not fits:
        return
    held = [any(at <= p < at + len(w) for at, w in words for p in people) for _, words in items]
    for n, ((_, words), has_person) in enumerate(zip(items, held, strict=True)):
        if n == 0 or has_person or not _title_end(words) or \
                len(fits) == 2 and len(words) > 2:
            # the first item may hold the sentence's lead-in ("이날 행사에는 박정민 …"); when
            # both slots fit every peer, only a two-word item is certain
            continue
        at, name = words[0] if fits[0] == "first" else words[-2]
        if not _name_ok(name, tokens, at):
            continue
        start = s.start + at
        if fits[0] == "first" and len(words) >= 3:
            _free_name_from_body(col, s, start, words[1][0], words[1][1])
        if not col.free(start, start + len(name)):
            continue
        role = s.text[at + len(name):words[-1][0] + len(words[-1][1])].strip()
        col.add(Entity("person", name, start, start + len(name), s.index, name, "ko", 0.6,
                       "rules", role=role))


def _title_end(words: list[tuple[int, str]]) -> bool:
    """Whether an item ends in a title: a listed one, or (names12) a post of a diplomatic
    mission, which Korean shortens to a word in 관 ("주중대사관 중기관", "… 상무관")."""
    if _TITLE_END.search(words[-1][1]):
        return True
    return len(words) >= 3 and words[-1][1].endswith("관") and 2 <= len(words[-1][1]) <= 4 \
        and re.search(r"(?:대사관|영사관|대표부)$", words[-2][1]) is not None


def _free_name_from_body(col: _Collector, s: Sentence, start: int, local: int,
                         body_word: str) -> None:
    """(names12) "변우철 농어촌공사 새봄산업단지사업단장": when the list shows a name in the
    item's first word, a body that the suffix rule ran over that name starts at the next
    word (just that word when it ends like a body itself)."""
    body_start = s.start + local
    for k, e in enumerate(col.entities):
        if e.kind != "organisation" or e.start != start or e.end <= body_start:
            continue
        end = body_start + len(body_word) if _KO_ORG_SUFFIX.search(body_word) else e.end
        end = min(end, e.end)
        text = s.text[local:end - s.start]
        entry = organisations().lookup(text)
        col.narrow(k, Entity("organisation", text, body_start, end, e.sentence,
                             entry.id if entry else text, "ko", e.confidence, e.source,
                             country=entry.country if entry else ""))
        return


# Names joined by a middle dot share the title after them ("A·B 공동대표").
_JOINED_NAME = re.compile(r"([가-힣]{2,4})[·ㆍ‧]$")


def korean_joined_people(col: _Collector, s: Sentence, tokens: list) -> None:  # type: ignore[type-arg]
    """(names12) "랴오쉬밍·함태식 공동대표": a person found right after a middle dot makes
    the word before the dot a person too (two co-heads written with one title)."""
    for e in [e for e in col.entities if e.kind == "person" and e.sentence == s.index]:
        local = e.start - s.start
        m = _JOINED_NAME.search(s.text[max(0, local - 6):local])
        if m is None or not e.role:
            continue
        name = m.group(1)
        start = e.start - 1 - len(name)
        if start > s.start and re.match(r"[가-힣]", s.text[start - s.start - 1]):
            continue  # the dot ends a longer word
        if not _name_ok(name, tokens, start - s.start) or not col.free(start, start + len(name)):
            continue
        col.add(Entity("person", name, start, start + len(name), s.index, name, "ko", 0.6,
                       "rules", role=e.role))


# A run of words joined by middle dots ("산업통상자원부·기획재정부·환경부·조달청 등").
_DOT_RUN = re.compile(r"(?<![가-힣])[가-힣]{2,12}(?:[·ㆍ‧][가-힣]{2,12})+")
# A government body's head word: a ministry, an agency, an office, a commission.
_GOVERNMENT_HEAD = re.compile(r"[가-힣]{2,10}(?:부|청|처|위원회)")
_PARTICLE_END = re.compile(r"(?:은|는|이|가|과|와|의|도|을|를)$")


def korean_dot_list_bodies(col: _Collector, s: Sentence) -> None:
    """(names12) "산업통상자원부·기획재정부·환경부·조달청 등 관계부처": when at least two
    items of a middle-dot list are organisations already, another item with a government
    body's head word (…부, …청, …처, …위원회) is one too: news lists the bodies of a
    government meeting this way."""
    orgs = {(e.start, e.end) for e in col.entities
            if e.kind == "organisation" and e.sentence == s.index}
    for m in _DOT_RUN.finditer(s.text):
        items, pos = [], m.start()
        for part in re.split(r"[·ㆍ‧]", m.group()):
            items.append((s.start + pos, part))
            pos += len(part) + 1
        known = [(at, w) for at, w in items
                 if any(a <= at and at + len(_PARTICLE_END.sub("", w)) <= b for a, b in orgs)]
        if len(known) < _MIN_PEERS:
            continue
        for at, word in items:
            if (at, word) in known:
                continue
            name = word if _GOVERNMENT_HEAD.fullmatch(word) else _PARTICLE_END.sub("", word)
            if not _GOVERNMENT_HEAD.fullmatch(name) or not col.free(at, at + len(name)):
                continue
            entry = organisations().lookup(name)
            col.add(Entity("organisation", name, at, at + len(name), s.index,
                           entry.id if entry else name, "ko", 0.6, "rules",
                           country=entry.country if entry else ""))


# One syllable that is also a word before a name ("전 대사", "신임", "현 회장", "각", "총").
_NOT_SPACED_FAMILY = set("전현신구각총부대및등또즉약단양이그저새본귀동")


# (names12) One-syllable Chinese family names as Korean writes them, which are no Korean
# family names ("싱 하오린", "쉬 ", "궈 ", "셰 ", "쑨 ").
_ZH_FAMILY_IN_HANGUL = set("싱쉬쑨궈셰쑹쩡톈둥쉐옌슝쿵캉룽돤첸펑덩뤄린샤먀")


def join_spaced_family_names(col: _Collector, text: str) -> None:
    """"왕 리핑 중국 상무부 아주사장", "싱 하오린 대사": a transliterated Chinese name written
    with a space after its one-syllable family name; the person found as "리핑" (or a
    three-syllable "하오린", names12) takes the family name back."""
    from kcbridge.docs.people import KO_SURNAMES

    for e in list(col.entities):
        if e.kind != "person" or e.lang != "ko" or not re.fullmatch(r"[가-힣]{2,3}", e.text) or \
                e.start < 2 or text[e.start - 1] != " ":
            continue
        family = text[e.start - 2]
        before = text[e.start - 3] if e.start >= 3 else " "
        if family not in KO_SURNAMES and family not in _ZH_FAMILY_IN_HANGUL or \
                family in _NOT_SPACED_FAMILY or \
                re.match(r"[가-힣A-Za-z0-9]", before) or not col.free(e.start - 2, e.start - 1):
            continue
        index = col.entities.index(e)
        col.entities[index] = Entity("person", f"{family} {e.text}", e.start - 2, e.end,
                                     e.sentence, family + e.text, "ko", e.confidence, e.source,
                                     role=e.role)
        col._spans[col._spans.index((e.start, e.end))] = (e.start - 2, e.end)
