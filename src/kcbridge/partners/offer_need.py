"""What a profile offers and what it seeks, split from one summary.

Partnering profiles are often one paragraph: "We supply X. We are looking for Y." Matching
needs the two apart (an offer is compared with the other side's need), so
:func:`split_offer_need` cuts the summary into sentences (and a sentence into two at a
seeking cue that follows an offering one: "We offer X and are looking for Y", or that
follows a comma or "and" after an uncued clause: "实验室建有试验网络，希望与...合作",
"We plan hydrogen forklifts and need fuel cells") and gives each part to a side:

1. **Cue phrases** in English, Korean and Chinese: seeking ("looking for", "seeking",
   "찾습니다", "희망", "寻找", "寻求" ...) or offering ("we offer", "provides", "제공합니다",
   "보유", "提供", "拥有" ...). The earliest cue of a sentence decides it ("寻找能提供X的
   供应商" seeks, though it also says 提供).
2. A sentence without a cue goes with the nearest cued sentence before it (an
   elaboration), or, when it opens the summary, to the offer (profiles describe
   themselves first). When that would leave one side empty, the uncued sentences fill it.
3. With no cue at all: one sentence goes to the side of the profile type (an offer type
   offers it, a request type seeks it); several sentences: the first is the offer, the
   rest the need (the order profiles are written in).

Before that, what structured profiles carry besides the offer and the need is taken out:
EEN reference codes ("BRKR20251104002 |"), and fields that say how to cooperate or how far
the work is ("Type of partnership considered: ...", "IPR status: ...", "Stage: ...",
"合作方式：...", "转化方式：...", "知识产权：...", "이전방식: ...", "지재권 현황: ...");
field labels that say which side a field is ("Partner sought:", "需求名称：", "成果名称：",
"기술개요:") are cues.

The same text is never used for both sides; a side with nothing is left empty (and the
match explanation says "not stated"), never invented. Every part records how it was
assigned (``how``), shown in the match explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kcbridge.partners.profile_types import direction

SEEK_CUES = (
    # English
    r"\blooking for\b", r"\blook for\b", r"\bseek(?:s|ing)?\b", r"\bin search of\b",
    r"\bsearch(?:es|ing)? for\b", r"\bwe need\b", r"\bneeds?\b", r"\bwants?\b", r"\bwanted\b",
    r"\brequir(?:e|es|ing)\b", r"\binterested in (?:finding|acquiring|buying|sourcing)\b",
    r"\bwould like to (?:find|buy|source|license|acquire)\b", r"\bto find\b",
    r"\bsourcing\b", r"\bpartners? sought\b", r"\bpartners? wanted\b",
    # Korean
    # (구합니다 / 원합니다 not glued to a syllable before: 연구합니다 researches, 지원합니다
    # supports)
    r"찾습니다", r"찾고", r"찾는", r"(?<![가-힣])구합니다", r"(?<![가-힣])구하고", r"모집", r"희망",
    r"(?<![가-힣])원합니다", r"(?<![가-힣])원하는",
    r"필요합니다", r"필요로", r"요청합니다", r"유치하", r"받고 싶", r"확보하고 싶", r"싶습니다",
    # Chinese
    r"寻找", r"寻求", r"需要", r"希望", r"征集", r"求购", r"招募", r"急需", r"拟引进", r"欲寻",
    r"需求名称", r"需求描述", r"诚招", r"拟采购", r"需采购",
)
OFFER_CUES = (
    # English
    r"\bwe offer\b", r"\boffer(?:s|ing)?\b", r"\bon offer\b", r"\bprovid(?:e|es|ing)\b",
    r"\bwe supply\b", r"\bsupplies\b", r"\bcan supply\b", r"\bwe have\b", r"\bhas developed\b",
    r"\bhave developed\b", r"\bwe (?:produce|manufacture|make|operate|own|run)\b",
    r"\b(?:produces|manufactures|operates|owns)\b", r"\bavailable\b", r"\bwe are an?\b",
    # Korean
    r"제공합니다", r"제공하", r"공급합니다", r"공급하", r"보유", r"갖고 있", r"가지고 있", r"판매",
    r"개발했", r"개발한", r"생산하", r"생산합니다", r"운영합니다", r"운영하", r"입니다",
    # Chinese
    r"提供", r"供应", r"拥有", r"具备", r"具有", r"转让", r"出售", r"生产", r"运营", r"我们是",
    r"可授权", r"授权", r"研发了", r"开发了", r"成果名称", r"成果简介",
    # field labels of Korean technology-transfer offers
    r"기술개요", r"보유기술",
)
_SEEK = re.compile("|".join(SEEK_CUES), re.IGNORECASE)
_OFFER = re.compile("|".join(OFFER_CUES), re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[。！？；])\s*|(?<=[.!?;])(?:\s+|$)|\n+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Korean clauses joined by a connective ending and a comma ("...제공하며, ...찾습니다")
_KO_CLAUSE = re.compile(r"(?<=[고며서]),\s*")
# Where a seeking clause starts inside an offering sentence: a connective before the cue.
_CONNECTIVE = re.compile(r"(?:,?\s*(?:and|while|but)\s+(?:we\s+|is\s+|are\s+)?(?:also\s+)?|"
                         r"[,，、]\s*(?:并且?|同时|还|也)?\s*|\s*(?:并且?|同时)\s*)$",
                         re.IGNORECASE)


#: EEN profile reference codes (TO/TR/BO/BR/RDR + country + date + number) and separators.
_REFERENCE = re.compile(r"\b(?:TO|TR|BO|BR|RDR)[A-Z]{2}\d{8}\d{0,4}\b\s*[|:]?\s*")
#: Fields about the form of cooperation or the state of the work: from the label to the end
#: of the sentence (English) or field (Chinese / Korean).
_METADATA = re.compile(
    r"(?:\b(?:type of partnership considered|type of partnership|partnership considered|"
    r"IPR status|IPR|stage of development|development stage|stage)\s*:[^.\n]*(?:\.|$))|"
    r"(?:(?:合作方式|转化方式|合作模式|知识产权|技术成熟度|意向金额|所属领域)[：:][^。\n]*(?:。|$))|"
    r"(?:(?:이전방식|이전 방식|지재권 현황|지식재산권 현황|지재권|기술성숙도|협력방식|협력 방식)"
    r"\s*[：:][^.\n]*(?:\.|$))",
    re.IGNORECASE)


def strip_metadata(summary: str) -> str:
    """The summary without reference codes and cooperation/IPR/stage fields."""
    text = _REFERENCE.sub("", str(summary or ""))
    return _METADATA.sub(" ", text).strip()


#: Company-background and formality sentences (issue 12, round 9): founding year, staff,
#: certificates and awards, patents held, price and deadlines. They say who the writer is,
#: not what it offers or seeks, and in a long profile they pull its summary vector towards
#: every other long profile.
_BOILERPLATE = re.compile(
    r"(?:\b(?:founded|established|incorporated|set up) in (?:19|20)\d\d|"
    r"\b(?:since|in business since) (?:19|20)\d\d|\b\d[\d,]* (?:employees|staff|researchers)\b|"
    r"\bISO \d{4,5}|\b(?:certified|accredited) (?:by|to|under)\b|\bawards?\b|"
    r"\bprice (?:is )?negotiable|\bexpression of interest\b|\bdeadline\b|"
    r"\bpatents? (?:granted|pending|filed)|\bIPR\b|"
    r"成立于|创立于|始建于|注册资本|员工\d|国家高新技术企业|专精特新|高新技术企业|"
    r"价格面议|转让价格|授权发明专利|发明专利\d|"
    r"설립|창립|임직원|직원 수|인증을? (?:획득|보유)|수상|특허 (?:등록|출원)|가격 협의|마감)",
    re.IGNORECASE)


def core_summary(summary: str) -> str:
    """The summary without reference codes, cooperation/IPR/stage fields and company-
    background sentences (:data:`_BOILERPLATE`); the whole summary when nothing else is
    left. Used for the summary vector of the fused score (``MatchWeights.summary_core``)."""
    text = strip_metadata(summary)
    kept = []
    for sentence in _SENTENCE_END.split(text):
        if not sentence or not sentence.strip():
            continue
        if not _BOILERPLATE.search(sentence):
            kept.append(sentence.strip())
            continue
        # only the clauses that are background go ("公司成立于2021年，专注钠离子电池…")
        clauses = [c.strip() for c in _CLAUSE.split(sentence) if c and c.strip()]
        kept += [c for c in clauses if not _BOILERPLATE.search(c)]
    return " ".join(kept) if kept else (text or str(summary or "").strip())


_CLAUSE = re.compile(r"[，；;、]\s*|,(?!\d)\s*")


def summary_sentences(summary: str) -> list[str]:
    """The sentences of a summary without its reference code and cooperation / IPR / stage
    fields (for the sentence-level cosine, ``MatchWeights.sentence``)."""
    return [s.strip() for s in _SENTENCE_END.split(strip_metadata(summary))
            if s and s.strip()]


#: Two alternatives tried on the second fresh set's development half (issue 12), off:
#: NO_CUE_TO_TYPE (a summary of several sentences and no cue is all on the type's side) and
#: FILL_MAIN_ONLY (uncued sentences fill only the side the type is about). FILL_MAIN_ONLY
#: raised that half (recall@1 0.867 -> 0.933) but lowered the builtin held-out half
#: (0.952 -> 0.929) and the hard distractors (0.981 -> 0.962); NO_CUE_TO_TYPE lowered the
#: builtin development half (0.977 -> 0.955) and gained nothing. Older sets are not lowered.
NO_CUE_TO_TYPE = False
FILL_MAIN_ONLY = False

#: A field line: after an optional bullet or number, a short label and a colon ("- 품목:",
#: "2. 规格：", "Quantity:"). Round 25 (issue 12): in a summary of two or more such lines, an
#: uncued field describes the type's side (a buyer's "품목 / 사양 / 수량" is what it seeks, a
#: maker's "Product / Capacity" what it offers), not the first-line-offer order of prose;
#: :data:`FIELD_LISTS` = False gives the splitter of before.
FIELD_LISTS = True
_FIELD = re.compile(r"^\s*(?:[-·•*▶▷✅▪◆■□○●◎※]+\s*|\d{1,2}[.)]\s*)?"
                    r"(?P<label>[^\s:：][^:：\n]{0,11}?)\s*[:：]\s*\S")
#: Field labels that name the organisation itself: its background, on the offer side.
_SELF_LABEL = re.compile(r"^(?:회사|업체|당사|업종|기업|회사 ?소개|公司|企业|我司|单位|公司简介|"
                         r"company|about us|about)$", re.IGNORECASE)


def _field_label(part: str) -> str | None:
    """The label of a field line ("- 품목: X" -> "품목"), or None."""
    m = _FIELD.match(part)
    return m.group("label").strip() if m else None


@dataclass
class OfferNeed:
    """The two sides of one summary and how each part was assigned."""

    offer: str = ""
    need: str = ""
    how: list[dict[str, str]] = field(default_factory=list)

    def derivation(self, side: str) -> str:
        """One line saying how ``side`` (offer or need) was derived."""
        notes = [f"{h['rule']}" for h in self.how if h["side"] == side]
        return "; ".join(dict.fromkeys(notes)) or "not stated in the summary"


def _first_cue(text: str) -> tuple[str, int, str] | None:
    """The cue that decides a clause: the first one, or in Korean (verb-final) the last."""
    found = [(m.start(), kind, m.group(0)) for kind, rx in (("need", _SEEK), ("offer", _OFFER))
             for m in rx.finditer(text)]
    if not found:
        return None
    pos, kind, cue = max(found) if _HANGUL.search(text) else min(found)
    return kind, pos, cue


def _parts(summary: str) -> list[str]:
    """Sentences, with an offering sentence cut before a later seeking cue."""
    out: list[str] = []
    sentences = [c for s in _SENTENCE_END.split(summary) if s and s.strip()
                 for c in (_KO_CLAUSE.split(s) if _HANGUL.search(s) else [s])]
    for sentence in sentences:
        sentence = sentence.strip()
        if not sentence:
            continue
        first = _first_cue(sentence)
        if _HANGUL.search(sentence):
            out.append(sentence)
            continue
        seek = _SEEK.search(sentence, first[1] + 1) if first and first[0] == "offer" else None
        if seek is None and first and first[0] == "need" and first[1] > 0:
            # "X，寻求Y" / "We build X and need Y": the clause before the seeking cue is
            # what the profile brings, when a comma or connective separates it
            head = sentence[:first[1]]
            if _CONNECTIVE.search(head) and not _SEEK.search(head):
                seek = _SEEK.search(sentence, first[1])
        if seek is not None:
            head = sentence[:seek.start()]
            connective = _CONNECTIVE.search(head)
            cut = connective.start() if connective else len(head)
            if head[:cut].strip():
                out.append(head[:cut].strip())
                out.append(sentence[seek.start():].strip())
                continue
        out.append(sentence)
    return out


def split_offer_need(summary: str, profile_type: str) -> OfferNeed:
    """Offer and need of a one-summary profile (see the module docstring)."""
    parts = _parts(strip_metadata(str(summary or "")))
    if not parts:
        return OfferNeed()
    sides: list[str | None] = []
    rules: list[str] = []
    for part in parts:
        cue = _first_cue(part)
        if cue is None:
            sides.append(None)
            rules.append("")
        else:
            sides.append(cue[0])
            rules.append(f"cue {cue[2]!r}")
    way = direction(profile_type)
    main = {"offer": "offer", "request": "need"}.get(way)
    labels = [_field_label(p) for p in parts]
    if FIELD_LISTS and main is not None and sum(x is not None for x in labels) >= 2:
        for i, label in enumerate(labels):
            if label is not None and sides[i] is None:
                own = bool(_SELF_LABEL.match(label))
                sides[i] = "offer" if own else main
                rules[i] = (f"field {label!r}: the organisation itself" if own else
                            f"field {label!r} of a field list: the "
                            f"{profile_type.replace('_', ' ')}'s side")
    if all(s is None for s in sides):
        if main is not None and (len(parts) == 1 or NO_CUE_TO_TYPE):
            sides = [main] * len(parts)
            rules = [f"no cue; profile type {profile_type.replace('_', ' ')}"] * len(parts)
        else:
            sides = ["offer", *(["need"] * (len(parts) - 1))]
            rules = ["no cue; first sentence (what the organisation brings)"] + [
                "no cue; later sentence (what the organisation looks for)"] * (len(parts) - 1)
    else:
        uncued = [i for i, s in enumerate(sides) if s is None]
        cued_sides = {s for s in sides if s is not None}
        missing = ({"offer", "need"} - cued_sides)
        fill = next((m for m in sorted(missing)
                     if main is None or m == main or not FILL_MAIN_ONLY), None)
        if uncued and fill is not None:
            for i in uncued:
                sides[i] = fill
                rules[i] = f"no cue; the summary states no {fill} otherwise"
        else:
            last: str | None = None
            for i, s in enumerate(sides):
                if s is not None:
                    last = s
                    continue
                sides[i] = last or "offer"
                rules[i] = ("no cue; continues the sentence before" if last else
                            "no cue; opening sentence (what the organisation brings)")
    result = OfferNeed()
    offer = [p for p, s in zip(parts, sides, strict=True) if s == "offer"]
    need = [p for p, s in zip(parts, sides, strict=True) if s == "need"]
    result.offer, result.need = " ".join(offer), " ".join(need)
    result.how = [{"side": str(s), "text": p, "rule": r}
                  for p, s, r in zip(parts, sides, rules, strict=True)]
    return result
