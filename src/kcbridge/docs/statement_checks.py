"""Structure checks of the statement rules (:mod:`kcbridge.docs.statements`): whether a cue
phrase that matched holds where it stands in the sentence.

* tense and aspect on the predicate (Korean endings and time adverbs, Chinese 了/过/已 against
  将/正在 and the verb chain a future marker governs, English perfect and passive);
* the modality the cue is embedded under (a hope, a Korean sentence ending as a possibility,
  speculation before an English or Chinese curb);
* the argument the cue fills (a curb as the topic of a dialogue, of a response or of an
  assessment; a curb lifted or cancelled; a meeting that is the topic of an agreement);
* the form it takes (a Korean relative clause modifies a noun);
* what is vowed or hoped (a joint vow names a mechanism or project, a hope is for cooperation).

The round-strecall4 checks (an export-control channel or dialogue is no curb, a request to lift
a curb is none, "很同意" is a view, a Chinese meeting cue spanning 将 is still to come) are read
from :mod:`kcbridge.docs.statement_recall`.

Also the probe a sentence is matched on (:func:`probe_of`): Chinese in simplified script, with
inline romanisation glosses ("產(chǎn)業(yè)") taken out.
"""

from __future__ import annotations

import re

from kcbridge.docs.statement_cues import MECH_COMPILED, ko_forecast
from kcbridge.docs.statement_recall import (
    agreement_is_view,
    curb_is_cooperation,
    meeting_to_come,
    request_cues,
)
from kcbridge.docs.text import to_simplified

# A restriction cue that names the topic of a dialogue or of cooperation ("the export control
# dialogue", "수출통제 대화", "出口管制对话机制") does not make the sentence a restriction.
_CUE_AS_TOPIC = {
    "en": re.compile(r"\s?(?:dialogue|talks|consultations?|working group|cooperation|"
                     r"mechanism|meeting|forum|channel|law|violations?|compliance)", re.I),
    # (a word may stand before the event noun: "수출통제 기업설명회")
    "ko": re.compile(r"\s?(?:(?:과|와|에)\s?관련|(?:기업|공동|정부간?)?\s?설명회|대화|협의|협력|"
                     r"회의|워킹그룹|실무\s?그룹|채널|"
                     r"관련|위반|법|메커니즘|체계|제도|현황|대응)"),
    "zh": re.compile(r"的?(?:对话|磋商|合作|会议|工作组|沟通|渠道|法|相关(?!物项|产品|技术|物资)|"
                     r"违法|合规|机制|体系|制度)"),
}
# A curb whose clause goes on to a verb of telling or talking ("수출통제 제도와 수출허가 절차를
# … 안내할 예정이다", "수출통제 현안에 대해 정보를 공유했다") is what the two governments
# explain or discuss, not a curb imposed; the first predicate after the cue decides
# ("… 허가 절차를 강화했다" is one).
_KO_TOPIC_PREDICATE = re.compile(r"(?:(?!했|하고|하며|한다|하여|하는|(?<![대관])해\s)[^.,]){0,25}?"
                                 r"(?:안내|설명|소개|공유|교환|논의|협의|점검|문의|답변|질의)"
                                 r"(?:하|했|할|한|해|되|됐|을|를)")
# A curb that is only possible, feared or denied ("the possibility of further tightening",
# "is not likely to halt exports", "是否会扩大限制", "강화한 데 따른 것으로 풀이된다") is
# not one imposed: looked for in the words before the cue (en, zh) or after it (ko).
_SPECULATION_BEFORE = {
    "en": re.compile(r"\b(?:possibility|possible|possibly|likely|unlikely|may|might|whether|"
                     r"not|no|never|if|fears?|risk)\b", re.I),
    "zh": re.compile(r"可能|是否|不确定|或将|或许|担忧|担心|如果|若"),
}
_SPECULATION_AFTER = {
    "ko": re.compile(r"가능성|여부|풀이된다|우려|전망|않|에\s?대비|에\s?대응|"
                     # the curb as what is analysed ("통제에 대한 구체적인 내용을 분석")
                     r"에\s?대한\s(?:\S+\s){0,2}?\S*(?:내용|분석|검토|영향|대책|파악)|"
                     # licences to be issued faster ("허가가 신속히 발급되도록 지원")
                     r"발급되도록|발급을\s?지원|발급\s?지원"),
}
# A completion or opening still to come ("will open", "预计2021年竣工", "착공식을 열 예정")
# is not implemented.
_FUTURE_BEFORE = {
    "en": re.compile(r"\b(?:will|would|shall|to be|plans? to|planned to|planning to|expected "
                     r"to|scheduled to|aims? to|set to|is to|are to|hopes? to|to|should|could|"
                     r"can|must|may|might|need to|needs to|urged?|called for|asked|proposed|"
                     r"suggested)\b", re.I),
    "zh": re.compile(r"将|预计|计划|拟|即将|有望|争取|力争|预期|准备|应|可|需要|希望|呼吁|建议|"
                     r"要求|提议|正在|正(?!式|极|常|规|面|确|当|是|如|好)|加快|加紧|推动|促进(?!会)|确保|(?<!志)愿|为了|以便|年内|年底前|"
                     r"下个?月|下周|明年|届时|尽快|早日"),
}
_FUTURE_AFTER = {
    "ko": re.compile(r"예정|계획|방침|할\s|키로|기로|전망|해야|할 수|요청|제안|촉구|"
                     r"(?<=[가-힣])(?:하면|되면|한다면|할 경우|시키면)"),
}
# Korean marks time on the predicate but also with adverbs: an opening "next month" (내달,
# 다음 달, 내년, 오는 ...) has not happened yet.
_FUTURE_BEFORE["ko"] = re.compile(r"내달|다음\s?달|내년|오는\s|향후|앞으로|연내")
# A curb being lifted is not one imposed ("lifted export controls", "取消出口管制",
# "통제 조치를 철회했다").
_REVERSAL_BEFORE = {
    "en": re.compile(r"\b(?:lift(?:s|ed|ing)?|eas(?:e|es|ed|ing)|remov(?:e|es|ed|ing)|"
                     r"scrap(?:s|ped|ping)?|end(?:s|ed|ing)?|relax(?:es|ed|ing)?)\b", re.I),
    "zh": re.compile(r"取消|解除|放宽|撤销|撤回|终止"),
}
_REVERSAL_AFTER = {
    "ko": re.compile(r"철회|해제|완화|폐지|풀었|풀린|유예|간소화|허용|"
                     r"시행(?:을|이)\s(?:\S+\s){0,4}?(?:중단|연기)"),
    # "The temporary export control measures on five items ... will be canceled"
    "en": re.compile(r"^[^.;]{0,230}?\b(?:be|been|was|were|is|are|being)\s+(?:canceled|cancelled|"
                     r"lifted|removed|scrapped|eased|relaxed|withdrawn|rescinded)\b", re.I),
}
# A Korean cue ending in a relative-clause form ("통관이 보류된 기업", "통제한 품목") modifies
# the noun after it; the sentence's predicate is elsewhere ("… 것으로" nominalises instead).
_KO_MODIFIER = re.compile(r"(?:된|한|되는|하는|됐던|했던)\s(?!것|바\s|뒤|후|데|만큼)")
# Korean is head-final: the modality of the whole sentence sits on its last predicate
# ("... 조치일 수 있다고 말했다", "... 것으로 보인다"), so a curb in a sentence that
# ends as a possibility is speculative wherever its cue is.
_KO_COMPARED = re.compile(r"[가-힣]{0,3}보다\s")
_FINAL_SPECULATION = {
    # (round stfresh27: "…'중국 허가제'가 도입된 셈이다", a commentator's "it amounts to")
    "ko": re.compile(r"(?:수 있다|수 있을|것으로 보인다|가능성|전망|우려|풀이|추측|추정|관측|"
                     r"것으로 보고 있|로 보고 있|셈이다|분석이 나오|"
                     r"것이라고\s?(?:짚었|분석했|내다봤|예상했|관측했))"
                     r"[^.]{0,20}[.다]?\s*$"),
}
# "a dialogue on export controls", "talks on the export curbs": the curb is the topic of
# the noun before it (the topic check after the cue covers "export control dialogue").
_TOPIC_BEFORE = {
    "en": re.compile(r"\b(?:dialogue|talks|consultations?|mechanism|channel|cooperation|hotline|"
                     r"working group|meeting)\s+(?:[\w'’-]+\s+){0,3}?on\s+(?:[\w'’-]+\s+){0,2}$|"
                     # the impact of / countermeasures for / responses to a curb: its effects
                     r"\b(?:impact|effects?|countermeasures|responses?|preparations?)\s+"
                     r"(?:of|for|to|on)\s+(?:[\w'’-]+\s+){0,5}$", re.I),
}
# A meeting held is implemented cooperation when it is an institution's (a joint committee,
# a dialogue, a working group) or a numbered round ("the 14th meeting", "제1차", "第二次"),
# not any meeting of two ministers.
_MEETING = re.compile(r"meeting|session|dialogue|forum|committee|commission|\btalks\b|"
                      r"\bnegotiations\b|\bround\b|회의|회담|대화|협상|"
                      r"포럼|위원회|협의회|세미나|설명회|교류회|会议|对话|论坛|会谈|磋商|联委会|"
                      r"委员会|研讨会|交流会", re.I)
_INSTITUTIONAL = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|inaugural|annual|"
    r"\d+(?:st|nd|rd|th))\b|joint (?:committee|commission|working group)|dialogue|"
    r"working group|\bresumed\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+) "
    r"(?:[\w-]+ )?(?:rounds|meetings|sessions)\b|"
    # a numbered session counts in 차 and in 회 ("제15회 한중 지방정부교류회의"; stceremony)
    r"제\s?\d+\s?차|\d+\s?차|제\s?\d+\s?회|첫|정례|공동위원회|공동위|위원회|대화|협의체|협의회|"
    r"第[\d一二三四五六七八九十百]+[次届轮]|首次|首届|首轮|联委会|委员会|对话|工作组|"
    r"[\d两三四五六七八九十]+[次届轮](?![会议])|框架下|机制下|"
    # an annual or regular meeting is a mechanism's, as English "annual" (round stfresh26)
    r"年会|年度会议|例会|定期会议|연례|정기\s?(?:회의|총회|협의)", re.I)
# A named bilateral cooperation event ("‘한·중 과학기술협력 세미나’를 개최했다",
# "中韩产业合作对话会") is the two sides' own, like an institution's: the two countries begin
# its name and cooperation is in it (a few words before the event noun, no clause break);
# talks and summits of leaders are not.
_BILATERAL_EVENT = re.compile(
    r"(?:한\s?[·・\-]?\s?중|中韩|韩中|(?:Korea|ROK)-China|China-(?:Korea|ROK))"
    r"[^,，。；、:：()（）在于]{0,12}?(?:협력|合作|cooperation)[^,，。；、:：()（）在于]{0,6}?"
    r"(?:세미나|포럼|교류회|설명회|회의|대화|论坛|研讨会|交流会|对话|会议|forum|seminar|dialogue)",
    re.I)
_SUMMIT = re.compile(r"회담|정상|会谈|峰会|\btalks\b|summit", re.I)
# "…가 설립한 센터가 사무소를 개소할 예정이라고 밝혔다": what a relative clause says was
# established is background when the sentence itself reports a plan.
_KO_ESTABLISHED_BEFORE = re.compile(r"(?:설립|설치|개설|출범)(?:한|했던)\s")
_KO_FINAL_FUTURE = re.compile(r"예정|계획|방침|[키기]로")
# Korean negates and reports at second hand on what follows the cue: "합의도 이뤄지지
# 못했습니다", "합의에 이르지 못했다" (no agreement), "수출 중단을 지시했다는 외신 보도와
# 관련해" (a report the sentence answers, not a curb it asserts).
# (a few characters only for the negation: "금지령을 내리면서 FTA 합의도 이뤄지지 못했습니다"
# negates the agreement of the next clause, not the ban)
_KO_NOT_ASSERTED = re.compile(r"[^.,]{0,8}?(?:지\s?못[했하한]|하지\s?않[았고]|무산|결렬)|"
                              r"[^.,]{0,20}?다는\s(?:\S+\s){0,2}?(?:외신\s)?(?:보도|주장|소문|관측|설이)")
_KO_FORECAST = ko_forecast()
_KO_CEREMONY_NOT_HELD = re.compile(r"[^.]{0,12}?(?:등으로|등이\s|등을\s|구성|예정|계획|"
                                   # an item of a visit's schedule ("…협약식과 … 참관 등
                                   # 일정을 소화한 뒤 귀국한다"; after fresh-23)
                                   r"[^.]{0,12}?등\s?(?:일정|행사|프로그램)|"
                                   r"[을를] 갖기로|"
                                   r"[을를] 열기로|[을를] 열 |[을를] 가질 |"
                                   # a ceremony in the plain present is the day's schedule, not
                                   # yet held ("…조인식을 갖는다", "…체결식을 연다"; stfresh26)
                                   r"[을를] 갖는다|[을를] 연다)")
# Friendship ties told as a record of earlier years, not as the news ("先后与…缔结", "早已").
_ZH_TIES_TOLD_BEFORE = re.compile(r"先后|历来|早已|曾经?|多年来")
_CLAUSE_BREAK = re.compile(r"[,;:，；：。]|\b(?:and|but|while|after|which|who)\b")


# "韩中就年内举行第二次对话达成共识": what the parties agreed on (就 X 达成共识 / 商定) is the
# topic of the agreement, not something that happened.
_ZH_AGREED_TOPIC = re.compile(r"就[^，。；,]*$")
_ZH_AGREED_AFTER = re.compile(r"[^，。；,]*?(?:达成|商定|同意|约定|协商|交换了?意见|磋商|讨论)")

# A Chinese future marker governs the chain of verb phrases after it ("三方将建立协商机制,
# 每季度召开定期会议,逐步推进合作落地"): nothing in the chain has happened unless a
# perfective marker (了, 已, 过) intervenes.
_ZH_FUTURE_SCOPE = re.compile(r"(?:将|拟|即将|计划)(?![^。；]*?(?:了|已|过))[^。；]*$")


# A Chinese event as a noun phrase: the cue heads "…的签署" / "…的开工建设" (the event is the topic
# of another predicate: a basis, an effect, a purpose, told again after its own report), or it
# stands in a 随着… frame ("随着…协定的签署,…"): round stnominal, read on fresh-26..35.
_ZH_FRAME = re.compile(r"(?:随着|隨著)[^，。；,]*$")


def zh_nominal_event(probe: str, m: re.Match[str]) -> bool:
    """Whether the Chinese cue ``m`` names the event as a noun phrase or a frame."""
    return (m.start() > 0 and probe[m.start() - 1] in "的之") or bool(
        _ZH_FRAME.search(probe[:m.start()]))


def _clause_before(probe: str, start: int, words: int = 8) -> str:
    """The words before ``start`` in the same clause (at most ``words`` Latin words or 16
    other characters)."""
    head = probe[max(0, start - 80):start]
    cut = list(_CLAUSE_BREAK.finditer(head))
    if cut:
        head = head[cut[-1].end():]
    if re.search(r"[A-Za-z]", head):
        return " ".join(head.split()[-words:])
    return head[-16:]


# Joint vows ("双方…将进一步加强", "…할 것이라고 밝혔다") and what makes one concrete.
_VAGUE_VOW = {
    # (round stfresh28) "agreed … to bolster bilateral ties": a joint vow that names nothing
    # to be done; the sentence is then judged by _CONCRETE as in the other languages
    "en": re.compile(r"agreed\b"),
    "ko": re.compile(r"할 것이라고"),
    "zh": re.compile(r"(?:双方|两国|两家|三方|各方)[^，。；,]{0,6}将"),
}
_CONCRETE = {
    # anything but a vow to strengthen ties, relations, cooperation or trade in general
    "en": re.compile(r"^(?![^.;]*?\bagreed\b(?:\s+\w+day)?\s+(?:to\s+)?(?:work\s+(?:closely\s+)?"
                     r"together\s+to\s+)?(?:bolster|strengthen|boost|enhance|expand|deepen|"
                     r"promote|improve|further)\s+(?:the\s+)?(?:bilateral\s+|two-way\s+|economic\s+|"
                     r"mutual\s+)?(?:ties|relations|cooperation|trade|exchanges|friendship)"
                     r"(?:\s+between\s+[^.,;]{1,60})?(?:,\s+(?:which|who)\b[^;]*)?\s*[.;]?\s*$)"),
    "ko": re.compile(r"사업|센터|공장|법인|단지|협의체|위원회|플랫폼|기금|협정|연구소|시범|"
                     r"프로젝트|기구"),
    "zh": re.compile(r"项目|机制|平台|园区|中心|实验室|委员会|协定|工厂|试点|示范区|基地"),
}
_ZH_AGREED_TO = re.compile(r"同意|商定|约定|决定|适时|择机|尽早")
_KO_HOPE = re.compile(r"바라|바란|바랍|희망|기대")
_KO_HOPED_COOPERATION = re.compile(r"협력|교류|투자|공동|협조|합작|교역")


# Inline romanisation glosses some Chinese sites print after each character ("產(chǎn)業(yè)",
# "應(yīng)"): taken out of the probe so that cue phrases read the words.
_ROMAN_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ])"
                          r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,7}\)")


# A Sino-Korean verbal noun is written apart from its 하다 / 되다 ending in much news copy
# ("투자협약을 체결 했습니다", "MOU가 체결 됐다"): the probe joins them so that every cue
# reads the one verb.
# Past forms only: "…하고자 한다" is spaced by the rule and must stay two words.
_KO_SPLIT_VERB = re.compile(r"(?<=[가-힣]{2}) (?=(?:했|하였|됐|되었)(?:[가-힣]|\s|$))")


def probe_of(text: str, lang: str) -> tuple[str, list[int]]:
    """The text the cue phrases are matched on and, for each of its characters, the offset
    of that character in ``text``: Chinese is read in simplified script (same length) with
    romanisation glosses taken out; Korean with a verbal noun joined to its split 하다 ending."""
    if lang == "ko":
        if " " not in text or _KO_SPLIT_VERB.search(text) is None:
            return text, list(range(len(text)))
        dropped = {m.start() for m in _KO_SPLIT_VERB.finditer(text)}
        where = [i for i in range(len(text)) if i not in dropped]
        return "".join(text[i] for i in where), where
    if lang != "zh":
        return text, list(range(len(text)))
    simplified = to_simplified(text)
    if "(" not in simplified:
        return simplified, list(range(len(text)))
    kept: list[int] = []
    pos = 0
    for m in _ROMAN_GLOSS.finditer(simplified):
        kept.extend(range(pos, m.start()))
        pos = m.end()
    kept.extend(range(pos, len(simplified)))
    return "".join(simplified[i] for i in kept), kept


def cue_holds(statement_type: str, lang: str, probe: str, m: re.Match[str]) -> bool:
    """Does the cue ``m`` of ``statement_type`` hold where it stands in ``probe``?"""
    if lang == "ko" and _KO_NOT_ASSERTED.match(probe, m.end()):
        return False
    if statement_type == "restriction":
        if _CUE_AS_TOPIC[lang].match(probe, m.end()) or curb_is_cooperation(lang, probe, m):
            return False
        if any(r.start() < m.start() for r in request_cues(lang, probe)):
            # a request to the other side to lift the curb ("敦促陆方尽早解除…制裁")
            return False
        topic = _TOPIC_BEFORE.get(lang)
        if topic is not None and topic.search(probe[max(0, m.start() - 80):m.start()]):
            return False
        reversal = _REVERSAL_BEFORE.get(lang)
        if reversal is not None and reversal.search(_clause_before(probe, m.start(), 4)):
            return False
        reversal = _REVERSAL_AFTER.get(lang)
        if reversal is not None and reversal.search(probe[m.end():m.end() + (60 if lang == "ko"
                                                                             else 240)]):
            return False
        if lang == "ko" and _KO_COMPARED.match(probe, m.end()):
            return False  # the regime a new one is compared with ("…수출허가제보다 강화된")
        if lang == "ko" and (_KO_MODIFIER.match(probe, m.end())
                             or _KO_TOPIC_PREDICATE.match(probe, m.end())):
            return False
        final = _FINAL_SPECULATION.get(lang)
        if final is not None and final.search(probe[-40:]):
            return False
        before = _SPECULATION_BEFORE.get(lang)
        if before is not None and before.search(_clause_before(probe, m.start())):
            return False
        after = _SPECULATION_AFTER.get(lang)
        return not (after is not None and after.search(probe, m.end(), m.end() + 30))
    if statement_type in ("implemented", "signed") and lang == "zh" and zh_nominal_event(probe, m):
        return False
    if statement_type == "implemented":
        if meeting_to_come(lang, m):
            return False
        if _MEETING.search(m.group()) and not _INSTITUTIONAL.search(
                probe, max(0, m.start() - 25), m.end() + 5) and (
                _SUMMIT.search(m.group()) or not _BILATERAL_EVENT.search(
                    probe, max(0, m.start() - 25), m.end())):
            return False
        if lang == "ko" and _KO_ESTABLISHED_BEFORE.match(m.group()) and \
                _KO_FINAL_FUTURE.search(probe, m.end()):
            return False
        if lang == "zh" and _ZH_AGREED_TOPIC.search(probe[:m.start()][-30:]) and \
                _ZH_AGREED_AFTER.match(probe, m.end()):
            return False
        before = _FUTURE_BEFORE.get(lang)
        if before is not None and before.search(_clause_before(probe, m.start(), 5)):
            return False
        if lang == "zh" and _ZH_FUTURE_SCOPE.search(probe[:m.start()]):
            return False
        if lang == "zh" and _ZH_AGREED_TO.search(_clause_before(probe, m.start(), 5)):
            # "两家企业决定与…设立合资公司": what was decided or agreed has not happened yet
            return False
        after = _FUTURE_AFTER.get(lang)
        return not (after is not None and after.search(probe, m.end(), m.end() + 12))
    if statement_type == "agreement" and agreement_is_view(lang, probe, m):
        return False
    if statement_type == "agreement" and _VAGUE_VOW[lang].match(m.group()):
        # "双方将进一步加强合作", "양국은 협력을 강화할 것이라고 밝혔다": a joint vow is an
        # agreement only when it names something concrete to be done (a mechanism, a project)
        return bool(_CONCRETE[lang].search(probe)) or any(
            p[lang].search(probe) for p in MECH_COMPILED.values())
    if statement_type == "proposal" and lang == "ko" and _KO_HOPE.search(m.group()):
        # "…협력을 확대하기를 바란다고 말했다": a hope is a proposal when what is hoped for is
        # cooperation, not any wish of the speaker ("관계가 발전하기를 바란다")
        return bool(_KO_HOPED_COOPERATION.search(probe[max(0, m.start() - 40):m.start()]))
    if statement_type == "signed" and lang == "ko" and m.group().rstrip().endswith(
            ("은", "로")):
        # "MOU 체결은 … 목적이 있다" reports a signing; "MOU 체결은 다음 달 이뤄질 예정" does
        # not, nor a signing named as what brings a forecast ("이번 양해각서 체결로 … 기회가
        # 될 것이다”고 전했다": the speaker's view of a signing reported before)
        return not (_KO_FINAL_FUTURE.search(probe, m.end())
                    or _KO_FORECAST.search(probe, m.end()))
    if statement_type == "signed" and lang == "ko" and m.group().endswith("식"):
        # a ceremony as a noun: one of a programme's items ("△MOU 체결식 등으로 구성됐다") or
        # one still to come ("서명식을 가질 예정이다") reports no signing
        return not _KO_CEREMONY_NOT_HELD.match(probe, m.end())
    if statement_type == "signed" and lang == "zh":
        # "希望以签署…为契机", "计划签署": a signing hoped for or planned is not one done;
        # "双方同意适时签署…" (agreed to sign) is an agreement.
        clause = _clause_before(probe, m.start(), 5)
        if m.group()[:2] in ("缔结", "结成", "结为") and _ZH_TIES_TOLD_BEFORE.search(clause):
            return False  # "先后与忠清北道缔结友好省道关系": ties told as a record
        return not (_FUTURE_BEFORE["zh"].search(clause) or _ZH_AGREED_TO.search(clause))
    return True
