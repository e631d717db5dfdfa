"""Korean bodies introduced by their kind (names11 round of issue 10).

Korean news introduces a company the reader may not know by the noun of its kind right
before its name: "중국 배터리 업체 누리온은", "파트너사인 텐치리튬이", "자회사 한빛머티리얼과".
The kind is the evidence; the name needs no suffix and no list. This is the Korean form of
the English "the Korean company Nanos" (:func:`.names_en.kind_introduced_names`).

The name is the next word, with its particle cut off. It is refused when Kiwi reads it as
one word of its dictionary ("업체 관계자", "기업 설립": common nouns have a dictionary
morpheme of two or more syllables), when it is a place, a title, a side word, a number or
a letter standing for a company the text does not name ("A사"), and when another rule
already took the span.
"""

from __future__ import annotations

import re

from kcbridge.docs.entities_ko import (
    _KIWI_FIRST_DICTIONARY_ID,
    _KO_NOT_NAMES,
    _KO_TITLE_RE,
)
from kcbridge.docs.entities_ko_parties import _KO_ANONYMOUS
from kcbridge.docs.entity_collector import Collector as _Collector
from kcbridge.docs.entity_collector import resolve_org as _resolve_org
from kcbridge.docs.gazetteer import places
from kcbridge.docs.model import Entity
from kcbridge.docs.text import Sentence

_KIND = (r"(?:기업|업체|회사|제조사|제조업체|스타트업|자회사|계열사|파트너사|협력사|합작사|"
         r"고객사|납품업체|공급업체|완성차업체|완성차 업체|파트너|협력업체|운영사|투자사|개발사|"
         r"시행사)")
KIND_TRIGGER = re.compile(_KIND + r"(?:인|이자)? [가-힣A-Za-z]")
_KIND_THEN_NAME = re.compile(
    rf"(?<![가-힣]){_KIND}(?:인|이자)? ([가-힣A-Za-z][가-힣A-Za-z0-9&]{{1,14}}?)"
    r"(?:은|는|이|가|과|와|의|도|를|을|에|측|로|으로|에서|와의|과의)?(?=[\s,.]|$)"
)
# A compound kind ending in a kind noun and the copula, naming what the firm does: "강재가공
# 업체인 포스트레이드도", "금속패널 생산업체인 대륭산업이" (names14 round); the copula 인 ("which is
# a ...") makes the next word the firm's name.
_COMPOUND_KIND_THEN_NAME = re.compile(
    r"(?<=[가-힣])(?:업체|제조사|메이커)인 ([가-힣A-Za-z][가-힣A-Za-z0-9&]{1,14}?)"
    r"(?:은|는|이|가|과|와|의|도|를|을|에|측|로|으로|에서|와의|과의)?(?=[\s,.(]|$)"
)
_PARTICLE_ONLY = re.compile(r"^(?:은|는|이|가|과|와|의|도|를|을|에|측)$")


def _name_ok(name: str, tokens: list, start: int) -> bool:  # type: ignore[type-arg]
    if name in _KO_NOT_NAMES or re.fullmatch(_KO_TITLE_RE, name) or places().lookup(name) or \
            _KO_ANONYMOUS.match(name):
        return False  # (…, "A사": a company the text does not name)
    inside = [t for t in tokens if start <= t.start < start + len(name)]
    if not inside or any(t.tag.startswith(("V", "E", "J", "M", "XS")) for t in inside):
        return False  # a verb, an ending or a particle: a clause, not a name
    if re.search(r"[A-Za-z]", name):
        return True  # Latin letters: a brand or company name ("SK온", "BF Nano")
    # a common noun of Kiwi's dictionary ("관계자", "설립", "투자") is no name
    return not any(t.tag == "NNG" and t.len >= 2
                   and getattr(t, "id", 0) >= _KIWI_FIRST_DICTIONARY_ID for t in inside)


def korean_kind_names(col: _Collector, s: Sentence, tokens: list) -> None:  # type: ignore[type-arg]
    """Add the bodies sentence ``s`` introduces by their kind (module doc)."""
    for m in [*_KIND_THEN_NAME.finditer(s.text), *_COMPOUND_KIND_THEN_NAME.finditer(s.text)]:
        name = m.group(1)
        word = re.match(r"\S+", s.text[m.start(1):]).group().rstrip(",.")  # type: ignore[union-attr]
        tail = [t for t in tokens if t.start == m.start(1) + len(name)]
        if len(word) > len(name) and not (tail and tail[0].tag.startswith("J")):
            name = word  # "업체 롱바이 자회사": Kiwi reads no particle, 이 is the name's
        if re.search(r"기업인 $", m.group()[:m.start(1) - m.start()]) and \
                re.fullmatch(r"[가-힣]{3}", name):
            continue  # "기업인 조현일": a businessman (기업인) and his name
        if not _name_ok(name, tokens, m.start(1)):
            continue
        start = s.start + m.start(1)
        if not col.free(start, start + len(name)):
            continue
        key, country = _resolve_org(name)
        col.add(Entity("organisation", name, start, start + len(name), s.index, key, "ko", 0.55,
                       "rules", country=country))
