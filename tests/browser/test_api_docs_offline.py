"""/docs (Swagger UI) and /redoc (ReDoc) render in Chromium with every request to a host
other than 127.0.0.1 blocked: their scripts are served by kcbridge, not a CDN."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


def _offline(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Abort every request that leaves 127.0.0.1; return the list of those attempted."""
    outside: list[str] = []

    def route(r) -> None:  # type: ignore[no-untyped-def]
        if urlparse(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return outside


def test_swagger_ui_lists_operations_offline(live_server: str, page, screenshot) -> None:  # type: ignore[no-untyped-def]
    outside = _offline(page)
    response = page.goto(live_server + "/docs")
    assert response is not None and response.status == 200
    page.wait_for_selector(".opblock", timeout=20_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/status" in [p.replace("\u200b", "") for p in paths]
    assert len(paths) >= 20
    assert "kcbridge" in page.locator(".info .title").inner_text()
    screenshot(page, "api-docs-swagger")
    assert outside == []
    assert page.js_errors == []


def test_redoc_renders_offline(live_server: str, page, screenshot) -> None:  # type: ignore[no-untyped-def]
    outside = _offline(page)
    response = page.goto(live_server + "/redoc")
    assert response is not None and response.status == 200
    page.wait_for_selector("h1", timeout=30_000)
    assert "kcbridge" in page.locator("h1").first.inner_text()
    page.wait_for_selector("[data-section-id^='operation/']", state="attached", timeout=30_000)
    assert page.locator("[data-section-id^='operation/']").count() >= 20
    screenshot(page, "api-docs-redoc")
    assert outside == []
    assert page.js_errors == []


def test_doc_pages_name_only_local_assets(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    """The HTML itself refers to no CDN (fonts included)."""
    for path in ("/docs", "/redoc"):
        html = page.request.get(live_server + path).text()
        assert "cdn.jsdelivr" not in html and "fonts.googleapis" not in html, path
        assert "/docs-assets/" in html, path
    js = page.request.get(live_server + "/docs-assets/swagger-ui-bundle.js")
    assert js.status == 200 and len(js.body()) > 500_000
