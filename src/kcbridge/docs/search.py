"""Search over documents and statements: full text (BM25) and semantic (cosine of the
multilingual embeddings), combined.

Conventions
-----------
* Tokens: Latin words and numbers are lower-cased words; Hangul and Han runs become
  character bigrams (single characters when the run has one), Chinese after conversion to
  simplified, so "半導體" finds "半导体" and "반도체" finds "반도체는".
* BM25 with k1 = 1.2, b = 0.75; scores are divided by the best score of the query so
  they lie in [0, 1]. With an ``index`` (:mod:`kcbridge.docs.search_index`: built once
  per version of the stored texts), IDF and the mean length come from every indexed text,
  not only the rows of ``frame`` (a filter does not change a term's weight); without one,
  ``frame``'s texts are tokenised for this query.
* ``mode``: ``text`` (BM25 only), ``semantic`` (cosine only), ``hybrid`` (default:
  0.5 * text + 0.5 * cosine). Cosines below ``SEMANTIC_FLOOR`` (0.15: unrelated texts
  score about 0-0.1 with this encoder) count as 0, so that a hybrid search does not list
  every stored document; rows with a zero combined score are dropped.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from kcbridge.docs.text import to_simplified
from kcbridge.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from kcbridge.docs.search_index import SearchIndex

_TOKEN = re.compile(r"[a-z0-9]+(?:[.'’-][a-z0-9]+)*|[\uac00-\ud7a3]+|[\u4e00-\u9fff]+")
MODES = ("hybrid", "text", "semantic")
SEMANTIC_FLOOR = 0.15


def tokens(text: str) -> list[str]:
    out: list[str] = []
    for run in _TOKEN.findall(to_simplified(text).lower()):
        if run[0].isascii():
            out.append(run)
        elif len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out


def bm25(query: str, texts: list[str], k1: float = 1.2, b: float = 0.75) -> np.ndarray:
    """BM25 score of each text for ``query`` (normalised to the best score)."""
    q = list(dict.fromkeys(tokens(query)))
    if not q or not texts:
        return np.zeros(len(texts))
    docs = [Counter(tokens(t)) for t in texts]
    lengths = np.array([sum(d.values()) for d in docs], dtype=float)
    avg = lengths.mean() if len(lengths) and lengths.mean() > 0 else 1.0
    n = len(docs)
    scores = np.zeros(n)
    for term in q:
        df = sum(1 for d in docs if term in d)
        if df == 0:
            continue
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        tf = np.array([d.get(term, 0) for d in docs], dtype=float)
        scores += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths / avg))
    top = scores.max()
    return scores / top if top > 0 else scores


@dataclass(frozen=True)
class Ranked:
    """One ranked row: its position in the input, the combined score and its two parts
    (rounded to 4 places)."""

    position: int
    score: float
    text_score: float
    semantic_score: float


def ranked_positions(
    query: str,
    *,
    count: int,
    texts: Callable[[], list[str]],
    ids: Sequence[str] | None = None,
    embeddings: Sequence[object] | None = None,
    query_vector: np.ndarray | None = None,
    mode: str = "hybrid",
    limit: int = 20,
    index: SearchIndex | None = None,
) -> list[Ranked]:
    """The best ``limit`` of ``count`` rows for ``query``, best first (ties in input
    order), rows with a zero combined score left out. ``texts()`` gives the rows' texts
    (called only for BM25 without an ``index``); with ``index`` the text scores come
    from it by ``ids``; ``embeddings``: each row's vector or None. NumPy only: a search
    needs no pandas (:func:`rank` is the same over a DataFrame)."""
    if mode not in MODES:
        raise InputError(f"Unknown search mode {mode!r}.", hint=f"Use one of {', '.join(MODES)}.")
    if not query.strip():
        raise InputError("The search query is empty.", hint="Give some words to search for.")
    if count == 0:
        return []
    if mode == "semantic":
        text_scores = np.zeros(count)
    elif index is not None and ids is not None:
        text_scores = index.scores(query, [str(i) for i in ids])
    else:
        text_scores = bm25(query, texts())
    semantic = np.zeros(count)
    if mode != "text" and query_vector is not None and embeddings is not None:
        semantic = np.array([
            float(np.asarray(v, dtype=np.float32) @ query_vector)
            if v is not None and len(v) else 0.0  # type: ignore[arg-type]
            for v in embeddings])
    semantic = np.where(semantic >= SEMANTIC_FLOOR, np.clip(semantic, 0.0, 1.0), 0.0)
    if mode == "text":
        combined = text_scores
    elif mode == "semantic":
        combined = semantic
    else:
        combined = 0.5 * text_scores + 0.5 * semantic
    score, text_part, semantic_part = (np.round(a, 4) for a in (combined, text_scores,
                                                                  semantic))
    order = [int(i) for i in np.argsort(-score, kind="stable") if score[i] > 0][:limit]
    return [Ranked(i, float(score[i]), float(text_part[i]), float(semantic_part[i]))
            for i in order]


def rank(
    frame: pd.DataFrame,
    query: str,
    *,
    text_column: str,
    query_vector: np.ndarray | None = None,
    mode: str = "hybrid",
    limit: int = 20,
    index: SearchIndex | None = None,
    id_column: str | None = None,
) -> pd.DataFrame:
    """``frame`` (with ``text_column`` and an ``embedding`` column) ranked for ``query``
    (:func:`ranked_positions`); adds ``score``, ``text_score`` and ``semantic_score``
    columns. With ``index`` the text scores come from it, rows matched by ``id_column``."""
    import pandas as pd

    ranked = ranked_positions(
        query, count=len(frame), texts=lambda: frame[text_column].fillna("").tolist(),
        ids=(frame[id_column].astype(str).tolist()
             if index is not None and id_column is not None else None),
        embeddings=list(frame["embedding"]) if "embedding" in frame else None,
        query_vector=query_vector, mode=mode, limit=limit,
        index=index if id_column is not None else None)
    out = frame.iloc[[r.position for r in ranked]].copy()
    for col in ("text_score", "semantic_score", "score"):
        out[col] = pd.Series([getattr(r, col) for r in ranked], index=out.index, dtype=float)
    return out.reset_index(drop=True)
