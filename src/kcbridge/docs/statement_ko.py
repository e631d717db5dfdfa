"""Korean cue forms the phrase lists of :mod:`kcbridge.docs.statement_cues` cannot say, read
from where Korean puts meaning: the sentence-final predicate and the line's shape.

Korean news reports what the partners *agreed to do* in the plain non-past declarative
("신세계그룹은 알리바바와 손잡고 … 수출을 확대한다", "헬로웍스와 크온은 … 협력에 나선다"), not with
"-기로 했다": after a signing, the article lists each partner's joint plan in -ㄴ다 / -는다 /
-ㅂ니다, or reports it as announced ("… 계약을 체결한다고 9일 밝혔다"). Such a sentence is an
agreement when (a) its final predicate (or the predicate quoted before 밝혔다 / 말했다) is a
non-past active declarative, not a past tense, a passive or a forecast ("기대된다", "전망이다"),
and (b) it says who acts together: a partner in the comitative ("X와 / X과") or a joint
subject (양사는, 양국은), together with a word of joint action (함께, 손잡고, 공동, 협력, 합작,
파트너, 협약 ...): "양사는 1500억원을 투자한다" alone may be two investments side by side.

Headlines and bullet lines end in a predicate noun instead of a verb ("포스코, 중국 저장성에 양극재
공장 준공", "MOU 9건 체결…소비재 협력 확대"): a line that does not end as a sentence (no final
"-다") takes the type of the noun that ends it or one of its "…" segments, unless a word of
intent follows (체결 추진, 착공 예정 are plans, not events).

Clauses are chained with connective endings (-고, -어, -며) that carry no tense: "…를 맺어",
"…공동위원회를 열고" report a signing or a meeting done when the sentence's last predicate is
past, not when it is a plan. A joint pledge ("양 측은 … 다하겠다는 의사를 표명했다") is an
agreement, not one side's offer.

Meetings of an institution (a numbered round, a joint committee, a council, negotiations) are
reported in two more shapes: still to come ("제2차 … 협의회는 내년 중국에서 열릴 예정이다",
"… 후속협상이 오는 11일 열립니다"), which is what the two sides agreed to hold (an agreement),
and held with the meeting as topic ("이번 협의회는 … 성격으로 진행됐다": implemented). A
sentence framed by the signed text ("이번 계약에 따라 A사는 … 제공하게 된다") states what
the deal binds the parties to (an agreement). A joint venture named as subject ("한중합작법인
'X'가 … 투자한다고 밝혔다") acts for its partners. Predicates that describe rather than act
("… 역할을 한다", "… 구축을 목적으로 한다", thanks and welcome) and who attends a meeting
("… 대표단이 참여한다고") are no joint plan.

All give ordinary cue matches; :mod:`kcbridge.docs.statements` applies its usual checks
(tense, negation, hearsay, cooperation context) to them like to any phrase cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kcbridge.docs.statement_ko_events import (
    ESTIMATED_TIME,
    implemented_events,
    scheduled_joint_events,
)

#: Hangul syllables ending in ㄴ: the plain non-past of action verbs (한다, 나선다, 편다).
_N_FINAL = "".join(chr(c) for c in range(0xAC00, 0xD7A4) if (c - 0xAC00) % 28 == 4)

#: Hangul syllables ending in ㅂ but 습 and 입: the polite non-past of action verbs (합니다,
#: 나섭니다); 습니다 follows past tenses and states (했습니다, 있습니다), 입니다 is the copula.
_B_FINAL = "".join(chr(c) for c in range(0xAC00, 0xD7A4)
                   if (c - 0xAC00) % 28 == 17 and chr(c) not in "습입")
# The last predicate of the sentence: -ㄴ다 / -는다 / -ㅂ니다, with closing quotes or brackets.
_FINAL_NONPAST = re.compile(r"(?:[" + _N_FINAL + r"]다|는다|[" + _B_FINAL + r"]니다)"
                            r"[.!]?[\"'”’」』)\]]*\s*$")
# A non-past joint plan quoted as announced: "… 체결한다고 9일 밝혔다".
_QUOTED_NONPAST = re.compile(r"(?:[" + _N_FINAL + r"]다|는다)고\s(?:\S+\s){0,3}?"
                             r"(?:밝혔|말했|전했|설명했|발표했|덧붙였|강조했)")
# Passives, forecasts and one side's intentions in -ㄴ다 report no act of the parties
# ("협력이 확대될 것으로 기대된다", "…협력을 진행하고자 한다고 전했다").
_NOT_AN_ACT = re.compile(r"(?:된다|됩니다|보인다|보입니다|간주한다|예상한다|전망한다|분석한다|"
                         r"평가한다|판단한다|관측한다|해석한다|여긴다|생각한다|바란다|희망한다|"
                         r"기대한다|필요로 한다|해야 한다|하여야 한다|야 한다|고자 한다|"
                         r"려고 한다|려 한다|고자 합니다|"
                         # what a body is or does as a rule, not an act of the parties
                         # ("…센터는 … 창구 역할을 한다", "…에 위치한다")
                         r"역할(?:을|도)\s?(?:한다|합니다|담당한다|맡는다)|위치한다|해당한다|"
                         r"의미한다|차지한다|속한다|뜻한다|"
                         # what a text or a plan is for ("이번 협약은 … 구축을 목적으로 한다")
                         r"(?:목적|목표|골자|내용|중심|기반)으로 한다|"
                         # thanks, welcome, wishes: expressive speech, not an act
                         r"감사(?:드린다|한다|합니다|드립니다)|환영한다|환영합니다|축하한다|기원한다)"
                         r"[.!]?[\"'”’」』)\]]*"
                         r"\s*$")
_NOT_AN_ACT_QUOTED = re.compile(r"(?:된다|보인다|예상한다|전망한다|분석한다|평가한다|"
                                r"기대한다|바란다|희망한다|야 한다|고자 한다|려고 한다|"
                                r"려 한다)고\s")
# Pursuing a signing or talks is a step toward an agreement, not one ("양측은 다음 달 MOU
# 체결을 추진한다"); pursuing a business together is the agreed plan itself.
_STEP_TOWARD = re.compile(r"(?:체결|서명|협상|논의|협의|검토)(?:을|를)?\s?(?:추진|모색|검토)"
                          r"(?:한다|합니다|하고|하며|한다고)")
# Who attends a meeting ("…을 수석대표로 하는 대표단이 참여한다고 설명했다") is no joint act,
# whatever the delegates' titles contain ("자유무역협정교섭관과 린펑 … 사장").
_ATTENDANCE = re.compile(r"(?:대표단?|수석대표|관계자|인사|대표로)(?:이|가|들이|들도|도)?\s"
                         r"(?:\S+\s){0,2}?(?:참석|참여|참가)(?:한다|합니다|한다고|할)")
# Who acts together: a partner in the comitative with a word of joint action, or a joint subject.
_COMITATIVE = re.compile(r"[가-힣A-Za-z0-9’'”」)\]](?:와|과)\s")
# (an agreement noun names a joint act too: "…방한팀들과 … 협의를 맺었으며 … 계약을 체결한다고")
_JOINT_WORD = re.compile(r"함께|손잡|손을 잡|맞손|공동|협력|협업|합작|제휴|파트너|힘을 모|힘을 합|"
                         r"협약|협정|계약|MOU|양해각서|협의를 맺")
_JOINT_SUBJECT = re.compile(r"(?:^|\s)(?:양사|[양량]측|[양량]국|양\s?기관|양 도시|양\s?지역|"
                            r"두 (?:기관|회사|도시|나라|지역|대학|단체))(?:은|는|이|가|도)\s")
# A joint venture acts for its partners ("한중합작법인 'X'가 … 투자한다고 밝혔다").
_JOINT_VENTURE_SUBJECT = re.compile(r"^(?:\S+\s){0,2}?\S*(?:합작|합자)\s?(?:법인|사|회사|기업)")
# The predicate of the joint plan (the cue): the first action after the partner, else the
# final predicate.
_ACTION = re.compile(r"\S*(?:확대|강화|추진|협력|협업|개발|설립|구축|진출|운영|공급|생산|투자|참여|"
                     r"공유|교류|지원|도입|건설|조성|모색|육성|판매|나서|나선|손잡|맞손|공략|체결|서명|"
                     r"세우|세운|짓|건립|설치|개설|연다|열어)"
                     r"\S*")

# Headline endings: the predicate noun that ends a line or one of its "…" / "·" segments.
_SEGMENT_END = r"(?=\s*(?:…|\.{2,}|·{2,}|[,\"'”’」』]|\s[-–—]\s|$))"
_HEADLINE_NOUNS = {
    "signed": re.compile(r"(?:체결|서명|조인|교환)" + _SEGMENT_END),
    "implemented": re.compile(r"(?:준공|착공|완공|가동|개소|출범|개원|기공|첫 삽|문 열어|"
                              r"문을 열어|본격 가동|양산)" + _SEGMENT_END),
    "agreement": re.compile(r"(?:합의|[기키]로|맞손|손잡아|손잡는다|손잡고|공동 추진|"
                            r"협력 (?:강화|확대)|(?<=[와과]\s)(?:\S+\s){0,2}?협력)" + _SEGMENT_END),
    "proposal": re.compile(r"(?:제안|촉구|요청|건의)" + _SEGMENT_END),
}
# A line that ends as a sentence is no headline.
_ENDS_AS_SENTENCE = re.compile(r"(?:다|요|까)[.!?]?[\"'”’」』)\]]*\s*$|[.。!?]\s*$")


# Korean chains clauses with connective endings (-고, -어, -며): "…위원회를 열고 … 결정했다",
# "…MOU를 맺어 … 기대된다". An event verb in a connective form has no tense of its own; it
# takes the tense of the sentence's last predicate, so it is an event done when that
# predicate is past (or a forecast of what the event brings).
_CONNECTIVE_EVENT = {
    "signed": re.compile(r"(?:협약|MOU|양해각서|협정|계약|합의서|의향서)(?:\([^)]*\))?(?:을|를)\s?"
                         r"(?:맺고|맺어|맺으며|체결하고|체결해|체결하며|체결하면서|교환하고)|"
                         r"(?<![할될])\s(?:체결|서명)하고\s"),
    # an institution's meeting only (a joint committee, a council, a numbered round): a forum
    # or a seminar held is not cooperation put into practice of itself
    "implemented": re.compile(r"(?:제\s?\d+\s?차\s(?:\S+\s){0,3}?\S*(?:회의|대화)|위원회|공동위|"
                              r"협의회|협의체)[’'”」』]?(?:를|을)\s?(?:열고|열어|개최하고|개최해|갖고|"
                              r"가지고|가진\s뒤)"),
}
_FINAL_PAST = re.compile(r"(?:었|았|했|였|됐|렸|졌|웠|왔|켰|쳤|겼|갔|냈|섰|봤|줬|혔|뤘|쳤)"
                         r"(?:다|습니다)[.!]?[\"'”’」』)\]]*\s*$|"
                         # a forecast that follows a done cause ("MOU를 맺어 … 증대가 기대된다")
                         r"(?:기대된다|기대됩니다|전망이다|예상된다)[.!]?\s*$")
# A joint pledge ("양 측은 … 공동노력을 다하겠다는 의사를 표명했다") is the two sides' agreement,
# not one side's offer.
_JOINT_PLEDGE = re.compile(r"^(?:\S+\s){0,2}?(?:[양량]\s?측|[양량]국|양사|양\s?기관|두 기관|"
                           r"양 도시|두 도시)"
                           r"(?:은|는)\s.*?(?:겠다|하겠다)는\s?(?:뜻|입장|의사|의지)(?:을|를)\s?(?:밝혔|표명했|"
                           r"나타냈|모았|같이)")


# Meetings of an institution: a numbered round, a joint committee, a council, a dialogue.
_MEETING_NOUN = r"(?:회의|대화|협의회|협상|공동위원회|공동위|위원회|협의체|회담)"
_INSTITUTION_MARK = re.compile(r"제\s?\d+\s?차|\d+\s?차|공동위|위원회|협의회|협의체|정례|"
                               r"후속\s?협상")
# Such a meeting still to come ("‘제2차 … 협의회’는 내년 중국에서 열릴 예정이다", "'제6차 …
# 후속 협상'이 열린다고 18일 밝혔다") is what the two sides have agreed to hold: an agreement,
# not yet cooperation put into practice.
_SCHEDULED_MEETING = re.compile(
    _MEETING_NOUN + r"[’'”」』]?(?:는|은|가|이|를|을)?\s(?:\S+\s){0,8}?"
    r"(?:열릴|열린다|열립니다|개최된다|개최됩니다|개최될|개최한다|개최할|열 예정|갖는다|"
    r"가질 예정|진행된다|진행될|열기로|개최하기로|갖기로|개막한다|개막합니다|개막할|"
    r"막을 올린다|시작된다|시작됩니다)")
# The same meeting reported as held with the meeting as topic ("이번 협의회는 … 성격으로
# 진행됐다"): the last predicate is a passive past of holding, whatever lies between.
_HELD_MEETING_TOPIC = re.compile(
    r"(?<!\S)(?:이번|이날|제\s?\d+\s?차)\s(?:\S+\s){0,4}?\S*" + _MEETING_NOUN
    + r"(?=[’'”」』]?(?:는|은)\s.*(?:진행됐|진행되었|열렸|개최됐|개최되었)(?:다|습니다)[.]?"
      r"[\"'”’」』)\]]*\s*$)")
# What a signed text binds the parties to: a sentence framed by the agreement ("이번 계약에
# 따라 맥썬은 … 공급하고, … 제공하게 된다") whose last predicate is "-게 된다" (comes to do).
_UNDER_AGREEMENT = re.compile(r"^(?:\S+\s){0,2}?(?:협약|계약|MOU|양해각서|협정|합의)(?:\([^)]*\))?"
                              r"\s?(?:에 따라|에 의해|으로|을 통해|를 통해)\s")
_COMES_TO_DO = re.compile(r"(?<=[가-힣])게 된다[.]?[\"'”’」』)\]]*\s*$")


def is_headline(probe: str) -> bool:
    """A line that does not end as a sentence (a headline, a subtitle, a bullet)."""
    stripped = probe.strip()
    return bool(stripped) and len(stripped) <= 120 and not _ENDS_AS_SENTENCE.search(stripped)


def _joint_plan(probe: str) -> Iterator[re.Match[str]]:
    """The action of a joint plan told in the non-past (see module doc), or nothing."""
    quoted = _QUOTED_NONPAST.search(probe)
    final = _FINAL_NONPAST.search(probe)
    if quoted is not None:
        if _NOT_AN_ACT_QUOTED.search(probe, max(0, quoted.start() - 8), quoted.end()):
            return
        end = quoted.start() + 1
    elif final is not None and not _NOT_AN_ACT.search(probe):
        end = len(probe)
    else:
        return
    head = probe[:end]
    if _STEP_TOWARD.search(head) or _ATTENDANCE.search(probe):
        return
    partner = _COMITATIVE.search(head)
    subject = _JOINT_SUBJECT.search(head) or _JOINT_VENTURE_SUBJECT.search(head)
    if (subject is None and partner is None) or not _JOINT_WORD.search(head):
        return
    anchor = partner if partner is not None else subject
    action = _ACTION.search(head, anchor.end()) if anchor is not None else None
    if action is not None:
        yield action


def _estimated(probe: str, start: int) -> bool:
    """Does an estimated time ("6월께", "연말쯤") date the headline segment that ends at
    ``start``? Then its event noun is a plan ("…센터, 6월께 베이징서 출범")."""
    segment = re.split(r"…|\.{2,}|·{2,}", probe[:start])[-1]
    return bool(ESTIMATED_TIME.search(segment))


def ko_cues(statement_type: str, probe: str) -> list[re.Match[str]]:
    """Korean cue matches of ``statement_type`` beyond the phrase list: a headline's final
    predicate noun, an event verb in a connective form in a sentence told in the past, and
    (agreement) a joint pledge and a joint plan told in the non-past."""
    found: list[re.Match[str]] = []
    pattern = _HEADLINE_NOUNS.get(statement_type)
    if pattern is not None and is_headline(probe):
        found.extend(m for m in pattern.finditer(probe)
                     if statement_type != "implemented" or not _estimated(probe, m.start()))
    connective = _CONNECTIVE_EVENT.get(statement_type)
    if connective is not None and _FINAL_PAST.search(probe):
        found.extend(connective.finditer(probe))
    if statement_type == "implemented":
        found.extend(_HELD_MEETING_TOPIC.finditer(probe))
        found.extend(implemented_events(probe))
    if statement_type == "agreement":
        found.extend(scheduled_joint_events(probe))
        found.extend(_JOINT_PLEDGE.finditer(probe))
        found.extend(_joint_plan(probe))
        if _INSTITUTION_MARK.search(probe):
            found.extend(_SCHEDULED_MEETING.finditer(probe))
        if _UNDER_AGREEMENT.search(probe):
            found.extend(_COMES_TO_DO.finditer(probe))
    return found
