"""Vega-Lite charts (Altair) of the explorer views, drawn by the dashboard's vendored
vega scripts: bars of the bilateral explorer, the treemap, time series and the
product-space network. Pure: a view's frames in, a chart out (no I/O, no store)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from kcbridge.trade.sections import section_table

MONEY = ",.3s"


def _section_scale() -> alt.Scale:
    s = section_table()
    return alt.Scale(domain=s["name_en"].tolist(), range=s["colour"].tolist())


def flows_bars(table: pd.DataFrame, by: str, top: int = 12) -> Any:
    """Top lines of each direction as horizontal bars (value in USD), side by side."""
    charts = []
    for direction, part in table.groupby("direction", sort=False):
        part = part.head(top).copy()
        names = part["name"] if "name" in part.columns else part[by]
        part["label"] = [  # sectors by name only: their ids are not for readers
            (str(n) if by == "sector" else f"{g} {n}")[:48] if isinstance(n, str) and n
            else str(g) for g, n in zip(part[by], names, strict=True)]
        part["share_pct"] = part["share"] * 100
        charts.append(
            alt.Chart(part, title=str(direction)).mark_bar(color="#1e63b5").encode(
                x=alt.X("value_usd:Q", title="USD", axis=alt.Axis(format="~s")),
                y=alt.Y("label:N", sort="-x", title=None),
                tooltip=[alt.Tooltip(f"{by}:N"), "label:N",
                         alt.Tooltip("value_usd:Q", format=MONEY, title="USD"),
                         alt.Tooltip("share_pct:Q", format=".1f", title="share %"),
                         alt.Tooltip("change_pct:Q", format=".1f", title="change %"),
                         "trend:N"],
            ).properties(width=330, height=max(120, 22 * len(part)))
        )
    return alt.hconcat(*charts)


def totals_chart(totals: pd.DataFrame, a: str, b: str) -> Any:
    """Exports both ways by year."""
    long = totals.melt(id_vars="year", value_vars=["exports_ab", "exports_ba"],
                       var_name="direction", value_name="value_usd")
    long["direction"] = long["direction"].map({"exports_ab": f"{a}->{b}",
                                               "exports_ba": f"{b}->{a}"})
    return alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("year:O", title=None),
        y=alt.Y("value_usd:Q", title="USD", axis=alt.Axis(format="~s")),
        color=alt.Color("direction:N", title=None),
        tooltip=["year:O", "direction:N", alt.Tooltip("value_usd:Q", format=MONEY)],
    ).properties(width="container", height=220)


def treemap_chart(tiles: pd.DataFrame, width: float = 1000.0, height: float = 600.0,
                  label_share: float = 0.006) -> Any:
    """Rectangles coloured by HS section; tiles above ``label_share`` of the total carry
    their heading's (or chapter's) name."""
    leaf = "heading" if "heading" in tiles.columns else "chapter"
    df = tiles.copy()
    df["label"] = [f"{c} {n}" if isinstance(n, str) else str(c)
                   for c, n in zip(df[leaf], df[f"{leaf}_name"], strict=True)]
    df["share_pct"] = df["share"] * 100
    df["tx"], df["ty"] = df["x0"] + 4, df["y0"] + 4
    df["width_px"] = df["x1"] - df["x0"]
    df = df[["x0", "y0", "x1", "y1", "tx", "ty", "width_px", "share", "share_pct", "value_usd",
             "label", "section_name", "section_ko", "section_zh"]].round(
        {"x0": 2, "y0": 2, "x1": 2, "y1": 2, "tx": 1, "ty": 1, "share_pct": 3})
    x = alt.X("x0:Q", axis=None, scale=alt.Scale(domain=[0, width], nice=False))
    y = alt.Y("y0:Q", axis=None, scale=alt.Scale(domain=[0, height], nice=False, reverse=True))
    tooltip = ["section_name:N", "section_ko:N", "section_zh:N", "label:N",
               alt.Tooltip("value_usd:Q", format=MONEY, title="USD"),
               alt.Tooltip("share_pct:Q", format=".2f", title="share %")]
    rects = alt.Chart(df).mark_rect(stroke="white", strokeWidth=0.6).encode(
        x=x, x2="x1:Q", y=y, y2="y1:Q",
        color=alt.Color("section_name:N", title="HS section", scale=_section_scale(),
                        legend=alt.Legend(orient="bottom", columns=3, labelLimit=260)),
        tooltip=tooltip)
    # a label fits its tile: about 5.5 units a character at 10 px, one line of 14 units
    df["tag"] = [lab[: max(int((w - 8) / 5.5), 0)] for lab, w in
                   zip(df["label"], df["width_px"], strict=True)]
    big = df[(df["share"] >= label_share) & (df["width_px"] > 40) & (df["y1"] - df["y0"] > 16)]
    labels = alt.Chart(big).mark_text(align="left", baseline="top", fontSize=10,
                                      color="white", limit=140).encode(
        x=alt.X("tx:Q", scale=alt.Scale(domain=[0, width], nice=False), axis=None),
        y=alt.Y("ty:Q", scale=alt.Scale(domain=[0, height], nice=False, reverse=True),
                axis=None),
        text="tag:N")
    return (rects + labels).properties(width="container", height=560)


def series_chart(frame: pd.DataFrame, key: str, title: str) -> Any:
    """One line per direction over ``key`` (``year`` or ``month``)."""
    kind = "O" if key == "year" else "T"
    return alt.Chart(frame, title=title).mark_line(point=key == "year").encode(
        x=alt.X(f"{key}:{kind}", title=None),
        y=alt.Y("value_usd:Q", title="USD", axis=alt.Axis(format="~s")),
        color=alt.Color("direction:N", title=None),
        tooltip=[f"{key}:{kind}", "direction:N", alt.Tooltip("value_usd:Q", format=MONEY)],
    ).properties(width="container", height=260)


def network_chart(nodes: pd.DataFrame, edges: pd.DataFrame, country: str) -> Any:
    """The product space: links in grey (tree darker than strong links), products as
    circles coloured by section, pale unless ``country`` exports them with RCA >= 1,
    opportunities ringed in black with their rank."""
    pos = nodes.set_index("product")[["x", "y"]]
    e = edges.copy()
    e["x"], e["y"] = e["source"].map(pos["x"]), e["source"].map(pos["y"])
    e["x2"], e["y2"] = e["target"].map(pos["x"]), e["target"].map(pos["y"])
    e = e.dropna(subset=["x", "y", "x2", "y2"])[["x", "y", "x2", "y2", "kind"]].round(4)
    n = nodes[["product", "name", "x", "y", "section_name", "section_ko", "section_zh", "pci",
               "rca", "density", "exported", "opportunity"]].copy()
    n[["x", "y", "pci", "rca", "density"]] = n[["x", "y", "pci", "rca", "density"]].round(4)
    n["status"] = n["exported"].map({True: f"{country} exports (RCA >= 1)",
                                     False: "not exported"})
    n["rca"] = n["rca"].fillna(0.0)
    scale_x = alt.Scale(domain=[-0.02, 1.02], nice=False)
    scale_y = alt.Scale(domain=[-0.02, 1.02], nice=False)
    x = alt.X("x:Q", axis=None, scale=scale_x)
    y = alt.Y("y:Q", axis=None, scale=scale_y)
    tree_links = alt.Chart(e[e["kind"] == "tree"]).mark_rule(
        strokeWidth=0.7, color="#a8a8a8").encode(x=x, y=y, x2="x2:Q", y2="y2:Q")
    strong = alt.Chart(e[e["kind"] != "tree"]).mark_rule(
        strokeWidth=0.5, color="#d6d6d6").encode(x=x, y=y, x2="x2:Q", y2="y2:Q")
    tooltip = ["product:N", "name:N", "section_name:N", "section_ko:N", "section_zh:N",
               alt.Tooltip("pci:Q", format=".2f"), alt.Tooltip("rca:Q", format=".2f"),
               alt.Tooltip("density:Q", format=".3f"), "opportunity:Q"]
    circles = alt.Chart(n).mark_circle(stroke="#333", strokeWidth=0.2).encode(
        x=x, y=y,
        color=alt.Color("section_name:N", title="HS section", scale=_section_scale(),
                        legend=alt.Legend(orient="bottom", columns=3, labelLimit=260)),
        opacity=alt.condition("datum.exported", alt.value(0.95), alt.value(0.22)),
        size=alt.condition("datum.exported", alt.value(70), alt.value(28)),
        tooltip=tooltip)
    opp = n[n["opportunity"].notna()].copy()
    opp["opportunity"] = opp["opportunity"].astype(int)
    rings = alt.Chart(opp).mark_point(shape="circle", size=190, stroke="black",
                                      strokeWidth=2, filled=False).encode(
        x=x, y=y, tooltip=tooltip)
    ranks = alt.Chart(opp).mark_text(dy=-11, fontSize=10, fontWeight="bold").encode(
        x=x, y=y, text="opportunity:Q")
    return (strong + tree_links + circles + rings + ranks).properties(width="container",
                                                                      height=640)


def place_labels(points: pd.DataFrame, x: str, y: str, label: str,
                 char_width: float = 0.95, line_height: float = 3.0) -> pd.Series:
    """A ``y`` for each point's label so that labels do not overlap (greedy, largest
    ``y`` first): a label moves down or up by a line until it is clear of those already
    placed. Units are the data's; ``char_width`` is one character's width in x units."""
    placed: list[tuple[float, float, float]] = []  # x0, x1, y
    out = pd.Series(index=points.index, dtype=float)
    order = points.sort_values(y, ascending=False).index
    for i in order:
        px, py = float(points[x].loc[i]), float(points[y].loc[i])
        w = len(str(points.at[i, label])) * char_width
        x0, x1 = px + 1.5, px + 1.5 + w
        for k in range(0, 40):
            step = (k + 1) // 2 * line_height * (1 if k % 2 else -1)
            cand = py + step
            if all(not (x0 < b1 and b0 < x1 and abs(cand - by) < line_height)
                   for b0, b1, by in placed):
                break
        placed.append((x0, x1, cand))
        out[i] = cand
    return out
