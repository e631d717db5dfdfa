"""`kcbridge watch ...`: dependency screening, early-warning scans, alerts, backtests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer

from kcbridge.cli.common import (
    FormatOption,
    OutputFormat,
    OutputOption,
    emit,
    get_platform,
    handle_errors,
)

watch_app = typer.Typer(help="Supply-chain watch: dependencies, early warning, alerts.",
                        no_args_is_help=True)

ALERT_COLUMNS = ["alert_id", "reporter", "partner", "product", "flow", "month", "detectors",
                 "severity", "score", "change", "breadth", "mirror", "status"]


def _table(alerts):
    """The alert columns for the terminal, months as YYYY-MM."""
    out = alerts[ALERT_COLUMNS].copy()
    out["month"] = out["month"].map(lambda m: f"{m:%Y-%m}")
    return out


def _title(what: str, rows: pd.DataFrame) -> str:
    """``Alerts 101-200 of 1,234``: the rows shown of all that the filters match."""
    total, offset = rows.attrs.get("total"), rows.attrs.get("offset", 0)
    if total is None:
        return what
    if not len(rows):
        return f"{what}: none after row {offset:,} ({total:,} in all)"
    return f"{what} {offset + 1:,}-{offset + len(rows):,} of {total:,}"


@watch_app.command()
@handle_errors
def screen(
    importer: list[str] = typer.Option(None, "--importer", "-i",
                                       help="Importing country (repeatable; default KOR and CHN)."),
    year: int = typer.Option(None, help="Year (default: the latest loaded)."),
    regime: str = typer.Option(None, help="Only this regime: eu2021, geodep, korea, merics."),
    sector: str = typer.Option(None, help="Only products of this sector (id or name)."),
    by: str = typer.Option(None, help="Roll up by `sector` or `critical_item`."),
    limit: int = typer.Option(None, min=0, help="At most this many rows."),
    offset: int = typer.Option(0, min=0, help="Skip this many rows (largest imports first)."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Dependency screening of annual imports per importer and HS6, with the rules fired."""
    platform = get_platform()
    kwargs = {"importers": importer or None, "year": year, "regime": regime, "sector": sector}
    title = "Dependencies"
    if by:
        data = platform.watch.screen_rollup(by=by, **kwargs)
    else:
        data = platform.watch.screen(limit=limit, offset=offset, **kwargs)
        title = _title("Dependencies", data)
        if fmt is OutputFormat.table:
            data = data[["importer", "product", "imports", "top_supplier", "top_share",
                         "import_hhi", "alternatives", "rules"]]
    emit(data, fmt, synthetic=platform.synthetic, output=output, title=title)


@watch_app.command()
@handle_errors
def scan(
    as_of: str = typer.Option(None, "--as-of", help="Scan as of this month (YYYY-MM); "
                              "only data up to it are used. Default: the latest month."),
    months: int = typer.Option(1, help="Report the last N months up to --as-of."),
    save: bool = typer.Option(True, help="Keep new alerts in the store."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Run the early-warning detectors over the monthly data and list the alerts."""
    platform = get_platform()
    alerts = platform.watch.scan(as_of=as_of, months=months, save=save)
    data = _table(alerts) if fmt is OutputFormat.table else alerts
    title = f"Alerts as of {alerts.attrs.get('as_of')} ({alerts.attrs.get('new_alerts', 0)} new)"
    emit(data, fmt, synthetic=platform.synthetic, output=output, title=title)


@watch_app.command("alerts")
@handle_errors
def list_alerts(
    status: str = typer.Option(None, help="new, acknowledged or resolved."),
    severity: str = typer.Option(None, help="low, medium, high or critical."),
    limit: int = typer.Option(100, min=0, help="At most this many alerts (0: all)."),
    offset: int = typer.Option(0, min=0, help="Skip this many alerts (newest first)."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Alerts kept in the store, newest first."""
    platform = get_platform()
    alerts = platform.watch.alerts(status=status, severity=severity, limit=limit,
                                   offset=offset)
    data = _table(alerts) if fmt is OutputFormat.table else alerts
    emit(data, fmt, synthetic=platform.synthetic, output=output, title=_title("Alerts", alerts))


@watch_app.command()
@handle_errors
def ack(alert_id: str, note: str = typer.Option(None, help="A note kept with the alert.")) -> None:
    """Mark an alert acknowledged."""
    row = get_platform().watch.set_status(alert_id, "acknowledged", note)
    typer.echo(f"{row['alert_id']}: acknowledged")


@watch_app.command()
@handle_errors
def resolve(
    alert_id: str, note: str = typer.Option(None, help="A note kept with the alert.")
) -> None:
    """Mark an alert resolved."""
    row = get_platform().watch.set_status(alert_id, "resolved", note)
    typer.echo(f"{row['alert_id']}: resolved")


@watch_app.command()
@handle_errors
def backtest(
    episodes: Path = typer.Argument(None, help="Episodes YAML (default: the bundled China "
                                    "critical-minerals episodes)."),
    minerals: Path = typer.Option(None, help="Replay this minerals-monthly CSV instead of "
                                  "the store's monthly data."),
    start: str = typer.Option(None, help="First month to replay (YYYY-MM)."),
    end: str = typer.Option(None, help="Last month to replay (YYYY-MM)."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Replay the monthly data month by month as if live and score it against episodes."""
    platform = get_platform()
    result = platform.watch.backtest(episodes, minerals_file=minerals, start=start, end=end)
    if fmt is OutputFormat.json:
        emit(result.to_dict(), fmt, synthetic=platform.synthetic, output=output)
        return
    cols = ["episode", "partner", "product", "visible_in_data", "detected", "first_detection",
            "detector", "score", "lead_months_vs_announcement", "lead_months_vs_effective"]
    table = result.episodes[cols].copy()
    if fmt is OutputFormat.table:  # months as YYYY-MM, lead-time headers that fit
        table["first_detection"] = table["first_detection"].map(
            lambda m: "" if pd.isna(m) else f"{m:%Y-%m}")
        table = table.rename(columns={"visible_in_data": "visible",
                                      "first_detection": "first",
                                      "lead_months_vs_announcement": "lead_vs_ann",
                                      "lead_months_vs_effective": "lead_vs_eff"})
    emit(table, fmt, synthetic=platform.synthetic, output=output,
         title="Backtest per episode series")
    if fmt is OutputFormat.table:
        summary = {k: v for k, v in result.summary.items() if k != "thresholds"}
        emit([{"figure": k, "value": v} for k, v in summary.items()], fmt, title="Summary")


def register(app: typer.Typer) -> None:
    app.add_typer(watch_app, name="watch")
