"""`watch scan` with nothing changed since the last scan reports that scan instead of
running it again (issue 14), and any change of its inputs, or of the stored alerts it
would save, makes it run: a load (the monthly flows), the thresholds, the window
(``--as-of``, ``--months``) and the documents' restriction statements."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd

from kcbridge.app import Platform
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    drop = ["created_at", "updated_at"]  # raised now, in both paths
    pd.testing.assert_frame_equal(a.drop(columns=drop), b.drop(columns=drop))


def _platform(home: Path) -> Platform:
    return Platform(home=home, api_token="test-token")


def test_second_scan_reports_the_first_and_keeps_statuses(tiny_demo_copy: Path) -> None:
    p = _platform(tiny_demo_copy)
    try:
        first = p.watch.scan(months=40)
        assert len(first) > 0 and "unchanged_since" not in first.attrs
        alert = str(first["alert_id"].iloc[0])
        p.watch.set_status(alert, "acknowledged", note="seen")
        second = p.watch.scan(months=40)
        assert second.attrs["unchanged_since"].endswith("UTC")
        assert second.attrs["new_alerts"] == 0
        assert second.attrs["as_of"] == first.attrs["as_of"]
        _same(first, second)
        assert p.watch.alerts(status="acknowledged")["alert_id"].tolist() == [alert]
    finally:
        p.close()


def test_changed_inputs_scan_again(tiny_demo_copy: Path) -> None:
    p = _platform(tiny_demo_copy)
    try:
        base = p.watch.scan(months=36)
        assert "unchanged_since" in p.watch.scan(months=36).attrs
        # another window, other thresholds: computed
        assert "unchanged_since" not in p.watch.scan(months=24).attrs
        # an earlier --as-of
        earlier = (pd.Timestamp(base.attrs["as_of"] + "-01") - pd.DateOffset(months=2))
        assert "unchanged_since" not in p.watch.scan(as_of=f"{earlier:%Y-%m}").attrs
        same = dataclasses.replace(DEFAULT_THRESHOLDS)  # equal thresholds: the kept scan
        assert "unchanged_since" in p.watch.scan(months=36, thresholds=same).attrs
        other = dataclasses.replace(DEFAULT_THRESHOLDS, min_value_usd=1_000_000.0)
        assert "unchanged_since" not in p.watch.scan(months=36, thresholds=other).attrs
        # a stored alert of the scan is gone: the scan runs and saves it again
        raw = p.store._raw()
        gone = str(base["alert_id"].iloc[0])
        raw.execute("DELETE FROM watch_alerts WHERE alert_id = ?", [gone])
        again = p.watch.scan(months=36)
        assert "unchanged_since" not in again.attrs and again.attrs["new_alerts"] == 1
        _same(base, again)
        # a new load of monthly flows (its record in `loads`): computed
        raw.execute("INSERT INTO loads (load_id, format, target, loaded_at) VALUES "
                    "('test-load', 'csv', 'trade_monthly', now()::TIMESTAMP + INTERVAL 1 DAY)")
        assert "unchanged_since" not in p.watch.scan(months=36).attrs
        assert "unchanged_since" in p.watch.scan(months=36).attrs
    finally:
        p.close()


def test_a_changed_restriction_statement_scans_again(tiny_demo_copy: Path) -> None:
    p = _platform(tiny_demo_copy)
    try:
        raw = p.store._raw()
        n = raw.execute("SELECT count(*) FROM docs_statements WHERE type = 'restriction'"
                        ).fetchone()[0]
        assert n > 0  # the demo world holds restriction statements
        p.watch.scan()
        assert "unchanged_since" in p.watch.scan().attrs
        raw.execute("UPDATE docs_statements SET text = text || ' (edited)' WHERE statement_id"
                    " = (SELECT min(statement_id) FROM docs_statements WHERE type = "
                    "'restriction')")
        assert "unchanged_since" not in p.watch.scan().attrs
    finally:
        p.close()
