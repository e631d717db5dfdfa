"""The synthetic demo world: annual and monthly trade that looks real, and is not.

``generate_demo_world(size, seed)`` returns a :class:`DemoWorld` of pyarrow tables in the
store's conventions (``trade_annual`` and ``trade_monthly`` without ``load_id``) plus
the list of disruptions planted in the monthly data. Everything in it is SYNTHETIC
(``world.synthetic`` is True and both tables carry ``synthetic: true`` schema metadata):
real countries, GDPs, goods-export totals, distances and HS2012 products are its
skeleton (see :mod:`kcbridge.sources.demo_inputs`), every flow is drawn at random.

Structure (see :mod:`kcbridge.sources.demo_annual` and :mod:`kcbridge.sources.demo_monthly`):
latent country capabilities and product complexities give a nested specialisation with
a realistic RCA distribution; gravity spreads exports over importers; most
country-product-partner cells are empty; quantities come from log-normal product unit
values; monthly series of Korea and China are mirror-consistent with a one-month lag.

Conventions: ``value_usd`` in current US dollars (exports FOB, monthly imports CIF),
``quantity`` in kg, products HS2012 HS6. The same ``(size, seed)`` gives identical tables.
A smaller size is a window on the full world: the same seed draws the same country-product
exports, and each exporter's partner draws depend only on (seed, exporter).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import numpy as np
import pyarrow as pa

from kcbridge.errors import InputError
from kcbridge.sources.demo_annual import (
    AnnualFlows,
    bilateral_flows,
    country_product_exports,
)
from kcbridge.sources.demo_inputs import (
    CRITICAL_ITEMS,
    MONTHLY_PARTNERS,
    NATIONAL_STRENGTHS,
    SECTOR_PREFIXES,
    load_country_inputs,
    load_hs6_codes,
    monthly_products,
    prefix_mask,
)
from kcbridge.sources.demo_monthly import (
    PLANTED_EVENTS,
    MonthlyRecords,
    PlantedEvent,
    monthly_records,
)

__all__ = ["DEMO_SIZES", "PLANTED_EVENTS", "DemoSize", "DemoWorld", "PlantedEvent",
           "generate_demo_world"]

REVISION = "HS2012"
UNIT = "kg"
DEFAULT_SEED = 20240601
_MUST_HAVE_COUNTRIES = ("KOR", "CHN")


@dataclass(frozen=True)
class DemoSize:
    """How big a demo world is. ``n_countries`` / ``n_products`` of 0 mean all of them
    (208 countries: the 207 real countries with a WDI GDP plus Taiwan; all 5,206 HS2012
    HS6 products). Smaller numbers keep Korea, China, the monthly partners, the critical
    items and the sector products first, then countries spread over the size ranking and
    a seeded sample of other products."""

    name: str
    n_countries: int
    n_products: int
    years: tuple[int, ...]
    n_monthly_partners: int = len(MONTHLY_PARTNERS)
    n_monthly_products: int = 300
    first_month: dt.date = dt.date(2017, 1, 1)
    last_month: dt.date = dt.date(2024, 12, 1)
    #: minimum shipment of an exporter of 1e11 USD a year; it scales with exporter size
    min_shipment_usd: float = 1e7


DEMO_SIZES: dict[str, DemoSize] = {
    "tiny": DemoSize("tiny", 40, 400, (2021, 2022, 2023), n_monthly_partners=10,
                     n_monthly_products=40),
    "default": DemoSize("default", 0, 0, tuple(range(2019, 2024))),
    "large": DemoSize("large", 0, 0, tuple(range(2014, 2024))),
}


@dataclass
class DemoWorld:
    """A generated synthetic world. ``size`` has the actual counts it was built with."""

    annual: pa.Table
    monthly: pa.Table
    events: list[PlantedEvent]
    size: DemoSize
    seed: int
    synthetic: bool = True
    metadata: dict[str, str] = field(default_factory=dict)


def _resolve_size(size: str | DemoSize) -> DemoSize:
    if isinstance(size, DemoSize):
        resolved = size
    elif size in DEMO_SIZES:
        resolved = DEMO_SIZES[size]
    else:
        raise InputError(f"Unknown demo size {size!r}.",
                         hint=f"Use one of {', '.join(DEMO_SIZES)}.")
    years = resolved.years
    if not years or list(years) != list(range(years[0], years[0] + len(years))):
        raise InputError(f"Demo years must be consecutive, got {years}.",
                         hint="Give a tuple such as (2021, 2022, 2023).")
    if resolved.first_month > resolved.last_month:
        raise InputError("The demo's first month is after its last month.",
                         hint="Swap first_month and last_month.")
    return resolved


def _select_countries(iso3: np.ndarray, exports: np.ndarray, wanted: int) -> np.ndarray:
    """Indices of the countries to keep: all, or KOR, CHN and the monthly partners, then
    countries spread evenly over the size ranking (so that small, undiversified economies
    are in the sample too)."""
    if wanted <= 0 or wanted >= len(iso3):
        return np.arange(len(iso3))
    first = [c for c in dict.fromkeys((*_MUST_HAVE_COUNTRIES, *MONTHLY_PARTNERS))
             if c in set(iso3)]
    first = first[: max(wanted, len(_MUST_HAVE_COUNTRIES))]
    by_size = [str(iso3[i]) for i in np.argsort(-exports.mean(axis=1), kind="stable")]
    rest = [c for c in by_size if c not in set(first)]
    n_rest = wanted - len(first)
    picks = np.linspace(0, len(rest) - 1, max(n_rest, 0)).round().astype(int)
    chosen = first + [rest[i] for i in picks]
    position = {c: i for i, c in enumerate(iso3)}
    return np.sort(np.array([position[c] for c in chosen]))


def _select_products(codes: np.ndarray, wanted: int, seed: int) -> np.ndarray:
    """Indices of the products to keep: all, or the critical items, the national
    strengths' and sector products, then a seeded sample of the rest."""
    if wanted <= 0 or wanted >= len(codes):
        return np.arange(len(codes))
    core = np.isin(codes, CRITICAL_ITEMS)
    strengths = {p for c, p, _ in NATIONAL_STRENGTHS if c in {"KOR", "CHN"} and len(p) >= 4}
    for prefix in sorted(strengths | set(SECTOR_PREFIXES[:12])):
        core |= prefix_mask(codes, prefix)
    core_idx = np.flatnonzero(core)[:wanted]
    rest = np.flatnonzero(~core)
    rng = np.random.default_rng([seed, 5])
    extra = rng.choice(rest, size=max(wanted - core_idx.size, 0), replace=False)
    return np.sort(np.concatenate([core_idx, extra]))


def _strings(values: list[str] | np.ndarray, index: np.ndarray) -> pa.Array:
    """String column by taking ``index`` from a small dictionary of ``values`` (fast)."""
    return pa.array(list(map(str, values)), type=pa.string()).take(pa.array(index))


def _annual_table(flows: AnnualFlows, iso3: np.ndarray, codes: np.ndarray,
                  years: tuple[int, ...], metadata: dict[str, str]) -> pa.Table:
    n = flows.value_usd.size
    n_c, n_p = len(iso3), len(codes)
    key = ((flows.year.astype(np.int64) * n_c + flows.exporter) * n_c + flows.importer) * n_p
    order = np.argsort(key + flows.product, kind="stable")  # year, exporter, importer, product
    table = pa.table({
        "year": pa.array(np.asarray(years, dtype=np.int16)[flows.year[order]]),
        "exporter": _strings(iso3, flows.exporter[order]),
        "importer": _strings(iso3, flows.importer[order]),
        "product": _strings(codes, flows.product[order]),
        "revision": _strings([REVISION], np.zeros(n, dtype=np.int32)),
        "value_usd": pa.array(flows.value_usd[order], type=pa.float64()),
        "quantity": pa.array(flows.quantity[order], type=pa.float64()),
        "unit": _strings([UNIT], np.zeros(n, dtype=np.int32)),
    })
    return table.replace_schema_metadata(metadata)


def _monthly_table(records: MonthlyRecords, iso3: np.ndarray, codes: np.ndarray,
                   metadata: dict[str, str]) -> pa.Table:
    n = records.value_usd.size
    order = np.lexsort((records.product, ~records.is_export, records.partner, records.reporter,
                        records.month))
    month_index = records.month[order]
    days = (month_index - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]")
    table = pa.table({
        "month": pa.array(days.astype(np.int32), type=pa.int32()).cast(pa.date32()),
        "reporter": _strings(iso3, records.reporter[order]),
        "partner": _strings(iso3, records.partner[order]),
        "flow": _strings(["export", "import"], (~records.is_export[order]).astype(np.int32)),
        "product": _strings(codes, records.product[order]),
        "revision": _strings([REVISION], np.zeros(n, dtype=np.int32)),
        "value_usd": pa.array(records.value_usd[order], type=pa.float64()),
        "quantity": pa.array(records.quantity[order], type=pa.float64()),
        "unit": _strings([UNIT], np.zeros(n, dtype=np.int32)),
    })
    return table.replace_schema_metadata(metadata)


def generate_demo_world(size: str | DemoSize = "default", seed: int = DEFAULT_SEED) -> DemoWorld:
    """Generate the synthetic demo world of ``size`` ("tiny", "default", "large" or a
    :class:`DemoSize`) from ``seed``. Pure: no I/O besides reading reference data."""
    spec = _resolve_size(size)
    inputs = load_country_inputs(spec.years)
    codes = load_hs6_codes()
    space = country_product_exports(inputs, codes, seed)
    countries = _select_countries(inputs.iso3, inputs.exports, spec.n_countries)
    products = _select_products(codes, spec.n_products, seed)
    flows = bilateral_flows(inputs, space, codes, countries, products, spec.min_shipment_usd,
                            seed)

    selected = set(inputs.iso3[countries])
    position = {c: i for i, c in enumerate(inputs.iso3)}
    reporters = [position[c] for c in _MUST_HAVE_COUNTRIES if c in selected]
    partners = [position[c] for c in MONTHLY_PARTNERS[: spec.n_monthly_partners]
                if c in selected]
    month_codes = monthly_products(codes[products], spec.n_monthly_products)
    month_products = np.flatnonzero(np.isin(codes, month_codes))
    records, events = monthly_records(
        flows, space, inputs.iso3, codes, spec.years, reporters, partners, month_products,
        spec.first_month, spec.last_month, seed)

    resolved = replace(spec, n_countries=len(countries), n_products=len(products),
                       n_monthly_partners=len(partners),
                       n_monthly_products=len(month_products))
    metadata = {"synthetic": "true", "generator": "kcbridge.sources.demo",
                "size": spec.name, "seed": str(seed), "revision": REVISION}
    return DemoWorld(
        annual=_annual_table(flows, inputs.iso3, codes, spec.years, metadata),
        monthly=_monthly_table(records, inputs.iso3, codes, metadata),
        events=events,
        size=resolved,
        seed=seed,
        metadata=metadata,
    )
