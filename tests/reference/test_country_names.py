"""Country resolution in every script and code a user or a trade file uses: ISO3/ISO2/numeric,
English, Korean and Chinese names, the statistical agencies' special codes, and unknown codes
with the error's hint (in the library and through the API)."""

from __future__ import annotations

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from tests.conftest import assert_error_shape

from kcbridge.api import create_app
from kcbridge.app import Platform
from kcbridge.errors import InputError, NotFoundError
from kcbridge.reference.countries import (
    CountryResolver,
    country_table,
    local_country_names,
    name_key,
)
from kcbridge.sources.countries import TradeCountryResolver, resolver_from_code_table


@pytest.fixture(scope="module")
def resolver() -> CountryResolver:
    return CountryResolver()


@pytest.mark.parametrize(
    "value,iso3",
    [
        ("대한민국", "KOR"),
        ("한국", "KOR"),
        ("대한 민국", "KOR"),  # spaces inside a name do not matter
        ("韩国", "KOR"),
        ("韓國", "KOR"),  # traditional characters
        ("중국", "CHN"),
        ("中华人民共和国", "CHN"),
        ("中國", "CHN"),
        ("일본", "JPN"),
        ("日本", "JPN"),
        ("북한", "PRK"),
        ("朝鲜", "PRK"),
        ("미국", "USA"),
        ("美国", "USA"),
        ("대만", "TWN"),
        ("中国台湾", "TWN"),
        ("Republic of Korea", "KOR"),
        ("south korea", "KOR"),
        ("  Korea, Rep. ", "KOR"),
        ("China", "CHN"),
        ("Hong Kong", "HKG"),
        ("Germany", "DEU"),
    ],
)
def test_names_in_korean_chinese_and_english(resolver: CountryResolver, value: str,
                                             iso3: str) -> None:
    assert resolver.lookup(value) == iso3


@pytest.mark.parametrize(
    "value,iso3",
    [("kor", "KOR"), ("KR", "KOR"), ("410", "KOR"), (410, "KOR"), ("0410", "KOR"),
     ("410.0", "KOR"), ("156", "CHN"), ("CN", "CHN"), ("276", "DEU"), ("W00", "WLD"),
     ("0", "WLD"), ("World", "WLD"), ("842", "USA"), ("490", None)],
)
def test_codes(resolver: CountryResolver, value: object, iso3: str | None) -> None:
    # 490 ("Other Asia, n.e.s.") is Taiwan only for the trade resolver (below)
    assert resolver.lookup(value) == iso3


def test_nothing_and_nonsense_resolve_to_none(resolver: CountryResolver) -> None:
    assert resolver.lookup(None) is None
    assert resolver.lookup("") is None
    assert resolver.lookup("Atlantis") is None
    assert resolver.lookup("아틀란티스") is None


def test_resolve_maps_what_it_knows_and_unknown_lists_the_rest_sorted(
    resolver: CountryResolver,
) -> None:
    values = ["한국", "CHN", "XXZ", 999, "韩国", "Atlantis"]
    assert resolver.resolve(values) == {"한국": "KOR", "CHN": "CHN", "韩国": "KOR"}
    assert resolver.unknown(values) == [999, "Atlantis", "XXZ"]


def test_require_gives_iso3_or_a_not_found_error_saying_what_to_type(
    resolver: CountryResolver,
) -> None:
    assert resolver.require("中国") == "CHN"
    with pytest.raises(NotFoundError) as info:
        resolver.require("Narnia")
    error = info.value
    assert error.status == 404
    assert error.message == "Unknown country 'Narnia'."
    assert "ISO3 code such as KOR, CHN, USA" in (error.hint or "")
    assert "Korean or Chinese name" in (error.hint or "")
    assert "`kcbridge countries`" in (error.hint or "")


def test_name_key_drops_every_kind_of_space_and_upper_cases() -> None:
    assert name_key(" Korea,\tRep.\n") == "KOREA,REP."
    assert name_key("대한 민국") == name_key("대한민국")


def test_local_names_cover_the_main_partners_both_scripts() -> None:
    names = local_country_names()
    pairs = [("KOR", "한국", "韩国"), ("CHN", "중국", "中国"), ("JPN", "일본", "日本"),
             ("USA", "미국", "美国"), ("DEU", "독일", "德国"), ("VNM", "베트남", "越南")]
    for iso3, ko, zh in pairs:
        assert names[name_key(ko)] == iso3
        assert names[name_key(zh)] == iso3


def test_country_table_has_one_row_per_iso3_with_taiwan_and_the_world() -> None:
    table = country_table()
    assert table["iso3"].is_unique
    assert table["iso3"].is_monotonic_increasing
    rows = table.set_index("iso3")
    assert rows.loc["WLD", "kind"] == "aggregate" and rows.loc["WLD", "numeric"] == 0
    assert rows.loc["KOR", "iso2"] == "KR" and rows.loc["KOR", "numeric"] == 410
    assert rows.loc["CHN", "numeric"] == 156
    assert bool(rows.loc["KOR", "oecd_member"]) and not bool(rows.loc["CHN", "oecd_member"])
    assert bool(rows.loc["DEU", "eu_member"]) and not bool(rows.loc["GBR", "eu_member"])
    assert "TWN" in rows.index
    assert rows["kind"].eq("country").sum() == len(rows) - 1


def test_a_resolver_built_on_a_given_table_knows_only_that_table() -> None:
    table = pd.DataFrame({"iso3": ["KOR"], "iso2": ["KR"], "numeric": [410],
                          "name": ["Korea"], "name_official": ["Republic of Korea"]})
    small = CountryResolver(table)
    assert small.lookup("KR") == "KOR"
    assert small.lookup("Republic of Korea") == "KOR"
    assert small.lookup("DEU") is None
    assert small.lookup("중국") == "CHN"  # Korean and Chinese names come with the package


# ---------------------------------------------------------------- trade files


@pytest.mark.parametrize(
    "value,iso3",
    [("490", "TWN"), ("S19", "TWN"), ("Other Asia, nes", "TWN"), ("58", "BEL"), ("BLX", "BEL"),
     ("711", "ZAF"), ("ROM", "ROU"), ("ZAR", "COD"), ("KO", "KOR"), ("W00", "WLD"),
     ("410.0", "KOR"), (" 156 ", "CHN"), ("중국", "CHN")],
)
def test_trade_codes_of_statistical_agencies(value: str, iso3: str) -> None:
    assert TradeCountryResolver().lookup(value) == iso3


@pytest.mark.parametrize("blank", [None, float("nan"), "", "  ", "nan", "NULL", "None", "NA"])
def test_blank_trade_cells_are_not_countries(blank: object) -> None:
    assert TradeCountryResolver().lookup(blank) is None


def test_extra_codes_take_precedence_over_the_standard_ones() -> None:
    r = TradeCountryResolver({"410": "PRK", "x1": "JPN"})
    assert r.lookup("410") == "PRK"
    assert r.lookup("X1") == "JPN"  # keys are matched upper-cased
    assert r.lookup("156") == "CHN"


def test_resolve_all_maps_distinct_values_and_refuses_unknown_ones_with_the_fix() -> None:
    r = TradeCountryResolver()
    mapping, unknown = r.resolve_all(["410", "156", "410", None], source="f.csv", column="rep")
    assert mapping == {"156": "CHN", "410": "KOR"} and unknown == []
    with pytest.raises(InputError) as info:
        r.resolve_all(["410", "Atlantis", "XX9"], source="f.csv", column="reporter")
    error = info.value
    assert error.message == (
        "f.csv: 2 country code(s) in column 'reporter' are not known: 'Atlantis', 'XX9'.")
    assert "--skip-unknown" in (error.hint or "") and "ISO3" in (error.hint or "")


def test_resolve_all_can_drop_unknown_values_and_return_them() -> None:
    mapping, unknown = TradeCountryResolver().resolve_all(
        ["KOR", "Atlantis"], source="s", column="c", drop_unknown=True)
    assert mapping == {"KOR": "KOR"}
    assert unknown == ["Atlantis"]


def test_resolve_all_lists_at_most_15_unknown_codes_and_clips_long_ones() -> None:
    values = [f"Q{i:02d}" for i in range(20)] + ["Z" * 100]
    with pytest.raises(InputError) as info:
        TradeCountryResolver().resolve_all(values, source="s", column="c")
    message = info.value.message
    assert message.startswith("s: 21 country code(s) in column 'c' are not known: 'Q00', ")
    assert "'Q14'" in message and "'Q15'" not in message
    assert message.endswith(" and 6 more.")
    with pytest.raises(InputError) as info:
        TradeCountryResolver().resolve_all(["Z" * 100], source="s", column="c")
    assert "'" + "Z" * 40 + "... (100 characters)'" in info.value.message


def test_resolver_from_a_baci_code_table_uses_its_own_numeric_codes() -> None:
    codes = pd.DataFrame(
        {
            "country_code": [410, 156, 901, 902, 903],
            "country_name": ["Rep. of Korea", "China", "Freedonia", "Germany", "Nowhere"],
            "country_iso2": ["KR", "CN", None, None, None],
            "country_iso3": ["KOR", "CHN", "DEU", None, None],
        }
    )
    r = resolver_from_code_table(codes)
    assert r.lookup("410") == "KOR"
    assert r.lookup(901) == "DEU"  # the file's own ISO3 column first (not its name)
    assert r.lookup("902") == "DEU"  # no ISO3: found by its name
    assert r.lookup("903") is None  # neither: unknown
    assert r.lookup("276") == "DEU"  # codes outside the table still resolve as usual


def test_resolver_from_a_table_without_a_code_column_is_the_plain_one() -> None:
    r = resolver_from_code_table(pd.DataFrame({"name": ["x"]}))
    assert r.extra == {}
    assert r.lookup("410") == "KOR"


# ---------------------------------------------------------------- through the API


@pytest.fixture
def client(platform: Platform) -> TestClient:
    return TestClient(create_app(platform), raise_server_exceptions=False)


@pytest.mark.parametrize("name", ["한국", "韩国", "Republic of Korea", "KR", "410", "kor"])
def test_api_country_by_any_name_or_code(client: TestClient, name: str) -> None:
    response = client.get(f"/api/countries/{name}")
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert (data["iso3"], data["iso2"], data["numeric"]) == ("KOR", "KR", 410)


def test_api_unknown_country_is_a_404_in_the_error_shape_with_the_hint(
    client: TestClient,
) -> None:
    body = assert_error_shape(client.get("/api/countries/Narnia"), 404)
    assert body["error"].startswith("Unknown country 'Narnia'.")
    assert "kcbridge countries" in body["error"]


def test_api_country_search_by_a_whole_local_name_or_part_of_an_english_one(
    client: TestClient,
) -> None:
    by_name = client.get("/api/countries", params={"q": "中国"}).json()["data"]
    assert [r["iso3"] for r in by_name] == ["CHN"]
    part = client.get("/api/countries", params={"q": "islands"}).json()["data"]
    assert {"SLB", "MHL"} <= {r["iso3"] for r in part}
    assert all("islands" in (r["name"] + r["name_official"]).lower() for r in part)
    # a whole name wins over the names that contain it
    whole = client.get("/api/countries", params={"q": "guinea"}).json()["data"]
    assert [r["iso3"] for r in whole] == ["GIN"]


@pytest.mark.parametrize(
    "value,iso3",
    [
        # the names UN Comtrade, the World Bank and news use that are neither a code nor
        # the converter's short or official name (a trade file using them was refused)
        ("Turkey", "TUR"),
        ("Turkiye", "TUR"),
        ("UAE", "ARE"),
        ("Viet Nam", "VNM"),
        ("Korea, Rep.", "KOR"),
        ("Korea Rep.", "KOR"),
        ("Lao PDR", "LAO"),
        ("Cote d'Ivoire", "CIV"),
        ("Egypt, Arab Rep.", "EGY"),
        ("Hong Kong, China", "HKG"),
        ("China, mainland", "CHN"),
        ("Congo, Dem. Rep.", "COD"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
    ],
)
def test_statistical_and_former_names(resolver: CountryResolver, value: str,
                                      iso3: str) -> None:
    assert resolver.lookup(value) == iso3


@pytest.mark.parametrize("value", ["Areas, nes", "EU", "Bunkers", "Korea and Japan", "K0R"])
def test_aggregates_and_ambiguous_names_stay_unknown(resolver: CountryResolver,
                                                     value: str) -> None:
    assert resolver.lookup(value) is None
    assert resolver.unknown([value, "KOR"]) == [value]
