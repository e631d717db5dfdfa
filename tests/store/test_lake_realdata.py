"""The real exports-to-world file (Open Trade Statistics-derived, 2017, HS4) through the
lake: all its rows live, one Hive partition, a reload changes nothing."""

from __future__ import annotations

import pytest

from kcbridge.sources import load_file


@pytest.mark.realdata
def test_real_exports_world_file_in_the_lake(real_data, store, settings, files):
    path = real_data / "world_trade_2017_hs4_exports.csv"
    first = load_file(store, settings, "exports-world", path, year=2017, revision="HS2007")
    # 233,432 rows, 56,461 of them blank (no value): 176,971 flows
    assert first.rows == 176_971 == store.count("trade_annual")
    (live,) = store.lake.files("trade_annual")
    assert live.path.startswith("trade_annual/revision=HS2007/year=2017/")
    assert live.rows == 176_971 and live.load_id == first.load_id
    kor = store.table("trade_annual")
    total = kor.filter(kor.exporter == "KOR").value_usd.sum().execute()
    before = files.snapshot(store)
    assert load_file(store, settings, "exports-world", path, year=2017,
                     revision="HS2007").skipped
    assert files.snapshot(store) == before
    again = load_file(store, settings, "exports-world", path, year=2017, revision="HS2007",
                      force=True)
    assert again.rows == 176_971 == store.count("trade_annual")
    assert kor.filter(kor.exporter == "KOR").value_usd.sum().execute() == pytest.approx(total)
    assert [f.load_id for f in store.lake.files()] == [again.load_id]
