"""The ``kcbridge`` command line: thin commands that call :class:`kcbridge.app.Platform`.

Core commands live here; each capability adds its own in ``kcbridge.cli.<capability>``
through a ``register(app)`` function.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from kcbridge.capabilities import CAPABILITIES
from kcbridge.cli.common import (
    FormatOption,
    OutputFormat,
    OutputOption,
    console,
    emit,
    get_platform,
    handle_errors,
    progress_bar,
)

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.app import Platform

def _help_flag_default_false() -> None:
    """Give every ``--help`` flag the default False. typer 0.29 leaves it None, and an
    option whose value is not a bool is coerced through a pydantic TypeAdapter built on
    first use, so every command and every help screen imported ``typer._adapters``,
    pydantic and pydantic's plugin loader (~80 ms on a 2-core machine; issue 14: help under
    0.3 s) to coerce a flag nobody gave. typer skips the coercion of a bool value. The help
    option is made by ``typer._click.decorators.help_option`` when a command is first asked
    for it; a typer without that function keeps its own behaviour."""
    try:
        from typer._click import decorators
    except ImportError:  # pragma: no cover - another typer: nothing to change
        return
    original = getattr(decorators, "help_option", None)
    if original is None or getattr(original, "_kcbridge", False):
        return

    def help_option(param_decls: list[str]):  # type: ignore[no-untyped-def]
        decorate = original(param_decls)

        def apply(command):  # type: ignore[no-untyped-def]
            command = decorate(command)
            if command.params and command.params[-1].default is None:
                command.params[-1].default = False  # the option just added
            return command
        return apply

    help_option._kcbridge = True  # type: ignore[attr-defined]
    decorators.help_option = help_option


_help_flag_default_false()

app = typer.Typer(
    name="kcbridge",
    help="Evidence and tools for Korea-China industrial and S&T cooperation.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)



@app.command()
@handle_errors
def demo(
    size: str = typer.Option("default", help="tiny, default or large (benchmarks)."),
    seed: int = typer.Option(None, help="Random seed (default: setting demo_seed)."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Build the SYNTHETIC demo world (no internet needed) and print what it holds."""
    platform = get_platform()
    with progress_bar() as progress:
        summary = platform.demo(size=size, seed=seed, progress=progress)
    if fmt is not OutputFormat.table:
        emit(summary.to_dict(), fmt, synthetic=True)
        return
    console.print(f"Store: {platform.settings.resolved_store_url}")
    emit(
        [
            {"what": "annual flows", "value": f"{summary.annual_rows:,}"},
            {"what": "monthly flows", "value": f"{summary.monthly_rows:,}"},
            {"what": "years", "value": f"{summary.years[0]}-{summary.years[-1]}"},
            {"what": "exporters", "value": summary.countries},
            {"what": "HS6 products", "value": summary.products},
            {"what": "planted disruptions", "value": len(summary.events)},
            {"what": "seconds", "value": summary.seconds},
        ],
        fmt,
        title=f"Demo world '{summary.size}', seed {summary.seed}",
        synthetic=True,
    )
    _print_report(platform)


def _print_report(platform: Platform) -> None:
    """Headline findings from each capability that is available."""
    from kcbridge.report import headline_report

    for section in headline_report(platform):
        emit(section["rows"], OutputFormat.table, title=section["title"], synthetic=False)
    console.print(
        "Next: [bold]kcbridge serve[/] opens the dashboard on http://127.0.0.1:8765 ; "
        "[bold]kcbridge --help[/] lists every command."
    )


@app.command()
@handle_errors
def report(fmt: OutputFormat = FormatOption) -> None:
    """Print the headline findings of every capability on what the store holds."""
    from kcbridge.report import headline_report

    platform = get_platform(read_only=True)
    sections = headline_report(platform)
    if fmt is OutputFormat.table:
        for section in sections:
            emit(section["rows"], fmt, title=section["title"], synthetic=platform.synthetic)
    else:
        emit({"sections": sections}, fmt, synthetic=platform.synthetic)


@app.command()
@handle_errors
def load(
    fmt_name: str = typer.Argument(
        ..., metavar="FORMAT", help="baci, comtrade, kcs or exports-world."
    ),
    path: Path = typer.Argument(..., help="The file (CSV, zip, JSON) to load."),
    year: int = typer.Option(None, help="Year of the data when the file does not say."),
    revision: str = typer.Option(
        None, help="HS revision of the file (HS2007, H3 ...) when it does not say."
    ),
    skip_unknown: bool = typer.Option(
        False, "--skip-unknown",
        help="Drop the rows of unknown country codes (listed in the notes) instead of "
        "refusing the file.",
    ),
    force: bool = typer.Option(
        False, "--force", help="Load a file again although it was loaded before."
    ),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Load a file of a public trade format into the store (safe to re-run)."""
    platform = get_platform()
    with progress_bar() as progress:
        result = platform.load(fmt_name, path, year=year, revision=revision, progress=progress,
                               skip_unknown=skip_unknown, force=force)
    _emit_load(result, fmt)


def _emit_load(result: object, fmt: OutputFormat) -> None:
    data = result.to_dict()  # type: ignore[attr-defined]
    if fmt is OutputFormat.table:
        verb = "Already loaded (nothing changed)" if data["skipped"] else "Loaded"
        console.print(
            f"{verb}: {data['rows']:,} rows from {data['source']} into {data['target']}"
            f" ({', '.join(data['periods'][:6])}{' ...' if len(data['periods']) > 6 else ''})"
        )
        for note in data.get("notes") or []:
            console.print(f"  note: {note}")
        return
    emit(data, fmt)


fetch_app = typer.Typer(
    help="Download from public sources (needs internet) and load.", no_args_is_help=True
)
app.add_typer(fetch_app, name="fetch")


@fetch_app.command("baci")
@handle_errors
def fetch_baci(
    year: int = typer.Option(..., help="Year to load from the BACI release."),
    revision: str = typer.Option(
        "HS12", help="BACI revision: HS92, HS96, HS02, HS07, HS12, HS17, HS22."
    ),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Download CEPII BACI (reconciled bilateral trade, HS6) and load one year."""
    platform = get_platform()
    with progress_bar() as progress:
        result = platform.fetch("baci", year=year, revision=revision, progress=progress)
    _emit_load(result, fmt)


@fetch_app.command("comtrade")
@handle_errors
def fetch_comtrade(
    reporter: str = typer.Option(..., help="Reporter (ISO3, e.g. KOR)."),
    period: str = typer.Option(..., help="Year (2022) or month (202201); comma-separate several."),
    partner: str = typer.Option(None, help="Partner (ISO3); default all partners."),
    freq: str = typer.Option("A", help="A (annual) or M (monthly)."),
    cmd: str = typer.Option("AG6", help="HS codes, comma-separated, or AG6 for all HS6."),
    flow: str = typer.Option("X,M", help="X exports, M imports."),
    fmt: OutputFormat = FormatOption,
) -> None:
    """Download from the UN Comtrade v1 API (set KCBRIDGE_COMTRADE_KEY) and load."""
    platform = get_platform()
    with progress_bar() as progress:
        result = platform.fetch(
            "comtrade",
            reporter=reporter,
            partner=partner,
            period=period,
            freq=freq,
            cmd=cmd,
            flow=flow,
            progress=progress,
        )
    _emit_load(result, fmt)


@app.command()
@handle_errors
def status(fmt: OutputFormat = FormatOption) -> None:
    """What the store holds: tables, years, months, loads."""
    platform = get_platform(read_only=True)
    st = platform.status()
    if fmt is not OutputFormat.table:
        emit(st, fmt, synthetic=st["synthetic"])
        return
    if st["synthetic"]:
        console.print(f"[bold black on yellow] {st['label']} [/]")
    console.print(f"Store: {st['store']} ({st['backend']}), HS target {st['target_hs_revision']}")
    a, m = st["annual"], st["monthly"]
    years = f"{a['years'][0]}-{a['years'][-1]}" if a["years"] else "none"
    console.print(
        f"Annual flows: {a['rows']:,} rows, years {years}, "
        f"{a['exporters']} exporters, {a['products']} products"
    )
    months = " to ".join(m["months"]) if m["months"] else "none"
    console.print(f"Monthly flows: {m['rows']:,} rows, {m['series']:,} series, months {months}")
    emit([{"table": k, "rows": v} for k, v in st["tables"].items()], fmt, title="Tables")
    if st["loads"]:
        emit(st["loads"], fmt, title="Load history")
    else:
        console.print("No data loaded yet. Run `kcbridge demo` or `kcbridge load FORMAT FILE`.")


@app.command()
@handle_errors
def countries(
    query: str = typer.Argument(None, help="Code or part of a name."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Look up countries (ISO3, ISO2, numeric, names)."""
    platform = get_platform(read_only=True)
    columns = ("iso3", "iso2", "numeric", "name", "continent", "eu_member")
    rows = platform.country_rows(query, columns) if fmt is OutputFormat.table else None
    if rows:  # plain SQL on DuckDB: the frame's table without pandas (none: its header)
        emit(rows, fmt, output=output)
        return
    df = platform.list_countries(query)
    emit(df[list(columns)], fmt, output=output)


@app.command()
@handle_errors
def products(
    query: str = typer.Argument(None, help="HS code prefix or words of the description."),
    level: int = typer.Option(None, help="2, 4 or 6 digits."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Look up HS products of the target revision, with their end-use stage."""
    platform = get_platform(read_only=True)
    rows = platform.product_rows(query, level=level) if fmt is OutputFormat.table else None
    if rows:  # plain SQL on DuckDB: the frame's table without pandas (none: its header)
        emit(rows, fmt, output=output)
        return
    emit(platform.list_products(query, level=level), fmt, output=output)


@app.command()
@handle_errors
def sectors(fmt: OutputFormat = FormatOption, output: Path = OutputOption) -> None:
    """The sector taxonomy: names in English, Korean and Chinese, HS6 counts, keywords."""
    platform = get_platform(read_only=True)
    rows = platform.list_sectors()
    if fmt is OutputFormat.table or fmt is OutputFormat.csv:
        rows = [
            {k: r[k] for k in ("id", "name_en", "name_ko", "name_zh", "hs6_count")} for r in rows
        ]
    emit(rows, fmt, output=output)


@app.command("settings")
@handle_errors
def settings_cmd(fmt: OutputFormat = FormatOption) -> None:
    """Every setting: name, environment variable, current value, help."""
    from kcbridge.settings import describe_settings

    emit(describe_settings(get_platform(read_only=True).settings), fmt)


@app.command()
@handle_errors
def serve(
    host: str = typer.Option(None, help="Address to bind (default 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default 8765)."),
) -> None:
    """Serve the HTTP API (/api, /docs) and the dashboard."""
    import uvicorn

    from kcbridge.api import create_app

    platform = get_platform()
    host = host or platform.settings.host
    port = port or platform.settings.port
    console.print(f"kcbridge dashboard on http://{host}:{port}/  (API docs: /docs)")
    api = create_app(platform)
    platform.release()  # other kcbridge commands may use the store between requests
    uvicorn.run(api, host=host, port=port, log_level="warning")


def _register_capabilities() -> None:
    """Each capability's commands (``kcbridge.cli.<name>.register(app)``)."""
    for cap in CAPABILITIES:
        importlib.import_module(cap.interface_module("cli")).register(app)


_register_capabilities()


def main() -> None:
    app()
