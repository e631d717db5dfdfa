"""Exact and near-duplicate detection.

* Exact: SHA-256 of the text with case, white space and punctuation removed
  (:func:`content_hash`).
* Near: MinHash over character 5-shingles of that same normalised text (works for
  English, Korean and Chinese alike), ``NUM_PERM`` hash functions; the estimated Jaccard
  similarity is the share of equal signature entries. Two documents are near duplicates
  when it reaches ``NEAR_DUPLICATE`` (0.6): a re-published story with a changed headline,
  a dateline or a few sentences edited.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np

NUM_PERM = 64
SHINGLE = 5
NEAR_DUPLICATE = 0.6
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20240601)
_A = _rng.integers(1, _PRIME, NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, NUM_PERM, dtype=np.uint64)
_NOISE = re.compile(r"[\W_]+", re.UNICODE)


def dedup_text(text: str) -> str:
    return _NOISE.sub("", text.casefold())


def content_hash(text: str) -> str:
    return hashlib.sha256(dedup_text(text).encode("utf-8")).hexdigest()


def minhash(text: str) -> np.ndarray:
    """MinHash signature (``NUM_PERM`` uint32 values) of ``text``."""
    norm = dedup_text(text)
    if len(norm) < SHINGLE:
        norm = norm.ljust(SHINGLE, "_")
    shingles = {norm[i:i + SHINGLE] for i in range(len(norm) - SHINGLE + 1)}
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.uint64,
                         count=len(shingles))
    # (a * x + b) mod 2^32 per permutation: cheap universal hashing in uint64 arithmetic
    mixed = (hashes[None, :] * (_A[:, None] & 0xFFFFFFFF) + _B[:, None]) & 0xFFFFFFFF
    return mixed.min(axis=1).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(np.asarray(a) == np.asarray(b)))


def nearest_duplicate(
    signature: np.ndarray, others: np.ndarray, ids: list[str]
) -> tuple[str, float] | None:
    """The most similar of ``others`` (rows of signatures, ids alongside) when its
    estimated Jaccard similarity reaches ``NEAR_DUPLICATE``."""
    if len(ids) == 0:
        return None
    scores = (np.asarray(others) == np.asarray(signature)[None, :]).mean(axis=1)
    i = int(np.argmax(scores))
    return (ids[i], float(scores[i])) if scores[i] >= NEAR_DUPLICATE else None


class SignatureIndex:
    """Known MinHash signatures with their document ids, in a growing array (amortised
    O(1) appends), for :func:`nearest_duplicate` during bulk ingestion."""

    def __init__(self, num_perm: int = NUM_PERM) -> None:
        self.ids: list[str] = []
        self._rows = np.zeros((64, num_perm), dtype=np.int64)

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, doc_id: str, signature: np.ndarray) -> None:
        if len(self.ids) == len(self._rows):
            self._rows = np.vstack([self._rows, np.zeros_like(self._rows)])
        self._rows[len(self.ids)] = signature
        self.ids.append(doc_id)

    def nearest(self, signature: np.ndarray) -> tuple[str, float] | None:
        return nearest_duplicate(signature, self._rows[:len(self.ids)], self.ids)

