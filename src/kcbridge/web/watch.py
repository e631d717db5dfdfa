"""Dashboard pages of the supply-chain watch: dependency table, alerts list, one alert."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kcbridge.errors import KcbridgeError
from kcbridge.watch.dependency import REGIMES

router = APIRouter(prefix="/watch", include_in_schema=False)


@router.get("", response_class=HTMLResponse)
def dependencies(request: Request, importer: str | None = None, regime: str | None = None,
                 sector: str | None = None, year: int | None = None) -> HTMLResponse:
    from kcbridge.web import render

    platform = request.app.state.platform
    error, rows = None, pd.DataFrame()
    try:
        rows = platform.watch.screen(importers=[importer] if importer else None, year=year,
                                     regime=regime or None, sector=sector or None, limit=300)
    except KcbridgeError as exc:
        error = str(exc)
    sectors = [s["id"] for s in platform.list_sectors()]
    return render(request, "watch/dependencies.html", rows=rows.to_dict("records"), error=error,
                  regimes=REGIMES, sectors=sectors,
                  filters={"importer": importer or "", "regime": regime or "",
                           "sector": sector or "", "year": year or ""})


@router.get("/alerts", response_class=HTMLResponse)
def alerts(
    request: Request, status: str | None = None, severity: str | None = None
) -> HTMLResponse:
    from kcbridge.web import render

    platform = request.app.state.platform
    error, rows = None, pd.DataFrame()
    try:
        rows = platform.watch.alerts(status=status or None, severity=severity or None, limit=300)
    except KcbridgeError as exc:
        error = str(exc)
    return render(request, "watch/alerts.html", rows=rows.to_dict("records"), error=error,
                  filters={"status": status or "", "severity": severity or ""})


@router.get("/alerts/{alert_id}", response_class=HTMLResponse)
def alert(request: Request, alert_id: str) -> HTMLResponse:
    from kcbridge.web import render

    platform = request.app.state.platform
    detail = platform.watch.alert(alert_id)
    chart = series_chart(detail["series"], detail["alert"], detail["measure"])
    return render(request, "watch/alert.html", alert=detail["alert"], chart=chart,
                  measure=detail["measure"],
                  alternatives=detail["alternatives"].to_dict("records"))


def series_chart(series: pd.DataFrame, alert_row: dict[str, Any], measure: str) -> Any:
    """Observed series, causal expected value with its band, and the detection marked."""
    if series.empty:
        return None
    df = series.copy()
    df["month"] = pd.to_datetime(df["month"]).dt.strftime("%Y-%m-01")
    base = alt.Chart(df).encode(x=alt.X("month:T", title="month"))
    band = base.mark_area(opacity=0.2).encode(y=alt.Y("lower:Q", title=measure), y2="upper:Q")
    expected = base.mark_line(strokeDash=[4, 3]).encode(y="expected:Q")
    observed = base.mark_line(point=True).encode(
        y="observed:Q", tooltip=["month:T", "observed:Q", "expected:Q", "z:Q"])
    hit = pd.DataFrame({"month": [pd.Timestamp(alert_row["month"]).strftime("%Y-%m-01")],
                        "label": [alert_row["detector"]]})
    rule = alt.Chart(hit).mark_rule(color="red", strokeWidth=2).encode(x="month:T",
                                                                         tooltip=["label:N"])
    return (band + expected + observed + rule).properties(width="container", height=320)
