"""Trilingual alias lists (data files in ``docs/data/``) and a fast matcher over them.

* ``organisations.yaml``: organisations of the field; every alias in English, Korean or
  Chinese (simplified; traditional forms are derived with OpenCC) resolves to one id.
* ``places.yaml``: countries, provinces and cities (id: ISO3 or ISO3-CITY).
* ``materials.yaml``: materials that restrictions name, with their HS6 codes.

Matching is exact and case-sensitive on the text converted to simplified Chinese (the
conversion keeps offsets). An alias made of Latin letters only matches when the characters
around it are not Latin letters or digits; Hangul and Han aliases match anywhere (Korean
particles attach directly: 삼성전자는). Where aliases overlap the longest wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from kcbridge.docs.phrases import PhraseIndex
from kcbridge.docs.text import to_simplified, to_traditional
from kcbridge.errors import ConfigError


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    kind: str  # organisation | place | material
    subtype: str  # ministry, company, country, city, ...
    country: str
    names: dict[str, tuple[str, ...]]
    hs6: tuple[str, ...] = ()

    @property
    def name_en(self) -> str:
        return self.names.get("en", (self.id,))[0] if self.names.get("en") else self.id

    def display_name(self, lang: str = "en") -> str:
        names = self.names.get(lang) or self.names.get("en") or (self.id,)
        return names[0]


@dataclass(frozen=True)
class GazetteerMatch:
    start: int
    end: int
    text: str
    entry: GazetteerEntry


@dataclass
class Gazetteer:
    """Alias -> entry index, scanned with a :class:`PhraseIndex`."""

    entries: dict[str, GazetteerEntry]
    _aliases: dict[str, GazetteerEntry] = field(default_factory=dict)
    _index: PhraseIndex = field(init=False)

    def __post_init__(self) -> None:
        for entry in self.entries.values():
            for names in entry.names.values():
                for name in names:
                    for variant in {name, to_simplified(name)}:
                        self._aliases.setdefault(variant, entry)
        self._index = PhraseIndex(list(self._aliases))

    @property
    def entries_chars(self) -> set[str]:
        """Single-character aliases (Chinese material names such as 镓)."""
        return {a for a in self._aliases if len(a) == 1}

    def lookup(self, name: str) -> GazetteerEntry | None:
        """Entry of an exact alias (tried as written, simplified, and without "the")."""
        name = name.strip()
        for candidate in (name, to_simplified(name), re.sub(r"^(?:the|The) ", "", name)):
            if candidate in self._aliases:
                return self._aliases[candidate]
        return None

    def find(self, text: str) -> list[GazetteerMatch]:
        """Non-overlapping alias matches in ``text`` (longest first, left to right)."""
        simple = to_simplified(text)
        return [
            GazetteerMatch(start, end, text[start:end], self._aliases[alias])
            for start, end, alias in self._index.finditer(simple)
        ]


def _read_yaml(name: str) -> list[dict[str, Any]]:
    try:
        path = resources.files("kcbridge.docs").joinpath("data").joinpath(name)
        raw = path.read_text(encoding="utf-8")
        data = yaml.safe_load(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(
            f"Cannot read the alias list docs/data/{name}: {exc}.",
            hint="Reinstall kcbridge, or fix the YAML file.",
        ) from exc
    if not isinstance(data, list):
        raise ConfigError(f"docs/data/{name} must be a list of entries.")
    return data


def _names(row: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    names: dict[str, tuple[str, ...]] = {}
    for lang in ("en", "ko", "zh"):
        values = [str(v) for v in (row.get(lang) or []) if str(v).strip()]
        if lang == "zh":
            values += [t for t in (to_traditional(v) for v in values) if t not in values]
        names[lang] = tuple(values)
    return names


def load_entries(name: str, kind: str) -> dict[str, GazetteerEntry]:
    entries: dict[str, GazetteerEntry] = {}
    for row in _read_yaml(name):
        entry_id = str(row["id"])
        if entry_id in entries:
            raise ConfigError(f"Duplicate id {entry_id!r} in docs/data/{name}.")
        entries[entry_id] = GazetteerEntry(
            id=entry_id,
            kind=kind,
            subtype=str(row.get("kind", kind)),
            country=str(row.get("country") or (entry_id[:3] if kind == "place" else "")),
            names=_names(row),
            hs6=tuple(str(c) for c in row.get("hs6", [])),
        )
    return entries


@lru_cache(maxsize=1)
def organisations() -> Gazetteer:
    return Gazetteer(load_entries("organisations.yaml", "organisation"))


@lru_cache(maxsize=1)
def places() -> Gazetteer:
    return Gazetteer(load_entries("places.yaml", "place"))


@lru_cache(maxsize=1)
def materials() -> Gazetteer:
    """Materials; English aliases also match in lower case at sentence starts."""
    entries = load_entries("materials.yaml", "material")
    widened = {}
    for key, e in entries.items():
        en = tuple(dict.fromkeys([*e.names["en"], *(n[:1].upper() + n[1:] for n in e.names["en"])]))
        widened[key] = GazetteerEntry(e.id, e.kind, e.subtype, e.country, {**e.names, "en": en},
                                      e.hs6)
    return Gazetteer(widened)


def organisation_table() -> list[dict[str, Any]]:
    """One row per organisation of the alias list (for the CLI/API listing)."""
    return [
        {"id": e.id, "country": e.country, "kind": e.subtype, "name_en": e.display_name("en"),
         "name_ko": e.display_name("ko"), "name_zh": e.display_name("zh"),
         "aliases": sorted({a for names in e.names.values() for a in names})}
        for e in organisations().entries.values()
    ]
