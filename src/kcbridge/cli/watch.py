"""`kcbridge watch ...`: dependency screening, early-warning scans, alerts, backtests."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:  # pandas is imported where used: `kcbridge watch --help` stays fast
    import pandas as pd

ALERT_COLUMNS = ["alert_id", "reporter", "partner", "product", "flow", "month", "level",
                 "detectors", "severity", "score", "change", "breadth", "mirror", "status"]
#: the screen's columns in the terminal
SCREEN_COLUMNS = ["importer", "product", "imports", "top_supplier", "top_share", "import_hhi",
                  "alternatives", "rules"]
LEVEL_HELP = ("Only alerts of this level: watch (provisional, on its own month) or warning "
              "(confirmed by breadth, a multi-month detector, the month before or the "
              "month after).")


def _table(alerts):
    """The alert columns for the terminal, months as YYYY-MM."""
    out = alerts[ALERT_COLUMNS].copy()
    out["month"] = out["month"].map(lambda m: f"{m:%Y-%m}")
    return out


def _plain_table(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """:func:`_table` of alerts given as plain rows (:mod:`kcbridge.watch.answers`)."""
    from kcbridge.watch.answers import month_text

    return [{c: month_text(r[c]) if c == "month" else r[c] for c in ALERT_COLUMNS}
            for r in rows]


def _title(what: str, rows: pd.DataFrame) -> str:
    """``Alerts 101-200 of 1,234``: the rows shown of all that the filters match."""
    return _page_title(what, len(rows), rows.attrs.get("total"), rows.attrs.get("offset", 0))


def _page_title(what: str, shown: int, total: int | None, offset: int) -> str:
    if total is None:
        return what
    if not shown:
        return f"{what}: none after row {offset:,} ({total:,} in all)"
    return f"{what} {offset + 1:,}-{offset + shown:,} of {total:,}"


def _scan_title(as_of: object, new_alerts: object, unchanged_since: object) -> str:
    title = f"Alerts as of {as_of} ({new_alerts or 0} new)"
    if unchanged_since:  # a kept scan, not run again (WatchService.scan)
        title += f"; nothing changed since the scan of {unchanged_since}"
    return title


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
    platform = get_platform(read_only=True)
    kwargs: dict[str, Any] = {"importers": importer or None, "year": year, "regime": regime,
                              "sector": sector}
    if fmt is OutputFormat.table:  # the table as printed, kept per version of the flows
        def compute() -> dict[str, Any]:
            from kcbridge.watch.answers import plain_rows

            page = None if by else platform.watch.screen_rows(limit=limit, offset=offset,
                                                               **kwargs)
            if page is not None:  # the kept plain rows: no pandas (WatchService.screen_rows)
                return {"title": _page_title("Dependencies", len(page["rows"]), page["total"],
                                             offset),
                        "columns": SCREEN_COLUMNS,
                        "rows": [{c: r[c] for c in SCREEN_COLUMNS} for r in page["rows"]]}
            frame, title = _screen_table(platform, by, limit, offset, kwargs, fmt)
            return {"title": title, "columns": [str(c) for c in frame.columns],
                    "rows": plain_rows(frame)}

        answer = platform.watch.kept_answer(
            "cli_watch_screen", {**kwargs, "by": by, "limit": limit, "offset": offset},
            ["trade_annual"], ["kcbridge.cli.watch", "kcbridge.cli.common"], compute)
        emit(answer["rows"], fmt, synthetic=platform.synthetic, output=output,
             title=answer["title"], columns=answer["columns"])
        return
    data, title = _screen_table(platform, by, limit, offset, kwargs, fmt)
    emit(data, fmt, synthetic=platform.synthetic, output=output, title=title)


def _screen_table(platform: Any, by: str | None, limit: int | None, offset: int,
                  kwargs: dict[str, Any], fmt: OutputFormat) -> tuple[pd.DataFrame, str]:
    """The screen (or its roll-up ``by``) as ``fmt`` shows it, and its title."""
    if by:
        data = platform.watch.screen_rollup(by=by, **kwargs)
        if fmt is OutputFormat.table and "sector" in data.columns:  # names, not ids
            names = {s["id"]: s["name_en"] for s in platform.list_sectors()}
            data = data.assign(sector=data["sector"].map(lambda s: names.get(s, s)))
        return data, "Dependencies"
    data = platform.watch.screen(limit=limit, offset=offset, **kwargs)
    title = _title("Dependencies", data)
    if fmt is OutputFormat.table:
        data = data[SCREEN_COLUMNS]
    return data, title


@watch_app.command()
@handle_errors
def scan(
    as_of: str = typer.Option(None, "--as-of", help="Scan as of this month (YYYY-MM); "
                              "only data up to it are used. Default: the latest month."),
    months: int = typer.Option(1, help="Report the last N months up to --as-of."),
    save: bool = typer.Option(True, help="Keep new alerts in the store."),
    level: str = typer.Option(None, help=LEVEL_HELP),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Run the early-warning detectors over the monthly data and list the alerts, each
    with its level (watch = provisional, warning = confirmed)."""
    if level:  # checked before scanning: a wrong level must not save a scan
        from kcbridge.watch.alerts import check_level

        check_level(level)
    platform = get_platform()
    kept = (platform.watch.scan_rows(as_of=as_of, months=months, save=save)
            if fmt is OutputFormat.table else None)
    if kept is not None:  # the kept scan, read without pandas: the same table
        rows = [r for r in kept["rows"] if not level or r["level"] == level]
        emit(_plain_table(rows), fmt, synthetic=platform.synthetic, output=output,
             columns=ALERT_COLUMNS, title=_scan_title(kept["as_of"], kept.get("new_alerts"),
                                                      kept["unchanged_since"]))
        return
    alerts = platform.watch.scan(as_of=as_of, months=months, save=save)
    if level:  # every alert is kept; the listing shows the level asked for
        attrs = dict(alerts.attrs)
        alerts = alerts[alerts["level"] == level].reset_index(drop=True)
        alerts.attrs.update(attrs)
    data = _table(alerts) if fmt is OutputFormat.table else alerts
    title = _scan_title(alerts.attrs.get("as_of"), alerts.attrs.get("new_alerts", 0),
                        alerts.attrs.get("unchanged_since"))
    emit(data, fmt, synthetic=platform.synthetic, output=output, title=title)


@watch_app.command("alerts")
@handle_errors
def list_alerts(
    status: str = typer.Option(None, help="new, acknowledged or resolved."),
    severity: str = typer.Option(None, help="low, medium, high or critical."),
    level: str = typer.Option(None, help=LEVEL_HELP),
    limit: int = typer.Option(100, min=0, help="At most this many alerts (0: all)."),
    offset: int = typer.Option(0, min=0, help="Skip this many alerts (newest first)."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Alerts kept in the store, newest first."""
    platform = get_platform(read_only=True)
    plain = (platform.watch.alerts_rows(ALERT_COLUMNS, status=status, severity=severity,
                                        limit=limit, offset=offset, level=level)
             if fmt is OutputFormat.table else None)
    if plain is not None:  # plain SQL on DuckDB: the same table without pandas
        rows, total = plain
        emit(_plain_table(rows), fmt, synthetic=platform.synthetic, output=output,
             columns=ALERT_COLUMNS, title=_page_title("Alerts", len(rows), total, offset))
        return
    alerts = platform.watch.alerts(status=status, severity=severity, limit=limit,
                                   offset=offset, level=level)
    data = _table(alerts) if fmt is OutputFormat.table else alerts
    emit(data, fmt, synthetic=platform.synthetic, output=output, title=_title("Alerts", alerts))


@watch_app.command("alert")
@handle_errors
def show_alert(
    alert_id: str,
    alternatives: bool = typer.Option(True, help="Rank the alternative suppliers too "
                                      "(the contingency plan)."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """One alert in detail: its evidence, the month in each measure with its unit, the
    suppliers' shares before and after (imports) and the alternative suppliers."""
    platform = get_platform(read_only=True)
    detail = platform.watch.alert(alert_id, with_alternatives=alternatives)
    if fmt in (OutputFormat.json, OutputFormat.xlsx):
        emit(detail, fmt, synthetic=platform.synthetic, output=output,
             title=f"Alert {alert_id}")
        return
    if fmt is not OutputFormat.table:
        from kcbridge.errors import InputError

        raise InputError("An alert is several tables (evidence, measures, suppliers, "
                         "alternatives, series).",
                         hint="Use --format table, json, or xlsx --output FILE.xlsx.")
    emit(_evidence(detail), fmt, synthetic=platform.synthetic, columns=["", "value"],
         title=f"Alert {alert_id}")
    for key, title in (("measures", "The month in each measure"),
                       ("shares", "Suppliers before (12 months) and after (3 months), USD a month"),
                       ("alternatives", "Alternative suppliers (contingency plan)")):
        frame = detail.get(key)
        if frame is not None and len(frame):
            emit(frame.head(10), fmt, title=title)


def _evidence(detail: dict[str, Any]) -> list[dict[str, Any]]:
    """The alert's evidence as (field, value) rows for the terminal."""
    a = detail["alert"]
    month = a["month"]
    level = a.get("level") or "watch"
    confirmed = a.get("confirmed_month")
    if level == "warning":
        when = f" in {confirmed:%Y-%m}" if confirmed is not None and confirmed == confirmed else ""
        level = f"warning: confirmed{when} ({a.get('confirmation')})"
    else:
        level = "watch: provisional, not confirmed yet"
    rows = {"series": f"{a['reporter']} -> {a['partner']} · {a['product']} ({a['flow']})",
            "month": f"{month:%Y-%m}" if hasattr(month, "strftime") else str(month),
            "level": level, "detectors": a.get("detectors") or a.get("detector"),
            "measures": a.get("measures"), "severity": a.get("severity"),
            "score / threshold": f"{a.get('score', float('nan')):.2f} / "
                                 f"{a.get('threshold', float('nan')):.2f}",
            "family moving too": (f"{a['breadth']:.0%}" if a.get("breadth") is not None
                                  and a["breadth"] == a["breadth"] else "-"),
            "critical items": a.get("critical_items") or "-", "status": a.get("status")}
    history = detail.get("history")
    if history:
        note = {"falls": f" (short: until month {history['all_from']} only falls of "
                         f"{history['abrupt_move']:.0%} or more and family falls are judged)",
                "none": " (too short to be judged)"}.get(history["judged_by"], "")
        rows["history"] = f"{history['months']} observed months before{note}"
    return [{"": k, "value": "" if v is None else str(v)} for k, v in rows.items()]


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
    episodes_file: Path = typer.Argument(None, metavar="[EPISODES]",
                                         help="Episodes YAML (same as --episodes)."),
    episodes: Path = typer.Option(None, "--episodes", "-e",
                                  help="Episodes YAML: a path, or a bundled file by name "
                                  "(public_episodes.yaml: every public episode on both "
                                  "sides; default china_critical_minerals_episodes.yaml)."),
    minerals: Path = typer.Option(None, help="Replay this minerals-monthly CSV instead of "
                                  "the store's monthly data."),
    start: str = typer.Option(None, help="First month to replay (YYYY-MM)."),
    end: str = typer.Option(None, help="Last month to replay (YYYY-MM)."),
    history_from: str = typer.Option(None, "--history-from", help="Forget the data before "
                                     "this month (YYYY-MM), as if collection began then "
                                     "(--start keeps the earlier months as history)."),
    cutoff: str = typer.Option("2023-01", help="End of the window the thresholds were "
                               "chosen on (YYYY-MM): false alarms are split before/from it."),
    setting: list[str] = typer.Option(None, "--set", help="Override a threshold for this "
                                      "run, KEY=VALUE (repeatable), e.g. --set abrupt_move=0."),
    one_pass: bool = typer.Option(False, "--one-pass", help="One causal pass instead of a "
                                  "month-by-month live replay (same detections, faster)."),
    fmt: OutputFormat = FormatOption,
    output: Path = OutputOption,
) -> None:
    """Replay the monthly data month by month as if live and score it against episodes:
    per episode series whether it is visible in the raw numbers, detected, by which
    detector and how early; false alarms per 1,000 judged series-months, per detector."""
    import pandas as pd

    from kcbridge.watch.backtest import months_as_text
    from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS, parse_overrides

    platform = get_platform()
    thresholds = DEFAULT_THRESHOLDS.with_overrides(**parse_overrides(setting or []))
    result = platform.watch.backtest(episodes or episodes_file, minerals_file=minerals,
                                     start=start, end=end, live=not one_pass,
                                     thresholds=thresholds, cutoff=cutoff,
                                     history_from=history_from)
    if fmt is OutputFormat.json:
        emit(result.to_dict(), fmt, synthetic=platform.synthetic, output=output)
        return
    cols = ["episode", "reporter", "partner", "product", "flow", "visible_in_data",
            "first_watch", "detected", "within_target", "first_detection", "confirmed",
            "detector", "measure",
            "score", "lead_months_vs_announcement", "lead_months_vs_effective",
            "lead_days_vs_effective", "substitutes", "substitutes_rose"]
    table = result.episodes.reindex(columns=cols)
    if fmt is OutputFormat.table:  # months as YYYY-MM, whole months, columns that fit
        table = months_as_text(table)
        same = [c for c in ("reporter", "flow") if table[c].nunique() <= 1]
        # importer-side episodes only: the other suppliers of the product, and which rose
        subs = [] if table["substitutes"].fillna(0).astype(int).any() else \
            ["substitutes", "substitutes_rose"]
        table = table.drop(columns=[*same, *subs, "score", "lead_days_vs_effective"])
        table = table.rename(columns={"visible_in_data": "visible",
                                      "first_watch": "watch", "detected": "warned",
                                      "within_target": "in_time",
                                      "first_detection": "warning",
                                      "lead_months_vs_announcement": "lead_vs_ann",
                                      "lead_months_vs_effective": "lead_vs_eff"})
    emit(table, fmt, synthetic=platform.synthetic, output=output,
         title="Backtest per episode series")
    if fmt is OutputFormat.table:
        summary = {k: v for k, v in result.summary.items()
                   if k not in ("thresholds", "by_detector")}
        emit([{"figure": k, "value": v} for k, v in summary.items()], fmt, title="Summary")
        emit(pd.DataFrame(result.summary["by_detector"]), fmt,
             title="Provisional false alarms per detector (series without an "
             "episode), and how many of them were confirmed as warnings")


def register(app: typer.Typer) -> None:
    app.add_typer(watch_app, name="watch")
