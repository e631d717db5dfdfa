"""Organisations named in the stored documents, added to the registry as candidates for a
person's review (split from :mod:`kcbridge.partners.service`; the methods of
:class:`~kcbridge.partners.service.PartnersService` that use the ``partner_candidates``
table)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from kcbridge.errors import NotFoundError
from kcbridge.partners import storage
from kcbridge.partners.storage import CANDIDATES, ORGS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from kcbridge.app import Platform


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class CandidatesMixin:
    """Candidates from documents: add, list, accept or reject (never merged)."""

    platform: Platform
    store: Any

    def _read(self, name: str) -> pd.DataFrame:  # pragma: no cover - PartnersService's
        raise NotImplementedError

    def _write(self, name: str, frame: pd.DataFrame, key: list[str]) -> int:  # pragma: no cover
        raise NotImplementedError

    # ---- organisations from documents ------------------------------------------
    def docs_organisation_records(self) -> list[dict[str, Any]]:
        """Organisations named in the stored documents, as records (see
        :mod:`kcbridge.partners.from_docs`)."""
        from kcbridge.partners.from_docs import records_from_docs_tables

        docs = self.platform.docs  # the docs capability's data, through its service
        entities = docs.organisation_mentions()
        if entities.empty:
            raise NotFoundError("No documents with organisations are stored.",
                                hint="Run `kcbridge docs ingest PATH|URL...` first.")
        return records_from_docs_tables(entities, docs.organisations(), docs.document_sectors())

    def add_from_docs(self, records: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """Add organisations from documents (``records``, or those of the stored documents)
        as registry candidates for review. Never merges: possible duplicates of registry
        organisations are named, not merged; rejected candidates are not added again."""
        import pandas as pd

        from kcbridge.partners.from_docs import candidate_organisations, possible_duplicates

        records = self.docs_organisation_records() if records is None else records
        if not records:
            return {"added": 0, "updated": 0, "skipped_rejected": 0, "possible_duplicates": 0,
                    "candidates": []}
        orgs, extras = candidate_organisations(records)
        known = self._read(CANDIDATES).set_index("org_id")["status"].to_dict()
        rejected = orgs["org_id"].map(lambda o: known.get(o) == "rejected")
        orgs = orgs[~rejected]
        dupes = possible_duplicates(orgs, self._read(ORGS))
        review = pd.DataFrame({
            "org_id": orgs["org_id"],
            "status": [known.get(o) or "candidate" for o in orgs["org_id"]],
            "source_doc": [extras[o]["source_doc"] for o in orgs["org_id"]],
            "aliases": [extras[o]["aliases"] for o in orgs["org_id"]],
            "possible_duplicates": [dupes.get(o, []) for o in orgs["org_id"]],
            "added_at": _now(),
        })
        with self.store.transaction():
            self._write(ORGS, orgs, ["org_id"])
            self._write(CANDIDATES, review, ["org_id"])
        new = [o for o in orgs["org_id"] if o not in known]
        return {"added": len(new), "updated": len(orgs) - len(new),
                "skipped_rejected": int(rejected.sum()),
                "possible_duplicates": sum(1 for o in orgs["org_id"] if dupes.get(o)),
                "candidates": list(orgs["org_id"])}

    def candidates(self, status: str | None = "candidate") -> pd.DataFrame:
        """Organisations added from documents with their review status (all when
        ``status`` is None), with name, country and kind."""
        review = self._read(CANDIDATES)
        if status:
            review = review[review["status"] == status]
        orgs = self._read(ORGS)[["org_id", "name", "country", "kind", "sectors"]]
        return review.merge(orgs, on="org_id", how="left").reset_index(drop=True)

    def review_candidate(self, org_id: str, accept: bool) -> dict[str, Any]:
        """Accept a candidate into the registry, or reject it (its row is removed; the
        rejection is remembered so re-running add-from-docs does not add it again)."""
        import pandas as pd

        review = self._read(CANDIDATES)
        if org_id not in set(review["org_id"]):
            raise NotFoundError(f"No candidate {org_id!r}.",
                                hint="List them with `kcbridge partners candidates`.")
        row = review[review["org_id"] == org_id].iloc[0].to_dict()
        row["status"] = "accepted" if accept else "rejected"
        with self.store.transaction():
            self._write(CANDIDATES, pd.DataFrame([row]), ["org_id"])
            if not accept:
                storage.delete_rows(self.store, ORGS, org_id=org_id)
        return {"org_id": org_id, "status": row["status"]}
