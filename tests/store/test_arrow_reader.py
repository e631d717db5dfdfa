"""The store's serialising cursor hands out DuckDB's Arrow record-batch reader under its
current name (``to_arrow_reader``) when a caller, such as Ibis's DuckDB backend, still asks
for the one deprecated since duckdb 1.4 (``fetch_record_batch``), so no deprecation warning is
raised and a duckdb without the old name keeps working."""

from __future__ import annotations

import threading
import warnings

import duckdb
import pytest

from kcbridge.store.cursors import Serialised


def test_the_old_reader_name_reads_the_same_batches() -> None:
    if not hasattr(duckdb.DuckDBPyConnection, "to_arrow_reader"):
        pytest.skip("this duckdb has only the old reader name")
    con = Serialised(duckdb.connect(), threading.Lock())
    result = con.execute("SELECT range AS n FROM range(10)")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        reader = result.fetch_record_batch(4)
        sizes = [batch.num_rows for batch in reader]
    assert sizes == [4, 4, 2]


def test_ibis_batches_raise_no_deprecation_warning(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kcbridge.store import Store

    store = Store(f"duckdb://{tmp_path / 'arrow.duckdb'}")
    try:
        table = store.con.sql("SELECT range AS n FROM range(1000)")
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            rows = sum(b.num_rows for b in table.to_pyarrow_batches(chunk_size=256))
        assert rows == 1000
    finally:
        store.close()
