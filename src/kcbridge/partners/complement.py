"""The trade-complementarity hook for matchmaking, with a cache.

Matching asks for the complementarity of a sector between the query's country and each
partner country (``hook(sector, country_a, country_b) -> float | None``, 0..1). Issue 3's
``TradeService`` answers one sector at a time (``sector_complementarity``, about half a
second on the demo world); matching needs every sector for a country pair, so this cache
asks ``TradeService.complementarity(a, b, by="sector")`` once per pair (all sectors in one
pass) and keeps, per sector, the value (mean TCI of both directions in the latest year,
divided by 100, as ``sector_complementarity`` gives it), the year and the verdict.

The cache is tied to a fingerprint of the trade data (row count and load ids): ``refresh()``
(called by the service before each batch of matches) recomputes it after new data is
loaded. When the store holds no trade data, or the trade capability is
missing, every answer is None and matching goes on without the factor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kcbridge.errors import KcbridgeError

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.app import Platform
    from kcbridge.trade.service import TradeService


@dataclass(frozen=True)
class SectorComplementarity:
    """Complementarity of one sector between two countries."""

    sector: str
    country_a: str
    country_b: str
    value: float  # 0..1: mean of TCI(a exports -> b imports) and TCI(b -> a), / 100
    year: int | None
    verdict: str

    def note(self) -> str:
        """One line for a match explanation, e.g. ``Display panels: KOR-CHN trade
        complementarity 0.389 (TCI/100 2023, competing)``."""
        from kcbridge.reference.sectors import sector_name

        label = sector_name(self.sector)  # a sector id (read without pandas)
        if label is None:  # a name or an alias: the reference module resolves it
            from kcbridge.reference.sectors import get_sector

            try:
                label = get_sector(self.sector).name_en
            except KcbridgeError:
                label = self.sector
        year = f" {self.year}" if self.year else ""
        verdict = f", {self.verdict}" if self.verdict else ""
        return (f"{label}: {self.country_a}-{self.country_b} trade complementarity "
                f"{self.value:.3f} (TCI/100{year}{verdict})")


class ComplementarityCache:
    """Callable hook ``(sector, a, b) -> float | None`` over a Platform's trade data."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self._fingerprint: str | None = None
        self._pairs: dict[tuple[str, str], dict[str, SectorComplementarity]] = {}

    def _trade(self) -> TradeService | None:
        try:
            return self.platform.trade
        except Exception:  # noqa: BLE001 - no trade capability installed
            return None

    def _current_fingerprint(self) -> str:
        store = self.platform.store
        try:
            loads = store.table("loads").select("load_id").to_pandas()["load_id"]
            return f"{store.count('trade_annual')}:{','.join(sorted(map(str, loads)))}"
        except KcbridgeError:
            return "none"

    def refresh(self) -> ComplementarityCache:
        """Forget cached figures if the trade data changed since they were computed (one
        query; call it once before a batch of lookups)."""
        fingerprint = self._current_fingerprint()
        if fingerprint != self._fingerprint:
            self._pairs, self._fingerprint = {}, fingerprint
        return self

    def _pair(self, a: str, b: str) -> dict[str, SectorComplementarity]:
        if self._fingerprint is None:
            self.refresh()
        if (a, b) not in self._pairs and (b, a) in self._pairs:
            # the value is the mean of both directions: the same for (b, a)
            self._pairs[(a, b)] = {s: SectorComplementarity(s, a, b, c.value, c.year, c.verdict)
                                   for s, c in self._pairs[(b, a)].items()}
        if (a, b) not in self._pairs:
            self._pairs[(a, b)] = self._compute(a, b)
        return self._pairs[(a, b)]

    def _compute(self, a: str, b: str) -> dict[str, SectorComplementarity]:
        trade = self._trade()
        if trade is None or a == b or not a or not b:
            return {}
        bulk = getattr(trade, "complementarity", None)
        try:
            table = bulk(a, b, None, by="sector", top=1).table if bulk else None
        except KcbridgeError:
            return {}
        if table is None or not {"group", "complementarity"} <= set(table.columns):
            return self._one_by_one(trade, a, b)
        import pandas as pd

        out = {}
        for row in table.to_dict("records"):
            value = row["complementarity"]
            if value is None or pd.isna(value):
                continue
            out[str(row["group"])] = SectorComplementarity(
                str(row["group"]), a, b, float(value) / 100.0,
                int(row["year"]) if "year" in row else None, str(row.get("verdict") or ""))
        return out

    def _one_by_one(self, trade: TradeService, a: str, b: str) -> dict[str, SectorComplementarity]:
        from kcbridge.reference.sectors import sector_ids

        hook = getattr(trade, "sector_complementarity", None)
        out: dict[str, SectorComplementarity] = {}
        if hook is None:
            return out
        for sector in sector_ids():
            value = hook(sector, a, b)
            if value is not None:
                out[sector] = SectorComplementarity(sector, a, b, float(value), None, "")
        return out

    def lookup(self, sector: str, a: str, b: str) -> SectorComplementarity | None:
        return self._pair(a, b).get(sector)

    def __call__(self, sector: str, a: str, b: str) -> float | None:
        found = self.lookup(sector, a, b)
        return None if found is None else found.value
