"""Shared pieces of the loaders: the result type, progress callbacks, the load context
(a DuckDB connection with staging tables), checksums and error translation.

Every loader stages its rows in DuckDB temporary tables whose columns are those of the
target store table (without ``load_id``); :mod:`kcbridge.sources.pipeline` validates,
converts and writes them.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kcbridge.errors import InputError, InternalError, KcbridgeError, StoreError
from kcbridge.settings import Settings

log = logging.getLogger("kcbridge.sources")

FORMATS = ("baci", "comtrade", "kcs", "exports-world")

#: (task description, completed units, total units or None when unknown)
ProgressCallback = Callable[[str, int, int | None], None]

ANNUAL = "trade_annual"
MONTHLY = "trade_monthly"

#: Columns a loader stages for each target table (the store adds ``load_id``).
STAGE_COLUMNS = {
    ANNUAL: ["year", "exporter", "importer", "product", "revision", "value_usd", "quantity",
             "unit"],
    MONTHLY: ["month", "reporter", "partner", "flow", "product", "revision", "value_usd",
              "quantity", "unit"],
}


@dataclass
class LoadResult:
    """What one call of ``load_file`` / ``fetch_*`` did."""

    load_id: str | None
    format: str
    source: str
    target: str  # 'trade_annual' | 'trade_monthly'
    rows: int
    skipped: bool
    periods: list[str]
    revision_in: str | None
    revision_out: str | None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Staged:
    """A loader's output: a DuckDB temp table with the ``STAGE_COLUMNS`` of ``target``.

    ``written`` is True when the reader inserted the rows straight into the store table
    (see :class:`DirectWrite`); ``table`` is then a temp view of those rows."""

    table: str
    target: str
    notes: list[str] = field(default_factory=list)
    written: bool = False
    #: staged column -> the file's own column, for messages (``{"value_usd": "v"}``)
    columns: dict[str, str] = field(default_factory=dict)
    #: True once :func:`kcbridge.sources.validation.check_staged` accepted the rows
    checked: bool = False


@dataclass(frozen=True)
class DirectWrite:
    """Leave for a reader to insert its rows straight into the store table ``table``
    (same DuckDB connection, inside the load's transaction), tagged with ``load_id``,
    instead of staging them in a temp table first. Only allowed when the rows need no
    HS conversion (their revision is ``target_revision``); the pipeline then validates
    the inserted rows and drops the older rows of the partitions they cover. A failure
    rolls the whole transaction back."""

    table: str
    load_id: str
    target_revision: str
    #: on a lake store (store/lake.py): takes the reader's SELECT, writes its rows as lake
    #: files and returns a temp view of them; the reader then inserts nothing itself
    sink: Callable[[LoadContext, str], str] | None = None


class LoadContext:
    """A DuckDB connection to stage rows in, plus the settings and progress callback.

    Temp tables made with :meth:`create` are dropped by :meth:`cleanup`.
    """

    def __init__(self, con: Any, settings: Settings, progress: ProgressCallback | None) -> None:
        self.con = con
        self.settings = settings
        self.progress = progress
        self._temps: list[str] = []
        self._views: list[str] = []
        self._options: dict[str, Any] = {}  # DuckDB settings changed: name -> old value
        try:  # track progress for query_progress(), never print DuckDB's own bar
            con.execute("SET enable_progress_bar = true")
            con.execute("SET enable_progress_bar_print = false")
        except Exception:  # noqa: BLE001 - older DuckDB: no progress, still loads
            pass

    def name(self, prefix: str = "stage") -> str:
        return f"_kcb_{prefix}_{uuid.uuid4().hex[:8]}"

    def create(self, sql: str, params: list[Any] | None = None, *, task: str | None = None,
               prefix: str = "stage") -> str:
        """``CREATE TEMP TABLE <new name> AS <sql>``; returns the name."""
        name = self.name(prefix)
        self._temps.append(name)
        run_with_progress(
            self.con, f'CREATE TEMP TABLE "{name}" AS {sql}', params, task, self.progress
        )
        return name

    def create_view(self, sql: str, prefix: str = "view") -> str:
        """``CREATE TEMP VIEW <new name> AS <sql>``; returns the name."""
        name = self.name(prefix)
        self._views.append(name)
        self.con.execute(f'CREATE TEMP VIEW "{name}" AS {sql}')
        return name

    def set_option(self, name: str, value: str) -> None:
        """``SET name = value`` until :meth:`restore_options` (or :meth:`cleanup`)."""
        if name not in self._options:
            self._options[name] = self.scalar(f"SELECT current_setting('{name}')")
        self.con.execute(f"SET {name} = {sql_string(value)}")

    def restore_options(self) -> None:
        """Put back the settings changed with :meth:`set_option` (best effort: after a
        failed statement DuckDB refuses them until the transaction is rolled back)."""
        for name, old in list(self._options.items()):
            try:
                if old in (None, ""):
                    self.con.execute(f"RESET {name}")
                else:
                    self.con.execute(f"SET {name} = {sql_string(str(old))}")
            except Exception:  # noqa: BLE001 - retried by cleanup() after the rollback
                continue
            del self._options[name]

    def create_from_frame(self, frame: pd.DataFrame, prefix: str = "stage") -> str:
        view = self.name("df")
        self.con.register(view, frame)
        try:
            return self.create(f'SELECT * FROM "{view}"', prefix=prefix)
        finally:
            self.con.unregister(view)

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        row = self.con.execute(sql, params or []).fetchone()
        return row[0] if row else None

    def rows(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, params or []).fetchall()

    def columns(self, table: str) -> list[str]:
        return [r[0] for r in self.con.execute(f'DESCRIBE "{table}"').fetchall()]

    def report(self, task: str, done: int, total: int | None) -> None:
        if self.progress is not None:
            self.progress(task, done, total)

    def cleanup(self) -> None:
        self.restore_options()
        for name in self._views:
            try:
                self.con.execute(f'DROP VIEW IF EXISTS "{name}"')
            except Exception:  # noqa: BLE001 - best effort after a rollback
                pass
        self._views.clear()
        for name in self._temps:
            try:
                self.con.execute(f'DROP TABLE IF EXISTS "{name}"')
            except Exception:  # noqa: BLE001 - best effort after a rollback
                pass
        self._temps.clear()


def run_with_progress(con: Any, sql: str, params: list[Any] | None, task: str | None,
                      progress: ProgressCallback | None) -> None:
    """Run ``sql``; while it runs, report DuckDB's query progress (percent) to ``progress``."""
    if progress is None or task is None or not hasattr(con, "query_progress"):
        con.execute(sql, params or [])
        return
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.25):
            try:
                pct = con.query_progress()
            except Exception:  # noqa: BLE001 - progress is cosmetic
                return
            if pct is not None and pct >= 0:
                progress(task, int(pct), 100)

    watcher = threading.Thread(target=poll, daemon=True)
    progress(task, 0, 100)
    watcher.start()
    try:
        con.execute(sql, params or [])
    finally:
        done.set()
        watcher.join()
    progress(task, 100, 100)


def file_checksum(path: Path, progress: ProgressCallback | None = None) -> str:
    """sha256 hex digest of the file, reading 4 MiB at a time."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    return _sha256(fh, path, progress)


class ChecksumBeside:
    """:func:`file_checksum` computed in a thread while the caller reads the file (both
    hashlib and file reads release the GIL; SHA-256 of a BACI year is ~0.07 s per 100 MB
    that a serial load would wait for). The file is opened here, so a file that cannot
    be opened fails at once with :func:`file_checksum`'s message; :meth:`result` waits
    and gives the digest (or raises what the thread met)."""

    def __init__(self, path: Path) -> None:
        try:
            fh = path.open("rb")
        except OSError as exc:
            raise _unreadable(path, exc) from exc
        self._out: list[str] = []
        self._error: list[BaseException] = []
        self._thread = threading.Thread(target=self._run, args=(fh, path), daemon=True,
                                        name="kcbridge-checksum")
        self._thread.start()

    def _run(self, fh: Any, path: Path) -> None:
        try:
            self._out.append(_sha256(fh, path, None))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by result()
            self._error.append(exc)

    def result(self) -> str:
        self._thread.join()
        if self._error:
            raise self._error[0]
        return self._out[0]


def _sha256(fh: Any, path: Path, progress: ProgressCallback | None) -> str:
    """sha256 hex digest of the open file ``fh`` (closed after), 4 MiB at a time."""
    digest = hashlib.sha256()
    done = 0
    try:
        with fh:
            total = os.fstat(fh.fileno()).st_size
            while chunk := fh.read(4 << 20):
                digest.update(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(f"Checksum {path.name}", done, total)
    except OSError as exc:  # no permission, a file removed while read, an I/O error
        raise _unreadable(path, exc) from exc
    return digest.hexdigest()


def _unreadable(path: Path, exc: OSError) -> InputError:
    reason = exc.strerror or "it cannot be read to the end"
    return InputError(f"{path.name} cannot be read ({clip(reason, 80)}).",
                      hint="Check the file's permissions and that it is complete.")


def sql_string(value: str | Path) -> str:
    """A SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def pick_column(found: list[str], candidates: list[str]) -> str | None:
    """The first of ``candidates`` present in ``found`` (case-insensitive, ignoring
    spaces, underscores and a trailing unit in parentheses)."""
    keyed = {_header_key(c): c for c in found}
    for cand in candidates:
        hit = keyed.get(_header_key(cand))
        if hit is not None:
            return hit
    return None


def _header_key(name: str) -> str:
    text = re.sub(r"[(\[（].*?[)\]）]", "", str(name))
    return re.sub(r"[\s_\-.]", "", text).lower().lstrip("\ufeff")


def missing_columns_error(path: Path, what: str, missing: list[str], found: list[str],
                          hint: str = "") -> InputError:
    """The file lacks required columns; says which, and spots a wrong delimiter (a
    header that is one column holding ``;`` or ``|``)."""
    if len(found) == 1:
        for delim, label in ((";", "semicolons"), ("|", "vertical bars"), ("\t", "tabs")):
            if delim in found[0]:
                return InputError(
                    f"{path.name} is separated by {label}, not commas: its header reads as "
                    f"one column ({clip(found[0], 120)!r}).",
                    hint=f"Save it again as comma-separated CSV (CSV UTF-8 in Excel); the "
                    f"{what} columns needed are {', '.join(missing)}.",
                )
    shown = ", ".join(clip(c, 40) for c in found[:20]) + (" ..." if len(found) > 20 else "")
    article = "an" if what[:1].lower() in "aeiou" else "a"
    return InputError(
        f"{path.name} is not {article} {what} file: required column(s) {', '.join(missing)} "
        f"missing (found: {shown or 'no columns'}).",
        hint=hint or "Check that you chose the right format and that the file has a header row.",
    )


def clip(text: object, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters (with the length said), for messages: a field
    of a malformed file can be megabytes long."""
    value = str(text)
    if len(value) <= limit:
        return value
    return f"{value[:limit]}... ({len(value):,} characters)"


def internal_error(exc: BaseException, path: Path, fmt: str) -> KcbridgeError:
    """An unexpected exception while loading ``path``: log its traceback and say plainly
    that it is a bug, not a problem with the file (an OSError, such as a full disk, is
    the system's: a StoreError saying so)."""
    log.error("Internal error while loading %s as %s", path.name, fmt, exc_info=exc)
    if isinstance(exc, OSError) and exc.strerror:
        return StoreError(
            f"Loading {path.name} as {fmt} failed: the system reported "
            f"{clip(exc.strerror, 80)!r}. The store is unchanged.",
            hint="Check the free disk space and the permissions of the kcbridge home and "
            "store folders, then run the load again.",
        )
    return InternalError(
        f"Loading {path.name} as {fmt} stopped on an internal error ({type(exc).__name__}); "
        "this is a bug in kcbridge, not a problem with your file. The store is unchanged.",
        hint="Please report it with the traceback printed in the log (stderr of the kcbridge "
        "process) and, if you can, the file.",
    )


def guard_reader(fmt: str) -> Callable[[Callable[..., Staged]], Callable[..., Staged]]:
    """Decorate a reader ``(ctx, path, ...) -> Staged``: user-facing errors pass through;
    any other exception is our bug and becomes an :class:`InternalError`."""

    def wrap(reader: Callable[..., Staged]) -> Callable[..., Staged]:
        @functools.wraps(reader)
        def guarded(ctx: LoadContext, path: Path, *args: Any, **kwargs: Any) -> Staged:
            try:
                return reader(ctx, path, *args, **kwargs)
            except KcbridgeError:
                raise
            except Exception as exc:  # noqa: BLE001 - turned into InternalError
                raise internal_error(exc, path, fmt) from exc

        return guarded

    return wrap


#: Prefix of the working folders of loads (``<home>/tmp/kcb_<pid>_<random>``).
WORKDIR_PREFIX = "kcb_"


@contextmanager
def temp_workdir(settings: Settings, what: str) -> Iterator[Path]:
    """A private folder under ``<home>/tmp`` for extracted files, removed on any exit
    (error, KeyboardInterrupt). Folders left by a killed load (``kill -9`` cannot run
    ``finally``) are removed the next time one is made: their process id is gone."""
    root = Path(settings.home) / "tmp"
    root.mkdir(parents=True, exist_ok=True)
    sweep_stale_workdirs(root)
    workdir = Path(tempfile.mkdtemp(prefix=f"{WORKDIR_PREFIX}{os.getpid()}_{what}_", dir=root))
    try:
        yield workdir
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def sweep_stale_workdirs(root: Path) -> list[Path]:
    """Remove working folders in ``root`` whose process no longer runs; returns them."""
    from kcbridge.store.lake_fs import process_alive

    removed = []
    for folder in root.glob(f"{WORKDIR_PREFIX}*_*"):
        pid_text = folder.name[len(WORKDIR_PREFIX):].split("_", 1)[0]
        if not folder.is_dir() or not pid_text.isdigit() or process_alive(int(pid_text)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed




def sniff_text(path: Path, nbytes: int = 65536) -> bytes:
    """The first bytes of the file (gunzipped when it ends in .gz)."""
    import gzip

    opener = gzip.open if path.suffix.lower() == ".gz" else open
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            return fh.read(nbytes)
    except (OSError, EOFError) as exc:
        reason = getattr(exc, "strerror", None) or "it is truncated or not what its name says"
        raise InputError(
            f"{path.name} cannot be read ({clip(reason, 80)}).",
            hint="The file looks truncated or corrupt; download it again.",
        ) from exc
