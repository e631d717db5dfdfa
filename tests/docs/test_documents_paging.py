"""The documents list pages through every document with a total (service, API, page)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from kcbridge.api import create_app


def test_service_pages_and_counts(demo_platform) -> None:  # type: ignore[no-untyped-def]
    everything = demo_platform.docs.documents(limit=None)
    total = len(everything)
    assert total >= 10 and everything.attrs["total"] == total
    published = list(everything["published"])
    assert published == sorted(published, reverse=True)  # newest first
    page = demo_platform.docs.documents(limit=4, offset=3)
    assert list(page["doc_id"]) == list(everything["doc_id"].iloc[3:7])
    assert page.attrs == {"total": total, "offset": 3}
    # the sector filter runs in the database and agrees with the tags of each document
    sector = everything["sectors"].explode().dropna().value_counts().index[0]
    tagged = everything[everything["sectors"].apply(lambda s: sector in s)]
    by_sector = demo_platform.docs.documents(sector=sector, limit=None)
    assert list(by_sector["doc_id"]) == list(tagged["doc_id"])
    assert by_sector.attrs["total"] == len(tagged) < total


def test_api_and_page_report_the_total(demo_platform) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(create_app(demo_platform))
    total = demo_platform.docs.documents(limit=None).attrs["total"]
    body = client.get("/api/docs/documents", params={"limit": 5, "offset": 5}).json()
    assert body["total"] == total and body["offset"] == 5 and len(body["data"]) == 5
    bad = client.get("/api/docs/documents", params={"offset": -1})
    assert bad.status_code == 422 and bad.json()["ok"] is False
    page = client.get("/documents", params={"page_size": 25}).text
    shown = min(total, 25)
    assert f"Showing 1-{shown} of {total} documents" in page
    assert "newest first" in page
