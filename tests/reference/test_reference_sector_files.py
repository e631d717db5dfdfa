"""Broken sector and critical-item files raise ConfigError saying what to fix."""

from __future__ import annotations

import textwrap

import pytest

from kcbridge.errors import ConfigError, KcbridgeError
from kcbridge.reference.sectors import load_critical_items, load_sector_taxonomy

GOOD_SECTOR = """
  - id: {id}
    name_en: {name}
    name_ko: 반도체{n}
    name_zh: 半导体{n}
    description: Chips.
    hs_revision: HS2012
    hs6: ["854231", "854232"]
    keywords:
      en: [chip]
      ko: [칩]
      zh: [芯片]
"""


def write(tmp_path, body: str, name: str = "sectors.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_valid_minimal_file_loads(tmp_path):
    path = write(tmp_path, "sectors:" + GOOD_SECTOR.format(id="chips", name="Chips", n=""))
    (sector,) = load_sector_taxonomy(path)
    assert sector.id == "chips"
    assert sector.hs6 == ("854231", "854232")
    assert sector.keywords == {"en": ("chip",), "ko": ("칩",), "zh": ("芯片",)}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("sectors: [", "not valid YAML"),
        ("other: 1", "top-level `sectors:` list"),
        ("sectors: []", "top-level `sectors:` list"),
        ("sectors:\n  - id: Bad-Id\n", "snake_case"),
        ("sectors:\n  - id: chips\n    name_en: Chips\n", "needs a non-empty `name_ko`"),
    ],
)
def test_structural_errors(tmp_path, body, message):
    with pytest.raises(ConfigError, match=message) as info:
        load_sector_taxonomy(write(tmp_path, body))
    assert "Fix the file" in str(info.value)
    assert isinstance(info.value, KcbridgeError)


def test_unquoted_or_short_codes_are_rejected(tmp_path):
    body = "sectors:" + GOOD_SECTOR.format(id="chips", name="Chips", n="")
    with pytest.raises(ConfigError, match="quote numbers"):
        load_sector_taxonomy(write(tmp_path, body.replace('"854231"', "854231")))
    with pytest.raises(ConfigError, match="not 6 quoted digits"):
        load_sector_taxonomy(write(tmp_path, body.replace('"854231"', '"8542"')))


def test_missing_language_and_bad_revision(tmp_path):
    body = "sectors:" + GOOD_SECTOR.format(id="chips", name="Chips", n="")
    with pytest.raises(ConfigError, match="exactly the languages"):
        load_sector_taxonomy(write(tmp_path, body.replace("      zh: [芯片]\n", "")))
    with pytest.raises(ConfigError, match="Unknown HS revision"):
        load_sector_taxonomy(write(tmp_path, body.replace("HS2012", "HS2099")))


def test_duplicate_ids_and_names(tmp_path):
    twice = GOOD_SECTOR.format(id="chips", name="Chips", n="")
    with pytest.raises(ConfigError, match="'chips' appears twice"):
        load_sector_taxonomy(write(tmp_path, "sectors:" + twice + twice))
    other = GOOD_SECTOR.format(id="chips_two", name="Chips", n="2")
    with pytest.raises(ConfigError, match="used by both 'chips' and 'chips_two'"):
        load_sector_taxonomy(write(tmp_path, "sectors:" + twice + other))


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot be read"):
        load_sector_taxonomy(tmp_path / "nope.yaml")


CSV_HEADER = "hs6,name_en,name_ko,name_zh,material_group,sectors,why_critical\n"


def test_critical_items_validation(tmp_path):
    good = CSV_HEADER + "250410,Graphite,흑연,石墨,graphite,batteries,Anodes.\n"
    df = load_critical_items(write(tmp_path, good, "c.csv"), {"batteries"})
    assert df.loc[0, "hs6"] == "250410"
    with pytest.raises(ConfigError, match="unknown sector ids \\['batterys'\\]"):
        load_critical_items(write(tmp_path, good.replace(",batteries,", ",batterys,"), "c.csv"),
                            {"batteries"})
    with pytest.raises(ConfigError, match="not 6 digits"):
        load_critical_items(write(tmp_path, good.replace("250410", "2504"), "c.csv"))
    with pytest.raises(ConfigError, match="appear twice"):
        load_critical_items(write(tmp_path, good + good.splitlines()[1] + "\n", "c.csv"))
    with pytest.raises(ConfigError, match="empty cells"):
        load_critical_items(write(tmp_path, good.replace(",Anodes.", ","), "c.csv"))
    with pytest.raises(ConfigError, match="columns \\['why_critical'\\] are missing"):
        load_critical_items(write(tmp_path, "hs6,name_en,name_ko,name_zh,material_group,sectors\n",
                                  "c.csv"))
