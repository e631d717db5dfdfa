# ruff: noqa: E501 (lines of Korean and Chinese text count wide characters)
"""The rules the second fresh set's development half led to (issue 12), each on profiles
written here, and the set itself (shape, split, marks, figures after the changes)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd
import pytest

from kcbridge.partners import screening, storage
from kcbridge.partners.controls import controlled_items, sectors_from_text
from kcbridge.partners.evaluation import evaluate_one_summary, load_fresh_set
from kcbridge.partners.index import RULES
from kcbridge.partners.lists import read_list_csv
from kcbridge.partners.name_core import core_keys
from kcbridge.partners.offer_need import split_offer_need, strip_metadata
from kcbridge.partners.screening import EntityScreener, entry_key_tuples
from kcbridge.partners.terms import concepts
from kcbridge.partners.trust_evaluation import evaluate_pair_trust


def _codes(text: str) -> list[tuple[str, str]]:
    return [(i.code, i.term) for i in controlled_items(text)]


def test_controlled_items_named_by_trade_names_and_synonyms() -> None:
    assert _codes("무수불산(AHF) 수입선을 찾습니다") == [("semiconductor_chemicals", "무수불산")]
    assert _codes("anhydrous HF, 99.99%") == [("semiconductor_chemicals", "anhydrous HF")]
    assert _codes("KrF 감광재") == [("semiconductor_chemicals", "감광재")]
    # an English term glued to Chinese or Korean text is still a word
    assert _codes("需采购高端GPU服务器")[0][0] == "advanced_chips"
    assert _codes("GPU를 찾습니다") == [("advanced_chips", "GPU")]
    assert _codes("엔비디아 H100 8장 탑재 서버") == [("advanced_chips", "H100")]
    assert _codes("电动多旋翼植保机") == [("drones", "植保机")] or _codes("电动多旋翼植保机")[0][0] == "drones"
    assert _codes("벼 방제용 농업용 무인헬기") == [("drones", "무인헬기")]
    assert _codes("固定翼无人飞行器自驾仪")[0] == ("drones", "无人飞行器")
    assert _codes("10mK 희석 냉동기")[0] == ("quantum", "희석 냉동기")
    assert _codes("五轴联动加工中心") == [("machine_tools", "五轴联动")]
    # not controlled: look-alikes
    assert _codes("corrosion-resistant coatings") == []
    assert _codes("H2O treatment") == []
    assert _codes("QD-OLED 퀀텀닷 색변환") == []


def test_distinctive_name_part_across_scripts_and_translations() -> None:
    assert core_keys("深圳飞跃航空科技有限公司") == core_keys("Shenzhen Feiyue Aviation Technology Co., Ltd.") == {"feiyue"}
    assert core_keys("대양특수합금 주식회사") == core_keys("Daeyang Special Alloys Co., Ltd.") == {"daeyang"}
    assert core_keys("テラドローン株式会社") == frozenset()  # kana are not read: no core
    assert core_keys("ABC Technology") == frozenset()  # too short to mean anything


def test_screener_lists_a_shared_distinctive_part_for_review_not_as_a_hit(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("list_id,entity_name,aliases\ninternal,\"Shenzhen Feiyue Aviation Technology Co., Ltd.\",\n"
                    "internal,대양특수합금 주식회사,\n", encoding="utf-8")
    screener = EntityScreener(read_list_csv(path))
    result = screener.screen("深圳飞跃航空科技有限公司")
    assert not result.flagged and [h.match for h in result.review] == ["core"]
    assert result.review[0].entity_name == "Shenzhen Feiyue Aviation Technology Co., Ltd."
    result = screener.screen("Daeyang Special Alloys Co., Ltd.")
    assert not result.flagged and result.review[0].entity_name == "대양특수합금 주식회사"
    assert screener.screen("Hanul Webtoon Studio").review == []


def test_screener_keys_are_kept_per_list_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "list.csv"
    path.write_text("list_id,entity_name,aliases\ninternal,\"Shenzhen Feiyue Aviation Technology Co., Ltd.\",\n"
                    "internal,華為技術有限公司,\n", encoding="utf-8")
    entries = read_list_csv(path)
    fake_store = SimpleNamespace(url="duckdb://" + str(tmp_path / "kc.duckdb"))
    first = storage.stored_screener(fake_store, entries)
    assert first.screen("华为技术").flagged
    calls: list[int] = []

    def counting(entries: Any) -> list[tuple[int, str, str, str]]:
        calls.append(len(entries))
        return entry_key_tuples(entries)

    monkeypatch.setattr(screening, "entry_key_tuples", counting)
    again = storage.stored_screener(SimpleNamespace(url="duckdb://" + str(tmp_path / "kc.duckdb")), entries)
    assert calls == [] and again.screen("华为技术").flagged  # read back, not recomputed
    assert again.screen("深圳飞跃航空科技").review[0].match == "core"
    changed = pd.concat([entries, entries.assign(entry_id="x-2", entity_name="Nordhafen GmbH")],
                        ignore_index=True).iloc[[0, 2]]
    storage.stored_screener(SimpleNamespace(url="duckdb://" + str(tmp_path / "kc.duckdb")), changed)
    assert calls == [2]  # a new list version is computed


def test_structured_profile_fields_are_not_offer_or_need() -> None:
    text = ("BRKR20251104002 | Shipyard seeks supplier of insulation panels. "
            "Type of partnership considered: supplier agreement. IPR status: secret know-how.")
    assert strip_metadata(text) == "Shipyard seeks supplier of insulation panels."
    split = split_offer_need("成果名称：无人机电池快换系统。知识产权：发明专利2项。转化方式：技术许可。", "technology_offer")
    assert split.offer == "成果名称：无人机电池快换系统。" and split.need == ""
    split = split_offer_need("Thermal cameras; 640x512; VOx; partner sought: distributors in Korea.", "business_offer")
    assert split.offer == "Thermal cameras; 640x512; VOx;"
    assert split.need == "partner sought: distributors in Korea."
    split = split_offer_need("기술개요: 배터리 열폭주 감지 센서. 지재권 현황: 등록특허 2건. 이전방식: 통상실시권.", "technology_offer")
    assert split.offer == "기술개요: 배터리 열폭주 감지 센서." and split.need == ""


def test_contract_manufacturing_is_not_a_wafer_foundry() -> None:
    assert "semiconductors" not in sectors_from_text("果汁饮料OEM代工，PET瓶灌装")
    assert sectors_from_text("12英寸晶圆代工产能")[0] == "semiconductors"


def test_glossary_reads_new_concepts_in_three_languages() -> None:
    for text in ("dilution refrigerator", "稀释制冷机", "희석 냉동기"):
        assert "dilution_refrigerator" in concepts(text), text
    for text in ("UAV autopilot", "固定翼自驾仪", "오토파일럿 기술"):
        assert "autopilot" in concepts(text), text
    assert "gpu_server" in concepts("高端GPU服务器") and "gpu_server" in concepts("H100 서버")
    assert concepts("corrosion-resistant paint") == []


def test_fresh2_set_shape_split_and_marks() -> None:
    data = load_fresh_set(file="eval_fresh2.yaml")
    assert len(data.partner_of) == 60 and len(data.distractors) == 31
    assert sorted(n for n, h in data.half_of.items() if h == "dev") == [
        1, 3, 4, 6, 9, 13, 14, 15, 17, 19, 20, 21, 24, 26, 30]  # random.Random(20261205)
    assert {m for m, _ in data.marks.values()} == {"red", "amber", "open"}
    assert sum(1 for m, _ in data.marks.values() if m == "red") == 5


def test_fresh2_development_half_after_the_changes() -> None:
    report = evaluate_one_summary(dataset="fresh2", half="dev", weights=RULES)
    overall = report["overall"]
    # measured once before the changes: recall@1 0.767, MRR 0.849 (30 queries)
    assert overall["queries"] == 30
    # 0.867 / 0.917 after the splitter, glossary and control-list changes; 1.000 / 1.000 with
    # MatchWeights.balance 0.9, chosen on this half among others; 0.933 / 0.958 since round 16
    # (sixteenth session) reads "服务" (a service) as offered: the two "代运营服务" labels, by
    # brands seeking an outsourced shop operator, are read as the operator's offer
    assert (overall["recall_at_1"], overall["mrr"]) == (0.9333, 0.9583)
    assert overall["same_direction_above_partner"] == 0
    with pytest.raises(Exception, match="dev and a test half"):
        evaluate_one_summary(dataset="fresh2", half="heldout", weights=RULES)


def test_fresh2_trust_marks_on_the_development_half() -> None:
    report = evaluate_pair_trust("fresh2", half="dev")
    assert report["green_without_sector"] == 0
    assert report["by_mark"]["amber"]["met"] == report["by_mark"]["amber"]["queries"]
    # listed under another name: amber (review, the entry named) or red, never green
    red = [r for r in report["rows"] if r["mark"] == "red"]
    assert red and all(r["level"] in ("amber", "red") for r in red)
    controlled = [r for r in report["rows"] if r["mark"] == "amber" and "sector" not in r["why"]]
    assert controlled and all(r["items"] for r in controlled)  # the item is named


def test_profile_labels_never_seen_are_read_from_their_words() -> None:
    from kcbridge.errors import InputError
    from kcbridge.partners.profile_types import canonical_profile_type

    read = {label: canonical_profile_type(label) for label in (
        "Supplier search", "Licensing offer", "Investor wanted", "OEM request", "OEM代工",
        "기술이전 가능기술", "라이선스 제안", "유통 파트너 구함", "技术成果转让", "版权引进",
        "寻求代理", "数据采购", "R&D partner wanted", "Looking for distributor")}
    assert read == {
        "Supplier search": "business_request", "Licensing offer": "technology_offer",
        "Investor wanted": "investment_request", "OEM request": "business_request",
        "OEM代工": "business_offer", "기술이전 가능기술": "technology_offer",
        "라이선스 제안": "technology_offer", "유통 파트너 구함": "business_offer",
        "技术成果转让": "technology_offer", "版权引进": "technology_request",
        # a seller seeking its sales channel offers (EEN: the money flows to it)
        "寻求代理": "business_offer", "Looking for distributor": "business_offer",
        "数据采购": "business_request", "R&D partner wanted": "research_request"}
    for vague in ("Partner search", "Cooperation", "寻找合作伙伴", "misc"):
        with pytest.raises(InputError, match="not a known profile type"):
            canonical_profile_type(vague)


def test_fresh2_labels_as_written_are_accepted() -> None:
    data = load_fresh_set(file="eval_fresh2.yaml")
    # 29 of 91 were refused before; none since round 16, which reads "服务" (a service) as
    # offered: 代运营服务 ("operation service"), written by brands that seek the service, is
    # read as the operator's offer (the cost of the rule on this set, seen)
    assert data.labels_refused == ()
    # read otherwise than the writer meant: none from label reading round 3 (设备采购, buying
    # equipment, was read as technology; it is trade) to round 16
    assert [m.split(": ")[1].split(" read")[0] for m in data.labels_mismapped] == [
        "'代运营服务'", "'代运营服务'"]


def test_controlled_items_added_after_the_test_half() -> None:
    assert _codes("소형모듈원전(SMR) 증기발생기")[0][0] == "nuclear"
    assert _codes("T800级碳纤维") == [("carbon_fibre", "T800")]
    assert _codes("非制冷红外热成像机芯")[0] == ("thermal_imaging", "红外热成像")
    assert _codes("H5N1 challenge studies")[0][0] == "biotech_pathogens"
    assert _codes("合成孔径雷达卫星影像")[0][0] == "space_remote_sensing"


def test_cli_evaluate_trust_reports_marks_met() -> None:
    import json

    from typer.testing import CliRunner

    from kcbridge.cli import app

    result = CliRunner().invoke(app, ["partners", "evaluate-trust", "--half", "dev",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    amber = report["by_mark"]["amber"]
    assert amber["met"] == amber["queries"] == 14 and amber["reason_named"] == 10
    assert report["by_mark"]["red"]["reason_named"] == 4  # the katakana name is still missed
    bad = CliRunner().invoke(app, ["partners", "evaluate-trust", "--set", "fresh4"])
    assert bad.exit_code == 1 and "has no trust marks" in bad.output
    assert "fresh2" in " ".join(bad.output.split())


def test_screened_names_keys_are_memoised_and_give_the_same_hits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "list.csv"
    path.write_text("list_id,entity_name,aliases\ninternal,\"Shenzhen Feiyue Aviation Technology Co., Ltd.\",\n"
                    "internal,華為技術有限公司,\n", encoding="utf-8")
    screener = EntityScreener(read_list_csv(path))
    names = ["华为技术有限公司", "深圳飞跃航空科技有限公司", "Hanul Webtoon Studio", "???"]
    store = SimpleNamespace(url="duckdb://" + str(tmp_path / "kc.duckdb"))
    known = storage.stored_name_keys(store, names)
    assert set(known) == set(names)
    for name in names:  # the same outcome with the memo as without it
        assert screener.screen(name, known=known).to_dict() == screener.screen(name).to_dict()
    assert screener.screen("华为技术有限公司", known=known).flagged

    def no_reading(frame: object) -> pd.DataFrame:
        raise AssertionError("a known name was read again")

    monkeypatch.setattr(screening, "name_key_rows", no_reading)
    again = storage.stored_name_keys(SimpleNamespace(url=store.url), names[:2])
    assert set(again) == set(names[:2])  # from the memo kept beside the store
