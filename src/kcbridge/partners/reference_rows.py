"""The sector ids, the sectors' English names and the critical items that matchmaking and
its trust checks read, as plain values (issue 14: a first-time ``partners match`` without
pandas).

:mod:`kcbridge.reference.sectors` imports pandas when it is imported (its listings are
DataFrames, and it reads the critical items with ``pandas.read_csv``), so the partners
code reads the same two packaged files here: the taxonomy's ids and English names in file
order, and the critical items' rows with every cell stripped, as
``critical_items().to_dict("records")`` gives them. Checking the files stays the
reference module's job (tests compare both readings on the packaged files); a sector
these files do not know has no items here, as there.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources

from kcbridge.formats import load_yaml

_COLUMNS = ("hs6", "name_en", "name_ko", "name_zh", "material_group", "sectors",
            "why_critical")


def _data(name: str) -> str:
    return (resources.files("kcbridge.reference") / "data" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _sectors() -> tuple[tuple[str, str], ...]:
    data = load_yaml(_data("sectors.yaml"))
    return tuple((str(raw["id"]), str(raw["name_en"]).strip()) for raw in data["sectors"])


def sector_ids() -> list[str]:
    """The ids of all sectors, in taxonomy order (``reference.sectors.sector_ids``)."""
    return [sector_id for sector_id, _ in _sectors()]


def sector_name_en(sector_id: str) -> str | None:
    """The English name of the sector with this id, None for an unknown id."""
    return dict(_sectors()).get(sector_id)


@lru_cache(maxsize=1)
def _critical_rows() -> tuple[dict[str, str], ...]:
    reader = csv.DictReader(io.StringIO(_data("critical_items.csv")))
    return tuple({c: (row.get(c) or "").strip() for c in _COLUMNS} for row in reader)


def critical_item_rows(sector_id: str | None = None) -> list[dict[str, str]]:
    """Every critical item as a dict of its columns, in file order; with ``sector_id``,
    those used by that sector (``reference.sectors.critical_items(sector_id)``)."""
    rows = _critical_rows()
    if sector_id is not None:
        rows = tuple(r for r in rows if sector_id in r["sectors"].split(";"))
    return [dict(r) for r in rows]
