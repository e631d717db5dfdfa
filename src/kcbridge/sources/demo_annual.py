"""Annual bilateral HS6 flows of the synthetic demo world (pure numpy, seeded).

Two steps:

1. :func:`country_product_exports` makes every country's exports by product and year
   (a dense countries x products x years array). Countries have a latent *capability*
   (from real GDP per capita and size), products a latent *complexity*; a country exports
   a product when its capability clears the product's complexity (plus noise), and capable
   countries export relatively more of complex products. That yields the nested structure
   of real trade: diversified countries export rare products, undiversified ones only
   ubiquitous products. Resource products (HS 25-27) follow an endowment instead.
   National strengths are added, then rows and columns are scaled (RAS) to real goods
   exports per country and to product market sizes.
2. :func:`bilateral_flows` splits each country-product export over importers with a
   gravity model (importer mass / distance, contiguity and common-language bonuses,
   importer-product demand shocks; importer masses start from GDP and are calibrated to
   real goods imports). A flow is recorded only when a shipment occurs: with
   expected value ``mu`` and minimum shipment ``m``, it occurs with probability
   ``1 - exp(-mu / m)`` and then has value ``mu / P(occurs)`` (unbiased), so most
   country-product-partner cells are empty, as in real data. Occurrence is persistent
   across years (one exponential draw per cell). Every exported product reaches at least
   its main market (recorded at its expected value), so small exporters keep their
   long tail of small products.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kcbridge.sources.demo_inputs import (
    IMPORT_DEMAND,
    NATIONAL_STRENGTHS,
    PRODUCT_TRENDS,
    RESOURCE_CHAPTERS,
    UNIT_VALUES_USD_PER_KG,
    CountryInputs,
    boost_matrix,
    prefix_mask,
)

#: Capability shifts of countries whose diversification differs from their income:
#: China and the manufacturing hubs above, the Gulf oil exporters below.
CAPABILITY_SHIFTS: dict[str, float] = {
    "CHN": 2.5, "KOR": 0.8, "JPN": 0.8, "DEU": 0.8, "TWN": 1.0, "USA": 0.6, "ITA": 0.5,
    "VNM": 0.8, "IND": 1.2, "MYS": 0.5, "THA": 0.6, "MEX": 0.6, "CZE": 0.4, "POL": 0.4,
    "TUR": 0.6, "BRA": 0.3, "IDN": 0.4, "QAT": -1.5, "KWT": -1.5, "SAU": -1.0, "ARE": -0.6,
    "BRN": -1.5, "OMN": -1.0, "BHR": -0.8, "NOR": -0.5, "AUS": -0.6, "CHL": -0.4,
}

#: World market sizes of big products, as log multiples of the median HS6 product
#: (crude oil ~1.2 trillion USD ~ e^6.8 x the median); the last matching prefix wins.
MARKET_SIZES: tuple[tuple[str, float], ...] = (
    ("8708", 3.0), ("8542", 4.5), ("854231", 5.5), ("854232", 5.0), ("270900", 6.8),
    ("271019", 5.9), ("271111", 5.3), ("300490", 5.9), ("851712", 6.0), ("851762", 5.0),
    ("847130", 5.0), ("870323", 5.3), ("870324", 4.8), ("710812", 5.6), ("880240", 4.7),
    ("260111", 4.7), ("270112", 4.7), ("850760", 4.3), ("854140", 4.0), ("890190", 2.7),
    ("901380", 3.5), ("852990", 4.0), ("260300", 4.5), ("740311", 4.3), ("120100", 4.3),
)

# chapter -> shift of product complexity (food and raw materials simple, machinery complex)
_CHAPTER_COMPLEXITY = [(1, 24, -0.8), (25, 27, -1.0), (28, 38, 0.4), (39, 40, 0.1),
                       (41, 67, -0.6), (68, 83, -0.1), (84, 85, 0.9), (86, 89, 0.5),
                       (90, 92, 1.1)]

PRESENCE_THRESHOLD = -0.6  # capability + size - complexity + noise must exceed this
VALUE_NOISE_SD = 2.0  # sd of log country-product export values (drives the RCA spread)
COMPLEXITY_MATCH = 0.6  # capable countries export relatively more of complex products
STRENGTH_NOISE_SD = 0.4  # national strengths are reliable: little noise on them
SHIPMENT_SCALING = 0.6  # the minimum shipment grows with the exporter's size: (E / 1e11)^0.6


@dataclass(frozen=True)
class ProductSpace:
    """Country-product exports of every country and product of the demo world."""

    capability: np.ndarray  # (C,)
    complexity: np.ndarray  # (P,)
    exports: np.ndarray  # (C, P, Y) USD
    unit_value: np.ndarray  # (P,) USD per kg, world median


def _zscore(x: np.ndarray) -> np.ndarray:
    return (x - x.mean()) / x.std()


def _product_vector(codes: np.ndarray, rules: tuple[tuple[str, float], ...]) -> np.ndarray:
    out = np.zeros(len(codes))
    for prefix, value in rules:
        out += np.where(prefix_mask(codes, prefix), value, 0.0)
    return out


def _ras(matrix: np.ndarray, rows: np.ndarray, cols: np.ndarray, rounds: int = 40) -> None:
    """Scale ``matrix`` in place so that row sums approach ``rows`` and column sums ``cols``
    (the row sums are exact on return)."""
    for _ in range(rounds):
        col_sum = matrix.sum(axis=0)
        matrix *= np.divide(cols, col_sum, out=np.zeros_like(cols), where=col_sum > 0)
        row_sum = matrix.sum(axis=1)
        matrix *= np.divide(rows, row_sum, out=np.zeros_like(rows), where=row_sum > 0)[:, None]


def country_product_exports(inputs: CountryInputs, codes: np.ndarray, seed: int) -> ProductSpace:
    """Exports of every country (rows of ``inputs``) in every product (``codes``) and year."""
    rng = np.random.default_rng([seed, 1])
    n_c, n_p, n_y = len(inputs.iso3), len(codes), len(inputs.years)
    base = n_y // 2
    size = _zscore(np.log(inputs.exports[:, base]))
    income = _zscore(np.log(inputs.gdp[:, base] / inputs.population))
    shift = np.array([CAPABILITY_SHIFTS.get(c, 0.0) for c in inputs.iso3])
    capability = 0.8 * income + 0.4 * size + shift + rng.normal(0.0, 0.4, n_c)

    chapter = np.array([int(c[:2]) for c in codes])
    complexity = rng.normal(0.0, 0.8, n_p)
    for first, last, offset in _CHAPTER_COMPLEXITY:
        complexity += np.where((chapter >= first) & (chapter <= last), offset, 0.0)
    resource = np.isin(np.array([c[:2] for c in codes]), RESOURCE_CHAPTERS)
    endowment = rng.normal(0.0, 1.0, n_c)
    strengths = boost_matrix(inputs.iso3, codes, NATIONAL_STRENGTHS)

    noise = rng.standard_normal((n_c, n_p))
    score = np.where(
        resource[None, :],
        0.8 * endowment[:, None] + 0.3 * size[:, None],
        capability[:, None] + 0.6 * size[:, None] - complexity[None, :],
    )
    present = (score + noise > PRESENCE_THRESHOLD) | (strengths > 0)

    value_noise = np.clip(rng.standard_normal((n_c, n_p)), -3.5, 2.5)  # no freak giants
    market = 1.5 * np.clip(rng.standard_normal(n_p), -3.0, 2.5)
    for prefix, log_size in MARKET_SIZES:
        market = np.where(prefix_mask(codes, prefix), log_size + 0.2 * rng.standard_normal(n_p),
                          market)
    match = np.where(resource[None, :], 1.5 * endowment[:, None],
                     COMPLEXITY_MATCH * np.clip(capability, -2.5, 2.0)[:, None]
                     * complexity[None, :])
    log_value = (
        market[None, :]
        + np.where(strengths > 0, np.maximum(match, 0.0), match)
        + np.where(strengths > 0, STRENGTH_NOISE_SD, VALUE_NOISE_SD) * value_noise
        + strengths
    )
    matrix = np.where(present, np.exp(log_value - log_value.max()), 0.0)
    market_share = np.exp(market - market.max())
    _ras(matrix, inputs.exports[:, base], market_share / market_share.sum()
         * inputs.exports[:, base].sum())

    growth = rng.normal(0.02, 0.03, n_p) + _product_vector(codes, PRODUCT_TRENDS)
    years = np.arange(n_y) - base
    exports = np.empty((n_c, n_p, n_y))
    for t in range(n_y):  # a loop over years
        yearly = matrix * np.exp(growth[None, :] * years[t]
                                 + rng.normal(0.0, 0.08, (n_c, n_p)))
        total = yearly.sum(axis=1)
        exports[:, :, t] = yearly * np.divide(inputs.exports[:, t], total, out=np.zeros(n_c),
                                              where=total > 0)[:, None]

    unit_value = np.exp(np.log(3.0) + 1.2 * complexity + rng.normal(0.0, 0.8, n_p))
    unit_value = np.where(resource, unit_value / 15.0, unit_value)
    for code, value in UNIT_VALUES_USD_PER_KG.items():
        unit_value = np.where(codes == code, value, unit_value)
    return ProductSpace(capability=capability, complexity=complexity, exports=exports,
                        unit_value=unit_value)


def price_premium(capability: np.ndarray | float) -> np.ndarray:
    """Log unit-value premium of an exporter: capable exporters sell dearer (x0.7..x1.35)."""
    return 0.15 * np.clip(capability, -2.5, 2.0)


@dataclass(frozen=True)
class AnnualFlows:
    """Annual flows as integer indices into the country/product/year arrays."""

    year: np.ndarray  # int16 index into years
    exporter: np.ndarray  # int32 index into countries
    importer: np.ndarray  # int32
    product: np.ndarray  # int32 index into codes
    value_usd: np.ndarray  # float64
    quantity: np.ndarray  # float64 kg


def importer_demand(inputs: CountryInputs, codes: np.ndarray, seed: int) -> np.ndarray:
    """(importers x products) multiplicative demand shocks, with real import dependencies."""
    rng = np.random.default_rng([seed, 2])
    log_demand = rng.normal(0.0, 0.9, (len(inputs.iso3), len(codes)))
    return np.exp(log_demand + boost_matrix(inputs.iso3, codes, IMPORT_DEMAND))


def gravity_weights(inputs: CountryInputs, rounds: int = 30) -> np.ndarray:
    """(exporters x importers) gravity weights, zero on the diagonal.

    ``weight = mass_j / distance_ij`` (x1.8 between neighbours, x1.4 with a common
    language). Importer masses start at GDP^0.9 and are then calibrated (importer fixed
    effects, as in structural gravity) so that every country's total imports match its
    real goods imports in the middle year.
    """
    base = len(inputs.years) // 2
    friction = np.nan_to_num(1.0 / inputs.distance_km, nan=0.0)
    friction *= np.where(inputs.contiguous, 1.8, 1.0) * np.where(inputs.common_language, 1.4, 1.0)
    exports = inputs.exports[:, base]
    target = inputs.imports[:, base] * exports.sum() / inputs.imports[:, base].sum()
    mass = inputs.gdp[:, base] ** 0.9
    for _ in range(rounds):  # a loop over calibration rounds
        weights = mass[None, :] * friction
        received = (exports[:, None] * weights / weights.sum(axis=1, keepdims=True)).sum(axis=0)
        mass *= target / received
    return mass[None, :] * friction


def bilateral_flows(
    inputs: CountryInputs,
    space: ProductSpace,
    codes: np.ndarray,
    countries: np.ndarray,
    products: np.ndarray,
    min_shipment_usd: float,
    seed: int,
) -> AnnualFlows:
    """Flows between the selected ``countries`` (indices) in the selected ``products``.

    Each exporter's product exports are shared over *all* importers of the world, and
    only flows to selected importers are kept, so a smaller world is a window on the full
    one. The draws of one exporter depend only on (seed, exporter), never on the selection
    order.
    """
    demand = importer_demand(inputs, codes, seed)[:, products]
    gravity = gravity_weights(inputs)
    denominator = (gravity @ demand).astype(np.float32)  # (exporters x products): sum over j
    demand_by_product = np.ascontiguousarray(demand.T, dtype=np.float32)  # (P, C)
    gravity = gravity.astype(np.float32)
    unit_value = space.unit_value[products]
    parts: list[tuple[np.ndarray, ...]] = []
    for exporter in countries:  # a loop over countries; cells are vectorised
        rng = np.random.default_rng([seed, 3, int(exporter)])
        shipment = min_shipment_usd * (inputs.exports[exporter].mean() / 1e11) ** SHIPMENT_SCALING
        importers = countries[countries != exporter]
        if importers.size == 0:
            continue
        values = space.exports[exporter][products]  # (P, Y)
        active = np.flatnonzero(values.max(axis=1) > 0)
        if active.size == 0:
            continue
        share = demand_by_product[np.ix_(active, importers)]  # (A, J), float32
        share *= gravity[exporter, importers][None, :]
        share /= denominator[exporter, active][:, None]
        threshold = rng.standard_exponential(share.shape, dtype=np.float32)
        peak = values[active].max(axis=1)
        candidate = share * (peak / shipment).astype(np.float32)[:, None] > threshold
        main_market = share.argmax(axis=1)  # every exported product reaches its main market
        candidate[np.arange(active.size), main_market] = True
        cand_p, cand_j = np.nonzero(candidate)
        is_main = cand_j == main_market[cand_p]
        expected = values[active[cand_p]] * share[cand_p, cand_j][:, None].astype(float)
        occurs = expected > (shipment * threshold[cand_p, cand_j])[:, None]
        occurs |= is_main[:, None] & (expected > 0)
        probability = np.where(is_main[:, None], 1.0, -np.expm1(-expected / shipment))
        persistent = rng.normal(-0.08, 0.4, cand_p.size)  # mean-corrected log-normal
        yearly = rng.normal(-0.01, 0.12, expected.shape)
        flow_value = expected / np.maximum(probability, 1e-12) * np.exp(
            persistent[:, None] + yearly)
        premium = price_premium(space.capability[exporter])
        quality = np.exp(premium + rng.normal(0.0, 0.3, cand_p.size))
        # scale each year to the expected total, so exporters match their real exports
        target = (values[active] * share.sum(axis=1, dtype=float)[:, None]).sum(axis=0)
        drawn = np.where(occurs, flow_value, 0.0).sum(axis=0)
        flow_value *= np.divide(target, drawn, out=np.ones_like(target), where=drawn > 0)
        k, t = np.nonzero(occurs)
        value = flow_value[k, t]
        price = unit_value[active[cand_p[k]]] * quality[k] * np.exp(rng.normal(0, 0.08, k.size))
        parts.append((
            t.astype(np.int16),
            np.full(k.size, exporter, dtype=np.int32),
            importers[cand_j[k]].astype(np.int32),
            products[active[cand_p[k]]].astype(np.int32),
            value,
            value / price,
        ))
    columns = [np.concatenate(c) if parts else np.empty(0) for c in zip(*parts, strict=True)]
    if not parts:  # pragma: no cover - only with an empty selection
        columns = [np.empty(0, dtype=d) for d in (np.int16, np.int32, np.int32, np.int32,
                                                  float, float)]
    return AnnualFlows(*columns)
