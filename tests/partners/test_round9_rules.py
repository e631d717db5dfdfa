"""Round 9's two general options for the fused score (issue 12), each on text written for
the test: the summary without company background (``core_summary``) and the lexical bridge
(glossary concepts and rare Latin-script tokens shared by two summaries). Both lost the
leave-one-set-out cross-validation (README, docs/history/partners_cv9.json), so they
are off by default; these tests pin what each does when switched on."""

from __future__ import annotations

import zlib
from dataclasses import replace

import numpy as np
import pytest

from kcbridge.partners.index import (
    MatchWeights,
    ProfileArrays,
    bridge_share,
    sentence_similarity,
)
from kcbridge.partners.offer_need import core_summary, summary_sentences
from kcbridge.partners.terms import bridge_signatures, latin_tokens


def test_core_summary_drops_background_clauses_and_keeps_the_offer() -> None:
    en = ("Established in 1987, the firm has 250 employees. It makes ceramic filters for "
          "foundries. Price negotiable.")
    assert core_summary(en) == "It makes ceramic filters for foundries."
    zh = "公司成立于2015年，专注陶瓷过滤器生产。产品用于铸造厂。转让价格面议。"
    assert core_summary(zh) == "专注陶瓷过滤器生产。 产品用于铸造厂。"
    ko = "2001년 설립된 회사입니다. 주물용 세라믹 필터를 만듭니다."
    assert core_summary(ko) == "주물용 세라믹 필터를 만듭니다."
    # nothing but background: the text is kept rather than emptied
    assert core_summary("Founded in 2001.") == "Founded in 2001."
    # thousands separators are not clause breaks
    assert "12,000" in core_summary("Founded in 2001, we ship 12,000 filters a year.")


def test_latin_tokens_keep_codes_and_drop_units_and_stop_words() -> None:
    tokens = latin_tokens("MLCC용 BaTiO3 파우더, D50 100nm 이하, ISO 9001 and OEM")
    assert tokens == frozenset({"mlcc", "batio3", "100nm"})


def test_bridge_counts_only_tokens_rare_in_the_registry() -> None:
    texts = ["MLCC용 BaTiO3 파우더를 찾습니다.", "钛酸钡粉体，用于MLCC。",
             "GMP plant", "GMP line", "GMP filling", "GMP packing"]
    sigs = bridge_signatures(texts, min_count=3)
    assert sigs[0] & sigs[1]  # "mlcc" is in two texts: it bridges
    # "gmp" is in four of six (> 3): it bridges nothing; "plant", "line" ... are their own
    gmp = 1 << (zlib.crc32(b"tok:gmp") % 64)
    assert all(sig and not sig & gmp for sig in sigs[2:])


def _arrays(bridge: list[int]) -> ProfileArrays:
    n = len(bridge)
    unit = np.tile(np.eye(1, 4, dtype=np.float32), (n, 1))
    return ProfileArrays(offer=unit, need=unit, sectors=np.zeros(n, dtype=np.uint64),
                         keywords=np.zeros(n, dtype=np.uint64),
                         country=np.arange(n, dtype=np.int32), org=np.arange(n),
                         primary_sector=np.full(n, -1, dtype=np.int16),
                         bridge=np.array(bridge, dtype=np.uint64))


def test_bridge_share_is_shared_bits_over_one_plus_geometric_mean() -> None:
    arrays = _arrays([0b0011, 0b0001, 0b0111, 0b1000])
    on = replace(MatchWeights(), bridge=0.2)
    share = bridge_share(arrays, 0, np.arange(4), on)
    assert share is not None
    assert share == pytest.approx([2 / (2 + 1), 1 / (np.sqrt(2) + 1),
                                   2 / (np.sqrt(6) + 1), 0.0], abs=1e-6)
    assert bridge_share(arrays, 0, np.arange(4), MatchWeights()) is None  # off by default


@pytest.mark.parametrize(("label", "meant"), [
    # fresh3's labels the importer refused in round 8 ...
    ("Sourcing inquiry", "business_request"),
    ("Publishing partner wanted", "business_request"),
    ("물류 파트너 구함", "business_request"),
    ("원료 공급처 구함", "business_request"),
    ("대리점 모집", "business_offer"),  # a firm recruiting dealers sells
    # ... and the same words in the other languages
    ("寻源询价", "business_request"),
    ("物流合作需求", "business_request"),
    ("Logistics partner wanted", "business_request"),
    ("판매 대리점 모집", "business_offer"),
])
def test_labels_read_from_their_words(label: str, meant: str) -> None:
    from kcbridge.partners.profile_types import canonical_profile_type

    assert canonical_profile_type(label) == meant


def test_a_label_that_names_no_family_is_still_refused() -> None:
    from kcbridge.errors import InputError
    from kcbridge.partners.profile_types import canonical_profile_type

    with pytest.raises(InputError, match="technology_offer"):
        canonical_profile_type("해외 파트너 모집")


def test_sentence_similarity_is_the_best_pair_of_sentences() -> None:
    arrays = _arrays([0, 0, 0])
    e = np.eye(4, dtype=np.float32)
    # profile 0 owns sentences e0, e1; profile 1 owns e2 and (e1 + e3)/sqrt2; profile 2 e3
    arrays.sentences = np.vstack([e[0], e[1], e[2], (e[1] + e[3]) / np.sqrt(2), e[3]])
    arrays.sentence_start = np.array([0, 2, 4, 5])
    on = replace(MatchWeights(), sentence=0.2)
    sims = sentence_similarity(arrays, 0, np.arange(3), on)
    assert sims == pytest.approx([1.0, 1 / np.sqrt(2), 0.0], abs=1e-6)
    picked = sentence_similarity(arrays, 0, np.array([2, 1]), on)
    assert picked == pytest.approx([0.0, 1 / np.sqrt(2)], abs=1e-6)
    assert sentence_similarity(arrays, 0, np.arange(3), MatchWeights()) is None


def test_summary_sentences_leave_out_the_cooperation_fields() -> None:
    text = "TOKR20260101001 | We make filters. IPR status: patent granted. Price on request."
    assert summary_sentences(text) == ["We make filters.", "Price on request."]
