"""The Korea Exchange (KRX/KIND) listing importer: Korean headers, sectors from the KSIC
industry and from the main products, ``krx-<ticker>`` ids, and the errors of a file that is
not a listing. The listing rows below are made up for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kcbridge.app import Platform
from kcbridge.errors import InputError
from kcbridge.partners.krx import ksic_sector_map, read_krx_listing, sectors_for
from kcbridge.partners.registry import ORG_COLUMNS

HEADER = "회사명,종목코드,업종,주요제품,상장일,결산월,대표자명,홈페이지,지역\n"
ROWS = [
    "가나전자,000001,반도체 제조업,\"메모리, 파운드리\",2001-01-01,12월,홍길동,"
    "www.ga.example,경기도\n",
    " 다라제약 ,000002,의약품 제조업,바이오의약품;백신,2002-02-02,12월,김철수,,서울특별시\n",
    "마바유통,000003,종합 소매업,생활용품,2003-03-03,12월,이영희,,부산광역시\n",
    # a re-listed row of the same ticker keeps the first
    "가나전자(구),000001,반도체 제조업,메모리,2001-01-01,12월,홍길동,,경기도\n",
]


def _listing(tmp_path: Path, rows: list[str] = ROWS, header: str = HEADER,
             encoding: str = "utf-8-sig") -> Path:
    path = tmp_path / "listing.csv"
    path.write_text(header + "".join(rows), encoding=encoding)
    return path


def test_each_company_becomes_a_korean_listed_enterprise(tmp_path: Path) -> None:
    orgs = read_krx_listing(_listing(tmp_path))
    assert list(orgs.columns) == ORG_COLUMNS
    assert orgs["org_id"].tolist() == ["krx-000001", "krx-000002", "krx-000003"]
    first = orgs.iloc[0]
    assert first["name"] == first["name_ko"] == "가나전자"
    assert (first["kind"], first["size_class"], first["country"]) == ("enterprise", "large", "KOR")
    assert first["city"] == "경기도" and first["website"] == "www.ga.example"
    assert first["products"] == ["메모리", "파운드리"]
    assert first["source"] == "krx:listing.csv"
    second = orgs.iloc[1]
    assert second["name"] == "다라제약"  # spaces around the name are dropped
    assert second["products"] == ["바이오의약품", "백신"]  # ';' separates products too


def test_sectors_come_from_the_ksic_industry_first(tmp_path: Path) -> None:
    orgs = read_krx_listing(_listing(tmp_path))
    sectors: dict[str, list[str]] = dict(zip(orgs["org_id"], orgs["sectors"], strict=True))
    assert sectors["krx-000001"][:2] == ["semiconductors", "ai_semiconductors"]
    assert "biotech_pharma" in sectors["krx-000002"]


def test_ksic_map_reads_the_bundled_table() -> None:
    table = ksic_sector_map()
    assert table["반도체 제조업"] == ["semiconductors", "ai_semiconductors"]
    assert table["일차전지 및 이차전지 제조업"] == ["batteries"]
    # names with commas are quoted in the CSV and kept whole
    assert "측정, 시험, 항해, 제어 및 기타 정밀기기 제조업; 광학기기 제외" in table


def test_products_add_sectors_an_unknown_industry_does_not_have() -> None:
    assert sectors_for("알 수 없는 업종", "") == []
    from_products = sectors_for("알 수 없는 업종", "lithium-ion battery cells")
    assert "batteries" in from_products
    # the industry's sectors stay first and are not repeated
    both = sectors_for("일차전지 및 이차전지 제조업", "secondary battery")
    assert both[0] == "batteries" and both.count("batteries") == 1


def test_generic_short_keywords_do_not_make_a_sector() -> None:
    # "센서", "부품", "장비" alone match too much in product lists
    assert sectors_for("알 수 없는 업종", "센서, 부품, 장비") == []


def test_a_csv_without_the_krx_columns_says_what_to_export(tmp_path: Path) -> None:
    path = _listing(tmp_path, rows=["a,b\n"], header="name,country\n")
    with pytest.raises(InputError) as info:
        read_krx_listing(path)
    assert "columns ['회사명', '종목코드', '업종'] are missing" in info.value.message
    assert "KIND" in (info.value.hint or "")


def test_optional_columns_may_be_absent(tmp_path: Path) -> None:
    path = _listing(tmp_path, rows=["가나전자,000001,반도체 제조업\n"],
                    header="회사명,종목코드,업종\n")
    org = read_krx_listing(path).iloc[0]
    assert org["products"] == [] and org["website"] == "" and org["city"] == ""
    assert org["sectors"] == ["semiconductors", "ai_semiconductors"]


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Cannot read the KRX listing"):
        read_krx_listing(tmp_path / "nope.csv")


def test_the_service_detects_a_listing_by_its_korean_headers_and_replaces_on_reimport(
    platform: Platform, tmp_path: Path
) -> None:
    path = _listing(tmp_path)
    first = platform.partners.import_file(path)
    assert first["organisations"] == 3
    again = platform.partners.import_file(path)  # same tickers: replaced, not added
    assert again["organisations"] == 3
    orgs = platform.partners.organisations()
    krx = orgs[orgs["org_id"].str.startswith("krx-")]
    assert sorted(krx["org_id"]) == ["krx-000001", "krx-000002", "krx-000003"]


def test_the_service_refuses_an_empty_listing(platform: Platform, tmp_path: Path) -> None:
    path = _listing(tmp_path, rows=[])
    with pytest.raises(InputError, match="lists no companies"):
        platform.partners.import_file(path, fmt="krx")
