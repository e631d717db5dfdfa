"""Screening against lists: offline fixtures and the real PRC list (realdata)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kcbridge.errors import InputError
from kcbridge.partners.lists import LIST_COLUMNS, read_list_csv, read_list_file
from kcbridge.partners.names import hanja_reading, pinyin, to_traditional
from kcbridge.partners.screening import EntityScreener, results_frame

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def fixture_screener() -> EntityScreener:
    return EntityScreener(read_list_csv(DATA / "entity_list.csv"))


def test_csv_list_reads_aliases() -> None:
    df = read_list_csv(DATA / "entity_list.csv")
    assert list(df.columns) == LIST_COLUMNS
    assert len(df) == 3
    assert df.loc[0, "aliases"] == ["华为技术有限公司", "Huawei"]
    # no key in the file: the id is a hash of the content, not the row's position
    assert df["entry_id"].loc[2].startswith("jp-end-user-list-h")
    again = read_list_csv(DATA / "entity_list.csv")
    assert again["entry_id"].tolist() == df["entry_id"].tolist()


def test_csv_without_list_id_needs_one(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_text("entity_name\nAcme\n", encoding="utf-8")
    with pytest.raises(InputError, match="list_id"):
        read_list_csv(path)
    assert read_list_csv(path, list_id="internal")["list_id"].tolist() == ["internal"]


def test_prc_json_format(tmp_path: Path) -> None:
    path = tmp_path / "prc.json"
    path.write_text(json.dumps([{"id": "x-1", "list_id": "cn-x", "entity_name": "Acme Corp.",
                                 "aliases": ["阿克米公司"], "source_url": "http://example"}]),
                    encoding="utf-8")
    df = read_list_file(path)
    assert df.loc[0, "entry_id"] == "x-1" and df.loc[0, "source"] == "http://example"


@pytest.mark.parametrize(
    "written",
    ["華為技術有限公司", "화위기술유한공사", "Huawei Technologies", "HUAWEI TECHNOLOGIES CO., LTD.",
     "huawei jishu youxian gongsi", "杭州海康威視數字技術股份有限公司", "(주)한빛정밀소재",
     "Hanbit Precision Materials Co., Ltd.", "hanbit jeongmil sojae"],
)
def test_listed_entities_caught_in_any_script(fixture_screener: EntityScreener,
                                              written: str) -> None:
    assert fixture_screener.screen(written).flagged, written


@pytest.mark.parametrize(
    "lookalike",
    ["Huawen Technologies", "Hanbit Materials", "한빛소재", "Hikvision Security",
     "华美技术有限公司", "Huawei Cloud Korea"],
)
def test_lookalikes_not_flagged(fixture_screener: EntityScreener, lookalike: str) -> None:
    assert not fixture_screener.screen(lookalike).flagged, lookalike


def test_aliases_are_screened_and_results_frame(fixture_screener: EntityScreener) -> None:
    result = fixture_screener.screen("Blue Sky Trading", aliases=["华为"])
    assert result.flagged and result.hits[0].entity_name == "Huawei Technologies Co. Ltd."
    frame = results_frame([result, fixture_screener.screen("Blue Sky Trading")])
    assert frame["flagged"].tolist() == [True, False]
    assert frame.loc[0, "lists"] == "us-entity-list"


@pytest.mark.realdata
def test_real_prc_list_catches_every_entity_in_other_scripts(real_data: Path) -> None:
    entries = read_list_file(real_data / "cn_export_control_entities.json")
    assert len(entries) == 240
    screener = EntityScreener(entries)
    missed = []
    for entry_id, entity_name, aliases in zip(
            entries["entry_id"], entries["entity_name"], entries["aliases"], strict=True):
        variants = [entity_name.upper(), f"{entity_name} Co., Ltd."]
        for alias in aliases:
            variants += [to_traditional(alias), hanja_reading(to_traditional(alias)),
                         "(주)" + hanja_reading(to_traditional(alias)), alias + "有限公司",
                         pinyin(alias)]
        for written in variants:
            if entry_id not in {h.entry_id for h in screener.screen(written).hits}:
                missed.append(written)
    assert missed == []


@pytest.mark.realdata
def test_real_prc_list_does_not_flag_lookalikes(real_data: Path) -> None:
    screener = EntityScreener(read_list_file(real_data / "cn_export_control_entities.json"))
    for name in ["Sumitomo Chemical Co., Ltd.", "Mitsubishi Electric Corporation", "Boeing",
                 "Hina Motors", "Raytheon Technologies", "Toyota Motor Corporation",
                 "Kawasaki Heavy Industries", "삼성전자", "现代汽车",
                 "Subaru Tecnica International"]:
        assert not screener.screen(name).flagged, name
    hit = screener.screen("斯巴魯株式會社")
    assert hit.flagged and hit.hits[0].entity_name == "SUBARU Corporation"


def test_near_spellings_go_to_review_not_flagged(fixture_screener: EntityScreener) -> None:
    result = fixture_screener.screen("Huawen Technologies")
    assert not result.flagged
    # "huawentechnologies" vs "huaweitechnologies": 17 of 18 letters, ratio 2*17/36
    assert [(h.entity_name, h.score) for h in result.review] == [
        ("Huawei Technologies Co. Ltd.", round(200 * 17 / 36, 1))]
