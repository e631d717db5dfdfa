"""The HTTP API: core endpoints, one error shape, token for writes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.conftest import assert_error_shape

from kcbridge.api import create_app
from kcbridge.app import Platform


@pytest.fixture
def client(platform: Platform) -> TestClient:
    return TestClient(create_app(platform))


def test_health_and_status(client: TestClient) -> None:
    assert client.get("/api/health").json()["ok"] is True
    body = client.get("/api/status").json()
    assert body["ok"] is True and body["synthetic"] is False
    assert body["data"]["tables"]["countries"] > 200


def test_lookups(client: TestClient) -> None:
    rows = client.get("/api/countries", params={"q": "KR"}).json()["data"]
    assert rows[0]["iso3"] == "KOR"
    assert client.get("/api/countries/156").json()["data"]["iso3"] == "CHN"
    prods = client.get("/api/products", params={"q": "2504", "level": 6}).json()["data"]
    assert [p["code"] for p in prods] == ["250410", "250490"]


def test_errors_have_one_shape(client: TestClient) -> None:
    body = assert_error_shape(client.get("/api/countries/XXZ"), 404)
    assert "ISO3" in body["error"]
    assert_error_shape(client.get("/api/products/123456"), 404)
    assert_error_shape(client.get("/api/no-such-thing"), 404)
    assert_error_shape(client.get("/api/products", params={"level": "six"}), 422)
    assert_error_shape(client.get("/api/products", params={"level": 5}), 422)


def test_writes_need_the_token(client: TestClient) -> None:
    files = {"file": ("flows.csv", b"reporter,product,value\nkor,8542,1\n")}
    data = {"format": "exports-world", "year": "2017"}
    body = assert_error_shape(client.post("/api/loads", data=data, files=files), 401)
    assert "Bearer" in body["error"]
    bad = client.post(
        "/api/loads", data=data, files=files, headers={"Authorization": "Bearer nope"}
    )
    assert_error_shape(bad, 401)


def test_dashboard_home_renders(client: TestClient) -> None:
    page = client.get("/", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert 'id="main-nav"' in page.text and "What the store holds" in page.text
    assert "synthetic-banner" not in page.text


def test_upload_with_token_loads_once(client: TestClient) -> None:
    files = {"file": ("world.csv", b"reporter,product,value\nkor,8542,100\nchn,8542,300\n")}
    data = {"format": "exports-world", "year": "2017", "revision": "HS2007"}
    auth = {"Authorization": "Bearer test-token"}
    first = client.post("/api/loads", data=data, files=files, headers=auth).json()
    assert first["ok"] is True and first["data"]["rows"] == 2 and first["data"]["skipped"] is False
    again = client.post("/api/loads", data=data, files=files, headers=auth).json()
    assert again["data"]["skipped"] is True
    status = client.get("/api/status").json()["data"]
    assert status["annual"]["rows"] == 2 and status["annual"]["years"] == [2017]
    bad = {"file": ("world.csv", b"reporter,product,value\nxxz,8542,1\n")}
    body = assert_error_shape(client.post("/api/loads", data=data, files=bad, headers=auth), 422)
    assert "XXZ" in body["error"].upper()
    assert client.get("/api/status").json()["data"]["annual"]["rows"] == 2
