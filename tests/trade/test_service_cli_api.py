"""TradeService, CLI, API and dashboard pages on the tiny SYNTHETIC demo world, and the
clear errors on a store that cannot support an index."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kcbridge.cli import app as cli_app
from kcbridge.errors import InputError, NotFoundError


def test_service_complementarity_by_sector(demo_platform):
    report = demo_platform.trade.complementarity("KOR", "CHN", sector="batteries")
    assert report.year == max(demo_platform.trade.years())
    row = report.table.iloc[0]
    assert row["group"] == "batteries"
    for col in ("tci_ab", "tci_ba", "esi"):
        assert 0 <= row[col] <= 100
    assert 0 <= row["gl"] <= 1
    assert row["verdict"] in {"complementary", "competing", "mixed"}
    assert "ESI" in row["basis"] and "TCI KOR->CHN" in row["basis"]
    # the TCI terms of the group add up to its index
    terms = demo_platform.trade.complementarity("KOR", "CHN", sector="batteries", top=1000)
    ab = terms.top_complementary[terms.top_complementary["direction"] == "KOR->CHN"]
    assert ab["tci_points"].sum() == pytest.approx(row["tci_ab"], rel=1e-9)
    assert set(report.trend["year"]) == set(demo_platform.trade.years())


def test_service_complexity(demo_platform):
    view = demo_platform.trade.complexity()
    assert {"country", "eci", "rank"} <= set(view.eci.columns)
    assert view.eci["rank"].tolist() == list(range(1, len(view.eci) + 1))
    assert view.eci["eci"].is_monotonic_decreasing
    # Growth Lab normalisation: ECI has mean 0 and sd 1
    assert view.eci["eci"].mean() == pytest.approx(0, abs=1e-9)
    assert view.eci["eci"].std(ddof=0) == pytest.approx(1, abs=1e-9)
    opp = demo_platform.trade.opportunities("KOR", top=5)
    assert len(opp) == 5 and opp["score"].is_monotonic_decreasing
    space = demo_platform.trade.product_space("KOR", max_products=50)
    assert len(space["nodes"]) == 50 and len(space["edges"]) == 50
    assert demo_platform.trade.sector_complementarity("batteries", "KOR", "CHN") > 0


def test_service_errors_say_what_to_load(demo_platform, platform):
    with pytest.raises(NotFoundError, match="loaded years"):
        demo_platform.trade.complexity(1990)
    with pytest.raises(NotFoundError, match="Unknown sector"):
        demo_platform.trade.complementarity("KOR", "CHN", sector="no-such-sector")
    with pytest.raises(InputError):
        demo_platform.trade.complementarity("KOR", "KOR")
    with pytest.raises(NotFoundError, match="kcbridge load"):
        platform.trade.complexity()  # empty store


def test_exports_only_store_cannot_give_complementarity(platform):
    rows = pd.DataFrame(
        {
            "year": [2020] * 4,
            "exporter": ["KOR", "KOR", "CHN", "CHN"],
            "importer": ["WLD"] * 4,
            "product": ["854231", "870323", "854231", "870323"],
            "revision": ["HS2012"] * 4,
            "value_usd": [10.0, 5.0, 3.0, 8.0],
            "quantity": [None] * 4,
            "unit": [None] * 4,
            "load_id": ["test"] * 4,
        }
    )
    platform.store.insert("trade_annual", rows)
    with pytest.raises(NotFoundError, match="imports") as info:
        platform.trade.complementarity("KOR", "CHN", by="all")
    assert "load baci" in str(info.value)


def test_cli_complementarity(cli):
    result = cli.invoke(cli_app, ["complementarity", "KOR", "CHN", "--sector", "batteries"])
    assert result.exit_code == 0, result.output
    assert "batteries" in result.output and "Top competing" in result.output
    result = cli.invoke(
        cli_app, ["complementarity", "KOR", "CHN", "--by", "end_use", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["synthetic"] is True
    groups = {r["group"] for r in payload["table"]}
    assert groups <= {"intermediate", "capital", "consumer"} and groups
    result = cli.invoke(cli_app, ["complementarity", "KOR", "CHN", "--format", "csv"])
    assert result.exit_code == 0
    assert "tci_ab" in result.output.splitlines()[1]


def test_cli_complexity_and_errors(cli, tmp_path):
    result = cli.invoke(cli_app, ["complexity", "--format", "csv"])
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[1].split(",")
    assert "country" in header and "eci" in header
    out = tmp_path / "eci.parquet"
    result = cli.invoke(cli_app, ["complexity", "--format", "parquet", "--output", str(out)])
    assert result.exit_code == 0 and len(pd.read_parquet(out)) > 10
    result = cli.invoke(cli_app, ["complexity", "--year", "1990"])
    assert result.exit_code == 1 and "loaded years" in result.output
    result = cli.invoke(cli_app, ["complexity", "--part", "opportunities"])
    assert result.exit_code == 1 and "--country" in result.output


def test_api(client):
    r = client.get("/api/trade/complementarity", params={"a": "KOR", "b": "CHN", "by": "all"})
    assert r.status_code == 200
    body = r.json()
    assert body["ok"] is True and body["synthetic"] is True
    assert body["data"]["table"][0]["group"] == "all"
    r = client.get("/api/trade/complexity", params={"products": "false"})
    assert r.status_code == 200 and "pci" not in r.json()["data"]
    assert r.json()["data"]["eci"][0]["rank"] == 1
    r = client.get("/api/trade/complexity", params={"year": 1990})
    assert r.status_code == 404
    assert r.json()["ok"] is False and "loaded years" in r.json()["error"]
    r = client.get("/api/trade/opportunities", params={"country": "KOR", "top": 3})
    assert len(r.json()["data"]) == 3
    r = client.get("/api/trade/product-space", params={"country": "KOR", "max_products": 20})
    assert len(r.json()["data"]["nodes"]) == 20


def test_dashboard_pages(client):
    page = client.get("/trade")
    assert page.status_code == 200 and "chart-sectors" in page.text
    assert "complementarity-table" in page.text
    # sectors by name in three languages, not by id
    assert ">Secondary batteries</a>" in page.text
    assert '<span lang="ko">이차전지</span> · <span lang="zh">二次电池</span>' in page.text
    assert ">batteries</a>" not in page.text
    page = client.get("/trade/sector/batteries", params={"a": "KOR", "b": "CHN"})
    assert page.status_code == 200 and "competing-products" in page.text
    page = client.get("/trade/complexity")
    assert page.status_code == 200 and "eci-table" in page.text
    page = client.get("/trade/product-space", params={"country": "KOR"})
    assert page.status_code == 200 and "opportunities-table" in page.text
    # an unknown country is a 404 error page, not a 200 page with an error line (issue 14)
    page = client.get("/trade", params={"a": "KOR", "b": "ZZZ"}, headers={"accept": "text/html"})
    assert page.status_code == 404 and "Unknown country" in page.text


def test_sector_chart_plots_the_verdict_rule(demo_platform) -> None:  # type: ignore[no-untyped-def]
    from kcbridge.web.trade import group_names, sector_chart

    report = demo_platform.trade.complementarity("KOR", "CHN", by="sector")
    spec = sector_chart(report.table, "KOR", "CHN", report.margin,
                        group_names("sector")).to_dict()
    layers = spec["layer"]
    points = next(d for d in spec["datasets"].values() if d and "verdict" in d[0])
    assert len(points) == len(report.table) > 0  # one point per sector
    table = report.table.set_index("group")
    for p in points:
        row = table.loc[next(k for k, v in group_names("sector").items() if v["en"] == p["group"])]
        assert p["tci"] == pytest.approx((row.tci_ab + row.tci_ba) / 2)
        assert p["verdict"] == row.verdict
        # the verdict is where the point sits against the margin lines
        gap = p["tci"] - p["esi"]
        assert p["verdict"] == ("complementary" if gap >= report.margin else
                                "competing" if gap <= -report.margin else "mixed")
    guides = next(d for d in spec["datasets"].values() if d and "line" in d[0])
    assert {(g["x"], g["y"]) for g in guides if g["line"] == "upper"} == {(0, 10.0), (90.0, 100)}
    assert len(layers) == 5  # guides, spread, points, leader lines, labels (placed apart)
