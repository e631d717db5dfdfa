"""API: /api/partners (registry, matching, screening, outcomes) and the trust guideline.

Reads are open; writes (imports, outcomes) need the API token. Request parameters are
never file paths: ``GET /screen?name=`` screens a name (the server's files are never read),
and uploads are read from a private temporary folder that is removed afterwards (messages
name the uploaded file, not the server's path).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from pydantic import BaseModel

from kcbridge.api.deps import MAX_RESULTS, Percent, envelope, get_platform, require_token
from kcbridge.app import Platform

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
    """The upload saved under its own (sanitised) file name in a new private folder."""
    name = Path(upload.filename or "upload.csv").name
    name = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[-80:] or "upload.csv"
    if not Path(name).suffix:
        name += ".csv"
    folder = Path(tempfile.mkdtemp(prefix="kcbridge-upload-"))
    path = folder / name
    path.write_bytes(upload.file.read())
    return path


def _remove_upload(path: Path) -> None:
    path.unlink(missing_ok=True)
    try:
        path.parent.rmdir()
    except OSError:
        pass


@router.get("/organisations")
def organisations(q: str | None = None,
                  platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    df = platform.partners.organisations(q)
    return envelope(platform, df.to_dict("records"))


@router.get("/profiles")
def profiles(org: str | None = None, platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, platform.partners.profiles(org).to_dict("records"))


@router.get("/match/{org}")
def match(org: str, k: int = Query(10, ge=1, le=MAX_RESULTS), domestic: bool = False,
          one_to_one: bool = False,
          platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """``one_to_one``: rank lower a partner that fits another profile better (a brokerage
    event's schedule; ``partners match --one-to-one``)."""
    return envelope(platform, platform.partners.match(org, k=k, cross_border=not domestic,
                                                      record_exposure=False,
                                                      one_to_one=one_to_one))


@router.get("/peers/{org}")
def peers(org: str, k: int = Query(5, ge=1, le=MAX_RESULTS),
          platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """Same-direction profiles: possible consortium members, never partners."""
    return envelope(platform, platform.partners.peers(org, k=k))


@router.get("/screen")
def screen_name(name: str = Query(..., max_length=500),
                platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """Screen one organisation name (a name only: never read as a file path)."""
    return envelope(platform, [r.to_dict() for r in platform.partners.screen_name(name)])


@router.get("/lists/history")
def list_history(list_id: str | None = None,
                 platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """Entries added and delisted at each import of a list."""
    df = platform.partners.list_history(list_id)
    df["changed_at"] = df["changed_at"].astype(str)
    return envelope(platform, df.to_dict("records"))


@router.post("/screen")
def screen_names(body: ScreenIn, platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    screener = platform.partners.screener()  # NotFoundError (404) when no list is loaded
    assert screener is not None  # required (the default): never None
    return envelope(platform, [screener.screen(n).to_dict() for n in body.names])


@router.get("/merge-candidates")
def merge_candidates(threshold: Percent = 90.0,
                     platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, platform.partners.merge_candidates(threshold).to_dict("records"))


@router.get("/guideline")
def guideline(platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, platform.partners.guideline().to_dict("records"))


@router.post("/import", dependencies=[Depends(require_token)])
def import_registry(file: UploadFile = File(...), krx: bool = Form(False),
                    platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    path = _save_upload(file)
    try:
        return envelope(platform, platform.partners.import_file(path, fmt="krx" if krx else None))
    finally:
        _remove_upload(path)


@router.post("/lists", dependencies=[Depends(require_token)])
def import_list(file: UploadFile = File(...), list_id: str | None = Form(None),
                platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    path = _save_upload(file)
    try:
        return envelope(platform, platform.partners.import_list(path, list_id=list_id))
    finally:
        _remove_upload(path)


@router.post("/outcomes", dependencies=[Depends(require_token)])
def record_outcome(body: OutcomeIn, platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, platform.partners.record_outcome(
        body.profile_id, body.partner_profile_id, body.outcome, body.note))


@router.get("/candidates")
def candidates(status: str = "candidate",
               platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    df = platform.partners.candidates(None if status == "all" else status)
    return envelope(platform, df.to_dict("records"))


@router.post("/from-docs", dependencies=[Depends(require_token)])
def add_from_docs(body: FromDocsIn, platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    records = None if body.records is None else [r.model_dump() for r in body.records]
    return envelope(platform, platform.partners.add_from_docs(records))


@router.post("/candidates/{org_id}", dependencies=[Depends(require_token)])
def review_candidate(org_id: str, body: ReviewIn,
                     platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, platform.partners.review_candidate(org_id, body.accept))
