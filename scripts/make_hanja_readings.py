"""Make src/kcbridge/partners/data/hanja_readings.tsv: the Sino-Korean (hangul) reading of
each Chinese character, shipped as data so kcbridge does not depend on the ``hanja``
package at run time (its wheel requires pytest, pytest-cov and coveralls in every install).

Source: the reading table of the ``hanja`` package (https://github.com/suminb/hanja,
``hanja/table.yml``, 27,497 characters), licensed WTFPL version 2 (LICENSE.txt of that
repository: copying and modification permitted without conditions). To regenerate:

    pip install hanja==0.15.1 && python scripts/make_hanja_readings.py

Format: one line per reading, ``reading<TAB>characters`` (every character read that way),
sorted by reading; characters in code-point order. The initial-sound rule (두음법칙) is
applied by kcbridge.partners.names, not stored.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "kcbridge" / "partners" / "data" \
    / "hanja_readings.tsv"


def main() -> None:
    from hanja.table import hanja_table  # the source table (installed only to regenerate)

    by_reading: dict[str, list[str]] = defaultdict(list)
    for char, reading in hanja_table.items():
        if len(char) != 1 or len(reading) != 1:
            raise SystemExit(f"unexpected entry {char!r}: {reading!r}")
        by_reading[reading].append(char)
    lines = [f"{reading}\t{''.join(sorted(chars))}"
             for reading, chars in sorted(by_reading.items())]
    header = ("# Sino-Korean readings of Chinese characters, from the hanja package's table "
              "(WTFPL v2); made by scripts/make_hanja_readings.py\n")
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{sum(map(len, by_reading.values()))} characters, {len(by_reading)} readings -> {OUT}")


if __name__ == "__main__":
    main()
