"""Partners pages in headless Chromium on the tiny demo world (SYNTHETIC registry loaded by
PartnersService.load_demo): organisation search in three scripts, a match list with
explanations both ways and trust flags, the printable guideline."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def _search(page, base: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(base + "/partners")
    page.fill("#org-search input[name=q]", query)
    page.click("#org-search button")
    page.wait_for_load_state()
    return page.locator("#organisations tbody tr td:first-child strong").all_inner_texts()


def test_organisation_search_in_korean_chinese_and_english(live_server: str, page,  # type: ignore[no-untyped-def]
                                                           screenshot) -> None:
    page.goto(live_server + "/partners")
    rows = page.locator("#organisations tbody tr")
    assert rows.count() == 70
    assert page.locator("#organisations .tag-synthetic").count() == 70
    flagged = page.locator("#organisations tr.org-flagged td:first-child strong").all_inner_texts()
    assert sorted(flagged) == sorted(
        ["霁虹显示科技股份有限公司", "서린공조", "岚州稀材再生资源有限公司"])
    summary = page.locator("#registry-summary").inner_text()
    assert "70" in summary and "SYNTHETIC" in summary and "CHN 35" in summary
    screenshot(page, "partners-search")
    # the Korean reading of a Chinese name finds the Chinese organisation, flagged
    assert _search(page, live_server, "제홍현시과기") == ["霁虹显示科技股份有限公司"]
    row = page.locator("#organisations tbody tr").first
    assert "FLAGGED" in row.inner_text() and "霽虹顯示科技股份有限公司" in row.inner_text()
    screenshot(page, "partners-search-korean")
    # Chinese characters (traditional) and English names
    assert _search(page, live_server, "嵐州稀材再生資源") == ["岚州稀材再生资源有限公司"]
    assert _search(page, live_server, "Seorin Climate") == ["서린공조"]
    assert _search(page, live_server, "江西锂源") == ["江西锂源新材料有限公司"]
    assert page.js_errors == []


def test_match_list_explains_both_ways_with_trust_flags(live_server: str, page,  # type: ignore[no-untyped-def]
                                                       screenshot) -> None:
    _search(page, live_server, "Daon Vacuum")
    page.click("#organisations a:has-text('matches')")
    page.wait_for_selector("#matches article.match", timeout=60_000)
    assert page.locator("h1").inner_text() == "Matches for Daon Vacuum Technology"
    first = page.locator("#matches article.match").first
    assert "霁虹显示科技股份有限公司" in first.locator("h3").inner_text()
    assert "SYNTHETIC" in first.locator("h3").inner_text()
    assert float(first.locator(".score").inner_text().split()[0]) > 0.3
    ours = first.locator(".a-offers-b").inner_text()
    theirs = first.locator(".b-offers-a").inner_text()
    assert "evaporation sources" in ours and "蒸镀设备" in ours  # our offer, their need
    assert "OLED面板产线" in theirs  # their offer meets our need
    for block in (ours, theirs):
        similarity = float(re.search(r"\d\.\d\d", block).group())  # type: ignore[union-attr]
        assert 0.2 < similarity <= 1.0
    assert "display" in first.locator(".match-facts").inner_text()
    complementarity = first.locator(".complementarity").inner_text()
    assert re.search(r"Display panels: KOR-CHN trade complementarity 0\.\d{3}", complementarity)
    trust = first.locator(".trust-box").inner_text()
    assert "FLAGGED" in trust and "霽虹顯示科技股份有限公司" in trust
    assert "demo-sensitive-entities" in trust and "RED" in trust
    assert first.evaluate("el => el.classList.contains('flagged')")
    # an unflagged partner further down shows no hit
    assert page.locator("#matches article.match:not(.flagged) .flag-ok").count() >= 1
    screenshot(page, "partners-matches")
    assert page.js_errors == []


def test_guideline_is_complete_and_printable(live_server: str, page, screenshot) -> None:  # type: ignore[no-untyped-def]
    from kcbridge.partners.guideline import cooperation_guideline

    table = cooperation_guideline()  # every sector, plus the fail-closed unknown-sector row
    page.goto(live_server + "/partners/guideline")
    matrix = page.locator("#guideline-matrix tbody tr")
    assert matrix.count() == table["sector"].nunique()
    assert page.locator("#guideline-matrix thead th").count() == 8  # sector + 7 types
    assert page.locator("#guideline tbody tr").count() == len(table)
    levels = page.locator("#guideline-matrix .badge").all_inner_texts()
    assert len(levels) == len(table) and set(levels) <= {"GREEN", "AMBER", "RED"}
    assert levels.count("AMBER") == int((table["level"] == "amber").sum())
    assert levels.count("GREEN") == int((table["level"] == "green").sum())
    assert "Fail closed" in page.locator("#fail-closed").inner_text()
    assert page.locator("#print-guideline").is_visible()
    screenshot(page, "partners-guideline")
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
    assert not page.locator("#print-guideline").is_visible()
    assert not page.locator("#synthetic-banner").is_visible()  # rules, not demo data
    assert page.locator("#guideline-matrix").is_visible()
    assert page.locator(".print-only").first.is_visible()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf[:4] == b"%PDF" and len(pdf) > 20_000
    screenshot(page, "partners-guideline-print")
    assert page.js_errors == []
