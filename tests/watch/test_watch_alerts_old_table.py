"""A read-only reader of an alerts table written by an earlier kcbridge (before the
``detectors``, ``breadth`` and level columns) reads it without writing: the missing
columns are derived as the migration would fill them; a writer still migrates it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from kcbridge.app import Platform
from kcbridge.watch.storage import get_alert

OLD_COLUMNS = (
    "alert_id VARCHAR, reporter VARCHAR, partner VARCHAR, product VARCHAR, flow VARCHAR, "
    "month DATE, detector VARCHAR, direction VARCHAR, measures VARCHAR, severity VARCHAR, "
    "score DOUBLE, threshold DOUBLE, observed DOUBLE, expected DOUBLE, lower DOUBLE, "
    "upper DOUBLE, change DOUBLE, expected_value_usd DOUBLE, mirror VARCHAR, "
    "sectors VARCHAR, critical_items VARCHAR, status VARCHAR, created_at TIMESTAMP, "
    "updated_at TIMESTAMP, note VARCHAR")


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    for read_only in (False, True):  # the store and its reference tables, written once
        platform = Platform(home=tmp_path, read_only=read_only)
        assert platform.store.count("countries") > 0
        platform.close()
    con = duckdb.connect(str(tmp_path / "kcbridge.duckdb"))
    con.execute(f"CREATE TABLE watch_alerts ({OLD_COLUMNS})")
    con.execute(
        "INSERT INTO watch_alerts VALUES ('a1', 'CHN', 'KOR', '250410', 'export', "
        "DATE '2023-12-01', 'broad_collapse', 'down', 'value', 'high', 4.0, 1.5, 1e5, 2e6, "
        "1e6, 3e6, -0.95, 2e6, 'absent', '', 'graphite', 'acknowledged', "
        "TIMESTAMP '2024-01-31 00:00:00', TIMESTAMP '2024-01-31 00:00:00', 'seen')")
    con.close()
    return tmp_path


def _columns(home: Path) -> set[str]:
    con = duckdb.connect(str(home / "kcbridge.duckdb"), read_only=True)
    try:
        return {r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'watch_alerts'").fetchall()}
    finally:
        con.close()


def test_a_read_only_reader_reads_an_old_alerts_table_without_writing(old_store: Path) -> None:
    platform = Platform(home=old_store, read_only=True)
    try:
        assert platform.store.read_only
        alerts = platform.watch.alerts()
        assert len(alerts) == 1 and alerts.attrs["total"] == 1
        row = alerts.iloc[0]
        assert row["detectors"] == "broad_collapse (down)"
        assert row["level"] == "watch" and row["confirmation"] == ""
        assert row["status"] == "acknowledged" and row["note"] == "seen"
        assert platform.watch.alerts(level="warning").empty
        one = get_alert(platform.store, "a1")  # the alert page's read
        assert one["level"] == "watch" and one["detectors"] == "broad_collapse (down)"
        assert platform.store.read_only  # nothing reopened the store for writing
    finally:
        platform.close()
    assert "level" not in _columns(old_store)  # the file was not migrated


def test_a_writer_still_migrates_the_old_table(old_store: Path) -> None:
    platform = Platform(home=old_store)
    try:
        platform.watch.set_status("a1", "resolved")
        alerts = platform.watch.alerts()
        assert alerts.iloc[0]["status"] == "resolved" and alerts.iloc[0]["level"] == "watch"
    finally:
        platform.close()
    assert {"detectors", "breadth", "level", "confirmed_month", "confirmation"} <= _columns(
        old_store)
