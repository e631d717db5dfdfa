"""Generated monthly panels for the watch tests (no real data)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kcbridge.watch.panel import SeriesPanel


def make_panel(values: np.ndarray, quantities: np.ndarray | None = None,
               start: str = "2015-01-01", partners: list[str] | None = None) -> SeriesPanel:
    values = np.atleast_2d(np.asarray(values, dtype=float))
    n, t = values.shape
    qty = values / 10.0 if quantities is None else np.atleast_2d(quantities).astype(float)
    keys = pd.DataFrame({"reporter": "CHN", "partner": partners or [f"P{i:02d}" for i in range(n)],
                         "product": "Graphite", "flow": "export"})
    return SeriesPanel(keys, pd.date_range(start, periods=t, freq="MS"), values, qty)


@pytest.fixture
def steady_with_collapse() -> SeriesPanel:
    """Two series of 60 months around 10 M USD with 5 % noise; the first collapses to
    10 % in month 50 (2019-03), the second stays steady."""
    rng = np.random.default_rng(1)
    v = 1e7 * np.exp(rng.normal(0, 0.05, (2, 60)))
    v[0, 50] *= 0.1
    return make_panel(v)
