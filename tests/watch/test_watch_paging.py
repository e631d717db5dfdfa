"""Paging of the dependency screen and the alerts list (service, API, dashboard pages) and
their CSV downloads, on the tiny SYNTHETIC demo world. Expected numbers come from the
service itself (the whole table fetched without paging), never hard-coded."""

from __future__ import annotations

import csv
import io
import math
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from tests.conftest import assert_error_shape

from kcbridge.api import create_app
from kcbridge.cli.common import SYNTHETIC_BANNER
from kcbridge.errors import InputError
from kcbridge.watch.dependency import REGIMES

KEY = ["importer", "product"]


@pytest.fixture(scope="module")
def client(demo_platform) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(create_app(demo_platform))


def keys(df: pd.DataFrame, cols: list[str] = KEY) -> list[tuple]:
    return [tuple(r) for r in df[cols].itertuples(index=False)]


# ---- service -------------------------------------------------------------------------
def test_screen_offset_limit_and_total(demo_platform) -> None:  # type: ignore[no-untyped-def]
    w = demo_platform.watch
    full = w.screen()
    total = len(full)
    assert total > 100 and full.attrs["total"] == total
    # the database's count is the rows any regime flags, as filtering in pandas gives
    everything = w.screen(flagged_only=False)
    assert total == int(everything[list(REGIMES)].any(axis=1).sum())
    assert everything.attrs["total"] == len(everything) > total

    page = w.screen(limit=50, offset=50)
    assert len(page) == 50
    assert page.attrs["total"] == total and page.attrs["offset"] == 50
    assert keys(page) == keys(full.iloc[50:100])
    assert page["rules"].str.len().gt(0).all() and "sectors" in page.columns
    # pages of 100 cover the table once, in the same order
    pages = [w.screen(limit=100, offset=o) for o in range(0, total, 100)]
    assert keys(pd.concat(pages)) == keys(full)
    assert len(pages[-1]) == total - 100 * (len(pages) - 1)
    # an offset without limit runs to the end; past the end: no rows, the total still counted
    assert keys(w.screen(offset=total - 3)) == keys(full.iloc[-3:])
    past = w.screen(limit=50, offset=total + 10)
    assert past.empty and past.attrs["total"] == total
    assert w.screen(limit=5, offset=10**30).attrs["total"] == total
    with pytest.raises(InputError, match="offset"):
        w.screen(limit=5, offset=-1)


def test_screen_total_counts_the_filtered_rows(demo_platform) -> None:  # type: ignore[no-untyped-def]
    w = demo_platform.watch
    for filters in ({"importers": ["KOR"], "regime": "korea"}, {"sector": "batteries"},
                    {"importers": ["CHN"], "regime": "merics"}):
        whole = w.screen(**filters)
        page = w.screen(**filters, limit=3, offset=1)
        assert page.attrs["total"] == len(whole), filters
        assert keys(page) == keys(whole.iloc[1:4]), filters
    korea = w.screen(importers=["KOR"], regime="korea", limit=10)
    assert len(korea) == 10
    assert (korea["importer"] == "KOR").all() and (korea["top_share"] > 0.5).all()


def test_alerts_offset_limit_and_total(demo_platform) -> None:  # type: ignore[no-untyped-def]
    w = demo_platform.watch
    full = w.alerts()
    total = len(full)
    assert total > 20 and full.attrs["total"] == total
    assert full["alert_id"].is_unique
    months = pd.to_datetime(full["month"])
    assert months.is_monotonic_decreasing  # newest month first
    page = w.alerts(limit=10, offset=10)
    assert page.attrs["total"] == total and page.attrs["offset"] == 10
    assert page["alert_id"].tolist() == full["alert_id"].iloc[10:20].tolist()
    low = w.alerts(severity="low")
    assert w.alerts(severity="low", limit=2).attrs["total"] == len(low) == int(
        (full["severity"] == "low").sum())
    assert w.alerts(limit=10, offset=total).empty
    with pytest.raises(InputError, match="new, acknowledged, resolved"):
        w.alerts(status="closed", limit=10)


# ---- API -----------------------------------------------------------------------------
def test_api_dependencies_offset_and_total(demo_platform, client) -> None:  # type: ignore[no-untyped-def]
    full = demo_platform.watch.screen(importers=["KOR"])
    body = client.get("/api/watch/dependencies",
                      params={"importer": "KOR", "limit": 10, "offset": 20}).json()
    assert body["ok"] is True and body["synthetic"] is True and "label" in body
    assert body["total"] == len(full) and body["offset"] == 20 and body["limit"] == 10
    assert [(r["importer"], r["product"]) for r in body["data"]] == keys(full.iloc[20:30])
    # the default page is still the first 500 rows, and a roll-up reports its size
    first = client.get("/api/watch/dependencies").json()
    assert first["offset"] == 0 and len(first["data"]) == min(500, first["total"])
    rolled = client.get("/api/watch/dependencies", params={"by": "sector"}).json()
    assert rolled["total"] == len(rolled["data"]) > 0


def test_api_alerts_offset_and_total(demo_platform, client) -> None:  # type: ignore[no-untyped-def]
    full = demo_platform.watch.alerts()
    body = client.get("/api/watch/alerts", params={"limit": 5, "offset": 5}).json()
    assert body["ok"] is True and body["total"] == len(full)
    assert [a["alert_id"] for a in body["data"]] == full["alert_id"].iloc[5:10].tolist()
    assert client.get("/api/watch/alerts").json()["offset"] == 0


@pytest.mark.parametrize("url", [
    "/api/watch/dependencies?offset=-1", "/api/watch/dependencies?offset=abc",
    "/api/watch/dependencies?limit=-5", "/api/watch/alerts?offset=-1",
    "/api/watch/alerts?offset=1.5", "/api/watch/alerts?limit=x",
])
def test_api_bad_paging_values_give_the_json_error(client, url: str) -> None:  # type: ignore[no-untyped-def]
    body = assert_error_shape(client.get(url), 422)
    assert ("offset" in body["error"]) or ("limit" in body["error"])


def read_csv_download(response) -> tuple[str, list[dict[str, str]]]:  # type: ignore[no-untyped-def]
    """(first line, rows) of a CSV download; checks type and file name."""
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; filename=\"kcbridge-")
    assert disposition.endswith("-synthetic.csv\"")
    assert response.content.startswith("\ufeff".encode())  # for Excel's sake
    first, rest = response.content.decode("utf-8-sig").split("\n", 1)
    return first, list(csv.DictReader(io.StringIO(rest)))


def test_api_csv_downloads_the_whole_filtered_table(demo_platform, client) -> None:  # type: ignore[no-untyped-def]
    full = demo_platform.watch.screen(importers=["KOR"], regime="korea")
    first, rows = read_csv_download(
        client.get("/api/watch/dependencies.csv", params={"importer": "KOR", "regime": "korea"}))
    assert first == f"# {SYNTHETIC_BANNER}"
    assert len(rows) == len(full) and {r["importer"] for r in rows} == {"KOR"}
    assert [(r["importer"], r["product"]) for r in rows] == keys(full)
    assert {"rules", "sectors", "top_share"} <= set(rows[0])
    alerts = demo_platform.watch.alerts(severity="low")
    first, rows = read_csv_download(client.get("/api/watch/alerts.csv",
                                               params={"severity": "low"}))
    assert first == f"# {SYNTHETIC_BANNER}"
    assert [r["alert_id"] for r in rows] == alerts["alert_id"].tolist()
    bad = client.get("/api/watch/alerts.csv", params={"severity": "dire"})
    assert "low, medium, high, critical" in assert_error_shape(bad, 422)["error"]


# ---- dashboard pages -------------------------------------------------------------------
class Page(HTMLParser):
    """Rows of the tables, links and texts of the elements with an id, on one page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.links: dict[str, list[dict[str, str]]] = {}  # element id -> <a> inside it
        self.texts: dict[str, str] = {}  # element id -> text inside it
        self.errors: list[str] = []
        self._open: list[tuple[str, str | None, str]] = []  # (tag, id, class)
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._link: dict[str, str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ("meta", "link", "input", "br", "img", "option"):
            return
        self._open.append((tag, a.get("id"), a.get("class", "")))
        if a.get("id"):
            self.texts.setdefault(a["id"], "")
        if tag == "table" and a.get("id"):
            self._table = a["id"]
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag == "td" and self._table:
            self._cell = []
        elif tag == "a":
            self._link = {"href": a.get("href", ""), "class": a.get("class", ""), "text": ""}
            for _, element_id, _ in self._open:
                if element_id:
                    self.links.setdefault(element_id, []).append(self._link)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("meta", "link", "input", "br", "img", "option"):
            return
        while self._open:
            open_tag, _, _ = self._open.pop()
            if open_tag == tag:
                break
        if tag == "td" and self._table and self._cell is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._table and not self.tables[self._table][-1]:
            self.tables[self._table].pop()  # the header row
        elif tag == "table":
            self._table = None
        elif tag == "a":
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._link is not None:
            self._link["text"] += data
        for _, element_id, _ in self._open:
            if element_id:
                self.texts[element_id] += data
        if any(css == "error" for _, _, css in self._open):
            self.errors.append(data.strip())

    def showing(self, pager_id: str) -> str:
        return " ".join(self.texts[f"{pager_id}-showing"].split())

    def link(self, pager_id: str, css: str) -> dict[str, str]:
        return next(a for a in self.links[pager_id] if css in a["class"].split())


def get_page(client: TestClient, url: str) -> Page:
    response = client.get(url, headers={"accept": "text/html"})
    assert response.status_code == 200, url
    return Page(response.text)


def query(href: str) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(href).query).items()}


def test_dependency_page_two(demo_platform, client) -> None:  # type: ignore[no-untyped-def]
    full = demo_platform.watch.screen()
    total = len(full)
    page = get_page(client, "/watch?page=2")
    assert page.showing("dependency-pager") == f"Showing 51-100 of {total:,} flagged products"
    rows = page.tables["dependency-table"]
    # the HS6 cell is the code (★ for a critical item), then the product's short name
    assert [(r[0], r[1][:6]) for r in rows] == keys(full.iloc[50:100])
    names = full.iloc[50:100]["product_name"]
    assert names.str.len().gt(0).all()
    assert [(r[1], n) for r, n in zip(rows, names, strict=True) if not r[1].endswith(n)] == []
    assert query(page.link("dependency-pager", "pager-prev")["href"])["page"] == "1"
    assert query(page.link("dependency-pager", "pager-next")["href"])["page"] == "3"
    last = page.link("dependency-pager", "pager-last")
    assert query(last["href"]) == {"page": str(math.ceil(total / 50)), "page_size": "50"}
    first = get_page(client, "/watch")
    assert first.showing("dependency-pager").startswith(f"Showing 1-50 of {total:,} ")


def test_dependency_pager_links_keep_the_filters(demo_platform, client) -> None:  # type: ignore[no-untyped-def]
    total = len(demo_platform.watch.screen(importers=["KOR"], regime="korea"))
    pages = math.ceil(total / 25)
    assert pages >= 3
    page = get_page(client, "/watch?importer=KOR&regime=korea&page_size=25&page=2")
    assert page.showing("dependency-pager") == f"Showing 26-50 of {total:,} flagged products"
    nav = [a for a in page.links["dependency-pager"] if "pager-download" not in a["class"]]
    assert len(nav) >= 4
    for a in nav:
        q = query(a["href"])
        assert urlsplit(a["href"]).path == "/watch"
        assert q["importer"] == "KOR" and q["regime"] == "korea" and q["page_size"] == "25", a
        assert "sector" not in q and "year" not in q  # empty filters are left out
    assert query(page.link("dependency-pager", "pager-last")["href"])["page"] == str(pages)
    assert {r[0] for r in page.tables["dependency-table"]} == {"KOR"}


def test_dependency_csv_link_downloads_every_page(demo_platform, client) -> None:  # type: ignore[no-untyped-def]
    full = demo_platform.watch.screen(importers=["KOR"], regime="korea")
    page = get_page(client, "/watch?importer=KOR&regime=korea&page_size=25&page=3")
    link = page.link("dependency-pager", "pager-download")
    assert link["text"].strip() == "Download CSV"
    first, rows = read_csv_download(client.get(link["href"]))
    assert first == f"# {SYNTHETIC_BANNER}"
    assert len(rows) == len(full) > 25
    assert {r["importer"] for r in rows} == {"KOR"} and all(r["korea"] == "True" for r in rows)


def test_page_past_the_end_shows_the_last_page(demo_platform, client) -> None:  # type: ignore[no-untyped-def]
    total = len(demo_platform.watch.screen())
    last = math.ceil(total / 100)
    for asked in ("999", "9" * 40):
        page = get_page(client, f"/watch?page={asked}&page_size=100")
        shown = f"Showing {(last - 1) * 100 + 1}-{total} of {total:,} flagged products"
        assert page.showing("dependency-pager") == shown
        assert len(page.tables["dependency-table"]) == total - (last - 1) * 100
        assert "the last one is shown" in page.texts["dependency-pager-note"]
        assert not page.errors


@pytest.mark.parametrize(("url", "message"), [
    ("/watch?page=abc", "Use a whole number from 1"),
    ("/watch?page=0", "Use a whole number from 1"),
    ("/watch?page=-2", "Use a whole number from 1"),
    ("/watch?page_size=7", "Use one of 25, 50, 100, 200"),
    ("/watch?page_size=abc&importer=KOR", "Use one of 25, 50, 100, 200"),
    ("/watch/alerts?page=1.5", "Use a whole number from 1"),
    ("/watch/alerts?page_size=1000", "Use one of 25, 50, 100, 200"),
])
def test_bad_paging_values_are_explained_on_the_page(client, url: str, message: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(url, headers={"accept": "text/html"})
    assert response.status_code == 200
    page = Page(response.text)
    assert any(message in e for e in page.errors), page.errors
    assert "dependency-pager" not in page.texts and "alerts-pager" not in page.texts


def test_alerts_page_two(demo_platform, client) -> None:  # type: ignore[no-untyped-def]
    full = demo_platform.watch.alerts()
    total = len(full)
    assert total > 25
    page = get_page(client, "/watch/alerts?page_size=25&page=2")
    shown = f"Showing 26-{min(50, total)} of {total:,} alerts"
    assert page.showing("alerts-pager") == shown
    links = [a["href"] for a in page.links["alerts-table"]]
    assert links == [f"/watch/alerts/{i}" for i in full["alert_id"].iloc[25:50]]
    prev = query(page.link("alerts-pager", "pager-prev")["href"])
    assert prev == {"page": "1", "page_size": "25"}
    filtered = get_page(client, "/watch/alerts?severity=low&page_size=25")
    n_low = int((full["severity"] == "low").sum())
    assert filtered.showing("alerts-pager") == (
        f"Showing 1-{min(25, n_low)} of {n_low:,} alert{'s' if n_low != 1 else ''}")
    csv_link = filtered.link("alerts-pager", "pager-download")
    assert query(csv_link["href"]) == {"severity": "low"}
    _, rows = read_csv_download(client.get(csv_link["href"]))
    assert len(rows) == n_low
