"""Round 15 of issue 12 (sixteenth session): label words read after fresh14's refused and
misread labels, a would-be channel and a bare role label as requests, and quantum sensors as
controlled items. Labels below are written for these tests, not taken from the sets."""

from __future__ import annotations

import pytest

from kcbridge.errors import InputError
from kcbridge.partners.controls import controlled_items
from kcbridge.partners.profile_types import canonical_profile_type


@pytest.mark.parametrize(("label", "expected"), [
    # Chinese import, like the English and Korean forms
    ("进口", "business_request"), ("进口韩国化妆品", "business_request"),
    # promotion, technology output and services offered
    ("产品推广", "business_offer"), ("技术输出", "technology_offer"),
    ("제품 홍보", "business_offer"), ("物流服务", "business_offer"),
    ("软件服务", "technology_offer"), ("소프트웨어 제공", "technology_offer"),
    # a maker naming itself offers; a seeking word still makes it a request
    ("Manufacturer", "business_offer"), ("源头厂家", "business_offer"),
    ("제조사", "business_offer"), ("寻找厂家", "business_request"),
    ("Logistics service wanted", "business_request"),
])
def test_label_words_added_after_fresh14(label: str, expected: str) -> None:
    assert canonical_profile_type(label) == expected


@pytest.mark.parametrize(("label", "expected"), [
    # a would-be channel seeks goods to carry
    ("총판 하고 싶습니다", "business_request"), ("想做韩国化妆品代理", "business_request"),
    ("Want to become a distributor", "business_request"), ("대리점 신청", "business_request"),
    # a seller seeking its channel still offers
    ("대리점 모집", "business_offer"), ("诚招代理", "business_offer"),
    ("Distributors wanted", "business_offer"),
    # a bare role names the labeller: a dealer or a brand seeks goods or a maker
    ("Distributor", "business_request"), ("代理商", "business_request"),
    ("OEM", "business_request"), ("odm", "business_request"),
    # OEM with an offering word is the maker's
    ("OEM 가능", "business_offer"), ("承接OEM/ODM", "business_offer"),
])
def test_channels_and_roles(label: str, expected: str) -> None:
    assert canonical_profile_type(label) == expected


@pytest.mark.parametrize(("label", "expected"), [
    # round 16: the plain verbs of seeking win over a maker's self-name
    ("找代工厂", "business_request"), ("收购原料", "business_request"),
    ("求韩国品牌产品", "business_request"), ("Want to find a factory", "business_request"),
    ("工厂直销", "business_offer"),
])
def test_plain_seeking_verbs(label: str, expected: str) -> None:
    assert canonical_profile_type(label) == expected


def test_a_label_that_says_no_family_is_still_refused() -> None:
    with pytest.raises(InputError, match="not a known profile type"):
        canonical_profile_type("Looking for partner")


@pytest.mark.parametrize("text", [
    "Transportable absolute gravimeter based on cold-atom interferometry, 5 uGal accuracy",
    "원자 간섭계 기반 절대중력계 공동 개발",
    "光泵原子磁力仪，灵敏度0.5pT",
])
def test_quantum_sensors_are_controlled_items(text: str) -> None:
    hits = controlled_items(text)
    assert any(h.code == "quantum_sensing" for h in hits), hits


def test_a_gravity_dam_is_not_a_gravimeter() -> None:
    assert not any(h.code == "quantum_sensing"
                   for h in controlled_items("Concrete gravity dam monitoring with GNSS"))
