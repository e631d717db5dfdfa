"""Derived results kept beside the store: computed once per version of their inputs.

Results such as the dependency screen, complexity or the partner-matching vectors take
seconds to compute and depend only on data that changes rarely (the flows, the profiles).
:class:`DerivedResults` keeps each one as a Parquet file keyed by

- ``name``: what it is (``watch_screen``, ``complexity``, ``partner_vectors`` ...);
- ``key``: the arguments it was computed for (importers, year ...), any JSON-able value;
- ``version``: the version of the inputs, e.g. :meth:`Store.flows_version` for results
  derived from flows (it changes with every load, and not with an alert's status) or a
  digest of the texts for embeddings.

so that a new CLI process, or the dashboard after a restart, reads the result instead of
recomputing it. A lookup under a version that is no longer current simply misses: nothing
has to be invalidated, and a load that is rolled back leaves the version (and so the
cache) as it was.

Where results live, and why there (the write path, explicitly):

- a DuckDB file store ``DIR/kcbridge.duckdb`` keeps them in ``DIR/derived/NAME/`` (a store
  ``DIR/other.duckdb`` in ``DIR/other.derived/``), one file per (key, version), written to a
  temporary name and renamed into place (atomic: a reader sees the whole file or none, two
  processes writing the same result write the same bytes). They are written OUTSIDE the
  catalogue on purpose: reading or writing a cached result never opens a transaction,
  never changes :meth:`Store.data_version` and works while the catalogue is opened
  read-only, so a read-only command that misses the cache computes, keeps the result and
  still waits for no one. Writing one result removes that name's files of other versions
  (stale, unreachable) and keeps at most ``MAX_FILES_PER_NAME`` keys per name.
- other stores (in memory, PySpark) keep them in this object, i.e. for the life of the
  process.

A file that cannot be read (truncated by a full disk, written by an older format) is a
miss and is recomputed; failing to write one (a read-only folder) only costs the next
process the computation. Both are reported on the ``kcbridge.derived`` logger.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

log = logging.getLogger("kcbridge.derived")

#: Keys of one name kept on disk (the newest written); older ones are removed.
MAX_FILES_PER_NAME = 32
_META = b"kcbridge.derived"


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def code_digest(*modules: Any) -> str:
    """A digest of the source files of ``modules`` (or of any object's ``__file__``, such
    as a reference data file): part of a result's key, so that a changed computation (a
    new kcbridge, an edited detector, new reference data) never reads a result the old
    code or data made."""
    h = hashlib.sha1()
    for module in modules:
        source = getattr(module, "__file__", None)
        h.update(Path(source).read_bytes() if source else str(module).encode())
    return h.hexdigest()[:12]


def derived_folder(url: str) -> Path | None:
    """The folder of derived results of the store at ``url``; None for stores that keep
    them in memory (in-memory DuckDB, other backends)."""
    if not url.startswith("duckdb://") or url.startswith("duckdb://:memory:") \
            or url == "duckdb://":
        return None
    path = Path(url[len("duckdb://"):]).expanduser().resolve()
    return path.parent / ("derived" if path.stem == "kcbridge" else f"{path.stem}.derived")


class DerivedResults:
    """Cached results of one store (see the module docstring)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._memory: dict[tuple[str, str, str], pd.DataFrame] = {}
        self._lock = threading.Lock()
        #: counts since this object was made: hits, misses, writes (for tests and benchmarks)
        self.stats = {"hits": 0, "misses": 0, "writes": 0}

    @classmethod
    def for_store(cls, store: Any) -> DerivedResults:
        """The cache of ``store``, made once per store object."""
        cache = getattr(store, "_derived_results", None)
        if cache is None:
            cache = cls(derived_folder(str(getattr(store, "url", ""))))
            store._derived_results = cache
        return cache

    def _path(self, name: str, key: Any, version: str) -> Path:
        assert self.folder is not None
        return self.folder / name / f"{_digest(key)}-{_digest(version)}.parquet"

    def get(self, name: str, key: Any, version: str) -> pd.DataFrame | None:
        """The result kept for (name, key, version), or None. Never writes."""
        found = self._get(name, key, version)
        with self._lock:
            self.stats["hits" if found is not None else "misses"] += 1
        return found

    def _get(self, name: str, key: Any, version: str) -> pd.DataFrame | None:
        ident = (name, _digest(key), _digest(version))
        if self.folder is None:
            with self._lock:
                frame = self._memory.get(ident)
            return None if frame is None else _copy(frame)
        path = self._path(name, key, version)
        if not path.is_file():
            return None
        import pyarrow.parquet as pq

        try:
            table = pq.read_table(path)
            meta = json.loads((table.schema.metadata or {}).get(_META, b"{}"))
        except Exception as exc:  # noqa: BLE001 - any unreadable file is a miss
            log.warning("Derived result %s is unreadable (%s); recomputing it.", path, exc)
            return None
        if meta.get("name") != name or meta.get("version") != version \
                or meta.get("key") != json.loads(json.dumps(key, default=str)):
            return None  # a digest collision or a hand-edited file: not this result
        frame = table.to_pandas()
        frame.attrs.update(meta.get("attrs") or {})
        return frame

    def put(self, name: str, key: Any, version: str, frame: pd.DataFrame) -> None:
        """Keep ``frame`` (and its ``attrs``, when JSON-able) for (name, key, version).
        Best effort: a failure to write is logged, never raised."""
        with self._lock:
            self.stats["writes"] += 1
        if self.folder is None:
            with self._lock:
                stale = [k for k in self._memory if k[0] == name and k[2] != _digest(version)]
                for k in stale:
                    del self._memory[k]
                self._memory[(name, _digest(key), _digest(version))] = _copy(frame)
            return
        try:
            self._write(name, key, version, frame)
        except Exception as exc:  # noqa: BLE001 - the cache must never fail a command
            log.warning("Could not keep derived result %s: %s", name, exc)

    def _write(self, name: str, key: Any, version: str, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = self._path(name, key, version)
        path.parent.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(frame, preserve_index=None)  # the index comes back too
        meta = {"name": name, "key": json.loads(json.dumps(key, default=str)),
                "version": version, "created_at": time.time(),
                "attrs": json.loads(json.dumps(dict(frame.attrs), default=str))}
        table = table.replace_schema_metadata(
            {**(table.schema.metadata or {}), _META: json.dumps(meta).encode()})
        tmp = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            pq.write_table(table, tmp)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        self._prune(path)

    def _prune(self, kept: Path) -> None:
        """Remove the name's files of other versions, and its oldest beyond the cap."""
        version = kept.stem.rsplit("-", 1)[1]
        files = [p for p in kept.parent.glob("*.parquet") if p != kept]
        current = []
        for p in files:
            if p.stem.rsplit("-", 1)[-1] != version:
                p.unlink(missing_ok=True)
            else:
                current.append(p)
        current.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for p in current[MAX_FILES_PER_NAME - 1:]:
            p.unlink(missing_ok=True)

    def cached(self, name: str, key: Any, version: str,
               compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """The kept result, or ``compute()`` kept and returned."""
        found = self.get(name, key, version)
        if found is not None:
            return found
        frame = compute()
        self.put(name, key, version, frame)
        return frame

    def clear(self, name: str | None = None) -> None:
        """Forget every kept result (of ``name``)."""
        with self._lock:
            for k in [k for k in self._memory if name is None or k[0] == name]:
                del self._memory[k]
        if self.folder is None or not self.folder.is_dir():
            return
        for p in self.folder.glob(f"{name or '*'}/*.parquet"):
            p.unlink(missing_ok=True)


def _copy(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out.attrs = dict(frame.attrs)
    return out


__all__ = ["MAX_FILES_PER_NAME", "DerivedResults", "code_digest", "derived_folder"]
