"""Helpers shared by every CLI module: the platform, output formats, errors, progress."""

from __future__ import annotations

import functools
import io
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
import typer
from rich.console import Console

from kcbridge.errors import KcbridgeError

if TYPE_CHECKING:  # pandas, numpy and the rest are imported where used: `--help` stays fast
    import pandas as pd

try:  # Typer ships its own copy of click's exceptions
    from typer._click.exceptions import ClickException
except ImportError:  # pragma: no cover - older Typer: click's own
    from click import ClickException  # type: ignore[assignment]

# Piped output (scripts, CliRunner, CI logs) gets a wide console so tables stay readable.
console = Console(width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True, width=None if sys.stderr.isatty() else 160)
F = TypeVar("F", bound=Callable[..., Any])

SYNTHETIC_BANNER = "SYNTHETIC demo data: not real statistics"


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"
    xlsx = "xlsx"


FormatOption = typer.Option(
    OutputFormat.table,
    "--format",
    "-f",
    help="table (default), csv, json, or parquet / xlsx (with --output).",
)
OutputOption = typer.Option(
    None, "--output", "-o", help="Write to this file instead of the terminal."
)

_platform_factory: Callable[[], Any] | None = None


def get_platform() -> Any:
    """The Platform for this invocation (tests may swap the factory)."""
    from kcbridge.app import Platform

    if _platform_factory is not None:
        return _platform_factory()
    platform = Platform()
    platform.on_store_wait = lambda message: err_console.print(message, highlight=False,
                                                               soft_wrap=True)
    return platform


def set_platform_factory(factory: Callable[[], Any] | None) -> None:
    global _platform_factory
    _platform_factory = factory


def handle_errors(func: F) -> F:
    """Turn a KcbridgeError into ``Error: <message>`` on stderr and exit code 1. Any other
    exception is a bug of ours: said so (not "check your file"), with its traceback on
    stderr for the report, and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KcbridgeError as exc:
            err_console.print(f"[bold red]Error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from exc
        except (typer.Exit, typer.Abort, ClickException, click.ClickException):
            raise  # the CLI's own ways out (usage errors, exit codes)
        except Exception as exc:
            err_console.print_exception(max_frames=20)
            err_console.print(
                f"[bold red]Error:[/] internal error ({type(exc).__name__}): this is a bug in "
                "kcbridge, not a problem with your input. Please report it with the traceback "
                "above.", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from exc

    return wrapper  # type: ignore[return-value]


def _to_frame(data: Any) -> pd.DataFrame:
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return data
    if is_dataclass(data) and not isinstance(data, type):
        data = asdict(data)
    if isinstance(data, dict):
        return pd.DataFrame([data])
    return pd.DataFrame(list(data))


def _is_frame(value: Any) -> bool:
    """A pandas DataFrame (without importing pandas when nothing has: then it is not one)."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(value, pandas.DataFrame)


def _jsonable(value: Any) -> Any:
    if _is_frame(value):
        import pandas as pd

        frame = value.copy()
        for col in frame.columns:  # a date-only column is a date: "2024-08-15", not midnight
            series = frame[col]
            if pd.api.types.is_datetime64_any_dtype(series):
                times = series.dropna()
                if len(times) and (times == times.dt.normalize()).all():
                    frame[col] = series.dt.strftime("%Y-%m-%d").where(series.notna(), None)
        return json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    if is_dataclass(value) and not isinstance(value, type):
        return _jsonable(asdict(value))
    if hasattr(value, "to_dict") and not isinstance(value, dict):
        return _jsonable(value.to_dict())
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def emit(
    data: Any,
    fmt: OutputFormat = OutputFormat.table,
    *,
    title: str | None = None,
    synthetic: bool = False,
    output: Path | None = None,
    max_rows: int = 60,
) -> None:
    """Print ``data`` (DataFrame, list of dicts, dict, dataclass) in the chosen format.

    JSON wraps rows as ``{"synthetic": bool, "rows": [...]}`` when given a table, or adds
    ``"synthetic"`` to a dict; CSV has a leading ``# SYNTHETIC ...`` comment line for demo
    data; parquet needs ``--output``.
    """
    fmt = OutputFormat(fmt)
    if fmt is OutputFormat.xlsx:  # one sheet per table: kcbridge.formats
        from kcbridge.formats import write_xlsx

        if output is None:
            raise KcbridgeError("Excel output needs a file.", hint="Add `--output FILE.xlsx`.")
        err_console.print(f"Wrote {write_xlsx(data, output, synthetic=synthetic, title=title)} "
                          f"rows to {output}")
        return
    if fmt is OutputFormat.parquet:
        if output is None:
            raise KcbridgeError("Parquet output needs a file.", hint="Add `--output FILE.parquet`.")
        frame = _to_frame(data)
        frame.to_parquet(output, index=False)
        err_console.print(f"Wrote {len(frame)} rows to {output}")
        return
    if fmt is OutputFormat.json:
        payload = _jsonable(data)
        if isinstance(payload, list):
            payload = {"synthetic": synthetic, "rows": payload}
        elif isinstance(payload, dict):
            payload = {"synthetic": synthetic, **payload}
        text = json.dumps(payload, ensure_ascii=False, indent=2, default=str)
        _write(text + "\n", output)
        return
    if fmt is OutputFormat.csv:
        _write(csv_text(_to_frame(data), synthetic), output)
        return
    import pandas as pd
    from rich.table import Table

    frame = _to_frame(data)
    if synthetic:
        console.print(f"[bold black on yellow] {SYNTHETIC_BANNER} [/]")
    table = Table(title=title, show_lines=False, header_style="bold")
    shown = frame.head(max_rows)
    formats = [_number_format(shown[col]) for col in shown.columns]
    for col, number in zip(shown.columns, formats, strict=True):
        numeric = number is not None or (pd.api.types.is_integer_dtype(shown[col].dtype)
                                         and not pd.api.types.is_bool_dtype(shown[col].dtype))
        table.add_column(str(col), overflow="fold", justify="right" if numeric else "left")
    for row in shown.itertuples(index=False):
        table.add_row(*[_cell(v, number) for v, number in zip(row, formats, strict=True)])
    console.print(table)
    if len(frame) > max_rows:
        console.print(f"... {len(frame) - max_rows} more rows (use --format csv for all)")


def _number_format(column: pd.Series) -> str | None:
    """One format for a float column, so its numbers line up: four significant digits
    for its largest value (0.5709 / 0.0017; 96.66 / 9.05), whole numbers with thousands
    separators from 1,000 up. None for other columns."""
    import numpy as np
    import pandas as pd

    if not pd.api.types.is_float_dtype(column.dtype):
        return None
    values = column.to_numpy(dtype=float)
    finite = np.abs(values[np.isfinite(values)])
    largest = float(finite.max()) if finite.size else 0.0
    if largest >= 1000:
        return ",.0f"
    if largest == 0:
        return ".0f"
    decimals = min(max(3 - int(np.floor(np.log10(largest))), 0), 6)
    return f".{decimals}f"


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


def csv_text(frame: pd.DataFrame, synthetic: bool) -> str:
    """``frame`` as CSV text, after a ``# SYNTHETIC ...`` line when it is demo data (the
    CLI's ``--format csv`` and the dashboard's downloads), with formula-like text cells
    escaped (:func:`csv_safe`)."""
    import pandas as pd

    buf = io.StringIO()
    if synthetic:
        buf.write(f"# {SYNTHETIC_BANNER}\n")
    safe = frame.rename(columns=lambda c: csv_safe(str(c)))
    for col in range(safe.shape[1]):
        series = safe.iloc[:, col]
        if not (pd.api.types.is_numeric_dtype(series.dtype)
                or pd.api.types.is_datetime64_any_dtype(series.dtype)):
            safe.isetitem(col, series.map(csv_safe).to_numpy())
    safe.to_csv(buf, index=False)
    return buf.getvalue()


def _cell(value: Any, number: str | None = None) -> str:
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if number is not None:
            return format(value, number)
        if abs(value) >= 1e6:
            return f"{value:,.0f}"
        return f"{value:.4g}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        output.write_text(text, encoding="utf-8")
        err_console.print(f"Wrote {output}")


@contextmanager
def progress_bar() -> Iterator[Callable[[str, int, int | None], None]]:
    """A Rich progress bar on stderr, given to library calls as a progress callback."""
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    ) as progress:
        tasks: dict[str, Any] = {}

        def update(description: str, completed: int, total: int | None) -> None:
            key = description.split(":")[0]
            if key not in tasks:
                tasks[key] = progress.add_task(description, total=total)
            progress.update(tasks[key], description=description, completed=completed, total=total)

        yield update
