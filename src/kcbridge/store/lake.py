"""The flows lake: ``trade_annual`` and ``trade_monthly`` as Hive-partitioned Parquet.

Layout (beside the DuckDB catalogue file: ``lake/`` for the default ``kcbridge.duckdb``,
``<name>.lake/`` for another file name; in-memory stores get a temporary folder that is
removed when the store is garbage-collected or the process exits)::

    <store dir>/lake/trade_annual/revision=HS2012/year=2022/<load_id>-<n>.parquet
    <store dir>/lake/trade_monthly/revision=HS2017/year=2023/<load_id>-<n>.parquet

Plain Parquet, partition columns only in the folder names (as Spark and Hive expect).
Every write of a load is dictionary-coded: countries are integers of the load's country
dictionary (catalogue table ``lake_countries``): BACI's own codes for a BACI year, else a
dictionary the lake makes (:mod:`kcbridge.store.lake_coded`); HS codes and other text
are dictionary-encoded by the Parquet writer. Only rows without a load (a migrated
store's untagged rows) are written plain (ISO3 text), and older stores' plain files are
read as they are. Spark (or any engine)
reads the live files listed in the catalogue table ``lake_files``; a folder may also hold
files that are not (yet, or no longer) live, so read the manifest, not a glob.

The catalogue (the DuckDB file) holds the manifest ``lake_files`` (path, table, load,
rows, partition values, whether the file holds one-sided reports) next to ``loads``, and
the views ``trade_annual``, ``trade_annual_reports`` and ``trade_monthly`` that read
exactly the manifest's files. Every existing reader (``store.table("trade_annual")``,
the Ibis expressions of trade/ and watch/) therefore keeps working unchanged.

A write, and why it is kill-safe:

1. the rows are written by DuckDB's ``COPY ... PARTITION_BY`` into ``lake/_staging/``,
   each file fsync'ed and renamed into its partition folder under a new name (nothing
   reads it yet: it is not in the manifest);
2. rows the write supersedes (see *scopes*) are found; a file holding only superseded
   rows is dropped, a file holding some is rewritten without them (a new file);
3. in the caller's catalogue transaction: manifest rows of the dropped/rewritten files
   are deleted, those of the new files inserted, the load recorded and the views
   recreated over the new file list. **The commit of that one small transaction is the
   commit point**: before it the store reads the old files, after it the new ones.

Files that are not in the manifest are garbage: removed at the next open and before the
next write (never inside a transaction that changed the manifest, so a rollback finds
its files), together with ``_staging`` leftovers and the temp folders of dead loads
(``<store dir>/tmp/kcb_<pid>_*``). At open, every manifest file must exist with the row
count the manifest recorded, and belong to a recorded load; otherwise a
:class:`~kcbridge.errors.StoreError` says which file and what to do. Large loads thus
never go through DuckDB's WAL (a kill during a multi-million-row commit can leave half
a load there: a known upstream replay problem).

Scopes (what a write supersedes; chosen by the loader, recorded in ``loads.scope``):
``key`` columns; stored rows whose key values appear in the new rows are replaced.
A complete BACI year has the key ``(year, revision)``: the whole year, including pairs
it no longer contains. A Comtrade or KCS query result has the row key (period,
reporter side, partner, flow and product), so two queries for different commodities of
the same period keep both. ``key=()`` replaces the whole table (the demo world);
``key=None`` appends.

Mirror flows: annual rows carry ``reported_by`` (``importer`` | ``exporter``; NULL for
reconciled data such as BACI, or rows of unknown side). Both sides are kept side by side
(``trade_annual_reports``); the ``trade_annual`` view keeps one row per (year, exporter,
importer, product, revision): the importer's report, else the exporter's, else the
reconciled row, whatever the load order (import statistics are recorded at the border
with the origin country: the usual choice for mirror data).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
import uuid
import weakref
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from kcbridge.errors import StoreError
from kcbridge.store.lake_coded import (
    coded_select,
    distinct_countries_sql,
    layout_columns,
    merged_dictionary,
    plain_select,
)
from kcbridge.store.lake_fs import (
    fsync_dir,
    fsync_file,
    parquet_column_stats,
    remove_dead_load_dirs,
)
from kcbridge.store.lake_schema import (
    COUNTRY_CODES,
    FILE_COLUMNS,
    LAKE_TABLES,
    MANIFEST,
    MIRROR_KEY,
    REPORTS_VIEW,
    SIDE_RANK,
    TYPES,
    VIEW_COLUMNS,
    LakeFile,
)
from kcbridge.store.lake_views import decoded_source, view_statements

#: Test hook: a load pauses (prints ``paused <point>`` to stderr and sleeps) at the named
#: point, so a test can kill it there. Points: ``staged`` (rows written to the staging
#: folder), ``files-written`` (files in place, not live), ``before-commit`` (catalogue
#: changes made, not committed), ``after-commit``.
PAUSE_ENV = "KCBRIDGE_TEST_PAUSE_AT"
_PART = re.compile(r"^revision=(?P<revision>[^/]+)/year=(?P<year>-?\d+)$")


def _q(value: str | Path) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def pause(point: str) -> None:
    """The kill-test hook (see :data:`PAUSE_ENV`)."""
    if os.environ.get(PAUSE_ENV) == point:
        print(f"paused {point}", file=sys.stderr, flush=True)
        time.sleep(3600)


class Lake:
    """The Parquet lake of one DuckDB store. ``duck`` returns the store's current DuckDB
    connection (it may change when the store is released and reopened)."""

    def __init__(self, root: Path, duck: Callable[[], Any], *, temporary: bool = False) -> None:
        self.root = root
        self._duck = duck
        self.temporary = temporary
        self._dirty_txid: int | None = None  # transaction that changed the manifest
        #: files written by this process, not yet in the manifest -> their transaction
        self._pending: dict[str, int] = {}
        #: country dictionaries of coded files not yet live: load_id -> [(code, iso3)]
        self._pending_codes: dict[str, list[tuple[int, str]]] = {}
        root.mkdir(parents=True, exist_ok=True)
        if temporary:
            weakref.finalize(self, shutil.rmtree, str(root), True)

    # ---- opening ----------------------------------------------------------------
    def open(self) -> None:
        """Create the manifest, migrate old base tables into the lake, remove garbage,
        check the manifest against the files and (re)create the views when needed."""
        duck = self._duck()
        kinds = dict(duck.execute(
            "SELECT table_name, table_type FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_catalog = current_database()"
        ).fetchall())
        if MANIFEST not in kinds:  # opening an existing lake store writes nothing
            duck.execute(
                f"CREATE TABLE IF NOT EXISTS {MANIFEST} (path VARCHAR PRIMARY KEY, "
                "table_name VARCHAR, load_id VARCHAR, rows BIGINT, revision VARCHAR, "
                "year SMALLINT, reports BOOLEAN, added_at TIMESTAMP, coded BOOLEAN "
                "DEFAULT false, layout VARCHAR)"
            )
        else:  # a store from before coded files (every file plain) or before the lake's
            have = {r[0] for r in duck.execute(  # own coding (coded files are BACI's)
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "AND table_schema = current_schema() AND table_catalog = current_database()",
                [MANIFEST]).fetchall()}
            if "coded" not in have:
                duck.execute(f"ALTER TABLE {MANIFEST} ADD COLUMN coded BOOLEAN DEFAULT false")
            if "layout" not in have:
                duck.execute(f"ALTER TABLE {MANIFEST} ADD COLUMN layout VARCHAR")
        if COUNTRY_CODES not in kinds:
            duck.execute(f"CREATE TABLE IF NOT EXISTS {COUNTRY_CODES} (load_id VARCHAR, "
                         "code INTEGER, iso3 VARCHAR, PRIMARY KEY (load_id, code))")
        migrate = [t for t in LAKE_TABLES if kinds.get(t) == "BASE TABLE"]
        if migrate:
            from kcbridge.store.lake_migrate import migrate_base_tables

            migrate_base_tables(self, migrate)
        self.check()  # first: a lake that does not match its catalogue loses no file
        self.collect_garbage()
        stale = [t for t in LAKE_TABLES if t not in kinds or t in migrate
                 or not self._views_current(t)]
        if "trade_annual" in stale or REPORTS_VIEW not in kinds:
            stale = sorted(set(stale) | {"trade_annual"})
        if stale:
            duck.execute("BEGIN TRANSACTION")
            try:
                for table in stale:
                    self.create_views(table)
            except BaseException:
                duck.execute("ROLLBACK")
                raise
            duck.execute("COMMIT")

    def _views_current(self, table: str) -> bool:
        """False when the view is missing or reads files of another lake folder (the
        store folder was moved)."""
        view = REPORTS_VIEW if table == "trade_annual" else table  # it reads the files
        row = self._duck().execute(
            "SELECT sql FROM duckdb_views() WHERE view_name = ? AND NOT temporary", [view]
        ).fetchone()
        if row is None:
            return False
        has_files = bool(self._duck().execute(
            f"SELECT count(*) FROM {MANIFEST} WHERE table_name = ?", [table]).fetchone()[0])
        return not has_files or str(self.root) in str(row[0])

    def check(self) -> None:
        """Every manifest file exists, has the rows the manifest says, and belongs to a
        recorded load (or an old-style migrated/untagged write): see
        :func:`~kcbridge.store.lake_check.check_manifest`."""
        from kcbridge.store.lake_check import check_manifest

        check_manifest(self)

    # ---- garbage ----------------------------------------------------------------
    def collect_garbage(self) -> int:
        """Remove lake files that are not in the manifest, staging leftovers and the temp
        folders of dead loads; returns the number of files removed. Skipped while the
        current transaction has changed the manifest (a rollback needs those files);
        files this process wrote and has not yet made live are kept (a rolled-back write's
        files go at the next open)."""
        duck = self._duck()
        if self._dirty_txid is not None:
            if self._txid() == self._dirty_txid:
                return 0
            self._dirty_txid = None
        live = {r[0] for r in duck.execute(f"SELECT path FROM {MANIFEST}").fetchall()}
        txid = self._txid()
        self._pending = {p: t for p, t in self._pending.items() if t == txid}
        removed = 0
        for table in LAKE_TABLES:
            base = self.root / table
            if not base.is_dir():
                continue
            for path in base.rglob("*.parquet"):
                rel = path.relative_to(self.root).as_posix()
                if rel not in live and rel not in self._pending:  # pending: this transaction
                    path.unlink(missing_ok=True)
                    removed += 1
            for folder in sorted((p for p in base.rglob("*") if p.is_dir()), reverse=True):
                try:
                    folder.rmdir()  # only when empty
                except OSError:
                    pass
        shutil.rmtree(self.root / "_staging", ignore_errors=True)
        if not self.temporary:
            remove_dead_load_dirs(self.root.parent / "tmp")
        return removed

    def _txid(self) -> int:
        return int(self._duck().execute("SELECT txid_current()").fetchone()[0])

    # ---- reading the manifest ---------------------------------------------------
    def files(self, table: str | None = None) -> list[LakeFile]:
        sql = (f"SELECT path, table_name, load_id, rows, revision, year, reports, "
               f"coalesce(coded, false), layout FROM {MANIFEST}")
        params: list[Any] = []
        if table is not None:
            sql += " WHERE table_name = ?"
            params.append(table)
        return [LakeFile(*r) for r in self._duck().execute(sql + " ORDER BY path",
                                                           params).fetchall()]

    def country_codes(self, loads: Sequence[str]) -> list[tuple[str, int, str]]:
        """(load_id, code, iso3) of the country dictionaries of ``loads``' coded files."""
        if not loads:
            return []
        return [(str(a), int(b), str(c)) for a, b, c in self._duck().execute(
            f"SELECT load_id, code, iso3 FROM {COUNTRY_CODES} WHERE load_id IN "
            f"({', '.join('?' for _ in loads)}) ORDER BY 1, 2", list(loads)).fetchall()]

    def scan(self, paths: Iterable[str], *, filename: bool = False) -> str:
        """SQL ``read_parquet`` of lake files (relative paths), partition columns typed."""
        full = ", ".join(_q(self.root / p) for p in paths)
        extra = ", filename = true" if filename else ""
        return (f"read_parquet([{full}], hive_partitioning = true, "
                f"hive_types = {{'year': SMALLINT, 'revision': VARCHAR}}{extra})")

    def source(self, table: str, files: Iterable[LakeFile], *, filename: bool = False) -> str:
        """SQL ``SELECT`` of the decoded rows of ``files`` (either layout): the table's
        file columns, ``revision``, ``year`` (and ``filename``)."""
        return decoded_source(table, list(files), self.scan, filename=filename,
                              pending=self._pending_codes)

    # ---- writing ----------------------------------------------------------------
    def write(self, table: str, source_sql: str, load_id: str | None,
              params: list[Any] | None = None,
              run: Callable[[str, list[Any]], Any] | None = None,
              codes: list[tuple[int, str]] | None = None,
              con: Any = None, partition: tuple[str, int] | None = None,
              name: str | None = None, collect: bool = True) -> list[LakeFile]:
        """Write the rows of ``source_sql`` (the table's columns with ISO3 countries;
        ``reported_by`` optional for annual rows) as new files of ``table``; they are not
        live until :meth:`commit` puts them in the manifest.

        With ``load_id`` (every loader, the demo, the lake's own rewrites) the files are
        dictionary-coded by the lake (:mod:`kcbridge.store.lake_coded`) and belong to
        that load: its dictionary gains the rows' new ISO3 codes, codes already given
        are kept. With ``codes`` the rows are already coded by the source (BACI: the
        columns :data:`CODED_COLUMNS`, ``codes`` the source's dictionary). Without
        ``load_id`` (untagged rows, e.g. a migrated store's) the files are plain.
        ``run(sql, params)`` runs the write (default: ``con.execute``); ``con`` runs the
        reading and writing (default: the store's connection); a private connection
        keeps a failed read from aborting the caller's catalogue transaction.

        With ``partition`` (revision, year) every row belongs to that one partition (the
        caller has checked it: a BACI year file): one file is written straight into it,
        without DuckDB's partitioned writer (about a fifth of the write's time), and
        ``source_sql`` needs no ``revision`` or ``year`` column. ``name`` is the files'
        name stem (default: the load); ``collect=False`` leaves garbage for later (a
        rewrite inside a write)."""
        if collect:
            self.collect_garbage()
        coded = codes is not None
        if coded:
            if table != "trade_annual" or load_id is None:
                raise ValueError("coded lake files are annual rows of one load")
            self._pending_codes[load_id] = list(codes or [])
        duck = con if con is not None else self._duck()
        stage = self.root / "_staging" / uuid.uuid4().hex[:12]
        stage.parent.mkdir(parents=True, exist_ok=True)
        have = {r[0] for r in duck.execute(f"DESCRIBE SELECT * FROM ({source_sql})",
                                           params or []).fetchall()}
        year = ("CAST(year(month) AS SMALLINT)" if table == "trade_monthly"
                else "CAST(year AS SMALLINT)")
        tail = [] if partition is not None else ["CAST(revision AS VARCHAR) AS revision",
                                                 f"{year} AS year"]
        layout = None
        if coded or load_id is None:
            select = plain_select(table, source_sql, have, load_id, coded, tail)
        else:  # the lake codes the countries: the load's dictionary, extended
            assert load_id is not None
            columns = layout_columns(table, have)
            layout = ",".join(columns)
            found = [r[0] for r in duck.execute(  # the source twice: its parameters too
                distinct_countries_sql(table, source_sql), (params or []) * 2).fetchall()]
            known = self._pending_codes.get(load_id)
            dictionary = merged_dictionary(
                known if known is not None else
                [(c, i) for _, c, i in self.country_codes([load_id])], found)
            self._pending_codes[load_id] = dictionary
            select = coded_select(table, source_sql, columns, dictionary, tail=tail,
                                  have=have)
        if partition is not None:
            folder = stage / f"revision={partition[0]}" / f"year={int(partition[1])}"
            folder.mkdir(parents=True)
            (run or duck.execute)(f"COPY ({select}) TO {_q(folder / 'part-0.parquet')} "
                                  "(FORMAT parquet)", params or [])
        else:
            (run or duck.execute)(
                f"COPY ({select}) TO {_q(stage)} (FORMAT parquet, PARTITION_BY (revision, "
                "year), FILENAME_PATTERN 'part-{i}')", params or [])
        pause("staged")
        out = []
        stem = name or load_id or "rows-" + stage.name
        for n, path in enumerate(sorted(stage.rglob("*.parquet"))):
            part = path.parent.relative_to(stage).as_posix()
            found_part = _PART.match(part)
            if found_part is None:
                raise StoreError(f"Unexpected partition folder {part!r} in the lake staging "
                                 "area (a revision or year that is not plain text).",
                                 hint="Check the HS revision and year columns of the data.")
            out.append(self._place(path, f"{table}/{part}/{stem}-{n}.parquet", table,
                                   load_id, found_part["revision"], int(found_part["year"]),
                                   coded=coded or layout is not None, layout=layout))
        shutil.rmtree(stage, ignore_errors=True)
        return out

    def adopt(self, sources: Sequence[Path], table: str, load_id: str, revision: str,
              year: int, codes: list[tuple[int, str]]) -> list[LakeFile]:
        """Make Parquet files another engine wrote (Spark: the coded columns, one
        partition) new files of ``table``'s (revision, year) partition, each fsync'ed and
        renamed into place like :meth:`write`'s; ``codes`` is their country dictionary.
        Not live until :meth:`commit`; the sources are moved, not copied."""
        if table != "trade_annual":
            raise ValueError("adopted lake files are coded annual rows of one load")
        self._pending_codes[load_id] = list(codes)
        stem = f"{table}/revision={revision}/year={int(year)}/{load_id}"
        return [self._place(src, f"{stem}-{n}.parquet", table, load_id, revision, int(year),
                            coded=True) for n, src in enumerate(sources)]

    def staging(self) -> Path:
        """A new empty folder under the lake's staging area, for another engine to
        write into before :meth:`adopt` (garbage is collected first, as by :meth:`write`:
        the staging area goes with it)."""
        self.collect_garbage()
        stage = self.root / "_staging" / uuid.uuid4().hex[:12]
        stage.mkdir(parents=True)
        return stage

    def _place(self, src: Path, rel: str, table: str, load_id: str | None, revision: str,
               year: int, *, coded: bool = False, layout: str | None = None) -> LakeFile:
        """fsync ``src``, rename it to ``rel`` (atomic), and describe it. A name already
        taken (a live file of the same load: the demo rebuilt with the same seed, a load run
        again) gets a fresh suffix: a new file never replaces a live one before the commit,
        so a failed load leaves the store as it was and the commit drops the old file."""
        import pyarrow.parquet as pq

        dest = self.root / rel
        if dest.exists() or rel in self._pending:
            base, _, ext = rel.rpartition(".")
            rel = f"{base}-{uuid.uuid4().hex[:8]}.{ext}"
            dest = self.root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        self._pending[rel] = self._txid()
        fsync_file(src)
        os.replace(src, dest)
        fsync_dir(dest.parent)
        meta = pq.read_metadata(dest)
        reports = False
        if table == "trade_annual":
            names = [meta.schema.column(i).name for i in range(meta.num_columns)]
            if "reported_by" in names:
                idx = names.index("reported_by")
                nulls = 0
                for g in range(meta.num_row_groups):
                    stats = meta.row_group(g).column(idx).statistics
                    nulls += stats.null_count if stats is not None and stats.has_null_count \
                        else 0
                reports = nulls < meta.num_rows
        return LakeFile(rel, table, load_id, meta.num_rows, revision, year, reports, coded,
                        layout)

    def set_codes(self, load_id: str, codes: list[tuple[int, str]]) -> None:
        """The country dictionary of ``load_id``'s coded files, recorded in the catalogue
        when they are committed."""
        self._pending_codes[load_id] = list(codes)

    def discard(self, files: Iterable[LakeFile]) -> None:
        """Remove files this process wrote that will never be live (a load that changed
        its mind, e.g. its coded files failed a check and it writes plain ones)."""
        for f in files:
            self._pending.pop(f.path, None)
            if f.coded and f.load_id is not None:
                self._pending_codes.pop(f.load_id, None)
            (self.root / f.path).unlink(missing_ok=True)

    def column_stats(self, f: LakeFile) -> dict[str, tuple[Any, Any, int] | None]:
        """Per column of ``f``: (min, max, null count) from its Parquet footer (see
        :func:`~kcbridge.store.lake_fs.parquet_column_stats`)."""
        return parquet_column_stats(self.root / f.path)

    def commit(self, table: str, new: list[LakeFile], key: Sequence[str] | None) -> int:
        """Inside the caller's transaction: make ``new`` live, superseding stored rows by
        ``key`` (see the module doc); returns the rows of ``new``."""
        drop, add = self.superseded(table, new, key)
        self._apply(table, drop, [*add, *new])
        return sum(f.rows for f in new)

    def superseded(self, table: str, new: list[LakeFile], key: Sequence[str] | None,
                   live: list[LakeFile] | None = None) -> tuple[list[LakeFile], list[LakeFile]]:
        """Files to drop and rewritten files to add so that no stored row shares its
        ``key`` with a row of ``new``."""
        if key is None:
            return [], []
        new_paths = {f.path for f in new}
        live = [f for f in (live if live is not None else self.files(table))
                if f.path not in new_paths]
        if not key:
            return live, []
        key = list(key)
        period = "month" if table == "trade_monthly" else "year"
        if period in key or "year" in key:
            years = {f.year for f in new}
            live = [f for f in live if f.year in years]
        if "revision" in key:
            revisions = {f.revision for f in new}
            live = [f for f in live if f.revision in revisions]
        if not live or not new:
            return [], []
        if set(key) <= {"year", "revision"}:  # whole partitions: no need to read them
            parts = {(f.year if "year" in key else None,
                      f.revision if "revision" in key else None) for f in new}
            return [f for f in live if (f.year if "year" in key else None,
                                        f.revision if "revision" in key else None)
                    in parts], []
        duck = self._duck()
        keys = ", ".join(f'"{k}"' for k in key)
        on = " AND ".join(f'o."{k}" IS NOT DISTINCT FROM k."{k}"' for k in key)
        keyset = f"(SELECT DISTINCT {keys} FROM ({self.source(table, new)}))"
        hits = dict(duck.execute(
            f"SELECT o.filename, count(*) FROM ({self.source(table, live, filename=True)})"
            f" o SEMI JOIN {keyset} k ON {on} GROUP BY 1").fetchall())
        drop, add = [], []
        for f in live:
            n = hits.get(str(self.root / f.path), 0)
            if not n:
                continue
            drop.append(f)
            if n < f.rows:
                add.append(self._rewrite_without(f, keyset, on))
        return drop, add

    def _rewrite_without(self, f: LakeFile, keyset: str, on: str) -> LakeFile:
        return self._rewrite(f, f"SELECT o.* FROM ({self.source(f.table, [f])}) o ANTI JOIN "
                                f"{keyset} k ON {on}", [])

    def _rewrite(self, f: LakeFile, rows_sql: str, params: list[Any]) -> LakeFile:
        """A new file of ``f``'s load and partition holding ``rows_sql``'s rows (a part
        of ``f``'s, decoded), written like any load's (coded with the load's
        dictionary; plain when ``f`` has no load)."""
        cols = ", ".join(f'"{c}"' for c in FILE_COLUMNS[f.table])
        out = self.write(f.table, f"SELECT {cols} FROM ({rows_sql})", f.load_id, params,
                         partition=(f.revision, f.year), collect=False,
                         name=f"{f.load_id or 'untagged'}-{uuid.uuid4().hex[:8]}")
        if len(out) != 1:
            raise RuntimeError(f"rewriting {f.path} gave {len(out)} files")
        return out[0]

    def delete_where(self, table: str, predicate: str, params: list[Any]) -> int:
        """Inside the caller's transaction: remove the rows matching ``predicate`` (SQL
        over the view's columns); returns how many."""
        drop, add = [], []
        duck = self._duck()
        live = self.files(table)
        if not live:
            return 0
        hits = dict(duck.execute(
            f"SELECT filename, count(*) FROM ({self.source(table, live, filename=True)})"
            f" WHERE {predicate} GROUP BY 1", params).fetchall())
        for f in live:
            n = hits.get(str(self.root / f.path), 0)
            if not n:
                continue
            drop.append(f)
            if n < f.rows:
                add.append(self._rewrite(f, f"SELECT * FROM ({self.source(table, [f])}) "
                                            f"WHERE NOT ({predicate})", params))
        if drop:
            self._apply(table, drop, add)
        return int(sum(hits.values()))

    def _apply(self, table: str, drop: list[LakeFile], add: list[LakeFile]) -> None:
        duck = self._duck()
        self._dirty_txid = self._txid()
        if drop:
            duck.execute(f"DELETE FROM {MANIFEST} WHERE path IN "
                         f"({', '.join('?' for _ in drop)})", [f.path for f in drop])
        self._insert_manifest(add)
        if any(f.coded for f in drop):  # dictionaries of loads with no coded file left
            duck.execute(f"DELETE FROM {COUNTRY_CODES} WHERE load_id NOT IN (SELECT load_id "
                         f"FROM {MANIFEST} WHERE coded AND load_id IS NOT NULL)")
        self.create_views(table)

    def _insert_manifest(self, files: list[LakeFile]) -> None:
        duck = self._duck()
        for f in files:
            self._pending.pop(f.path, None)
            codes = self._pending_codes.pop(f.load_id, None) if f.coded and f.load_id else None
            if codes is not None:
                duck.execute(f"DELETE FROM {COUNTRY_CODES} WHERE load_id = ?", [f.load_id])
                if codes:  # one statement: executemany of ~230 rows cost ~25 ms a load
                    duck.execute(f"INSERT INTO {COUNTRY_CODES} SELECT ?, unnest(?::INTEGER[]),"
                                 " unnest(?::VARCHAR[])",
                                 [f.load_id, [int(c) for c, _ in codes],
                                  [str(iso3) for _, iso3 in codes]])
        if files:
            duck.executemany(
                f"INSERT INTO {MANIFEST} (path, table_name, load_id, rows, revision, year, "
                "reports, coded, layout, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "current_timestamp)",
                [[f.path, f.table, f.load_id, f.rows, f.revision, f.year, f.reports, f.coded,
                  f.layout] for f in files])

    # ---- views ------------------------------------------------------------------
    def create_views(self, table: str) -> None:
        """(Re)create the views of ``table`` over its manifest files."""
        duck = self._duck()
        for statement in view_statements(table, self.files(table),
                                         lambda part: self.source(table, part)):
            duck.execute(statement)

    def version(self, table: str) -> tuple[int, str]:
        """(rows, digest of the live file list) of ``table``: the digest changes whenever
        its files do; "" when it has none."""
        import hashlib

        rows, paths = self._duck().execute(
            f"SELECT coalesce(sum(rows), 0), coalesce(string_agg(path, ',' ORDER BY path), '') "
            f"FROM {MANIFEST} WHERE table_name = ?", [table]).fetchone()
        return int(rows), (hashlib.sha1(paths.encode()).hexdigest()[:12] if paths else "")


def open_lake(url: str, duck: Callable[[], Any]) -> Lake:
    """The lake of the DuckDB store at ``url`` (opened: see :meth:`Lake.open`)."""
    if url.startswith("duckdb://:memory:") or url == "duckdb://":
        lake = Lake(Path(tempfile.mkdtemp(prefix="kcbridge-lake-")), duck, temporary=True)
    else:
        path = Path(url[len("duckdb://"):]).expanduser().resolve()
        folder = "lake" if path.stem == "kcbridge" else f"{path.stem}.lake"
        lake = Lake(path.parent / folder, duck)
    lake.open()
    return lake


__all__ = ["FILE_COLUMNS", "LAKE_TABLES", "MANIFEST", "MIRROR_KEY", "PAUSE_ENV", "REPORTS_VIEW",
           "SIDE_RANK", "TYPES", "VIEW_COLUMNS", "Lake", "LakeFile", "open_lake", "pause",
           "remove_dead_load_dirs"]
