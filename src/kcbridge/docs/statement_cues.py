"""Cue phrases of the statement rules (:mod:`kcbridge.docs.statements`), per type and
language, with the mechanism words, the cooperation-context words and the words naming both
countries. Data only: the structure checks (tense, modality, scope) are in ``statements``."""

from __future__ import annotations

import re

#: Hangul syllables ending in ㄹ: the Korean future adnominal (할, 지을, 세울 ... 계획이다).
KO_FUTURE_ADNOMINAL = "".join(chr(c) for c in range(0xAC00, 0xD7A4) if (c - 0xAC00) % 28 == 8)


def ko_forecast(quoted: bool = False) -> re.Pattern[str]:
    """A Korean forecast ("…될 것이다", "…것으로 기대된다", "전망이다"); ``quoted``: a closing
    quotation mark may stand between the forecast and its copula (a quoted forecast)."""
    quote = r"[\"”’']*\s?" if quoted else ""
    return re.compile(r"[" + KO_FUTURE_ADNOMINAL + r"] 것" + quote + r"(?:이다|이라|으로)|"
                      r"것으로 (?:기대|전망|예상)|기대된다|전망이다")


#: The verbs Korean news reports speech with ("…하자고 화답했습니다", "…바란다”고 피력했다"):
#: a proposal or an offer is what is quoted before one of them, whichever the reporter chose.
KO_SAY = (r"(?:말했|밝혔|강조했|제안했|촉구했|당부했|화답했|답했|언급했|피력했|전했|설명했|"
          r"덧붙였|주문했|요청했|역설했|표명했|말하|밝히|강조하)")

CUES: dict[str, dict[str, str]] = {
    "restriction": {
        "en": r"export controls?|export restrictions?|export bans?|"
              # tours to Korea banned (round stfresh24)
              r"\bbann?(?:ed|ing|s)? (?:on )?(?:Chinese )?(?:group )?(?:tours|travel) to "
              r"(?:South )?Korea\b|bann(?:ed|ing) (?:the )?"
              r"(?:export|import)s?|export licen[cs](?:e|es|ing)|licen[cs]ing requirements?|"
              r"restrict(?:s|ed|ing)? (?:the )?(?:export|import)s?|curb(?:s|ed)? (?:on )?exports?|"
              r"impos(?:e|es|ed|ing) (?:new |further )?(?:restrictions|curbs|controls|bans?) on "
              r"(?:exporting|exports?|the export)|"
              r"unreliable entity list|entity list|(?:suspend|halt)(?:s|ed)? (?:the )?exports?|"
              # round sten: new rules introduced, a demand to stop exporting
              r"\bintroduc(?:ed|es|ing) (?:new |tighter |stricter )?export (?:regulations|rules|"
              r"controls|licensing)\b|\b(?:new|tighter|stricter) export (?:regulations|rules)\b|"
              r"\b(?:cease|stop|halt)(?:s|ed|ing)? (?:all )?(?:exports?|exporting|shipments?|"
              r"shipping)\b|"
              r"export checks|export curbs|import ban\b|control list|"
              # an import ban by its noun phrase (round stceremony: "announced a ban on the
              # import of 19 … products")
              r"\bbans? on (?:the )?imports?\b(?! of (?:the )?(?:[\w-]+ ){0,2}?ban)|"
              r"(?:apply|applied|applying) for (?:an? )?(?:export )?licen[cs]es?|"
              r"requires? (?:an? )?(?:export )?licen[cs]es?|"
              r"(?:suspend|halt|stop|pause|tighten|block)(?:s|ed|ped|ping|ing)? "
              r"(?:clearing |approving )?"
              r"(?:[\w-]+ ){0,5}?(?:exports?|shipments|cargoes|deliveries)\b|"
              r"revok(?:e|es|ed|ing) (?:the )?(?:[\w-]+ ){0,3}?(?:waivers?|licen[cs]es?|"
              r"exemptions?|authori[sz]ations?|VEU status)|blacklist(?:s|ed|ing)?\b|"
              r"\bsanction(?:s|ed)? (?:on|against)\b|imposed sanctions|customs (?:hold|clearance "
              r"(?:was|were|has been) (?:halted|suspended|delayed))|export permits?|"
              r"(?:suspend|halt|delay|stopp?)(?:s|ed|ing)? (?:the )?customs "
              r"(?:clearance|procedures)|"
              r"delay(?:s|ed)? (?:by [\w-]+ )?in customs (?:clearance|procedures)|"
              r"customs delays?\b|"
              # goods turned away at the border (round stfresh26): "refused to pass … through
              # customs", "refused customs clearance for", "rejected … at customs"
              r"\brefus(?:e|es|ed|ing) (?:to )?(?:clear|pass|admit|accept|release)\b[^.;]{0,80}?"
              r"\bcustoms\b|\brefus(?:e|es|ed|ing) customs clearance\b|"
              r"\b(?:rejected|turned back|returned|detained|seized)\b[^.;]{0,60}?\bat customs\b",
        "ko": r"수출\s?통제|수출\s?규제|수출\s?제한|수출\s?금지|수입\s?금지|수출\s?허가|"
              r"허가제|통관\s?보류|"
              r"수출(?:을|이)\s?(?:[가-힣]+\s)?(?:중단|제한|금지|차단)|"
              # imports banned or stopped ("…의 수입을 금지했다"; round stceremony)
              r"수입(?:을|이)\s?(?:[가-힣]+\s)?(?:금지|중단|차단)(?:했|하였|한다|하기로|됐|되었|조치)|"
              r"수출(?:을|이|도|은|는)\s(?:\S+\s){0,3}?(?:통제|제한|금지|중단|차단|규제)"
              r"(?:했|하였|하고|한다|합니다|했습니다|하기로|해|하는)|"
              # a ban order issued ("…산업에 대한 금지령을 내리면서"); the name of a past ban
              # as a cause ("한한령으로 멈춰 섰던 협상") is background, not a curb reported
              r"(?:금지령|금수\s?조치)(?:을|를)\s?(?:\S+\s)?(?:내리|내렸|발동|시행|발령)|"
              r"신뢰할 수 없는 기업|통제\s?목록|제재|거래\s?제한\s?(?:명단|목록|기업)|블랙리스트|"
              r"수출\s?(?:검사|심사)(?:를|을)?\s?강화|"
              # an adverb may stand between the object and the verb ("통관을 돌연 보류한")
              r"통관(?:을|를|이|가)?\s?(?:[가-힣]+\s)?(?:중단|보류|지연|막았|막아|차단)|"
              # export applications reviewed one by one, and goods made abroad that are
              # restricted too (round stfresh27): a licensing curb told in its own sentence
              r"(?:수출|반출)\s?신청(?:은|을|에 대해서는|에 대해)?\s(?:\S+\s){0,4}?"
              r"(?:개별\s?|건별\s?)?심사|"
              r"(?:수출|통제|희토류|반도체|원산지)[^.]{0,120}?제한을\s?받(?:는다|게 된다|습니다)",
        "zh": r"出口管制|出口管控|出口许可|许可证管理|禁止出口|限制出口|暂停出口|禁运|"
              r"不可靠实体清单|"
              r"管控名单|出口禁令|禁止进口|暂停进口|制裁|不得出口|未经许可|不予许可|实体清单|"
              r"反制清单|反制措施|"
              # tours or travel business to Korea halted by order (round stfresh24)
              r"(?:停办|叫停|暂停|停止|禁止)[^，。；,]{0,6}(?:韩国游|赴韩(?:团体)?(?:游|旅游)|"
              r"韩国(?:团体)?旅游)|"
              r"(?:暂停|停止|限制|禁止|收紧|叫停|管制|减少|削减|压减)[^，。；,]{0,12}出口|加强[^，。；]{0,6}出口的?(?:检验|检查|审查)|"
              # a waiver revoked, a licence now required ("撤销…豁免", "须逐件申请许可")
              r"撤销[^，。；]{0,30}豁免(?!的|名单)|(?:须|需|必须)[^，。；]{0,8}(?:申请|取得|获得|得到)[^，。；]{0,4}许可",
    },
    "signed": {
        "en": r"\bsigned\b|\binked\b|\b(?:inks|signs)\b(?= (?:an? |the )?[\w-]+ ?(?:[\w-]+ )?"
              r"(?:deal|agreement|pact|MOU|memorandum|contract|accord))|signing ceremony|"
              r"witnessed the signing|"
              # a deal concluded in other words (round stfresh28): "concluded a license contract
              # with", "clinched a deal with", "struck an agreement with"
              r"\b(?:concluded|clinched|struck|sealed)\s+(?:an? |the )?(?:[\w-]+ ){0,2}?(?:deal|"
              r"agreement|pact|contract|accord|MOU)\b|"
              # sister or friendship ties concluded (the English half of round stceremony's
              # class, added after fresh-23)
              r"\bbecame (?:sister|friendship|twin) (?:cities|provinces|states|universities|"
              r"schools)\b|\b(?:established|forged|formed) (?:an? )?(?:sister|friendship|friendly|"
              r"twin)[- ](?:city |province |state |school )?(?:ties|relations(?:hips?)?)\b|"
              r"concluded (?:an? |\d+ |[\w-]+ )?"
              r"(?:agreements?|accords?|deals?|memorand|MOUs?)|exchanged (?:an? )?(?:MOU|memorand)|"
              r"\bentered into (?:an? |the )?(?:[\w()-]+ ){0,6}?(?:contract|agreement|deal|pact|"
              r"MOU|memorandum)",
        # "-기도 했다" (also signed: "협정을 맺기도 했다", round stfresh24)
        "ko": r"체결(?:했|하였|됐|되었|돼|되어|식|한\s|함|에 서명|하기도\s?했)|"
              r"서명(?:했|하였|식|하기도\s?했)|"
              r"조인(?:했|식)|"
              # a ceremony named by what is signed ("업무협약식을 가졌다", "MOU식을 열었다":
              # held, unless the ceremony check finds it planned or listed) and sister ties
              # concluded by the verb ("자매결연했다"); round stceremony
              r"(?:협약|협정|계약|약정|결연|MOU|MOC)\s?식|결연\s?의식|결연(?:했|하였|됐|되었)|"
              # the noun may carry a gloss and take 을 or 를 ("업무협약(MOU)을 맺었다",
              # "MOU를 맺었다");
              # sister-city ties are signed too ("자매결연을 맺었다")
              r"(?:협약|MOU|MOC|양해각서|각서|계약|협정|의향서|합의서|결연)(?:\([^)]{1,20}\))?(?:을|를)\s?"
              r"(?:[가-힣]+\s)?맺(?:었|기도\s?했)|"
              r"(?:양해각서|MOU|협정|협약|합의서|계약서|의정서)(?:\([A-Za-z]+\))?(?:를|을|도)?\s?"
              r"(?:\S+\s)?교환(?:했|하였|됐|되었)|"
              r"(?:MOU|양해각서|협약|협정|계약)\s?체결(?:은|로써|로)\s",
        "zh": r"(?<=[年月日])签(?:署|订)的(?=[^，。；,]{0,30}(?:协议|协定|备忘录|合同))|"
              # friendship or sister ties concluded ("缔结友好省州关系", "结成姊妹校"; after
              # fresh-23, the Chinese half of round stceremony's pre-registered class)
              # (not an anniversary or a duration: "缔结友好省道关系30周年", "缔结友好城市33年")
              r"(?<![将拟])(?:缔结|结成|结为)[“\"「]?(?:友好|姊妹|姐妹)"
              r"(?![^，。；,]{0,12}?(?:\d+|[一二三四五六七八九十]+)\s?(?:周年|年))|"
              r"(?<![将拟])(?<!出席)(?<!参加)(?<!见证)(?:签署|签订|签约|签下)"
              r"(?!的|以来|.{0,2}(?:计划|意向))",
    },
    "implemented": {
        "en": r"\b(?:completed|built|opened|established|set up)\s+(?:its |their |a |an |the )?"
              # a facility or unit built or set up, in the simple past (round stfresh28:
              # "completed a Chinese plant", "established its Chinese sales unit")
              # (not "completed the sale of its … unit", "set up to build the plant")
              r"(?:(?!(?:to|of|for|sale|acquisition|purchase|takeover)\b)[\w-]+ ){0,5}?"
              r"(?:plant|factory|facility|production base|sales unit|unit|"
              r"subsidiary|branch|office|joint venture|R&D cent(?:re|er)|project|company)s?\b|"
              # money put into a facility (round sten: "invested 290 million U.S. dollars in a
              # R&D center in Yantai")
              # (one facility, named with its article: not "invested in 120 joint projects")
              r"\binvested (?:(?!(?:to|in)\b)[\w.$,-]+ ){0,5}?in (?:an? |its |their |the )"
              r"(?:[\w&-]+ ){0,4}?(?:plant|factory|facility|cent(?:re|er)|joint venture|"
              r"production base|project)s?\b|"
              r"\b(?:was|were|has been|have been) (?:officially )?(?:launched|opened|"
              r"inaugurated|established|set up|completed|put into operation)|\b(?:launched|"
              r"opened|inaugurated|unveiled)\b|began (?:operations?|operating|production|"
              r"mass production)|started (?:operations?|operating|production)|"
              r"\b(?:has|have|had) (?:now |already )?(?:built|completed|opened) "
              r"(?:its |their |a |an |the )?(?:[\w()-]+ ){0,8}?"
              r"(?:plant|factory|facility|cent(?:re|er)|line|lab|office)s?\b|"
              r"\bresumed (?:the |their |its )?(?:[\w-]+ ){0,3}?(?:negotiations|talks|dialogue)\b|"
              r"\bimplemented (?:the |their |its |a )?(?:[\w-]+ ){0,3}?(?:FTA|free trade agreement|"
              r"trade (?:agreement|deal|pact))\b|"
              r"\b(?:has|have|had) (?:already )?held (?:[\w-]+ ){0,4}?"
              r"(?:meetings|rounds|sessions)\b|"
              r"went into "
              r"operation|broke ground|came into (?:force|effect)|took effect|entered into "
              r"force|is now operating|has begun|"
              r"held (?:its |the )?(?:first|inaugural) (?:round|meeting|session)|"
              r"\b(?:announced|clinched|launched) (?:a |an |the |its |their )?joint[- ]venture|"
              r"\b(?:carried out|conducted|completed) (?:[\w-]+ ){0,3}?(?:joint|collaborative) "
              r"(?:research|projects?)\b|\bdesignated\b[^.;]{0,60}?\bas (?:the |a |an )?"
              r"(?:[\w’'-]+ ){0,4}?(?:cooperation|industrial|joint) (?:complex|zone|park|centre|"
              r"center|base)\b|"
              r"(?<![\w-])(?:established|set up|opened|founded|formed)\b (?!to\b)"
              r"(?:a |an |the |its |their )?"
              r"(?:[\w-]+ ){0,4}?(?:joint venture|cent(?:re|er)|office|lab|laboratory|plant|"
              r"factory|subsidiary|base|hub|institute|mechanism)s?\b|"
              r"\bput (?:[\w,-]+ ){0,10}?into (?:operation|production|service|use)\b|"
              r"\bjoint[- ]venture,? (?:which was |that was )?(?:set up|established|formed|founded|"
              r"launched)\b(?! (?:to|next|later|soon))|"
              r"\binvested\b[^.;]{0,60}?\bto (?:set up|establish|form|build)\b|"
              r"ceremony (?:to (?:mark|celebrate|commemorate)|marking) the (?:completion|opening|"
              r"launch|start|inauguration)|(?:held|hosted) (?:a |an |the |its |their )?"
              r"(?:[\w’'-]+ ){0,3}?(?:completion|opening|groundbreaking|inauguration) ceremony|"
              # (fillers may be possessives: "an annual ministers' meeting"; round enmeet)
              r"\b(?:held|convened|hosted) (?:the |its |their |a |an )?(?:[\w’'-]+ ){0,6}?"
              r"(?:meeting|session|dialogue|forum|committee|commission|round of (?:talks|"
              r"negotiations))\b|"
              r"\b(?:meeting|session|dialogue|forum|round)\b[^.;]{0,80}?\b(?:was|were) "
              r"(?:held|convened)\b|"
              # a numbered or annual meeting told as a reduced relative ("the 18th joint
              # fishing committee meeting held for four days", "the 7th … Forum held at";
              # round stjoint)
              r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
              r"ninth|tenth|annual) (?:[\w’'-]+ ){0,6}?(?:meeting|session|dialogue|forum|"
              r"committee|commission|talks|round)s? held (?:at|in|on|for|from|over)\b|"
              r"\b(?:gathered|met) for (?:the |their |its |a )?(?:[\w-]+ ){0,4}?(?:meeting|session|"
              r"round|dialogue)\b|"
              r"\b(?:completion|opening|groundbreaking|inauguration|tape-cutting|ribbon-cutting|"
              r"launch) ceremony\b[^.;]{0,100}?\b(?:was|were) held\b|"
              r"\b(?:discussed|reviewed|assessed|exchanged views)\b[^.;]{0,80}?\b(?:during|at) "
              r"(?:the |their |its )?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
              r"ninth|tenth|\d+(?:st|nd|rd|th)|inaugural) (?:meeting|session|round|plenary)\b|"
              r"\b(?:started|began|commenced|starts|begins) construction\b|"
              r"\bconstruction\b[^.;]{0,60}?\b(?:started|began|commenced|kicked off|"
              r"got under way)\b|"
              r"\bconstruction "
              r"(?:started|began|has begun)\b|"
              # the same events in the perfect and with the facility as object (round stimpl:
              # "has broken ground", "has gone into operation", "started building", "completed
              # its plant"), and a facility under construction: its construction has started
              r"\b(?:has|have|had) (?:now |already |officially )?(?:broken ground|gone into "
              r"(?:operation|production|service)|(?:started|begun) (?:building|mass production))\b|"
              r"\b(?:started|began) (?:building|mass production)\b|"
              r"\bcompleted (?:its |their |the |a |an )(?:[\w()-]+ ){0,6}?"
              r"(?:plant|factory|facility|cent(?:re|er)|production line|complex)s?\b|"
              r"\b(?:plant|factory|facility|cent(?:re|er)|production line|complex)s?\b[^.;]{0,60}?"
              r"\b(?:is|are|was|were|now|currently|still|being) (?:now |currently |still )?under "
              r"construction\b|\b(?:plant|factory|facility|cent(?:re|er)|complex)s?,? under "
              r"construction\b",
        "ko": r"출범(?:했|하였|시켰|식)|개소(?:했|하였|식)|가동(?:을 시작|에 들어갔|했|을 개시|중)|"
              # a bullet line (개조식) that ends in the deed itself ("-6월에는 … 합작사 설립";
              # round stfresh26)
              r"(?:합작\s?법인|합작사|합작\s?회사|합자\s?회사|법인|공장|센터|연구소|사무소)\s?"
              r"(?:설립|준공|착공|개소|설치|출범)\s*$|"
              r"착공(?:했|식)|준공(?:했|식)|문을 열었|설립(?:됐|되었|했다)|"
              r"(?:센터|연구소|실험실|랩|공장|사무소|법인|지사|거점)[`'\"’”」』]?(?:를|을)\s?"
              r"(?:열었|개설했|개설하였|개소했|설치했|설치하였|설립했|설립하였|세웠)|기공식|"
              r"(?:회의|회담|대화|포럼|위원회|협의회|세미나|설명회|교류회)[’'”」』]?(?:를|을|가|이|도)?\s?"
              r"(?:개최(?:했|하였|됐|되었|돼)|열었|열렸|가졌)|"
              r"(?:회의|대화|협의회|세미나|협상)[’'”」』]?(?:를|을)\s?(?:했|하였|진행했|진행하였|"
              r"진행해\s?왔)|"
              r"시행(?:됐|되었|에 들어갔)|발효(?:됐|되었)|운영을 시작|개원(?:했|식)|본격\s?가동|"
              # a plant completed, told with a comma before what follows ("현지공장을 준공,
              # 이달말부터 양산체제에 나선다"; round stfresh28)
              r"준공(?=,)|"
              r"첫 삽|양산(?:을 시작|에 들어갔)|"
              r"첫\s?(?:회의|회담)(?:를|을)\s?(?:열었|개최했|가졌)|"
              r"(?:회의|회담|대화|포럼|위원회|공동위|협의회|세미나|설명회|교류회|협상)[’'”」』]?"
              r"(?:를|을|가|이|도)"
              r"\s(?:\S+\s){0,6}?"
              r"(?:개최(?:했|하였|됐|되었)|열었|열렸|가졌)|"
              r"(?:총\s?)?\d+\s?(?:차례|회|번)\s?(?:열렸|개최됐|개최되었|열었|개최했)|"
              r"(?:기념식|개소식|준공식|착공식|출범식|개막식|개원식|기공식)[’'”」』]?(?:을|를)\s?"
              r"(?:갖|가졌|열었|열고|개최)|"
              r"(?:협력\s?사업|공동\s?연구(?:\s?사업|과제)?)(?:을|를)\s?(?:\S+\s)?(?:추진|수행|진행)"
              r"(?:했|하였|해\s?왔)|"
              r"(?:준공|완공|착공|출범|개소|개원)(?:해\s|하고|하여|하면서|시키면서|시키며|시켜|됐|되었|"
              r"했|하였)|설립\s?공사를 시작|"
              r"(?:설립|설치|개설|출범)(?:한|했던)\s(?:\S+\s){0,3}?\S*(?:합작\s?법인|합작사|합작\s?회사|센터|"
              r"연구소|연구원|공장|사무소|법인)|"
              # a facility under construction (round stimpl): its construction has started
              r"(?:공장|시설|센터|라인|단지|플랜트)[은는이가을를]?\s(?:\S+\s){0,3}?(?:현재\s)?"
              r"(?:건설|건립|공사)\s?중(?:이다|이며|인|이고|으로)|"
              r"(?:공장|시설|센터|라인|단지|플랜트)(?:을|를)\s(?:\S+\s){0,2}?"
              r"(?:짓고|건설하고|건립하고) 있",
        "zh": r"正式启用|启用|揭牌|投产|落地|开业|开馆|(?<![将拟])落成(?!仪式|典礼)|正式运营|"
              r"投入运营|投入使用|开工|建成|竣工|"
              r"正式成立|"
              # a joint venture set up with a partner (宣布与…成立合资公司), an office set up
              # (在首尔和上海设办事处), 已 + launch (两国已启动…谈判), counted rounds done
              # (已先后8次进行关税削减); the future checks of statement_checks apply
              r"(?:与|(?<![共协相])同|(?<![共总])和)[^，。；,]{0,30}?(?:成立|设立|组建)了?(?:一家|一个)?[^，。；,]{0,6}?"
              r"(?:合资公司|合资企业|合营公司|合资工厂)|"
              r"设立?了?(?:办事处|代表处|分中心|联络处)|"
              r"(?:已|已经)(?:正式|全面)?(?:启动|成立|设立|建立|开设|组建|开通|投入使用|投产)|"
              r"(?:已|已经)(?:先后|累计|共)?[\d一二三四五六七八九十两]+[次轮](?:进行|举行|召开|开展|实施)|"
              # "…协定的生效实施，为…": a nominalised entry into force is no event reported
              r"^这是[^，。；,]{0,40}?(?:举行|召开|举办)的[^，。；,]{0,4}(?:会议|对话|论坛|磋商|会谈)|"
              r"挂牌|正式启动|启动了|(?<!的)生效|施行|(?<!线)上线|开通|"
              r"(?:举行|召开)了?(?:首次|第一次|首轮)(?:会议|会谈|磋商)|奠基|(?<!启)动工|"
              r"(?:建立|设立|成立|开设|组建)了|"
              r"(?:会议|对话|论坛|会谈|磋商|联委会|委员会|研讨会|交流会)[^，。；,]{0,30}?"
              r"(?<![将拟])(?:召开|举行|举办)(?!的)|"
              r"(?:(?:已经?|累计)(?:开展|实施|完成)|(?:开展|实施|完成)了)[^，。；,]{0,6}"
              r"(?:联合研究|联合研发|合作研究|共同研究|合作项目)|"
              r"(?:开展|实施|完成)[^，。；,]{0,6}(?:联合研究|联合研发|合作研究|共同研究)(?:课题|项目)?"
              r"[\d一二三四五六七八九十百千]+|"
              r"(?<![将拟])(?:举行|召开|举办)(?!的)了?[^，。；,]{0,30}?(?:会议|会谈|磋商|对话|论坛|交流会|"
              r"研讨会)|(?:成立|揭牌|开业|竣工|投产|启用|落成|开工|奠基)(?:仪式|典礼)|开幕(?![式词致])|"
              r"(?:举办|举行|召开)(?:过|了)?[\d一二三四五六七八九十两]+[次届轮]|"
              # a facility under construction, mass production begun (round stimpl)
              r"(?:工厂|基地|项目|中心|产线|生产线|园区)[^，。；,]{0,8}?(?:正在|目前|现已)?(?:建设中|在建|"
              r"正在建设|加紧建设)|开始(?:量产|批量生产)",
    },
    "agreement": {
        "en": r"\bagreed\b|\bagree to\b|reached (?:an? )?(?:consensus|agreement|understanding)|"
              r"\breached (?:an? )?(?:[\w-]+ ){0,2}?(?:partnership|alliance|accord)\b|"
              r"\b(?:pledged|vowed)\b|committed to|decided to|will jointly|will sign|to sign|"
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
        "ko": r"합의(?![한된]\s)|[기키]로\s?(?:했|하였)|뜻을 모았|약속했|"
              r"공감대(?:를|가)?\s?(?:형성(?:했|하였|됐|되었|하고|하며)|이뤘|이루었|같이|확인)|공감(?:했|하였)|"
              r"(?:할|하는|될) 것(?:을|에)\s?(?:협의|합의|결정|약속|동의)(?:했|하였)|"
              # agreed to sign; a signing one side plans ("…와 협약을 체결할 예정이다") is its
              # own plan, none (docs/statement_conventions.md, fresh-16 C3), unless a joint
              # subject says it (the joint-plan cue below)
              r"(?:체결|서명)(?:할(?!\s?(?:예정|계획|방침))|하기로|키로)|"
              r"(?:MOU|양해각서|협정|협약|합의서)(?:가|이|를|을)?(?:\s\S+)?\s?"
              r"교환(?:된다|될 예정|할 예정|하기로|키로)|"
              # a joint subject's plan, after a word or two ("앞으로 양 기관은 … 추진할 예정이다")
              r"^(?:\S+\s){0,2}?(?:양사|[양량]측|[양량]국|양\s?기관|"
              r"두 (?:도시|나라|기관|회사|대학))"
              # (not the subject of a relative clause: "두 기관이 설립한 센터가 … 개소할 예정이다")
              r"(?=(?:은|는|이|가)\s(?!\S+[한된던]\s).*[" + KO_FUTURE_ADNOMINAL
              + r"] (?:계획|예정)(?:이다|입니다))|"
              # a plan stated, not one quoted from a speaker ("그는 … 할 계획이라고 말했다" is
              # the speaker's plan: docs/statement_conventions.md, conflict 3) unless the
              # joint subject itself opens the sentence and says it ("두 도시는 … 할 계획이라고
              # 밝혔다")
              r"(?<=[가-힣])(?!될)[" + KO_FUTURE_ADNOMINAL
              + r"] (?:계획|방침)이다|"
              r"^(?:(?:앞으로|또|또한|이어|한편|특히)\s)?(?:양사|[양량]측|[양량]국|양\s?기관|"
              r"두 (?:도시|나라|기관|회사|대학))(?=(?:은|는|이|가)\s(?!\S+[한된던]\s).*["
              + KO_FUTURE_ADNOMINAL + r"] (?:계획|방침|예정)(?:이라고|이라며))|"
              r"(?<=[가-힣])할 것이라고\s?(?:밝혔|말했|전했|강조했)|"
              r"(?:사업|프로젝트)(?:을|를)\s?(?:공동\s?)?추진(?:한다|하기로|키로)|"
              # a shared view stated ("…데 의견을 같이 했다", "인식을 같이했다", "한목소리를 냈다")
              r"(?:의견|인식|뜻|입장)을\s?(?:같이|함께)\s?(?:했|하였|한다|합니다|하고|하며)|"
              r"의견을\s?모았|한목소리를\s?냈|"
              # teamed up ("…와 손잡았다", "…와 손잡고 … 투자유치에 나섰다")
              r"손(?:을\s)?잡았|맞손을?\s?잡았|의기투합(?:했|하였)|"
              r"손(?:을\s)?잡고\s(?:\S+\s){0,8}?\S*나섰|"
              # what a signed text contains ("협약의 주요 내용은 …", "MOU에는 … 담겼다")
              r"(?:협약|MOU|양해각서|협정|합의서|합의문|공동\s?성명)(?:의|에는|에서는)\s?"
              r"(?:주요\s?|핵심\s?)?(?:내용|골자)(?:은|는|으로)|"
              r"(?:협약|MOU|양해각서|협정|합의서)(?:에|에는)\s(?:\S+\s){0,12}?(?:담겼|포함됐|포함되었)",
        "zh": r"同意|一致同意|达成(?:了)?[^，。；,]{0,4}(?:共识|一致|协议)|商定|决定|承诺|约定|"
              r"拟签署|"
              r"将(?:在|于|共同|联合|携手|签署|投资|建设|设立|建立|成立|启动|推进|开展|同|与|和)|"
              r"(?:双方|两国|两家|两院|两校)(?:还|将)?(?:计划|准备|打算)|"
              r"(?:双方|两国|两家|三方|各方)[^，。；,]{0,6}将(?:进一步|继续|持续)?"
              r"(?:加强|深化|扩大|推动|推进|开展|建立|探讨)",
    },
    "proposal": {
        "en": r"\bexpress(?:ed|es|ing)? (?:[\w-]+ ){0,2}?interest in\b|"
              r"\bshould\b|\bproposed\b|\bdemanded\b|\bpropose[sd]?\b|\bproposal\b|"
              r"\bsuggested\b|called for|"
              r"\burged\b|\brecommend(?:s|ed)?\b|need to|needs to|ought to|it is necessary to|"
              r"could consider|\bmust (?!be\b|have been\b|not\b)|"
              r"\bask(?:s|ed|ing)?\b(?= (?:\S+ ){1,4}?to\b)|\bcalled on\b|"
              # the addressee named with a clause between commas ("asked the Ministry of
              # Commerce, which is in charge of …, to protect …"; round stfresh26)
              r"\b(?:ask|urg|request|press)(?:s|es|ed|ing)?\b(?= (?:the )?(?:[A-Z][\w’'-]* ){0,6}?"
              r"[A-Z][\w’'-]*, (?:which|who)\b[^.;]{0,160}?, to [a-z]+)|\bcall(?:s|ing)? "
              r"(?:for|on)\b|"
              r"\b(?:ask|request|seek)(?:s|ed|ing)?\b(?= (?:[\w'’.-]+ ){0,7}?for "
              r"(?:[\w'’-]+ ){0,3}?"
              r"(?:cooperation|help|support|assistance|attention|action)\b)|"
              r"\bseek(?:s|ing)? (?:[\w'’.-]+ ){0,3}?(?:cooperation|help|support|assistance)\b|"
              r"\b(?:requested|requests|asked|urged|proposed|suggested) that\b|"
              r"\bhop(?:e|es|ed|ing)\b(?! to\b)|"
              # one side's agenda for the partner (round stfresh26): "outlined the following key
              # areas for future cooperation", "put forward proposals for cooperation"
              r"\b(?:outlined|put forward|set out|laid out)\b[^.;]{0,50}?\b(?:areas|priorities|"
              r"proposals|ideas|suggestions|directions)\b[^.;]{0,20}?\b(?:for|of) "
              r"(?:future |further )?(?:cooperation|collaboration)\b|"
              # an offer made in talks: one side is willing or ready to do more together
              r"\b(?:is|are|was|were|stands?|stood) (?:also )?(?:willing|ready|prepared) to "
              r"(?:[\w-]+ ){0,2}?(?:deepen|expand|strengthen|work|cooperate|promote|boost|"
              r"enhance|advance|step up|broaden)\b",
        "ko": r"(?<=[가-힣])(?<![투기학환과여남주비동로계자])자[”\"’']\s?(?:며|고|라며)|"
              r"(?<=[가-힣])(?<![투기학환과여남주비동로계자])자고\s?" + KO_SAY + r"|"
              r"(?:협력|협업|교류|투자|공조)[^.]{0,30}(?:할|하는)\s?(?:용의|의향|준비)(?:가|이)\s?"
              r"(?:있|돼 있|되어 있)|"
              r"제안|(?<=[가-힣])야\s?(?:한다|할 |합니다|하며|하고|하는)|필요가 있다|필요하다|"
              # 건의 (a suggestion), not the counter 건 + 의 ("4건의 협력")
              r"촉구|(?<!\d)건의(?=[^\s.,])|제의|바람직|요청했|요청(?:하겠|할 계획|할 방침)|"
              # a formal inquiry to the other side's government, a demand that it explain
              # ("중국 정부에 경위를 공식 질의했다"; round stfresh27)
              r"(?:중국|한국|상대국|양국)\s?(?:정부|당국|측)에\s(?:\S+\s){0,4}?\S*\s?"
              r"질의(?:했|하였|한 상태|를 했)|"
              r"당부(?:했|하였)|"
              # a hope, also contracted (기를 -> 길: "원활하게 이뤄지길 희망한다", "…동력을
              # 불어넣길 바란다"), also chained ("…확대되길 바라고, …"); and a hope or an
              # offer conveyed to the other side ("…희망한다는 뜻을 전했다", "…하겠다는
              # 입장을 밝혔다")
              r"(?<=[가-힣])(?:기를|길)\s?(?:바란다|바랍니다|바라고|바라며|희망한다|희망합니다|"
              r"희망하며|기대한다)|"
              # an offer quoted in talks: one side will do more together ("…협력과 교류를 심화해
              # … 이바지하고자 한다”고 밝혔다", "…대사관도 적극 지원하겠다”고 화답했다"); a vow of
              # effort is no offer ("최선을 다하겠다”고 말했다")
              r"(?:협력|교류|협업|투자|공조)[^.”\"]{0,40}?(?<!최선을 다)(?<!노력)(?:하고자 한다|"
              r"하고자 합니다|하겠다|하겠습니다)[”\"’']\s?(?:며|고)\s?" + KO_SAY + r"|"
              # (reported at second hand too: "…반응을 보인 것으로 전해졌다")
              r"(?:바란다|희망한다|원한다)는\s?(?:뜻|입장|의사|바람)(?:을|를)\s?(?:전했|밝혔|"
              r"표명했|나타냈|표했|(?:전한|밝힌|표명한|나타낸|표한) 것으로)|"
              r"(?:겠다|하겠다)는\s?(?:뜻|입장|의사|반응|의지)(?:을|를)\s?(?:전했|밝혔|표명했|"
              r"나타냈|보였|표했|(?:전한|밝힌|표명한|나타낸|보인|표한) 것으로)|"
              r"(?:바란다|희망한다|기대한다)[”\"’']?\s?고\s?" + KO_SAY,
        "zh": r"(?<![供响相对适反回效感答理顺])应(?:当|该)?"
              r"(?=[加建推进深扩拓共完设强积开携在把以抵维坚保促发落]|得到进一步)|"
              r"建议|提议|倡议|呼吁|主张|有必要|需要(?!长达|[\d一二三四五六七八九十几数多]|时间)|"
              r"(?:寻求|请求|要求|吁请)[^，。；]{0,15}(?:协助|支持|帮助|配合)|(?:要求|请求|敦促|促请|吁请)(?=中方|韩方|中国|韩国|对方)|希望(?=[^，。；]{0,6}(?:双方|两国|三方|中方|韩方|各方))|"
              r"(?:希望|期待|期盼|期望)(?=[^。；]{0,60}(?:加强|深化|推动|扩大|拓展|开展|携手|共同|探讨|促进|"
              r"增进|活跃)|[^，。；]{0,30}(?:两地|两国|两市|两省|双方|中韩|韩中)[^，。；]{0,8}"
              r"(?:合作|交流))|"
              r"欢迎(?=[^，。；]{0,8}(?:更多|各国|企业|投资|来华|来韩))|"
              r"(?:双方|两国|各方|我们|中方|韩方|两地)(?:还|更|都|也)?要(?=[共加推深携积进扩落持坚大继努不切活用着巩发抓把做保维提拓完充])|"
              r"^(?:同时|此外|另外)?[,，]?(?:加强|增进|深化|推动|扩大|拓展|促进|推进)(?=[^。；]{0,30}合作)|"
              r"(?<![不认许])可(?=探讨|考虑|研究|通过|加强|开展|进一步|共同|联合|积极|在)|"
              r"提出(?:了)?[^，。；,]{0,12}(?:方案|建议|倡议|设想|主张)|"
              # an offer made in talks: one side is willing, with the other, to do more
              # together (韩方愿与中方一道，加快…谈判进程，推进…合作)
              r"(?:愿意?|願意?)(?=(?:同|与|與|和|跟)[^，。；]{0,12}?(?:一道|一起|携手|攜手))|"
              r"(?:愿意?|願意?)(?=(?:同|与|和|跟)(?:中方|韩方|中国|韩国|对方|各方)[^。；]{0,40}?"
              r"(?:加强|深化|推动|推进|加快|扩大|拓展|开展|促进|携手))|"
              r"(?:愿意?|願意?)(?=(?:通过|透过)[^。；]{0,30}?(?:同|与|和)[^。；]{0,20}?"
              r"(?:开展|展开|进行)[^。；]{0,12}?(?:沟通|对话|交流|合作))|"
              r"(?:愿意?|願意?)(?=(?:同|与|與|和|跟)[^。；]{0,12}?(?:一道|一起|共同|携手|攜手)?"
              r"[，,]?[^。；]{0,12}?(?:加强|加強|深化|推动|推動|推进|推進|加快|扩大|擴大|拓展|"
              r"开展|開展|促进|促進|携手|攜手))",
    },
}
COMPILED = {t: {lang: re.compile(p, re.I) for lang, p in langs.items()}
             for t, langs in CUES.items()}
BASE_CONFIDENCE = {"restriction": 0.85, "signed": 0.85, "implemented": 0.75,
                    "agreement": 0.8, "proposal": 0.7}

MECHANISMS: dict[str, dict[str, str]] = {
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
MECH_COMPILED = {m: {lang: re.compile(p, re.I) for lang, p in langs.items()}
                  for m, langs in MECHANISMS.items()}
COOPERATION = {
    "en": re.compile(r"cooperat|collaborat|partnership|\bjoint|together|memorand|\bMOU\b|"
                     r"agreement|bilateral|joint venture|tie-ups?\b|"
                     r"(?:two|both) (?:countries|sides|governments|companies|firms|institutes|"
                     r"institutions|universities|partners|ministries|parties|agencies)|"
                     r"Korea-China|China-Korea|Seoul and Beijing|Beijing and Seoul|"
                     r"with (?:Beijing|Seoul|China|Korea|the (?:Chinese|Korean) side)\b|"
                     r"the (?:Chinese|Korean) side|"
                     r"\band (?:[\w'’-]+ ){1,5}?(?:signed|inked|agreed|will)\b", re.I),
    "ko": re.compile(r"협력|공동|협약|양해각서|MOU|파트너|제휴|협업|맞손|[양량]국|[양량]측|양사|"
                     r"양\s?기관|"
                     r"두 (?:도시|나라|지역|기관|회사|대학|단체)|"
                     # a contract between firms (not a job or a lease)
                     r"(?<!근로)(?<!임대)(?<!고용)계약(?!직|금|서\s?작성)|"
                     r"합작|합자|"
                     r"(?<![이그]와 )함께|손잡|한중|한·중|한-중|중한|협정|(?:중국|한국)\s?측|"
                     r"협의해"),
    "zh": re.compile(r"合作|共同|联合|协议|备忘录|共建|携手|两国|双方|两家|两院|两校|中韩|韩中|"
                     r"伙伴|合资|[与同和](?:中方|韩方)|[与同和][^，。；,]{0,12}一道|韩方[^。]*中方|中方[^。]*韩方"),
}
BOTH_COUNTRIES = {
    "en": re.compile(r"two countries|both countries|two sides|both sides|(?:two|both) governments|"
                     r"Korea-China|"
                     r"China-Korea|Seoul and Beijing|"
                     r"Beijing and Seoul|Korea and China|China and (?:South )?Korea", re.I),
    "ko": re.compile(r"[양량]국|[양량]측|한중|한·중|한-중|중한|한국과 중국|중국과 한국|"
                     r"중·한|중-한"),
    "zh": re.compile(r"两国|双方|中韩|韩中|中国和韩国|韩国和中国|中国与韩国|韩国与中国"),
}
