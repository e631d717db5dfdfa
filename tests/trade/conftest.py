"""Fixtures of the trade tests: the hand-computed 3 x 4 worlds, the real 2017 file, and the
CLI runner and API client over the shared demo platform."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kcbridge.api import create_app
from kcbridge.cli.common import set_platform_factory

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real"
REAL_EXPORTS_2017 = REAL / "world_trade_2017_hs4_exports.csv"

# Exports to the world (importer 'WLD'): three countries A, B, C, four products.
# Product totals are 100 each (world 400); country totals A 200, B 100, C 100, so
# world shares are 1/4 and RCA_cp = (x_cp / X_c) * 4.
HAND_EXPORTS = {
    #       p1  p2  p3  p4
    "A": [10, 60, 60, 70],  # RCA x/50: 0.2 1.2 1.2 1.4 -> Mcp 0 1 1 1
    "B": [40, 30, 20, 10],  # RCA x/25: 1.6 1.2 0.8 0.4 -> Mcp 1 1 0 0
    "C": [50, 10, 20, 20],  # RCA x/25: 2.0 0.4 0.8 0.8 -> Mcp 1 0 0 0
}
PRODUCTS = ["p1", "p2", "p3", "p4"]


@pytest.fixture
def hand_exports() -> pd.DataFrame:
    rows = [
        {"year": 2020, "exporter": c, "importer": "WLD", "product": p, "value_usd": float(v)}
        for c, values in HAND_EXPORTS.items()
        for p, v in zip(PRODUCTS, values, strict=True)
    ]
    return pd.DataFrame(rows)


# Bilateral flows, 2020 (exporter -> importer: p1 p2 p3 p4)
BILATERAL_2020 = {
    ("KOR", "CHN"): [10, 50, 40, 0],
    ("KOR", "USA"): [0, 0, 50, 50],
    ("CHN", "KOR"): [60, 40, 0, 100],
    ("CHN", "USA"): [50, 0, 0, 50],
    ("USA", "KOR"): [0, 40, 0, 60],
    ("USA", "CHN"): [50, 50, 0, 0],
}
# 2021: the same, except that KOR stops exporting to USA.
BILATERAL_2021 = {**BILATERAL_2020, ("KOR", "USA"): [0, 0, 0, 0]}


@pytest.fixture
def hand_bilateral() -> pd.DataFrame:
    rows = []
    for year, flows in ((2020, BILATERAL_2020), (2021, BILATERAL_2021)):
        for (exporter, importer), values in flows.items():
            for p, v in zip(PRODUCTS, values, strict=True):
                if v:
                    rows.append(
                        {"year": year, "exporter": exporter, "importer": importer,
                         "product": p, "value_usd": float(v)}
                    )
    return pd.DataFrame(rows)


@pytest.fixture(scope="session")
def real_exports_2017() -> pd.DataFrame:
    if not REAL_EXPORTS_2017.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Real data missing under CI: {REAL_EXPORTS_2017}")
        pytest.skip(f"Real data not found: {REAL_EXPORTS_2017}")
    frame = pd.read_csv(REAL_EXPORTS_2017, dtype={"product_code": str, "reporter_iso": str})
    return frame


@pytest.fixture
def cli(demo_platform):  # type: ignore[no-untyped-def]
    """A CLI runner whose commands use the shared demo platform."""
    set_platform_factory(lambda: demo_platform)
    try:
        yield CliRunner()
    finally:
        set_platform_factory(None)


@pytest.fixture(scope="module")
def client(demo_platform):  # type: ignore[no-untyped-def]
    """An API client over the shared demo platform (one per test module)."""
    return TestClient(create_app(demo_platform))
