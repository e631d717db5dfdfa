"""The phrase index (alias lists, sector keywords): its matching rules, and the scan that
skips positions where no phrase can start gives what a plain position-by-position scan gives."""

from __future__ import annotations

import random
import re

from kcbridge.docs.phrases import PhraseIndex

_ALNUM = re.compile(r"[A-Za-z0-9]")


def _reference(phrases: list[str], text: str, plurals: bool) -> list[tuple[int, int, str]]:
    """Every position in turn, the longest bounded phrase there, resume after it."""
    out, i = [], 0
    while i < len(text):
        hit = None
        for p in sorted((p for p in phrases if text.startswith(p, i)), key=len, reverse=True):
            if _ALNUM.match(p[0]) and i > 0 and _ALNUM.match(text[i - 1]):
                continue
            end = i + len(p)
            if _ALNUM.match(p[-1]) and end < len(text) and _ALNUM.match(text[end]):
                endings = [e for e in ("s", "es") if plurals and p[-1].isalpha()
                           and text.startswith(e, end)
                           and (end + len(e) >= len(text) or not _ALNUM.match(text[end + len(e)]))]
                if not endings:
                    continue
                end += len(endings[0])
            hit = (i, end, p)
            break
        if hit is None:
            i += 1
        else:
            out.append(hit)
            i = hit[1]
    return out


def test_rules_on_written_examples() -> None:
    index = PhraseIndex(["battery", "battery cell", "LG", "반도체", "电池", "AI"], plurals=True)
    text = "LG's battery cells and BLG AI; 반도체를 电池厂 AIs"
    found = [(text[s:e], p) for s, e, p in index.finditer(text)]
    assert found == [("LG", "LG"), ("battery cells", "battery cell"), ("AI", "AI"),
                     ("반도체", "반도체"), ("电池", "电池"), ("AIs", "AI")]
    # inside a Latin word nothing starts or ends; without plurals "cells" is no "cell"
    assert list(PhraseIndex(["cell"]).finditer("cells excell cell")) == [(13, 17, "cell")]
    assert list(PhraseIndex([]).finditer("anything")) == []


def test_skipping_scan_equals_position_by_position_scan() -> None:
    rng = random.Random(11)
    alphabet = "ab c1-가나中文.s"
    for _ in range(300):
        phrases = list({"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4)))
                        for _ in range(rng.randint(1, 8))} - {""})
        plurals = rng.random() < 0.5
        index = PhraseIndex(phrases, plurals=plurals)
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert list(index.finditer(text)) == _reference(list(index.phrases), text, plurals), (
            phrases, text)
