"""A load's checksum (sources/pipeline.py, issue 13): a file no earlier load of its format
had the size of cannot be "already loaded", so its SHA-256 is computed in a thread beside
the read and only recorded; any other file is hashed first, as before, and a file loaded
before is still "Already loaded" (also when its earlier load was recorded before sizes
were, or under another name)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from kcbridge.errors import InputError
from kcbridge.sources import load_file, pipeline
from kcbridge.store import Store

from .conftest import write_baci

ROWS = ["2022,156,410,854231,120.5,3", "2022,410,156,854232,80.25,", "2022,842,392,10121,7,1"]


def hashed_first(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the pipeline hashes before reading them (the serial checksum)."""
    seen: list[Path] = []
    real = pipeline.file_checksum

    def counted(path, progress=None):  # type: ignore[no-untyped-def]
        seen.append(Path(path))
        return real(path, progress)

    monkeypatch.setattr(pipeline, "file_checksum", counted)
    return seen


def recorded(store: Store) -> list[tuple[str, str, int | None]]:
    return [(str(r[0]), str(r[1]), r[2]) for r in store._raw().execute(
        "SELECT source, checksum, bytes FROM loads ORDER BY loaded_at, load_id").fetchall()]


def test_a_new_file_is_hashed_beside_the_read_and_recorded(store, settings, tmp_path,
                                                           monkeypatch):
    hashed = hashed_first(monkeypatch)
    path = write_baci(tmp_path / "a", 2022, ROWS)
    result = load_file(store, settings, "baci", path)
    assert result.rows == 3 and not result.skipped
    assert hashed == []  # nothing to compare it with: not hashed before the read
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert recorded(store) == [(str(path), digest, path.stat().st_size)]
    # the same file again: a load of its size exists, so it is hashed first and skipped
    again = load_file(store, settings, "baci", path)
    assert again.skipped and again.rows == 0 and hashed == [path]
    assert "Already loaded" in again.notes[0]
    assert len(recorded(store)) == 1


def test_the_same_bytes_under_another_name_are_already_loaded(store, settings, tmp_path,
                                                               monkeypatch):
    first = write_baci(tmp_path / "a", 2022, ROWS)
    load_file(store, settings, "baci", first)
    hashed = hashed_first(monkeypatch)
    copy = write_baci(tmp_path / "b", 2022, ROWS)
    assert copy.read_bytes() == first.read_bytes() and copy != first
    assert load_file(store, settings, "baci", copy).skipped
    assert hashed == [copy]


def test_a_load_recorded_before_sizes_still_makes_the_file_already_loaded(
        store, settings, tmp_path, monkeypatch):
    path = write_baci(tmp_path / "a", 2022, ROWS)
    load_file(store, settings, "baci", path)
    with store.transaction():
        store.mark_written()
        store._raw().execute("UPDATE loads SET bytes = NULL")  # as an older kcbridge wrote
    hashed = hashed_first(monkeypatch)
    other = write_baci(tmp_path / "b", 2021, [r.replace("2022,", "2021,", 1) for r in ROWS]
                       + ["2021,392,842,10122,1,1"])
    assert other.stat().st_size != path.stat().st_size
    assert load_file(store, settings, "baci", path).skipped
    assert not load_file(store, settings, "baci", other).skipped  # unknown size: hashed
    assert hashed == [path, other]  # first, and loaded as a new file
    assert recorded(store)[-1] == (str(other), hashlib.sha256(other.read_bytes()).hexdigest(),
                                   other.stat().st_size)


def test_another_file_of_a_loaded_size_is_hashed_first_and_loaded(store, settings, tmp_path,
                                                                  monkeypatch):
    path = write_baci(tmp_path / "a", 2022, ROWS)
    load_file(store, settings, "baci", path)
    hashed = hashed_first(monkeypatch)
    twin = write_baci(tmp_path / "b", 2022, [ROWS[0].replace("120.5", "120.6"), *ROWS[1:]])
    assert twin.stat().st_size == path.stat().st_size and twin.read_bytes() != path.read_bytes()
    result = load_file(store, settings, "baci", twin)
    assert not result.skipped and result.rows == 3 and hashed == [twin]
    value = store._raw().execute(
        "SELECT value_usd FROM trade_annual WHERE product = '854231'").fetchall()
    assert value == [(120600.0,)]  # the twin's rows replaced the year


def test_force_reloads_with_the_checksum_beside(store, settings, tmp_path, monkeypatch):
    path = write_baci(tmp_path / "a", 2022, ROWS)
    load_file(store, settings, "baci", path)
    hashed = hashed_first(monkeypatch)
    result = load_file(store, settings, "baci", path, force=True)
    assert not result.skipped and result.rows == 3 and hashed == []
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert [r[1] for r in recorded(store)] == [digest, digest]


def test_a_refused_new_file_records_nothing(store, settings, tmp_path):
    """The thread's checksum is only recorded with a load; a refused file leaves the
    store as it was."""
    path = write_baci(tmp_path / "a", 2022, [*ROWS, "2022,156,410,854231,1,1"])  # repeat
    with pytest.raises(InputError, match="appear more than once"):
        load_file(store, settings, "baci", path)
    assert recorded(store) == [] and store.count("trade_annual") == 0


def test_a_store_from_before_sizes_gets_the_column_on_open(tmp_path):
    path = tmp_path / "kcbridge.duckdb"
    Store(f"duckdb://{path}").close()
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE loads DROP COLUMN bytes")
    con.close()
    store = Store(f"duckdb://{path}")
    assert "bytes" in store._columns("loads")
    store.close()
