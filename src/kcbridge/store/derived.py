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

Besides DataFrames, :meth:`DerivedResults.cached_object` keeps a kcbridge dataclass whose
fields are DataFrames and plain JSON values (a trade report: its tables, year, notes), as
a folder ``NAME/KEY-VERSION.obj/`` holding one Parquet file per frame and ``object.json``,
renamed into place as a whole. :func:`package_digest` gives the code part of a version.
Reading a kept result imports pandas and pyarrow, never Ibis.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib
import importlib.util
import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # pragma: no cover - pandas is imported when a result is read or kept
    import pandas as pd

log = logging.getLogger("kcbridge.derived")

#: Keys of one name kept on disk (the newest written); older ones are removed.
MAX_FILES_PER_NAME = 32
_META = b"kcbridge.derived"
_OBJECT_FILE = "object.json"
T = TypeVar("T")


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def code_digest(*modules: Any) -> str:
    """A digest of the source files of ``modules`` (or of any object's ``__file__``, such
    as a reference data file): part of a result's key, so that a changed computation (a
    new kcbridge, an edited detector, new reference data) never reads a result the old
    code or data made. A module may be given by its dotted name (``"kcbridge.trade.
    report"``): its source is read without importing it (a kept result is then found
    without loading the code, and the libraries, that would compute it)."""
    h = hashlib.sha1()
    for module in modules:
        source = getattr(module, "__file__", None)
        if isinstance(module, str) and module.startswith("kcbridge."):
            spec = importlib.util.find_spec(module)
            source = spec.origin if spec is not None else None
        h.update(Path(source).read_bytes() if source else str(module).encode())
    return h.hexdigest()[:12]


@functools.cache
def package_digest(*packages: str) -> str:
    """A digest of every file of the ``packages`` (``"kcbridge.trade"``, ``"kcbridge.
    reference"`` ...): part of the version of a result they compute, so that a changed
    computation or reference table never reads what the old one kept. Once per process."""
    h = hashlib.sha1()
    for package in packages:
        if not hash_package_files(h, package):
            h.update(package.encode())
    return h.hexdigest()[:12]


def hash_package_files(h: Any, package: str) -> bool:
    """Feed every file of the installed ``package`` (found, not imported; ``__pycache__``
    left out) with its relative path into hash ``h``; False when it is not installed."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return False
    folder = Path(spec.origin).parent
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(folder).as_posix().encode())
            h.update(path.read_bytes())
    return True


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
        self._objects: dict[tuple[str, str, str], Any] = {}  # in-memory stores
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

    def _counted(self, found: Any) -> Any:
        """``found`` (a kept result or None), counted as a hit or a miss."""
        with self._lock:
            self.stats["hits" if found is not None else "misses"] += 1
        return found

    def get(self, name: str, key: Any, version: str) -> pd.DataFrame | None:
        """The result kept for (name, key, version), or None. Never writes."""
        return self._counted(self._get(name, key, version))

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
        return _to_frame(table, meta)

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
        import pyarrow.parquet as pq

        path = self._path(name, key, version)
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {"name": name, "key": json.loads(json.dumps(key, default=str)),
                "version": version, "created_at": time.time()}
        table = _to_arrow(frame, meta)
        tmp = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            pq.write_table(table, tmp)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        self._prune(path)

    def _prune(self, kept: Path, pattern: str = "*.parquet") -> None:
        """Remove the name's files (``*.obj`` folders) of other versions, and its oldest
        beyond the cap."""
        version = kept.stem.rsplit("-", 1)[1]
        files = [p for p in kept.parent.glob(pattern) if p != kept]
        current = []
        for p in files:
            if p.stem.rsplit("-", 1)[-1] != version:
                _remove(p)
            else:
                current.append(p)
        current.sort(key=_mtime, reverse=True)
        for p in current[MAX_FILES_PER_NAME - 1:]:
            _remove(p)

    # ---- dataclasses of frames ----------------------------------------------------------
    def cached_object(self, name: str, key: Any, version: str, compute: Callable[[], T]) -> T:
        """The kept result, or ``compute()`` kept and returned. The result is a DataFrame
        or a kcbridge dataclass whose fields are DataFrames or plain JSON values (text,
        numbers, lists, dicts); anything else is returned and not kept. Treat a kept
        object as read-only (the in-memory store hands out the same object)."""
        found = self.get_object(name, key, version)
        if found is not None:
            return found  # type: ignore[no-any-return]
        value = compute()
        self.put_object(name, key, version, value)
        return value

    def get_object(self, name: str, key: Any, version: str) -> Any:
        """The object kept for (name, key, version), or None. Never writes."""
        return self._counted(self._get_object(name, key, version))

    def _get_object(self, name: str, key: Any, version: str) -> Any:
        ident = (name, _digest(key), _digest(version))
        if self.folder is None:
            with self._lock:
                return self._objects.get(ident)
        folder = self._path(name, key, version).with_suffix(".obj")
        if not (folder / _OBJECT_FILE).is_file():
            return None
        try:
            return _read_object(folder, name, key, version)
        except Exception as exc:  # noqa: BLE001 - any unreadable result is a miss
            log.warning("Derived result %s is unreadable (%s); recomputing it.", folder, exc)
            return None

    def put_object(self, name: str, key: Any, version: str, value: Any) -> bool:
        """Keep ``value`` for (name, key, version); False when it is not of a kind that
        is kept (see :meth:`cached_object`) or could not be written (logged)."""
        if _is_frame(value):
            self.put(name, key, version, value)
            return True
        parts = _object_parts(value)
        if parts is None:
            return False
        with self._lock:
            self.stats["writes"] += 1
        if self.folder is None:
            with self._lock:
                stale = [k for k in self._objects if k[0] == name and k[2] != _digest(version)]
                for k in stale:
                    del self._objects[k]
                self._objects[(name, _digest(key), _digest(version))] = value
            return True
        try:
            self._write_object(name, key, version, value, parts)
        except Exception as exc:  # noqa: BLE001 - the cache must never fail a command
            log.warning("Could not keep derived result %s: %s", name, exc)
            return False
        return True

    def _write_object(self, name: str, key: Any, version: str, value: Any,
                      parts: tuple[dict[str, Any], dict[str, pd.DataFrame]]) -> None:
        import pyarrow.parquet as pq

        plain, frames = parts
        final = self._path(name, key, version).with_suffix(".obj")
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(f".{final.stem}.{uuid.uuid4().hex[:8]}.tmp")
        tmp.mkdir()
        try:
            for i, frame in enumerate(frames.values()):
                pq.write_table(_to_arrow(frame, {}), tmp / f"{i}.parquet")
            meta = {"name": name, "key": json.loads(json.dumps(key, default=str)),
                    "version": version, "created_at": time.time(),
                    "class": [type(value).__module__, type(value).__qualname__],
                    "plain": plain, "frames": list(frames)}
            (tmp / _OBJECT_FILE).write_text(json.dumps(meta), encoding="utf-8")
            try:
                os.rename(tmp, final)  # atomic; fails when another process was first
            except OSError:
                if not (final / _OBJECT_FILE).is_file():
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self._prune(final, "*.obj")

    def cached(self, name: str, key: Any, version: str,
               compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """The kept result, or ``compute()`` kept and returned."""
        found = self.get(name, key, version)
        if found is not None:
            return found
        frame = compute()
        self.put(name, key, version, frame)
        return frame

    # ---- plain JSON values ---------------------------------------------------------
    def get_json(self, name: str, key: Any, version: str) -> Any:
        """The JSON value (text, numbers, lists, dicts) kept for (name, key, version), or
        None. Reading it imports neither pandas nor pyarrow. Never writes."""
        return self._counted(self._get_json(name, key, version))

    def _get_json(self, name: str, key: Any, version: str) -> Any:
        ident = (name, _digest(key), _digest(version))
        if self.folder is None:
            with self._lock:
                return self._objects.get(ident)
        path = self._path(name, key, version).with_suffix(".json")
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("Derived result %s is unreadable (%s); recomputing it.", path, exc)
            return None
        if not isinstance(meta, dict) or meta.get("name") != name \
                or meta.get("version") != version \
                or meta.get("key") != json.loads(json.dumps(key, default=str)):
            return None  # a digest collision or a hand-edited file: not this result
        return meta.get("value")

    def cached_json(self, name: str, key: Any, version: str, compute: Callable[[], Any]) -> Any:
        """:meth:`cached` for a plain JSON value: the kept value, or ``compute()`` kept and
        returned."""
        found = self.get_json(name, key, version)
        if found is not None:
            return found
        value = compute()
        self.put_json(name, key, version, value)
        return value

    def has_json(self, name: str, key: Any, version: str) -> bool:
        """Whether a JSON value is kept for (name, key, version) (not read, not counted)."""
        if self.folder is None:
            with self._lock:
                return (name, _digest(key), _digest(version)) in self._objects
        return self._path(name, key, version).with_suffix(".json").is_file()

    def put_json(self, name: str, key: Any, version: str, value: Any) -> None:
        """Keep the JSON ``value`` for (name, key, version), atomically. Best effort: a
        failure to write is logged, never raised."""
        with self._lock:
            self.stats["writes"] += 1
        if self.folder is None:
            with self._lock:
                stale = [k for k in self._objects if k[0] == name and k[2] != _digest(version)]
                for k in stale:
                    del self._objects[k]
                self._objects[(name, _digest(key), _digest(version))] = value
            return
        path = self._path(name, key, version).with_suffix(".json")
        tmp = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            meta = {"name": name, "key": json.loads(json.dumps(key, default=str)),
                    "version": version, "created_at": time.time(), "value": value}
            tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
            self._prune(path, "*.json")
        except (OSError, TypeError, ValueError) as exc:  # the cache must never fail a command
            log.warning("Could not keep derived result %s: %s", name, exc)
        finally:
            tmp.unlink(missing_ok=True)

    def clear(self, name: str | None = None) -> None:
        """Forget every kept result (of ``name``)."""
        with self._lock:
            for k in [k for k in self._memory if name is None or k[0] == name]:
                del self._memory[k]
        if self.folder is None or not self.folder.is_dir():
            return
        for p in self.folder.glob(f"{name or '*'}/*.parquet"):
            p.unlink(missing_ok=True)
        for p in self.folder.glob(f"{name or '*'}/*.obj"):
            _remove(p)
        for p in self.folder.glob(f"{name or '*'}/*.json"):
            p.unlink(missing_ok=True)
        with self._lock:
            for k in [k for k in self._objects if name is None or k[0] == name]:
                del self._objects[k]


def _is_frame(value: Any) -> bool:
    import sys

    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(value, pandas.DataFrame)


def _plain(value: Any) -> bool:
    """Text, numbers, booleans, None, and lists / str-keyed dicts of them: what JSON
    gives back as it was."""
    if value is None or isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def _object_parts(value: Any) -> tuple[dict[str, Any], dict[str, pd.DataFrame]] | None:
    """A kcbridge dataclass's fields split into plain values and frames; None when it is
    not one, or holds anything else."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type) \
            or not type(value).__module__.startswith("kcbridge."):
        return None
    plain: dict[str, Any] = {}
    frames: dict[str, pd.DataFrame] = {}
    for f in dataclasses.fields(value):
        v = getattr(value, f.name)
        if _is_frame(v):
            frames[f.name] = v
            continue
        if hasattr(v, "item") and type(v).__module__ == "numpy":  # numpy scalar: a number
            v = v.item()
        if not _plain(v):
            return None
        plain[f.name] = v
    return plain, frames


def _read_object(folder: Path, name: str, key: Any, version: str) -> Any:
    import pyarrow.parquet as pq

    meta = json.loads((folder / _OBJECT_FILE).read_text(encoding="utf-8"))
    if meta.get("name") != name or meta.get("version") != version \
            or meta.get("key") != json.loads(json.dumps(key, default=str)):
        return None  # a digest collision or a hand-edited file: not this result
    module, qualname = meta["class"]
    if not str(module).startswith("kcbridge."):
        return None
    cls = getattr(importlib.import_module(module), qualname)
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        return None
    obj = object.__new__(cls)
    for field_name, v in meta["plain"].items():
        object.__setattr__(obj, field_name, v)
    for i, field_name in enumerate(meta["frames"]):
        table = pq.read_table(folder / f"{i}.parquet")
        object.__setattr__(obj, field_name, _to_frame(table, None))
    return obj


def _to_arrow(frame: pd.DataFrame, meta: dict[str, Any]) -> Any:
    """``frame`` as an Arrow table (its index too), ``meta``, its ``attrs`` and which
    columns hold lists in the schema metadata."""
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=None)  # the index comes back too
    lists = [str(c) for c in frame.columns if frame[c].dtype == object
             and any(isinstance(v, list | tuple) for v in frame[c].head(50))]
    full = {**meta, "attrs": json.loads(json.dumps(dict(frame.attrs), default=str)),
            "list_columns": lists}
    return table.replace_schema_metadata(
        {**(table.schema.metadata or {}), _META: json.dumps(full).encode()})


def _to_frame(table: Any, meta: dict[str, Any] | None) -> pd.DataFrame:
    """The frame of an Arrow table written by :func:`_to_arrow`: attrs restored, list
    cells as lists again (Parquet gives them back as arrays)."""
    if meta is None:
        meta = json.loads((table.schema.metadata or {}).get(_META, b"{}"))
    frame = table.to_pandas()
    for col in meta.get("list_columns") or []:
        if col in frame.columns:
            frame[col] = frame[col].map(lambda v: v if v is None or isinstance(v, str)
                                        else list(v))
    frame.attrs.update(meta.get("attrs") or {})
    return frame


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _copy(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out.attrs = dict(frame.attrs)
    return out


__all__ = ["MAX_FILES_PER_NAME", "DerivedResults", "code_digest", "derived_folder",
           "hash_package_files", "package_digest"]
