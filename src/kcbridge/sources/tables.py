"""Reading the tables the loaders share: delimited text (CSV or tab-separated, plain or
gzipped) and Excel workbooks, with messages that say what is wrong with a file and where.

- Text is read by DuckDB's CSV reader, every column as text. Files that mix line
  endings (CRLF and LF, as an edited export does) are read; when DuckDB refuses a file,
  :func:`diagnose_csv` reads it with Python's csv module to name the first line that is
  wrong (bad bytes, a row with too many or too few fields, a quote never closed).
- ``.xlsx`` workbooks (Excel exports) are read with openpyxl: the first sheet, the first
  non-empty row as header, every cell as text.
- DuckDB's own error texts never reach the user: :func:`duckdb_read_error` keeps the line,
  the column and the value, and drops the rest (internals, server paths).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from kcbridge.errors import InputError
from kcbridge.sources.common import LoadContext, clip, pick_column, sql_string

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls (and other OLE2 documents)
#: At most this many lines are read back when diagnosing a file DuckDB refused.
DIAGNOSE_LINES = 5_000_000


def file_kind(path: Path, head: bytes) -> str:
    """``xlsx``, ``xls``, ``zip``, ``pdf``, ``html`` or ``text`` from the first bytes."""
    if head.startswith(ZIP_MAGIC):
        return "xlsx" if path.suffix.lower() in (".xlsx", ".xlsm") or b"xl/" in head[:4096] \
            else "zip"
    if head.startswith(OLE_MAGIC):
        return "xls"
    if head.startswith(b"%PDF"):
        return "pdf"
    start = head.lstrip(b"\xef\xbb\xbf \r\n\t")[:20].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        return "html"
    return "text"


def refuse_binary(path: Path, head: bytes, what: str, *, excel: bool = False) -> None:
    """InputError for files that are not text (nor, with ``excel``, an .xlsx workbook)."""
    kind = file_kind(path, head)
    if kind == "xlsx" and not excel:
        raise InputError(f"{path.name} is an Excel workbook, not a {what} text file.",
                         hint="Open it and save it as CSV (UTF-8).")
    if kind == "zip":
        raise InputError(f"{path.name} is a zip archive, not a {what} file.",
                         hint="Unzip it and load the file inside.")
    if kind == "xls":
        raise InputError(
            f"{path.name} is a legacy Excel (.xls) workbook, which kcbridge does not read.",
            hint="Open it and save it as .xlsx or as CSV (UTF-8).",
        )
    if kind == "pdf":
        raise InputError(f"{path.name} is a PDF, not a {what} file.",
                         hint="Download the CSV version of the data.")
    if kind == "html":
        raise InputError(
            f"{path.name} is a web page (HTML or XML), not a {what} file; some sites save "
            "tables this way under an .xls name.",
            hint="Open it in Excel and save it as .xlsx or CSV (UTF-8), or download the CSV.",
        )


def read_excel_frame(path: Path, what: str, expect: list[str] | None = None) -> pd.DataFrame:
    """The first sheet of an .xlsx workbook, every cell as text (None when empty);
    integral numbers lose their ``.0``. The header is the first non-empty row, or with
    ``expect`` (column names the format knows) the first of the top 30 rows naming one
    of them: exports often put a title and notes above the table."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on a corrupt file
        raise InputError(
            f"{path.name} is not a readable Excel workbook: it is truncated, damaged or not "
            "really an .xlsx file.",
            hint="Export or download it again, or save it as CSV (UTF-8).",
        ) from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        rows = [] if sheet is None else [
            [_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    except Exception as exc:  # noqa: BLE001 - a damaged sheet part fails while reading
        raise InputError(
            f"{path.name}: its first sheet cannot be read (the workbook is damaged).",
            hint="Export or download it again, or save it as CSV (UTF-8).",
        ) from exc
    finally:
        book.close()
    rows = [r for r in rows if any(v not in (None, "") for v in r)]
    if not rows:
        raise InputError(f"{path.name}: the first sheet of the workbook is empty.",
                         hint=f"Put the {what} table (header row first) on the first sheet.")
    start = _header_row(rows, expect) if expect else 0
    header = [str(h).strip() if h is not None else f"column{i + 1}"
              for i, h in enumerate(rows[start])]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        raise InputError(
            f"{path.name}: column(s) {', '.join(repr(clip(h, 20)) for h in repeated)} appear "
            "twice in the header row of the first sheet.",
            hint="Keep each column once.",
        )
    width = len(header)
    body = [(r + [None] * width)[:width] for r in rows[start + 1:]]
    if not body:
        raise no_rows_error(path)
    return pd.DataFrame(body, columns=header, dtype=object)


def _header_row(rows: list[list[str | None]], expect: list[str]) -> int:
    """Index of the first of the top 30 rows holding one of the ``expect`` names (0 when
    none does: the missing-columns message then shows the first row)."""
    for index, row in enumerate(rows[:30]):
        if pick_column([str(v) for v in row if v not in (None, "")], expect) is not None:
            return index
    return 0


def _cell_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m") if value.day == 1 else value.strftime("%Y-%m-%d")
    text = str(value).strip()
    return text or None


def no_rows_error(path: Path) -> InputError:
    return InputError(f"{path.name} has a header row but no data rows.",
                      hint="Export or download the data again; the file holds no rows.")


def delimiter_of(head: bytes) -> str:
    """Tab when the header line has a tab, else comma."""
    return "\t" if b"\t" in head.split(b"\n")[0] else ","


def stage_table(ctx: LoadContext, path: Path, head: bytes, what: str, prefix: str,
                *, excel: bool = True, expect: list[str] | None = None) -> str:
    """Stage a CSV, tab-separated or (with ``excel``) .xlsx file with every column as
    text, in a temp table; refuses binary files, header-only files and unreadable text
    with a message naming the line."""
    refuse_binary(path, head, what, excel=excel)
    if file_kind(path, head) == "xlsx":
        return ctx.create_from_frame(read_excel_frame(path, what, expect), prefix=prefix)
    delim = delimiter_of(head)
    sql_delim = "\\t" if delim == "\t" else delim
    lenient = ", strict_mode = false" if needs_lenient(path, head, delim, what) else ""
    try:
        table = ctx.create(
            f"SELECT * FROM read_csv({sql_string(path)}, header = true, "
            # skip = 0: else DuckDB's sniffer takes a longer row further down as the
            # header and silently drops every line above it
            f"delim = '{sql_delim}', all_varchar = true, quote = '\"', skip = 0{lenient})",
            task=f"Reading {path.name}", prefix=prefix,
        )
    except Exception as exc:  # DuckDB's error types vary by version
        failure = read_failure(exc, path, delim, what)
        if failure is exc:
            raise
        raise failure from exc
    if not ctx.scalar(f'SELECT count(*) FROM "{table}"'):
        raise no_rows_error(path)
    return table


def needs_lenient(path: Path, head: bytes, delim: str, what: str) -> bool:
    """True when the file mixes CRLF and LF line endings, which DuckDB's strict reader
    refuses: the file is then checked line by line here (:func:`diagnose_csv`, raising
    its problem) and may be read with ``strict_mode = false``. Files with one kind of
    line ending (all of CEPII's) cost nothing."""
    if b"\r" not in head or not mixed_line_endings(path):
        return False
    problem = diagnose_csv(path, delim, what)
    if problem is not None:
        raise problem
    return True


def mixed_line_endings(path: Path) -> bool:
    """Whether the file has both CRLF and bare LF line ends."""
    opener: Any = gzip.open if path.suffix.lower() == ".gz" else open
    lf = crlf = 0
    last = b""
    with opener(path, "rb") as fh:
        while chunk := fh.read(8 << 20):
            lf += chunk.count(b"\n")
            crlf += chunk.count(b"\r\n") + (1 if last == b"\r" and chunk[:1] == b"\n" else 0)
            last = chunk[-1:]
    return 0 < crlf < lf


def is_read_error(exc: BaseException) -> bool:
    """Whether a DuckDB exception is about the file's content (a value that does not
    convert, a dialect it cannot parse, bytes it cannot read); anything else (a catalog
    or binder error) is a bug of ours and must not be reported as a bad file."""
    import duckdb

    return isinstance(exc, duckdb.ConversionException | duckdb.InvalidInputException
                      | duckdb.IOException)


def read_failure(exc: Exception, path: Path, delim: str, what: str) -> Exception:
    """DuckDB refused the file: name the first bad line when Python's csv module finds
    one, else translate DuckDB's message; an error that is not about the file is
    returned unchanged (a bug, reported as such by the reader's guard)."""
    if not is_read_error(exc):
        return exc
    found = _LINE.search(str(exc))
    if found is None or "could not convert" not in str(exc).lower():
        problem = diagnose_csv(path, delim, what)
        if problem is not None:
            return problem
    return duckdb_read_error(exc, path, what)


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    opener: Any = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as fh:
        for number, line in enumerate(fh, start=1):
            if number > DIAGNOSE_LINES:
                return
            yield number, line


def diagnose_csv(path: Path, delim: str, what: str) -> InputError | None:
    """Read ``path`` with Python's csv module; the first problem found (bytes that are not
    UTF-8, a row whose field count differs from the header's, a quote never closed) as
    an InputError naming the line, or None when every line read is well formed."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    state = {"line": 0}

    def text_lines() -> Iterator[str]:
        for number, raw in _lines(path):
            state["line"] = number
            try:
                yield decoder.decode(raw)
            except UnicodeDecodeError as exc:
                raise _NotUtf8(number) from exc

    try:
        reader = csv.reader(text_lines(), delimiter=delim, quotechar='"', strict=True)
        header: list[str] | None = None
        for row in reader:
            if header is None:
                header = row
                continue
            if not row:  # a blank line
                continue
            if len(row) != len(header):
                return InputError(
                    f"{path.name} line {reader.line_num} has {len(row)} field(s) where the "
                    f"header has {len(header)} ({clip(delim.join(row), 120)!r}).",
                    hint="Fix that line (a missing or extra separator, or a value with a "
                    f"'{delim}' that is not quoted); every row needs the header's columns.",
                )
            if any(len(field) > 100_000 for field in row):
                return InputError(
                    f"{path.name} line {reader.line_num}: a quote opened there is never closed "
                    "(one field runs on over many lines).",
                    hint="Close or remove that quote character.",
                )
    except _NotUtf8 as exc:
        return InputError(
            f"{path.name} is not valid UTF-8 text (first bad bytes on line {exc.line}).",
            hint="Save the file again as CSV UTF-8 (in Excel: CSV UTF-8), or check it is "
            "not a binary or compressed file.",
        )
    except csv.Error as exc:
        return InputError(
            f"{path.name} line {state['line']} cannot be read as {what} CSV "
            f"({clip(str(exc), 80)}).",
            hint="Fix that line: look for a stray or unclosed quote character.",
        )
    except (OSError, EOFError):
        return InputError(f"{path.name} cannot be read to the end.",
                          hint="The file looks truncated or corrupt; download it again.")
    return None


class _NotUtf8(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


_LINE = re.compile(r"Line:\s*(\d+)")
_FILE = re.compile(r"^\s*file = (.+)$", re.M)
_COLUMN_VALUE = re.compile(r'converting column "([^"]*)"\. Could not convert string "(.*?)" '
                           r"to '?(\w+)", re.S)
_CAST_VALUE = re.compile(r"Could not convert string '(.*?)' to (\w+)", re.S)


def duckdb_read_error(exc: Exception, path: Path, what: str) -> InputError:
    """Translate a DuckDB reading error into an InputError that says what and where, with
    none of DuckDB's internals (its option dump, server paths, type names)."""
    text = str(exc)
    lowered = text.lower()
    line = _LINE.search(text)
    member = _FILE.search(text)
    where = f" line {line.group(1)}" if line else ""
    if member and Path(member.group(1).strip()).name != path.name:  # a file inside a zip
        where = f" ({clip(Path(member.group(1).strip()).name, 80)}){where}"
    found = _COLUMN_VALUE.search(text)
    if found:
        column, value, kind = found.groups()
        expected = "a whole number" if "INT" in kind.upper() else "a number"
        return InputError(
            f"{path.name}{where}, column {column!r}: {clip(repr(value), 80)} is not "
            f"{expected}{_range_note(kind)}.",
            hint="Fix or remove that line; values must be plain numbers (no units or text).",
        )
    found = _CAST_VALUE.search(text)
    if found:
        return InputError(
            f"{path.name}{where}: {clip(repr(found.group(1)), 80)} is not a number where "
            f"{what} expects one.",
            hint="Fix or remove that line; values must be plain numbers (no units or text).",
        )
    if "unicode" in lowered or "utf-8" in lowered or "utf8" in lowered:
        return InputError(
            f"{path.name} is not valid UTF-8 text.",
            hint="Save the file again as CSV UTF-8 (in Excel: CSV UTF-8), or check it is not "
            "a binary or compressed file.",
        )
    return InputError(
        f"Cannot read {path.name} as {what}{where}.",
        hint="Check that the file is a complete, comma- or tab-separated text file with a "
        "header row.",
    )


def _range_note(kind: str) -> str:
    kind = kind.upper()
    if kind == "SMALLINT":
        return " (or is too large for a year)"
    if kind in ("INTEGER", "INT"):
        return " (or is too large for a country code)"
    return ""
