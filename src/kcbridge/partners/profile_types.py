"""Profile types as people write them, and which types can be partners.

Canonical types (``PROFILE_TYPES``) follow the Enterprise Europe Network's partnering
profiles: technology offer / request, business offer / request, research and development
request (research cooperation), and investment offer / request. People write them in many
ways: "Technology Offer", "TO", "BR", "R&D request", "research cooperation request",
기술 제안 / 기술 요청, 技术供给 / 技术需求 ... :func:`canonical_profile_type` maps every
label of ``PROFILE_TYPE_LABELS`` (case, spaces, hyphens, underscores and ``&``/"and"
ignored) to its canonical type; another label is read from its words when they say both
the direction and the family (:func:`infer_profile_type`), and refused with the accepted
list when they do not. What is sought decides the direction (tenth session, adopted on the
fresh9 set by a rule fixed before it existed): a seller seeking its channel offers ("寻求代理",
"수출 거래선 발굴", "Looking for distributors"), a channel seeking goods or suppliers requests
("寻求代理产品", "Importer seeking suppliers"), an inquiry or a purchase is the buyer's,
buying equipment is trade ("设备采购"), money sought ("Investment sought") against an
investor seeking deals or intending to invest ("Looking to invest", "拟投资"), and an EEN
reference number carries its type ("TRKR20261118002").

Compatibility (``compatibility(a, b)``, symmetric, 0..1) says how well two types fit as
partners: an offer meets the request of the same family (1.0), neighbouring families fit
less well (an investor and a firm seeking a business partner: 0.9; two requests of
different families: 0.5), and two profiles of the **same family and direction** (two
technology offers, two business requests ...) are 0: they are *peers* (competitors or
possible consortium members), never proposed as partners. A research cooperation request
fits another (research cooperation is two-way). Where a type was read from label words
(:func:`read_from_words`), matching may replace that 0 by a small factor
(:func:`kcbridge.partners.index.type_fit`, off by default).
"""

from __future__ import annotations

import functools
import re

from kcbridge.errors import InputError

PROFILE_TYPES = (
    "technology_offer", "technology_request", "business_offer", "business_request",
    "research_request", "investment_offer", "investment_request",
)
OFFER_TYPES = ("technology_offer", "business_offer", "investment_offer")
REQUEST_TYPES = ("technology_request", "business_request", "investment_request",
                 "research_request")

#: Labels as people write them -> canonical type. Keys are compared by :func:`label_key`.
PROFILE_TYPE_LABELS: dict[str, tuple[str, ...]] = {
    "technology_offer": (
        "technology offer", "tech offer", "TO", "offer of technology", "technology supply",
        "기술 제안", "기술 제공", "기술 공급", "기술 이전", "기술이전 제안",
        "技术供给", "技术提供", "技术转让", "技术成果", "技术供应", "技术推广",
    ),
    "technology_request": (
        "technology request", "tech request", "TR", "technology demand", "technology need",
        "request for technology", "기술 요청", "기술 수요", "기술 도입", "기술 구함",
        "技术需求", "技术求购", "技术引进", "寻求技术",
    ),
    "business_offer": (
        "business offer", "BO", "commercial offer", "business proposal", "supplier offer",
        "사업 제안", "비즈니스 제안", "판매 제안", "공급 제안", "수출 제안",
        "商务合作", "商业合作提供", "供应", "产品供应", "业务供给", "商务供给",
    ),
    "business_request": (
        "business request", "BR", "business demand", "commercial request", "buyer request",
        "사업 요청", "비즈니스 요청", "구매 요청", "거래처 구함", "수입 요청",
        "商务需求", "商业需求", "业务需求", "采购需求", "求购",
    ),
    "research_request": (
        "research request", "R&D request", "RDR", "research and development request",
        "research cooperation request", "research cooperation", "research partner request",
        "joint research request", "연구 협력 요청", "공동연구 요청", "연구 협력", "공동 연구",
        "연구개발 협력", "研发合作需求", "研发合作", "科研合作", "联合研究", "合作研究需求",
    ),
    "investment_offer": (
        "investment offer", "IO", "investor offer", "funding offer", "venture capital",
        "투자 제안", "투자 제공", "투자 의향", "投资意向", "投资提供", "提供投资",
    ),
    "investment_request": (
        "investment request", "IR", "funding request", "seeking investment",
        "request for investment", "fundraising", "투자 유치", "투자 요청", "투자 구함",
        "融资需求", "寻求投资", "投资需求", "融资",
    ),
}

_NOISE = re.compile(r"[\s\-_/·.,:;()（）]+")


def label_key(label: str) -> str:
    """Comparable form of a label: casefolded, '&' and 'and' dropped, no separators."""
    text = str(label).casefold().replace("&", "").replace("＆", "")
    text = re.sub(r"\band\b", "", text)
    return _NOISE.sub("", text)


_INDEX: dict[str, str] = {}
for _canonical, _labels in PROFILE_TYPE_LABELS.items():
    for _label in (_canonical, *_labels):
        _INDEX.setdefault(label_key(_label), _canonical)


def accepted_labels() -> str:
    """The accepted labels, for error messages."""
    parts = [f"{t} ({', '.join(PROFILE_TYPE_LABELS[t])})" for t in PROFILE_TYPES]
    return "; ".join(parts)


#: Words of a label that say its direction and its family, for labels not in
#: ``PROFILE_TYPE_LABELS`` ("Supplier search", "Licensing offer", "유통 파트너 구함",
#: "技术成果转让", "寻求代理" ...). Compared on :func:`label_key` forms.
_REQUEST_WORDS = (
    "request", "search", "wanted", "wants", "seeking", "seek", "sought", "need", "demand",
    "looking", "sourcing", "buyer", "purchase", "procurement", "import", "acquisition",
    "요청", "구함", "구합니다", "찾습니다", "수요", "도입", "구매", "수입", "유치", "모집",
    "需求", "求购", "采购", "引进", "寻求", "寻找", "征集", "招募", "诚招", "招商", "融资",
    # round 9, from fresh3's refused labels ("Sourcing inquiry") and their ko / zh forms
    "inquiry", "enquiry", "문의", "소싱", "询价", "询盘", "寻源",
    # tenth session, from the seen sets' refused labels ("Buying lead", "供应商导入",
    # "고객사 발굴", "바이어 인콰이어리")
    "buying", "buy", "导入", "발굴", "물색", "인콰이어리",
    # round 4 (after fresh9): Korean forms of seeking and commissioning ("장비 공급업체 찾음",
    # "OEM 의뢰", "제조처 구해요")
    "찾음", "찾아요", "찾는", "찾고", "구해요", "구하는", "의뢰", "원함",
    # sixteenth session (round 15, after fresh14's refused labels): Chinese import ("进口"),
    # beside the English and Korean forms above
    "进口",
    # round 16 (after fresh15, where "找工厂" was read as a factory's offer once factories
    # became offer words): the plain verbs of seeking and buying ("找", "求", "收购", "want",
    # "find"), beside their longer forms above (寻找, 求购, wanted)
    "找", "求", "收购", "want", "find",
    # eighteenth session (after fresh22, seen): a request for quotation is a buyer's ("RFQ"),
    # a problem set out to be cracked a technology need ("技术攻关")
    "rfq", "攻关",
    # and diversifying is seeking new partners ("공급선 다변화": new suppliers; "수출 다변화",
    # a seller's, still reads as an offer by the sales-side rule)
    "다변화", "diversif",
)
_OFFER_WORDS = (
    "offer", "offering", "proposal", "supply", "supplier", "provider", "available", "sale",
    "export", "licensing", "licence", "license", "transfer", "oem", "odm",
    "제안", "제공", "공급", "판매", "수출", "이전", "가능기술", "보유기술",
    "供给", "供应", "提供", "转让", "出售", "出口", "成果", "代工", "许可",
    # tenth session: product presentations ("제품 소개", "产品推介") and the Korean spellings
    # of licensing ("기술 라이센싱")
    "推介", "介绍", "소개", "라이센스", "라이센싱", "라이선싱",
    # round 3 (after fresh8): out-licensing ("라이선스 아웃", "license out")
    "licenseout", "licenceout", "outlicens", "라이선스아웃", "라이센스아웃",
    # round 2 (after fresh7): direct sales and services offered ("工厂直销", "컨설팅 제공")
    "直销", "销售",
    # round 15 (after fresh14): promotion and technology output ("产品推广", "技术输出"), a
    # service offered ("软件服务"), and a maker naming itself ("Manufacturer", "生产厂家");
    # a seeking word still makes any of them a request ("寻找厂家", "Service wanted")
    "promotion", "promote", "推广", "홍보", "输出", "service", "服务", "서비스",
    "manufacturer", "maker", "factory", "制造商", "生产商", "厂家", "工厂", "제조사",
    "제조업체", "공장",
    # eighteenth session (after fresh22, seen): supplying in Chinese ("供货") and a sale of
    # assets in Korean ("중고 장비 매각")
    "供货", "매각",
    # nineteenth session (after fresh23, seen): direct supply from the origin ("产地直供") and
    # licensing in the Korean spelling the labels use most ("기술 라이선스")
    "直供", "라이선스",
)
_FAMILY_WORDS = {
    "investment": ("invest", "investor", "funding", "fund", "capital", "equity", "seriesa",
                   "seriesb", "투자", "펀드", "融资", "投资", "基金"),
    "research": ("research", "joint study", "연구", "研发", "科研", "研究",
                 # round 2 (after fresh7): science and technology cooperation ("国际科技合作")
                 "科技合作", "과학기술 협력", "과학기술협력", "s&t cooperation",
                 "science and technology cooperation"),
    "technology": ("technology", "tech", "licens", "licenc", "patent", "solution",
                   "software", "equipment", "기술", "라이선스", "라이센스", "라이센싱", "라이선싱",
                   "특허", "솔루션", "장비", "판권",
                   # round 15 (after fresh14): software in Chinese and Korean ("软件服务")
                   "软件", "소프트웨어",
                   "技术", "成果", "专利", "版权", "许可", "设备"),
    "business": ("business", "commercial", "supplier", "distribut", "distributor", "buyer",
                 "oem", "odm", "purchase", "procurement", "import", "export", "agent",
                 "sales", "data", "사업", "비즈니스", "유통", "구매", "수입", "수출", "판매",
                 "거래", "부품", "데이터", "商务", "采购", "代理", "经销", "供应", "出口",
                 "代工", "代运营", "数据",
                 # round 9, from fresh3's refused labels (sourcing, publishing, logistics,
                 # channel, agents, raw materials) and their forms in the other languages
                 "sourcing", "publishing", "publisher", "logistics", "channel",
                 "raw material", "소싱", "퍼블리싱", "물류", "채널", "판로", "대리점", "원료",
                 "공급처", "寻源", "发行", "物流", "渠道", "原料", "供应商",
                 # tenth session: goods, makers, buying and the channel words of _SELLER_SEEKS
                 # in the three languages
                 "product", "goods", "manufacturer", "factory", "buying", "franchise",
                 "importer", "customer", "client", "제품", "상품", "제조사", "공장", "가맹",
                 "에이전트", "수입상", "고객", "납품", "바이어", "产品", "制造商", "厂家", "工厂",
                 "加盟", "进口商", "客户",
                 # round 2 (after fresh7): channels, sources of goods, direct sales, services
                 "거래선", "총판", "판매처", "货源", "直销", "销售", "consulting", "컨설팅",
                 "咨询",
                 # eighteenth session (after fresh22, seen: "Supply", "供货", "공급 가능",
                 # "RFQ", "Looking for dealer" were refused): supplying and quoting are trade,
                 # and so is a dealer or reseller
                 "supply", "供货", "공급", "rfq", "dealer", "reseller",
                 # nineteenth session (after fresh23, seen: "出售" and "产地直供" were refused):
                 # selling and direct supply are trade
                 "出售", "直供",
                 # twentieth session (after fresh24, seen: "생산처 구함" was refused): where
                 # goods are made, as 공급처 says where they come from
                 "생산처", "제조처",
                 # round 15 (after fresh14): import in Chinese ("进口", "进口二手农机")
                 "进口"),
}
#: Request words that mean "we offer it" when the family is business: a firm "seeking a
#: distributor" or "寻求代理" offers its products (EEN's rule of thumb: the money flows to it).
_SELLER_SEEKS = ("distribut", "agent", "代理", "经销", "유통 파트너", "유통파트너", "经销商",
                 "reseller", "dealer", "대리점", "판로",
                 # tenth session: the channel in its other forms (importers, customers,
                 # franchisees; "寻找进口商", "고객사 발굴", "해외 에이전트 모집", "납품처 발굴")
                 "importer", "customer", "client", "franchise", "进口商", "客户", "加盟",
                 "에이전트", "수입상", "고객", "가맹", "납품처", "buyers", "买家", "采购商",
                 "바이어", "거래선", "총판", "판매처",
                 # seventeenth session (fresh20, seen): a Korean distribution company
                 "유통사", "유통업체")
#: A channel that wants to BE the channel ("대리점 하고 싶습니다", "想做代理", "Want to become a
#: distributor", "총판 신청"): the labeller is the would-be dealer, who seeks goods to carry:
#: a request, whatever channel word it names (round 15, after the class recurred on fresh11,
#: fresh13 and fresh14).
_WOULD_BE = ("하고싶", "하고 싶", "되고싶", "되고 싶", "희망", "신청", "想做", "想当", "想成为",
             "愿做", "申请", "成为", "become", "wanttobe", "wantstobe", "apply", "application")
#: A label that is only a channel's or a brand's own role ("Distributor", "代理", "대리점",
#: "OEM"): the labeller names what it is, as "Manufacturer" does; a channel or a brand seeks
#: goods or a maker, a request ("Distributor wanted" and "招代理", with a seeking word, are a
#: seller's). "OEM" as a firm is the brand that has products made (round 15: bare "OEM" /
#: "ODM" meant a brand's request in 7 of 9 labels of the seen sets fresh2-fresh14, bare
#: "Distributor" / "代理" a would-be dealer's in 4 of 4).
_ROLE_SEEKING_GOODS = ("distributor", "dealer", "agent", "reseller", "importer", "oem", "odm",
                       "代理", "代理商", "经销商", "进口商", "대리점", "총판", "수입상", "에이전트",
                       "유통사", "유통업체")
#: Sales-side words: a seller seeking anything for them seeks its channel ("수출 상담 요청",
#: "수출 거래선 발굴", "Export partner wanted"): an offer, unless goods are sought or bought.
_SALES_SIDE = ("export", "수출", "판매", "出口", "销售", "매각", "出售")
#: Goods a channel seeks: with one of these the seeker is the channel, not the seller ("寻求代理
#: 产品": an agent seeking products to carry; "Distributor seeking new brands"): a request.
_GOODS_SOUGHT = ("product", "brand", "goods", "manufacturer", "supplier", "产品", "品牌", "货源",
                 "厂家", "供应商", "제품", "상품", "브랜드", "제조사", "공급처", "공급사")
#: Suppliers sought: a supply relation is trade, whatever the goods ("장비 공급업체 찾음").
_SUPPLIERS = ("supplier", "vendor", "공급업체", "공급사", "공급처", "供应商", "供货商")
#: An inquiry is a buyer's: it asks for goods whoever the other words name ("Customer
#: inquiry", "바이어 인콰이어리").
_INQUIRY = ("inquiry", "enquiry", "询价", "询盘", "인콰이어리")
#: What an investor seeks: with one of these a seeking investment label offers money
#: ("Investor looking for projects", "寻找投资项目", "투자처 발굴").
_DEALS_SOUGHT = ("project", "startup", "start-up", "deal", "target", "portfolio",
                 "opportunit", "项目", "标的", "투자처", "스타트업", "투자대상", "투자 대상")
#: Equipment words: technology evidence that yields to buying ("设备采购", "장비 구매 문의":
#: buying equipment is trade, a business request).
_EQUIPMENT = ("equipment", "장비", "设备")
#: The technology words that are not equipment (a label naming one of them is technology
#: even when it buys).
_TECH_BEYOND_EQUIPMENT = tuple(w for w in _FAMILY_WORDS["technology"] if w not in _EQUIPMENT)
_BUYING = ("purchase", "buying", "procurement", "采购", "求购", "구매")
#: Enterprise Europe Network profile references ("TRKR20261118002": type, country, date,
#: number) and labels that open with an EEN code ("BR - supply agreement").
_EEN_CODES = {"RD": "research_request", "TO": "technology_offer", "TR": "technology_request",
              "BO": "business_offer", "BR": "business_request", "RDR": "research_request",
              "IO": "investment_offer", "IR": "investment_request"}
_EEN_REFERENCE = re.compile(r"^(RDR|RD|TO|TR|BO|BR|IO|IR)[A-Z]{2}\d{8}\d{3}$")
_EEN_PREFIX = re.compile(r"^(RDR|TO|TR|BO|BR|IO|IR)\s*[-:–—|/]\s*\S")


#: A verb of intent names what the labeller itself will do ("Looking to invest": it invests;
#: "Want to buy": it buys): English "<seeking word> to <verb>", Korean "<noun> 희망/의향/계획"
#: without a word of attracting (유치, 모집), Chinese 拟/有意/计划 + verb.
_INTENT = re.compile(r"\b(?:looking|seeking|wants?|wishing|wish|plans?|planning|intends?|"
                     r"intending|ready|keen|aims?)\s+to\s+([a-z]+)(\s+out\b)?")
_INTENT_VERBS = {
    "investment_offer": ("invest", "fund", "finance", "co-invest"),
    "request": ("buy", "purchase", "source", "import", "acquire", "procure", "find",
                "license", "licence", "partner"),
    "offer": ("sell", "supply", "export", "distribute", "offer", "provide", "manufacture",
              "produce", "transfer", "out-license"),
}
_ZH_INTENT_INVEST = re.compile(r"(?:拟|有意|计划|意向)投资")
_KO_INTENT_INVEST = re.compile(r"투자\s*(?:희망|의향|계획)")


def _intent(label: str) -> str | None:
    """``investment_offer``, ``request`` or ``offer`` when a verb of intent says what the
    labeller does, else None."""
    text = str(label).casefold()
    found = _INTENT.search(text)
    if found:
        verb = found.group(1)
        if found.group(2):  # "to license out": out-licensing offers
            return "offer"
        for meaning, verbs in _INTENT_VERBS.items():
            if any(verb == v or verb.startswith(v) for v in verbs):
                return meaning
    if _ZH_INTENT_INVEST.search(text):
        return "investment_offer"
    if _KO_INTENT_INVEST.search(text) and not re.search(r"유치|모집", text):
        return "investment_offer"
    return None


def _een_type(label: str) -> str | None:
    """The type an EEN reference number or a leading EEN code says, else None."""
    text = str(label).strip()
    found = _EEN_REFERENCE.match(text.replace(" ", "")) or _EEN_PREFIX.match(text)
    return _EEN_CODES[found.group(1)] if found else None


@functools.cache
def _keys(words: tuple[str, ...]) -> tuple[str, ...]:
    """The :func:`label_key` forms of a word list (the non-empty ones), made once per list:
    every label read from words compares against some two hundred of them."""
    return tuple(k for w in words if (k := label_key(w)))


def _names_any(key: str, words: tuple[str, ...]) -> bool:
    """Whether the label key ``key`` holds any of ``words`` (on their key forms)."""
    return any(k in key for k in _keys(words))


def _last_end(key: str, words: tuple[str, ...]) -> int:
    """Where the last of ``words`` found in ``key`` ends (-1 when none is)."""
    ends = [key.rfind(k) + len(k) for k in _keys(words) if k in key]
    return max(ends, default=-1)


def _goods_are_sought(key: str) -> bool:
    """Goods or suppliers are what is sought: a goods word stands after every channel word
    (the head of the compound comes last: "寻求代理产品" seeks products, "寻找品牌客户"
    seeks clients)."""
    goods = _last_end(key, _GOODS_SOUGHT)
    return goods >= 0 and goods > _last_end(key, _SELLER_SEEKS)


def _buys_beyond_channel(key: str) -> bool:
    """A buying word that is not part of a channel word ("采购商" names buyers sought by a
    seller; "设备采购" buys)."""
    stripped = key
    for k in _keys(_SELLER_SEEKS):
        stripped = stripped.replace(k, " ")
    return any(k in stripped for k in _keys(_BUYING))


#: A Korean noun phrase is head-final: in "제품을 찾는 대리점" ("a dealer that seeks
#: products") the labeller is the noun after the adnominal seeking verb and what it seeks
#: stands before it, the reverse of "Distributor seeking products" / "寻求代理产品", which
#: the rest of the reading orders by (the head last). Rewritten as "대리점 찾음 제품" first.
_KO_ADNOMINAL_SEEKING = re.compile(
    r"^(?P<sought>.+?)(?:을|를)?\s*(?P<verb>찾는|구하는|원하는|모집하는|발굴하는|물색하는)"
    r"\s+(?P<head>\S.*)$")


#: An importing channel named alone, with no word of seeking ("수입 대리점", "进口代理商",
#: "Import distributor"): the labeller's own role, as a bare "Distributor" is (twentieth
#: session, after fresh26, seen: "수입 대리점" was three importers' label there and one's in
#: fresh22; the channel rule had read it as a seller seeking a dealer).
_IMPORTING_CHANNEL = re.compile(
    r"(?:수입|import|进口)(?:" + "|".join(
        re.escape(label_key(w)) for w in ("대리점", "유통사", "유통업체", "총판", "에이전트",
                                          "distributor", "dealer", "agent", "代理", "代理商",
                                          "经销商")) + r")")


def _head_first(label: str) -> str:
    """A Korean label "<sought> 찾는 <labeller>" as "<labeller> 찾음 <sought>" (else the
    label as it is)."""
    found = _KO_ADNOMINAL_SEEKING.match(str(label).strip())
    if not found:
        return label
    return f"{found['head']} 찾음 {found['sought']}"


def infer_profile_type(label: str) -> str | None:
    """The canonical type a label not in ``PROFILE_TYPE_LABELS`` most likely means, from
    its words (direction and family), or None when the words do not say."""
    label = _head_first(label)
    key = label_key(label)
    if not key:
        return None
    if key in _keys(_ROLE_SEEKING_GOODS):
        return "business_request"  # the labeller's own role: a channel or a brand
    if _IMPORTING_CHANNEL.fullmatch(key):
        return "business_request"  # "수입 대리점", "Import distributor": an importer's role
    een = _een_type(label)
    if een is not None:
        return een

    has = functools.partial(_names_any, key)
    family = next((f for f, words in _FAMILY_WORDS.items() if has(words)), None)
    if re.search(r"\br\s*(?:&|and)\s*d\b", str(label).casefold()):
        family = "research"
    buys = has(_BUYING) or bool(re.search(r"\bto\s+(?:buy|purchase|procure)\b",
                                          str(label).casefold()))
    if (family == "technology" and (buys or has(_SALES_SIDE))
            and not has(_TECH_BEYOND_EQUIPMENT)):
        # buying equipment is trade, and so is selling it ("중고장비 판매", eighteenth session)
        family = "business"
    if family == "technology" and has(_SUPPLIERS) and has(_REQUEST_WORDS):
        family = "business"  # a supplier sought is a supply relation
    if family is None:
        return None
    if family == "research":
        return "research_request"
    # a seeking word decides ("Supplier search": a supplier is sought), unless a seller is
    # seeking its sales channel (and not goods to carry)
    request, offer = has(_REQUEST_WORDS), has(_OFFER_WORDS)
    if family == "business" and has(_SELLER_SEEKS) and has(_WOULD_BE):
        return "business_request"  # the would-be dealer seeks goods to carry
    if (family == "business" and (has(_SELLER_SEEKS) or has(_SALES_SIDE))
            and not _goods_are_sought(key) and not has(_INQUIRY)
            and not _buys_beyond_channel(key)):
        request, offer = False, True
    if request:
        offer = False
    intent = _intent(label)
    if family == "investment" and intent == "investment_offer":
        return "investment_offer"  # "Looking to invest", "拟投资", "투자 희망"
    if intent in ("request", "offer") and family in ("business", "technology"):
        request, offer = intent == "request", intent == "offer"
    if family == "investment":
        # "Investor wanted", "Investment sought", "融资", "투자 유치" seek money; "Investment
        # offer", "投资意向" and an investor seeking projects give it
        wants_money = (request or has(("wanted", "유치", "融资", "fundraising", "need",
                                       "raising", "raise")))
        return ("investment_request" if wants_money and not has(_DEALS_SOUGHT)
                else "investment_offer")
    if request == offer:
        return None
    return f"{family}_{'request' if request else 'offer'}"


#: Words that name a partner without saying on which side it stands ("한국 거래처 찾아요",
#: "Partner search", "寻找合作伙伴").
_GENERIC_PARTNER = ("거래처", "파트너", "partner", "伙伴", "合作", "협력", "cooperation",
                    "collaboration")
#: Words that say the trade's direction themselves (buying, importing, supplying, selling).
_TRADE_DIRECTION = _BUYING + _SALES_SIDE + (
    "supply", "supplier", "sourcing", "import", "供应", "供货", "进口", "求购", "공급", "소싱",
    "수입")
#: Words that say which side of an investment the labeller is on.
_INVESTMENT_SIDE = ("investor", "vc", "fund", "capital", "유치", "融资", "raising", "raise",
                    "fundraising", "투자자", "투자사", "基金", "资本", "创投", "angel", "엔젤")


def label_is_ambiguous(label: object) -> bool:
    """True when a label read from its words (:func:`infer_profile_type`) owes its side to a
    rule of thumb the summary may contradict: it names a sales channel or a maker's role
    (a seller seeks a channel, a channel seeks goods: "寻求代理", "수입 대리점", "OEM",
    "品牌加盟"), a partner of no stated side without a word of buying or selling ("한국
    거래처 찾아요"), or an investment without saying who invests ("투자 희망": an investor's
    wish, or a start-up's). Labels of the accepted list are never ambiguous."""
    if not read_from_words(label):
        return False
    has = functools.partial(_names_any, label_key(_head_first(str(label))))
    found = infer_profile_type(str(label))  # (which rewrites a head-final label itself)
    if found is None:
        return False
    if found.startswith("investment"):
        return not has(_INVESTMENT_SIDE) and not has(_DEALS_SOUGHT)
    if not found.startswith("business"):
        return False
    if has(_SELLER_SEEKS) or has(_ROLE_SEEKING_GOODS) or has(("oem", "odm")):
        return True
    return has(_GENERIC_PARTNER) and not has(_TRADE_DIRECTION)


def canonical_profile_type(label: object, where: str = "") -> str:
    """The canonical type of a written label; InputError listing the accepted labels."""
    text = "" if label is None else str(label).strip()
    prefix = f"{where}: " if where else ""
    if not text:
        raise InputError(f"{prefix}profile_type is missing.",
                         hint=f"Use one of: {accepted_labels()}.")
    found = _INDEX.get(label_key(text)) or infer_profile_type(text)
    if found is None:
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise InputError(f"{prefix}profile type {shown!r} is not a known profile type.",
                         hint=f"Use one of: {accepted_labels()}.")
    return found


def read_from_words(label: object) -> bool:
    """True when ``label`` is not one of ``PROFILE_TYPE_LABELS`` and its type was inferred
    from its words (:func:`infer_profile_type`): a reading the importer reports, because
    words can say the opposite of what the profile does ("해외 사업 파트너를 찾습니다": a
    request, for business partners, by a seller)."""
    text = "" if label is None else str(label).strip()
    return bool(text) and _INDEX.get(label_key(text)) is None


def family(profile_type: str) -> str:
    """technology, business, investment or research."""
    return profile_type.split("_")[0]


def direction(profile_type: str) -> str:
    """offer, request, or both (research cooperation goes both ways)."""
    if profile_type == "research_request":
        return "both"
    return "offer" if profile_type in OFFER_TYPES else "request"


_PAIRS: dict[frozenset[str], float] = {
    frozenset({"technology_offer", "technology_request"}): 1.0,
    frozenset({"business_offer", "business_request"}): 1.0,
    frozenset({"investment_offer", "investment_request"}): 1.0,
    frozenset({"research_request"}): 1.0,
    frozenset({"technology_offer", "research_request"}): 0.9,
    frozenset({"technology_offer", "business_request"}): 0.9,
    frozenset({"business_offer", "technology_request"}): 0.9,
    frozenset({"investment_offer", "business_request"}): 0.9,
    frozenset({"investment_offer", "technology_request"}): 0.7,
    frozenset({"technology_offer", "investment_request"}): 0.7,
    frozenset({"business_offer", "investment_request"}): 0.7,
    frozenset({"technology_offer", "business_offer"}): 0.8,
    frozenset({"technology_offer", "investment_offer"}): 0.7,
    frozenset({"business_offer", "investment_offer"}): 0.6,
    frozenset({"technology_request", "business_request"}): 0.5,
    frozenset({"research_request", "technology_request"}): 0.6,
    frozenset({"research_request", "business_offer"}): 0.6,
    frozenset({"research_request", "business_request"}): 0.5,
    frozenset({"research_request", "investment_offer"}): 0.5,
    frozenset({"research_request", "investment_request"}): 0.5,
    frozenset({"investment_request", "technology_request"}): 0.5,
    frozenset({"investment_request", "business_request"}): 0.5,
}


def compatibility(a: str, b: str) -> float:
    """How well profile types ``a`` and ``b`` fit as partners (0 = peers, never partners)."""
    if a == b and a != "research_request":
        return 0.0
    return _PAIRS.get(frozenset({a, b}), 0.0)


def is_peer(a: str, b: str) -> bool:
    """Same family and same direction: competitors or possible consortium members."""
    return a == b and a != "research_request"


def compatibility_matrix() -> list[list[float]]:
    """``compatibility`` for every pair, in ``PROFILE_TYPES`` order."""
    return [[compatibility(a, b) for b in PROFILE_TYPES] for a in PROFILE_TYPES]
