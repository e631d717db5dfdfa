"""Trust terms added in the seventeenth session (after seeing fresh17-19): the Australia
Group's dual-use biological equipment, image intensifiers and infrared focal-plane arrays, and
a profile's own words that its item needs an export-control determination or licence.
Sentences written for this test (invented firms)."""

from __future__ import annotations

import pytest

from kcbridge.partners.controls import controlled_items


def _codes(text: str) -> set[str]:
    return {h.code for h in controlled_items(text)}


@pytest.mark.parametrize(("text", "code"), [
    ("We build a benchtop DNA synthesizer for overnight oligo runs.", "bio_equipment"),
    ("효소 기반 DNA 합성기를 개발했습니다.", "bio_equipment"),
    ("本公司生产多肽合成仪和核酸合成仪。", "bio_equipment"),
    ("Gen 2+ image intensifier tubes, 18 mm, auto-gating.", "night_vision"),
    ("야간 관측 단안경용 영상증배관을 구매합니다.", "night_vision"),
    ("供应制冷型红外探测器和红外焦平面组件。", "night_vision"),
    ("The item may need an export licence; we will help with the ECCN.", "declared_controlled"),
    ("수출 시 전략물자 해당 여부 판정 절차를 밟고 있습니다.", "declared_controlled"),
    ("该产品属于两用物项，出口需办理出口许可证。", "declared_controlled"),
])
def test_the_new_terms_are_named(text: str, code: str) -> None:
    assert code in _codes(text)


@pytest.mark.parametrize("text", [
    "We sell night markets' street-food carts and LED signs.",
    "Our lab does routine PCR testing and DNA sequencing for farms.",
    "면세점 화장품 수출 대행, 통관 서류 작성을 도와드립니다.",
    "提供红外测温枪和家用夜灯。",
])
def test_ordinary_words_around_them_are_not(text: str) -> None:
    assert not _codes(text) & {"bio_equipment", "night_vision", "declared_controlled"}
