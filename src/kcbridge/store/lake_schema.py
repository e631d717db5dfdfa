"""Names and columns of the flows lake (see :mod:`kcbridge.store.lake`)."""

from __future__ import annotations

from dataclasses import dataclass

LAKE_TABLES = ("trade_annual", "trade_monthly")
MANIFEST = "lake_files"
REPORTS_VIEW = "trade_annual_reports"

#: Columns of each table as the views show them (the table's schema, in order).
VIEW_COLUMNS = {
    "trade_annual": ["year", "exporter", "importer", "product", "revision", "value_usd",
                     "quantity", "unit", "load_id"],
    "trade_monthly": ["month", "reporter", "partner", "flow", "product", "revision",
                      "value_usd", "quantity", "unit", "load_id"],
}
#: Columns stored inside the files (partition columns live in the folder names).
FILE_COLUMNS = {
    "trade_annual": ["exporter", "importer", "product", "value_usd", "quantity", "unit",
                     "load_id", "reported_by"],
    "trade_monthly": ["month", "reporter", "partner", "flow", "product", "value_usd",
                      "quantity", "unit", "load_id"],
}
#: Columns of a dictionary-coded annual file (``LakeFile.coded``; BACI's layout): the
#: source's own integer country codes (decoded through the catalogue table
#: :data:`COUNTRY_CODES`, per load) and HS codes as the source writes them (digits whose
#: leading zeros may be lost: zero-padded to six digits when read); values in USD,
#: quantities in kg, no reporter side.
#: The load is not a column: the manifest knows each file's load, and the views give it
#: (a constant string column cost ~10 % of the write).
CODED_COLUMNS = ["exporter_code", "importer_code", "product_code", "value_usd", "quantity"]
#: The catalogue's country dictionaries of coded files: (load_id, code) -> iso3.
COUNTRY_CODES = "lake_countries"
#: The unit of every coded file's quantities.
CODED_UNIT = "kg"
TYPES = {"exporter_code": "INTEGER", "importer_code": "INTEGER", "year": "SMALLINT",
         "month": "DATE", "value_usd": "DOUBLE", "quantity": "DOUBLE"}
MIRROR_KEY = ["year", "exporter", "importer", "product", "revision"]
SIDE_RANK = "CASE reported_by WHEN 'importer' THEN 0 WHEN 'exporter' THEN 1 ELSE 2 END"


@dataclass(frozen=True)
class LakeFile:
    """One live (or about to be live) Parquet file of the lake."""

    path: str  # relative to the lake root, POSIX separators
    table: str
    load_id: str | None
    rows: int
    revision: str
    year: int
    reports: bool  # holds rows with a reporter side (reported_by not NULL)
    coded: bool = False  # dictionary-coded (countries as integers), else FILE_COLUMNS
    #: a coded file's columns, comma-separated (the lake's own coding, lake_coded.py);
    #: None for BACI's coded layout (CODED_COLUMNS) and for plain files
    layout: str | None = None


__all__ = ["CODED_COLUMNS", "CODED_UNIT", "COUNTRY_CODES", "FILE_COLUMNS", "LAKE_TABLES",
           "MANIFEST", "MIRROR_KEY", "REPORTS_VIEW", "SIDE_RANK", "TYPES", "VIEW_COLUMNS",
           "LakeFile"]
