"""CLI of the trade capability: ``kcbridge complementarity A B``, ``kcbridge complexity``
and the explorer commands of ``kcbridge trade`` (flows, treemap, series, space), each with
``--format xlsx --output FILE.xlsx`` for Excel (one sheet per table)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from kcbridge.cli.common import (
    FormatOption,
    OutputFormat,
    OutputOption,
    emit,
    get_platform,
    handle_errors,
)
from kcbridge.cli.printout import Printout, print_kept

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.app import Platform


class ComplementarityPart(StrEnum):
    summary = "summary"
    complementary = "complementary"
    competing = "competing"
    trend = "trend"


class ComplexityPart(StrEnum):
    eci = "eci"
    pci = "pci"
    opportunities = "opportunities"


SUMMARY_COLUMNS = ["group", "tci_ab", "tci_ba", "esi", "gl", "verdict", "basis"]
TOP_COLUMNS = ["group", "product", "name", "direction"]


trade_app = typer.Typer(
    help="Explore trade: bilateral flows, treemaps, time series, the product space.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.command("complementarity")(complementarity)
    app.command("complexity")(complexity)
    trade_app.command("flows")(flows)
    trade_app.command("treemap")(treemap)
    trade_app.command("series")(series)
    trade_app.command("space")(space)
    trade_app.command("complementarity")(complementarity)
    trade_app.command("complexity")(complexity)
    app.add_typer(trade_app, name="trade")


@handle_errors
def complementarity(
    a: str = typer.Argument(..., help="First country (ISO3, ISO2 or name), e.g. KOR."),
    b: str = typer.Argument(..., help="Second country, e.g. CHN."),
    year: int = typer.Option(None, "--year", "-y", help="Year (default: the latest loaded)."),
    sector: str = typer.Option(None, "--sector", "-s", help="One sector of the taxonomy."),
    by: str = typer.Option("sector", "--by", help="Grouping: sector, end_use, chapter or all."),
    margin: float = typer.Option(10.0, help="Points by which one side must lead the verdict."),
    top: int = typer.Option(10, help="Top products per group."),
    aquino: bool = typer.Option(False, help="Aquino-adjust the Grubel-Lloyd index."),
    part: ComplementarityPart = typer.Option(
        ComplementarityPart.summary, "--part", help="What csv/parquet output holds."
    ),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Where A and B complement each other and where they compete, per sector: trade
    complementarity both ways (TCI), export similarity (ESI), intra-industry trade (GL),
    the verdict with its numbers, top products and the trend over the loaded years."""
    platform = get_platform(read_only=True)
    if fmt is OutputFormat.table:
        print_kept(platform, "complementarity", [a, b, year, sector, by, margin, top, aquino],
                   lambda out: _complementarity_tables(platform, out, a, b, year, sector, by,
                                                       margin, top, aquino))
        return
    report = platform.trade.complementarity(
        a, b, year, sector, by=by, margin=margin, top=top, aquino=aquino
    )
    synthetic = bool(platform.synthetic)
    if fmt in (OutputFormat.json, OutputFormat.xlsx):
        emit(report.to_dict(), fmt, synthetic=synthetic, output=output,
             title=f"{report.a} and {report.b} in {report.year}, by {report.by}")
        return
    parts = {
        ComplementarityPart.summary: report.table,
        ComplementarityPart.complementary: report.top_complementary,
        ComplementarityPart.competing: report.top_competing,
        ComplementarityPart.trend: report.trend,
    }
    emit(parts[part], fmt, synthetic=synthetic, output=output)


def _complementarity_tables(platform: Platform, out: Printout, a: str, b: str,
                            year: int | None, sector: str | None, by: str, margin: float,
                            top: int, aquino: bool) -> None:
    """The tables `kcbridge complementarity` prints (recorded in ``out``)."""
    report = platform.trade.complementarity(
        a, b, year, sector, by=by, margin=margin, top=top, aquino=aquino
    )
    ab, ba = f"{report.a}->{report.b}", f"{report.b}->{report.a}"
    summary = report.table[SUMMARY_COLUMNS].rename(
        columns={"tci_ab": f"TCI {ab}", "tci_ba": f"TCI {ba}"}
    )
    out.table(
        summary.drop(columns="basis"),
        synthetic=bool(platform.synthetic),
        title=f"{report.a} and {report.b} in {report.year}, by {report.by} "
        f"(TCI/ESI 0-100; verdict margin {report.margin:g} points)",
    )
    for title, frame, points in (
        ("Top complementary products (TCI terms)", report.top_complementary, "tci_points"),
        ("Top competing products (ESI terms)", report.top_competing, "esi_points"),
    ):
        cols = [c for c in [*TOP_COLUMNS, points] if c in frame.columns]
        out.table(frame[cols].head(3 * top if sector is None else top), title=title)
    trend_cols = [
        "group",
        "first_year",
        "last_year",
        "tci_ab_slope",
        "tci_ba_slope",
        "esi_slope",
        "gl_slope",
        "verdict_last",
    ]
    out.table(report.trend_summary[trend_cols], title="Trend (points per year)")
    for note in report.notes:
        out.line(f"Note: {note}")


@handle_errors
def complexity(
    year: int = typer.Option(None, "--year", "-y", help="Year (default: the latest loaded)."),
    part: ComplexityPart = typer.Option(
        ComplexityPart.eci, "--part", help="eci, pci or opportunities."
    ),
    country: str = typer.Option(None, "--country", "-c", help="Country for --part opportunities."),
    method: str = typer.Option("eigenvector", help="eigenvector, reflections or fitness."),
    normalisation: str = typer.Option(
        None, help="growthlab (default), oec or none (default none for fitness)."
    ),
    threshold: float = typer.Option(1.0, help="RCA threshold of Mcp (RCA >= threshold)."),
    countries: str = typer.Option(
        "atlas",
        help="atlas: the Growth Lab's ranked countries (default); all: every exporter "
        "(as py-ecomplexity).",
    ),
    top: int = typer.Option(25, help="Rows of opportunities."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Economic complexity: the ECI ranking of countries, the PCI of products, or a
    country's opportunities (high density, high PCI, not yet exported)."""
    platform = get_platform(read_only=True)
    synthetic = bool(platform.synthetic)
    if part is ComplexityPart.opportunities:
        if not country:
            from kcbridge.errors import InputError

            raise InputError("Opportunities are per country.", hint="Add `--country KOR`.")
        frame = platform.trade.opportunities(country, year, top=top)
        emit(
            frame,
            fmt,
            synthetic=synthetic,
            output=output,
            title=f"Opportunities of {platform.country(country)}",
        )
        return

    def tables(out: Printout | None) -> None:
        view = platform.trade.complexity(
            year,
            method=method,
            normalisation=normalisation,
            threshold=threshold,
            countries=countries,
        )
        frame = view.eci if part is ComplexityPart.eci else view.pci
        conv = view.conventions
        title = (f"{part.value.upper()} {view.year} ({conv['method']}, {conv['normalisation']} "
                 f"normalisation, Mcp = RCA >= {conv['rca_threshold']:g}, {countries} countries)")
        if out is None:
            emit(frame, fmt, synthetic=synthetic, output=output, title=title)
        else:
            out.table(frame, synthetic=synthetic, title=title)

    if fmt is OutputFormat.table:
        print_kept(platform, "complexity",
                   [year, part.value, method, normalisation, threshold, countries], tables)
    else:
        tables(None)


class Level(StrEnum):
    product = "product"
    heading = "heading"
    chapter = "chapter"
    section = "section"
    sector = "sector"


FLOW_COLUMNS = ["rank", "value_usd", "share", "change_pct", "growth_pa_pct", "trend"]


def _money(value: float) -> str:
    return f"{value / 1e9:,.2f} bn" if abs(value) >= 1e8 else f"{value / 1e6:,.1f} m"


@handle_errors
def flows(
    a: str = typer.Argument(..., help="First country (ISO3, ISO2 or name), e.g. KOR."),
    b: str = typer.Argument(..., help="Second country, e.g. CHN."),
    year: int = typer.Option(None, "--year", "-y", help="Year (default: the latest loaded)."),
    by: Level = typer.Option(
        Level.product, "--by",
        help="product (HS6), heading (HS4), chapter (HS2), section (21 HS sections) or "
        "sector (cooperation sectors; they overlap)."),
    top: int = typer.Option(15, help="Lines per direction (0: all)."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """What A sells to B and B to A in a year, by product, heading, chapter, section or
    sector: value, share of the direction's total, change on the previous year, growth a
    year since the first loaded year and the trend."""
    platform = get_platform(read_only=True)
    if fmt is OutputFormat.table:
        print_kept(platform, "flows", [a, b, year, by.value, top],
                   lambda out: _flows_tables(platform, out, a, b, year, by.value, top))
        return
    if fmt is OutputFormat.xlsx and output is not None:
        _flows_xlsx(platform, output, a, b, year, by.value, top)
        return
    view = platform.trade.explore(a, b, year, by=by.value, top=top or None)
    synthetic = bool(platform.synthetic)
    title = f"{view.a} and {view.b} in {view.year}, by {view.by}"
    if fmt in (OutputFormat.json, OutputFormat.xlsx):
        emit(view.to_dict() if fmt is OutputFormat.json else view, fmt,
             synthetic=synthetic, output=output, title=title)
        return
    emit(view.table, fmt, synthetic=synthetic, output=output)


def _flows_xlsx(platform: Platform, output: Path, a: str, b: str, year: int | None, by: str,
                top: int) -> None:
    """`kcbridge trade flows --format xlsx --output FILE`: the workbook ``emit`` writes from
    the view, from its sheets kept as plain rows per flows version (kept_version), so that
    the next export of the same view needs no pandas (issue 14); written again each time
    (its ``created`` line is the time of writing)."""
    from kcbridge.cli.common import err_console
    from kcbridge.cli.printout import kept_version
    from kcbridge.formats import plain_sheet, sheet_rows, tables_of, xlsx_from_sheets
    from kcbridge.store.derived import DerivedResults

    derived = DerivedResults.for_store(platform.store)
    key, version = [a, b, year, by, top], kept_version(platform)
    kept = derived.get_json("xlsx_flows", key, version)
    if not isinstance(kept, dict):
        view = platform.trade.explore(a, b, year, by=by, top=top or None)
        sheets = {name: sheet_rows(frame) for name, frame in tables_of(view).items()}
        kept = {"title": f"{view.a} and {view.b} in {view.year}, by {view.by}",
                "sheets": sheets}
        if all(plain_sheet(sheet) for sheet in sheets.values()):
            derived.put_json("xlsx_flows", key, version, kept)
    output.write_bytes(xlsx_from_sheets(kept["sheets"], synthetic=bool(platform.synthetic),
                                        title=kept["title"]))
    rows = sum(len(sheet["rows"]) for sheet in kept["sheets"].values())
    err_console.print(f"Wrote {rows} rows to {output}")


def _flows_tables(platform: Platform, out: Printout, a: str, b: str, year: int | None,
                  by: str, top: int) -> None:
    """The lines and tables `kcbridge trade flows` prints (recorded in ``out``)."""
    view = platform.trade.explore(a, b, year, by=by, top=top or None)
    synthetic = bool(platform.synthetic)
    totals = view.totals.set_index("year").loc[view.year]
    out.line(
        f"{view.a}->{view.b} {_money(float(totals['exports_ab']))} USD, {view.b}->{view.a} "
        f"{_money(float(totals['exports_ba']))} USD in {view.year}; balance of {view.a} "
        f"{_money(float(totals['balance_ab']))} USD.", highlight=False)
    label = view.by
    for direction, part in view.table.groupby("direction", sort=False):
        cols = [c for c in ["rank", label, "name", *FLOW_COLUMNS[1:]] if c in part.columns]
        shown = part[cols].assign(
            share=(part["share"] * 100).round(1),
            value_usd=part["value_usd"] / 1e6,
        ).rename(columns={"value_usd": "million USD", "share": "share %",
                          "change_pct": "change %", "growth_pa_pct": "growth %/yr"})
        out.table(shown, synthetic=synthetic, title=f"{direction} {view.year} by {label}")
        synthetic = False  # the banner once
    for note in view.notes:
        out.line(f"Note: {note}")


@handle_errors
def treemap(
    country: str = typer.Argument(..., help="Country, e.g. KOR."),
    partner: str = typer.Option(None, "--partner", "-p", help="Partner (default: the world)."),
    year: int = typer.Option(None, "--year", "-y", help="Year (default: the latest loaded)."),
    flow: str = typer.Option("exports", help="exports or imports."),
    depth: str = typer.Option("heading", help="chapter (HS2) or heading (HS4)."),
    top: int = typer.Option(20, help="Rows shown in the terminal."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """A country's exports or imports (to a partner or the world) by HS section ->
    chapter -> heading: the treemap's tiles with their shares (the dashboard draws them)."""
    platform = get_platform(read_only=True)
    if fmt is OutputFormat.table:
        print_kept(platform, "treemap", [country, partner, year, flow, depth, top],
                   lambda out: _treemap_table(platform, out, country, partner, year, flow,
                                              depth, top))
        return
    view = platform.trade.treemap(country, partner, year, flow=flow, depth=depth)
    synthetic = bool(platform.synthetic)
    emit(view.to_dict() if fmt is OutputFormat.json else view.table, fmt,
         synthetic=synthetic, output=output, title=f"{view.country} {view.flow}")


def _treemap_table(platform: Platform, out: Printout, country: str, partner: str | None,
                   year: int | None, flow: str, depth: str, top: int) -> None:
    """The table `kcbridge trade treemap` prints (recorded in ``out``)."""
    view = platform.trade.treemap(country, partner, year, flow=flow, depth=depth)
    synthetic = bool(platform.synthetic)
    leaf = view.depth
    cols = ["section", "section_name", leaf, f"{leaf}_name", "value_usd", "share"]
    shown = view.table[cols].head(top).assign(
        value_usd=view.table["value_usd"] / 1e6, share=(view.table["share"] * 100).round(2)
    ).rename(columns={"value_usd": "million USD", "share": "share %"})
    where = "the world" if view.partner == "WLD" else view.partner
    out.table(shown, synthetic=synthetic,
              title=f"{view.country} {view.flow} {'to' if view.flow == 'exports' else 'from'} "
              f"{where} in {view.year}: {_money(view.total_usd)} USD")


@handle_errors
def series(
    a: str = typer.Argument(..., help="Exporter, e.g. KOR."),
    b: str = typer.Argument(None, help="Partner (both directions); default: the world."),
    product: str = typer.Option(None, "--product", help="HS code: 2, 4 or 6 digits."),
    sector: str = typer.Option(None, "--sector", "-s", help="A cooperation sector."),
    monthly: bool = typer.Option(False, "--monthly", help="Monthly values (where loaded)."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """The time series of a flow: yearly values of A->B and B->A (all products, an HS
    code or a sector), and monthly ones where the store has monthly data."""
    platform = get_platform(read_only=True)
    if fmt is OutputFormat.table:
        print_kept(platform, "series", [a, b, product, sector, monthly],
                   lambda out: _series_table(platform, out, a, b, product, sector, monthly),
                   monthly=True)
        return
    view = platform.trade.series(a, b, product=product, sector=sector)
    synthetic = bool(platform.synthetic)
    if fmt in (OutputFormat.json, OutputFormat.xlsx):
        emit(view.to_dict() if fmt is OutputFormat.json else view, fmt, synthetic=synthetic,
             output=output, title=f"{view.a}-{view.b} {view.what}")
        return
    emit(view.monthly if monthly else view.annual, fmt, synthetic=synthetic, output=output)


def _series_table(platform: Platform, out: Printout, a: str, b: str | None,
                  product: str | None, sector: str | None, monthly: bool) -> None:
    """The table `kcbridge trade series` prints (recorded in ``out``)."""
    view = platform.trade.series(a, b, product=product, sector=sector)
    synthetic = bool(platform.synthetic)
    frame = view.monthly if monthly else view.annual
    if monthly and frame.empty:
        out.line("No monthly data for this flow in the store.")
        return
    key = "month" if monthly else "year"
    wide = frame.pivot_table(index=key, columns="direction", values="value_usd",
                             aggfunc="sum").reset_index()
    wide.columns.name = None
    if monthly:
        wide["month"] = wide["month"].dt.strftime("%Y-%m")
    wide[wide.columns[1:]] = wide[wide.columns[1:]] / 1e6
    out.table(wide, synthetic=synthetic, max_rows=200,
              title=f"{view.what}: million USD by {key}")


@handle_errors
def space(
    country: str = typer.Argument(..., help="Country, e.g. KOR."),
    year: int = typer.Option(None, "--year", "-y", help="Year (default: the latest loaded)."),
    top: int = typer.Option(20, help="Opportunities listed."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """The product-space network (HS4): the country's products (RCA >= 1) and its
    opportunities, which the dashboard marks on the network."""
    platform = get_platform(read_only=True)
    if fmt is OutputFormat.table:
        print_kept(platform, "space", [country, year, top],
                   lambda out: _space_tables(platform, out, country, year, top))
        return
    view = platform.trade.network(country, year, top=top)
    synthetic = bool(platform.synthetic)
    if fmt is OutputFormat.xlsx:
        emit(view, fmt, synthetic=synthetic, output=output, title=f"Product space {view.country}")
        return
    emit(view.opportunities, fmt, synthetic=synthetic, output=output)


def _space_tables(platform: Platform, out: Printout, country: str, year: int | None,
                  top: int) -> None:
    """The line and table `kcbridge trade space` prints (recorded in ``out``)."""
    view = platform.trade.network(country, year, top=top)
    synthetic = bool(platform.synthetic)
    exported = int(view.nodes["exported"].sum())
    out.line(
        f"{view.country} {view.year}: {exported} of {len(view.nodes)} HS4 products exported "
        f"with RCA >= 1; network of {len(view.edges)} links (maximum spanning tree + "
        f"proximity >= {view.threshold:g}).", highlight=False)
    cols = ["rank", "product", "name", "density", "pci", "cog", "rca", "score"]
    out.table(view.opportunities[cols], synthetic=synthetic,
              title=f"Opportunities of {view.country} (HS4, not yet exported with RCA >= 1)")
