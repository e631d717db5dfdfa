"""``watch screen``, ``watch scan`` and ``watch alerts`` answered without pandas (issue 14:
every command under 1 s; pandas alone takes about 0.4 s to import).

Behaviour, not timing: asked again in a new process, each prints the table the computing
(pandas) path prints, character for character, without importing pandas, NumPy or Ibis;
where the plain path cannot answer (a kept scan whose alerts were removed from the store,
a format other than the table) the frame path answers, the same as before.
"""

from __future__ import annotations

import math
import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from tests.cli.probe import run_cli

from kcbridge.app import Platform
from kcbridge.watch import answers
from kcbridge.watch.thresholds import CALIBRATED

HEAVY = ("pandas", "numpy", "ibis")
#: switches every plain path off: the answer comes from the frames, as before issue 14
FRAMES_ONLY = (
    "from kcbridge.watch.service import WatchService\n"
    "WatchService.scan_rows = lambda self, **kw: None\n"
    "WatchService.alerts_rows = lambda self, *a, **kw: None\n"
    "WatchService.screen_rows = lambda self, **kw: None\n"
    "WatchService.kept_answer = lambda self, name, key, flows, code, compute: compute()\n"
)


def _run(home: Path, argv: list[str], before: str = "") -> dict[str, object]:
    result = run_cli(home, argv, watch=HEAVY, before=before)
    assert result["code"] == 0, result
    return result


@pytest.mark.parametrize("argv", [
    ["watch", "screen", "--limit", "2"],
    ["watch", "screen", "--regime", "korea", "--limit", "5", "--offset", "1"],
    ["watch", "screen", "--by", "sector"],
    ["watch", "screen", "--by", "critical_item", "--importer", "KOR"],
])
def test_a_kept_screen_prints_the_computed_table_without_pandas(tiny_demo_copy: Path,
                                                                argv: list[str]) -> None:
    frames = _run(tiny_demo_copy, argv, FRAMES_ONLY)
    computed = _run(tiny_demo_copy, argv)
    kept = _run(tiny_demo_copy, argv)
    assert "pandas" in frames["loaded"]  # type: ignore[operator]  # the check can fail
    assert kept["loaded"] == []
    assert kept["stdout"] == computed["stdout"] == frames["stdout"]
    assert "Dependencies" in str(kept["stdout"]) and len(str(kept["stdout"]).splitlines()) > 5


@pytest.mark.parametrize("argv", [
    ["watch", "screen", "--limit", "4", "--offset", "2"],
    ["watch", "screen", "--regime", "geodep", "--limit", "6"],
    ["watch", "screen", "--importer", "CHN", "--limit", "5"],
    ["watch", "screen", "--sector", "semiconductors"],
    ["watch", "screen", "--offset", "100000"],
])
def test_a_screen_never_printed_before_is_paged_from_the_kept_rows(tiny_demo_copy: Path,
                                                                   argv: list[str]) -> None:
    _run(tiny_demo_copy, ["watch", "screen", "--limit", "1"])  # the flags computed and kept
    frames = _run(tiny_demo_copy, argv, FRAMES_ONLY)
    shutil.rmtree(tiny_demo_copy / "derived" / "cli_watch_screen", ignore_errors=True)
    first = _run(tiny_demo_copy, argv)  # never printed: paged from the kept plain rows
    assert "pandas" in frames["loaded"]  # type: ignore[operator]
    assert first["loaded"] == []
    assert first["stdout"] == frames["stdout"]


def test_a_new_load_is_a_new_screen(tiny_demo_copy: Path) -> None:
    argv = ["watch", "screen", "--limit", "3"]
    _run(tiny_demo_copy, argv)
    p = Platform(home=tiny_demo_copy)
    with p.store.transaction():  # the annual flows' version changes as after a load
        p.store.mark_written()
        p.store._raw().execute("UPDATE loads SET loaded_at = loaded_at + INTERVAL 1 SECOND "
                               "WHERE contains(target, 'trade_annual')")
    p.close()
    again = _run(tiny_demo_copy, argv)
    assert "pandas" in again["loaded"]  # type: ignore[operator]  # computed again


@pytest.mark.parametrize("argv", [
    ["watch", "alerts", "--limit", "5"],
    ["watch", "alerts", "--limit", "0"],
    ["watch", "alerts", "--level", "warning", "--offset", "2", "--limit", "3"],
    ["watch", "alerts", "--severity", "high"],
    ["watch", "alerts", "--offset", "100000"],
])
def test_alerts_print_the_frame_table_from_plain_sql(tiny_demo_copy: Path,
                                                     argv: list[str]) -> None:
    frames = _run(tiny_demo_copy, argv, FRAMES_ONLY)
    plain = _run(tiny_demo_copy, argv)
    assert "pandas" in frames["loaded"]  # type: ignore[operator]
    assert plain["loaded"] == []
    assert plain["stdout"] == frames["stdout"]


def test_alerts_in_json_still_come_from_the_frame(tiny_demo_copy: Path) -> None:
    out = _run(tiny_demo_copy, ["watch", "alerts", "--limit", "2", "--format", "json"])
    assert "pandas" in out["loaded"]  # type: ignore[operator]
    assert '"rows"' in str(out["stdout"])


@pytest.mark.parametrize("extra", [[], ["--level", "warning"], ["--level", "watch"]])
def test_a_kept_scan_prints_the_computed_alerts_without_pandas(tiny_demo_copy: Path,
                                                               extra: list[str]) -> None:
    argv = ["watch", "scan", "--months", "30", *extra]  # not the demo's own scan
    computed = _run(tiny_demo_copy, argv)
    kept = _run(tiny_demo_copy, argv)
    frames = _run(tiny_demo_copy, argv, FRAMES_ONLY)  # the kept frame (ScanReplay.kept)
    assert "pandas" in computed["loaded"]  # type: ignore[operator]
    assert kept["loaded"] == []
    one, two = str(computed["stdout"]).splitlines(), str(kept["stdout"]).splitlines()
    assert len(one) > 8 and len(one) == len(two)
    changed = [(a, b) for a, b in zip(one, two, strict=True) if a != b]
    assert len(changed) == 1 and "nothing changed since the scan of" in changed[0][1]
    assert kept["stdout"] == frames["stdout"]


def test_a_kept_scan_whose_alerts_were_removed_is_run_again(tiny_demo_copy: Path) -> None:
    argv = ["watch", "scan", "--months", "30"]
    first = _run(tiny_demo_copy, argv)
    p = Platform(home=tiny_demo_copy)
    with p.store.transaction():
        p.store.mark_written()
        p.store._raw().execute("DELETE FROM watch_alerts")
    p.close()
    again = _run(tiny_demo_copy, argv)
    assert "pandas" in again["loaded"]  # type: ignore[operator]  # scanned and saved again
    assert str(again["stdout"]).splitlines()[3:] == str(first["stdout"]).splitlines()[3:]
    kept = _run(tiny_demo_copy, argv)
    assert kept["loaded"] == []


def test_a_scan_kept_before_the_rows_existed_gains_them(tiny_demo_copy: Path) -> None:
    argv = ["watch", "scan", "--months", "30"]
    computed = _run(tiny_demo_copy, argv)
    shutil.rmtree(tiny_demo_copy / "derived" / "watch_scan_rows")  # only the frame kept
    from_frame = _run(tiny_demo_copy, argv)
    assert "pandas" in from_frame["loaded"]  # type: ignore[operator]
    assert "ibis" not in from_frame["loaded"]  # type: ignore[operator]  # not scanned again
    plain = _run(tiny_demo_copy, argv)
    assert plain["loaded"] == []
    assert plain["stdout"] == from_frame["stdout"] != computed["stdout"]  # (the title)


def test_plain_values() -> None:
    assert answers.plain_value(np.float64("nan")) is None
    assert answers.plain_value(float("inf")) is None
    assert answers.plain_value(pd.NaT) is None
    assert answers.plain_value(np.int64(7)) == 7 and type(answers.plain_value(np.int64(7))) is int
    assert answers.plain_value(np.bool_(True)) is True
    assert answers.plain_value(pd.Timestamp("2024-03-01")) == "2024-03-01"
    assert answers.plain_value(pd.Timestamp("2024-03-01 10:30")) == "2024-03-01T10:30:00"
    assert answers.plain_value(date(2024, 3, 1)) == "2024-03-01"
    frame = pd.DataFrame({"a": [1.5, math.nan],
                          "m": [pd.Timestamp("2024-01-01"), pd.NaT]})
    assert answers.plain_rows(frame) == [{"a": 1.5, "m": "2024-01-01"}, {"a": None, "m": None}]
    assert answers.month_text("2024-03-01") == "2024-03" == answers.month_text(date(2024, 3, 1))


def test_the_calibration_grids_are_numpy_aranges() -> None:
    starts = {"cusum_h": (3.0, 15.01, 0.5), "residual_z": (3.0, 8.01, 0.25),
              "unit_value_z": (3.0, 8.01, 0.25)}
    for _detector, (param, grid) in CALIBRATED.items():
        start, stop, step = starts.get(param, (1.5, 6.01, 0.25))
        assert list(grid) == np.arange(start, stop, step).tolist()
