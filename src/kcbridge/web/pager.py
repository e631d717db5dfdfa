"""Pagination of dashboard tables: reading ``page`` / ``page_size`` and the pager links.

A page reads ``page`` (1-based) and ``page_size`` (one of :data:`PAGE_SIZES`) from the
query string with :func:`read_page`, asks its service for one page with ``offset`` and
``limit`` (the service reports the total), and renders ``_pager.html`` with a
:class:`Pager`. Every pager link keeps the page's filters and ``page_size``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pandas as pd

from kcbridge.errors import InputError

PAGE_SIZES = (25, 50, 100, 200)
DEFAULT_PAGE_SIZE = 50
#: numbered links shown on each side of the current page
WINDOW = 2


def read_page(page: str | None, page_size: str | None) -> tuple[int, int]:
    """``(page, page_size)`` from query values (defaults: 1 and 50); InputError saying
    what is allowed when a value is not."""
    size = DEFAULT_PAGE_SIZE
    if page_size not in (None, ""):
        size = size_or_none(page_size) or 0
        if not size:
            sizes = ", ".join(str(s) for s in PAGE_SIZES)
            raise InputError(f"Unsupported page size {page_size!r}.",
                             hint=f"Use one of {sizes} rows per page.")
    number = 1
    if page not in (None, ""):
        digits = page.strip().lstrip("0")
        if not is_whole_number(digits):  # also page 0: nothing is left
            raise InputError(f"Invalid page {page!r}.",
                             hint="Use a whole number from 1 (the first page).")
        # a page past any table (more digits than an offset can hold) is the last page
        number = int(digits) if len(digits) <= 18 else 10**18
    return number, size


def size_or_none(page_size: str | None) -> int | None:
    """``page_size`` as one of :data:`PAGE_SIZES`, or None."""
    text = (page_size or "").strip()
    return int(text) if text in {str(s) for s in PAGE_SIZES} else None


def is_whole_number(text: str) -> bool:
    """ASCII digits only (``str.isdigit`` also accepts "²", which ``int`` refuses)."""
    return text.isascii() and text.isdigit()


def last_page(total: int, page_size: int) -> int:
    """The number of the last page (1 for an empty table)."""
    return max(1, -(-total // page_size))


@dataclass
class Pager:
    """One page of a table of ``total`` rows, and the links to the others.

    ``path`` and ``params`` (the page's filters, empty values dropped) make the links;
    ``noun`` is what the rows are, plural ("flagged products"), ``singular`` for one row.
    ``requested`` is the page asked for when it was past the end (the last one is shown).
    """

    path: str
    page: int
    page_size: int
    total: int
    noun: str
    singular: str
    params: dict[str, str] = field(default_factory=dict)
    requested: int | None = None

    @property
    def pages(self) -> int:
        return last_page(self.total, self.page_size)

    @property
    def first_row(self) -> int:
        return min((self.page - 1) * self.page_size + 1, self.total)

    @property
    def last_row(self) -> int:
        return min(self.page * self.page_size, self.total)

    @property
    def showing(self) -> str:
        """``Showing 51-100 of 1,234 flagged products``."""
        if self.total == 0:
            return f"No {self.noun}"
        noun = self.singular if self.total == 1 else self.noun
        rows = f"{self.first_row:,}" if self.first_row == self.last_row else (
            f"{self.first_row:,}-{self.last_row:,}")
        return f"Showing {rows} of {self.total:,} {noun}"

    def url(self, page: int) -> str:
        """This table's URL at ``page``, with the filters and the page size."""
        query = {k: v for k, v in self.params.items() if v not in (None, "")}
        query.update(page=str(page), page_size=str(self.page_size))
        return f"{self.path}?{urlencode(query)}"

    @property
    def numbers(self) -> list[int | None]:
        """Page numbers around the current one; None where pages are left out."""
        low, high = max(1, self.page - WINDOW), min(self.pages, self.page + WINDOW)
        out: list[int | None] = list(range(low, high + 1))
        if low > 1:
            out.insert(0, None)
        if high < self.pages:
            out.append(None)
        return out


def one_page(
    fetch: Callable[[int, int], pd.DataFrame], number: int, size: int, *, path: str,
    params: dict[str, str], nouns: tuple[str, str],
) -> tuple[pd.DataFrame, Pager]:
    """Page ``number`` of ``size`` rows from ``fetch(limit, offset)`` (a service call that
    reports ``attrs["total"]``) and its pager; past the end, the last page."""
    rows = fetch(size, (number - 1) * size)
    total = int(rows.attrs["total"])
    requested = None
    if number > last_page(total, size):
        requested, number = number, last_page(total, size)
        rows = fetch(size, (number - 1) * size)
    pager = Pager(path=path, page=number, page_size=size, total=total, noun=nouns[1],
                  singular=nouns[0], params=params, requested=requested)
    return rows, pager
