"""Dashboard pages of the trade capability: complementarity by sector, drill-down from a
sector to its products, ECI ranking, and the explorer views of issue 14 (bilateral
explorer, treemap, time series, the product-space network). Each page links its tables
as an Excel workbook (the API with ``format=xlsx``).

A KcbridgeError (an unknown country: 404; a year not loaded: 404; a bad option: 422)
propagates to the app's handler, which renders the error page with that status.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import altair as alt
import pandas as pd
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kcbridge.errors import InputError
from kcbridge.trade import charts
from kcbridge.trade.sections import section_table
from kcbridge.web import platform_of

router = APIRouter(prefix="/trade", include_in_schema=False)


def _year(value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    if not value.strip().isdigit():
        raise InputError(f"Invalid year {value!r}.", hint="Give a year such as 2023, or none.")
    return int(value)


def fmt_number(value: Any, decimals: int = 2) -> str:
    """A number with ``decimals`` decimals, never ``-0.00`` (a tiny negative rounds to
    ``0.00``), empty for missing values."""
    if value is None or value != value:  # None or NaN
        return ""
    text = f"{float(value):,.{decimals}f}"
    if text.startswith("-") and float(text[1:].replace(",", "")) == 0:
        text = text[1:]
    return text


def fmt_money(value: Any) -> str:
    """USD as ``1.23 bn`` / ``45.6 m`` / ``789 k``."""
    if value is None or value != value:
        return ""
    v = float(value)
    for size, unit, d in ((1e9, "bn", 2), (1e6, "m", 1), (1e3, "k", 0)):
        if abs(v) >= size:
            return f"{fmt_number(v / size, d)} {unit}"
    return fmt_number(v, 0)


def excel_link(endpoint: str, **params: Any) -> str:
    """The API address of a page's tables as an Excel workbook."""
    query = {k: v for k, v in params.items() if v not in (None, "")}
    query["format"] = "xlsx"
    return f"/api/trade/{endpoint}?{urlencode(query)}"


def _register_filters() -> None:
    from kcbridge.web import templates

    templates.env.filters.setdefault("num", fmt_number)
    templates.env.filters.setdefault("money", fmt_money)


_register_filters()


@router.get("", response_class=HTMLResponse)
def complementarity_page(
    request: Request, a: str = "KOR", b: str = "CHN", year: str | None = None, by: str = "sector"
) -> HTMLResponse:
    from kcbridge.web import render

    platform = platform_of(request)
    report = platform.trade.complementarity(a, b, _year(year), by=by, top=5)
    chart = sector_chart(report.table, report.a, report.b, report.margin,
                         group_names(report.by))
    return render(
        request,
        "trade/complementarity.html",
        error=None,
        report=report,
        rows=report.table.to_dict("records"),
        chart=chart,
        names=group_names(report.by),
        filters={"a": a, "b": b, "year": year or "", "by": by},
        excel=excel_link("complementarity", a=report.a, b=report.b, year=report.year,
                         by=report.by, top=5),
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

    platform = platform_of(request)
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
        names=group_names(report.by),
        excel=excel_link("complementarity", a=report.a, b=report.b, year=report.year,
                         by=report.by, sector=sector, top=25),
    )


@router.get("/complexity", response_class=HTMLResponse)
def complexity_page(request: Request, year: str | None = None) -> HTMLResponse:
    from kcbridge.web import render

    platform = platform_of(request)
    view = platform.trade.complexity(_year(year))
    return render(
        request,
        "trade/complexity.html",
        error=None,
        view=view,
        chart=eci_chart(view.eci),
        rows=view.eci.to_dict("records"),
        products=view.pci.head(30).to_dict("records"),
        filters={"year": year or ""},
        excel=excel_link("complexity", year=view.year),
    )


@router.get("/product-space", response_class=HTMLResponse)
def product_space_page(
    request: Request, country: str = "KOR", year: str | None = None
) -> HTMLResponse:
    from kcbridge.web import render

    platform = platform_of(request)
    view = platform.trade.network(country, _year(year), top=20)
    return render(
        request,
        "trade/product_space.html",
        view=view,
        chart=platform.trade.kept(  # the 1,200-node spec is built once per data version
            ("network-chart", view.country, view.year),
            lambda: charts.network_chart(view.nodes, view.edges, view.country).to_dict(
                validate=False)),
        opportunities=view.opportunities.to_dict("records"),
        exported=int(view.nodes["exported"].sum()),
        sections=section_table().to_dict("records"),
        filters={"country": view.country, "year": year or ""},
        excel=excel_link("product-space/network", country=view.country, year=view.year),
    )


LEVEL_LABELS = {"section": "HS section", "sector": "cooperation sector",
                "chapter": "HS chapter (2-digit)", "heading": "HS heading (4-digit)",
                "product": "HS product (6-digit)"}


@router.get("/flows", response_class=HTMLResponse)
def flows_page(request: Request, a: str = "KOR", b: str = "CHN", year: str | None = None,
               by: str = "section", top: str = "15") -> HTMLResponse:
    from kcbridge.web import render

    platform = platform_of(request)
    if by not in LEVEL_LABELS:
        raise InputError(f"Unknown level {by!r}.", hint=f"Use one of {', '.join(LEVEL_LABELS)}.")
    lines = _year(top) or 15
    view = platform.trade.explore(a, b, _year(year), by=by, top=lines)
    totals = view.totals.set_index("year").loc[view.year].to_dict()
    return render(
        request,
        "trade/flows.html",
        view=view,
        totals=totals,
        directions=[(d, part.to_dict("records")) for d, part in
                    view.table.groupby("direction", sort=False)],
        bars=charts.flows_bars(view.table, view.by),
        trend=charts.totals_chart(view.totals, view.a, view.b),
        levels=LEVEL_LABELS,
        filters={"a": view.a, "b": view.b, "year": year or "", "by": by, "top": lines},
        excel=excel_link("flows", a=view.a, b=view.b, year=view.year, by=view.by, top=lines),
    )


@router.get("/treemap", response_class=HTMLResponse)
def treemap_page(request: Request, country: str = "KOR", partner: str = "CHN",
                 year: str | None = None, flow: str = "exports",
                 depth: str = "heading") -> HTMLResponse:
    from kcbridge.web import render

    platform = platform_of(request)
    view = platform.trade.treemap(country, partner or None, _year(year), flow=flow,
                                  depth=depth)
    sections = (view.table.groupby("section", as_index=False)["value_usd"].sum()
                .merge(section_table(), on="section")
                .sort_values("value_usd", ascending=False))
    sections["share"] = sections["value_usd"] / view.total_usd
    return render(
        request,
        "trade/treemap.html",
        view=view,
        chart=platform.trade.kept(
            ("treemap-chart", view.country, view.partner, view.year, view.flow, view.depth),
            lambda: charts.treemap_chart(view.table).to_dict(validate=False)),
        sections=sections.to_dict("records"),
        tiles=view.table.head(25).to_dict("records"),
        filters={"country": view.country, "partner": partner, "year": year or "",
                 "flow": flow, "depth": depth},
        excel=excel_link("treemap", country=view.country, partner=partner or None,
                         year=view.year, flow=flow, depth=depth),
    )


@router.get("/series", response_class=HTMLResponse)
def series_page(request: Request, a: str = "KOR", b: str = "CHN", product: str = "",
                sector: str = "") -> HTMLResponse:
    from kcbridge.web import render

    platform = platform_of(request)
    view = platform.trade.series(a, b or None, product=product or None, sector=sector or None)
    annual = view.annual.pivot_table(index="year", columns="direction", values="value_usd",
                                     aggfunc="sum").reset_index()
    return render(
        request,
        "trade/series.html",
        view=view,
        chart=charts.series_chart(view.annual, "year", f"{view.what}: by year"),
        monthly=(charts.series_chart(view.monthly, "month", f"{view.what}: by month")
                 if not view.monthly.empty else None),
        directions=[c for c in annual.columns if c != "year"],
        rows=annual.to_dict("records"),
        sectors=platform.list_sectors(),
        filters={"a": view.a, "b": b, "product": product, "sector": sector},
        excel=excel_link("series", a=view.a, b=b or None, product=product or None,
                         sector=sector or None),
    )


#: end-use stages (BEC-based) in three languages
END_USE_NAMES = {
    "intermediate": {"en": "Intermediate goods", "ko": "중간재", "zh": "中间品"},
    "capital": {"en": "Capital goods", "ko": "자본재", "zh": "资本品"},
    "consumer": {"en": "Consumer goods", "ko": "소비재", "zh": "消费品"},
}


def group_names(by: str) -> dict[str, dict[str, str]]:
    """Display names of the groups of ``by``: sectors and end-use stages in English,
    Korean and Chinese; HS chapters by their English name ("85 Electrical machinery and
    equipment"; the nomenclature has no Korean or Chinese names in kcbridge); ``all`` as
    it is."""
    if by == "end_use":
        return END_USE_NAMES
    if by == "chapter":
        from kcbridge.reference.products import product_table

        chapters = product_table("HS2012")
        chapters = chapters[chapters["level"] == 2]
        return {c: {"en": f"{c} {n}", "ko": "", "zh": ""}
                for c, n in zip(chapters["code"], chapters["name_short"], strict=True)}
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
    r: Any  # a row of the table (a namedtuple with its columns)
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
    df["label_y"] = charts.place_labels(df, "esi", "tci", "group")
    labels = alt.Chart(df).mark_text(align="left", dx=6, fontSize=10, color="#333").encode(
        x=x, y=alt.Y("label_y:Q", scale=alt.Scale(domain=[0, 100])), text="group:N")
    leaders = alt.Chart(df[(df["label_y"] - df["tci"]).abs() > 0.5]).mark_rule(
        color="#999", strokeWidth=0.5).encode(x=x, y="tci:Q", y2="label_y:Q")
    return (guides + spread + points + leaders + labels).properties(width="container",
                                                                     height=440)


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
