"""Fixtures of the loader tests: a fresh in-memory store, settings in tmp_path, and
``samples`` (the module ``source_samples.py`` of hand-written files in the real formats;
tests run with ``--import-mode=importlib``, so it is handed over as a fixture)."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kcbridge.settings import Settings
from kcbridge.sources import fetch_http
from kcbridge.store import Store


def _load_helper(filename: str) -> ModuleType:
    """A helper module of this folder (``source_samples.py``, ``fetch_server.py``), loaded
    once and kept in ``sys.modules`` as ``kcbridge_tests_<stem>``."""
    name = f"kcbridge_tests_{Path(filename).stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(filename))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _load_samples() -> ModuleType:
    return _load_helper("source_samples.py")


#: The scripted HTTP server of the fetch tests, loaded when this conftest is (before the
#: test modules), so they can take it as ``sys.modules[FETCH_SERVER]``.
FETCH_SERVER = _load_helper("fetch_server.py").__name__


@pytest.fixture
def samples() -> ModuleType:
    return _load_samples()


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(home=tmp_path / "home")


@pytest.fixture
def store():
    s = Store("duckdb://:memory:")
    yield s
    s.close()


@pytest.fixture
def server() -> Iterator[Any]:
    """A scripted HTTP server on 127.0.0.1 (``fetch_server.ScriptedServer``)."""
    s = sys.modules[FETCH_SERVER].ScriptedServer()
    yield s
    s.close()


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits between download attempts, recorded instead of slept."""
    seen: list[float] = []
    monkeypatch.setattr(fetch_http, "sleep", seen.append)
    return seen
