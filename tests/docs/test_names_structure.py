"""Names found from how the sentence is built (issue 10, names round on a new fresh set):
lists of bodies, short names the text defines, one-word ministries, city bodies, Latin names
after a Chinese title, English names by their head noun, and the precision rules that go with
them. Every sentence here was written for these tests; the company and person names are
invented."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from kcbridge.docs.entities import extract_entities
from kcbridge.docs.text import normalise_text, split_sentences


def _entities(text: str, kind: str) -> dict[str, str]:
    """text -> key of the entities of ``kind``."""
    text = normalise_text(text)
    return {e.text: e.key for e in extract_entities(text, split_sentences(text)) if e.kind == kind}


# ---- Korean ----------------------------------------------------------------------------
def test_korean_list_of_companies_takes_every_item() -> None:
    # one item ends like a company (에너지); the list makes the others companies too
    orgs = _entities("특히 한빛하이텍, 누리에너지, 다온케미컬, 비솔텍 등이 로드쇼에 나섰다.",
                     "organisation")
    assert {"한빛하이텍", "누리에너지", "다온케미컬", "비솔텍"} <= set(orgs), orgs


def test_korean_list_of_things_names_no_organisation() -> None:
    text = "반도체, 배터리, 디스플레이 등이 양국의 주력 품목이다."
    assert _entities(text, "organisation") == {}


def test_korean_one_word_ministry_and_glued_province_body() -> None:
    orgs = _entities("행정안전부, 문화체육관광부, 보건복지부와 중국후난성인민정부가 후원했다.",
                     "organisation")
    assert {"문화체육관광부", "보건복지부"} <= set(orgs), orgs


def test_korean_short_name_defined_by_the_text() -> None:
    orgs = _entities("미래혁신센터(이하 FIC한국)가 교류회를 주최했다.", "organisation")
    assert orgs.get("미래혁신센터") == "미래혁신센터"
    assert orgs.get("FIC한국") == "미래혁신센터", orgs  # the short name keys the long one


def test_korean_city_body_is_an_organisation_not_a_person() -> None:
    text = "이날 왕밍 난닝시정협 부주석, 류웨이 난닝시상무국 부국장 등이 방한했다."
    orgs, people = _entities(text, "organisation"), _entities(text, "person")
    assert {"난닝시정협", "난닝시상무국"} <= set(orgs), orgs
    assert not {"난닝시", "난닝시정협"} & set(people), people


def test_korean_two_syllable_names_before_titles_with_new_titles() -> None:
    text = "협회에서는 김훈 집행회장, 서형일 이사, 강민석 국장 등 20여명이 참석했다."
    people = _entities(text, "person")
    assert {"김훈", "서형일", "강민석"} <= set(people), people


@pytest.mark.parametrize("text", [
    "한·중 하이테크 사업 및 배터리 시장 정착을 위한 협의를 맺었다.",   # 시장: the market
    "지사·성장회의는 양국 협의회가 공동 주관한다.",                     # a meeting
    "포항에 황산니켈과 전구체 공장을 짓기로 하고 투자를 결정했다.",      # a chemical
    "도는 2016년 구이저우성과 자매결연협정을 체결했다.",                 # a province
])
def test_korean_common_nouns_meetings_chemicals_provinces_are_no_names(text: str) -> None:
    names = set(_entities(text, "organisation")) | set(_entities(text, "person"))
    assert not names & {"배터리", "성장회의", "황산니켈", "구이저우성"}, names


def test_korean_province_is_a_place() -> None:
    places = _entities("도는 2016년 구이저우성과 자매결연협정을 체결했다.", "place")
    assert places.get("구이저우성") == "CHN-GUIZHOU", places


# ---- Chinese ---------------------------------------------------------------------------
def test_chinese_short_name_and_centre() -> None:
    orgs = _entities("下午,代表团与国家技术转移南部中心(以下简称“南部中心”)会面。", "organisation")
    assert orgs.get("国家技术转移南部中心") == "国家技术转移南部中心", orgs
    assert orgs.get("南部中心") == "国家技术转移南部中心", orgs


def test_chinese_latin_names_after_a_title() -> None:
    text = "韩国某科学技术院校长Min-Soo Park一行来访,教授Ji Won Lee和主任Dohyun Kang等陪同。"
    people = set(_entities(text, "person"))
    assert {"Min-Soo Park", "Ji Won Lee", "Dohyun Kang"} <= people, people


def test_chinese_advisory_council_is_an_organisation() -> None:
    orgs = _entities("韩国国家科学技术咨询会议副议长一行来访。", "organisation")
    assert "韩国国家科学技术咨询会议" in orgs, orgs


@pytest.mark.parametrize("text", [
    "该校是隶属于教育部的研究型大学。",
    "双方同意成立联合研究中心。",
    "长春市地处东北亚区域地理中心。",
])
def test_chinese_kinds_and_clauses_are_no_names(text: str) -> None:
    orgs = set(_entities(text, "organisation"))
    assert not any(o.endswith(("研究型大学", "研究中心", "地理中心")) for o in orgs), orgs


# ---- English ---------------------------------------------------------------------------
def test_english_title_then_given_name_first() -> None:
    people = _entities("Hyundai Motor Group Chair Euisun Chung attended the forum.", "person")
    assert "Euisun Chung" in people, people


def test_english_acronym_before_a_title_is_the_organisation() -> None:
    text = "YU President Noh Seok-kyun visited Beijing on Monday."
    assert "YU" in _entities(text, "organisation")
    assert not any(p.startswith("YU") for p in _entities(text, "person"))


def test_english_institution_by_its_head_noun() -> None:
    text = ("Mr. Noh visited the Korea-China Science & Technology Cooperation Center and the "
            "Hanbit Science Policy Research Institute, which is under the Ministry of Science, "
            "ICT and Future Planning.")
    orgs = set(_entities(text, "organisation"))
    assert {"Korea-China Science & Technology Cooperation Center",
            "Hanbit Science Policy Research Institute",
            "Ministry of Science, ICT and Future Planning"} <= orgs, orgs


def test_english_institution_stops_at_a_person() -> None:
    text = ("Team Director Lee Hee-young and Global Industry Cooperation Center Director "
            "Park Il-gyu met on Monday.")
    orgs = set(_entities(text, "organisation"))
    assert "Global Industry Cooperation Center" in orgs, orgs
    assert not any("Lee Hee-young" in o for o in orgs), orgs


# ---- the fresh evaluation set is labels only ---------------------------------------------
def test_names_evaluation_pages_keep_addresses_hashes_and_labels_only() -> None:
    path = resources.files("kcbridge.docs").joinpath("data").joinpath("names_eval_pages.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    pages = [r for r in rows if "_about" not in r]
    assert len(pages) == 30
    assert {r["set"] for r in pages} == {"development", "untouched"}
    for lang in ("ko", "zh", "en"):  # five of each language in each half
        for half in ("development", "untouched"):
            assert sum(r["lang"] == lang and r["set"] == half for r in pages) == 5
    for r in pages:
        assert set(r) == {"file", "set", "lang", "url", "sha256", "organizations",
                          "organizations_optional", "people", "people_optional"}
        assert r["url"].startswith("http") and len(r["sha256"]) == 64


def test_third_fresh_set_keeps_only_addresses_hashes_and_labels() -> None:
    path = resources.files("kcbridge.docs").joinpath("data").joinpath("names_eval_pages_3.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    pages = [r for r in rows if "_about" not in r]
    assert [sum(r["lang"] == lang for r in pages) for lang in ("ko", "zh")] == [10, 10]
    for r in pages:
        assert set(r) == {"file", "lang", "url", "sha256", "organizations",
                          "organizations_optional", "people", "people_optional"}
        assert r["url"].startswith("http") and len(r["sha256"]) == 64
    assert len({r["url"] for r in pages}) == 20
    older = resources.files("kcbridge.docs").joinpath("data").joinpath(
        "names_eval_pages.jsonl").read_text(encoding="utf-8")
    assert not any(r["url"] in older for r in pages)  # no page of the earlier set


def test_english_owner_place_is_not_part_of_the_institution() -> None:
    orgs = set(_entities("He spoke at the Seoul-based forum, citing ROK's Hanbit Policy Institute "
                         "and its data.", "organisation"))
    assert "Hanbit Policy Institute" in orgs, orgs
    assert not any(o.startswith("ROK") for o in orgs), orgs


def test_english_noun_phrase_is_no_organisation() -> None:
    text = ("The talks covered port links, the building of a Korea and ROK free trade area (FTA) "
            "and marine economics, said the vice governor.")
    assert not any("free trade" in o for o in _entities(text, "organisation"))
