"""`partners match` records the profiles it showed (the exposure log) with a plain SQL
insert on DuckDB (issue 14: no Ibis to import for one insert). It writes the rows and
types that the Ibis/Arrow insert writes; a column the frame lacks is null in both."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
from tests.cli.test_cache_hit_imports import _run

from kcbridge.app import Platform
from kcbridge.partners import storage


def _rows(p: Platform, name: str) -> pd.DataFrame:
    return p.store._raw().execute(f'SELECT * FROM "{name}" ORDER BY ALL').df()


def _both_ways(p: Platform, name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    storage.ensure_tables(p.store)
    assert p.store.insert(name, frame) == len(frame)
    by_ibis = _rows(p, name)
    p.store._raw().execute(f'DELETE FROM "{name}"')
    assert p.store.insert_sql(name, frame) == len(frame)
    return by_ibis, _rows(p, name)


def test_plain_insert_writes_what_insert_writes(platform: Platform) -> None:
    frame = pd.DataFrame({"profile_id": ["p-1", "p-2", None, "한빛-3"],
                          "shown_to": ["q-9", "q-9", "q-8", "q-7"],
                          "shown_at": [datetime(2026, 12, 5, 20, 1, 2, 345678)] * 3
                          + [datetime(2025, 1, 31, 23, 59, 59)]})
    by_ibis, by_sql = _both_ways(platform, storage.EXPOSURE, frame)
    assert len(by_sql) == 4 and by_sql["profile_id"].isna().sum() == 1
    assert by_sql["shown_at"].max() == pd.Timestamp("2026-12-05 20:01:02.345678")
    pd.testing.assert_frame_equal(by_ibis, by_sql)


def test_missing_columns_are_null_and_extra_ones_ignored(platform: Platform) -> None:
    frame = pd.DataFrame({"profile_id": ["a"], "outcome": ["met"], "unknown": [1],
                          "recorded_at": [datetime(2026, 1, 2, 3, 4, 5)]})
    by_ibis, by_sql = _both_ways(platform, storage.OUTCOMES, frame)
    assert by_sql["partner_profile_id"].isna().all() and by_sql["note"].isna().all()
    assert "unknown" not in by_sql.columns
    pd.testing.assert_frame_equal(by_ibis, by_sql)


def test_partners_match_records_exposure_without_ibis(tiny_demo_copy: Path) -> None:
    def exposure() -> pd.DataFrame:
        p = Platform(home=tiny_demo_copy, api_token="test-token")
        try:
            storage.ensure_tables(p.store)
            return _rows(p, storage.EXPOSURE)
        finally:
            p.close()

    first = _run(["partners", "match", "한빛양극재"], tiny_demo_copy)  # a demo company
    assert first["code"] == 0, first["stdout"]  # (computes and keeps the matching vectors)
    before = len(exposure())
    assert before > 0
    result = _run(["partners", "match", "한빛양극재"], tiny_demo_copy)
    assert result["code"] == 0, result["stdout"]
    assert result["stdout"] == first["stdout"]
    assert result["ibis"] is False  # found the kept vectors, and recorded without Ibis
    after = exposure()
    assert len(after) > before  # the partners shown at the top ranks were recorded
    assert list(after.columns) == ["profile_id", "shown_to", "shown_at"]
    assert after["shown_at"].dtype.kind == "M" and after["profile_id"].notna().all()
