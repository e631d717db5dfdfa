"""The watch scan on a Spark store (one Spark job: series grouped by reporter and flow,
``applyInPandas`` per group calling the detectors) finds exactly the alerts of the
DuckDB scan (one pandas panel) on the same generated monthly flows."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kcbridge.app import Platform
from kcbridge.store.spark import SparkStore
from kcbridge.watch.panel import panel_from_long
from kcbridge.watch.spark_scan import on_axis
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def monthly_flows(seed: int = 7) -> pd.DataFrame:
    """Four years of monthly flows of two reporters with five partners in three graphite
    and battery codes, log-normal noise around a seasonal level; planted: China's
    exports of natural graphite to every partner collapse in the last two months (an
    export control), Korea's imports of it from China collapse too (the mirror), and
    one series rushes up (front-loading)."""
    rng = np.random.default_rng(seed)
    months = pd.date_range("2021-01-01", "2024-12-01", freq="MS")
    rows = []
    partners = ["USA", "JPN", "DEU", "VNM", "IND"]
    for reporter, others in (("CHN", ["KOR", *partners]), ("KOR", ["CHN", *partners])):
        for partner in others:
            for product in ("250410", "380110", "850760"):
                for flow in ("export", "import"):
                    level = rng.uniform(15, 18)
                    season = 0.1 * np.sin(np.arange(len(months)) * 2 * np.pi / 12)
                    value = np.exp(level + season + rng.normal(0, 0.08, len(months)))
                    qty = value / np.exp(rng.normal(1.0, 0.03, len(months)))
                    if product == "250410" and ((reporter, flow) == ("CHN", "export")
                                                or (reporter, partner, flow)
                                                == ("KOR", "CHN", "import")):
                        value[-2:] *= 0.2
                        qty[-2:] *= 0.2
                    if (reporter, partner, product, flow) == ("KOR", "USA", "850760",
                                                              "export"):
                        value[-1] *= 4.0
                        qty[-1] *= 4.0
                    for m, v, q in zip(months, value, qty, strict=True):
                        rows.append((m.date(), reporter, partner, flow, product, v, q))
    frame = pd.DataFrame(rows, columns=["month", "reporter", "partner", "flow", "product",
                                        "value_usd", "quantity"])
    frame["revision"], frame["unit"] = "HS2017", "kg"
    return frame


def test_on_axis_puts_a_groups_months_where_the_panel_has_them() -> None:
    frame = monthly_flows()
    small = frame[(frame.reporter == "KOR") & (frame.month >= pd.Timestamp("2022-01-01").date())]
    axis = pd.date_range("2021-01-01", "2024-12-01", freq="MS")
    panel = on_axis(panel_from_long(small), axis)
    assert panel.value.shape == (36, 48)
    assert np.isnan(panel.value[:, :12]).all() and not np.isnan(panel.value[:, 12:]).any()


def test_spark_scan_finds_the_alerts_of_the_duckdb_scan(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark", reason="pip install -e '.[spark]' for Spark")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java (java on PATH or JAVA_HOME)")
    for key in list(os.environ):
        if key.startswith("KCBRIDGE_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("KCBRIDGE_HOME", str(tmp_path / "home"))
    platform = Platform(store_url=f"pyspark://{tmp_path / 'spark'}")
    try:
        store = platform.store
        assert isinstance(store, SparkStore) and store.engine == "pyspark"
        store.replace("trade_monthly", monthly_flows(), key=())
        with store.via_catalogue():  # the DuckDB scan: one pandas panel
            panel = panel_from_long(store.table("trade_monthly").to_pandas())
        for as_of, months in ((None, 3), ("2024-11", 2)):
            duck = platform.watch._flow_alerts(panel, as_of, months, DEFAULT_THRESHOLDS)
            spark = platform.watch._store_flow_alerts(as_of, months, DEFAULT_THRESHOLDS)
            assert len(duck) > 0, "the planted events raise alerts"
            assert duck.attrs == spark.attrs
            drop = ["created_at", "updated_at"]
            left = duck.drop(columns=drop).reset_index(drop=True)
            right = spark.drop(columns=drop).reset_index(drop=True)
            pd.testing.assert_frame_equal(left, right, check_dtype=False)
        collapse = duck[(duck["product"] == "250410") & (duck["reporter"] == "CHN")]
        assert len(collapse) >= 5  # every destination of the controlled material
    finally:
        platform.close()
