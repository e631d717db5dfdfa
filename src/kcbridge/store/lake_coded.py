"""The lake's dictionary-coded layout for rows whose countries are already ISO3 codes.

BACI's year files are written with BACI's own integer country codes (the source's
dictionary, :data:`~kcbridge.store.lake_schema.CODED_COLUMNS`). Every other writer
(Comtrade, Korea Customs, exports-to-world, the demo, the lake's own rewrites) goes
through :func:`coded_copy` instead: the lake makes the load's dictionary itself (one
integer per ISO3 code, shared by the load's annual and monthly files and kept in the
catalogue table :data:`~kcbridge.store.lake_schema.COUNTRY_CODES`, as BACI's is) and
writes the countries as those integers; HS codes, flows and units stay text (the
Parquet writer dictionary-encodes them). The file's columns are recorded in the
manifest (``lake_files.layout``), so the views (``lake_views.py``) and Spark
(``lake_spark.py``) decode each file by what it holds; old files (plain, or BACI's
coded layout with no ``layout``) are read as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kcbridge.store.lake_schema import CODED_COLUMNS, FILE_COLUMNS, TYPES

#: The country columns of each table and their coded names.
COUNTRY_COLUMNS = {
    "trade_annual": {"exporter": "exporter_code", "importer": "importer_code"},
    "trade_monthly": {"reporter": "reporter_code", "partner": "partner_code"},
}
#: The columns of a lake-coded file of each table, in order (``reported_by`` only when the
#: rows have a reporter side).
LAKE_CODED_COLUMNS = {
    "trade_annual": ["exporter_code", "importer_code", "product", "value_usd", "quantity",
                     "unit", "reported_by"],
    "trade_monthly": ["month", "reporter_code", "partner_code", "flow", "product",
                      "value_usd", "quantity", "unit"],
}
CODE_TYPES = {**TYPES, "reporter_code": "INTEGER", "partner_code": "INTEGER"}
OPTIONAL = {"reported_by"}


def layout_columns(table: str, have: Iterable[str]) -> list[str]:
    """The columns a lake-coded file of ``table`` holds for a source with the columns
    ``have`` (``reported_by`` only when the source has it)."""
    present = set(have)
    return [c for c in LAKE_CODED_COLUMNS[table] if c not in OPTIONAL or c in present]


def merged_dictionary(existing: Sequence[tuple[int, str]],
                      iso3s: Iterable[str]) -> list[tuple[int, str]]:
    """``existing`` (code, iso3) plus a new code (after the largest) for every ISO3 code
    it lacks; codes already given never change (other files of the load use them)."""
    out = list(existing)
    known = {iso3 for _, iso3 in out}
    top = max((code for code, _ in out), default=0)
    for iso3 in sorted({str(c) for c in iso3s if c is not None} - known):
        top += 1
        out.append((top, iso3))
    return out


def _values(codes: Sequence[tuple[int, str]]) -> str:
    """The dictionary as an inline SQL relation (code, iso3): one row per ISO3 code
    (the smallest code when a source dictionary gives one ISO3 several codes)."""
    first: dict[str, int] = {}
    for code, iso3 in codes:
        if iso3 not in first or code < first[iso3]:
            first[iso3] = code
    if not first:
        return "(SELECT NULL::INTEGER AS code, NULL::VARCHAR AS iso3 WHERE false)"
    rows = ", ".join(f"({code}, '{iso3.replace(chr(39), chr(39) * 2)}')"
                     for iso3, code in sorted(first.items()))
    return f"(SELECT * FROM (VALUES {rows}) d(code, iso3))"


def dictionary_sql(codes: Sequence[tuple[int, str]]) -> str:
    """A country dictionary (code, iso3) as an inline SQL relation, every code kept (for
    decoding files whose dictionary is not in the catalogue yet)."""
    if not codes:
        return "(SELECT NULL::INTEGER AS code, NULL::VARCHAR AS iso3 WHERE false)"
    rows = ", ".join(f"({int(code)}, '{str(iso3).replace(chr(39), chr(39) * 2)}')"
                     for code, iso3 in codes)
    return f"(SELECT * FROM (VALUES {rows}) d(code, iso3))"


def coded_select(table: str, source_sql: str, columns: Sequence[str],
                 codes: Sequence[tuple[int, str]], *, tail: Sequence[str] = (),
                 have: Iterable[str] | None = None) -> str:
    """``SELECT`` of ``source_sql``'s rows (the table's plain columns, ISO3 countries) as
    the coded ``columns``, countries replaced by their codes in ``codes``; ``tail`` are
    further SQL expressions over the source (e.g. the partition columns); a column not
    in ``have`` (the source's columns, default: all) is NULL."""
    dictionary = _values(codes)
    joins, select = [], []
    names = {coded: plain for plain, coded in COUNTRY_COLUMNS[table].items()}
    present = None if have is None else set(have)
    for col in columns:
        source = names.get(col, col)
        if present is not None and source not in present:
            select.append(f'NULL::{CODE_TYPES.get(col, "VARCHAR")} AS "{col}"')
        elif col in names:
            alias = f"d_{names[col]}"
            joins.append(f'LEFT JOIN {dictionary} {alias} ON {alias}.iso3 = '
                         f'CAST(s."{names[col]}" AS VARCHAR)')
            select.append(f'CAST({alias}.code AS INTEGER) AS "{col}"')
        else:
            select.append(f'CAST(s."{col}" AS {CODE_TYPES.get(col, "VARCHAR")}) AS "{col}"')
    return (f"SELECT {', '.join([*select, *tail])} FROM ({source_sql}) s "
            + " ".join(joins))


def distinct_countries_sql(table: str, source_sql: str) -> str:
    """The distinct ISO3 codes of ``source_sql``'s country columns."""
    a, b = COUNTRY_COLUMNS[table]
    return (f'SELECT DISTINCT c FROM (SELECT CAST("{a}" AS VARCHAR) AS c FROM ({source_sql}) '
            f'UNION SELECT CAST("{b}" AS VARCHAR) FROM ({source_sql})) WHERE c IS NOT NULL')


def plain_select(table: str, source_sql: str, have: set[str], load_id: str | None,
                 coded: bool, tail: list[str]) -> str:
    """``SELECT`` of a plain file's columns (or, ``coded``, BACI's coded ones) from the
    source: columns the source lacks are NULL, rows without a load get ``load_id``."""
    cols = []
    for col in (CODED_COLUMNS if coded else FILE_COLUMNS[table]):
        if coded and col not in have:
            raise ValueError(f"a coded write needs the column {col}")
        if col in have and col != "load_id":
            cols.append(f'CAST("{col}" AS {TYPES.get(col, "VARCHAR")}) AS "{col}"')
        elif col == "load_id":
            fill = ("'" + load_id.replace("'", "''") + "'" if load_id is not None
                    else "NULL::VARCHAR")
            cols.append(f'coalesce(CAST("load_id" AS VARCHAR), {fill}) AS load_id'
                        if "load_id" in have else f"{fill} AS load_id")
        else:
            cols.append(f'NULL::{TYPES.get(col, "VARCHAR")} AS "{col}"')
    return f"SELECT {', '.join([*cols, *tail])} FROM ({source_sql})"


def decoded_columns(table: str, layout: str | None, load_literal: str) -> dict[str, str]:
    """SQL of each plain column of a coded file (alias ``c``; the dictionary joined as
    ``e``/``m`` for annual, ``r``/``p`` for monthly files) by its layout (None: BACI's
    coded layout)."""
    from kcbridge.store.lake_schema import CODED_UNIT

    if layout is None:  # BACI: source codes, HS text without leading zeros, kg
        return {"exporter": "e.iso3", "importer": "m.iso3",
                "product": "lpad(c.product_code, 6, '0')", "value_usd": "c.value_usd",
                "quantity": "c.quantity", "unit": f"'{CODED_UNIT}'",
                "load_id": load_literal, "reported_by": "NULL::VARCHAR"}
    cols = set(layout.split(","))
    out = {"product": "c.product", "value_usd": "c.value_usd", "quantity": "c.quantity",
           "unit": "c.unit", "load_id": load_literal}
    if table == "trade_annual":
        out.update(exporter="e.iso3", importer="m.iso3",
                   reported_by="c.reported_by" if "reported_by" in cols else "NULL::VARCHAR")
    else:
        out.update(month="c.month", reporter="r.iso3", partner="p.iso3", flow="c.flow")
    return out


def code_joins(table: str, layout: str | None) -> list[tuple[str, str]]:
    """(alias, code column) of the dictionary joins a coded file of ``table`` needs."""
    if table == "trade_annual" or layout is None:
        return [("e", "exporter_code"), ("m", "importer_code")]
    return [("r", "reporter_code"), ("p", "partner_code")]


__all__ = ["CODE_TYPES", "COUNTRY_COLUMNS", "LAKE_CODED_COLUMNS", "code_joins",
           "coded_select", "decoded_columns", "dictionary_sql", "distinct_countries_sql",
           "layout_columns", "merged_dictionary", "plain_select"]
