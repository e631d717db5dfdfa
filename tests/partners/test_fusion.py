"""The fused score (summary cosine + reciprocal rules + type gate), the language centring
of the summary vectors, and the grouped cross-validation that chose the fusion weight."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from kcbridge.partners.embeddings import centre_by_language, normalise_rows, script_language
from kcbridge.partners.evaluation_cv import fused_methods, grouped_cv, summarise
from kcbridge.partners.fast_index import ReciprocalIndex
from kcbridge.partners.index import (
    MatchWeights,
    ProfileArrays,
    exact_scores,
    exact_top_k,
)
from kcbridge.partners.profile_types import PROFILE_TYPES

TO, TR = PROFILE_TYPES.index("technology_offer"), PROFILE_TYPES.index("technology_request")


def test_script_language_reads_the_script_not_the_loan_words() -> None:
    assert script_language("MLCC용 BaTiO3 파우더 2nd vendor 찾습니다") == "ko"
    assert script_language("NDIR二氧化碳传感器模组，支持UART/I2C输出") == "zh"
    assert script_language("Traction-motor maker seeking NdFeB magnets") == "en"
    assert script_language("テラドローン株式会社") == "ja"
    assert script_language("12,000 / 3.5") == ""


def test_centring_removes_the_language_direction() -> None:
    e = np.eye(6, dtype=np.float32)
    # two topics (e0, e1), written in two languages whose texts share a direction (e4, e5)
    ko = [e[0] + 2 * e[4], e[1] + 2 * e[4]]
    zh = [e[0] + 2 * e[5], e[1] + 2 * e[5]]
    raw = normalise_rows(np.array(ko + zh))
    # raw: the same language beats the same topic (0.8 against 0.2)
    assert raw[0] @ raw[1] == pytest.approx(0.8, abs=1e-6)
    assert raw[0] @ raw[2] == pytest.approx(0.2, abs=1e-6)
    centred = centre_by_language(raw, ["ko", "ko", "zh", "zh"], shrink=0)
    # centred: the same topic across languages is 1, the other topic in one language -1
    assert centred[0] @ centred[2] == pytest.approx(1.0, abs=1e-6)
    assert centred[0] @ centred[1] == pytest.approx(-1.0, abs=1e-6)


def test_centring_shrinks_small_languages_and_keeps_empty_rows_empty() -> None:
    vectors = normalise_rows(np.array([[1, 1, 0], [0, 0, 0], [1, 0, 0]], dtype=np.float32))
    out = centre_by_language(vectors, ["ko", "ko", "en"], shrink=10)
    # one stated Korean text: 1/11 of itself removed, so its direction is kept
    assert out[0] @ vectors[0] == pytest.approx(1.0, abs=1e-6)
    assert not out[1].any()
    assert np.linalg.norm(out[2]) == pytest.approx(1.0, abs=1e-6)


def _arrays() -> ProfileArrays:
    """Query 0 (a technology request, KOR); candidates 1-3 (CHN): 1 and 2 technology offers,
    3 another request. Offer/need texts favour 2 slightly; the summaries favour 1."""
    d = 4
    e = np.eye(d, dtype=np.float32)
    offer = normalise_rows(np.array([e[3], e[0] + 0.5 * e[1], e[0] + 0.6 * e[1], e[0]]))
    need = normalise_rows(np.array([e[0] + 0.7 * e[1], e[3], e[3], e[3]]))
    summary = normalise_rows(np.array([e[2], e[2] + 0.1 * e[0], e[0], e[2]]))
    zero = np.zeros(4, dtype=np.uint64)
    return ProfileArrays(
        offer=offer, need=need, sectors=zero, keywords=zero,
        country=np.array([0, 1, 1, 1], dtype=np.int32), org=np.arange(4, dtype=np.int64),
        primary_sector=np.full(4, -1, dtype=np.int16),
        ptype=np.array([TR, TO, TO, TR], dtype=np.int8), summary=summary,
        has_need=np.array([True, False, False, True]))


def test_fusion_reranks_by_the_summaries_and_the_type_gate_holds() -> None:
    arrays = _arrays()
    rules = MatchWeights(summary=0.0, place=1.0, term=0.0, ranker=None)
    rows, scores = exact_top_k(arrays, 0, 3, rules)
    # rules alone: row 2's offer is nearer the query's need (both rows state no need, so
    # the pair is scored one-way on that direction)
    assert rows.tolist() == [2, 1]
    fused = replace(rules, summary=0.3)
    rows_f, scores_f = exact_top_k(arrays, 0, 3, fused)
    assert rows_f.tolist() == [1, 2]  # the summaries decide; row 3 (a request) never shows
    # the fused score is (1 - w) * rules + w * summary cosine, times the type fit (1.0)
    assert arrays.summary is not None
    cos1 = float(arrays.summary[1] @ arrays.summary[0])
    rule1 = float(exact_scores(arrays, 0, np.array([1]), rules)[0])
    assert scores_f[0] == pytest.approx(0.7 * rule1 + 0.3 * cos1, abs=1e-6)


def test_fusion_never_proposes_a_pair_the_rules_score_zero() -> None:
    arrays = _arrays()
    # row 1's offer made orthogonal to the query's need: rules 0, summaries still alike
    arrays.offer[1] = np.array([0, 0, 0, 1], dtype=np.float32)
    w = MatchWeights(summary=0.9, place=1.0, term=0.0, ranker=None)
    score = exact_scores(arrays, 0, np.array([1]), w)
    assert float(score[0]) == 0.0


def test_fast_path_matches_exact_with_fusion() -> None:
    rng = np.random.default_rng(3)
    n, d = 3000, 32
    vec = lambda: normalise_rows(rng.standard_normal((n, d)).astype(np.float32))  # noqa: E731
    zero = np.zeros(n, dtype=np.uint64)
    arrays = ProfileArrays(
        offer=vec(), need=vec(), sectors=zero, keywords=zero,
        country=rng.integers(0, 2, n).astype(np.int32), org=np.arange(n, dtype=np.int64),
        primary_sector=np.full(n, -1, dtype=np.int16),
        ptype=rng.integers(0, len(PROFILE_TYPES), n).astype(np.int8), summary=vec())
    w = MatchWeights(summary=0.3, ranker=None)
    index = ReciprocalIndex(arrays, dims=32, pool=300, weights=w)
    for q in (0, 7, 99):
        exact_rows, exact_s = exact_top_k(arrays, q, 10, w)
        fast_rows, fast_s = index.top_k(q, 10)
        assert fast_rows.tolist() == exact_rows.tolist()
        np.testing.assert_allclose(fast_s, exact_s, rtol=1e-5)


def _rows(ranks: list[int | None]) -> list[dict[str, object]]:
    return [{"query": f"q{i}", "rank": r, "lang_pair": "ko-zh", "distractor_above": False,
             "same_direction_above": False} for i, r in enumerate(ranks)]


def test_grouped_cv_chooses_on_the_other_folds_only() -> None:
    methods = fused_methods((0.0, 0.5))
    assert methods == ["rules", "raw/0.5", "centred/0.5"]
    plain = _rows([2, 2])
    tables = {
        # A and B prefer centred/0.5; C prefers the rules
        "A": {"rules": _rows([2, 1]), "raw/0.5": _rows([2, 1]), "centred/0.5": _rows([1, 1]),
              "plain": plain, "plain/centred": plain},
        "B": {"rules": _rows([3, 1]), "raw/0.5": _rows([1, 3]), "centred/0.5": _rows([1, 1]),
              "plain": plain, "plain/centred": plain},
        "C": {"rules": _rows([1, 1]), "raw/0.5": _rows([1, 2]), "centred/0.5": _rows([1, 2]),
              "plain": plain, "plain/centred": plain},
    }
    cv = grouped_cv(tables, methods)
    # B held out: on A + C the rules and centred/0.5 tie (MRR 0.875, recall@1 0.75): the
    # earlier candidate, the rules, is kept
    assert {f: cv["folds"][f]["chosen_on_the_others"] for f in "ABC"} == {
        "A": "centred/0.5", "B": "rules", "C": "centred/0.5"}
    assert cv["held_out_pooled"]["chosen"]["mrr"] == pytest.approx(
        (2 + 1 / 3 + 1 + 1.5) / 6, abs=1e-4)
    assert cv["held_out_pooled"]["rules"]["mrr"] == pytest.approx(
        (1.5 + 1 / 3 + 1 + 2) / 6, abs=1e-4)
    assert summarise(_rows([1, None]))["recall_at_5"] == 0.5


def test_match_explains_the_summary_part() -> None:
    """A one-summary registry I wrote: the dyehouse's partner is the waterless-dyeing offer,
    the summary similarity is shown, and with fusion off it is not."""
    import pandas as pd

    from kcbridge.partners.matching import Matchmaker
    from kcbridge.partners.registry import normalise_organisations, normalise_profiles

    orgs = normalise_organisations(pd.DataFrame([
        {"org_id": "o1", "name": "경북염색산업", "kind": "enterprise", "country": "KOR"},
        {"org_id": "o2", "name": "苏州无水染整科技有限公司", "kind": "enterprise",
         "country": "CHN"},
        {"org_id": "o3", "name": "绍兴膜法水处理有限公司", "kind": "enterprise", "country": "CHN"},
    ]), source="test")
    profiles = normalise_profiles(pd.DataFrame([
        {"profile_id": "p1", "org_id": "o1", "profile_type": "기술 도입", "language": "ko",
         "summary": "폴리에스터 원단 염색 공장입니다. 폐수 규제가 강화되어 물을 거의 쓰지 않는 "
                    "염색 공정을 도입하려 합니다."},
        {"profile_id": "p2", "org_id": "o2", "profile_type": "技术转让", "language": "zh",
         "summary": "超临界二氧化碳无水染色设备及工艺，涤纶面料染色不产生废水，可技术许可。"},
        {"profile_id": "p3", "org_id": "o3", "profile_type": "技术转让", "language": "zh",
         "summary": "印染废水膜处理回用工艺，回用率70%，提供技术服务。"},
    ]), orgs, source="test")
    fused = Matchmaker(profiles, orgs).match("p1", k=3)
    assert [m.partner_profile_id for m in fused] == ["p2", "p3"]
    first, second = fused[0].summary_similarity, fused[1].summary_similarity
    assert first is not None and second is not None and first > second
    rules = Matchmaker(profiles, orgs,
                       weights=MatchWeights(summary=0.0, ranker=None)).match("p1", k=3)
    assert rules[0].summary_similarity is None
