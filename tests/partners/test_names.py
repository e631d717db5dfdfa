"""Name normalisation across scripts: legal forms, readings, romanisation."""

from __future__ import annotations

import pytest

from kcbridge.partners.names import (
    contains_name,
    keys_overlap,
    name_keys,
    name_similarity,
    neutralise_initial_sound_rule,
    strip_legal_forms,
)
from kcbridge.partners.romanize import romanize_hangul


def keys(name: str) -> dict[str, str]:
    return {k.kind: k.value for k in name_keys(name)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("삼성전자", "samseongjeonja"), ("한국어", "hangugeo"), ("서울", "seoul"),
     ("설라", "seolla"), ("부산", "busan"), ("김치", "gimchi")],
)
def test_revised_romanisation(text: str, expected: str) -> None:
    assert romanize_hangul(text) == expected


@pytest.mark.parametrize(
    ("name", "stripped"),
    [("(주)한빛소재", "한빛소재"), ("㈜한빛소재", "한빛소재"), ("한빛소재 주식회사", "한빛소재"),
     ("Acme Co., Ltd.", "acme"), ("The Boeing Company", "boeing"), ("Müller GmbH", "muller"),
     ("華為技術有限公司", "华为技术"), ("俪达集团控股股份有限公司", "俪达集团控股")],
)
def test_strip_legal_forms(name: str, stripped: str) -> None:
    assert strip_legal_forms(name) == stripped


def test_keys_in_every_script() -> None:
    assert keys("華為技術有限公司") == {
        "han": "华为技术", "hangul": "화위기술", "roman": "huaweijishu"}
    assert keys("Sumitomo Heavy Industries, Ltd.") == {"latin": "sumitomoheavyindustries"}
    # Japanese shinjitai, traditional and simplified characters meet in one key
    shinjitai, simplified = keys("住友重機械工業株式会社"), keys("住友重机械工业株式会社")
    assert shinjitai["han"] == simplified["han"] == "住友重机械工业"
    # A Latin name whose only CJK part is a legal form keeps a Latin key
    assert keys("TDK株式会社")["latin"] == "tdk" == keys("TDK주식회사")["latin"]


def test_initial_sound_rule_is_neutralised() -> None:
    assert neutralise_initial_sound_rule("락극") == neutralise_initial_sound_rule("낙극")
    assert neutralise_initial_sound_rule("리") == neutralise_initial_sound_rule("이") == "이"


def test_overlap_and_similarity_across_scripts() -> None:
    assert keys_overlap("华为", "Huawei Co., Ltd.")  # pinyin meets Latin
    assert keys_overlap("화위기술유한공사", "華為技術有限公司")  # hanja reading
    assert not keys_overlap("Sumitomo Chemical", "Sumitomo Heavy Industries")
    # "hanbitmaterials" (15) vs "hanbitmaterial" (14): 2 * 14 / 29
    assert name_similarity("Hanbit Materials", "Hanbit Material") == pytest.approx(200 * 14 / 29)
    assert name_similarity("삼성전자", "Samsung") < 60


@pytest.mark.parametrize(
    ("query", "name", "expected"),
    [("華為", "华为技术有限公司", True),  # traditional part of a simplified name
     ("화위", "华为技术有限公司", True),  # hangul reading of the characters
     ("huawei", "华为技术有限公司", True),  # pinyin
     ("华", "华为技术有限公司", False),  # one character is too short to mean anything
     ("삼성", "Samsung Electronics", False),  # romanisation differs (samseong): no match
     ("techno", "Sumitomo Technologies Ltd.", True)],
)
def test_contains_name_across_scripts(query: str, name: str, expected: bool) -> None:
    assert contains_name(query, name) is expected
