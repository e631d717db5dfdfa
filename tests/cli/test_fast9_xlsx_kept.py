"""`kcbridge trade flows --format xlsx` from kept sheets (issue 14): the second export of
the same view, in a new process, writes the same workbook without pandas; the workbook
holds the view's tables cell for cell. Behaviour, not timing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from tests.cli.probe import run_cli

from kcbridge.app import Platform
from kcbridge.formats import excel_value, tables_of


def _export(home: Path, output: Path) -> dict[str, Any]:
    argv = ["trade", "flows", "KOR", "CHN", "--format", "xlsx", "--output", str(output)]
    result = run_cli(home, argv, watch=("pandas",))
    assert result["code"] == 0
    return result


def _workbook(path: Path) -> list[tuple[str, list[list[Any]], dict[str, Any], Any]]:
    """Every sheet's cells (value, type, bold), column widths and frozen panes; the
    ``created`` line of the about sheet (the time of writing) left out."""
    out = []
    for ws in load_workbook(path).worksheets:
        cells = [[(c.value, c.data_type, bool(c.font.b)) for c in row] for row in ws.iter_rows()]
        if ws.title == "about":
            cells = [r for r in cells if r[0][0] != "created"]
        widths = {k: v.width for k, v in ws.column_dimensions.items()}
        out.append((ws.title, cells, widths, ws.freeze_panes))
    return out


def test_kept_workbook_is_the_computed_one_without_pandas(tiny_demo_copy: Path,
                                                          tmp_path: Path) -> None:
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    assert _export(tiny_demo_copy, first)["pandas"] is True  # computed (the check can fail)
    assert _export(tiny_demo_copy, second)["pandas"] is False  # kept sheets
    assert _workbook(second) == _workbook(first)
    # and the workbook holds the view's tables, cell for cell
    p = Platform(home=tiny_demo_copy)
    view = p.trade.explore("KOR", "CHN", None, by="product", top=15)
    tables = tables_of(view)
    p.close()
    sheets = {title: cells for title, cells, _, _ in _workbook(second)}
    assert list(sheets) == ["about", *tables]
    for name, frame in tables.items():
        assert len(frame) >= 3
        header, *rows = sheets[name]
        assert [c[0] for c in header] == [str(c) for c in frame.columns]
        assert all(bold for _, _, bold in header)
        expected = [[excel_value(v) for v in row]
                    for row in frame.itertuples(index=False, name=None)]
        # (openpyxl writes a float with 16 significant digits)
        assert [[c[0] for c in row] for row in rows] == [
            [pytest.approx(v, rel=1e-15) if isinstance(v, float) else v for v in row]
            for row in expected]
