"""Economic complexity: ECI of countries and PCI of products from the binary Mcp.

Methods (``method=``)
---------------------
- ``"eigenvector"`` (default; Hidalgo & Hausmann 2009, Growth Lab / OEC). The eigenproblem is
  solved on the small country x country matrix ``Mcc = D^-1 M U^-1 M'`` (D = diversity,
  U = ubiquity), via the symmetric matrix ``D^1/2 Mcc D^-1/2`` (``numpy.linalg.eigh``); the
  eigenvector ``kc`` of the second largest eigenvalue ``lambda`` gives ECI, and products get
  ``kp = U^-1 M' kc / lambda``, the eigenvector of the product matrix ``Mpp`` with the same
  scale as py-ecomplexity's (``kc = D^-1 M kp``). The dense product x product eigenproblem
  is never formed.
- ``"reflections"``: the method of reflections, ``k_c,N = D^-1 M k_p,N-1`` and
  ``k_p,N = U^-1 M' k_c,N-1`` from ``k_c,0 = diversity``, ``N = iterations`` (even, default
  18). Each two reflections apply ``Mcc`` once; the trivial (constant) component is removed
  at each step with the diversity-weighted mean, which leaves the direction unchanged
  (it commutes with ``Mcc``) and avoids the underflow of the raw iteration. With enough
  reflections it converges to the eigenvector result; with few it need not.
- ``"fitness"``: Tacchella et al. (2012) fitness ``F_c`` and quality ``Q_p``:
  ``F_c = sum_p M_cp Q_p``, ``Q_p = 1 / sum_c (M_cp / F_c)``, each divided by its mean at
  every step, ``iterations`` steps (default 200) or until the change is below ``tol``.

Sign (``sign=``)
----------------
- ``"diversity"`` (default, py-ecomplexity): ECI correlates positively with diversity.
- ``"ubiquity"``: PCI correlates negatively with ubiquity.
(Fitness is positive by construction; sign does not apply.)

Normalisation (``normalisation=``)
----------------------------------
- ``"growthlab"`` (default for eigenvector and reflections; py-ecomplexity and the Atlas):
  ``ECI = (kc - mean(kc)) / sd(kc)`` and ``PCI = (kp - mean(kc)) / sd(kc)``: PCI uses ECI's
  moments, so a country's ECI is the mean PCI of the products it exports with Mcp = 1.
- ``"oec"``: ECI and PCI are each z-scored on their own moments.
- ``"none"``: the raw vectors (default for fitness: mean-one ``F`` and ``Q``).
Standard deviations are population ones (``ddof=0``), as numpy and py-ecomplexity.

Countries with zero diversity and products with zero ubiquity get NaN and are left out of
the solve and the moments (py-ecomplexity would propagate NaN to every value).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Literal

import numpy as np

from kcbridge.errors import InputError

try:  # optional: a small eigenproblem runs 10x faster on one BLAS thread on a busy machine
    from threadpoolctl import threadpool_limits as _threadpool_limits

    def _one_blas_thread() -> AbstractContextManager[object]:
        return _threadpool_limits(1)
except ImportError:  # pragma: no cover - threadpoolctl ships with scikit-learn, not required
    _one_blas_thread: Callable[[], AbstractContextManager[object]] = nullcontext  # type: ignore[no-redef]

Method = Literal["eigenvector", "reflections", "fitness"]
Normalisation = Literal["growthlab", "oec", "none"]
Sign = Literal["diversity", "ubiquity"]
METHODS = ("eigenvector", "reflections", "fitness")
NORMALISATIONS = ("growthlab", "oec", "none")


@dataclass(frozen=True)
class ComplexityIndices:
    """ECI per country (rows of Mcp) and PCI per product (columns), with the conventions
    used. For ``method="fitness"`` ``eci`` is fitness and ``pci`` is quality."""

    eci: np.ndarray
    pci: np.ndarray
    method: str
    normalisation: str
    sign: str
    eigenvalue: float | None = None


def economic_complexity(
    mcp: np.ndarray,
    *,
    method: Method = "eigenvector",
    normalisation: Normalisation | None = None,
    sign: Sign = "diversity",
    iterations: int | None = None,
    tol: float = 1e-10,
) -> ComplexityIndices:
    """ECI and PCI of a binary country x product matrix ``mcp`` (see the module docstring
    for the methods and the sign and normalisation conventions)."""
    if method not in METHODS:
        raise InputError(f"Unknown complexity method {method!r}.", hint=f"Use one of {METHODS}.")
    norm = normalisation or ("none" if method == "fitness" else "growthlab")
    if norm not in NORMALISATIONS:
        raise InputError(f"Unknown normalisation {norm!r}.", hint=f"Use one of {NORMALISATIONS}.")
    if sign not in ("diversity", "ubiquity"):
        raise InputError(f"Unknown sign convention {sign!r}.", hint="Use diversity or ubiquity.")
    m = np.asarray(mcp, dtype=np.float64)
    div, ubi = m.sum(axis=1), m.sum(axis=0)
    rows, cols = div > 0, ubi > 0
    if rows.sum() < 2 or cols.sum() < 2:
        raise InputError(
            "Complexity needs at least 2 countries and 2 products with comparative advantage.",
            hint="Load exports of more countries and products for that year.",
        )
    valid = m[rows][:, cols]
    d, u = div[rows], ubi[cols]
    eigenvalue: float | None = None
    if method == "eigenvector":
        kc, kp, eigenvalue = _eigenvector(valid, d, u)
    elif method == "reflections":
        kc, kp, eigenvalue = _reflections(valid, d, u, iterations or 18)
    else:
        if norm == "growthlab":
            raise InputError(
                "Growth Lab normalisation (PCI on ECI's moments) does not apply to fitness.",
                hint="Use normalisation='none' (Tacchella's mean-one values) or 'oec'.",
            )
        kc, kp = _fitness(valid, iterations or 200, tol)
    if method != "fitness":
        flip = _orientation(kc, kp, d, u, sign)
        kc, kp = flip * kc, flip * kp
    eci, pci = _normalise(kc, kp, norm)
    eci_full = np.full(m.shape[0], np.nan)
    pci_full = np.full(m.shape[1], np.nan)
    eci_full[rows], pci_full[cols] = eci, pci
    return ComplexityIndices(eci_full, pci_full, method, norm, sign, eigenvalue)


def _eigenvector(
    m: np.ndarray, d: np.ndarray, u: np.ndarray
) -> tuple[np.ndarray, np.ndarray, float]:
    inv_sqrt_d = 1.0 / np.sqrt(d)
    scaled = m * inv_sqrt_d[:, None]  # D^-1/2 M
    sym = (scaled / u[None, :]) @ scaled.T  # D^-1/2 M U^-1 M' D^-1/2, symmetric
    with _one_blas_thread():  # LAPACK on a 230 x 230 matrix gains nothing from threads
        values, vectors = np.linalg.eigh(sym)  # ascending
    lam = float(values[-2])
    kc = inv_sqrt_d * vectors[:, -2]
    kp = (m.T @ kc) / u / lam
    return kc, kp, lam


def _reflections(
    m: np.ndarray, d: np.ndarray, u: np.ndarray, iterations: int
) -> tuple[np.ndarray, np.ndarray, float]:
    if iterations < 2 or iterations % 2:
        raise InputError(
            f"Reflections need an even number of iterations >= 2, not {iterations}.",
            hint="Use 18 (Hidalgo & Hausmann) or more.",
        )
    weights = d / d.sum()
    kc = d.copy()
    kc = kc - weights @ kc
    lam = float("nan")
    for _ in range(iterations // 2):
        kp = (m.T @ kc) / u  # odd reflection: products
        nxt = (m @ kp) / d  # even reflection: countries (one Mcc step)
        nxt = nxt - weights @ nxt  # drop the constant, trivial component
        norm_prev = np.sqrt(weights @ kc**2)
        norm_next = np.sqrt(weights @ nxt**2)
        if norm_next == 0:
            raise InputError(
                "The method of reflections collapsed to a constant.",
                hint="Use method='eigenvector'.",
            )
        lam = norm_next / norm_prev
        kc = nxt / norm_next
    kp = (m.T @ kc) / u / lam
    return kc, kp, lam


def _fitness(m: np.ndarray, iterations: int, tol: float) -> tuple[np.ndarray, np.ndarray]:
    fit = np.ones(m.shape[0])
    qual = np.ones(m.shape[1])
    for _ in range(iterations):
        new_fit = m @ qual
        with np.errstate(divide="ignore"):
            new_qual = 1.0 / (m.T @ (1.0 / fit))
        new_fit /= new_fit.mean()
        new_qual /= new_qual.mean()
        change = max(np.abs(new_fit - fit).max(), np.abs(new_qual - qual).max())
        fit, qual = new_fit, new_qual
        if change < tol:
            break
    return fit, qual


def _orientation(kc: np.ndarray, kp: np.ndarray, d: np.ndarray, u: np.ndarray, sign: str) -> float:
    if sign == "diversity" and np.std(d) > 0 and np.std(kc) > 0:
        return float(np.sign(np.corrcoef(d, kc)[0, 1]) or 1.0)
    if np.std(u) > 0 and np.std(kp) > 0:
        return float(-np.sign(np.corrcoef(u, kp)[0, 1]) or 1.0)
    return 1.0


def _normalise(kc: np.ndarray, kp: np.ndarray, norm: str) -> tuple[np.ndarray, np.ndarray]:
    if norm == "none":
        return kc, kp
    mean_c, sd_c = kc.mean(), kc.std()
    if norm == "growthlab":
        return (kc - mean_c) / sd_c, (kp - mean_c) / sd_c
    return (kc - mean_c) / sd_c, (kp - kp.mean()) / kp.std()
