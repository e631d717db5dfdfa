"""Per-pair trade complementarity for matchmaking, kept in the store's derived results
(split from :mod:`kcbridge.partners.storage`: a match answered from the kept answers needs
none of it). The figures are kept as plain JSON rows (``partner_complementarity_rows``),
so a first-time match reads them without pandas; computing them (the trade service) and
reading the Parquet frame earlier versions kept (``partner_complementarity``) import it."""

from __future__ import annotations

from typing import Any

from kcbridge.partners.complement import ComplementarityCache, SectorComplementarity
from kcbridge.store.derived import DerivedResults


class StoredComplementarity(ComplementarityCache):
    """:class:`ComplementarityCache` whose per-pair figures are kept in the store."""

    def refresh(self) -> StoredComplementarity:
        """As the parent's, but with nothing in memory there is nothing to forget, so no
        fingerprint is read (a count over the flows' lake view, ~0.05-0.09 s in every new
        ``partners match`` process): the figures come from the kept results, keyed by the
        flows' version. The next refresh with figures in memory reads it, and forgets
        them once (they are read again from the kept results)."""
        if not self._pairs:
            self._fingerprint = "not read"
            return self
        super().refresh()
        return self

    def _current_fingerprint(self) -> str:
        """The parent's fingerprint (annual rows and every load id), in plain SQL on
        DuckDB: a match whose figures are kept needs no Ibis."""
        from kcbridge.errors import KcbridgeError
        from kcbridge.store.lookups import is_duckdb, query_rows

        store = self.platform.store
        if not is_duckdb(store):
            return super()._current_fingerprint()
        try:
            loads = [r[0] for r in query_rows(store, "loads", "SELECT load_id FROM loads")]
            return f"{store.count('trade_annual')}:{','.join(sorted(map(str, loads)))}"
        except KcbridgeError:
            return "none"

    def _compute(self, a: str, b: str) -> dict[str, SectorComplementarity]:
        store = self.platform.store
        try:
            version = store.flows_version("trade_annual")
        except Exception:  # noqa: BLE001 - no flows table: nothing to keep
            return super()._compute(a, b)
        cache = DerivedResults.for_store(store)
        key = {"a": a, "b": b}
        kept = cache.get_json("partner_complementarity_rows", key, version)
        if isinstance(kept, list):
            return {str(r["sector"]): SectorComplementarity(
                str(r["sector"]), a, b, float(r["value"]),
                None if r["year"] is None else int(r["year"]), str(r["verdict"]))
                for r in kept}
        found = cache.get("partner_complementarity", key, version)  # Parquet: pandas
        if found is not None:
            import pandas as pd

            out = {str(r["sector"]): SectorComplementarity(
                str(r["sector"]), a, b, float(r["value"]),
                None if pd.isna(r["year"]) else int(r["year"]), str(r["verdict"]))
                for r in found.to_dict("records")}
        else:
            out = super()._compute(a, b)
        rows: list[dict[str, Any]] = [
            {"sector": c.sector, "value": c.value, "year": c.year, "verdict": c.verdict}
            for c in out.values()]
        cache.put_json("partner_complementarity_rows", key, version, rows)
        return out
