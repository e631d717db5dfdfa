"""Hanja readings from the shipped table (no ``hanja`` package at run time)."""

import subprocess
import sys

import pytest

from kcbridge.partners.names import _hanja_readings, hanja_reading


def test_table_is_complete_and_single_syllable() -> None:
    table = _hanja_readings()
    assert len(table) == 27497
    assert all(len(r) == 1 and "\uac00" <= r <= "\ud7a3" for r in table.values())
    assert table["韓"] == "한" and table["國"] == "국" and table["技"] == "기"


@pytest.mark.parametrize(("text", "reading"), [
    ("華為技術", "화위기술"),
    ("华为技术", "화위기술"),  # simplified goes through traditional
    ("三星電子株式會社", "삼성전자주식회사"),
    ("李明", "이명"),  # 리 -> 이 at the start of a word
    ("羅老", "나로"),  # 라 -> 나
    ("女子", "여자"),  # 녀 -> 여
    ("勞動", "노동"),  # 로 -> 노
    ("來年", "내년"),  # 래 -> 내 at the start; 년 stays inside the word
    ("旋律", "선율"),  # 률 -> 율 after ㄴ (the hanja package gave 선률)
    ("規律", "규율"),  # after a vowel
    ("法律", "법률"),  # after another final consonant: unchanged
    ("ABC 樂天", "ABC 낙천"),  # a space starts a word
    ("LG化學", "LG화학"),
    ("", ""),
])
def test_readings(text: str, reading: str) -> None:
    assert hanja_reading(text) == reading


def test_hanja_package_is_not_imported() -> None:
    code = ("import sys; from kcbridge.partners.names import hanja_reading; "
            "hanja_reading('華為'); print('hanja' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
