"""What a read-only command prints in table format, kept per data version.

The trade commands print tables computed from the annual flows. Their results are kept
already (the derived results), but reading them back means pandas and pyarrow (~0.3-0.4 s
of imports) before the first line. A :class:`Printout` records what the command prints
(tables as plain rows, lines of text), and :func:`print_kept` keeps that record as JSON
beside the store, keyed by the command, its arguments, the flows' version and the code
that prints it. The next run with the same arguments replays it: the same tables through
the same :func:`~kcbridge.cli.common.emit`, with neither pandas, pyarrow nor Ibis
imported. The terminal width is not part of the record (Rich lays the tables out again).

A table whose cells are not plain values (dates, lists, nullable integers) is printed
from its DataFrame as before and the printout is not kept.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kcbridge.cli.common import console, emit

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.app import Platform

_PLAIN = (str, int, float, bool, type(None))
#: column dtypes whose cells a DataFrame gives back as plain Python values (nullable
#: extension types such as Int64 print <NA>, float32 cells print unformatted: not kept)
_NUMPY_PLAIN = frozenset({"object", "bool", "float64", "int8", "int16", "int32", "int64",
                          "uint8", "uint16", "uint32", "uint64"})


class Printout:
    """Tables and lines in the order a command prints them (see the module docstring)."""

    def __init__(self) -> None:
        self.parts: list[dict[str, Any]] = []
        #: False when a table could not be recorded as plain rows (then nothing is kept)
        self.plain = True

    def table(self, data: Any, *, title: str | None = None, synthetic: bool = False,
              max_rows: int = 60, columns: list[str] | None = None) -> None:
        """A table (DataFrame or list of dicts), printed as ``emit(data, table)`` would
        (``columns``: the header of an empty list of dicts)."""
        found, rows = _plain_rows(data)
        columns = list(columns) if columns is not None and isinstance(data, list) \
            and not data else found
        part: dict[str, Any] = {"kind": "table", "title": title, "synthetic": synthetic,
                                "max_rows": max_rows, "columns": columns, "rows": rows}
        if rows is None:
            self.plain = False
            part["data"] = data
        self.parts.append(part)

    def line(self, text: str, *, highlight: bool | None = None) -> None:
        """A line printed with ``console.print`` (``highlight`` as given to it)."""
        self.parts.append({"kind": "line", "text": text, "highlight": highlight})

    def show(self) -> None:
        """Print every part: tables from their plain rows where recorded."""
        for part in self.parts:
            if part["kind"] == "line":
                if part["highlight"] is None:
                    console.print(part["text"])
                else:
                    console.print(part["text"], highlight=part["highlight"])
                continue
            data = part.get("data")
            if data is None:
                data = [dict(zip(part["columns"], row, strict=True)) for row in part["rows"]]
            emit(data, title=part["title"], synthetic=part["synthetic"],
                 max_rows=part["max_rows"], columns=part["columns"])

    def to_json(self) -> list[dict[str, Any]]:
        return [{k: v for k, v in part.items() if k != "data"} for part in self.parts]

    @classmethod
    def from_json(cls, parts: list[dict[str, Any]]) -> Printout:
        printout = cls()
        printout.parts = [dict(part) for part in parts]
        return printout


def _plain_rows(data: Any) -> tuple[list[str] | None, list[list[Any]] | None]:
    """(columns, rows) of a DataFrame or list of dicts whose cells are all plain values
    (text, numbers, booleans, None); ``(columns, None)`` otherwise. A DataFrame's float
    columns stay floats (``2.0``), its integer columns ints, as ``emit`` reads them."""
    if isinstance(data, list):
        if not all(isinstance(r, dict) for r in data):
            return None, None
        names: dict[Any, None] = {}
        for r in data:
            names.update(dict.fromkeys(r))
        columns = [str(c) for c in names]
        if len(columns) != len(names):
            return None, None
        records = [[r.get(c) for c in names] for r in data]
    else:
        columns = [str(c) for c in data.columns]
        if len(set(columns)) != len(columns) or not all(isinstance(c, str)
                                                         for c in data.columns):
            return columns, None
        for col in data.columns:  # NumPy dtypes that print the same from plain values
            dtype = str(data[col].dtype)
            if dtype not in _NUMPY_PLAIN:
                return columns, None
            if dtype == "object" and not all(v is None or isinstance(v, str)
                                             for v in data[col]):
                return columns, None
        records = [list(r.values()) for r in data.to_dict("records")]
    for row in records:
        for value in row:
            if not isinstance(value, _PLAIN) or (isinstance(value, float)
                                                 and math.isinf(value)):
                return columns, None
    return columns, records


def kept_version(platform: Platform, *, monthly: bool = False) -> str:
    """The version a kept trade output is read under: the annual flows' version (and the
    monthly flows' when ``monthly``), the target HS revision and a digest of the code that
    computes and prints it."""
    from kcbridge.store.derived import code_digest, package_digest

    store = platform.store
    flows = [store.flows_version("trade_annual")]
    if monthly:
        flows.append(store.flows_version("trade_monthly"))
    return "|".join([*flows, platform.settings.target_hs_revision,
                     package_digest("kcbridge.trade", "kcbridge.reference", "kcbridge.cli"),
                     code_digest("kcbridge.formats")])


def print_kept(platform: Platform, name: str, key: list[Any],
               build: Callable[[Printout], None], *, monthly: bool = False) -> None:
    """Print what ``build`` records for command ``name`` with arguments ``key``, from
    the kept record when the annual flows (and the monthly ones when ``monthly``), the
    printing code and the target HS revision have not changed since it was kept."""
    from kcbridge.store.derived import DerivedResults

    store = platform.store
    version = kept_version(platform, monthly=monthly)
    derived = DerivedResults.for_store(store)
    kept = derived.get_json(f"printout_{name}", key, version)
    if isinstance(kept, list):
        Printout.from_json(kept).show()
        return
    printout = Printout()
    build(printout)
    printout.show()
    if printout.plain:
        derived.put_json(f"printout_{name}", key, version, printout.to_json())


__all__ = ["Printout", "kept_version", "print_kept"]
