"""The README's partners example is what the code gives: its registry
(``docs/examples/partners_registry.json``) imported, the real PRC lists loaded, and
``partners match 한누리반도체`` printing the ranks, scores and trust levels the README shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LISTS = ROOT.parent / "shared" / "data" / "real" / "cn_export_control_entities.json"


def _readme_rows() -> list[tuple[int, str, float, str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text[text.index("$ kcbridge partners match 한누리반도체"):]
    block = block[:block.index("Peers (same direction")]
    return [(int(m[0]), m[1].strip(), float(m[2]), m[3])
            for m in re.findall(
                r"│ p-fab\s+│\s+(\d+) │ (.+?)│ CHN .+?│ ([0-9.]+) │.+?│.+?│ (\w+) │", block)]


@pytest.mark.realdata
def test_readme_partners_example(platform) -> None:  # type: ignore[no-untyped-def]
    if not LISTS.exists():
        pytest.skip(f"{LISTS} not found (the shared real data)")
    platform.partners.import_file(ROOT / "docs" / "examples" / "partners_registry.json")
    platform.partners.import_list(LISTS)
    rows = platform.partners.match("한누리반도체", k=5, record_exposure=False)
    got = [(r["rank"], r["partner_name"], r["score"], r["guideline_level"]) for r in rows]
    assert got == _readme_rows()
    assert [p["peer_name"] for p in platform.partners.peers("한누리반도체")] == ["새빛반도체"]
