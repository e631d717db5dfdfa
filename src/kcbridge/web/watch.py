"""Dashboard pages of the supply-chain watch: dependency table, alerts list, one alert."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import altair as alt
import pandas as pd
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kcbridge.errors import InputError, KcbridgeError
from kcbridge.watch.dependency import REGIMES
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS
from kcbridge.web.pager import (
    DEFAULT_PAGE_SIZE,
    PAGE_SIZES,
    is_whole_number,
    one_page,
    read_page,
    size_or_none,
)

router = APIRouter(prefix="/watch", include_in_schema=False)


@router.get("", response_class=HTMLResponse)
def dependencies(request: Request, importer: str | None = None, regime: str | None = None,
                 sector: str | None = None, year: str | None = None, page: str | None = None,
                 page_size: str | None = None) -> HTMLResponse:
    from kcbridge.web import platform_of, render

    platform = platform_of(request)
    filters = {"importer": importer or "", "regime": regime or "", "sector": sector or "",
               "year": year or ""}
    error, rows, pager, csv_url = None, pd.DataFrame(), None, None
    try:
        if year and not is_whole_number(year.strip()):
            raise InputError(f"Unreadable year {year!r}.", hint="Write a year like 2023.")
        number, size = read_page(page, page_size)
        query: dict[str, Any] = {"importers": [importer] if importer else None,
                 "year": int(year.strip()) if year else None,
                 "regime": regime or None, "sector": sector or None}
        rows, pager = one_page(
            lambda limit, offset: platform.watch.screen(**query, limit=limit, offset=offset),
            number, size, path="/watch", params=filters,
            nouns=("flagged product", "flagged products"))
        csv_url = "/api/watch/dependencies.csv?" + urlencode(
            {k: v for k, v in filters.items() if v})
    except KcbridgeError as exc:
        error = str(exc)
    sectors = [s["id"] for s in platform.list_sectors()]
    return render(request, "watch/dependencies.html", rows=rows.to_dict("records"), error=error,
                  regimes=REGIMES, sectors=sectors, pager=pager, csv_url=csv_url,
                  **sector_labels(platform),
                  year=rows.attrs.get("year"), page_sizes=PAGE_SIZES,
                  filters={**filters, "page_size": size_or_none(page_size) or DEFAULT_PAGE_SIZE})


@router.get("/alerts", response_class=HTMLResponse)
def alerts(
    request: Request, status: str | None = None, severity: str | None = None,
    level: str | None = None, page: str | None = None, page_size: str | None = None,
) -> HTMLResponse:
    from kcbridge.web import platform_of, render

    platform = platform_of(request)
    filters = {"status": status or "", "severity": severity or "", "level": level or ""}
    error, rows, pager, csv_url = None, pd.DataFrame(), None, None
    try:
        number, size = read_page(page, page_size)
        rows, pager = one_page(
            lambda limit, offset: platform.watch.alerts(
                status=status or None, severity=severity or None, level=level or None,
                limit=limit, offset=offset),
            number, size, path="/watch/alerts", params=filters, nouns=("alert", "alerts"))
        csv_url = "/api/watch/alerts.csv?" + urlencode({k: v for k, v in filters.items() if v})
    except KcbridgeError as exc:
        error = str(exc)
    return render(request, "watch/alerts.html", rows=rows.to_dict("records"), error=error,
                  pager=pager, csv_url=csv_url, page_sizes=PAGE_SIZES, **sector_labels(platform),
                  filters={**filters, "page_size": size_or_none(page_size) or DEFAULT_PAGE_SIZE})


@router.get("/alerts/{alert_id}", response_class=HTMLResponse)
def alert(request: Request, alert_id: str) -> HTMLResponse:
    from kcbridge.web import kept_view, platform_of, render

    platform = platform_of(request)
    # kept per data version (an alert's new status is a write): a repeated visit reads
    # no series from the engine
    context = kept_view(request, ("alert", alert_id), lambda: alert_context(platform, alert_id))
    return render(request, "watch/alert.html", **context)


def alert_context(platform: Any, alert_id: str) -> dict[str, Any]:
    """What the alert page shows: the alert, its chart as a Vega-Lite dict (or None), the
    measures, supplier shares and alternatives as records, and the sector labels."""
    detail = platform.watch.alert(alert_id)
    chart = series_chart(detail["series"], detail["alert"], detail["measure"],
                         unit=detail.get("unit", ""))
    return {"alert": detail["alert"], "chart": chart.to_dict() if chart is not None else None,
            "measure": detail["measure"], "unit": detail.get("unit", ""),
            "band_z": DEFAULT_THRESHOLDS.residual_z,
            "measures": detail["measures"].to_dict("records"),
            "history": detail.get("history"),
            "shares": detail["shares"].to_dict("records"),
            "alternatives": detail["alternatives"].to_dict("records"),
            **sector_labels(platform)}


def sector_labels(platform: Any) -> dict[str, Any]:
    """What the watch pages show for a sector id: ``sector_names`` (id -> English name)
    and ``sector_others`` (id -> ``Korean · Chinese`` name, shown on hover); the pages
    have no language of their own, so English is shown and the other two on hover."""
    sectors = platform.list_sectors()
    return {"sector_names": {s["id"]: s["name_en"] for s in sectors},
            "sector_others": {s["id"]: f"{s['name_ko']} · {s['name_zh']}" for s in sectors}}


#: months shown before and after the alert month
CHART_MONTHS_BEFORE, CHART_MONTHS_AFTER = 48, 12


def series_chart(series: pd.DataFrame, alert_row: dict[str, Any], measure: str,
                 unit: str = "") -> Any:
    """Observed series, causal expected value with its band, and the detection marked:
    the 48 months before the alert and 12 after, on a log scale (trade flows span
    orders of magnitude); the band is clipped to a factor of 3 around what was observed
    (after a collapse the band of later months widens without bound)."""
    if series.empty:
        return None
    month = pd.Timestamp(alert_row["month"]).to_period("M").to_timestamp()
    df = series.copy()
    df["month"] = pd.to_datetime(df["month"])
    df = df[(df["month"] >= month - pd.DateOffset(months=CHART_MONTHS_BEFORE))
            & (df["month"] <= month + pd.DateOffset(months=CHART_MONTHS_AFTER))]
    seen = df["observed"][df["observed"] > 0]
    if seen.empty:
        return None
    low, high = float(seen.min()) / 3.0, float(seen.max()) * 3.0
    for col in ("lower", "expected", "upper"):
        df[col] = df[col].clip(lower=low, upper=high)
    df["observed"] = df["observed"].where(df["observed"] > 0)
    df["month"] = df["month"].dt.strftime("%Y-%m-01")
    y_scale = alt.Scale(type="log", domain=[low, high])
    base = alt.Chart(df).encode(x=alt.X("month:T", title="month"))
    band = base.mark_area(opacity=0.25, color="#7aa6d6").encode(
        y=alt.Y("lower:Q", title=f"{measure.replace('_', ' ')}"
                f"{f' ({unit}, log scale)' if unit else ' (log scale)'}", scale=y_scale),
        y2="upper:Q")
    expected = base.mark_line(strokeDash=[4, 3], color="#555").encode(y="expected:Q")
    observed = base.mark_line(point=True, color="#1f4e8c").encode(
        y="observed:Q", tooltip=["month:T", "observed:Q", "expected:Q", "z:Q"])
    label = str(alert_row.get("detectors") or alert_row["detector"])
    at = df[df["month"] == month.strftime("%Y-%m-01")]
    hit = pd.DataFrame({"month": [month.strftime("%Y-%m-01")], "label": [label],
                        "observed": [at["observed"].iloc[0] if len(at) else None]})
    marker = alt.Chart(hit)
    rule = marker.mark_rule(color="red", strokeWidth=2).encode(x="month:T",
                                                                tooltip=["label:N"])
    point = marker.mark_point(color="red", size=160, filled=True).encode(
        x="month:T", y="observed:Q", tooltip=["label:N", "observed:Q"])
    return (band + expected + observed + rule + point).properties(width="container",
                                                                  height=320)


@router.get("/backtest", response_class=HTMLResponse)
def backtest(request: Request, episodes: str | None = None, start: str | None = None,
             end: str | None = None, history_from: str | None = None) -> HTMLResponse:
    """How the watch would have done on past episodes (kept per data version: the first
    visit replays the store, about 15 s on the demo store; later visits are instant)."""
    from kcbridge.watch.episodes import BUNDLED, bundled_only
    from kcbridge.web import kept_view, platform_of, render

    platform = platform_of(request)
    name = episodes or BUNDLED[0]
    form = {"episodes": name, "start": start or "", "end": end or "",
            "history_from": history_from or ""}
    error, context = None, {}
    try:
        bundled_only(name, "run `kcbridge watch backtest FILE` for your own")
        context = kept_view(request, ("backtest", name, start, end, history_from),
                            lambda: backtest_context(platform, name, start or None,
                                                     end or None, history_from or None))
    except KcbridgeError as exc:
        error = str(exc)
    return render(request, "watch/backtest.html", error=error, form=form, bundled=BUNDLED,
                  **context)


def backtest_context(platform: Any, episodes: str, start: str | None, end: str | None,
                     history_from: str | None) -> dict[str, Any]:
    """What the backtest page shows: the summary, the episode series (visible ones first,
    then those warned, then the rest) and the false alarms per detector, as records."""
    from kcbridge.watch.backtest import months_as_text

    result = platform.watch.backtest(episodes, start=start, end=end, live=False,
                                     history_from=history_from)
    table = result.episodes.copy()
    if len(table):
        table = table.sort_values(["visible_in_data", "detected", "episode", "partner"],
                                  ascending=[False, False, True, True], kind="stable")
        table = months_as_text(table)
        for col in ("note", "substitutes_rose", "detector", "measure"):
            table[col] = table[col].fillna("") if col in table else ""
    s = result.summary
    headline = [
        ("Months replayed, series", f"{s['months']}, {s['series']:,}"),
        ("Visible episode series warned in time",
         f"{s['visible_detected_within_target']} of {s['visible_episode_series']}"),
        ("Episode series warned (any, visible or not)",
         f"{s['episode_series_detected']} of {s['episode_series']}"),
        ("False warnings per 1,000 judged series-months (series without an episode)",
         f"{s['false_alarms_per_1000']} = {s['false_alarms']} / "
         f"{s['series_months_no_episode']:,}"),
        (f"Warnings in the quiet period before the first episode ({s['quiet_period']}), "
         "per 1,000", f"{s['quiet_alarms_per_1000']} = {s['quiet_alarms']} / "
         f"{s['quiet_series_months']:,}") if s["quiet_period"] else
        ("Quiet period", "none: an episode window opens in the first months replayed"),
        ("Substitute series that rose (importer side)",
         f"{s['substitute_series_rose']} of {s['substitute_series']}"),
    ]
    return {"headline": headline, "rows": table.to_dict("records"),
            "by_detector": s["by_detector"], "synthetic": platform.synthetic}
