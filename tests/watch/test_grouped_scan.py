"""The store's watch scan judged one (reporter, flow) group at a time as the rows stream in
(watch/grouped_scan.py): the same alerts as the whole-panel scan, groups cut right across
record batches, and groups handed on before the rows of later groups are read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from kcbridge.app import Platform
from kcbridge.errors import InputError
from kcbridge.watch.grouped_scan import duckdb_grouped_alerts, group_frames, scan_axis
from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS

STAMPS = ["created_at", "updated_at"]  # the time each alert was built


@pytest.mark.parametrize(("as_of", "months", "alerts"), [
    (None, 1, 0), (None, 24, 15), ("2023-06", 3, 2), ("2024-06", 6, 7)])
def test_grouped_scan_gives_the_whole_panel_alerts(tiny_demo_copy: Path, as_of: str | None,
                                                   months: int, alerts: int) -> None:
    p = Platform(home=tiny_demo_copy)
    try:
        whole = p.watch._flow_alerts(p.watch.panel(), as_of, months, DEFAULT_THRESHOLDS)
        grouped = duckdb_grouped_alerts(p.store.require_rows("trade_monthly"), as_of, months,
                                        DEFAULT_THRESHOLDS)
    finally:
        p.close()
    assert len(whole) == alerts  # the tiny demo's planted disruptions (and quiet months)
    assert grouped.attrs == whole.attrs
    pd.testing.assert_frame_equal(grouped.drop(columns=STAMPS).reset_index(drop=True),
                                  whole.drop(columns=STAMPS).reset_index(drop=True))


def _rows(reporter: str, flow: str, n: int) -> pd.DataFrame:
    return pd.DataFrame({"reporter": [reporter] * n, "flow": [flow] * n,
                         "partner": [f"P{i}" for i in range(n)]})


def test_groups_are_cut_across_batches_and_within_them() -> None:
    batches = [pd.concat([_rows("CHN", "export", 2), _rows("CHN", "import", 1)]),
               _rows("CHN", "import", 2), pd.DataFrame(),
               pd.concat([_rows("CHN", "import", 1), _rows("KOR", "export", 3)])]
    groups = list(group_frames(batches))
    assert [(g["reporter"].iloc[0], g["flow"].iloc[0], len(g)) for g in groups] == [
        ("CHN", "export", 2), ("CHN", "import", 4), ("KOR", "export", 3)]
    assert list(groups[1]["partner"]) == ["P0", "P0", "P1", "P0"]


def test_a_group_is_handed_on_before_later_rows_are_read() -> None:
    read: list[int] = []

    def batches() -> Iterator[pd.DataFrame]:
        for i, frame in enumerate([_rows("CHN", "export", 2), _rows("CHN", "import", 2),
                                   _rows("KOR", "export", 2)]):
            read.append(i)
            yield frame

    stream = group_frames(batches())
    first = next(stream)
    assert first["reporter"].iloc[0] == "CHN" and first["flow"].iloc[0] == "export"
    assert read == [0, 1]  # the third batch is not read yet: one group held at a time


def test_scan_axis_refuses_no_data_and_a_month_before_the_data() -> None:
    axis, wanted, plus = scan_axis("2020-01-01", "2020-12-01", "2020-06", 2)
    assert (axis[0], axis[-1]) == (pd.Timestamp("2020-01-01"), pd.Timestamp("2020-06-01"))
    assert list(wanted) == [pd.Timestamp("2020-05-01"), pd.Timestamp("2020-06-01")]
    assert plus[0] == pd.Timestamp("2020-04-01")
    with pytest.raises(InputError, match="no monthly data"):
        scan_axis(None, None, None, 1)
    with pytest.raises(InputError, match="No data at or before 2019-01"):
        scan_axis("2020-01-01", "2020-12-01", "2019-01", 1)
    with pytest.raises(InputError, match="YYYY-MM"):  # a month name alone is no month
        scan_axis("2020-01-01", "2020-12-01", "december", 1)
