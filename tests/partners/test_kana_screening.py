"""Names written in Japanese kana meet the Latin and Kanji forms of a listed name (issue 12):
Hepburn readings without macrons, reviewed (amber), never flagged unless the same kana is
listed. Every name here is made up for the test or is a public firm name written by hand."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from kcbridge.partners.lists import LIST_COLUMNS, _finish
from kcbridge.partners.names import keys_overlap, name_keys
from kcbridge.partners.pair_trust import assess_pair
from kcbridge.partners.romanize import romanize_kana, to_katakana
from kcbridge.partners.screening import EntityScreener


@pytest.mark.parametrize(("kana", "hepburn"), [
    ("スバル", "subaru"), ("すばる", "subaru"), ("ｽﾊﾞﾙ", "subaru"),  # hiragana, half-width
    ("キョウセラ", "kyosera"), ("シャチハタ", "shachihata"), ("ジュウジ", "juji"),  # yoon
    ("ニッシン", "nisshin"), ("マッチ", "matchi"), ("カッパ", "kappa"),  # small tsu
    ("シンワ", "shinwa"), ("ヤシマデンキ", "yashimadenki"),  # n
    ("トーキン", "tokin"), ("トウキョウ", "tokyo"), ("オオサカ", "osaka"), ("メイジ", "meiji"),
    ("ファナック", "fanakku"), ("ティーダ", "tida"), ("ウェザー", "weza"), ("ヴァイオ", "vaio"),
    ("チェック", "chekku"), ("テラドローン", "teradoron"),
])
def test_hepburn(kana: str, hepburn: str) -> None:
    from kcbridge.partners.names import fold

    assert romanize_kana(fold(kana)) == hepburn


def test_hiragana_become_katakana() -> None:
    assert to_katakana("すばる・ABC") == "スバル・ABC"


def test_kana_names_get_kana_and_hepburn_keys() -> None:
    keys = {(k.kind, k.value) for k in name_keys("スバル株式会社")}
    assert keys == {("kana", "スバル"), ("kana_roman", "subaru")}
    # a voiced kana is not its unvoiced letter (fold keeps the dakuten)
    assert {k.value for k in name_keys("ｽﾊﾞﾙ")} == {"スバル", "subaru"}
    assert keys_overlap("すばるカブシキガイシャ", "SUBARU Corporation")
    assert keys_overlap("ソニーグループ株式会社", "ソニー")
    assert not keys_overlap("スバル", "Sabaru Holdings")


def _screener() -> EntityScreener:
    rows = [
        {"list_id": "test-list", "entry_id": "1", "entity_name": "Kawabata Seiki Corporation",
         "aliases": "川端精機株式会社"},
        {"list_id": "test-list", "entry_id": "2", "entity_name": "Terrasonde Robotics Ltd."},
        {"list_id": "test-list", "entry_id": "3", "entity_name": "ミナトデンシ株式会社"},
        {"list_id": "test-list", "entry_id": "4", "entity_name": "Hino Motors, Ltd."},
    ]
    return EntityScreener(_finish(pd.DataFrame(rows, columns=LIST_COLUMNS), "test"))


def test_katakana_profile_meets_the_latin_listed_name_for_review() -> None:
    result = _screener().screen("カワバタセイキ株式会社")
    assert not result.flagged and result.hits == []
    assert [(h.entry_id, h.match, h.score, h.key_kind) for h in result.review] == [
        ("1", "reading", 95.0, "latin")]
    # the Kanji form of the same listed name is an exact hit, as before
    assert _screener().screen("川端精機").flagged


def test_latin_profile_meets_the_kana_listed_name_for_review() -> None:
    result = _screener().screen("Minato Denshi Co., Ltd.")
    assert not result.flagged
    assert [(h.entry_id, h.match) for h in result.review] == [("3", "reading")]
    # the same kana (hiragana here) is an exact hit
    exact = _screener().screen("みなとでんし")
    assert exact.flagged and [h.entry_id for h in exact.hits] == ["3"]


def test_loanword_katakana_is_a_fuzzy_review() -> None:
    # テラソンデロボティクス "terasonderobotikusu" against "terrasonderobotics": 89
    result = _screener().screen("テラソンデロボティクス株式会社")
    assert not result.flagged
    assert [(h.entry_id, h.match) for h in result.review] == [("2", "fuzzy")]
    assert 80 <= result.review[0].score < 92


@pytest.mark.parametrize("unlisted", ["ヒノ", "ヒノデ株式会社", "カワバタ", "テラス株式会社",
                                      "ミナミデンシ"])
def test_short_or_other_kana_names_are_not_listed(unlisted: str) -> None:
    result = _screener().screen(unlisted)
    assert not result.flagged and result.review == []


def test_a_shared_distinctive_part_in_kana_is_a_review() -> None:
    # ミナトデンシ without its trade word (デンシ, electronics) is "minato", as ミナト is
    result = _screener().screen("ミナト")
    assert not result.flagged
    assert [(h.entry_id, h.match) for h in result.review] == [("3", "core")]


def test_a_kana_pair_is_amber_with_the_listed_name() -> None:
    screener = _screener()
    own = {"sectors": ["batteries"], "partnership_types": ["joint_rnd"]}
    checks = [screener.screen("カワバタセイキ株式会社"), screener.screen("한빛소재")]
    trust = assess_pair(own, own, {"name": "カワバタセイキ株式会社", "country": "JPN"},
                        {"name": "한빛소재", "country": "KOR"}, checks)
    assert trust.level in ("amber", "red") and trust.level != "green"
    assert any("resembles 'Kawabata Seiki Corporation'" in r for r in trust.reasons)
    assert not any(" matches " in r for r in trust.reasons)


def test_exact_hits_are_the_same_in_every_process() -> None:
    # the key kind of an exact hit used to follow the hash seed's order of a frozenset
    code = ("import pandas as pd; from kcbridge.partners.lists import LIST_COLUMNS, _finish;"
            "from kcbridge.partners.screening import EntityScreener;"
            "e = _finish(pd.DataFrame([{'list_id': 'l', 'entry_id': '1', 'entity_name': "
            "'霽虹顯示科技股份有限公司'}], columns=LIST_COLUMNS), 't');"
            "print(EntityScreener(e).screen('霁虹显示科技股份有限公司').hits[0].key_kind)")
    kinds = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)}
                            ).stdout.strip() for seed in range(5)}
    assert kinds == {"han"}


def test_kana_trade_words_leave_the_distinctive_part() -> None:
    from kcbridge.partners.name_core import core_keys

    assert core_keys("ハヤセガワアビエーション株式会社") == {"hayasegawa"}
    assert core_keys("Hayasegawa Aviation Co., Ltd.") == {"hayasegawa"}
    assert core_keys("テラドローン株式会社") == frozenset()  # "tera": too short to mean much
    rows = [{"list_id": "test-list", "entry_id": "9",
             "entity_name": "Hayasegawa Aviation Co., Ltd."}]
    screener = EntityScreener(_finish(pd.DataFrame(rows, columns=LIST_COLUMNS), "test"))
    result = screener.screen("ハヤセガワアビエーション")
    assert not result.flagged
    assert [(h.entry_id, h.match) for h in result.review] == [("9", "core")]
