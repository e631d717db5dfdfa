"""API: /api/partners (registry, matching, screening, outcomes) and the trust guideline.

Reads are open; writes (imports, outcomes) need the API token.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, File, Form, UploadFile
from pydantic import BaseModel

from kcbridge.api.deps import envelope, get_platform, require_token

router = APIRouter(prefix="/api/partners", tags=["partners"])


class OutcomeIn(BaseModel):
    profile_id: str
    partner_profile_id: str
    outcome: str
    note: str = ""


class ScreenIn(BaseModel):
    names: list[str]


class DocOrganisationIn(BaseModel):
    name: str
    aliases: list[str] = []
    country: str = ""
    kind: str = ""
    sectors: list[str] = []
    source_doc: str | list[str] = ""


class FromDocsIn(BaseModel):
    records: list[DocOrganisationIn] | None = None


class ReviewIn(BaseModel):
    accept: bool


def _save_upload(upload: UploadFile) -> Path:
    suffix = Path(upload.filename or "upload.csv").suffix or ".csv"
    with tempfile.NamedTemporaryFile(delete=False, suffix=suffix) as handle:
        handle.write(upload.file.read())
    return Path(handle.name)


@router.get("/organisations")
def organisations(q: str | None = None, platform: Any = Depends(get_platform)) -> dict[str, Any]:
    df = platform.partners.organisations(q)
    return envelope(platform, df.to_dict("records"))


@router.get("/profiles")
def profiles(org: str | None = None, platform: Any = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, platform.partners.profiles(org).to_dict("records"))


@router.get("/match/{org}")
def match(org: str, k: int = 10, domestic: bool = False,
          platform: Any = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, platform.partners.match(org, k=k, cross_border=not domestic,
                                                      record_exposure=False))


@router.get("/screen")
def screen_name(name: str, platform: Any = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, [r.to_dict() for r in platform.partners.screen(name)])


@router.post("/screen")
def screen_names(body: ScreenIn, platform: Any = Depends(get_platform)) -> dict[str, Any]:
    screener = platform.partners.screener()
    return envelope(platform, [screener.screen(n).to_dict() for n in body.names])


@router.get("/merge-candidates")
def merge_candidates(threshold: float = 90.0,
                     platform: Any = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, platform.partners.merge_candidates(threshold).to_dict("records"))


@router.get("/guideline")
def guideline(platform: Any = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, platform.partners.guideline().to_dict("records"))


@router.post("/import", dependencies=[Depends(require_token)])
def import_registry(file: UploadFile = File(...), krx: bool = Form(False),
                    platform: Any = Depends(get_platform)) -> dict[str, Any]:
    path = _save_upload(file)
    try:
        return envelope(platform, platform.partners.import_file(path, fmt="krx" if krx else None))
    finally:
        path.unlink(missing_ok=True)


@router.post("/lists", dependencies=[Depends(require_token)])
def import_list(file: UploadFile = File(...), list_id: str | None = Form(None),
                platform: Any = Depends(get_platform)) -> dict[str, Any]:
    path = _save_upload(file)
    try:
        return envelope(platform, platform.partners.import_list(path, list_id=list_id))
    finally:
        path.unlink(missing_ok=True)


@router.post("/outcomes", dependencies=[Depends(require_token)])
def record_outcome(body: OutcomeIn, platform: Any = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, platform.partners.record_outcome(
        body.profile_id, body.partner_profile_id, body.outcome, body.note))


@router.get("/candidates")
def candidates(status: str = "candidate", platform: Any = Depends(get_platform)) -> dict[str, Any]:
    df = platform.partners.candidates(None if status == "all" else status)
    return envelope(platform, df.to_dict("records"))


@router.post("/from-docs", dependencies=[Depends(require_token)])
def add_from_docs(body: FromDocsIn, platform: Any = Depends(get_platform)) -> dict[str, Any]:
    records = None if body.records is None else [r.model_dump() for r in body.records]
    return envelope(platform, platform.partners.add_from_docs(records))


@router.post("/candidates/{org_id}", dependencies=[Depends(require_token)])
def review_candidate(org_id: str, body: ReviewIn,
                     platform: Any = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, platform.partners.review_candidate(org_id, body.accept))
