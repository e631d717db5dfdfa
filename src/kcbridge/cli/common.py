"""Helpers shared by every CLI module: the platform, output formats, errors, progress."""

from __future__ import annotations

import functools
import json
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, is_dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
import typer
from rich.console import Console

from kcbridge.errors import KcbridgeError
from kcbridge.formats import SYNTHETIC_LABEL, csv_text, jsonable

_jsonable = jsonable  # (JSON and CSV helpers shared with the API live in kcbridge.formats)

if TYPE_CHECKING:  # pandas, numpy and the rest are imported where used: `--help` stays fast
    import pandas as pd

    from kcbridge.app import Platform

try:  # Typer ships its own copy of click's exceptions (and of its current context)
    from typer._click.exceptions import ClickException
    from typer._click.globals import get_current_context
except ImportError:  # pragma: no cover - older Typer: click's own
    from click import (  # type: ignore[assignment, no-redef]  # the same API
        ClickException,
        get_current_context,
    )

# Piped output (scripts, CliRunner, CI logs) gets a wide console so tables stay readable.
console = Console(width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True, width=None if sys.stderr.isatty() else 160)
F = TypeVar("F", bound=Callable[..., Any])

#: the banner over demo data (kcbridge.formats.SYNTHETIC_LABEL, the one place it is written)
SYNTHETIC_BANNER = SYNTHETIC_LABEL


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

_platform_factory: Callable[[], Platform] | None = None


def get_platform(*, read_only: bool = False) -> Platform:
    """The Platform for this invocation (tests may swap the factory). Commands that only
    read pass ``read_only=True``: the store is opened read-only (unless the setting
    ``read_only_commands`` is false), so they never wait for one another."""
    from kcbridge.app import Platform

    if _platform_factory is not None:
        return _platform_factory()
    platform = Platform()
    platform.read_only = read_only and platform.settings.read_only_commands
    context = get_current_context(silent=True)
    if context is not None:  # the store is closed when the command ends (so that the
        context.call_on_close(platform.close)  # next one in this process may write)
    platform.on_store_wait = lambda message: err_console.print(message, highlight=False,
                                                               soft_wrap=True)
    return platform


def set_platform_factory(factory: Callable[[], Platform] | None) -> None:
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


def emit(
    data: Any,
    fmt: OutputFormat = OutputFormat.table,
    *,
    title: str | None = None,
    synthetic: bool = False,
    output: Path | None = None,
    max_rows: int = 60,
    columns: list[str] | None = None,
) -> None:
    """Print ``data`` (DataFrame, list of dicts, dict, dataclass) in the chosen format.
    ``columns``: the column order of a list of dicts in a table (the header of an empty
    one); ignored for other data.

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
        payload = jsonable(data)
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
    from rich.table import Table

    layout = _plain_layout(data, max_rows, columns) or _frame_layout(_to_frame(data), max_rows)
    if synthetic:
        console.print(f"[bold black on yellow] {SYNTHETIC_BANNER} [/]")
    table = Table(title=title, show_lines=False, header_style="bold")
    for col, right in zip(layout.columns, layout.right, strict=True):
        table.add_column(col, overflow="fold", justify="right" if right else "left")
    for cells in layout.rows:
        table.add_row(*cells)
    console.print(table)
    if layout.total > max_rows:
        console.print(f"... {layout.total - max_rows} more rows (use --format csv for all)")


@dataclass
class _Layout:
    """A table ready to print: column names, right-aligned (numbers) or not, the cells
    of the rows shown, and how many rows there are in all."""

    columns: list[str]
    right: list[bool]
    rows: list[list[str]]
    total: int


def _frame_layout(frame: pd.DataFrame, max_rows: int) -> _Layout:
    import pandas as pd

    shown = frame.head(max_rows)
    formats = [_number_format(shown[col]) for col in shown.columns]
    right = [number is not None or (pd.api.types.is_integer_dtype(shown[col].dtype)
                                    and not pd.api.types.is_bool_dtype(shown[col].dtype))
             for col, number in zip(shown.columns, formats, strict=True)]
    rows = [[_cell(v, number) for v, number in zip(row, formats, strict=True)]
            for row in shown.itertuples(index=False)]
    return _Layout([str(c) for c in shown.columns], right, rows, len(frame))


_PLAIN = (str, int, float, type(None))


def _plain_layout(data: Any, max_rows: int, order: list[str] | None = None
                  ) -> _Layout | None:
    """The layout of a list of dicts of plain values (text, numbers, booleans, None)
    without pandas, printed as the DataFrame of the same rows would be (a column of
    numbers with a float or a gap in it is a float column, one format for its numbers;
    whole numbers right-aligned); None for any other data (it goes through pandas)."""
    if not isinstance(data, list | tuple) or not all(isinstance(r, dict) for r in data):
        return None
    columns: dict[Any, None] = {}
    for row in data:
        columns.update(dict.fromkeys(row))
        if not all(isinstance(v, _PLAIN) for v in row.values()):
            return None
    shown = data[:max_rows]
    names = list(columns) if order is None else list(order)
    kinds = [_plain_kind([row.get(c) for row in data], len(shown)) for c in names]
    right = [kind is not None for kind in kinds]
    rows = []
    for row in shown:
        cells = []
        for col, kind in zip(names, kinds, strict=True):
            value = row.get(col)
            if kind == "int" or kind is None:
                cells.append(_cell(value))
            else:
                cells.append("" if value is None else _cell(float(value), kind))
        rows.append(cells)
    return _Layout([str(c) for c in names], right, rows, len(data))


def _plain_kind(values: list[Any], shown: int) -> str | None:
    """Of a column's ``values`` (every row; None where a row has none): ``"int"`` for
    whole numbers only, the number format of a float column (numbers with a float or a
    gap among them, as pandas reads them; the format from the first ``shown`` rows), None
    for other columns."""
    numbers = [v for v in values if v is not None]
    if not numbers or not all(isinstance(v, int | float) and not isinstance(v, bool)
                              for v in numbers):
        return None
    if len(numbers) == len(values) and all(isinstance(v, int) for v in numbers):
        return "int"
    finite = [abs(float(v)) for v in values[:shown] if v is not None and math.isfinite(v)]
    largest = max(finite) if finite else 0.0
    if largest >= 1000:
        return ",.0f"
    if largest == 0:
        return ".0f"
    return f".{min(max(3 - math.floor(math.log10(largest)), 0), 6)}f"


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
