"""Dashboard pages for partners and trust: organisation search, matches, the guideline.

Demo organisations carry a SYNTHETIC tag; organisations a sensitive-entity list hits carry
a FLAGGED badge naming the list entry. The guideline page prints cleanly
(``static/partners.css`` has the print stylesheet).
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kcbridge.errors import KcbridgeError, NotFoundError
from kcbridge.web import platform_of, render

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from kcbridge.app import Platform

router = APIRouter(prefix="/partners", include_in_schema=False)

LEVEL_TEXT = {
    "green": "Open cooperation: ordinary due diligence.",
    "amber": "Export-control review needed before going ahead (dual-use or controlled items), "
             "or something could not be assessed (no sector, no list loaded): fail closed.",
    "red": "Do not proceed without legal advice: a partner is on a list, or a controlled item "
           "would be transferred without a licence.",
}


def _sector_name(sector_id: str) -> str:
    from kcbridge.reference.sectors import get_sector

    try:
        return str(get_sector(sector_id).name_en)
    except KcbridgeError:
        return sector_id


def _screen_rows(platform: Platform, orgs: pd.DataFrame) -> list[dict[str, Any]]:
    results = platform.partners.screen_organisations(orgs)
    rows: list[dict[str, Any]] = []
    for record in orgs.to_dict("records"):
        org = {str(k): v for k, v in record.items()}
        result = results.get(str(org["org_id"]))
        names = [n for n in (org.get("name_en"), org.get("name_ko"), org.get("name_zh"))
                 if n and n != org["name"]]
        rows.append({**org, "other_names": names,
                     "sector_names": [_sector_name(x) for x in org.get("sectors") or []],
                     "flagged": bool(result and result.flagged),
                     "hits": result.hits if result else [],
                     "review": result.review if result else []})
    return rows


@router.get("", response_class=HTMLResponse)
def search(request: Request, q: str = "") -> HTMLResponse:
    platform = platform_of(request)
    service = platform.partners
    all_orgs = service.organisations()
    orgs = service.organisations(q or None).head(100) if q else all_orgs.head(100)
    rows = _screen_rows(platform, orgs)
    summary = {
        "organisations": len(all_orgs),
        "synthetic": int(all_orgs["synthetic"].sum()) if len(all_orgs) else 0,
        "profiles": len(service.profiles()),
        "lists": int(service.list_entries()["list_id"].nunique()),
        "countries": all_orgs["country"].value_counts().to_dict() if len(all_orgs) else {},
        "candidates": len(service.candidates()),
    }
    return render(request, "partners/search.html", q=q, orgs=rows, summary=summary)


@router.get("/match/{org}", response_class=HTMLResponse)
def matches(request: Request, org: str, domestic: bool = False,
            one_to_one: bool = False) -> HTMLResponse:
    platform = platform_of(request)
    service = platform.partners
    error, own, groups = None, None, []
    try:
        org_id = service.resolve_org(org)
        own = _screen_rows(platform, service.organisations().query("org_id == @org_id"))[0]
        rows = service.match(org_id, k=10, cross_border=not domestic, record_exposure=False,
                             one_to_one=one_to_one)
        titles = {p: t for p, t in zip(service.profiles(org_id)["profile_id"],
                                        service.profiles(org_id)["title"], strict=True)}
        peers: dict[str, list[dict[str, Any]]] = {}
        for p in service.peers(org_id, k=5):
            peers.setdefault(p["profile_id"], []).append(p)
        for pid, items in groupby(rows, key=lambda r: r["profile_id"]):
            groups.append({"profile_id": pid, "title": titles.get(pid, pid),
                           "matches": list(items), "peers": peers.get(pid, [])})
    except NotFoundError as exc:
        error = str(exc)
    except KcbridgeError as exc:
        error = str(exc)
    return render(request, "partners/matches.html", org=org, own=own, groups=groups,
                  domestic=domestic, one_to_one=one_to_one, error=error,
                  level_text=LEVEL_TEXT)


@router.get("/guideline", response_class=HTMLResponse)
def guideline(request: Request) -> HTMLResponse:
    platform = platform_of(request)
    rows = platform.partners.guideline().to_dict("records")
    sectors = []
    for _, group in groupby(rows, key=lambda r: r["sector"]):
        items = list(group)
        sectors.append({"sector": items[0], "rows": items})
    counts = {lvl: sum(1 for r in rows if r["level"] == lvl) for lvl in ("green", "amber", "red")}
    red_when = rows[0]["red_when"] if rows else ""
    return render(request, "partners/guideline.html", sectors=sectors, rows=rows,
                  counts=counts, red_when=red_when, level_text=LEVEL_TEXT)
