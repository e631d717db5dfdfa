"""The explorer views through the service, the CLI, the API and the dashboard, on the tiny
SYNTHETIC demo world: numbers that add up, Excel files with the JSON's rows, and unknown
countries as 404 in the one error shape (an error page on the dashboard)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from tests.conftest import assert_error_shape

from kcbridge.cli import app as cli_app
from kcbridge.errors import NotFoundError

HTML = {"accept": "text/html"}


def _pair(platform, year):
    t = platform.store.table("trade_annual")
    t = t.filter((t.year == year) & (((t.exporter == "KOR") & (t.importer == "CHN"))
                                     | ((t.exporter == "CHN") & (t.importer == "KOR"))))
    return t.to_pandas()


def test_explore_adds_up_to_the_stored_flows(demo_platform):
    view = demo_platform.trade.explore("KOR", "CHN", by="section", top=None)
    raw = _pair(demo_platform, view.year)
    kor = view.table[view.table["direction"] == "KOR->CHN"]
    stored = raw.loc[raw["exporter"] == "KOR", "value_usd"].sum()
    assert kor["value_usd"].sum() == pytest.approx(stored, rel=1e-9)
    assert kor["share"].sum() == pytest.approx(1.0)  # sections partition trade
    totals = view.totals.set_index("year").loc[view.year]
    assert totals["exports_ab"] == pytest.approx(stored, rel=1e-9)
    assert {"name", "name_ko", "name_zh"} <= set(view.table.columns)
    assert view.table["name_ko"].str.contains("기계").any()


def test_explore_by_product_names_and_top(demo_platform):
    view = demo_platform.trade.explore("korea", "china", by="product", top=5)
    assert view.a == "KOR" and view.b == "CHN"
    assert view.table.groupby("direction").size().tolist() == [5, 5]
    assert view.table["name"].notna().all()
    first = view.table.iloc[0]
    raw = _pair(demo_platform, view.year)
    biggest = raw[raw["exporter"] == "KOR"].groupby("product")["value_usd"].sum()
    assert first["product"] == biggest.idxmax()
    assert first["value_usd"] == pytest.approx(biggest.max())


def test_explore_unknown_country_and_year(demo_platform):
    with pytest.raises(NotFoundError, match="Unknown country"):
        demo_platform.trade.explore("KOR", "XXQ")
    with pytest.raises(NotFoundError, match="No annual trade data for 1990"):
        demo_platform.trade.explore("KOR", "CHN", 1990)


def test_treemap_series_network(demo_platform):
    tm = demo_platform.trade.treemap("KOR", "CHN")
    assert tm.table["value_usd"].sum() == pytest.approx(tm.total_usd)
    area = ((tm.table["x1"] - tm.table["x0"]) * (tm.table["y1"] - tm.table["y0"])).sum()
    assert area == pytest.approx(1000 * 600)
    series = demo_platform.trade.series("KOR", "CHN")
    year = max(demo_platform.trade.years())
    row = series.annual[(series.annual["year"] == year)
                        & (series.annual["direction"] == "KOR->CHN")]
    raw = _pair(demo_platform, year)
    assert row["value_usd"].iloc[0] == pytest.approx(
        raw.loc[raw["exporter"] == "KOR", "value_usd"].sum(), rel=1e-9)
    net = demo_platform.trade.network("KOR", top=10)
    # every opportunity is a node of the picture, marked with its rank
    marked = net.nodes.dropna(subset=["opportunity"]).set_index("product")["opportunity"]
    assert dict(zip(net.opportunities["product"], net.opportunities["rank"], strict=True)) == {
        p: int(r) for p, r in marked.items()}
    assert not net.nodes.set_index("product").loc[list(marked.index), "exported"].any()
    tree = net.edges[net.edges["kind"] == "tree"]
    assert len(tree) <= len(net.nodes) - 1
    assert (net.edges.loc[net.edges["kind"] == "strong", "proximity"] >= 0.55).all()
    assert net.nodes[["x", "y"]].min().min() >= 0 and net.nodes[["x", "y"]].max().max() <= 1


def test_cli_trade_flows(cli, tmp_path):
    result = cli.invoke(cli_app, ["trade", "flows", "KOR", "CHN", "--by", "section",
                                  "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "KOR->CHN" in result.output and "Machinery and electrical equipment" in result.output
    path = tmp_path / "flows.xlsx"
    result = cli.invoke(cli_app, ["trade", "flows", "KOR", "CHN", "--by", "product",
                                  "--format", "xlsx", "--output", str(path)])
    assert result.exit_code == 0, result.output
    sheets = pd.read_excel(path, sheet_name=None, dtype={"product": str})
    assert set(sheets) == {"about", "flows", "totals", "history"}
    assert sheets["flows"]["product"].str.len().eq(6).all()
    bad = cli.invoke(cli_app, ["trade", "flows", "KOR", "XXQ"])
    assert bad.exit_code == 1 and "Unknown country" in bad.output
    monthly = cli.invoke(cli_app, ["trade", "series", "CHN", "KOR", "--monthly"])
    assert monthly.exit_code == 0, monthly.output
    # one row a month, January 2017 to December 2024 in the demo's monthly data
    assert "│ 2017-01 │" in monthly.output and "│ 2024-12 │" in monthly.output
    for cmd in (["trade", "treemap", "KOR"], ["trade", "series", "KOR", "CHN"],
                ["trade", "series", "KOR", "--product", "8507"],
                ["trade", "space", "KOR", "--top", "3"], ["trade", "complementarity", "KOR",
                                                           "CHN"]):
        result = cli.invoke(cli_app, cmd)
        assert result.exit_code == 0, (cmd, result.output)


def test_api_errors_in_the_json_shape(client):
    assert_error_shape(client.get("/api/trade/flows", params={"a": "KOR", "b": "XXQ"}), 404)
    assert_error_shape(client.get("/api/trade/treemap", params={"country": "XXQ"}), 404)
    assert_error_shape(client.get("/api/trade/series", params={"a": "XXQ"}), 404)
    assert_error_shape(client.get("/api/trade/product-space/network",
                                  params={"country": "XXQ"}), 404)
    assert_error_shape(client.get("/api/trade/complementarity",
                                  params={"a": "KOR", "b": "XXQ"}), 404)
    assert_error_shape(client.get("/api/trade/flows",
                                  params={"a": "KOR", "b": "CHN", "by": "nope"}), 422)
    assert_error_shape(client.get("/api/trade/flows",
                                  params={"a": "KOR", "b": "CHN", "format": "pdf"}), 422)
    assert_error_shape(client.get("/api/trade/series",
                                  params={"a": "KOR", "product": "85x"}), 422)


@pytest.mark.parametrize(("endpoint", "params", "sheet", "key"), [
    ("flows", {"a": "KOR", "b": "CHN", "by": "product", "top": 7}, "flows", "table"),
    ("treemap", {"country": "KOR", "partner": "CHN"}, "treemap", "table"),
    ("series", {"a": "KOR", "b": "CHN"}, "annual", "annual"),
    ("product-space/network", {"country": "KOR", "top": 5}, "opportunities", "opportunities"),
    ("complementarity", {"a": "KOR", "b": "CHN"}, "table", "table"),
])
def test_api_excel_holds_the_json_rows(client, endpoint, params, sheet, key):
    data = client.get(f"/api/trade/{endpoint}", params=params).json()["data"][key]
    r = client.get(f"/api/trade/{endpoint}", params={**params, "format": "xlsx"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in r.headers["content-disposition"]
    ws = load_workbook(io.BytesIO(r.content))[sheet]
    rows = list(ws.iter_rows(values_only=True))
    header, body = list(rows[0]), rows[1:]
    assert len(body) == len(data) > 0
    assert set(header) == set(data[0])  # every JSON column is compared below
    for json_row, xl_row in zip(data, body, strict=True):
        for col, value in zip(header, xl_row, strict=True):
            expected = json_row[col]
            if isinstance(expected, float):
                # JSON keeps 10 decimal places
                assert value == pytest.approx(expected, rel=1e-9, abs=1e-9)
            elif expected is not None:
                assert str(value) == str(expected) or value == expected


def test_dashboard_unknown_country_is_a_404_page(client):
    for url in ("/trade/flows?a=XXQ", "/trade/treemap?country=XXQ", "/trade/series?a=XXQ",
                "/trade/product-space?country=XXQ", "/trade?a=XXQ"):
        r = client.get(url, headers=HTML)
        assert r.status_code == 404, url
        assert r.headers["content-type"].startswith("text/html")
        assert "Unknown country" in r.text


def test_dashboard_pages_render(client):
    for url, marker in (("/trade/flows", "flows-summary"), ("/trade/treemap", "chart-treemap"),
                        ("/trade/series", "chart-series"),
                        ("/trade/product-space", "chart-product-space"),
                        ("/trade/flows?by=product", "flows-1")):
        r = client.get(url, headers=HTML)
        assert r.status_code == 200 and marker in r.text, url
        assert "excel-download" in r.text
    assert "-0.00" not in client.get("/trade", headers=HTML).text
    # groups by name, not by id: end-use stages in three languages, HS chapters in English
    end_use = client.get("/trade?by=end_use", headers=HTML).text
    assert ">Intermediate goods</a>" in end_use and '<span lang="ko">중간재</span>' in end_use
    assert ">intermediate</a>" not in end_use
    chapter = client.get("/trade?by=chapter", headers=HTML).text
    assert ">85 Electrical machinery and equipment</a>" in chapter
