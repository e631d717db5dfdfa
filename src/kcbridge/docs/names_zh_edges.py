"""Edges of Chinese organisation names (konames round of issue 10).

LAC cuts a Chinese body's name where the text has no punctuation, so its edges go wrong
in two ways this module mends after the Chinese rules ran:

* a word before the name is glued to it: the day of a date ("12 月 1 日斗山机床…" gives
  "日斗山机床…"), a role noun ("…的负责人斗山机床烟台有限公司") or the preposition of an
  invitation ("应釜山大学、仁川大学邀请" gives "应釜山大学");
* a verb of a visit or a ceremony, with the title of who did it, is glued before the
  name ("调研中韩经济文化交流中心", "部长见证闪联信息产业协会": LAC reads "investigated" /
  "the minister witnessed" as part of the body; ennames2 round);
* a country and a kind of body ("韩国大学") is no name at all;
* a "name" that starts right after a bracketed place is the tail of a longer name the
  document also writes in full ("三星(中国)半导体有限公司" read once as "三星" +
  "半导体有限公司"; ennames2 round);
* a Latin acronym that starts the name is cut off by the space the text puts after it
  ("SK 化工株式会社", "IT 专家协会"): the name is extended over it.
"""

from __future__ import annotations

import re

from kcbridge.docs.entity_collector import Collector as _Collector
from kcbridge.docs.entity_collector import resolve_org as _resolve_org
from kcbridge.docs.gazetteer import organisations
from kcbridge.docs.model import Entity
from kcbridge.docs.text import to_simplified

# A country and a kind of body: bodies in general, no name.
_COUNTRY_KIND = re.compile(r"(?:韩国|中国|日本|美国|中韩|韩中)(?:大学|高校|企业|公司)")
# Role nouns, list words and verbs of a visit or a ceremony that end up glued before a
# body's name.
_GLUED_LEAD = re.compile(r"^(?:(?:副)?(?:部长|局长|主任|院长|校长|会长|总裁|市长|省长|书记))?"
                         r"(?:负责人|代表|高管|嘉宾|以及|包括|其中|分别|还有|"
                         r"调研|见证|参观|走访|访问|会见|拜访|考察|出席|参加|莅临|到访|前往|来到)")
# A day or month after a number ("1 日", "12月"): the date's last character.
_DATE_BEFORE = re.compile(r"[0-9０-９]\s*$")
# A Latin acronym and a space right before the name ("SK 化工株式会社").
# (not the second word of a Latin name: "LG DISPLAY 等").
_LATIN_BEFORE = re.compile(r"(?<![A-Za-z0-9&] )(?<![A-Za-z0-9&])([A-Z][A-Za-z0-9&]{1,9}) $")


def mend_chinese_edges(col: _Collector, text: str) -> None:
    """Trim glued words off the start of Chinese organisations and extend them over a
    Latin acronym cut off by a space (see the module's docstring)."""
    for e in list(col.entities):
        if e.kind != "organisation" or e.lang != "zh" or e.source == "alias-list":
            continue
        k = col.entities.index(e)
        if (_COUNTRY_KIND.fullmatch(to_simplified(e.text))
                or _bracket_tail(e, text, col.entities)) and not organisations().lookup(e.text):
            col.entities.pop(k)  # "韩国大学": Korean universities in general, no name
            col._spans.remove((e.start, e.end))
            continue
        start, name = e.start, e.text
        if name[:1] in "日月" and _DATE_BEFORE.search(text[max(0, start - 4):start]):
            start, name = start + 1, name[1:]
        lead = _GLUED_LEAD.match(name)
        if lead and len(name) - lead.end() >= 4:
            start, name = start + lead.end(), name[lead.end():]
        elif name[:1] in "应受" and len(name) >= 5 and \
                re.match(r"[^。；;]{0,24}?邀请", text[e.end:]):
            start, name = start + 1, name[1:]  # "应釜山大学…邀请": at the body's invitation
        latin = _LATIN_BEFORE.search(text[max(0, start - 12):start])
        if latin and start == e.start:
            new_start = start - len(latin.group())
            if col.free(new_start, start):
                name = text[new_start:e.end]
                key, country = _resolve_org(name)
                col.entities[k] = Entity("organisation", name, new_start, e.end, e.sentence, key,
                                         "zh", e.confidence, e.source, country=country)
                col._spans[col._spans.index((e.start, e.end))] = (new_start, e.end)
            continue
        if start != e.start and len(name) >= 3 and not organisations().lookup(e.text):
            key, country = _resolve_org(name)
            col.narrow(k, Entity("organisation", name, start, e.end, e.sentence, key, "zh",
                                 e.confidence, e.source, country=country))


def _bracket_tail(e: Entity, text: str, entities: list[Entity]) -> bool:
    """Whether ``e`` starts right after a bracketed place ("三星(中国)" + "半导体有限公司") and
    another organisation of the document is the full name ending in it."""
    if not re.search(r"[(（][\u4e00-\u9fff]{1,4}[)）]\s*$", text[max(0, e.start - 6):e.start]):
        return False
    return any(o is not e and o.kind == "organisation" and len(o.text) > len(e.text)
               and o.text.endswith(e.text) and re.search(r"[)）]", o.text) for o in entities)
