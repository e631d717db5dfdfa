"""A contingency plan ranks the same suppliers from the engine-filtered rows as from the
whole year (the year no longer leaves the engine)."""

from __future__ import annotations

import ibis
import numpy as np
import pandas as pd

from kcbridge.watch.contingency import alternative_suppliers
from kcbridge.watch.pushdown import REST, product_year_flows


def year_of_flows(seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    exporters = ["CHN", "KOR", "JPN", "USA", "DEU", "VNM", "MOZ", "MDG"]
    for year in (2021, 2022):
        for e in exporters:
            for m in [*exporters, "WLD"]:
                if m == e:
                    continue
                for p in ("250410", "380110", "850760", "854231"):
                    if rng.random() < 0.8:
                        rows.append((year, e, m, p, "HS2012", float(rng.lognormal(15, 1.5)),
                                     float(rng.lognormal(10, 1)), "kg", "L1"))
    return pd.DataFrame(rows, columns=["year", "exporter", "importer", "product", "revision",
                                       "value_usd", "quantity", "unit", "load_id"])


def test_filtered_rows_rank_the_suppliers_of_the_whole_year() -> None:
    flows = year_of_flows()
    trade = ibis.memtable(flows)  # run by DuckDB, as on a DuckDB store
    small = product_year_flows(trade, 2022, "250410")
    assert len(small) < len(flows[flows.year == 2022]) / 3
    assert set(small["product"]) == {"250410", REST}
    whole = alternative_suppliers(flows[flows.year == 2022], "KOR", "250410", 2022,
                                  affected_supplier="CHN")
    pushed = alternative_suppliers(small, "KOR", "250410", 2022, affected_supplier="CHN")
    assert len(whole) >= 4
    pd.testing.assert_frame_equal(whole, pushed, check_exact=False, rtol=1e-9)


def test_a_product_nobody_exports_gives_no_rows() -> None:
    trade = ibis.memtable(year_of_flows())
    assert product_year_flows(trade, 2022, "010121").empty
