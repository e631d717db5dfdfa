"""The product-space network on the real 2017 HS4 world exports (Growth Lab ranked
countries): one connected tree, strong links above the threshold, and Korea's known
specialisations (integrated circuits, ships) among its RCA >= 1 products."""

from __future__ import annotations

import numpy as np
import pytest

from kcbridge.trade.flows import world_exports
from kcbridge.trade.product_space import opportunities
from kcbridge.trade.service import ranked_country_set
from kcbridge.trade.space_network import build_space

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def space(real_exports_2017):
    frame = real_exports_2017.dropna(subset=["export_value_usd"])
    flows = frame.rename(columns={"reporter_iso": "exporter", "product_code": "product",
                                  "export_value_usd": "value_usd"}).assign(year=2017,
                                                                           importer="WLD")
    exports = world_exports(flows, 2017)
    ranked = sorted(ranked_country_set("atlas") or [])
    return build_space(exports.filter(exports.exporter.isin(ranked)), 2017)


def test_network_is_one_tree_plus_strong_links(space):
    nodes, edges = space.nodes, space.edges
    assert len(nodes) > 1200
    tree = edges[edges["kind"] == "tree"]
    assert len(tree) == len(nodes) - 1  # every product joined: one connected product space
    strong = edges[edges["kind"] == "strong"]
    assert len(strong) > 0 and (strong["proximity"] >= 0.55).all()
    pairs = set(zip(tree["source"], tree["target"], strict=True))
    assert not any(p in pairs for p in zip(strong["source"], strong["target"], strict=True))
    assert nodes[["x", "y"]].min().min() == 0.0 and nodes[["x", "y"]].max().max() == 1.0


def test_korea_specialisations_and_opportunities(space):
    kor = space.countries[space.countries["country"] == "KOR"].set_index("product")
    assert kor.loc["8542", "rca"] > 3  # integrated circuits
    assert kor.loc["8901", "rca"] > 3  # cargo ships
    assert kor.loc["8471", "rca"] < 1  # computers: assembled elsewhere
    nodes = space.nodes.set_index("product").join(kor)
    exported = (nodes["rca"] >= 1).to_numpy()
    opp = opportunities(nodes.index.to_numpy(), exported.astype(int), nodes["density"],
                        nodes["pci"], nodes["cog"], nodes["rca"], top=20)
    assert len(opp) == 20 and (opp["rca"] < 1).all()
    assert set(opp["product"]) <= set(space.nodes["product"])
    assert np.isfinite(opp["score"]).all()
