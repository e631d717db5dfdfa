"""File-system helpers of the flows lake: durable renames, the temp folders of loads
killed before they could clean up, and what a Parquet file's footer says."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any


def fsync_file(path: Path) -> None:
    """Flush ``path``'s data to disk (before it is renamed into place)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (best effort: not every file system can)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_dead_load_dirs(tmp_root: Path) -> int:
    """Remove the working folders of loads whose process is gone (a killed load leaves
    its extracted files there): ``kcb_<pid>_*``, as made by
    :func:`kcbridge.sources.common.temp_workdir`."""
    if not tmp_root.is_dir():
        return 0
    removed = 0
    for path in tmp_root.glob("kcb_*_*"):
        found = re.match(r"kcb_(\d+)_", path.name)
        if found is None or process_alive(int(found.group(1))):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed += 1
    return removed


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (this one counts; another user's process too)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OSError:
        return False
    return True


def parquet_column_stats(path: Path) -> dict[str, tuple[Any, Any, int] | None]:
    """Per column of the Parquet file ``path``: (min, max, null count) over its row
    groups, from the footer (no data read); None when a row group has no statistics."""
    import pyarrow.parquet as pq

    meta = pq.read_metadata(path)
    out: dict[str, tuple[Any, Any, int] | None] = {}
    for i in range(meta.num_columns):
        name = meta.schema.column(i).name
        lo = hi = None
        nulls = 0
        ok = True
        for g in range(meta.num_row_groups):
            st = meta.row_group(g).column(i).statistics
            if st is None or not st.has_null_count:
                ok = False
                break
            nulls += st.null_count
            if st.has_min_max:
                lo = st.min if lo is None else min(lo, st.min)
                hi = st.max if hi is None else max(hi, st.max)
            elif st.null_count < meta.row_group(g).num_rows:
                ok = False
                break
        out[name] = (lo, hi, nulls) if ok else None
    return out


__all__ = ["fsync_dir", "fsync_file", "parquet_column_stats", "process_alive",
           "remove_dead_load_dirs"]
