"""Every failure of the API answers in the one error shape: bugs (any exception) as a 500
with an error id and the traceback only in the log, 405 with ``Allow``, numbers out of
range as 422, long input cut, no server paths; reads never change the data version."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient
from tests.conftest import assert_error_shape

from kcbridge.api import create_app
from kcbridge.app import Platform
from kcbridge.cli.common import csv_text
from kcbridge.errors import InputError


@pytest.fixture
def client(platform: Platform) -> TestClient:
    return TestClient(create_app(platform), raise_server_exceptions=False)


def test_an_unexpected_exception_is_a_json_500_with_an_id_and_a_logged_traceback(
        client: TestClient, platform: Platform, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    def broken(query: str | None = None) -> None:
        raise TypeError("sequence item 0: expected str instance, NoneType found")

    monkeypatch.setattr(platform, "list_countries", broken)
    with caplog.at_level(logging.ERROR, logger="kcbridge.api"):
        response = client.get("/api/countries")
    body = assert_error_shape(response, 500)
    error_id = response.headers["x-error-id"]
    assert len(error_id) == 12 and f"Internal error {error_id}" in body["error"]
    assert "sequence item" not in body["error"] and "Traceback" not in body["error"]
    logged = [r for r in caplog.records if error_id in r.getMessage()]
    assert len(logged) == 1 and logged[0].exc_info is not None  # the traceback, by id
    assert "GET /api/countries" in logged[0].getMessage()
    # the server goes on: the next request is answered and the store was released
    monkeypatch.undo()
    assert client.get("/api/countries", params={"q": "KR"}).status_code == 200
    assert client.app.state.store_sharing.in_flight == 0  # type: ignore[attr-defined]
    assert not platform.store.connected


def test_a_dashboard_page_that_fails_gets_the_error_page(
        client: TestClient, platform: Platform, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("/tmp/secret-path exploded")

    monkeypatch.setattr(platform, "status", broken)
    page = client.get("/", headers={"accept": "text/html"})
    assert page.status_code == 500 and "text/html" in page.headers["content-type"]
    assert "Something went wrong" in page.text and page.headers["x-error-id"] in page.text
    assert "secret-path" not in page.text


def test_405_says_which_methods_are_allowed(client: TestClient) -> None:
    response = client.delete("/api/status")
    body = assert_error_shape(response, 405)
    assert response.headers["allow"] == "GET"
    assert "DELETE is not allowed on /api/status; use GET" in body["error"]


@pytest.mark.parametrize("path", [
    "/api/docs/documents?limit=10000000000000000000000000",
    "/api/watch/alerts?offset=10000000000000000000000000",
    "/api/partners/merge-candidates?threshold=-1",
    "/api/partners/merge-candidates?threshold=nan",
    "/api/trade/complementarity?a=KOR&b=CHN&year=99999999999999999999",
    "/api/trade/complementarity?a=KOR&b=CHN&margin=inf",
    "/api/partners/match/x?k=10000000000000000000000",
    "/api/products?limit=-5",
])
def test_numbers_out_of_range_are_422_in_the_error_shape(client: TestClient, path: str) -> None:
    body = assert_error_shape(client.get(path), 422)
    assert body["error"].startswith("Invalid request: ")


def test_long_input_is_cut_in_messages() -> None:
    error = InputError(f"Unknown country {'X' * 2_000_000!r} in row 2.", hint="Use ISO3.")
    assert len(str(error)) < 300 and "…" in str(error) and str(error).endswith("Use ISO3.")


def test_uploads_name_the_file_not_the_server_temp_folder(client: TestClient) -> None:
    files = {"file": ("mine.csv", b"reporter,product,value\nxxz,8542,1\n")}
    data = {"format": "exports-world", "year": "2017", "revision": "HS2007"}
    response = client.post("/api/loads", data=data, files=files,
                           headers={"Authorization": "Bearer test-token"})
    body = assert_error_shape(response, 422)
    assert "/tmp" not in body["error"] and "upload.csv" not in body["error"]
    assert body["error"].startswith("mine.csv: ")


def test_reads_do_not_change_the_data_version(client: TestClient, platform: Platform) -> None:
    client.get("/api/status")  # the store and its tables exist from here on
    before = platform.store.data_version()
    for path in ("/api/status", "/api/countries?q=KR", "/api/watch/alerts",
                 "/api/watch/alerts", "/api/docs/documents", "/api/partners/organisations",
                 "/"):
        client.get(path)
    assert platform.store.data_version() == before
    platform.store.set_meta("written", "yes")  # a write does change it
    assert platform.store.data_version() != before


def test_csv_cells_that_look_like_formulas_are_escaped_but_numbers_stay() -> None:
    import pandas as pd

    frame = pd.DataFrame({"name": ["=cmd|' /C calc'!A0", "-12.5", "@SUM(A1)", "+1 (555)",
                                   "\tTAB", "plain", "-x"],
                          "value": [-1.5, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0]})
    lines = csv_text(frame, synthetic=False).splitlines()
    assert lines[1] == "'=cmd|' /C calc'!A0,-1.5"
    assert lines[2] == "-12.5,-2.0"  # a number written as text stays a number
    assert lines[3].startswith("'@SUM") and lines[4].startswith("'+1")
    assert lines[5].startswith("'\tTAB") and lines[7] == "'-x,7.0"


def test_the_cli_reports_a_bug_as_a_bug(platform: Platform,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from kcbridge.cli import app

    def broken(self: Platform, *args: object) -> None:
        raise TypeError("sequence item 0: expected str instance, NoneType found")

    monkeypatch.setattr(Platform, "list_countries", broken)  # the frame path (--format json)
    monkeypatch.setattr(Platform, "country_rows", broken)  # the table's plain rows
    result = CliRunner().invoke(app, ["countries", "KOR"])
    assert result.exit_code == 1
    assert "internal error (TypeError): this is a bug in kcbridge" in result.output
    assert "sequence item 0" in result.output  # the traceback, for the bug report
    usage = CliRunner().invoke(app, ["countries", "--format", "nope"])
    assert usage.exit_code == 2 and "bug" not in usage.output  # usage errors stay usage errors
