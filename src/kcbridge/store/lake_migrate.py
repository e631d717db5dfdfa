"""Moving a store from before the lake into it: the rows of the old base tables
``trade_annual`` / ``trade_monthly`` become lake files (one set per load: coded with the
load's dictionary when the load is recorded, plain for rows of no recorded load), in one
transaction with dropping the tables (see :meth:`kcbridge.store.lake.Lake.open`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.store.lake import Lake
    from kcbridge.store.lake_schema import LakeFile


def migrate_base_tables(lake: Lake, tables: list[str]) -> None:
    """Move the rows of the old-style base ``tables`` into ``lake``'s files and views."""
    duck = lake._duck()
    written: list[LakeFile] = []
    duck.execute("BEGIN TRANSACTION")  # one transaction: the files stay pending in it
    try:
        _copy_out(lake, tables, written)
        lake._insert_manifest(written)
        for table in tables:
            duck.execute(f'DROP TABLE "{table}"')
            lake.create_views(table)
    except BaseException:
        duck.execute("ROLLBACK")
        lake._pending_codes.clear()  # the dictionaries of files that never went live
        raise
    duck.execute("COMMIT")


def _copy_out(lake: Lake, tables: list[str], written: list[LakeFile]) -> None:
    duck = lake._duck()
    for table in tables:
        loads = [r[0] for r in duck.execute(
            f'SELECT DISTINCT load_id FROM "{table}"').fetchall()]
        for load_id in loads:
            literal = "'" + str(load_id).replace("'", "''") + "'"
            cond = "load_id IS NULL" if load_id is None else f"load_id = {literal}"
            recorded = load_id is not None and duck.execute(
                "SELECT count(*) FROM loads WHERE load_id = ?", [load_id]).fetchone()[0]
            written += lake.write(table, f'SELECT * FROM "{table}" WHERE {cond}',
                                  load_id if recorded else None)  # a load's: coded


__all__ = ["migrate_base_tables"]
