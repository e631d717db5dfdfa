"""Hand-computed dependency screening on a five-country world."""

import pandas as pd
import pytest

from kcbridge.watch.contingency import alternative_suppliers
from kcbridge.watch.dependency import dependency_flags, dependency_metrics, rollup, rules_fired

COUNTRIES = pd.DataFrame({"iso3": ["CHN", "JPN", "KOR", "USA", "DEU", "FRA"],
                          "eu_member": [False, False, False, False, True, True]})


def world(years=(2019, 2020, 2021)) -> pd.DataFrame:
    rows = []
    for y in years:
        rows += [(y, "CHN", "KOR", "111111", 80.0), (y, "JPN", "KOR", "111111", 20.0),
                 (y, "KOR", "USA", "111111", 10.0), (y, "CHN", "USA", "111111", 50.0),
                 (y, "DEU", "FRA", "111111", 30.0), (y, "USA", "DEU", "222222", 100.0),
                 (y, "CHN", "DEU", "111111", 60.0), (y, "FRA", "DEU", "111111", 40.0),
                 (y, "JPN", "USA", "222222", 50.0)]
    return pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "value_usd"])


@pytest.fixture
def flags() -> pd.DataFrame:
    df = dependency_flags(dependency_metrics(world(), COUNTRIES)).to_pandas()
    return df[df["year"] == 2021].set_index(["importer", "product"])


def test_korea_graphite_like_dependency(flags):
    r = flags.loc[("KOR", "111111")]
    assert r["imports"] == 100.0
    assert r["import_hhi"] == pytest.approx(0.8**2 + 0.2**2)
    assert r["top_supplier"] == "CHN" and r["top_share"] == pytest.approx(0.8)
    assert r["exports"] == 10.0 and r["import_export_ratio"] == pytest.approx(10.0)
    # RCA >= 1 in 111111: CHN, KOR, DEU, FRA (JPN 0.43, USA 0); minus KOR and CHN
    assert r["alternatives"] == 2
    assert r["world_export_hhi"] == pytest.approx(
        sum((x / 290) ** 2 for x in (190, 20, 10, 30, 40)))
    assert r["eu2021"] and r["geodep"] and r["korea"] and r["merics"]
    assert r["geodep_years"] == 3


def test_eu_bloc_share_and_regimes(flags):
    deu = flags.loc[("DEU", "111111")]
    assert deu["import_hhi"] == pytest.approx(0.52)
    assert deu["extra_bloc_share"] == pytest.approx(0.6)  # FRA is inside the EU
    assert deu["import_export_ratio"] == pytest.approx(100 / 30)
    fra = flags.loc[("FRA", "111111")]
    assert fra["extra_bloc_share"] == 0.0 and not fra["eu2021"] and fra["korea"]
    usa = flags.loc[("USA", "222222")]
    assert usa["import_export_ratio"] == pytest.approx(0.5)  # exports 100 to DEU
    assert not usa["eu2021"] and not usa["merics"]


def test_rules_text_names_the_thresholds(flags):
    text = rules_fired(flags.loc[("KOR", "111111")].to_dict() | {"top_supplier": "CHN"})
    assert "EU2021: HHI 0.68 > 0.4" in text and "Korea: CHN supplies 80% > 50%" in text
    assert "MERICS" in text and "GeoDep: import HHI 0.68 > 0.4, world-export HHI 0.46 > 0.4" in text
    assert "met in 3 of 3 years" in text


def test_geodep_needs_two_of_three_years():
    w = world()
    w = w[~((w["year"] == 2020) & (w["importer"] == "KOR"))]  # no KOR imports in 2020
    w = pd.concat([w, pd.DataFrame([(2019, "KOR", "USA", "111111", 1000.0)], columns=w.columns)])
    df = dependency_flags(dependency_metrics(w, COUNTRIES)).to_pandas()
    kor = df[(df["importer"] == "KOR") & (df["product"] == "111111")].set_index("year")
    assert kor.loc[2021, "eu2021"] and kor.loc[2021, "geodep_years"] == 1
    assert not kor.loc[2021, "geodep"]


def test_rollup_by_sector(flags):
    groups = pd.DataFrame({"sector": ["batteries", "batteries"], "product": ["111111", "222222"]})
    out = rollup(flags.reset_index(), groups, "sector").set_index(["importer", "sector"])
    assert out.loc[("DEU", "batteries"), "products"] == 2
    assert out.loc[("DEU", "batteries"), "eu2021"] == 2
    assert out.loc[("DEU", "batteries"), "imports_flagged"] == 200.0


def test_alternative_suppliers_ranked():
    w = world([2021])
    w["quantity"] = w["value_usd"] / 2.0
    alt = alternative_suppliers(w, "KOR", "111111", 2021, affected_supplier="CHN",
                                distances=pd.DataFrame({"exporter": ["JPN", "DEU", "FRA"],
                                                        "importer": "KOR",
                                                        "distance_km": [1000.0, 8500, 9000]}))
    # mean percentile ranks of share, RCA, distance, unit-value closeness, spare capacity
    assert list(alt["exporter"]) == ["FRA", "DEU", "JPN"]
    assert list(alt["score"]) == pytest.approx([23 / 30, 0.7, 8 / 15], abs=1e-4)
    jpn = alt.set_index("exporter").loc["JPN"]
    assert jpn["world_share"] == pytest.approx(20 / 290)
    assert jpn["spare_capacity_usd"] == 0.0  # all of JPN's 111111 goes to KOR
    assert jpn["unit_value_ratio"] == pytest.approx(1.0)
    assert "KOR" not in set(alt["exporter"]) and "CHN" not in set(alt["exporter"])
