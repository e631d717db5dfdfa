"""Korean events that happened, read from the predicate that governs the event noun, against
events still planned: the tense reading behind the ``implemented`` cues of
:mod:`kcbridge.docs.statement_ko`.

Korean news reports cooperation put into practice with a small set of event nouns (a meeting:
회의 / 공동위원회 / 교류회; a ceremony: 발대식 / 개소식; joint research or a joint project; a team
sent) and puts the tense on the verb that governs the noun, not on the noun. The phrase lists
read only the nearest forms (…를 열었다, …를 개최했다); real pages use others:

* **finished**: "…공동위원회(이하 공동위)를 마친 뒤 그 결과를 공개했다" (마친 뒤 / 마치고 / 마쳤다;
  a gloss in brackets may stand between the noun and its particle);
* **attended**: "…에서 열린 '…발대식'에 온라인으로 참가했다", "열린 '제2차 … 대화'에 참석하여 …
  논의했다": who took part in an event held reports the event (past attendance only; a
  connective 참석하여 takes the tense of the sentence's last predicate);
* **under way**: "…공동 연구를 활발히 진행하고 있다", "공동 연구가 진행되고 있는", "공동연구하는
  '…' 프로젝트를 진행해왔다": joint research or a joint project in the progressive (-고 있다)
  or the perfect (-해 왔다) is being carried out, which is what ``implemented`` records;
* **sent**: "…베이징에 실무팀을 보냈고", "…연구진을 파견했다": a working team, research team or
  delegation sent (past forms only).

The same nouns with a plan ending (-ㄹ 예정, -키로, -ㄹ 계획) or a time still to come are not
events; :func:`kcbridge.docs.statement_checks.cue_holds` applies its future, negation and
meeting checks (an institution's or a bilateral meeting only) to every match given here, and
a headline's event noun after an estimated time ("6월께 … 출범", "연말쯤 준공") is a plan
(:data:`ESTIMATED_TIME`).

Plans are agreements only as joint plans: a bilateral exchange event announced ("…한중산업단지
협력교류회를 연다고 밝혔다", "‘한중 공동 … 설명회’가 진행된다") is what the two sides agreed to
hold, and one party's "-ㄹ 예정이다" is the agreed plan when the sentence frames it as joint
("이번 협약에 따라 A사가 … 투자할 예정이며", "…와 함께 … 공개할 예정이며").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kcbridge.docs.statement_cues import KO_FUTURE_ADNOMINAL

# Closing quotes and a gloss in brackets between an event noun and its particle
# ("‘제2차 … 대화’에", "공동위원회(이하 공동위)를").
_CLOSE = r"[’'”」』\"]?(?:\s?\([^)]{1,20}\))?"
# Meetings and ceremonies: the nouns of an event that takes place. Only meeting nouns that
# :func:`~kcbridge.docs.statement_checks.cue_holds` tests for an institution's or a bilateral
# cooperation meeting (a business consultation held, "합작상담회가 진행됐다", is no
# cooperation put into practice of itself).
_MEETING = r"(?:회의|회담|대화|협의회|협상|공동위원회|공동위|위원회|교류회|설명회|세미나|포럼)"
_CEREMONY = r"(?:발대식|출범식|개소식|개원식|준공식|착공식|기공식|개막식|현판식|제막식|기념식)"

# A meeting finished: the verb of finishing is past in itself ("…를 마쳤다"); a temporal or
# connective form ("마친 뒤", "마치고") takes the tense of the last predicate ("…를 마친 뒤
# 결과를 공개했다" is done, "…를 마친 뒤 공동성명을 발표할 예정이다" is not yet).
_FINISHED = re.compile(_MEETING + _CLOSE + r"(?:를|을)\s?(?:\S+\s)?(?:마쳤|끝냈)")
_FINISHED_CONNECTIVE = re.compile(_MEETING + _CLOSE + r"(?:를|을)\s?(?:\S+\s)?"
                                  r"(?:마친\s?(?:뒤|후|다음)|마치고|마치며|끝낸\s?(?:뒤|후)|끝내고)|"
                                  # held, in a connective passive ("…협의회가 열려 … 논의했다")
                                  + _MEETING + _CLOSE + r"(?:가|이)\s(?:\S+\s){0,6}?"
                                  r"(?:열려|개최돼|개최되어|진행돼|진행되어)\s")
# Who took part in an event held: a past form of attending; a connective form (참석하여,
# 참가해, 참여하고) is checked against the sentence's last predicate.
_ATTENDED = re.compile(r"(?:" + _CEREMONY + r"|" + _MEETING + r")" + _CLOSE
                       + r"에\s(?:\S+\s){0,3}?(?:참가|참석|참여)(?:했|하였|한 바)")
_ATTENDED_CONNECTIVE = re.compile(r"(?:" + _CEREMONY + r"|" + _MEETING + r")" + _CLOSE
                                  + r"에\s(?:\S+\s){0,3}?(?:참가|참석|참여)"
                                  r"(?:하여|해|하고|하며)[\s,]")
# Joint research or a joint project being carried out: progressive or perfect.
_UNDER_WAY_ASPECT = (r"(?:진행|수행|추진|실시)(?:하고\s?있|되고\s?있|해\s?왔|해\s?오고|돼\s?왔|"
                     r"되어\s?왔|해\s?온\s|중이|중인)")
_UNDER_WAY = re.compile(
    r"(?:공동\s?연구|공동\s?개발|협력\s?사업|공동\s?사업|합작\s?사업|협력\s?프로젝트|공동\s?프로젝트)"
    r"(?:\s?(?:사업|과제|프로젝트))?" + _CLOSE + r"(?:가|이|를|을|도)\s(?:\S+\s){0,3}?"
    + _UNDER_WAY_ASPECT
    # a project the joint research names ("공동연구하는 '청천(파란 하늘) 프로젝트'를 진행해왔다")
    + r"|공동\s?연구(?:하는|해\s?온|를 하는)\s[^.]{0,40}?(?:프로젝트|사업|과제)" + _CLOSE
    + r"(?:를|을)\s?(?:\S+\s)?(?:" + _UNDER_WAY_ASPECT + r"|(?:진행|수행)(?:했|하였))")
# A team sent (past forms only: "실무팀을 보냈고", "연구진을 파견했다").
_SENT = re.compile(r"(?:실무팀|실무단|실무진|조사단|연구진|연구팀|연구원들|전문가들?|기술진|파견단|"
                   r"대표단|실무\s?대표단)(?:을|를)\s?(?:\S+\s)?(?:보냈|파견했|파견하였|급파했)")

# Works and bodies begun (past forms only): construction started, a body launched, a team or
# researchers sent ("공사에 착수했다", "협의체가 발족했다", "연구원 2명을 파견했다"), a
# meeting held told in the passive ("‘제5차 실무회의’가 … 진행됐다"), a plant running
# ("가동 중이다").
_BEGUN = re.compile(r"(?:공사|건설|건립|착공)(?:에|를|을)\s?(?:본격\s)?(?:착수했|착수하였|들어갔|"
                    r"시작했|돌입했)|발족(?:했|하였|됐|되었|시켰|식을\s?(?:가졌|열었))|"
                    r"(?:발대식|발족식|출정식)" + _CLOSE + r"(?:을|를)\s?(?:가졌|열었|개최했)|"
                    r"파견(?:했|하였|됐|되었)|"
                    + _MEETING + _CLOSE + r"(?:가|이)\s(?:\S+\s){0,6}?(?:진행됐|진행되었|치러졌)|"
                    r"(?:공장|라인|설비|생산시설)[’'”」』]?(?:이|가|은|는|을|를)?\s(?:\S+\s){0,3}?"
                    r"가동\s중(?:이다|이며|입니다)|"
                    # joint research or development done ("…를 공동 개발했다", "공동 연구를 마쳤다")
                    r"공동\s?(?:연구|개발)(?:했|하였|에 성공했|에 성공하였)|"
                    r"공동으로\s(?:\S+\s)?(?:연구|개발)(?:했|하였)|"
                    r"공동\s?(?:연구|개발)(?:를|을)\s?(?:\S+\s)?(?:마쳤|완료했|완료하였)|"
                    # a route, a hall or a service opened, production or operation begun
                    r"개통(?:했|하였|됐|되었)|개관(?:했|하였|식을\s?(?:가졌|열었))|"
                    r"(?:생산|양산|운영|가동)(?:에|을)\s?(?:본격\s)?(?:들어갔|돌입했|시작했|개시했)|"
                    r"시범\s?운영에\s?들어갔|"
                    # background told as a past fact ("…협의회를 개최한 바 있다")
                    + _MEETING + _CLOSE + r"(?:를|을)\s?(?:\S+\s){0,2}?(?:개최|진행)한 바 있|"
                    r"(?:출범|개소|준공|착공|설립|개설|파견)(?:한|시킨) 바 있")

# A past last predicate: a connective attendance belongs to an event done.
_FINAL_PAST = re.compile(r"(?:었|았|했|였|됐|렸|졌|왔|냈|혔)(?:다|습니다)[.!]?[\"'”’」』)\]]*\s*$")

#: An estimated time ("6월께", "연말쯤"): what it dates has not happened yet, so a headline's
#: event noun after it is a plan, not an event ("한중환경협력센터, 6월께 베이징서 출범").
ESTIMATED_TIME = re.compile(r"(?:\d{1,2}\s?월|\d{1,2}\s?일|연말|연초|상반기|하반기|\d{4}\s?년)"
                            r"\s?(?:께|쯤|경)(?![가-힣])")


def implemented_events(probe: str) -> Iterator[re.Match[str]]:
    """Cue matches of an event that happened (see module doc)."""
    yield from _FINISHED.finditer(probe)
    yield from _ATTENDED.finditer(probe)
    if _FINAL_PAST.search(probe):
        yield from _FINISHED_CONNECTIVE.finditer(probe)
        yield from _ATTENDED_CONNECTIVE.finditer(probe)
    yield from _UNDER_WAY.finditer(probe)
    yield from _SENT.finditer(probe)
    yield from _BEGUN.finditer(probe)


# A bilateral event (the two countries begin its name, a word of cooperation or of joint
# holding follows) announced or scheduled: the sides agreed to hold it.
_BILATERAL_SCHEDULED = re.compile(
    r"(?:한\s?[·・\-]?\s?중|중\s?[·・\-]\s?한|중한)[^,.…]{0,15}?(?:협력|공동|합동|교류)[^,.…]{0,8}?"
    r"(?:교류회|설명회|포럼|세미나|회의|대화|박람회|상담회|협의회)" + _CLOSE
    + r"(?:를|을|가|이|는|은)?\s(?:\S+\s){0,6}?"
    r"(?:연다|열린다|열립니다|개최한다|개최된다|개최됩니다|진행된다|진행됩니다|열\s예정|열릴\s예정|"
    r"개최할\s예정|개최될\s예정|진행할\s예정|진행될\s예정|열기로|개최하기로)")
# One party's plan ("-ㄹ 예정이다") is the agreed plan when the sentence frames it as joint: under
# the agreement just signed, together with the partner, jointly.
_PLAN_ENDING = re.compile(r"(?<=[가-힣])[" + KO_FUTURE_ADNOMINAL + r"]\s예정"
                          r"(?:이다|이며|이라고|입니다|이라며)")
_JOINT_FRAME = re.compile(r"(?:협약|협정|계약|MOU|양해각서|합의)(?:\([^)]*\))?\s?(?:체결)?\s?"
                          r"(?:에 따라|에 의해|을 계기로|를 계기로|을 통해|를 통해)|"
                          r"[가-힣A-Za-z0-9’'”」)](?:와|과)\s(?:\S+\s){0,1}?(?:함께|공동으로|손잡고|"
                          r"협력해|협력하여)\s|공동으로\s|합작으로\s")
# Not a plan of the parties: what is expected of others or of the market.
_NOT_JOINT_PLAN = re.compile(r"(?:될|받을|보일|전망될)\s예정")


def scheduled_joint_events(probe: str) -> Iterator[re.Match[str]]:
    """Agreement cue matches: a bilateral event still to come and a plan framed as joint."""
    yield from _BILATERAL_SCHEDULED.finditer(probe)
    if _JOINT_FRAME.search(probe):
        for m in _PLAN_ENDING.finditer(probe):
            if not _NOT_JOINT_PLAN.match(probe, m.start()):
                yield m
