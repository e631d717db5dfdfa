"""The repeated-key check of a BACI year written coded (sources/baci_checks.py): keys read
in record batches, nothing more while they rise, else dense 32-bit keys sorted. It must
agree with a plain set of (year, exporter, importer, HS code as a number) in every row
order and wherever the order breaks or the repeat falls; a file it refuses gets the
validating path's message (the repeated flows named), and the rows stored are those of
the validating path."""

from __future__ import annotations

import random

import duckdb
import pytest

from kcbridge.errors import InputError
from kcbridge.sources import baci_checks, load_file
from kcbridge.store import Store

CODES = [156, 410, 842, 392]  # the countries of the store tests' country_codes file
PRODUCTS = [f"{10121 + 7 * n}" for n in range(40)] + ["854231", "854232"]


def flows(count: int, seed: int) -> list[tuple[int, int, str]]:
    """``count`` distinct (exporter, importer, HS code) in key order."""
    every = sorted({(e, i, p) for e in CODES for i in CODES if e != i for p in PRODUCTS},
                   key=lambda f: (f[0], f[1], int(f[2])))
    return sorted(random.Random(seed).sample(every, count),
                  key=lambda f: (f[0], f[1], int(f[2])))


def key_table(rows: list[tuple[int, int, int, str]]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (year SMALLINT, exporter_code INTEGER, importer_code INTEGER, "
                "product_code VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", [list(r) for r in rows])
    return con


def by_set(rows: list[tuple[int, int, int, str]]) -> bool:
    return len({(y, e, i, int(p)) for y, e, i, p in rows}) < len(rows)


@pytest.mark.parametrize("order", ["key order", "shuffled", "breaks in the last batch"])
@pytest.mark.parametrize("repeat", ["none", "first row again at the end",
                                    "zero-padded twin", "same flow another year",
                                    "across a batch boundary"])
@pytest.mark.parametrize("dense_check", ["sorted", "index map per exporter"])
def test_repeated_keys_agree_with_a_set(monkeypatch, order, repeat, dense_check):
    monkeypatch.setattr(baci_checks, "BATCH_ROWS", 16)  # many batches of few rows
    # the dense keys of a file out of order: sorted (few keys) or grouped (the default
    # from 65,536 keys on); both must agree with the set
    monkeypatch.setattr(baci_checks, "SORT_BELOW", 1 << 30 if dense_check == "sorted" else 0)
    rows = [(2022, e, i, p) for e, i, p in flows(300, seed=7)]
    if order == "shuffled":
        random.Random(1).shuffle(rows)
    elif order == "breaks in the last batch":
        rows.append(rows.pop(5))  # rising until row 299, then an earlier key
    if repeat == "first row again at the end":
        rows.append(rows[0])
    elif repeat == "zero-padded twin":  # '010121' is the HS code 10121: the same flow
        rows.append((2022, rows[3][1], rows[3][2], "0" + rows[3][3]))
    elif repeat == "same flow another year":  # not a repeat
        rows.append((2021, *rows[0][1:]))
    elif repeat == "across a batch boundary":  # rows 16 and 17: the last of a batch
        rows.insert(16, rows[15])  # and the first of the next
    con = key_table(rows)
    expected = repeat != "none" and repeat != "same flow another year"
    assert by_set(rows) is expected  # the reference agrees with the case's name
    assert baci_checks.repeated_keys(con, "t") is expected


@pytest.mark.parametrize("case", ["distinct", "repeat in the first exporter",
                                  "repeat in the last exporter", "one exporter",
                                  "exporter with one row",
                                  "repeat as an exporter's only two rows"])
def test_the_index_map_per_exporter_agrees_with_a_sort(case):
    """The grouped check of dense keys (:func:`baci_checks._dense_repeats`) on 100,000
    shuffled keys of 50 exporters x 4,000 (importer, product) slots (one exporter: 200,000
    slots), against a set."""
    import numpy as np

    rng = np.random.default_rng(5)
    exporters, inner = (1, 200_000) if case == "one exporter" else (50, 4_000)
    keys = rng.permutation(exporters * inner)[:100_000].astype(np.uint32)
    if case == "repeat in the first exporter":
        first = keys[keys // inner == keys.min() // inner]
        keys = np.append(keys, first[-1])
    elif case == "repeat in the last exporter":
        last = keys[keys // inner == keys.max() // inner]
        keys = np.insert(keys, 0, last[0])
    elif case == "exporter with one row":  # a group of one cannot repeat: skipped
        keys = np.append(keys[keys // inner < 49], np.uint32(49 * inner + 7))
    elif case == "repeat as an exporter's only two rows":
        keys = np.append(keys[keys // inner < 49], np.full(2, 49 * inner + 7, np.uint32))
    expected = len(set(keys.tolist())) < keys.size
    assert expected is case.startswith("repeat")
    assert keys.size >= baci_checks.SORT_BELOW  # the grouped check, not the sort
    assert baci_checks._dense_repeats(keys, inner) is expected


def test_a_file_in_key_order_is_checked_without_dense_keys(monkeypatch):
    """The rising path: a file in key order (as BACI writes them) never needs the dense
    keys (nor their sort); one key out of order at the end does."""
    monkeypatch.setattr(baci_checks, "BATCH_ROWS", 16)
    made: list[int] = []
    real = baci_checks._dense

    def counted(packed, ranks, sizes):
        made.append(len(packed))
        return real(packed, ranks, sizes)

    monkeypatch.setattr(baci_checks, "_dense", counted)
    rows = [(2022, e, i, p) for e, i, p in flows(200, seed=3)]
    assert baci_checks.repeated_keys(key_table(rows), "t") is False
    assert made == []
    assert baci_checks.repeated_keys(key_table([*rows, rows[10]]), "t") is True
    assert sum(made) == 201  # every key, once the order broke in the last batch


@pytest.mark.parametrize(("order", "reads"), [("key order", 1), ("shuffled", 1),
                                             ("breaks in the last batch", 2)])
def test_keys_are_read_again_only_when_the_order_breaks_after_the_first_batch(
        monkeypatch, order, reads):
    """A file out of order from its first batch goes on with the same read (nothing was
    dropped); one whose order breaks later is read again from the start."""
    monkeypatch.setattr(baci_checks, "BATCH_ROWS", 16)
    calls: list[str] = []
    real = baci_checks._key_batches

    def counted(con, sql):  # type: ignore[no-untyped-def]
        calls.append(sql)
        return real(con, sql)

    monkeypatch.setattr(baci_checks, "_key_batches", counted)
    rows = [(2022, e, i, p) for e, i, p in flows(200, seed=4)]
    if order == "shuffled":
        random.Random(2).shuffle(rows)
    elif order == "breaks in the last batch":
        rows.append(rows.pop(3))
    assert baci_checks.repeated_keys(key_table(rows), "t") is False
    assert len(calls) == reads
    if order != "key order":  # the same reads find a repeat
        calls.clear()
        assert baci_checks.repeated_keys(key_table([*rows, rows[150]]), "t") is True
        assert len(calls) == reads


def baci_rows(rows: list[tuple[int, int, str]], seed: int) -> list[str]:
    rng = random.Random(seed)
    return [f"2022,{e},{i},{p},{rng.randint(1, 10_000) / 1000:.3f},"
            f"{'' if n % 5 == 0 else rng.randint(1, 999)}" for n, (e, i, p) in enumerate(rows)]


def plain_store(tmp_path, monkeypatch, name: str) -> Store:
    """A store whose BACI loads take the validating path (no coded sink): the path that
    names what is wrong, and the reference for the rows stored."""
    from kcbridge.sources import pipeline

    monkeypatch.setattr(pipeline.LakeSink, "coded", property(lambda self: None))
    monkeypatch.delattr(pipeline.LakeSink, "coded")
    return Store(f"duckdb://{tmp_path / name}")


def test_a_shuffled_file_with_a_late_repeat_is_refused_with_the_validating_message(
        store, settings, tmp_path, files, monkeypatch):
    monkeypatch.setattr(baci_checks, "BATCH_ROWS", 32)
    lines = baci_rows(flows(400, seed=11), seed=2)
    random.Random(5).shuffle(lines)
    lines.insert(390, lines[17])  # the flow of row 17 again, late
    path = files.baci(tmp_path / "b", 2022, lines)
    with pytest.raises(InputError) as coded_error:
        load_file(store, settings, "baci", path)
    assert store.lake.files() == [] and store.count("trade_annual") == 0
    assert store.table("lake_countries").count().execute() == 0
    plain = plain_store(tmp_path, monkeypatch, "plain.duckdb")
    with pytest.raises(InputError) as plain_error:
        load_file(plain, settings, "baci", path)
    plain.close()
    assert str(coded_error.value) == str(plain_error.value)
    assert coded_error.value.hint == plain_error.value.hint
    e, i, p = lines[17].split(",")[1:4]
    iso3 = {"156": "CHN", "410": "KOR", "842": "USA", "392": "JPN"}
    assert (f"1 flow(s) appear more than once (same year, exporter, importer, product), "
            f"e.g. year 2022, exporter {iso3[e]}, importer {iso3[i]}, product "
            f"{p.zfill(6)} (2 times)") in str(coded_error.value)


@pytest.mark.parametrize("shuffled", [False, True])
def test_rows_stored_coded_are_the_validating_paths(store, settings, tmp_path, files,
                                                    monkeypatch, shuffled):
    monkeypatch.setattr(baci_checks, "BATCH_ROWS", 32)
    lines = baci_rows(flows(400, seed=13), seed=4)
    if shuffled:
        random.Random(9).shuffle(lines)
    path = files.baci(tmp_path / "b", 2022, lines)
    load_file(store, settings, "baci", path)
    (live,) = store.lake.files("trade_annual")
    assert live.coded and live.layout is None and live.rows == 400  # BACI's own codes
    plain = plain_store(tmp_path, monkeypatch, "plain.duckdb")
    load_file(plain, settings, "baci", path)
    assert plain.lake.files("trade_annual")[0].layout is not None  # the validating path
    cols = ["year", "exporter", "importer", "product", "revision", "value_usd", "quantity",
            "unit"]

    def rows(s: Store) -> list[list[str]]:
        frame = s.table("trade_annual").to_pandas()[cols].astype(str)
        return sorted(frame.values.tolist())

    assert rows(store) == rows(plain)
    assert len(rows(store)) == 400
    plain.close()
