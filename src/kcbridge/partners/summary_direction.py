# ruff: noqa: E501 (lines of Korean and Chinese text count wide characters)
"""Which way a profile goes, read from its summary: does the writer sell (offer) or seek
to buy, carry or be funded (request)?

A label read from its words can be ambiguous where the summary is not: "寻求代理" is a
maker seeking an agent (an offer) or a distributor seeking a product to represent (a
request); "투자 희망" is an investor's wish to invest or a start-up's wish for investment;
"한국 거래처 찾아요" names neither side. The summary usually says it in plain words: "저희
제품을 공급하고 싶습니다", "我司是...经销商，想引进一款...", "Pre-A 30억 원을 유치하고 있으며".

:func:`summary_direction` counts the cues of each side in a summary, for the two families
where one firm's offer is another's request of the same thing and the label's words most
often hide who is who (business: goods and channels; investment: money and deals):

- business, request: goods, suppliers or factories sought ("寻找...工厂", "공급업체를 찾습니다",
  "looking for a supplier"; not makers or brands, whom a parts maker seeks as customers),
  importing or buying ("수입을 검토", "引进", "we import"),
  the writer presenting itself as a channel ("我司是...经销商", "대리점입니다", "We are a
  distributor"), or wanting to carry a product ("做代理", "대리점을 하고 싶");
- business, offer: a channel or buyers sought ("유통사를 찾습니다", "寻找经销商", "we want a
  dealer"), or the writer supplying, exporting or selling ("공급하고 싶습니다", "可供货",
  "we export"). Not "MOQ": buyers state the order size they accept too.
- investment, request: money raised or investors sought ("유치", "融资", "raising", "investors
  welcome");
- investment, offer: the writer invests ("we invest", "单笔投资", "ticket", "포트폴리오",
  "projects sought").

It returns the side with cues when the other has none, else None (no cue, or both sides).
The registry uses it only to correct a label read from words, never a label from the
accepted list (:mod:`kcbridge.partners.registry`), and says so.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

#: What a buyer or a channel seeks. Not makers or brands: a maker of parts or materials seeks
#: makers and brands as its customers ("Looking for Korean battery cell maker", "寻求韩国服装
#: 品牌" in offers), as a channel seeks brands to carry, so they say neither side.
_GOODS = r"(?:suppliers?|vendors?|products?|factor(?:y|ies)|OEM factor(?:y|ies)|sources?)"
_CHANNEL = (r"(?:distributors?|dealers?|agents?|importers?|buyers?|resellers?|wholesalers?|"
            r"customers?|clients?|distribution partners?|sales partners?|retailers?)")
_SEEK_EN = r"(?:looking for|look for|seeking|seek|seeks|searching for|search for|want|wants|need|needs|find)"

_CUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("business", "request"): (
        # goods, makers or suppliers sought
        rf"\b{_SEEK_EN}\b[^.;!?]{{0,40}}?\b{_GOODS}\b",
        r"(?:공급업체|공급사|공급처|생산처|제조처|공장|제품)"
        r"(?:를|을|와|과)?\s*(?:찾|구합|구하|구해|물색|모집|발굴|소싱)",
        r"(?:寻找|寻求|物色|征集|找)[^。，；！？]{0,15}?(?:工厂|供应商|货源|产品|代工)",
        # importing, buying, bringing in
        r"\bwe (?:import|buy|purchase|source)\b",
        r"\b(?:plan|plans|planning|want|wants|wish|intend|intends|would like) to "
        r"(?:import|buy|purchase|source|introduce|bring)\b",
        r"수입(?:을|를)?\s*(?:검토|희망|원|계획|하고\s*싶|하려|예정)",
        r"구매(?:를|을)?\s*(?:희망|원|검토|계획|예정|하고\s*싶|하려)",
        r"도입(?:을|를)?\s*(?:검토|희망|원|계획|하고\s*싶|하려)",
        r"引进", r"求购", r"(?:拟|想|计划|希望|需要)(?:采购|进口|购买)",
        # the writer is a channel, or wants to carry a product
        # (not "we are looking distributor": no verb among the words before the channel;
        # a bug found on fresh26, twentieth session)
        r"\bwe are (?:an? |the )?(?:(?!looking|seeking|searching|finding|hiring|recruiting)"
        r"[\w-]+ ){0,4}(?:distributor|importer|dealer|wholesaler|"
        r"retailer|reseller|distribution company|trading company)\b",
        r"(?:대리점|유통사|유통업체|수입상|수입업체|도매상|총판|판매점|유통 회사|유통회사)(?:입니다|이며|으로서|로서)",
        r"我(?:司|们|公司)(?:是|为)[^。；！？]{0,30}?(?:经销商|代理商|进口商|分销商|零售商|渠道商|贸易商)",
        r"(?:做|当|成为)[^。，；]{0,8}?(?:代理|经销商|总代)",
        r"(?:대리점|총판|에이전트)(?:을|를)?\s*(?:하고\s*싶|희망)",
    ),
    ("business", "offer"): (
        # a channel or buyers sought
        rf"\b{_SEEK_EN}\b[^.;!?]{{0,40}}?\b{_CHANNEL}\b",
        r"(?:유통사|유통업체|유통 파트너|대리점|총판|바이어|수입상|수입업체|수입사|거래처|판매처|판로|"
        r"에이전트|고객사|납품처|판매 파트너)(?:를|을|와|과)?\s*(?:찾|구합|구하|구해|모집|발굴|물색|확보)",
        r"(?:寻找|寻求|招|诚招|招募|找|发展)[^。，；！？]{0,10}?(?:代理商|经销商|分销商|进口商|买家|"
        r"采购商|客户|渠道|合作伙伴代理)",
        # the writer supplies, exports, sells
        r"\bwe (?:supply|export|manufacture|produce|sell|make)\b",
        r"\b(?:can|could) (?:supply|provide|deliver|ship|produce)\b",
        r"\bexport(?:s|ed)? to \d+",
        r"공급(?:하고\s*싶|할\s*수\s*있|\s*가능|합니다|하려|하겠)",
        r"수출(?:하고\s*싶|을\s*희망|하려|합니다|\s*가능)", r"판매(?:하고\s*싶|하려|\s*가능)",
        r"(?:可|可以|能够?)(?:供应|供货|提供|出口|发货|代工|定制)", r"出口到", r"销往",
        r"샘플(?:은|을)?\s*(?:무료|제공)", r"样品(?:免费|可)",
    ),
    ("investment", "request"): (
        r"유치", r"투자자(?:를|을)?\s*(?:찾|구합|구하|모집|환영|물색)", r"融资",
        r"(?:寻求|寻找|引入|欢迎)[^。，；]{0,8}?(?:投资|资金|投资人|投资方|投资者)",
        r"\b(?:raising|raise|seeking|looking for|need)\b[^.;]{0,20}?\b(?:investment|investors?|"
        r"funding|capital|round)\b",
        r"\binvestors? (?:are )?welcome\b",
    ),
    ("investment", "offer"): (
        r"\bwe (?:invest|co-invest|fund|back)\b", r"\bticket\b", r"\bportfolio\b",
        r"\b(?:can|will) lead\b", r"\bfund size\b",
        r"\b(?:looking for|seeking|find)\b[^.;]{0,20}?\b(?:startups?|projects?|deals?|targets?|"
        r"companies)\b",
        r"포트폴리오", r"투자\s*(?:합니다|하고\s*있|집행|규모|한도)", r"(?:스타트업|투자처|기업)(?:을|를)?\s*(?:찾|발굴|물색)",
        r"单笔投资", r"投资阶段", r"领投", r"(?:寻找|物色)[^。，；]{0,8}?(?:项目|标的)",
        r"我(?:们|司)(?:是)?[^。]{0,20}?(?:基金|创投|投资机构|投资公司)",
    ),
}
_COMPILED = {key: tuple(re.compile(p, re.IGNORECASE) for p in pats)
             for key, pats in _CUES.items()}


@dataclass(frozen=True)
class SummaryDirection:
    """The side a summary says (``offer``, ``request`` or None) and the cues of each side."""

    direction: str | None
    offer_cues: tuple[str, ...]
    request_cues: tuple[str, ...]


def summary_direction(summary: str, family: str) -> SummaryDirection:
    """Read the side of a ``family`` profile (business or investment) from its summary;
    other families, or a summary with cues of both sides or none, give ``direction`` None."""
    text = str(summary or "")
    found: dict[str, list[str]] = {"offer": [], "request": []}
    for side in ("offer", "request"):
        for pattern in _COMPILED.get((family, side), ()):
            hit = pattern.search(text)
            if hit:
                found[side].append(hit.group(0).strip())
    offer, request = tuple(found["offer"]), tuple(found["request"])
    said = ("offer" if offer and not request else "request" if request and not offer
            else None)
    return SummaryDirection(said, offer, request)


#: Off only to measure the importer without this reading (``with disabled(): ...``).
_ENABLED = True
_OPPOSITE = {"business_offer": "business_request", "business_request": "business_offer",
             "investment_offer": "investment_request", "investment_request": "investment_offer"}


@contextlib.contextmanager
def disabled() -> Iterator[None]:
    """Import profiles as before this reading (for before/after measurements)."""
    global _ENABLED
    before, _ENABLED = _ENABLED, False
    try:
        yield
    finally:
        _ENABLED = before


def side_from_summary(profile_type: str, label: object, summary: str) -> tuple[str, str]:
    """``profile_type`` read from ``label``, or the opposite side of its family when the
    label is ambiguous (:func:`~kcbridge.partners.profile_types.label_is_ambiguous`) and
    the summary says the other side only; with the reason ("" when unchanged)."""
    from kcbridge.partners.profile_types import family, label_is_ambiguous

    if not _ENABLED or profile_type not in _OPPOSITE or not label_is_ambiguous(label):
        return profile_type, ""
    said = summary_direction(summary, family(profile_type))
    other = _OPPOSITE[profile_type]
    if said.direction is None or profile_type.endswith(said.direction):
        return profile_type, ""
    cues = said.offer_cues if said.direction == "offer" else said.request_cues
    shown = ", ".join(repr(c if len(c) <= 40 else c[:37] + "...") for c in cues[:3])
    return other, (f"the label's words leave the side open; the summary says "
                   f"{said.direction} ({shown})")
