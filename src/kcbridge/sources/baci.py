"""CEPII BACI: bilateral trade flows at HS6, one CSV per year.

A release is a zip (``BACI_HS12_V202501.zip``) holding ``BACI_HS12_Y2022_V202501.csv``
for each year, ``country_codes_V202501.csv`` (``country_code, country_name,
country_iso2, country_iso3``) and ``product_codes_HS12_V202501.csv``. A year file has
the columns ``t`` (year), ``i`` (exporter, numeric code), ``j`` (importer), ``k`` (HS6
product; leading zeros are lost, so it is padded back to 6 digits), ``v`` (value in
thousand USD, stored in USD) and ``q`` (quantity in metric tons, stored in kg; blank or
``NA`` when unknown).

Countries are mapped with the release's own country-code file (from the zip, or a
``country_codes*.csv`` beside a bare CSV), else with the ISO numeric codes. The HS
revision comes from the file name (``HS12`` -> ``HS2012``) unless ``revision`` is given.
The year files are read by DuckDB's CSV reader, in parallel, never by pandas.

On a lake store (``into`` with a coded sink) a year file is stored dictionary-coded
(:func:`_load_coded`): its integer country codes, its HS code text and the values in USD
go straight from the CSV reader to Parquet, with the release's code -> ISO3 table in the
catalogue; the lake's views decode them when read. Its checks (sources/baci_checks.py)
come from the files' footers (row counts, nulls, min/max), one aggregate over the
integer columns (distinct codes) and one pass over the keys (duplicate flows); anything
unexpected discards those files and the plain path below reads the file again and says
what is wrong.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pandas as pd

from kcbridge.errors import InputError, StoreError
from kcbridge.reference.products import normalise_revision
from kcbridge.sources.baci_checks import coded_codes
from kcbridge.sources.common import (
    ANNUAL,
    STAGE_COLUMNS,
    DirectWrite,
    LoadContext,
    Staged,
    clip,
    guard_reader,
    missing_columns_error,
    run_with_progress,
    sniff_text,
    sql_string,
    temp_workdir,
)
from kcbridge.sources.countries import TradeCountryResolver, resolver_from_code_table
from kcbridge.sources.tables import (
    diagnose_csv,
    duckdb_read_error,
    is_read_error,
    needs_lenient,
)
from kcbridge.sources.validation import MIN_YEAR, check_staged, max_year
from kcbridge.store.lake_coded import dictionary_sql

YEAR_FILE = re.compile(r"BACI_(HS\d\d)_Y(\d{4})_V(\d+)\.csv$", re.IGNORECASE)
REVISION_IN_NAME = re.compile(r"BACI_(HS\d\d)", re.IGNORECASE)
COUNTRY_FILE = re.compile(r"country_codes.*\.csv$", re.IGNORECASE)
REQUIRED = ["t", "i", "j", "k", "v"]
UNITS_NOTE = "BACI values converted from thousand USD to USD, quantities from tons to kg."
TYPES = {"t": "SMALLINT", "i": "INTEGER", "j": "INTEGER", "k": "VARCHAR", "v": "DOUBLE",
         "q": "VARCHAR"}
#: Column types of the coded read (HS codes kept as the text the file has).
CODED_TYPES = {"t": "SMALLINT", "i": "INTEGER", "j": "INTEGER", "k": "VARCHAR", "v": "DOUBLE",
               "q": "DOUBLE"}
#: The BACI column behind each staged column (for messages).
SOURCE_COLUMNS = {"year": "t", "exporter": "i", "importer": "j", "product": "k",
                  "value_usd": "v", "quantity": "q"}


@guard_reader("baci")
def read_baci(ctx: LoadContext, path: Path, *, year: int | None = None,
              revision: str | None = None, skip_unknown: bool = False,
              into: DirectWrite | None = None, **_: Any) -> Staged:
    """Stage a BACI zip or year CSV as ``trade_annual`` rows (see the module doc).

    With ``into`` and a file already in ``into.target_revision``, the rows are inserted
    straight into ``into.table`` tagged with ``into.load_id`` (one pass over the CSV, no
    temp table); unknown country codes are then kept as ``'#<code>'`` until checked."""
    notes: list[str] = []
    with temp_workdir(ctx.settings, "baci") as workdir:
        if zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
            files, codes, name_rev = _extract_zip(ctx, path, year, workdir)
        else:
            head = sniff_text(path, 4096)
            if head.startswith(b"PK\x03\x04"):
                raise InputError(f"{path.name} is a damaged zip archive.",
                                 hint="Download the BACI zip again.")
            files = [path]
            codes = _sibling_country_codes(path)
            found = REVISION_IN_NAME.search(path.name)
            name_rev = found.group(1) if found else None
        if revision is None and name_rev is None:
            raise InputError(
                f"Cannot tell the HS revision of {path.name} from its name.",
                hint="Pass revision= (CLI: --revision HS2012), or keep BACI's file name "
                "(BACI_HS12_Y2022_V202501.csv).",
            )
        rev = revision or normalise_revision(name_rev or "")
        headers = {tuple(_check_header(f)) for f in files}
        if len(headers) > 1:
            raise InputError(f"The year files of {path.name} have different columns.",
                             hint="Load them one at a time.")
        header = list(headers.pop())
        lenient = any([needs_lenient(f, sniff_text(f), ",", "BACI") for f in files])
        types = "{" + ", ".join(f"{sql_string(c)}: '{TYPES.get(c, 'VARCHAR')}'"
                                for c in header) + "}"
        q_expr = "q" if "q" in header else "NULL::VARCHAR AS q"
        resolver = (resolver_from_code_table(codes) if codes is not None
                    else TradeCountryResolver())
        if codes is None:
            notes.append("No BACI country_codes file found: numeric codes mapped as ISO "
                         "numeric.")
        direct = (into if into is not None and into.table == ANNUAL
                  and rev == into.target_revision else None)
        where = f"WHERE r.t = {int(year)}" if year is not None else ""
        file_list = "[" + ", ".join(sql_string(f) for f in files) + "]"
        if direct is not None and not lenient and hasattr(direct.sink, "coded"):
            first = year if year is not None else _first_year(files, header)
            coded, refused = None, False
            if getattr(direct.sink, "spark", None) is not None and first is not None:
                from kcbridge.sources.baci_spark import load_coded_spark

                files_in = load_coded_spark(direct.sink, files, header, rev, resolver,
                                            year, first, notes)
                refused = files_in is False
                if files_in:
                    coded = _decoded_view(ctx, direct.sink, files_in,
                                          _code_map(ctx, resolver))
            if coded is None and not refused:
                coded = _load_coded(ctx, direct, file_list, header, rev, resolver, where,
                                    workdir, first)
            if coded is not None:
                notes.append(UNITS_NOTE)
                return Staged(table=coded, target=ANNUAL, notes=notes, written=True,
                              columns=SOURCE_COLUMNS, checked=True)
        map_table = _code_map(ctx, resolver)
        if direct is not None:  # unknown codes kept as '#<code>' (ISO3 never starts with '#')
            countries = ("coalesce(e.iso3, '#' || r.i) AS exporter, "
                         "coalesce(m.iso3, '#' || r.j) AS importer")
            extra = f"{sql_string(direct.load_id)} AS load_id"
        else:  # unknown -> NULL, raw codes kept
            countries = "e.iso3 AS exporter, m.iso3 AS importer"
            extra = "r.i AS raw_i, r.j AS raw_j"
        # one pass: parse, map countries, convert units
        select_sql = f"""
            SELECT r.t AS year, {countries},
                   CASE WHEN length(r.k) < 6 THEN lpad(r.k, 6, '0') ELSE r.k END AS product,
                   {sql_string(rev)} AS revision,
                   r.v * 1000.0 AS value_usd,
                   CAST(nullif(nullif(trim(r.q), 'NA'), '') AS DOUBLE) * 1000.0 AS quantity,
                   'kg' AS unit, {extra}
            FROM (SELECT t, i, j, trim(k) AS k, v, {q_expr}
                  FROM read_csv({file_list}, header = true, delim = ',', skip = 0,
                                columns = {types}
                                {", strict_mode = false" if lenient else ""})) r
            LEFT JOIN {map_table} e ON e.code = r.i
            LEFT JOIN {map_table} m ON m.code = r.j
            {where}"""
        try:
            if direct is not None:
                try:
                    stage = _insert_direct(ctx, direct, select_sql, path)
                except StoreError as exc:  # the lake cannot name a partition: a blank year
                    if "__HIVE_DEFAULT_PARTITION__" not in str(exc):
                        raise
                    raise _blank_years(ctx, path, file_list, types) from exc
            else:
                stage = ctx.create(select_sql, task=f"Reading {path.name}", prefix="baci")
        except InputError:
            raise
        except Exception as exc:  # DuckDB's error types vary by version
            if not is_read_error(exc):
                raise  # not about the file: a bug (InternalError from the guard)
            raise _read_failure(exc, path, files) from exc

    if direct is not None:
        _check_unknown_direct(ctx, direct, stage, resolver, path, skip_unknown, notes)
        notes.append(UNITS_NOTE)
        staged = Staged(table=stage, target=ANNUAL, notes=notes, written=True,
                        columns=SOURCE_COLUMNS)
        check_staged(ctx, staged, path)
        return staged
    unknown = [r[0] for r in ctx.rows(
        f'SELECT DISTINCT raw_i FROM "{stage}" WHERE exporter IS NULL AND raw_i IS NOT NULL '
        f'UNION SELECT DISTINCT raw_j FROM "{stage}" WHERE importer IS NULL '
        "AND raw_j IS NOT NULL ORDER BY 1"
    )]
    if unknown:
        resolver.resolve_all(unknown, source=path.name, column="i/j",
                             drop_unknown=skip_unknown)  # raises unless skip_unknown
        dropped = ctx.scalar(
            f'SELECT count(*) FROM "{stage}" WHERE exporter IS NULL OR importer IS NULL')
        ctx.con.execute(f'DELETE FROM "{stage}" WHERE exporter IS NULL OR importer IS NULL')
        notes.append(f"Dropped {dropped} row(s) with unknown country codes: "
                     f"{', '.join(map(str, unknown[:10]))}.")
    notes.append(UNITS_NOTE)
    staged = Staged(table=stage, target=ANNUAL, notes=notes, columns=SOURCE_COLUMNS)
    check_staged(ctx, staged, path)
    return staged


def _first_year(files: list[Path], header: list[str]) -> int | None:
    """The year (``t``) of the first data line of a single year file, or None (several
    files, no data line, or a ``t`` that is not a year)."""
    if len(files) != 1:
        return None
    lines = sniff_text(files[0], 4096).split(b"\n", 2)
    if len(lines) < 3 and not (len(lines) == 2 and lines[1].strip()):
        return None
    cells = lines[1].decode("utf-8", "replace").split(",")
    at = header.index("t")
    text = cells[at].strip().strip('"') if at < len(cells) else ""
    return int(text) if text.isascii() and text.isdigit() and len(text) == 4 else None


def _blank_years(ctx: LoadContext, path: Path, file_list: str, types: str) -> InputError:
    """The validation's message for rows without a year (the lake's partitioned writer
    refuses them before the validation sees them)."""
    blank = ctx.scalar(f"SELECT count(*) FROM read_csv({file_list}, header = true, "
                       f"delim = ',', skip = 0, columns = {types}) WHERE t IS NULL")
    return InputError(
        f"{path.name}: {blank} row(s) have a year outside {MIN_YEAR}-{max_year()} in column "
        "'t' (found: blank).",
        hint=f"HS-coded trade exists from {MIN_YEAR} to this year; fix the year of those "
        "rows (or load the right file).")


def _load_coded(ctx: LoadContext, into: DirectWrite, file_list: str, header: list[str],
                rev: str, resolver: TradeCountryResolver, where: str, workdir: Path,
                year: int | None = None) -> str | None:
    """Write the year file(s) as dictionary-coded lake files of ``into``'s load and check
    them; a temp view of their rows (decoded), or None when the files were discarded
    (a read error, a value or code the plain path must explain, a duplicate flow).

    With ``year`` (the year of the file's first line, or the one asked for) the rows go
    to that one partition in one file, and a row of another (or no) year is written
    with the value -1, which the footer's minimum catches (the plain path then names
    it). NaN and infinite values need no per-row test either: DuckDB writes no min/max
    for a column chunk holding NaN, and the checks refuse a chunk without them, and
    infinities show as the footer's minimum or maximum."""
    import duckdb

    sink: Any = into.sink
    types = "{" + ", ".join(f"{sql_string(c)}: '{CODED_TYPES.get(c, 'VARCHAR')}'"
                            for c in header) + "}"
    q = "r.q" if "q" in header else "NULL::DOUBLE"
    if year is not None:
        value = f"CASE WHEN r.t = {int(year)} THEN r.v * 1000.0 ELSE -1.0 END"
        tail = ""
    else:
        value = "r.v * 1000.0"
        tail = f", {sql_string(rev)} AS revision, r.t AS year"
    select = f"""
        SELECT r.i AS exporter_code, r.j AS importer_code, r.k AS product_code,
               {value} AS value_usd, {q} * 1000.0 AS quantity{tail}
        FROM read_csv({file_list}, header = true, delim = ',', skip = 0, columns = {types},
                      nullstr = ['', 'NA']) r
        {where}"""
    con = duckdb.connect()  # private: a failed read must not abort the load's transaction
    try:
        con.execute(f"SET temp_directory = {sql_string(str(workdir / 'spill'))}")
        threads = ctx.scalar("SELECT current_setting('threads')")
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        try:
            files = sink.coded(ctx, con, select, [],
                               partition=(rev, int(year)) if year is not None else None)
        except StoreError:  # a partition the lake cannot name (a blank year): plain path
            return None
        except Exception as exc:  # DuckDB's error types vary by version
            if is_read_error(exc):
                return None
            raise
        codes = coded_codes(con, sink, files, resolver)
        if codes is None:
            sink.discard(files)
            return None
    finally:
        con.close()
    sink.set_codes(codes)  # the dictionary goes live with the files
    return _decoded_view(ctx, sink, files, dictionary_sql(codes))  # the codes it holds


def _code_map(ctx: LoadContext, resolver: TradeCountryResolver) -> str:
    """A temp table (quoted name) code -> iso3 of every numeric code the resolver knows,
    for the plain path's joins (the coded path, which knows its codes, does without: it
    cost ~30 ms of every load)."""
    return '"' + ctx.create_from_frame(_numeric_code_map(resolver), prefix="baci_map") + '"'


def _decoded_view(ctx: LoadContext, sink: Any, files: list[Any], code_map: str) -> str:
    """A temp view of the decoded rows of coded ``files`` (the staged rows' columns);
    ``code_map`` is a relation (code, iso3) holding their country codes."""
    cols = ("c.year, e.iso3 AS exporter, m.iso3 AS importer, lpad(c.product_code, 6, '0') "
            "AS product, c.revision, c.value_usd, c.quantity, 'kg' AS unit")
    return ctx.create_view(
        f"SELECT {cols} FROM {sink.scan(files)} c JOIN {code_map} e ON e.code = "
        f"c.exporter_code JOIN {code_map} m ON m.code = c.importer_code", prefix="baci")


def _insert_direct(ctx: LoadContext, into: DirectWrite, select_sql: str, path: Path) -> str:
    """Insert the rows of ``select_sql`` into ``into.table``; returns a temp view of them."""
    if getattr(into, "sink", None) is not None:  # the flows lake: Parquet files (pipeline)
        return into.sink(ctx, select_sql)  # type: ignore[misc]
    cols = ", ".join(f'"{c}"' for c in [*STAGE_COLUMNS[ANNUAL], "load_id"])
    # BACI's text columns have few distinct values: dictionary compression wins, and
    # skipping the FSST analysis makes the insert ~6% faster and the store no larger.
    disabled = str(ctx.scalar("SELECT current_setting('disabled_compression_methods')") or "")
    methods = [m.strip() for m in disabled.split(",") if m.strip()]
    if "fsst" not in {m.lower() for m in methods}:
        ctx.set_option("disabled_compression_methods", ",".join([*methods, "fsst"]))
    run_with_progress(ctx.con, f'INSERT INTO "{into.table}" ({cols}) SELECT {cols} FROM '
                      f"({select_sql})", None, f"Reading {path.name}", ctx.progress)
    ctx.restore_options()
    return ctx.create_view(f'SELECT {", ".join(STAGE_COLUMNS[ANNUAL])} FROM "{into.table}" '
                           f"WHERE load_id = {sql_string(into.load_id)}", prefix="baci")


def _check_unknown_direct(ctx: LoadContext, into: DirectWrite, view: str,
                          resolver: TradeCountryResolver, path: Path, skip_unknown: bool,
                          notes: list[str]) -> None:
    """The direct-write twin of the unknown-country check of :func:`read_baci`."""
    unknown = [r[0] for r in ctx.rows(
        f"SELECT DISTINCT CAST(substr(exporter, 2) AS INTEGER) FROM \"{view}\" "
        "WHERE starts_with(exporter, '#') UNION "
        f"SELECT DISTINCT CAST(substr(importer, 2) AS INTEGER) FROM \"{view}\" "
        "WHERE starts_with(importer, '#') ORDER BY 1"
    )]
    if not unknown:
        return
    resolver.resolve_all(unknown, source=path.name, column="i/j",
                         drop_unknown=skip_unknown)  # raises unless skip_unknown
    lacking = ("(exporter IS NULL OR importer IS NULL OR starts_with(exporter, '#') "
               "OR starts_with(importer, '#'))")
    dropped = ctx.scalar(f'SELECT count(*) FROM "{view}" WHERE {lacking}')
    ctx.con.execute(f'DELETE FROM "{into.table}" WHERE load_id = ? AND {lacking}',
                    [into.load_id])
    notes.append(f"Dropped {dropped} row(s) with unknown country codes: "
                 f"{', '.join(map(str, unknown[:10]))}.")


def _read_failure(exc: Exception, path: Path, files: list[Path]) -> InputError:
    """DuckDB refused a year file: its message when it names a value it could not
    convert, else the first bad line Python's csv module finds."""
    if "could not convert" not in str(exc).lower():
        for file in files:
            problem = diagnose_csv(file, ",", "BACI")
            if problem is not None:
                if file != path:  # extracted from the zip: name the zip and its member
                    problem.message = problem.message.replace(
                        file.name, f"{path.name} ({file.name})", 1)
                return problem
    return duckdb_read_error(exc, path, "BACI (t,i,j,k,v,q)")


def _numeric_code_map(resolver: TradeCountryResolver) -> pd.DataFrame:
    """code -> iso3 for every numeric code 0..999 the resolver knows (the release's own
    table first, then ISO numeric codes and the trade-statistics aliases)."""
    pairs = [(code, resolver.lookup(code)) for code in range(1000)]
    known = [(c, iso3) for c, iso3 in pairs if iso3 is not None]
    return pd.DataFrame({"code": [c for c, _ in known], "iso3": [i for _, i in known]})


def _extract_zip(ctx: LoadContext, path: Path, year: int | None,
                 workdir: Path) -> tuple[list[Path], pd.DataFrame | None, str | None]:
    """Extract the year files (all, or ``year``) and read the country-code table."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(
            f"{path.name} is a truncated or corrupt zip archive.",
            hint="Download the BACI release again (kcbridge fetch baci --year Y).",
        ) from exc
    with archive:
        members = {Path(n).name: n for n in archive.namelist()}
        years = {}
        for name, full in members.items():
            found = YEAR_FILE.search(name)
            if found:
                years[int(found.group(2))] = (full, found.group(1))
        if not years:
            raise InputError(
                f"{path.name} holds no BACI year files (BACI_HSxx_Yyyyy_Vxxxxxx.csv).",
                hint="Check that this is a CEPII BACI release zip.",
            )
        chosen = sorted(years) if year is None else [int(year)]
        if year is not None and int(year) not in years:
            raise InputError(
                f"{path.name} has no data for {year}.",
                hint=f"Years in the file: {', '.join(str(y) for y in sorted(years))}.",
            )
        codes = None
        country_member = next((f for n, f in members.items() if COUNTRY_FILE.search(n)), None)
        try:
            if country_member is not None:
                with archive.open(country_member) as fh:
                    codes = _read_code_table(fh.read(), country_member)
            out: list[Path] = []
            total = sum(archive.getinfo(years[y][0]).file_size for y in chosen)
            done = 0
            for y in chosen:
                member = years[y][0]
                target = workdir / Path(member).name
                with archive.open(member) as src, target.open("wb") as dst:
                    while chunk := src.read(8 << 20):
                        dst.write(chunk)
                        done += len(chunk)
                        ctx.report(f"Unzipping {path.name}", done, total)
                out.append(target)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error) as exc:
            raise InputError(
                f"{path.name} is truncated or corrupt (a member cannot be unzipped).",
                hint="Download the BACI release again.",
            ) from exc
    return out, codes, years[chosen[0]][1]


def _read_code_table(raw: bytes, name: str) -> pd.DataFrame:
    import io

    for encoding in ("utf-8-sig", "latin-1"):
        try:
            return pd.read_csv(io.StringIO(raw.decode(encoding)), dtype=str,
                               keep_default_na=False)
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError):
            break
    raise InputError(f"Cannot read the country code table {Path(name).name}.",
                     hint="It should be a CSV with country_code and country_iso3 columns; "
                     "download the BACI release again.")


def _sibling_country_codes(path: Path) -> pd.DataFrame | None:
    candidates = sorted(p for p in path.parent.glob("country_codes*.csv"))
    if not candidates:
        return None
    return _read_code_table(candidates[-1].read_bytes(), candidates[-1].name)


def _check_header(path: Path) -> list[str]:
    head = sniff_text(path, 4096)
    try:
        first = head.split(b"\n", 1)[0].decode("utf-8-sig") if head else ""
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path.name} is not a UTF-8 text file (its header line is not UTF-8).",
            hint="BACI files are plain CSV; download the release again.",
        ) from exc
    found = [c.strip().strip('"') for c in first.split(",")]
    missing = [c for c in REQUIRED if c not in found]
    if missing:
        raise missing_columns_error(
            path, "BACI", missing, found,
            hint="A BACI year file starts with the header t,i,j,k,v,q.",
        )
    empty = [str(n + 1) for n, c in enumerate(found) if not c]
    if empty:
        raise InputError(
            f"{path.name}: the header has an empty column name (column "
            f"{', '.join(empty)} of {clip(first.strip(), 80)!r}).",
            hint="Remove the extra comma from the header line (BACI's is t,i,j,k,v,q).",
        )
    repeated = sorted({c for c in found if found.count(c) > 1})
    if repeated:
        raise InputError(
            f"{path.name}: column(s) {', '.join(repr(clip(c, 20)) for c in repeated)} appear "
            "twice in the header.",
            hint="Keep each column once (BACI's header is t,i,j,k,v,q).",
        )
    return found
