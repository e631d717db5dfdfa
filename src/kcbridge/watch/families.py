"""Control families: the series an export control hits together.

An export control names a material (graphite, gallium and germanium, urea), not an HS6
code: natural and artificial graphite are two HS6 codes of one control, and a national
tariff line (8 or 10 digits) or an HS4 heading sits above or below them. The *family* of
a product is the critical item's ``material_group`` it belongs to:

- an HS code (any length) belongs to the family of the longest critical-item code it
  starts with: the HS6 codes of ``critical_items.csv`` and the extra codes of
  ``critical_item_codes.csv`` (related HS6 codes and the Chinese 10-digit lines that
  the official notices name as reference customs numbers), so ``2504101000`` is
  ``graphite`` and ``2853909026`` (gallium arsenide) is ``gallium_germanium`` while the
  rest of 285390 is not;
- an HS4 heading (``3102``; or a 5-digit code) belongs to a family when every critical
  item's HS6 code under it is of that one family;
- a product group name (``Gallium/Germanium`` in the minerals monthly file) belongs to
  the family of the same name;
- anything else is its own family (the product code itself).

The detectors measure *breadth* across every series of a family (all destinations, all
codes) and the backtest expands an episode's ``products`` given as family names into the
codes a store holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import pandas as pd


def normalise_name(text: str) -> str:
    """``Gallium/Germanium`` -> ``gallium_germanium``."""
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")


@lru_cache(maxsize=1)
def family_codes() -> pd.DataFrame:
    """Every code of every family: columns ``material_group``, ``code``, ``revision``,
    ``what``, ``critical_item`` (True for the critical items' own HS6 codes, False for the
    extra codes)."""
    from kcbridge.reference.sectors import critical_items

    items = critical_items()
    base = pd.DataFrame({"material_group": items["material_group"], "code": items["hs6"],
                         "revision": "HS2012", "what": items["name_en"],
                         "critical_item": True})
    path = resources.files("kcbridge.reference").joinpath("data", "critical_item_codes.csv")
    with path.open(encoding="utf-8") as fh:
        extra = pd.read_csv(fh, dtype=str, keep_default_na=False)
    extra["critical_item"] = False
    out = pd.concat([base, extra[list(base.columns)]], ignore_index=True)
    return out.drop_duplicates(["material_group", "code"]).reset_index(drop=True)


def _tables(codes: pd.DataFrame) -> tuple[dict[str, str], tuple[int, ...],
                                          dict[str, set[str]], set[str]]:
    """(code -> family, code lengths longest first, heading -> families of the critical
    items' HS6 codes under it, family names). Headings look at the critical items' own
    codes only: a national line named in a notice (6815190020) or a wide related code
    (392099) must not pull its whole heading (6815, 3920) into the family."""
    exact = dict(zip(codes["code"], codes["material_group"], strict=True))
    lengths = tuple(sorted({len(c) for c in exact}, reverse=True))
    own = codes["critical_item"] if "critical_item" in codes else pd.Series(True, codes.index)
    above: dict[str, set[str]] = {}
    for code, family in zip(codes.loc[own, "code"], codes.loc[own, "material_group"],
                            strict=True):
        for n in (4, 5):  # headings, not chapters
            above.setdefault(code[:n], set()).add(family)
    return exact, lengths, above, set(codes["material_group"])


@lru_cache(maxsize=1)
def _lookup() -> tuple[dict[str, str], tuple[int, ...], dict[str, set[str]], set[str]]:
    return _tables(family_codes())


def product_family(product: str, codes: pd.DataFrame | None = None) -> str:
    """The family of one product (see the module docstring). ``codes`` (a frame like
    :func:`family_codes`) replaces the bundled codes."""
    exact, lengths, above, names = _lookup() if codes is None else _tables(codes)
    p = str(product).strip()
    if not p.isdigit():
        name = normalise_name(p)
        return name if name in names else p
    for n in lengths:
        if len(p) >= n and p[:n] in exact:
            return exact[p[:n]]
    if len(p) < 6 and len(above.get(p, ())) == 1:
        return next(iter(above[p]))
    return p


def product_families(products: Iterable[str]) -> dict[str, str]:
    """``{product: family}`` for many products (each distinct product resolved once)."""
    return {p: product_family(p) for p in dict.fromkeys(map(str, products))}


def family_members(family_or_code: str, products: Iterable[str]) -> list[str]:
    """The products of ``products`` that an episode's product entry names: the entry
    itself, the national lines under an HS code (prefix), or every product of a family
    when the entry is a family name (``graphite``)."""
    entry = str(family_or_code).strip()
    products = list(dict.fromkeys(map(str, products)))
    if entry.isdigit():
        return [p for p in products if p == entry or (p.isdigit() and p.startswith(entry))]
    exact = [p for p in products if p == entry]
    if exact:
        return exact
    name = normalise_name(entry)
    families = product_families(products)
    return [p for p in products if families[p] == name]
