"""Importer for the Korea Exchange (KRX/KIND) listing export.

The listing is a CSV with Korean headers: 회사명 (company name), 종목코드 (ticker),
업종 (KSIC industry name), 주요제품 (main products), 상장일 (listing date), 결산월,
대표자명 (CEO), 홈페이지 (homepage), 지역 (region). Each row becomes an organisation of
kind ``enterprise`` in Korea (``KOR``), size class ``large`` (listed on KOSPI), with
sectors from two sources:

1. the KSIC industry, through ``partners/data/ksic_sectors.csv`` (industry name ->
   sector ids); and
2. the main products, matched against the Korean and English keywords of the sector
   taxonomy (whole keyword contained in the products text, keywords of 2+ characters).

``org_id`` is ``krx-<ticker>`` so re-importing a newer listing replaces the rows.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from kcbridge.errors import InputError
from kcbridge.partners.registry import ORG_COLUMNS

KRX_COLUMNS = {"회사명": "name", "종목코드": "ticker", "업종": "industry", "주요제품": "products",
               "홈페이지": "website", "지역": "city"}
#: Short or generic keywords that match too much inside product lists.
_GENERIC = {"칩", "팹", "패널", "모터", "배터리팩", "센서", "소재", "부품", "장비", "AI"}


@lru_cache(maxsize=1)
def ksic_sector_map() -> dict[str, list[str]]:
    """KSIC industry name (as KRX writes it) -> sector ids."""
    path = resources.files("kcbridge.partners") / "data" / "ksic_sectors.csv"
    with path.open(encoding="utf-8") as handle:
        table = pd.read_csv(handle, dtype=str)
    return {str(k).strip(): str(v).split(";") for k, v in zip(table["ksic_industry"],
                                                             table["sectors"], strict=False)}


@lru_cache(maxsize=1)
def _product_patterns() -> list[tuple[str, re.Pattern[str]]]:
    from kcbridge.reference.sectors import sector_keywords

    kw = sector_keywords()
    kw = kw[kw["lang"].isin(["ko", "en"])]
    patterns = []
    for sector, keyword in zip(kw["sector"], kw["keyword"], strict=False):
        keyword = str(keyword).strip()
        if len(keyword) < 2 or keyword in _GENERIC:
            continue
        flags = re.IGNORECASE if keyword.isascii() else 0
        border = r"\b" if keyword.isascii() else ""
        patterns.append((sector, re.compile(border + re.escape(keyword) + border, flags)))
    return patterns


def sectors_for(industry: str, products: str) -> list[str]:
    """Sector ids for a KSIC industry name and a main-products text (industry first)."""
    found = list(ksic_sector_map().get(industry.strip(), []))
    for sector, pattern in _product_patterns():
        if sector not in found and pattern.search(products or ""):
            found.append(sector)
    return found


def read_krx_listing(path: str | Path) -> pd.DataFrame:
    """Organisations (``ORG_COLUMNS``) from a KRX listing CSV."""
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError) as exc:
        raise InputError(f"Cannot read the KRX listing {path}: {exc}.") from exc
    missing = [c for c in ("회사명", "종목코드", "업종") if c not in raw.columns]
    if missing:
        raise InputError(
            f"{path} is not a KRX listing: columns {missing} are missing.",
            hint="Export the listing from KIND (상장법인목록) as CSV with its Korean headers.",
        )
    df = raw.rename(columns=KRX_COLUMNS)
    for col in KRX_COLUMNS.values():
        if col not in df.columns:
            df[col] = ""
    out = pd.DataFrame({
        "org_id": "krx-" + df["ticker"].str.strip(),
        "name": df["name"].str.strip(),
        "name_en": "",
        "name_ko": df["name"].str.strip(),
        "name_zh": "",
        "kind": "enterprise",
        "size_class": "large",
        "country": "KOR",
        "city": df["city"].str.strip(),
        "sectors": [sectors_for(i, p)
                    for i, p in zip(df["industry"], df["products"], strict=True)],
        "products": [[p.strip() for p in re.split(r"[,;]", text) if p.strip()]
                     for text in df["products"]],
        "website": df["website"].str.strip(),
        "source": f"krx:{path.name}",
    })
    return out[ORG_COLUMNS].drop_duplicates("org_id").reset_index(drop=True)
