"""The SQL of the views over the flows lake (see :mod:`kcbridge.store.lake`).

``trade_monthly`` reads its files. ``trade_annual_reports`` reads every annual report;
``trade_annual`` keeps one row per (year, exporter, importer, product, revision): the
importer's report, else the exporter's, else the reconciled row. When no file holds
one-sided reports (a store of BACI years) it is a plain read, with no window to pay for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kcbridge.store.lake_schema import (
    MIRROR_KEY,
    REPORTS_VIEW,
    SIDE_RANK,
    TYPES,
    VIEW_COLUMNS,
    LakeFile,
)


def view_statements(table: str, files: list[LakeFile],
                    scan: Callable[[Iterable[str]], str]) -> list[str]:
    """``CREATE OR REPLACE VIEW`` statements of ``table`` over ``files``; ``scan`` turns
    relative paths into a ``read_parquet`` call."""
    cols = VIEW_COLUMNS[table]
    select = ", ".join(f'CAST("{c}" AS {TYPES.get(c, "VARCHAR")}) AS "{c}"' for c in cols)
    empty = ", ".join(f'NULL::{TYPES.get(c, "VARCHAR")} AS "{c}"' for c in cols)
    if table == "trade_monthly":
        body = (f"SELECT {select} FROM {scan(f.path for f in files)}" if files
                else f"SELECT {empty} WHERE false")
        return [f"CREATE OR REPLACE VIEW trade_monthly AS {body}"]
    all_cols = ", ".join(f'"{c}"' for c in cols)
    if files:
        reports = f"SELECT {select}, reported_by FROM {scan(f.path for f in files)}"
    else:
        reports = f"SELECT {empty}, NULL::VARCHAR AS reported_by WHERE false"
    sided = [f for f in files if f.reports]
    plain = [f for f in files if not f.reports]
    if not sided:
        body = f"SELECT {all_cols} FROM {REPORTS_VIEW}"
    else:
        keys = ", ".join(MIRROR_KEY)
        best = (f"SELECT {all_cols} FROM (SELECT {select}, reported_by FROM "
                f"{scan(f.path for f in sided)}) QUALIFY row_number() OVER "
                f"(PARTITION BY {keys} ORDER BY {SIDE_RANK}, load_id) = 1")
        body = f"WITH best AS ({best}) SELECT {all_cols} FROM best"
        if plain:
            body += (f" UNION ALL SELECT {', '.join(f'p.{c}' for c in cols)} FROM "
                     f"(SELECT {select} FROM {scan(f.path for f in plain)}) p "
                     f"ANTI JOIN best b USING ({keys})")
    return [f"CREATE OR REPLACE VIEW {REPORTS_VIEW} AS {reports}",
            f"CREATE OR REPLACE VIEW trade_annual AS {body}"]


__all__ = ["view_statements"]
