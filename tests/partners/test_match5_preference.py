"""The reciprocal preference (issue 12, helper match5; :mod:`kcbridge.partners.preference`):
a candidate with a clearly better partner elsewhere ranks below one for whom the query is
the best option. Registries written for these tests: a Korean ESS cell maker seeking
cathode material, two Chinese cathode makers, and a US storage-cell maker seeking exactly
what one of them makes (LFP)."""

from __future__ import annotations

import pandas as pd
import pytest

from kcbridge.partners.index import MatchWeights
from kcbridge.partners.matching import Matchmaker
from kcbridge.partners.preference import preference_factor, preference_note
from kcbridge.partners.registry import normalise_organisations, normalise_profiles
from kcbridge.partners.score_parts import combine, score_parts

ORGS = [
    {"org_id": "o-q", "name": "한울배터리", "kind": "enterprise", "country": "KOR"},
    {"org_id": "o-h", "name": "江西锂材科技有限公司", "kind": "enterprise", "country": "CHN"},
    {"org_id": "o-e", "name": "Prairie Storage Cells Inc.", "kind": "enterprise",
     "country": "USA"},
    {"org_id": "o-c", "name": "宁波正极材料有限公司", "kind": "enterprise", "country": "CHN"},
]
PROFILES = [
    {"profile_id": "q", "org_id": "o-q", "profile_type": "Business Request", "language": "ko",
     "summary": "에너지저장장치(ESS)용 배터리 셀 제조사입니다. 리튬 배터리 양극재 공급처를 "
                "찾습니다."},
    # an LFP maker whose best partner is the US storage-cell maker below
    {"profile_id": "h", "org_id": "o-h", "profile_type": "Business Offer", "language": "zh",
     "summary": "我们生产磷酸铁锂正极材料，用于储能电池。寻找海外储能电池厂客户。"},
    {"profile_id": "e", "org_id": "o-e", "profile_type": "Business Request", "language": "en",
     "summary": "We make LFP cells for grid energy storage. We are looking for a supplier of "
                "lithium iron phosphate cathode material for storage batteries."},
    # a cathode maker for whom the Korean cell maker is the best option
    {"profile_id": "c", "org_id": "o-c", "profile_type": "Business Offer", "language": "zh",
     "summary": "锂电池正极材料生产商，可为海外电池厂供货。"},
]


def _registry(ids: tuple[str, ...] = ("q", "h", "e", "c")
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = [p for p in PROFILES if p["profile_id"] in ids]
    owners = {p["org_id"] for p in rows}
    orgs = normalise_organisations(pd.DataFrame([o for o in ORGS if o["org_id"] in owners]),
                                   source="test")
    return normalise_profiles(pd.DataFrame(rows), orgs, source="test"), orgs


def test_the_factor_is_the_candidates_score_with_you_over_its_best_other() -> None:
    assert preference_factor(0.2, 0.4, 1.0) == pytest.approx(0.5)
    assert preference_factor(0.2, 0.4, 0.5) == pytest.approx(0.75)
    # you are its best option, it has no other option, or the weight is 0: unchanged
    assert preference_factor(0.5, 0.4, 1.0) == 1.0
    assert preference_factor(0.2, 0.0, 1.0) == 1.0
    assert preference_factor(0.2, 0.4, 0.0) == 1.0
    assert preference_note(1.0, 0.5, 0.4, "X") == ""
    note = preference_note(0.5, 0.2, 0.4, "Prairie Storage Cells Inc.")
    assert "Prairie Storage Cells Inc." in note and "0.400" in note and "x0.50" in note


def test_a_candidate_with_a_better_partner_elsewhere_falls_below() -> None:
    profiles, orgs = _registry()
    off = Matchmaker(profiles, orgs,
                     weights=MatchWeights(preference=0.0, ranker=None)).match("q", k=3)
    # by the pair score alone the LFP maker is first, just above the other cathode maker
    assert [m.partner_profile_id for m in off] == ["h", "c"]
    assert off[0].score > off[1].score and off[0].preference_factor is None
    matcher = Matchmaker(profiles, orgs, weights=MatchWeights(preference=1.0, ranker=None))
    on = matcher.match("q", k=3)
    assert [m.partner_profile_id for m in on] == ["c", "h"]
    lfp = on[1]
    # its best other match is the US LFP-cell maker: factor = its score with us / that one
    best = matcher.match("h", k=1)[0]
    assert best.partner_profile_id == "e"
    factor = lfp.preference_factor
    assert factor is not None
    assert factor == pytest.approx(off[0].score / best.score, abs=2e-4)
    assert lfp.score == pytest.approx(off[0].score * factor, abs=2e-4)
    assert "Prairie Storage Cells Inc." in lfp.preference_note
    # for the other cathode maker the Korean cell maker is the best option: unchanged
    assert on[0].preference_factor == 1.0 and on[0].preference_note == ""
    assert on[0].score == off[1].score


def test_the_score_parts_include_the_factor_and_give_the_score() -> None:
    profiles, orgs = _registry()
    matcher = Matchmaker(profiles, orgs, weights=MatchWeights(preference=1.0, ranker=None))
    for m in matcher.match("q", k=3):
        parts = score_parts(matcher, m)
        assert parts["preference_factor"] == pytest.approx(m.preference_factor, abs=1e-4)
        assert combine(parts) == pytest.approx(m.score, abs=2e-4)
    lowered = matcher.match("q", k=3)[1]
    assert score_parts(matcher, lowered)["preference_factor"] < 0.9


def test_a_candidate_without_another_option_keeps_its_score() -> None:
    profiles, orgs = _registry(("q", "c"))
    off = Matchmaker(profiles, orgs, weights=MatchWeights(preference=0.0, ranker=None)).match("q")
    on = Matchmaker(profiles, orgs, weights=MatchWeights(preference=1.0, ranker=None)).match("q")
    assert [m.partner_profile_id for m in on] == ["c"]
    assert on[0].preference_factor == 1.0 and on[0].score == off[0].score


def test_the_fast_index_leaves_the_factor_out() -> None:
    """On the fast path (a registry at or above ``fast_threshold``) each candidate's best
    other partner would cost a whole search; the factor is not applied there."""
    profiles, orgs = _registry()
    fast = Matchmaker(profiles, orgs, weights=MatchWeights(preference=1.0, ranker=None),
                      fast_threshold=2)
    assert fast.index is not None
    ranked = fast.match("q", k=3)
    assert [m.partner_profile_id for m in ranked] == ["h", "c"]
    assert all(m.preference_factor is None and m.preference_note == "" for m in ranked)
