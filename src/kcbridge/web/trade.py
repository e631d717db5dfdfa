"""Dashboard pages of issue 3: complementarity by sector, ECI ranking, product space,
drill-down from a sector to its products."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kcbridge.errors import KcbridgeError

router = APIRouter(prefix="/trade", include_in_schema=False)


def _year(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


@router.get("", response_class=HTMLResponse)
def complementarity_page(
    request: Request, a: str = "KOR", b: str = "CHN", year: str | None = None, by: str = "sector"
) -> HTMLResponse:
    from kcbridge.web import render

    platform = request.app.state.platform
    error, report, chart = None, None, None
    try:
        report = platform.trade.complementarity(a, b, _year(year), by=by, top=5)
        chart = sector_chart(report.table, report.a, report.b, report.margin,
                             group_names(report.by))
    except KcbridgeError as exc:
        error = str(exc)
    rows = report.table.to_dict("records") if report is not None else []
    return render(
        request,
        "trade/complementarity.html",
        error=error,
        report=report,
        rows=rows,
        chart=chart,
        names=group_names(report.by) if report is not None else {},
        filters={"a": a, "b": b, "year": year or "", "by": by},
    )


@router.get("/sector/{group}", response_class=HTMLResponse)
def sector_page(
    request: Request,
    group: str,
    a: str = "KOR",
    b: str = "CHN",
    year: str | None = None,
    by: str = "sector",
) -> HTMLResponse:
    from kcbridge.web import render

    platform = request.app.state.platform
    sector = group if by == "sector" else None
    report = platform.trade.complementarity(a, b, _year(year), sector, by=by, top=25)
    comp = report.top_complementary
    compet = report.top_competing
    if by != "sector":
        comp, compet = comp[comp["group"] == group], compet[compet["group"] == group]
    trend = report.trend[report.trend["group"] == group]
    return render(
        request,
        "trade/sector.html",
        report=report,
        group=group,
        row=report.table[report.table["group"] == group].to_dict("records"),
        complementary=comp.to_dict("records"),
        competing=compet.to_dict("records"),
        chart=trend_chart(trend, report.a, report.b),
    )


@router.get("/complexity", response_class=HTMLResponse)
def complexity_page(request: Request, year: str | None = None) -> HTMLResponse:
    from kcbridge.web import render

    platform = request.app.state.platform
    error, view, chart = None, None, None
    try:
        view = platform.trade.complexity(_year(year))
        chart = eci_chart(view.eci)
    except KcbridgeError as exc:
        error = str(exc)
    return render(
        request,
        "trade/complexity.html",
        error=error,
        view=view,
        chart=chart,
        rows=view.eci.to_dict("records") if view is not None else [],
        products=view.pci.head(30).to_dict("records") if view is not None else [],
        filters={"year": year or ""},
    )


@router.get("/product-space", response_class=HTMLResponse)
def product_space_page(
    request: Request, country: str = "KOR", year: str | None = None
) -> HTMLResponse:
    from kcbridge.web import render

    platform = request.app.state.platform
    error, chart, opportunities = None, None, []
    try:
        space = platform.trade.product_space(country, _year(year), max_products=600)
        chart = product_space_chart(space["nodes"], country.upper())
        opportunities = platform.trade.opportunities(country, _year(year), top=20).to_dict(
            "records"
        )
    except KcbridgeError as exc:
        error = str(exc)
    return render(
        request,
        "trade/product_space.html",
        error=error,
        chart=chart,
        opportunities=opportunities,
        filters={"country": country, "year": year or ""},
    )


def group_names(by: str) -> dict[str, dict[str, str]]:
    """Display names of the groups of ``by``: sectors get their English, Korean and
    Chinese names; other groupings (end use, HS chapter) are shown as they are."""
    if by != "sector":
        return {}
    from kcbridge.reference.sectors import sector_taxonomy

    return {s.id: {"en": s.name_en, "ko": s.name_ko, "zh": s.name_zh}
            for s in sector_taxonomy()}


#: verdict colours of the sector chart (as the verdict cells of the table)
VERDICT_COLOURS = {"complementary": "#1e8449", "mixed": "#7f8c8d", "competing": "#c0392b"}


def sector_chart(table: pd.DataFrame, a: str, b: str, margin: float = 10.0,
                 names: dict[str, dict[str, str]] | None = None) -> Any:
    """One point per group at (export similarity ESI, mean TCI of the two directions),
    coloured by verdict, with a bar from one direction's TCI to the other's. Above the
    upper dashed line the group is complementary (mean TCI beats ESI by ``margin``),
    below the lower one competing: the chart shows the verdict rule itself."""
    rows = []
    for r in table.itertuples():
        tcis = [v for v in (r.tci_ab, r.tci_ba) if pd.notna(v)]
        if not tcis or pd.isna(r.esi):
            continue
        label = (names or {}).get(r.group, {}).get("en", r.group)
        rows.append({"group": label, "esi": r.esi, "tci": sum(tcis) / len(tcis),
                     "low": min(tcis), "high": max(tcis), "verdict": r.verdict,
                     f"tci_{a}_{b}": r.tci_ab, f"tci_{b}_{a}": r.tci_ba})
    if not rows:
        return None
    df = pd.DataFrame(rows)
    lines = pd.DataFrame({"x": [0, 100, 0, 100 - margin, margin, 100],
                          "y": [0, 100, margin, 100, 0, 100 - margin],
                          "line": ["equal", "equal", "upper", "upper", "lower", "lower"]})
    guides = (
        alt.Chart(lines).mark_line(color="#999", strokeDash=[4, 4], strokeWidth=1)
        .encode(x="x:Q", y="y:Q", detail="line:N")
    )
    x = alt.X("esi:Q", title="Export similarity ESI (competition)",
              scale=alt.Scale(domain=[0, 100]))
    colour = alt.Color("verdict:N", title="Verdict",
                       scale=alt.Scale(domain=list(VERDICT_COLOURS),
                                       range=list(VERDICT_COLOURS.values())),
                       legend=alt.Legend(orient="bottom"))
    spread = alt.Chart(df).mark_rule(strokeWidth=2, opacity=0.5).encode(
        x=x, y=alt.Y("low:Q", scale=alt.Scale(domain=[0, 100])), y2="high:Q", color=colour)
    tooltip = ["group:N", "verdict:N", alt.Tooltip("tci:Q", title="mean TCI", format=".1f"),
               alt.Tooltip(f"tci_{a}_{b}:Q", title=f"TCI {a}->{b}", format=".1f"),
               alt.Tooltip(f"tci_{b}_{a}:Q", title=f"TCI {b}->{a}", format=".1f"),
               alt.Tooltip("esi:Q", title="ESI", format=".1f")]
    points = alt.Chart(df).mark_circle(size=110, opacity=0.9).encode(
        x=x,
        y=alt.Y("tci:Q", title=f"Trade complementarity TCI (mean of {a}->{b} and {b}->{a})",
                scale=alt.Scale(domain=[0, 100])),
        color=colour, tooltip=tooltip)
    labels = points.mark_text(align="left", dx=8, dy=-6, fontSize=10).encode(
        text="group:N", color=alt.value("#333"))
    return (guides + spread + points + labels).properties(width="container", height=440)


def trend_chart(trend: pd.DataFrame, a: str, b: str) -> Any:
    if trend.empty:
        return None
    long = trend.melt(id_vars=["year"], value_vars=["tci_ab", "tci_ba", "esi"], var_name="index")
    long["index"] = long["index"].map(
        {"tci_ab": f"TCI {a}->{b}", "tci_ba": f"TCI {b}->{a}", "esi": "ESI"}
    )
    return (
        alt.Chart(long)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O"),
            y=alt.Y("value:Q", title="index (0-100)"),
            color="index:N",
            tooltip=["year:O", "index:N", alt.Tooltip("value:Q", format=".1f")],
        )
        .properties(width="container", height=260)
    )


def eci_chart(eci: pd.DataFrame, top: int = 40) -> Any:
    df = eci.head(top)
    highlight = alt.condition(
        alt.FieldOneOfPredicate(field="country", oneOf=["KOR", "CHN"]),
        alt.value("#c0392b"),
        alt.value("#4a6fa5"),
    )
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("eci:Q", title="ECI"),
            y=alt.Y("country:N", sort="-x", title=None),
            color=highlight,
            tooltip=["rank:Q", "country:N", "name:N", alt.Tooltip("eci:Q", format=".3f")],
        )
        .properties(width="container", height=14 * len(df))
    )


def product_space_chart(nodes: pd.DataFrame, country: str) -> Any:
    df = nodes.assign(status=nodes["exported"].map({True: "exported (RCA >= 1)", False: "not yet"}))
    return (
        alt.Chart(df)
        .mark_circle(opacity=0.7)
        .encode(
            x=alt.X("density:Q", title=f"Density around {country}'s exports (closeness)"),
            y=alt.Y("pci:Q", title="Product complexity (PCI)"),
            color=alt.Color("status:N", title=None),
            size=alt.Size("ubiquity:Q", legend=None),
            tooltip=[
                "product:N",
                "name:N",
                alt.Tooltip("pci:Q", format=".2f"),
                alt.Tooltip("density:Q", format=".3f"),
                alt.Tooltip("rca:Q", format=".2f"),
            ],
        )
        .properties(width="container", height=420)
    )
