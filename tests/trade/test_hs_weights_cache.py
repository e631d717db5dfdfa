"""HS revision weights are prepared once per revision pair and kept as Parquet (issue 14):
the kept file is what a later call reads, and it holds proper weights."""

from __future__ import annotations

import pandas as pd
import pytest

from kcbridge.reference import products


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KCBRIDGE_HOME", str(tmp_path))
    products.conversion_weights.cache_clear()
    yield tmp_path
    products.conversion_weights.cache_clear()


def test_weights_are_kept_and_read_back(fresh_cache):
    first = products.conversion_weights("HS2017", "HS2012")
    kept = list((fresh_cache / "cache" / "hs_weights").glob("H5_to_H4-*.parquet"))
    assert len(kept) == 1
    products.conversion_weights.cache_clear()
    # a damaged or different file would show: write a marker row and read it back
    marked = pd.concat([first, pd.DataFrame({"from_code": ["999999"], "to_code": ["999999"],
                                             "weight": [1.0]})], ignore_index=True)
    marked.to_parquet(kept[0], index=False)
    again = products.conversion_weights("HS2017", "HS2012")
    assert "999999" in set(again["from_code"])  # read from the kept file, not recomputed
    pd.testing.assert_frame_equal(again.iloc[:-1].reset_index(drop=True), first)


def test_weights_of_each_code_sum_to_one(fresh_cache):
    w = products.conversion_weights("HS2012", "HS2017")
    assert len(w) > 1000 and (w["weight"] > 0).all()
    sums = w.groupby("from_code")["weight"].sum()
    assert sums.to_numpy() == pytest.approx(1.0, abs=1e-9)
    assert w["from_code"].str.fullmatch(r"\d{6}").all()
    assert products.conversion_weights("HS2012", "HS2012").empty


def test_damaged_cache_file_is_rebuilt(fresh_cache):
    folder = fresh_cache / "cache" / "hs_weights"
    first = products.conversion_weights("HS2007", "HS2012")
    path = next(folder.glob("H3_to_H4-*.parquet"))
    path.write_bytes(b"not parquet")
    products.conversion_weights.cache_clear()
    pd.testing.assert_frame_equal(products.conversion_weights("HS2007", "HS2012"), first)
