# ruff: noqa: E501 (lines of Korean and Chinese text count wide characters)
"""The fresh one-summary set (``partners/data/eval_fresh.yaml``, written after the packaged
set and measured once before the changes it led to): labels as written, matching figures,
and the trust rule on every intended pair; plus the rules those changes added (glossary
concepts per direction, the splitter's Korean and Chinese clause fixes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from kcbridge.partners.evaluation import evaluate_one_summary, load_fresh_set
from kcbridge.partners.index import RULES, MatchWeights, ProfileArrays, exact_top_k
from kcbridge.partners.lists import read_list_csv, read_list_file
from kcbridge.partners.offer_need import split_offer_need
from kcbridge.partners.pair_trust import assess_pair
from kcbridge.partners.profile_types import PROFILE_TYPES
from kcbridge.partners.screening import EntityScreener
from kcbridge.partners.terms import concept_signature, concepts

#: One organisation of the fresh set, listed here in traditional script (a list we write).
LISTED = "list_id,entity_name,aliases\ninternal-watch,山東晶碳半導體材料有限公司,\n"


def test_fresh_set_shape_and_labels_as_written_are_read_as_meant() -> None:
    data = load_fresh_set()
    assert len(data.partner_of) == 52 and len(data.distractors) == 25
    assert len({p.split("-")[-1] for p in data.distractors}) >= 20  # distinct shadowed profiles
    assert data.labels_refused == () and data.labels_mismapped == ()
    langs = dict(zip(data.profiles["profile_id"], data.profiles["language"], strict=True))
    cross = sum(1 for a, b in data.partner_of.items() if langs[a] != langs[b])
    assert cross >= 40  # most partners write in another language


def test_fresh_set_figures_after_the_changes() -> None:
    report = evaluate_one_summary(dataset="fresh", weights=RULES)
    overall = report["overall"]
    assert overall["queries"] == 52
    assert overall["same_direction_above_partner"] == 0
    # measured 0.865 / 0.915 before the glossary, splitter and sector-weight changes
    # (commit 767d366); 0.981 / 0.990 after them (the set had been seen by then)
    assert overall["recall_at_1"] >= 0.96 and overall["mrr"] >= 0.98
    assert overall["recall_at_5"] == 1.0
    # 12 hard distractors (the partner's offer, a need that does not fit the query), written
    # after the changes and measured once: 0.962 / 0.981, one of them above its partner;
    # 0.981 / 0.990 after the place rule chosen on them
    hard = evaluate_one_summary(dataset="fresh_hard", weights=RULES)
    assert hard["distractors"] == 37
    assert hard["overall"]["recall_at_1"] >= 0.96 and hard["overall"]["mrr"] >= 0.98
    assert hard["overall"]["same_direction_above_partner"] == 0
    with pytest.raises(Exception, match="no halves"):
        evaluate_one_summary(dataset="fresh", half="dev", weights=RULES)


def _pair_levels(screener: EntityScreener) -> list[dict[str, Any]]:
    from kcbridge.partners import registry

    data = load_fresh_set()
    profiles: dict[str, dict[str, Any]] = {
        str(r["profile_id"]): {str(k): v for k, v in r.items()}
        for r in data.profiles.to_dict("records")}
    orgs: dict[str, dict[str, Any]] = {
        str(r["org_id"]): {str(k): v for k, v in r.items()}
        for r in data.organisations.to_dict("records")}
    out = []
    for a, b in data.partner_of.items():
        pa, pb = profiles[a], profiles[b]
        oa, ob = orgs[pa["org_id"]], orgs[pb["org_id"]]
        checks = [screener.screen(o["name"], registry.org_names(o)) for o in (oa, ob)]
        trust = assess_pair(pa, pb, oa, ob, checks)
        out.append({"pair": (a, b), "level": trust.level, "reasons": trust.reasons,
                    "items": trust.items, "flagged": any(c.flagged for c in checks),
                    "controlled": a in data.controlled or b in data.controlled,
                    "sectors": list(pa["sectors"]) + list(pb["sectors"])})
    return out


def _assert_trust_rules(rows: list[dict[str, Any]]) -> None:
    assert len(rows) == 52
    controlled = [r for r in rows if r["controlled"]]
    assert len(controlled) == 18  # the writer marked 9 pairs (18 queries) as controlled
    for r in controlled:
        assert r["level"] in ("amber", "red"), r["pair"]
        assert r["items"], r["pair"]  # the item is named
        assert any("Controlled item" in reason for reason in r["reasons"]), r["pair"]
    listed = [r for r in rows if r["flagged"]]
    assert {r["pair"][0][:9] for r in listed} == {"fresh-01a", "fresh-01b"}
    for r in listed:
        assert r["level"] == "red" and "山東晶碳半導體材料有限公司" in r["reasons"][0]
    for r in rows:
        if r["level"] == "green":
            assert r["sectors"], r["pair"]  # never green without a known sector


def test_fresh_set_trust_every_controlled_or_listed_pair_is_amber_or_red(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(LISTED, encoding="utf-8")
    _assert_trust_rules(_pair_levels(EntityScreener(read_list_csv(path))))


@pytest.mark.realdata
def test_fresh_set_trust_with_the_real_prc_lists(real_data: Path, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(LISTED, encoding="utf-8")
    entries = pd.concat([read_list_file(real_data / "cn_export_control_entities.json"),
                         read_list_csv(path)], ignore_index=True)
    rows = _pair_levels(EntityScreener(entries))
    _assert_trust_rules(rows)


# ---- the rules the fresh set's failures led to ------------------------------------------
def test_glossary_reads_one_concept_in_three_languages() -> None:
    for text in ("SiC 에피웨이퍼를 찾습니다", "碳化硅外延片", "silicon carbide epitaxial wafers"):
        assert concepts(text) == ["silicon_carbide", "epitaxial_wafer"], text
    assert concept_signature("수소충전소 압축기") == concept_signature("hydrogen refuelling station compressors")
    assert concepts("We support the port of Busan") == ["port_terminal"]  # 'support' is not 'port'
    assert concepts("") == [] and concept_signature("furniture") == 0


def test_glossary_part_counts_per_direction() -> None:
    """0 offers SiC wafers and needs power-module customers; 1 offers power modules and needs
    SiC wafers; 2 needs SiC wafers too but offers nothing 0 needs. Text vectors tie, so only
    the concepts of one side's offer met in the other's need separate 1 from 2."""
    n = 3
    vec = np.tile(np.eye(4, dtype=np.float32)[0], (n, 1))
    offers = ["碳化硅外延片", "SiC MOSFET 파워모듈", "data centre liquid cooling"]
    needs = ["power module customers", "SiC 에피웨이퍼", "SiC 에피웨이퍼"]
    arrays = ProfileArrays(vec, vec, np.zeros(n, np.uint64), np.zeros(n, np.uint64),
                           np.array([0, 1, 1], np.int32), np.arange(n), np.full(n, -1, np.int16),
                           ptype=np.array([PROFILE_TYPES.index("research_request")] * n, np.int8),
                           offer_terms=np.array([concept_signature(t) for t in offers], np.uint64),
                           need_terms=np.array([concept_signature(t) for t in needs], np.uint64))
    rows, scores = exact_top_k(arrays, 0, k=2, weights=MatchWeights(ranker=None))
    assert rows.tolist() == [1, 2]
    # text 0.6 both ways; 1: +0.2 both ways -> 0.8; 2: +0.2 one way -> the arithmetic mean
    # of 0.8 and 0.6 (MatchWeights.balance 1.0; with 0.9, a tenth of their harmonic mean)
    assert scores[0] == pytest.approx(0.8)
    assert scores[1] == pytest.approx(0.7)
    _, mixed = exact_top_k(arrays, 0, k=2, weights=MatchWeights(balance=0.9, ranker=None))
    assert mixed[1] == pytest.approx(0.1 * 2 * 0.8 * 0.6 / 1.4 + 0.9 * 0.7)
    rows, scores = exact_top_k(arrays, 0, k=2, weights=MatchWeights(term=0.0, ranker=None))
    assert scores[0] == pytest.approx(scores[1])  # without the glossary part they tie


def test_split_korean_research_verb_is_not_seeking() -> None:
    split = split_offer_need("광섬유 기반 양자키분배 시스템을 연구합니다. 중국 대학과 공동연구를 희망합니다.",
                             "research_request")
    assert split.offer == "광섬유 기반 양자키분배 시스템을 연구합니다."
    assert split.need == "중국 대학과 공동연구를 희망합니다."
    support = split_offer_need("해외 진출을 지원합니다. 협력사를 찾습니다.", "business_offer")
    assert support.offer == "해외 진출을 지원합니다." and support.need == "협력사를 찾습니다."


def test_split_clause_before_a_seeking_cue_is_what_the_profile_brings() -> None:
    zh = split_offer_need("实验室建有量子通信试验网络，希望与韩国研究机构开展合作研究。", "research_request")
    assert zh.offer == "实验室建有量子通信试验网络"
    assert zh.need == "希望与韩国研究机构开展合作研究。"
    en = split_offer_need("Forklift maker. We plan hydrogen forklifts and need 10kW fuel cell modules.",
                          "business_request")
    assert en.need == "need 10kW fuel cell modules."
    assert en.offer == "Forklift maker. We plan hydrogen forklifts"
    # a summary that opens with the seeking cue stays whole
    only = split_offer_need("寻找5G专网解决方案，用于工厂内AGV调度。", "technology_request")
    assert only.offer == "" and only.need == "寻找5G专网解决方案，用于工厂内AGV调度。"


def test_need_regions_in_three_languages() -> None:
    from kcbridge.partners.regions import allowed_countries, need_regions

    assert need_regions("希望开拓韩国功率器件客户。") == ["KOR"]
    assert need_regions("중국 대학과 공동연구를 희망합니다.") == ["CHN"]
    assert need_regions("We are looking for a US power utility.") == ["USA"]
    assert need_regions("Help us find partners.") == []  # 'us' is not the US
    assert need_regions("제품 인도 일정을 맞출 협력사") == []  # 인도: delivery, not India
    assert allowed_countries("Seeking operators abroad.", "CHN", ["KOR", "CHN"]) == {"KOR"}
    assert allowed_countries("국내 조선소 고객을 찾습니다", "KOR", ["KOR", "CHN"]) == {"KOR"}
    assert allowed_countries("유럽 시장 파트너", "KOR", ["KOR", "CHN"]) == set()
    assert allowed_countries("寻找5G专网解决方案", "CHN", ["KOR", "CHN"]) is None


def test_a_need_that_names_another_country_lowers_that_direction() -> None:
    """Two Chinese lidar makers with the same offer; one seeks Korean robot makers, the other
    North American ones. For the Korean robot maker, the second's direction (its need
    against the Korean offer) is scaled by ``place``; the first is untouched."""
    from kcbridge.partners.matching import Matchmaker
    from kcbridge.partners.registry import normalise_organisations, normalise_profiles

    orgs = normalise_organisations(pd.DataFrame([
        {"org_id": "kr", "name": "배달로봇코리아", "country": "KOR"},
        {"org_id": "cn1", "name": "深圳光测", "country": "CHN"},
        {"org_id": "cn2", "name": "杭州慧测", "country": "CHN"}]))
    profiles = normalise_profiles(pd.DataFrame([
        {"profile_id": "kr", "org_id": "kr", "profile_type": "BR",
         "summary": "실외 배달로봇을 만듭니다. 저가형 3D 라이다 센서 공급처를 찾습니다."},
        {"profile_id": "cn1", "org_id": "cn1", "profile_type": "BO",
         "summary": "提供服务机器人用3D激光雷达。寻求韩国机器人企业客户。"},
        {"profile_id": "cn2", "org_id": "cn2", "profile_type": "BO",
         "summary": "提供服务机器人用3D激光雷达。寻求北美机器人企业客户。"}]), orgs)
    ranked = Matchmaker(profiles, orgs, weights=RULES).match("kr", k=2)
    assert [m.partner_profile_id for m in ranked] == ["cn1", "cn2"]
    # the learned scores read the place rule too (features place_ab / place_ba): the
    # round-19 model ranks cn1 first; the round-21 model (L2 1.0) weighs the place feature
    # less than the summary cosine, which favours cn2 here by 0.01, so on this near-tie it
    # ranks cn2 first by 0.005, but its place term still counts against cn2
    from kcbridge.partners.learned import round19_ranker
    from kcbridge.partners.score_parts import learned_terms

    old = Matchmaker(profiles, orgs, weights=MatchWeights(ranker=round19_ranker()))
    assert [m.partner_profile_id for m in old.match("kr", k=2)] == ["cn1", "cn2"]
    learned = Matchmaker(profiles, orgs)
    place = {m.partner_profile_id: next(t["contribution"] for t in learned_terms(learned, m, 14)
                                        if t["feature"] == "place_ab")
             for m in learned.match("kr", k=2)}
    assert place["cn2"] < place["cn1"]
    flat = Matchmaker(profiles, orgs, weights=MatchWeights(place=1.0, ranker=None)).match("kr", k=2)
    # without the place rule the North American seeker ranks first
    assert [m.partner_profile_id for m in flat] == ["cn2", "cn1"]
    assert ranked[0].score == pytest.approx(flat[1].score)  # the need names Korea: untouched
    # North America: one direction x 0.6, so the pair loses part of its score (under the
    # arithmetic mean of the directions and the summary share, about 5 %)
    assert ranked[1].score < flat[0].score * 0.97
