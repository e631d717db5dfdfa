"""CEPII GeoDep's world-export-concentration criterion on a world where the regimes differ.

Product 111111 (crude-oil-like): KOR buys 90 % of it from SAU, but the world buys it from
six exporters of similar size (world-export HHI 0.17 < 0.4): EU 2021 and Korea's rule flag
it, GeoDep does not. Product 222222 (graphite-like): CHN makes 90 % of world exports
(world-export HHI 0.82 > 0.4): GeoDep flags it too.
"""

import pandas as pd
import pytest

from kcbridge.watch.dependency import dependency_flags, dependency_metrics, rules_fired

COUNTRIES = pd.DataFrame({"iso3": ["KOR", "SAU", "USA", "NOR", "ARE", "CAN", "CHN", "JPN"],
                          "eu_member": [False] * 8})


def world(years=(2019, 2020, 2021)) -> pd.DataFrame:
    rows = []
    for y in years:
        rows += [(y, "SAU", "KOR", "111111", 90.0), (y, "USA", "KOR", "111111", 10.0),
                 (y, "USA", "JPN", "111111", 90.0), (y, "NOR", "JPN", "111111", 100.0),
                 (y, "ARE", "JPN", "111111", 100.0), (y, "CAN", "USA", "111111", 100.0),
                 (y, "CHN", "JPN", "111111", 100.0), (y, "SAU", "CHN", "111111", 10.0),
                 (y, "CHN", "KOR", "222222", 90.0), (y, "JPN", "KOR", "222222", 10.0)]
    return pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "value_usd"])


@pytest.fixture
def flags() -> pd.DataFrame:
    df = dependency_flags(dependency_metrics(world(), COUNTRIES)).to_pandas()
    return df[df["year"] == 2021].set_index(["importer", "product"])


def test_diversified_world_supply_is_not_a_geodep_dependency(flags):
    oil = flags.loc[("KOR", "111111")]
    # world exports: SAU 100, USA 100, NOR 100, ARE 100, CAN 100, CHN 100 -> HHI 1/6
    assert oil["world_export_hhi"] == pytest.approx(1 / 6)
    assert oil["import_hhi"] == pytest.approx(0.9**2 + 0.1**2)
    assert oil["eu2021"] and oil["korea"]
    assert not oil["geodep"] and oil["geodep_years"] == 0


def test_concentrated_world_supply_is_a_geodep_dependency(flags):
    graphite = flags.loc[("KOR", "222222")]
    assert graphite["world_export_hhi"] == pytest.approx(0.9**2 + 0.1**2)
    assert graphite["geodep"] and graphite["geodep_years"] == 3
    text = rules_fired(graphite)
    assert "world-export HHI 0.82 > 0.4" in text and "met in 3 of 3 years" in text


def test_world_concentration_needed_in_two_of_three_years():
    w = world()
    # in 2020 and 2021 the USA and JPN export as much 222222 as CHN: world HHI 0.34
    extra = pd.DataFrame([(y, e, "USA", "222222", 100.0) for y in (2020, 2021)
                          for e in ("USA", "JPN")], columns=w.columns)
    w = pd.concat([w[~((w["product"] == "222222") & (w["exporter"] == "USA"))], extra])
    df = dependency_flags(dependency_metrics(w, COUNTRIES)).to_pandas()
    kor = df[(df["importer"] == "KOR") & (df["product"] == "222222")].set_index("year")
    assert kor.loc[2019, "world_export_hhi"] > 0.4
    assert kor.loc[2021, "world_export_hhi"] < 0.4
    assert kor.loc[2021, "geodep_years"] == 1 and not kor.loc[2021, "geodep"]
    assert kor.loc[2021, "eu2021"]
