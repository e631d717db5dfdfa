"""Derived results kept beside the store (kcbridge.store.derived): hit, miss, versions,
what invalidates them (a new load) and what does not (an alert's status), and that
reading or filling the cache never changes the store's data_version."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kcbridge.app import Platform
from kcbridge.store.derived import MAX_FILES_PER_NAME, DerivedResults, derived_folder


def _frame() -> pd.DataFrame:
    df = pd.DataFrame({"product": ["850760", "280450"], "imports": [1.5e9, 2.0e6],
                       "flag": [True, False]})
    df.attrs["year"] = 2023
    return df


# ---- the cache on its own ------------------------------------------------------------
def test_miss_then_hit_keeps_rows_and_attrs(tmp_path: Path) -> None:
    cache = DerivedResults(tmp_path / "derived")
    assert cache.get("screen", {"year": 2023}, "v1") is None
    cache.put("screen", {"year": 2023}, "v1", _frame())
    got = cache.get("screen", {"year": 2023}, "v1")
    assert got is not None
    pd.testing.assert_frame_equal(got, _frame())
    assert got.attrs == {"year": 2023}
    assert cache.stats == {"hits": 1, "misses": 1, "writes": 1}
    # another key or another version is a miss
    assert cache.get("screen", {"year": 2022}, "v1") is None
    assert cache.get("screen", {"year": 2023}, "v2") is None


def test_a_new_version_removes_the_old_files(tmp_path: Path) -> None:
    cache = DerivedResults(tmp_path)
    cache.put("screen", {"year": 2022}, "v1", _frame())
    cache.put("screen", {"year": 2023}, "v1", _frame())
    assert len(list((tmp_path / "screen").glob("*.parquet"))) == 2
    cache.put("screen", {"year": 2023}, "v2", _frame())
    assert len(list((tmp_path / "screen").glob("*.parquet"))) == 1
    assert cache.get("screen", {"year": 2022}, "v1") is None


def test_keys_per_name_are_capped(tmp_path: Path) -> None:
    cache = DerivedResults(tmp_path)
    for year in range(MAX_FILES_PER_NAME + 5):
        cache.put("screen", {"year": year}, "v1", _frame())
    assert len(list((tmp_path / "screen").glob("*.parquet"))) == MAX_FILES_PER_NAME
    assert cache.get("screen", {"year": MAX_FILES_PER_NAME + 4}, "v1") is not None


def test_unreadable_file_is_a_miss_and_is_rewritten(tmp_path: Path) -> None:
    cache = DerivedResults(tmp_path)
    cache.put("screen", {"year": 2023}, "v1", _frame())
    (path,) = (tmp_path / "screen").glob("*.parquet")
    path.write_bytes(b"not parquet")
    assert cache.get("screen", {"year": 2023}, "v1") is None
    calls: list[int] = []

    def compute() -> pd.DataFrame:
        calls.append(1)
        return _frame()

    got = cache.cached("screen", {"year": 2023}, "v1", compute)
    assert calls == [1] and len(got) == 2
    assert cache.get("screen", {"year": 2023}, "v1") is not None


def test_unwritable_folder_costs_only_the_next_computation(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = DerivedResults(blocker / "derived")  # a folder that cannot be made
    got = cache.cached("screen", {}, "v1", _frame)
    assert len(got) == 2 and cache.get("screen", {}, "v1") is None


def test_in_memory_stores_keep_results_in_the_object() -> None:
    assert derived_folder("duckdb://:memory:") is None
    assert derived_folder("duckdb:///x/kcbridge.duckdb") == Path("/x/derived")
    assert derived_folder("duckdb:///x/other.duckdb") == Path("/x/other.derived")
    cache = DerivedResults(None)
    cache.put("screen", {"year": 2023}, "v1", _frame())
    got = cache.get("screen", {"year": 2023}, "v1")
    assert got is not None and got.attrs == {"year": 2023}
    got.loc[0, "imports"] = 0.0  # a caller's change does not reach the kept copy
    again = cache.get("screen", {"year": 2023}, "v1")
    assert again is not None and again.loc[0, "imports"] == 1.5e9
    cache.put("screen", {"year": 2023}, "v2", _frame())
    assert cache.get("screen", {"year": 2023}, "v1") is None


# ---- the dependency screen on a tiny store --------------------------------------------
@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("derived")
    p = Platform(home=home, api_token="tok")
    p.demo(size="tiny")
    p.close()
    return home


def _screen_hits(home: Path) -> tuple[pd.DataFrame, dict[str, int], str | None]:
    """The whole screen as a new process sees it, with that process's cache counts."""
    p = Platform(home=home, api_token="tok")
    try:
        df = p.watch.screen(flagged_only=False)
        cache = DerivedResults.for_store(p.store)
        return df, dict(cache.stats), p.store.data_version()
    finally:
        p.close()


def test_cached_screen_equals_the_recomputed_one_and_reads_write_nothing(home: Path) -> None:
    p = Platform(home=home, api_token="tok")
    version_before = p.store.data_version()
    tables_before = p.store.list_tables()
    DerivedResults.for_store(p.store).clear()
    computed = p.watch.screen(flagged_only=False)
    # the screen and every product's sectors and critical items, each as a frame and as
    # plain rows (watch/screen_rows.py)
    assert DerivedResults.for_store(p.store).stats["writes"] == 4
    assert len(list((home / "derived" / "watch_screen").glob("*.parquet"))) == 1
    assert p.store.data_version() == version_before  # filling the cache wrote no data
    assert p.store.list_tables() == tables_before  # nor a table of the catalogue
    p.close()
    cached, stats, version_after = _screen_hits(home)
    assert stats["hits"] == 2 and stats["misses"] == 0 and stats["writes"] == 0
    assert version_after == version_before
    assert len(cached) == len(computed) > 100 and cached.attrs["total"] == len(computed)
    pd.testing.assert_frame_equal(cached, computed)
    assert (Path(home) / "derived" / "watch_screen").is_dir()


def test_alert_status_does_not_invalidate_but_a_load_does(home: Path) -> None:
    _screen_hits(home)  # make sure it is kept
    p = Platform(home=home, api_token="tok")
    alerts = p.watch.alerts(limit=1)
    assert len(alerts)
    flows_before = p.store.flows_version("trade_annual")
    version_before = p.store.data_version()
    p.watch.set_status(str(alerts.iloc[0]["alert_id"]), "acknowledged")
    assert p.store.data_version() != version_before  # the ack is a write ...
    assert p.store.flows_version("trade_annual") == flows_before  # ... not of flows
    p.close()
    before, stats, _ = _screen_hits(home)
    assert stats["hits"] == 2 and stats["misses"] == 0

    # a new load of annual flows: Korea imports a new product from China in the year
    year = int(before.attrs["year"])
    p = Platform(home=home, api_token="tok")
    with p.store.transaction():
        load_id = p.store.record_load(format="test", checksum="derived-test",
                                      target="trade_annual", rows=1, synthetic=False)
        p.store.insert("trade_annual", pd.DataFrame({
            "year": [year], "exporter": ["CHN"], "importer": ["KOR"], "product": ["999999"],
            "revision": ["HS17"], "value_usd": [5.0e9], "quantity": [np.nan], "unit": [""],
            "load_id": [load_id]}))
    assert p.store.flows_version("trade_annual") != flows_before
    p.close()
    after, stats, _ = _screen_hits(home)
    # the screen is recomputed; the product links are kept (999999 is added to them); each
    # written as a frame and as plain rows
    assert stats["misses"] == 1 and stats["writes"] == 4 and stats["hits"] == 1
    row = after[(after["importer"] == "KOR") & (after["product"] == "999999")]
    assert len(row) == 1 and row.iloc[0]["imports"] == pytest.approx(5.0e9)
    assert row.iloc[0]["top_supplier"] == "CHN" and row.iloc[0]["top_share"] == 1.0
    assert len(after) == len(before) + 1


def test_kept_scan_equals_the_computed_one_and_news_is_not_kept(home: Path) -> None:
    p = Platform(home=home, api_token="tok")
    DerivedResults.for_store(p.store).clear("watch_scan")
    computed = p.watch.scan(months=12, save=False, panel=p.watch.panel())
    first = p.watch.scan(months=12, save=False)  # computes and keeps
    p.close()
    q = Platform(home=home, api_token="tok")
    kept = q.watch.scan(months=12, save=False)
    stats = DerivedResults.for_store(q.store).stats
    q.close()
    assert stats["hits"] == 1 and stats["writes"] == 0  # the kept frame (its rows: kept too)
    assert len(computed) > 0 and computed.attrs == {"as_of": first.attrs["as_of"]}
    # the third scan finds nothing changed since a kept one and says when that was
    assert {k: v for k, v in kept.attrs.items() if k != "unchanged_since"} == computed.attrs
    stamps = ["created_at", "updated_at"]  # when the alerts were raised: now, every time
    pd.testing.assert_frame_equal(kept.drop(columns=stamps), computed.drop(columns=stamps))
    assert (kept["created_at"] >= first["created_at"].max()).all()


# ---- partners: profile vectors ---------------------------------------------------------
class _CountingEncoder:
    """Two-dimensional vectors from the text's length; counts the texts it embeds."""

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.encoded.extend(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_profile_vectors_are_kept_by_their_texts(tmp_path: Path) -> None:
    from kcbridge.partners.storage import StoredEncoder

    class _Store:  # only the url matters to the cache
        url = f"duckdb://{tmp_path / 'kcbridge.duckdb'}"

    made: list[_CountingEncoder] = []

    def make() -> _CountingEncoder:
        made.append(_CountingEncoder())
        return made[-1]

    texts = ["이차전지 양극재 공급", "锂电池回收技术", ""]
    first = StoredEncoder(_Store(), make).encode(texts)
    assert len(made) == 1 and made[0].encoded == texts
    again = StoredEncoder(_Store(), make).encode(texts)  # a new process: no encoder loaded
    assert len(made) == 1
    np.testing.assert_array_equal(again, first)
    edited = StoredEncoder(_Store(), make).encode(["이차전지 양극재 공급 (NCM)", *texts[1:]])
    assert len(made) == 2 and edited[0, 0] == len("이차전지 양극재 공급 (NCM)")
    assert len(list((tmp_path / "derived" / "partner_vectors").glob("*.parquet"))) == 2


def test_one_importer_is_read_from_the_pairs_kept_screen(home: Path) -> None:
    _screen_hits(home)  # the pair's screen is kept
    p = Platform(home=home, api_token="tok")
    korea = p.watch.screen(importers=["KOR"], flagged_only=False)
    stats = dict(DerivedResults.for_store(p.store).stats)
    both = p.watch.screen(flagged_only=False)
    p.close()
    assert stats["writes"] == 0 and stats["misses"] == 0  # nothing computed for KOR alone
    assert set(korea["importer"]) == {"KOR"} and korea.attrs["total"] == len(korea) > 50
    expected = both[both["importer"] == "KOR"].reset_index(drop=True)
    pd.testing.assert_frame_equal(korea.reset_index(drop=True), expected)


def test_an_alerts_alternatives_are_kept(home: Path) -> None:
    p = Platform(home=home, api_token="tok")
    imports = p.watch.alerts(limit=50)
    alert_id = str(imports[imports["flow"] == "import"].iloc[0]["alert_id"])
    DerivedResults.for_store(p.store).clear("watch_alternatives")
    computed = p.watch.alert(alert_id)["alternatives"]
    p.close()
    q = Platform(home=home, api_token="tok")
    kept = q.watch.alert(alert_id)["alternatives"]
    stats = dict(DerivedResults.for_store(q.store).stats)
    q.close()
    assert stats["hits"] >= 1 and stats["writes"] == 0
    assert len(computed) > 0
    pd.testing.assert_frame_equal(kept, computed)
