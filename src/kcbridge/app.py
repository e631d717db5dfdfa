"""The Platform: the one core object that the CLI, the HTTP API and the dashboard call.

It owns the settings, the store and the reference data, and gives one service per
capability (``trade``, ``watch``, ``docs``, ``partners``), created on first use.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from kcbridge.errors import InputError, NotFoundError
from kcbridge.reference.countries import CountryResolver, country_table
from kcbridge.reference.products import normalise_revision, product_table
from kcbridge.settings import Settings, load_settings
from kcbridge.store import Store

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.sources import LoadResult, ProgressCallback

SYNTHETIC_LABEL = "SYNTHETIC demo data: not real statistics"
#: the lazily created capability services (attributes of Platform)
CAPABILITY_SERVICES = ("trade", "watch", "docs", "partners")


@dataclass
class DemoSummary:
    size: str
    seed: int
    annual_rows: int
    monthly_rows: int
    years: list[int]
    countries: int
    products: int
    events: list[dict[str, Any]]
    seconds: float
    extras: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "synthetic": True}


class Platform:
    """kcbridge's core. ``Platform()`` reads settings from the environment;
    ``Platform(store_url="duckdb://:memory:")`` gives a throw-away store."""

    def __init__(self, settings: Settings | None = None, **overrides: Any) -> None:
        self.settings = settings or load_settings(**overrides)
        #: told (with a message) when the store is busy and opening it has to wait
        self.on_store_wait: Any = None
        self._seen_version: str | None = None

    # ---- store and reference data --------------------------------------------
    @cached_property
    def store(self) -> Store:
        from kcbridge.store.spark import open_store  # a pyspark:///DIR URL: SparkStore

        store = open_store(self.settings.resolved_store_url, lock_wait=self.settings.lock_wait,
                           on_wait=lambda message: self._tell_wait(message),
                           master=self.settings.spark_master)
        self._ensure_reference(store)
        self._seen_version = store.data_version()
        return store

    def _tell_wait(self, message: str) -> None:
        if self.on_store_wait is not None:
            self.on_store_wait(message)

    def acquire(self) -> None:
        """Open the store (waiting up to ``settings.lock_wait`` for another process) and,
        if another process changed it since this one last looked, drop the capability
        services so they rebuild what they derived from the old data (match indexes,
        complexity reports). Long-running processes call this before each unit of work."""
        store = self.store
        version = store.data_version()
        if version != self._seen_version and not store.committed(version):
            for name in CAPABILITY_SERVICES:
                self.__dict__.pop(name, None)
        self._seen_version = version

    def release(self) -> None:
        """Let other processes open the store until the next :meth:`acquire` or use."""
        store = self.__dict__.get("store")
        if store is not None:
            store.release()

    def _ensure_reference(self, store: Store) -> None:
        revision = self.settings.target_hs_revision
        with store.transaction():
            if store.count("countries") == 0:
                store.insert("countries", country_table())
            products = store.table("products")
            have = int(products.filter(products.revision == revision).count().execute())
            if have == 0:
                store.insert("products", product_table(revision))

    @cached_property
    def countries(self) -> CountryResolver:
        return CountryResolver()

    def country(self, code: str) -> str:
        """ISO3 of a country code or name typed by a user (NotFoundError otherwise)."""
        return self.countries.require(code)

    def list_countries(self, query: str | None = None) -> pd.DataFrame:
        t = self.store.table("countries")
        df = t.order_by("iso3").to_pandas()
        if query:
            q = query.strip().lower()
            exact = df["iso3"].str.lower().eq(q) | df["iso2"].str.lower().eq(q)
            if q.isdigit():
                exact = exact | df["numeric"].eq(int(q))
            if exact.any():
                return df[exact].reset_index(drop=True)
            mask = df["name"].str.lower().str.contains(q, regex=False) | df[
                "name_official"
            ].str.lower().str.contains(q, regex=False)
            df = df[mask]
        return df.reset_index(drop=True)

    def list_products(
        self, query: str | None = None, level: int | None = None, limit: int = 200
    ) -> pd.DataFrame:
        """HS products of the target revision whose code starts with ``query`` or whose
        name contains it."""
        t = self.store.table("products")
        t = t.filter(t.revision == self.settings.target_hs_revision)
        if level is not None:
            if level not in (2, 4, 6):
                raise InputError(f"HS level must be 2, 4 or 6, not {level}.")
            t = t.filter(t.level == level)
        if query:
            q = query.strip()
            if q.isdigit():
                t = t.filter(t.code.startswith(q))
            else:
                t = t.filter(t.name.lower().contains(q.lower()))
        return t.order_by("code").limit(limit).to_pandas()

    def product_names(self) -> pd.DataFrame:
        """The short HS name of every product of the target revision: columns
        ``product``, ``name`` (surrounding spaces trimmed; the source table pads some)."""
        t = self.store.table("products")
        t = t.filter(t.revision == self.settings.target_hs_revision)
        names = t.select(product=t.code, name=t.name_short.strip()).to_pandas()
        return names.drop_duplicates("product")

    def product(self, code: str) -> dict[str, Any]:
        df = self.list_products(code.strip(), limit=1)
        if df.empty or df.iloc[0]["code"] != code.strip():
            raise NotFoundError(
                f"Unknown HS code {code!r} in {self.settings.target_hs_revision}.",
                hint="Search with `kcbridge products QUERY`.",
            )
        return df.iloc[0].to_dict()

    def list_sectors(self) -> list[dict[str, Any]]:
        from kcbridge.reference.sectors import sector_taxonomy

        return [
            {
                "id": s.id,
                "name_en": s.name_en,
                "name_ko": s.name_ko,
                "name_zh": s.name_zh,
                "description": s.description,
                "hs6_count": len(s.hs6),
                "hs6": list(s.hs6),
                "keywords": {k: list(v) for k, v in s.keywords.items()},
            }
            for s in sector_taxonomy()
        ]

    def critical_items(self) -> pd.DataFrame:
        from kcbridge.reference.sectors import critical_items

        return critical_items()

    @property
    def synthetic(self) -> bool:
        return self.store.is_synthetic()

    # ---- status ----------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        """What the store holds: tables and row counts, periods, loads, synthetic flag."""
        store = self.store
        annual = store.table("trade_annual")
        monthly = store.table("trade_monthly")
        n_annual = int(annual.count().execute())
        n_monthly = int(monthly.count().execute())
        years: list[int] = []
        if n_annual:
            years = sorted(int(y) for y in annual.select("year").distinct().to_pandas()["year"])
        months: list[str] = []
        if n_monthly:
            agg = monthly.aggregate(first=monthly.month.min(), last=monthly.month.max()).to_pandas()
            months = [str(agg["first"].iloc[0])[:7], str(agg["last"].iloc[0])[:7]]
        loads = store.table("loads").order_by("loaded_at").to_pandas()
        tables = {
            name: store.count(name) for name in store.list_tables() if not name.startswith("_")
        }
        return {
            "store": self._display_url(),
            "backend": getattr(store, "engine", store.backend),
            "synthetic": store.is_synthetic(),
            "label": SYNTHETIC_LABEL if store.is_synthetic() else "",
            "target_hs_revision": self.settings.target_hs_revision,
            "tables": tables,
            "annual": {
                "rows": n_annual,
                "years": years,
                "exporters": int(annual.exporter.nunique().execute()) if n_annual else 0,
                "products": int(annual["product"].nunique().execute()) if n_annual else 0,
            },
            "monthly": {
                "rows": n_monthly,
                "months": months,
                "series": int(
                    monthly.select("reporter", "partner", "flow", "product")
                    .distinct()
                    .count()
                    .execute()
                )
                if n_monthly
                else 0,
            },
            "loads": [
                {
                    "load_id": r.load_id,
                    "format": r.format,
                    "source": r.source,
                    "loaded_at": str(r.loaded_at)[:19],
                    "target": r.target,
                    "rows": int(r.rows),
                    "periods": r.periods,
                    "synthetic": bool(r.synthetic),
                }
                for r in loads.itertuples()
            ],
        }

    def _display_url(self) -> str:
        return self.settings.resolved_store_url

    # ---- loading ------------------------------------------------------------------
    def load(
        self,
        fmt: str,
        path: str | Path,
        *,
        year: int | None = None,
        revision: str | None = None,
        progress: ProgressCallback | None = None,
        **options: Any,
    ) -> LoadResult:
        """Load one file of a public format (see ``kcbridge.sources.FORMATS``)."""
        from kcbridge.sources import load_file

        if revision is not None:
            revision = normalise_revision(revision)
        result = load_file(
            self.store,
            self.settings,
            fmt,
            path,
            year=year,
            revision=revision,
            progress=progress,
            **options,
        )
        if not result.skipped and self.store.is_synthetic():
            self.store.set_meta("synthetic", "mixed")
        return result

    def fetch(
        self, source: str, *, progress: ProgressCallback | None = None, **params: Any
    ) -> LoadResult:
        """Download from a public source (``baci`` or ``comtrade``) and load it."""
        from kcbridge import sources

        if source == "baci":
            return sources.fetch_baci(self.store, self.settings, progress=progress, **params)
        if source == "comtrade":
            return sources.fetch_comtrade(self.store, self.settings, progress=progress, **params)
        raise InputError(f"Unknown source {source!r}.", hint="Use `baci` or `comtrade`.")

    def demo(
        self,
        size: str = "default",
        seed: int | None = None,
        progress: ProgressCallback | None = None,
    ) -> DemoSummary:
        """Build the SYNTHETIC demo world into the store (replacing any earlier demo)."""
        from kcbridge.store.demo import write_demo_world

        return write_demo_world(
            self, size=size, seed=seed or self.settings.demo_seed, progress=progress
        )

    # ---- capability services -------------------------------------------------------
    def _service(self, module: str, cls: str) -> Any:
        refuse = getattr(self.store, "require_engine_capability", None)
        if refuse is not None:  # the Spark store: documents and partners stay single-machine
            refuse(module)
        mod = importlib.import_module(f"kcbridge.{module}.service")
        return getattr(mod, cls)(self)

    @cached_property
    def trade(self) -> Any:
        """Complementarity and complexity (issue 3)."""
        return self._service("trade", "TradeService")

    @cached_property
    def watch(self) -> Any:
        """Supply-chain watch (issue 4)."""
        return self._service("watch", "WatchService")

    @cached_property
    def docs(self) -> Any:
        """Document intelligence (issue 5)."""
        return self._service("docs", "DocsService")

    @cached_property
    def partners(self) -> Any:
        """Partner registry, matchmaking and trust screening (issue 6)."""
        return self._service("partners", "PartnersService")

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()
            del self.__dict__["store"]
