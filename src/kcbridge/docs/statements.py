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

The cue phrases themselves are in :mod:`kcbridge.docs.statement_cues`; Korean cue forms read
from the predicate and the line's shape (a joint plan in the non-past, a headline's final noun,
connective event verbs) in :mod:`kcbridge.docs.statement_ko`; meetings of the two sides held,
export-control channels that are no curb, and requests and offers in talks in
:mod:`kcbridge.docs.statement_recall`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kcbridge.docs.gazetteer import materials
from kcbridge.docs.model import Entity, Statement
from kcbridge.docs.statement_checks import cue_holds, probe_of
from kcbridge.docs.statement_cues import (
    BASE_CONFIDENCE,
    BOTH_COUNTRIES,
    COMPILED,
    COOPERATION,
    KO_FUTURE_ADNOMINAL,
    MECH_COMPILED,
)
from kcbridge.docs.statement_events import (
    cue_only_cites,
    meeting_without_parties,
    names_china,
    names_korea,
    names_third_country,
)
from kcbridge.docs.statement_ko import ko_cues
from kcbridge.docs.statement_recall import (
    addressed_request,
    held_meetings,
    offer_of_one_side,
    request_cues,
)
from kcbridge.docs.statement_views import cue_is_view
from kcbridge.docs.text import Sentence, to_simplified

# Partners discussing restrictions ("the two sides discussed export controls", "양측은 수출
# 통제 정보 공유를 논의했다") do not impose one: with a cooperation context, a discussion
# verb turns a restriction cue into the topic of the talks.
_DISCUSSION = {
    "en": re.compile(r"\bdiscuss(?:ed|es|ing)?\b|\btalks on\b|\bconsult(?:ed|ations?)? on\b|"
                     r"\bexchanged (?:their )?views\b", re.I),
    "ko": re.compile(r"논의|협의했|협의할|의견을 나눴|의견을 교환|의견 교환"),
    "zh": re.compile(r"讨论|磋商|商讨|交换意见|就[^，。；]{0,30}?(?:沟通|对话|交流)"),
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


def _cue_matches(statement_type: str, lang: str, probe: str) -> Iterator[re.Match[str]]:
    """Every cue match of ``statement_type`` in ``probe``: the phrase list's, and in Korean
    the predicate-based ones of :mod:`kcbridge.docs.statement_ko` (a joint plan told in the
    non-past, a headline's final noun)."""
    yield from _all_matches(COMPILED[statement_type][lang], probe)
    if lang == "ko":
        yield from ko_cues(statement_type, probe)
    if statement_type == "implemented":
        yield from held_meetings(lang, probe)
    elif statement_type == "proposal":
        yield from request_cues(lang, probe)


@dataclass(frozen=True)
class Classification:
    type: str
    cue: str
    cue_start: int
    #: Set when the learned candidate stage found the sentence (no cue): its P(statement).
    confidence: float | None = None


# An English agreement whose subject refers back to both sides ("In the meeting, they agreed
# to …", "The two ministers agreed …", "Both leaders pledged …") takes the document's parties
# when the document names both countries, as signings and events done already do (round
# enmeet): what comes before the cue is the joint subject, after at most one leading phrase
# closed by a comma, and up to two adverbs or auxiliaries.
_EN_JOINT_SUBJECT = re.compile(
    r"^(?:[^,]{1,60},\s+)?(?:they|the two (?:[\w-]+ )?[a-z]+s|both (?:[\w-]+ )?[a-z]+s|"
    r"the [a-z]+s of (?:the )?(?:two|both) (?:countries|sides|nations))"
    r"(?:\s+(?:also|further|then|later|jointly|have|had|has|formally|officially)){0,2}"
    # (round stjoint: a first verb phrase may come between, "They also addressed recent
    # developments … and agreed to …")
    r"(?:\s+[a-z][^.;:!?]{0,120}?\s+and)?\s*$",
    re.I)

# A bare future ("将于下月投产", "will build", "…할 예정이다") is a plan of whoever is the
# subject; it is an agreement only when the sentence itself says the parties act together
# (a cooperation word), not merely because both countries are named.
_BARE_FUTURE = re.compile(r"^(?:将|will\b|plan|양사|양측|양국|양\s?기관|决定|decided)", re.I)
# A Korean plan of one party ("… 공장을 신축할 계획이다") is an agreement only when the sentence
# says the parties act jointly (a joint venture with X, together, under this agreement).
_KO_PLAN = re.compile(r"^(?:[" + KO_FUTURE_ADNOMINAL + r"] (?:계획|방침)|할 것이라고|"
                      r"(?:사업|프로젝트)(?:을|를))")
# "이와 함께" (besides) names no partner.
# 양국/양측/양사 only as the subject ("양국은 …"): "양국 우수기술 제품 전시회" is what one
# party's plan is about, not who acts.
_KO_JOINT = re.compile(r"합작|합자|공동으로|(?<![이그]와 )함께|손잡|"
                       r"(?:협약|계약|MOU|양해각서|협정)(?:\([^)]*\))?\s?"
                       r"(?:으로|을 통해|를 통해|에 따라)|"
                       # the signing as the occasion ("이번 협정 체결을 계기로 X와 …할 계획이다")
                       r"(?:협약|계약|MOU|양해각서|협정)(?:\([^)]*\))?\s?체결을\s?계기로|"
                       r"파트너(?:사|사들|들)?(?:와|과)\s|"
                       r"(?:협력|협업)할\s(?:계획|방침)|"
                       r"(?:양(?:사|측|국)|량(?:측|국)|양\s?기관|"
                       r"두 (?:도시|나라|지역|기관|회사|대학|단체))"
                       r"(?:은|는|이|가|도)\s(?!\S+[한된던]\s)")
# A request addressed to the other side ("urged China to", "중국에 … 요청했다", "呼吁中方") is a
# cross-border context of its own for a proposal, even when the sentence names only that side.
_ADDRESSEE = {
    "en": re.compile(r"\b(?:urged|urges|asked|asks|called on|calls on|calling on|requested|"
                     r"pressed|urging)\b[^.;]{0,30}?\b(?:China|Beijing|Korea|South Korea|Seoul|"
                     r"Chinese|Korean)\b", re.I),
    "ko": re.compile(r"(?:중국|한국|중측|한측|중국\s?측|한국\s?측|중국\s?정부|한국\s?정부|"
                     r"중국\s?당국|베이징|서울)(?:에|에게|측에|에도)\s(?!대한|대해|대하|\S*(?:한|된|는|있는)\s)"
                     r"[^.]*?(?:요청|촉구|당부|제안|요구|건의|질의)"),
    "zh": re.compile(r"(?:呼吁|希望|请求|要求|敦促|促请|吁请|建议)(?:中方|韩方|(?:中国|韩国)"
                     r"(?:政府|方面|有关部门|海关|商务部))|"
                     r"向(?:中方|韩方|中国|韩国)[^，。；]{0,12}(?:请求|要求|寻求|提出|呼吁)"),
}
# Types for which a document naming both countries is context enough: what happened
# (a plant opened, projects signed) is reported of the parties the document introduced.
_DOCUMENT_CONTEXT = ("implemented", "signed")
# A request or demand of one side in a document about both ("As for services, South Korea
# has called for …", "China has demanded …"): a position in their talks. English verbs of
# demanding only: "业内人士建议韩国企业…" (advice to one's own firms) is no position in talks.
_REQUEST_CUE = {
    "en": re.compile(r"called for|calls for|demanded|urged|requested|asked|proposed", re.I),
    "ko": re.compile(r"(?!)"),
    "zh": re.compile(r"(?!)"),
}
# Korean verbs of proposing and requesting, as the predicate (a proposal said to the other
# side), not as a noun heard ("업계의 애로와 건의를 청취해").
_KO_REQUEST_VERB = re.compile(r"(?:제안|촉구|요청|당부|건의|제의)(?:했|하였|한다|합니다|하고|"
                              r"하며|할 것을)")
# A Korean sentence that ends in a habitual past chain ("…교류로 우호를 다져왔다", "…협력해
# 오고 있다") tells the relation so far: background, not read by the learned stage either
# (round stfresh27; the conventions' "-아/어 오다" chains).
_KO_HABITUAL = re.compile(r"(?:해|어|아|여|워|져|와)\s?"
                          r"(?:왔다|왔습니다|오고\s?있다|오고\s?있습니다)[.”\"'’」』]*\s*$")
# Questions ("有没有公司拿到了出口许可?", "Will China halt exports?") report nothing.
_QUESTION = re.compile(r"[?？][”’\"'」』)）]*\s*$")


def classify_sentence(
    text: str, lang: str, *, cross_border: bool = False, document_cross_border: bool = False,
    document_parties: bool = False, document_both: bool = False,
) -> Classification | None:
    """Statement type of one sentence by cue phrases (see module doc), or None.
    ``cross_border``: the sentence names actors or places of both Korea and China, which
    is a cooperation context of its own (a Korean firm's plant in a Chinese city).
    ``document_cross_border``: the document does, and this sentence names an actor or place
    of one of them; enough context for ``implemented`` and ``signed`` only (a plant opening
    reported in a sentence that names just the city, the firm having been named before).
    ``document_parties``: the document names both, and this Korean sentence names no actor at
    all: Korean drops the subject it shares with the sentence before ("여 본부장은 … 당부했다.
    또 … 협의할 것을 제안했다."), so a proposal made with a verb of proposing takes the
    document's parties. ``document_both``: the document names both countries (an English
    agreement whose subject refers back to both sides takes them: round enmeet)."""
    lang = lang if lang in ("en", "ko", "zh") else "en"
    probe, where = probe_of(text, lang)
    if _QUESTION.search(probe):
        return None
    for statement_type in COMPILED:
        m = next((c for c in _cue_matches(statement_type, lang, probe)
                  if cue_holds(statement_type, lang, probe, c)
                  and not cue_only_cites(statement_type, lang, probe, c)
                  and not cue_is_view(statement_type, lang, probe, c)), None)
        if statement_type == "restriction":
            if m is not None and _DISCUSSION[lang].search(probe) and COOPERATION[lang].search(
                    probe):
                m = None
        if m is None:
            continue
        cooperation = bool(COOPERATION[lang].search(probe))
        if meeting_without_parties(statement_type, lang, m.group(), probe[:m.start()],
                                   sentence_parties=cross_border or cooperation):
            continue
        if statement_type == "agreement" and _BARE_FUTURE.match(m.group()) and not cooperation:
            continue
        if statement_type == "agreement" and _KO_PLAN.match(m.group()) and not _KO_JOINT.search(
                probe):
            continue
        joint = (statement_type == "agreement" and lang == "en" and document_both
                 and bool(_EN_JOINT_SUBJECT.match(probe[:m.start()])))
        if statement_type != "restriction" and not cross_border and not cooperation \
                and not joint:
            addressed = statement_type == "proposal" and addressed_request(lang, probe)
            request = statement_type == "proposal" and (bool(
                _KO_REQUEST_VERB.match(probe, m.start()) if lang == "ko"
                else _REQUEST_CUE[lang].search(m.group())) or addressed)
            if not _has_parties(statement_type, lang, probe, request=request,
                                addressed=addressed,
                                document_cross_border=document_cross_border,
                                document_parties=document_parties):
                continue
        if statement_type == "agreement" and offer_of_one_side(lang, probe, m.group()):
            return _classification("proposal", text, where, m)
        return _classification(statement_type, text, where, m)
    return None


def _has_parties(statement_type: str, lang: str, probe: str, *, request: bool,
                 addressed: bool, document_cross_border: bool,
                 document_parties: bool) -> bool:
    """The party requirement for a sentence with no cooperation word that does not name both
    countries: the document's parties (for what was signed or done, or a request), a
    mechanism, or a request addressed to the other side (``addressed``: a request cue of
    :mod:`kcbridge.docs.statement_recall` names the addressee)."""
    context = (document_cross_border and (statement_type in _DOCUMENT_CONTEXT or request)
               ) or (document_parties and request)
    return context or any(p[lang].search(probe) for p in MECH_COMPILED.values()) or (
        statement_type == "proposal" and (bool(_ADDRESSEE[lang].search(probe)) or addressed))


def _only_cited(text: str, lang: str) -> bool:
    """Is every signing or agreement cue of the sentence one that only cites a text signed
    before (:func:`~kcbridge.docs.statement_events.cue_only_cites`)? Such a sentence is not
    left to the learned stage either."""
    if lang not in ("en", "zh"):
        return False
    probe = probe_of(text, lang)[0]
    cited = False
    for statement_type in ("signed", "agreement"):
        for c in _cue_matches(statement_type, lang, probe):
            if not cue_holds(statement_type, lang, probe, c):
                continue
            if not cue_only_cites(statement_type, lang, probe, c):
                return False
            cited = True
    return cited


def _told_as_view(text: str, lang: str) -> bool:
    """Did the background checks reject a signing or a deed of the sentence (told as the start
    of a relation that goes on, in a "which was" clause, or with the years since it)? Such a
    sentence was read and judged background; the learned stage does not read it again (round
    stfresh24). Other rejected cues (a hope, one side's plan whose Korean subject may be the
    sentence before's) stay open to it."""
    lang = lang if lang in ("en", "ko", "zh") else "en"
    probe = probe_of(text, lang)[0]
    return any(cue_holds(t, lang, probe, c) and cue_is_view(t, lang, probe, c)
               for t in ("signed", "implemented") for c in _cue_matches(t, lang, probe))


def _classification(statement_type: str, text: str, where: list[int],
                    m: re.Match[str]) -> Classification:
    """The classification of ``text`` by the cue ``m`` found in its probe (offsets mapped
    back through ``where``)."""
    if not where:
        return Classification(statement_type, "", 0)
    start = where[min(m.start(), len(where) - 1)]
    end = where[m.end() - 1] + 1 if m.end() > m.start() else start
    return Classification(statement_type, text[start:end], start)


STATEMENT_ORDER = tuple(COMPILED)

_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uac00-\ud7a3]+")


def _event_tokens(text: str) -> set[str]:
    words = {w.lower() for w in _LATIN_WORD.findall(text)}
    for run in _CJK_RUN.findall(to_simplified(text)):
        words |= {run[i:i + 2] for i in range(len(run) - 1)} if len(run) > 1 else {run}
    return words


def reports_same_event(headline: str, sentence: str) -> bool:
    """Does ``sentence`` report what ``headline`` does? At least 40% of the headline's words
    (Latin words, two-character runs of Han and Hangul) recur in it: "포스코, 중국 저장성에 양극재
    공장 준공" and its body sentence do; a lede about one signing and a later sentence about
    another signing do not."""
    head = _event_tokens(headline)
    return bool(head) and len(head & _event_tokens(sentence)) >= 0.4 * len(head)


def cue_types(text: str, lang: str) -> list[str]:
    """Types with a cue that holds in the sentence (topic, speculation and future checks
    applied, no cooperation-context check): the candidates the statement model types."""
    lang = lang if lang in ("en", "ko", "zh") else "en"
    probe = probe_of(text, lang)[0]
    return [t for t in COMPILED
            if any(cue_holds(t, lang, probe, c) for c in _cue_matches(t, lang, probe))]


def has_cooperation_context(probe: str, lang: str) -> bool:
    return bool(COOPERATION[lang].search(probe))


def has_discussion(probe: str, lang: str) -> bool:
    return bool(_DISCUSSION[lang].search(probe))


def _first_cue(text: str, lang: str, statement_type: str) -> Classification:
    probe, where = probe_of(text, lang)
    m = next((c for c in _cue_matches(statement_type, lang, probe)
              if cue_holds(statement_type, lang, probe, c)), None)
    if m is None:
        return Classification(statement_type, "", 0)
    return _classification(statement_type, text, where, m)


def classify_sentences(
    sentences: list[Sentence], cross_border: list[bool],
    document_cross_border: list[bool] | None = None,
    document_parties: list[bool] | None = None, *, document_both: bool = False,
) -> list[Classification | None]:
    """Types of a document's sentences: the cue rules, and for the languages where the
    trained model was adopted (:mod:`kcbridge.docs.statement_model`) the model decides
    restrictions among the sentences with a cue (a sentence it calls a restriction is
    one; a rules' restriction it calls something else takes its type), the rules every
    other type; then, where the learned candidate stage is adopted
    (:mod:`kcbridge.docs.statement_detector`), a sentence still untyped becomes a statement
    when the detector is confident, if the sentence shows what its type needs
    (``document_both``: the document names both countries, context enough for what was
    signed or done)."""
    document = document_cross_border or [False] * len(sentences)
    parties = document_parties or [False] * len(sentences)
    found = [classify_sentence(s.text, s.lang, cross_border=cb, document_cross_border=dc,
                               document_parties=dp, document_both=document_both)
             for s, cb, dc, dp in zip(sentences, cross_border, document, parties, strict=True)]
    from kcbridge.docs.statement_detector import MAX_SENTENCE

    # (the background check is read only where the learned stage reads: the first sentences)
    untyped = [f is None and not _only_cited(s.text, s.lang)
               and not (s.lang == "ko" and _KO_HABITUAL.search(s.text))
               and (i >= MAX_SENTENCE or not _told_as_view(s.text, s.lang))
               for i, (f, s) in enumerate(zip(found, sentences, strict=True))]
    from kcbridge.docs.statement_learned import check_detected, detect_untyped, model_restrictions

    model_restrictions(sentences, found)
    detect_untyped(sentences, found, untyped)
    check_detected(sentences, found, cross_border,
                    [d or (document_both and s.lang in ("en", "zh"))
                     for d, s in zip(document, sentences, strict=True)], parties)
    return found


def mechanisms_of(text: str, lang: str) -> list[str]:
    lang = lang if lang in ("en", "ko", "zh") else "en"
    probe = probe_of(text, lang)[0]
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
    document = _document_pair(sentences, entities)
    types = classify_sentences(
        sentences, [_names_both_countries(by_sentence.get(s.index, [])) for s in sentences],
        [document_both and bool(_countries_named(by_sentence.get(s.index, []))) for s in sentences],
        # Korean drops a subject shared with the sentence before (see classify_sentence)
        [document_both and s.lang == "ko" and not _actors(by_sentence.get(s.index, []))
         for s in sentences], document_both=document_both)
    for s, found in zip(sentences, types, strict=True):
        ents = by_sentence.get(s.index, [])
        if found is None:
            continue
        lang = s.lang if s.lang in ("en", "ko", "zh") else "en"
        if lang in ("en", "zh") and not _korea_china(s.text, lang, found.type, ents, document):
            continue
        parties, countries = _parties(s.text, lang, ents)
        if not countries and _ANAPHORIC_PARTIES[lang].search(s.text):
            countries = next((st.countries for st in reversed(out) if st.countries), [])
        mechanisms = mechanisms_of(s.text, lang)
        sectors = sentence_sectors.get(s.index) or document_sectors[:1]
        stated = [e for e in ents if e.kind == "date" and e.key[:4].isdigit()]
        confidence = BASE_CONFIDENCE[found.type] if found.confidence is None else min(
            found.confidence, BASE_CONFIDENCE[found.type])
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


def _actors(ents: list[Entity]) -> list[Entity]:
    return [e for e in ents if e.kind in ("organisation", "person", "place")]


def _countries_named(ents: list[Entity]) -> set[str]:
    return {e.country for e in ents if e.kind in ("organisation", "place") and e.country}


def _names_both_countries(ents: list[Entity]) -> bool:
    return {"KOR", "CHN"} <= _countries_named(ents)


def _document_pair(sentences: list[Sentence], entities: list[Entity]) -> dict[str, bool]:
    """Per language (en, zh): can the document hold a Korea-China statement? Not when it is
    about a third country and Korea or China never appears (a Vietnamese province's MoU with a
    Korean one); Chinese news needs only Korea, China being the writer's own country
    ("我市与韩国…"). A story naming no third country keeps its statements even when one side
    is named only by its cities ("Jeungpyeong … signed a friendship agreement with
    Kwitaihe")."""
    named = _countries_named(entities)
    text = " ".join(probe_of(s.text, s.lang)[0] for s in sentences if s.lang in ("en", "zh"))
    third = bool(named - {"KOR", "CHN"}) or names_third_country(text, "en") or \
        names_third_country(text, "zh")
    korea = "KOR" in named or names_korea(text, "en") or names_korea(text, "zh")
    china = "CHN" in named or names_china(text, "en") or names_china(text, "zh")
    return {"en": not third or (korea and china), "zh": not third or korea}


def _korea_china(text: str, lang: str, statement_type: str, ents: list[Entity],
                 document: dict[str, bool]) -> bool:
    """The party requirement of a Korea-China statement (English and Chinese):
    * a document about a third country names both (:func:`_document_pair`): a Vietnamese
      province's MoU with a Korean one is none;
    * a sentence naming a third country (an actor, a place, or in words) names both Korea and
      China, or for a restriction China: "日韩一致同意…继续对话", "韩国、美国及日本…达成共识",
      "Japan imposed restrictions on exports … critical for South Korea" are no Korea-China
      statements, while a US curb on Korean fabs in China is one."""
    if not document[lang]:
        return False
    probe = probe_of(text, lang)[0]
    named = _countries_named(ents)
    china = "CHN" in named or names_china(probe, lang)
    korea = "KOR" in named or names_korea(probe, lang)
    if bool(named - {"KOR", "CHN"}) or names_third_country(probe, lang):
        if not china or (statement_type != "restriction" and not korea):
            return False
    return True


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
