"""Issue 11 on GENERATED series: breadth over a control's code family, abrupt collapses
in volatile series, the importer side with substitution, price spikes, and the CLI
backtest on a loaded store. Every class reports its quiet-period false alarms."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from kcbridge.watch.contingency import alternative_suppliers
from kcbridge.watch.detectors import detect, judged_mask, with_families
from kcbridge.watch.episodes import expand_episodes, parse_episodes
from kcbridge.watch.families import family_members, product_family
from kcbridge.watch.panel import SeriesPanel
from kcbridge.watch.substitution import replacing_suppliers, supplier_shares
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS

MONTHS = pd.date_range("2015-01-01", periods=96, freq="MS")


def position(months: pd.DatetimeIndex, month: str) -> int:
    """Where ``month`` sits in a monthly range (``get_loc`` is typed int, slice or mask; a
    range without repeats gives the int)."""
    at = months.get_loc(pd.Timestamp(month))
    assert isinstance(at, int)
    return at


#: the shock month (2021-12; not a January, which is judged with February)
SHOCK = position(MONTHS, "2021-12-01")


def panel_of(rows: list[tuple[str, str, str, str, np.ndarray, np.ndarray]]) -> SeriesPanel:
    keys = pd.DataFrame([r[:4] for r in rows], columns=["reporter", "partner", "product", "flow"])
    return SeriesPanel(keys, MONTHS, np.array([r[4] for r in rows], float),
                       np.array([r[5] for r in rows], float))


def noisy(level: float, sigma: float, seed: int, price: float = 10.0) -> tuple[np.ndarray,
                                                                               np.ndarray]:
    rng = np.random.default_rng(seed)
    value = level * np.exp(rng.normal(0.0, sigma, len(MONTHS)))
    quantity = value / (price * np.exp(rng.normal(0.0, 0.03, len(MONTHS))))
    return value, quantity


def quiet_alarms(found: pd.DataFrame, before: int = SHOCK) -> int:
    """Series-months with a detection before the shock (the quiet period)."""
    early = found[found["month"] < MONTHS[before]]
    return len(early[["series", "month"]].drop_duplicates())


# ---- families ------------------------------------------------------------------------
def test_families_group_codes_lines_headings_and_group_names():
    assert product_family("250410") == product_family("380110") == "graphite"
    assert product_family("2504101000") == "graphite"       # a 10-digit national line
    assert product_family("3102") == "urea"                   # HS4: all its items are urea
    assert product_family("2825") == "2825"                   # HS4 of several families
    assert product_family("Gallium/Germanium") == "gallium_germanium"
    assert product_family("999999") == "999999"
    # the 10-digit lines an official notice names join the family, not their HS6 or
    # heading: gallium arsenide's line, not the rest of 285390; graphite articles'
    # line, not heading 6815
    assert product_family("2853909026") == "gallium_germanium"
    assert product_family("285390") == "285390"
    assert product_family("2853909099") == "2853909099"
    assert product_family("6815190020") == "graphite" and product_family("6815") == "6815"
    assert product_family("3920") == "3920" and product_family("31") == "31"
    held = ["250410", "380110", "2504101000", "281111", "Graphite"]
    assert family_members("graphite", held) == ["250410", "380110", "2504101000", "Graphite"]
    assert family_members("2504", held) == ["250410", "2504101000"]
    keys = pd.DataFrame({"reporter": "CHN", "partner": ["KOR", "JPN"],
                         "product": ["250410", "380110"], "flow": "export"})
    assert set(with_families(keys)["family"]) == {"graphite"}


def test_episode_products_expand_to_the_family_codes_the_data_hold():
    eps = parse_episodes({"episodes": [{
        "name": "g", "reporter": "CHN", "partners": "*", "products": ["graphite"],
        "announced": "2023-10-20", "effective": "2023-12-01", "expected_signal": ["any"]}]})
    keys = pd.DataFrame({"reporter": "CHN", "partner": ["KOR", "JPN", "KOR"],
                         "product": ["250410", "380110", "854232"], "flow": "export"})
    rows = expand_episodes(eps, keys)
    assert sorted(zip(rows["product"], rows["partner"], strict=True)) == [
        ("250410", "KOR"), ("380110", "JPN")]


# ---- a small-flow family that moves with a large one ----------------------------------
def family_panel() -> SeriesPanel:
    """Graphite exports: 250410 to four large destinations (5-20 M USD a month), 380110
    to one large and three small ones (about 100 k USD, under the 0.5 M materiality
    floor). Every series falls by 90 % in the shock month (2021-12)."""
    rows = []
    for i, (product, partner, level) in enumerate([
        ("250410", "KOR", 2e7), ("250410", "JPN", 1e7), ("250410", "USA", 8e6),
        ("250410", "DEU", 5e6), ("380110", "POL", 6e6), ("380110", "VNM", 1.2e5),
        ("380110", "THA", 9e4), ("380110", "IND", 1.1e5),
    ]):
        v, q = noisy(level, 0.08, seed=10 + i)
        v[SHOCK:], q[SHOCK:] = v[SHOCK:] * 0.1, q[SHOCK:] * 0.1
        rows.append(("CHN", partner, product, "export", v, q))
    return panel_of(rows)


def test_small_flows_of_a_family_are_judged_by_the_broad_detectors():
    panel = family_panel()
    found = detect(panel)
    at = found[found["month"] == MONTHS[SHOCK]]
    small = {"VNM", "THA", "IND"}
    broad = at[at["detector"] == "broad_collapse"]
    assert small <= set(broad["partner"])
    # the breadth of POL (380110) counts the four 250410 destinations: 4 of 4 others
    # material (the small ones do not count towards breadth)
    pol = broad[broad["partner"] == "POL"]
    assert len(pol) and pol["breadth"].iloc[0] == pytest.approx(1.0)
    # small flows raise nothing but broad detections, and nothing in the quiet period
    assert set(found[found["partner"].isin(small)]["detector"]) == {"broad_collapse"}
    assert quiet_alarms(found) == 0
    # they are judged (by the broad detectors) but not material
    i = panel.find("CHN", "VNM", "380110", "export")
    assert judged_mask(panel)[i, SHOCK] and not judged_mask(panel, small=False)[i, SHOCK]


def test_per_code_grouping_would_miss_the_small_flows():
    """Only the family makes the breadth: with a per-code family (each code alone) the
    three small 380110 flows have a single material other (POL) and are never judged
    when breadth counts the material series only (``breadth_of_small`` and
    ``breadth_when_few`` off, the defaults). Under ``breadth_when_few`` (issue 11, round
    3, off by default after its real-data measurement) a family with too few material
    series counts its breadth over the small flows too: the per-code family then raises
    the three small flows' fall."""
    panel = family_panel()
    keys = panel.keys.copy()
    keys["product"] = keys["product"].map({"250410": "X250410", "380110": "X380110"})
    per_code = SeriesPanel(keys, panel.months, panel.value, panel.quantity)
    alone = detect(per_code, DEFAULT_THRESHOLDS.with_overrides(breadth_of_small=False,
                                                               breadth_when_few=False))
    assert not alone["partner"].isin({"VNM", "THA", "IND"}).any()
    few = detect(per_code, DEFAULT_THRESHOLDS.with_overrides(breadth_when_few=True))
    at = few[(few["month"] == MONTHS[SHOCK]) & (few["detector"] == "broad_collapse")]
    assert {"VNM", "THA", "IND"} <= set(at["partner"])
    # breadth over POL and the other two small flows: all three fell
    assert at[at["partner"] == "VNM"]["breadth"].iloc[0] == pytest.approx(1.0)
    assert quiet_alarms(few) == 0


# ---- a volatile series with a 95 % one-month collapse ---------------------------------
def test_volatile_series_collapse_of_95_percent_is_reported_on_its_own_month():
    v, q = noisy(3e6, 0.55, seed=3)
    v[SHOCK], q[SHOCK] = v[SHOCK] * 0.05, q[SHOCK] * 0.05
    steady_v, steady_q = noisy(3e6, 0.55, seed=4)
    panel = panel_of([("CHN", "KOR", "811292", "export", v, q),
                      ("CHN", "JPN", "811292", "export", steady_v, steady_q)])
    found = detect(panel)
    at = found[(found["month"] == MONTHS[SHOCK]) & (found["series"] == 0)]
    assert "abrupt_collapse" in set(at["detector"])
    # the uncapped collapse score is absorbed by the volatility: below collapse_z
    assert "collapse" not in set(at["detector"])
    assert quiet_alarms(found) == 0
    # switching the cap off (abrupt_move=0) loses the month: nothing fires then
    off = detect(panel, DEFAULT_THRESHOLDS.with_overrides(abrupt_move=0))
    assert off[(off["month"] == MONTHS[SHOCK]) & (off["series"] == 0)].empty


# ---- importer side and substitution --------------------------------------------------
def substitution_panel() -> SeriesPanel:
    """Korea's imports of one 10-digit line from JPN (10 M a month), CHN (2 M), TWN (1 M):
    from the shock month JPN falls to 1 M, CHN rises to 6 M, TWN to 3 M."""
    rows = []
    for i, (partner, level, after) in enumerate([("JPN", 1e7, 1e6), ("CHN", 2e6, 6e6),
                                                 ("TWN", 1e6, 3e6)]):
        v, q = noisy(level, 0.06, seed=20 + i, price=50.0)
        v[SHOCK:], q[SHOCK:] = v[SHOCK:] * after / level, q[SHOCK:] * after / level
        rows.append(("KOR", partner, "2811111000", "import", v, q))
    return panel_of(rows)


def test_importer_collapse_and_substitution_signal():
    panel = substitution_panel()
    found = detect(panel)
    jpn = found[found["partner"] == "JPN"]
    first = jpn[jpn["detector"] != "substitution"]["month"].min()
    assert first == MONTHS[SHOCK]
    sub = jpn[jpn["detector"] == "substitution"]
    assert len(sub) == 1 and MONTHS[SHOCK] <= sub["month"].iloc[0] <= MONTHS[SHOCK + 2]
    assert sub["score"].iloc[0] >= DEFAULT_THRESHOLDS.substitution_share_drop
    # no substitution is raised on the suppliers that gained
    assert found[(found["partner"] != "JPN") & (found["detector"] == "substitution")].empty
    assert quiet_alarms(found) == 0


def test_supplier_shares_and_replacing_suppliers_rank_first():
    panel = substitution_panel()
    shares = supplier_shares(panel, "KOR", "2811111000", "import", MONTHS[SHOCK + 2])
    s = shares.set_index("partner")
    assert s.loc["JPN", "share_before"] == pytest.approx(10 / 13, abs=0.03)
    assert s.loc["JPN", "share_after"] == pytest.approx(1 / 10, abs=0.03)
    assert s.loc["CHN", "share_change"] > 0.3
    replacing = replacing_suppliers(shares, "JPN")
    assert list(replacing["partner"]) == ["CHN", "TWN"]
    # annual data in which a big theoretical supplier (USA) scores above CHN and TWN
    annual = pd.DataFrame({
        "year": 2021, "exporter": ["USA", "CHN", "TWN", "JPN", "USA", "CHN"],
        "importer": ["DEU", "KOR", "KOR", "KOR", "FRA", "DEU"],
        "product": ["281111"] * 4 + ["999999", "999999"],
        "value_usd": [9e8, 2e7, 1e7, 1.2e8, 5e8, 1e8]})
    dist = pd.DataFrame({"exporter": ["USA", "CHN", "TWN"], "importer": "KOR",
                         "distance_km": [10000.0, 1000.0, 1500.0]})
    plain = alternative_suppliers(annual, "KOR", "281111", 2021, affected_supplier="JPN",
                                  distances=dist)
    assert plain["exporter"].iloc[0] == "USA"
    ranked = alternative_suppliers(
        annual, "KOR", "281111", 2021, affected_supplier="JPN", distances=dist,
        replacing=dict(zip(replacing["partner"], replacing["gain_usd"], strict=True)))
    assert list(ranked["exporter"]) == ["CHN", "TWN", "USA"]
    assert list(ranked["already_replacing"]) == [True, True, False]


# ---- price spike: value up, quantity down ---------------------------------------------
def test_price_spike_with_falling_quantity_is_a_collapse_of_quantity():
    v, q = noisy(2e7, 0.05, seed=30, price=300.0)
    # from the shock month the price triples and the quantity falls by 70 %: value +
    q[SHOCK:] = q[SHOCK:] * 0.3
    v[SHOCK:] = v[SHOCK:] * 0.3 * 3.0
    other_v, other_q = noisy(2e7, 0.05, seed=31, price=300.0)
    panel = panel_of([("CHN", "KOR", "310210", "export", v, q),
                      ("CHN", "IND", "310210", "export", other_v, other_q)])
    found = detect(panel)
    at = found[(found["month"] == MONTHS[SHOCK]) & (found["series"] == 0)]
    down = at[at["direction"] == "down"]
    assert set(down["measure"]) == {"quantity"} and "collapse" in set(down["detector"])
    spike = at[at["detector"] == "unit_price_spike"]
    assert set(spike["direction"]) == {"up"}
    assert quiet_alarms(found) == 0


def test_quantity_fall_in_a_basket_with_unsteady_prices_needs_the_value():
    """A basket whose unit value swings (product mix) can lose 80 % of its kilograms
    with a steady value: not a collapse unless the value falls too."""
    rng = np.random.default_rng(40)
    v = 5e6 * np.exp(rng.normal(0, 0.05, len(MONTHS)))
    q = v / (10.0 * np.exp(rng.normal(0, 0.6, len(MONTHS))))
    q[SHOCK] *= 0.2
    panel = panel_of([("CHN", "BEL", "Gallium/Germanium", "export", v, q)])
    found = detect(panel)
    assert found[(found["month"] == MONTHS[SHOCK]) & (found["direction"] == "down")].empty


# ---- the CLI on a loaded store ---------------------------------------------------------
def test_cli_backtest_with_an_episodes_file_on_a_loaded_store(platform, tmp_path):
    from kcbridge.cli import app as cli_app
    from kcbridge.cli.common import set_platform_factory

    _load(platform, substitution_panel())
    episodes = tmp_path / "japan.yaml"
    episodes.write_text(
        "episodes:\n"
        "  - name: japan-hf-2021\n    reporter: KOR\n    partner: JPN\n"
        "    products: ['281111']\n    flow: import\n    announced: 2021-11-20\n"
        "    effective: 2021-12-01\n    expected_signal: [collapse, abrupt_collapse]\n",
        encoding="utf-8")
    set_platform_factory(lambda: platform)
    try:
        res = CliRunner().invoke(cli_app, ["watch", "backtest", "--episodes", str(episodes),
                                           "--one-pass", "--cutoff", "2021-12", "--format", "json"])
        assert res.exit_code == 0, res.output
        body = json.loads(res.output)
        (row,) = body["episodes"]
        assert row["product"] == "2811111000" and row["visible_in_data"] and row["detected"]
        # raised in the effective month, a warning once the next month stays down
        assert row["first_watch"].startswith("2021-12") and row["within_target"]
        assert row["confirmed"].startswith("2022-01") and row["lead_months_vs_effective"] == -1
        by = {d["detector"]: d for d in body["summary"]["by_detector"]}
        assert {"abrupt_collapse", "substitution"} <= set(by)
        # quiet before the shock; from it the suppliers that replace JPN (x3) surge: the
        # substitution the episode caused (round 11), reported on the episode's row
        assert sum(d["before_cutoff"] for d in by.values()) == 0
        assert by["surge"]["from_cutoff"] == 0 == body["summary"]["provisional_false_alarms"]
        assert body["summary"]["false_alarms"] == 0
        assert row["substitutes"] == 2
        assert {part.split()[0] for part in row["substitutes_rose"].split("; ")} == {"CHN",
                                                                                     "TWN"}
        # counted as series without an episode, as before round 11: 4 surges, confirmed
        res = CliRunner().invoke(cli_app, ["watch", "backtest", "--episodes", str(episodes),
                                           "--one-pass", "--cutoff", "2021-12", "--format",
                                           "json", "--set", "substitute_months=0"])
        before = json.loads(res.output)["summary"]
        assert before["provisional_false_alarms"] == 4 == before["false_alarms"]
        bad = CliRunner().invoke(cli_app, ["watch", "backtest", "--episodes", str(episodes),
                                           "--set", "no_such=1"])
        assert bad.exit_code == 1 and "KEY=VALUE" in bad.output
    finally:
        set_platform_factory(None)


def test_alert_page_shows_units_shares_and_replacing_suppliers(platform):
    from fastapi.testclient import TestClient

    from kcbridge.api import create_app

    _load(platform, substitution_panel())
    alerts = platform.watch.scan(as_of=f"{MONTHS[SHOCK + 2]:%Y-%m}", months=3)
    jpn = alerts[(alerts["partner"] == "JPN") & alerts["detectors"].str.contains("substitution")]
    assert len(jpn) == 1
    detail = platform.watch.alert(jpn["alert_id"].iloc[0])
    assert detail["units"] == {"value": "USD", "quantity": "kg", "unit_value": "USD/kg"}
    m = detail["measures"].set_index("measure")
    assert m.loc["value", "change"] == pytest.approx(-0.9, abs=0.05)
    shares = detail["shares"].set_index("partner")
    assert shares.loc["JPN", "share_before"] > 0.7 > 0.15 > shares.loc["JPN", "share_after"]
    # no annual data: the alternatives are the suppliers already replacing Japan
    alt = detail["alternatives"]
    assert list(alt["exporter"]) == ["CHN", "TWN"] and alt["already_replacing"].all()
    client = TestClient(create_app(platform))
    html = client.get(f"/watch/alerts/{jpn['alert_id'].iloc[0]}").text
    assert "Suppliers before and after" in html and "JPN (hit)" in html
    assert "<td>USD/kg</td>" in html and "yes, +" in html
    body = client.get(f"/api/watch/alerts/{jpn['alert_id'].iloc[0]}").json()
    assert body["ok"] is True


def test_backtest_api_and_page_name_the_substitutes(platform):
    """``/api/watch/backtest`` (a bundled file by name, or a posted list) and the
    ``/watch/backtest`` page give the CLI's figures; only bundled names are read."""
    from fastapi.testclient import TestClient

    from kcbridge.api import create_app

    _load(platform, substitution_panel())
    client = TestClient(create_app(platform))
    episode = {"name": "japan-hf-2021", "reporter": "KOR", "partner": "JPN",
               "products": ["281111"], "flow": "import", "announced": "2021-11-20",
               "effective": "2021-12-01", "expected_signal": ["collapse", "abrupt_collapse"],
               "source": "generated"}
    body = client.post("/api/watch/backtest?cutoff=2021-12",
                       json={"episodes": [episode]}).json()
    assert body["ok"] is True
    (row,) = body["data"]
    assert row["partner"] == "JPN" and row["visible_in_data"] and row["within_target"]
    assert {p.split()[0] for p in row["substitutes_rose"].split("; ")} == {"CHN", "TWN"}
    assert body["summary"]["false_alarms"] == 0
    before = client.post("/api/watch/backtest?cutoff=2021-12&set=substitute_months=0",
                         json={"episodes": [episode]}).json()
    assert before["summary"]["false_alarms"] == 4
    bad = client.get("/api/watch/backtest", params={"episodes": "/etc/passwd"})
    assert bad.status_code == 422 and "public_episodes.yaml" in bad.json()["error"]
    assert client.post("/api/watch/backtest", json={"episodes": []}).status_code == 422
    # months are read as months (a 500 before, from the CLI too)
    for month in ({"start": "abc"}, {"end": "2030-13"}):
        reply = client.get("/api/watch/backtest",
                           params={**month, "episodes": "public_episodes.yaml"})
        assert reply.status_code == 422 and "YYYY-MM" in reply.json()["error"]
    assert client.post("/api/watch/backtest", json={"episodes": [episode] * 501}
                       ).status_code == 422
    public = client.get("/api/watch/backtest", params={"episodes": "public_episodes.yaml"})
    rows = [r for r in public.json()["data"]
            if r["episode"].startswith("japan-") and r["series"] >= 0]
    assert {(r["reporter"], r["partner"], r["product"]) for r in rows} == {
        ("KOR", "JPN", "2811111000")}
    html = client.get("/watch/backtest", params={"episodes": "public_episodes.yaml"}).text
    assert "Visible episode series warned in time" in html
    assert "KOR ← JPN · 2811111000 (import)" in html
    assert "Unknown episodes file" in client.get("/watch/backtest",
                                                 params={"episodes": "x.yaml"}).text


def _load(platform, panel: SeriesPanel) -> None:
    long = []
    for i, (_, key) in enumerate(panel.keys.iterrows()):
        long.append(pd.DataFrame({
            "month": MONTHS.date, "reporter": key["reporter"], "partner": key["partner"],
            "flow": key["flow"], "product": key["product"], "revision": "HSK",
            "value_usd": panel.value[i], "quantity": panel.quantity[i], "unit": "kg",
            "load_id": "test"}))
    with platform.store.transaction():
        platform.store.insert("trade_monthly", pd.concat(long, ignore_index=True))


def test_bundled_public_episodes_carry_dates_and_sources():
    from kcbridge.watch.episodes import read_episodes

    eps = {e["name"]: e for e in read_episodes("public_episodes.yaml")}
    assert len(eps) == 13 and all(e["source"] for e in eps.values())
    dates = {name: (str(e["announced"]), str(e["effective"])) for name, e in eps.items()}
    assert dates["gallium-germanium-export-licensing-2023"] == ("2023-07-03", "2023-08-01")
    assert dates["graphite-export-licensing-2023"] == ("2023-10-20", "2023-12-01")
    assert dates["antimony-export-licensing-2024"] == ("2024-08-15", "2024-09-15")
    assert dates["us-dual-use-export-ban-2024"] == ("2024-12-03", "2024-12-03")
    assert dates["medium-heavy-rare-earth-export-licensing-2025"] == ("2025-04-04",
                                                                     "2025-04-04")
    assert dates["urea-export-inspection-2021"] == ("2021-10-11", "2021-10-15")
    assert dates["japan-semiconductor-chemicals-licensing-2019"] == ("2019-07-01",
                                                                    "2019-07-04")
    # both sides of the border: Korea's imports mirror every measure
    korea = [e for e in eps.values() if e["reporter"] == "KOR"]
    assert len(korea) == 6 and {e["flow"] for e in korea} == {"import"}


# ---- a regular flow that stops: no row at all ------------------------------------------
def test_a_regular_flow_with_no_row_in_a_published_month_is_a_stop():
    v, q = noisy(4e6, 0.1, seed=50)
    other_v, other_q = noisy(4e6, 0.1, seed=51)
    v[SHOCK:], q[SHOCK:] = np.nan, np.nan          # no row from the shock month on
    gap_v, gap_q = noisy(4e6, 0.1, seed=52)
    gap_v[SHOCK - 30], gap_q[SHOCK - 30] = np.nan, np.nan   # one empty month long ago
    panel = panel_of([("CHN", "USA", "811292", "export", v, q),
                      ("CHN", "JPN", "811292", "export", other_v, other_q),
                      ("CHN", "KOR", "811292", "export", gap_v, gap_q)])
    filled = panel.with_stopped_flows(12)
    assert filled.value[0, SHOCK] == 0.0 and np.isnan(filled.value[0, SHOCK + 1])
    found = detect(panel)
    usa = found[(found["series"] == 0) & (found["month"] == MONTHS[SHOCK])]
    assert {"collapse", "abrupt_collapse"} <= set(usa["detector"])
    # the Korean flow's empty month 30 months earlier is a stop too, and alerted: the
    # cost of the rule (one alarm month in the quiet period)
    assert quiet_alarms(found) == 1
    assert set(found[found["month"] < MONTHS[SHOCK]]["partner"]) == {"KOR"}
    # a month the reporter did not publish at all is never judged
    v2 = panel.value.copy()
    v2[:, SHOCK] = np.nan
    dark = SeriesPanel(panel.keys, MONTHS, v2, panel.quantity)
    assert np.isnan(dark.with_stopped_flows(12).value[0, SHOCK])
    assert detect(dark, DEFAULT_THRESHOLDS, months=MONTHS[SHOCK:SHOCK + 1]).empty
    # switched off: the stop is never judged
    off = detect(panel, DEFAULT_THRESHOLDS.with_overrides(stopped_after=0))
    assert off[off["series"] == 0].empty


# ---- a generated analogue of issue 11's graphite case: 39 destinations, two codes -------
def graphite_like_panel(seed: int = 11) -> SeriesPanel:
    """China's exports of two graphite codes to 39 destinations, 2017-01..2024-06: ten
    large flows (1-30 M USD a month; two of them volatile, log noise 0.55) and 29 small
    ones (60-400 k, noise 0.2-0.45). Small flows jump 6x in 2023-11; from 2023-12 every
    flow falls to 4-10 %, and nine small ones ship nothing at all for two months."""
    rng = np.random.default_rng(seed)
    months = pd.date_range("2017-01-01", "2024-06-01", freq="MS")
    t = len(months)
    nov = position(months, "2023-11-01")
    dec = position(months, "2023-12-01")
    rows = []
    for i in range(39):
        if i < 10:
            level, sigma = rng.uniform(1e6, 3e7), (0.55 if i in (3, 7) else rng.uniform(0.1, 0.3))
        else:
            level, sigma = rng.uniform(6e4, 4e5), rng.uniform(0.2, 0.45)
        season = 0.1 * np.sin(np.arange(t) * 2 * np.pi / 12 + i)
        v = level * np.exp(rng.normal(0, sigma, t) + season)
        q = v / (5.0 * np.exp(rng.normal(0, 0.05, t)))
        if i >= 10:
            v[nov], q[nov] = v[nov] * 6, q[nov] * 6
        drop = rng.uniform(0.04, 0.10)
        v[dec:], q[dec:] = v[dec:] * drop, q[dec:] * drop
        if i >= 30:
            v[dec:dec + 2], q[dec:dec + 2] = np.nan, np.nan
        rows.append(("CHN", f"D{i:02d}", "250410" if i % 2 == 0 else "380110", "export", v, q))
    keys = pd.DataFrame([r[:4] for r in rows], columns=["reporter", "partner", "product", "flow"])
    return SeriesPanel(keys, months, np.array([r[4] for r in rows]),
                       np.array([r[5] for r in rows]))


def test_graphite_like_family_every_destination_detected_with_its_quiet_alarms():
    from kcbridge.watch.backtest import run_backtest

    panel = graphite_like_panel()
    eps = parse_episodes({"episodes": [{
        "name": "graphite", "reporter": "CHN", "partners": "*", "products": ["graphite"],
        "announced": "2023-10-20", "effective": "2023-12-01", "expected_signal": ["any"]}]})
    result = run_backtest(panel, eps, live=False, start="2019-01")
    table = result.episodes
    assert len(table) == 39 and table["visible_in_data"].all()
    assert table["within_target"].all()
    small = table["partner"].str[1:].astype(int) >= 10
    assert set(table.loc[small, "detector"]) == {"broad_collapse"}
    # with ``breadth_of_small`` (off by default: it failed on real data) the small flows'
    # November rush (x6) is a broad surge here, a month earlier
    with_small = run_backtest(panel, eps, DEFAULT_THRESHOLDS.with_overrides(
        breadth_of_small=True), live=False, start="2019-01").episodes
    assert set(with_small.loc[small, "detector"]) == {"broad_surge"}
    assert with_small["within_target"].all()
    # quiet period 2019-01..2023-06: one alarm month in 1,905 judged series-months, a
    # random -86 % month of a volatile large flow (the price of abrupt_collapse)
    quiet = result.detections[result.detections["month"] < "2023-07-01"]
    quiet = quiet.drop_duplicates(["series", "month"])
    window = (panel.months >= "2019-01-01") & (panel.months < "2023-07-01")
    assert int(judged_mask(panel)[:, window].sum()) == 1905
    assert [(r.partner, f"{r.month:%Y-%m}", r.detector, r.level)
            for r in quiet.itertuples()] == [("D07", "2022-07", "abrupt_collapse", "watch")]
    # that random month recovers the next: a provisional watch, never a warning; every
    # destination is warned (confirmed) in time, the small ones by the family's breadth
    s = result.summary
    assert s["quiet_period"] == "2019-01..2023-09"
    assert (s["quiet_alarms"], s["provisional_quiet_alarms"], s["quiet_series_months"]) == (
        0, 1, 2022)
    assert table.loc[small, "confirmation"].str.startswith("breadth").all()
    # the rules of before issue 11 (breadth per code, material flows only, no abrupt
    # collapse, no stops) find the ten large flows only
    before = DEFAULT_THRESHOLDS.with_overrides(abrupt_move=0, stopped_after=0,
                                               broad_min_value_usd=500_000.0,
                                               breadth_of_small=False, broad_stop_after=0)
    keys = panel.keys.assign(product="X" + panel.keys["product"])
    per_code = SeriesPanel(keys, panel.months, panel.value, panel.quantity)
    eps_code = parse_episodes({"episodes": [{
        "name": "graphite", "reporter": "CHN", "partners": "*",
        "products": ["X250410", "X380110"], "announced": "2023-10-20",
        "effective": "2023-12-01", "expected_signal": ["any"]}]})
    old = run_backtest(per_code, eps_code, before, live=False, start="2019-01").episodes
    assert int(old["within_target"].sum()) == 10 and old.loc[~small, "within_target"].all()


# ---- a generated analogue of the fertiliser case: HS4 heading, seasonal, price spike ----
def fertiliser_like_panel(seed: int = 1) -> SeriesPanel:
    """China's exports of heading 3102 to 30 destinations, 2016..2022: strongly seasonal
    flows (amplitude 0.2-1.0 in logs, noise 0.2-0.5), a third with an empty off-season
    month every year; from 2021-07 the price climbs to 2.5x; from 2021-10 (the export
    inspection) quantities fall to 10-40 % for six months while values hold up."""
    rng = np.random.default_rng(seed)
    months = pd.date_range("2016-01-01", "2022-12-01", freq="MS")
    t = len(months)
    oct21 = position(months, "2021-10-01")
    jul21 = position(months, "2021-07-01")
    rows = []
    for i in range(30):
        level, amp = rng.lognormal(14.5, 1.2), rng.uniform(0.2, 1.0)
        season = amp * np.sin(np.arange(t) * 2 * np.pi / 12 + rng.uniform(0, 6.3))
        price = 300 * np.exp(rng.normal(0, 0.06, t))
        price[jul21:] *= np.linspace(1, 2.5, t - jul21)
        q = level * np.exp(season + rng.normal(0, rng.uniform(0.2, 0.5), t))
        q[oct21:oct21 + 6] *= rng.uniform(0.1, 0.4)
        if rng.random() < 0.3:
            q[int(rng.integers(0, 12))::12] = np.nan
        rows.append(("CHN", f"D{i:02d}", "3102", "export", q * price / 1000, q))
    keys = pd.DataFrame([r[:4] for r in rows], columns=["reporter", "partner", "product", "flow"])
    return SeriesPanel(keys, months, np.array([r[4] for r in rows]),
                       np.array([r[5] for r in rows]))


def test_fertiliser_like_heading_price_spike_and_seasonal_empty_months():
    from kcbridge.watch.backtest import run_backtest

    panel = fertiliser_like_panel()
    eps = parse_episodes({"episodes": [{
        "name": "urea", "reporter": "CHN", "partners": "*", "products": ["urea"],
        "announced": "2021-10-11", "effective": "2021-10-15", "expected_signal": ["any"]}]})
    before = DEFAULT_THRESHOLDS.with_overrides(abrupt_move=0, stopped_after=0,
                                               min_history_falls=24,
                                               broad_min_value_usd=500_000.0,
                                               steady_unit_value_scale=0.0,
                                               breadth_of_small=False, broad_stop_after=0,
                                               visible_needs_level=False,
                                               target_on_publication=False)
    window = (panel.months >= "2018-01-01") & (panel.months < "2021-07-01")
    figures = {}
    for name, th in (("now", DEFAULT_THRESHOLDS), ("before", before)):
        result = run_backtest(panel, eps, th, live=False, start="2018-01")
        t = result.episodes
        quiet = result.detections[result.detections["month"] < "2021-07-01"]
        figures[name] = (int(t["visible_in_data"].sum()),
                         int((t["visible_in_data"] & t["within_target"]).sum()),
                         len(quiet.drop_duplicates(["series", "month"])),
                         int(judged_mask(panel, th)[:, window].sum()))
    # (visible, visible detected in time, quiet alarm months, quiet judged series-months):
    # the heading joins the urea family, quantity falls count during the price spike,
    # small flows are judged, and the yearly empty months raise nothing (breadth that
    # counts the small flows, ``breadth_of_small``, off by default, gives 23 of 23 here)
    # (judged months "now" include the months 18-23 the bounded-scale fall detectors judge)
    assert figures == {"now": (23, 21, 0, 1090), "before": (23, 15, 0, 553)}
