"""Make src/kcbridge/partners/data/pinyin_readings.tsv: the toneless pinyin of the common
simplified characters whose reading never depends on the characters around them, so that
``kcbridge.partners.names.pinyin`` answers most organisation names without importing
``pypinyin`` (its phrase dictionary costs ~0.3 s in every process that reads one name).

Source: the ``pypinyin`` package installed with kcbridge (MIT licence), the version in
the header line. A character of GB 2312 (the 6,763 common simplified characters) is kept
when every phrase of ``pypinyin``'s phrase dictionary that holds it reads it, without
tones, as ``pypinyin`` reads the character alone (its first reading): 大 is left out
(大夫 dài in some phrases), 斯 is kept as ``si`` although the dictionary also lists a
rare ``shi`` that no phrase uses.

``lazy_pinyin`` reads a character either from a phrase it found or alone, so for any text
of kept characters it gives the table's readings, whatever phrases it finds
(tests/partners/test_pinyin_table.py checks every kept character and whole names).
Every other character goes to ``pypinyin`` at run time. To regenerate:

    python scripts/make_pinyin_readings.py

Format: one line per reading, ``reading<TAB>characters`` (every kept character read that
way), sorted by reading; characters in code-point order.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "kcbridge" / "partners" / "data" \
    / "pinyin_readings.tsv"


def gb2312_characters() -> list[str]:
    """The 6,763 characters of GB 2312 (rows 16-87, columns 1-94)."""
    chars = []
    for row in range(0xB0, 0xF8):
        for col in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, col]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def main() -> None:
    import pypinyin
    from pypinyin import Style, lazy_pinyin
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict
    from pypinyin.style import convert

    def toneless(reading: str) -> str:
        return str(convert(reading, Style.NORMAL, strict=True))

    candidates: dict[str, str] = {}
    for char in gb2312_characters():
        readings = pinyin_dict.get(ord(char))
        if not readings:
            continue
        default = lazy_pinyin(char)
        if len(default) == 1 and default[0] == toneless(readings.split(",")[0]):
            candidates[char] = default[0]
    dropped: set[str] = set()
    for phrase, phrase_readings in phrases_dict.items():
        for char, char_readings in zip(phrase, phrase_readings, strict=False):
            if char in candidates and toneless(char_readings[0]) != candidates[char]:
                dropped.add(char)
    by_reading: dict[str, list[str]] = defaultdict(list)
    for char, reading in candidates.items():
        if char not in dropped:
            by_reading[reading].append(char)
    lines = [f"{reading}\t{''.join(sorted(chars))}"
             for reading, chars in sorted(by_reading.items())]
    header = (f"# Toneless pinyin of GB 2312 characters read one way in every phrase, from "
              f"pypinyin {pypinyin.__version__} (MIT); made by scripts/make_pinyin_readings.py\n")
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    kept = sum(map(len, by_reading.values()))
    print(f"{kept} characters kept ({len(dropped)} dropped for phrases), "
          f"{len(by_reading)} readings -> {OUT}")


if __name__ == "__main__":
    main()
