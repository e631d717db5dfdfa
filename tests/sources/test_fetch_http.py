"""Downloads against a scripted server on 127.0.0.1: retries, Retry-After, resume with Range."""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from kcbridge.errors import FetchError
from kcbridge.settings import Settings
from kcbridge.sources.fetch import fetch_baci
from kcbridge.sources.fetch_http import download_file, retry_after_seconds

# the scripted server module, loaded by conftest.py (tests run with --import-mode=importlib)
srv = sys.modules["kcbridge_tests_fetch_server"]
# 200,000 bytes that differ along the file, so a wrongly joined resume changes the checksum
DATA = hashlib.sha256(b"seed").digest() * 6250
NEW = bytes(reversed(DATA))


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(home=tmp_path / "home", http_timeout=5, fetch_retries=3,
                    fetch_backoff=0.5, fetch_max_wait=60)


def _dest(settings: Settings) -> Path:
    return settings.home / "downloads" / "BACI_HS12_V202501.zip"


def test_429_with_retry_after_then_503_then_200(server, settings, waits):
    server.add("/f.zip", srv.status(429, b"slow down", {"Retry-After": "7"}),
               srv.status(503, b"busy"), srv.blob(DATA))
    got = download_file(server.base + "/f.zip", _dest(settings), settings)
    assert got.path.read_bytes() == DATA
    assert got.sha256 == hashlib.sha256(DATA).hexdigest()
    assert got.attempts == 3 and [r.status for r in server.requests] == [429, 503, 200]
    # Retry-After is honoured exactly; the 503 waits backoff * 2 ** 1 with 50-100 % jitter
    assert waits[0] == 7.0 and 0.5 <= waits[1] <= 1.0
    assert got.waited == pytest.approx(sum(waits))


def test_backoff_doubles_until_the_retries_are_used_up(server, settings, waits):
    server.add("/f.zip", srv.status(502, b"bad gateway"))
    with pytest.raises(FetchError, match="after 4 attempts: HTTP 502") as err:
        download_file(server.base + "/f.zip", _dest(settings), settings)
    assert "try again later" in str(err.value)
    assert len(server.requests) == 4 and len(waits) == 3
    for n, wait in enumerate(waits):
        assert 0.5 * 2 ** n * 0.5 <= wait <= 0.5 * 2 ** n
    assert not list(_dest(settings).parent.iterdir())


def test_retry_after_longer_than_the_budget_is_not_waited_for(server, settings, waits):
    server.add("/f.zip", srv.status(429, b"", {"Retry-After": "3600"}))
    with pytest.raises(FetchError, match="asks to wait 3600 s.*KCBRIDGE_FETCH_MAX_WAIT"):
        download_file(server.base + "/f.zip", _dest(settings), settings)
    assert waits == [] and len(server.requests) == 1


def test_retry_after_as_http_date_and_comtrade_message():
    now = datetime(2026, 10, 21, 7, 26, 30, tzinfo=UTC)
    dated = httpx.Response(429, headers={"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"})
    assert retry_after_seconds(dated, now) == 90.0
    past = httpx.Response(503, headers={"Retry-After": "Wed, 21 Oct 2026 07:00:00 GMT"})
    assert retry_after_seconds(past, now) == 0.0
    comtrade = httpx.Response(429, json={
        "statusCode": 429, "message": "Rate limit is exceeded. Try again in 2 seconds."})
    assert retry_after_seconds(comtrade) == 2.0
    assert retry_after_seconds(httpx.Response(503, text="busy")) is None


def test_dropped_connection_resumes_with_range(server, settings, waits):
    server.add("/f.zip", srv.blob(DATA, etag='"v1"', drop_after=80_000),
               srv.blob(DATA, etag='"v1"'))
    events: list[tuple[str, int, int | None]] = []
    got = download_file(server.base + "/f.zip", _dest(settings), settings,
                        progress=lambda *e: events.append(e))
    first, second = server.requests
    assert "Range" not in first.headers and first.sent == 80_000
    assert second.headers["Range"] == "bytes=80000-" and second.headers["If-Range"] == '"v1"'
    assert second.status == 206 and second.sent == len(DATA) - 80_000
    assert got.resumed_from == 80_000 and got.size == len(DATA)
    assert got.sha256 == hashlib.sha256(DATA).hexdigest()
    assert events[-1][1:] == (len(DATA), len(DATA))
    assert len(waits) == 1
    assert sorted(p.name for p in _dest(settings).parent.iterdir()) == [_dest(settings).name]


def test_part_file_kept_between_runs_and_resumed(server, settings, waits):
    once = settings.model_copy(update={"fetch_retries": 0})
    modified = "Tue, 01 Jul 2025 10:00:00 GMT"
    server.add("/f.zip", srv.blob(DATA, last_modified=modified, drop_after=50_000),
               srv.blob(DATA, last_modified=modified))
    with pytest.raises(FetchError, match="Cannot download.*50,000 bytes received are kept"):
        download_file(server.base + "/f.zip", _dest(once), once)
    part = _dest(once).with_name(_dest(once).name + ".part")
    assert part.read_bytes() == DATA[:50_000]
    got = download_file(server.base + "/f.zip", _dest(once), once)  # the next run
    assert server.requests[1].headers["Range"] == "bytes=50000-"
    assert server.requests[1].headers["If-Range"] == modified
    assert got.resumed_from == 50_000 and got.path.read_bytes() == DATA
    assert not part.exists() and waits == []


def test_file_changed_on_the_server_restarts(server, settings, waits):
    once = settings.model_copy(update={"fetch_retries": 0})
    server.add("/f.zip", srv.blob(DATA, etag='"v1"', drop_after=50_000),
               srv.blob(NEW, etag='"v2"'))
    with pytest.raises(FetchError):
        download_file(server.base + "/f.zip", _dest(once), once)
    got = download_file(server.base + "/f.zip", _dest(once), once)
    assert server.requests[1].headers["If-Range"] == '"v1"'
    assert server.requests[1].status == 200 and server.requests[1].sent == len(NEW)
    assert got.resumed_from == 0 and got.sha256 == hashlib.sha256(NEW).hexdigest()


def test_server_ignoring_range_restarts_cleanly(server, settings, waits):
    server.add("/f.zip", srv.blob(DATA, etag='"v1"', ranges=False, drop_after=120_000),
               srv.blob(DATA, etag='"v1"', ranges=False))
    got = download_file(server.base + "/f.zip", _dest(settings), settings)
    assert server.requests[1].headers["Range"] == "bytes=120000-"
    assert server.requests[1].status == 200 and server.requests[1].sent == len(DATA)
    assert got.resumed_from == 0 and got.path.read_bytes() == DATA


def test_range_past_the_end_restarts(server, settings, waits):
    part = _dest(settings).with_name(_dest(settings).name + ".part")
    part.parent.mkdir(parents=True)
    part.write_bytes(DATA + b"extra")
    part.with_name(part.name + ".json").write_text(json.dumps(
        {"url": server.base + "/f.zip", "etag": '"v1"', "last_modified": None}))
    server.add("/f.zip", srv.blob(DATA, etag='"v1"'))
    got = download_file(server.base + "/f.zip", _dest(settings), settings)
    assert [r.status for r in server.requests] == [416, 200]
    assert got.path.read_bytes() == DATA


def test_without_validators_no_part_file_is_kept(server, settings, waits):
    once = settings.model_copy(update={"fetch_retries": 0})
    server.add("/f.zip", srv.blob(DATA, drop_after=50_000))
    with pytest.raises(FetchError, match="Cannot download") as err:
        download_file(server.base + "/f.zip", _dest(once), once)
    assert "kept" not in str(err.value)
    assert not list(_dest(once).parent.iterdir())


def test_not_found_is_not_retried_and_says_what_to_check(server, settings, waits):
    server.add("/f.zip", srv.status(404, b'{"message": "Resource not found"}'))
    with pytest.raises(FetchError, match=r"HTTP 404 .*\(Resource not found\).*BACI_VERSION"):
        download_file(server.base + "/f.zip", _dest(settings), settings)
    assert len(server.requests) == 1 and waits == []


def test_ctrl_c_keeps_a_resumable_part_file(server, settings, waits):
    server.add("/f.zip", srv.blob(DATA, etag='"v1"'))

    def interrupt(task: str, done: int, total: int | None) -> None:
        if done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        download_file(server.base + "/f.zip", _dest(settings), settings, progress=interrupt)
    part = _dest(settings).with_name(_dest(settings).name + ".part")
    kept = part.stat().st_size
    # httpx reads at most 64 KiB at a time, so the first chunk is part of the 200,000 bytes
    assert 0 < kept < len(DATA) and part.read_bytes() == DATA[:kept]
    got = download_file(server.base + "/f.zip", _dest(settings), settings)
    assert server.requests[1].headers["Range"] == f"bytes={kept}-"
    assert got.path.read_bytes() == DATA and waits == []


def test_fetch_baci_resumes_a_dropped_release(samples, server, settings, store, tmp_path,
                                              waits):
    release = samples.write_baci_zip(tmp_path / "release.zip").read_bytes()
    server.add("/BACI_HS12_V202501.zip", srv.status(503, b"busy"),
               srv.blob(release, etag='"r1"', drop_after=len(release) // 2),
               srv.blob(release, etag='"r1"'))
    net = settings.model_copy(update={
        "baci_url": server.base + "/BACI_{revision}_V{version}.zip"})
    result = fetch_baci(store, net, 2022, revision="HS2012")
    assert result.rows == 5 and result.periods == ["2022"]
    half = len(release) // 2
    assert server.requests[2].headers["Range"] == f"bytes={half}-"
    assert f"Resumed the download at byte {half:,} of {len(release):,}." in result.notes
    assert "Downloaded after 3 attempts" in result.notes[1]
    assert f"sha256 {hashlib.sha256(release).hexdigest()}" in result.notes[2]


def test_a_206_for_other_bytes_than_asked_restarts(server, settings, waits):
    part = _dest(settings).with_name(_dest(settings).name + ".part")
    part.parent.mkdir(parents=True)
    part.write_bytes(DATA[:50_000])
    part.with_name(part.name + ".json").write_text(json.dumps(
        {"url": server.base + "/f.zip", "etag": '"v1"', "last_modified": None}))
    wrong = srv.status(206, DATA[10:], {
        "Content-Range": f"bytes 10-{len(DATA) - 1}/{len(DATA)}", "ETag": '"v1"'})
    server.add("/f.zip", wrong, srv.blob(DATA, etag='"v1"'))
    got = download_file(server.base + "/f.zip", _dest(settings), settings)
    assert server.requests[0].headers["Range"] == "bytes=50000-"
    assert "Range" not in server.requests[1].headers and server.requests[1].status == 200
    assert got.path.read_bytes() == DATA and got.resumed_from == 0
