"""Sector taxonomy: file validity, lookups and product mapping."""

from __future__ import annotations

import pytest

from kcbridge.errors import NotFoundError
from kcbridge.reference.sectors import (
    LANGUAGES,
    get_sector,
    sector_ids,
    sector_keywords,
    sector_products,
    sector_taxonomy,
    sectors_of_product,
)

EXPECTED_IDS = {
    "ai_semiconductors", "semiconductors", "display", "batteries", "new_energy_vehicles",
    "hydrogen", "green_low_carbon", "biotech_pharma", "digital_healthcare",
    "robotics_smart_manufacturing", "autonomous_mobility", "drones_low_altitude", "ict_5g_6g",
    "cloud_bigdata_iot", "materials_parts_equipment",
    "digital_economy",  # issue 10: named in cooperation texts as a field of its own
}


def test_taxonomy_has_the_fifteen_design_sectors_and_the_digital_economy():
    sectors = sector_taxonomy()
    assert len(sectors) == 16
    assert {s.id for s in sectors} == EXPECTED_IDS
    assert sector_ids()[:2] == ["ai_semiconductors", "semiconductors"]


def test_every_hs6_code_exists_in_hs2012(hs2012_codes):
    invalid = {
        s.id: [c for c in s.hs6 if c not in hs2012_codes]
        for s in sector_taxonomy()
        if any(c not in hs2012_codes for c in s.hs6)
    }
    assert invalid == {}
    assert {s.hs_revision for s in sector_taxonomy()} == {"HS2012"}


def test_every_sector_has_codes_names_and_keywords_in_three_languages():
    assert len(sector_taxonomy()) >= 15 and LANGUAGES
    for sector in sector_taxonomy():
        assert len(sector.hs6) >= 5, sector.id
        assert len(set(sector.hs6)) == len(sector.hs6), sector.id
        assert sector.name_en and sector.name_ko and sector.name_zh and sector.description
        assert set(sector.keywords) == set(LANGUAGES)
        for lang in LANGUAGES:
            words = sector.keywords[lang]
            assert 10 <= len(words) <= 30, (sector.id, lang, len(words))
            assert len(set(words)) == len(words), (sector.id, lang)


def test_korean_and_chinese_keywords_are_in_their_scripts():
    hangul = lambda w: any("\uac00" <= ch <= "\ud7a3" for ch in w)  # noqa: E731
    han = lambda w: any("\u4e00" <= ch <= "\u9fff" for ch in w)  # noqa: E731
    assert len(sector_taxonomy()) >= 15
    for sector in sector_taxonomy():
        assert sum(map(hangul, sector.keywords["ko"])) >= 8, sector.id
        assert sum(map(han, sector.keywords["zh"])) >= 8, sector.id
        assert hangul(sector.name_ko) and han(sector.name_zh)


def test_practitioner_keywords_present():
    semis = get_sector("semiconductors").keywords
    assert {"foundry", "HBM", "wafer"} <= set(semis["en"])
    assert {"반도체", "파운드리"} <= set(semis["ko"])
    assert {"芯片", "集成电路", "晶圆"} <= set(semis["zh"])
    batteries = get_sector("batteries").keywords
    assert "이차전지" in batteries["ko"] and "正极材料" in batteries["zh"]
    assert "动力电池" in batteries["zh"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("semiconductors", "semiconductors"),
        ("SEMICONDUCTORS", "semiconductors"),
        ("반도체", "semiconductors"),
        ("半导体", "semiconductors"),
        ("이차전지", "batteries"),
        ("二次电池", "batteries"),
        ("新能源汽车", "new_energy_vehicles"),
        ("New-energy vehicles", "new_energy_vehicles"),
        ("new energy vehicles", "new_energy_vehicles"),
        ("수소", "hydrogen"),
        ("氢能", "hydrogen"),
        ("소부장", "materials_parts_equipment"),
        ("소재·부품·장비(소부장)", "materials_parts_equipment"),
        ("디스플레이", "display"),
        ("无人机与低空经济", "drones_low_altitude"),
        ("5G/6G and ICT", "ict_5g_6g"),
        ("  Display Panels ", "display"),
    ],
)
def test_get_sector_by_id_or_any_language_name(query, expected):
    assert get_sector(query).id == expected


def test_get_sector_unknown_lists_valid_ids_and_suggests():
    with pytest.raises(NotFoundError) as info:
        get_sector("batterys")
    message = str(info.value)
    assert "Unknown sector 'batterys'" in message
    assert "Did you mean 'batteries'?" in message
    for sector_id in EXPECTED_IDS:
        assert sector_id in message
    assert info.value.status == 404


def test_get_sector_empty_name_is_not_found():
    with pytest.raises(NotFoundError, match="Use one of: ai_semiconductors"):
        get_sector("   ")


def test_sector_products_table():
    table = sector_products()
    assert list(table.columns) == ["sector", "product"]
    assert len(table) == sum(len(s.hs6) for s in sector_taxonomy())
    assert table["product"].str.fullmatch(r"\d{6}").all()
    shared = table[table["product"] == "854231"]["sector"].tolist()
    assert {"semiconductors", "ai_semiconductors"} <= set(shared)
    table.loc[0, "sector"] = "changed"  # a copy: the cache stays intact
    assert sector_products().loc[0, "sector"] == "ai_semiconductors"


def test_sector_keywords_table():
    table = sector_keywords()
    assert list(table.columns) == ["sector", "lang", "keyword"]
    assert set(table["lang"]) == set(LANGUAGES)
    row = table[(table["keyword"] == "动力电池")]
    assert row["sector"].tolist() == ["batteries"]


def test_sectors_of_product_hs6_hs4_and_national_lines():
    assert sectors_of_product("854231") == [
        "ai_semiconductors", "semiconductors", "autonomous_mobility",
    ]
    assert sectors_of_product("850760") == [
        "batteries", "new_energy_vehicles", "drones_low_altitude",
    ]
    assert sectors_of_product("8507") == ["batteries", "new_energy_vehicles", "drones_low_altitude"]
    assert sectors_of_product("28046100") == sectors_of_product("280461")
    assert sectors_of_product("280461") == [
        "semiconductors", "green_low_carbon", "materials_parts_equipment",
    ]
    assert sectors_of_product("8542.31") == sectors_of_product(854231)
    assert sectors_of_product("010121") == []


@pytest.mark.parametrize("bad", ["", "85x231", "85423", "abc"])
def test_sectors_of_product_rejects_malformed_codes(bad):
    from kcbridge.errors import InputError

    with pytest.raises(InputError, match="not an HS code"):
        sectors_of_product(bad)


def test_sector_to_dict_is_json_ready():
    import json

    data = get_sector("hydrogen").to_dict()
    assert data["id"] == "hydrogen" and data["hs6"][0] == "280410"
    assert json.loads(json.dumps(data, ensure_ascii=False))["name_zh"] == "氢能"
    assert get_sector("hydrogen").name("ko") == "수소"
