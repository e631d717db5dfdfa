"""HS nomenclature and revision concordances, from the Growth Lab's atlas-common-data.

Revisions are named ``HS1992`` ... ``HS2022``; the field's short codes are H0 ... H6.
``conversion_weights(src, dst)`` chains the Growth Lab's trade-weighted weights between
adjacent revisions (H3->H4->H5 ...), so a value in ``src`` code ``a`` becomes
``sum(weight(a, b) * value)`` over the ``dst`` codes ``b``; weights of one source code sum to 1.
Codes the tables do not mention are unchanged between revisions.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

import pandas as pd

from kcbridge.errors import InputError
from kcbridge.settings import HS_REVISIONS

_SHORT = {rev: f"H{i}" for i, rev in enumerate(HS_REVISIONS)}
# atlas-common-data ships names for three revisions; use the nearest for the others.
_ATLAS_NAMES = {
    "HS1992": "hs92",
    "HS1996": "hs92",
    "HS2002": "hs92",
    "HS2007": "hs12",
    "HS2012": "hs12",
    "HS2017": "hs12",
    "HS2022": "hs22",
}
END_USE_STAGES = ("intermediate", "capital", "consumer")


def hs_revision_code(revision: str) -> str:
    """``HS2012`` -> ``H4``; accepts the short form too. Raises InputError otherwise."""
    rev = normalise_revision(revision)
    return _SHORT[rev]


def normalise_revision(revision: str | int) -> str:
    """Accept ``HS2012``, ``H4``, ``HS12``, ``2012``, ``4`` and return ``HS2012``."""
    text = str(revision).strip().upper()
    for rev, short in _SHORT.items():
        year = rev[2:]
        if text in {rev, short, f"HS{year[2:]}", year, short[1:], f"HS{short[1:]}"}:
            return rev
    if text == "HS92":
        return "HS1992"
    raise InputError(
        f"Unknown HS revision {revision!r}.",
        hint=f"Use one of {', '.join(HS_REVISIONS)} (or H0..H6).",
    )


@lru_cache(maxsize=8)
def product_table(revision: str = "HS2012") -> pd.DataFrame:
    """HS sections, chapters (2), headings (4) and subheadings (6) of ``revision``:
    code, revision, level, name, name_short, parent, end_use."""
    rev = normalise_revision(revision)
    from atlas_common_data import load_products

    raw = load_products(_ATLAS_NAMES[rev])
    raw = raw[raw["product_level"].isin([2, 4, 6])].copy()
    raw["code"] = raw["code"].astype(str)
    raw["level"] = raw["product_level"].astype("int8")
    raw["code"] = [c.zfill(int(lvl)) for c, lvl in zip(raw["code"], raw["level"], strict=True)]
    raw = raw[raw["code"].str.fullmatch(r"\d+")]
    parent = [
        c[: lvl - 2] if lvl > 2 else "" for c, lvl in zip(raw["code"], raw["level"], strict=True)
    ]
    df = pd.DataFrame(
        {
            "code": raw["code"].to_numpy(),
            "revision": rev,
            "level": raw["level"].to_numpy(),
            "name": raw["name_en"].astype(str).to_numpy(),
            "name_short": raw["name_short_en"].fillna(raw["name_en"]).astype(str).to_numpy(),
            "parent": parent,
        }
    )
    df["end_use"] = end_use_of(df["code"])
    return df.drop_duplicates("code").sort_values("code").reset_index(drop=True)


@lru_cache(maxsize=1)
def _end_use_rules() -> list[tuple[str, str]]:
    path = resources.files("kcbridge.reference") / "data" / "end_use_rules.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as fh:
        rows = [(r["hs_prefix"].strip(), r["stage"].strip()) for r in csv.DictReader(fh)]
    return sorted(rows, key=lambda r: -len(r[0]))


def end_use_of(codes: pd.Series | list[str]) -> list[str | None]:
    """End-use stage (intermediate, capital, consumer) by the longest matching HS prefix
    in ``reference/data/end_use_rules.csv`` (a BEC-based approximation), else None."""
    rules = _end_use_rules()
    out: list[str | None] = []
    for code in codes:
        stage = None
        for prefix, s in rules:
            if str(code).startswith(prefix):
                stage = s
                break
        out.append(stage)
    return out


@lru_cache(maxsize=32)
def conversion_weights(source: str, target: str) -> pd.DataFrame:
    """Columns ``from_code``, ``to_code``, ``weight`` converting HS6 ``source`` to ``target``.

    Only codes that change appear; any other code maps to itself with weight 1.
    """
    src, dst = normalise_revision(source), normalise_revision(target)
    if src == dst:
        return pd.DataFrame({"from_code": [], "to_code": [], "weight": []})
    from atlas_common_data import load_conversion_weights

    i, j = HS_REVISIONS.index(src), HS_REVISIONS.index(dst)
    step = 1 if j > i else -1
    composed: pd.DataFrame | None = None
    for k in range(i, j, step):
        a, b = _SHORT[HS_REVISIONS[k]], _SHORT[HS_REVISIONS[k + step]]
        w = load_conversion_weights(a, b)
        w = pd.DataFrame(
            {
                "from_code": w[a].astype(str).str.zfill(6),
                "to_code": w[b].astype(str).str.zfill(6),
                "weight": w[[c for c in w.columns if c.startswith("weight")][0]].astype(float),
            }
        )
        w = w.groupby(["from_code", "to_code"], as_index=False)["weight"].sum()
        if composed is None:
            composed = w
            continue
        # codes that do not change in this step keep their identity mapping
        unchanged = composed[~composed["to_code"].isin(w["from_code"])]
        changed = composed.merge(w, left_on="to_code", right_on="from_code", suffixes=("", "_s"))
        changed = pd.DataFrame(
            {
                "from_code": changed["from_code"],
                "to_code": changed["to_code_s"],
                "weight": changed["weight"] * changed["weight_s"],
            }
        )
        new_sources = w[
            ~w["from_code"].isin(composed["from_code"]) & ~w["from_code"].isin(composed["to_code"])
        ]
        composed = pd.concat([unchanged, changed, new_sources], ignore_index=True)
        composed = composed.groupby(["from_code", "to_code"], as_index=False)["weight"].sum()
    assert composed is not None
    # weights of one source code must sum to 1 (a few published groups sum to 0 or
    # drift): renormalise, splitting evenly where a group carries no weight at all
    total = composed.groupby("from_code")["weight"].transform("sum")
    count = composed.groupby("from_code")["weight"].transform("size")
    composed["weight"] = composed["weight"].where(total > 0, 1.0).div(total.where(total > 0, count))
    composed = composed[composed["weight"] > 0]
    return composed.reset_index(drop=True)
