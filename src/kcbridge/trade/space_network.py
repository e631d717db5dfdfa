"""The product-space network of one year, computed once per data version and kept.

The network is drawn at the HS4 level (about 1,200 headings, as the Atlas' product
space), from exports to the world of the Growth Lab's ranked countries summed to HS4:
RCA, Mcp (RCA >= 1), proximity, PCI, density and outlook gain all come from one
:func:`~kcbridge.trade.report.complexity_reports` run on those sums, so the
opportunities listed under the picture are nodes of the picture.

:func:`build_space` returns plain frames: ``nodes`` (``product, x, y, pci, ubiquity,
section``), ``edges`` (``source, target, proximity, kind`` = ``tree`` or ``strong``)
and ``countries`` (long: ``country, product, rca, density, cog`` for every ranked
country). :class:`SpaceCache` keeps them as Parquet under ``<home>/cache/product_space``
keyed by the year and ``Store.flows_version('trade_annual')``, so any process (CLI,
server) computes a year's layout once.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import ibis.expr.types as ir
import numpy as np
import pandas as pd

from kcbridge.trade.network import STRONG_LINK, maximum_spanning_tree, spring_layout, strong_links
from kcbridge.trade.report import complexity_reports
from kcbridge.trade.sections import section_of_chapter

HEADING = 4
#: strong links kept beside the tree, at most this many per product (the picture stays
#: legible when a data set has thousands of pairs above the threshold)
MAX_STRONG_PER_NODE = 1.5
LAYOUT_SEED = 7
CACHE_FORMAT = "v1"


@dataclass
class SpaceFrames:
    year: int
    nodes: pd.DataFrame
    edges: pd.DataFrame
    countries: pd.DataFrame
    threshold: float = STRONG_LINK


def heading_exports(exports: ir.Table) -> ir.Table:
    """``year, exporter, product, value_usd`` summed to HS4 headings."""
    four = exports.mutate(product=exports["product"].substr(0, HEADING))
    return four.group_by(["year", "exporter", "product"]).aggregate(
        value_usd=lambda t: t.value_usd.sum()
    )


def build_space(exports: ir.Table, year: int, threshold: float = STRONG_LINK) -> SpaceFrames:
    """The network of ``year`` from ``exports`` (exports to the world, any code length)."""
    report = complexity_reports(heading_exports(exports), [year], keep_proximity=True)[year]
    phi = np.asarray(report.proximity, dtype=np.float64).copy()
    np.fill_diagonal(phi, 0.0)
    products = np.asarray(report.products).astype(str)
    tree = maximum_spanning_tree(phi).assign(kind="tree")
    strong = strong_links(phi, tree, threshold, max_links=int(MAX_STRONG_PER_NODE * len(phi)))
    edges = pd.concat([tree, strong.assign(kind="strong")], ignore_index=True)
    pos = spring_layout(len(products), edges, seed=LAYOUT_SEED)
    nodes = pd.DataFrame(
        {
            "product": products,
            "x": pos[:, 0],
            "y": pos[:, 1],
            "pci": np.asarray(report.indices.pci, dtype=np.float64),
            "ubiquity": np.asarray(report.ubiquity, dtype=np.float64),
            "section": [section_of_chapter(p[:2]).id for p in products],
        }
    )
    edges = pd.DataFrame(
        {
            "source": products[edges["source"].to_numpy(dtype=int)],
            "target": products[edges["target"].to_numpy(dtype=int)],
            "proximity": edges["proximity"].to_numpy(dtype=np.float64),
            "kind": edges["kind"].to_numpy(),
        }
    )
    n_c, n_p = report.rca.shape
    countries = pd.DataFrame(
        {
            "country": np.repeat(np.asarray(report.countries).astype(str), n_p),
            "product": np.tile(products, n_c),
            "rca": np.asarray(report.rca, dtype=np.float64).ravel(),
            "density": np.asarray(report.density, dtype=np.float64).ravel(),
            "cog": np.asarray(report.cog, dtype=np.float64).ravel(),
        }
    )
    return SpaceFrames(year, nodes, edges, countries, threshold)


class SpaceCache:
    """Parquet files of :class:`SpaceFrames` per year and flows version under ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _stem(self, year: int, version: str, threshold: float) -> Path:
        digest = hashlib.sha1(f"{CACHE_FORMAT}|{version}|{threshold}".encode()).hexdigest()[:16]
        return self.folder / f"{year}-{digest}"

    def get_or_build(self, year: int, version: str, threshold: float,
                     build: Callable[[], SpaceFrames]) -> SpaceFrames:
        stem = self._stem(year, version, threshold)
        parts = {name: stem.with_name(f"{stem.name}.{name}.parquet")
                 for name in ("nodes", "edges", "countries")}
        if all(p.is_file() for p in parts.values()):
            try:
                frames = {name: pd.read_parquet(p) for name, p in parts.items()}
                return SpaceFrames(year, frames["nodes"], frames["edges"],
                                   frames["countries"], threshold)
            except Exception:  # noqa: BLE001 - a damaged cache file is rebuilt
                pass
        space = build()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name, path in parts.items():
                tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
                getattr(space, name).to_parquet(tmp, index=False)
                os.replace(tmp, path)
        except OSError:
            pass  # a read-only home: compute again next time rather than fail
        return space
