"""Derived results that are dataclasses of frames (trade reports) are kept on disk, so a
new process reads them instead of recomputing (issue 14); what cannot be kept exactly is
not kept."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from kcbridge.app import Platform
from kcbridge.store.derived import DerivedResults, package_digest
from kcbridge.trade.explore_service import SeriesView, TreemapView


def _series() -> SeriesView:
    annual = pd.DataFrame({"year": [2022, 2023], "direction": ["KOR->CHN", "KOR->CHN"],
                           "value_usd": [1.5e9, 1.25e9]})
    monthly = pd.DataFrame({"month": pd.to_datetime(["2023-01-01", "2023-02-01"]),
                            "direction": ["a", "b"], "value_usd": [1.0, float("nan")],
                            "sources": [["kcs", "comtrade"], []]})
    monthly.attrs["note"] = "two months"
    return SeriesView(a="KOR", b="CHN", what="HS 8507", annual=annual, monthly=monthly)


def test_a_dataclass_of_frames_comes_back_equal(tmp_path: Path) -> None:
    value = _series()
    DerivedResults(tmp_path).put_object("trade_series", ["KOR", "CHN", 8507], "v1", value)
    fresh = DerivedResults(tmp_path)  # another process
    got = fresh.get_object("trade_series", ["KOR", "CHN", 8507], "v1")
    assert isinstance(got, SeriesView)
    assert (got.a, got.b, got.what) == ("KOR", "CHN", "HS 8507")
    pd.testing.assert_frame_equal(got.annual, value.annual)
    pd.testing.assert_frame_equal(got.monthly, value.monthly)
    assert got.monthly["sources"].tolist() == [["kcs", "comtrade"], []]  # lists, not arrays
    assert got.monthly.attrs["note"] == "two months"
    assert fresh.stats == {"hits": 1, "misses": 0, "writes": 0}
    assert fresh.get_object("trade_series", ["KOR", "CHN", 8507], "v2") is None  # new data
    assert fresh.get_object("trade_series", ["KOR", "JPN", 8507], "v1") is None


def test_numpy_numbers_are_kept_as_numbers(tmp_path: Path) -> None:
    import numpy as np

    year: Any = np.int64(2023)  # as a pandas cell gives it
    view = TreemapView(country="KOR", partner="WLD", flow="exports", year=year,
                       depth="product", total_usd=np.float64(12.5),
                       table=pd.DataFrame({"x": [1]}))
    cache = DerivedResults(tmp_path)
    assert cache.put_object("trade_treemap", ["KOR"], "v1", view)
    got = DerivedResults(tmp_path).get_object("trade_treemap", ["KOR"], "v1")
    assert (got.year, got.total_usd) == (2023, 12.5)


@dataclass
class Outside:  # not a kcbridge class: never rebuilt from a file
    table: pd.DataFrame


def test_what_cannot_be_kept_exactly_is_not_kept(tmp_path: Path) -> None:
    cache = DerivedResults(tmp_path)
    assert not cache.put_object("x", [1], "v1", Outside(pd.DataFrame({"a": [1]})))
    odd = _series()
    odd.what = ("a", "tuple")  # type: ignore[assignment]  # would come back as a list
    assert not cache.put_object("x", [2], "v1", odd)
    assert not cache.put_object("x", [3], "v1", {"a": 1})
    assert cache.get_object("x", [1], "v1") is None
    assert not list(tmp_path.rglob("*.obj"))
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return 7

    assert cache.cached_object("x", [4], "v1", compute) == 7
    assert cache.cached_object("x", [4], "v1", compute) == 7
    assert calls == [1, 1]  # computed each time, never wrongly kept


def test_a_new_version_replaces_the_old_files(tmp_path: Path) -> None:
    cache = DerivedResults(tmp_path)
    cache.put_object("trade_series", ["a"], "v1", _series())
    cache.put_object("trade_series", ["b"], "v1", _series())
    assert len(list((tmp_path / "trade_series").glob("*.obj"))) == 2
    cache.put_object("trade_series", ["a"], "v2", _series())
    assert len(list((tmp_path / "trade_series").glob("*.obj"))) == 1
    assert not list((tmp_path / "trade_series").glob(".*"))  # no temp folder left
    cache.clear("trade_series")
    assert not list((tmp_path / "trade_series").glob("*.obj"))


def test_an_unreadable_result_is_a_miss(tmp_path: Path) -> None:
    cache = DerivedResults(tmp_path)
    cache.put_object("trade_series", ["a"], "v1", _series())
    (next((tmp_path / "trade_series").glob("*.obj")) / "0.parquet").write_bytes(b"broken")
    assert DerivedResults(tmp_path).get_object("trade_series", ["a"], "v1") is None


def test_package_digest_changes_with_the_package() -> None:
    one = package_digest("kcbridge.trade")
    assert one == package_digest("kcbridge.trade") and len(one) == 12
    assert one != package_digest("kcbridge.trade", "kcbridge.reference")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Platform:
    p = Platform(home=tmp_path_factory.mktemp("tiny"))
    p.demo(size="tiny")
    p.close()
    return p


def test_complementarity_is_read_by_the_next_process(tiny: Platform) -> None:
    """The trade service keeps its reports on disk: a new Platform (a new CLI process)
    gets the same report from the file, and computes nothing."""
    first = Platform(home=tiny.settings.home)
    report = first.trade.complementarity("KOR", "CHN")
    first.close()
    second = Platform(home=tiny.settings.home)
    cache = DerivedResults.for_store(second.store)
    again = second.trade.complementarity("KOR", "CHN")
    assert cache.stats["hits"] == 1 and cache.stats["writes"] == 0
    assert type(again) is type(report) and again.year == report.year
    for name in ("table", "top_complementary", "top_competing", "trend", "trend_summary"):
        pd.testing.assert_frame_equal(getattr(again, name), getattr(report, name))
    assert len(report.table) > 5
    assert again.notes == report.notes
    second.close()
