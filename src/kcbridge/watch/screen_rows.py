"""The dependency screen as plain rows (no pandas, no Ibis): a page of :meth:`WatchService.
screen <kcbridge.watch.service.WatchService.screen>` read from what the screen keeps beside
its frame, for a screen asked for the first time in a new process (issue 14: a screen never
printed before answered in well under 1 s; importing pandas alone is ~0.4 s of it).

When the screen computes or reads its kept frame it also keeps the same rows as JSON
(``watch_screen_rows``, same key and version), and the product links (sectors, critical
items) as JSON (``product_links_rows``); :meth:`PlainScreenMixin.screen_rows` filters, sorts
and pages those rows the way :meth:`screen` does and adds the links and the products'
short names (plain SQL). Where either is missing (a store screened by an earlier kcbridge,
not DuckDB) it answers None and the caller uses :meth:`screen`, which then keeps them.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from kcbridge.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: the importers screened by default, and the regimes whose flags a row may carry
#: (:data:`kcbridge.watch.service.DEFAULT_IMPORTERS` and ``REGIMES``: the service imports
#: them from here)
DEFAULT_IMPORTERS = ("KOR", "CHN")
REGIMES = ("eu2021", "geodep", "korea", "merics")
#: the screen's order: largest imports first, then importer and product
SCREEN_ORDER = [("imports", False), ("importer", True), ("product", True)]
FLAG_ROWS = "watch_screen_rows"
LINK_ROWS = "product_links_rows"


class PlainScreenMixin:
    store: Any
    platform: Any

    def _latest_year(self) -> int:  # pragma: no cover - the service defines it
        raise NotImplementedError

    @staticmethod
    def _flags_key(importers: list[str], year: int, few_alternatives: int) -> dict[str, Any]:
        """The key the screen's flags of ``importers`` and ``year`` are kept under."""
        from kcbridge.store.derived import code_digest

        return {"importers": list(importers), "year": year,
                "few_alternatives": few_alternatives,
                "code": code_digest("kcbridge.watch.dependency")}

    def _keep_plain_flags(self, key: dict[str, Any], version: str, frame: pd.DataFrame) -> None:
        """Keep ``frame`` (the screen's flags) as JSON rows too, once per version."""
        from kcbridge.store.derived import DerivedResults
        from kcbridge.watch.answers import plain_rows

        derived = DerivedResults.for_store(self.store)
        if not derived.has_json(FLAG_ROWS, key, version):
            derived.put_json(FLAG_ROWS, key, version, plain_rows(frame))

    @staticmethod
    def _links_key() -> dict[str, Any]:
        """The key of the product links: the code that makes them and the reference files."""
        from kcbridge.reference import sectors
        from kcbridge.store.derived import code_digest
        from kcbridge.watch import alerts as alert_rules

        data = Path(sectors.__file__).parent / "data"  # the taxonomy and critical items
        return {"code": code_digest(alert_rules, sectors, *(SimpleNamespace(__file__=str(f))
                                                            for f in sorted(data.glob("*"))))}

    def _keep_plain_links(self, key: dict[str, Any], links: dict[str, tuple[str, str]],
                          changed: bool) -> None:
        """Keep the product links as JSON too: when they ``changed`` (products added) or
        none are kept as JSON yet."""
        from kcbridge.store.derived import DerivedResults

        derived = DerivedResults.for_store(self.store)
        if changed or not derived.has_json(LINK_ROWS, key, "reference"):
            derived.put_json(LINK_ROWS, key, "reference",
                             {p: [s, c] for p, (s, c) in links.items()})

    def _screen_inputs(self, importers: list[str] | None, year: int | None,
                       regime: str | None) -> tuple[list[str], int]:
        """The screen's importers as ISO3 and its year (default: the latest loaded), after
        the checks every screen makes (flows loaded, a known regime)."""
        if not self.store.has_rows("trade_annual"):  # one row read (plain SQL on DuckDB)
            self.store.require_rows("trade_annual")  # the store's error, saying how to fill it
        wanted = [self.platform.country(i) for i in (importers or DEFAULT_IMPORTERS)]
        if year is None:
            year = self._latest_year()
        if regime is not None and regime not in REGIMES:
            raise InputError(f"Unknown regime {regime!r}.",
                             hint=f"Use one of {', '.join(REGIMES)}.")
        return wanted, year

    def screen_rows(
        self, *, importers: list[str] | None = None, year: int | None = None,
        regime: str | None = None, sector: str | None = None, flagged_only: bool = True,
        few_alternatives: int = 3, limit: int | None = None, offset: int = 0,
    ) -> dict[str, Any] | None:
        """:meth:`screen` as plain rows (``{"rows", "total", "year", "offset"}``; the same
        rows, columns and order), or None where the kept plain rows are missing or the
        store is not DuckDB (then call :meth:`screen`). Errors as :meth:`screen`'s."""
        from kcbridge.store.derived import DerivedResults
        from kcbridge.store.lookups import is_duckdb, query_rows
        from kcbridge.store.paging import page_rows

        if not is_duckdb(self.store):
            return None
        wanted, year = self._screen_inputs(importers, year, regime)
        screened = list(DEFAULT_IMPORTERS) if set(wanted) < set(DEFAULT_IMPORTERS) else wanted
        derived = DerivedResults.for_store(self.store)
        rows = derived.get_json(FLAG_ROWS, self._flags_key(screened, year, few_alternatives),
                                self.store.flows_version("trade_annual"))
        links = derived.get_json(LINK_ROWS, self._links_key(), "reference")
        if not isinstance(rows, list) or not isinstance(links, dict):
            return None
        keep = [r for r in rows if r["importer"] in wanted]
        if flagged_only:
            keep = [r for r in keep if any(r.get(g) for g in REGIMES)]
        if regime is not None:
            keep = [r for r in keep if r.get(regime)]
        if sector is not None:
            from kcbridge.reference.sectors import get_sector

            products = set(get_sector(sector).hs6)
            keep = [r for r in keep if r["product"] in products]
        page, total = page_rows(keep, SCREEN_ORDER, limit=limit, offset=offset)
        if any(str(r["product"]) not in links for r in page):
            return None  # links not kept for one of them: the frame path computes them
        codes = sorted({str(r["product"]) for r in page})
        names: dict[str, str] = {}
        if codes:
            found = query_rows(
                self.store, "products", 'SELECT code, TRIM(name_short, \' \t\n\r\x0b\x0c\') '
                "FROM products WHERE revision = ? AND code IN (SELECT unnest(string_split(?, "
                "',')))", [self.platform.settings.target_hs_revision, ",".join(codes)])
            for code, name in found:
                names.setdefault(str(code), name)
        out = [{**r, "sectors": links[str(r["product"])][0],
                "critical_item": links[str(r["product"])][1] != "",
                "product_name": names.get(str(r["product"]), "")} for r in page]
        return {"rows": out, "total": total, "year": year, "offset": offset}
