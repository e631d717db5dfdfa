"""The store's load history: which file was loaded before (``find_load``), whether a file of
this size could have been (``may_have_loaded``), and the version of the flows that caches of
derived results key on (``flows_version``). A mixin of :class:`kcbridge.store.store.Store`
(split from it by meaning: the connection, schema and transactions stay there)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kcbridge.store.lake import LAKE_TABLES

if TYPE_CHECKING:  # pragma: no cover
    import ibis

    from kcbridge.store.lake import Lake


class LoadHistory:
    """Questions about the ``loads`` table a load and the result caches ask."""

    if TYPE_CHECKING:  # provided by Store
        backend: str
        lake: Lake | None

        def _sql_rows(self, name: str, sql: str, params: list[Any] | None = None) -> list[Any]:
            ...

        def _raw(self) -> Any: ...
        def table(self, name: str) -> ibis.Table: ...
        def count(self, name: str, **where: Any) -> int: ...

    def find_load(self, fmt: str, checksum: str, target: str) -> dict[str, Any] | None:
        """The newest load of this file (format, checksum) into ``target``, or None."""
        if self.backend == "duckdb":  # plain SQL: every load asks this before any Ibis
            self._sql_rows("loads", "SELECT 1 FROM loads LIMIT 0")  # NotFoundError if missing
            cur = self._raw().execute(
                "SELECT * FROM loads WHERE format = ? AND checksum = ? AND target = ? "
                "ORDER BY loaded_at DESC, load_id DESC LIMIT 1", [fmt, checksum, target])
            row = cur.fetchone()
            if row is None:
                return None
            return dict(zip([d[0] for d in cur.description], row, strict=True))
        loads = self.table("loads")
        hit = loads.filter(
            (loads.format == fmt) & (loads.checksum == checksum) & (loads.target == target)
        ).order_by(["loaded_at", "load_id"]).to_pandas()
        return hit.iloc[-1].to_dict() if len(hit) else None

    def may_have_loaded(self, fmt: str, size: int, targets: list[str]) -> bool:
        """False only when no load of ``fmt`` into ``targets`` had a ``size``-byte file (or
        an unrecorded size), so :meth:`find_load` cannot find one. True off DuckDB."""
        marks = ", ".join("?" for _ in targets)
        return self.backend != "duckdb" or bool(self._sql_rows("loads", (
            f"SELECT count(*) FROM loads WHERE format = ? AND target IN ({marks}) AND "
            "(bytes IS NULL OR bytes = ?)"), [fmt, *targets, int(size)])[0][0])

    def flows_version(self, target: str) -> str:
        """Changes whenever the flows of ``target`` (``trade_annual``, ``trade_monthly``)
        change: their row count and the newest load into them. Loads are the only way
        flows are written, so caches of results derived from flows key on this rather
        than on :meth:`data_version` (which every write, such as an alert's status,
        changes)."""
        last = "-"
        if self.backend == "duckdb":  # plain SQL: a cache hit needs no Ibis
            newest = self._sql_rows(
                "loads", "SELECT load_id, loaded_at FROM loads WHERE contains(target, ?) "
                "ORDER BY loaded_at DESC, load_id DESC LIMIT 1", [target])  # demo: a+b
            if newest:
                last = f"{newest[0][0]}@{newest[0][1]}"
        else:
            import ibis

            loads = self.table("loads")
            frame = loads.filter(loads.target.contains(target)).order_by(
                [ibis.desc("loaded_at"), ibis.desc("load_id")]).limit(1).select(
                "load_id", "loaded_at").to_pandas()
            last = "-" if frame.empty else f"{frame.iloc[0, 0]}@{frame.iloc[0, 1]}"
        if self.lake is not None and target in LAKE_TABLES:  # + the live files' digest
            rows, files = self.lake.version(target)
            return f"{rows}:{last}" + (f":{files}" if files else "")
        return f"{self.count(target)}:{last}"
