"""The fast query encoder (kcbridge.docs.encoder_cache) gives the very vectors of the
ordinary loader (kcbridge.docs.models.embed), so searches rank exactly as before; its
kept copy is reused and a damaged one falls back to the ordinary loader."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from kcbridge.docs import demo, service
from kcbridge.docs.encoder_cache import embed_queries, encoder_digest, query_encoder
from kcbridge.docs.models import embed

#: written for this test: English, Korean, Chinese, mixed scripts, full-width forms, runs
#: of characters the vocabulary lacks (each is its own unknown piece), blanks, long text
TEXTS = [
    "battery", "Samsung SDI and CATL sign a battery recycling MOU",
    "반도체 협력 확대", "한중 배터리 공급망 협력 강화 방안", "中韩合作 电池", "中國商務部出口管制",
    "ＦＵＬＬ　ｗｉｄｔｈ ①② ｶﾀｶﾅ", "émigré naïve café", "🙂🙂 emoji", "𠀀𠀁𠀂 rare Han",
    "", "   ", "a\tb\nc  d", "hydrogen " * 400,
]


def test_identical_vectors_to_the_ordinary_encoder(tmp_path: Path) -> None:
    fast = embed_queries(TEXTS, tmp_path)
    ordinary = embed(TEXTS)
    assert fast.shape == (len(TEXTS), 512) and fast.dtype == np.float32
    assert np.array_equal(fast, ordinary)  # bit for bit, batch
    for text in TEXTS:  # and one query at a time, as a search embeds it
        assert np.array_equal(embed_queries([text], tmp_path), embed([text]))
    assert (tmp_path / encoder_digest() / "complete").is_file()  # the copy was kept


def test_kept_copy_is_reused_and_a_damaged_one_falls_back(tmp_path: Path,
                                                          caplog: pytest.LogCaptureFixture
                                                          ) -> None:
    first = query_encoder(tmp_path)
    assert query_encoder(tmp_path) is first  # once per process
    # another process (a new cache dict) with a damaged copy: the ordinary encoder answers
    copy = tmp_path / "other"
    shutil.copytree(tmp_path / encoder_digest(), copy / encoder_digest())
    (copy / encoder_digest() / "tokenizer.pickle").write_bytes(b"not a pickle")
    vectors = embed_queries(["배터리"], copy)
    assert np.array_equal(vectors, embed(["배터리"]))
    assert "Fast sentence encoder unavailable" in caplog.text
    assert not (copy / encoder_digest()).exists()  # removed: the next search builds it anew
    assert np.array_equal(embed_queries(["배터리"], copy), vectors)
    assert (copy / encoder_digest() / "complete").is_file()


def test_no_cache_folder_uses_the_ordinary_encoder() -> None:
    from kcbridge.docs.models import _sentence_encoder

    assert query_encoder(None) is _sentence_encoder()


def test_service_demo_source_is_the_demo_corpus_source() -> None:
    """docs.service names the demo source without importing the demo corpus."""
    assert service.DEMO_SOURCE == demo.DEMO_SOURCE
