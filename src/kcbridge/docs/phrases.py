"""Exact phrase matching in linear time (a two-character prefix table), shared by the alias
lists and the sector keywords.

Boundaries: a phrase that starts (ends) with a Latin letter or digit only matches when the
character before (after) it is not one; with ``plurals=True`` an English phrase may be
followed by ``s``/``es``. Hangul and Han phrases match anywhere. Overlaps: at each position
the longest phrase wins, and scanning resumes after it.

Positions where no phrase can start are skipped in C by one character-class pattern: the
first characters of the phrases, Latin ones only at the start of a word (a phrase that starts
with a Latin letter or digit never matches inside a word), so the Python loop runs only where
a phrase may begin, not on every character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_LATIN_ALNUM = re.compile(r"[A-Za-z0-9]")


class PhraseIndex:
    def __init__(self, phrases: list[str], *, plurals: bool = False) -> None:
        self.phrases = set(p for p in phrases if p)
        self.plurals = plurals
        self._by_prefix: dict[str, list[str]] = {}
        for phrase in self.phrases:
            if len(phrase) >= 2:
                self._by_prefix.setdefault(phrase[:2], []).append(phrase)
        for group in self._by_prefix.values():
            group.sort(key=len, reverse=True)
        self._next_start = _start_pattern({p[0] for p in self.phrases})

    def __contains__(self, phrase: str) -> bool:
        return phrase in self.phrases

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, phrase)`` of each match; ``end`` includes a plural ending."""
        i, n = 0, len(text)
        seek = self._next_start
        while i < n:
            found = seek.search(text, i) if seek is not None else None
            if found is None:
                return
            i = found.start()
            hit: tuple[int, str] | None = None
            for phrase in self._by_prefix.get(text[i:i + 2], ()):
                if text.startswith(phrase, i):
                    end = self._end_if_bounded(text, i, phrase)
                    if end is not None:
                        hit = (end, phrase)
                        break
            if hit is None and text[i] in self.phrases:
                end = self._end_if_bounded(text, i, text[i])
                if end is not None:
                    hit = (end, text[i])
            if hit is None:
                i += 1
                continue
            yield i, hit[0], hit[1]
            i = hit[0]

    def _end_if_bounded(self, text: str, start: int, phrase: str) -> int | None:
        if _LATIN_ALNUM.match(phrase[0]) and start > 0 and _LATIN_ALNUM.match(text[start - 1]):
            return None
        end = start + len(phrase)
        if not _LATIN_ALNUM.match(phrase[-1]) or end >= len(text):
            return end
        if not _LATIN_ALNUM.match(text[end]):
            return end
        if self.plurals and phrase[-1].isalpha():
            for ending in ("s", "es"):
                stop = end + len(ending)
                if text.startswith(ending, end) and (
                    stop >= len(text) or not _LATIN_ALNUM.match(text[stop])
                ):
                    return stop
        return None


def _start_pattern(first: set[str]) -> re.Pattern[str] | None:
    """Where a phrase with one of these first characters can start (see the module doc)."""
    latin = "".join(sorted(c for c in first if _LATIN_ALNUM.match(c)))
    other = "".join(sorted(c for c in first if not _LATIN_ALNUM.match(c)))
    parts = []
    if latin:
        parts.append(f"(?<![A-Za-z0-9])[{re.escape(latin)}]")
    if other:
        parts.append(f"[{re.escape(other)}]")
    return re.compile("|".join(parts)) if parts else None
