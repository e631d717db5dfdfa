"""Precision of statements on real news (issue 10, English and Chinese): what a sentence must
show before it counts as a new cooperation statement when no cue phrase vouches for it, and
when a cue phrase only cites a text signed before.

Round 9's learned candidate stage (:mod:`kcbridge.docs.statement_detector`) makes a statement
of a sentence the cue rules leave untyped, from its probability alone. On real news the
sentences it wrongly keeps are those the cue rules already knew how to refuse, because the
rules' checks never ran on them:

* **the party requirement**: a cooperation statement needs both sides (a cooperation word, a
  mechanism, both countries named, a request addressed to the other side; for what was signed
  or done, a document naming both) — "政府也将会提升应对能力，须积极找寻替代的进口来源地"
  is a government's plan at home;
* **what the type needs**: a signing needs a verb of signing ("The 14 MOUs … underscored the
  joint efforts" restates a signing and signs nothing); an agreement needs something agreed
  and concrete (a project or mechanism) — not talks alone ("Minister Cho discussed ▲ …") and
  not one side telling what it will do ("郑义宣表示，集团将…通过和中国合作伙伴展开积极合作");
* **a meeting held** is implemented cooperation only when the rules would say so (an
  institution's or numbered meeting, a named bilateral event), never the *previous* meeting a
  story recalls ("The previous meeting … was held in San Francisco in 2023"), never talks
  reported ("… discussed expanding economic cooperation … in their first meeting"), and
  never a visit or a promotion event of one side;
* **one side's view**: a first-person opinion ("I believe …", "we should …", "我们认为…")
  without the other side addressed is no proposal;
* **event coreference**: a sentence that reports the event of a cue-typed statement of the
  same document (most of its event words recur there) takes that statement's type, so one
  event does not come out as two types.

A cue that only cites a text signed before is not a signing reported in English ("according
to an FTA signed by the two countries in June", "citing a deal the three inked"; Chinese
"根据2011年签署的…协议" stays a signing, as the sixth round decided), nor is "agreed" used as an
adjective ("an agreed foreign investment of …"), a curb denied ("未正式对韩国实施出口禁令"),
or a Chinese opening that only modifies a noun or dates a time ("已建立的合作渠道",
"峰会开幕前").

Korean is untouched: the detector does not run on it, and the cue checks here are English and
Chinese only.
"""

from __future__ import annotations

import re

from kcbridge.docs.statement_checks import (
    _BILATERAL_EVENT,
    _INSTITUTIONAL,
    _MEETING,
    _SUMMIT,
)
from kcbridge.docs.statement_cues import MECH_COMPILED

# A signed text cited as the source or frame of what the sentence says: the cue sits in a
# noun phrase after "according to", "under", "citing" ... (a reduced or full relative clause).
_CITED_FRAME = re.compile(r"\b(?:according to|under|citing|cited|in line with|based on|"
                          r"pursuant to|in accordance with|as stipulated in)\s+"
                          r"(?:[\w'’()-]+\s+){0,6}?(?:deal|agreement|pact|MOU|memorandum|"
                          r"contract|FTA|accord|treaty|declaration|protocol)s?\s+"
                          r"(?:(?:that|which)\s+)?(?:[\w'’-]+\s+){0,3}?$", re.I)
# "Under the freshly-signed MoU, the two sides will …": the signing as an adjective of the text
# cited.
_CITED_ADJECTIVE = re.compile(r"\b(?:according to|under|citing|in line with|based on|pursuant to|"
                              r"in accordance with)\s+(?:an?\s+|the\s+|its\s+|their\s+)?"
                              r"(?:[\w'’]+[\s-]+){0,2}$", re.I)
_SIGNED_TEXT_AFTER = re.compile(r"\s*(?:[\w()'’-]+\s+){0,2}?(?:deal|agreement|pact|MOU|"
                                r"memorandum|contract|FTA|accord|treaty)", re.I)
_COORDINATED = {
    "en": re.compile(r"\b(?:coordinat(?:e|es|ed|ing)|harmoni[sz](?:e|ed|ing)|explain(?:ed|s|ing)?|"
                     r"brief(?:ed|s|ing)?)\b(?:\s+[\w'’-]+){0,4}\s*$", re.I),
    "zh": re.compile(r"(?:协调|通报|说明|解读|介绍)[^，。；,]{0,8}$"),
}
_ZH_DENIED = re.compile(r"未|没有|并未|尚未|不会|从未")
_ZH_MODIFIER_OR_TIME = re.compile(r"的|前|之前")
# "an agreed foreign investment of US$ 38.68 billion", "the agreed framework": an adjective.
_AGREED_ADJECTIVE = re.compile(r"\b(?:an|the)\s+$", re.I)

# What is hoped, expected or believed will happen has not been agreed ("expressed hope that
# a concerted effort … will expand to …", "相信…将充分发挥…优势").
_HOPED = {
    "en": re.compile(r"\b(?:hope[sd]?|hoping|expect(?:s|ed|ation)?|look(?:s|ed|ing)? forward|"
                     r"believe[sd]?|wish(?:es|ed)?|optimistic|confident)\b", re.I),
    "zh": re.compile(r"希望|期待|期望|相信|预计|有望|盼望|祝愿"),
}
# One side's own vow ("We are committed to expanding cooperation with companies in Korea").
_OWN_VOW = re.compile(r"\b(?:I|we|We|I am|we are|We are)\s+(?:[\w'’-]+\s+)?"
                      r"(?:committed to|pledged?)")
_SIGNING_VERB = {
    "en": re.compile(r"\bsign(?:s|ed|ing)?\b|\bink(?:s|ed|ing)?\b|\bconclud(?:e|ed|es)\b|"
                     r"\bexchanged\b", re.I),
    "zh": re.compile(r"签|缔结"),
}
_AGREED = {
    "en": re.compile(r"\bagree|\bconsensus|\bpledge|\bcommit|\bdecided|\baccord\b|"
                     r"\bwill\b|\bplan", re.I),
    "zh": re.compile(r"同意|共识|商定|约定|一致|决定|承诺|将|计划"),
}
# Something concrete to be done together (the mechanisms of statement_cues count as well).
_CONCRETE = {
    "en": re.compile(r"\b(?:project|mechanism|platform|park|cent(?:re|er)|lab(?:oratory)?|"
                     r"committee|plant|factory|joint venture|JV|fund|pilot|zone|base|"
                     r"programme|program|hotline|office|facility|production line)s?\b", re.I),
    "zh": re.compile(r"项目|机制|平台|园区|中心|实验室|委员会|协定|工厂|试点|示范区|基地|"
                     r"热线|合资|办事处|生产线|基金"),
}
_DISCUSSED = {
    "en": re.compile(r"\bdiscuss(?:ed|es|ing)?\b|\bexchanged (?:their )?views\b|\btalked\b",
                     re.I),
    "zh": re.compile(r"讨论|交换意见|交换了意见|磋商|商讨|探讨"),
}
# A meeting recalled from before the one reported.
_EARLIER_MEETING = {
    "en": re.compile(r"\b(?:previous|prior|preceding|last|earlier)\s+(?:[\w'’-]+\s+){0,3}?"
                     r"(?:meeting|round|session|talks|visit|summit)", re.I),
    "zh": re.compile(r"上次|上一次|上一轮|上届|前一次|此前"),
}
# One side telling what it will do ("郑义宣表示，集团将…", "the company said it will lead …"):
# its own plan, not something the two sides agreed.
_ONE_SIDE_VOW = {
    "en": re.compile(r"\bsaid (?:that )?(?:it|the company|the group|we) (?:will|would)\b", re.I),
    "zh": re.compile(r"表示[，,：:]?(?:集团|公司|本公司|该公司|企业|我们|我方|我校|学校)"
                     r"(?:也|还|今后)?将"),
}
# A delegation's visit, a press conference or a promotion event is one side reaching out, not
# a commitment put into practice ("Delegation from Yancheng Went to Beijing to Visit …", "A
# press conference regarding the … Industrial Park was held in Seoul").
_VISIT_OR_PROMOTION = {
    "en": re.compile(r"\bvisit(?:s|ed|ing)?\b|\bdelegation\b|\bpress conference\b|"
                     r"\bnews conference\b|\bbriefing\b|\broadshow\b|\bpromotion\b", re.I),
    "zh": re.compile(r"访问|拜访|考察|代表团|发布会|推介会|说明会"),
}
# Preparations or plans for a launch ("revs up preparations to launch a … panel").
_STILL_TO_COME = {
    "en": re.compile(r"\bpreparations?\b|\bprepar(?:es|ing|ed) to\b|\bplans? to\b|"
                     r"\bplanning to\b|\bset to\b|\baims? to\b|"
                     r"\bto (?:launch|open|build|set up|establish|start)\b", re.I),
    "zh": re.compile(r"筹备|准备|计划|拟|将于|即将"),
}
_FIRST_SINCE = re.compile(r"\bfirst\s+(?:[\w'’-]+\s+){0,4}?(?:meeting|talks|visit|session)s?\s+"
                          r"(?:[\w'’-]+\s+){0,6}?(?:since|in over|in more than|in nearly)\b",
                          re.I)
_FIRST_PERSON_VIEW = {
    "en": re.compile(r"(?:^|[\s\"“])(?:I|we|We)\s+(?:[\w'’-]+\s+)?(?:believe|think|should|must|"
                     r"need|look forward|hope|expect|feel)\b"),
    "zh": re.compile(r"我们?(?:[^，。；,]{0,4})(?:认为|相信|期待|希望|应该|应当|必须)"),
}
_BOTH_SIDES = {
    "en": re.compile(r"\b(?:two|both) (?:sides|countries|nations|governments)\b|"
                     r"\bour two\b", re.I),
    "zh": re.compile(r"双方|两国|中韩|韩中"),
}


def cue_only_cites(statement_type: str, lang: str, probe: str, m: re.Match[str]) -> bool:
    """Does the cue ``m`` only cite a text signed before (or use "agreed" as an adjective),
    or tell a hope, a forecast or one side's vow rather than the sentence's own event?
    English and Chinese."""
    if lang not in ("en", "zh"):
        return False
    before = probe[max(0, m.start() - 120):m.start()]
    if statement_type == "agreement":
        clause = re.split(r"[.;。；]", before)[-1]
        if _HOPED[lang].search(clause[-100:] if lang == "en" else clause[-24:]):
            return True
        if lang == "en" and _OWN_VOW.search(clause[-40:] + m.group()):
            return True
    if statement_type == "restriction":
        # "虽大陆官方未正式对韩国实施出口禁令": a curb denied; "应当协调对俄出口管制",
        # "to coordinate their export controls": curbs as what partners coordinate or explain
        clause = re.split(r"[，。；,;.]", before)[-1]
        return bool(_COORDINATED[lang].search(clause[-40:])) or (
            lang == "zh" and bool(_ZH_DENIED.search(clause)))
    if statement_type == "implemented" and lang == "zh":
        # "通过双方已建立的合作渠道沟通" (what was set up modifies a noun: background), "在…峰会
        # 开幕前完成" (before something opens: a time, not an event)
        return bool(_ZH_MODIFIER_OR_TIME.match(probe, m.end()))
    if statement_type == "signed" and lang == "en":
        # (Chinese "根据2011年签署的…协议" stays a signing: the sixth round's convention)
        return bool(_CITED_FRAME.search(before)) or (
            bool(_CITED_ADJECTIVE.search(before))
            and bool(_SIGNED_TEXT_AFTER.match(probe, m.end())))
    if statement_type == "agreement" and lang == "en" and m.group().lower() == "agreed":
        return bool(_AGREED_ADJECTIVE.search(before)) and bool(
            re.match(r"\s+[a-z]", probe[m.end():m.end() + 3]))
    return False


def detected_holds(statement_type: str, lang: str, probe: str, *, context: bool) -> bool:
    """Does a sentence the learned stage typed ``statement_type`` (no cue) show what that type
    needs (module doc)? ``context``: it passes the rules' party requirement."""
    if lang not in ("en", "zh"):
        return True
    if statement_type != "restriction" and not context:
        return False
    mechanism = any(p[lang].search(probe) for p in MECH_COMPILED.values())
    if statement_type == "signed":
        return bool(_SIGNING_VERB[lang].search(probe))
    if statement_type == "agreement":
        if _DISCUSSED[lang].search(probe) and not _AGREED[lang].search(probe):
            return False
        if _ONE_SIDE_VOW[lang].search(probe):
            return False
        return mechanism or bool(_CONCRETE[lang].search(probe))
    if statement_type == "implemented":
        # talks reported ("… discussed expanding cooperation in their first meeting"), a
        # meeting recalled from before and the first meeting in a while ("the first meeting
        # between the two ministers since …") are no cooperation put into practice
        if _EARLIER_MEETING[lang].search(probe) or _DISCUSSED[lang].search(probe) or (
                lang == "en" and _FIRST_SINCE.search(probe)):
            return False
        if _VISIT_OR_PROMOTION[lang].search(probe) or _STILL_TO_COME[lang].search(probe):
            return False
        meeting = _MEETING.search(probe)
        return not (meeting and (_SUMMIT.search(probe) or not (
            _INSTITUTIONAL.search(probe) or _BILATERAL_EVENT.search(probe))))
    if statement_type == "proposal":
        return not (_FIRST_PERSON_VIEW[lang].search(probe)
                    and not _BOTH_SIDES[lang].search(probe))
    return True


_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
# Words every cooperation story repeats: they say nothing about which event a sentence tells.
_COMMON = frozenset({
    "the", "and", "for", "with", "that", "this", "said", "has", "have", "was", "were", "will",
    "its", "their", "from", "korea", "korean", "china", "chinese", "south", "two", "sides",
    "cooperation", "countries", "also", "on", "which", "between", "both",
    "中韩", "韩中", "中国", "韩国", "双方", "两国", "合作", "表示", "进行", "我们",
})


def event_words(probe: str) -> set[str]:
    """Latin words and two-character Han runs of a sentence, without the words every story of
    this kind repeats."""
    words = {w.lower() for w in _LATIN_WORD.findall(probe)}
    for run in _CJK_RUN.findall(probe):
        words |= {run[i:i + 2] for i in range(len(run) - 1)} if len(run) > 1 else {run}
    return words - _COMMON


def same_event(detected: set[str], cued: set[str]) -> bool:
    """Does a sentence with event words ``detected`` report the event of a sentence with
    ``cued``? At least half of its own words (and three or more) recur there."""
    shared = len(detected & cued)
    return shared >= 3 and shared >= 0.5 * len(detected)


def meeting_without_parties(statement_type: str, lang: str, cue: str, subject: str, *,
                            sentence_parties: bool) -> bool:
    """Is ``cue`` a meeting held (implemented) by one country, named as the ``subject``
    (the words before the cue), in a sentence that names no second side and no cooperation?
    "China recently held the Fourth Plenary Session of …" is one country's meeting;
    "Negotiators held the fourth round of talks … in Beijing" is the two sides'. English and
    Chinese; ``sentence_parties``: the sentence names both countries or a cooperation word."""
    if lang not in ("en", "zh") or statement_type != "implemented" or sentence_parties:
        return False
    one_side = names_china(subject, lang) != names_korea(subject, lang)
    return bool(_MEETING.search(cue)) and one_side


# Countries other than Korea and China, and the two themselves, named in words (an actor may be
# named without an entity the reader knows: "日韩两国政府", "Japan imposed restrictions").
_THIRD_COUNTRY = {
    "en": re.compile(r"\b(?:Japan(?:ese)?|Tokyo|U\.S\.|United States|American|Washington|"
                     r"Vietnam(?:ese)?|Taiwan(?:ese)?|Taipei|Russia(?:n)?|India(?:n)?|"
                     r"Indonesia(?:n)?|Germany|German|EU|European Union)\b"),
    # (美国 not as 美 + 国际 ending a name: "艾多美国际物流中心")
    "zh": re.compile(r"日本|日方|日韩|韩日|东京|美国(?!际)|美方|美韩|韩美|华盛顿|越南|台湾|"
                     r"俄罗斯|印度|欧盟|德国(?!际)"),
}
_CHINA_WORD = {
    "en": re.compile(r"\b(?:China|Chinese|Beijing|Sino-|PRC)|\bSino\b"),
    "zh": re.compile(r"中国|中方|中韩|韩中|北京|我国|大陆|内地"),
}
_KOREA_WORD = {
    "en": re.compile(r"\b(?:Korea|Korean|Seoul|ROK|RoK)\b"),
    "zh": re.compile(r"韩国|韩方|中韩|韩中|首尔|韩"),
}


def names_third_country(probe: str, lang: str) -> bool:
    """Does the sentence name a country other than Korea and China in words?"""
    pattern = _THIRD_COUNTRY.get(lang)
    return bool(pattern and pattern.search(probe))


def names_china(probe: str, lang: str) -> bool:
    pattern = _CHINA_WORD.get(lang)
    return bool(pattern and pattern.search(probe))


def names_korea(probe: str, lang: str) -> bool:
    pattern = _KOREA_WORD.get(lang)
    return bool(pattern and pattern.search(probe))
