"""Reciprocal matchmaking over the registry (frames or records): build the arrays, match,
explain.

``Matchmaker(profiles, organisations)`` embeds every profile's offer and need once
(multilingual sentence encoder), builds the arrays of :mod:`kcbridge.partners.index`
and answers ``match(profile_id, k)`` with ``Match`` objects that explain themselves in
both directions: what A offers B (A's offer, B's need, their similarity), what B offers
A, the shared sectors and keywords, and the complementarity figure when a hook gives one.

Complementarity hook: ``complementarity(sector_id, country_a, country_b) -> float | None``
(0..1, e.g. the trade complementarity index of the sector between the two countries,
rescaled); issue 3's TradeService provides it when the store holds trade data.

Profile types gate partners (:mod:`kcbridge.partners.profile_types`): two profiles of
the same family and direction are never partners; ``peers(profile_id)`` lists them as
possible consortium members or competitors. A type read from label words can be let
through more softly (``MatchWeights.words_gate``, off); such a match says so (``type_note``).

The score fuses the reciprocal offer/need score with the cosine of the two whole summaries
(``MatchWeights.summary``, :mod:`kcbridge.partners.index`); ``summary_similarity`` shows
that part. With ``MatchWeights.preference`` or ``match(..., preference=1.0)`` (off by
default; the one-to-one view of ``partners match --one-to-one``) each candidate's score is
also multiplied by its reciprocal preference (:mod:`kcbridge.partners.preference`): how its
score with the query compares with its best score with anyone else (``preference_factor``,
``preference_note``).

Explanations say where each text came from (``offer_from`` / ``need_from``: given in the
registry, or split from the summary by which cue), print every text once, and say "not
stated" instead of inventing a need.

Exposure (fairness): ``match(..., exposure=..., exposure_cap=n)`` takes, per profile, how
many distinct organisations were shown it recently (the service counts views at the top
ranks within a time window, before today). A profile at or over the cap is re-ranked
(score times ``1 - fairness_penalty``), never removed, and not even re-ranked when its
score stands clearly above the rest (by ``fairness_margin``): the best partner stays
visible. Counts come from earlier days only, so the results of one day do not depend on the
order in which organisations are matched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from kcbridge.errors import NotFoundError
from kcbridge.partners.codes import CodeIndex
from kcbridge.partners.embeddings import (
    SentenceEncoder,
    centre_by_language,
    default_encoder,
    script_language,
)
from kcbridge.partners.fast_index import ReciprocalIndex
from kcbridge.partners.index import (
    MatchWeights,
    ProfileArrays,
    exact_scores,
    exact_top_k,
    keyword_signature,
    peer_top_k,
    sector_mask,
    type_fit,
)
from kcbridge.partners.offer_need import core_summary, split_offer_need, summary_sentences
from kcbridge.partners.preference import EXTRA, preference_factor, preference_note
from kcbridge.partners.profile_types import PROFILE_TYPES
from kcbridge.partners.terms import bridge_signatures, concept_signature

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

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
    relation: str = "partner"
    type_fit: float | None = None
    raw_score: float | None = None
    exposure_note: str = ""
    #: cosine of the two whole summaries (centred by language), the part fused into the
    #: score with weight ``MatchWeights.summary``; None when fusion is off
    summary_similarity: float | None = None
    #: set when a profile type read from label words was let through the type gate
    #: (``MatchWeights.words_gate``): which label, and that the pair is the same type as read
    type_note: str = ""
    #: the reciprocal preference factor (:mod:`kcbridge.partners.preference`) the score
    #: includes, 1.0 when the partner has no better option; None when it is off
    preference_factor: float | None = None
    #: set when the factor is below 1: the partner's best other match and both scores
    preference_note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _is_active(expiry: Any, today: date) -> bool:
    text = "" if expiry is None or (isinstance(expiry, float) and expiry != expiry) else str(expiry)
    if not text:
        return True
    try:
        return date.fromisoformat(text[:10]) >= today
    except ValueError:
        return True


def _as_records(table: Any) -> tuple[list[dict[str, Any]], list[str], pd.DataFrame | None]:
    """(records, columns, the frame itself or None) of a frame or of a list of records."""
    if isinstance(table, list):
        columns = list(dict.fromkeys(c for r in table for c in r))
        return table, columns, None
    frame = table.reset_index(drop=True)
    return frame.to_dict("records"), [str(c) for c in frame.columns], frame


class Matchmaker:
    """Reciprocal matching over a registry: the profiles and the organisations, each a
    frame or a list of records (dicts with the frame's columns, as a first-time
    ``partners match`` reads them in plain SQL without pandas). The matcher works on
    records; ``profiles`` and ``orgs`` give them as frames for the callers that want
    frames (made on first use when records were given)."""

    def __init__(
        self,
        profiles: pd.DataFrame | list[dict[str, Any]],
        organisations: pd.DataFrame | list[dict[str, Any]],
        encoder: SentenceEncoder | None = None,
        weights: MatchWeights = MatchWeights(),
        sector_order: list[str] | None = None,
        today: date | None = None,
        fast_threshold: int = 20000,
        signatures: Callable[[list[str]], list[int]] | None = None,
    ) -> None:
        from kcbridge.reference.sectors import sector_ids

        self.weights = weights
        self.sector_order = sector_order or sector_ids()
        self.profile_rows, self._profile_columns, self._profiles = _as_records(profiles)
        org_rows, self._org_columns, org_frame = _as_records(organisations)
        self._org_list = org_rows
        self._orgs = None if org_frame is None else org_frame.set_index("org_id", drop=False)
        #: organisation records by org_id (the last row of an id, as a lookup by index)
        self.org_by_id: dict[Any, dict[str, Any]] = {o["org_id"]: o for o in org_rows}
        owners = [p["org_id"] for p in self.profile_rows]
        missing = set(owners) - set(self.org_by_id)
        if missing:
            raise NotFoundError(
                f"Profiles refer to unknown organisations: {sorted(missing)[:5]}.",
                hint="Import the organisations before (or with) their profiles.",
            )
        self.encoder = encoder or default_encoder()
        self.profile_ids = [p["profile_id"] for p in self.profile_rows]
        self.row_of = {pid: i for i, pid in enumerate(self.profile_ids)}
        countries = [str(self.org_by_id[o]["country"]) for o in owners]
        self.country_codes = sorted(set(countries))
        code = {c: i for i, c in enumerate(self.country_codes)}
        org_code = {o["org_id"]: i for i, o in enumerate(org_rows)}
        sectors = [list(p["sectors"] or []) for p in self.profile_rows]
        primary = [self.sector_order.index(s[0]) if s and s[0] in self.sector_order else -1
                   for s in sectors]
        # concept signatures of the texts (``signatures``: the same, kept between processes)
        signed = signatures or (lambda texts: [concept_signature(t) for t in texts])
        offers = [str(p["offer"] or "").strip() for p in self.profile_rows]
        needs = [str(p["need"] or "").strip() for p in self.profile_rows]
        texts = self._summary_texts(offers, needs)
        summary_vectors = plain_vectors = None
        if weights.plain_summary:
            plain_vectors = self.encoder.encode(texts)
        if weights.summary or weights.ranker is not None:
            embedded = [core_summary(t) for t in texts] if weights.summary_core else texts
            summary_vectors = (plain_vectors if plain_vectors is not None
                               and not weights.summary_core else self.encoder.encode(embedded))
            if weights.summary_centring:
                summary_vectors = centre_by_language(
                    summary_vectors, [script_language(t) for t in texts])
        self.arrays = ProfileArrays(
            offer=self.encoder.encode(offers),
            need=self.encoder.encode(needs),
            sectors=np.array([sector_mask(s, self.sector_order) for s in sectors],
                             dtype=np.uint64),
            keywords=np.array([keyword_signature(p["keywords"] or [])
                               for p in self.profile_rows], dtype=np.uint64),
            country=np.array([code[c] for c in countries], dtype=np.int32),
            org=np.array([org_code[o] for o in owners], dtype=np.int64),
            primary_sector=np.array(primary, dtype=np.int16),
            ptype=np.array([PROFILE_TYPES.index(p["profile_type"])
                            if p["profile_type"] in PROFILE_TYPES else -1
                            for p in self.profile_rows], dtype=np.int8),
            type_from_words=np.array([bool(p.get("profile_type_words"))
                                      for p in self.profile_rows], dtype=bool),
            has_offer=np.array([bool(t) for t in offers], dtype=bool),
            has_need=np.array([bool(t) for t in needs], dtype=bool),
            offer_terms=np.array(signed(offers), dtype=np.uint64),
            need_terms=np.array(signed(needs), dtype=np.uint64),
            need_places=self._need_places(needs, countries),
            summary=summary_vectors,
            plain=plain_vectors,
            bridge=(np.array(bridge_signatures(texts), dtype=np.uint64)
                    if weights.bridge or weights.ranker is not None else None),
            # cheap, so built whatever the weights (the cross-validation switches rankers)
            codes=self._codes(texts),
        )
        if weights.sentence:
            self.arrays.sentences, self.arrays.sentence_start = self._sentences(texts)
        assert self.arrays.ptype is not None
        self._ptype: np.ndarray = self.arrays.ptype
        today = today or date.today()
        self.active = np.array([_is_active(p["expiry"], today) for p in self.profile_rows],
                               dtype=bool)
        self.index = (
            ReciprocalIndex(self.arrays, weights=weights)
            if len(self.profile_rows) >= fast_threshold else None
        )
        #: per (profile row, cross_border, weights): its two best partners (rows, pair
        #: scores), for the reciprocal preference (the weights are part of the key: the
        #: cross-validation sets ``weights`` between runs)
        self._best_two: dict[tuple[int, bool, MatchWeights],
                             tuple[np.ndarray, np.ndarray]] = {}

    @property
    def profiles(self) -> pd.DataFrame:
        """The profiles as a frame (index 0..n-1, the matcher's rows)."""
        if self._profiles is None:
            import pandas as pd

            self._profiles = pd.DataFrame(self.profile_rows, columns=self._profile_columns)
        return self._profiles

    @property
    def orgs(self) -> pd.DataFrame:
        """The organisations as a frame indexed by org_id (the column kept too)."""
        if self._orgs is None:
            import pandas as pd

            frame = pd.DataFrame(self._org_list, columns=self._org_columns)
            self._orgs = frame.set_index("org_id", drop=False)
        return self._orgs

    def _sentences(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Each summary's sentences (cooperation fields left out), encoded and centred by
        language, and where each profile's rows start (at least one row per profile)."""
        pieces: list[str] = []
        start = [0]
        for text in texts:
            parts = summary_sentences(text) or [text]
            pieces += parts
            start.append(start[-1] + len(parts))
        vectors = self.encoder.encode(pieces)
        vectors = centre_by_language(vectors, [script_language(t) for t in pieces])
        return vectors, np.array(start, dtype=np.int64)

    def _codes(self, texts: list[str]) -> CodeIndex:
        """The rare codes of each profile's summary ``texts`` and keywords
        (:mod:`kcbridge.partners.codes`, round 21)."""
        keywords = [" ".join(str(k) for k in (p["keywords"] or [])) for p in self.profile_rows]
        return CodeIndex(f"{t} {k}" for t, k in zip(texts, keywords, strict=True))

    def _summary_texts(self, offers: list[str], needs: list[str]) -> list[str]:
        """Each profile's summary, or its offer and need when it has none."""
        summaries = ([p.get("summary") for p in self.profile_rows]
                     if "summary" in self._profile_columns else [""] * len(self.profile_rows))
        return [(s.strip() if isinstance(s, str) else "") or f"{o} {n}".strip()
                for s, o, n in zip(summaries, offers, needs, strict=True)]

    def _need_places(self, needs: list[str], countries: list[str]) -> np.ndarray:
        """Per profile, a bitmask of the registry countries its need accepts (all bits when
        it names no place, or when the registry has more than 64 countries)."""
        from kcbridge.partners.regions import allowed_countries

        every = np.iinfo(np.uint64).max
        out = np.full(len(needs), every, dtype=np.uint64)
        if len(self.country_codes) > 64:
            return out
        bit = {c: 1 << i for i, c in enumerate(self.country_codes)}
        for i, (need, own) in enumerate(zip(needs, countries, strict=True)):
            allowed = allowed_countries(need, own, self.country_codes)
            if allowed is not None:
                out[i] = sum(bit[c] for c in allowed if c in bit)
        return out

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
        exposure: Mapping[str, int] | None = None,
        exposure_cap: int | None = None,
        fairness_penalty: float = 0.15,
        fairness_margin: float = 0.05,
        preference: float | None = None,
    ) -> list[Match]:
        """The best ``k`` reciprocal partners of ``profile_id``, explained (see the module
        docstring for the exposure re-ranking). ``preference``: the reciprocal preference's
        weight for this call (``MatchWeights.preference`` when None; 1.0 is the one-to-one
        setting of ``partners match --one-to-one``)."""
        q = self._row(profile_id)
        comp = self._comp_table(q, complementarity)
        pool = k + max(k, 10) if exposure_cap is not None and exposure else k
        weight = self.weights.preference if preference is None else preference
        # the reciprocal preference, on the exact path only (module doc of preference)
        prefer = bool(weight) and self.index is None
        if prefer:
            pool += EXTRA  # candidates just below k can move up when others fall
        rows, scores = self._search(q, pool, cross_border, comp)
        keep = scores > 0  # a pair with nothing in common is not proposed
        rows, scores = rows[keep], scores[keep]
        factors: list[tuple[float, str]] = [(1.0, "")] * len(rows)
        if prefer and len(rows):
            factors = [self._preference(q, int(r), cross_border, weight) for r in rows]
            scores = scores * np.array([f for f, _ in factors], dtype=scores.dtype)
        notes = [""] * len(rows)
        adjusted = scores.astype(np.float64).copy()
        if exposure_cap is not None and exposure and len(rows):
            pids = [self.profile_ids[int(r)] for r in rows]
            seen = np.array([int(exposure.get(str(p), 0)) for p in pids])
            over = seen >= exposure_cap
            for i in np.flatnonzero(over):
                others = np.delete(scores, i)
                lead = float(scores[i]) - (float(others.max()) if len(others) else 0.0)
                if lead >= fairness_margin:
                    notes[i] = (f"shown to {seen[i]} organisations recently; kept in place: "
                                f"its score leads the rest by {lead:.3f}")
                else:
                    adjusted[i] = scores[i] * (1 - fairness_penalty)
                    notes[i] = (f"shown to {seen[i]} organisations recently (cap "
                                f"{exposure_cap}); ranked lower to give others a turn")
        order = sorted(range(len(rows)), key=lambda j: (-adjusted[j], int(rows[j])))[:k]
        out = []
        for pos in order:
            m = self.explain(q, int(rows[pos]), float(adjusted[pos]), comp)
            m.raw_score = round(float(scores[pos]), 4)
            m.exposure_note = notes[pos]
            if prefer:
                m.preference_factor = round(factors[pos][0], 4)
                m.preference_note = factors[pos][1]
            out.append(m)
        return out

    def _search(self, q: int, k: int, cross_border: bool, comp: np.ndarray | None
                ) -> tuple[np.ndarray, np.ndarray]:
        """The best ``k`` candidates of row ``q`` by pair score (fast index on a large
        registry, brute force otherwise)."""
        if self.index is not None:
            return self.index.top_k(q, k, self.active, cross_border, comp)
        return exact_top_k(self.arrays, q, k, self.weights, self.active, cross_border, comp)

    def _preference(self, q: int, r: int, cross_border: bool, weight: float
                    ) -> tuple[float, str]:
        """The reciprocal preference factor of candidate ``r`` for the query ``q``, and its
        note (:mod:`kcbridge.partners.preference`): ``r``'s pair score with ``q`` against
        its best pair score with anyone else (no complementarity: it depends on who asks)."""
        key = (r, cross_border, self.weights)
        if key not in self._best_two:
            self._best_two[key] = self._search(r, 2, cross_border, None)
        rows, scores = self._best_two[key]
        others = [(int(x), float(s)) for x, s in zip(rows, scores, strict=True) if x != q]
        if not others or others[0][1] <= 0:
            return 1.0, ""
        other, best = others[0]
        mine = float(exact_scores(self.arrays, r, np.array([q]), self.weights)[0])
        factor = preference_factor(mine, best, weight)
        name = str(self.org_by_id[self.profile_rows[other]["org_id"]]["name"])
        return factor, preference_note(factor, mine, best, name)

    def _row(self, profile_id: str) -> int:
        if profile_id not in self.row_of:
            raise NotFoundError(
                f"No profile {profile_id!r} in the registry.",
                hint="List profiles with `kcbridge partners profiles`.",
            )
        return self.row_of[profile_id]

    def peers(self, profile_id: str, k: int = 5) -> list[dict[str, Any]]:
        """Profiles of the same family and direction (two offers of technology, two
        business requests ...): never partners, shown as possible consortium members or
        competitors, most alike first."""
        q = self._row(profile_id)
        rows, scores = peer_top_k(self.arrays, q, k, self.active)
        out = []
        for r, score in zip(rows, scores, strict=True):
            b = self.profile_rows[int(r)]
            org_b = self.org_by_id[b["org_id"]]
            out.append({
                "profile_id": profile_id, "relation": "peer",
                "peer_profile_id": str(b["profile_id"]), "peer_org_id": str(b["org_id"]),
                "peer_name": str(org_b["name"]), "peer_country": str(org_b["country"]),
                "peer_title": str(b["title"]), "profile_type": str(b["profile_type"]),
                "similarity": round(float(score), 4),
                "why": "Same profile type and direction: a possible consortium member or "
                       "competitor, not a partner.",
            })
        return out

    def _sides(self, row: int) -> dict[str, str]:
        """Offer and need of a profile with where each came from."""
        p = self.profile_rows[row]
        offer, need = str(p["offer"] or ""), str(p["need"] or "")
        summary = str(p.get("summary") or "")
        derived = split_offer_need(summary, str(p["profile_type"])) if summary else None

        def origin(side: str, text: str) -> str:
            if not text:
                return "not stated"
            if derived is not None and getattr(derived, side) == text:
                return "split from the summary: " + derived.derivation(side)
            return f"given as {side} in the registry"

        return {"offer": offer, "offer_from": origin("offer", offer),
                "need": need, "need_from": origin("need", need)}

    def _type_note(self, q: int, r: int) -> str:
        """One phrase when the pair is of one type as read and is listed only because a
        type was read from label words (the soft gate); empty otherwise."""
        if self._ptype[q] != self._ptype[r] or self._ptype[q] < 0:
            return ""
        labels = [str(self.profile_rows[i].get("profile_type_words") or "") for i in (q, r)]
        if not any(labels) or PROFILE_TYPES[self._ptype[q]] == "research_request":
            return ""
        read = "; ".join(f"{label!r} read as {PROFILE_TYPES[self._ptype[i]].replace('_', ' ')}"
                         for label, i in zip(labels, (q, r), strict=True) if label)
        return (f"type read from label words ({read}): same type as read, listed with a "
                f"softer type gate (x{self.weights.words_gate:g}) in case the label reads "
                "the wrong way round")

    def explain(self, q: int, r: int, score: float, comp: np.ndarray | None) -> Match:
        a, b = self.profile_rows[q], self.profile_rows[r]
        org_b = self.org_by_id[b["org_id"]]
        sa, sb = self._sides(q), self._sides(r)
        text_ab = (float(self.arrays.offer[q] @ self.arrays.need[r])
                   if sa["offer"] and sb["need"] else None)
        text_ba = (float(self.arrays.offer[r] @ self.arrays.need[q])
                   if sb["offer"] and sa["need"] else None)
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
            a_offers_b={"offer": sa["offer"] or "not stated", "offer_from": sa["offer_from"],
                        "meets_need": sb["need"] or "not stated", "need_from": sb["need_from"],
                        "similarity": None if text_ab is None else round(text_ab, 3)},
            b_offers_a={"offer": sb["offer"] or "not stated", "offer_from": sb["offer_from"],
                        "meets_need": sa["need"] or "not stated", "need_from": sa["need_from"],
                        "similarity": None if text_ba is None else round(text_ba, 3)},
            shared_sectors=[s for s in (a["sectors"] or []) if s in set(b["sectors"] or [])],
            shared_keywords=sorted(v for k, v in kw_a.items() if k in kw_b),
            complementarity=comp_value,
            complementarity_sector=comp_sector,
            type_fit=float(type_fit(self.arrays, q, np.array([r]), self.weights)[0]),
            type_note=self._type_note(q, r),
            summary_similarity=(None if self.arrays.summary is None or not self.weights.summary
                                else round(float(self.arrays.summary[q]
                                                 @ self.arrays.summary[r]), 3)),
        )
