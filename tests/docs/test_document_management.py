"""Document management (issue 10): delete a document, re-date or re-title it, and a
re-ingest with another publication date updates the document instead of calling it a
duplicate of itself. Library, CLI and API."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.conftest import assert_error_shape
from typer.testing import CliRunner

from kcbridge.api import create_app
from kcbridge.app import Platform
from kcbridge.cli import app as cli_app
from kcbridge.cli.common import set_platform_factory
from kcbridge.errors import InputError, NotFoundError

runner = CliRunner()
# No date line: the text names a weekday only, so its statement's date comes from the
# publication date given with --published (written for this test).
UNDATED = ("Samsung SDI and CATL deal\n"
           "Samsung SDI and CATL signed a memorandum of understanding on Tuesday to develop "
           "battery recycling technology together.\n")


def _ingest(platform: Platform, tmp_path: Path, published: date | None = None) -> dict:
    path = tmp_path / "undated.txt"
    path.write_text(UNDATED, encoding="utf-8")
    (result,) = platform.docs.ingest([str(path)], published=published)
    return result


def test_undated_text_gets_no_date_and_a_reingest_with_published_updates_it(
    platform: Platform, tmp_path: Path
) -> None:
    first = _ingest(platform, tmp_path)
    assert first["status"] == "new" and first["published"] is None
    again = _ingest(platform, tmp_path)
    assert again["status"] == "exact_duplicate" and again["duplicate_of"] == first["doc_id"]
    dated = _ingest(platform, tmp_path, published=date(2024, 3, 14))  # a Thursday
    assert dated["status"] == "updated" and dated["doc_id"] == first["doc_id"]
    assert dated["previous_published"] is None and dated["published"] == "2024-03-14"
    stored = platform.docs.document(first["doc_id"])
    assert stored["published"] == date(2024, 3, 14)
    (st,) = [s for s in stored["statements"] if s["type"] == "signed"]
    assert st["date"] == date(2024, 3, 12)  # "on Tuesday" before a Thursday publication
    assert len(platform.docs.documents()) == 1
    same = _ingest(platform, tmp_path, published=date(2024, 3, 14))
    assert same["status"] == "exact_duplicate"


def test_set_metadata_re_dates_and_re_titles(platform: Platform, tmp_path: Path) -> None:
    doc_id = _ingest(platform, tmp_path, published=date(2024, 3, 14))["doc_id"]
    result = platform.docs.set_metadata(doc_id, published=date(2024, 3, 22), title="New title")
    assert result["status"] == "updated" and result["previous_published"] == "2024-03-14"
    stored = platform.docs.document(doc_id)
    assert (stored["title"], stored["published"]) == ("New title", date(2024, 3, 22))
    (st,) = [s for s in stored["statements"] if s["type"] == "signed"]
    assert st["date"] == date(2024, 3, 19) and st["published"] == date(2024, 3, 22)
    assert len(stored["entities"]) == len(platform.docs.document(doc_id)["entities"]) > 0
    with pytest.raises(InputError, match="Nothing to change"):
        platform.docs.set_metadata(doc_id)
    with pytest.raises(NotFoundError, match="kcbridge docs list"):
        platform.docs.set_metadata("nope", title="x")


def test_delete_removes_every_row(platform: Platform, tmp_path: Path) -> None:
    doc_id = _ingest(platform, tmp_path, published=date(2024, 3, 14))["doc_id"]
    assert platform.docs.delete(doc_id)["deleted"] is True
    for table in ("docs_documents", "docs_entities", "docs_sectors", "docs_statements"):
        t = platform.store.table(table)
        assert t.filter(t.doc_id == doc_id).count().execute() == 0, table
    with pytest.raises(NotFoundError):
        platform.docs.delete(doc_id)
    assert _ingest(platform, tmp_path)["status"] == "new"  # gone, so new again


def test_cli_set_and_delete(platform: Platform, tmp_path: Path) -> None:
    doc_id = _ingest(platform, tmp_path)["doc_id"]
    set_platform_factory(lambda: platform)
    try:
        r = runner.invoke(cli_app, ["docs", "set", doc_id, "--published", "2024-03-14",
                                    "--format", "json"])
        assert r.exit_code == 0, r.output
        (row,) = json.loads(r.stdout)["rows"]
        assert row["published"] == "2024-03-14" and row["status"] == "updated"
        bad = runner.invoke(cli_app, ["docs", "set", doc_id, "--published", "14/03/2024"])
        assert bad.exit_code == 1 and "must be a date like 2024-03-14" in bad.output
        r = runner.invoke(cli_app, ["docs", "delete", doc_id])
        assert r.exit_code == 0 and f"Deleted {doc_id}" in r.output
        r = runner.invoke(cli_app, ["docs", "delete", doc_id])
        assert r.exit_code == 1 and "kcbridge docs list" in r.output
    finally:
        set_platform_factory(None)


def test_api_patch_and_delete_need_the_token(platform: Platform, tmp_path: Path) -> None:
    doc_id = _ingest(platform, tmp_path)["doc_id"]
    client = TestClient(create_app(platform))
    auth = {"Authorization": "Bearer test-token"}
    assert_error_shape(client.patch(f"/api/docs/documents/{doc_id}",
                                    json={"title": "x"}), 401)
    ok = client.patch(f"/api/docs/documents/{doc_id}", json={"published": "2024-03-14"},
                      headers=auth)
    assert ok.status_code == 200, ok.text
    assert ok.json()["data"]["published"] == "2024-03-14"
    assert_error_shape(client.patch(f"/api/docs/documents/{doc_id}", json={},
                                    headers=auth), 422)
    assert_error_shape(client.patch("/api/docs/documents/nope", json={"title": "x"},
                                    headers=auth), 404)
    assert_error_shape(client.delete(f"/api/docs/documents/{doc_id}"), 401)
    assert client.delete(f"/api/docs/documents/{doc_id}", headers=auth).status_code == 200
    assert_error_shape(client.delete(f"/api/docs/documents/{doc_id}", headers=auth), 404)
