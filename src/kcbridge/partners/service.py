"""PartnersService: the registry, matchmaking and trust screening over the store.

Store tables (created on first use; list-valued columns hold JSON arrays as text):
``partner_orgs`` (registry.ORG_COLUMNS), ``partner_profiles`` (registry.PROFILE_COLUMNS),
``trust_list_entries`` (lists.LIST_COLUMNS), ``partner_outcomes`` (profile_id,
partner_profile_id, outcome, note, recorded_at) and ``partner_exposure`` (profile_id,
shown_to, shown_at): one row each time a profile is shown as a match.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ibis
import pandas as pd

from kcbridge.errors import InputError, NotFoundError
from kcbridge.partners import dedupe, guideline, lists, registry
from kcbridge.partners.screening import EntityScreener, ScreenResult

ORGS, PROFILES, ENTRIES = "partner_orgs", "partner_profiles", "trust_list_entries"
OUTCOMES, EXPOSURE = "partner_outcomes", "partner_exposure"
OUTCOME_VALUES = ("contacted", "accepted", "declined")
_JSON_COLUMNS = {ORGS: ("sectors", "products"), PROFILES: ("keywords", "sectors",
                 "partnership_types"), ENTRIES: ("aliases",)}
SCHEMAS = {
    ORGS: ibis.schema({c: "string" for c in registry.ORG_COLUMNS}),
    PROFILES: ibis.schema({c: "string" for c in registry.PROFILE_COLUMNS}),
    ENTRIES: ibis.schema({c: "string" for c in lists.LIST_COLUMNS}),
    OUTCOMES: ibis.schema({"profile_id": "string", "partner_profile_id": "string",
                           "outcome": "string", "note": "string", "recorded_at": "timestamp"}),
    EXPOSURE: ibis.schema({"profile_id": "string", "shown_to": "string",
                           "shown_at": "timestamp"}),
}


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class PartnersService:
    """Registry, matching and trust screening for one Platform."""

    def __init__(self, platform: Any) -> None:
        self.platform = platform
        self.store = platform.store
        for name, schema in SCHEMAS.items():
            self.store.ensure_table(name, schema)
        self._matcher: Any = None
        self._screener: EntityScreener | None = None

    # ---- storage helpers ------------------------------------------------------
    def _write(self, name: str, frame: pd.DataFrame, key: list[str]) -> int:
        out = frame.copy()
        for col in _JSON_COLUMNS.get(name, ()):
            out[col] = out[col].map(lambda v: json.dumps(list(v or []), ensure_ascii=False))
        out = out.astype({c: "string" for c in out.columns if c in SCHEMAS[name].names
                          and SCHEMAS[name][c].is_string()})
        if out.empty:
            return 0
        with self.store.transaction():
            n = self.store.replace(name, out, key=key)
        self._matcher = None
        if name == ENTRIES:
            self._screener = None
        return n

    def _read(self, name: str) -> pd.DataFrame:
        df = self.store.table(name).to_pandas()
        for col in _JSON_COLUMNS.get(name, ()):
            df[col] = df[col].map(lambda v: json.loads(v) if isinstance(v, str) and v else [])
        return df.fillna("") if name in (ORGS, PROFILES) else df

    # ---- registry --------------------------------------------------------------
    def import_file(self, path: str | Path, fmt: str | None = None) -> dict[str, int]:
        """Import organisations/profiles from CSV, JSON, Excel or a KRX listing
        (``fmt="krx"``, or detected from its Korean headers)."""
        path = Path(path)
        if not path.exists():
            raise InputError(f"No such file: {path}.", hint="Check the path.")
        if fmt == "krx" or (fmt is None and path.suffix.lower() == ".csv" and "회사명" in
                            path.read_text(encoding="utf-8-sig", errors="ignore")[:200]):
            from kcbridge.partners.krx import read_krx_listing

            orgs, profiles = read_krx_listing(path), pd.DataFrame()
        else:
            orgs, profiles = registry.read_registry_file(path)
            if len(profiles) and not len(orgs):
                profiles = registry.normalise_profiles(profiles, self.organisations(),
                                                       source=path.name)
        with self.store.transaction():
            n_orgs = self._write(ORGS, orgs, ["org_id"]) if len(orgs) else 0
            n_prof = self._write(PROFILES, profiles, ["profile_id"]) if len(profiles) else 0
        return {"organisations": n_orgs, "profiles": n_prof}

    def add_organisations(self, records: list[dict[str, Any]]) -> int:
        """Add organisations (e.g. actors found by document intelligence)."""
        return self._write(ORGS, registry.normalise_organisations(pd.DataFrame(records)),
                           ["org_id"])

    def add_profiles(self, records: list[dict[str, Any]]) -> int:
        frame = registry.normalise_profiles(pd.DataFrame(records), self.organisations())
        return self._write(PROFILES, frame, ["profile_id"])

    def organisations(self, query: str | None = None, limit: int = 50) -> pd.DataFrame:
        """Organisations; with ``query``, those whose names match it in any script
        (best first, column ``match_score``)."""
        from kcbridge.partners.names import name_similarity

        df = self._read(ORGS)
        if not query:
            return df
        scores = [max((name_similarity(query, n) for n in registry.org_names(o)), default=0.0)
                  for o in df.to_dict("records")]
        contains = df["name"].str.contains(query, case=False, regex=False)
        pairs = zip(contains, scores, strict=True)
        df = df.assign(match_score=[100.0 if c else s for c, s in pairs])
        return df[df["match_score"] >= 70].sort_values("match_score", ascending=False).head(limit)

    def profiles(self, org: str | None = None) -> pd.DataFrame:
        df = self._read(PROFILES)
        return df[df["org_id"] == self.resolve_org(org)] if org else df

    def resolve_org(self, org: str) -> str:
        """An org_id from an id or a name in any script."""
        orgs = self._read(ORGS)
        if org in set(orgs["org_id"]):
            return org
        found = self.organisations(org, limit=1)
        if found.empty:
            raise NotFoundError(f"No organisation {org!r} in the registry.",
                                hint="Import it with `kcbridge partners import FILE`.")
        return str(found.iloc[0]["org_id"])

    def merge_candidates(self, threshold: float = 90.0) -> pd.DataFrame:
        return dedupe.merge_candidates(self._read(ORGS), threshold=threshold)

    # ---- matching --------------------------------------------------------------
    def _complementarity_hook(self) -> Any:
        trade = None
        try:
            trade = self.platform.trade
        except Exception:  # noqa: BLE001 - no trade capability installed yet
            return None
        return getattr(trade, "sector_complementarity", None)

    def matcher(self) -> Any:
        from kcbridge.partners.matching import Matchmaker

        if self._matcher is None:
            profiles = self._read(PROFILES)
            if profiles.empty:
                raise NotFoundError("The registry holds no profiles.",
                                    hint="Import some with `kcbridge partners import FILE`.")
            self._matcher = Matchmaker(profiles, self._read(ORGS))
        return self._matcher

    def match(self, org_or_profile: str, k: int = 10, cross_border: bool = True,
              exposure_cap: int | None = 20, record_exposure: bool = True) -> list[dict[str, Any]]:
        """Reciprocal matches for every profile of an organisation (or one profile), each
        with its explanation, trust screening of the partner and the guideline level."""
        matcher = self.matcher()
        if org_or_profile in matcher.row_of:
            profile_ids = [org_or_profile]
        else:
            org_id = self.resolve_org(org_or_profile)
            owners = zip(matcher.profiles["profile_id"], matcher.profiles["org_id"], strict=True)
            profile_ids = [p for p, o in owners if o == org_id]
            if not profile_ids:
                raise NotFoundError(f"{org_or_profile!r} has no profiles to match.",
                                    hint="Import profiles for it first.")
        shown = self.exposure_counts()
        screener = self.screener(required=False)
        orgs = self._read(ORGS).set_index("org_id", drop=False)
        out = []
        for pid in profile_ids:
            for m in matcher.match(pid, k=k, cross_border=cross_border, shown_counts=shown,
                                   exposure_cap=exposure_cap,
                                   complementarity=self._complementarity_hook()):
                row = m.to_dict()
                own_org = orgs.loc[matcher.profiles.iloc[matcher.row_of[pid]]["org_id"]]
                partner = orgs.loc[m.partner_org_id]
                checks = [] if screener is None else [
                    screener.screen(o["name"], registry.org_names(o)) for o in (own_org, partner)]
                row["trust_flagged"] = any(c.flagged for c in checks)
                row["trust_hits"] = [h for c in checks for h in c.to_dict()["hits"]]
                ptypes = matcher.profiles.iloc[matcher.row_of[pid]]["partnership_types"] or []
                sector = (m.shared_sectors or list(partner["sectors"]) or ["unknown"])[0]
                level = guideline.assess_cooperation(
                    sector, ptypes[0] if ptypes else "joint_rd", checks)
                row["guideline_level"], row["guideline_reasons"] = level.level, level.reasons
                out.append(row)
        if record_exposure and out:
            self._write_exposure(out)
        return out

    def _write_exposure(self, matches: list[dict[str, Any]]) -> None:
        frame = pd.DataFrame({"profile_id": [m["partner_profile_id"] for m in matches],
                              "shown_to": [m["profile_id"] for m in matches],
                              "shown_at": _now()})
        with self.store.transaction():
            self.store.insert(EXPOSURE, frame)

    def exposure_counts(self) -> dict[str, int]:
        t = self.store.table(EXPOSURE)
        df = t.group_by("profile_id").aggregate(n=t.count()).to_pandas()
        return dict(zip(df["profile_id"], df["n"].astype(int), strict=False))

    def record_outcome(self, profile_id: str, partner_profile_id: str, outcome: str,
                       note: str = "") -> dict[str, Any]:
        if outcome not in OUTCOME_VALUES:
            raise InputError(f"Unknown outcome {outcome!r}.",
                             hint=f"Use one of: {', '.join(OUTCOME_VALUES)}.")
        known = set(self._read(PROFILES)["profile_id"])
        for pid in (profile_id, partner_profile_id):
            if pid not in known:
                raise NotFoundError(f"No profile {pid!r} in the registry.")
        row = {"profile_id": profile_id, "partner_profile_id": partner_profile_id,
               "outcome": outcome, "note": note, "recorded_at": _now()}
        with self.store.transaction():
            self.store.insert(OUTCOMES, pd.DataFrame([row]))
        return row

    def outcomes(self) -> pd.DataFrame:
        return self.store.table(OUTCOMES).to_pandas()

    # ---- trust -----------------------------------------------------------------
    def import_list(self, path: str | Path, list_id: str | None = None) -> dict[str, Any]:
        entries = lists.read_list_file(path, list_id=list_id)
        n = self._write(ENTRIES, entries, ["list_id", "entry_id"])
        return {"entries": n, "lists": sorted(set(entries["list_id"]))}

    def list_entries(self) -> pd.DataFrame:
        return self._read(ENTRIES)

    def screener(self, required: bool = True) -> EntityScreener | None:
        if self._screener is None:
            entries = self._read(ENTRIES)
            if entries.empty:
                if required:
                    raise NotFoundError("No sensitive-entity lists are loaded.",
                                        hint="Run `kcbridge trust import-list FILE` first.")
                return None
            self._screener = EntityScreener(entries)
        return self._screener

    def screen(self, target: str) -> list[ScreenResult]:
        """Screen a name, a registry file (CSV/JSON/Excel/KRX) or, with ``registry``, the
        whole registry; one result per organisation."""
        screener = self.screener()
        assert screener is not None
        if target == "registry":
            orgs = self._read(ORGS)
        elif Path(target).is_file():
            path = Path(target)
            if "회사명" in path.read_text(encoding="utf-8-sig", errors="ignore")[:200]:
                from kcbridge.partners.krx import read_krx_listing

                orgs = read_krx_listing(path)
            else:
                orgs, _ = registry.read_registry_file(path)
        else:
            return [screener.screen(target)]
        return [screener.screen(o["name"], registry.org_names(o)) for o in orgs.to_dict("records")]

    def guideline(self) -> pd.DataFrame:
        return guideline.cooperation_guideline()
