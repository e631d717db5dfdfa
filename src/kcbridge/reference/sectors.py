"""Sector taxonomy and critical items, from the data files shipped in ``reference/data``.

- ``sectors.yaml``: the fifteen sectors of Korea-China cooperation (DESIGN.md), each with
  names in English, Korean and Chinese, a one-line description, HS6 codes (HS2012) and
  keywords per language.
- ``critical_items.csv``: HS6 items (HS2012) whose supply is concentrated or politically
  exposed, with a material group, the sectors that use them and why they matter.

Conventions: HS codes are text (``"854231"``); sector ids are snake_case; keyword and
name languages are ``en``, ``ko`` and ``zh``. Everything is loaded once and cached, and
validated on load: a broken packaged file raises :class:`ConfigError` naming the file,
the sector and what to fix. DataFrames returned are copies, free to modify.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from kcbridge.errors import ConfigError, InputError, NotFoundError
from kcbridge.formats import load_yaml
from kcbridge.reference.products import normalise_revision

if TYPE_CHECKING:  # pragma: no cover - pandas only where a frame is made: the
    import pandas as pd  # taxonomy, ids and names are read without it

LANGUAGES = ("en", "ko", "zh")
CRITICAL_ITEM_COLUMNS = (
    "hs6", "name_en", "name_ko", "name_zh", "material_group", "sectors", "why_critical",
)
_ID_PATTERN = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
_HS6_PATTERN = re.compile(r"\d{6}")
# spaces, hyphens, underscores, middle dots, slashes, commas and brackets do not matter in names
_NAME_NOISE = re.compile(r"[\s\-_·・/,，、()（）]+")


@dataclass(frozen=True)
class Sector:
    """One sector of the taxonomy. ``hs6`` codes are in revision ``hs_revision``;
    ``keywords`` maps a language (en, ko, zh) to its keywords."""

    id: str
    name_en: str
    name_ko: str
    name_zh: str
    description: str
    hs6: tuple[str, ...]
    keywords: dict[str, tuple[str, ...]] = field(hash=False, compare=False)
    aliases: tuple[str, ...] = ()
    hs_revision: str = "HS2012"

    def name(self, lang: str = "en") -> str:
        """The sector's name in ``lang`` (en, ko or zh)."""
        if lang not in LANGUAGES:
            raise InputError(
                f"Unknown language {lang!r}.", hint=f"Use one of {', '.join(LANGUAGES)}."
            )
        return str(getattr(self, f"name_{lang}"))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (tuples become lists)."""
        data = asdict(self)
        data["hs6"] = list(self.hs6)
        data["aliases"] = list(self.aliases)
        data["keywords"] = {lang: list(words) for lang, words in self.keywords.items()}
        return data


def _data_path(name: str) -> Path:
    return Path(str(resources.files("kcbridge.reference") / "data" / name))


def _name_key(text: str) -> str:
    return _NAME_NOISE.sub("", str(text).casefold())


def _broken(path: Path, what: str) -> ConfigError:
    return ConfigError(
        f"The sector data file {path} is broken: {what}.",
        hint="Fix the file (see the comment at its top) or reinstall kcbridge.",
    )


def _text_list(raw: Any, path: Path, where: str, *, min_items: int = 1) -> tuple[str, ...]:
    if not isinstance(raw, list) or len(raw) < min_items:
        raise _broken(path, f"{where} must be a list of at least {min_items} item(s)")
    items = tuple(str(x).strip() for x in raw if isinstance(x, str) and x.strip())
    if len(items) != len(raw):
        raise _broken(path, f"{where} must hold non-empty text only (quote numbers)")
    return items


def _parse_sector(raw: Any, path: Path, index: int) -> Sector:
    if not isinstance(raw, dict):
        raise _broken(path, f"sector #{index + 1} is not a mapping")
    sector_id = raw.get("id")
    if not isinstance(sector_id, str) or not _ID_PATTERN.fullmatch(sector_id):
        raise _broken(path, f"sector #{index + 1} needs an `id` in snake_case, got {sector_id!r}")
    where = f"sector {sector_id!r}"
    texts = {}
    for key in ("name_en", "name_ko", "name_zh", "description"):
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise _broken(path, f"{where} needs a non-empty `{key}`")
        texts[key] = value.strip()
    try:
        revision = normalise_revision(raw.get("hs_revision", "HS2012"))
    except InputError as exc:
        raise _broken(path, f"{where}: {exc.message}") from exc
    codes = _text_list(raw.get("hs6"), path, f"{where} `hs6`")
    bad = [c for c in codes if not _HS6_PATTERN.fullmatch(c)]
    if bad:
        raise _broken(path, f"{where} has HS6 codes that are not 6 quoted digits: {bad}")
    keywords_raw = raw.get("keywords")
    if not isinstance(keywords_raw, dict) or set(keywords_raw) != set(LANGUAGES):
        raise _broken(path, f"{where} needs `keywords` with exactly the languages {LANGUAGES}")
    keywords = {
        lang: _text_list(keywords_raw[lang], path, f"{where} keywords.{lang}") for lang in LANGUAGES
    }
    aliases = _text_list(raw.get("aliases") or [], path, f"{where} `aliases`", min_items=0)
    return Sector(
        id=sector_id,
        hs6=tuple(dict.fromkeys(codes)),
        keywords=keywords,
        aliases=aliases,
        hs_revision=revision,
        **texts,
    )


def load_sector_taxonomy(path: str | Path) -> list[Sector]:
    """Read and validate a sector taxonomy YAML file (the format of ``sectors.yaml``).

    Raises ConfigError when the file is missing, is not valid YAML, misses a field,
    has malformed codes, or when two sectors share an id or a name.
    """
    path = Path(path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _broken(path, f"it cannot be read ({exc.strerror or exc})") from exc
    except yaml.YAMLError as exc:
        raise _broken(path, f"it is not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("sectors"), list):
        raise _broken(path, "it needs a top-level `sectors:` list")
    if not data["sectors"]:
        raise _broken(path, "it needs a top-level `sectors:` list")
    sectors = [_parse_sector(raw, path, i) for i, raw in enumerate(data["sectors"])]
    owner: dict[str, str] = {}
    seen_ids: set[str] = set()
    for sector in sectors:
        if sector.id in seen_ids:
            raise _broken(path, f"sector id {sector.id!r} appears twice")
        seen_ids.add(sector.id)
        names = {sector.id, sector.name_en, sector.name_ko, sector.name_zh, *sector.aliases}
        for key in {_name_key(n) for n in names}:
            if key in owner and owner[key] != sector.id:
                raise _broken(
                    path, f"the name {key!r} is used by both {owner[key]!r} and {sector.id!r}"
                )
            owner[key] = sector.id
    return sectors


@lru_cache(maxsize=1)
def _taxonomy() -> tuple[Sector, ...]:
    return tuple(load_sector_taxonomy(_data_path("sectors.yaml")))


@lru_cache(maxsize=1)
def _name_index() -> dict[str, Sector]:
    index: dict[str, Sector] = {}
    for sector in _taxonomy():
        for name in (sector.id, sector.name_en, sector.name_ko, sector.name_zh, *sector.aliases):
            index[_name_key(name)] = sector
    return index


def sector_taxonomy() -> list[Sector]:
    """All sectors, in the order of ``sectors.yaml``."""
    return list(_taxonomy())


def sector_ids() -> list[str]:
    """The ids of all sectors, in taxonomy order."""
    return [s.id for s in _taxonomy()]


def get_sector(id_or_name: str) -> Sector:
    """The sector with this id, or this name or alias in English, Korean or Chinese.

    Case, spaces, hyphens, underscores and middle dots are ignored, so
    ``"new-energy vehicles"``, ``"New_Energy_Vehicles"`` and ``"新能源汽车"`` all match.
    Raises NotFoundError listing the valid ids (and the closest name) otherwise.
    """
    key = _name_key(id_or_name)
    index = _name_index()
    if key and key in index:
        return index[key]
    hint = f"Use one of: {', '.join(sector_ids())} (or a sector name in en/ko/zh)."
    if key:
        from rapidfuzz import fuzz, process

        best = process.extractOne(key, list(index), scorer=fuzz.WRatio, score_cutoff=70)
        if best is not None:
            hint = f"Did you mean {index[best[0]].id!r}? " + hint
    raise NotFoundError(f"Unknown sector {id_or_name!r}.", hint=hint)


@lru_cache(maxsize=1)
def _sector_products() -> pd.DataFrame:
    import pandas as pd

    rows = [(s.id, code) for s in _taxonomy() for code in s.hs6]
    return pd.DataFrame(rows, columns=["sector", "product"])


def sector_products() -> pd.DataFrame:
    """One row per (sector, HS6 product): columns ``sector``, ``product`` (HS2012 text).
    A product may belong to several sectors."""
    return _sector_products().copy()


def sector_keywords() -> pd.DataFrame:
    """One row per keyword: columns ``sector``, ``lang`` (en/ko/zh), ``keyword``."""
    import pandas as pd

    rows = [
        (s.id, lang, word) for s in _taxonomy() for lang in LANGUAGES for word in s.keywords[lang]
    ]
    return pd.DataFrame(rows, columns=["sector", "lang", "keyword"])


def _normalise_code(code: str | int) -> str:
    text = str(code).strip().replace(".", "")
    if not text.isdigit() or len(text) < 2 or len(text) % 2:
        raise InputError(
            f"{code!r} is not an HS code.",
            hint="Give 2, 4 or 6 digits as text (e.g. '8542' or '854231'); "
            "longer national lines (8 or 10 digits) are cut to HS6.",
        )
    return text[:6]


def sectors_of_product(code: str | int) -> list[str]:
    """Ids of the sectors that list this product, in taxonomy order.

    An HS6 code matches exactly; a shorter prefix (HS2 or HS4) matches every sector with
    a code starting with it; 8/10-digit national tariff lines are cut to their HS6.
    Codes are compared in HS2012, the taxonomy's revision. Empty list when none match.
    """
    prefix = _normalise_code(code)
    return [s.id for s in _taxonomy() if any(c.startswith(prefix) for c in s.hs6)]


def read_critical_item_records(path: str | Path, known_sectors: set[str] | None = None
                               ) -> list[dict[str, str]]:
    """Read and validate a critical-items CSV (the format of ``critical_items.csv``): its
    rows as dicts of the :data:`CRITICAL_ITEM_COLUMNS`, every cell stripped, in file
    order. Plain Python (no pandas).

    Raises ConfigError on missing columns, empty cells, malformed or duplicated HS6 codes,
    or sector ids not in ``known_sectors`` (when given).
    """
    import csv

    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
            raw = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise _broken(path, f"it cannot be read as CSV ({exc})") from exc
    missing = [c for c in CRITICAL_ITEM_COLUMNS if c not in header]
    if missing:
        raise _broken(path, f"columns {missing} are missing")
    rows = [{c: (r.get(c) or "").strip() for c in CRITICAL_ITEM_COLUMNS} for r in raw]
    empty = [i for i, r in enumerate(rows) if any(v == "" for v in r.values())]
    if empty:
        raise _broken(path, f"rows {[i + 2 for i in empty]} have empty cells")
    bad = [r["hs6"] for r in rows if not _HS6_PATTERN.fullmatch(r["hs6"])]
    if bad:
        raise _broken(path, f"hs6 values {bad} are not 6 digits")
    seen: set[str] = set()
    dupes = []
    for r in rows:  # every repeat after the first, in file order
        if r["hs6"] in seen:
            dupes.append(r["hs6"])
        seen.add(r["hs6"])
    if dupes:
        raise _broken(path, f"hs6 values {dupes} appear twice")
    if known_sectors is not None:
        used = {s.strip() for r in rows for s in r["sectors"].split(";")}
        unknown = sorted(used - known_sectors)
        if unknown:
            raise _broken(path, f"unknown sector ids {unknown} in column `sectors`")
    return rows


def load_critical_items(path: str | Path, known_sectors: set[str] | None = None) -> pd.DataFrame:
    """:func:`read_critical_item_records` as a DataFrame (every column text)."""
    import pandas as pd

    rows = read_critical_item_records(path, known_sectors)
    return pd.DataFrame(rows, columns=list(CRITICAL_ITEM_COLUMNS), dtype=object)


@lru_cache(maxsize=1)
def _critical_records() -> tuple[dict[str, str], ...]:
    return tuple(read_critical_item_records(_data_path("critical_items.csv"),
                                            set(sector_ids())))


def critical_item_records(sector: str | None = None) -> list[dict[str, str]]:
    """The critical items as dicts (the columns of :func:`critical_items`), in file order,
    without pandas; ``sector`` (id or any name accepted by :func:`get_sector`) keeps the
    items used by it."""
    rows = _critical_records()
    if sector is not None:
        sector_id = get_sector(sector).id
        rows = tuple(r for r in rows if sector_id in r["sectors"].split(";"))
    return [dict(r) for r in rows]


def critical_items(sector: str | None = None) -> pd.DataFrame:
    """Critical items (HS2012): columns hs6, name_en, name_ko, name_zh, material_group,
    sectors (semicolon-separated sector ids), why_critical.

    ``sector`` (id or any name accepted by :func:`get_sector`) keeps the items used by it.
    """
    import pandas as pd

    return pd.DataFrame(critical_item_records(sector), columns=list(CRITICAL_ITEM_COLUMNS),
                        dtype=object)


def sector_name(sector_id: str, lang: str = "en") -> str | None:
    """The name in ``lang`` of the sector with this id; None for an unknown id (ids only,
    not names: :func:`get_sector` resolves names)."""
    for s in _taxonomy():
        if s.id == sector_id:
            return {"en": s.name_en, "ko": s.name_ko, "zh": s.name_zh}[lang]
    return None


__all__ = [
    "CRITICAL_ITEM_COLUMNS",
    "LANGUAGES",
    "Sector",
    "critical_item_records",
    "critical_items",
    "get_sector",
    "load_critical_items",
    "read_critical_item_records",
    "load_sector_taxonomy",
    "sector_ids",
    "sector_keywords",
    "sector_name",
    "sector_products",
    "sector_taxonomy",
    "sectors_of_product",
]
