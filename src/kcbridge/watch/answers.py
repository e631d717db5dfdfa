"""The watch's answers in plain values (text, numbers, None), kept so that a question asked
again is answered without pandas, NumPy or Ibis (issue 14: every command under 1 s).

- :func:`plain_rows`: a frame's rows as plain values (dates as ``YYYY-MM-DD``, missing and
  infinite numbers as None), what the terminal's table prints the same as the frame.
- :func:`kept_answer`: a JSON answer kept in the store's derived results per version of
  the flows it reads and of the code that computes and presents it, computed (with
  pandas) only when no kept one fits.

Nothing here imports pandas at import time; :func:`plain_rows` does when given a frame.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def plain_value(value: Any) -> Any:
    """One cell as a plain value: NumPy scalars as Python numbers, NaN / infinities / NaT
    as None, times as ISO text (a midnight as the date alone)."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if hasattr(value, "item") and not hasattr(value, "isoformat"):
        value = value.item()  # a NumPy scalar
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if type(value).__name__ == "NaTType":
        return None
    if hasattr(value, "isoformat"):
        if hasattr(value, "hour") and not (value.hour or value.minute or value.second
                                           or getattr(value, "microsecond", 0)):
            return f"{value:%Y-%m-%d}"
        return value.isoformat()
    return value


def plain_rows(frame: pd.DataFrame, columns: Iterable[str] | None = None
               ) -> list[dict[str, Any]]:
    """The rows of ``frame`` (its ``columns``, default all) as dicts of plain values."""
    names = list(frame.columns if columns is None else columns)
    return [{c: plain_value(v) for c, v in zip(names, row, strict=True)}
            for row in frame[names].itertuples(index=False, name=None)]


def month_text(value: Any) -> str:
    """A month cell (``datetime.date``, a Timestamp or ``YYYY-MM-DD`` text) as ``YYYY-MM``."""
    if value is None:
        return ""
    return str(value)[:7] if isinstance(value, str) else f"{value:%Y-%m}"


def kept_answer(store: Any, name: str, key: dict[str, Any], flows: Iterable[str],
                code: Iterable[str], compute: Callable[[], Any]) -> Any:
    """The JSON answer kept for (``name``, ``key``) while the ``flows`` tables
    (``trade_annual``, ``trade_monthly``) and the ``code`` (module or package names: the
    watch and reference packages are always in) are unchanged; else ``compute()`` (plain
    values), kept and returned. Reading a kept answer needs neither pandas nor Ibis
    (:meth:`DerivedResults.cached_json`)."""
    from kcbridge.store.derived import DerivedResults, code_digest, package_digest

    version = "|".join(store.flows_version(t) for t in flows)
    full = {**key, "code": package_digest("kcbridge.watch", "kcbridge.reference")
            + code_digest(*code)}
    return DerivedResults.for_store(store).cached_json(name, full, version, compute)
