"""The watch and partners reads that skip Ibis on a DuckDB store (issue 14: every command
under a second) give exactly the frames their Ibis expressions give: the same rows in
the same order, the same columns, dtypes and cell types. Each plain-SQL reader is checked
against the Ibis expression it stands in for, on a copy of the tiny demo store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from kcbridge.app import Platform
from kcbridge.partners import storage as partner_store
from kcbridge.partners.complement import ComplementarityCache
from kcbridge.store.paging import fetch_page
from kcbridge.watch import storage as alert_store
from kcbridge.watch.service import REGIMES


@pytest.fixture
def tiny(tiny_demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Platform]:
    monkeypatch.setenv("KCBRIDGE_HOME", str(tiny_demo_copy))
    p = Platform()
    yield p
    p.close()


def _same(sql: pd.DataFrame, ibis_frame: pd.DataFrame) -> None:
    """Equal frames, and cell for cell the same Python types (None is not NaN)."""
    pd.testing.assert_frame_equal(sql, ibis_frame, check_exact=True)
    for col in sql.columns:
        assert [type(v) for v in sql[col]] == [type(v) for v in ibis_frame[col]], col


FILTERS: list[dict[str, object]] = [
    {},
    {"status": "new"},
    {"severity": "high"},
    {"reporter": "chn"},  # lower case: matched upper case, as the Ibis filter does
    {"partner": "WLD", "level": "watch"},
    {"product": "261710"},
    {"reporter": "ZZZ"},  # matches nothing
]
WINDOWS = [(None, 0), (5, 0), (5, 3), (None, 7), (3, 10**9), (0, 0)]


@pytest.mark.parametrize("filters", FILTERS, ids=[json.dumps(f) for f in FILTERS])
def test_alerts_page_is_the_ibis_page(tiny: Platform, filters: dict[str, str]) -> None:
    for limit, offset in WINDOWS:
        got = alert_store.alerts_page(tiny.store, limit=limit, offset=offset, **filters)
        assert got is not None
        want = fetch_page(alert_store.alerts_query(tiny.store, **filters),
                          alert_store.alert_order(), count_column="alert_id",
                          limit=limit, offset=offset)
        assert got[1] == want[1], (limit, offset)
        _same(got[0], want[0])
    if not filters:  # the demo has alerts, and a page of them is a real page
        page, total = alert_store.alerts_page(tiny.store, limit=5, offset=0) or (None, 0)
        assert page is not None and len(page) == 5 and total >= 20
        assert str(page["month"].dtype) == "datetime64[s]"  # as Ibis returns a date


def test_alerts_page_checks_choices_and_leaves_old_tables_to_ibis(tiny: Platform) -> None:
    from kcbridge.errors import InputError

    with pytest.raises(InputError, match="severity"):
        alert_store.alerts_page(tiny.store, limit=5, offset=0, severity="urgent")
    # a table of an earlier kcbridge (without the columns added since): the Ibis reader
    # derives them, so the SQL path steps aside
    tiny.store.reopen_for_writing()
    tiny.store._raw().execute('ALTER TABLE watch_alerts DROP COLUMN "breadth"')
    assert alert_store.alerts_page(tiny.store, limit=5, offset=0) is None
    df = tiny.watch.alerts(limit=5)
    assert len(df) == 5 and df["breadth"].isna().all()


def test_watch_service_alerts_and_names_are_unchanged(tiny: Platform) -> None:
    df = tiny.watch.alerts(limit=4, offset=2, status="new")
    want = fetch_page(alert_store.alerts_query(tiny.store, status="new"),
                      alert_store.alert_order(), count_column="alert_id", limit=4, offset=2)[0]
    names = tiny.product_names().set_index("product")["name"]
    want["product_name"] = want["product"].astype(str).map(names).fillna("")
    _same(df, want)
    assert df.attrs["total"] == tiny.store.count("watch_alerts", status="new")
    _same(tiny.watch._product_names(), tiny.product_names())


def test_screen_regimes_are_the_dependency_modules() -> None:
    from kcbridge.watch.dependency import REGIMES as DEPENDENCY_REGIMES

    assert REGIMES == DEPENDENCY_REGIMES


@pytest.mark.parametrize("name", partner_store.TABLES)
def test_partner_tables_read_in_sql_as_through_ibis(tiny: Platform, name: str) -> None:
    tiny.partners  # noqa: B018 - opening the service creates its tables
    sql = partner_store.read_table(tiny.store, name)
    t = tiny.store.table(name).to_pandas()
    for col in partner_store.JSON_COLUMNS.get(name, ()):
        t[col] = t[col].map(lambda v: json.loads(v) if isinstance(v, str) and v else [])
    _same(sql, t.fillna("") if name in (partner_store.ORGS, partner_store.PROFILES) else t)


def test_partner_null_cells_and_time_windows_read_as_through_ibis(tiny: Platform) -> None:
    tiny.partners  # noqa: B018
    entries = partner_store.read_table(tiny.store, partner_store.ENTRIES)
    assert len(entries) >= 3  # the demo's list
    row: dict[str, str | None] = dict.fromkeys(partner_store.TYPES[partner_store.ENTRIES])
    row.update(list_id="test-list", entry_id="e-null", entity_name="Null Cells Ltd")
    tiny.store.reopen_for_writing()
    partner_store.append_rows(tiny.store, partner_store.ENTRIES, pd.DataFrame([row]).astype(
        "string"))
    sql = tiny.store.frame(partner_store.ENTRIES)
    assert sql["entity_name"].tolist()[-1] == "Null Cells Ltd"
    _same(sql, tiny.store.table(partner_store.ENTRIES).to_pandas())
    shown = [datetime(2026, 1, d, 12) for d in (1, 2, 3, 5)]
    partner_store.append_rows(tiny.store, partner_store.EXPOSURE, pd.DataFrame(
        {"profile_id": ["p1", "p2", "p3", "p4"], "shown_to": ["a", "b", None, "d"],
         "shown_at": shown}))
    start, end = datetime(2026, 1, 2, 12), datetime(2026, 1, 5, 12)  # [start, end)
    got = partner_store.read_between(tiny.store, partner_store.EXPOSURE, "shown_at", start, end)
    t = tiny.store.table(partner_store.EXPOSURE)
    _same(got, t.filter((t.shown_at >= start) & (t.shown_at < end)).to_pandas())
    assert got["profile_id"].tolist() == ["p2", "p3"]


def test_complementarity_fingerprint_is_the_ibis_one(tiny: Platform) -> None:
    stored = partner_store.StoredComplementarity(tiny)
    plain = ComplementarityCache(tiny)
    assert stored._current_fingerprint() == plain._current_fingerprint()
    assert stored._current_fingerprint().split(":")[0] == str(tiny.store.count("trade_annual"))


def test_a_screen_that_is_computed_does_import_ibis(tiny_demo_copy: Path) -> None:
    """The no-Ibis checks of test_cache_hit_imports can fail: a screen of a year that is
    not kept yet (the demo keeps the latest) is computed, with Ibis; the same screen again
    is read from the kept result, without it, and prints the same."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KCBRIDGE_")}
    env["KCBRIDGE_HOME"] = str(tiny_demo_copy)
    code = ("import sys, kcbridge.cli\n"
            "try:\n    kcbridge.cli.app(sys.argv[1:], standalone_mode=False)\n"
            "except SystemExit as exc:\n    print('EXIT', exc.code)\n"
            "print('IBIS', 'ibis' in sys.modules)")
    outs = []
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-c", code, "watch", "screen", "--year",
                               "2022", "--limit", "3"], capture_output=True, text=True,
                              env=env, check=False, timeout=300)
        assert proc.returncode == 0, proc.stderr
        lines = proc.stdout.strip().splitlines()
        assert not any(line.startswith("EXIT") and line != "EXIT 0" for line in lines)
        assert "Dependencies 1-3 of" in proc.stdout  # a real screen, not an error
        outs.append(lines)
    assert outs[0][-1] == "IBIS True" and outs[1][-1] == "IBIS False"
    assert outs[0][:-1] == outs[1][:-1]
