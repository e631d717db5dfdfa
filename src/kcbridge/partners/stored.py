"""What matchmaking derives once and keeps in the store's derived results
(:mod:`kcbridge.store.derived`), so a new ``kcbridge partners match`` process neither
loads the sentence encoder nor recomputes trade complementarity when nothing changed.

- :class:`StoredEncoder`: the offer/need vectors of a list of texts, keyed by a digest of
  the texts themselves under the encoder's name as version: an edited profile changes
  the digest, and the encoder is loaded only on a miss.
- :class:`StoredComplementarity`: the per-sector complementarity of a country pair, keyed
  by the pair under :meth:`Store.flows_version` of the annual flows (a load recomputes
  it; matching, exposure or an alert's status do not).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from kcbridge.partners.complement import ComplementarityCache, SectorComplementarity
from kcbridge.store.derived import DerivedResults


class StoredEncoder:
    """``encode(texts)`` through the store's derived results; ``make`` builds the real
    encoder (e.g. :func:`~kcbridge.partners.embeddings.default_encoder`) on a miss."""

    def __init__(self, store: Any, make: Callable[[], Any], name: str = "use-m3") -> None:
        self._cache = DerivedResults.for_store(store)
        self._make = make
        self.name = name
        self._encoder: Any = None

    @property
    def encoder(self) -> Any:
        if self._encoder is None:
            self._encoder = self._make()
        return self._encoder

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = [str(t or "").strip() for t in texts]
        digest = hashlib.sha1("\x1f".join(texts).encode("utf-8")).hexdigest()
        # the texts' digest is the key (offers and needs are two keys kept side by side)
        key = {"texts": digest, "count": len(texts)}
        found = self._cache.get("partner_vectors", key, self.name)
        if found is not None and len(found) == len(texts) and len(texts):
            return np.stack(list(found["vector"])).astype(np.float32)
        vectors = np.asarray(self.encoder.encode(texts), dtype=np.float32)
        self._cache.put("partner_vectors", key, self.name,
                        pd.DataFrame({"vector": list(vectors)}))
        return vectors


class StoredComplementarity(ComplementarityCache):
    """:class:`ComplementarityCache` whose per-pair figures are kept in the store."""

    def _compute(self, a: str, b: str) -> dict[str, SectorComplementarity]:
        store = self.platform.store
        try:
            version = store.flows_version("trade_annual")
        except Exception:  # noqa: BLE001 - no flows table: nothing to keep
            return super()._compute(a, b)
        cache = DerivedResults.for_store(store)
        found = cache.get("partner_complementarity", {"a": a, "b": b}, version)
        if found is not None:
            return {str(r["sector"]): SectorComplementarity(
                str(r["sector"]), a, b, float(r["value"]),
                None if pd.isna(r["year"]) else int(r["year"]), str(r["verdict"]))
                for r in found.to_dict("records")}
        out = super()._compute(a, b)
        frame = pd.DataFrame(
            [{"sector": c.sector, "value": c.value, "year": c.year, "verdict": c.verdict}
             for c in out.values()], columns=["sector", "value", "year", "verdict"])
        frame["year"] = frame["year"].astype("Int64")
        cache.put("partner_complementarity", {"a": a, "b": b}, version, frame)
        return out
