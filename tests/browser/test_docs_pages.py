"""Document intelligence pages in headless Chromium: the explorer list with the SYNTHETIC
sample corpus, a document with entities / sectors / statements highlighted, a hostile
document shown escaped, and the commitments timeline chart."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

pytestmark = pytest.mark.browser

HOSTILE_TITLE = "<script>alert('title')</script>Korea and China sign battery MOU"
HOSTILE_TEXT = (
    "Samsung SDI and CATL signed a memorandum of understanding on joint research into "
    "battery recycling <script>alert(1)</script> on Tuesday.\n"
    '<img src="x" onerror="alert(2)"> The two companies will build a pilot line in Jiangsu.\n'
    '<a href="javascript:alert(3)">click</a> "quoted" & <b>bold</b>'
)


def _doc_id(live_server: str, title: str) -> str:
    rows = httpx.get(f"{live_server}/api/docs/documents").json()["data"]
    return next(r["doc_id"] for r in rows if r["title"] == title)


@pytest.fixture
def hostile_doc(live_server: str) -> Iterator[str]:
    """A document with markup in its title and text, posted through the API (removed
    afterwards: the demo platform is shared by the session)."""
    headers = {"Authorization": "Bearer test-token"}
    response = httpx.post(f"{live_server}/api/docs/documents", headers=headers, timeout=120,
                          json={"text": HOSTILE_TEXT, "title": HOSTILE_TITLE, "source": "test"})
    assert response.status_code == 200, response.text
    doc_id = response.json()["data"]["doc_id"]
    yield doc_id
    httpx.delete(f"{live_server}/api/docs/documents/{doc_id}", headers=headers, timeout=30)


def test_document_list_shows_synthetic_sample_corpus(  # type: ignore[no-untyped-def]
    live_server: str, page, screenshot
) -> None:
    page.goto(live_server + "/documents")
    rows = page.locator("#documents-table tbody tr")
    assert rows.count() >= 15
    assert page.locator("#documents-table .tag-synthetic").count() == rows.count()
    assert "SYNTHETIC" in page.locator("#synthetic-note").inner_text()
    languages = set(page.locator("#documents-table tbody tr td:nth-child(2)").all_inner_texts())
    assert languages == {"en", "ko", "zh"}
    assert page.locator("#documents-table a", has_text="graphite").count() == 1
    screenshot(page, "docs-list")
    page.fill("input[name=q]", "수소 공동연구소")
    page.click("#doc-search button")
    page.wait_for_url("**/documents?q=*")
    assert page.locator("#documents-table tbody tr").count() >= 1
    assert page.locator("#documents-table th", has_text="Score").count() == 1
    assert page.js_errors == []


def test_document_page_highlights_entities_sectors_statements(  # type: ignore[no-untyped-def]
    live_server: str, page, screenshot
) -> None:
    title = "China to require licences for graphite exports"
    page.goto(f"{live_server}/documents/{_doc_id(live_server, title)}")
    assert page.locator("#doc-title").inner_text().startswith(title)
    assert page.locator("#doc-synthetic").inner_text() == "SYNTHETIC"
    sectors = page.locator("#doc-sectors .sector-badge").all_inner_texts()
    assert any(s.startswith("Secondary batteries") for s in sectors)
    assert any(s.startswith("Materials, parts and equipment") for s in sectors)
    text = page.locator("#doc-text")
    orgs = text.locator("span.ent-organisation").all_inner_texts()
    assert "Ministry of Commerce" in " ".join(orgs)
    assert text.locator("span.ent-date").count() >= 1
    restriction = text.locator("mark.st-restriction")
    assert restriction.count() == 1
    assert "export licences" in restriction.inner_text()
    assert page.locator("#statements-table tbody tr td", has_text="graphite").count() == 1
    screenshot(page, "docs-document")
    assert page.js_errors == []


def test_hostile_document_is_shown_escaped(  # type: ignore[no-untyped-def]
    live_server: str, page, hostile_doc: str, screenshot
) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(f"{live_server}/documents/{hostile_doc}")
    assert page.locator("#doc-title").inner_text() == HOSTILE_TITLE
    shown = page.locator("#doc-text").inner_text()
    assert "<script>alert(1)</script>" in shown
    assert '<img src="x" onerror="alert(2)">' in shown
    assert '"quoted" & <b>bold</b>' in shown
    assert page.locator("#doc-text script, #doc-text img, #doc-text a, #doc-text b").count() == 0
    assert page.locator("main script:not([type='application/vega-lite+json'])").count() == 0
    assert page.locator("#doc-text mark.st-signed").count() == 1
    screenshot(page, "docs-hostile")
    page.goto(f"{live_server}/documents?q=battery+recycling")
    assert page.locator("#documents-table a", has_text="<script>").count() == 1
    screenshot(page, "docs-search-hostile")
    assert dialogs == []
    assert page.js_errors == []


def test_commitments_timeline_chart_renders(  # type: ignore[no-untyped-def]
    live_server: str, page, screenshot
) -> None:
    page.goto(live_server + "/documents/commitments")
    page.wait_for_selector("#commitments-chart[data-rendered='true']", timeout=15_000)
    assert page.locator("#commitments-chart svg, #commitments-chart canvas").count() >= 1
    assert "SYNTHETIC" in page.locator("#synthetic-note").inner_text()
    table = page.locator("#commitments-table tbody")
    assert table.locator("tr").count() >= 8
    hydrogen = table.locator("tr[data-key='CHN+KOR|hydrogen|joint_lab']")
    assert hydrogen.locator("td .stage").inner_text() == "implemented"
    screenshot(page, "docs-commitments")
    assert page.js_errors == []
