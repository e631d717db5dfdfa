"""Screening names against sensitive-entity and export-control lists, across scripts.

An ``EntityScreener`` indexes every listed name (the entity name and all its aliases)
by its comparable keys (:mod:`kcbridge.partners.names`). A name to screen hits an entry
when

- it shares a key exactly with one of the entry's names (``match = "exact"``): the
  same name in another script (traditional/simplified/Japanese characters, the hangul
  reading of the characters, pinyin or Korean romanisation), with or without legal
  forms, case, spacing and punctuation; or
- a key is at least ``fuzzy_threshold`` similar (rapidfuzz ratio, 0-100) to a key of
  the same kind and both keys are long enough for a ratio to mean something
  (``match = "fuzzy"``: a possible spelling variant).

Only exact hits flag an organisation (``flagged``, ``hits``). Fuzzy hits are listed in
``review`` for a person to check: "Huawen Technologies" is one letter from "Huawei
Technologies" and may be a typo or a different firm, so it is shown, not flagged.

Short keys (under 8 Latin letters or 5 CJK characters) only ever match exactly, so
"Hina Motors" does not hit "Hino Motors, Ltd." and "Sumitomo Chemical" does not hit
"Sumitomo Heavy Industries": look-alikes that are not listed are not flagged.

A name whose **distinctive part** (:func:`kcbridge.partners.name_core.core_keys`: without
place names and trade words, in Latin letters) equals a listed name's is listed for review
too (``match = "core"``): "Shenzhen Feiyue Aviation Technology" for 深圳飞跃航空科技有限公司,
"Daeyang Special Alloys" for 대양특수합금 주식회사.

A name written in Japanese kana meets a listed Latin name through its Hepburn reading
(``kana_roman`` keys, :mod:`kcbridge.partners.names`): スバル株式会社 for "SUBARU
Corporation". Hepburn without macrons loses long vowels, and a katakana loanword is not
spelled as in English (テラドローン, ``teradoron``, for "Terra Drone"), so such a hit is
listed for review (``match = "reading"`` when the reading equals the listed name,
``"fuzzy"`` from ``KANA_FUZZY_THRESHOLD``), never flagged; the same kana on both sides
is an exact hit as usual.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from kcbridge.partners.name_core import core_keys
from kcbridge.partners.names import COMPARABLE, NameKey, name_keys

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

# pandas is imported by the functions that make frames: screening the organisations of a
# match reads plain records and kept keys (issue 14)

#: Score given to a shared distinctive part (a review, never a hit).
CORE_SCORE = 85.0

#: Score given to a Hepburn reading of kana equal to a listed Latin name (a review).
READING_SCORE = 95.0
#: Lowest similarity of a Hepburn reading of kana to a listed Latin name that is listed
#: for review (テラドローン "teradoron" is 84 from "Terra Drone" "terradrone").
KANA_FUZZY_THRESHOLD = 80.0

#: Shortest key (characters) that may match fuzzily, by key kind.
MIN_FUZZY_LENGTH = {"latin": 8, "roman": 8, "han": 5, "hangul": 5, "kana": 5,
                    "kana_roman": 8}


@dataclass(frozen=True)
class ListHit:
    """One list entry a screened name hit."""

    list_id: str
    entry_id: str
    entity_name: str
    matched_name: str
    key_kind: str
    score: float
    match: str  # exact | fuzzy | reading | core
    reason: str | None = None


@dataclass
class ScreenResult:
    """The outcome for one screened organisation (name plus its other names)."""

    name: str
    flagged: bool
    hits: list[ListHit] = field(default_factory=list)
    review: list[ListHit] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "flagged": self.flagged, "hits": [asdict(h) for h in self.hits],
                "review": [asdict(h) for h in self.review]}


#: A name's comparable keys and distinctive parts, computed earlier, by written name.
KnownKeys = Mapping[str, tuple[frozenset[NameKey], frozenset[str]]]


def name_key_tuples(names: Iterable[str]) -> list[tuple[str, str, str]]:
    """The keys of ``names`` as rows (name, kind, value; kind ``core`` for distinctive
    parts; a name without keys gets one row of empty kind so it is known)."""
    rows: list[tuple[str, str, str]] = []
    for name in dict.fromkeys(str(n) for n in names):
        found = [(name, k.kind, k.value) for k in name_keys(name)]
        found += [(name, "core", c) for c in core_keys(name)]
        rows.extend(found or [(name, "", "")])
    return rows


def name_key_rows(names: Iterable[str]) -> pd.DataFrame:
    """:func:`name_key_tuples` as a frame (columns name, kind, value)."""
    import pandas as pd

    return pd.DataFrame(name_key_tuples(names), columns=["name", "kind", "value"])


def known_keys(rows: Any) -> dict[str, tuple[frozenset[NameKey], frozenset[str]]]:
    """:func:`name_key_rows` (a frame) or :func:`name_key_tuples` read back into keys per
    name."""
    keys: dict[str, set[NameKey]] = {}
    cores: dict[str, set[str]] = {}
    triples = (rows if isinstance(rows, list)
               else zip(rows["name"], rows["kind"], rows["value"], strict=True))
    for name, kind, value in triples:
        # a name is known even when it has no keys (its row has an empty kind)
        name_keys_, name_cores = keys.setdefault(str(name), set()), cores.setdefault(
            str(name), set())
        if kind == "core":
            name_cores.add(str(value))
        elif kind:
            name_keys_.add(NameKey(str(kind), str(value)))
    return {n: (frozenset(keys[n]), frozenset(cores[n])) for n in keys}


def entry_key_tuples(entries: Any) -> list[tuple[int, str, str, str]]:
    """Every comparable key (and distinctive part, kind ``core``) of every listed name of
    ``entries`` (a frame, or records in the same order): rows (position, written, kind,
    value), position being the entry's row (after a reset index)."""
    pairs = ([(e["entity_name"], e["aliases"]) for e in entries] if isinstance(entries, list)
             else zip(entries["entity_name"], entries["aliases"], strict=True))
    rows: list[tuple[int, str, str, str]] = []
    for position, (entity_name, aliases) in enumerate(pairs):
        for written in [entity_name, *list(aliases or [])]:
            text = str(written)
            rows.extend((position, text, key.kind, key.value)
                        for key in sorted(name_keys(text), key=lambda k: (k.kind, k.value)))
            rows.extend((position, text, "core", core) for core in sorted(core_keys(text)))
    return rows


def entry_keys(entries: pd.DataFrame) -> pd.DataFrame:
    """:func:`entry_key_tuples` as a frame: columns position, written, kind, value."""
    import pandas as pd

    return pd.DataFrame(entry_key_tuples(entries),
                        columns=["position", "written", "kind", "value"])


class EntityScreener:
    """Index of list entries (a frame with ``LIST_COLUMNS``, or its records) for repeated
    screening."""

    def __init__(self, entries: Any, fuzzy_threshold: float = 92.0,
                 keys: Any = None) -> None:
        """``keys``: :func:`entry_keys` (a frame) or :func:`entry_key_tuples` of
        ``entries`` computed earlier (the service keeps them per list version, so a new
        process does not recompute every reading). ``entries`` as records: a match
        screens its organisations without pandas."""
        if isinstance(entries, list):
            self._records: list[dict[str, Any]] = entries
            self._entries_frame: pd.DataFrame | None = None
        else:
            self._entries_frame = entries.reset_index(drop=True)
            self._records = [{str(k): v for k, v in r.items()}
                             for r in self._entries_frame.to_dict("records")]
        self.fuzzy_threshold = fuzzy_threshold
        self._exact: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
        self._by_kind: dict[str, list[str]] = defaultdict(list)
        self._owners: dict[str, list[list[tuple[int, str]]]] = defaultdict(list)
        self._core: dict[str, list[tuple[int, str]]] = defaultdict(list)
        if keys is None:
            keys = entry_key_tuples(self._records)
        quads = (keys if isinstance(keys, list) else
                 zip(keys["position"], keys["written"], keys["kind"], keys["value"],
                     strict=True))
        for position, written, kind, value in quads:
            if kind == "core":
                self._core[str(value)].append((int(position), str(written)))
            else:
                self._exact[(str(kind), str(value))].append((int(position), str(written)))
        for (kind, value), owners in self._exact.items():
            self._by_kind[kind].append(value)
            self._owners[kind].append(owners)

    @property
    def entries(self) -> pd.DataFrame:
        """The entries as a frame (made on first use when records were given)."""
        if self._entries_frame is None:
            import pandas as pd

            self._entries_frame = pd.DataFrame(self._records)
        return self._entries_frame

    def __len__(self) -> int:
        return len(self._records)

    def _hit(self, idx: int, written: str, kind: str, score: float, match: str) -> ListHit:
        row = self._records[idx]
        reason = row.get("reason")
        return ListHit(
            list_id=str(row["list_id"]),
            entry_id=str(row["entry_id"]),
            entity_name=str(row["entity_name"]),
            matched_name=written,
            key_kind=kind,
            score=round(float(score), 1),
            match=match,
            reason=None if _missing(reason) else str(reason),
        )

    def hits_for_name(self, name: str, known: KnownKeys | None = None) -> list[ListHit]:
        """Entries one written name hits, best first, one hit per entry. ``known``: the
        name's keys computed earlier (:func:`name_key_rows`), so none is recomputed."""
        best: dict[int, ListHit] = {}
        keys, cores = (known or {}).get(name) or (name_keys(name), core_keys(name))
        # in a fixed order, the first exact hit kept: the same hit in every process (a
        # frozenset of strings iterates in an order that changes with the hash seed)
        for key in sorted(keys, key=lambda k: (k.kind, k.value)):
            for other_kind in COMPARABLE[key.kind]:
                # a Hepburn reading of kana meeting a Latin name is a review (module doc)
                reading = "kana_roman" in (key.kind, other_kind) and key.kind != other_kind
                for idx, written in self._exact.get((other_kind, key.value), []):
                    if not reading:
                        if idx not in best or best[idx].match != "exact":
                            best[idx] = self._hit(idx, written, other_kind, 100.0, "exact")
                    elif idx not in best or best[idx].score < READING_SCORE:
                        best[idx] = self._hit(idx, written, other_kind, READING_SCORE,
                                              "reading")
                if len(key.value) < MIN_FUZZY_LENGTH[key.kind]:
                    continue
                choices = self._by_kind.get(other_kind, [])
                cutoff = min(self.fuzzy_threshold, KANA_FUZZY_THRESHOLD) if reading \
                    else self.fuzzy_threshold
                found = process.extract(
                    key.value, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None,
                )
                for value, score, pos in found:
                    if len(value) < MIN_FUZZY_LENGTH[other_kind] or (reading and score >= 100):
                        continue  # an equal reading was listed above
                    for idx, written in self._owners[other_kind][pos]:
                        if idx not in best or best[idx].score < score:
                            best[idx] = self._hit(idx, written, other_kind, score, "fuzzy")
        for core in cores:
            for idx, written in self._core.get(core, []):
                if idx not in best:
                    best[idx] = self._hit(idx, written, "core", CORE_SCORE, "core")
        return sorted(best.values(), key=lambda h: (-h.score, h.list_id, h.entry_id))

    def screen(self, name: str, aliases: Iterable[str] = (),
               known: KnownKeys | None = None) -> ScreenResult:
        """Screen an organisation under its name and every alias (``known``: keys of these
        names computed earlier, see :meth:`hits_for_name`)."""
        merged: dict[tuple[str, str], ListHit] = {}
        for written in [name, *aliases]:
            if not written or not str(written).strip():
                continue
            for hit in self.hits_for_name(str(written), known):
                key = (hit.list_id, hit.entry_id)
                if key not in merged or merged[key].score < hit.score:
                    merged[key] = hit
        ranked = sorted(merged.values(), key=lambda h: (-h.score, h.list_id, h.entry_id))
        hits = [h for h in ranked if h.match == "exact"]
        review = [h for h in ranked if h.match != "exact"]
        return ScreenResult(name=name, flagged=bool(hits), hits=hits, review=review)

def _missing(value: Any) -> bool:
    """``pd.isna`` of one cell, without pandas: None, NaN, pd.NA or NaT."""
    if value is None or (isinstance(value, float) and value != value):
        return True
    return type(value).__name__ in ("NAType", "NaTType")


#: the columns of :func:`results_rows`
RESULT_COLUMNS = ("name", "flagged", "hit_count", "lists", "entries", "review")


def results_rows(results: list[ScreenResult]) -> list[dict[str, Any]]:
    """One row per screened organisation (:data:`RESULT_COLUMNS`): name, flagged,
    hit_count, lists, entries, review (possible matches to check). Plain values: the CLI
    prints them without pandas."""
    return [{"name": r.name, "flagged": r.flagged, "hit_count": len(r.hits),
             "lists": "; ".join(sorted({h.list_id for h in r.hits})),
             "entries": "; ".join(h.entity_name for h in r.hits),
             "review": "; ".join(f"{h.entity_name} ({h.score:g})" for h in r.review)}
            for r in results]


def results_frame(results: list[ScreenResult]) -> pd.DataFrame:
    """:func:`results_rows` as a DataFrame."""
    import pandas as pd

    return pd.DataFrame(results_rows(results), columns=list(RESULT_COLUMNS))
