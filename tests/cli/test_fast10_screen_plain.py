"""``kcbridge partners screen NAME`` prints its table from plain rows and reads the lists as
plain SQL records, so it imports neither pandas nor Ibis (issue 14), and prints what the
service's DataFrame of the same results holds. Behaviour, not timing."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli.probe import run_cli

from kcbridge.app import Platform
from kcbridge.partners.screening import RESULT_COLUMNS, results_frame, results_rows


@pytest.mark.parametrize("name", ["斯巴魯株式會社", "registry"])
def test_screen_prints_without_pandas(tiny_demo_copy: Path, name: str) -> None:
    result = run_cli(tiny_demo_copy, ["partners", "screen", name],
                     watch=("pandas", "ibis"))  # (pyarrow: the first open checks the lake)
    assert result["code"] == 0, result
    assert result["loaded"] == []
    assert "Screening" in result["stdout"] and "hit_count" in result["stdout"]


def test_rows_are_the_frame(tiny_demo_copy: Path) -> None:
    p = Platform(home=tiny_demo_copy)
    try:
        results = p.partners.screen("registry")
    finally:
        p.close()
    assert any(r.flagged for r in results)  # the demo's listed organisations are found
    rows = results_rows(results)
    frame = results_frame(results)
    assert list(frame.columns) == list(RESULT_COLUMNS)
    assert [list(r.values()) for r in rows] == frame.values.tolist()
