"""HS sections: the 21 broad groups of the Harmonized System, named in English, Korean
and Chinese, with one colour each (the explorer's "sector" level of treemaps and the
colours of the product space).

Sections partition the HS chapters (a product belongs to exactly one), unlike the
cooperation sectors of ``reference/sectors.yaml``, which overlap and cover only part of
trade. Chapters 98-99 (national special codes) and unknown chapters fall in ``other``.
Names are short forms of the WCO section titles; the Korean and Chinese ones follow the
customs tariff schedules of each country (관세율표, 进出口税则).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Section:
    id: str  # Roman numeral, or "other"
    first: int  # first HS chapter
    last: int  # last HS chapter
    name_en: str
    name_ko: str
    name_zh: str
    colour: str


SECTIONS: tuple[Section, ...] = (
    Section("I", 1, 5, "Animals and animal products",
            "산 동물·동물성 생산품", "活动物；动物产品", "#e7b75f"),
    Section("II", 6, 14, "Vegetable products",
            "식물성 생산품", "植物产品", "#6f9e3d"),
    Section("III", 15, 15, "Fats and oils",
            "동식물성 유지", "动植物油脂", "#b9a33a"),
    Section("IV", 16, 24, "Foodstuffs, beverages, tobacco",
            "조제 식료품·음료·담배", "食品、饮料、烟草", "#a6761d"),
    Section("V", 25, 27, "Mineral products",
            "광물성 생산품", "矿产品", "#7f5539"),
    Section("VI", 28, 38, "Chemical products",
            "화학공업 생산품", "化学工业产品", "#c2185b"),
    Section("VII", 39, 40, "Plastics and rubber",
            "플라스틱·고무", "塑料及橡胶", "#f06292"),
    Section("VIII", 41, 43, "Hides, skins, leather",
            "원피·가죽", "生皮、皮革、毛皮", "#8d6e63"),
    Section("IX", 44, 46, "Wood and wood articles",
            "목재·목제품", "木及木制品", "#558b2f"),
    Section("X", 47, 49, "Pulp and paper",
            "펄프·종이", "纸浆、纸及其制品", "#9ccc65"),
    Section("XI", 50, 63, "Textiles and clothing",
            "방직용 섬유·의류", "纺织原料及纺织制品", "#2e7d32"),
    Section("XII", 64, 67, "Footwear and headgear",
            "신발·모자", "鞋帽", "#66bb6a"),
    Section("XIII", 68, 70, "Stone, ceramics, glass",
            "석·도자·유리 제품", "石料、陶瓷、玻璃制品", "#90a4ae"),
    Section("XIV", 71, 71, "Precious metals and stones",
            "귀금속·보석", "珠宝、贵金属", "#ffca28"),
    Section("XV", 72, 83, "Base metals",
            "비금속과 그 제품", "贱金属及其制品", "#546e7a"),
    Section("XVI", 84, 85, "Machinery and electrical equipment",
            "기계·전기기기", "机器、电气设备", "#1e63b5"),
    Section("XVII", 86, 89, "Vehicles, aircraft, vessels",
            "차량·항공기·선박", "车辆、航空器、船舶", "#7b1fa2"),
    Section("XVIII", 90, 92, "Optical, medical, precision instruments",
            "광학·의료·정밀기기", "光学、医疗、精密仪器", "#00838f"),
    Section("XIX", 93, 93, "Arms and ammunition",
            "무기·총포탄", "武器、弹药", "#424242"),
    Section("XX", 94, 96, "Miscellaneous manufactures",
            "잡품", "杂项制品", "#ef6c00"),
    Section("XXI", 97, 97, "Works of art and antiques",
            "예술품·골동품", "艺术品、收藏品及古物", "#d4a373"),
)
OTHER = Section("other", 98, 99, "Other (special codes)",
                "기타 (특수 코드)", "其他 (特殊编码)", "#bdbdbd")


def section_of_chapter(chapter: int | str) -> Section:
    """The section holding HS chapter ``chapter`` (``OTHER`` for 98-99 and unknowns)."""
    try:
        number = int(str(chapter)[:2])
    except ValueError:
        return OTHER
    for section in SECTIONS:
        if section.first <= number <= section.last:
            return section
    return OTHER


def section_table() -> pd.DataFrame:
    """One row per section (``other`` last): ``section, first, last, name_en, name_ko,
    name_zh, colour``."""
    rows = [
        {"section": s.id, "first": s.first, "last": s.last, "name_en": s.name_en,
         "name_ko": s.name_ko, "name_zh": s.name_zh, "colour": s.colour}
        for s in (*SECTIONS, OTHER)
    ]
    return pd.DataFrame(rows)


def section_groups(products: list[str] | pd.Series) -> pd.DataFrame:
    """``group, product``: the section id of each product code (first two digits)."""
    codes = sorted({str(p) for p in products})
    return pd.DataFrame({"group": [section_of_chapter(c[:2]).id for c in codes],
                         "product": codes})
