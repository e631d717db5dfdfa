"""The fast path of the matcher on a large registry (split from
:mod:`kcbridge.partners.index`): offers and needs projected on a PCA basis give approximate
pair scores for every profile, and the best ``pool`` of them are scored exactly
(:func:`kcbridge.partners.index.exact_scores`). ``Matchmaker`` uses it from
``fast_threshold`` profiles on; ``benchmarks/partners.py`` measures it against brute force."""

from __future__ import annotations

import numpy as np

from kcbridge.partners.index import (
    MatchWeights,
    ProfileArrays,
    _allowed_mask,
    _top,
    exact_scores,
    pair_scores,
)


class ReciprocalIndex:
    """The fast path: PCA-projected offers and needs, then an exact rerank of a pool."""

    def __init__(self, arrays: ProfileArrays, dims: int = 64, pool: int = 1000,
                 weights: MatchWeights = MatchWeights(), seed: int = 0) -> None:
        self.arrays = arrays
        self.weights = weights
        self.pool = pool
        n, d = arrays.offer.shape
        dims = min(dims, d, max(n, 1))
        rng = np.random.default_rng(seed)
        sample_rows = rng.choice(n, size=min(n, 8000), replace=False) if n else np.arange(0)
        sample = np.vstack([arrays.offer[sample_rows], arrays.need[sample_rows]])
        self.mean = sample.mean(axis=0) if len(sample) else np.zeros(d, dtype=np.float32)
        if len(sample) > 1:
            _, _, vt = np.linalg.svd(sample - self.mean, full_matrices=False)
            self.basis = np.ascontiguousarray(vt[:dims].T, dtype=np.float32)
        else:
            self.basis = np.eye(d, dims, dtype=np.float32)
        # Projections keep the mean term so dot products approximate the full ones.
        self.offer_p = np.ascontiguousarray((arrays.offer - self.mean) @ self.basis)
        self.need_p = np.ascontiguousarray((arrays.need - self.mean) @ self.basis)
        self.offer_mean = (arrays.offer @ self.mean).astype(np.float32)
        self.need_mean = (arrays.need @ self.mean).astype(np.float32)
        self.summary_p: np.ndarray | None = None
        self.summary_mean: np.ndarray | None = None
        if (weights.summary or weights.ranker is not None) and arrays.summary is not None:
            self.summary_p = np.ascontiguousarray((arrays.summary - self.mean) @ self.basis)
            self.summary_mean = (arrays.summary @ self.mean).astype(np.float32)

    def top_k(
        self, q: int, k: int = 10, allowed: np.ndarray | None = None,
        cross_border: bool = True, comp_table: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """(rows, scores) of the best ``k`` partners of profile ``q`` (fast path)."""
        a, w = self.arrays, self.weights
        ok = _allowed_mask(a, q, allowed, cross_border, w)
        # x . y = (x - m) . (y - m) + x . m + y . m - m . m ; projected on the basis.
        mm = float(self.mean @ self.mean)
        approx_ab = self.need_p @ self.offer_p[q] + self.need_mean + self.offer_mean[q] - mm
        approx_ba = self.offer_p @ self.need_p[q] + self.offer_mean + self.need_mean[q] - mm
        approx_summary = None
        if self.summary_p is not None and self.summary_mean is not None:
            approx_summary = (self.summary_p @ self.summary_p[q] + self.summary_mean
                              + self.summary_mean[q] - mm)
        approx = pair_scores(a, q, slice(None), w, approx_ab, approx_ba, approx_summary)
        rows = np.flatnonzero(ok)
        if len(rows) == 0:
            return rows, approx[rows]
        pool = min(max(self.pool, 4 * k), len(rows))
        cand = rows[np.argpartition(-approx[rows], pool - 1)[:pool]]
        scores = exact_scores(a, q, cand, w, comp_table)
        return _top(cand, scores, k)
