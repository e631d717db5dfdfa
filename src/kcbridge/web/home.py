"""Home page: what the store holds, the capabilities, Korea-China trade at a glance."""

from __future__ import annotations

from typing import Any

import altair as alt
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kcbridge.web import SECTIONS, kept_view, platform_of, render

router = APIRouter(include_in_schema=False)

BLURBS = {
    "trade": "Where do Korea and China complement each other, and where do they compete? "
    "RCA, trade complementarity, export similarity, intra-industry trade, economic complexity.",
    "watch": "Which critical items is each side dependent on, and is something going wrong "
    "now? Dependency screening, monthly early warning, alternative suppliers.",
    "partners": "Who should work with whom, and is it safe? Registry, two-way cross-lingual "
    "matching, export-control screening, the cooperation guideline.",
    "docs": "What has been proposed, agreed and signed? News and policy texts in English, "
    "Korean and Chinese: actors, sectors, commitments over time.",
}


def bilateral_chart(platform: Any) -> Any:
    """Korea->China and China->Korea exports by year, or None without annual data."""
    annual = platform.store.table("trade_annual")
    pair = annual.filter(
        ((annual.exporter == "KOR") & (annual.importer == "CHN"))
        | ((annual.exporter == "CHN") & (annual.importer == "KOR"))
    )
    df = (
        pair.group_by(["year", "exporter"])
        .aggregate(value=pair.value_usd.sum())
        .order_by(["year", "exporter"])
        .to_pandas()
    )
    if df.empty:
        return None
    df["direction"] = df["exporter"].map({"KOR": "Korea → China", "CHN": "China → Korea"})
    df["value_bn"] = df["value"] / 1e9
    return (
        alt.Chart(df, title="Korea–China goods trade by year (bn USD)")
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="Year"),
            y=alt.Y("value_bn:Q", title="bn USD"),
            color=alt.Color("direction:N", title=None),
            tooltip=["year:O", "direction:N", alt.Tooltip("value_bn:Q", format=",.1f")],
        )
        .properties(width="container", height=260)
    )


def home_data(platform: Any) -> tuple[dict[str, Any], Any]:
    """The home page's status and chart spec (a Vega-Lite dict, or None)."""
    chart = bilateral_chart(platform)
    return platform.status(), (chart.to_dict() if chart is not None else None)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    platform = platform_of(request)
    # kept per data version: a repeated visit runs no summary query
    status, chart = kept_view(request, ("home",), lambda: home_data(platform))
    available = {item["href"] for item in request.app.state.nav}
    cards = [
        {"href": prefix, "label": label, "blurb": BLURBS[name], "ready": prefix in available}
        for name, prefix, label in SECTIONS
    ]
    return render(request, "home.html", status=status, cards=cards, chart=chart)
