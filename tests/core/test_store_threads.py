"""The store under threads: a cursor per thread, one writer at a time, and a failed write
that leaves no transaction open (issue 16 item 1)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from kcbridge.store import Store


def _meta(key: str, value: str) -> pd.DataFrame:
    return pd.DataFrame({"key": [key], "value": [value]})


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"duckdb://{tmp_path / 'threads.duckdb'}")
    yield s
    s.close()


def test_each_thread_reads_on_its_own_cursor(store: Store) -> None:
    cursors: dict[str, int] = {}

    def read(name: str) -> None:
        store.count("meta")
        cursors[name] = id(store._cursor())

    threads = [threading.Thread(target=read, args=(f"t{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(cursors.values())) == 4  # never one connection shared by two threads
    assert store.con is store.con  # yet one Ibis backend: expressions move between threads


def test_a_failed_write_rolls_back_and_the_next_one_works(store: Store) -> None:
    store.set_meta("kept", "1")
    version = store.data_version()
    with pytest.raises(duckdb.Error):
        with store.transaction():
            store.insert("meta", _meta("lost", "1"))
            store._duck.execute("INSERT INTO no_such_table VALUES (1)")  # fails mid-way
    assert not store.in_transaction
    assert store.meta("lost") is None and store.data_version() == version
    store.set_meta("after", "2")  # no "Current transaction is aborted"
    assert store.meta("after") == "2" and store.data_version() != version
    assert store.release() is True  # nothing holds the file


def test_a_cursor_that_cannot_roll_back_is_replaced(store: Store) -> None:
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.insert("meta", _meta("x", "1"))
            broken = store._cursor()
            broken.close()  # the connection broke: its ROLLBACK fails too
            raise RuntimeError("bug in a loader")
    assert not store.in_transaction and store._cursor() is not broken
    assert store.meta("x") is None  # DuckDB dropped the transaction with the cursor
    store.set_meta("y", "2")
    assert store.meta("y") == "2"


def test_writers_on_many_threads_take_turns_and_all_commit(store: Store) -> None:
    errors: list[BaseException] = []

    def write(i: int) -> None:
        try:
            for j in range(5):
                with store.transaction():
                    store.insert("meta", _meta(f"k{i}-{j}", str(j)))
                store.count("meta")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    meta = store.table("meta")
    assert int(meta.filter(meta.key.startswith("k")).count().execute()) == 30


def test_reads_and_empty_transactions_keep_the_data_version(store: Store) -> None:
    store.set_meta("a", "1")
    version = store.data_version()
    store.count("meta")
    store.list_tables()
    with store.transaction():
        store.meta("a")  # a read inside a transaction writes nothing
    store.ensure_table("meta", store.table("meta").schema())  # exists: a read
    assert store.data_version() == version
