"""The supply-chain watch pages in headless Chromium, on the tiny SYNTHETIC demo world
(which plants a graphite collapse in Korea's imports from China in 2023)."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from kcbridge.cli.common import SYNTHETIC_BANNER

pytestmark = pytest.mark.browser


def _layers(spec: dict) -> list[dict]:
    """Every layer of a Vega-Lite spec, flattened."""
    out: list[dict] = []
    for layer in spec.get("layer", [spec]):
        out.extend(_layers(layer) if "layer" in layer else [layer])
    return out


def _mark(layer: dict) -> str:
    mark = layer.get("mark")
    return str(mark.get("type")) if isinstance(mark, dict) else str(mark)


def _on_page(number: int, **params: str):  # type: ignore[no-untyped-def]
    """A wait_for_url predicate: the URL is page ``number`` with ``params``."""

    def check(url: str) -> bool:
        query = {k: v[-1] for k, v in parse_qs(urlsplit(url).query).items()}
        return query.get("page", "1") == str(number) and all(
            query.get(k) == v for k, v in params.items())

    return check


def test_dependency_table_with_filters(live_server: str, page, screenshot) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server + "/watch")
    assert "SYNTHETIC" in page.locator("#synthetic-banner").inner_text()
    rows = page.locator("#dependency-table tbody tr")
    assert rows.count() > 10
    importers = set(page.locator("#dependency-table tbody tr td:nth-child(1)").all_inner_texts())
    assert importers == {"KOR", "CHN"}
    # filter: Korea's imports under Korea's own single-country rule
    page.fill("#dependency-filters input[name=importer]", "KOR")
    page.select_option("#dependency-filters select[name=regime]", "korea")
    page.click("#dependency-filters button[type=submit]")
    page.wait_for_url("**/watch?*importer=KOR*")
    assert page.locator("p.error").count() == 0
    filtered = page.locator("#dependency-table tbody tr")
    assert 0 < filtered.count() < rows.count() + 1
    cells = page.locator("#dependency-table tbody tr td:nth-child(1)").all_inner_texts()
    assert set(cells) == {"KOR"}
    shares = page.locator("#dependency-table tbody tr td:nth-child(5)").all_inner_texts()
    assert len(shares) == len(cells)  # every row has the column read below
    assert all(int(s.rstrip("%")) > 50 for s in shares)  # the Korea rule: one country > 50 %
    rules = page.locator("#dependency-table tbody tr td:nth-child(9)").all_inner_texts()
    assert len(rules) == len(cells)
    assert all("Korea:" in r for r in rules)
    assert page.locator("#dependency-filters select[name=regime]").input_value() == "korea"
    assert screenshot(page, "watch-dependencies-kor-korea").stat().st_size > 10_000
    # an unreadable year is explained on the page, not a crash
    page.goto(live_server + "/watch?year=abc")
    assert "Unreadable year" in page.locator("p.error").inner_text()
    assert page.js_errors == []


def test_alerts_list_and_alert_page(live_server: str, page, screenshot) -> None:  # type: ignore[no-untyped-def]
    scan = page.request.post(
        live_server + "/api/watch/scan", params={"as_of": "2023-12", "months": 2},
        headers={"Authorization": "Bearer test-token"},
    )
    assert scan.ok and scan.json()["synthetic"] is True
    page.goto(live_server + "/watch/alerts")
    rows = page.locator("#alerts-table tbody tr")
    assert rows.count() >= 1
    assert page.locator("#alerts-table tbody tr a").count() == rows.count()
    graphite = (
        page.locator("#alerts-table tbody tr", has_text="250410")
        .filter(has_text="2023-12")
        .filter(has_text="collapse")
        .first
    )
    assert "collapse" in graphite.inner_text() and "2023-" in graphite.inner_text()
    assert screenshot(page, "watch-alerts").stat().st_size > 10_000

    graphite.locator("a").click()
    page.wait_for_url("**/watch/alerts/*")
    page.wait_for_selector("#alert-chart[data-rendered='true']", timeout=15_000)
    assert page.locator("#alert-chart svg, #alert-chart canvas").count() >= 1
    box = page.locator("#alert-chart").bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 250
    evidence = page.locator("#alert-evidence").inner_text()
    assert "250410" in evidence and "Score / threshold" in evidence
    # every figure states its measure and unit (value USD, quantity in the series' unit)
    measures = page.locator("#alert-measures tbody tr")
    assert measures.count() == 3
    units = dict(zip(page.locator("#alert-measures tbody tr td:nth-child(1)").all_inner_texts(),
                     page.locator("#alert-measures tbody tr td:nth-child(2)").all_inner_texts(),
                     strict=True))
    assert units["value"] == "USD" and units["unit value"] == f"USD/{units['quantity']}"
    assert "USD" in page.locator("h2", has_text="Series (").inner_text()
    assert "collapse" in page.locator("#alert-detectors").inner_text()
    # the chart carries the expected band and marks the month of the detection
    spec = json.loads(page.locator("script[data-target='alert-chart']").text_content() or "{}")
    layers = _layers(spec)
    marks = [_mark(layer) for layer in layers]
    assert {"area", "line", "rule", "point"} <= set(marks)
    band = layers[marks.index("area")]["encoding"]
    assert band["y"]["field"] == "lower" and band["y2"]["field"] == "upper"
    # the Month row exactly (the history row's text says "months" too)
    month = page.locator("#alert-evidence th:text-is('Month') + td").inner_text()
    history = page.locator("#alert-history").inner_text()
    assert history.endswith("observed months before this one")  # a long demo series
    datasets = json.dumps(spec.get("datasets", {}))
    assert f"{month}-01" in datasets
    # alternative suppliers: ranked countries other than China and Korea
    alternatives = page.locator("#alternatives tbody tr")
    assert alternatives.count() >= 3
    countries = page.locator("#alternatives tbody tr td:nth-child(2)").all_inner_texts()
    assert "CHN" not in countries and "KOR" not in countries
    ranks = page.locator("#alternatives tbody tr td:nth-child(1)").all_inner_texts()
    assert ranks[:3] == ["1", "2", "3"]
    # an import alert shows the suppliers' shares before and after, the hit one marked
    if page.locator("#supplier-shares").count():
        hit = page.locator("#supplier-shares tbody tr.hit")
        assert hit.count() == 1 and "CHN" in hit.inner_text()
    assert screenshot(page, "watch-alert-graphite").stat().st_size > 20_000
    assert page.js_errors == []


def test_dependency_pager_and_csv(live_server: str, page, screenshot, demo_platform) -> None:  # type: ignore[no-untyped-def]
    total = len(demo_platform.watch.screen(importers=["KOR"]))
    pages = math.ceil(total / 50)
    assert pages >= 3
    page.goto(live_server + "/watch?importer=KOR")
    showing = page.locator("#dependency-pager-showing")
    assert showing.inner_text() == f"Showing 1-50 of {total:,} flagged products"
    assert page.locator("#dependency-pager .pager-prev.disabled").count() == 1
    products = page.locator("#dependency-table tbody tr td:nth-child(2)")
    first = products.all_inner_texts()
    # next: rows 51-100, the importer filter kept
    page.click("#dependency-pager a.pager-next")
    page.wait_for_url(_on_page(2, importer="KOR", page_size="50"))
    assert showing.inner_text() == f"Showing 51-100 of {total:,} flagged products"
    second = products.all_inner_texts()
    assert len(second) == 50 and not set(first) & set(second)
    assert page.locator("#dependency-pager .pager-current").inner_text() == "2"
    assert page.locator("#dependency-filters input[name=importer]").input_value() == "KOR"
    assert screenshot(page, "watch-dependencies-page2").stat().st_size > 10_000
    # last: the remaining rows, no next link
    page.click("#dependency-pager a.pager-last")
    page.wait_for_url(_on_page(pages, importer="KOR"))
    shown = f"Showing {(pages - 1) * 50 + 1}-{total} of {total:,} flagged products"
    assert showing.inner_text() == shown
    assert products.count() == total - (pages - 1) * 50
    assert page.locator("#dependency-pager a.pager-next").count() == 0
    # rows per page from the filter form: back to page 1, filters kept
    page.select_option("#dependency-filters select[name=page_size]", "100")
    page.click("#dependency-filters button[type=submit]")
    page.wait_for_url(_on_page(1, importer="KOR", page_size="100"))
    assert showing.inner_text() == f"Showing 1-100 of {total:,} flagged products"
    # the CSV holds every page of the filtered table, labelled SYNTHETIC
    with page.expect_download() as info:
        page.click("#dependency-pager a.pager-download")
    download = info.value
    assert download.suggested_filename.startswith("kcbridge-dependencies-")
    assert download.suggested_filename.endswith("-KOR-synthetic.csv")
    lines = Path(download.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == f"# {SYNTHETIC_BANNER}"
    rows = list(csv.DictReader(lines[1:]))
    assert len(rows) == total and {r["importer"] for r in rows} == {"KOR"}
    # a page past the end shows the last one and says so
    page.goto(live_server + "/watch?importer=KOR&page=999")
    assert showing.inner_text() == shown
    assert "no page 999" in page.locator("#dependency-pager-note").inner_text()
    page.goto(live_server + "/watch?page_size=7")
    assert "25, 50, 100, 200" in page.locator("p.error").inner_text()
    assert page.js_errors == []


def test_alerts_pager(live_server: str, page, screenshot, demo_platform) -> None:  # type: ignore[no-untyped-def]
    alerts = demo_platform.watch.alerts()
    total = len(alerts)
    assert total > 25
    page.goto(live_server + "/watch/alerts?page_size=25")
    showing = page.locator("#alerts-pager-showing")
    assert showing.inner_text() == f"Showing 1-25 of {total:,} alerts"
    page.click("#alerts-pager a.pager-next")
    page.wait_for_url(_on_page(2, page_size="25"))
    assert showing.inner_text() == f"Showing 26-{min(50, total)} of {total:,} alerts"
    links = page.locator("#alerts-table tbody tr a")
    assert links.first.get_attribute("href") == f"/watch/alerts/{alerts['alert_id'].iloc[25]}"
    assert screenshot(page, "watch-alerts-page2").stat().st_size > 10_000
    # a filter resets to page 1 and is kept by the pager links
    page.select_option("#alert-filters select[name=severity]", "low")
    page.click("#alert-filters button[type=submit]")
    page.wait_for_url(_on_page(1, severity="low", page_size="25"))
    n_low = int((alerts["severity"] == "low").sum())
    assert showing.inner_text().endswith(f"of {n_low:,} alert{'s' if n_low != 1 else ''}")
    hrefs = page.locator("#alerts-pager a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert hrefs, f"no pager links for {n_low} low alerts"
    for href in hrefs:
        assert "severity=low" in href
    assert page.js_errors == []


def test_sector_names_not_ids_on_the_watch_pages(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: the dependency table, its Sector filter, the alert list and an alert
    page show sector NAMES (English, with the Korean and Chinese names on hover), never
    a raw id like ``ai_semiconductors`` or ``green_low_carbon``."""
    import re

    from kcbridge.reference.sectors import get_sector, sector_ids

    ids = sector_ids()
    names_en = {get_sector(i).name_en for i in ids}
    # an id with an underscore never reads as English (a one-word id such as
    # ``semiconductors`` is also a word of a name, so those are checked per name below)
    raw = re.compile(r"\b(" + "|".join(re.escape(i) for i in ids if "_" in i) + r")\b")
    scan = page.request.post(
        live_server + "/api/watch/scan", params={"as_of": "2023-12", "months": 2},
        headers={"Authorization": "Bearer test-token"},
    )
    assert scan.ok
    for path, table in (("/watch", "#dependency-table"), ("/watch/alerts", "#alerts-table")):
        page.goto(live_server + path)
        cells = page.locator(f"{table} tbody td.sectors").all_inner_texts()
        assert any(c.strip() for c in cells), path  # the demo's rows do carry sectors
        shown = "\n".join(cells)
        assert not raw.search(shown), (path, raw.search(shown))
        # each name is one of the taxonomy's, with the other two languages on hover
        names = page.locator(f"{table} tbody td.sectors .sector-name")
        assert names.count() > 0
        # every sector shown is a taxonomy name, none is the bare id
        assert set(names.all_inner_texts()) <= names_en
        assert all(c.strip() not in ids for cell in cells for c in cell.split(","))
        first = names.first
        sector = get_sector(first.get_attribute("data-sector") or "")
        assert first.inner_text() == sector.name_en
        assert first.get_attribute("title") == f"{sector.name_ko} · {sector.name_zh}"
        assert not raw.search(page.locator("main, body").first.inner_text()), path
    # the Sector filter lists names; its values stay the ids the API takes
    page.goto(live_server + "/watch")
    options = page.locator("#dependency-filters select[name=sector] option")
    labels = options.all_inner_texts()
    assert not raw.search("\n".join(labels))
    values = [options.nth(i).get_attribute("value") for i in range(options.count())]
    assert set(values) - {""} == set(ids)
    assert set(labels) - {"any"} == names_en
    page.select_option("#dependency-filters select[name=sector]",
                       label=get_sector("batteries").name_en)
    page.click("#dependency-filters button[type=submit]")
    page.wait_for_url("**/watch?*sector=batteries*")
    assert page.locator("p.error").count() == 0
    # one alert page
    page.goto(live_server + "/watch/alerts")
    page.locator("#alerts-table tbody tr a").first.click()
    page.wait_for_url("**/watch/alerts/*")
    evidence = page.locator("#alert-evidence").inner_text()
    assert not raw.search(evidence)
    assert page.js_errors == []


def test_detectors_and_mirror_in_words_on_the_alert_pages(live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: the alert list and an alert page name detectors, the partner's mirror
    report and the measures in words (``Broad surge (rising)``, ``no partner report``),
    never the stored ids (``broad_surge (up)``, ``not_confirmed``, ``quantity,value``)."""
    import re

    from kcbridge.watch.detectors import DETECTORS
    from kcbridge.web import labels

    raw = re.compile(r"\b(" + "|".join(d for d in DETECTORS if "_" in d)
                     + r"|not_confirmed|quantity,value)\b")
    scan = page.request.post(
        live_server + "/api/watch/scan", params={"as_of": "2023-12", "months": 2},
        headers={"Authorization": "Bearer test-token"},
    )
    assert scan.ok
    page.goto(live_server + "/watch/alerts")
    cells = page.locator("#alerts-table tbody td.detectors").all_inner_texts()
    assert cells
    assert not raw.search("\n".join(cells)), raw.search("\n".join(cells))
    names = {name for name, _ in labels.DETECTORS.values()}
    # every cell is made of the table's names (with a direction in brackets)
    for cell in cells:
        for part in cell.split(", "):
            assert re.sub(r" \((rising|falling)\)$", "", part) in names, part
    page.locator("#alerts-table tbody tr a").first.click()
    page.wait_for_url("**/watch/alerts/*")
    heading = page.locator("h1").inner_text()
    body = page.locator("#alert-evidence").inner_text()
    assert not raw.search(heading) and not raw.search(body), (heading, raw.search(body))
    mirror = {name for name, _ in labels.MIRROR.values()}
    assert any(m in body for m in mirror), body
    assert page.js_errors == []
