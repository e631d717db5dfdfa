"""Three classes of real statements the cue lists missed or mistyped (issue 10, round strecall4),
read from the sentence's structure in Korean, Chinese and English:

* **A, a meeting of the two sides held** (implemented): a joint body's or a numbered round's
  meeting, or an event two partners hosted together, reported as held ("제1차 … 공동위원회가
  … 개최됐다", "…와 함께 ‘… 상담회’를 개최했다", "第二次…对话在…举行", "held the second
  meeting of", "jointly hosted"), the two sides named in the sentence. A meeting held is
  cooperation put into practice; the cue lists knew only "first meeting" forms and a few event
  nouns. Korean news also reports the day's own meeting in the present with 이날 ("이날 … 제2차 …
  대화를 실시한다"). (A Chinese exchange meeting neither numbered nor an institution's, "…共同举办了
  …交流会", stays no statement: an earlier round's convention, asserted in
  ``tests/docs/test_statements_structure.py``.)
* **B, export-control cooperation is no curb**: a restriction cue whose sentence sets up or
  holds a channel, dialogue, consultation or briefing about it ("수출통제 소통채널 구축", "…
  수출통제 조치에 대한 … 정부간 대화·기업 대상 설명회를 개최할 예정", "briefings about export
  controls", "就出口管制举行磋商") reports cooperation between governments, not a measure
  imposed. A false restriction becomes a false news alert in the watch.
* **C, requests and offers in talks** (proposal): one side asks the other for action, the other
  side named as addressee ("중국측의 즉각적인 조치를 요구했다", "希望武汉市…支持韩国企业",
  "敦促陆方…解除制裁", "emphasized to the Consul General to support"), or one side offers
  its support ("…지원할 것이며 … 제공하겠다고 약속했다", "表示…将…与韩国…探索构建合作机制"). A
  request to lift a curb is a proposal, not the curb; one side's promise is an offer, not an
  agreement of both; "很同意…的提议" (agreeing with an idea) is a view. (A joint plan quoted from
  one speaker, "그는 … 두 도시가 … 나갈 계획이라고 말했다", stays an agreement: an earlier round's
  convention, asserted in ``tests/docs/test_statements_ko_round9.py``.)

Each rule reads a general shape (a marker, a predicate, an addressee), never a phrase of one
page. ``CLASSES`` lists the classes in force (the adoption record of the round is in
``docs/history/recall4_adoption_strecall4.json``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: The classes in force (the round's adoption runs compared each class on and off by
#: replacing this set; a test or an evaluation may do the same with ``monkeypatch``).
CLASSES = frozenset("ABC")

_END = r"[.]?[\"'”’」』)\]]*\s*$"

# --- A: meetings held -------------------------------------------------------------------
_KO_EVENT = (r"(?:회의|대화|공동위원회|공동위|위원회|협의회|협의체|포럼|상담회|교류회|설명회|"
             r"세미나|박람회|전시회|회담|교류전|심포지엄|워크숍|협상|행사)")
# the institution or the joint host that makes a meeting the two sides' own
_KO_JOINT_MARK = re.compile(r"제\s?\d+\s?차|\d+\s?차(?!례)|\d+차례|공동위|정례|"
                            r"한\s?[·・\-]?\s?중\s?(?:\S+\s){0,3}?\S*(?:위원회|협의회|협의체)|"
                            r"공동\s?(?:으로\s?)?(?:주최|주관|개최)|"
                            r"(?:와|과)\s함께\s[^.]{0,80}?" + _KO_EVENT)
_KO_HELD = re.compile(r"(?:(?:개최|진행|실시|주재|개막|폐막|거행)(?:됐|되었|했|하였)|열렸|"
                      r"막을\s?(?:내렸|올렸))(?:다|습니다)" + _END)
# the day's own meeting, told in the present ("이날 … 대화를 실시한다")
_KO_TODAY = re.compile(r"(?:^|\s)이날\s")
_KO_HELD_TODAY = re.compile(r"(?:개최|실시|진행)(?:한다|합니다)" + _END)
# "공동으로 개최한 ‘…포럼’에는 … 참석해 … 공유했다": a jointly hosted event, the sentence past
_KO_JOINT_HOSTED = re.compile(r"공동\s?(?:으로\s?)?(?:주최|개최|주관)(?:한|된)\s[^.]{0,60}?"
                              + _KO_EVENT + r"[’'”」』]?(?:에는|에서는|에서|에)\s")
_KO_PAST_END = re.compile(r"(?:었|았|했|였|됐)(?:다|습니다)" + _END)

_ZH_ROUND_HELD = re.compile(
    r"第[\d一二三四五六七八九十百]+[次届轮][^，。；,]{0,30}?(?:会议|对话|磋商|联委会|委员会|论坛|"
    r"会谈|交流会|研讨会)[^。；]{0,40}?(?:举行|召开|开幕|闭幕|举办)(?![的之])")

_EN_ORDINAL = (r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|inaugural|"
               r"annual|\d+(?:st|nd|rd|th))")
_EN_HELD = re.compile(
    r"\b(?:held|hosted|co-hosted|convened|co-chaired|chaired)\s+(?:the|its|their)\s+"
    + _EN_ORDINAL + r"\s+(?:[\w-]+\s+){0,5}?(?:meeting|session|round|dialogue|forum|"
    r"conference|committee|commission)s?\b|"
    r"\b(?:jointly\s+(?:held|hosted|organi[sz]ed)|co-(?:hosted|organi[sz]ed))\b|"
    r"\b" + _EN_ORDINAL + r"\s+(?:[\w-]+\s+){0,6}?(?:meeting|session|round|dialogue|committee|"
    r"commission)\b[^.]{0,80}?\b(?:was (?:held|convened)|took place)\b", re.I)


_ZH_TO_COME = re.compile(r"将|拟|即将|预计|计划|有望|定于")


def meeting_to_come(lang: str, m: re.Match[str]) -> bool:
    """Class A: a Chinese meeting cue that spans its own future marker ("…对话将于明年在首尔
    举行") reports a meeting still to come, not one held."""
    return "A" in CLASSES and lang == "zh" and bool(_ZH_TO_COME.search(m.group()))


# the two sides in the sentence: a joint event of two Korean cities is no Korea-China one
_TWO_SIDES = {
    "ko": re.compile(r"한\s?[·・\-]?\s?중|중\s?[·・\-]?\s?한|중국|[양량]국|[양량]측|두 나라|"
                     r"두 도시|양 도시"),
    "zh": re.compile(r"韩|两国|双方|两市|两地|两省|两校"),
    "en": re.compile(r"\b(?:Korea|Korean|China|Chinese|both|two sides|bilateral|joint|their)\b",
                     re.I),
}


def held_meetings(lang: str, probe: str) -> Iterator[re.Match[str]]:
    """Class A: where the sentence reports a meeting of the two sides held, the match of its
    predicate (Korean: the final predicate; the meeting must be an institution's, a numbered
    round or jointly hosted, and the sentence must name the two sides)."""
    if "A" not in CLASSES or not _TWO_SIDES[lang if lang in _TWO_SIDES else "en"].search(probe):
        return
    if lang == "ko":
        if not _KO_JOINT_MARK.search(probe) or not re.search(_KO_EVENT, probe):
            return
        held = _KO_HELD.search(probe)
        if held is None and _KO_TODAY.search(probe):
            held = _KO_HELD_TODAY.search(probe)
        if held is None and _KO_JOINT_HOSTED.search(probe):
            held = _KO_PAST_END.search(probe)
        if held is not None:
            yield held
    elif lang == "zh":
        yield from _ZH_ROUND_HELD.finditer(probe)
    else:
        yield from _EN_HELD.finditer(probe)


# --- B: export-control cooperation --------------------------------------------------------
# a curb verb between the cue and the channel means the sentence also imposes something
_KO_CURB_VERB = r"강화|시행|발표|단행|중단|금지|부과|도입|발효|제한했|통제했"
_KO_CHANNEL_ACT = re.compile(
    r"(?:(?!" + _KO_CURB_VERB + r")[^.]){0,70}?(?:소통\s?채널|채널|대화|설명회|간담회|협의체|"
    r"핫라인|소통|워킹\s?그룹|실무\s?협의)[^.]{0,12}?(?:구축|신설|개설|개최|운영|가동|실시|출범|"
    r"마련|열기로|열 예정|갖기로|갖는다|연다)")
_ZH_CHANNEL_AFTER = re.compile(r"(?:问题|事项|领域|方面|相关)?[^，。；,]{0,8}?"
                               r"(?:对话|磋商|沟通|交流|渠道|说明会|宣讲会|工作组|会谈|研讨)")
_ZH_CHANNEL_BEFORE = re.compile(r"(?:建立|设立|举行|召开|开展|举办|启动|搭建|开通|进行|就|围绕|"
                                r"关于)[^，。；,]{0,12}$")
_EN_CHANNEL_BEFORE = re.compile(
    r"\b(?:dialogues?|channels?|consultations?|briefings?|hotlines?|communication|talks|"
    r"seminars?|sessions?|working groups?|meetings?)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:on|about|regarding|concerning|over|for)\s+(?:[\w'’-]+\s+){0,3}$", re.I)
_EN_CHANNEL_AFTER = re.compile(r"(?:[\w-]+\s+){0,2}?(?:briefings?|communication|hotline|seminars?|"
                               r"consultations?|dialogues?|channels?)\b", re.I)


def curb_is_cooperation(lang: str, probe: str, m: re.Match[str]) -> bool:
    """Class B: is the restriction cue ``m`` the topic of a channel, a dialogue, a
    consultation or a briefing the sentence sets up or holds?"""
    if "B" not in CLASSES:
        return False
    if lang == "ko":
        return bool(_KO_CHANNEL_ACT.match(probe, m.end()))
    if lang == "zh":
        return bool(_ZH_CHANNEL_AFTER.match(probe, m.end())
                    and _ZH_CHANNEL_BEFORE.search(probe[max(0, m.start() - 20):m.start()]))
    return bool(_EN_CHANNEL_BEFORE.search(probe[max(0, m.start() - 80):m.start()])
                or _EN_CHANNEL_AFTER.match(probe, m.end() + (probe[m.end():m.end() + 1] == " ")))


# --- C: requests and offers -----------------------------------------------------------------
_KO_COUNTERPART = r"(?:중국|한국|중|한|상대|우리|중국\s?정부|한국\s?정부|중국\s?당국)\s?측?"
_KO_REQUEST_OF = re.compile(_KO_COUNTERPART + r"의\s(?:[^.]{0,30}?)(?:조치|협조|지원|노력|"
                            r"해결|관심|협력|시정|개선)(?:을|를)\s?(?:요구|요청|촉구|당부)(?:했|하였|한다|합니다)")
_KO_OFFER = re.compile(r"(?:지원|제공|협조|도움)"
                       r"(?:할 것이며|하겠다고|하겠다며|하겠다는|할 것이라고)")
# one side's promise to the other ("중국 측은 … 적극적인 역할을 하겠다고 약속했다"; round
# stfresh28): an offer, as a promise of support is
_KO_SIDE_PROMISE = re.compile(r"(?:중국|한국|중|한|상대)\s?측(?:은|이|도)\s[^.]*?하겠다고\s?약속")
_KO_JOINT = re.compile(r"(?:^|\s)(?:양사|[양량]측|[양량]국|양\s?기관|양 도시|두 기관|두 회사|"
                       r"양국 정부|두 나라)(?:은|는|이|가)\s")

_ZH_PARTY = r"(?:中方|韩方|陆方|大陆|[\u4e00-\u9fff]{1,6}?(?:市|省|政府|方面|部门|大学|企业))"
_ZH_ASKED = re.compile(r"(?:希望|敦促|促请|吁请|呼吁|请求|要求)" + _ZH_PARTY
                       + r"[^，。；,]{0,14}?(?:支持|加强|推动|扩大|给予|提供|协助|帮助|深化|加大|"
                       r"解除|取消|撤销|放宽|停止|参与|关注)")
# (something concrete to be built with the partner: "将加强与…的合作" is a vague vow)
_ZH_OFFER = re.compile(r"表示[^。；]{0,40}?将[^。；]{0,60}?与[^，。；,]{0,30}?"
                       r"(?:共建|合建|探索构建|构建|建立|设立|成立|开展)")
_ZH_JOINT = re.compile(r"双方|两国|两校|两市|两地|两家|中韩|韩中")
_ZH_VIEW = re.compile(r"(?:很|非常|完全|十分|深表|都)$")

_EN_ASKED = re.compile(
    r"\b(?:emphasi[sz]ed|stressed|asked|urged|requested|pressed|called on)\s+(?:to\s+)?"
    r"(?:the\s+|his\s+|her\s+|their\s+)?(?:[A-Z][\w’'-]*\s+){1,5}to\s+(?:support|help|cooperate|"
    r"assist|promote|expand|back|consider|facilitate|join|invest|participate|provide|lift|ease)\b|"
    # the addressee named with a clause between commas ("asked the Ministry of Commerce, which
    # is in charge of …, to protect …"; round stfresh26)
    r"\b(?:asked|urged|requested|pressed|called on)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+)*"
    r"[A-Z][\w’'-]*,\s(?:which|who)\b[^.;]{0,160}?,\s+to\s+[a-z]+")


def request_cues(lang: str, probe: str) -> Iterator[re.Match[str]]:
    """Class C: requests addressed to the other side and one side's offers (proposal cues)."""
    if "C" not in CLASSES:
        return
    if lang == "ko":
        yield from _KO_REQUEST_OF.finditer(probe)
    elif lang == "zh":
        yield from _ZH_ASKED.finditer(probe)
        if not _ZH_JOINT.search(probe.split("表示", 1)[0]):
            yield from _ZH_OFFER.finditer(probe)
    else:
        yield from _EN_ASKED.finditer(probe)


def addressed_request(lang: str, probe: str) -> bool:
    """Class C: does the sentence ask the other side (named as addressee) to act? Such a
    request is cooperation context of its own, and a curb it asks to lift is none."""
    return "C" in CLASSES and any(True for _ in request_cues(lang, probe))


def offer_of_one_side(lang: str, probe: str, cue: str) -> bool:
    """Class C: is an agreement cue one side's offer (a Korean promise of support with no joint
    subject, a Chinese speaker's "将与…构建…" with none)? Then it is a proposal."""
    if "C" not in CLASSES or lang not in ("ko", "zh"):
        return False
    if lang == "zh":
        return bool(_ZH_OFFER.search(probe)) and not _ZH_JOINT.search(probe.split("表示", 1)[0])
    return "약속" in cue and bool(_KO_OFFER.search(probe) or _KO_SIDE_PROMISE.search(probe)) \
        and not _KO_JOINT.search(probe)


def agreement_is_view(lang: str, probe: str, m: re.Match[str]) -> bool:
    """Class C: "很同意…的提议" agrees with an idea (a view), not to an act."""
    return "C" in CLASSES and lang == "zh" and m.group().startswith("同意") and bool(
        _ZH_VIEW.search(probe[max(0, m.start() - 2):m.start()]))
