"""Restriction statements read from documents become watch alerts, without look-ahead."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from kcbridge.app import Platform
from kcbridge.reference.sectors import critical_items
from kcbridge.watch.news import news_alerts


def _signal(**over: object) -> dict[str, object]:
    row: dict[str, object] = {
        "date": date(2023, 7, 3), "hs6": "811292", "item": "gallium", "material": "gallium",
        "material_group": "gallium", "imposer": "CHN", "statement_id": "s1", "doc_id": "d1",
        "title": "MOFCOM notice", "text": "China will restrict exports of gallium.",
        "confidence": 0.9, "kind": "news_restriction",
    }
    row.update(over)
    return row


def test_news_alerts_shape_window_and_severity() -> None:
    signals = pd.DataFrame([
        _signal(),
        _signal(statement_id="s2", confidence=0.6),  # same item-month: one alert, top confidence
        _signal(statement_id="s3", hs6="250410", date=date(2023, 10, 20), confidence=0.7),
    ])
    july = news_alerts(signals, [pd.Timestamp("2023-07-01")], critical_items())
    assert len(july) == 1
    alert = july.iloc[0]
    assert (alert.reporter, alert.partner, alert["product"], alert.detector) == (
        "CHN", "WLD", "811292", "news_restriction",
    )
    assert alert.severity == "high" and alert.score == pytest.approx(0.9)
    assert "811292" in alert.critical_items and "semiconductors" in alert.sectors
    assert "MOFCOM notice" in alert.note and "d1" in alert.note
    october = news_alerts(signals, [pd.Timestamp("2023-10-01")], critical_items())
    assert october.iloc[0].severity == "medium" and october.iloc[0]["product"] == "250410"
    assert news_alerts(signals, [pd.Timestamp("2023-06-01")], critical_items()).empty
    # a statement dated at its future effective date counts from its publication month
    announced = signals.assign(date=date(2023, 8, 1), published=pd.Timestamp("2023-07-03"))
    assert len(news_alerts(announced, [pd.Timestamp("2023-07-01")], critical_items())) == 2


def test_scan_includes_news_alerts_only_up_to_as_of(platform: Platform, tmp_path: Path) -> None:
    platform.demo(size="tiny")
    text = (
        "Beijing, July 3 (Reuters-style report) China's Ministry of Commerce announced that "
        "exports of gallium and germanium will require a licence from August 1, citing "
        "national security. The export controls on gallium and germanium take effect next month."
    )
    platform.docs.ingest_text(text, title="China restricts gallium exports",
                              published=date(2023, 7, 3))
    assert not platform.docs.news_signals().empty
    july = platform.watch.scan(as_of="2023-07", save=False)
    news = july[july["detector"] == "news_restriction"]
    assert set(news["product"]) >= {"811292"}
    assert (news["reporter"] == "CHN").all()
    june = platform.watch.scan(as_of="2023-06", save=False)
    assert (june["detector"] != "news_restriction").all()
    # August: Korea's imports of gallium from China collapse on their own (no breadth,
    # no month before, no month after yet); July's statement confirms the alert
    august = platform.watch.scan(as_of="2023-08", save=False)
    gallium = august[(august["product"] == "811292")
                     & (august["detector"] != "news_restriction")].iloc[0]
    assert gallium["level"] == "warning"
    assert gallium["confirmation"].startswith("restriction statement 2023-07")

    from fastapi.testclient import TestClient

    from kcbridge.api import create_app

    saved = platform.watch.scan(as_of="2023-07", save=True)
    news_row = saved[saved["detector"] == "news_restriction"].iloc[0]
    alert_id = news_row["alert_id"]
    client = TestClient(create_app(platform))
    for url in ("/watch/alerts", f"/watch/alerts/{alert_id}"):
        page = client.get(url, headers={"accept": "text/html"})
        assert page.status_code == 200 and "nan" not in page.text.replace("financ", "")
    detail = client.get(f"/watch/alerts/{alert_id}", headers={"accept": "text/html"}).text
    assert "Confidence of the statement" in detail
    stored = platform.watch.alerts().set_index("alert_id").loc[alert_id]
    assert stored["note"].split(":")[0] in detail  # the statement's document title


def test_demo_scan_finds_the_planted_disruptions(demo_platform: Platform) -> None:
    alerts = demo_platform.watch.alerts()
    found = {
        (r.reporter, r.partner, r["product"], r.flow, f"{pd.Timestamp(r.month):%Y-%m}")
        for _, r in alerts.iterrows()
    }
    # the SYNTHETIC world plants these (see kcbridge.sources.demo.PLANTED_EVENTS)
    assert ("KOR", "CHN", "250410", "import", "2023-12") in found  # graphite collapse
    assert ("KOR", "CHN", "811292", "import", "2023-08") in found  # gallium collapse
    assert ("KOR", "CHN", "310210", "import", "2021-10") in found  # urea price spike
