"""The lake's check at open (see :meth:`kcbridge.store.lake.Lake.check`): every file the
manifest lists exists with the rows it recorded and belongs to a recorded load."""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING

from kcbridge.errors import StoreError

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.store.lake import Lake
    from kcbridge.store.lake_schema import LakeFile


def check_manifest(lake: Lake) -> None:
    """Raise :class:`StoreError` naming the first manifest file that does not match.

    The footers are read only when a file changed since the last check that passed:
    the check's outcome is kept in ``.checked`` in the lake folder, keyed by every
    manifest entry with its file's size and modification time (a stat per file instead
    of importing pyarrow and reading each footer on every command)."""
    duck = lake._duck()
    tables = {r[0] for r in duck.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_catalog = current_database()"
    ).fetchall()}
    files = lake.files()
    known_loads = {r[0] for r in duck.execute("SELECT DISTINCT load_id FROM loads"
                                              ).fetchall()} if "loads" in tables else None
    stamp = _stamp(lake, files)
    marker = lake.root / ".checked"
    if stamp is not None:
        try:
            if marker.read_text(encoding="utf-8") == stamp and all(
                    known_loads is None or f.load_id is None or f.load_id in known_loads
                    for f in files):
                return
        except OSError:
            pass
    for f in files:
        full = lake.root / f.path
        problem = None
        if not full.is_file():
            problem = "is missing"
        else:
            import pyarrow.parquet as pq

            try:
                rows = pq.read_metadata(full).num_rows
            except Exception as exc:  # noqa: BLE001 - any unreadable footer
                problem = f"cannot be read ({type(exc).__name__})"
            else:
                if rows != f.rows:
                    problem = f"holds {rows} rows where the catalogue recorded {f.rows}"
        if problem is None and known_loads is not None and f.load_id is not None \
                and f.load_id not in known_loads:
            problem = "belongs to a load the catalogue has no record of"
        if problem is not None:
            raise StoreError(
                f"The store's lake file {full} ({f.table}, load {f.load_id}) {problem}: "
                "the lake folder does not match its catalogue.",
                hint=f"Restore the folder {lake.root} from the backup that goes with "
                "the catalogue file, or move the store folder aside and load your files "
                "again (`kcbridge load ...`).",
            )
    if stamp is not None:
        try:  # best effort: a read-only folder only means the next open reads footers
            tmp = marker.with_name(f".checked.{os.getpid()}.tmp")
            tmp.write_text(stamp, encoding="utf-8")
            os.replace(tmp, marker)
        except OSError:
            pass


def _stamp(lake: Lake, files: list[LakeFile]) -> str | None:
    """A digest of every manifest entry and its file's size and modification time; None
    when a file is missing (the full check then names it)."""
    parts = []
    for f in sorted(files, key=lambda x: x.path):
        try:
            st = (lake.root / f.path).stat()
        except OSError:
            return None
        parts.append(f"{f.path}|{f.rows}|{f.load_id}|{st.st_size}|{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


__all__ = ["check_manifest"]
