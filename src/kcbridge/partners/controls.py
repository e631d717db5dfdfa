"""Sectors and controlled items read from a profile's own words (Korean, Chinese, English).

- :func:`sectors_from_text`: the reference sectors whose keywords
  (:func:`kcbridge.reference.sectors.sector_keywords`) a text contains, most hits first.
- :func:`controlled_items`: the dual-use categories of ``data/dual_use.yaml`` (advanced
  chips and AI accelerators, semiconductor chemicals and equipment, battery critical
  minerals, drones, quantum, biotech with pathogens, lidar and mapping data) and the items of
  the reference critical-items list (:func:`kcbridge.reference.sectors.critical_items`,
  matched by their names in three languages) that a text names, each with the term found.

Matching: English terms on word boundaries, case-insensitive; Korean and Chinese terms as
substrings (they are not separated by spaces). A category's ``except`` phrases are removed
from the text first ("quantum dot" is a display material, not quantum computing).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from kcbridge.errors import ConfigError
from kcbridge.formats import load_yaml

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
# Parts of critical-item names that say nothing on their own.
_GENERIC = {
    "flakes", "of metal", "金属", "금속", "매트", "비합금", "hydroxide", "hydroxides",
    "concentrates", "controllers", "processors", "integrated circuits", "集成电路", "집적회로",
    "프로세서", "컨트롤러", "silicon", "실리콘", "similar metals", "articles thereof",
    "photographic chemical preparations", "doped chemical elements for electronics",
    "powder", "powders", "粉末", "분말", "articles", "제품", "요소", "주석", "phosphates",
}
_GENERIC_MARKS = re.compile(r"^(?:other|기타|其他)|除外|제외|等|未锻轧|及其|광석$")
#: Words people use for a critical item that its names do not contain.
_ITEM_ALIASES = {"310210": ("urea", "요소수", "尿素", "车用尿素"),
                 "280429": ("neon", "네온", "氖气")}
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: Sector keywords of the reference taxonomy that name no sector in a profile's words:
#: 代工 is contract manufacturing of anything (oat milk, garments), not only wafer foundry
#: (晶圆代工 stays a semiconductor keyword).
_AMBIGUOUS_SECTOR_KEYWORDS = frozenset({"代工"})


@dataclass(frozen=True)
class ControlledItem:
    """One controlled category or critical item named in a text."""

    kind: str  # dual_use | critical_item
    code: str  # category id or HS6 code
    name: str
    term: str  # the words found in the text
    basis: str

    def label(self) -> str:
        return f"{self.name} ('{self.term}')"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _pattern(term: str) -> re.Pattern[str]:
    """Korean: not glued to a preceding syllable (particles follow words, so '수소' does not
    match inside '불화수소'); Chinese: substring; Latin: not inside a Latin word or number
    (a Chinese or Korean character next to it is a boundary: "高端GPU服务器", "GPU를"),
    space = hyphen."""
    if _HANGUL.search(term):
        return re.compile(r"(?<![\uac00-\ud7a3])" + re.escape(term))
    if _CJK.search(term):
        return re.compile(re.escape(term))
    body = r"[\s-]+".join(re.escape(w) for w in term.split())
    return re.compile(r"(?<![A-Za-z0-9\u00c0-\u024f_-])" + body + r"(?![A-Za-z0-9\u00c0-\u024f_])",
                      re.IGNORECASE)


class _Term:
    """A term's pattern, compiled only when its plainest part (``needle``: the first word,
    lower case, or the whole Chinese / Korean term) occurs in the lower-cased text: a
    profile names few of the ~900 terms, and compiling them all cost about a second in
    every new process."""

    __slots__ = ("needle", "term", "_rx")

    def __init__(self, term: str) -> None:
        self.term = term
        self.needle = term.lower() if _CJK.search(term) else term.split()[0].lower()
        self._rx: re.Pattern[str] | None = None

    @property
    def rx(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = _pattern(self.term)
        return self._rx

    def search(self, text: str, lowered: str) -> bool:
        return self.needle in lowered and self.rx.search(text) is not None

    def sub(self, text: str) -> str:
        return self.rx.sub(" ", text) if self.needle in text.lower() else text


@lru_cache(maxsize=1)
def _dual_use() -> list[dict[str, Any]]:
    path = resources.files("kcbridge.partners") / "data" / "dual_use.yaml"
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"Cannot read {path}: {exc}.", hint="Reinstall kcbridge.") from exc
    out = []
    for cid, cat in raw["categories"].items():
        terms = [t for lang in ("en", "ko", "zh") for t in cat["terms"].get(lang, [])]
        if not terms or not cat.get("name"):
            raise ConfigError(f"{path}: category {cid} has no name or no terms.",
                              hint="Give name and terms (en/ko/zh) for every category.")
        out.append({"id": cid, "name": cat["name"], "basis": cat.get("basis", ""),
                    "terms": [(t, _Term(t)) for t in sorted(terms, key=len, reverse=True)],
                    "except": [_Term(t) for t in cat.get("except", [])]})
    return out


def _name_parts(name: str) -> list[str]:
    parts = re.split(r"[,;:()（）·、/]|\bor\b|\band\b|\bincl\.?|e\.g\.", name)
    out = []
    for part in parts:
        part = re.sub(r"\b(?:unwrought|not alloyed|at least|less than|more than)\b.*$", "",
                      part).strip(" .-")
        if (not part or part.casefold() in _GENERIC or re.search(r"\d|%", part)
                or _GENERIC_MARKS.search(part)):
            continue
        if (_CJK.search(part) and len(part) >= 2) or len(part) >= 6:
            out.append(part)
    return out


@lru_cache(maxsize=1)
def _critical_terms() -> list[tuple[str, str, str, str, _Term]]:
    """(hs6, English name, why critical, term, pattern) for every critical item name part."""
    from kcbridge.reference.sectors import critical_item_records  # no pandas

    out = []
    for row in critical_item_records():
        terms = {t for col in ("name_en", "name_ko", "name_zh") for t in _name_parts(row[col])}
        terms.update(_ITEM_ALIASES.get(row["hs6"], ()))
        for term in sorted(terms, key=len, reverse=True):
            out.append((row["hs6"], row["name_en"], row["why_critical"], term, _Term(term)))
    return out


def controlled_items(*texts: str) -> list[ControlledItem]:
    """Dual-use categories and critical items named in ``texts`` (one per category / item,
    the longest matching term), dual-use categories first."""
    text = "\n".join(str(t) for t in texts if t)
    if not text.strip():
        return []
    found: list[ControlledItem] = []
    for cat in _dual_use():
        scoped = text
        for rx in cat["except"]:
            scoped = rx.sub(scoped)
        lowered = scoped.lower()
        for term, rx in cat["terms"]:
            if rx.search(scoped, lowered):
                found.append(ControlledItem("dual_use", cat["id"], cat["name"], term,
                                            cat["basis"]))
                break
    seen: set[str] = set()
    lowered = text.lower()
    for hs6, name, why, term, rx in _critical_terms():
        if hs6 not in seen and rx.search(text, lowered):
            seen.add(hs6)
            found.append(ControlledItem("critical_item", hs6, name, term, why))
    return found


@lru_cache(maxsize=1)
def _sector_patterns() -> list[tuple[str, _Term]]:
    from kcbridge.reference.sectors import sector_keywords

    kw = sector_keywords()
    return [(s, _Term(k)) for s, k in zip(kw["sector"], kw["keyword"], strict=True)
            if len(k) >= 2 and k not in _AMBIGUOUS_SECTOR_KEYWORDS]


def sectors_from_text(*texts: str, limit: int = 3) -> list[str]:
    """Sector ids whose keywords (or technology concepts of
    :mod:`kcbridge.partners.terms`) the texts contain, most hits first (at most ``limit``;
    ties in taxonomy order)."""
    from kcbridge.reference.sectors import sector_ids

    text = "\n".join(str(t) for t in texts if t)
    if not text.strip():
        return []
    from kcbridge.partners.terms import concept_sectors

    hits: Counter[str] = Counter()
    lowered = text.lower()
    for sector, rx in _sector_patterns():
        if rx.search(text, lowered):
            hits[sector] += 1
    # the technology glossary's concepts count too (SiC epitaxial wafers, 5G专网 ...)
    hits.update(concept_sectors(text))
    order = {s: i for i, s in enumerate(sector_ids())}
    ranked = sorted(hits, key=lambda s: (-hits[s], order.get(s, 99)))
    return ranked[:limit]
