"""The checks of a BACI year written as coded lake files (see :mod:`kcbridge.sources.baci`).

The coded path does not validate rows one by one: it asks the files' footers (row counts,
nulls, min/max), one aggregate (the distinct country and HS codes) and one pass over the
three key columns (:func:`repeated_keys`). Anything it cannot vouch for makes it give up
(None / True), and the plain path reads the file again and names what is wrong (the
first offending rows, the unknown codes, the duplicate flows with their rows), so these
checks only have to be exact about "all is well".

Repeated (year, exporter, importer, product) keys, one year at a time: DuckDB packs each
row's key into one integer (exporter << 30 | importer << 20 | HS code), read in record
batches. While the keys rise (a file in key order, as BACI writes its files) one
comparison per row is all: nothing is kept but the last key. Once they do not (for a
file out of order: in the first batch; that read goes on, and only an order that breaks
later is read again) each key becomes a dense integer, ``(exporter rank x importers +
importer rank) x products + product rank`` (ranks of the distinct codes, in code order:
under a billion for a real BACI year, so 32 bits), checked exporter by exporter with an
index map (:func:`_dense_repeats`; issue 13, loadfloor: 0.09 CPU s per 3 M keys against
0.15 for the sort kept for small inputs).

Measured side by side on 3 M generated rows in fresh processes (CPU seconds, machine
under load 8-10; README, issue 13): file out of key order, the previous check (the
64-bit packed key fetched whole and sorted) 0.32-0.37, this one 0.32-0.37, DuckDB's own
hash aggregate ``count(*) - count(DISTINCT key)`` 0.63-0.79, a byte per possible key
(208 MB, no sort) 0.36-0.43 (its page faults cost more system time than the sort saves),
a bit per key 0.37-0.40; file in key order, previous 0.13-0.18, this one 0.12-0.15.
None was clearly cheaper than the sort (scale9); this one keeps nothing while the keys
rise and checks 32-bit keys (half the memory of the previous one) when they do not. The
index map per exporter (loadfloor) is cheaper than the sort because its map (~5 MB for
a BACI year) stays in cache and needs no ordering beyond the exporter.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from kcbridge.sources.countries import TradeCountryResolver
from kcbridge.sources.validation import MIN_YEAR, max_year

#: Rows per record batch read from DuckDB.
BATCH_ROWS = 1 << 18
#: Fewer dense keys than this are sorted (the grouped check's setup is not worth it).
SORT_BELOW = 1 << 16
#: The grouped check's index map holds at most this many slots (32-bit: 32 MB); a BACI
#: year needs ~1.3 M (its importers times its HS codes).
MAP_SLOTS = 1 << 23


def coded_codes(con: Any, sink: Any, files: list[Any],
                resolver: TradeCountryResolver) -> list[tuple[int, str]] | None:
    """The country dictionary of coded ``files`` when every check passes, else None.

    From the footers: rows exist, no blank country or value, country codes in 0-1023,
    values and quantities zero or more and finite (NaN and inf were written as -1),
    years in the HS era. One aggregate: the distinct country and HS codes (every country
    known and mapped to a different ISO3, every HS code 1-6 digits); then no repeated
    (year, exporter, importer, product) key (:func:`repeated_keys`; exact once the
    codes passed: leading zeros aside, equal codes are equal text)."""
    if not files:
        return None
    top = max_year()
    for f in files:
        if not MIN_YEAR <= f.year <= top or f.rows == 0:
            return None
        stats = sink.lake.column_stats(f)
        for col in ("exporter_code", "importer_code"):
            st = stats.get(col)
            if st is None or st[2] or st[0] is None or st[0] < 0 or st[1] >= 1024:
                return None
        product, value, quantity = (stats.get(c) for c in ("product_code", "value_usd",
                                                          "quantity"))
        if product is None or product[2] or value is None or value[2] or value[0] is None \
                or not 0 <= value[0] <= value[1] < float("inf"):
            return None
        if quantity is None or (quantity[0] is not None
                                and not 0 <= quantity[0] <= quantity[1] < float("inf")):
            return None
    source = sink.scan(files)
    exporters, importers, products = con.execute(
        f"SELECT list(DISTINCT exporter_code), list(DISTINCT importer_code), "
        f"list(DISTINCT product_code) FROM {source}").fetchone()
    codes = coded_dictionary(exporters, importers, products, resolver)
    if codes is None or repeated_keys(con, source, exporters, importers, products,
                                      years=sorted({f.year for f in files})):
        return None
    return codes


def coded_dictionary(exporters: list[Any], importers: list[Any], products: list[Any],
                     resolver: TradeCountryResolver) -> list[tuple[int, str]] | None:
    """The country dictionary (code -> ISO3) of coded rows with these distinct codes, or
    None when an HS code is not 1-6 digits, a country code is unknown, or two codes
    mean one country (their rows may repeat a flow)."""
    if not all(isinstance(p, str) and p.isascii() and p.isdigit() and len(p) <= 6
               for p in products):
        return None
    present = sorted(set(exporters) | set(importers))
    mapped = [(code, resolver.lookup(code)) for code in present]
    iso3s = [iso3 for _, iso3 in mapped]
    if any(iso3 is None for iso3 in iso3s) or len(set(iso3s)) < len(iso3s):
        return None
    return [(int(code), str(iso3)) for code, iso3 in mapped]


def repeated_keys(con: Any, source: str, exporters: Sequence[int] | None = None,
                  importers: Sequence[int] | None = None,
                  products: Sequence[str] | None = None,
                  years: Sequence[int] | None = None) -> bool:
    """Whether two rows of ``source`` (columns ``year``, ``exporter_code`` and
    ``importer_code`` in 0-1023, ``product_code`` text of 1-6 digits) share a key, HS
    codes compared as numbers (see the module doc). The distinct codes and years are
    read from ``source`` unless given."""
    import numpy as np

    if exporters is None or importers is None or products is None:
        exporters, importers, products = con.execute(
            f"SELECT list(DISTINCT exporter_code), list(DISTINCT importer_code), "
            f"list(DISTINCT product_code) FROM {source}").fetchone()
    if years is None:
        years = [r[0] for r in con.execute(f"SELECT DISTINCT year FROM {source}").fetchall()]
    ranks = [_ranks(np.asarray(list(codes), dtype=np.int64))
             for codes in (exporters, importers, [int(p) for p in products])]
    sizes = [int(r.max()) + 1 if r.size else 0 for r in ranks]
    for year in sorted(years):
        where = f" WHERE year = {int(year)}" if len(years) > 1 else ""
        sql = (f"SELECT (CAST(exporter_code AS BIGINT) << 30) | (CAST(importer_code AS BIGINT) "
               f"<< 20) | CAST(product_code AS BIGINT) FROM {source}{where}")
        if _repeats(functools.partial(_key_batches, con, sql),
                    functools.partial(_dense, ranks=ranks, sizes=sizes),
                    sizes[0] * sizes[1] * sizes[2], sizes[1] * sizes[2]):
            return True
    return False


def _ranks(codes: Any) -> Any:
    """A lookup array: ``out[code]`` is the code's rank among ``codes`` (code order)."""
    import numpy as np

    present = np.unique(codes)
    out = np.zeros(int(present[-1]) + 1 if present.size else 1, dtype=np.int64)
    out[present] = np.arange(present.size, dtype=np.int64)
    return out


def _key_batches(con: Any, sql: str) -> Iterator[Any]:
    """The keys of the rows of ``sql`` (one packed integer: exporter << 30 | importer << 20
    | product), one NumPy array per record batch, in the rows' order: rising exactly when
    the dense keys (:func:`_dense`) rise."""
    result = con.execute(sql)
    reader = (result.to_arrow_reader(BATCH_ROWS) if hasattr(result, "to_arrow_reader")
              else result.fetch_record_batch(BATCH_ROWS))  # duckdb before 1.4
    for batch in reader:
        yield batch.column(0).to_numpy()


def _dense(packed: Any, ranks: list[Any], sizes: list[int]) -> Any:
    """Packed keys as dense keys in ``range(sizes[0] * sizes[1] * sizes[2])``."""
    by_exporter, by_importer, by_product = ranks
    return ((by_exporter[packed >> 30] * sizes[1] + by_importer[(packed >> 20) & 1023])
            * sizes[2] + by_product[packed & 0xFFFFF])


def _repeats(batches: Callable[[], Iterator[Any]], dense: Callable[[Any], Any],
             space: int, inner: int | None = None) -> bool:
    """Whether a key repeats among the packed keys of ``batches()`` (a new read each
    call): none while they rise; once they do not, every key is made a dense key
    (``dense(keys)``, in ``range(space)``; 32-bit integers when ``space`` allows) and
    checked by :func:`_dense_repeats` (``inner``: the size of one exporter's block of
    dense keys). A file out of order breaks in its first batch, and that read goes on
    (nothing was dropped); a file whose order breaks later is read again; a file in key
    order is read once and nothing is kept."""
    import numpy as np

    last = -1
    passed = 0  # batches read (and dropped) while the keys rose
    reader = batches()
    for keys in reader:
        if not keys.size:
            continue
        if keys[0] <= last or not bool(np.all(keys[1:] > keys[:-1])):
            break
        last = int(keys[-1])
        passed += 1
    else:
        return False
    narrow = np.uint32 if space <= 1 << 32 else np.int64
    rest = itertools.chain([keys], reader) if not passed else batches()
    every = np.concatenate([dense(k).astype(narrow) for k in rest])
    return _dense_repeats(every, inner if inner is not None else space)


def _dense_repeats(keys: Any, inner: int) -> bool:
    """Whether a value repeats in ``keys`` (dense keys; ``keys // inner`` is the
    exporter's rank, ``keys % inner`` the (importer, product) within it).

    A repeat has one exporter, so the keys are grouped by exporter (a stable argsort of
    the small ranks: NumPy's radix sort) and each group is checked with an index map of
    ``inner`` slots: ``slot[key] = position`` for every key of the group, then read back.
    Two equal keys share one slot, which holds one position, so at least one of them
    reads back another position than its own; distinct keys read back their own. The
    map is reused by every group and never cleared (a group reads only slots it just
    wrote). Measured on 3 M generated rows out of key order (CPU s, shared machine):
    0.09 against 0.15 for sorting the dense keys, which stays the way for few keys
    (under :data:`SORT_BELOW`) or an exporter's block larger than :data:`MAP_SLOTS`."""
    import numpy as np

    if keys.size < 2:
        return False
    if keys.size < SORT_BELOW or inner > MAP_SLOTS or keys.max() // inner >= 1 << 16:
        ordered = np.sort(keys)
        return bool(np.any(ordered[1:] == ordered[:-1]))
    group = (keys // inner).astype(np.uint16)
    within = (keys - group.astype(keys.dtype) * inner)[np.argsort(group, kind="stable")]
    counts = np.bincount(group).tolist()
    slot = np.empty(inner, dtype=np.uint32)
    position = np.arange(max(counts), dtype=np.uint32)
    start = 0
    for count in counts:
        if count > 1:
            part = within[start:start + count]
            slot[part] = position[:count]
            if not np.array_equal(slot[part], position[:count]):
                return True
        start += count
    return False
