"""Fetchers against a local HTTP server on 127.0.0.1 serving files in the real formats."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from kcbridge.errors import FetchError
from kcbridge.settings import Settings
from kcbridge.sources import fetch_baci, fetch_comtrade


class LocalServer:
    """Serves ``routes[path] = (status, body)``; ``/slow...`` answers after 2 s."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes]] = {}
        self.requests: list[dict[str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                url = urlparse(self.path)
                server.requests.append({"path": url.path, "query": parse_qs(url.query),
                                        "headers": dict(self.headers)})
                if url.path.startswith("/slow"):
                    time.sleep(2)
                status, body = server.routes.get(url.path, (404, b"not found"))
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer()
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


@pytest.fixture
def net_settings(server, tmp_path) -> Settings:
    return Settings(home=tmp_path / "home",
                    baci_url=server.base + "/BACI_{revision}_V{version}.zip",
                    baci_version="202501", comtrade_url=server.base + "/data/v1/get",
                    comtrade_key="secret-key", http_timeout=0.5, fetch_retries=1,
                    fetch_backoff=0.01)


def test_fetch_baci_downloads_with_progress_then_loads(samples, server, net_settings, store,
                                                       tmp_path):
    zipped = samples.write_baci_zip(tmp_path / "release.zip")
    server.routes["/BACI_HS12_V202501.zip"] = (200, zipped.read_bytes())
    events: list[tuple[str, int, int | None]] = []
    result = fetch_baci(store, net_settings, 2022, revision="HS2012",
                        progress=lambda *e: events.append(e))
    assert result.rows == 5 and result.periods == ["2022"]
    saved = net_settings.home / "downloads" / "BACI_HS12_V202501.zip"
    assert saved.read_bytes() == zipped.read_bytes()
    downloads = [e for e in events if e[0].startswith("Downloading")]
    assert downloads[-1][1] == downloads[-1][2] == zipped.stat().st_size
    # a second year comes from the file already downloaded
    second = fetch_baci(store, net_settings, 2021)
    assert second.rows == 2 and any("already downloaded" in n for n in second.notes)
    assert len(server.requests) == 1


def test_fetch_comtrade_sends_query_and_key(samples, server, net_settings, store, tmp_path):
    body = samples.write_comtrade_json(tmp_path / "a.json", samples.comtrade_annual_records())
    server.routes["/data/v1/get/C/A/HS"] = (200, body.read_bytes())
    result = fetch_comtrade(store, net_settings, reporter="KOR", partner="CHN", period="2022")
    assert result.target == "trade_annual" and result.rows == 3
    request = server.requests[0]
    assert request["query"] == {"reporterCode": ["410"], "partnerCode": ["156"],
                                "period": ["2022"], "cmdCode": ["AG6"], "flowCode": ["X,M"],
                                "maxRecords": ["100000"]}
    assert request["headers"]["Ocp-Apim-Subscription-Key"] == "secret-key"


def test_fetch_comtrade_usa_code_and_world(server, net_settings, store):
    server.routes["/data/v1/get/C/M/HS"] = (200, b'{"count": 0, "data": []}')
    with pytest.raises(FetchError, match="no data"):
        fetch_comtrade(store, net_settings, reporter="USA", partner="WLD", period="202301",
                       freq="M")
    assert server.requests[0]["query"]["reporterCode"] == ["842"]
    assert server.requests[0]["query"]["partnerCode"] == ["0"]


def test_http_errors_say_what_to_check(server, net_settings, store, samples):
    before = samples.snapshot(store)
    with pytest.raises(FetchError, match="HTTP 404.*KCBRIDGE_BACI_VERSION"):
        fetch_baci(store, net_settings, 2022, revision="HS17")
    server.routes["/data/v1/get/C/A/HS"] = (401, b'{"statusCode": 401}')
    with pytest.raises(FetchError, match="HTTP 401.*KCBRIDGE_COMTRADE_KEY"):
        fetch_comtrade(store, net_settings, reporter="KOR", partner=None, period="2022")
    assert samples.snapshot(store) == before
    assert not list((net_settings.home / "downloads").glob("*"))


def test_timeout_and_unreachable_host(server, net_settings, store):
    slow = net_settings.model_copy(update={"baci_url": server.base + "/slow/B_{revision}.zip"})
    with pytest.raises(FetchError, match="timed out.*KCBRIDGE_HTTP_TIMEOUT"):
        fetch_baci(store, slow, 2022)
    closed = net_settings.model_copy(update={"comtrade_url": "http://127.0.0.1:9/x"})
    with pytest.raises(FetchError, match="internet connection"):
        fetch_comtrade(store, closed, reporter="KOR", partner="CHN", period="2022")
