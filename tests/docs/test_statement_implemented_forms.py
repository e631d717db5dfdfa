"""Round stimpl (issue 10): a facility's construction begun or its operation started is
implemented in every grammatical form the cue rules already knew in another (the issue: "a
plant that started construction or began operating"; news_dev: "a plant completed or its
construction started"), and a facility under construction, whose construction has started.
Sentences written for this test (invented firms and places)."""

from __future__ import annotations

import pytest

from kcbridge.docs.statements import classify_sentences
from kcbridge.docs.text import split_sentences


def _type(text: str) -> str | None:
    found = classify_sentences(split_sentences(text), [True])
    assert len(found) == 1
    return found[0].type if found[0] is not None else None


@pytest.mark.parametrize("text", [
    "Gana Chem has broken ground on its new battery plant in Dara, China.",
    "Gana Chem and Dara Auto have broken ground on a joint factory in Hubei.",
    "Gana Chem has started building its cathode plant in Dara, China.",
    "Gana Chem began building its cathode plant in Dara, China, in March.",
    "Gana Chem completed its new battery plant in Dara, China, on Monday.",
    "The Gana-Dara battery plant in Hubei has gone into operation.",
    "The Gana-Dara battery plant in Hubei started mass production on Monday.",
    "The joint Gana-Dara battery plant in Hubei is now under construction.",
    "The new plant, under construction in Dara, is a joint venture of Gana and a Chinese firm.",
])
def test_english_forms_of_construction_begun_or_operation_started(text: str) -> None:
    assert _type(text) == "implemented"


@pytest.mark.parametrize("text", [
    "加纳化学在达拉的电池工厂正在建设中。",
    "加纳化学与达拉集团的合资工厂目前在建。",
    "加纳化学达拉电池工厂开始量产。",
    "가나화학의 중국 다라 배터리 공장은 현재 건설 중이다.",
    "가나화학은 중국 다라에 배터리 공장을 짓고 있다.",
])
def test_chinese_and_korean_facilities_under_construction(text: str) -> None:
    assert _type(text) == "implemented"


@pytest.mark.parametrize("text", [
    "Gana Chem completed the acquisition of a Chinese cathode maker on Monday.",
    "The plan to build a plant in Dara is still under discussion.",
    "The proposal is under review by both governments.",
    "가나화학은 중국 다라에 배터리 공장을 지을 계획이다.",
    "双方同意加快项目建设。",
])
def test_what_is_not_construction_begun(text: str) -> None:
    """No cue rule reads these as a facility built. (Since the fourth retraining the learned
    candidate stage types the completed acquisition as implemented, as a completed
    cross-border investment; that is its reading, with a confidence, not the rules'.)"""
    found = classify_sentences(split_sentences(text), [True])[0]
    assert found is None or found.type != "implemented" or found.confidence is not None
