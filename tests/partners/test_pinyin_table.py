"""The shipped pinyin table (scripts/make_pinyin_readings.py) gives what pypinyin gives,
so names read without importing pypinyin get the same keys."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from pypinyin import lazy_pinyin

from kcbridge.partners import names
from kcbridge.partners.names import _pinyin_readings, pinyin


def reference(text: str) -> str:
    return "".join(lazy_pinyin(text)).lower()


def test_every_character_of_the_table_reads_as_pypinyin_reads_it() -> None:
    table = _pinyin_readings()
    # GB 2312 characters read one way in every phrase: 6,379 with pypinyin 0.55
    assert len(table) > 6000
    wrong = {c: r for c, r in table.items() if lazy_pinyin(c) != [r]}
    assert wrong == {}
    # polyphonic characters are not in the table: 大 (da/dai/tai), 行 (xing/hang), 长, 重
    assert not {"大", "行", "长", "重", "乐"} & table.keys()
    assert table["鲁"] == "lu" and table["中"] == "zhong"


def test_table_characters_in_phrases_read_as_pypinyin_reads_them() -> None:
    # every pair and triple of table characters, in random order, reads the same as
    # pypinyin's phrase-aware segmentation reads it
    chars = sorted(_pinyin_readings())
    rng = random.Random(14)
    texts = ["".join(rng.choice(chars) for _ in range(rng.randint(2, 8))) for _ in range(3000)]
    assert [pinyin(t) for t in texts] == [reference(t) for t in texts]


@pytest.mark.parametrize("text", [
    "华为技术", "斯巴鲁", "中兴通讯", "大疆创新",  # 大: not in the table, pypinyin reads it
    "银行", "重庆长安", "TDK株式会社", "华为 Tech 2", "テラ华为", "〇号", "㐀", "",
    "深圳市飞跃航空科技", "海康威视数字技术",
])
def test_pinyin_equals_pypinyin(text: str) -> None:
    assert pinyin(text) == reference(text)


@pytest.mark.realdata
def test_pinyin_equals_pypinyin_on_every_listed_name(real_data: Path) -> None:
    entries = json.loads((real_data / "cn_export_control_entities.json").read_text("utf-8"))
    written = [n for e in entries for n in [e["entity_name"], *(e.get("aliases") or [])]]
    simplified = [names.to_simplified(n) for n in written]
    assert len(simplified) > 240
    assert [pinyin(n) for n in simplified] == [reference(n) for n in simplified]


def test_a_name_of_table_characters_imports_no_pypinyin() -> None:
    code = ("import sys; from kcbridge.partners.names import name_keys;"
            "keys = sorted((k.kind, k.value) for k in name_keys('斯巴魯株式會社'));"
            "print(keys, 'pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "('roman', 'sibalu')" in out
    assert out.strip().endswith("False")
    code_polyphonic = code.replace("斯巴魯", "大疆")
    out = subprocess.run([sys.executable, "-c", code_polyphonic], capture_output=True,
                         text=True, check=True).stdout
    assert "('roman', 'dajiang')" in out and out.strip().endswith("True")
