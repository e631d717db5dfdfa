"""Core endpoints: health, store status, countries, products, sectors, loads."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile

from kcbridge.api.deps import MAX_YEAR, MIN_YEAR, envelope, get_platform, require_token
from kcbridge.app import Platform
from kcbridge.errors import KcbridgeError, clip

router = APIRouter(prefix="/api", tags=["core"])


@router.get("/health")
def health(platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """Liveness and the store backend."""
    from kcbridge import __version__

    engine = getattr(platform.store, "engine", platform.store.backend)
    return {"ok": True, "version": __version__, "backend": engine}


@router.get("/status")
def status(platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """What the store holds (tables, years, months, loads)."""
    return envelope(platform, platform.status())


@router.get("/countries")
def countries(q: str | None = None, platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """Countries matching ``q`` (code or part of a name); all without ``q``."""
    return envelope(platform, platform.list_countries(q))


@router.get("/countries/{code}")
def country(code: str, platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    iso3 = platform.country(code)
    df = platform.list_countries(iso3)
    return envelope(platform, df[df["iso3"] == iso3].iloc[0].to_dict())


@router.get("/products")
def products(
    q: str | None = None,
    level: int | None = Query(None, description="2, 4 or 6 digits.", json_schema_extra={
        "enum": [2, 4, 6]}),
    limit: int = Query(200, ge=0, le=2000, description="At most this many products."),
    platform: Platform = Depends(get_platform),
) -> dict[str, Any]:
    """HS products (code prefix or words), with end-use stage."""
    return envelope(platform, platform.list_products(q, level=level, limit=min(limit, 2000)))


@router.get("/products/{code}")
def product(code: str, platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, platform.product(code))


@router.get("/sectors")
def sectors(platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """The sector taxonomy with HS6 codes and keywords in en/ko/zh."""
    return envelope(platform, platform.list_sectors())


@router.get("/critical-items")
def critical_items(platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    return envelope(platform, platform.critical_items())


@router.post("/loads", dependencies=[Depends(require_token)])
def create_load(
    format: str = Form(..., description="baci, comtrade, kcs or exports-world"),
    file: UploadFile = File(...),
    year: int | None = Form(None, ge=MIN_YEAR, le=MAX_YEAR),
    revision: str | None = Form(None),
    platform: Platform = Depends(get_platform),
) -> dict[str, Any]:
    """Upload and load a file (needs the token). Re-sending the same file changes nothing."""
    name = clip(Path(file.filename or "upload").name or "upload", 100)
    suffix = Path(name).suffix
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        with path.open("wb") as fh:
            shutil.copyfileobj(file.file, fh)
        try:
            result = platform.load(format, path, year=year, revision=revision)
        except KcbridgeError as exc:  # name the upload, not the server's temp folder
            exc.replace_text(str(path), name)
            exc.replace_text(tmp, "(upload)")
            exc.replace_text(path.name, name)
            raise
    data = result.to_dict()
    if isinstance(data.get("source"), str):
        data["source"] = (data["source"].replace(str(path), name).replace(tmp, "(upload)")
                          .replace(path.name, name))
    return envelope(platform, data)
