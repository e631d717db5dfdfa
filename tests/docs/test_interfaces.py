"""CLI, API (one error shape, token for writes) and dashboard pages of document intelligence."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kcbridge.api import create_app
from kcbridge.app import Platform
from kcbridge.cli import app as cli_app
from kcbridge.cli.common import set_platform_factory

runner = CliRunner()
ARTICLE = ("Title: Samsung SDI and CATL sign battery pact\nDate: 2024-05-02\n\n"
           "Samsung SDI and CATL signed a memorandum of understanding on Wednesday to jointly "
           "develop recycling technology for lithium-ion batteries.\n"
           "China announced export controls on graphite <script>alert('x')</script> last week.")


def test_cli_ingest_json_search_and_commitments(platform: Platform, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    set_platform_factory(lambda: platform)
    try:
        result = runner.invoke(cli_app, ["docs", "ingest", str(tmp_path / "a.txt"),
                                         "--format", "json"])
        assert result.exit_code == 0, result.output
        (doc,) = json.loads(result.stdout)["rows"]
        assert [s["type"] for s in doc["statements"]] == ["signed", "restriction"]
        assert {e["key"] for e in doc["entities"] if e["kind"] == "organisation"} == {
            "KR-SAMSUNG-SDI", "CN-CATL"}
        assert doc["sectors"][0]["sector"] == "batteries"
        found = runner.invoke(cli_app, ["docs", "search", "recycling", "--target", "statements",
                                        "--format", "json"])
        assert found.exit_code == 0 and json.loads(found.stdout)["rows"][0]["type"] == "signed"
        tracked = runner.invoke(cli_app, ["docs", "commitments", "--format", "csv"])
        assert tracked.exit_code == 0 and "restriction|CHN|graphite" in tracked.stdout
        bad = runner.invoke(cli_app, ["docs", "ingest", str(tmp_path / "missing.txt")])
        assert bad.exit_code == 1 and "No such file or folder" in bad.output
    finally:
        set_platform_factory(None)


def test_api_write_needs_token_and_errors_have_one_shape(platform: Platform) -> None:
    client = TestClient(create_app(platform))
    body = {"text": ARTICLE, "title": "pact"}
    refused = client.post("/api/docs/documents", json=body)
    assert refused.status_code == 401 and refused.json()["ok"] is False
    ok = client.post("/api/docs/documents", json=body,
                     headers={"Authorization": "Bearer test-token"})
    assert ok.status_code == 200, ok.text
    doc_id = ok.json()["data"]["doc_id"]
    got = client.get(f"/api/docs/documents/{doc_id}").json()["data"]
    text = got["text"]
    assert got["statements"], "the article's pact should give at least one statement"
    for st in got["statements"]:
        assert text[st["start"]:st["end"]] == st["text"]
    missing = client.get("/api/docs/documents/nope")
    assert missing.status_code == 404 and set(missing.json()) == {"ok", "error", "status"}
    bad = client.get("/api/docs/search", params={"q": "x", "mode": "fuzzy"})
    assert bad.status_code == 422 and bad.json()["ok"] is False
    signals = client.get("/api/docs/signals").json()["data"]
    assert {s["hs6"] for s in signals} == {"250410", "250490", "380110"}

    page = client.get(f"/documents/{doc_id}")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "&lt;script&gt;alert" in page.text
    assert 'class="st st-signed"' in page.text and 'class="ent ent-organisation"' in page.text
    assert client.get("/documents").status_code == 200
    found = client.get("/documents", params={"q": "배터리", "target": "statements"})
    assert found.status_code == 200
    timeline = client.get("/documents/commitments")
    assert timeline.status_code == 200 and "commitments-chart" in timeline.text
