"""`kcbridge partners screen` reads names without pypinyin when the shipped pinyin table
covers them, and prints what pypinyin's readings give (issue 14); names written in kana
are screened against Latin listed names (issue 12)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.cli.conftest import Cli

#: runs `kcbridge partners screen NAME --format json` in a fresh interpreter; with "pypinyin"
#: as second argument the shipped table is emptied, so every reading comes from pypinyin
PROBE = """
import contextlib, io, json, sys
import kcbridge.cli
import kcbridge.partners.names as names
if sys.argv[2] == "pypinyin":
    names._pinyin_readings = lambda: {}
out = io.StringIO()
with contextlib.redirect_stdout(out):
    kcbridge.cli.app(["partners", "screen", sys.argv[1], "--format", "json"],
                     standalone_mode=False)
print(json.dumps({"stdout": out.getvalue(), "pypinyin": "pypinyin" in sys.modules,
                  "unneeded": sorted(m for m in ("kcbridge.partners.demo",
                                                 "kcbridge.partners.dedupe",
                                                 "kcbridge.partners.guideline")
                                     if m in sys.modules)}))
"""


def _screen(name: str, how: str, home: Path) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KCBRIDGE_")}
    env["KCBRIDGE_HOME"] = str(home)
    proc = subprocess.run([sys.executable, "-c", PROBE, name, how], capture_output=True,
                          text=True, env=env, check=False, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("name", ["斯巴魯株式會社", "霽虹顯示科技股份有限公司",
                                  "霁虹显示科技有限公司"])
def test_screen_prints_the_same_without_pypinyin(name: str, tiny_demo_copy: Path) -> None:
    # the screened name read by pypinyin (as before the table), then by the table
    before = _screen(name, "pypinyin", tiny_demo_copy)
    assert before["pypinyin"] is True
    now = _screen(name, "table", tiny_demo_copy)
    assert now["stdout"] == before["stdout"]
    assert now["pypinyin"] is False
    assert now["unneeded"] == []  # the service imports these only for other commands
    result = json.loads(str(now["stdout"]))["results"][0]
    assert result["flagged"] is name.startswith(("霽虹", "霁虹"))  # on the demo's list


def test_kana_name_is_reviewed_against_a_latin_listed_name(own_cli: Cli,
                                                           tmp_path: Path) -> None:
    listed = tmp_path / "list.csv"
    listed.write_text("list_id,entity_name,aliases,reason\n"
                      "test-list,Kawabata Seiki Corporation,川端精機株式会社,made up for a test\n",
                      encoding="utf-8")
    own_cli.ok("trust", "import-list", str(listed))
    result = own_cli.json("partners", "screen", "カワバタセイキ株式会社")["results"][0]
    assert result["flagged"] is False and result["hits"] == []
    assert [(h["entity_name"], h["match"], h["score"]) for h in result["review"]] == [
        ("Kawabata Seiki Corporation", "reading", 95.0)]
    kanji = own_cli.json("partners", "screen", "川端精機")["results"][0]
    assert kanji["flagged"] is True
