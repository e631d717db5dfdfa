"""Output formats shared by the CLI, the API and the dashboard: JSON values, CSV text and
Excel workbooks, and the one SYNTHETIC label.

:func:`jsonable` turns a result (DataFrame, dataclass, dict, numpy scalar, date) into plain
JSON values: the API's envelopes and the CLI's ``--format json``. :func:`csv_text` writes a
table as CSV (the CLI's ``--format csv`` and the dashboard's downloads) with formula-like
text escaped.

Analysts at trade associations work in Excel, so every trade table can be downloaded
or written as ``.xlsx`` (openpyxl). A result becomes one sheet per table
(:func:`tables_of`): a DataFrame is one sheet, a dict of DataFrames (or an object with
``tables()``) one sheet each. Each sheet has one header row and one row per record, so
``pandas.read_excel(path, sheet_name=...)`` gives the rows back; the first sheet,
``about``, says what the file holds and carries the SYNTHETIC label for demo data.

Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) is
written as text, never as a formula.

:func:`load_yaml` reads the YAML of the packaged data files (sectors, dual-use categories,
guideline rules) with libyaml's safe loader when it is installed.

Importing this module imports neither pandas nor numpy (the CLI's ``--help`` stays fast);
the functions import them when called.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
import sys
from collections.abc import Mapping
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: The one label of SYNTHETIC data (the demo world, its sample documents and registry):
#: the CLI's banner and CSV comment, the API's ``label``, the dashboard, Excel's about sheet.
SYNTHETIC_LABEL = "SYNTHETIC demo data: not real statistics"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_FORMULA_START = ("=", "+", "-", "@")
_MAX_SHEET_NAME = 31


def load_yaml(text: str) -> Any:
    """The objects of YAML ``text``, as ``yaml.safe_load`` gives them, read with libyaml's
    safe loader when present (~8x faster on the packaged files; tests/cli/test_fast_yaml.py
    checks both loaders agree); raises ``yaml.YAMLError`` on broken YAML like it."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def tables_of(data: Any, name: str = "data") -> dict[str, pd.DataFrame]:
    """The tables of a result, by sheet name: a DataFrame -> ``{name: frame}``; a dict ->
    its DataFrame values (other values skipped); an object with ``tables()`` -> those;
    a list of dicts -> one table."""
    import pandas as pd

    if hasattr(data, "tables") and callable(data.tables):
        data = data.tables()
    if isinstance(data, pd.DataFrame):
        return {name: data}
    if isinstance(data, Mapping):
        frames = {str(k): v for k, v in data.items() if isinstance(v, pd.DataFrame)}
        if frames:
            return frames
        return {name: pd.DataFrame([dict(data)])}
    if isinstance(data, list | tuple):
        return {name: pd.DataFrame(list(data))}
    raise TypeError(f"cannot make tables of {type(data).__name__}")


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _SHEET_BAD.sub("_", name)[:_MAX_SHEET_NAME] or "sheet"
    out, n = base, 2
    while out.lower() in taken:
        suffix = f"_{n}"
        out, n = base[: _MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    taken.add(out.lower())
    return out


def excel_value(value: Any) -> Any:
    """A cell value openpyxl can write: NaN/NA -> empty, numpy scalars -> Python, lists ->
    comma-separated text, timestamps -> naive datetimes."""
    import numpy as np
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating):
        return None if math.isnan(float(value)) or math.isinf(float(value)) else float(value)
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if isinstance(value, dt.datetime | dt.date):
        return value.replace(tzinfo=None) if isinstance(value, dt.datetime) else value
    if isinstance(value, list | tuple | np.ndarray):
        return ", ".join(str(v) for v in value)
    return str(value)


def xlsx_bytes(data: Any, *, synthetic: bool = False, title: str | None = None,
               name: str = "data") -> bytes:
    """An Excel workbook of ``data``'s tables (see :func:`tables_of`)."""
    sheets = {key: sheet_rows(frame) for key, frame in tables_of(data, name).items()}
    return xlsx_from_sheets(sheets, synthetic=synthetic, title=title)


def sheet_rows(frame: pd.DataFrame) -> dict[str, Any]:
    """One table ready for a sheet, in plain values: ``columns``, ``rows`` (cells as
    :func:`excel_value` gives them), ``text_columns`` (positions of the non-numeric
    columns, whose formula-like text is written as text) and ``widths``. A command may keep
    it (as JSON, when :func:`plain_sheet` says so) and write the workbook again without
    pandas (:func:`xlsx_from_sheets`)."""
    import pandas as pd

    return {
        "columns": [str(c) for c in frame.columns],
        "rows": [[excel_value(v) for v in row]
                 for row in frame.itertuples(index=False, name=None)],
        "text_columns": [i for i, c in enumerate(frame.columns)
                         if not pd.api.types.is_numeric_dtype(frame[c].dtype)],
        "widths": [min(max([len(str(col))] + [len(str(v)) for v in
                                               frame[col].head(200).tolist()]) + 2, 60)
                   for col in frame.columns],
    }


def plain_sheet(sheet: dict[str, Any]) -> bool:
    """True when every cell of a :func:`sheet_rows` table reads back from JSON as it was
    (text, numbers, booleans, empty; not dates or times)."""
    return all(v is None or isinstance(v, str | int | float) for row in sheet["rows"]
               for v in row)


def xlsx_from_sheets(sheets: Mapping[str, dict[str, Any]], *, synthetic: bool = False,
                     title: str | None = None) -> bytes:
    """The workbook of tables prepared by :func:`sheet_rows`: an ``about`` sheet (title,
    the SYNTHETIC label, the time it was made, the sheets and their rows) and one sheet per
    table. Imports openpyxl, not pandas."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    about = wb.active
    assert about is not None
    about.title = "about"
    taken = {"about"}
    lines = [["kcbridge", title or ""]]
    if synthetic:
        lines.append(["label", SYNTHETIC_LABEL])
    lines.append(["created", dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")])
    listed = []
    for key, table in sheets.items():
        sheet = wb.create_sheet(_sheet_name(key, taken))
        listed.append([sheet.title, f"{len(table['rows'])} rows"])
        _write_sheet(sheet, table, Font(bold=True))
    for row in lines + [["sheet", "rows"], *listed]:
        about.append(row)
    about.column_dimensions["A"].width = 12
    about.column_dimensions["B"].width = 60
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _write_sheet(sheet: Any, table: Mapping[str, Any], bold: Any) -> None:
    sheet.append(list(table["columns"]))
    for cell in sheet[1]:
        cell.font = bold
    text_cols = list(table["text_columns"])
    for row in table["rows"]:
        sheet.append(list(row))
        if text_cols:
            for i in text_cols:
                cell = sheet.cell(row=sheet.max_row, column=i + 1)
                if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
                    cell.data_type = "s"  # text, never a formula
    sheet.freeze_panes = "A2"
    for i, width in enumerate(table["widths"], start=1):
        letter = sheet.cell(row=1, column=i).column_letter
        sheet.column_dimensions[letter].width = width


def write_xlsx(data: Any, output: Path, *, synthetic: bool = False,
               title: str | None = None) -> int:
    """Write the workbook to ``output``; returns the number of data rows written."""
    payload = xlsx_bytes(data, synthetic=synthetic, title=title)
    Path(output).write_bytes(payload)
    return sum(len(f) for f in tables_of(data).values())


def _is_frame(value: Any) -> bool:
    """A pandas DataFrame (without importing pandas when nothing has: then it is not one)."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(value, pandas.DataFrame)


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON values: a DataFrame -> a list of records (a date-only
    column as ``"2024-08-15"``, not midnight), a dataclass or an object with ``to_dict()``
    -> a dict, numpy scalars -> Python numbers, dates -> ISO text, paths -> text; a missing
    or infinite number (NaN, inf, NaT) -> null."""
    if _is_frame(value):
        import pandas as pd

        frame = value.copy()
        for col in frame.columns:
            series = frame[col]
            if pd.api.types.is_datetime64_any_dtype(series):
                times = series.dropna()
                if len(times) and (times == times.dt.normalize()).all():
                    frame[col] = series.dt.strftime("%Y-%m-%d").where(series.notna(), None)
        return json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    if is_dataclass(value) and not isinstance(value, type):
        return jsonable(asdict(value))
    if hasattr(value, "to_dict") and not isinstance(value, dict):
        return jsonable(value.to_dict())
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if type(value).__name__ == "ndarray":  # an array cell (e.g. a list column read back)
        return jsonable(value.tolist())
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        # NaN and infinities are not JSON (strict parsers and the API's encoder refuse them)
        return value if math.isfinite(value) else None
    if type(value).__name__ == "NaTType":  # pandas' missing time
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


#: first characters that make a spreadsheet read a cell as a formula (CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def csv_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula (``=cmd|...``, ``+``, ``-``,
    ``@``, tab, carriage return first) gets a leading ``'``, so it is shown as text;
    numbers, and text that is a plain number (``-12.5``), stay as they are."""
    if (isinstance(value, str) and value.startswith(FORMULA_START)
            and not _PLAIN_NUMBER.fullmatch(value)):
        return "'" + value
    return value


def _csv_cell(value: Any) -> Any:
    """A nested cell (a list or dict, e.g. a commitment's timeline) as JSON text, not a
    Python repr; anything else through :func:`csv_safe`."""
    if isinstance(value, list | tuple | dict) or type(value).__name__ == "ndarray":
        return csv_safe(json.dumps(jsonable(value), ensure_ascii=False))
    return csv_safe(value)


def csv_text(frame: pd.DataFrame, synthetic: bool) -> str:
    """``frame`` as CSV text, after a ``# SYNTHETIC ...`` line when it is demo data (the
    CLI's ``--format csv`` and the dashboard's downloads), with formula-like text cells
    escaped (:func:`csv_safe`) and nested cells (lists, dicts) written as JSON."""
    import pandas as pd

    buf = io.StringIO()
    if synthetic:
        buf.write(f"# {SYNTHETIC_LABEL}\n")
    safe = frame.rename(columns=lambda c: csv_safe(str(c)))
    for col in range(safe.shape[1]):
        series = safe.iloc[:, col]
        if not (pd.api.types.is_numeric_dtype(series.dtype)
                or pd.api.types.is_datetime64_any_dtype(series.dtype)):
            safe.isetitem(col, series.map(_csv_cell).to_numpy())
    safe.to_csv(buf, index=False)
    return buf.getvalue()
