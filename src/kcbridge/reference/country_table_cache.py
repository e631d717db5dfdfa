"""country_converter's country table, built once per version of its data and kept.

Building country_converter's table (``CountryConverter()``: importing the package, reading
its TSV with pandas and compiling some 500 regular expressions) cost every process that
resolves a country about 0.15 s (about 1 s under cProfile): a BACI load paid it before its
first row. The table is static for a given country_converter, so :func:`country_columns`
keeps the columns kcbridge uses (the codes, names, regions and memberships of
:func:`kcbridge.reference.countries.country_table` and the name patterns of
``match_country_pattern``) as one JSON file, read in about a millisecond afterwards, and
country_converter is not even imported.

Where, and under which name (the write path, explicitly): ``$XDG_CACHE_HOME/kcbridge/``
(default ``~/.cache/kcbridge/``), file ``country_converter-<digest>.json``, where the digest
covers every file of the installed country_converter package (its data file, its code and
version) and this module's source. A new country_converter, or a change to what is
extracted here, is another file name: a stale table is never read, nothing has to be
invalidated. The file is written under a temporary name and renamed into place (two
processes writing it write the same bytes). A file that cannot be read (truncated, not
JSON, columns missing) or written (a read-only home) only costs the process the build: it
is reported on the ``kcbridge.reference`` logger, never an error.

:func:`converter_columns` builds the same columns from country_converter directly (what
every process did before; the tests compare the two).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import uuid
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger("kcbridge.reference")

#: The columns kept, in order: text columns, then ``numeric`` (int, -1 when country_converter
#: has none), ``eu_member`` and ``oecd_member`` (bool), ``regex`` (text or None).
TEXT_COLUMNS = ("iso3", "iso2", "name", "name_official", "continent", "region")
COLUMNS = (*TEXT_COLUMNS, "numeric", "eu_member", "oecd_member", "regex")
#: country_converter's column behind each kept column.
SOURCE = {"iso3": "ISO3", "iso2": "ISO2", "name": "name_short",
          "name_official": "name_official", "continent": "continent", "region": "UNregion",
          "numeric": "ISOnumeric", "eu_member": "EU27", "oecd_member": "OECD",
          "regex": "regex"}

CountryColumns = dict[str, list[Any]]


def converter_columns() -> CountryColumns:
    """The kept columns, built from country_converter's own table (one row per row of
    ``CountryConverter().data``, in its order; text as ``str()`` of the value)."""
    import country_converter as coco
    import pandas as pd

    data = coco.CountryConverter().data
    out: CountryColumns = {c: [str(v) for v in data[SOURCE[c]]] for c in TEXT_COLUMNS}
    numeric = pd.to_numeric(data["ISOnumeric"], errors="coerce").fillna(-1)
    out["numeric"] = [int(v) for v in numeric]
    out["eu_member"] = [bool(v) for v in data["EU27"].notna()]
    out["oecd_member"] = [bool(v) for v in data["OECD"].notna()]
    out["regex"] = [str(rx) if isinstance(rx, str) and rx else None for rx in data["regex"]]
    return out


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/kcbridge`` (default ``~/.cache/kcbridge``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kcbridge"


def converter_digest() -> str:
    """A digest of every file of the installed country_converter package and of this
    module: the kept table's version."""
    from kcbridge.store.derived import hash_package_files

    h = hashlib.sha1()
    if not hash_package_files(h, "country_converter"):  # found, not imported
        h.update(b"no country_converter")
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def cache_path() -> Path:
    """The file :func:`country_columns` reads and writes."""
    return cache_folder() / f"country_converter-{converter_digest()}.json"


@lru_cache(maxsize=1)
def country_columns() -> CountryColumns:
    """The kept columns (see the module doc): from the cache file when it holds them,
    else built from country_converter and kept for the next process."""
    try:
        path = cache_path()
    except (OSError, RuntimeError) as exc:  # no home folder to name the cache by
        log.warning("country table not kept (%s); built from country_converter", exc)
        return converter_columns()
    kept = _read(path)
    if kept is not None:
        return kept
    built = converter_columns()
    _write(path, built)
    return built


def _read(path: Path) -> CountryColumns | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("cannot read the kept country table %s (%s); rebuilt", path, exc)
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        log.warning("the kept country table %s is not JSON; rebuilt", path)
        return None
    if not _valid(data):
        log.warning("the kept country table %s lacks columns or rows; rebuilt", path)
        return None
    return {c: list(data[c]) for c in COLUMNS}


def _valid(data: Any) -> bool:
    """Every column present as a list of one length (> 0), of the expected types."""
    if not isinstance(data, dict) or not all(isinstance(data.get(c), list) for c in COLUMNS):
        return False
    lengths = {len(data[c]) for c in COLUMNS}
    if len(lengths) != 1 or lengths == {0}:
        return False
    return (all(isinstance(v, str) for c in TEXT_COLUMNS for v in data[c])
            and all(type(v) is int for v in data["numeric"])
            and all(type(v) is bool for c in ("eu_member", "oecd_member") for v in data[c])
            and all(v is None or isinstance(v, str) for v in data["regex"]))


def _write(path: Path, columns: CountryColumns) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({c: columns[c] for c in COLUMNS}, ensure_ascii=False),
                       encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("cannot keep the country table in %s (%s); the next process "
                    "builds it again", path, exc)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
