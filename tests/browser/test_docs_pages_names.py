"""Document pages show people names, not ids: sectors by their English names, commitments
as sentences, and a commitments timeline whose dates carry years and whose first and
last markers are drawn whole."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

RAW_KEY = re.compile(r"[A-Z]{3}(\+[A-Z]{3})*\|\w+\||restriction\|")
RAW_SECTOR = re.compile(r"\b[a-z]+_[a-z_]+\b")  # ai_semiconductors, drones_low_altitude


def test_commitments_are_sentences_with_years_and_whole_markers(  # type: ignore[no-untyped-def]
    live_server: str, page, screenshot
) -> None:
    page.goto(live_server + "/documents/commitments")
    page.wait_for_selector("#commitments-chart[data-rendered='true']", timeout=15_000)
    table = page.locator("#commitments-table tbody")
    shown = table.inner_text()
    assert not RAW_KEY.search(shown), shown[:300]
    assert not RAW_SECTOR.search(shown)
    hydrogen = table.locator("tr[data-key='CHN+KOR|hydrogen|joint_lab'] td").first
    assert hydrogen.inner_text() == (
        "South Korea and China: a joint laboratory in Hydrogen (implemented)")
    drones = table.locator("tr[data-key='CHN+KOR|drones_low_altitude|-'] td").all_inner_texts()
    assert drones[0] == ("South Korea and China: cooperation in Drones and the low-altitude "
                         "economy (signed)")
    assert drones[2] == "Drones and the low-altitude economy"
    hover = table.locator("tr[data-key='CHN+KOR|hydrogen|joint_lab'] td.sector")
    assert hover.get_attribute("title") == "수소 · 氢能"
    graphite = table.locator("tr[data-key='restriction|CHN|graphite'] td").first.inner_text()
    assert graphite == "China restricts trade in graphite (Secondary batteries)"

    chart = page.locator("#commitments-chart svg")
    ticks = chart.locator(".role-axis-label text").evaluate_all(
        "els => els.map(e => e.textContent)")
    months = [t for t in ticks if re.fullmatch(r"[A-Z][a-z]{2} 20\d\d", t)]
    assert len(months) >= 3, ticks
    assert "Hydrogen" in ticks and "hydrogen" not in ticks
    frame = chart.locator(".role-frame path.background").first.bounding_box()
    assert frame is not None
    marks = chart.locator(".mark-symbol.role-mark path").evaluate_all(
        "els => els.map(e => { const b = e.getBoundingClientRect();"
        " return [b.left, b.right, b.width]; })")
    assert len(marks) >= 15
    left, right = frame["x"], frame["x"] + frame["width"]
    assert all(w > 4 for _, _, w in marks)
    assert all(a >= left - 0.5 and b <= right + 0.5 for a, b, _ in marks), (left, right, marks)
    options = page.locator("select[name=sector] option").all_inner_texts()
    assert "AI and AI semiconductors" in options and "ai_semiconductors" not in options
    assert page.locator("select[name=sector] option[value=ai_semiconductors]").count() == 1
    screenshot(page, "docs-commitments-names")
    assert page.js_errors == []


def test_document_list_and_page_name_sectors(  # type: ignore[no-untyped-def]
    live_server: str, page, screenshot
) -> None:
    page.goto(live_server + "/documents")
    sectors = page.locator("#documents-table tbody tr td:nth-child(4)").all_inner_texts()
    joined = " ".join(sectors)
    assert "Secondary batteries" in joined
    assert not RAW_SECTOR.search(joined), joined
    page.locator("#documents-table a", has_text="graphite").click()
    page.wait_for_selector("#doc-sectors")
    badges = page.locator("#doc-sectors .sector-badge").all_inner_texts()
    assert any(b.startswith("Materials, parts and equipment (") for b in badges), badges
    parties = page.locator("#statements-table tbody tr td:nth-child(4)").all_inner_texts()
    assert parties == ["Ministry of Commerce of China"]
    statements = page.locator("#statements-table tbody tr td:nth-child(5)").all_inner_texts()
    assert statements and not RAW_SECTOR.search(" ".join(statements))
    screenshot(page, "docs-document-names")
    assert page.js_errors == []


@pytest.mark.parametrize(("path", "message"), [
    ("/documents/0000000000000000", "No document '0000000000000000'"),
    ("/watch/alerts/0000000000000000", "No alert '0000000000000000'"),
])
def test_unknown_document_or_alert_is_a_404_page(  # type: ignore[no-untyped-def]
    live_server: str, page, screenshot, path: str, message: str
) -> None:
    """A browser asking for an unknown id gets the dashboard's error page (not raw JSON),
    with status 404 and the way out; the API keeps the JSON shape."""
    response = page.goto(live_server + path)
    assert response is not None and response.status == 404
    assert response.headers["content-type"].startswith("text/html")
    assert page.locator("#main-nav").count() == 1
    shown = page.locator("main").inner_text()
    assert "Not found" in shown and message in shown and "kcbridge " in shown
    screenshot(page, "not-found-" + path.split("/")[1])
    api = page.request.get(live_server + "/api" + path.replace("/documents/", "/docs/documents/"))
    assert api.status == 404
    body = api.json()
    assert body["ok"] is False and body["status"] == 404 and message in body["error"]
    assert page.js_errors == []
