"""CLI of issue 3: ``kcbridge complementarity A B`` and ``kcbridge complexity``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from kcbridge.cli.common import (
    FormatOption,
    OutputFormat,
    OutputOption,
    console,
    emit,
    get_platform,
    handle_errors,
)


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


def register(app: typer.Typer) -> None:
    app.command("complementarity")(complementarity)
    app.command("complexity")(complexity)


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
    platform = get_platform()
    report = platform.trade.complementarity(
        a, b, year, sector, by=by, margin=margin, top=top, aquino=aquino
    )
    synthetic = bool(platform.synthetic)
    ab, ba = f"{report.a}->{report.b}", f"{report.b}->{report.a}"
    if fmt is OutputFormat.json:
        emit(report.to_dict(), fmt, synthetic=synthetic, output=output)
        return
    parts = {
        ComplementarityPart.summary: report.table,
        ComplementarityPart.complementary: report.top_complementary,
        ComplementarityPart.competing: report.top_competing,
        ComplementarityPart.trend: report.trend,
    }
    if fmt is not OutputFormat.table:
        emit(parts[part], fmt, synthetic=synthetic, output=output)
        return
    summary = report.table[SUMMARY_COLUMNS].rename(
        columns={"tci_ab": f"TCI {ab}", "tci_ba": f"TCI {ba}"}
    )
    emit(
        summary.drop(columns="basis"),
        fmt,
        synthetic=synthetic,
        title=f"{report.a} and {report.b} in {report.year}, by {report.by} "
        f"(TCI/ESI 0-100; verdict margin {report.margin:g} points)",
    )
    for title, frame, points in (
        ("Top complementary products (TCI terms)", report.top_complementary, "tci_points"),
        ("Top competing products (ESI terms)", report.top_competing, "esi_points"),
    ):
        cols = [c for c in [*TOP_COLUMNS, points] if c in frame.columns]
        emit(frame[cols].head(3 * top if sector is None else top), fmt, title=title)
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
    emit(report.trend_summary[trend_cols], fmt, title="Trend (points per year)")
    for note in report.notes:
        console.print(f"Note: {note}")


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
    platform = get_platform()
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
    view = platform.trade.complexity(
        year,
        method=method,
        normalisation=normalisation,
        threshold=threshold,
        countries=countries,
    )
    frame = view.eci if part is ComplexityPart.eci else view.pci
    conv = view.conventions
    emit(
        frame,
        fmt,
        synthetic=synthetic,
        output=output,
        title=f"{part.value.upper()} {view.year} ({conv['method']}, {conv['normalisation']} "
        f"normalisation, Mcp = RCA >= {conv['rca_threshold']:g}, {countries} countries)",
    )
