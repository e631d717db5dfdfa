"""The Platform: the one core object that the CLI, the HTTP API and the dashboard call.

It owns the settings, the store and the reference data, and gives one typed service per
capability (``trade``, ``watch``, ``docs``, ``partners``: see :mod:`kcbridge.capabilities`),
created on first use. Importing this module imports neither pandas nor Ibis nor any
capability's package: each is imported when first used.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from kcbridge.capabilities import CAPABILITIES, capability, demo_steps
from kcbridge.errors import InputError, KcbridgeError, NotFoundError
from kcbridge.formats import SYNTHETIC_LABEL
from kcbridge.settings import Settings, load_settings

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from kcbridge.docs.service import DocsService
    from kcbridge.partners.service import PartnersService
    from kcbridge.reference.countries import CountryResolver
    from kcbridge.sources import LoadResult, ProgressCallback
    from kcbridge.store import Store
    from kcbridge.trade.service import TradeService
    from kcbridge.watch.service import WatchService

__all__ = ["SYNTHETIC_LABEL", "DemoSummary", "Platform"]


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
    ``Platform(store_url="duckdb://:memory:")`` gives a throw-away store.

    ``Platform(read_only=True)`` opens a DuckDB file store read-only, so that any number
    of processes read it at once (see :mod:`kcbridge.store.store`): derived results are
    still kept (beside the catalogue), every write raises
    :class:`~kcbridge.store.store.ReadOnlyStoreError`, and a store that must first be
    created or migrated (a missing file, an old schema, missing reference tables) is
    opened read-write by this one process instead."""

    def __init__(self, settings: Settings | None = None, *, read_only: bool = False,
                 **overrides: Any) -> None:
        self.settings = settings or load_settings(**overrides)
        #: open the store read-only (see the class docstring); set before the store opens
        self.read_only = read_only
        #: told (with a message) when the store is busy and opening it has to wait
        self.on_store_wait: Any = None
        self._seen_version: str | None = None

    # ---- store and reference data --------------------------------------------
    @cached_property
    def store(self) -> Store:
        from kcbridge.store.spark import is_spark_url, open_store  # pyspark:///DIR: Spark

        url = self.settings.resolved_store_url
        on_wait = self._tell_wait
        if self.read_only and not is_spark_url(url):  # the Spark store always writes
            from kcbridge.store.store import Store

            store = Store(url, lock_wait=self.settings.lock_wait, on_wait=on_wait,
                          read_only=True)
        else:
            store = open_store(url, lock_wait=self.settings.lock_wait, on_wait=on_wait,
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
            for cap in CAPABILITIES:
                self.__dict__.pop(cap.name, None)
        self._seen_version = version

    def release(self) -> None:
        """Let other processes open the store until the next :meth:`acquire` or use."""
        store = self.__dict__.get("store")
        if store is not None:
            store.release()

    def _ensure_reference(self, store: Store) -> None:
        """Fill the reference tables when empty. A read when they are full; a store
        opened read-only that lacks them falls back to a read-write open."""
        revision = self.settings.target_hs_revision
        if store.count("countries") and store.count("products", revision=revision):
            return
        if getattr(store, "read_only", False):
            store.reopen_for_writing()
        with store.transaction():  # the tables (and pandas) are imported only when missing
            if store.count("countries") == 0:
                from kcbridge.reference.countries import country_table

                store.insert("countries", country_table())
            if store.count("products", revision=revision) == 0:
                from kcbridge.reference.products import product_table

                store.insert("products", product_table(revision))

    @cached_property
    def countries(self) -> CountryResolver:
        from kcbridge.reference.countries import CountryResolver

        return CountryResolver()

    def country(self, code: str) -> str:
        """ISO3 of a country code or name typed by a user (NotFoundError otherwise)."""
        iso3 = code.strip().upper()
        if len(iso3) == 3 and iso3.isalpha() and self.store.count("countries", iso3=iso3):
            return iso3  # an ISO3 code of the store's table: no name tables to load
        return self.countries.require(code)

    def list_countries(self, query: str | None = None) -> pd.DataFrame:
        """Countries whose code (ISO3, ISO2, numeric) or whole name (English, Korean,
        Chinese) is ``query``; else those whose English name contains it; all without."""
        df = self.store.frame("countries", order_by="iso3")
        if query:
            columns = ["iso3", "iso2", "numeric", "name", "name_official"]
            rows = [dict(zip(columns, r, strict=True))
                    for r in df[columns].itertuples(index=False, name=None)]
            df = df.iloc[self._matching_countries(rows, query)]
        return df.reset_index(drop=True)

    def _matching_countries(self, rows: list[dict[str, Any]], query: str) -> list[int]:
        """Positions in ``rows`` (iso3, iso2, numeric, name, name_official; by ISO3) of the
        countries :meth:`list_countries` answers ``query`` with: a code (ISO3, ISO2,
        numeric) or a whole name in any script, else a part of the English names."""
        def low(value: Any) -> str:
            return value.lower() if isinstance(value, str) else ""

        q = query.strip().lower()
        exact = [i for i, r in enumerate(rows) if low(r["iso3"]) == q or low(r["iso2"]) == q
                 or (q.isdigit() and r["numeric"] == int(q))]
        if not exact:  # a whole name in any script: 한국, 中国, Republic of Korea
            iso3 = self.countries.lookup(query) or ""
            exact = [i for i, r in enumerate(rows) if r["iso3"] == iso3]
        return exact or [i for i, r in enumerate(rows)
                         if q in low(r["name"]) or q in low(r["name_official"])]

    def country_rows(self, query: str | None = None,
                     columns: tuple[str, ...] = ("iso3", "iso2", "numeric", "name", "continent",
                                                 "eu_member")) -> list[dict[str, Any]] | None:
        """:meth:`list_countries` (its ``columns``) as dicts of plain values, read with
        plain SQL on a DuckDB store and filtered the same way; None on other engines."""
        store = self.store
        if getattr(store, "engine", store.backend) != "duckdb":
            return None
        from kcbridge.store.lookups import query_rows

        names = ["iso3", "iso2", "numeric", "name", "name_official", *columns]
        picked = ", ".join(f'"{c}"' for c in dict.fromkeys(names))
        rows = [dict(zip(dict.fromkeys(names), r, strict=True)) for r in query_rows(
            store, "countries", f"SELECT {picked} FROM countries ORDER BY iso3")]
        if query:
            rows = [rows[i] for i in self._matching_countries(rows, query)]
        return [{c: r[c] for c in columns} for r in rows]

    def list_products(
        self, query: str | None = None, level: int | None = None, limit: int = 200
    ) -> pd.DataFrame:
        """HS products of the target revision whose code starts with ``query`` or whose
        name contains it. Plain SQL on a DuckDB store (no Ibis to import)."""
        if level is not None and level not in (2, 4, 6):
            raise InputError(f"HS level must be 2, 4 or 6, not {level}.")
        store = self.store
        if getattr(store, "engine", store.backend) == "duckdb":
            from kcbridge.store.lookups import find_products

            return find_products(store, self.settings.target_hs_revision, query, level, limit)
        t = store.table("products")
        t = t.filter(t.revision == self.settings.target_hs_revision)
        if level is not None:
            t = t.filter(t.level == level)
        if query:
            q = query.strip()
            if q.isdigit():
                t = t.filter(t.code.startswith(q))
            else:
                t = t.filter(t.name.lower().contains(q.lower()))
        return t.order_by("code").limit(limit).to_pandas()

    def product_rows(self, query: str | None = None, level: int | None = None,
                     limit: int = 200) -> list[dict[str, Any]] | None:
        """:meth:`list_products` as dicts of plain values, read without pandas on a DuckDB
        store; None on other engines (use :meth:`list_products`)."""
        if level is not None and level not in (2, 4, 6):
            raise InputError(f"HS level must be 2, 4 or 6, not {level}.")
        store = self.store
        if getattr(store, "engine", store.backend) != "duckdb":
            return None
        from kcbridge.store.lookups import find_product_rows

        return find_product_rows(store, self.settings.target_hs_revision, query, level, limit)

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
        return {str(k): v for k, v in df.iloc[0].to_dict().items()}

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
        summary = store.summary()  # plain SQL on DuckDB (fast); the engine's own on Spark
        return {
            "store": self._display_url(),
            "backend": getattr(store, "engine", store.backend),
            "synthetic": store.is_synthetic(),
            "label": SYNTHETIC_LABEL if store.is_synthetic() else "",
            "target_hs_revision": self.settings.target_hs_revision,
            "tables": summary["tables"],
            "annual": summary["annual"],
            "monthly": summary["monthly"],
            "loads": summary["loads"],
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
        from kcbridge.reference.products import normalise_revision
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
        prepare_views: bool | None = None,
    ) -> DemoSummary:
        """Build the SYNTHETIC demo world into the store (replacing any earlier demo): its
        trade flows, then each capability's demo step (see :mod:`kcbridge.capabilities`),
        then (``prepare_views``; by default for every size but the tests' ``tiny``) the
        results the dashboard's first views read (:meth:`prepare_first_views`)."""
        from kcbridge.sources.demo import generate_demo_world
        from kcbridge.store.demo import event_record, write_demo_flows

        seed = seed or self.settings.demo_seed
        started = time.perf_counter()
        if progress:
            progress("generating the synthetic world", 0, 3)
        world = generate_demo_world(size, seed=seed)
        flows = write_demo_flows(self.store, annual=world.annual, monthly=world.monthly,
                                 events=world.events, size=world.size.name, seed=seed,
                                 progress=progress)
        extras = self._demo_steps(progress)
        if prepare_views if prepare_views is not None else world.size.name != "tiny":
            if progress:
                progress("keeping the dashboard's first views", 0, None)
            extras["dashboard"] = self.prepare_first_views()
        if progress:
            progress("done", 3, 3)
        return DemoSummary(
            size=world.size.name, seed=seed, annual_rows=flows.annual_rows,
            monthly_rows=flows.monthly_rows, years=flows.years, countries=flows.countries,
            products=flows.products, events=[event_record(e) for e in world.events],
            seconds=round(time.perf_counter() - started, 2), extras=extras,
        )

    def prepare_first_views(self) -> dict[str, Any]:
        """Keep what the dashboard's navigation links and their first links would
        otherwise compute on their first visit (seconds each on the default world; issue
        14): the Trade page (KOR-CHN complementarity by sector, latest year), the product
        space of KOR (HS4 indices, the layout of ~1,200 products), the complexity ranking,
        the dependency screen of /watch, the matches of the first organisation of
        /partners (the registry's vectors) and a document search (the sentence encoder's
        fast copy, the documents' text index). Asked with the pages' own arguments, so
        they land under the keys the pages look up. Returns the seconds of each, or
        ``"skipped: why"`` (no flows, no registry, documents on Spark)."""
        def first_matches() -> None:
            orgs = self.partners.organisations()
            if orgs.empty:
                raise NotFoundError("The registry holds no organisations.")
            org = str(orgs["org_id"].iloc[0])
            self.partners.match(org, k=10, record_exposure=False)
            self.partners.peers(org, k=5)

        steps = {
            "complementarity": lambda: self.trade.complementarity("KOR", "CHN", None,
                                                                  by="sector", top=5),
            "product_space": lambda: self.trade.network("KOR", None, top=20),
            "complexity": lambda: self.trade.complexity(None),
            "dependency_screen": lambda: self.watch.screen(limit=1),
            "partner_matches": first_matches,
            "document_search": lambda: self.docs.search("cooperation", limit=1),
        }
        done: dict[str, Any] = {}
        for name, step in steps.items():
            started = time.perf_counter()
            try:
                step()
                done[name] = round(time.perf_counter() - started, 2)
            except KcbridgeError as exc:
                done[name] = f"skipped: {exc.message}"
        return done

    def _demo_steps(self, progress: ProgressCallback | None) -> dict[str, Any]:
        """Each capability's SYNTHETIC demo content (sample documents, registry, a first
        scan), in the registry's demo order; on a Spark store the single-machine ones say
        they were skipped."""
        from kcbridge.store.spark import SingleMachineError

        extras: dict[str, Any] = {}
        for cap in demo_steps():
            try:
                service = getattr(self, cap.name)
            except SingleMachineError as exc:  # the Spark store: documents and partners
                extras[cap.name] = {"skipped": exc.message}
                continue
            if progress:
                progress(f"demo content: {cap.name}", 0, None)
            extras[cap.name] = getattr(service, str(cap.demo_step))()
        return extras

    # ---- capability services -------------------------------------------------------
    def holds(self, name: str) -> bool:
        """Whether the store holds any row of capability ``name``'s tables, asked without
        creating its service (which may create its tables, or be refused on Spark)."""
        store = self.store
        present = set(store.list_tables())
        return any(t in present and store.count(t) > 0 for t in capability(name).tables)

    def _service(self, name: str) -> Any:
        """A new service of capability ``name`` (refused on a Spark store for the
        capabilities that stay single-machine)."""
        refuse = getattr(self.store, "require_engine_capability", None)
        if refuse is not None:  # the Spark store: documents and partners stay single-machine
            refuse(name)
        return capability(name).load_service_class()(self)

    @cached_property
    def trade(self) -> TradeService:
        """Complementarity and complexity (issue 3)."""
        return cast("TradeService", self._service("trade"))

    @cached_property
    def watch(self) -> WatchService:
        """Supply-chain watch (issue 4)."""
        return cast("WatchService", self._service("watch"))

    @cached_property
    def docs(self) -> DocsService:
        """Document intelligence (issue 5)."""
        return cast("DocsService", self._service("docs"))

    @cached_property
    def partners(self) -> PartnersService:
        """Partner registry, matching and trust screening (issue 6)."""
        return cast("PartnersService", self._service("partners"))

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()
            del self.__dict__["store"]
