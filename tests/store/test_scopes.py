"""Load scopes on the flows lake: what each load replaces, mirror flows, idempotence."""

from __future__ import annotations

import pandas as pd
import pytest

from kcbridge.sources import load_file


def test_two_comtrade_queries_for_the_same_year_keep_both(store, settings, tmp_path, files):
    chips = files.write_comtrade(tmp_path / "chips.json",
                                 [files.comtrade("KOR", "CHN", "X", "854231", 1000.0)])
    cars = files.write_comtrade(tmp_path / "cars.json",
                                [files.comtrade("KOR", "CHN", "X", "870323", 50.0),
                                 files.comtrade("KOR", "USA", "X", "870323", 70.0)])
    load_file(store, settings, "comtrade", chips)
    load_file(store, settings, "comtrade", cars)
    assert files.annual(store) == {(2022, "KOR", "CHN", "854231"): 1000.0,
                                   (2022, "KOR", "CHN", "870323"): 50.0,
                                   (2022, "KOR", "USA", "870323"): 70.0}
    # a newer answer to the chips query replaces only its own row
    newer = files.write_comtrade(tmp_path / "chips2.json",
                                 [files.comtrade("KOR", "CHN", "X", "854231", 1200.0)])
    load_file(store, settings, "comtrade", newer)
    assert files.annual(store)[(2022, "KOR", "CHN", "854231")] == 1200.0
    assert len(files.annual(store)) == 3
    scopes = store.table("loads").scope.to_pandas().tolist()
    assert scopes == ["rows year,exporter,importer,product,reported_by"] * 3


def test_two_kcs_item_files_for_the_same_month_keep_both(store, settings, tmp_path, files):
    first = files.kcs(tmp_path / "chips.csv",
                      ['2015.01,중국,854231,칩,100,"5,000",0,0,"5,000"'])
    second = files.kcs(tmp_path / "silicon.csv",
                       ['2015.01,중국,280461,규소,0,0,50,"1,200","-1,200"'])
    load_file(store, settings, "kcs", first)
    load_file(store, settings, "kcs", second)
    df = store.table("trade_monthly").to_pandas()
    got = {(r["product"], r.flow): r.value_usd for _, r in df.iterrows()}
    assert got == {("854231", "export"): 5000.0, ("280461", "import"): 1200.0}


def test_newer_complete_baci_year_replaces_exactly_its_scope(store, settings, tmp_path, files):
    load_file(store, settings, "baci", files.baci(
        tmp_path / "v1", 2021, ["2021,410,156,854231,4,1"], version="202401"))
    load_file(store, settings, "baci", files.baci(
        tmp_path / "v1", 2022, ["2022,410,156,854231,1,1", "2022,410,842,854231,2,1",
                                "2022,156,392,870323,3,1"], version="202401"))
    query = files.write_comtrade(tmp_path / "q.json",
                                 [files.comtrade("JPN", "USA", "X", "300490", 9.0, year=2021)])
    load_file(store, settings, "comtrade", query)
    # the re-issued 2022 file no longer holds KOR->USA nor CHN->JPN
    load_file(store, settings, "baci", files.baci(
        tmp_path / "v2", 2022, ["2022,410,156,854231,10,1", "2022,410,156,870323,20,"]))
    assert files.annual(store) == {
        (2021, "KOR", "CHN", "854231"): 4000.0,  # other year: kept
        (2021, "JPN", "USA", "300490"): 9.0,  # a query of another year: kept
        (2022, "KOR", "CHN", "854231"): 10000.0,
        (2022, "KOR", "CHN", "870323"): 20000.0,
    }
    live = store.lake.files("trade_annual")
    assert sorted((f.year, f.rows) for f in live) == [(2021, 1), (2021, 1), (2022, 2)]


def test_mirror_flows_give_the_importers_value_in_either_order(settings, tmp_path, files):
    from kcbridge.store import Store

    exporter_report = files.write_comtrade(tmp_path / "kor.json", [
        files.comtrade("KOR", "CHN", "X", "854231", 1000.0),
        files.comtrade("KOR", "JPN", "X", "854231", 300.0)])  # only KOR reports this one
    importer_report = files.write_comtrade(tmp_path / "chn.json", [
        files.comtrade("CHN", "KOR", "M", "854231", 1100.0)])
    answers, reports = [], []
    for order in ((exporter_report, importer_report), (importer_report, exporter_report)):
        store = Store(f"duckdb://{tmp_path / f'{order[0].stem}.duckdb'}")
        for path in order:
            load_file(store, settings, "comtrade", path)
        answers.append(files.annual(store))
        both = store.table("trade_annual_reports").to_pandas()
        reports.append(sorted(zip(both.reported_by, both.value_usd, strict=True)))
        store.close()
    assert answers[0] == answers[1] == {(2022, "KOR", "CHN", "854231"): 1100.0,
                                        (2022, "KOR", "JPN", "854231"): 300.0}
    assert reports[0] == reports[1] == [("exporter", 300.0), ("exporter", 1000.0),
                                        ("importer", 1100.0)]


def test_mirror_report_beside_a_complete_year(store, settings, tmp_path, files):
    """BACI rows (reconciled, no side) and a query's one-sided report of the same flow:
    the report is shown, the other BACI rows stay."""
    load_file(store, settings, "baci", files.baci(
        tmp_path / "b", 2022, ["2022,410,156,854231,1,1", "2022,410,842,854231,2,1"]))
    load_file(store, settings, "comtrade", files.write_comtrade(
        tmp_path / "m.json", [files.comtrade("CHN", "KOR", "M", "854231", 1500.0)]))
    assert files.annual(store) == {(2022, "KOR", "CHN", "854231"): 1500.0,
                                   (2022, "KOR", "USA", "854231"): 2000.0}
    assert store.count("trade_annual_reports") == 3


@pytest.mark.parametrize("fmt", ["baci", "comtrade", "kcs", "exports-world"])
def test_every_loader_is_idempotent_on_the_lake(store, settings, tmp_path, files, fmt):
    if fmt == "baci":
        path = files.baci(tmp_path / "b", 2022, ["2022,410,156,854231,1,1",
                                                  "2022,156,410,870323,2,"])
    elif fmt == "comtrade":
        path = files.write_comtrade(tmp_path / "c.json", [
            files.comtrade("KOR", "CHN", "X", "854231", 1.0),
            files.comtrade("CHN", "KOR", "M", "854231", 2.0)])
    elif fmt == "kcs":
        path = files.kcs(tmp_path / "k.csv", ['2015.01,중국,854231,칩,100,"5,000",3,"40",0'])
    else:
        path = tmp_path / "w.csv"
        path.write_text("reporter_iso,product_code,export_value_usd\nkor,8542,1000\n"
                        "chn,2804,5\n")
    options = {"revision": "HS2007", "year": 2017} if fmt == "exports-world" else {}
    first = load_file(store, settings, fmt, path, **options)
    before = files.snapshot(store)
    again = load_file(store, settings, fmt, path, **options)
    assert again.skipped and files.snapshot(store) == before
    forced = load_file(store, settings, fmt, path, force=True, **options)
    assert not forced.skipped and forced.rows == first.rows
    after = files.snapshot(store)
    for table in ("trade_annual", "trade_monthly"):  # same rows, under the new load id
        old = pd.read_csv(pd.io.common.StringIO(before[table])).drop(columns="load_id")
        new = pd.read_csv(pd.io.common.StringIO(after[table])).drop(columns="load_id")
        pd.testing.assert_frame_equal(old, new)
    assert len(store.lake.files()) == len(pd.read_csv(
        pd.io.common.StringIO(before["lake_files"])))
