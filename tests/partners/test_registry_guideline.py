"""Registry import, KRX mapping, merge candidates and the cooperation guideline."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kcbridge.errors import InputError
from kcbridge.partners.dedupe import merge_candidates
from kcbridge.partners.guideline import assess_cooperation, baseline_level, cooperation_guideline
from kcbridge.partners.krx import read_krx_listing, sectors_for
from kcbridge.partners.registry import normalise_organisations, read_registry_file
from kcbridge.partners.screening import ListHit, ScreenResult

DATA = Path(__file__).parent / "data"


def test_json_registry_file() -> None:
    orgs, profiles = read_registry_file(DATA / "registry.json")
    assert orgs["sectors"].tolist() == [["batteries"], ["batteries"], ["ict_5g_6g"]]
    assert orgs.loc[0, "products"] == ["양극재", "전구체"]
    assert profiles.loc[1, "org_id"] == "o-cn"  # found by org_name
    assert profiles.loc[0, "partnership_types"] == ["licence", "joint_venture"]
    assert profiles.loc[0, "sectors"] == ["batteries"]  # from its own text (양극재)
    # an offer profile with one uncued summary sentence offers it; no need is invented
    assert profiles.loc[2, "offer"] == "5G base station equipment for operators."
    assert profiles.loc[2, "need"] == ""


def test_excel_and_csv_round_trip(tmp_path: Path) -> None:
    orgs, profiles = read_registry_file(DATA / "registry.json")
    path = tmp_path / "reg.xlsx"
    with pd.ExcelWriter(path) as xl:
        flat = orgs.assign(sectors=orgs["sectors"].str.join(";"),
                           products=orgs["products"].str.join(";"))
        flat.to_excel(xl, sheet_name="organisations", index=False)
    back, _ = read_registry_file(path)
    assert back["org_id"].tolist() == ["o-kr", "o-cn", "o-cn2"]
    assert back.loc[0, "sectors"] == ["batteries"]


def test_bad_kind_is_refused() -> None:
    with pytest.raises(InputError, match="kind"):
        normalise_organisations(pd.DataFrame([{"name": "X", "kind": "bank"}]))


def test_krx_sector_mapping(tmp_path: Path) -> None:
    assert sectors_for("일차전지 및 이차전지 제조업", "") == ["batteries"]
    assert "display" in sectors_for("기타 화학제품 제조업", "OLED 소재")
    path = tmp_path / "krx.csv"
    path.write_text("회사명,종목코드,업종,주요제품,상장일,결산월,대표자명,홈페이지,지역\n"
                    "테스트전지,123450,일차전지 및 이차전지 제조업,\"이차전지, 양극재\",2020-01-01,12월,"  # noqa: E501 (wide CJK characters)
                    "홍길동,http://x,울산광역시\n", encoding="utf-8")
    df = read_krx_listing(path)
    assert df.loc[0, "org_id"] == "krx-123450" and df.loc[0, "country"] == "KOR"
    assert df["sectors"].loc[0][0] == "batteries"
    assert df.loc[0, "products"] == ["이차전지", "양극재"]


@pytest.mark.realdata
def test_real_krx_listing(real_data: Path) -> None:
    df = read_krx_listing(real_data / "krx_kospi_listing.csv")
    assert len(df) == 850
    sectors = dict(zip(df["name"], df["sectors"], strict=False))
    assert sectors["LG에너지솔루션"] == ["batteries"]
    assert "semiconductors" in sectors["SK하이닉스"]


def test_merge_candidates_across_scripts() -> None:
    orgs = normalise_organisations(pd.DataFrame([
        {"org_id": "a", "name": "华为技术有限公司", "country": "CHN"},
        {"org_id": "b", "name": "華為技術", "country": "CHN"},
        {"org_id": "c", "name": "(주)한빛소재", "name_en": "Hanbit Materials", "country": "KOR"},
        {"org_id": "d", "name": "Hanbit Materials Co., Ltd.", "country": "KOR"},
        {"org_id": "e", "name": "Samsung", "country": "KOR"},
    ]))
    pairs = merge_candidates(orgs)
    assert set(zip(pairs["org_id_a"], pairs["org_id_b"], strict=False)) == {("a", "b"), ("c", "d")}
    assert (pairs["score"] == 100.0).all()
    assert len(orgs) == 5  # nothing merged


def test_guideline_levels() -> None:
    from kcbridge.reference.sectors import sector_taxonomy

    table = cooperation_guideline()
    # every sector x 7 collaboration types, plus the fail-closed rows of an unknown sector
    assert len(table) == (len(sector_taxonomy()) + 1) * 7
    assert set(table["level"]) == {"green", "amber"}
    unknown = table[table["sector"] == "unknown"]
    assert len(unknown) == 7 and set(unknown["level"]) == {"amber"}
    assert unknown["reasons"].str.contains("fail closed").all()
    assert baseline_level("no_such_sector", "licence").level == "amber"
    assert baseline_level("semiconductors", "exchange").level == "amber"
    assert baseline_level("hydrogen", "licence").level == "green"
    assert baseline_level("batteries", "licence").level == "amber"
    assert baseline_level("batteries", "exchange").level == "green"
    with pytest.raises(InputError):
        baseline_level("batteries", "marriage")


def test_assessment_red_on_list_hit_or_missing_licence() -> None:
    hit = ListHit("us-entity-list", "1", "Acme", "Acme", "latin", 100.0, "exact")
    red = assess_cooperation("hydrogen", "licence", [ScreenResult("Acme", True, [hit])])
    assert red.level == "red" and "us-entity-list" in red.reasons[0]
    assert assess_cooperation("hydrogen", "licence", controlled_items=True).level == "red"
    assert assess_cooperation("hydrogen", "licence", controlled_items=True,
                              licence_obtained=True).level == "amber"
