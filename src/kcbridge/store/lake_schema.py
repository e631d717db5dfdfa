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
TYPES = {"year": "SMALLINT", "month": "DATE", "value_usd": "DOUBLE", "quantity": "DOUBLE"}
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


__all__ = ["FILE_COLUMNS", "LAKE_TABLES", "MANIFEST", "MIRROR_KEY", "REPORTS_VIEW", "SIDE_RANK",
           "TYPES", "VIEW_COLUMNS", "LakeFile"]
