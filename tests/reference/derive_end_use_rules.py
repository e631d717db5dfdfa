"""Re-derive ``reference/data/end_use_rules.csv`` from the UN HS6 -> BEC rev.4 table.

Run by hand (not a test): ``python tests/reference/derive_end_use_rules.py [OUT]``.
It reads ../shared/data/real/hs6_bec4.csv in place and writes a compact prefix rule list:

1. one rule per HS2 chapter: the majority end-use class of the chapter's HS6 codes;
2. an HS4 rule wherever the heading's majority class differs from its chapter's and
   the override fixes more codes than it breaks;
3. the hand-chosen HS6 exceptions in ``HAND_RULES``.

Only HS6 codes that BEC maps to exactly one SNA class vote (see ``BEC4_TO_STAGE`` in
test_reference_end_use.py). Chapters without any voting code default to intermediate.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from kcbridge.reference.products import product_table

sys.path.insert(0, str(Path(__file__).parent))
from test_reference_end_use import BEC4_TO_STAGE  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
REAL_DATA = ROOT.parent / "shared" / "data" / "real"

HAND_RULES = {
    "8703": "consumer",  # passenger cars: BEC 51 has no SNA class; household use dominates
    "852872": "consumer",  # colour television receivers (BEC 61)
}
OUT = ROOT / "src" / "kcbridge" / "reference" / "data" / "end_use_rules.csv"


def derive_rules(bec: pd.DataFrame, codes: list[str]) -> dict[str, str]:
    bec = bec.assign(stage=bec["BEC4_3d"].map(BEC4_TO_STAGE)).dropna(subset=["stage"])
    sets = bec.groupby("HS6_6d")["stage"].agg(frozenset)
    single = {code: next(iter(s)) for code, s in sets.items() if len(s) == 1}

    def majority(members: list[str]) -> str | None:
        votes = Counter(single[c] for c in members if c in single)
        return votes.most_common(1)[0][0] if votes else None

    rules: dict[str, str] = {}
    for chapter in sorted({c[:2] for c in codes}):
        rules[chapter] = majority([c for c in codes if c[:2] == chapter]) or "intermediate"
    for heading in sorted({c[:4] for c in codes}):
        members = [c for c in codes if c[:4] == heading and c in single]
        best, parent = majority(members), rules[heading[:2]]
        if best is None or best == parent:
            continue
        gain = sum(single[c] == best for c in members) - sum(single[c] == parent for c in members)
        if gain > 0:
            rules[heading] = best
    rules.update(HAND_RULES)
    return rules


def main(out: Path = OUT) -> None:
    bec = pd.read_csv(REAL_DATA / "hs6_bec4.csv", dtype=str).dropna(subset=["HS6_6d", "BEC4_3d"])
    table = product_table("HS2012")
    codes = sorted(set(bec["HS6_6d"]) | set(table.loc[table["level"] == 6, "code"]))
    rules = derive_rules(bec, codes)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["hs_prefix", "stage"])
        writer.writerows(sorted(rules.items()))
    print(f"wrote {len(rules)} rules to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
