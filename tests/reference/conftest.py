"""Fixtures for the reference-data tests (``real_data`` comes from tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kcbridge.reference.products import product_table


@pytest.fixture(scope="session")
def hs2012_codes() -> set[str]:
    """Every HS6 subheading of HS2012 (from atlas-common-data)."""
    table = product_table("HS2012")
    return set(table.loc[table["level"] == 6, "code"])


@pytest.fixture
def bec_table(real_data: Path) -> pd.DataFrame:
    """The UN HS6 -> BEC rev.4 table, read in place from the real-data folder.

    ``real_data`` skips when the folder is missing, and fails under CI=true.
    """
    path = real_data / "hs6_bec4.csv"
    if not path.is_file():
        pytest.fail(f"{path} is missing from the real-data folder (see shared/data/README.md)")
    return pd.read_csv(path, dtype=str).dropna(subset=["HS6_6d", "BEC4_3d"])
