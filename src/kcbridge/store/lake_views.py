"""The SQL of the views over the flows lake (see :mod:`kcbridge.store.lake`).

``trade_monthly`` reads its files. ``trade_annual_reports`` reads every annual report;
``trade_annual`` keeps one row per (year, exporter, importer, product, revision): the
importer's report, else the exporter's, else the reconciled row. When no file holds
one-sided reports (a store of BACI years) it is a plain read, with no window to pay for.

Files come in three layouts (``LakeFile.coded`` and ``.layout``): plain files hold the
table's columns (ISO3 countries, HS codes as text; written by stores from before every
loader wrote coded files, and by untagged writes); BACI's coded files hold the source's
integer country codes and its HS code text; the lake's own coded files (every other
writer, :mod:`kcbridge.store.lake_coded`) hold integer country codes of the load's own
dictionary and the other columns as they are. Coded files are decoded here at read time
through the catalogue's per-load country dictionary (and, for BACI, a zero-pad).
:func:`decoded_source` is the one place that knows every layout: the views, the scopes'
rewrites and deletes all read it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from kcbridge.store.lake_coded import code_joins, decoded_columns, dictionary_sql
from kcbridge.store.lake_schema import (
    COUNTRY_CODES,
    FILE_COLUMNS,
    MIRROR_KEY,
    REPORTS_VIEW,
    SIDE_RANK,
    TYPES,
    VIEW_COLUMNS,
    LakeFile,
)

Scan = Callable[..., str]  # scan(relative paths, filename=False) -> read_parquet(...)


def decoded_source(table: str, files: Sequence[LakeFile], scan: Scan, *,
                   filename: bool = False,
                   pending: Mapping[str, Sequence[tuple[int, str]]] | None = None) -> str:
    """A ``SELECT`` of the rows of ``files`` (any layout) with the table's file columns
    (:data:`FILE_COLUMNS`), ``revision`` and ``year`` (and ``filename`` when asked).
    ``pending``: the dictionaries of loads not committed yet (load -> (code, iso3)),
    used instead of the catalogue's for their files."""
    cols = FILE_COLUMNS[table]
    tail = ", revision, year" + (", filename" if filename else "")
    plain = [f for f in files if not f.coded]
    coded = [f for f in files if f.coded]
    parts = []
    if plain:
        quoted = ", ".join(f'"{c}"' for c in cols)
        parts.append(f"SELECT {quoted}{tail} "
                     f"FROM {scan([f.path for f in plain], filename=filename)}")
    if coded:
        ctail = ", c.revision, c.year" + (", c.filename" if filename else "")
        groups: dict[tuple[str, str], list[LakeFile]] = {}
        for f in coded:
            groups.setdefault((str(f.load_id), f.layout or ""), []).append(f)
        for (load_id, layout), part in sorted(groups.items()):  # one join per code column
            literal = "'" + load_id.replace("'", "''") + "'"
            decoded = decoded_columns(table, layout or None, literal)
            select = ", ".join(f"{decoded[c]} AS {c}" for c in cols)
            codes = (dictionary_sql(pending[load_id]) if pending and load_id in pending else
                     f"(SELECT code, iso3 FROM {COUNTRY_CODES} WHERE load_id = {literal})")
            joins = " ".join(f"LEFT JOIN {codes} {alias} ON {alias}.code = c.{col}"
                             for alias, col in code_joins(table, layout or None))
            parts.append(
                f"SELECT {select}{ctail} FROM {scan([f.path for f in part], filename=filename)}"
                f" c {joins}")
    if not parts:
        empty = ", ".join(f'NULL::{TYPES.get(c, "VARCHAR")} AS "{c}"' for c in cols)
        return (f"SELECT {empty}, NULL::VARCHAR AS revision, NULL::SMALLINT AS year"
                + (", NULL::VARCHAR AS filename" if filename else "") + " WHERE false")
    return " UNION ALL ".join(parts)


def view_statements(table: str, files: list[LakeFile],
                    source: Callable[[Iterable[LakeFile]], str]) -> list[str]:
    """``CREATE OR REPLACE VIEW`` statements of ``table`` over ``files``; ``source``
    turns files into a ``SELECT`` of their decoded rows (:func:`decoded_source`)."""
    cols = VIEW_COLUMNS[table]
    select = ", ".join(f'CAST("{c}" AS {TYPES.get(c, "VARCHAR")}) AS "{c}"' for c in cols)
    empty = ", ".join(f'NULL::{TYPES.get(c, "VARCHAR")} AS "{c}"' for c in cols)

    def rows(part: list[LakeFile]) -> str:
        return f"({source(part)}) src"

    if table == "trade_monthly":
        body = (f"SELECT {select} FROM {rows(files)}" if files
                else f"SELECT {empty} WHERE false")
        return [f"CREATE OR REPLACE VIEW trade_monthly AS {body}"]
    all_cols = ", ".join(f'"{c}"' for c in cols)
    if files:
        reports = f"SELECT {select}, reported_by FROM {rows(files)}"
    else:
        reports = f"SELECT {empty}, NULL::VARCHAR AS reported_by WHERE false"
    sided = [f for f in files if f.reports]
    plain = [f for f in files if not f.reports]
    if not sided:
        body = f"SELECT {all_cols} FROM {REPORTS_VIEW}"
    else:
        keys = ", ".join(MIRROR_KEY)
        best = (f"SELECT {all_cols} FROM (SELECT {select}, reported_by FROM "
                f"{rows(sided)}) QUALIFY row_number() OVER "
                f"(PARTITION BY {keys} ORDER BY {SIDE_RANK}, load_id) = 1")
        body = f"WITH best AS ({best}) SELECT {all_cols} FROM best"
        if plain:
            body += (f" UNION ALL SELECT {', '.join(f'p.{c}' for c in cols)} FROM "
                     f"(SELECT {select} FROM {rows(plain)}) p "
                     f"ANTI JOIN best b USING ({keys})")
    return [f"CREATE OR REPLACE VIEW {REPORTS_VIEW} AS {reports}",
            f"CREATE OR REPLACE VIEW trade_annual AS {body}"]


__all__ = ["decoded_source", "view_statements"]
