"""Cues that state a view, a wish, a decision of one side or a background fact, not a cooperation
event (issue 10, statement precision in Korean, Chinese and English).

Read on the false statements of the seen sets (news_dev's development half, fresh-7 to fresh-11;
classes and counts in the stprec2 README section), written as the general form of each:

* **a wish for an outcome.** Korean hopes are proposals when they call for cooperation
  ("협력을 확대하기를 바란다"), but a wish that something *becomes* so ("교류가 한층
  확대되길 바란다", "…의 마중물이 되기를 기대한다") calls nobody to act: the verb hoped for is
  passive or inchoative (-되다, -어지다), unless the wish is conveyed to the other side ("한국
  측과 접촉해 … 이뤄지길 희망한다는 뜻을 전했다", a request in diplomatic form). A signing
  made the topic of a quoted forecast ("이번 협약 체결은 … 전환점이 될 것"이라고 말했다) is the
  speaker's view of a signing told before. In English a first-person hope ("I hope we maintain
  this friendship …") is the speaker's wish unless it names the other side as the one to act
  ("We hope China will …").
* **a forecast read as a hope.** "이번 협약이 … 도움이 될 것으로 기대한다" (expects that it
  will): the word of hoping governs "…ㄹ 것으로", a forecast of what an event will bring, which
  calls on nobody to act (stprec3; the sentence-level forms of forecasts, background and one
  side's wish in three languages are in :mod:`kcbridge.docs.statement_background`).
* **a view the two sides share.** "The two sides shared the view that their countries need to
  …", "一致认为…应…": what they agree *is so* is no proposal; the modal verb lives inside the
  complement of a view. (Korean "…해야 한다는 데 공감했다" is typed by its agreement cue, which
  this module leaves alone.)
* **background in a relative clause.** "… plant in Gumi, which was launched last year": the
  clause describes a noun of the sentence; what the sentence reports is elsewhere. Only a cue
  right after "which / that was" counts as inside the clause.
* **the start of a relation that goes on.** "…는 지난 2010년 우호 교류 협정을 체결한 뒤
  현재까지 … 교류 활동을 이어오고 있다": a Korean signing or opening followed by "뒤 / 이후 /
  이래" and a perfect-progressive main predicate (-해 오고 있다, -해 왔다) dates the relation
  the sentence reports; it is background, not a new signing.
* **one side's decision.** "정부는 중국과의 대화를 통해 영향을 최소화하기로 했다", "…센터-…
  공단이 협의체를 운영하기로 했다": a Korean decision (-기로 했다) is the two sides' agreement
  only when the sentence names a partner acting with the subject (a comitative "X와/과"
  without 의, a joint subject 양국/양측/양사/양교 ..., a bilateral 한중 object, or an
  agreement text); otherwise it is one side's plan.
* **a third country's curb.** "미국의 반도체 수출 통제에 대한 보복이었다": a curb whose owner
  is a third country, in a sentence that does not name China, is no restriction of the
  Korea-China watch (the English and Chinese party rule of the stprec round, for Korean).

News_dev's gold keeps a call on both sides as a proposal ("希望双方抓住…机遇"), so Chinese
hopes are left to the existing checks, and Korean hopes for cooperation stay proposals.
"""

from __future__ import annotations

import re

from kcbridge.docs.statement_cues import ko_forecast

# --- wishes ---------------------------------------------------------------------------------
# The verb hoped for is passive or inchoative: "확대되길", "되기를", "이어지기를", "높아지길"
# (the text right before the word of hoping).
_KO_HOPE_WORD = re.compile(r"바라|바란|바랍|기대|희망")
_KO_OUTCOME_WISH = re.compile(r"(?:되|지|져)(?:기를|길|기|었으면|기를\s?간절히)\s?$")
# ... unless the wish is conveyed to the other side ("중국 당국은 한국 측과 접촉해 … 협력이
# 원활하게 이뤄지길 희망한다는 뜻을 전했다", "… 확대되길 바라고, 대사관도 적극 지원하겠다"고
# 화답했다"): a wish passed to the counterpart, or given as the reply to it, is a request.
# ... or the word of hoping reads a forecast: "이번 협약이 … 도움이 될 것으로 기대한다"고 말했다
# (expects that it will): what an event will bring, not a call on anyone to act (stprec3).
_KO_FORECAST_HOPE = re.compile(r"것으로\s?$")
_KO_CONVEYED = re.compile(r"(?:측|정부|당국)(?:에|에게|과|와)\s|뜻을\s?(?:전했|전달)|"
                          r"입장을\s?전|화답")
# A signing named as the topic of a forecast, the forecast quoted ("이번 협약 체결은 … 전환점이
# 될 것"이라고 말했다"): the speaker's view of a signing reported before (the rule of
# statement_checks for the same shape, with a closing quotation mark allowed).
_KO_QUOTED_FORECAST = ko_forecast(quoted=True)
_EN_FIRST_PERSON_HOPE = re.compile(r"(?:^|[\s\"“'‘(])(?:I|we|We)\s+(?:(?:sincerely|really|"
                                   r"truly|do|also)\s+)?$")
_EN_OTHER_SIDE_ACTS = re.compile(r"^\s*(?:that\s+)?(?:the\s+)?(?:China|Beijing|Korea|South Korea|"
                                 r"Seoul|Chinese|Korean|both|the two)\b", re.I)

# --- shared views ---------------------------------------------------------------------------
_SHARED_VIEW = {
    "en": re.compile(r"\b(?:shared|share|shares) (?:the|a|their) (?:view|understanding|"
                     r"recognition|belief)s? that\b|\bconsensus that\b|\bagreed that\b",
                     re.I),
    "zh": re.compile(r"一致认为|共同认为|都认为"),
    "ko": re.compile(r"(?!)"),
}

# --- background relative clause (English) ---------------------------------------------------
_EN_RELATIVE = re.compile(r"\b(?:which|that)\s+(?:was|were|had been|has been)\s*$", re.I)
_EN_RELATIVE_CUE = re.compile(r"^(?:was|were|had been|has been)\s", re.I)
_EN_WHICH = re.compile(r"\b(?:which|that)\s+$", re.I)

# Chinese background (round stfresh26): the deed as the start of a period ("自2010年第一届…
# 论坛举办以来", "…签署以来") and a consensus told as the guidance of what the speaker does
# ("…达成重要共识，为…提供了根本遵循", "…指明了方向").
_ZH_SINCE = re.compile(r"[^，。；,]{0,3}?以来")
_ZH_GUIDANCE = re.compile(r"[^。；]{0,40}?(?:提供了?(?:根本|重要|基本)?遵循|指明了?方向|"
                          r"提供了?(?:根本|重要)?指引)")
# (round stfresh27) a record so far or of years ago ("发展至今，…已开通9条航线", "31年前，双方…
# 建立了外交关系", "建交31年来"), and relations established (diplomatic ties, a partnership):
# background, not a deed of the news
# (not "迄今": "迄今双方已先后5次进行关税削减", rounds counted as done, is implemented)
_ZH_RECORD = re.compile(r"^[^。；]{0,8}?(?:发展至今|[\d一二三四五六七八九十]+年前|"
                        r"建交[\d一二三四五六七八九十]+(?:多|余)?年来?)")
_ZH_RELATIONS = re.compile(r"了?[^，。；,]{0,10}?(?:外交关系|伙伴关系|友好关系|合作关系)")
# Korean: a plan to go on discussing with the partner is talks, not an agreement ("상무부와
# 함께 … 긴밀히 논의해 나갈 예정이다"); a request to one's own government is no proposal to
# the other side ("…며 우리 정부에 도움을 요청했다")
# (round stfresh28) Korean "…시행한 바 있다" (has done before: background) and "…합의했다는
# 의미가 있다" (what an agreement means: commentary); English "measures agreed upon by the two
# countries" (a participle naming earlier agreements) and "It has been 22 years since the group
# first launched its business" (the years since a deed)
_KO_DONE_BEFORE = re.compile(r"[^.]{0,20}?[한했던]\s?바\s?(?:가\s)?있")
_KO_MEANING = re.compile(r"[^.]{0,6}?다는\s?(?:의미|뜻|데 의미|점에서)")
_EN_AGREED_UPON = re.compile(r"\s+(?:upon|on)\s+by\b|\s+upon\b", re.I)
_EN_ITEMS_AGREED = re.compile(r"\b(?:measures|steps|projects|items|issues|matters|terms|plans|"
                              r"arrangements)\s+(?:previously\s+|already\s+|earlier\s+)?$", re.I)
_EN_SINCE = re.compile(r"\bsince\s+(?:[\w'’-]+\s+){0,5}$", re.I)
_KO_TALKS_PLANNED = re.compile(r"(?:논의|협의|의논|검토)(?:해|하여|하며)?\s?나?$")
_KO_OWN_GOVERNMENT = re.compile(r"(?:우리|자국|본국)\s?정부(?:에|에게|측에)\s[^.]{0,30}$")

# --- background: the starting point of a relation that goes on (Korean) -------------------
# "…는 지난 2010년 우호 교류 협정을 체결한 뒤 현재까지 … 교류 활동을 이어오고 있다": the signing
# is when the relation began; what the sentence reports is the relation since.
_KO_SINCE = re.compile(r"\s?(?:뒤|후|이후|이래|다음)(?:로)?\s?[^.]{0,60}?"
                       r"(?:(?:해|어|아|여|와|워|이어)\s?오고\s?있|(?:해|어|아|여)\s?왔|이어오)|"
                       # "…협정을 체결한 지난 14년 동안 …": the years since the signing (round
                       # stfresh24)
                       r"\s?지난\s?\d+\s?(?:년|개월)\s?(?:동안|간|사이)")

# --- one side's decision (Korean) -----------------------------------------------------------
_KO_DECISION = re.compile(r"기로\s?(?:했|하였|결정)")
_KO_PARTNER = re.compile(r"[가-힣A-Za-z)]+(?:와|과)\s(?!의)|"
                         r"[가-힣]+(?:와|과)(?:는|도)?\s?(?:함께|공동|협력|합의)|"
                         r"한중|한·중|중한|양국|양측|양사|양\s?기관|양\s?[가-힣]{1,2}(?:은|는|이|가)\s|"
                         r"두\s?(?:나라|기관|회사|도시|지역|대학)|"
                         r"합의|협약|MOU|양해각서|협정|계약|공동|함께|손잡")

# --- a third country's curb (Korean) --------------------------------------------------------
_KO_THIRD_OWNER = re.compile(r"(?:미국|일본|미 정부|美|日|유럽연합|EU)(?:의|이|은|는|정부의|"
                             r"정부가|정부는)\s(?:[^\s,.]+\s){0,3}$")
_KO_CHINA = re.compile(r"중국|中|베이징|중측|한중|중한")


def cue_is_view(statement_type: str, lang: str, probe: str, m: re.Match[str]) -> bool:
    """Does the cue ``m`` (of ``statement_type``, in the sentence's ``probe``) state a view, a
    wish, one side's decision or a background fact rather than a cooperation event? (see the
    module doc)"""
    before = probe[max(0, m.start() - 80):m.start()]
    if statement_type == "proposal":
        hope = _KO_HOPE_WORD.search(m.group()) if lang == "ko" else None
        if hope is not None and _KO_OUTCOME_WISH.search(probe[:m.start() + hope.start()]) \
                and not _KO_CONVEYED.search(probe):
            return True
        if hope is not None and _KO_FORECAST_HOPE.search(probe[:m.start() + hope.start()]):
            return True
        if lang == "en" and m.group().lower().startswith("hope") and \
                _EN_FIRST_PERSON_HOPE.search(before) and \
                not _EN_OTHER_SIDE_ACTS.match(probe, m.end()):
            return True
        view = _SHARED_VIEW.get(lang)
        if view is not None and view.search(probe, 0, m.start()):
            return True
    if lang == "en" and statement_type in ("implemented", "signed") and (
            _EN_RELATIVE.search(before)
            or (_EN_RELATIVE_CUE.match(m.group()) and _EN_WHICH.search(before))):
        return True
    if lang == "ko" and statement_type in ("signed", "implemented") and \
            _KO_SINCE.match(probe, m.end()):
        return True
    if lang == "zh" and statement_type in ("signed", "implemented", "agreement") and (
            _ZH_SINCE.match(probe, m.end()) or _ZH_GUIDANCE.search(probe, m.end())):
        return True
    if lang == "zh" and statement_type in ("signed", "implemented") and (
            _ZH_RECORD.search(probe[:m.start()]) or _ZH_RELATIONS.match(probe, m.end())):
        return True
    if lang == "ko" and statement_type == "agreement" and _KO_TALKS_PLANNED.search(before):
        return True
    if lang == "ko" and (_KO_DONE_BEFORE.match(probe, m.end()) or (
            statement_type == "agreement" and _KO_MEANING.match(probe, m.end()))):
        return True
    if lang == "en" and statement_type == "agreement" and (
            _EN_AGREED_UPON.match(probe, m.end()) or _EN_ITEMS_AGREED.search(before)):
        return True
    if lang == "en" and statement_type in ("implemented", "signed") and _EN_SINCE.search(
            before):
        return True
    if lang == "ko" and statement_type == "proposal" and _KO_OWN_GOVERNMENT.search(before):
        return True
    if lang == "ko" and statement_type == "signed" and m.group().rstrip().endswith(
            ("은", "는", "로")) and _KO_QUOTED_FORECAST.search(probe, m.end()):
        return True
    if lang == "ko" and statement_type == "agreement" and _KO_DECISION.match(m.group()) and \
            not _KO_PARTNER.search(probe):
        return True
    return lang == "ko" and statement_type == "restriction" and bool(
        _KO_THIRD_OWNER.search(before)) and not _KO_CHINA.search(probe)
