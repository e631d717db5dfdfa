"""The explorer views of the trade service (issue 14): the bilateral explorer, treemaps,
time series of any flow and the product-space network.

:class:`ExplorerMixin` is part of :class:`~kcbridge.trade.service.TradeService`
(``platform.trade.explore(...)`` etc.); the work is done by the pure functions of
``explorer``, ``treemap``, ``network`` and ``space_network``. Every method returns a
dataclass of DataFrames with ``tables()`` (the sheets of an Excel export).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kcbridge.errors import InputError, NotFoundError
from kcbridge.reference.products import clean_short_names
from kcbridge.trade.explorer import (
    LEVELS,
    direction_totals,
    explorer_table,
    group_history,
    grouping,
    pair_flows,
)
from kcbridge.trade.flows import WORLD, world_exports
from kcbridge.trade.groups import sector_groups
from kcbridge.trade.product_space import opportunities as rank_opportunities
from kcbridge.trade.sections import section_table
from kcbridge.trade.treemap import DEPTHS, treemap_layout, treemap_tree

if TYPE_CHECKING:  # the network pulls in scipy.sparse.csgraph: imported when first drawn
    from kcbridge.app import Platform
    from kcbridge.trade.space_network import SpaceFrames

FLOWS = ("exports", "imports")


@dataclass
class BilateralView:
    """What ``a`` sells to ``b`` and ``b`` to ``a`` in ``year``, by ``by``."""

    a: str
    b: str
    year: int
    by: str
    table: pd.DataFrame  # explorer rows (both directions) with names
    totals: pd.DataFrame  # per year: exports both ways, total, balance
    history: pd.DataFrame  # yearly values of the top lines
    notes: list[str] = field(default_factory=list)

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"flows": self.table, "totals": self.totals, "history": self.history}

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "year": self.year, "by": self.by,
                "table": self.table, "totals": self.totals, "history": self.history,
                "notes": self.notes}


@dataclass
class TreemapView:
    country: str
    partner: str  # WLD for the world
    flow: str
    year: int
    depth: str
    total_usd: float
    table: pd.DataFrame  # leaves with names and rectangles

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"treemap": self.table}

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "partner": self.partner, "flow": self.flow,
                "year": self.year, "depth": self.depth, "total_usd": self.total_usd,
                "table": self.table}


@dataclass
class SeriesView:
    a: str
    b: str
    what: str  # "all products", "HS 8542 ...", "sector ..."
    annual: pd.DataFrame  # year, direction, value_usd
    monthly: pd.DataFrame  # month, direction, value_usd, source

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"annual": self.annual, "monthly": self.monthly}

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "what": self.what, "annual": self.annual,
                "monthly": self.monthly}


@dataclass
class NetworkView:
    country: str
    year: int
    threshold: float
    nodes: pd.DataFrame
    edges: pd.DataFrame
    opportunities: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        return {"opportunities": self.opportunities, "nodes": self.nodes, "edges": self.edges}

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "year": self.year, "threshold": self.threshold,
                "nodes": self.nodes, "edges": self.edges, "opportunities": self.opportunities}


class ExplorerMixin:
    """Explorer methods of TradeService (needs ``platform``, ``flows``, ``years``,
    ``resolve_year``, ``resolve_country`` and ``groups`` of the service)."""

    platform: Platform
    _names_cache: pd.DataFrame | None = None
    #: results kept per flows version (views are shared: treat them as read-only)
    KEEP = 48

    def kept(self, key: tuple[Any, ...], compute: Any) -> Any:
        """``compute()``, kept for ``key`` while the annual flows do not change
        (``Store.flows_version``): a repeated page or API call does no relational work."""
        version = self.platform.store.flows_version("trade_annual")
        memo: dict[tuple[Any, ...], Any] = self.__dict__.setdefault("_kept", {})
        full = (version, *key)
        if full not in memo:  # kept on disk too: a new CLI process reads, not recomputes
            from kcbridge.store.derived import DerivedResults, package_digest

            code = package_digest("kcbridge.trade", "kcbridge.reference")
            value = DerivedResults.for_store(self.platform.store).cached_object(
                f"trade_{key[0]}", list(key[1:]), f"{version}|{code}", compute)
            if len(memo) >= self.KEEP:
                memo.pop(next(iter(memo)))
            memo[full] = value
        return memo[full]

    def _annual(self) -> Any:
        """``trade_annual`` without the emptiness check of ``flows()`` (callers have
        resolved a loaded year already, which needs rows)."""
        return self.platform.store.table("trade_annual")

    # ---- names -----------------------------------------------------------------------
    def display_names(self) -> pd.DataFrame:
        """``product, name`` for every HS code (2, 4, 6 digits) of the target revision,
        with the hyphens the source's short names lost put back ("Lithium-ion")."""
        if self._names_cache is None:
            t = self.platform.store.table("products")
            t = t.filter(t.revision == self.platform.settings.target_hs_revision)
            raw = t.select("code", "name", "name_short").to_pandas().drop_duplicates("code")
            names = clean_short_names(raw["name_short"].fillna(raw["name"]).astype(str),
                                      raw["name"].fillna("").astype(str))
            self._names_cache = pd.DataFrame({"product": raw["code"].astype(str),
                                              "name": names})
        return self._names_cache

    def _group_names(self, by: str) -> pd.DataFrame:
        """``group, name, name_ko, name_zh`` of level ``by`` (ko/zh empty for HS codes)."""
        if by == "section":
            s = section_table()
            return pd.DataFrame({"group": s["section"], "name": s["name_en"],
                                 "name_ko": s["name_ko"], "name_zh": s["name_zh"]})
        if by == "sector":
            from kcbridge.reference.sectors import sector_taxonomy

            return pd.DataFrame([{"group": x.id, "name": x.name_en, "name_ko": x.name_ko,
                                  "name_zh": x.name_zh} for x in sector_taxonomy()])
        names = self.display_names().rename(columns={"product": "group"})
        return names.assign(name_ko="", name_zh="")

    # ---- bilateral explorer ------------------------------------------------------------
    def explore(self, a: str, b: str, year: int | None = None, by: str = "product",
                top: int | None = 50) -> BilateralView:
        """The bilateral explorer (see :mod:`kcbridge.trade.explorer` for the columns)."""
        key = ("explore", self.platform.country(a), self.platform.country(b), year, by, top)
        return self.kept(key, lambda: self._explore(a, b, year, by, top))  # type: ignore[no-any-return]

    def _explore(self, a: str, b: str, year: int | None, by: str, top: int | None
                 ) -> BilateralView:
        if by not in LEVELS:
            raise InputError(f"Unknown level {by!r}.", hint=f"Use --by {' | '.join(LEVELS)}.")
        if top is not None and top < 1:
            raise InputError("--top must be 1 or more.", hint="e.g. --top 20.")
        a_iso, b_iso = self.platform.country(a), self.platform.country(b)  # type: ignore[attr-defined]
        if a_iso == b_iso:
            raise InputError("Give two different countries.", hint="e.g. `KOR CHN`.")
        year = self.resolve_year(year)  # type: ignore[attr-defined]
        pair = pair_flows(self._annual(), a_iso, b_iso).to_pandas()
        if pair.empty or not (pair["year"] == year).any():
            raise NotFoundError(
                f"No trade between {a_iso} and {b_iso} in {year} in the store.",
                hint="Load bilateral flows covering both (e.g. `kcbridge load baci FILE`); "
                "exports-to-world files have no partner.",
            )
        products = pair["product"].astype(str).unique()
        sectors = sector_groups(products) if by == "sector" else None
        groups = grouping(products, by, sectors)
        table = explorer_table(pair, a_iso, b_iso, year, by, groups, top=top)
        table = table.merge(self._group_names(by), on="group", how="left")
        if by in ("product", "heading", "chapter"):
            table = table.drop(columns=["name_ko", "name_zh"])
        table = table.rename(columns={"group": by})
        wanted = table[by].astype(str).unique()
        history = group_history(pair, a_iso, b_iso, groups, wanted).rename(columns={"group": by})
        notes = []
        if by == "sector":
            notes.append("Cooperation sectors overlap and cover part of trade: their shares "
                         "do not add up to 100%.")
        return BilateralView(a_iso, b_iso, year, by, table,
                             direction_totals(pair, a_iso, b_iso), history, notes)

    # ---- treemap ---------------------------------------------------------------------
    def treemap(self, country: str, partner: str | None = None, year: int | None = None,
                flow: str = "exports", depth: str = "heading") -> TreemapView:
        """``country``'s exports (or imports) to ``partner`` (None: the world) in
        ``year`` as a section -> chapter -> heading treemap."""
        key = ("treemap", self.platform.country(country),
               self.platform.country(partner) if partner else None, year, flow, depth)
        return self.kept(  # type: ignore[no-any-return]
            key, lambda: self._treemap(country, partner, year, flow, depth))

    def _treemap(self, country: str, partner: str | None, year: int | None, flow: str,
                 depth: str) -> TreemapView:
        if flow not in FLOWS:
            raise InputError(f"Unknown flow {flow!r}.", hint="Use exports or imports.")
        if depth not in DEPTHS[1:]:
            raise InputError(f"Unknown depth {depth!r}.", hint="Use chapter or heading.")
        iso = self.platform.country(country)
        other = self.platform.country(partner) if partner else WORLD
        year = self.resolve_year(year)  # type: ignore[attr-defined]
        flows = self._annual()
        t = flows.filter(flows.year == year)
        if other == WORLD and flow == "exports":
            values = world_exports(flows, year).filter(lambda r: r.exporter == iso)
        elif other == WORLD:
            values = t.filter((t.importer == iso) & (t.exporter != WORLD))
        elif flow == "exports":
            values = t.filter((t.exporter == iso) & (t.importer == other))
        else:
            values = t.filter((t.exporter == other) & (t.importer == iso))
        frame = values.group_by("product").aggregate(
            value_usd=lambda r: r.value_usd.sum()).to_pandas()
        frame = frame[frame["value_usd"] > 0]
        if frame.empty:
            where = "the world" if other == WORLD else other
            raise NotFoundError(
                f"No {flow} of {iso} {'to' if flow == 'exports' else 'from'} {where} in {year}.",
                hint="Pick another year or partner, or load data that covers them.",
            )
        tree = treemap_tree(frame, depth)
        layout = treemap_layout(tree)
        names = self.display_names().set_index("product")["name"]
        sections = section_table().set_index("section")
        layout["section_name"] = layout["section"].map(sections["name_en"])
        layout["section_ko"] = layout["section"].map(sections["name_ko"])
        layout["section_zh"] = layout["section"].map(sections["name_zh"])
        layout["colour"] = layout["section"].map(sections["colour"])
        layout["chapter_name"] = layout["chapter"].map(names)
        if "heading" in layout.columns:
            layout["heading_name"] = layout["heading"].map(names)
        return TreemapView(iso, other, flow, year, depth, float(frame["value_usd"].sum()),
                           layout)

    # ---- time series -----------------------------------------------------------------
    def series(self, a: str, b: str | None = None, product: str | None = None,
               sector: str | None = None) -> SeriesView:
        """Yearly (and, where ``trade_monthly`` has them, monthly) values of ``a -> b`` and
        ``b -> a`` (``b`` None: ``a``'s exports to the world), for all products, an HS
        prefix ``product`` (2, 4 or 6 digits) or a cooperation ``sector``."""
        key = ("series", self.platform.country(a), self.platform.country(b) if b else None,
               product, sector)
        return self.kept(  # type: ignore[no-any-return]
            key, lambda: self._series(a, b, product, sector))

    def _series(self, a: str, b: str | None, product: str | None, sector: str | None
                ) -> SeriesView:
        if product and sector:
            raise InputError("Give a product or a sector, not both.")
        if product and not (product.isdigit() and len(product) in (2, 4, 6)):
            raise InputError(f"Invalid HS code {product!r}.", hint="Use 2, 4 or 6 digits.")
        a_iso = self.platform.country(a)
        b_iso = self.platform.country(b) if b else WORLD
        flows = self.flows()  # type: ignore[attr-defined]  # (says what to load when empty)
        codes: list[str] | None = None
        what = "all products"
        if sector:
            groups = self.groups("sector", sector)  # type: ignore[attr-defined]
            codes = sorted(groups["product"].astype(str).unique())
            from kcbridge.reference.sectors import get_sector

            what = f"{get_sector(str(groups['group'].iloc[0])).name_en} (sector)"
        elif product:
            names = self.display_names().set_index("product")["name"]
            what = f"HS {product} {names.get(product, '')}".strip()

        def restrict(t: Any) -> Any:
            if codes is not None:
                return t.filter(t["product"].isin(codes))
            if product:
                return t.filter(t["product"].startswith(product))
            return t

        directions = [(a_iso, b_iso)] if b_iso == WORLD else [(a_iso, b_iso), (b_iso, a_iso)]
        annual_parts = []
        for exporter, importer in directions:
            if importer == WORLD:
                world = world_exports(flows)
                rows = restrict(world.filter(world.exporter == exporter))
            else:
                rows = restrict(flows.filter((flows.exporter == exporter)
                                             & (flows.importer == importer)))
            per = rows.group_by("year").aggregate(value_usd=lambda r: r.value_usd.sum())
            annual_parts.append(per.to_pandas().assign(direction=f"{exporter}->{importer}"))
        annual = pd.concat(annual_parts, ignore_index=True)
        if annual.empty or annual["value_usd"].sum() <= 0:
            raise NotFoundError(
                f"No trade of {a_iso} with {b_iso} in {what} in the store.",
                hint="Pick another product, sector or partner, or load data that covers them.",
            )
        annual = annual.sort_values(["direction", "year"])[["year", "direction", "value_usd"]]
        monthly = self._monthly(directions, restrict)
        return SeriesView(a_iso, b_iso, what, annual.reset_index(drop=True), monthly)

    def _monthly(self, directions: list[tuple[str, str]], restrict: Any) -> pd.DataFrame:
        empty = pd.DataFrame(columns=["month", "direction", "value_usd", "source"])
        try:
            m = self.platform.store.table("trade_monthly")
        except NotFoundError:
            return empty
        parts = []
        for exporter, importer in directions:
            if importer == WORLD:
                continue
            for reporter, partner, flow, source in (
                (exporter, importer, "export", f"{exporter} exports"),
                (importer, exporter, "import", f"{importer} imports (mirror)"),
            ):
                rows = restrict(m.filter((m.reporter == reporter) & (m.partner == partner)
                                         & (m.flow == flow)))
                per = rows.group_by("month").aggregate(
                    value_usd=lambda r: r.value_usd.sum()).to_pandas()
                if not per.empty:
                    parts.append(per.assign(direction=f"{exporter}->{importer}", source=source))
                    break  # the exporter's own report first, the importer's mirror if none
        if not parts:
            return empty
        out = pd.concat(parts, ignore_index=True).sort_values(["direction", "month"])
        out["month"] = pd.to_datetime(out["month"])
        return out[["month", "direction", "value_usd", "source"]].reset_index(drop=True)

    # ---- product-space network -----------------------------------------------------------
    def space_frames(self, year: int | None = None) -> SpaceFrames:
        """The year's network (layout, links, every ranked country's RCA at HS4), built
        once per data version and kept under ``<home>/cache/product_space``."""
        from kcbridge.trade.service import ranked_country_set
        from kcbridge.trade.space_network import SpaceCache, build_space

        year = self.resolve_year(year)  # type: ignore[attr-defined]
        store = self.platform.store
        version = store.flows_version("trade_annual")
        key = (year, version)
        memo = getattr(self, "_space_memo", None)
        if memo is not None and memo[0] == key:
            return memo[1]  # type: ignore[no-any-return]

        def build() -> SpaceFrames:
            exports = world_exports(self.flows(), year)  # type: ignore[attr-defined]
            ranked = ranked_country_set("atlas")
            assert ranked is not None
            return build_space(exports.filter(exports.exporter.isin(sorted(ranked))), year)

        cache = SpaceCache(self.platform.settings.home / "cache" / "product_space")
        space = cache.get_or_build(year, version, 0.55, build)
        self._space_memo = (key, space)
        return space

    def network(self, country: str, year: int | None = None, top: int = 20) -> NetworkView:
        """The product space with ``country``'s products (RCA >= 1) and its ``top``
        opportunities marked; nodes carry x, y, section, PCI, RCA."""
        iso = self.platform.country(country)
        return self.kept(("network", iso, year, top),  # type: ignore[no-any-return]
                         lambda: self._network(iso, year, top))

    def _network(self, iso: str, year: int | None, top: int) -> NetworkView:
        space = self.space_frames(year)
        mine = space.countries[space.countries["country"] == iso]
        if mine.empty:
            raise NotFoundError(
                f"{iso} is not among the ranked countries of the product space in "
                f"{space.year}.",
                hint="The product space uses the Growth Lab's ranked countries; pick one of "
                "them (see `kcbridge complexity`).",
            )
        nodes = space.nodes.merge(mine.drop(columns="country"), on="product", how="left")
        nodes["exported"] = nodes["rca"].fillna(0.0) >= 1.0
        opp = rank_opportunities(
            nodes["product"].to_numpy(), nodes["exported"].to_numpy().astype(int),
            nodes["density"].to_numpy(), nodes["pci"].to_numpy(), nodes["cog"].to_numpy(),
            nodes["rca"].to_numpy(), top=top,
        )
        names = self.display_names()
        opp = opp.merge(names, on="product", how="left")
        opp.insert(0, "rank", np.arange(1, len(opp) + 1))
        rank = dict(zip(opp["product"], opp["rank"], strict=True))
        nodes["opportunity"] = nodes["product"].map(rank).astype("Int64")
        sections = section_table().set_index("section")
        nodes = nodes.merge(names, on="product", how="left")
        nodes["section_name"] = nodes["section"].map(sections["name_en"])
        nodes["section_ko"] = nodes["section"].map(sections["name_ko"])
        nodes["section_zh"] = nodes["section"].map(sections["name_zh"])
        nodes["colour"] = nodes["section"].map(sections["colour"])
        return NetworkView(iso, space.year, space.threshold, nodes, space.edges.copy(), opp)
