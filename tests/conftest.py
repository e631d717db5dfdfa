"""Shared fixtures: a fresh store per test, a tiny demo world, the real-data folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kcbridge.app import Platform

REAL_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if REAL_DATA.is_dir():
        return
    for item in items:
        if "realdata" in item.keywords and not IN_CI:
            item.add_marker(
                pytest.mark.skip(
                    reason=f"real data folder {REAL_DATA} is missing (see tests/realdata/README.md)"
                )
            )


@pytest.fixture
def real_data() -> Path:
    """The real public data beside the project; a failure under CI when it is missing."""
    if not REAL_DATA.is_dir():
        if IN_CI:
            pytest.fail(f"CI=true but the real data folder {REAL_DATA} is missing")
        pytest.skip(f"real data folder {REAL_DATA} is missing")
    return REAL_DATA


@pytest.fixture
def platform(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Platform]:
    """A Platform on a fresh DuckDB file in tmp_path, with an API token set."""
    for key in list(os.environ):
        if key.startswith("KCBRIDGE_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("KCBRIDGE_HOME", str(tmp_path))
    p = Platform(home=tmp_path, api_token="test-token")
    yield p
    p.close()


@pytest.fixture(scope="session")
def demo_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    """A Platform holding the tiny SYNTHETIC demo world, built once per session.
    Treat it as read-only."""
    home = tmp_path_factory.mktemp("demo")
    p = Platform(home=home, api_token="test-token")
    p.demo(size="tiny")
    yield p
    p.close()


@pytest.fixture(scope="session")
def _tiny_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home holding the tiny SYNTHETIC demo world in a closed store, built once per
    session; tests never open it, they get a copy (:func:`tiny_demo_copy`)."""
    home = tmp_path_factory.mktemp("tiny_demo_template")
    p = Platform(home=home, api_token="test-token")
    p.demo(size="tiny")
    p.close()
    return home


@pytest.fixture
def tiny_demo_copy(_tiny_demo_template: Path, tmp_path: Path) -> Path:
    """A home with this test's own copy of the tiny demo store: for tests that write
    (scan, acknowledge, import, ingest ...), so none sees another's changes."""
    home = tmp_path / "home"
    shutil.copytree(_tiny_demo_template, home)
    return home


def assert_error_shape(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    """The API's one error shape ``{"ok": false, "error": ..., "status": ...}``."""
    body = response.json()
    assert response.status_code == status
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status and body["error"]
    return body
