"""WatchService, CLI and API on the SYNTHETIC tiny demo world (which plants a graphite
and a gallium disruption in 2023)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kcbridge.api import create_app
from kcbridge.app import Platform
from kcbridge.cli import app as cli_app
from kcbridge.cli.common import set_platform_factory
from kcbridge.errors import InputError, NotFoundError
from kcbridge.watch.alerts import build_alerts
from kcbridge.watch.storage import save_alerts


@pytest.fixture
def watch_platform(tiny_demo_copy):
    """A Platform on this test's copy of the tiny demo store: tests scan, acknowledge and
    resolve alerts, so none of them may see another's changes."""
    p = Platform(home=tiny_demo_copy, api_token="tok")
    yield p
    p.close()


def test_scan_is_idempotent_and_respects_as_of(watch_platform):
    w = watch_platform.watch
    before = len(w.alerts())  # kcbridge demo already scanned its last 48 months
    first = w.scan(as_of="2023-12", months=2)
    assert first.attrs["as_of"] == "2023-12"
    assert set(pd.to_datetime(first["month"]).dt.strftime("%Y-%m")) <= {"2023-11", "2023-12"}
    assert {"reporter", "partner", "product", "month", "detector", "severity", "score"} <= set(
        first.columns)
    again = w.scan(as_of="2023-12", months=2)
    assert again.attrs["new_alerts"] == 0
    stored = w.alerts()
    assert stored["alert_id"].is_unique and len(stored) == before + first.attrs["new_alerts"]
    with pytest.raises(InputError, match="YYYY-MM"):
        w.scan(as_of="december")


def test_planted_graphite_collapse_is_alerted(watch_platform):
    alerts = watch_platform.watch.scan(as_of="2023-12", months=2)
    graphite = alerts[(alerts["product"] == "250410") & (alerts["detector"] == "collapse")]
    assert len(graphite) >= 1
    row = graphite.iloc[0]
    assert "batteries" in row["sectors"] and row["critical_items"] == "250410"
    assert row["severity"] in {"high", "critical"}


def test_lifecycle_and_detail(watch_platform):
    w = watch_platform.watch
    w.scan(as_of="2023-12", months=2)
    new = w.alerts(status="new")
    alert_id = new[new["measures"] != "news"].iloc[0]["alert_id"]  # a trade-series alert
    assert w.set_status(alert_id, "acknowledged", "looking")["status"] == "acknowledged"
    assert alert_id not in set(w.alerts(status="new")["alert_id"])
    w.scan(as_of="2023-12", months=2)  # re-scan keeps the status
    assert w.alerts(status="acknowledged")["alert_id"].tolist().count(alert_id) == 1
    detail = w.alert(alert_id)
    assert {"observed", "expected", "lower", "upper"} <= set(detail["series"].columns)
    assert len(detail["alternatives"]) > 0
    with pytest.raises(InputError, match="new, acknowledged, resolved"):
        w.set_status(alert_id, "closed")
    with pytest.raises(NotFoundError, match="kcbridge watch alerts"):
        w.alert("nope")


def test_screen_flags_and_rollup(watch_platform):
    df = watch_platform.watch.screen(importers=["KOR"])
    assert len(df) > 0
    assert (df["importer"] == "KOR").all() and df["rules"].str.len().gt(0).all()
    korea = watch_platform.watch.screen(importers=["KOR"], regime="korea")
    assert 0 < len(korea) < len(df)  # the Korea rule keeps some of the rows, not all
    assert (korea["top_share"] > 0.5).all()
    roll = watch_platform.watch.screen_rollup(by="sector", importers=["KOR"])
    assert {"sector", "products", "eu2021", "imports_flagged"} <= set(roll.columns)


def test_save_alerts_skips_known_ids(platform):
    det = pd.DataFrame([{
        "series": 0, "reporter": "CHN", "partner": "KOR", "product": "Graphite",
        "flow": "export", "month": pd.Timestamp("2023-12-01"), "measure": "value",
        "detector": "collapse", "direction": "down", "score": 10.0, "threshold": 5.0,
        "observed": 5e6, "expected": 2.5e7, "lower": 1e7, "upper": 6e7, "change": -0.8,
        "expected_value_usd": 2.5e7}])
    keys = pd.DataFrame({"reporter": ["CHN"], "partner": ["KOR"], "product": ["Graphite"],
                         "flow": ["export"]})
    alerts = build_alerts(det, keys)
    row = alerts.iloc[0]
    # ratio 2 (+2), expected >= 10 M (+1), graphite is a critical item (+1) -> 4 -> critical
    assert row["severity"] == "critical" and row["mirror"] == "absent"
    assert "250410" in row["critical_items"] and "batteries" in row["sectors"]
    assert save_alerts(platform.store, alerts) == 1
    assert save_alerts(platform.store, alerts) == 0


def test_cli_commands(watch_platform):
    set_platform_factory(lambda: watch_platform)
    try:
        runner = CliRunner()
        res = runner.invoke(cli_app, ["watch", "scan", "--as-of", "2023-12", "--format", "json"])
        assert res.exit_code == 0, res.output
        rows = json.loads(res.output)["rows"]
        assert rows and {"reporter", "partner", "product", "month", "detector", "severity",
                         "score"} <= set(rows[0])
        res = runner.invoke(cli_app, ["watch", "alerts", "--format", "csv"])
        assert res.exit_code == 0 and "alert_id" in res.output
        res = runner.invoke(cli_app, ["watch", "screen", "--importer", "KOR", "--format", "json"])
        assert res.exit_code == 0 and json.loads(res.output)["synthetic"] is True
        res = runner.invoke(cli_app, ["watch", "scan", "--as-of", "1990-01"])
        assert res.exit_code == 1 and "Error:" in res.output
    finally:
        set_platform_factory(None)


def test_api_and_pages(watch_platform):
    client = TestClient(create_app(watch_platform))
    r = client.post("/api/watch/scan", params={"as_of": "2023-12", "months": 2})
    assert r.status_code == 401 and r.json()["ok"] is False
    r = client.post("/api/watch/scan", params={"as_of": "2023-12", "months": 2},
                    headers={"Authorization": "Bearer tok"})
    assert r.status_code == 200 and r.json()["synthetic"] is True
    alerts = client.get("/api/watch/alerts").json()["data"]
    alert_id = next(a["alert_id"] for a in alerts if a["measures"] != "news")
    assert client.get(f"/api/watch/alerts/{alert_id}").json()["ok"] is True
    missing = client.get("/api/watch/alerts/nope")
    assert missing.status_code == 404 and missing.json()["ok"] is False
    feed = client.get("/api/watch/feed.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    assert "<feed" in feed.text
    # each entry names its level first (a provisional watch or a confirmed warning)
    titles = [t for t in feed.text.split("<title>")[2:]]
    assert titles and all(t.startswith(("WATCH ", "WARNING ")) for t in titles)
    for url in ("/watch", "/watch?importer=KOR&regime=korea", "/watch/alerts",
                f"/watch/alerts/{alert_id}"):
        page = client.get(url)
        assert page.status_code == 200, url
    assert "alert-chart" in client.get(f"/watch/alerts/{alert_id}").text


def test_headline_rows(watch_platform):
    section = watch_platform.watch.headline()
    assert section["title"] == "Supply-chain watch"
    rows = {r["what"]: r["value"] for r in section["rows"]}
    kor = next(v for k, v in rows.items() if k.startswith("KOR dependencies flagged"))
    assert "HS6 products" in kor and "critical items" in kor
    assert any(k.startswith("CHN dependencies flagged") for k in rows)
    alerts_row = next(v for k, v in rows.items() if "alerts" in k)
    assert "critical" in alerts_row and "low" in alerts_row
    assert rows["top alert"].split(":")[0] in {"critical", "high", "medium", "low"}


def test_headline_needs_data(platform):
    with pytest.raises(NotFoundError):
        platform.watch.headline()


def test_alerts_table_of_an_earlier_version_is_upgraded(platform):
    import ibis

    from kcbridge.watch.alerts import ALERTS_SCHEMA
    from kcbridge.watch.storage import ALERTS_TABLE, list_alerts

    old_schema = ibis.schema({k: v for k, v in ALERTS_SCHEMA.items()
                              if k not in ("detectors", "breadth")})
    platform.store.ensure_table(ALERTS_TABLE, old_schema)
    old = {k: None for k in old_schema.names} | {
        "alert_id": "abc", "reporter": "CHN", "partner": "KOR", "product": "Graphite",
        "flow": "export", "month": pd.Timestamp("2023-12-01").date(), "detector": "collapse",
        "direction": "down", "measures": "value", "severity": "high", "status": "acknowledged"}
    platform.store.insert(ALERTS_TABLE, pd.DataFrame([old]))
    rows = list_alerts(platform.store)
    assert set(rows.columns) == set(ALERTS_SCHEMA.names)
    assert rows.iloc[0]["detectors"] == "collapse (down)"
    assert rows.iloc[0]["status"] == "acknowledged"
