"""TradeService: complementarity and complexity on the store's ``trade_annual`` flows.

The one entry point the CLI, the API and the dashboard call (``platform.trade``). It
reads the store, picks years, countries and groupings, and hands the work to the pure
functions of this package; it returns DataFrames and dataclasses and never prints.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kcbridge.errors import InputError, NotFoundError
from kcbridge.trade.explore_service import ExplorerMixin
from kcbridge.trade.flows import WORLD, product_codes, world_exports
from kcbridge.trade.groups import chapter_groups, end_use_groups, sector_groups

if TYPE_CHECKING:  # pragma: no cover - the Ibis-built analytics load when first computed:
    import ibis.expr.types as ir  # a result kept in the derived results needs no Ibis

    from kcbridge.app import Platform
    from kcbridge.trade.report import ComplexityReport

GROUPINGS = ("sector", "end_use", "chapter", "all")
LOAD_HINT = "Load trade data first: `kcbridge load baci FILE` (or `kcbridge demo` to try)."


@dataclass
class ComplementarityReport:
    """Complementarity of ``a`` and ``b`` in ``year`` per group, with the trend."""

    a: str
    b: str
    year: int
    by: str
    margin: float
    table: pd.DataFrame  # one row per group in ``year``: indices, verdict, basis
    top_complementary: pd.DataFrame
    top_competing: pd.DataFrame
    trend: pd.DataFrame  # one row per group and year loaded
    trend_summary: pd.DataFrame  # one row per group: first/last values and slopes
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "year": self.year,
            "by": self.by,
            "margin": self.margin,
            "table": self.table,
            "top_complementary": self.top_complementary,
            "top_competing": self.top_competing,
            "trend": self.trend,
            "trend_summary": self.trend_summary,
            "notes": self.notes,
        }


@dataclass
class ComplexityView:
    """ECI ranking and PCI of one year (``report`` keeps every index)."""

    year: int
    eci: pd.DataFrame
    pci: pd.DataFrame
    report: ComplexityReport | None  # None when the tables came from the derived results
    conventions: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "eci": self.eci,
            "pci": self.pci,
            "conventions": self.conventions,
        }


class TradeService(ExplorerMixin):
    """Complementarity and complexity analytics over the platform's store, and the
    explorer views (bilateral explorer, treemaps, series, product-space network)."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self._reports: dict[tuple[Any, ...], ComplexityReport] = {}

    # ---- inputs ------------------------------------------------------------------
    def flows(self) -> ir.Table:
        """``trade_annual`` (NotFoundError naming the command to run when it is empty)."""
        table = self.platform.store.table("trade_annual")
        if int(table.count().execute()) == 0:
            raise NotFoundError("The store holds no annual trade flows.", hint=LOAD_HINT)
        return table

    def years(self) -> list[int]:
        """The loaded years, ascending (NotFoundError naming the command to run when the
        store holds no annual flows). Plain SQL on DuckDB: no Ibis on a kept result."""
        from kcbridge.store.summary import annual_years

        loaded = annual_years(self.platform.store)
        if not loaded:
            raise NotFoundError("The store holds no annual trade flows.", hint=LOAD_HINT)
        return loaded

    def resolve_year(self, year: int | None) -> int:
        loaded = self.years()
        if year is None:
            return loaded[-1]
        if int(year) not in loaded:
            raise NotFoundError(
                f"No annual trade data for {year} (loaded years: "
                f"{', '.join(str(y) for y in loaded)}).",
                hint="Load that year (e.g. `kcbridge load baci FILE`) or pick a loaded year.",
            )
        return int(year)

    def resolve_country(self, code: str, year: int | None = None) -> str:
        iso3 = self.platform.country(code)
        t = self.flows()
        rows = t.filter((t.exporter == iso3) | (t.importer == iso3))
        if year is not None:
            rows = rows.filter(rows.year == year)
        if int(rows.limit(1).count().execute()) == 0:
            when = f" in {year}" if year is not None else ""
            raise NotFoundError(
                f"No trade flows of {iso3}{when} in the store.",
                hint="Load data that covers that country (e.g. `kcbridge load baci FILE`).",
            )
        return iso3

    def product_names(self) -> pd.DataFrame:
        """``product, name``: short HS names with lost hyphens put back ("Lithium-ion")."""
        return self.display_names()

    def groups(self, by: str = "sector", sector: str | None = None) -> pd.DataFrame | None:
        """The grouping as ``(group, product)`` in the store's codes (None for ``all``)."""
        if by not in GROUPINGS:
            raise InputError(
                f"Unknown grouping {by!r}.", hint=f"Use one of {', '.join(GROUPINGS)}."
            )
        if sector is not None and by != "sector":
            raise InputError("--sector needs the sector grouping.", hint="Drop --by or use sector.")
        if by == "all":
            return None
        codes = product_codes(self.flows())
        if by == "sector":
            wanted = None if sector is None else [self._sector_id(sector)]
            return sector_groups(codes, wanted)
        if by == "end_use":
            return end_use_groups(codes)
        return chapter_groups(codes)

    @staticmethod
    def _sector_id(sector: str) -> str:
        try:
            from kcbridge.reference.sectors import get_sector
        except ImportError:  # pragma: no cover - the taxonomy ships with kcbridge
            return sector
        return str(get_sector(sector).id)

    # ---- complementarity -----------------------------------------------------------
    def complementarity(
        self,
        a: str,
        b: str,
        year: int | None = None,
        sector: str | None = None,
        *,
        by: str = "sector",
        margin: float = 10.0,
        top: int = 10,
        aquino: bool = False,
    ) -> ComplementarityReport:
        """Per group (sector by default): TCI both ways, ESI, Grubel-Lloyd, the verdict with
        its basis, top complementary and competing products in ``year``, and the trend over
        the loaded years up to ``year``. Kept per flows version (see ``kept``)."""
        key = ("complementarity", self.platform.country(a), self.platform.country(b), year,
               sector, by, margin, top, aquino)
        return self.kept(key, lambda: self._complementarity(  # type: ignore[no-any-return]
            a, b, year, sector, by=by, margin=margin, top=top, aquino=aquino))

    def _complementarity(
        self,
        a: str,
        b: str,
        year: int | None,
        sector: str | None,
        *,
        by: str,
        margin: float,
        top: int,
        aquino: bool,
    ) -> ComplementarityReport:
        year = self.resolve_year(year)
        a, b = self.resolve_country(a, year), self.resolve_country(b, year)
        if a == b:
            raise InputError("Give two different countries.", hint="e.g. `KOR CHN`.")
        from kcbridge.trade.complementarity import complementarity_profile

        groups = self.groups(by, sector)
        trend_years = [y for y in self.years() if y <= year]
        profile = complementarity_profile(
            self.flows(),
            a,
            b,
            years=trend_years,
            groups=groups,
            margin=margin,
            top=top,
            aquino=aquino,
        )
        summary = profile.summary
        table = summary[summary["year"] == year].reset_index(drop=True)
        if table.empty:
            raise NotFoundError(
                f"No trade of {a} or {b} in the chosen products in {year}.",
                hint="Pick another sector or year, or load more data.",
            )
        names = self.product_names()
        tops = []
        for frame in (profile.top_complementary, profile.top_competing):
            frame = frame[frame["year"] == year]
            tops.append(frame.merge(names, on="product", how="left").reset_index(drop=True))
        notes = []
        if by == "sector" and codes_are_coarse(table, groups):
            notes.append(
                "The data is coarser than HS6: a heading counts for a sector when any of the "
                "sector's HS6 codes falls in it."
            )
        return ComplementarityReport(
            a, b, year, by, margin, table, tops[0], tops[1], summary, profile.trend, notes
        )

    def sector_complementarity(self, sector: str, a: str, b: str) -> float | None:
        """Mean TCI of the two directions in ``sector`` for the latest year, as 0..1 (the
        partners matchmaking hook); None when the store cannot say."""
        try:
            report = self.complementarity(a, b, None, sector, top=1)
        except (NotFoundError, InputError):
            return None
        value = report.table["complementarity"].iloc[0]
        return None if pd.isna(value) else float(value) / 100.0

    # ---- complexity ------------------------------------------------------------------
    def complexity_report(
        self,
        year: int | None = None,
        *,
        method: str = "eigenvector",
        normalisation: str | None = None,
        threshold: float = 1.0,
        countries: str = "atlas",
    ) -> ComplexityReport:
        """``countries``: ``atlas`` (default) keeps the Growth Lab's ranked countries
        (atlas-common-data ``in_rankings``: population and trade large and reliable enough),
        as the Atlas of Economic Complexity does, so tiny territories whose re-exports look
        sophisticated do not distort the ranking; ``all`` keeps every exporter."""
        year = self.resolve_year(year)
        country_set = ranked_country_set(countries)
        key = (
            year,
            method,
            normalisation,
            threshold,
            countries,
            self.platform.store.flows_version("trade_annual"),
        )
        if key not in self._reports:
            from kcbridge.trade.report import complexity_reports

            exports = world_exports(self.flows(), year)
            if country_set is not None:
                exports = exports.filter(exports.exporter.isin(sorted(country_set)))
            reports = complexity_reports(
                exports,
                [year],
                keep_proximity=True,
                method=method,
                normalisation=normalisation,
                threshold=threshold,
            )
            self._reports = {key: reports[year]}  # keep one: proximity matrices are large
        return self._reports[key]

    def complexity(
        self,
        year: int | None = None,
        *,
        method: str = "eigenvector",
        normalisation: str | None = None,
        threshold: float = 1.0,
        countries: str = "atlas",
    ) -> ComplexityView:
        """ECI ranking (``rank, country, name, eci, diversity, coi``) and PCI of products;
        ``countries`` as in :meth:`complexity_report`. Both tables are kept in the store's
        derived results per flows version (:mod:`kcbridge.store.derived`), so a new process
        reads them; ``report`` is then None (:meth:`complexity_report` rebuilds it)."""
        from kcbridge.store.derived import DerivedResults, code_digest

        store = self.platform.store
        year = self.resolve_year(year)
        version = store.flows_version("trade_annual")
        kept_key = {"year": year, "method": method, "normalisation": normalisation,
                    "threshold": threshold, "countries": countries,
                    "code": code_digest("kcbridge.trade.complexity", "kcbridge.trade.report")}
        derived = DerivedResults.for_store(store)
        kept = [derived.get(f"complexity_{part}", kept_key, version) for part in ("eci", "pci")]
        if kept[0] is not None and kept[1] is not None and "conventions" in kept[0].attrs:
            return ComplexityView(int(kept[0].attrs["year"]), kept[0], kept[1], None,
                                  dict(kept[0].attrs["conventions"]))
        view = self._complexity_view(year, method=method, normalisation=normalisation,
                                     threshold=threshold, countries=countries)
        view.eci.attrs.update(year=view.year, conventions=view.conventions)
        derived.put("complexity_eci", kept_key, version, view.eci)
        derived.put("complexity_pci", kept_key, version, view.pci)
        return view

    def _complexity_view(self, year: int, *, method: str, normalisation: str | None,
                         threshold: float, countries: str) -> ComplexityView:
        report = self.complexity_report(
            year,
            method=method,
            normalisation=normalisation,
            threshold=threshold,
            countries=countries,
        )
        eci = report.eci_table()
        names = self.platform.store.table("countries").select("iso3", "name").to_pandas()
        eci = eci.merge(names.rename(columns={"iso3": "country"}), on="country", how="left")
        eci = eci[["year", "rank", "country", "name", "eci", "diversity", "coi"]]
        pci = report.pci_table().merge(self.product_names(), on="product", how="left")
        conventions = {
            "method": report.indices.method,
            "normalisation": report.indices.normalisation,
            "sign": report.indices.sign,
            "rca_threshold": threshold,
            "countries": countries,
            "exports": "exports to the world (WLD rows, else the sum of bilateral rows)",
        }
        return ComplexityView(report.year or 0, eci, pci, report, conventions)

    def opportunities(self, country: str, year: int | None = None, top: int = 25) -> pd.DataFrame:
        """High-density, high-PCI products ``country`` does not yet export with RCA >= 1."""
        report = self.complexity_report(year)
        iso3 = self.platform.country(country)
        frame = report.opportunities(iso3, top=top)
        return frame.merge(self.product_names(), on="product", how="left")

    def product_space(
        self, country: str, year: int | None = None, max_products: int = 400
    ) -> dict[str, pd.DataFrame]:
        """Nodes (products: PCI, density, RCA, exported or not for ``country``) and edges
        (each product's strongest proximity link, the backbone of the product space),
        limited to the ``max_products`` most widely exported products (highest ubiquity)."""
        report = self.complexity_report(year)
        iso3 = self.platform.country(country)
        i = report.country_index(iso3)
        phi = report.proximity
        assert phi is not None
        ubiquity = report.ubiquity
        rca = np.asarray(report.rca[i])
        keep = np.argsort(-ubiquity, kind="stable")[:max_products]
        keep = np.sort(keep)
        sub = phi[np.ix_(keep, keep)].astype(np.float64).copy()
        np.fill_diagonal(sub, 0.0)
        partner = sub.argmax(axis=1)
        nodes = pd.DataFrame(
            {
                "product": report.products[keep],
                "pci": report.indices.pci[keep],
                "ubiquity": ubiquity[keep],
                "rca": rca[keep],
                "exported": report.mcp[i, keep].astype(bool),
                "density": report.density[i, keep] if report.density is not None else np.nan,
            }
        ).merge(self.product_names(), on="product", how="left")
        edges = pd.DataFrame(
            {
                "source": report.products[keep],
                "target": report.products[keep][partner],
                "proximity": sub[np.arange(len(keep)), partner],
            }
        )
        return {"nodes": nodes, "edges": edges}

    # ---- headline --------------------------------------------------------------------
    def headline(self) -> dict[str, Any]:
        """Rows for ``kcbridge report``: KOR-CHN verdict and ECI ranks (latest year)."""
        year = self.resolve_year(None)
        rows: list[dict[str, Any]] = []
        try:
            report = self.complementarity("KOR", "CHN", year, by="all", top=3)
            r = report.table.iloc[0]
            rows.append({"what": f"KOR-CHN {year}", "value": f"{r['verdict']}: {r['basis']}"})
        except NotFoundError:
            pass
        view = self.complexity(year)
        ranks = view.eci.set_index("country")["rank"]
        for c in ("KOR", "CHN"):
            if c in ranks.index:
                rows.append(
                    {"what": f"ECI rank {c} {year}", "value": f"{ranks[c]} of {len(ranks)}"}
                )
        return {"title": "Complementarity and complexity", "rows": rows}


COUNTRY_SETS = ("atlas", "all")


def ranked_country_set(name: str) -> frozenset[str] | None:
    """ISO3 codes of a named country set (None for ``all``)."""
    if name == "all":
        return None
    if name != "atlas":
        raise InputError(
            f"Unknown country set {name!r}.", hint=f"Use one of {', '.join(COUNTRY_SETS)}."
        )
    return _atlas_ranked()


@functools.lru_cache(maxsize=1)
def _atlas_ranked() -> frozenset[str]:
    from importlib import resources

    path = resources.files("atlas_common_data") / "data" / "static" / "in_rankings.csv"
    with path.open(encoding="utf-8") as fh:
        frame = pd.read_csv(fh)
    ranked = frame.loc[frame["in_rankings"].astype(bool), "iso3_code"].astype(str)
    return frozenset(ranked.str.upper())


def codes_are_coarse(table: pd.DataFrame, groups: pd.DataFrame | None) -> bool:
    """True when the grouping was matched on codes shorter than HS6."""
    if groups is None or groups.empty:
        return False
    return bool((groups["product"].astype(str).str.len() < 6).any())


__all__ = ["ComplementarityReport", "ComplexityView", "TradeService", "WORLD"]
