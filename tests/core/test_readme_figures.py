"""The README's measured figures are rendered from the JSON the benchmarks wrote
(``scripts/figures.py``); these tests fail when a block and its JSON disagree."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _figures():
    spec = importlib.util.spec_from_file_location("kcb_figures", ROOT / "scripts" / "figures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


figures = _figures()


def test_every_readme_block_matches_its_stored_json():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [m.group("name") for m in figures.BLOCK.finditer(text)]
    assert {"complexity", "demo"} <= set(names)
    _, changed = figures.render_text(text)
    assert changed == [], f"stale README blocks: {changed}; run python scripts/figures.py render"


def test_every_stored_result_has_a_readme_block():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    names = {m.group("name") for m in figures.BLOCK.finditer(text)}
    stored = {p.stem for p in (ROOT / "benchmarks" / "results").glob("*.json")}
    assert stored, "benchmarks/results holds no measured figures"
    assert stored <= names
    for name in stored:
        data = json.loads((ROOT / "benchmarks" / "results" / f"{name}.json").read_text())
        assert data["figure"] == name
        assert data["machine"]["cpus"] >= 1 and "blas" in data["machine"]


def test_a_changed_measurement_changes_the_readme(tmp_path):
    results = tmp_path / "results"
    shutil.copytree(ROOT / "benchmarks" / "results", results)
    data = json.loads((results / "demo.json").read_text())
    data["result"]["annual_rows"] = 1234
    (results / "demo.json").write_text(json.dumps(data))
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    new, changed = figures.render_text(text, results)
    assert changed == ["demo"]
    assert "| annual flows | 1,234 |" in new


def test_a_block_naming_no_figure_is_refused():
    with pytest.raises(SystemExit, match="names no figure"):
        figures.render_text("<!-- figures:nope -->\nx\n<!-- /figures:nope -->\n")
