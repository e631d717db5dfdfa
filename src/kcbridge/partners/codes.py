"""Shared codes: the formulas, grades, standards, model names and acronyms two profiles
both name, weighed by how rare they are in the registry (issue 12, round 21).

Partnering profiles in three languages meet on such tokens more surely than on words: a
Korean need for "IrO2 애노드 촉매" and a Chinese offer of "IrO2阳极催化剂" share the formula
whatever the embedding makes of the rest, while a competitor offering "Pt/C 阴极催化剂"
shares the topic but not the code. The multilingual sentence embedding blurs exactly these
(on fresh14..21 the partner shared more rare codes with the query than the wrong first
candidate in 16 of 46 misses, fewer in 1).

A *code* is a Latin-script token of the NFKC text that holds a digit and a letter (IrO2, D50,
GB36600, Pt/C40) or is written with two capitals or more (PEM, SiC, CCM), matched
case-folded, and that is not a number with a unit (20g, 3kg, 100nm). A pair's evidence is

    S = sum over the codes both profiles hold of log(N / df)

(N profiles in the registry, df of them naming the code), and the feature
``codes = 1 - exp(-S / 4)`` in 0..1: one code that a tenth of the registry names adds 0.44,
a code only the two name (in a registry of 60) 0.64. The learned pair score
(:mod:`kcbridge.partners.learned`) reads it; the rules do not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import numpy as np

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-+/.]*[A-Za-z0-9]")
_WITH_UNIT = re.compile(r"\d+(?:[.,]\d+)?[a-zµ%]{1,3}")
#: S at which the feature reaches 1 - 1/e
SCALE = 4.0


def code_tokens(text: str) -> frozenset[str]:
    """The codes of ``text`` (see the module doc), case-folded."""
    out = set()
    for token in _TOKEN.findall(unicodedata.normalize("NFKC", str(text or ""))):
        low = token.casefold()
        if _WITH_UNIT.fullmatch(low):
            continue
        digit = any(c.isdigit() for c in token)
        letter = any(c.isalpha() for c in token)
        if (digit and letter) or sum(c.isupper() for c in token) >= 2:
            out.add(low)
    return frozenset(out)


class CodeIndex:
    """The codes of a registry's profiles: a sparse (profiles x codes) 0/1 matrix and each
    code's weight log(N / df)."""

    def __init__(self, texts: Iterable[str]) -> None:
        from scipy import sparse

        found = [code_tokens(t) for t in texts]
        vocabulary: dict[str, int] = {}
        rows, cols = [], []
        for i, codes in enumerate(found):
            for c in sorted(codes):
                rows.append(i)
                cols.append(vocabulary.setdefault(c, len(vocabulary)))
        n = len(found)
        self.matrix = sparse.csr_matrix(
            (np.ones(len(rows), np.float32), (rows, cols)), shape=(n, len(vocabulary)))
        df = np.asarray(self.matrix.sum(axis=0)).ravel()
        self.weight = (np.log(n / np.maximum(df, 1)) if n else np.zeros(0)).astype(np.float32)
        #: the codes in column order (a dict keeps its insertion order: column i is the
        #: i-th code seen)
        self.names = list(vocabulary)

    def __len__(self) -> int:
        return int(self.matrix.shape[0])

    def evidence(self, q: int, rows: np.ndarray | slice) -> np.ndarray:
        """S of profile ``q`` with each profile of ``rows`` (float32)."""
        query = self.matrix.getrow(q)
        if query.nnz == 0:
            n = len(range(len(self))[rows]) if isinstance(rows, slice) else len(rows)
            return np.zeros(n, np.float32)
        w = np.zeros(self.matrix.shape[1], np.float32)
        w[query.indices] = self.weight[query.indices]
        return np.asarray(self.matrix[rows] @ w, np.float32).ravel()

    def feature(self, q: int, rows: np.ndarray | slice) -> np.ndarray:
        """``1 - exp(-S / SCALE)`` of ``q`` with each profile of ``rows``."""
        return (1.0 - np.exp(-self.evidence(q, rows) / SCALE)).astype(np.float32)

    def shared(self, q: int, r: int) -> list[str]:
        """The codes ``q`` and ``r`` both name, rarest first (for an explanation)."""
        names = self.names
        both = set(self.matrix.getrow(q).indices) & set(self.matrix.getrow(r).indices)
        return [names[i] for i in sorted(both, key=lambda i: (-self.weight[i], names[i]))]

