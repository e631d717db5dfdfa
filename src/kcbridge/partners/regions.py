"""Where a profile wants its partner to be, read from its need (Korean, Chinese, English).

"寻求韩国存储芯片制造商", "a Korean partner", "중국 대학과", "looking for a US utility",
"해외 파트너", "국내 조선소": a need often names the market or country it looks in.
:func:`need_regions` returns the ISO3 codes a text names (plus ``ABROAD`` for "overseas /
海外 / 해외" and ``DOMESTIC`` for "domestic / 国内 / 국내"); :func:`allowed_countries` turns
that into the countries of a registry the need accepts. A need that names no place accepts
every country. Matching lowers a direction whose offering side is not where the other's
need looks (``MatchWeights.place``).

Latin names on word boundaries (acronyms such as US, EU case-sensitive), Korean and Chinese
as substrings. Regions that are not one country (Europe, Southeast Asia ...) get a pseudo
code that no registry country has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

ABROAD, DOMESTIC = "ABROAD", "DOMESTIC"

_PLACES: dict[str, tuple[str, ...]] = {
    "KOR": ("Korea", "Korean", "Koreans", "韩国", "韓國", "한국"),
    "CHN": ("China", "Chinese", "中国", "中國", "중국"),
    "JPN": ("Japan", "Japanese", "日本", "일본"),
    "USA": ("US", "U.S.", "USA", "United States", "America", "American", "North America",
            "North American", "美国", "北美", "미국", "북미"),
    "TWN": ("Taiwan", "Taiwanese", "台湾", "臺灣", "대만"),
    "IND": ("India", "Indian", "印度"),  # not 인도: also "delivery" in Korean
    "DEU": ("Germany", "German", "德国", "독일"),
    "VNM": ("Vietnam", "Vietnamese", "越南", "베트남"),
    "EUR*": ("Europe", "European", "EU", "欧洲", "유럽"),
    "SEA*": ("Southeast Asia", "Southeast Asian", "东南亚", "동남아"),
    "MEA*": ("Middle East", "中东", "중동", "Morocco"),
    "LAM*": ("South America", "Latin America", "南美", "拉美", "남미"),
    ABROAD: ("overseas", "abroad", "foreign", "海外", "国外", "境外", "해외", "외국"),
    DOMESTIC: ("domestic", "国内", "국내", "国产", "국산"),
}
_ACRONYM = re.compile(r"^[A-Z.]+$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")


def _pattern(term: str) -> str:
    if _CJK.search(term):
        return re.escape(term)
    body = r"\s+".join(re.escape(w) for w in term.split())
    if _ACRONYM.match(term):  # US, EU: case-sensitive, not part of a longer word
        return r"(?<![A-Za-z])" + body + r"(?![A-Za-z])"
    return r"(?i:(?<![A-Za-z])" + body + r"(?![A-Za-z]))"


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((code, re.compile("|".join(_pattern(t) for t in terms)))
                 for code, terms in _PLACES.items())


def need_regions(text: str) -> list[str]:
    """The places a need names: ISO3 codes, pseudo codes for regions, ABROAD, DOMESTIC."""
    text = str(text or "")
    if not text.strip():
        return []
    return [code for code, rx in _compiled() if rx.search(text)]


def allowed_countries(need: str, own_country: str, countries: Iterable[str]) -> set[str] | None:
    """The countries (of ``countries``) whose offers a need accepts; None when the need names
    no place (any country)."""
    named = need_regions(need)
    if not named:
        return None
    allowed = {c for c in named if not c.endswith("*") and c not in (ABROAD, DOMESTIC)}
    if ABROAD in named:
        allowed |= {c for c in countries if c != own_country}
    if DOMESTIC in named:
        allowed.add(own_country)
    return allowed
