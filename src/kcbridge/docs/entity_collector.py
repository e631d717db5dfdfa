"""The span collector shared by the entity rules of every language: entities are taken in
order of precedence, and a span already taken refuses any overlapping one except where a
longer name absorbs shorter ones inside it (:meth:`Collector.add_absorbing`)."""

from __future__ import annotations

import re
from bisect import bisect_right

from kcbridge.docs.gazetteer import organisations, places
from kcbridge.docs.model import Entity
from kcbridge.docs.text import Sentence

# Field acronyms, agreement words and tests, which Korean and Chinese texts write in Latin
# letters: no organisations ("AI는", "MOU를", "HSK").
NOT_ORG_ACRONYMS = {
    "AI", "ICT", "IT", "R&D", "RND", "IoT", "5G", "6G", "EV", "EVs", "ESS", "GDP", "CEO",
    "CTO", "CFO", "NEV", "OLED", "LCD", "HBM", "DRAM", "NAND", "MOU", "MoU", "MOA", "LOI",
    "FTA", "TV", "LET", "GW", "GWh", "MW", "IPO", "ESG", "SW", "HW", "CCUS", "LNG", "PC",
    "USB", "DX", "GX", "K", "USA", "US", "UN", "EU", "B2B", "OEM", "ODM", "SoC", "NPU",
    "GPU", "CPU", "EUV", "M&A", "VR", "AR", "XR", "SMR", "RE100", "CBAM", "IRA", "PET",
    # language and admission tests ("HSK留学中国展", "TOPIK 시험"): no bodies
    "HSK", "TOPIK", "TOEFL", "TOEIC", "IELTS", "GRE", "GMAT",
}


class Collector:
    """Collects entities, refusing spans that overlap a span already taken (except where
    :meth:`add_absorbing` lets a longer name replace the shorter ones inside it)."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.entities: list[Entity] = []
        self._spans: list[tuple[int, int]] = []
        self._starts = [s.start for s in sentences]
        self._sentences = sentences

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)

    def free(self, start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in self._spans)

    def add(self, entity: Entity) -> bool:
        if entity.end <= entity.start or not self.free(entity.start, entity.end):
            return False
        self.entities.append(entity)
        self._spans.append((entity.start, entity.end))
        return True

    def remove(self, entity: Entity) -> None:
        """Take ``entity`` out (a rule's span that a better-evidenced name overrides)."""
        self.entities.remove(entity)
        self._spans.remove((entity.start, entity.end))

    def narrow(self, index: int, entity: Entity) -> None:
        """Put ``entity`` in place of the entity at ``index``, whose span holds it (a name
        trimmed of a word the rules ran into it)."""
        old = self.entities[index]
        assert old.start <= entity.start and entity.end <= old.end
        self.entities[index] = entity
        self._spans[self._spans.index((old.start, old.end))] = (entity.start, entity.end)

    def add_absorbing(
        self, entity: Entity, kinds: tuple[str, ...] = ("place",),
        sources: tuple[str, ...] | None = None,
    ) -> bool:
        """Add ``entity`` in place of the entities of ``kinds`` (and, when given, found by
        ``sources``) lying inside its span: a longer name wins over a shorter one inside it
        ("青岛市政府" over the place "青岛", "Beijing Electronic" over "Beijing",
        "Lee Jae-myung Kim" over a rule's "Lee Jae-myung"). Refused when it overlaps
        anything else, or when it only equals a span already taken."""
        inside = [e for e in self.entities
                  if e.start < entity.end and entity.start < e.end]
        if not inside or any(e.kind not in kinds or e.start < entity.start
                             or e.end > entity.end
                             or (sources is not None and e.source not in sources)
                             or (e.start, e.end) == (entity.start, entity.end)
                             for e in inside):
            return self.add(entity)
        for e in inside:
            self.remove(e)
        return self.add(entity)


def clean_name(name: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    name = re.sub(r"(?:'s|’s)$", "", name)
    return name.strip(" ,.;:\"'“”‘’()")


def resolve_org(name: str) -> tuple[str, str]:
    entry = organisations().lookup(name)
    return (entry.id, entry.country) if entry else (clean_name(name), "")


def resolve_place(name: str) -> tuple[str, str]:
    entry = places().lookup(name)
    return (entry.id, entry.country) if entry else (clean_name(name), "")
