"""Pages filtered in the engine give what the whole data gave: a contingency plan ranks
the same suppliers from the engine-filtered rows as from the whole year, and an alert
page's series, band, measures and supplier shares are the same from the alert's
product alone as from the reporter's whole monthly panel."""

from __future__ import annotations

import ibis
import numpy as np
import pandas as pd
import pytest

from kcbridge.errors import InputError
from kcbridge.watch.contingency import alternative_suppliers
from kcbridge.watch.detectors import alert_measures, expected_band, measure_units
from kcbridge.watch.panel import panel_from_long
from kcbridge.watch.pushdown import PUBLISHED, REST, alert_panel, product_year_flows
from kcbridge.watch.substitution import supplier_shares


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


def months_of_flows(seed: int = 5) -> pd.DataFrame:
    """Five years of monthly flows of two reporters: KOR imports graphite (250410) from
    four partners, CHN's supply stops in 2023-06 while KOR keeps publishing other
    imports (a stopped flow, read as 0), JPN's graphite rows have a blank value in one
    month, all four fall to 5 % in 2022-09 while an irregular graphite line from CHN
    (250490) has no row that month (a broad stop of the family), KOR's exports start a
    year earlier than its imports (the month axis comes from them), and CHN reports
    flows of its own."""
    rng = np.random.default_rng(seed)
    months = pd.date_range("2019-01-01", "2023-12-01", freq="MS")
    rows: list[tuple[pd.Timestamp, str, str, str, str, float | None, float | None, str]] = []
    for m in months:
        for partner in ("CHN", "JPN", "MOZ", "MDG"):
            if partner == "CHN" and m >= pd.Timestamp("2023-06-01"):
                continue
            if partner == "MDG" and rng.random() < 0.3:
                continue  # an irregular supplier: gaps, never stopped
            value = None if partner == "JPN" and m == pd.Timestamp("2021-03-01") else float(
                rng.lognormal(14, 0.3))
            quantity = float(rng.lognormal(10, 0.3))
            if value is not None and m == pd.Timestamp("2022-09-01"):
                value, quantity = value * 0.05, quantity * 0.05  # a broad fall of graphite
            rows.append((m, "KOR", partner, "import", "250410", value, quantity, "kg"))
        if m.month % 3:  # another graphite line (250490), irregular: 8 months of 12
            rows.append((m, "KOR", "CHN", "import", "250490", float(rng.lognormal(12, 0.2)),
                         float(rng.lognormal(7, 0.2)), "kg"))
        if m < pd.Timestamp("2023-06-01"):  # CHN's only product of its kind: stops too
            rows.append((m, "KOR", "CHN", "import", "380110", float(rng.lognormal(13, 0.2)),
                         float(rng.lognormal(8, 0.2)), "kg"))
        for product in ("850760", "854231"):
            rows.append((m, "KOR", "USA", "import", product, float(rng.lognormal(15, 0.2)),
                         float(rng.lognormal(9, 0.2)), "kg"))
            rows.append((m, "CHN", "KOR", "export", product, float(rng.lognormal(15, 0.2)),
                         float(rng.lognormal(9, 0.2)), "kg"))
    for m in pd.date_range("2018-01-01", "2018-12-01", freq="MS"):
        rows.append((m, "KOR", "USA", "export", "854231", float(rng.lognormal(15, 0.2)),
                     None, "kg"))
    frame = pd.DataFrame(rows, columns=["month", "reporter", "partner", "flow", "product",
                                        "value_usd", "quantity", "unit"])
    frame["month"] = frame["month"].dt.date
    frame["revision"] = "HS2012"
    return frame


def page(panel, reporter: str, partner: str, product: str, flow: str, month: str) -> dict:  # type: ignore[no-untyped-def]
    """What WatchService.alert shows of one series (without alternatives)."""
    index = panel.find(reporter, partner, product, flow)
    units = measure_units("kg")
    return {"index_found": index >= 0,
            "series": {m: expected_band(panel, index, m) for m in ("value", "quantity",
                                                                   "unit_value")},
            "measures": alert_measures(panel, index, month, units),
            "shares": supplier_shares(panel, reporter, product, flow, pd.Timestamp(month))}


def test_the_alert_page_from_the_product_alone_equals_the_whole_panel() -> None:
    flows = months_of_flows()
    monthly = ibis.memtable(flows)  # run by DuckDB, as on a DuckDB store
    whole = panel_from_long(flows[flows.reporter == "KOR"])
    cases = [("CHN", "2023-08-01"),  # the stopped supplier, after it stopped
             ("JPN", "2021-03-01"),  # a month with a blank value
             ("MDG", "2022-05-01"), ("MOZ", "2023-12-01")]
    for partner, month in cases:
        small = alert_panel(monthly, "KOR", "250410", "import")
        assert small.n_series == 7  # the graphite family's 6 series, the publishing months
        assert small.months.equals(whole.months)  # from 2018-01: KOR's exports
        want = page(whole, "KOR", partner, "250410", "import", month)
        got = page(small, "KOR", partner, "250410", "import", month)
        assert want["index_found"] and got["index_found"]
        for measure, band in want["series"].items():
            pd.testing.assert_frame_equal(band, got["series"][measure])
        pd.testing.assert_frame_equal(want["measures"], got["measures"])
        pd.testing.assert_frame_equal(want["shares"], got["shares"])
    assert set(small.keys["product"]) == {"250410", "380110", "250490", PUBLISHED}
    # a product with one supplier, which stops: only the reporter's other imports say
    # that 2023-06 was published, so the stop reads as a zero only with the marker
    alone = alert_panel(monthly, "KOR", "380110", "import")
    assert alone.n_series == 7
    want = page(whole, "KOR", "CHN", "380110", "import", "2023-06-01")
    got = page(alone, "KOR", "CHN", "380110", "import", "2023-06-01")
    pd.testing.assert_frame_equal(want["series"]["value"], got["series"]["value"])
    pd.testing.assert_frame_equal(want["measures"], got["measures"])
    observed = got["series"]["value"].set_index("month")["observed"]
    assert observed[pd.Timestamp("2023-06-01")] == 0.0  # stopped: read as zero
    assert np.isnan(observed[pd.Timestamp("2023-07-01")])  # no longer a regular flow


def test_the_alert_page_reads_the_family_when_a_broad_fall_fills_a_missing_month() -> None:
    """250490 has no row in 2022-09, when every other graphite series of KOR's imports
    fell: the chart reads it as a stop (zero) from the family's breadth, on the whole
    panel and on the engine-filtered one; read from its own product alone it would not."""
    flows = months_of_flows()
    whole = panel_from_long(flows[flows.reporter == "KOR"])
    small = alert_panel(ibis.memtable(flows), "KOR", "250490", "import")
    month = "2022-09-01"
    want = page(whole, "KOR", "CHN", "250490", "import", month)
    got = page(small, "KOR", "CHN", "250490", "import", month)
    for measure, band in want["series"].items():
        pd.testing.assert_frame_equal(band, got["series"][measure])
    pd.testing.assert_frame_equal(want["measures"], got["measures"])
    observed = got["series"]["value"].set_index("month")["observed"]
    assert observed[pd.Timestamp(month)] == 0.0  # a broad stop
    assert np.isnan(observed[pd.Timestamp("2021-09-01")])  # an ordinary missing month
    own = flows[~flows["product"].isin(["250410", "380110"])]  # the product alone
    alone = page(alert_panel(ibis.memtable(own), "KOR", "250490", "import"), "KOR", "CHN",
                 "250490", "import", month)["series"]["value"].set_index("month")["observed"]
    assert np.isnan(alone[pd.Timestamp(month)])


def test_the_alert_page_of_a_product_without_rows_and_of_an_unknown_reporter() -> None:
    monthly = ibis.memtable(months_of_flows())
    empty = alert_panel(monthly, "KOR", "010121", "import")
    assert empty.find("KOR", "CHN", "010121", "import") == -1
    assert supplier_shares(empty, "KOR", "010121", "import", pd.Timestamp("2023-01-01")).empty
    with pytest.raises(InputError, match="no monthly data"):
        alert_panel(monthly, "USA", "250410", "import")


def test_alert_pages_of_the_demo_world_equal_the_whole_panel_path(demo_platform) -> None:  # type: ignore[no-untyped-def]
    """Every stored flow alert of the tiny demo world: WatchService.alert (now filtered
    in the engine) shows what the reporter's whole panel gave."""
    watch = demo_platform.watch
    alerts = watch.alerts()
    flow_alerts = alerts[alerts["detector"] != "restriction_statement"].head(12)
    assert len(flow_alerts) >= 3
    checked = 0
    for row in flow_alerts.to_dict("records"):
        got = watch.alert(row["alert_id"], with_alternatives=False)
        whole = watch.panel(reporters=[row["reporter"]])
        index = whole.find(row["reporter"], row["partner"], row["product"], row["flow"])
        if index < 0:
            continue
        band = expected_band(whole, index, got["measure"])
        pd.testing.assert_frame_equal(band, got["series"])
        pd.testing.assert_frame_equal(
            alert_measures(whole, index, row["month"], got["units"]), got["measures"])
        if row["flow"] == "import":
            pd.testing.assert_frame_equal(
                supplier_shares(whole, row["reporter"], str(row["product"]), row["flow"],
                                pd.Timestamp(row["month"])), got["shares"])
        checked += 1
    assert checked >= 3


@pytest.mark.spark
@pytest.mark.slow
def test_the_alert_panel_on_a_spark_store_equals_duckdbs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The same Ibis expressions run by Spark over a Spark store's lake give the panel
    DuckDB gives (the one on Spark is the path of an alert page on a Spark store)."""
    import os
    import shutil

    pytest.importorskip("pyspark", reason="pip install -e '.[spark]' for Spark")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java (java on PATH or JAVA_HOME)")
    from kcbridge.store.spark import SparkStore

    flows = months_of_flows()
    store = SparkStore(f"pyspark://{tmp_path / 'sp'}", master="local[1]")
    try:
        with store.transaction():
            store.replace("trade_monthly", flows.assign(load_id="gen"), key=(), load_id="gen")
            store.record_load(load_id="gen", format="generated", source="test",
                              checksum="gen", target="trade_monthly", rows=len(flows),
                              synthetic=True, scope="table")
        on_spark = store.table("trade_monthly")
        assert on_spark.op().source.name == "pyspark"  # read by Spark, not the catalogue
        for product, partner, month in (("250410", "CHN", "2023-08-01"),
                                        ("380110", "CHN", "2023-06-01")):
            spark_panel = alert_panel(on_spark, "KOR", product, "import")
            duck_panel = alert_panel(ibis.memtable(flows), "KOR", product, "import")
            assert spark_panel.months.equals(duck_panel.months)
            pd.testing.assert_frame_equal(spark_panel.keys, duck_panel.keys)
            np.testing.assert_array_equal(spark_panel.value, duck_panel.value)
            np.testing.assert_array_equal(spark_panel.quantity, duck_panel.quantity)
            want = page(duck_panel, "KOR", partner, product, "import", month)
            got = page(spark_panel, "KOR", partner, product, "import", month)
            pd.testing.assert_frame_equal(want["measures"], got["measures"])
            pd.testing.assert_frame_equal(want["shares"], got["shares"])
    finally:
        store.close()
