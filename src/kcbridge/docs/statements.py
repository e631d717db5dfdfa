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
* a cue holds only where the sentence's structure lets it: tense and aspect on the
  predicate (Korean endings and time adverbs, Chinese 了/过/已 against 将/正在 and the
  verb chain a future marker governs, English perfect and passive), the modality it is
  embedded under (a hope, a question, a Korean sentence ending as a possibility), the
  argument it fills (a curb as the topic of a dialogue, of a response or of an assessment, a
  curb lifted or cancelled; a meeting that is the topic of an agreement, 就…举行…达成共识), the
  form it takes (a Korean relative clause or Chinese 举行的 modifies a noun), and who acts (a
  bare future, a decision or a Korean plan needs joint action in the sentence; a request
  addressed to the other side is cooperation context of its own), and what is vowed or
  hoped (a joint vow names a mechanism or project, a hope is for cooperation);
* confidence = cue base (0.7-0.85) + 0.05 each for a mechanism, a sector, two parties.

The cue phrases themselves are in :mod:`kcbridge.docs.statement_cues`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kcbridge.docs.gazetteer import materials
from kcbridge.docs.model import Entity, Statement
from kcbridge.docs.statement_cues import (
    BASE_CONFIDENCE,
    BOTH_COUNTRIES,
    COMPILED,
    COOPERATION,
    KO_FUTURE_ADNOMINAL,
    MECH_COMPILED,
)
from kcbridge.docs.text import Sentence, to_simplified

# A restriction cue that names the topic of a dialogue or of cooperation ("the export control
# dialogue", "수출통제 대화", "出口管制对话机制") does not make the sentence a restriction.
_CUE_AS_TOPIC = {
    "en": re.compile(r"\s?(?:dialogue|talks|consultations?|working group|cooperation|"
                     r"mechanism|meeting|forum|channel|law|violations?|compliance)", re.I),
    "ko": re.compile(r"\s?(?:(?:과|와|에)\s?관련|대화|협의|협력|회의|워킹그룹|실무\s?그룹|채널|"
                     r"관련|위반|법|메커니즘|체계|제도|현황|대응)"),
    "zh": re.compile(r"的?(?:对话|磋商|合作|会议|工作组|沟通|渠道|法|相关(?!物项|产品|技术|物资)|"
                     r"违法|合规|机制|体系|制度)"),
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
                     r"要求|提议|正在|正(?!式)|加快|加紧|推动|促进(?!会)|确保|(?<!志)愿|为了|以便|年内|年底前|"
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
    "ko": re.compile(r"철회|해제|완화|폐지|풀었|풀린|유예|"
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
_FINAL_SPECULATION = {
    "ko": re.compile(r"(?:수 있다|수 있을|것으로 보인다|가능성|전망|우려|풀이|추측|추정|관측|"
                     r"것으로 보고 있|로 보고 있)"
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


# "韩中就年内举行第二次对话达成共识": what the parties agreed on (就 X 达成共识 / 商定) is the
# topic of the agreement, not something that happened.
_ZH_AGREED_TOPIC = re.compile(r"就[^，。；,]*$")
_ZH_AGREED_AFTER = re.compile(r"[^，。；,]*?(?:达成|商定|同意|约定|协商|交换了?意见|磋商|讨论)")

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


# Joint vows ("双方…将进一步加强", "…할 것이라고 밝혔다") and what makes one concrete.
_VAGUE_VOW = {
    "en": re.compile(r"(?!)"),
    "ko": re.compile(r"할 것이라고"),
    "zh": re.compile(r"(?:双方|两国|两家|三方|各方)[^，。；,]{0,6}将"),
}
_CONCRETE = {
    "en": re.compile(r"(?!)"),
    "ko": re.compile(r"사업|센터|공장|법인|단지|협의체|위원회|플랫폼|기금|협정|연구소|시범|"
                     r"프로젝트|기구"),
    "zh": re.compile(r"项目|机制|平台|园区|中心|实验室|委员会|协定|工厂|试点|示范区|基地"),
}
_KO_HOPE = re.compile(r"바란다|희망한다|기대한다")
_KO_HOPED_COOPERATION = re.compile(r"협력|교류|투자|공동|협조|합작|교역")


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
        if reversal is not None and reversal.search(probe[m.end():m.end() + (60 if lang == "ko"
                                                                             else 240)]):
            return False
        if lang == "ko" and _KO_MODIFIER.match(probe, m.end()):
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
        if _MEETING.search(m.group()) and not _INSTITUTIONAL.search(
                probe, max(0, m.start() - 25), m.end() + 5):
            return False
        if lang == "zh" and _ZH_AGREED_TOPIC.search(probe[:m.start()][-30:]) and \
                _ZH_AGREED_AFTER.match(probe, m.end()):
            return False
        before = _FUTURE_BEFORE.get(lang)
        if before is not None and before.search(_clause_before(probe, m.start(), 5)):
            return False
        if lang == "zh" and _ZH_FUTURE_SCOPE.search(probe[:m.start()]):
            return False
        after = _FUTURE_AFTER.get(lang)
        return not (after is not None and after.search(probe, m.end(), m.end() + 12))
    if statement_type == "agreement" and _VAGUE_VOW[lang].match(m.group()):
        # "双方将进一步加强合作", "양국은 협력을 강화할 것이라고 밝혔다": a joint vow is an
        # agreement only when it names something concrete to be done (a mechanism, a project)
        return bool(_CONCRETE[lang].search(probe)) or any(
            p[lang].search(probe) for p in MECH_COMPILED.values())
    if statement_type == "proposal" and lang == "ko" and _KO_HOPE.search(m.group()):
        # "…협력을 확대하기를 바란다고 말했다": a hope is a proposal when what is hoped for is
        # cooperation, not any wish of the speaker ("관계가 발전하기를 바란다")
        return bool(_KO_HOPED_COOPERATION.search(probe[max(0, m.start() - 40):m.start()]))
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
_BARE_FUTURE = re.compile(r"^(?:将|will\b|plan|양사|양측|양국|양\s?기관|决定|decided)", re.I)
# A Korean plan of one party ("… 공장을 신축할 계획이다") is an agreement only when the sentence
# says the parties act jointly (a joint venture with X, together, under this agreement).
_KO_PLAN = re.compile(r"^(?:[" + KO_FUTURE_ADNOMINAL + r"] (?:계획|방침)|할 것이라고)")
# "이와 함께" (besides) names no partner.
_KO_JOINT = re.compile(r"합작|합자|공동으로|(?<![이그]와 )함께|손잡|협약(?:으로|을 통해|에 따라)|"
                       r"양사|양측|양국")
# A request addressed to the other side ("urged China to", "중국에 … 요청했다", "呼吁中方") is a
# cross-border context of its own for a proposal, even when the sentence names only that side.
_ADDRESSEE = {
    "en": re.compile(r"\b(?:urged|urges|asked|asks|called on|calls on|calling on|requested|"
                     r"pressed|urging)\b[^.;]{0,30}?\b(?:China|Beijing|Korea|South Korea|Seoul|"
                     r"Chinese|Korean)\b", re.I),
    "ko": re.compile(r"(?:중국|한국|중측|한측|중국\s?측|한국\s?측|중국\s?정부|한국\s?정부|"
                     r"중국\s?당국|베이징|서울)(?:에|에게|측에|에도)\s(?!대한|대해|대하|\S*(?:한|된|는|있는)\s)"
                     r"[^.]*?(?:요청|촉구|당부|제안|요구|건의)"),
    "zh": re.compile(r"(?:呼吁|希望|请求|要求|敦促|促请|吁请|建议)(?:中方|韩方|(?:中国|韩国)"
                     r"(?:政府|方面|有关部门|海关|商务部))|"
                     r"向(?:中方|韩方|中国|韩国)[^，。；]{0,12}(?:请求|要求|寻求|提出|呼吁)"),
}
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
    for statement_type, patterns in COMPILED.items():
        m = next((c for c in _all_matches(patterns[lang], probe)
                  if _cue_holds(statement_type, lang, probe, c)), None)
        if statement_type == "restriction":
            if m is not None and _DISCUSSION[lang].search(probe) and COOPERATION[lang].search(
                    probe):
                m = None
        if m is None:
            continue
        cooperation = bool(COOPERATION[lang].search(probe))
        if statement_type == "agreement" and _BARE_FUTURE.match(m.group()) and not cooperation:
            continue
        if statement_type == "agreement" and _KO_PLAN.match(m.group()) and not _KO_JOINT.search(
                probe):
            continue
        if statement_type != "restriction" and not cross_border and not cooperation:
            if not (statement_type in _DOCUMENT_CONTEXT and document_cross_border) and not any(
                    p[lang].search(probe) for p in MECH_COMPILED.values()) and not (
                    statement_type == "proposal" and _ADDRESSEE[lang].search(probe)):
                continue
        return Classification(statement_type, text[m.start():m.end()], m.start())
    return None


STATEMENT_ORDER = tuple(COMPILED)


def cue_types(text: str, lang: str) -> list[str]:
    """Types with a cue that holds in the sentence (topic, speculation and future checks
    applied, no cooperation-context check): the candidates the statement model types."""
    lang = lang if lang in ("en", "ko", "zh") else "en"
    probe = to_simplified(text) if lang == "zh" else text
    return [t for t, patterns in COMPILED.items()
            if any(_cue_holds(t, lang, probe, c) for c in _all_matches(patterns[lang], probe))]


def has_cooperation_context(probe: str, lang: str) -> bool:
    return bool(COOPERATION[lang].search(probe))


def has_discussion(probe: str, lang: str) -> bool:
    return bool(_DISCUSSION[lang].search(probe))


def _first_cue(text: str, lang: str, statement_type: str) -> Classification:
    probe = to_simplified(text) if lang == "zh" else text
    m = next((c for c in _all_matches(COMPILED[statement_type][lang], probe)
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
    found = [name for name, p in MECH_COMPILED.items() if p[lang].search(probe)]
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
        confidence = BASE_CONFIDENCE[found.type]
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
    if BOTH_COUNTRIES[lang].search(to_simplified(text) if lang == "zh" else text):
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
