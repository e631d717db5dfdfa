"""`POST /api/docs/fetch` takes http(s) addresses only: a request never reads a server file."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.conftest import assert_error_shape

from kcbridge.api import create_app
from kcbridge.app import Platform

AUTH = {"Authorization": "Bearer test-token"}


@pytest.mark.parametrize("address", [
    "/etc/passwd", "file:///etc/passwd", "../../etc/hostname", "FILE:///etc/hosts",
    "ftp://example.org/a.txt", "relative.txt",
])
def test_fetch_refuses_paths_and_other_schemes(platform: Platform, tmp_path: Path,
                                               address: str) -> None:
    secret = tmp_path / "relative.txt"
    secret.write_text("Samsung and CATL signed a battery pact.", encoding="utf-8")
    client = TestClient(create_app(platform))
    response = client.post("/api/docs/fetch", json={"urls": [address]}, headers=AUTH)
    body = assert_error_shape(response, 422)
    assert "http" in body["error"]
    assert platform.docs.store.count("docs_documents") == 0


def test_fetch_refuses_a_list_with_one_path_before_fetching_anything(platform: Platform) -> None:
    client = TestClient(create_app(platform))
    response = client.post("/api/docs/fetch", headers=AUTH,
                           json={"urls": ["http://127.0.0.1:9/none", "/etc/passwd"]})
    assert_error_shape(response, 422)
    assert platform.docs.store.count("docs_documents") == 0


def test_fetch_message_does_not_echo_a_long_input(platform: Platform) -> None:
    client = TestClient(create_app(platform))
    response = client.post("/api/docs/fetch", headers=AUTH, json={"urls": ["/" + "a" * 5000]})
    body = assert_error_shape(response, 422)
    assert len(body["error"]) < 400
