"""The product-space network (Hidalgo, Klinger, Barabási & Hausmann 2007; the Atlas'
"product space"): the maximum spanning tree of proximity, so every product is
connected through its strongest links, plus the strong links (proximity >= 0.55 by
default, the threshold of Hidalgo et al.), placed by a force-directed layout.

Pure NumPy/SciPy; deterministic for a given seed:
- :func:`maximum_spanning_tree`: SciPy's minimum spanning tree on ``2 - phi`` (all
  weights positive, so no link is mistaken for a missing one); ties are broken by
  SciPy's order, i.e. by product position.
- :func:`strong_links`: pairs with ``phi >= threshold`` not in the tree, strongest first,
  at most ``max_links``.
- :func:`spring_layout`: Fruchterman-Reingold (attraction ``d^2 / k`` along edges
  weighted by proximity, repulsion ``k^2 / d`` between all pairs, cooling temperature),
  started from a seeded random placement; coordinates scaled to [0, 1].
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import minimum_spanning_tree

STRONG_LINK = 0.55


def maximum_spanning_tree(phi: np.ndarray) -> pd.DataFrame:
    """Edges ``source, target, proximity`` (positions, ``source < target``) of the maximum
    spanning tree (a forest when some products share no country: proximity 0)."""
    phi = np.asarray(phi, dtype=np.float64)
    n = phi.shape[0]
    if n < 2:
        return pd.DataFrame({"source": [], "target": [], "proximity": []})
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    linked = upper & (phi > 0)
    rows, cols = np.nonzero(linked)
    graph = csr_matrix((2.0 - phi[rows, cols], (rows, cols)), shape=(n, n))
    tree = minimum_spanning_tree(graph).tocoo()
    src = np.minimum(tree.row, tree.col)
    dst = np.maximum(tree.row, tree.col)
    edges = pd.DataFrame({"source": src, "target": dst, "proximity": phi[src, dst]})
    return edges.sort_values(["source", "target"]).reset_index(drop=True)


def strong_links(phi: np.ndarray, tree: pd.DataFrame, threshold: float = STRONG_LINK,
                 max_links: int | None = None) -> pd.DataFrame:
    """Pairs ``source < target`` with ``phi >= threshold`` that are not tree edges,
    strongest first (``max_links`` of them at most)."""
    phi = np.asarray(phi, dtype=np.float64)
    rows, cols = np.nonzero(np.triu(phi >= threshold, k=1))
    links = pd.DataFrame({"source": rows, "target": cols, "proximity": phi[rows, cols]})
    in_tree = set(zip(tree["source"].astype(int), tree["target"].astype(int), strict=True))
    keep = np.array([(s, t) not in in_tree for s, t in
                     zip(links["source"], links["target"], strict=True)], dtype=bool)
    links = links[keep].sort_values(["proximity", "source", "target"],
                                    ascending=[False, True, True])
    if max_links is not None:
        links = links.head(max_links)
    return links.reset_index(drop=True)


def spring_layout(n: int, edges: pd.DataFrame, *, seed: int = 7, iterations: int = 120
                  ) -> np.ndarray:
    """``n x 2`` positions in [0, 1] (Fruchterman-Reingold over ``edges`` with their
    proximity as weights; see the module docstring)."""
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)).astype(np.float32)
    if n <= 1:
        return pos.astype(np.float64)
    src = edges["source"].to_numpy(dtype=np.int64)
    dst = edges["target"].to_numpy(dtype=np.int64)
    weight = edges["proximity"].to_numpy(dtype=np.float32)
    k = np.float32(1.0 / np.sqrt(n))
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        # repulsion k^2/d along each unit vector, summed without an n x n x 2 array:
        # sum_j F_ij (p_i - p_j) = p_i sum_j F_ij - (F p)_i with F_ij = k^2 / d_ij^2
        sq = (pos * pos).sum(axis=1)
        dist2 = sq[:, None] + sq[None, :] - 2.0 * (pos @ pos.T)
        np.maximum(dist2, np.float32(1e-6), out=dist2)
        force = np.divide(k * k, dist2, dtype=np.float32)
        np.fill_diagonal(force, 0.0)
        disp = pos * force.sum(axis=1)[:, None] - force @ pos
        d = pos[src] - pos[dst]
        length = np.sqrt((d * d).sum(axis=1)) + np.float32(1e-9)
        pull = (d * (length * weight / k)[:, None]).astype(np.float32)  # d^2/k along d
        np.subtract.at(disp, src, pull)
        np.add.at(disp, dst, pull)
        size = np.sqrt((disp * disp).sum(axis=1)) + np.float32(1e-9)
        step = np.minimum(size, np.float32(temperature)) / size
        pos += disp * step[:, None]
        temperature -= cooling
    pos = pos.astype(np.float64)
    pos -= pos.min(axis=0)
    span = pos.max(axis=0)
    span[span == 0] = 1.0
    return pos / span
