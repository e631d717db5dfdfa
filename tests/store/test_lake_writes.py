"""Store writes on lake tables: append, delete, drop_superseded, failed transactions."""

from __future__ import annotations

import pandas as pd
import pytest


def flows(values: dict[tuple[int, str], float]) -> pd.DataFrame:
    return pd.DataFrame({"year": [y for y, _ in values], "exporter": "KOR",
                         "importer": [m for _, m in values], "product": "854231",
                         "revision": "HS2012", "value_usd": list(values.values())})


def values(store) -> dict[tuple[int, str], float]:
    df = store.table("trade_annual").to_pandas()
    return {(int(r.year), r.importer): float(r.value_usd) for _, r in df.iterrows()}


def test_delete_where_rewrites_only_the_files_it_touches(store):
    store.insert("trade_annual", flows({(2021, "CHN"): 1.0, (2021, "USA"): 2.0,
                                        (2022, "CHN"): 3.0}))
    untouched = [f for f in store.lake.files() if f.year == 2022]
    store.delete_where("trade_annual", importer="USA")
    assert values(store) == {(2021, "CHN"): 1.0, (2022, "CHN"): 3.0}
    after = store.lake.files()
    assert [f for f in after if f.year == 2022] == untouched  # 2022: same file
    assert [f.rows for f in after if f.year == 2021] == [1]  # 2021: rewritten, 1 row


def test_drop_superseded_by_a_loads_own_files(store):
    store.insert("trade_annual", flows({(2021, "CHN"): 1.0, (2021, "USA"): 2.0}))
    with store.transaction():  # a loader writing its own files (appended: key=None)
        store.mark_written()
        files = store.lake.write("trade_annual", "SELECT 2021 AS year, 'KOR' AS exporter, "
                                 "'CHN' AS importer, '854231' AS product, 'HS2012' AS "
                                 "revision, 5.0 AS value_usd", "L2")
        store.lake.commit("trade_annual", files, key=None)
        store.record_load(load_id="L2", format="x", target="trade_annual", rows=1)
        assert store.count("trade_annual") == 3
        store.drop_superseded("trade_annual", "L2", key=["year", "exporter", "importer"])
    assert values(store) == {(2021, "CHN"): 5.0, (2021, "USA"): 2.0}


def test_failed_transaction_keeps_the_old_files_and_drops_the_new_later(store):
    store.replace("trade_annual", flows({(2021, "CHN"): 1.0}))
    (old,) = store.lake.files()
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.replace("trade_annual", flows({(2021, "CHN"): 9.0}))  # supersedes old
            raise RuntimeError("boom")
    assert store.lake.files() == [old] and values(store) == {(2021, "CHN"): 1.0}
    assert (store.lake.root / old.path).is_file()
    written = {p.relative_to(store.lake.root).as_posix()
               for p in store.lake.root.rglob("*.parquet")}
    assert len(written) == 2  # the rolled-back load's file, until the next write
    store.insert("trade_annual", flows({(2022, "CHN"): 2.0}))
    on_disk = {p.relative_to(store.lake.root).as_posix()
               for p in store.lake.root.rglob("*.parquet")}
    assert on_disk == {f.path for f in store.lake.files()}


def test_whole_table_scope_replaces_everything(store):
    store.insert("trade_annual", flows({(2019, "CHN"): 1.0, (2021, "USA"): 2.0}))
    store.replace("trade_annual", flows({(2023, "JPN"): 7.0}), key=())
    assert values(store) == {(2023, "JPN"): 7.0}


def test_in_memory_store_lake_is_temporary():
    import gc

    from kcbridge.store import Store

    store = Store("duckdb://:memory:")
    store.insert("trade_annual", flows({(2021, "CHN"): 1.0}))
    root = store.lake.root
    assert any(root.rglob("*.parquet"))
    store.close()
    del store
    gc.collect()
    assert not root.exists()
