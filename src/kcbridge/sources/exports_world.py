"""A plain CSV of exports to the world: one row per reporter and product.

Columns (case-insensitive; the first of each list found is used):
- reporter: ``reporter_iso``, ``reporter``, ``exporter``, ``country``, ``iso3``
  (ISO3 in any case, ISO2, numeric or names);
- product: ``product_code``, ``product``, ``hs``, ``hs4``, ``hs6``, ``commodity_code``,
  ``code`` (text; an odd-length code gets back the leading zero a spreadsheet dropped);
- value: ``export_value_usd``, ``export_value``, ``value_usd``, ``value``, ``exports``
  (USD; a blank value means no data and the row is skipped);
- optional ``year`` (else ``year`` must be given) and ``revision``.

Rows go to ``trade_annual`` with importer ``WLD``. The HS revision comes from a
``revision`` column or the ``revision`` argument (e.g. HS2007 for the Open Trade
Statistics-derived ``world_trade_2017_hs4_exports.csv``). Read by DuckDB's CSV reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kcbridge.errors import InputError
from kcbridge.reference.products import normalise_revision
from kcbridge.sources.common import (
    ANNUAL,
    LoadContext,
    Staged,
    clip,
    guard_reader,
    missing_columns_error,
    pick_column,
    sniff_text,
    sql_string,
)
from kcbridge.sources.countries import TradeCountryResolver
from kcbridge.sources.tables import file_kind, stage_table
from kcbridge.sources.validation import check_staged

REPORTER = ["reporter_iso", "reporter", "exporter", "exporter_iso", "country", "iso3"]
PRODUCT = ["product_code", "product", "hs", "hs4", "hs6", "commodity_code", "code"]
VALUE = ["export_value_usd", "export_value", "value_usd", "value", "exports", "trade_value"]


@guard_reader("exports-world")
def read_exports_world(ctx: LoadContext, path: Path, *, year: int | None = None,
                       revision: str | None = None, skip_unknown: bool = False,
                       **_: Any) -> Staged:
    """Stage an exports-to-world CSV as ``trade_annual`` rows (see the module doc)."""
    head = sniff_text(path)
    if file_kind(path, head) == "text":
        try:
            head.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut at the sample's end
                line = head[:exc.start].count(b"\n") + 1
                raise InputError(f"{path.name} is not UTF-8 text (first bad bytes on line "
                                 f"{line}).", hint="Save it again as CSV UTF-8.") from exc
    raw = stage_table(ctx, path, head, "exports-world", prefix="ew_raw",
                      expect=[*REPORTER, *PRODUCT, *VALUE])
    cols = ctx.columns(raw)
    reporter, product, value = (pick_column(cols, c) for c in (REPORTER, PRODUCT, VALUE))
    year_col, rev_col = pick_column(cols, ["year", "t", "period"]), pick_column(cols, ["revision"])
    missing = [name for name, found in (("reporter", reporter), ("product", product),
                                        ("value", value)) if found is None]
    if missing:
        raise missing_columns_error(
            path, "exports-world", missing, cols,
            hint="Expected columns like reporter_iso, product_code, export_value_usd.",
        )
    if year_col is None and year is None:
        raise InputError(f"{path.name} has no year column.",
                         hint="Pass year= (CLI: --year 2017).")
    if rev_col is None and revision is None:
        raise InputError(
            f"{path.name} has no revision column, so its HS revision is unknown.",
            hint="Pass revision= (CLI: --revision HS2007; world_trade_2017_hs4_exports.csv "
            "is HS2007).",
        )
    notes: list[str] = []
    value_text = f'nullif(trim(replace("{value}", \',\', \'\')), \'\')'
    bad = ctx.rows(
        f'SELECT "{value}", count(*) OVER () FROM "{raw}" WHERE {value_text} IS NOT NULL '
        f"AND TRY_CAST({value_text} AS DOUBLE) IS NULL LIMIT 3"
    )
    if bad:
        raise InputError(
            f"{path.name}: column {value!r} has {bad[0][1]} value(s) that are not numbers "
            f"({', '.join(clip(repr(b[0]), 60) for b in bad)}).",
            hint="Values must be plain numbers in USD; leave a cell blank for no value.",
        )
    blanks = ctx.scalar(f'SELECT count(*) FROM "{raw}" WHERE {value_text} IS NULL')
    if blanks:
        notes.append(f"Skipped {blanks} row(s) with a blank value.")
    no_reporter = ctx.scalar(f'SELECT count(*) FROM "{raw}" WHERE {value_text} IS NOT NULL '
                             f"AND nullif(trim(\"{reporter}\"), '') IS NULL")
    if no_reporter:  # refused here: the country join below would drop them silently
        raise InputError(f"{path.name}: {no_reporter} row(s) with a value have no reporter in "
                         f"column {reporter!r}.",
                         hint="Fill in the reporter (ISO3 code or name) of every row.")
    resolver = TradeCountryResolver()
    seen = [r[0] for r in ctx.rows(f'SELECT DISTINCT "{reporter}" FROM "{raw}"')]
    mapping, unknown = resolver.resolve_all(seen, source=path.name, column=str(reporter),
                                            drop_unknown=skip_unknown)
    if unknown:
        notes.append(f"Dropped rows of unknown reporters: {', '.join(unknown[:10])}.")
    import pandas as pd

    map_table = ctx.create_from_frame(
        pd.DataFrame({"raw": list(mapping), "iso3": list(mapping.values())}, dtype=object),
        prefix="ew_map",
    )
    code = f'trim("{product}")'
    year_expr = f'TRY_CAST("{year_col}" AS SMALLINT)' if year_col else f"{int(year or 0)}"
    if revision is not None or rev_col is None:
        rev_expr = sql_string(revision or "")
    else:
        cases = [f"WHEN {sql_string(v)} THEN {sql_string(normalise_revision(v))}"
                 for (v,) in ctx.rows(f'SELECT DISTINCT "{rev_col}" FROM "{raw}"') if v]
        rev_expr = f'CASE "{rev_col}" {" ".join(cases)} END'
    if year_col:  # before any --year filter, which would drop such rows silently
        bad_years = ctx.rows(
            f'SELECT "{year_col}", count(*) OVER () FROM "{raw}" WHERE {value_text} IS NOT NULL '
            f"AND {year_expr} IS NULL LIMIT 3")
        if bad_years:
            shown = ", ".join(repr(clip(b[0], 40)) for b in bad_years)
            raise InputError(
                f"{path.name}: {bad_years[0][1]} row(s) have no valid year in column "
                f"{year_col!r} (e.g. {shown}).",
                hint="Fill in the year of every row as four digits (2017).",
            )
    where = [f"{value_text} IS NOT NULL"]
    if year_col and year is not None:
        where.append(f"{year_expr} = {int(year)}")
    stage = ctx.create(
        f"""SELECT CAST({year_expr} AS SMALLINT) AS year, m.iso3 AS exporter,
                   'WLD' AS importer,
                   CASE WHEN regexp_full_match({code}, '[0-9]+') AND length({code}) % 2 = 1
                        THEN '0' || {code} ELSE {code} END AS product,
                   {rev_expr} AS revision,
                   CAST({value_text} AS DOUBLE) AS value_usd,
                   NULL::DOUBLE AS quantity, NULL::VARCHAR AS unit
            FROM "{raw}" r JOIN "{map_table}" m ON m.raw = r."{reporter}"
            WHERE {' AND '.join(where)}""",
        task="Staging exports",
    )
    staged = Staged(table=stage, target=ANNUAL, notes=notes,
                    columns={"year": str(year_col or "year"), "exporter": str(reporter),
                             "product": str(product), "value_usd": str(value)})
    check_staged(ctx, staged, path)
    return staged
