"""The store: schema, transactional writes, idempotent replace, reference data."""

from __future__ import annotations

import pandas as pd
import pytest

from kcbridge.app import Platform
from kcbridge.errors import ConfigError, InputError, NotFoundError, StoreError
from kcbridge.settings import load_settings
from kcbridge.store import Store


def _flows(values: list[float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2021] * len(values),
            "exporter": ["KOR"] * len(values),
            "importer": ["CHN", "USA", "JPN"][: len(values)],
            "product": ["854231"] * len(values),
            "revision": "HS2012",
            "value_usd": values,
        }
    )


def test_new_store_has_core_tables_and_reference_data(platform: Platform) -> None:
    tables = set(platform.store.list_tables())
    assert {"countries", "products", "trade_annual", "trade_monthly", "loads", "meta"} <= tables
    countries = platform.list_countries()
    assert {"KOR", "CHN", "WLD"} <= set(countries["iso3"])
    kor = countries[countries.iso3 == "KOR"].iloc[0]
    assert (kor.iso2, int(kor.numeric)) == ("KR", 410)
    products = platform.list_products(level=6, limit=10_000)
    assert 5000 < len(products) < 5300  # HS2012 has 5,205 subheadings (+ Growth Lab extras)
    assert platform.product("854231")["name"].startswith("Electronic integrated circuits")


def test_replace_is_idempotent_and_replaces_partitions(platform: Platform) -> None:
    store = platform.store
    store.replace("trade_annual", _flows([10.0, 20.0]))
    store.replace("trade_annual", _flows([10.0, 20.0]))
    assert store.count("trade_annual") == 2
    store.replace("trade_annual", _flows([11.0]))  # new figures for KOR->CHN 2021 only
    df = store.table("trade_annual").order_by("importer").to_pandas()
    assert df[["importer", "value_usd"]].values.tolist() == [["CHN", 11.0], ["USA", 20.0]]


def test_failed_transaction_leaves_store_unchanged(platform: Platform) -> None:
    store = platform.store
    store.replace("trade_annual", _flows([1.0, 2.0]))
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.replace("trade_annual", _flows([5.0, 6.0, 7.0]))
            store.record_load(format="x", source="y", checksum="z", target="trade_annual", rows=3)
            raise RuntimeError("boom")
    assert store.count("trade_annual") == 2
    assert store.count("loads") == 0
    assert sorted(store.table("trade_annual").value_usd.to_pandas()) == [1.0, 2.0]


def test_insert_rejects_uncastable_columns(platform: Platform) -> None:
    bad = _flows([1.0]).assign(year=["not a year"])
    with pytest.raises(InputError, match="year"):
        platform.store.insert("trade_annual", bad)
    assert platform.store.count("trade_annual") == 0


def test_empty_table_message_says_what_to_run(platform: Platform) -> None:
    with pytest.raises(NotFoundError, match="kcbridge demo"):
        platform.store.require_rows("trade_annual")


def test_unknown_country_and_product_messages(platform: Platform) -> None:
    assert platform.country("kor") == "KOR"
    assert platform.country("410") == "KOR"
    with pytest.raises(NotFoundError, match="ISO3"):
        platform.country("XXZ")
    with pytest.raises(NotFoundError, match="kcbridge products"):
        platform.product("123456")


def test_store_file_persists_between_platforms(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p1 = Platform(home=tmp_path)
    p1.store.replace("trade_annual", _flows([3.0]))
    p1.close()
    p2 = Platform(home=tmp_path)
    assert p2.store.count("trade_annual") == 1
    assert (tmp_path / "kcbridge.duckdb").exists()
    p2.close()


def test_in_memory_store_url() -> None:
    store = Store("duckdb://:memory:")
    assert store.backend == "duckdb" and store.count("trade_annual") == 0


def test_settings_validate_revision_and_read_env(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KCBRIDGE_PORT", "9999")
    assert load_settings(home=tmp_path).port == 9999
    with pytest.raises(ConfigError, match="HS2012"):
        load_settings(home=tmp_path, target_hs_revision="HS2099")
    (tmp_path / "kcbridge.toml").write_text("port = [broken", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(home=tmp_path)


def test_store_locked_by_another_process_says_what_to_do(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    path = tmp_path / "kcbridge.duckdb"
    Store(f"duckdb://{path}").close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(path)!r}); "
            "print('ready', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match=r"in use by another process \(PID \d+\)"):
            Store(f"duckdb://{path}")
    finally:
        holder.kill()
        holder.wait()


def test_add_columns_migrates_and_keeps_rows(platform: Platform) -> None:
    import ibis

    store = platform.store
    store.ensure_table("cap_items", ibis.schema({"id": "string"}))
    store.insert("cap_items", pd.DataFrame({"id": ["a", "b"]}))
    assert store.add_columns("cap_items", {"score": "DOUBLE", "id": "VARCHAR"}) == ["score"]
    assert store.add_columns("cap_items", {"score": "DOUBLE"}) == []
    df = store.table("cap_items").order_by("id").to_pandas()
    assert df["id"].tolist() == ["a", "b"] and df["score"].isna().all()
