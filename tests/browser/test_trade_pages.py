"""The trade explorer pages in headless Chromium on the tiny SYNTHETIC demo world: each
chart is drawn, Korean and Chinese labels render, and the Excel download opens with
openpyxl and holds the same rows as the JSON API."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.browser

HANGUL = re.compile(r"[\uac00-\ud7a3]")
HAN = re.compile(r"[\u4e00-\u9fff]")

# page, chart id, API endpoint + query of its JSON, the sheet and the JSON key it holds
PAGES = [
    ("/trade/flows?a=KOR&b=CHN&by=section&top=15", "chart-flows",
     "/api/trade/flows?a=KOR&b=CHN&by=section&top=15", "flows", "table"),
    ("/trade/treemap?country=KOR&partner=CHN", "chart-treemap",
     "/api/trade/treemap?country=KOR&partner=CHN", "treemap", "table"),
    ("/trade/series?a=KOR&b=CHN&sector=batteries", "chart-series",
     "/api/trade/series?a=KOR&b=CHN&sector=batteries", "annual", "annual"),
    ("/trade/product-space?country=KOR", "chart-product-space",
     "/api/trade/product-space/network?country=KOR&top=20", "opportunities", "opportunities"),
]


@pytest.mark.parametrize(("url", "chart", "api", "sheet", "key"), PAGES)
def test_trade_page_chart_labels_and_excel(live_server: str, page, screenshot, tmp_path,  # type: ignore[no-untyped-def]
                                           url, chart, api, sheet, key) -> None:
    response = page.goto(live_server + url)
    assert response is not None and response.status == 200
    page.wait_for_selector(f"#{chart}[data-rendered='true']", timeout=60_000)
    assert page.locator(f"#{chart} svg, #{chart} canvas").count() >= 1
    ko = page.locator("[lang=ko]").first
    zh = page.locator("[lang=zh]").first
    if url.startswith("/trade/series"):  # the sector picker names sectors in three languages
        options = page.locator("select[name=sector] option").all_inner_texts()
        assert any(HANGUL.search(o) and HAN.search(o) for o in options)
    else:
        assert ko.is_visible() and HANGUL.search(ko.inner_text())
        assert zh.is_visible() and HAN.search(zh.inner_text())
    screenshot(page, "trade-" + chart)
    with page.expect_download() as info:
        page.click("#excel-download")
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    wb = load_workbook(saved)
    rows = list(wb[sheet].iter_rows(values_only=True))
    data = page.request.get(live_server + api).json()["data"][key]
    assert len(rows) - 1 == len(data) > 0
    header = list(rows[0])
    first = dict(zip(header, rows[1], strict=True))
    for col, value in data[0].items():
        if isinstance(value, float):
            assert first[col] == pytest.approx(value, rel=1e-9, abs=1e-9)
        elif value is not None and col in first:
            assert str(first[col]) == str(value)
    assert page.js_errors == []


def test_product_space_marks_every_opportunity(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/trade/product-space?country=KOR")
    page.wait_for_selector("#chart-product-space[data-rendered='true']", timeout=60_000)
    listed = page.locator("#opportunities-table tbody tr td:nth-child(2)").all_inner_texts()
    spec = page.evaluate("() => JSON.parse(document.querySelector("
                         "\"script[data-target='chart-product-space']\").textContent)")
    marked = set()
    for values in spec["datasets"].values():
        for row in values:
            if row.get("opportunity") is not None:
                marked.add(row["product"])
    assert listed and set(listed) == marked


def test_unknown_country_is_an_error_page(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    for url in ("/trade/flows?a=XXQ&b=CHN", "/trade/treemap?country=XXQ",
                "/trade/product-space?country=XXQ"):
        response = page.goto(live_server + url)
        assert response is not None and response.status == 404, url
        assert "Unknown country" in page.locator(".error-message").inner_text()
        assert page.locator("#main-nav").count() == 1
