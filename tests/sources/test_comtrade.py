"""UN Comtrade loader: v1 API JSON and bulk CSV / TSV / gzip, annual and monthly."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from kcbridge.errors import InputError, KcbridgeError
from kcbridge.sources import load_file


def annual(store):
    return store.table("trade_annual").to_pandas().sort_values(
        ["exporter", "importer", "product"]).reset_index(drop=True)


def test_annual_json_keeps_importer_report_and_totals_only(samples, store, settings, tmp_path):
    path = samples.write_comtrade_json(tmp_path / "kor.json", samples.comtrade_annual_records())
    result = load_file(store, settings, "comtrade", path)
    assert result.target == "trade_annual" and result.rows == 3
    assert result.revision_in == "HS2012" and result.revision_out == "HS2012"
    df = annual(store)
    rows = {(r.exporter, r.importer, r.product): r for r in df.itertuples()}
    # the same flow reported by both sides: China's import report is kept
    assert rows[("KOR", "CHN", "854231")].value_usd == pytest.approx(1100.0)
    assert rows[("KOR", "CHN", "854231")].quantity == pytest.approx(11.0)
    # Korea's imports from China: exporter = partner, importer = reporter; qty in units
    assert rows[("CHN", "KOR", "280461")].value_usd == pytest.approx(300.0)
    assert rows[("CHN", "KOR", "280461")].unit == "u"
    assert rows[("KOR", "WLD", "854231")].value_usd == pytest.approx(5000.0)
    assert set(df["year"]) == {2022}
    assert any("importer's report is kept" in n for n in result.notes)
    assert any("aggregate" in n for n in result.notes)
    assert any("breakdowns" in n for n in result.notes)


@pytest.mark.parametrize(("name", "sep"), [("bulk.csv", ","), ("bulk.txt", "\t"),
                                           ("bulk.txt.gz", "\t")])
def test_bulk_files_load_like_json(samples, store, settings, tmp_path, name, sep):
    path = samples.write_comtrade_table(tmp_path / name, samples.comtrade_annual_records(), sep)
    result = load_file(store, settings, "comtrade", path)
    assert result.rows == 3
    df = annual(store)
    assert df.value_usd.sum() == pytest.approx(1100.0 + 300.0 + 5000.0)


def test_keep_aggregates(samples, store, settings, tmp_path):
    records = [samples.comtrade_record(), samples.comtrade_record(cmdCode="85",
                                                                  primaryValue=7.0)]
    path = samples.write_comtrade_json(tmp_path / "agg.json", records)
    result = load_file(store, settings, "comtrade", path, keep_aggregates=True)
    assert result.rows == 2
    assert set(annual(store)["product"]) == {"85", "854231"}


def test_monthly_goes_to_trade_monthly(samples, store, settings, tmp_path):
    records = [
        samples.comtrade_record(freqCode="M", refMonth=m, period=f"2023{m:02d}", refYear=2023,
                                reporterCode=156, reporterISO="CHN", partnerCode=410,
                                partnerISO="KOR", cmdCode="250410", classificationCode="H4",
                                primaryValue=100.0 * m, netWgt=50.0 * m)
        for m in (10, 11, 12)
    ] + [samples.comtrade_record(freqCode="M", refMonth=12, period="202312", refYear=2023,
                                 flowCode="M", reporterCode=490, reporterISO=None,
                                 partnerCode=0, partnerISO=None, cmdCode="250410",
                                 primaryValue=9.0)]
    path = samples.write_comtrade_json(tmp_path / "chn_m.json", records)
    result = load_file(store, settings, "comtrade", path)
    assert result.target == "trade_monthly" and result.rows == 4
    assert result.periods == ["2023-10", "2023-11", "2023-12"]
    df = store.table("trade_monthly").to_pandas().sort_values(["reporter", "month"])
    chn = df[df.reporter == "CHN"]
    months = [pd.Timestamp(m).date() for m in chn.month]
    assert months == [dt.date(2023, 10, 1), dt.date(2023, 11, 1), dt.date(2023, 12, 1)]
    assert chn.value_usd.tolist() == [1000.0, 1100.0, 1200.0]
    assert set(chn.flow) == {"export"} and set(chn.partner) == {"KOR"}
    twn = df[df.reporter == "TWN"]  # numeric code 490 without ISO; partner 0 = world
    assert twn.partner.item() == "WLD" and twn.flow.item() == "import"


def test_mixed_frequencies_refused(samples, store, settings, tmp_path):
    records = [samples.comtrade_record(), samples.comtrade_record(freqCode="M", refMonth=1)]
    path = samples.write_comtrade_json(tmp_path / "mixed.json", records)
    with pytest.raises(InputError, match="separate files"):
        load_file(store, settings, "comtrade", path)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ('{"count": 0, "data": []}', "no data records"),
        ('{"count": 1, "data": [{"refYear": 2022', "not valid JSON"),
        ('{"error": "Invalid subscription key"}', "API error"),
    ],
)
def test_bad_json_refused(store, settings, tmp_path, payload, message):
    path = tmp_path / "q.json"
    path.write_text(payload)
    with pytest.raises(InputError, match=message):
        load_file(store, settings, "comtrade", path)


def test_malformed_rows_refused_store_unchanged(samples, store, settings, tmp_path):
    path = samples.write_comtrade_json(tmp_path / "ok.json", samples.comtrade_annual_records())
    load_file(store, settings, "comtrade", path)
    before = samples.snapshot(store)
    cases = [
        ([samples.comtrade_record(partnerCode=999, partnerISO="XX9")], "not known: 'XX9'"),
        ([samples.comtrade_record(cmdCode="85423X")], "invalid HS codes"),
        ([samples.comtrade_record(primaryValue=-1.0)], "negative"),
        ([samples.comtrade_record(classificationCode="S4")], "not an HS revision"),
        ([{"refYear": 2022, "reporterCode": 410, "value": 1}], r"flowCode, cmdCode"),
    ]
    for i, (records, message) in enumerate(cases):
        bad = samples.write_comtrade_json(tmp_path / f"bad{i}.json", records)
        with pytest.raises(KcbridgeError, match=message):
            load_file(store, settings, "comtrade", bad)
        assert samples.snapshot(store) == before


def test_reload_same_json_skipped(samples, store, settings, tmp_path):
    path = samples.write_comtrade_json(tmp_path / "kor.json", samples.comtrade_annual_records())
    load_file(store, settings, "comtrade", path)
    before = samples.snapshot(store)
    assert load_file(store, settings, "comtrade", path).skipped
    assert samples.snapshot(store) == before
    assert json.loads(path.read_text())["count"] == 10
