"""Monthly series of the synthetic demo world, with planted disruptions.

Korea and China report monthly exports to and imports from their main partners in the
critical items and a few hundred sector products. Each directed pair (exporter ->
importer, product) has one *true shipment* series; the exporter reports it as exports
in the month shipped, the importer as imports one month later (shipping lag) at CIF
value (+6 %), each with a little reporting noise. So China's exports to Korea in month
``t`` match Korea's imports from China in ``t + 1``.

A true series follows the annual flow of its pair (log-linear between mid-years,
extrapolated with a damped trend outside the annual years), times seasonality (a Chinese
New Year dip in January/February and a December peak for Chinese exporters, milder
elsewhere) and AR(1) noise that shrinks with the size of the flow. Small flows are
intermittent: months without a shipment have no row.

Planted events (:data:`PLANTED_EVENTS`) multiply the true shipments. Their months are
those of the *reporter's* series named in the event (Korea's imports from China): the
exporter's mirror series shows the same event one month earlier.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.signal import lfilter

from kcbridge.sources.demo_annual import AnnualFlows, ProductSpace, price_premium

EventKind = str  # 'collapse' | 'front_loading' | 'price_spike'

SHIPPING_LAG_MONTHS = 1
CIF_FACTOR = 1.06
AR_COEFFICIENT = 0.5
INTERMITTENT_BELOW_USD = 40_000.0  # monthly level under which shipments become sporadic

# Seasonal profiles by calendar month (exporter side), mean 1.
_CHINA_SEASON = np.array([0.96, 0.74, 0.99, 1.0, 1.02, 1.03, 1.03, 1.02, 1.03, 0.98, 1.04, 1.16])
_OTHER_SEASON = np.array([0.95, 0.92, 1.04, 1.0, 1.0, 1.01, 0.99, 0.97, 1.0, 1.01, 1.02, 1.09])


@dataclass(frozen=True)
class PlantedEvent:
    """A disruption planted in the monthly data.

    ``magnitude`` is the relative change of the reporter's recorded *value* for
    'collapse' (-0.8 = down 80 %) and 'front_loading' (+1.0 = doubled), and of the
    *unit value* for 'price_spike' (+1.5 = price x2.5, with quantity down 45 %).
    Months are first days of months, as recorded by ``reporter`` (``flow`` of ``product``
    with ``partner``); ``end_month`` is inclusive.
    """

    name: str
    kind: EventKind
    reporter: str
    partner: str
    flow: str
    product: str
    start_month: dt.date
    end_month: dt.date
    magnitude: float
    announcement_month: dt.date
    description: str = ""

    @property
    def exporter(self) -> str:
        return self.partner if self.flow == "import" else self.reporter

    @property
    def importer(self) -> str:
        return self.reporter if self.flow == "import" else self.partner


def _month(text: str) -> dt.date:
    year, month = text.split("-")
    return dt.date(int(year), int(month), 1)


PLANTED_EVENTS: tuple[PlantedEvent, ...] = (
    PlantedEvent("graphite_front_loading", "front_loading", "KOR", "CHN", "import", "250410",
                 _month("2023-10"), _month("2023-11"), 1.1, _month("2023-10"),
                 "Korean buyers stock up on Chinese natural graphite after export controls "
                 "are announced."),
    PlantedEvent("graphite_export_control", "collapse", "KOR", "CHN", "import", "250410",
                 _month("2023-12"), _month("2024-12"), -0.8, _month("2023-10"),
                 "Chinese export licensing of natural graphite takes effect."),
    PlantedEvent("urea_price_spike", "price_spike", "KOR", "CHN", "import", "310210",
                 _month("2021-10"), _month("2021-12"), 1.5, _month("2021-10"),
                 "Urea unit values jump x2.5 while quantities fall (export inspections)."),
    PlantedEvent("gallium_export_control", "collapse", "KOR", "CHN", "import", "811292",
                 _month("2023-08"), _month("2024-12"), -0.85, _month("2023-07"),
                 "Chinese export licensing of gallium takes effect."),
)

PRICE_SPIKE_QUANTITY_FACTOR = 0.55


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


@dataclass(frozen=True)
class MonthlyRecords:
    """Monthly records as arrays (month index = year * 12 + month - 1)."""

    month: np.ndarray
    reporter: np.ndarray  # country index
    partner: np.ndarray
    is_export: np.ndarray  # bool
    product: np.ndarray  # product index
    value_usd: np.ndarray
    quantity: np.ndarray


def _annual_levels(flows: AnnualFlows, exporter: np.ndarray, importer: np.ndarray,
                   product: np.ndarray, n_countries: int, n_products: int,
                   n_years: int) -> np.ndarray:
    """(series x years) annual values of the given directed pairs, NaN where absent."""
    def key(e: np.ndarray, i: np.ndarray, p: np.ndarray) -> np.ndarray:
        return (e.astype(np.int64) * n_countries + i) * n_products + p

    annual_key = key(flows.exporter, flows.importer, flows.product) * n_years + flows.year
    order = np.argsort(annual_key, kind="stable")
    sorted_keys = annual_key[order]
    out = np.full((exporter.size, n_years), np.nan)
    base = key(exporter, importer, product) * n_years
    for t in range(n_years):  # a loop over years
        wanted = base + t
        pos = np.minimum(np.searchsorted(sorted_keys, wanted), max(sorted_keys.size - 1, 0))
        if sorted_keys.size:
            hit = sorted_keys[pos] == wanted
            out[hit, t] = flows.value_usd[order[pos[hit]]]
    return out


def _log_level_path(levels: np.ndarray, years: tuple[int, ...], months: np.ndarray,
                    fallback_usd: float) -> np.ndarray:
    """(series x months) log monthly level: log-linear between mid-years, damped trend
    outside. ``months`` are month indices; ``levels`` (series x years) may hold NaN."""
    log_annual = (
        pd.DataFrame(np.log(levels))
        .interpolate(axis=1, limit_direction="both")
        .fillna(np.log(fallback_usd))
        .to_numpy()
    )
    n_years = len(years)
    if n_years > 1:
        own = (log_annual[:, -1] - log_annual[:, 0]) / (n_years - 1)
        slope = np.clip(0.5 * own + 0.5 * 0.03, -0.08, 0.15)
    else:
        slope = np.full(log_annual.shape[0], 0.03)
    position = (months + 0.5) / 12.0 - (years[0] + 0.5)  # years after the first mid-year
    k = np.clip(np.floor(position).astype(int), 0, max(n_years - 2, 0))
    frac = position - k
    if n_years > 1:
        inside = log_annual[:, k] * (1 - frac) + log_annual[:, k + 1] * frac
    else:
        inside = np.repeat(log_annual[:, :1], months.size, axis=1)
    before = log_annual[:, :1] + slope[:, None] * position[None, :]
    after = log_annual[:, -1:] + slope[:, None] * (position - (n_years - 1))[None, :]
    path = np.where(position[None, :] < 0, before,
                    np.where(position[None, :] > n_years - 1, after, inside))
    return path - np.log(12.0)


def monthly_records(
    flows: AnnualFlows,
    space: ProductSpace,
    iso3: np.ndarray,
    codes: np.ndarray,
    years: tuple[int, ...],
    reporters: list[int],
    partners: list[int],
    products: np.ndarray,
    first_month: dt.date,
    last_month: dt.date,
    seed: int,
) -> tuple[MonthlyRecords, list[PlantedEvent]]:
    """Monthly records of ``reporters`` with ``partners`` in ``products`` (indices into
    ``iso3`` / ``codes``), and the events planted in them."""
    rng = np.random.default_rng([seed, 4])
    pairs = sorted({(r, p) for r in reporters for p in partners if p != r}
                   | {(p, r) for r in reporters for p in partners if p != r})
    pair_e = np.array([e for e, _ in pairs], dtype=np.int64)
    pair_i = np.array([i for _, i in pairs], dtype=np.int64)
    exporter = np.repeat(pair_e, products.size)
    importer = np.repeat(pair_i, products.size)
    product = np.tile(products, len(pairs))

    levels = _annual_levels(flows, exporter, importer, product, len(iso3), len(codes), len(years))
    is_event = np.zeros(exporter.size, dtype=bool)
    events = [ev for ev in PLANTED_EVENTS if {ev.reporter, ev.partner} <= set(iso3[reporters])
              and ev.product in set(codes[products])]
    row = {c: i for i, c in enumerate(iso3)}
    col = {c: i for i, c in enumerate(codes)}
    for ev in events:
        is_event |= ((exporter == row[ev.exporter]) & (importer == row[ev.importer])
                     & (product == col[ev.product]))
    keep = ~np.isnan(levels).all(axis=1) | is_event
    exporter, importer, product = exporter[keep], importer[keep], product[keep]
    levels, is_event = levels[keep], is_event[keep]

    first, last = _month_index(first_month), _month_index(last_month)
    months = np.arange(first - SHIPPING_LAG_MONTHS, last + 1)  # true shipments start earlier
    log_level = _log_level_path(levels, years, months, fallback_usd=6e7)
    n_series, n_months = log_level.shape

    china = exporter == row.get("CHN", -1)
    profile = np.where(china[:, None], _CHINA_SEASON[months % 12][None, :],
                       _OTHER_SEASON[months % 12][None, :])
    amplitude = rng.uniform(0.6, 1.4, (n_series, 1))
    season = 1.0 + amplitude * (profile - 1.0)
    mean_level = np.exp(log_level.mean(axis=1))
    sigma = np.clip(0.30 - 0.05 * np.log10(np.maximum(mean_level, 1.0) / 1e4), 0.05, 0.30)
    sigma = np.where(is_event, np.minimum(sigma, 0.10), sigma)  # planted series stay legible
    noise = lfilter([1.0], [1.0, -AR_COEFFICIENT],
                    rng.standard_normal((n_series, n_months)) * sigma[:, None], axis=1)
    value = np.exp(log_level + noise - 0.5 * (sigma**2 / (1 - AR_COEFFICIENT**2))[:, None])
    value *= season

    quality = np.exp(price_premium(space.capability[exporter]) + rng.normal(0.0, 0.3, n_series))
    price_noise = lfilter([1.0], [1.0, -0.8], rng.normal(0.0, 0.02, (n_series, n_months)), axis=1)
    unit_value = space.unit_value[product][:, None] * quality[:, None] * np.exp(price_noise)

    value, unit_value = _plant_events(events, value, unit_value, exporter, importer, product,
                                      months, row, col)
    probability = -np.expm1(-value / INTERMITTENT_BELOW_USD)
    shipped = rng.random(value.shape) < probability
    value = np.where(shipped, value / np.maximum(probability, 1e-12), 0.0)
    quantity = value / unit_value

    reporter_set = np.array(reporters)
    parts = []
    for is_export, who, other, shift, factor, sd in (
        (True, exporter, importer, 0, 1.0, 0.02),
        (False, importer, exporter, SHIPPING_LAG_MONTHS, CIF_FACTOR, 0.03),
    ):
        series = np.flatnonzero(np.isin(who, reporter_set))
        window = slice(SHIPPING_LAG_MONTHS - shift, n_months - shift)
        v = value[series, window] * factor * np.exp(rng.normal(0.0, sd, (series.size, n_months
                                                                          - SHIPPING_LAG_MONTHS)))
        q = quantity[series, window] * np.exp(rng.normal(0.0, sd / 2, v.shape))
        s, m = np.nonzero(v > 0)
        parts.append(MonthlyRecords(
            month=months[SHIPPING_LAG_MONTHS:][m], reporter=who[series][s],
            partner=other[series][s], is_export=np.full(s.size, is_export),
            product=product[series][s], value_usd=v[s, m], quantity=q[s, m]))
    merged = MonthlyRecords(*(np.concatenate([getattr(p, f) for p in parts])
                              for f in MonthlyRecords.__dataclass_fields__))
    return merged, [_clip_event(ev, first_month, last_month) for ev in events]


def _plant_events(events: list[PlantedEvent], value: np.ndarray, unit_value: np.ndarray,
                  exporter: np.ndarray, importer: np.ndarray, product: np.ndarray,
                  months: np.ndarray, row: dict[str, int], col: dict[str, int],
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Apply each event to its true shipment series (one month before the importer's
    record when the event is seen in imports)."""
    value, unit_value = value.copy(), unit_value.copy()
    for ev in events:
        series = np.flatnonzero((exporter == row[ev.exporter]) & (importer == row[ev.importer])
                                & (product == col[ev.product]))
        lag = SHIPPING_LAG_MONTHS if ev.flow == "import" else 0
        window = ((months >= _month_index(ev.start_month) - lag)
                  & (months <= _month_index(ev.end_month) - lag))
        cells = np.ix_(series, np.flatnonzero(window))
        if ev.kind == "price_spike":
            unit_value[cells] *= 1.0 + ev.magnitude
            value[cells] *= (1.0 + ev.magnitude) * PRICE_SPIKE_QUANTITY_FACTOR
        else:
            value[cells] *= 1.0 + ev.magnitude
    return value, unit_value


def _clip_event(ev: PlantedEvent, first: dt.date, last: dt.date) -> PlantedEvent:
    from dataclasses import replace

    return replace(ev, start_month=max(ev.start_month, first), end_month=min(ev.end_month, last))
