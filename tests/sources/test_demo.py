"""The synthetic demo world: determinism, schema, realism of its structure, planted events."""

from __future__ import annotations

import datetime as dt
from typing import cast

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from kcbridge.errors import InputError
from kcbridge.sources.demo import (
    DEMO_SIZES,
    PLANTED_EVENTS,
    DemoSize,
    DemoWorld,
    generate_demo_world,
)
from kcbridge.sources.demo_annual import AnnualFlows, _ras
from kcbridge.sources.demo_monthly import _annual_levels, _log_level_path

#: A very small world for the determinism tests (builds in well under a second).
MICRO = DemoSize("micro", 12, 60, (2022, 2023), n_monthly_partners=4, n_monthly_products=18)

ANNUAL_SCHEMA = pa.schema([
    ("year", pa.int16()), ("exporter", pa.string()), ("importer", pa.string()),
    ("product", pa.string()), ("revision", pa.string()), ("value_usd", pa.float64()),
    ("quantity", pa.float64()), ("unit", pa.string()),
])
MONTHLY_SCHEMA = pa.schema([
    ("month", pa.date32()), ("reporter", pa.string()), ("partner", pa.string()),
    ("flow", pa.string()), ("product", pa.string()), ("revision", pa.string()),
    ("value_usd", pa.float64()), ("quantity", pa.float64()), ("unit", pa.string()),
])


@pytest.fixture(scope="module")
def world() -> DemoWorld:
    return generate_demo_world("tiny")


@pytest.fixture(scope="module")
def annual(world: DemoWorld) -> pd.DataFrame:
    return world.annual.to_pandas()


@pytest.fixture(scope="module")
def monthly(world: DemoWorld) -> pd.DataFrame:
    frame = world.monthly.to_pandas()
    frame["month"] = pd.to_datetime(frame["month"])
    return frame


@pytest.fixture(scope="module")
def rca(annual: pd.DataFrame) -> pd.DataFrame:
    """Balassa RCA of exporters x products in the last year (all products as columns)."""
    last = annual[annual["year"] == annual["year"].max()]
    matrix = last.pivot_table(index="exporter", columns="product", values="value_usd",
                              aggfunc="sum", fill_value=0.0)
    matrix = matrix.reindex(columns=sorted(annual["product"].unique()), fill_value=0.0)
    shares = matrix.div(matrix.sum(axis=1), axis=0)
    world_shares = matrix.sum(axis=0) / matrix.to_numpy().sum()
    return shares.div(world_shares, axis=1).fillna(0.0)


def _series(monthly: pd.DataFrame, reporter: str, partner: str, flow: str,
            product: str) -> pd.DataFrame:
    rows = monthly[(monthly["reporter"] == reporter) & (monthly["partner"] == partner)
                   & (monthly["flow"] == flow) & (monthly["product"] == product)]
    return rows.set_index("month").sort_index()


def _trailing_mean(series: pd.Series, start: dt.date, months: int = 12) -> float:
    first = pd.Timestamp(start) - pd.DateOffset(months=months)
    last = pd.Timestamp(start) - pd.DateOffset(months=1)
    return float(series.loc[first:last].mean())


# --- determinism and schema ------------------------------------------------------------

def test_same_seed_gives_identical_tables() -> None:
    first = generate_demo_world(MICRO, seed=7)
    second = generate_demo_world(MICRO, seed=7)
    assert first.annual.equals(second.annual)
    assert first.monthly.equals(second.monthly)
    assert first.events == second.events


def test_another_seed_gives_other_values() -> None:
    first = generate_demo_world(MICRO, seed=7)
    other = generate_demo_world(MICRO, seed=8)
    assert not first.annual.equals(other.annual)


def test_schemas_and_synthetic_labels(world: DemoWorld) -> None:
    assert world.annual.schema.remove_metadata() == ANNUAL_SCHEMA
    assert world.monthly.schema.remove_metadata() == MONTHLY_SCHEMA
    assert world.synthetic is True
    assert world.seed == 20240601
    for table in (world.annual, world.monthly):
        assert table.schema.metadata[b"synthetic"] == b"true"


def test_sizes_hold_their_actual_counts(world: DemoWorld, annual: pd.DataFrame) -> None:
    assert world.size.name == "tiny"
    assert world.size.n_countries == 40
    assert world.size.n_products == 400
    assert set(annual["year"]) == {2021, 2022, 2023}
    assert annual["exporter"].nunique() <= 40
    assert annual["product"].nunique() <= 400
    assert set(DEMO_SIZES) == {"tiny", "default", "large"}
    assert DEMO_SIZES["large"].years == tuple(range(2014, 2024))


def test_codes_and_constant_columns(annual: pd.DataFrame, monthly: pd.DataFrame) -> None:
    for frame in (annual, monthly):
        assert set(frame["revision"]) == {"HS2012"}
        assert set(frame["unit"]) == {"kg"}
        assert frame["product"].str.fullmatch(r"\d{6}").all()
    assert annual["exporter"].str.fullmatch(r"[A-Z]{3}").all()
    assert {"KOR", "CHN", "USA", "JPN"} <= set(annual["exporter"])
    assert set(monthly["reporter"]) == {"KOR", "CHN"}
    assert set(monthly["flow"]) == {"export", "import"}
    assert (monthly["month"].dt.day == 1).all()
    assert monthly["month"].min() == pd.Timestamp("2017-01-01")
    assert monthly["month"].max() == pd.Timestamp("2024-12-01")


def test_no_negative_missing_or_duplicated_values(annual: pd.DataFrame,
                                                  monthly: pd.DataFrame) -> None:
    for frame in (annual, monthly):
        assert (frame["value_usd"] > 0).all()
        assert (frame["quantity"] > 0).all()
        assert np.isfinite(frame[["value_usd", "quantity"]].to_numpy()).all()
    assert not annual.duplicated(["year", "exporter", "importer", "product"]).any()
    assert not monthly.duplicated(["month", "reporter", "partner", "flow", "product"]).any()
    assert (annual["exporter"] != annual["importer"]).all()
    assert (monthly["reporter"] != monthly["partner"]).all()


def test_unknown_size_says_which_sizes_exist() -> None:
    with pytest.raises(InputError, match="tiny, default, large"):
        generate_demo_world("huge")


# --- realism of the annual structure ----------------------------------------------------

def test_most_bilateral_cells_are_empty(world: DemoWorld, annual: pd.DataFrame) -> None:
    n_c, n_p = world.size.n_countries, world.size.n_products
    cells = n_c * (n_c - 1) * n_p * len(world.size.years)
    assert len(annual) / cells < 0.10


def test_share_of_rca_cells_is_realistic(rca: pd.DataFrame) -> None:
    share = float((rca.to_numpy() >= 1).mean())  # cells of exporting countries x products
    assert 0.10 <= share <= 0.25


def test_diversity_and_ubiquity_are_negatively_correlated(rca: pd.DataFrame) -> None:
    specialised = rca.to_numpy() >= 1
    diversity = specialised.sum(axis=1)
    ubiquity = specialised.sum(axis=0)
    has_any = diversity > 0
    mean_ubiquity = (specialised[has_any] * ubiquity).sum(axis=1) / diversity[has_any]
    assert np.corrcoef(diversity[has_any], mean_ubiquity)[0, 1] < -0.3


def test_national_strengths(annual: pd.DataFrame, rca: pd.DataFrame) -> None:
    last = annual[annual["year"] == annual["year"].max()]
    chips = last["product"].str.startswith("8542")
    korea = last["exporter"] == "KOR"
    prefix_rca = (last.loc[korea & chips, "value_usd"].sum() / last.loc[korea, "value_usd"].sum()
                  / (last.loc[chips, "value_usd"].sum() / last["value_usd"].sum()))
    assert prefix_rca > 1.5  # integrated circuits (HS 8542) as one product
    assert rca["854232"].loc["KOR"] > 1  # memory
    for code in ("854140", "250410", "811292", "850760"):
        assert rca[code].loc["CHN"] > 1, code


def test_quantities_follow_unit_values(annual: pd.DataFrame) -> None:
    unit_value = (annual["value_usd"] / annual["quantity"]).groupby(annual["product"]).median()
    assert 0.2 < unit_value["310210"] < 1.0  # urea, USD/kg
    assert unit_value["854232"] > 500  # memory chips


# --- monthly series and planted events --------------------------------------------------

def test_events_are_recorded(world: DemoWorld) -> None:
    names = {event.name for event in world.events}
    assert names == {e.name for e in PLANTED_EVENTS}
    collapse = next(e for e in world.events if e.name == "graphite_export_control")
    assert (collapse.kind, collapse.product, collapse.magnitude) == ("collapse", "250410", -0.8)
    assert (collapse.exporter, collapse.importer) == ("CHN", "KOR")
    assert collapse.start_month == dt.date(2023, 12, 1)
    assert collapse.announcement_month == dt.date(2023, 10, 1)


def test_collapses_are_visible(world: DemoWorld, monthly: pd.DataFrame) -> None:
    collapses = [e for e in world.events if e.kind == "collapse"]
    assert {e.name for e in collapses} >= {"graphite_export_control", "gallium_export_control"}
    for event in collapses:
        value = _series(monthly, event.reporter, event.partner, event.flow,
                        event.product)["value_usd"]
        baseline = _trailing_mean(value, event.start_month)
        assert value[pd.Timestamp(event.start_month)] < 0.3 * baseline, event.name
        during = value.loc[pd.Timestamp(event.start_month):pd.Timestamp(event.end_month)]
        assert (during < 0.5 * baseline).all(), event.name


def test_front_loading_is_visible(world: DemoWorld, monthly: pd.DataFrame) -> None:
    event = next(e for e in world.events if e.kind == "front_loading")
    value = _series(monthly, event.reporter, event.partner, event.flow,
                    event.product)["value_usd"]
    baseline = _trailing_mean(value, event.start_month)
    surge = value.loc[pd.Timestamp(event.start_month):pd.Timestamp(event.end_month)]
    assert len(surge) == 2
    assert (surge > 1.5 * baseline).all()


def test_price_spike_raises_unit_values_and_cuts_quantities(world: DemoWorld,
                                                            monthly: pd.DataFrame) -> None:
    event = next(e for e in world.events if e.kind == "price_spike")
    series = _series(monthly, event.reporter, event.partner, event.flow, event.product)
    unit_value = series["value_usd"] / series["quantity"]
    window = slice(pd.Timestamp(event.start_month), pd.Timestamp(event.end_month))
    months = pd.date_range(event.start_month, event.end_month, freq="MS")
    assert len(unit_value.loc[window]) == len(months) > 0  # every month of the spike is there
    assert (unit_value.loc[window] > 2.0 * _trailing_mean(unit_value, event.start_month)).all()
    assert (series["quantity"].loc[window]
            < 0.8 * _trailing_mean(series["quantity"], event.start_month)).all()


def test_mirror_flows_match_with_a_one_month_lag(monthly: pd.DataFrame) -> None:
    exports = monthly[(monthly["reporter"] == "CHN") & (monthly["partner"] == "KOR")
                      & (monthly["flow"] == "export")].set_index(["month", "product"])
    imports = monthly[(monthly["reporter"] == "KOR") & (monthly["partner"] == "CHN")
                      & (monthly["flow"] == "import")].copy()
    imports["month"] = imports["month"] - pd.DateOffset(months=1)
    imports = imports.set_index(["month", "product"])
    both = exports[["value_usd"]].join(imports[["value_usd"]], rsuffix="_mirror", how="inner")
    assert len(both) > 500
    ratio = both["value_usd_mirror"] / both["value_usd"]
    assert 1.03 < ratio.median() < 1.09  # CIF/FOB
    assert ((ratio > 0.85) & (ratio < 1.3)).mean() > 0.9
    # without the lag the match is much worse
    unlagged = exports[["value_usd"]].join(
        imports.reset_index().assign(month=lambda f: f["month"] + pd.DateOffset(months=1))
        .set_index(["month", "product"])[["value_usd"]], rsuffix="_mirror", how="inner")
    unlagged_ratio = unlagged["value_usd_mirror"] / unlagged["value_usd"]
    # numpy's stubs type a ufunc of a Series as an ndarray; pandas returns a Series
    log_gap = cast(pd.Series, np.log(unlagged_ratio)).abs().median()
    assert log_gap > 2 * cast(pd.Series, np.log(ratio)).abs().median()


def test_chinese_new_year_dip_and_december_peak(monthly: pd.DataFrame) -> None:
    exports = monthly[(monthly["reporter"] == "CHN") & (monthly["flow"] == "export")]
    total = exports.groupby("month")["value_usd"].sum()
    by_calendar_month = total.groupby(cast(pd.DatetimeIndex, total.index).month).mean()
    assert by_calendar_month[2] < 0.9 * by_calendar_month[[4, 5, 6]].mean()
    assert by_calendar_month[12] > by_calendar_month[[9, 10, 11]].mean()


def test_monthly_follows_the_annual_flow(annual: pd.DataFrame, monthly: pd.DataFrame) -> None:
    flow = annual[(annual["exporter"] == "KOR") & (annual["importer"] == "CHN")
                  & (annual["product"] == "854232") & (annual["year"] == 2022)]
    reported = _series(monthly, "KOR", "CHN", "export", "854232")["value_usd"]
    yearly = reported.loc["2022-01-01":"2022-12-01"].sum()
    assert yearly == pytest.approx(flow["value_usd"].iloc[0], rel=0.25)


# --- hand-computed helpers --------------------------------------------------------------

def test_ras_matches_row_and_column_totals() -> None:
    matrix = np.array([[1.0, 1.0], [1.0, 3.0]])
    _ras(matrix, rows=np.array([4.0, 6.0]), cols=np.array([3.0, 7.0]), rounds=200)
    np.testing.assert_allclose(matrix.sum(axis=1), [4.0, 6.0])
    np.testing.assert_allclose(matrix.sum(axis=0), [3.0, 7.0], rtol=1e-9)
    # the cross-ratio (1*3)/(1*1) = 3 is kept by RAS scaling
    assert matrix[0, 0] * matrix[1, 1] / (matrix[0, 1] * matrix[1, 0]) == pytest.approx(3.0)


def test_annual_levels_look_up_directed_pairs() -> None:
    flows = AnnualFlows(
        year=np.array([0, 1, 1], dtype=np.int16), exporter=np.array([0, 0, 1], dtype=np.int32),
        importer=np.array([1, 1, 0], dtype=np.int32), product=np.array([2, 2, 2], dtype=np.int32),
        value_usd=np.array([10.0, 20.0, 5.0]), quantity=np.array([1.0, 2.0, 1.0]))
    levels = _annual_levels(flows, np.array([0, 1, 0]), np.array([1, 0, 1]), np.array([2, 2, 0]),
                            n_countries=2, n_products=3, n_years=2)
    np.testing.assert_array_equal(levels[0], [10.0, 20.0])
    assert np.isnan(levels[1, 0]) and levels[1, 1] == 5.0
    assert np.isnan(levels[2]).all()


def test_level_path_interpolates_between_mid_years() -> None:
    # 1,200 USD in 2021 and 2,400 USD in 2022: 100 a month at mid-2021, 200 at mid-2022
    months = np.array([2021 * 12 + 6, 2022 * 12 + 0, 2022 * 12 + 6])  # Jul 21, Jan 22, Jul 22
    path = np.exp(_log_level_path(np.array([[1200.0, 2400.0]]), (2021, 2022), months, 1.0))[0]
    offset = 0.5 / 12  # the middle of July is half a month after the middle of the year
    assert path[0] == pytest.approx(100 * 2 ** offset)
    # past the last mid-year the trend is damped: half its own (ln 2) + 1.5 %, at most 15 %
    assert path[2] == pytest.approx(200 * np.exp(0.15 * offset))
    assert path[0] < path[1] < path[2]
