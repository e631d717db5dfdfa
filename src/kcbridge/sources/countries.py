"""Country codes and names as trade files write them, resolved to ISO3.

On top of :class:`kcbridge.reference.countries.CountryResolver` (ISO3, ISO2, ISO numeric,
English names) this knows:
- the codes statistical agencies use for areas that are not ISO countries
  (UN Comtrade / BACI ``490`` "Other Asia, n.e.s." is Taiwan; ``0``/``W00`` is the world);
- (through the reference resolver) Korean and Chinese country names, from
  ``reference/data/country_names.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from kcbridge.errors import InputError
from kcbridge.reference.countries import CountryResolver

#: Codes used by trade statistics that the ISO tables do not carry.
TRADE_CODE_ALIASES = {
    "490": "TWN", "S19": "TWN", "OTHER ASIA, NES": "TWN", "OTHER ASIA, N.E.S.": "TWN",
    "0": "WLD", "W00": "WLD", "WLD": "WLD", "WORLD": "WLD",
    "58": "BEL",  # Belgium-Luxembourg (until 1998) is reported under Belgium
    "BLX": "BEL", "711": "ZAF", "ZA1": "ZAF",  # Southern African Customs Union (until 1999)
    "736": "SDN", "SUD": "SDN", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS",
    "KO": "KOR",
}


@lru_cache(maxsize=1)
def _base_resolver() -> CountryResolver:
    return CountryResolver()


class TradeCountryResolver:
    """Resolve the codes or names a trade file uses to ISO3 (None when unknown)."""

    def __init__(self, extra: dict[str, str] | None = None) -> None:
        self.base = _base_resolver()
        self.extra = {str(k).strip().upper(): v for k, v in (extra or {}).items()}

    def lookup(self, value: object) -> str | None:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return None
        text = str(value).strip()
        if not text or text.upper() in {"NAN", "NONE", "NULL", "NA"}:
            return None
        key = text.upper()
        if key.endswith(".0") and key[:-2].isdigit():
            key = key[:-2]
        if key.isdigit():
            key = str(int(key))
        for table in (self.extra, TRADE_CODE_ALIASES):
            if key in table:
                return table[key]
        return self.base.lookup(key)

    def resolve_all(self, values: Iterable[object], *, source: str, column: str,
                    drop_unknown: bool = False) -> tuple[dict[str, str], list[str]]:
        """Mapping value -> ISO3 for every distinct value; unknown values raise an
        InputError listing them, or are returned as the second item when
        ``drop_unknown``."""
        mapping: dict[str, str] = {}
        unknown: list[str] = []
        for value in sorted({str(v) for v in values if v is not None}):
            iso3 = self.lookup(value)
            if iso3 is None:
                unknown.append(value)
            else:
                mapping[value] = iso3
        if unknown and not drop_unknown:
            shown = ", ".join(repr(_clip(u)) for u in unknown[:15])
            more = f" and {len(unknown) - 15} more" if len(unknown) > 15 else ""
            raise InputError(
                f"{source}: {len(unknown)} country code(s) in column {column!r} are not "
                f"known: {shown}{more}.",
                hint="Replace each with the country's ISO3 code (e.g. KOR, CHN), ISO2 or ISO "
                "numeric code, or its English, Korean or Chinese name; or load with "
                "--skip-unknown (skip_unknown=True) to drop the rows of unknown countries "
                "(the dropped codes are listed in the load notes).",
            )
        return mapping, unknown


def _clip(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else f"{value[:limit]}... ({len(value):,} characters)"


def resolver_from_code_table(table: pd.DataFrame) -> TradeCountryResolver:
    """A resolver that knows a file's own numeric code table (BACI's country_codes file:
    ``country_code, country_name, country_iso2, country_iso3``)."""
    base = _base_resolver()
    extra: dict[str, str] = {}
    cols = {c.lower().strip(): c for c in table.columns}
    code_col = cols.get("country_code") or cols.get("code")
    iso3_col = cols.get("country_iso3") or cols.get("iso_3digit_alpha") or cols.get("iso3")
    name_col = cols.get("country_name") or cols.get("country_name_abbreviation")
    if code_col is None:
        return TradeCountryResolver()
    for _, row in table.iterrows():
        code = str(row[code_col]).strip()
        if code.endswith(".0"):
            code = code[:-2]
        code = str(int(code)) if code.isdigit() else code
        iso3 = None
        for candidate in (row.get(iso3_col) if iso3_col else None, code,
                          row.get(name_col) if name_col else None):
            if candidate is None or (isinstance(candidate, float) and pd.isna(candidate)):
                continue
            key = str(candidate).strip().upper()
            iso3 = TRADE_CODE_ALIASES.get(key) or base.lookup(key)
            if iso3:
                break
        if iso3:
            extra[code] = iso3
    return TradeCountryResolver(extra)
