"""Label words added in the seventeenth session after fresh20 was scored (seen): a Korean
distribution company (유통사, 유통업체) is a channel like 대리점: recruited or sought by a
seller (an offer), or the labeller's own role when bare (a request)."""

from __future__ import annotations

import pytest

from kcbridge.partners.profile_types import infer_profile_type


@pytest.mark.parametrize(("label", "expected"), [
    ("해외 유통사 모집", "business_offer"),
    ("유통업체 구합니다", "business_offer"),
    ("유통사", "business_request"),
    ("대리점 모집", "business_offer"),  # the word it joins, unchanged
    ("想做代理", "business_request"),
])
def test_a_distribution_company_is_a_channel(label: str, expected: str) -> None:
    assert infer_profile_type(label) == expected
