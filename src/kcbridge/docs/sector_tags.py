"""Tag sentences and documents with the sectors of the taxonomy
(:func:`kcbridge.reference.sectors.sector_taxonomy`).

Method
------
1. Keywords: each sector's names, aliases and keywords in English, Korean and Chinese
   are matched in every sentence (English case-insensitively with plurals, Chinese on the
   simplified text), together with the forms :mod:`kcbridge.docs.sector_lexicon` derives
   (parts of the sector names, singular/plural and American spellings, spoken forms such
   as "chipmakers", "renewables", "electric cars", 电动车). A sentence is tagged with each
   sector one of its words names.
2. Document level, from absolute evidence: a sector's score is its keyword hits in the
   document, each counting 1 (or ``WEAK_WEIGHT`` for cross-sector words such as "supply
   chain"); the document gets every sector scoring at least ``min_score`` (1: one clear
   mention counts), however many hits another sector has. There is no relative threshold:
   a sector named once beside one named ten times is still a sector of the text, and every
   sector of a plain list ("semiconductors, new-energy vehicles and display panels") is
   tagged. Cross-sector words alone never make a document's sector (``weak_alone``): three
   mentions of "supply chain" in a text about chips are not a materials text; they add to a
   sector that has a word of its own. The score reported is the hits relative to the top
   sector, so rankings remain.
3. Embedding fallback: a document that gets no sector from its words is compared (cosine)
   with each sector's prototype (the mean embedding of its names and first keywords in the
   three languages); the best sector is kept when the cosine reaches
   ``embedding_threshold``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from kcbridge.docs.model import SectorTag
from kcbridge.docs.phrases import PhraseIndex
from kcbridge.docs.sector_lexicon import SPOKEN, english_forms, name_parts
from kcbridge.docs.text import Sentence, to_simplified

# Very generic keywords that would tag almost every text of this field on their own.
# "AI" counts ("AI" alone is how most news names the field); "ICT" counts as the name of
# the telecom sector.
_TOO_GENERIC = {"chips", "chip", "칩", "bio", "smart", "green", "digital", "数字"}
#: Keywords that are cross-sector in cooperation texts: they count WEAK_WEIGHT, not 1.
WEAK_KEYWORDS = {
    "supply chain", "공급망", "供应链", "产业链", "소재",
    "부품", "장비", "零部件", "通信", "显示", "面板", "패널", "monitor", "display", "임상",
    "보조금", "자동화", "automation", "新能源", "cloud", "api", "fab", "spectrum", "inverter",
    "代工", "制程", "储能", "energy storage", "에너지저장장치", "手机", "整车", "车企", "automaker",
    "완성차", "减排", "节能", "通用航空", "localisation", "国产化", "국산화", "high-purity", "高纯",
    "고순도", "패키징", "radar", "레이더", "camera module", "wearable", "超声", "ultrasound",
    "precursor", "전구체", "前驱体", "hybrid", "하이브리드", "混合动力", "solar", "data centre",
    "数据中心", "데이터센터", "디지털 트윈", "digital twin", "자율주행 셔틀", "reducer", "감속기",
    "减速器", "sensor network", "smartphone", "스마트폰", "智能手机", "운영사", "运营商", "통신사",
    # policy vocabulary that every sector uses
    "energy efficiency", "에너지 효율", "能效", "数字化",
}
WEAK_WEIGHT = 0.34


@dataclass
class SectorTagger:
    """Keyword (and embedding-fallback) sector tagger over a taxonomy (list of Sector)."""

    taxonomy: list[Any]
    min_score: float = 1.0
    min_share: float = 0.0
    embedding_threshold: float = 0.3
    weak_alone: bool = False
    _index: PhraseIndex = field(init=False)
    _sectors_of: dict[str, set[str]] = field(init=False)
    _taxonomy_keys: frozenset[str] = field(init=False)
    _weak: set[str] = field(init=False)
    _prototypes: np.ndarray | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self._sectors_of = {}
        for sector in self.taxonomy:
            words: list[str] = [sector.name_en, sector.name_ko, sector.name_zh]
            words += list(getattr(sector, "aliases", ()))
            for lang_words in sector.keywords.values():
                words += list(lang_words)
            for word in words:
                key = to_simplified(word.strip()).lower()
                if (len(key) < 2 and key.isascii()) or key in _TOO_GENERIC:
                    continue
                self._sectors_of.setdefault(key, set()).add(sector.id)
        # The taxonomy's own words (other modules ask whether a word is one of them).
        self._taxonomy_keys = frozenset(self._sectors_of)
        self._weak = {k for k in self._sectors_of if k in WEAK_KEYWORDS}
        self._add_derived_forms()
        self._index = PhraseIndex(list(self._sectors_of), plurals=True)

    def _add_derived_forms(self) -> None:
        """Add the forms of :mod:`kcbridge.docs.sector_lexicon`: parts of the sector names,
        spoken forms, and the other English forms of every word but the cross-sector ones
        (those only add to a sector named otherwise, and a new form such as "supply-chain"
        in a headline would give a statement the materials sector in place of its
        document's). A form that is already a word of another sector is not given to a
        second one."""
        known = {s.id for s in self.taxonomy}
        added: dict[str, set[str]] = {}
        for sector in self.taxonomy:
            for name in (sector.name_en, sector.name_ko, sector.name_zh):
                for part in name_parts(to_simplified(name)):
                    added.setdefault(part, set()).add(sector.id)
        for sector_id, words in SPOKEN.items():
            if sector_id in known:
                for word in words:
                    added.setdefault(to_simplified(word).lower(), set()).add(sector_id)
        for key, sectors in added.items():
            if key not in self._sectors_of and key not in _TOO_GENERIC:
                self._sectors_of[key] = set(sectors)
        keys = list(self._sectors_of)
        for _round in range(2):  # forms of forms: "rare earths" -> "rare earth" -> "rare-earth"
            new: list[str] = []
            for key in keys:
                if key in self._weak:  # cross-sector words keep their written forms only
                    continue
                for form in english_forms(key):
                    if form not in self._sectors_of and form not in _TOO_GENERIC:
                        self._sectors_of[form] = set(self._sectors_of[key])
                        new.append(form)
            keys = new

    def sentence_hits(self, sentence: str) -> dict[str, list[str]]:
        """Sector id -> keywords found in one sentence (not counting the words inside a
        ministry's name, :func:`_ministry_names`)."""
        text = to_simplified(sentence).lower()
        for start, end, _name in _ministry_names().finditer(text):
            text = text[:start] + " " * (end - start) + text[end:]
        hits: dict[str, list[str]] = {}
        for _s, _e, phrase in self._index.finditer(text):
            for sector_id in self._sectors_of[phrase]:
                hits.setdefault(sector_id, []).append(phrase)
        return hits

    def tag(
        self, sentences: list[Sentence], embedding: np.ndarray | None = None
    ) -> list[SectorTag]:
        """Sentence-level tags, then document-level tags (``sentence=None``)."""
        tags: list[SectorTag] = []
        totals: dict[str, float] = {}
        strong: set[str] = set()
        evidence: dict[str, list[str]] = {}
        for s in sentences:
            weighted = [
                (sector_id, words, sum(WEAK_WEIGHT if w in self._weak else 1.0 for w in words))
                for sector_id, words in self.sentence_hits(s.text).items()
            ]
            for sector_id, words, weight in sorted(weighted, key=lambda x: (-x[2], x[0])):
                tags.append(SectorTag(sector_id, round(weight, 3), "keyword", s.index,
                                      tuple(dict.fromkeys(words))))
                totals[sector_id] = totals.get(sector_id, 0.0) + weight
                evidence.setdefault(sector_id, []).extend(words)
                if any(w not in self._weak for w in words):
                    strong.add(sector_id)
        top = max(totals.values()) if totals else 0.0
        kept = 0
        for sector_id, hits in sorted(totals.items(), key=lambda kv: -kv[1]):
            if hits >= self.min_score and hits >= self.min_share * top and (
                    sector_id in strong or self.weak_alone):
                tags.append(SectorTag(sector_id, round(hits / top, 3), "keyword", None,
                                      tuple(dict.fromkeys(evidence[sector_id]))[:8]))
                kept += 1
        if not kept and embedding is not None:  # no (or only cross-sector) keyword evidence
            best = self.nearest(embedding)
            if best is not None:
                tags.append(best)
        return tags

    def nearest(self, embedding: np.ndarray) -> SectorTag | None:
        prototypes = self.prototypes()
        if prototypes.size == 0:
            return None
        scores = prototypes @ np.asarray(embedding, dtype=np.float32)
        i = int(np.argmax(scores))
        if float(scores[i]) < self.embedding_threshold:
            return None
        return SectorTag(self.taxonomy[i].id, round(float(scores[i]), 3), "embedding", None)

    def prototypes(self) -> np.ndarray:
        if self._prototypes is None:
            from kcbridge.docs.models import embed

            rows = []
            for sector in self.taxonomy:
                texts = [sector.name_en, sector.name_ko, sector.name_zh, sector.description]
                for lang in ("en", "ko", "zh"):
                    texts.append(", ".join(list(sector.keywords.get(lang, ()))[:8]))
                vectors = embed(texts)
                mean = vectors.mean(axis=0)
                rows.append(mean / (np.linalg.norm(mean) or 1.0))
            self._prototypes = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, 512))
        return self._prototypes


@lru_cache(maxsize=1)
def _ministry_names() -> PhraseIndex:
    """Names of ministries and governments in the alias list (lower-case, simplified).
    Why: "Ministry of Science and ICT", 과학기술정보통신부 or 科技信息通信部 name who acts, not
    what the text is about; a sector word inside such a name is no evidence of the sector."""
    from kcbridge.docs.gazetteer import organisations

    names = set()
    for entry in organisations().entries.values():
        if entry.subtype in ("ministry", "government"):
            for aliases in entry.names.values():
                names |= {to_simplified(a).lower() for a in aliases if len(a) > 4}
    return PhraseIndex(sorted(names))


@lru_cache(maxsize=1)
def default_tagger() -> SectorTagger:
    """Tagger over the packaged taxonomy (built once per process)."""
    from kcbridge.reference.sectors import sector_taxonomy

    return SectorTagger(list(sector_taxonomy()))


def is_sector_keyword(word: str) -> bool:
    """True when ``word`` is a sector keyword (so "HBM" is not taken for an organisation)."""
    return to_simplified(word.strip()).lower() in default_tagger()._taxonomy_keys
