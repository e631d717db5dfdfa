"""Real inputs and hand-set structure of the synthetic demo world.

The demo world is synthetic, but it stands on real reference data so that its shape is
realistic: the real countries of :func:`kcbridge.reference.countries.country_table` that
have a GDP in the World Bank WDI cache of ``atlas-common-data`` (plus Taiwan, which WDI
omits, with approximate public figures), their real GDP, population and goods exports per
year, the CEPII distances shipped by ``atlas-common-data``, and every HS2012 HS6 product.

Hand-set here, and only here: the national strengths (HS prefixes where a country's
exports are boosted, e.g. Korea in memory chips, China in graphite and gallium), the
resource endowments, the importers' extra demand, product growth trends and unit values
of a few critical items. Sector prefixes are hard-coded so that the generator works without
the sector taxonomy; when :mod:`kcbridge.reference.sectors` is there, its critical items
and sector products are followed monthly too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from kcbridge.errors import ConfigError

#: Critical items watched monthly (HS2012 HS6): urea, graphite, gallium & co, germanium
#: oxide, magnets, hydrogen fluoride, photoresists, silicon, lithium hydroxide/carbonate,
#: rare earths, solar cells, Li-ion batteries, memory chips.
CRITICAL_ITEMS: tuple[str, ...] = (
    "310210", "250410", "380110", "811292", "282560", "850511", "281111", "370790",
    "280461", "282520", "283691", "280530", "284690", "854140", "850760", "854231",
    "854232",
)

#: HS prefixes of the sectors followed monthly (semiconductors, displays, batteries,
#: vehicles, ships, ICT, pharma, chemicals and materials, energy, equipment).
SECTOR_PREFIXES: tuple[str, ...] = (
    "8542", "8541", "8486", "8507", "8703", "8708", "8901", "9013", "8517", "8471",
    "3004", "2804", "2805", "2811", "2825", "2836", "2846", "2504", "3801", "8112",
    "8505", "3707", "3102", "2603", "7403", "2601", "2709", "2710", "2711", "3901",
    "3902", "8529", "8528", "8544", "8532", "8534", "2902", "8102", "8105", "2530",
    "7502", "2818", "8479", "8501", "8502", "8504", "2844", "3824",
)

#: Partners of Korea's and China's monthly series, most important first.
MONTHLY_PARTNERS: tuple[str, ...] = (
    "KOR", "CHN", "JPN", "USA", "DEU", "VNM", "TWN", "AUS", "CHL", "IDN", "IND", "MYS",
    "SGP", "HKG", "NLD", "RUS", "SAU", "THA", "MEX", "PHL", "BRA", "CAN", "FRA", "GBR",
)

#: (country, HS prefix, boost of log export value). Real, well-known strengths (and a few
#: well-known absences, negative).
NATIONAL_STRENGTHS: tuple[tuple[str, str, float], ...] = (
    ("KOR", "8542", 3.5), ("KOR", "854232", 1.0), ("KOR", "854231", 0.5),
    ("KOR", "901380", 3.0), ("KOR", "852990", 2.0),
    ("KOR", "850760", 4.0), ("KOR", "8901", 3.5), ("KOR", "8703", 2.5), ("KOR", "8708", 2.0),
    ("KOR", "2710", 2.0), ("KOR", "3901", 1.5), ("KOR", "3902", 1.5), ("KOR", "3903", 1.5),
    ("KOR", "7208", 1.5), ("KOR", "7209", 1.5), ("KOR", "7210", 1.5), ("KOR", "8517", 1.5),
    ("CHN", "85", 1.2), ("CHN", "84", 0.8), ("CHN", "94", 1.5), ("CHN", "95", 1.5),
    ("CHN", "61", 1.0), ("CHN", "62", 1.0), ("CHN", "64", 1.0), ("CHN", "73", 0.8),
    ("CHN", "850760", 2.5), ("CHN", "854140", 3.5), ("CHN", "250410", 4.0),
    ("CHN", "380110", 3.0), ("CHN", "280530", 4.0), ("CHN", "284690", 3.5),
    ("CHN", "811292", 4.0), ("CHN", "850511", 3.5), ("CHN", "282560", 3.5),
    ("CHN", "310210", 2.5), ("CHN", "281111", 2.5), ("CHN", "280461", 2.5),
    ("CHN", "282520", 2.5), ("CHN", "283691", 1.0), ("CHN", "8517", 1.5), ("CHN", "8471", 2.0),
    ("CHN", "8542", 1.0), ("CHN", "370790", 1.0),
    ("JPN", "8486", 3.0), ("JPN", "3707", 3.0), ("JPN", "8703", 2.5), ("JPN", "8708", 2.0),
    ("JPN", "9013", 1.5), ("JPN", "8542", 1.0), ("JPN", "281111", 2.0),
    ("TWN", "8542", 4.0), ("TWN", "8471", 1.5), ("TWN", "8486", 1.0),
    ("USA", "8802", 3.0), ("USA", "8803", 2.5), ("USA", "3004", 1.5), ("USA", "2711", 1.5),
    ("USA", "8542", 1.5), ("USA", "2710", 1.0), ("USA", "1201", 2.5),
    ("DEU", "8703", 2.5), ("DEU", "8708", 2.0), ("DEU", "3004", 2.0), ("DEU", "84", 1.0),
    ("DEU", "90", 1.0), ("NLD", "8486", 3.5), ("CHE", "3004", 2.5), ("CHE", "7108", 2.5),
    ("VNM", "8517", 3.0), ("VNM", "64", 2.5), ("VNM", "61", 1.5), ("VNM", "62", 1.5),
    ("VNM", "8542", 1.0), ("MYS", "8542", 2.0), ("SGP", "8542", 2.0), ("PHL", "8542", 2.0),
    ("AUS", "2601", 4.5), ("AUS", "2701", 3.5), ("AUS", "2711", 2.5), ("AUS", "253090", 4.0),
    ("AUS", "7108", 2.0), ("BRA", "2601", 3.5), ("BRA", "1201", 3.0), ("IDN", "2701", 3.0),
    ("IDN", "7502", 3.0), ("CHL", "2603", 4.0), ("CHL", "7403", 4.0), ("CHL", "283691", 4.5),
    ("ARG", "283691", 3.5), ("PER", "2603", 3.5), ("IND", "2710", 2.0), ("IND", "3004", 2.0),
    ("RUS", "2709", 2.0), ("RUS", "2710", 2.0), ("RUS", "2711", 2.0), ("QAT", "2711", 4.0),
    ("SAU", "2709", 4.0), ("ARE", "2709", 2.5), ("IRQ", "2709", 4.0), ("KWT", "2709", 4.0),
    ("NOR", "2709", 3.0), ("NOR", "2711", 3.0), ("CAN", "2709", 3.0), ("NGA", "2709", 4.0),
    ("AGO", "2709", 4.0), ("KAZ", "2709", 3.0), ("MEX", "8703", 2.0), ("MEX", "8708", 2.0),
    ("THA", "8708", 1.5), ("FRA", "8802", 2.5), ("GBR", "8411", 2.0),
    # importers of crude oil and ores that hardly export them
    ("KOR", "2709", -5.0), ("JPN", "2709", -5.0), ("CHN", "2709", -3.0), ("DEU", "2709", -4.0),
    ("TWN", "2709", -5.0), ("IND", "2709", -3.0), ("KOR", "26", -3.0), ("JPN", "26", -3.0),
)

#: (importer, HS prefix, boost of log demand): import dependencies that are real.
IMPORT_DEMAND: tuple[tuple[str, str, float], ...] = (
    ("KOR", "250410", 2.5), ("KOR", "380110", 2.5), ("KOR", "811292", 2.5),
    ("KOR", "282560", 2.0), ("KOR", "310210", 2.5), ("KOR", "283691", 2.5),
    ("KOR", "282520", 2.5), ("KOR", "850511", 1.5), ("KOR", "281111", 2.0),
    ("KOR", "370790", 2.5), ("KOR", "280461", 2.0), ("KOR", "2709", 2.0), ("KOR", "8486", 2.0),
    ("KOR", "280530", 1.5), ("KOR", "284690", 1.5), ("KOR", "2601", 1.5),
    ("CHN", "2601", 2.0), ("CHN", "2709", 1.5), ("CHN", "8542", 2.0), ("CHN", "2603", 2.0),
    ("CHN", "1201", 2.0), ("JPN", "2709", 1.5), ("JPN", "2711", 1.5), ("USA", "8703", 1.0),
)

#: Chapters (HS2) whose exports follow resource endowment rather than capability.
RESOURCE_CHAPTERS: tuple[str, ...] = ("25", "26", "27")

#: Extra yearly growth of fast-moving products (log points per year).
PRODUCT_TRENDS: tuple[tuple[str, float], ...] = (
    ("850760", 0.22), ("854140", 0.12), ("8542", 0.05), ("283691", 0.15), ("282520", 0.15),
    ("250410", 0.06), ("380110", 0.08), ("8703", 0.03), ("2709", -0.01),
)

#: Typical unit values (USD per kg) of items whose scale matters to analysts.
UNIT_VALUES_USD_PER_KG: dict[str, float] = {
    "310210": 0.35, "250410": 0.6, "380110": 2.5, "811292": 250.0, "282560": 1200.0,
    "850511": 40.0, "281111": 2.0, "370790": 30.0, "280461": 30.0, "282520": 20.0,
    "283691": 15.0, "280530": 60.0, "284690": 8.0, "854140": 50.0, "850760": 30.0,
    "854231": 3000.0, "854232": 2000.0, "270900": 0.5, "271111": 0.45, "260111": 0.1,
    "270112": 0.12, "870323": 12.0, "890190": 3.0,
}

#: Taiwan is missing from WDI: approximate public figures (USD billions), 2014-2024.
_TWN_GDP_BN = dict(zip(range(2014, 2025), (535, 534, 543, 591, 609, 612, 673, 775, 762, 756, 780),
                       strict=True))
_TWN_EXPORTS_BN = dict(zip(range(2014, 2025),
                           (320, 285, 280, 317, 334, 329, 345, 446, 479, 432, 475), strict=True))
_TWN_IMPORTS_BN = dict(zip(range(2014, 2025),
                           (274, 237, 230, 259, 285, 286, 287, 382, 428, 352, 391), strict=True))
_TWN_POPULATION = 23.4e6

#: Codes that the CEPII distance table spells differently (or lacks: nearest neighbour).
_DISTANCE_ALIASES = {
    "ROU": "ROM", "COD": "ZAR", "PSE": "PAL", "TLS": "TMP", "SRB": "YUG", "MNE": "YUG",
    "CUW": "ANT", "SXM": "ANT", "SSD": "SDN", "ASM": "WSM", "GUM": "MNP", "VIR": "PRI",
}


@dataclass(frozen=True)
class CountryInputs:
    """Countries of the demo world with their real macro data, aligned on ``iso3``."""

    iso3: np.ndarray  # (C,) str, sorted
    years: tuple[int, ...]
    gdp: np.ndarray  # (C, Y) USD
    exports: np.ndarray  # (C, Y) USD, goods exports (BoP), gaps filled from GDP
    imports: np.ndarray  # (C, Y) USD, goods imports (BoP), gaps filled from GDP
    population: np.ndarray  # (C,)
    distance_km: np.ndarray  # (C, C) population-weighted distance
    contiguous: np.ndarray  # (C, C) bool
    common_language: np.ndarray  # (C, C) bool


def _wdi_path() -> str:
    import atlas_common_data

    return os.path.join(os.path.dirname(atlas_common_data.__file__), "data", "cache",
                        "wdi_data.parquet")


def _fill_years(frame: pd.DataFrame, column: str, years: tuple[int, ...]) -> pd.DataFrame:
    """Wide iso3 x year table of ``column`` over ``years``, gaps filled from the nearest
    year with data (forward, then backward)."""
    wide = frame.pivot_table(index="iso3_code", columns="year", values=column)
    all_years = sorted(set(wide.columns) | set(years))
    wide = wide.reindex(columns=all_years).ffill(axis=1).bfill(axis=1)
    return wide[list(years)]


def _fill_from_gdp(values: pd.DataFrame, gdp: pd.DataFrame) -> pd.DataFrame:
    """Fill gaps with the country's own median ratio to GDP, else the median ratio."""
    ratio = (values / gdp).median(axis=1)
    ratio = ratio.fillna(float(ratio.median()))
    return values.fillna(gdp.mul(ratio, axis=0))


@lru_cache(maxsize=4)
def load_country_inputs(years: tuple[int, ...]) -> CountryInputs:
    """Real countries with a WDI GDP (plus Taiwan), their GDP and goods exports per year in
    ``years`` and the bilateral distances between them."""
    from atlas_common_data import load_geo_distances

    from kcbridge.reference.countries import country_table

    try:
        wdi = pd.read_parquet(_wdi_path(), columns=["iso3_code", "year", "gdp", "population",
                                                     "exports_goods_bop", "imports_goods_bop"])
    except (OSError, ValueError) as exc:  # pragma: no cover - broken installation
        raise ConfigError(
            f"Cannot read the WDI cache of atlas-common-data ({exc}).",
            hint="Reinstall it: `pip install --force-reinstall atlas-common-data`.",
        ) from exc
    countries = country_table()
    real = set(countries.loc[countries["kind"] == "country", "iso3"])
    wdi = wdi[wdi["iso3_code"].isin(real)]
    gdp = _fill_years(wdi.dropna(subset=["gdp"]), "gdp", years)
    exports = _fill_years(wdi.dropna(subset=["exports_goods_bop"]), "exports_goods_bop", years)
    imports = _fill_years(wdi.dropna(subset=["imports_goods_bop"]), "imports_goods_bop", years)
    population = wdi.dropna(subset=["population"]).groupby("iso3_code")["population"].last()

    gdp.loc["TWN"] = [_TWN_GDP_BN[min(max(y, 2014), 2024)] * 1e9 for y in years]
    exports.loc["TWN"] = [_TWN_EXPORTS_BN[min(max(y, 2014), 2024)] * 1e9 for y in years]
    imports.loc["TWN"] = [_TWN_IMPORTS_BN[min(max(y, 2014), 2024)] * 1e9 for y in years]
    population.loc["TWN"] = _TWN_POPULATION
    gdp = gdp.sort_index()
    iso3 = gdp.index.to_numpy().astype(str)
    exports, imports = _fill_from_gdp(exports.reindex(iso3), gdp), _fill_from_gdp(
        imports.reindex(iso3), gdp)
    pop = population.reindex(iso3).fillna(float(population.median())).to_numpy()

    dist = load_geo_distances()
    codes = [_DISTANCE_ALIASES.get(c, c) for c in iso3]
    known = set(dist["exporter"])
    missing = [c for c, k in zip(iso3, codes, strict=True) if k not in known]
    if missing:  # pragma: no cover - depends on the installed reference data
        raise ConfigError(f"No distances for {missing} in atlas-common-data.",
                          hint="Add an alias in kcbridge.sources.demo_inputs._DISTANCE_ALIASES.")
    position = {c: i for i, c in enumerate(sorted(known))}
    n_known = len(position)
    flat = (dist["exporter"].map(position).to_numpy() * n_known
            + dist["importer"].map(position).to_numpy())
    index = np.array([position[c] for c in codes])
    pair = (index[:, None] * n_known + index[None, :]).ravel()

    def square(column: str) -> np.ndarray:
        full = np.full(n_known * n_known, np.nan)
        full[flat] = dist[column].to_numpy(dtype=float)
        return full[pair].reshape(len(iso3), len(iso3))

    km = square("distw")
    km = np.where(np.isnan(km), square("dist"), km)
    km = np.where(np.isnan(km) | (km <= 0), np.nanmedian(km), km)
    np.fill_diagonal(km, np.nan)
    return CountryInputs(
        iso3=iso3,
        years=years,
        gdp=gdp.to_numpy(dtype=float),
        exports=exports.to_numpy(dtype=float),
        imports=imports.to_numpy(dtype=float),
        population=pop,
        distance_km=np.maximum(km, 50.0),
        contiguous=np.nan_to_num(square("contig")) > 0,
        common_language=np.nan_to_num(square("comlang_off")) > 0,
    )


@lru_cache(maxsize=1)
def load_hs6_codes() -> np.ndarray:
    """Every HS2012 HS6 code (sorted, str)."""
    from kcbridge.reference.products import product_table

    table = product_table("HS2012")
    return np.sort(table.loc[table["level"] == 6, "code"].to_numpy().astype(str))


def prefix_mask(codes: np.ndarray, prefix: str) -> np.ndarray:
    """Boolean mask of ``codes`` starting with ``prefix``."""
    return np.char.startswith(codes.astype(str), prefix)


def boost_matrix(
    iso3: np.ndarray, codes: np.ndarray, rules: tuple[tuple[str, str, float], ...]
) -> np.ndarray:
    """(countries x products) additive log boosts from (country, prefix, boost) rules."""
    out = np.zeros((len(iso3), len(codes)))
    row = {c: i for i, c in enumerate(iso3)}
    for country, prefix, boost in rules:  # a loop over ~100 rules, not over cells
        if country in row:
            out[row[country]] += np.where(prefix_mask(codes, prefix), boost, 0.0)
    return out


def _taxonomy_products() -> list[str]:
    """The sector taxonomy's critical items, then its sector products, as they were when the
    demo world was fixed (``data/demo_taxonomy_products.txt``): read from that file, not
    from :mod:`kcbridge.reference.sectors`, so that adding a critical item to the reference
    list does not change which series the demo draws (and every figure drawn after them)."""
    path = resources.files("kcbridge.sources").joinpath("data", "demo_taxonomy_products.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def monthly_products(codes: np.ndarray, limit: int) -> np.ndarray:
    """Products of the monthly series, at most ``limit``: the critical items above (always
    kept), then the taxonomy's critical items and sector products, then products of
    :data:`SECTOR_PREFIXES`; only codes among ``codes``."""
    available = set(map(str, codes))
    ordered = [*CRITICAL_ITEMS, *_taxonomy_products()]
    for prefix in SECTOR_PREFIXES:
        ordered.extend(map(str, codes[prefix_mask(codes, prefix)]))
    chosen = [c for c in dict.fromkeys(ordered) if c in available]
    n_critical = sum(c in CRITICAL_ITEMS for c in chosen)
    return np.array(chosen[: max(limit, n_critical)])
