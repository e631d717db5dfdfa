"""The items of a Chinese 、-list of companies or bodies (split out of
:mod:`kcbridge.docs.entities_zh`, which calls :func:`chinese_lists` after its other rules,
so that the list can count the bodies they found).

"哈威特、韩泰克、维思特等企业", "希杰中国、现代汽车、三星中国、SK中国等企业负责人出席": a
list closed by 等 and a word for companies or bodies names bodies, however unknown each item
is; so does a list in which at least two items, and half of them, are known bodies.
"""

from __future__ import annotations

import re

from kcbridge.docs.entities_zh import _ZH_ORG_SUFFIX, _zh_org_ok
from kcbridge.docs.entity_collector import Collector as _Collector
from kcbridge.docs.entity_collector import resolve_org as _resolve_org
from kcbridge.docs.gazetteer import places
from kcbridge.docs.model import Entity
from kcbridge.docs.sector_tags import is_sector_keyword
from kcbridge.docs.text import Sentence, to_simplified

_ZH_LIST_OF_BODIES = re.compile(
    r"^等(?:\d+家|多家|[一二三四五六七八九十几数]+家|一批|众多)?"
    r"(?:韩国|韩资|韩方|中国|中资|外资|在华|在韩|在烟|知名|大型|主要|相关|重点|骨干|龙头|世界500强)*"
    r"(?:企业(?!家)|公司|集团|韩企|机构|组织|单位|商会|协会|跨国公司|大企业|厂商|银行|院校|高校|"
    # makers and suppliers by their trade ("现代、沃尔沃、通用、雷诺等车厂": names14)
    r"车厂|车企|整车厂|厂家|制造商|供应商|运营商|"
    r"(?<=500强))"
)
_ZH_NAME_TAGS = {"ORG", "PER", "LOC", "nz", "nw"}
# LAC words an item after the first may span: long names of bodies ("五松尖端医疗器械开发支援中心")
# and Latin names with a space ("SK 综合化学") take several.
_ZH_LIST_ITEM_WORDS = 8


def _zh_list_items(words: list[tuple[str, str]]) -> list[list[tuple[int, int]]]:
    """Runs of 、-separated items, each item as the LAC word indices it spans: the first
    item is the name-tagged words just before the first 、, the last one the words just
    after the last 、 up to 等/和/与/及 or punctuation."""
    runs, k = [], 0
    while k < len(words):
        if words[k][0] != "、":
            k += 1
            continue
        first = k - 1
        while first >= 0 and (words[first][1] in _ZH_NAME_TAGS
                              or re.fullmatch(r"[A-Za-z0-9& ]+", words[first][0])) \
                and k - first <= 3:
            first -= 1
        items, start = [], first + 1
        j = k
        while j < len(words) and words[j][0] == "、":
            items.append((start, j))
            start, j = j + 1, j + 1
            while j < len(words) and words[j][0] not in ("、", "等", "和", "与", "及", "，", ",",
                                                          "。", "；", ";", "：", ":") \
                    and j - start < _ZH_LIST_ITEM_WORDS:
                j += 1
        items.append((start, j))
        # a first item LAC did not tag as a name ("为现代、沃尔沃、…": 现代 read as a time) is
        # left out; the rest of the list still names bodies (names14)
        if items[0][0] == items[0][1]:
            items = items[1:]
        if len(items) >= 2 and all(a < b for a, b in items):
            runs.append(items)
        k = max(j, k + 1)
    return runs


def chinese_lists(col: _Collector, s: Sentence, words: list[tuple[str, str]]) -> None:
    """Add the items of sentence ``s``'s lists of bodies (module doc) as organisations
    (``words``: LAC's words and tags of the sentence)."""
    offsets, pos = [], 0
    for word, _tag in words:
        offsets.append(pos)
        pos += len(word)
    offsets.append(pos)
    for items in _zh_list_items(words):
        spans = [(offsets[a], offsets[b]) for a, b in items]
        kinds = [{e.kind for e in col.entities
                  if e.start < s.start + b and s.start + a < e.end} for a, b in spans]
        known = sum("organisation" in k for k in kinds)
        persons = sum("person" in k and "organisation" not in k for k in kinds)
        after = to_simplified(s.text[spans[-1][1]:spans[-1][1] + 24]).replace(" ", "")
        of_bodies = _ZH_LIST_OF_BODIES.match(after) is not None
        if persons * 2 >= len(items) or not (of_bodies or known >= 2 and known * 2 >= len(items)):
            continue  # a list of people, or no sign that it lists bodies
        for (a, b), (wa, wb), kind in zip(spans, items, kinds, strict=True):
            name = s.text[a:b].strip()
            if "person" in kind and (not of_bodies or any(
                    e.role for e in col.entities if e.kind == "person"
                    and e.start < s.start + b and s.start + a < e.end)):
                continue  # "…集团会长崔泰源、…": a person in a list of heads
            tags = [t for _w, t in words[wa:wb] if _w.strip()]
            if "organisation" in kind and not _zh_org_then_place(col, s, a, b) or \
                    len(name) < 2 or places().lookup(name) or \
                    is_sector_keyword(name) or not _zh_list_name(words[wa:wb], tags):
                continue
            a += len(s.text[a:b]) - len(s.text[a:b].lstrip())
            same = [e for e in col.entities if (e.start, e.end) == (s.start + a, s.start + a
                                                                    + len(name))
                    and e.kind == "person" and e.source == "lac"]
            for e in same:  # "韩美达" among companies: LAC's person is the company
                col.remove(e)
            key, country = _resolve_org(name)
            col.add_absorbing(Entity("organisation", name, s.start + a, s.start + a + len(name),
                                     s.index, key, "zh", 0.5, "rules", country=country),
                              kinds=("place", "person", "organisation"),
                              sources=("alias-list", "lac"))


def _zh_org_then_place(col: _Collector, s: Sentence, a: int, b: int) -> bool:
    """Whether the item ``[a, b)`` is a known body followed by a place ("三星中国"): the
    whole item is then the name (the body's branch in that country)."""
    inside = [e for e in col.entities if s.start + a <= e.start and e.end <= s.start + b
              and e.kind == "organisation"]
    if len(inside) != 1:
        return False
    rest = s.text[inside[0].end - s.start:b].strip()
    return bool(rest) and places().lookup(rest) is not None


def _zh_list_name(words: list[tuple[str, str]], tags: list[str]) -> bool:
    """Whether an item of a list reads as a name: LAC tags it as names (a place may qualify
    it: 希杰/PER 中国/LOC), or it is Latin, or it ends in an institution word; never only a
    place, nor a common noun (半导体/n, 化妆品/n)."""
    text = "".join(w for w, _t in words)
    if re.search(r"[A-Za-z]", text):
        return True
    if _ZH_ORG_SUFFIX.search(text) and len(text) >= 4:
        return _zh_org_ok(text)
    return bool(tags) and all(t in _ZH_NAME_TAGS for t in tags) and \
        not all(t == "LOC" for t in tags)
