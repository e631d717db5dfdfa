"""The dashboard shell in headless Chromium: banner, navigation, chart, screenshot."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_home_shows_banner_navigation_and_chart(live_server: str, page, screenshot) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/")
    banner = page.locator("#synthetic-banner")
    assert banner.is_visible()
    assert "SYNTHETIC" in banner.inner_text()
    nav = page.locator("#main-nav a").all_inner_texts()
    assert nav[0] == "Home" and nav[-1] == "API"
    page.wait_for_selector("#chart-bilateral[data-rendered='true']", timeout=15_000)
    assert page.locator("#chart-bilateral svg, #chart-bilateral canvas").count() >= 1
    status = page.locator("#store-status").inner_text()
    assert "Annual flows" in status and "rows" in status
    path = screenshot(page, "home")
    assert path.stat().st_size > 10_000
    assert page.js_errors == []


def test_every_nav_link_answers(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/")
    hrefs = page.locator("#main-nav a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    # Home and API always, plus one link per capability: an empty bar would pass the loop.
    assert hrefs[0] == "/" and hrefs[-1] == "/docs" and len(hrefs) >= 3, hrefs
    for href in hrefs:
        response = page.goto(live_server + href)
        assert response is not None and response.status == 200, href
        assert page.locator("#main-nav").count() == 1 or href == "/docs"
