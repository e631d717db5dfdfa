# ruff: noqa: E501 (lines of Korean and Chinese text count wide characters)
"""Partners API (issue 16): a screened name is never read as a server path, errors keep the
JSON shape without server paths, list versions and history, peers."""

from __future__ import annotations

import json

from tests.conftest import assert_error_shape
from tests.partners.test_imports_and_lists import GOOD, _write


def test_api_screen_takes_a_name_never_a_path(platform, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from kcbridge.api import create_app

    service = platform.partners
    service.import_list(_write(tmp_path, "l.csv", "list_id,entity_name\nwatch,Acme Listed\n"))
    server_file = _write(tmp_path, "server.csv", "name,country\nAcme Listed,CHN\n")
    touched: list[str] = []
    import pathlib

    for method in ("is_file", "exists", "read_text", "read_bytes", "open", "stat"):
        original = getattr(pathlib.Path, method)

        def spy(self, *a, _original=original, **kw):  # type: ignore[no-untyped-def]
            if str(self) in ("/etc/passwd", str(server_file)):
                touched.append(str(self))
            return _original(self, *a, **kw)

        monkeypatch.setattr(pathlib.Path, method, spy)
    client = TestClient(create_app(platform))
    for name in ("/etc/passwd", str(server_file)):
        body = client.get("/api/partners/screen", params={"name": name}).json()
        assert body["ok"] and len(body["data"]) == 1
        assert body["data"][0]["name"] == name and body["data"][0]["flagged"] is False
    assert touched == []


def test_api_errors_keep_the_json_shape(platform, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from kcbridge.api import create_app

    client = TestClient(create_app(platform))
    auth = {"Authorization": "Bearer test-token"}
    assert_error_shape(client.get("/api/partners/merge-candidates",
                                  params={"threshold": -1}), 422)
    body = assert_error_shape(client.post("/api/partners/lists", headers=auth,
                                          files={"file": ("empty.csv", b"")}), 422)
    assert "empty.csv is empty" in body["error"] and "/tmp" not in body["error"]
    body = assert_error_shape(client.post("/api/partners/import", headers=auth,
                                          files={"file": ("reg.json", b"[1, 2]")}), 422)
    assert "reg.json" in body["error"] and "kcbridge-upload" not in body["error"]
    assert platform.partners.merge_candidates(50).empty  # nothing imported


def test_api_list_versions_history_and_peers(platform, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from kcbridge.api import create_app

    client = TestClient(create_app(platform))
    auth = {"Authorization": "Bearer test-token"}
    for body in (b"list_id,entity_name\nwatch,Alpha Ltd\nwatch,Beta Ltd\n",
                 b"list_id,entity_name\nwatch,Alpha Ltd\n"):
        answer = client.post("/api/partners/lists", headers=auth, files={"file": ("w.csv", body)})
        assert answer.status_code == 200, answer.text
    assert answer.json()["data"]["delisted"] == 1
    history = client.get("/api/partners/lists/history", params={"list_id": "watch"}).json()
    assert [(h["entity_name"], h["change"]) for h in history["data"]][-1] == ("Beta Ltd",
                                                                             "delisted")
    platform.partners.import_file(_write(tmp_path, "r.json", json.dumps(GOOD)))
    peers = client.get("/api/partners/peers/kr-offer").json()["data"]
    assert [p["peer_profile_id"] for p in peers] == ["cn-peer"]
