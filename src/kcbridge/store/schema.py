"""Table schemas of the core store. Capability packages add their own with
``Store.ensure_table``."""

from __future__ import annotations

import ibis

TRADE_ANNUAL = ibis.schema(
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

TRADE_MONTHLY = ibis.schema(
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

COUNTRIES = ibis.schema(
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

PRODUCTS = ibis.schema(
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

LOADS = ibis.schema(
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
    }
)

META = ibis.schema({"key": "string", "value": "string"})

CORE_TABLES: dict[str, ibis.Schema] = {
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
