"""The product space: proximity, density, complexity outlook (COI) and outlook gain (COG).

Conventions (Hidalgo et al. 2007; Hausmann et al., Atlas of Economic Complexity):
- Proximity ``phi_pq = sum_c M_cp M_cq / max(u_p, u_q)`` (co-occurrence over the larger
  ubiquity; symmetric; ``phi_pp = 1``), as py-ecomplexity's discrete symmetric proximity.
  It is the one product x product object: a dense float32 matrix by default (5,000
  products take 100 MB), computed with one BLAS product ``M'M`` and scaled in place.
- Density ``d_cp = sum_q M_cq phi_qp / sum_q phi_qp`` (py-ecomplexity's definition).
- COG ``cog_cp = (1 - M_cp) sum_q (1 - M_cq) phi_pq / sum_r phi_qr * PCI_q``; COI
  ``coi_c = sum_p d_cp (1 - M_cp) PCI_p``. Both use the PCI given (normally Growth Lab
  normalised); py-ecomplexity uses the raw eigenvector scaled by ECI's sd for COG and
  z-scores COI, so its COG differs by a per-country offset and its COI is standardised.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kcbridge.errors import InputError


def proximity(mcp: np.ndarray, dtype: type = np.float32) -> np.ndarray:
    """Dense symmetric product x product proximity ``phi`` (see module docstring)."""
    m: np.ndarray = np.ascontiguousarray(mcp, dtype=dtype)
    co = m.T @ m  # co-occurrence M'M (BLAS gemm; threads well)
    ubi = np.diag(co).copy()
    with np.errstate(divide="ignore"):
        inv: np.ndarray = np.where(ubi > 0, 1.0 / ubi, 0.0).astype(dtype)
    scale = np.empty_like(co)
    np.minimum(inv[:, None], inv[None, :], out=scale)  # 1 / max(u_p, u_q)
    co *= scale
    return co


def density(mcp: np.ndarray, phi: np.ndarray) -> np.ndarray:
    """Density ``d_cp`` of each product around each country's Mcp (country x product)."""
    m = np.asarray(mcp, dtype=phi.dtype)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (m @ phi) / phi.sum(axis=0)[None, :]
    return np.nan_to_num(out)


def outlook(
    mcp: np.ndarray, phi: np.ndarray, pci: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(density, coi, cog)`` in one pass (one stacked matrix product with ``phi``)."""
    m = np.asarray(mcp, dtype=phi.dtype)
    n = m.shape[0]
    col_sum = phi.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled_pci = np.nan_to_num(np.asarray(pci, dtype=np.float64) / col_sum).astype(phi.dtype)
    stacked = np.vstack([m, m * scaled_pci[None, :]]) @ phi
    with np.errstate(divide="ignore", invalid="ignore"):
        dens = np.nan_to_num(stacked[:n] / col_sum[None, :]).astype(np.float64)
    # (1 - M) @ W with W = diag(scaled_pci) phi, = 1'W - M W
    ones_w = scaled_pci.astype(np.float64) @ phi
    absent = 1.0 - m.astype(np.float64)
    cog = absent * (ones_w[None, :] - stacked[n:].astype(np.float64))
    pci_clean = np.nan_to_num(np.asarray(pci, dtype=np.float64))
    coi = (dens * absent) @ pci_clean
    return dens, coi, cog


def opportunities(
    products: np.ndarray,
    mcp_row: np.ndarray,
    density_row: np.ndarray,
    pci: np.ndarray,
    cog_row: np.ndarray,
    rca_row: np.ndarray | None = None,
    *,
    weights: tuple[float, float, float] = (0.5, 0.25, 0.25),
    top: int | None = 50,
) -> pd.DataFrame:
    """Products a country does not yet export with comparative advantage (Mcp = 0), ranked
    by ``score = w_d z(density) + w_p z(PCI) + w_g z(COG)`` (z over those candidates;
    default weights 0.5/0.25/0.25, as the Atlas' "balanced" strategy leans on density)."""
    if len(weights) != 3 or min(weights) < 0 or sum(weights) == 0:
        raise InputError("Opportunity weights are three non-negative numbers, not all zero.")
    cand = np.asarray(mcp_row) == 0
    cand &= ~np.isnan(np.asarray(pci, dtype=np.float64))
    frame = pd.DataFrame(
        {
            "product": np.asarray(products)[cand],
            "density": np.asarray(density_row)[cand],
            "pci": np.asarray(pci)[cand],
            "cog": np.asarray(cog_row)[cand],
        }
    )
    if rca_row is not None:
        frame["rca"] = np.asarray(rca_row)[cand]

    def z(col: pd.Series) -> pd.Series:
        sd = col.std(ddof=0)
        return (col - col.mean()) / sd if sd > 0 else col * 0.0

    w_d, w_p, w_g = weights
    frame["score"] = w_d * z(frame["density"]) + w_p * z(frame["pci"]) + w_g * z(frame["cog"])
    frame = frame.sort_values(["score", "product"], ascending=[False, True]).reset_index(drop=True)
    return frame.head(top) if top else frame
