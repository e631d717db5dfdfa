"""Records that document analysis produces. Every fact carries the character offsets of
its evidence in the document text (``text[start:end]``), the index of its sentence and a
confidence in [0, 1]."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from kcbridge.docs.text import Sentence


def _shallow(record: Any) -> dict[str, Any]:
    """Fields of a flat dataclass as a dict, lists copied (``dataclasses.asdict``
    deep-copies every value, which dominated the cost of storing a document)."""
    out = {}
    for f in fields(record):
        value = getattr(record, f.name)
        out[f.name] = list(value) if isinstance(value, list | tuple) else value
    return out

ENTITY_KINDS = ("organisation", "person", "place", "date", "amount")
STATEMENT_TYPES = ("proposal", "agreement", "signed", "implemented", "restriction")
#: Order of the cooperation stages a commitment moves through.
STAGE_ORDER = {"proposal": 1, "agreement": 2, "signed": 3, "implemented": 4}
MECHANISMS = (
    "joint_rnd", "joint_lab", "standards", "dialogue", "exchange", "industrial_park",
    "investment",
)


@dataclass
class Entity:
    """``key`` is the canonical id: an alias-list id (``KR-MOTIE``, ``CHN-BEIJING``), an
    ISO date, an amount (``2500000000 USD``) or the normalised name when unknown."""

    kind: str
    text: str
    start: int
    end: int
    sentence: int
    key: str
    lang: str
    confidence: float
    source: str  # alias-list | spacy | kiwi | lac | rules
    role: str = ""  # people: title or role as stated
    country: str = ""  # organisations and places: ISO3 when known
    value: float | None = None  # amounts
    unit: str = ""  # amounts: currency; dates: precision

    def to_dict(self) -> dict[str, Any]:
        return _shallow(self)


@dataclass
class SectorTag:
    sector: str
    score: float
    method: str  # keyword | embedding
    sentence: int | None  # None: document level
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return _shallow(self)


@dataclass
class Statement:
    """A cooperation statement: one sentence classified as proposal / agreement / signed /
    implemented / restriction."""

    sentence: int
    start: int
    end: int
    text: str
    type: str
    cue: str
    confidence: float
    lang: str
    proposer: str = ""
    parties: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    mechanisms: list[str] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)
    date: date | None = None
    commitment: str = ""
    embedding: Any = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = _shallow(self)
        del data["embedding"]
        data["date"] = self.date.isoformat() if self.date else None
        return data


@dataclass
class DocumentAnalysis:
    """Everything extracted from one document."""

    doc_id: str
    text: str
    title: str
    source: str
    published: date | None
    language: str
    languages: dict[str, float]
    script: str
    sentences: list[Sentence]
    entities: list[Entity]
    sectors: list[SectorTag]
    statements: list[Statement]
    embedding: Any = None  # numpy vector (512,) or None

    @property
    def document_sectors(self) -> list[str]:
        return [t.sector for t in self.sectors if t.sentence is None]

    def organisations(self) -> list[str]:
        return sorted({e.key for e in self.entities if e.kind == "organisation"})

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "languages": self.languages,
            "script": self.script,
            "sentences": len(self.sentences),
            "entities": [e.to_dict() for e in self.entities],
            "sectors": [t.to_dict() for t in self.sectors if t.sentence is None],
            "sentence_sectors": [t.to_dict() for t in self.sectors if t.sentence is not None],
            "statements": [s.to_dict() for s in self.statements],
        }
