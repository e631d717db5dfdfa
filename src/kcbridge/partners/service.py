"""PartnersService: the registry, matchmaking and trust screening over the store.

Store tables (created on first use; list-valued columns hold JSON arrays as text):
``partner_orgs`` (registry.ORG_COLUMNS), ``partner_profiles`` (registry.PROFILE_COLUMNS),
``trust_list_entries`` (lists.LIST_COLUMNS), ``partner_outcomes`` (profile_id,
partner_profile_id, outcome, note, recorded_at) and ``partner_exposure`` (profile_id,
shown_to, shown_at): one row each time a profile is shown as a match, and
``partner_candidates`` (org_id, status, source_doc, aliases, possible_duplicates,
added_at): organisations added from documents, waiting for a person's review;
``trust_list_history`` (list_id, entry_id, entity_name, change = added | delisted,
version, changed_at): every change of a list between imported versions.

Demo organisations (``source = "demo"``, see :mod:`kcbridge.partners.demo`) are reported
with ``synthetic = True`` in every listing and match.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kcbridge.errors import InputError, NotFoundError
from kcbridge.partners import answers, records, storage
from kcbridge.partners.candidates import CandidatesMixin
from kcbridge.partners.storage import (
    CANDIDATES,
    ENTRIES,
    EXPOSURE,
    HISTORY,
    ORGS,
    OUTCOMES,
    PROFILES,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from kcbridge.app import Platform
    from kcbridge.partners.complement import ComplementarityCache
    from kcbridge.partners.screening import EntityScreener, ScreenResult

# dedupe, guideline and demo (demo reads the evaluation sets' code) are imported by the
# methods that use them: screening one name needs none of them (issue 14). pandas and the
# registry and lists modules (which import pandas) too: a match answered from the kept
# answers (partners/answers.py) needs none of them, and on DuckDB a match computed for the
# first time reads the registry and the lists as plain records (partners/records.py) and
# what it keeps as JSON, so it needs neither pandas nor Ibis either.

CANDIDATE_STATUSES = ("candidate", "accepted", "rejected")
#: Exposure (fairness): distinct organisations shown a profile at the top ranks within the
#: window; at the cap a profile is ranked lower (never removed, see matching.Matchmaker).
EXPOSURE_CAP, EXPOSURE_TOP_RANKS, EXPOSURE_WINDOW_DAYS = 20, 3, 30
OUTCOME_VALUES = ("contacted", "accepted", "declined")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class PartnersService(CandidatesMixin):
    """Registry, matching and trust screening for one Platform."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.store = platform.store
        storage.ensure_tables(self.store)
        self._matcher: Any = None
        self._screener: EntityScreener | None = None
        self._complementarity_cache: ComplementarityCache | None = None
        self._inputs_seen: str | None = None

    @property
    def _complementarity(self) -> ComplementarityCache:
        """Per-pair complementarity, kept in the store's derived results
        (partners/storage_complement.py), made on first use."""
        if self._complementarity_cache is None:
            from kcbridge.partners.storage_complement import StoredComplementarity

            self._complementarity_cache = StoredComplementarity(self.platform)
        return self._complementarity_cache

    # ---- storage helpers ------------------------------------------------------
    def _write(self, name: str, frame: pd.DataFrame, key: list[str]) -> int:
        if frame.empty:
            return 0
        n = storage.write_table(self.store, name, frame, key)
        self._matcher = None
        if name == ENTRIES:
            self._screener = None
        return n

    def _read(self, name: str) -> pd.DataFrame:
        return storage.read_table(self.store, name)

    def _records(self, name: str) -> list[dict[str, Any]]:
        """The rows of ``name`` as records: plain SQL on DuckDB (no pandas,
        :func:`records.table_records`), the frame's records elsewhere."""
        found = records.table_records(self.store, name)
        if found is None:
            return [{str(k): v for k, v in r.items()}
                    for r in self._read(name).to_dict("records")]
        return found

    # ---- registry --------------------------------------------------------------
    def import_file(self, path: str | Path, fmt: str | None = None) -> dict[str, Any]:
        """Import organisations/profiles from CSV, JSON, Excel or a KRX listing
        (``fmt="krx"``, or detected from its Korean headers)."""
        import pandas as pd

        from kcbridge.partners import registry

        path = Path(path)
        if not path.is_file():
            raise InputError(f"No such file: {path.name}.", hint="Check the path.")
        if fmt == "krx" or (fmt is None and path.suffix.lower() == ".csv" and "회사명" in
                            path.read_text(encoding="utf-8-sig", errors="ignore")[:200]):
            from kcbridge.partners.krx import read_krx_listing

            orgs, profiles = read_krx_listing(path), pd.DataFrame()
            if orgs.empty:
                raise InputError(f"{path.name} lists no companies.",
                                 hint="Export the KRX listing again with its rows.")
        else:
            orgs, profiles = registry.read_registry_file(path, self._read(ORGS))
        with self.store.transaction():
            n_orgs = self._write(ORGS, orgs, ["org_id"]) if len(orgs) else 0
            n_prof = self._write(PROFILES, profiles, ["profile_id"]) if len(profiles) else 0
        self._keep_name_keys()
        return {"organisations": n_orgs, "profiles": n_prof,
                # a label read from its words may say the opposite of what the profile
                # does; the importer shows each such reading (registry.normalise_profiles)
                "labels_read_from_words": list(profiles.attrs.get("labels_read_from_words",
                                                                  []))}

    def _keep_name_keys(self) -> None:
        """Read every registry name into comparable keys once, at import, and keep them
        (:func:`storage.stored_name_keys`): a later match or screen of any organisation
        finds its own and its partners' keys kept instead of loading the pinyin
        dictionaries (about half a second) in the middle of a question."""
        from kcbridge.partners import registry

        orgs = self._read(ORGS)
        names = [n for o in orgs.to_dict("records") for n in registry.org_names(o)]
        if names:
            storage.stored_name_keys(self.store, names, keep_frame=True)

    def organisations(self, query: str | None = None, limit: int = 50) -> pd.DataFrame:
        """Organisations; with ``query``, those whose names match it in any script, best
        first, with ``match_score``: 100 when a written name contains the query, 95 when
        the query is part of a name in another script (:func:`names.contains_name`),
        otherwise the fuzzy similarity (kept from 70)."""
        import pandas as pd

        from kcbridge.partners import registry
        from kcbridge.partners.names import contains_name, name_similarity

        df = self._labelled(self._read(ORGS))
        if not query:
            return df
        contains = pd.concat([df[c].str.contains(query, case=False, regex=False)
                              for c in ("name", "name_en", "name_ko", "name_zh")],
                             axis=1).any(axis=1)
        scores = []
        for org, plain in zip(df.to_dict("records"), contains, strict=True):
            names = registry.org_names(org)
            if plain:
                scores.append(100.0)
            elif any(contains_name(query, n) for n in names):
                scores.append(95.0)
            else:
                scores.append(max((name_similarity(query, n) for n in names), default=0.0))
        df = df.assign(match_score=scores)
        return df[df["match_score"] >= 70].sort_values("match_score", ascending=False).head(limit)

    def _labelled(self, orgs: pd.DataFrame) -> pd.DataFrame:
        """Organisations with ``synthetic`` (demo rows) and ``status`` (``candidate`` etc.
        for organisations added from documents, empty otherwise)."""
        from kcbridge.partners.demo import DEMO_SOURCE

        status = self._read(CANDIDATES).set_index("org_id")["status"].to_dict()
        return orgs.assign(synthetic=orgs["source"].eq(DEMO_SOURCE),
                           status=orgs["org_id"].map(lambda o: status.get(o, "")))

    def profiles(self, org: str | None = None) -> pd.DataFrame:
        df = self._read(PROFILES)
        return df[df["org_id"] == self.resolve_org(org)] if org else df

    def resolve_org(self, org: str) -> str:
        """An org_id from an id or a name in any script."""

        orgs = self._records(ORGS)  # no pandas unless the name must be searched for
        if org in {o["org_id"] for o in orgs}:
            return org
        wanted = str(org).strip().casefold()
        exact = {str(o["org_id"]) for o in orgs
                 if any(str(o.get(c) or "").strip().casefold() == wanted
                        for c in ("name", "name_en", "name_ko", "name_zh"))}
        if len(exact) == 1:  # a name written exactly as registered: no cross-script search
            return exact.pop()
        found = self.organisations(org, limit=1)
        if found.empty:
            raise NotFoundError(f"No organisation {org!r} in the registry.",
                                hint="Import it with `kcbridge partners import FILE`.")
        return str(found.iloc[0]["org_id"])

    def merge_candidates(self, threshold: float = 90.0) -> pd.DataFrame:
        if not 0 <= threshold <= 100:
            raise InputError(f"threshold must be between 0 and 100 (got {threshold:g}).",
                             hint="Use a fuzzy score such as 90.")
        from kcbridge.partners import dedupe

        return dedupe.merge_candidates(self._read(ORGS), threshold=threshold)

    # ---- matching --------------------------------------------------------------
    def _complementarity_hook(self) -> ComplementarityCache:
        return self._complementarity.refresh()

    def matcher(self) -> Any:
        """The Matchmaker over the registry; the profiles' vectors come from the store's
        derived results when the texts are unchanged (the encoder is loaded only to
        embed new or edited texts)."""
        from kcbridge.partners.embeddings import default_encoder
        from kcbridge.partners.matching import Matchmaker
        from kcbridge.partners.storage import StoredEncoder

        if self._matcher is None:
            # records on DuckDB (plain SQL, no pandas), frames elsewhere
            plain = records.table_records(self.store, PROFILES)
            profiles: Any = self._read(PROFILES) if plain is None else plain
            if len(profiles) == 0:
                raise NotFoundError("The registry holds no profiles.",
                                    hint="Import some with `kcbridge partners import FILE`.")
            orgs: Any = self._read(ORGS) if plain is None else self._records(ORGS)
            self._matcher = Matchmaker(
                profiles, orgs, encoder=StoredEncoder(self.store, default_encoder),
                signatures=lambda texts: storage.stored_concept_signatures(self.store, texts))
        return self._matcher

    def _inputs_checked(self) -> str | None:
        """The registry's and lists' version (:func:`answers.inputs_version`); the matcher
        and screener built from an older one (another process imported since) are
        dropped."""
        inputs = answers.inputs_version(self.store)
        if inputs != self._inputs_seen:
            self._matcher, self._screener, self._inputs_seen = None, None, inputs
        return inputs

    def _profile_ids(self, matcher: Any, org_or_profile: str) -> list[str]:
        if org_or_profile in matcher.row_of:
            return [org_or_profile]
        org_id = self.resolve_org(org_or_profile)
        profile_ids = [p["profile_id"] for p in matcher.profile_rows if p["org_id"] == org_id]
        if not profile_ids:
            raise NotFoundError(f"{org_or_profile!r} has no profiles to match.",
                                hint="Import profiles for it with `kcbridge partners import "
                                     "FILE`.")
        return profile_ids

    def match(self, org_or_profile: str, k: int = 10, cross_border: bool = True,
              exposure_cap: int | None = EXPOSURE_CAP, record_exposure: bool = True,
              today: date | None = None, one_to_one: bool = False) -> list[dict[str, Any]]:
        """Reciprocal matches for every profile of an organisation (or one profile), each
        with its explanation (both directions, where each text came from), the trust
        level of the pair (:func:`pair_trust.assess_pair`: red / amber / green with the
        reasons and controlled items; fail closed), the exposure note and the parts of the
        score (``score_parts``, :mod:`kcbridge.partners.score_parts`).

        The answer is kept in the store's derived results under everything it depends on
        (:func:`answers.answer_version`): the same question asked again, in a new process,
        is read back (the same rows) without loading the matcher, pandas or NumPy.

        ``one_to_one``: for settings where each firm meets only a few partners (a brokerage
        event's meeting schedule), a candidate that fits another profile better is ranked
        lower (the reciprocal preference, :mod:`kcbridge.partners.preference`, weight 1).
        Off by default: in a registry a supplier that suits five buyers is shown to all
        five."""
        if k < 1:
            raise InputError(f"k must be at least 1 (got {k}).", hint="Ask for 1 or more.")
        shown = self.exposure_counts(today=today)
        version = answers.answer_version(self.store, shown, today or _now().date(),
                                         self._inputs_checked())
        key = {"of": org_or_profile, "k": k, "cross_border": cross_border,
               "exposure_cap": exposure_cap, **({"one_to_one": True} if one_to_one else {})}
        out = answers.kept_answer(self.store, "partner_match_answers", key, version)
        if not isinstance(out, list):
            from kcbridge.formats import jsonable

            # plain JSON values, as they are kept: the answer computed and the answer read
            # back are the same objects
            out = jsonable(self._compute_match(org_or_profile, k, cross_border, exposure_cap,
                                               shown, 1.0 if one_to_one else None))
            answers.keep_answer(self.store, "partner_match_answers", key, version, out)
        if record_exposure and out:
            self._write_exposure(out)
        return out

    def _compute_match(self, org_or_profile: str, k: int, cross_border: bool,
                       exposure_cap: int | None, shown: dict[str, int],
                       preference: float | None = None) -> list[dict[str, Any]]:
        from kcbridge.partners.pair_trust import assess_pair
        from kcbridge.partners.records import DEMO_SOURCE, org_names
        from kcbridge.partners.score_parts import learned_terms, score_parts

        matcher = self.matcher()
        profile_ids = self._profile_ids(matcher, org_or_profile)
        hook = self._complementarity_hook()
        screener = self.screener(required=False)
        # records (plain SQL on DuckDB), by org_id as the frame's index
        orgs = {o["org_id"]: o for o in self._records(ORGS)}
        out = []
        for pid in profile_ids:
            own_profile = matcher.profile_rows[matcher.row_of[pid]]
            own_org = orgs[own_profile["org_id"]]
            matches = matcher.match(pid, k=k, cross_border=cross_border, exposure=shown,
                                    exposure_cap=exposure_cap, complementarity=hook,
                                    preference=preference)
            known = None
            if screener is not None:
                screened = [own_org] + [orgs[m.partner_org_id] for m in matches]
                known = storage.stored_name_keys(
                    self.store, [n for o in screened for n in org_names(o)])
            for rank, m in enumerate(matches, start=1):
                row = m.to_dict()
                row["rank"] = rank
                partner = orgs[m.partner_org_id]
                partner_profile = matcher.profile_rows[matcher.row_of[m.partner_profile_id]]
                checks = [] if screener is None else [
                    screener.screen(o["name"], org_names(o), known)
                    for o in (own_org, partner)]
                row["trust_flagged"] = any(c.flagged for c in checks)
                row["trust_hits"] = [h for c in checks for h in c.to_dict()["hits"]]
                row["own_flagged"] = bool(checks) and checks[0].flagged
                row["partner_flagged"] = bool(checks) and checks[1].flagged
                row["partner_trust_hits"] = checks[1].to_dict()["hits"] if checks else []
                row["partner_trust_review"] = checks[1].to_dict()["review"] if checks else []
                trust = assess_pair(dict(own_profile), dict(partner_profile),
                                    dict(own_org), dict(partner),
                                    checks if screener is not None else None)
                row["guideline_level"], row["guideline_reasons"] = trust.level, trust.reasons
                row["controlled_items"], row["trust_review"] = trust.items, trust.review
                row["own_name"], row["profile_title"] = own_org["name"], own_profile["title"]
                row["profile_type"] = own_profile["profile_type"]
                row["partner_title"] = partner_profile["title"]
                row["partner_profile_type"] = partner_profile["profile_type"]
                row["partner_kind"] = partner["kind"]
                row["synthetic"] = DEMO_SOURCE in (own_org["source"], partner["source"])
                row["complementarity_note"] = self._complementarity_note(
                    m.complementarity_sector, str(own_org["country"]), m.partner_country)
                row["score_parts"] = score_parts(matcher, m, hook)
                row["learned_terms"] = learned_terms(matcher, m)
                out.append(row)
        return out

    def peers(self, org_or_profile: str, k: int = 5) -> list[dict[str, Any]]:
        """Same-direction profiles (see :meth:`Matchmaker.peers`) for every profile of an
        organisation (or one profile): possible consortium members, never partners."""
        if k < 1:
            raise InputError(f"k must be at least 1 (got {k}).", hint="Ask for 1 or more.")
        version = answers.answer_version(self.store, {}, _now().date(),  # kept like a match
                                         self._inputs_checked())
        key = {"of": org_or_profile, "k": k}
        kept = answers.kept_answer(self.store, "partner_peer_answers", key, version)
        if isinstance(kept, list):
            return kept
        from kcbridge.formats import jsonable

        matcher = self.matcher()
        orgs = {o["org_id"]: o for o in self._records(ORGS)}
        out = []
        for pid in self._profile_ids(matcher, org_or_profile):
            for row in matcher.peers(pid, k=k):
                row["synthetic"] = orgs[row["peer_org_id"]]["source"] == records.DEMO_SOURCE
                out.append(row)
        out = jsonable(out)
        answers.keep_answer(self.store, "partner_peer_answers", key, version, out)
        return out

    def _complementarity_note(self, sector: str | None, home: str, other: str) -> str:
        found = self._complementarity.lookup(sector, home, other) if sector else None
        return found.note() if found else ""

    def _write_exposure(self, matches: list[dict[str, Any]]) -> None:
        """One row per partner shown at the top ranks (``EXPOSURE_TOP_RANKS``): one plain
        SQL insert on DuckDB (no pandas, no Ibis), a frame elsewhere."""
        top = [m for m in matches if m.get("rank", 1) <= EXPOSURE_TOP_RANKS]
        if not top:
            return
        at = _now()
        pairs = [(str(m["partner_profile_id"]), str(m["profile_id"])) for m in top]
        if answers.insert_exposure_sql(self.store, pairs, at):
            return
        import pandas as pd

        frame = pd.DataFrame({"profile_id": [m["partner_profile_id"] for m in top],
                              "shown_to": [m["profile_id"] for m in top],
                              "shown_at": at})
        storage.append_rows(self.store, EXPOSURE, frame, plain_sql=True)  # no Ibis

    def exposure_counts(self, today: date | None = None,
                        window_days: int = EXPOSURE_WINDOW_DAYS) -> dict[str, int]:
        """Per profile: how many distinct organisations were shown it at the top ranks in
        the ``window_days`` days before ``today`` (UTC). Today's views do not count yet, so
        the order in which organisations are matched today changes nothing."""
        today = today or _now().date()
        start = datetime.combine(today - timedelta(days=window_days), datetime.min.time())
        end = datetime.combine(today, datetime.min.time())
        counted = answers.exposure_counts_sql(self.store, start, end)  # DuckDB: no pandas
        if counted is not None:
            return counted
        views = storage.read_between(self.store, EXPOSURE, "shown_at", start, end)
        if views.empty:
            return {}
        owner = dict(zip(self._read(PROFILES)["profile_id"], self._read(PROFILES)["org_id"],
                         strict=False))
        views["viewer"] = views["shown_to"].map(lambda p: owner.get(p, p))
        counts = views.groupby("profile_id")["viewer"].nunique()
        return {str(p): int(n) for p, n in counts.items()}

    def record_outcome(self, profile_id: str, partner_profile_id: str, outcome: str,
                       note: str = "") -> dict[str, Any]:
        import pandas as pd


        if outcome not in OUTCOME_VALUES:
            raise InputError(f"Unknown outcome {outcome!r}.",
                             hint=f"Use one of: {', '.join(OUTCOME_VALUES)}.")
        known = set(self._read(PROFILES)["profile_id"])
        for pid in (profile_id, partner_profile_id):
            if pid not in known:
                raise NotFoundError(f"No profile {pid!r} in the registry.")
        row = {"profile_id": profile_id, "partner_profile_id": partner_profile_id,
               "outcome": outcome, "note": note, "recorded_at": _now()}
        storage.append_rows(self.store, OUTCOMES, pd.DataFrame([row]))
        return row

    def outcomes(self) -> pd.DataFrame:
        return self._read(OUTCOMES)

    # ---- trust -----------------------------------------------------------------
    def import_list(self, path: str | Path, list_id: str | None = None) -> dict[str, Any]:
        """Load a list file, replacing each list it holds **as a whole** (a new version):
        entries no longer in the file are delisted (no longer flagged), new ones added, and
        every change is kept in ``trust_list_history`` with the version (content hash) and
        time. Entry ids come from the list's own keys, else from a content hash
        (:func:`lists.read_list_file`), so a removal never shifts one entity onto another."""
        import pandas as pd

        from kcbridge.partners import lists

        entries = lists.read_list_file(path, list_id=list_id)
        current = self._read(ENTRIES)
        now = _now()
        summary: dict[str, Any] = {"entries": len(entries), "lists": [], "added": 0,
                                   "delisted": 0, "unchanged": 0}
        history = []
        for lid, new in entries.groupby("list_id", sort=True):
            old = current[current["list_id"] == lid]
            version = lists.list_version(new)
            old_ids, new_ids = set(old["entry_id"]), set(new["entry_id"])
            for frame, ids, change in ((new, new_ids - old_ids, "added"),
                                       (old, old_ids - new_ids, "delisted")):
                for row in frame[frame["entry_id"].isin(ids)].to_dict("records"):
                    history.append({"list_id": lid, "entry_id": row["entry_id"],
                                    "entity_name": row["entity_name"], "change": change,
                                    "version": version, "changed_at": now})
            summary["lists"].append({"list_id": str(lid), "version": version,
                                     "entries": len(new)})
            summary["added"] += len(new_ids - old_ids)
            summary["delisted"] += len(old_ids - new_ids)
            summary["unchanged"] += len(new_ids & old_ids)
        with self.store.transaction():
            storage.delete_rows(self.store, ENTRIES, list_id=sorted(set(entries["list_id"])))
            self._write(ENTRIES, entries, ["list_id", "entry_id"])
            if history:
                storage.append_rows(self.store, HISTORY, pd.DataFrame(history))
        self._screener = None
        return summary

    def list_entries(self) -> pd.DataFrame:
        return self._read(ENTRIES)

    def list_history(self, list_id: str | None = None) -> pd.DataFrame:
        """Every addition and delisting of list entries, oldest first."""
        df = self._read(HISTORY)
        if list_id:
            df = df[df["list_id"] == list_id]
        return df.sort_values(["changed_at", "list_id", "entry_id"]).reset_index(drop=True)

    def screener(self, required: bool = True) -> EntityScreener | None:
        if self._screener is None:
            entries = self._records(ENTRIES)  # plain SQL on DuckDB: no pandas
            if not entries:
                if required:
                    raise NotFoundError("No sensitive-entity lists are loaded.",
                                        hint="Run `kcbridge trust import-list FILE` first.")
                return None
            self._screener = storage.stored_screener(self.store, entries)
        return self._screener

    def screen(self, target: str) -> list[ScreenResult]:
        """Screen one name, or with ``registry`` every organisation of the registry. A name
        is only ever a name: this never reads files (see :meth:`screen_file`)."""
        from kcbridge.partners import records as registry  # org_names, without pandas

        screener = self.screener()
        assert screener is not None
        if target == "registry":
            rows = self._records(ORGS)
            known = storage.stored_name_keys(
                self.store, [n for o in rows for n in registry.org_names(o)])
            return [screener.screen(o["name"], registry.org_names(o), known)
                    for o in rows]
        if not str(target).strip():
            raise InputError("No name to screen.", hint="Give an organisation's name.")
        return [screener.screen(str(target)[:500])]

    def screen_name(self, name: str) -> list[ScreenResult]:
        """Screen one name (``registry`` too is just a name here)."""
        screener = self.screener()
        assert screener is not None
        if not str(name).strip():
            raise InputError("No name to screen.", hint="Give an organisation's name.")
        return [screener.screen(str(name)[:500])]

    def screen_file(self, path: str | Path) -> list[ScreenResult]:
        """Screen every organisation of a registry file (CSV/JSON/Excel) or KRX listing
        given explicitly by a local user (the CLI's ``--list FILE``)."""
        from kcbridge.partners import registry

        screener = self.screener()
        assert screener is not None
        path = Path(path)
        if not path.is_file():
            raise InputError(f"No such file: {path.name}.", hint="Check the path.")
        if "회사명" in path.read_text(encoding="utf-8-sig", errors="ignore")[:200]:
            from kcbridge.partners.krx import read_krx_listing

            orgs = read_krx_listing(path)
        else:
            orgs, _ = registry.read_registry_file(path)
        return [screener.screen(o["name"], registry.org_names(o)) for o in orgs.to_dict("records")]

    def screen_organisations(self, orgs: pd.DataFrame) -> dict[str, ScreenResult]:
        """Screening result per org_id of ``orgs`` (empty when no list is loaded)."""
        from kcbridge.partners import registry

        screener = self.screener(required=False)
        if screener is None:
            return {}
        return {str(o["org_id"]): screener.screen(o["name"], registry.org_names(o))
                for o in orgs.to_dict("records")}

    def guideline(self) -> pd.DataFrame:
        from kcbridge.partners import guideline

        return guideline.cooperation_guideline()

    # ---- demo, headline ------------------------------------------------------------
    def load_demo(self) -> dict[str, Any]:
        """Load the SYNTHETIC sample registry and sensitive-entity list (see
        :mod:`kcbridge.partners.demo`), replacing an earlier demo; counts and flags."""
        from kcbridge.partners import lists
        from kcbridge.partners.demo import (
            DEMO_LIST_ID,
            DEMO_SOURCE,
            demo_list_path,
            demo_registry,
        )

        orgs, profiles = demo_registry()
        entries = lists.read_list_file(demo_list_path())
        demo_ids = list(orgs["org_id"])
        old = self._read(ORGS)
        old_ids = list(old.loc[old["source"] == DEMO_SOURCE, "org_id"]) + demo_ids
        with self.store.transaction():
            storage.delete_rows(self.store, PROFILES, org_id=old_ids)
            storage.delete_rows(self.store, ORGS, org_id=old_ids)
            storage.delete_rows(self.store, EXPOSURE, profile_id=list(profiles["profile_id"]))
            storage.delete_rows(self.store, ENTRIES, list_id=DEMO_LIST_ID)
            self._write(ORGS, orgs, ["org_id"])
            self._write(PROFILES, profiles, ["profile_id"])
            self._write(ENTRIES, entries, ["list_id", "entry_id"])
        self._keep_name_keys()
        flagged = [r.name for r in self.screen("registry") if r.flagged]
        return {"organisations": len(orgs), "profiles": len(profiles),
                "list_entries": len(entries), "flagged": len(flagged), "synthetic": True}

    def headline(self) -> dict[str, Any]:
        """Rows for ``kcbridge report``: organisations by country and kind, flagged
        organisations, the best KOR-CHN match with its score."""
        from kcbridge.partners.summary import registry_headline

        return registry_headline(self)
