"""Cooperation statements: sentences classified as proposal, agreement, signed,
implemented or restriction, with who proposes, the parties, sectors, mechanisms and (for
restrictions) the materials named.

Rules, per language, on the sentence's own text (no translation):
* a type is chosen by cue phrases, tried in the order restriction, signed, implemented,
  agreement, proposal (the first type with a cue wins; future forms such as "will sign",
  "체결하기로", "将签署" are agreement cues, not signed);
* proposal / agreement / signed / implemented also need a cooperation context (a
  cooperation word, a mechanism, "the two countries", or two parties) so that "analysts
  agreed that ..." is not a statement; restrictions need their own cue only;
* the proposer of a proposal is the first organisation (else person, else country)
  mentioned before the cue;
* parties are the organisations named in the sentence plus the countries they or the
  sentence name ("the two countries", 양국, 两国, 中韩 -> CHN, KOR);
* confidence = cue base (0.7-0.85) + 0.05 each for a mechanism, a sector, two parties.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kcbridge.docs.gazetteer import materials
from kcbridge.docs.model import Entity, Statement
from kcbridge.docs.text import Sentence, to_simplified

_CUES: dict[str, dict[str, str]] = {
    "restriction": {
        "en": r"export controls?|export restrictions?|export bans?|bann(?:ed|ing) (?:the )?"
              r"(?:export|import)s?|export licen[cs](?:e|es|ing)|licen[cs]ing requirements?|"
              r"restrict(?:s|ed|ing)? (?:the )?(?:export|import)s?|curb(?:s|ed)? (?:on )?exports?|"
              r"unreliable entity list|entity list|(?:suspend|halt)(?:s|ed)? (?:the )?exports?|"
              r"export checks|export curbs|import ban|control list|"
              r"(?:apply|applied|applying) for (?:an? )?(?:export )?licen[cs]es?|"
              r"requires? (?:an? )?(?:export )?licen[cs]es?|"
              r"(?:suspend|halt|stop|pause|tighten)(?:s|ed|ped|ping|ing)? (?:clearing |approving )?"
              r"(?:[\w-]+ ){0,5}?(?:exports?|shipments|cargoes|deliveries)\b|"
              r"revok(?:e|es|ed|ing) (?:the )?(?:[\w-]+ ){0,3}?(?:waivers?|licen[cs]es?|"
              r"exemptions?|authori[sz]ations?|VEU status)|blacklist(?:s|ed|ing)?\b|"
              r"\bsanction(?:s|ed)? (?:on|against)\b|imposed sanctions|customs (?:hold|clearance "
              r"(?:was|were|has been) (?:halted|suspended|delayed))|export permits?|"
              r"(?:suspend|halt|delay|stopp?)(?:s|ed|ing)? (?:the )?customs "
              r"(?:clearance|procedures)|"
              r"delay(?:s|ed)? (?:by [\w-]+ )?in customs (?:clearance|procedures)",
        "ko": r"수출\s?통제|수출\s?규제|수출\s?제한|수출\s?금지|수입\s?금지|수출\s?허가|"
              r"허가제|통관\s?보류|"
              r"수출(?:을|이)\s?(?:[가-힣]+\s)?(?:중단|제한|금지|차단)|"
              r"수출(?:을|이|도|은|는)\s(?:\S+\s){0,3}?(?:통제|제한|금지|중단|차단|규제)"
              r"(?:했|하였|하고|한다|합니다|했습니다|하기로|해|하는)|"
              r"신뢰할 수 없는 기업|통제\s?목록|제재|"
              r"수출\s?(?:검사|심사)(?:를|을)?\s?강화|통관(?:을|를)?\s?(?:중단|보류|지연)",
        "zh": r"出口管制|出口管控|出口许可|许可证管理|禁止出口|限制出口|暂停出口|禁运|"
              r"不可靠实体清单|"
              r"管控名单|出口禁令|禁止进口|暂停进口|制裁|"
              r"(?:暂停|停止|限制|禁止|收紧|叫停|管制|减少|削减|压减)[^，。；,]{0,12}出口|加强[^，。；]{0,6}出口(?:检验|检查|审查)",
    },
    "signed": {
        "en": r"\bsigned\b|\binked\b|\b(?:inks|signs)\b(?= (?:an? |the )?[\w-]+ ?(?:[\w-]+ )?"
              r"(?:deal|agreement|pact|MOU|memorandum|contract|accord))|signing ceremony|"
              r"witnessed the signing|concluded an? "
              r"(?:agreement|accord|deal)|exchanged (?:an? )?(?:MOU|memorand)",
        "ko": r"체결(?:했|하였|됐|되었|식|한\s|함|에 서명)|서명(?:했|하였|식)|조인(?:했|식)|"
              r"(?:협약|MOU|양해각서|계약)을\s?맺었",
        "zh": r"(?<![将拟])(?<!出席)(?<!参加)(?<!见证)(?:签署|签订|签约|签下)"
              r"(?!的|.{0,2}(?:计划|意向))",
    },
    "implemented": {
        "en": r"\b(?:was|were|has been|have been) (?:officially )?(?:launched|opened|"
              r"inaugurated|established|set up|completed|put into operation)|\b(?:launched|"
              r"opened|inaugurated|unveiled)\b|began (?:operations?|operating|production|"
              r"mass production)|started (?:operations?|operating|production)|"
              r"\b(?:has|have|had) (?:now |already )?(?:built|completed|opened) "
              r"(?:its |their |a |an |the )?(?:[\w()-]+ ){0,8}?"
              r"(?:plant|factory|facility|cent(?:re|er)|line|lab|office)s?\b|"
              r"went into "
              r"operation|broke ground|came into (?:force|effect)|took effect|entered into "
              r"force|is now operating|has begun|"
              r"held (?:its |the )?(?:first|inaugural) (?:round|meeting|session)|"
              r"\b(?:announced|clinched|launched) (?:a |an |the |its |their )?joint[- ]venture|"
              r"\b(?:carried out|conducted|completed) (?:[\w-]+ ){0,3}?(?:joint|collaborative) "
              r"(?:research|projects?)\b|\bdesignated\b[^.;]{0,60}?\bas (?:the |a |an )?"
              r"(?:[\w’'-]+ ){0,4}?(?:cooperation|industrial|joint) (?:complex|zone|park|centre|"
              r"center|base)\b|"
              r"(?<![\w-])(?:established|set up|opened|founded|formed)\b "
              r"(?:a |an |the |its |their )?"
              r"(?:[\w-]+ ){0,4}?(?:joint venture|cent(?:re|er)|office|lab|laboratory|plant|"
              r"factory|subsidiary|base|hub|institute|mechanism)s?\b|"
              r"\bput (?:[\w,-]+ ){0,10}?into (?:operation|production|service|use)\b|"
              r"ceremony (?:to (?:mark|celebrate|commemorate)|marking) the (?:completion|opening|"
              r"launch|start|inauguration)|(?:held|hosted) (?:a |an |the |its |their )?(?:[\w-]+ )"
              r"{0,3}?(?:completion|opening|groundbreaking|inauguration) ceremony|"
              r"\b(?:held|convened|hosted) (?:the |its |their |a |an )?(?:[\w-]+ ){0,6}?"
              r"(?:meeting|session|dialogue|forum|committee|commission)\b|"
              r"\b(?:meeting|session|dialogue|forum|round)\b[^.;]{0,80}?\b(?:was|were) "
              r"(?:held|convened)\b|"
              r"\b(?:gathered|met) for (?:the |their |its |a )?(?:[\w-]+ ){0,4}?(?:meeting|session|"
              r"round|dialogue)\b|"
              r"\b(?:completion|opening|groundbreaking|inauguration|tape-cutting|ribbon-cutting|"
              r"launch) ceremony\b[^.;]{0,100}?\b(?:was|were) held\b|"
              r"\b(?:started|began|commenced|starts|begins) construction\b|\bconstruction "
              r"(?:started|began|has begun)\b",
        "ko": r"출범(?:했|하였|시켰|식)|개소(?:했|하였|식)|가동(?:을 시작|에 들어갔|했|을 개시|중)|"
              r"착공(?:했|식)|준공(?:했|식)|문을 열었|설립(?:됐|되었|했다)|"
              r"(?:센터|연구소|실험실|랩|공장|사무소|법인|지사|거점)[`'\"’”」』]?(?:를|을)\s?"
              r"(?:열었|개설했|개설하였|개소했)|기공식|"
              r"(?:회의|회담|대화|포럼|위원회|협의회|세미나|설명회|교류회)(?:를|을|가|이)?\s?"
              r"(?:개최(?:했|하였|됐|되었)|열었|열렸|가졌)|"
              r"시행(?:됐|되었|에 들어갔)|발효(?:됐|되었)|운영을 시작|개원(?:했|식)|본격 가동|"
              r"첫 삽|양산(?:을 시작|에 들어갔)|"
              r"첫\s?(?:회의|회담)(?:를|을)\s?(?:열었|개최했|가졌)|"
              r"(?:회의|회담|대화|포럼|위원회|공동위|협의회|세미나|설명회|교류회)[’'”」』]?(?:를|을|가|이)"
              r"\s(?:\S+\s){0,6}?"
              r"(?:개최(?:했|하였|됐|되었)|열었|열렸|가졌)|"
              r"(?:총\s?)?\d+\s?(?:차례|회|번)\s?(?:열렸|개최됐|개최되었|열었|개최했)|"
              r"(?:기념식|개소식|준공식|착공식|출범식|개막식|개원식|기공식)[’'”」』]?(?:을|를)\s?"
              r"(?:갖|가졌|열었|열고|개최)|"
              r"(?:협력\s?사업|공동\s?연구(?:\s?사업|과제)?)(?:을|를)\s?(?:\S+\s)?(?:추진|수행|진행)"
              r"(?:했|하였|해\s?왔)|"
              r"(?:준공|완공|착공|출범|개소|개원)(?:해\s|하고|하여|하면서|시키면서|시키며|시켜|됐|되었|"
              r"했|하였)|설립\s?공사를 시작",
        "zh": r"正式启用|启用|揭牌|投产|落地|开业|正式运营|投入运营|投入使用|开工|建成|竣工|"
              r"正式成立|"
              r"挂牌|正式启动|生效|施行|(?<!线)上线|开通|"
              r"(?:举行|召开)了?(?:首次|第一次|首轮)(?:会议|会谈|磋商)|奠基|(?<!启)动工|"
              r"(?:建立|设立|成立|开设|组建)了|"
              r"(?:会议|对话|论坛|会谈|磋商|联委会|委员会|研讨会|交流会)[^，。；,]{0,30}?"
              r"(?<![将拟])(?:召开|举行|举办)|"
              r"(?:(?:已经?|累计)(?:开展|实施|完成)|(?:开展|实施|完成)了)[^，。；,]{0,6}"
              r"(?:联合研究|联合研发|合作研究|共同研究|合作项目)|"
              r"(?:开展|实施|完成)[^，。；,]{0,6}(?:联合研究|联合研发|合作研究|共同研究)(?:课题|项目)?"
              r"[\d一二三四五六七八九十百千]+|"
              r"(?<![将拟])(?:举行|召开|举办)了?[^，。；,]{0,30}?(?:会议|会谈|磋商|对话|论坛|交流会|"
              r"研讨会)|(?:成立|揭牌|开业|竣工|投产|启用|落成|开工|奠基)(?:仪式|典礼)|开幕(?![式词致])|"
              r"(?:举办|举行|召开)(?:过|了)?[\d一二三四五六七八九十两]+[次届轮]",
    },
    "agreement": {
        "en": r"\bagreed\b|\bagree to\b|reached (?:an? )?(?:consensus|agreement|understanding)|"
              r"\bpledged\b|committed to|decided to|will jointly|will sign|to sign|"
              r"\bwill (?:establish|set up|launch|build|create|expand|strengthen|deepen)\b|"
              r"\bwill (?:jointly |also )?(?:share|exchange|co-develop|conduct|carry out|pool|"
              r"cooperate|collaborate|work together|study|explore)\b|"
              r"\b(?:two|both) (?:sides|countries|companies|firms|institutes|governments|partners) "
              r"(?:also )?plan(?:s|ned)? to\b|"
              r"\b(?:the )?(?:two |both )?(?:sides|companies|firms|partners|governments) "
              r"(?:are|were) "
              r"(?:also )?planning to\b|\bco-invest(?:s|ed|ing)?\b|"
              r"\b(?:[A-Z][\w-]+|the two sides|both sides|the two countries) and "
              r"(?:[A-Z][\w-]+) will\b|"
              r"\bplan(?:s|ned|ning)? to (?:establish|set up|build|launch|create|form|sign|confirm|"
              r"jointly)\b",
        "ko": r"합의(?![한된]\s)|기로\s?(?:했|하였)|뜻을 모았|공감대|약속했|"
              r"(?:할|하는|될) 것(?:을|에)\s?(?:협의|합의|결정|약속|동의)(?:했|하였)|"
              r"(?:체결|서명)(?:할|하기로|키로| 예정)|"
              r"^(?:양사|양측|양국|양\s?기관)(?=(?:은|는|이|가)\s.*[을할] (?:계획|예정)이다)",
        "zh": r"同意|一致同意|达成(?:了)?[^，。；,]{0,4}(?:共识|一致)|商定|决定|承诺|约定|拟签署|"
              r"将(?:在|于|共同|联合|签署|投资|建设|设立|建立|成立|启动|推进|开展|同|与|和)|"
              r"(?:双方|两国|两家|两院|两校)(?:还|将)?(?:计划|准备|打算)",
    },
    "proposal": {
        "en": r"\bshould\b|\bproposed\b|\bpropose[sd]?\b|\bproposal\b|\bsuggested\b|called for|"
              r"\burged\b|\brecommend(?:s|ed)?\b|need to|needs to|ought to|it is necessary to|"
              r"could consider|must (?:establish|build|set up|create|strengthen)|"
              r"\bask(?:s|ed|ing)?\b(?= (?:\S+ ){1,4}?to\b)|\bcalled on\b|\bcall(?:s|ing)? "
              r"(?:for|on)\b|"
              r"\b(?:ask|request|seek)(?:s|ed|ing)?\b(?= (?:[\w'’.-]+ ){0,7}?for "
              r"(?:[\w'’-]+ ){0,3}?"
              r"(?:cooperation|help|support|assistance|attention|action)\b)|"
              r"\bseek(?:s|ing)? (?:[\w'’.-]+ ){0,3}?(?:cooperation|help|support|assistance)\b|"
              r"\bhop(?:e|es|ed|ing)\b(?! to\b)",
        "ko": r"제안|(?<=[가-힣])야\s?(?:한다|할 |합니다|하며|하고|하는)|필요가 있다|필요하다|"
              r"촉구|건의|제의|바람직|요청했|요청(?:하겠|할 계획|할 방침)",
        "zh": r"(?<![供响相对适反回效感答理顺])应(?:当|该)?"
              r"(?=[加建推进深扩拓共完设强积开携在把以])|"
              r"建议|提议|倡议|呼吁|主张|有必要|需要|"
              r"(?:寻求|请求|要求|吁请)[^，。；]{0,15}(?:协助|支持|帮助|配合)|希望(?=[^，。；]{0,6}(?:双方|两国|中方|韩方|各方))|"
              r"(?:希望|期待|期盼|期望)(?=[^。；]{0,60}(?:加强|深化|推动|扩大|拓展|开展|携手|合作|交流))|"
              r"欢迎(?=[^，。；]{0,8}(?:更多|各国|企业|投资|来华|来韩))|"
              r"(?:双方|两国|各方|我们|中方|韩方|两地)(?:还|更|都|也)?要(?=[共加推深携积进扩落持坚大])|"
              r"^(?:同时|此外|另外)?[,，]?(?:加强|增进|深化|推动|扩大|拓展|促进|推进)(?=[^。；]{0,30}合作)|"
              r"(?<![不认许])可(?=探讨|考虑|研究|通过|加强|开展|进一步|共同|联合|积极|在)|"
              r"提出(?:了)?[^，。；,]{0,12}(?:方案|建议|倡议|设想|主张)",
    },
}
_COMPILED = {t: {lang: re.compile(p, re.I) for lang, p in langs.items()}
             for t, langs in _CUES.items()}
_BASE_CONFIDENCE = {"restriction": 0.85, "signed": 0.85, "implemented": 0.75,
                    "agreement": 0.8, "proposal": 0.7}

_MECHANISMS: dict[str, dict[str, str]] = {
    "joint_lab": {
        "en": r"joint (?:lab|laboratory|laboratories|research (?:centre|center|institute))|"
              r"co-established (?:lab|laborator)|co-found(?:ed|ing) (?:a )?(?:lab|laborator)",
        "ko": r"공동\s?(?:연구소|연구센터|실험실|랩)|공동연구센터|합작\s?연구소",
        "zh": r"联合实验室|共建实验室|联合研究中心|共建.{0,8}实验室|联合研究院",
    },
    "joint_rnd": {
        "en": r"joint (?:research|R&D|development)|co-develop|jointly develop|research "
              r"collaboration|R&D cooperation|joint project",
        "ko": r"공동\s?연구|공동\s?개발|연구개발\s?협력|R&D\s?협력|기술\s?협력",
        "zh": r"联合研发|联合研究|共同研发|合作研发|联合攻关|技术合作|研发合作",
    },
    "standards": {
        "en": r"\bstandards?\b|standardi[sz]ation|mutual recognition|certification",
        "ko": r"표준|상호인정|인증",
        "zh": r"标准|互认|认证",
    },
    "dialogue": {
        "en": r"dialogue|consultation (?:channel|mechanism)|working group|hotline|"
              r"(?:regular|annual) (?:meeting|talks)|joint committee|consultative body",
        "ko": r"대화|협의체|협의\s?채널|실무\s?그룹|워킹그룹|핫라인|공동위원회|정례\s?회의",
        "zh": r"对话|磋商机制|工作组|热线|联委会|联合委员会|定期会晤|沟通机制",
    },
    "exchange": {
        "en": r"exchange (?:programme|program)|talent exchange|personnel exchange|exchanges? of "
              r"(?:researchers|students|experts|talent)|visiting researcher|fellowship|"
              r"training programme|exchange (?:[\w-]+ ){0,3}?(?:researchers|students|experts|"
              r"engineers|scientists|staff|personnel)",
        "ko": r"교류\s?프로그램|인력\s?교류|인재\s?교류|연구자\s?교류|교류\s?사업|파견",
        "zh": r"交流项目|人才交流|人员交流|互派|交流计划|培训项目",
    },
    "industrial_park": {
        "en": r"industrial (?:park|complex|zone)|cooperation (?:park|zone)|innovation park|"
              r"science park",
        "ko": r"산업\s?단지|산업\s?협력\s?단지|산업원|산업\s?클러스터|협력\s?단지|특구",
        "zh": r"产业园|工业园|合作园区|产业合作园|示范区|产业园区",
    },
    "investment": {
        "en": r"\binvest(?:s|ed|ing|ment|ments)?\b|joint venture|\bfund\b|financing",
        "ko": r"투자|합작\s?법인|합작사|펀드",
        "zh": r"投资|合资|基金|注资",
    },
}
_MECH_COMPILED = {m: {lang: re.compile(p, re.I) for lang, p in langs.items()}
                  for m, langs in _MECHANISMS.items()}
_COOPERATION = {
    "en": re.compile(r"cooperat|collaborat|partnership|\bjoint|together|memorand|\bMOU\b|"
                     r"agreement|bilateral|joint venture|"
                     r"(?:two|both) (?:countries|sides|governments|companies|firms|institutes|"
                     r"institutions|universities|partners|ministries|parties|agencies)|"
                     r"Korea-China|China-Korea|Seoul and Beijing|Beijing and Seoul|"
                     r"with (?:Beijing|Seoul|China|Korea|the (?:Chinese|Korean) side)\b|"
                     r"the (?:Chinese|Korean) side|"
                     r"\band (?:[\w'’-]+ ){1,5}?(?:signed|inked|agreed|will)\b", re.I),
    "ko": re.compile(r"협력|공동|협약|양해각서|MOU|파트너십|양국|양측|양사|양\s?기관|합작|합자|"
                     r"손잡|한중|한·중|한-중|중한|협정|(?:중국|한국)\s?측|협의해"),
    "zh": re.compile(r"合作|共同|联合|协议|备忘录|共建|携手|两国|双方|两家|两院|两校|中韩|韩中|"
                     r"伙伴|合资|[与同和](?:中方|韩方)|韩方[^。]*中方|中方[^。]*韩方"),
}
_BOTH_COUNTRIES = {
    "en": re.compile(r"two countries|both countries|two sides|both sides|(?:two|both) governments|"
                     r"Korea-China|"
                     r"China-Korea|Seoul and Beijing|"
                     r"Beijing and Seoul|Korea and China|China and (?:South )?Korea", re.I),
    "ko": re.compile(r"양국|양측|한중|한·중|한-중|중한|한국과 중국|중국과 한국"),
    "zh": re.compile(r"两国|双方|中韩|韩中|中国和韩国|韩国和中国|中国与韩国|韩国与中国"),
}


# A restriction cue that names the topic of a dialogue or of cooperation ("the export control
# dialogue", "수출통제 대화", "出口管制对话机制") does not make the sentence a restriction.
_CUE_AS_TOPIC = {
    "en": re.compile(r"\s?(?:dialogue|talks|consultations?|working group|cooperation|"
                     r"mechanism|meeting|forum|channel|law|violations?|compliance)", re.I),
    "ko": re.compile(r"\s?(?:대화|협의|협력|회의|워킹그룹|실무\s?그룹|채널|관련|위반|법|"
                     r"메커니즘|체계|제도|현황|대응)"),
    "zh": re.compile(r"(?:对话|磋商|合作|会议|工作组|沟通|渠道|法|相关|违法|合规|机制|体系|制度)"),
}
# A curb that is only possible, feared or denied ("the possibility of further tightening",
# "is not likely to halt exports", "是否会扩大限制", "강화한 데 따른 것으로 풀이된다") is
# not one imposed: looked for in the words before the cue (en, zh) or after it (ko).
_SPECULATION_BEFORE = {
    "en": re.compile(r"\b(?:possibility|possible|possibly|likely|unlikely|may|might|whether|"
                     r"not|no|never|if|fears?|risk)\b", re.I),
    "zh": re.compile(r"可能|是否|不确定|或将|或许|担忧|担心|如果|若"),
}
_SPECULATION_AFTER = {
    "ko": re.compile(r"가능성|여부|풀이된다|우려|전망|않|에\s?대비|에\s?대응"),
}
# A completion or opening still to come ("will open", "预计2021年竣工", "착공식을 열 예정")
# is not implemented.
_FUTURE_BEFORE = {
    "en": re.compile(r"\b(?:will|would|shall|to be|plans? to|planned to|planning to|expected "
                     r"to|scheduled to|aims? to|set to|is to|are to|hopes? to|to|should|could|"
                     r"can|must|may|might|need to|needs to|urged?|called for|asked|proposed|"
                     r"suggested)\b", re.I),
    "zh": re.compile(r"将|预计|计划|拟|即将|有望|争取|力争|预期|准备|应|可|需要|希望|呼吁|建议|"
                     r"要求|提议|正在|正(?!式)|加快|加紧"),
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
    "ko": re.compile(r"철회|해제|완화|폐지|풀었|풀린|유예"),
}
# Korean is head-final: the modality of the whole sentence sits on its last predicate
# ("... 조치일 수 있다고 말했다", "... 것으로 보인다"), so a curb in a sentence that
# ends as a possibility is speculative wherever its cue is.
_FINAL_SPECULATION = {
    "ko": re.compile(r"(?:수 있다|수 있을|것으로 보인다|가능성|전망|우려|풀이)"
                     r"[^.]{0,20}[.다]?\s*$"),
}
# "a dialogue on export controls", "talks on the export curbs": the curb is the topic of
# the noun before it (the topic check after the cue covers "export control dialogue").
_TOPIC_BEFORE = {
    "en": re.compile(r"\b(?:dialogue|talks|consultations?|mechanism|channel|cooperation|hotline|"
                     r"working group|meeting)\s+(?:[\w'’-]+\s+){0,3}?on\s+(?:[\w'’-]+\s+){0,2}$",
                     re.I),
}
# A meeting held is implemented cooperation when it is an institution's (a joint committee,
# a dialogue, a working group) or a numbered round ("the 14th meeting", "제1차", "第二次"),
# not any meeting of two ministers.
_MEETING = re.compile(r"meeting|session|dialogue|forum|committee|commission|회의|회담|대화|"
                      r"포럼|위원회|협의회|세미나|설명회|교류회|会议|对话|论坛|会谈|磋商|联委会|"
                      r"委员会|研讨会|交流会", re.I)
_INSTITUTIONAL = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|inaugural|annual|"
    r"\d+(?:st|nd|rd|th))\b|joint (?:committee|commission|working group)|dialogue|"
    r"working group|제\s?\d+\s?차|\d+\s?차|첫|정례|공동위원회|공동위|위원회|대화|협의체|"
    r"第[\d一二三四五六七八九十百]+[次届轮]|首次|首届|首轮|联委会|委员会|对话|工作组|"
    r"[\d两三四五六七八九十]+[次届轮](?![会议])|框架下|机制下", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:，；：。]|\b(?:and|but|while|after|which|who)\b")


# A Chinese future marker governs the chain of verb phrases after it ("三方将建立协商机制,
# 每季度召开定期会议,逐步推进合作落地"): nothing in the chain has happened unless a
# perfective marker (了, 已, 过) intervenes.
_ZH_FUTURE_SCOPE = re.compile(r"(?:将|拟|即将|计划)(?![^。；]*?(?:了|已|过))[^。；]*$")


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


def _cue_holds(statement_type: str, lang: str, probe: str, m: re.Match[str]) -> bool:
    if statement_type == "restriction":
        if _CUE_AS_TOPIC[lang].match(probe, m.end()):
            return False
        topic = _TOPIC_BEFORE.get(lang)
        if topic is not None and topic.search(probe[max(0, m.start() - 80):m.start()]):
            return False
        reversal = _REVERSAL_BEFORE.get(lang)
        if reversal is not None and reversal.search(_clause_before(probe, m.start(), 4)):
            return False
        reversal = _REVERSAL_AFTER.get(lang)
        if reversal is not None and reversal.search(probe, m.end(), m.end() + 30):
            return False
        final = _FINAL_SPECULATION.get(lang)
        if final is not None and final.search(probe[-40:]):
            return False
        before = _SPECULATION_BEFORE.get(lang)
        if before is not None and before.search(_clause_before(probe, m.start())):
            return False
        after = _SPECULATION_AFTER.get(lang)
        return not (after is not None and after.search(probe, m.end(), m.end() + 30))
    if statement_type == "implemented":
        if _MEETING.search(m.group()) and not _INSTITUTIONAL.search(probe):
            return False
        before = _FUTURE_BEFORE.get(lang)
        if before is not None and before.search(_clause_before(probe, m.start(), 5)):
            return False
        if lang == "zh" and _ZH_FUTURE_SCOPE.search(probe[:m.start()]):
            return False
        after = _FUTURE_AFTER.get(lang)
        return not (after is not None and after.search(probe, m.end(), m.end() + 12))
    if statement_type == "signed" and lang == "zh":
        # "希望以签署…为契机", "计划签署": a signing hoped for or planned is not one done.
        return not _FUTURE_BEFORE["zh"].search(_clause_before(probe, m.start(), 5))
    return True


# Partners discussing restrictions ("the two sides discussed export controls", "양측은 수출
# 통제 정보 공유를 논의했다") do not impose one: with a cooperation context, a discussion
# verb turns a restriction cue into the topic of the talks.
_DISCUSSION = {
    "en": re.compile(r"\bdiscuss(?:ed|es|ing)?\b|\btalks on\b|\bconsult(?:ed|ations?)? on\b",
                     re.I),
    "ko": re.compile(r"논의|협의했|협의할|의견을 나눴"),
    "zh": re.compile(r"讨论|磋商|商讨|交换意见"),
}
# "The two companies will ...": parties named in an earlier sentence of the document.
_ANAPHORIC_PARTIES = {
    "en": re.compile(r"\b(?:the )?(?:two|both) (?:companies|firms|institutes|institutions|"
                     r"universities|partners|groups|organi[sz]ations|parties)\b", re.I),
    "ko": re.compile(r"양사|양\s?기관|두 기관|두 회사|양\s?대학"),
    "zh": re.compile(r"两家|两院|两校|两所|两机构"),
}


def _all_matches(pattern: re.Pattern[str], probe: str) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` at every start, overlapping ones included: a cue that does
    not hold (a meeting that is not an institution's) must not hide a shorter one inside
    it (the 揭牌 of "论坛暨…揭牌仪式…举行")."""
    pos = 0
    while (m := pattern.search(probe, pos)) is not None:
        yield m
        pos = m.start() + 1


@dataclass(frozen=True)
class Classification:
    type: str
    cue: str
    cue_start: int


# A bare future ("将于下月投产", "will build", "…할 예정이다") is a plan of whoever is the
# subject; it is an agreement only when the sentence itself says the parties act together
# (a cooperation word), not merely because both countries are named.
_BARE_FUTURE = re.compile(r"^(?:将|will\b|plan|양사|양측|양국|양\s?기관)", re.I)
# Types for which a document naming both countries is context enough: what happened
# (a plant opened, projects signed) is reported of the parties the document introduced.
_DOCUMENT_CONTEXT = ("implemented", "signed")
# Questions ("有没有公司拿到了出口许可?", "Will China halt exports?") report nothing.
_QUESTION = re.compile(r"[?？][”’\"'」』)）]*\s*$")


def classify_sentence(
    text: str, lang: str, *, cross_border: bool = False, document_cross_border: bool = False
) -> Classification | None:
    """Statement type of one sentence by cue phrases (see module doc), or None.
    ``cross_border``: the sentence names actors or places of both Korea and China, which
    is a cooperation context of its own (a Korean firm's plant in a Chinese city).
    ``document_cross_border``: the document does, and this sentence names an actor or place
    of one of them; enough context for ``implemented`` and ``signed`` only (a plant opening
    reported in a sentence that names just the city, the firm having been named before)."""
    lang = lang if lang in ("en", "ko", "zh") else "en"
    probe = to_simplified(text) if lang == "zh" else text
    if _QUESTION.search(probe):
        return None
    for statement_type, patterns in _COMPILED.items():
        m = next((c for c in _all_matches(patterns[lang], probe)
                  if _cue_holds(statement_type, lang, probe, c)), None)
        if statement_type == "restriction":
            if m is not None and _DISCUSSION[lang].search(probe) and _COOPERATION[lang].search(
                    probe):
                m = None
        if m is None:
            continue
        cooperation = bool(_COOPERATION[lang].search(probe))
        if statement_type == "agreement" and _BARE_FUTURE.match(m.group()) and not cooperation:
            continue
        if statement_type != "restriction" and not cross_border and not cooperation:
            if not (statement_type in _DOCUMENT_CONTEXT and document_cross_border) and not any(
                    p[lang].search(probe) for p in _MECH_COMPILED.values()):
                continue
        return Classification(statement_type, text[m.start():m.end()], m.start())
    return None


STATEMENT_ORDER = tuple(_COMPILED)


def cue_types(text: str, lang: str) -> list[str]:
    """Types with a cue that holds in the sentence (topic, speculation and future checks
    applied, no cooperation-context check): the candidates the statement model types."""
    lang = lang if lang in ("en", "ko", "zh") else "en"
    probe = to_simplified(text) if lang == "zh" else text
    return [t for t, patterns in _COMPILED.items()
            if any(_cue_holds(t, lang, probe, c) for c in _all_matches(patterns[lang], probe))]


def has_cooperation_context(probe: str, lang: str) -> bool:
    return bool(_COOPERATION[lang].search(probe))


def has_discussion(probe: str, lang: str) -> bool:
    return bool(_DISCUSSION[lang].search(probe))


def _first_cue(text: str, lang: str, statement_type: str) -> Classification:
    probe = to_simplified(text) if lang == "zh" else text
    m = next((c for c in _all_matches(_COMPILED[statement_type][lang], probe)
              if _cue_holds(statement_type, lang, probe, c)), None)
    if m is None:
        return Classification(statement_type, "", 0)
    return Classification(statement_type, text[m.start():m.end()], m.start())


def classify_sentences(
    sentences: list[Sentence], cross_border: list[bool],
    document_cross_border: list[bool] | None = None,
) -> list[Classification | None]:
    """Types of a document's sentences: the cue rules, and for the languages where the
    trained model was adopted (:mod:`kcbridge.docs.statement_model`) the model decides
    restrictions among the sentences with a cue (a sentence it calls a restriction is
    one; a rules' restriction it calls something else takes its type), the rules every
    other type."""
    document = document_cross_border or [False] * len(sentences)
    found = [classify_sentence(s.text, s.lang, cross_border=cb, document_cross_border=dc)
             for s, cb, dc in zip(sentences, cross_border, document, strict=True)]
    from kcbridge.docs.statement_model import (
        RESTRICTION_ADD,
        RESTRICTION_DROP,
        load_model,
        sentence_features,
    )

    model = load_model()
    if model is None or not model.adopted:
        return found
    chosen = [i for i, s in enumerate(sentences) if s.lang in model.adopted
              and cue_types(s.text, s.lang)]
    if not chosen:
        return found
    features = sentence_features([sentences[i].text for i in chosen],
                                 [sentences[i].lang for i in chosen])
    restriction = model.classes.index("restriction")
    for i, p in zip(chosen, model.probabilities(features), strict=True):
        current = found[i]
        s, rules_type = sentences[i], current.type if current is not None else "none"
        if p[restriction] > RESTRICTION_ADD and rules_type != "restriction":
            found[i] = _first_cue(s.text, s.lang, "restriction")
        elif rules_type == "restriction" and p[restriction] < RESTRICTION_DROP:
            others = [(q, c) for q, c in zip(p, model.classes, strict=True)
                      if c != "restriction"]
            label = max(others)[1]
            found[i] = None if label == "none" else _first_cue(s.text, s.lang, label)
    return found


def mechanisms_of(text: str, lang: str) -> list[str]:
    lang = lang if lang in ("en", "ko", "zh") else "en"
    probe = to_simplified(text) if lang == "zh" else text
    found = [name for name, p in _MECH_COMPILED.items() if p[lang].search(probe)]
    if "joint_lab" in found and "joint_rnd" in found:
        found.remove("joint_rnd")
    return found


def extract_statements(
    sentences: list[Sentence],
    entities: list[Entity],
    sentence_sectors: dict[int, list[str]],
    document_sectors: list[str],
) -> list[Statement]:
    """Statements of one document (one per classified sentence)."""
    by_sentence: dict[int, list[Entity]] = {}
    for e in entities:
        by_sentence.setdefault(e.sentence, []).append(e)
    out: list[Statement] = []
    document_both = _names_both_countries(entities)
    types = classify_sentences(
        sentences, [_names_both_countries(by_sentence.get(s.index, [])) for s in sentences],
        [document_both and bool(_countries_named(by_sentence.get(s.index, []))) for s in sentences])
    for s, found in zip(sentences, types, strict=True):
        ents = by_sentence.get(s.index, [])
        if found is None:
            continue
        lang = s.lang if s.lang in ("en", "ko", "zh") else "en"
        parties, countries = _parties(s.text, lang, ents)
        if not countries and _ANAPHORIC_PARTIES[lang].search(s.text):
            countries = next((st.countries for st in reversed(out) if st.countries), [])
        mechanisms = mechanisms_of(s.text, lang)
        sectors = sentence_sectors.get(s.index) or document_sectors[:1]
        stated = [e for e in ents if e.kind == "date" and e.key[:4].isdigit()]
        confidence = _BASE_CONFIDENCE[found.type]
        confidence += 0.05 * bool(mechanisms) + 0.05 * bool(sentence_sectors.get(s.index))
        confidence += 0.05 * (len(parties) >= 2)
        statement = Statement(
            sentence=s.index, start=s.start, end=s.end, text=s.text, type=found.type,
            cue=found.cue, confidence=round(min(confidence, 0.97), 3), lang=lang,
            proposer=_proposer(ents, s.start + found.cue_start) if found.type == "proposal"
            else "",
            parties=parties, countries=countries, sectors=list(sectors), mechanisms=mechanisms,
            materials=list(dict.fromkeys(m.entry.id for m in materials().find(s.text)))
            if found.type == "restriction" else [],
        )
        if stated:
            from datetime import date as _date

            statement.date = _date.fromisoformat(stated[0].key)
        out.append(statement)
    return out


def _countries_named(ents: list[Entity]) -> set[str]:
    return {e.country for e in ents if e.kind in ("organisation", "place") and e.country}


def _names_both_countries(ents: list[Entity]) -> bool:
    return {"KOR", "CHN"} <= _countries_named(ents)


def _parties(text: str, lang: str, ents: list[Entity]) -> tuple[list[str], list[str]]:
    """(organisations and countries named, countries involved)."""
    orgs = [e.key for e in ents if e.kind == "organisation"]
    countries = {e.country for e in ents if e.kind == "organisation" and e.country}
    countries |= {e.key for e in ents if e.kind == "place" and e.source == "alias-list"
                  and e.key == e.country}
    if _BOTH_COUNTRIES[lang].search(to_simplified(text) if lang == "zh" else text):
        countries |= {"CHN", "KOR"}
    named = {e.key for e in ents if e.kind == "place" and e.key in countries}
    return list(dict.fromkeys(orgs)) + sorted(named), sorted(countries)


def _proposer(ents: list[Entity], cue_offset: int) -> str:
    before = [e for e in ents if e.start < cue_offset]
    for kind in ("organisation", "person", "place"):
        for e in before:
            if e.kind == kind:
                return e.key
    return ""
