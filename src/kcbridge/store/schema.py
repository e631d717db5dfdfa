"""Table schemas of the core store. Capability packages add their own with
``Store.ensure_table``.

The schemas are plain ``{column: Ibis type name}`` dicts, so that opening a store that
already holds them imports no Ibis (``ibis_schema`` makes the Ibis schema when a table has
to be created). Opening checks them against the catalogue in one query
(:func:`missing_schema_work`): when every table and column is there, nothing is written and
nothing else is done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import ibis

Columns = dict[str, str]

TRADE_ANNUAL: Columns = dict(
    {
        "year": "int16",
        "exporter": "string",
        "importer": "string",
        "product": "string",
        "revision": "string",
        "value_usd": "float64",
        "quantity": "float64",
        "unit": "string",
        "load_id": "string",
    }
)

TRADE_MONTHLY: Columns = dict(
    {
        "month": "date",
        "reporter": "string",
        "partner": "string",
        "flow": "string",
        "product": "string",
        "revision": "string",
        "value_usd": "float64",
        "quantity": "float64",
        "unit": "string",
        "load_id": "string",
    }
)

COUNTRIES: Columns = dict(
    {
        "iso3": "string",
        "iso2": "string",
        "numeric": "int32",
        "name": "string",
        "name_official": "string",
        "continent": "string",
        "region": "string",
        "eu_member": "boolean",
        "oecd_member": "boolean",
        "kind": "string",
    }
)

PRODUCTS: Columns = dict(
    {
        "code": "string",
        "revision": "string",
        "level": "int8",
        "name": "string",
        "name_short": "string",
        "parent": "string",
        "end_use": "string",
    }
)

LOADS: Columns = dict(
    {
        "load_id": "string",
        "format": "string",
        "source": "string",
        "checksum": "string",
        "loaded_at": "timestamp",
        "target": "string",
        "rows": "int64",
        "periods": "string",
        "revision_in": "string",
        "revision_out": "string",
        "synthetic": "boolean",
        "notes": "string",
        # what the load replaces (store/lake.py): "complete year,revision",
        # "rows year,exporter,..." (key columns), "table" or "append"
        "scope": "string",
        # the loaded file's size: a file no load of its size was recorded for cannot be
        # "already loaded", so its checksum is computed beside the parse (pipeline.py)
        "bytes": "int64",
    }
)

META: Columns = {"key": "string", "value": "string"}

CORE_TABLES: dict[str, Columns] = {
    "countries": COUNTRIES,
    "products": PRODUCTS,
    "trade_annual": TRADE_ANNUAL,
    "trade_monthly": TRADE_MONTHLY,
    "loads": LOADS,
    "meta": META,
}

#: Rows of a new load replace stored rows of the same partition (a re-issued year of a
#: reporter replaces the old one), so reloading is idempotent.
PARTITION_KEYS: dict[str, list[str]] = {
    "trade_annual": ["year", "exporter", "importer"],
    "trade_monthly": ["month", "reporter", "partner", "flow"],
}

#: columns added to core tables after stores were first made (table -> column -> DuckDB type)
MIGRATIONS: dict[str, dict[str, str]] = {
    "loads": {"scope": "VARCHAR",  # stores made before load scopes
              "bytes": "BIGINT"},  # before file sizes (issue 13: loads of new files)
}


def ibis_schema(columns: Columns | ibis.Schema) -> ibis.Schema:
    """The Ibis schema of ``columns`` (imports Ibis: only when a table is created)."""
    import ibis

    return columns if isinstance(columns, ibis.Schema) else ibis.schema(columns)


def missing_schema_work(catalogue: dict[str, set[str]]) -> dict[str, Any]:
    """What opening a store must still do, given its catalogue (table or view name -> its
    column names): ``{"create": [core tables missing], "add_columns": {table: {column:
    type}}}``; both empty when the schema is current."""
    create = [name for name in CORE_TABLES if name not in catalogue]
    add = {table: {c: t for c, t in cols.items() if c not in catalogue.get(table, set())}
           for table, cols in MIGRATIONS.items() if table in catalogue}
    return {"create": create, "add_columns": {t: c for t, c in add.items() if c}}
