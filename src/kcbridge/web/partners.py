"""Dashboard pages for partners and trust: organisation search, matches, the guideline."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kcbridge.errors import KcbridgeError
from kcbridge.web import render

router = APIRouter(prefix="/partners", include_in_schema=False)


@router.get("", response_class=HTMLResponse)
def search(request: Request, q: str = "") -> HTMLResponse:
    platform: Any = request.app.state.platform
    orgs = platform.partners.organisations(q or None).head(100)
    return render(request, "partners/search.html", q=q, orgs=orgs.to_dict("records"))


@router.get("/match/{org}", response_class=HTMLResponse)
def matches(request: Request, org: str) -> HTMLResponse:
    platform: Any = request.app.state.platform
    error = None
    try:
        rows = platform.partners.match(org, k=10, record_exposure=False)
    except KcbridgeError as exc:
        rows, error = [], str(exc)
    return render(request, "partners/matches.html", org=org, matches=rows, error=error)


@router.get("/guideline", response_class=HTMLResponse)
def guideline(request: Request) -> HTMLResponse:
    platform: Any = request.app.state.platform
    rows = platform.partners.guideline().to_dict("records")
    return render(request, "partners/guideline.html", rows=rows)
