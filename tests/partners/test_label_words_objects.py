# ruff: noqa: E501 (lines of Korean and Chinese text count wide characters)
"""Profile types read from label words by what is sought (issue 12, label reading rounds 3
and 4, adopted on fresh9 and fresh10 by a rule fixed before each set existed): a seller
seeking its channel offers, a channel seeking goods requests, an investor seeking deals
offers money, EEN reference numbers carry their type. Labels written here, in the three
languages."""

from __future__ import annotations

import pytest

from kcbridge.errors import InputError
from kcbridge.partners.profile_types import (
    canonical_profile_type,
    infer_profile_type,
    read_from_words,
)


@pytest.mark.parametrize(("label", "meant"), [
    # the sought object decides: a channel (seller) or goods (the channel itself)
    ("Looking for distributors", "business_offer"),
    ("Distributor seeking products", "business_request"),
    ("寻求代理", "business_offer"),
    ("寻求代理产品", "business_request"),
    # the head of a compound comes last (round 4): clients sought by a factory, buyers sought
    ("寻找品牌客户", "business_offer"),
    ("寻找采购商", "business_offer"),
    ("Importer seeking suppliers", "business_request"),
    ("Looking for buyers", "business_offer"),
    ("한국 바이어 찾습니다", "business_offer"),
    ("판매처 발굴", "business_offer"),
    ("해외 총판 모집", "business_offer"),
    # a seller's sales-side words with a seeking word: still the seller
    ("수출 상담 요청", "business_offer"),
    ("Export partner wanted", "business_offer"),
    ("Import partner wanted", "business_request"),
    # an inquiry or a purchase is the buyer's, whatever channel word it names
    ("Customer inquiry", "business_request"),
    ("바이어 구매 문의", "business_request"),
    ("Buying lead", "business_request"),
    ("设备采购", "business_request"),  # buying equipment is trade, not technology
    ("장비 구매 문의", "business_request"),
    ("Equipment offer", "technology_offer"),
    # money: sought by the firm, offered by an investor seeking deals
    ("Investment sought", "investment_request"),
    ("Looking for investors", "investment_request"),
    ("투자자 모집", "investment_request"),
    ("Investor looking for projects", "investment_offer"),
    ("Raising Series A", "investment_request"),
    ("Raising funds", "investment_request"),
    ("投资人寻找项目", "investment_offer"),
    ("투자처 발굴", "investment_offer"),
    # EEN references and leading codes
    ("TRKR20261118002", "technology_request"),
    ("TO CN 20250101 001", "technology_offer"),
    ("RDKR20250101001", "research_request"),
    ("BR - supply agreement", "business_request"),
    ("BO: OEM production", "business_offer"),
    # vocabulary
    ("国际科技合作", "research_request"),
    ("기술 라이센싱", "technology_offer"),
    ("제품 소개", "business_offer"),
    ("工厂直销", "business_offer"),
    ("컨설팅 제공", "business_offer"),
    ("寻找货源", "business_request"),
    # Korean forms of seeking and commissioning; a supplier sought is a supply relation
    ("OEM 의뢰", "business_request"),
    ("장비 공급업체 찾음", "business_request"),
    ("한국 대리점 모집", "business_offer"),
])
def test_label_read_by_what_is_sought(label: str, meant: str) -> None:
    assert canonical_profile_type(label) == meant
    assert read_from_words(label)  # read from words: the importer lists it for checking


# ("라이선스" was here until the nineteenth session: it reads as a licence offered, as
# "License" and "라이센스" always did; fresh7's two and fresh12/19/21's labels meant that)
@pytest.mark.parametrize("label", ["Partner sought", "기술", "Looking for partner",
                                   "TOP technology"])
def test_labels_that_do_not_say_are_still_refused(label: str) -> None:
    with pytest.raises(InputError, match="not a known profile type"):
        canonical_profile_type(label)


def test_listed_labels_are_not_read_from_words() -> None:
    # a listed label keeps its listed type even where the word rules would say otherwise
    assert canonical_profile_type("거래처 구함") == "business_request"
    assert not read_from_words("거래처 구함")


@pytest.mark.parametrize(("label", "meant"), [
    # Korean is head-final: the noun after the adnominal seeking verb is the labeller
    ("제품 찾는 대리점", "business_request"),
    ("수입할 제품을 찾는 수입상", "business_request"),
    ("신규 브랜드를 찾는 총판", "business_request"),
    ("대리점을 찾는 제조사", "business_offer"),
    ("한국 대리점을 구하는 화장품 제조사", "business_offer"),
    ("투자처를 찾는 벤처캐피탈", "investment_offer"),
])
def test_korean_relative_clause_names_the_labeller_last(label: str, meant: str) -> None:
    assert infer_profile_type(label) == meant
