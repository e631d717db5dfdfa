"""How Korean news introduces a person it has not named before (names13 round of issue 10).

* The name, then the body the person speaks for, then the title ("왕리에
  중국국제무역촉진위원회(CCPIT) 부회장"). :mod:`entities_ko` reads "name + up to two words +
  title" with :func:`entities_ko._ko_person_ok`, which refuses a transliterated name whose
  last syllable Kiwi reads as a particle (왕/NNG 리/XSN 에/JKB). Between a listed body and
  its title the three syllables can only be a name, unless Kiwi knows a word in them
  ("오전에 상무부 장관이": 오전/NNG is a word, not a name).
* A Chinese name in Hangul with its Han characters in brackets, with a title after it, or
  a speaker's role or (names13) a title right before it ("관리위원회 주임인 탕다펑(汤大鹏)은").
"""

from __future__ import annotations

import re

from kcbridge.docs.entities_ko import (
    _KIWI_FIRST_DICTIONARY_ID,
    _KO_NOT_NAMES,
    _KO_TITLE_RE,
    _ko_role_after,
)
from kcbridge.docs.entity_collector import Collector as _Collector
from kcbridge.docs.gazetteer import organisations, places
from kcbridge.docs.model import Entity
from kcbridge.docs.people import KO_NAME_WITH_HANJA, KO_SURNAMES, ZH_SURNAMES
from kcbridge.docs.text import Sentence, to_simplified

# A speaker's role before a Han-glossed name with no title after it ("담당자 인난(尹楠)은").
_KO_ROLE_BEFORE_NAME = re.compile(r"(담당자|책임자|대변인|관계자) $")
# A title right before a name written with its Han characters, often as a clause ("관리위원회
# 주임인 탕다펑(汤大鹏)은", "주한대사 다이빙(戴兵)은"): the person is introduced by the title
# before the name instead of after it (names13).
_KO_TITLE_BEFORE_NAME = re.compile(rf"({_KO_TITLE_RE})(?:인|이자|이며)? $")
# the Latin or Han gloss of a body ("(CCPIT)"), dropped before the alias look-up
_GLOSS = re.compile(r"\([^()]*\)")


def name_then_body_title(name: str, role: str, tokens: list,  # type: ignore[type-arg]
                            start: int) -> bool:
    """Whether ``name`` (three syllables at ``start``) is a person's name introduced by the
    listed body and title that follow it (``role``: "중국국제무역촉진위원회(CCPIT) 부회장")."""
    words = role.split()
    if len(words) < 2 or not re.fullmatch(r"[가-힣]{3}", name) or name[0] not in KO_SURNAMES \
            or name in _KO_NOT_NAMES or places().lookup(name) or organisations().lookup(name):
        return False
    body = _GLOSS.sub("", " ".join(words[:-1])).strip()
    if not body or organisations().lookup(body) is None:
        return False
    inside = [t for t in tokens if start <= t.start < start + len(name)]
    return bool(inside) and not any(
        t.len >= 2 and t.tag.startswith("N") and getattr(t, "id", 0) >= _KIWI_FIRST_DICTIONARY_ID
        for t in inside)


def han_glossed_people(col: _Collector, s: Sentence) -> None:
    """A Chinese name in Hangul with its Han characters in brackets ("쉬관화(徐冠華) 중국
    과학기술부 부장") is a person when a title follows it, or a speaker's role or a title
    comes right before it (moved here from :mod:`entities_ko` in names13, unchanged but
    for the title before the name)."""
    for m in KO_NAME_WITH_HANJA.finditer(s.text):  # 쉬관화(徐冠華) 중국 과학기술부 부장
        han = to_simplified(m.group(2))
        after = s.text[m.end():m.end() + 30]
        ends = re.match(r"(?:은|는|이|가|과|와|의|도)?[\s,]", after)
        glued = not ends and bool(re.match(r"[가-힣]", after))  # "(金育辉)부성장과"
        lead = s.text[max(0, m.start() - 12):m.start()]
        lead_role = _KO_ROLE_BEFORE_NAME.search(lead) or _KO_TITLE_BEFORE_NAME.search(lead)
        if han[0] not in ZH_SURNAMES or len(m.group(1)) > 2 * len(han) or (
                glued and not re.match(rf"[가-힣]?(?:{_KO_TITLE_RE})", after)) or (
                not glued and not re.search(_KO_TITLE_RE, after.split(",")[0])
                and not (lead_role and ends)):
            continue  # a Chinese syllable reads as one or two Hangul ones (웨이샤우펑(魏小鵬))
        start = s.start + m.start(1)
        # keyed by its Han characters: a two-syllable name written with them (쟝민(蒋敏))
        # is a full name, not a bare surname
        col.add(Entity("person", m.group(1), start, start + len(m.group(1)), s.index,
                       han, "ko", 0.7, "rules",
                       role=_ko_role_after(after) or (lead_role.group(1) if lead_role else "")))
