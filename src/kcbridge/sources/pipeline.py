"""The one load pipeline every format goes through.

1. checksum the file (sha256); if the same file was loaded before with the same options
   into the same table and target revision, return ``skipped=True`` (nothing changes).
   When no earlier load of the format was of a file of this size (the usual new file),
   it cannot have been, and the checksum is computed in a thread beside steps 2-4
   (:class:`~kcbridge.sources.common.ChecksumBeside`) and only recorded;
2. the format's reader stages rows in DuckDB temp tables (large files are read by
   DuckDB's CSV reader, never by pandas), resolving countries and parsing values;
3. validate: HS codes are digits of a valid length, values are non-negative numbers,
   countries resolved, at least one row;
4. convert HS6 codes to ``settings.target_hs_revision`` with the Growth Lab's
   trade-weighted weights: ``value(b) = sum_a weight(a, b) * value(a)`` (quantities
   likewise); codes absent from the weight table are unchanged; HS4/HS2 codes and
   national 8/10-digit lines keep their own revision;
5. write: on a DuckDB store the rows become Parquet files of the flows lake
   (:mod:`kcbridge.store.lake`), then one catalogue transaction makes them live,
   supersedes what the load's *scope* covers (:func:`load_scope`) and records the load;
   on other backends ``store.replace`` + ``store.record_load`` in one transaction. A
   failure or a kill anywhere leaves the store as it was.

Scopes (what a load replaces, recorded in ``loads.scope``): a BACI year file is
complete: it replaces every row of its years and revision, including pairs it no longer
contains. Comtrade and Korea Customs files are query results: they replace only rows
with the same period, reporter side, partner, flow and product, so two queries for
different commodities of the same period keep both. Comtrade annual rows keep their
reporter side (``reported_by``): the importer's report and the exporter's mirror are
stored side by side and the ``trade_annual`` view prefers the importer's. An
exports-to-world file replaces the (year, reporter, product) rows it holds.

Fast path (DuckDB store, file already in the target revision; BACI today): the reader
hands its ``SELECT`` to :class:`~kcbridge.sources.common.DirectWrite`'s ``sink``, which
writes it straight to lake files (one pass over the CSV, no temp table); steps 3-4 then
run on those files. A BACI file is first tried as dictionary-coded lake files
(:meth:`LakeSink.coded`: the source's integer country codes and HS code text, decoded
by the views; the reader checks them from the files' footers and one small aggregate);
when those checks or the read find anything wrong, the files are discarded and the
plain path above gives the detailed message. Coded files need no conversion and no
second summary pass: the summary comes from the files themselves. On a Spark store
(``LakeSink.spark``) a BACI year is parsed, written and checked by Spark instead
(:mod:`kcbridge.sources.baci_spark`), and its files adopted into the lake before the
same commit.

The work runs on the store's own DuckDB connection when the store is DuckDB, else on a
private in-memory DuckDB whose result is handed to the store as an Arrow table.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ibis
import pandas as pd

from kcbridge.errors import InputError, KcbridgeError
from kcbridge.reference.products import conversion_weights, normalise_revision
from kcbridge.settings import Settings
from kcbridge.sources.common import (
    ANNUAL,
    FORMATS,
    MONTHLY,
    STAGE_COLUMNS,
    ChecksumBeside,
    DirectWrite,
    LoadContext,
    LoadResult,
    ProgressCallback,
    Staged,
    file_checksum,
    internal_error,
    run_with_progress,
)
from kcbridge.store import Store
from kcbridge.store.lake import Lake, LakeFile, pause

Reader = Callable[..., Staged]

#: What a load of each format replaces (see the module doc): (scope name, key columns).
SCOPES: dict[tuple[str, str], tuple[str, list[str]]] = {
    ("baci", ANNUAL): ("complete", ["year", "revision"]),
    ("comtrade", ANNUAL): ("rows", ["year", "exporter", "importer", "product",
                                    "reported_by"]),
    ("comtrade", MONTHLY): ("rows", ["month", "reporter", "partner", "flow", "product"]),
    ("kcs", MONTHLY): ("rows", ["month", "reporter", "partner", "flow", "product"]),
    ("exports-world", ANNUAL): ("rows", ["year", "exporter", "importer", "product"]),
}


def load_scope(fmt: str, target: str) -> tuple[str, list[str]]:
    """(scope name, key columns) of a load of ``fmt`` into ``target``."""
    return SCOPES.get((fmt, target), ("rows", list(STAGE_KEYS[target])))


#: Optional staged columns kept through conversion: the reporter side of annual rows.
SIDE_COLUMNS = ("reported_by",)

STAGE_KEYS = {ANNUAL: ["year", "exporter", "importer", "product"],
              MONTHLY: ["month", "reporter", "partner", "flow", "product"]}

#: Tables each format can write to (Comtrade: annual or monthly, read from the data).
FORMAT_TARGETS = {
    "baci": (ANNUAL,),
    "comtrade": (ANNUAL, MONTHLY),
    "kcs": (MONTHLY,),
    "exports-world": (ANNUAL,),
}
#: Valid HS code lengths: chapters, headings, subheadings, national 8/10-digit lines.
VALID_CODE_LENGTHS = {ANNUAL: (2, 4, 6), MONTHLY: (2, 4, 6, 8, 10)}
#: Conversion weights below this share of a code's trade are dropped (see usable_weights).
MIN_CONVERSION_WEIGHT = 0.001
#: A product code is bad unless digits of a valid length (or Comtrade's 'TOTAL').
_BAD_CODE = ("product IS NULL OR (product <> 'TOTAL' AND (NOT regexp_full_match(product, "
             "'[0-9]+') OR length(product) NOT IN ({lengths})))")


def _reader(fmt: str) -> Reader:
    if fmt == "baci":
        from kcbridge.sources.baci import read_baci

        return read_baci
    if fmt == "comtrade":
        from kcbridge.sources.comtrade import read_comtrade

        return read_comtrade
    if fmt == "kcs":
        from kcbridge.sources.kcs import read_kcs

        return read_kcs
    from kcbridge.sources.exports_world import read_exports_world

    return read_exports_world


def load_file(store: Store, settings: Settings, fmt: str, path: str | Path, *,
              year: int | None = None, revision: str | None = None,
              progress: ProgressCallback | None = None, force: bool = False,
              **options: Any) -> LoadResult:
    """Load one file of ``fmt`` (one of ``FORMATS``) into the store; see the module doc.

    ``year`` keeps one year of a multi-year file or supplies it when the file has none;
    ``revision`` overrides (or supplies) the HS revision of the file; ``force`` reloads a
    file already loaded. Format options: ``skip_unknown`` (drop rows whose country is
    unknown instead of refusing the file), ``keep_aggregates`` (Comtrade: keep TOTAL and
    coarser levels).
    """
    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        raise InputError(f"Unknown format {fmt!r}.", hint=f"Use one of {', '.join(FORMATS)}.")
    path = Path(path).expanduser()
    if not path.is_file():
        raise InputError(f"File not found: {path}.", hint="Check the path and try again.")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path.name} is empty (0 bytes).",
                         hint="Download or export the file again.")
    rev_in = normalise_revision(revision) if revision else None
    target_rev = settings.target_hs_revision
    signature = _options_line(year, rev_in, target_rev, options)
    # a file no earlier load had the size of cannot be "already loaded": its checksum
    # (only recorded then) is computed beside the read instead of before it
    beside = force or not store.may_have_loaded(fmt, size, list(FORMAT_TARGETS[fmt]))
    hashing = ChecksumBeside(path) if beside else None
    checksum = "" if hashing is not None else file_checksum(path, progress)
    if hashing is None:
        for table in FORMAT_TARGETS[fmt]:
            prior = store.find_load(fmt, checksum, table)
            if prior is not None and str(prior.get("notes") or "").startswith(signature):
                return LoadResult(
                    load_id=str(prior["load_id"]), format=fmt, source=str(path), target=table,
                    rows=0, skipped=True, periods=_split(prior.get("periods")),
                    revision_in=prior.get("revision_in"), revision_out=prior.get("revision_out"),
                    notes=[f"Already loaded on {prior.get('loaded_at')} (load {prior['load_id']});"
                           " nothing changed. Pass force=True (CLI: --force) to reload."],
                )
    own_duck = store.backend == "duckdb"
    lake = store.lake if own_duck else None
    con = store.con.con if own_duck else _private_duckdb()
    ctx = LoadContext(con, settings, progress)
    load_id = uuid.uuid4().hex[:12]
    targets = FORMAT_TARGETS[fmt]
    sunk: list[Any] = []  # lake files the reader wrote through the sink
    # on a lake store a reader may write its rows straight to lake files (DirectWrite)
    into = None
    if lake is not None and len(targets) == 1 and not options.get("skip_unknown") \
            and "sink" in getattr(DirectWrite, "__dataclass_fields__", {}):
        into = DirectWrite(targets[0], load_id, target_rev, LakeSink(store, load_id, sunk))
    try:
        with store.transaction():
            staged = _reader(fmt)(ctx, path, year=year, revision=rev_in, into=into, **options)
            validate_stage(ctx, staged, path)
            conv_notes: list[str] = []
            if staged.written and sunk and all(f.coded and f.layout is None for f in sunk):
                # BACI's coded files: checked by the reader, in the target revision
                final = staged.table  # revision and periods: the summary from the files
                summary = _files_summary(sunk)
            else:
                final, conv_notes, revision_in = convert_revisions(ctx, staged, target_rev)
                if staged.written and final != staged.table:  # readers write only unconverted
                    raise RuntimeError("rows written straight to the store needed conversion")
                summary = _summary(ctx, final, staged.target)
                summary["revision_in"] = revision_in
            notes = [signature, *staged.notes, *conv_notes]
            ctx.report(f"Writing {staged.target}", 0, summary["rows"])
            scope, key = load_scope(fmt, staged.target)
            if lake is not None:
                files = sunk if staged.written else lake.write(
                    staged.target, f'SELECT * FROM "{final}"', load_id)
                pause("files-written")
                store.mark_written()
                rows = lake.commit(staged.target, files, key)
            elif staged.written:  # rows are in place: drop the rows they replace
                store.drop_superseded(staged.target, load_id)
                rows = summary["rows"]
            else:
                if own_duck:
                    data: Any = store.con.table(final, database="temp").mutate(
                        load_id=ibis.literal(load_id)
                    )
                else:
                    data = arrow_table(con.execute(f'SELECT *, ? AS load_id FROM "{final}"',
                                                   [load_id]))
                rows = store.replace(staged.target, data, key=key)
            if hashing is not None:
                checksum = hashing.result()
            store.record_load(
                load_id=load_id, format=fmt, source=str(path), checksum=checksum, bytes=size,
                target=staged.target, rows=rows, periods=",".join(summary["periods"]),
                revision_in=summary["revision_in"], revision_out=summary["revision_out"],
                synthetic=False, notes="\n".join(notes), scope=f"{scope} {','.join(key)}",
            )
            ctx.report(f"Writing {staged.target}", rows, summary["rows"])
            ctx.cleanup()
            pause("before-commit")
        pause("after-commit")
    except KcbridgeError:
        ctx.cleanup()
        raise
    except Exception as exc:  # not a problem of the file: our bug, said so (traceback logged)
        ctx.cleanup()
        raise internal_error(exc, path, fmt) from exc
    except BaseException:  # KeyboardInterrupt: rolled back; drop the temp tables too
        ctx.cleanup()
        raise
    return LoadResult(
        load_id=load_id, format=fmt, source=str(path), target=staged.target, rows=rows,
        skipped=False, periods=summary["periods"], revision_in=summary["revision_in"],
        revision_out=summary["revision_out"], notes=notes[1:],
    )


class LakeSink:
    """A :class:`DirectWrite` sink: called with the reader's ``SELECT`` (ISO3 countries),
    writes it as lake files of the annual table coded by the lake (not live until the
    load commits) and returns a temp view of their rows; :meth:`coded` writes files in
    the source's own country codes instead (BACI)."""

    def __init__(self, store: Store, load_id: str, written: list[Any]) -> None:
        self.store = store
        self.load_id = load_id
        self.written = written

    @property
    def lake(self) -> Lake:
        assert self.store.lake is not None
        return self.store.lake

    @property
    def spark(self) -> Any:
        """The store's Spark session on a Spark store (``pyspark:///DIR``), else None: a
        reader may then parse the file with Spark (sources/baci_spark.py)."""
        return getattr(self.store, "spark", None) if getattr(
            self.store, "engine", None) == "pyspark" else None

    def __call__(self, ctx: LoadContext, select_sql: str) -> str:
        files = self.lake.write(ANNUAL, select_sql, self.load_id, run=lambda sql, params: (
            run_with_progress(ctx.con, sql, params, "Reading the file into the lake",
                              ctx.progress)))
        self.written.extend(files)
        cols = ", ".join(STAGE_COLUMNS[ANNUAL])
        if not files:
            return ctx.create_view(f"SELECT {cols} FROM (SELECT NULL::SMALLINT AS year, "
                                   "NULL AS exporter, NULL AS importer, NULL AS product, "
                                   "NULL AS revision, NULL::DOUBLE AS value_usd, "
                                   "NULL::DOUBLE AS quantity, NULL AS unit) WHERE false",
                                   prefix="lake")
        return ctx.create_view(f"SELECT {cols} FROM ({self.lake.source(ANNUAL, files)})",
                               prefix="lake")

    def coded(self, ctx: LoadContext, con: Any, select_sql: str,
              codes: list[tuple[int, str]],
              partition: tuple[str, int] | None = None) -> list[LakeFile]:
        """Write ``select_sql`` (the coded columns, see
        :data:`~kcbridge.store.lake_schema.CODED_COLUMNS`) with the private connection
        ``con`` as coded files of this load, ``codes`` their country dictionary. Errors
        of the read propagate (the caller's transaction is untouched: ``con`` is not
        the store's). With ``partition`` (revision, year) the rows all belong to it
        (see :meth:`Lake.write`)."""
        files = self.lake.write(ANNUAL, select_sql, self.load_id, codes=codes, con=con,
                                partition=partition,
                                run=lambda sql, params: run_with_progress(
                                    con, sql, params, "Reading the file into the lake",
                                    ctx.progress))
        self.written.extend(files)
        return files

    def set_codes(self, codes: list[tuple[int, str]]) -> None:
        """The country dictionary (code -> ISO3) of this load's coded files."""
        self.lake.set_codes(self.load_id, codes)

    def discard(self, files: list[LakeFile]) -> None:
        """Forget coded files that failed a check (they never become live)."""
        self.lake.discard(files)
        drop = {f.path for f in files}
        self.written[:] = [f for f in self.written if f.path not in drop]

    def scan(self, files: list[LakeFile]) -> str:
        """``read_parquet`` of ``files`` (their raw columns, partition columns typed)."""
        return self.lake.scan(f.path for f in files)


def _files_summary(files: list[LakeFile]) -> dict[str, Any]:
    """The load summary of coded files (one revision: the target; counts from footers)."""
    revisions = sorted({f.revision for f in files})
    return {"periods": sorted({str(f.year) for f in files}),
            "rows": sum(f.rows for f in files), "revision_out": ",".join(revisions) or None,
            "revision_in": ",".join(revisions) or None}


def arrow_table(result: Any) -> Any:
    """A DuckDB query result as a ``pyarrow.Table``: ``.arrow()`` returns a
    RecordBatchReader since duckdb 1.4 (a Table before); ``fetch_arrow_table`` is the
    spelling of 1.x."""
    for name in ("fetch_arrow_table", "to_arrow_table"):
        method = getattr(result, name, None)
        if method is not None:
            return method()
    out = result.arrow()
    return out.read_all() if hasattr(out, "read_all") else out


def _private_duckdb() -> Any:
    import duckdb

    return duckdb.connect()


def _options_line(year: int | None, revision: str | None, target: str,
                  options: dict[str, Any]) -> str:
    opts = {"year": year, "revision": revision, "target_revision": target,
            **{k: v for k, v in sorted(options.items()) if v not in (None, False)}}
    return "options: " + json.dumps(opts, sort_keys=True, default=str)


def _split(text: Any) -> list[str]:
    return [p for p in str(text or "").split(",") if p]


def validate_stage(ctx: LoadContext, staged: Staged, path: Path) -> None:
    """Refuse the file, with a message that says what to fix, unless every staged row
    has a valid HS code, resolved countries and a non-negative numeric value.

    One scan counts every problem; details are fetched only when something is wrong."""
    if staged.checked:  # the reader ran sources.validation.check_staged (a superset)
        return
    t = staged.table
    lengths = ", ".join(str(x) for x in VALID_CODE_LENGTHS[staged.target])
    bad_code = _BAD_CODE.format(lengths=lengths)
    country_cols = ["exporter", "importer"] if staged.target == ANNUAL else ["reporter", "partner"]
    no_country = " OR ".join(f"{c} IS NULL" for c in country_cols)
    n, n_bad, n_country, n_value, n_negative = ctx.rows(
        f"""SELECT count(*), count(*) FILTER ({bad_code}), count(*) FILTER ({no_country}),
                   count(*) FILTER (value_usd IS NULL OR isnan(value_usd)),
                   count(*) FILTER (value_usd < 0 OR quantity < 0)
            FROM "{t}" """
    )[0]
    if not n:
        raise InputError(
            f"{path.name} holds no trade rows to load.",
            hint="Check the file (and the --year filter, if you gave one) selects some data.",
        )
    if n_bad:
        bad = ctx.rows(f'SELECT product, count(*) FROM "{t}" WHERE {bad_code} '
                       "GROUP BY product ORDER BY 2 DESC, 1 LIMIT 10")
        shown = ", ".join(repr(b[0]) for b in bad)
        raise InputError(
            f"{path.name}: {n_bad} row(s) have invalid HS codes (e.g. {shown}).",
            hint=f"HS codes must be digits only, {lengths} digits long; fix or remove those rows.",
        )
    if n_country:
        raise InputError(f"{path.name}: {n_country} row(s) have no country code.",
                         hint="Fill in the reporter and partner of every row.")
    if n_value:
        raise InputError(f"{path.name}: {n_value} row(s) have no trade value.",
                         hint="Every row needs a numeric value in USD.")
    if n_negative:
        example = ctx.rows(f'SELECT {", ".join(STAGE_COLUMNS[staged.target])} FROM "{t}" '
                           "WHERE value_usd < 0 OR quantity < 0 LIMIT 1")[0]
        raise InputError(
            f"{path.name}: {n_negative} row(s) have negative values or quantities "
            f"(e.g. {example}).",
            hint="Trade values and quantities must be zero or positive; fix those rows.",
        )


def convert_revisions(ctx: LoadContext, staged: Staged,
                      target_rev: str) -> tuple[str, list[str], str | None]:
    """The staged table with HS6 codes in ``target_rev`` (a new temp table, or the same
    one when nothing needs converting), notes saying what happened, and the revisions
    found in the file (most rows first, comma-separated)."""
    t = staged.table
    cols = [*STAGE_COLUMNS[staged.target],
            *[c for c in SIDE_COLUMNS if c in ctx.columns(t)]]  # e.g. Comtrade's side
    found = ctx.rows(
        f'SELECT revision, length(product) AS digits, count(*) FROM "{t}" '
        "GROUP BY 1, 2 ORDER BY 1, 2"
    )
    notes: list[str] = []
    by_revision: dict[str, int] = {}
    for rev, _, count in found:
        by_revision[rev] = by_revision.get(rev, 0) + count
    revision_in = ",".join(sorted(by_revision, key=lambda r: (-by_revision[r], r))) or None
    to_convert = sorted({r for r, d, _ in found if d == 6 and r != target_rev})
    for rev, digits, count in found:
        if digits in (2, 4, 8, 10) and rev != target_rev:
            notes.append(f"{count} row(s) of {digits}-digit codes keep revision {rev} "
                         "(conversion weights exist for HS6 only).")
    if not to_convert:
        return t, notes, revision_in
    frames = []
    for rev in to_convert:
        w = usable_weights(conversion_weights(rev, target_rev))
        frames.append(pd.DataFrame({"rev": rev, "from_code": w["from_code"].astype(str),
                                    "to_code": w["to_code"].astype(str),
                                    "weight": w["weight"].astype(float)}))
    weights = ctx.create_from_frame(pd.concat(frames, ignore_index=True), prefix="weights")
    keys = [c for c in cols if c not in ("product", "revision", "value_usd", "quantity")]
    convert = f"s.revision IN ({', '.join(repr(r) for r in to_convert)}) AND length(s.product) = 6"
    select_keys = ", ".join(f"s.{k}" for k in keys)
    sql = f"""
        SELECT {select_keys},
               coalesce(w.to_code, s.product) AS product,
               CASE WHEN {convert} THEN '{target_rev}' ELSE s.revision END AS revision,
               sum(s.value_usd * coalesce(w.weight, 1.0)) AS value_usd,
               sum(s.quantity * coalesce(w.weight, 1.0)) AS quantity
        FROM "{t}" s LEFT JOIN "{weights}" w
          ON {convert} AND w.rev = s.revision AND w.from_code = s.product
        GROUP BY ALL
    """
    converted = ctx.create(
        f"SELECT {', '.join(cols)} FROM ({sql})", task=f"Converting to {target_rev}"
    )
    changed = ctx.scalar(
        f'SELECT count(*) FROM "{t}" s SEMI JOIN "{weights}" w '
        "ON w.rev = s.revision AND w.from_code = s.product AND length(s.product) = 6"
    )
    notes.append(
        f"HS6 codes converted from {', '.join(to_convert)} to {target_rev} with trade-weighted "
        f"weights ({changed} row(s) had codes that change; others kept their code; "
        f"weights below {MIN_CONVERSION_WEIGHT:g} dropped and the rest rescaled)."
    )
    return converted, notes, revision_in


def usable_weights(weights: pd.DataFrame,
                   min_weight: float = MIN_CONVERSION_WEIGHT) -> pd.DataFrame:
    """Drop weights below ``min_weight`` and rescale each source code's weights to sum
    to 1, so values are preserved. The published tables spread some codes over
    hundreds of targets with weights near 1e-9; keeping those would multiply rows
    without moving any value."""
    kept = weights[weights["weight"] >= min_weight].copy()
    total = kept.groupby("from_code")["weight"].transform("sum")
    kept["weight"] = kept["weight"] / total
    return kept.reset_index(drop=True)


def _summary(ctx: LoadContext, table: str, target: str) -> dict[str, Any]:
    period = "CAST(year AS VARCHAR)" if target == ANNUAL else "strftime(month, '%Y-%m')"
    groups = ctx.rows(f'SELECT {period}, revision, count(*) FROM "{table}" GROUP BY 1, 2')
    by_revision: dict[str, int] = {}
    for _, rev, count in groups:
        by_revision[rev] = by_revision.get(rev, 0) + count
    revisions = sorted(by_revision, key=lambda r: (-by_revision[r], r))
    return {"periods": sorted({g[0] for g in groups}), "rows": sum(by_revision.values()),
            "revision_out": ",".join(revisions) or None, "revision_in": None}


__all__ = ["FORMAT_TARGETS", "MONTHLY", "load_file", "validate_stage", "convert_revisions"]
