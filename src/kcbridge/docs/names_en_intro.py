"""English shapes of names that the names13 round added (issue 10), each a way news writes
about people and bodies rather than a list of names:

* an **honorific** before a full name: "Mr. Han Jin Park", "Ms. Li Mei Hua" - the courtesy
  title says a person follows, however many romanised parts the name has (spaCy and the
  romanised-name rules stop after two);
* a **local government by its level and place**: "the municipal government of Shanghai",
  "the provincial government of Jilin" - the body is the place's own government;
* a **word the text marks as a place** ("to Goyang city", "the city of Goyang", "Goyang
  County") is no person when spaCy types it PERSON elsewhere in the same text;
* a **designation** is a class that law puts bodies in, not a body: "Foreign Entities of
  Concern", "the Entity List", "the Unverified List";
* spaCy spans that are **no single name**: a person span with "and" inside ("Namyang
  Dairy Product and Orion", the end of a list of firms), or an organisation span cut after a
  preposition or conjunction ("the Asian Department of"). (A lone kind of body, "our
  Institute", was tried and left out: the scorer counts "the University" right where it
  refers back to the university named before, and one development page lost it.)
"""

from __future__ import annotations

import re

from kcbridge.docs.gazetteer import organisations, places
from kcbridge.docs.names_en import TITLE_WORDS

_PART = r"[A-Z][a-z]+(?:-[a-z]+)?"
# a part in capitals, as official lists write family names or whole names ("YANG SEUNG JO",
# "WON HEE-RYONG", "ZHANG Wei"): two letters or more, so an initial is no part
_CAPS_PART = r"[A-Z]{2,}(?:-[A-Z]{2,})?"
_ANY_PART = rf"(?:{_PART}|{_CAPS_PART})"
_HONORIFIC = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Mme|Dr|Madam|Madame)\.? ({_ANY_PART}(?: {_ANY_PART}){{1,2}})(?![\w-])")
# "Mr. Kwon, Youngjin, Mayor of Daegu": family name, comma, given name (Korean official
# lists), then a comma before the title
_HONORIFIC_COMMA = re.compile(rf"\b(?:Mr|Mrs|Ms|Mme|Dr|Madam|Madame)\.? ({_PART}, {_PART})(?=, )")
_LOCAL_GOVERNMENT = re.compile(
    r"\b((?:[Mm]unicipal|[Pp]rovincial|[Cc]ity|[Pp]eople['’]s|[Rr]egional|[Cc]ounty) "
    r"[Gg]overnment of ([A-Z][a-z]+(?: [A-Z][a-z]+)?))\b"
)
_PLACE_MARK = re.compile(
    r"\b([A-Z][a-z]{2,}) (?:[Cc]ity|[Cc]ounty|[Pp]rovince|[Dd]istrict|[Pp]refecture)\b|"
    r"\b(?:city|county|province|prefecture) of ([A-Z][a-z]{2,})\b"
)
# (names round 15: any title-case "... List", "Validated End-User List", "Denied Persons List")
_DESIGNATION = re.compile(
    r"(?:Entit(?:y|ies) of Concern|(?:^|\s)[A-Z][\w-]*(?: [A-Z][\w-]*)* List)$")
_CUT_END = re.compile(r" (?:of|and|for|in|on|at|to|with|the|&)$")


# titles a comma may put where a given name would stand ("Mr. Kim, Mayor of ..."): the
# posts of names_en and the heads, ranks and roles official lists add after a name
_TITLE_WORDS = TITLE_WORDS | {"Head", "Professor", "Manager", "Executive", "Senior", "Party",
                              "Member", "Representative"}


def honorific_names(sentence: str) -> list[tuple[int, int, str]]:
    """People introduced with a courtesy title: (start, end, name) of "Han Jin Park" in
    "Mr. Han Jin Park, head of ..."; not a place or a listed body ("Mr. Seoul" is none)."""
    out = []
    for m in [*_HONORIFIC.finditer(sentence), *_HONORIFIC_COMMA.finditer(sentence)]:
        name = m.group(1)
        if name.split(", ")[-1] in _TITLE_WORDS:
            continue  # "Mr. Kim, Mayor of ...": the title, not a given name
        if places().lookup(name) or organisations().lookup(name) or \
                any(places().lookup(w) for w in name.split()):
            continue
        out.append((m.start(1), m.end(1), name))
    return out


def local_government_names(sentence: str) -> list[tuple[int, int, str]]:
    """A government named by its level and its place ("municipal government of Shanghai");
    the place must be one the alias list knows."""
    return [(m.start(1), m.end(1), m.group(1)) for m in _LOCAL_GOVERNMENT.finditer(sentence)
            if places().lookup(m.group(2)) is not None]


def place_marked_words(text: str) -> set[str]:
    """Capitalised words the text itself marks as places ("Goyang city", "the city of
    Goyang"): a person span starting with one is a place or a body of it."""
    return {m.group(1) or m.group(2) for m in _PLACE_MARK.finditer(text)}


def designation(name: str) -> bool:
    """Whether ``name`` is a legal class of bodies ("Foreign Entities of Concern")."""
    return _DESIGNATION.search(name) is not None


def no_single_name(name: str, person: bool) -> bool:
    """Whether a spaCy span names no single body or person: a person span holding "and"
    (two names, or the end of a list), an organisation span cut after a function word."""
    if person:
        return " and " in name or " & " in name
    return _CUT_END.search(name) is not None
