"""Countries: ISO3 / ISO2 / ISO numeric codes and names, from country_converter.

``country_table()`` is what the store's ``countries`` table holds. ``CountryResolver``
turns whatever a file or a user uses (ISO3 in any case, ISO2, numeric, English names,
Korean and Chinese names from ``data/country_names.csv``) into ISO3 and says which values
it could not resolve.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from kcbridge.errors import NotFoundError
from kcbridge.reference.country_table_cache import country_columns

if TYPE_CHECKING:  # pragma: no cover - pandas only for the table as a frame: resolving a
    import pandas as pd  # name and listing countries read the plain records

#: Aggregates and special codes used by trade statistics, kept beside real countries.
SPECIAL_AREAS = [
    # iso3, iso2, numeric, name
    ("WLD", "", 0, "World"),
    ("TWN", "TW", 490, "Taiwan (Other Asia, n.e.s.)"),
]


@lru_cache(maxsize=1)
def local_country_names() -> dict[str, str]:
    """Korean and Chinese country names (and alternative spellings, ``|``-separated in
    ``data/country_names.csv``) -> ISO3, keyed by :func:`name_key`."""
    path = resources.files("kcbridge.reference") / "data" / "country_names.csv"
    out: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for column in ("name_ko", "name_zh"):
                for name in (row.get(column) or "").split("|"):
                    if name.strip():
                        out.setdefault(name_key(name), row["iso3"].strip())
    return out


@lru_cache(maxsize=1)
def _country_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """country_converter's maintained regular expression of every country's names (short,
    official, former, statistical: "Viet Nam", "Korea, Rep.", "Türkiye"/"Turkey", "Cote
    d'Ivoire", "Lao PDR", "Hong Kong, China" ...), compiled once (from the kept table of
    :mod:`kcbridge.reference.country_table_cache`)."""
    data = country_columns()
    return [(iso3, re.compile(rx, re.IGNORECASE))
            for iso3, rx in zip(data["iso3"], data["regex"], strict=True)
            if rx and re.fullmatch(r"[A-Z]{3}", iso3)]


@lru_cache(maxsize=4096)
def match_country_pattern(name: str) -> str | None:
    """ISO3 of a country name that no code or exact name matched, by the country patterns
    of :func:`_country_patterns`; None when no pattern or more than one country matches
    (an aggregate such as "Areas, nes" or "EU" stays unknown and is reported)."""
    hits = set()
    for iso3, rx in _country_patterns():
        found = rx.search(name)
        if found is None:
            continue
        rest = name[:found.start()] + " " + name[found.end():]
        if all(word.lower() in _QUALIFIERS for word in re.findall(r"[^\W\d_]{2,}", rest)):
            hits.add(iso3)
    return hits.pop() if len(hits) == 1 else None


#: words a statistical name may carry beside the part a country pattern matches ("China,
#: mainland", "Korea, Rep. of", "Hong Kong SAR"); any other word left over ("Korea and
#: Japan") means the text is not one country's name
_QUALIFIERS = frozenset({
    "the", "of", "rep", "republic", "dem", "democratic", "people", "peoples", "people's",
    "pdr", "sar", "mainland", "province", "state", "states", "fed", "federal", "federation",
    "kingdom", "islamic", "arab", "plurinational", "bolivarian", "union", "united", "china",
    "nes", "and", "territory", "is", "islands", "isl", "s", "st", "saint", "former",
})


def name_key(text: str) -> str:
    """A name without spaces, upper-cased: ``대한 민국`` and ``대한민국`` are one key."""
    return "".join(str(text).split()).upper()


#: the columns of :func:`country_table` and of :func:`country_records`' dicts
COUNTRY_COLUMNS = ("iso3", "iso2", "numeric", "name", "name_official", "continent", "region",
                   "eu_member", "oecd_member", "kind")
_ISO3 = re.compile(r"[A-Z]{3}")


@lru_cache(maxsize=1)
def _country_records() -> tuple[dict[str, Any], ...]:
    data = country_columns()
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, iso3 in enumerate(data["iso3"]):
        if not isinstance(iso3, str) or not _ISO3.fullmatch(iso3) or iso3 in seen:
            continue  # the first row of each well-formed ISO3 code
        seen.add(iso3)
        rows.append({
            "iso3": iso3, "iso2": data["iso2"][i], "numeric": int(data["numeric"][i]),
            **{c: data[c][i] for c in ("name", "name_official", "continent", "region")},
            "eu_member": bool(data["eu_member"][i]), "oecd_member": bool(data["oecd_member"][i]),
            "kind": "country",
        })
    for iso3, iso2, numeric, name in SPECIAL_AREAS:
        if iso3 not in seen:
            rows.append({
                "iso3": iso3, "iso2": iso2, "numeric": numeric, "name": name,
                "name_official": name, "continent": "" if iso3 == "WLD" else "Asia",
                "region": "", "eu_member": False, "oecd_member": False,
                "kind": "aggregate" if iso3 == "WLD" else "country",
            })
    return tuple(sorted(rows, key=lambda r: r["iso3"]))


def country_records() -> list[dict[str, Any]]:
    """:func:`country_table`'s rows as dicts (:data:`COUNTRY_COLUMNS`), without pandas."""
    return [dict(r) for r in _country_records()]


@lru_cache(maxsize=1)
def country_table() -> pd.DataFrame:
    """One row per country: iso3, iso2, numeric, name, name_official, continent, region,
    eu_member (EU27 today), oecd_member, kind ('country' or 'aggregate'), by ISO3.

    From country_converter's table as kept by :mod:`kcbridge.reference.country_table_cache`
    (built from country_converter once per version of it, not once per process): the
    first row of each well-formed ISO3 code, and the :data:`SPECIAL_AREAS` it lacks."""
    import pandas as pd

    rows = _country_records()
    df = pd.DataFrame({c: pd.Series([r[c] for r in rows], dtype=object)
                       for c in COUNTRY_COLUMNS})
    df["numeric"] = df["numeric"].astype("int32")
    for c in ("eu_member", "oecd_member"):
        df[c] = df[c].astype(bool)
    return df


class CountryResolver:
    """Resolve country codes or names to ISO3.

    ``resolve(values)`` returns a mapping for every value it understood; values it could
    not resolve are returned by ``unknown(values)`` so a loader can refuse the file with
    a precise message.
    """

    def __init__(self, table: pd.DataFrame | None = None) -> None:
        columns = ("iso3", "iso2", "numeric", "name", "name_official")
        rows: Iterable[tuple[Any, ...]] = (
            [tuple(r[c] for c in columns) for r in _country_records()] if table is None
            else zip(*(table[c] for c in columns), strict=True))
        self._by_key: dict[str, str] = {}
        for iso3, iso2, numeric, name, name_official in rows:
            self._by_key[iso3.upper()] = iso3
            if iso2 and iso2 != "nan":
                self._by_key.setdefault(iso2.upper(), iso3)
            if numeric >= 0:
                self._by_key.setdefault(str(int(numeric)), iso3)
            self._by_key.setdefault(name.upper(), iso3)
            self._by_key.setdefault(name_official.upper(), iso3)
        for alias, iso3 in {
            "W00": "WLD",
            "WORLD": "WLD",
            "0": "WLD",
            "KOREA": "KOR",
            "SOUTH KOREA": "KOR",
            "REPUBLIC OF KOREA": "KOR",
            "KOREA, REP.": "KOR",
            "REP. OF KOREA": "KOR",
            "CHINA": "CHN",
            "PEOPLE'S REPUBLIC OF CHINA": "CHN",
            "OTHER ASIA, NES": "TWN",
            "TAIWAN": "TWN",
            "HONG KONG": "HKG",
            "CHINA, HONG KONG SAR": "HKG",
            "USA": "USA",
            "UNITED STATES": "USA",
            "UNITED STATES OF AMERICA": "USA",
            "842": "USA",
            "841": "USA",
            "251": "FRA",
            "757": "CHE",
            "699": "IND",
            "579": "NOR",
        }.items():
            self._by_key.setdefault(alias, iso3)

    def lookup(self, value: object) -> str | None:
        if value is None:
            return None
        key = str(value).strip().upper()
        if key.endswith(".0") and key[:-2].isdigit():
            key = key[:-2]
        if key.isdigit():
            key = str(int(key))
        hit = self._by_key.get(key)
        if hit is None and key:
            hit = local_country_names().get(name_key(key))
        if hit is None and any(ch.isalpha() for ch in key):
            hit = match_country_pattern(str(value).strip())
        return hit

    def resolve(self, values: Iterable[object]) -> dict[object, str]:
        out: dict[object, str] = {}
        for v in set(values):
            iso3 = self.lookup(v)
            if iso3 is not None:
                out[v] = iso3
        return out

    def unknown(self, values: Iterable[object]) -> list[object]:
        return sorted({v for v in values if self.lookup(v) is None}, key=str)

    def require(self, value: str) -> str:
        """ISO3 for one code typed by a user, or a NotFoundError saying what to type."""
        iso3 = self.lookup(value)
        if iso3 is None:
            raise NotFoundError(
                f"Unknown country {value!r}.",
                hint="Use an ISO3 code such as KOR, CHN, USA, or an English, Korean or "
                "Chinese name (see `kcbridge countries`).",
            )
        return iso3
