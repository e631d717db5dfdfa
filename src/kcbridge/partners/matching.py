"""Reciprocal matchmaking over registry frames: build the arrays, match, explain.

``Matchmaker(profiles, organisations)`` embeds every profile's offer and need once
(multilingual sentence encoder), builds the arrays of :mod:`kcbridge.partners.index`
and answers ``match(profile_id, k)`` with ``Match`` objects that explain themselves in
both directions: what A offers B (A's offer, B's need, their similarity), what B offers
A, the shared sectors and keywords, and the complementarity figure when a hook gives one.

Complementarity hook: ``complementarity(sector_id, country_a, country_b) -> float | None``
(0..1, e.g. the trade complementarity index of the sector between the two countries,
rescaled); issue 3's TradeService provides it when the store holds trade data.

Exposure cap: ``match(..., shown_counts=..., exposure_cap=n)`` leaves out profiles that
were already shown ``n`` times, so popular profiles are not shown to everyone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from kcbridge.errors import NotFoundError
from kcbridge.partners.embeddings import SentenceEncoder, default_encoder
from kcbridge.partners.index import (
    MatchWeights,
    ProfileArrays,
    ReciprocalIndex,
    exact_top_k,
    keyword_signature,
    sector_mask,
)

Complementarity = Callable[[str, str, str], float | None]


@dataclass
class Match:
    """One proposed partner for a profile, with its explanation in both directions."""

    profile_id: str
    partner_profile_id: str
    partner_org_id: str
    partner_name: str
    partner_country: str
    score: float
    a_offers_b: dict[str, Any] = field(default_factory=dict)
    b_offers_a: dict[str, Any] = field(default_factory=dict)
    shared_sectors: list[str] = field(default_factory=list)
    shared_keywords: list[str] = field(default_factory=list)
    complementarity: float | None = None
    complementarity_sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _is_active(expiry: Any, today: date) -> bool:
    text = "" if expiry is None or (isinstance(expiry, float) and pd.isna(expiry)) else str(expiry)
    if not text:
        return True
    try:
        return date.fromisoformat(text[:10]) >= today
    except ValueError:
        return True


class Matchmaker:
    """Reciprocal matching over a registry (profiles frame + organisations frame)."""

    def __init__(
        self,
        profiles: pd.DataFrame,
        organisations: pd.DataFrame,
        encoder: SentenceEncoder | None = None,
        weights: MatchWeights = MatchWeights(),
        sector_order: list[str] | None = None,
        today: date | None = None,
        fast_threshold: int = 20000,
    ) -> None:
        from kcbridge.reference.sectors import sector_ids

        self.weights = weights
        self.sector_order = sector_order or sector_ids()
        self.profiles = profiles.reset_index(drop=True)
        self.orgs = organisations.set_index("org_id", drop=False)
        missing = set(self.profiles["org_id"]) - set(self.orgs.index)
        if missing:
            raise NotFoundError(
                f"Profiles refer to unknown organisations: {sorted(missing)[:5]}.",
                hint="Import the organisations before (or with) their profiles.",
            )
        self.encoder = encoder or default_encoder()
        self.row_of = {pid: i for i, pid in enumerate(self.profiles["profile_id"])}
        countries = [str(self.orgs.at[o, "country"]) for o in self.profiles["org_id"]]
        self.country_codes = sorted(set(countries))
        code = {c: i for i, c in enumerate(self.country_codes)}
        org_code = {o: i for i, o in enumerate(self.orgs.index)}
        sectors = [list(s or []) for s in self.profiles["sectors"]]
        primary = [self.sector_order.index(s[0]) if s and s[0] in self.sector_order else -1
                   for s in sectors]
        self.arrays = ProfileArrays(
            offer=self.encoder.encode(list(self.profiles["offer"])),
            need=self.encoder.encode(list(self.profiles["need"])),
            sectors=np.array([sector_mask(s, self.sector_order) for s in sectors],
                             dtype=np.uint64),
            keywords=np.array([keyword_signature(k or []) for k in self.profiles["keywords"]],
                              dtype=np.uint64),
            country=np.array([code[c] for c in countries], dtype=np.int32),
            org=np.array([org_code[o] for o in self.profiles["org_id"]], dtype=np.int64),
            primary_sector=np.array(primary, dtype=np.int16),
        )
        today = today or date.today()
        self.active = np.array([_is_active(e, today) for e in self.profiles["expiry"]], dtype=bool)
        self.index = (
            ReciprocalIndex(self.arrays, weights=weights)
            if len(self.profiles) >= fast_threshold else None
        )

    def _comp_table(self, q: int, hook: Complementarity | None) -> np.ndarray | None:
        if hook is None:
            return None
        home = self.country_codes[int(self.arrays.country[q])]
        table = np.full((len(self.sector_order), len(self.country_codes)), np.nan, np.float32)
        used = set(int(s) for s in np.unique(self.arrays.primary_sector) if s >= 0)
        for si, sector in enumerate(self.sector_order):
            if si not in used:
                continue
            for ci, other in enumerate(self.country_codes):
                value = hook(sector, home, other)
                if value is not None:
                    table[si, ci] = float(np.clip(value, 0.0, 1.0))
        return table

    def match(
        self,
        profile_id: str,
        k: int = 10,
        cross_border: bool = True,
        complementarity: Complementarity | None = None,
        shown_counts: Mapping[str, int] | None = None,
        exposure_cap: int | None = None,
    ) -> list[Match]:
        """The best ``k`` reciprocal partners of ``profile_id``, explained."""
        if profile_id not in self.row_of:
            raise NotFoundError(
                f"No profile {profile_id!r} in the registry.",
                hint="List profiles with `kcbridge partners profiles`.",
            )
        q = self.row_of[profile_id]
        allowed = self.active.copy()
        if exposure_cap is not None and shown_counts:
            over = [self.row_of[p] for p, n in shown_counts.items()
                    if n >= exposure_cap and p in self.row_of]
            allowed[over] = False
        comp = self._comp_table(q, complementarity)
        if self.index is not None:
            rows, scores = self.index.top_k(q, k, allowed, cross_border, comp)
        else:
            rows, scores = exact_top_k(self.arrays, q, k, self.weights, allowed, cross_border,
                                       comp)
        return [self.explain(q, int(r), float(s), comp) for r, s in zip(rows, scores, strict=False)]

    def explain(self, q: int, r: int, score: float, comp: np.ndarray | None) -> Match:
        a, b = self.profiles.iloc[q], self.profiles.iloc[r]
        org_b = self.orgs.loc[b["org_id"]]
        text_ab = float(self.arrays.offer[q] @ self.arrays.need[r])
        text_ba = float(self.arrays.offer[r] @ self.arrays.need[q])
        kw_a = {str(x).casefold(): str(x) for x in a["keywords"] or []}
        kw_b = {str(x).casefold() for x in b["keywords"] or []}
        comp_value, comp_sector = None, None
        if comp is not None and self.arrays.primary_sector[r] >= 0:
            value = comp[self.arrays.primary_sector[r], self.arrays.country[r]]
            if not np.isnan(value):
                comp_value = round(float(value), 3)
                comp_sector = self.sector_order[int(self.arrays.primary_sector[r])]
        return Match(
            profile_id=str(a["profile_id"]),
            partner_profile_id=str(b["profile_id"]),
            partner_org_id=str(b["org_id"]),
            partner_name=str(org_b["name"]),
            partner_country=str(org_b["country"]),
            score=round(score, 4),
            a_offers_b={"offer": a["offer"], "meets_need": b["need"],
                        "similarity": round(text_ab, 3)},
            b_offers_a={"offer": b["offer"], "meets_need": a["need"],
                        "similarity": round(text_ba, 3)},
            shared_sectors=[s for s in (a["sectors"] or []) if s in set(b["sectors"] or [])],
            shared_keywords=sorted(v for k, v in kw_a.items() if k in kw_b),
            complementarity=comp_value,
            complementarity_sector=comp_sector,
        )
