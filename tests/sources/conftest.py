"""Fixtures of the loader tests: a fresh in-memory store, settings in tmp_path, and
``samples`` (the module ``source_samples.py`` of hand-written files in the real formats;
tests run with ``--import-mode=importlib``, so it is handed over as a fixture)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kcbridge.settings import Settings
from kcbridge.store import Store


def _load_samples() -> ModuleType:
    name = "kcbridge_tests_source_samples"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(
        "source_samples.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


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
