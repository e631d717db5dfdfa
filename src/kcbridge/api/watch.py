"""`/api/watch`: dependency screening, scans, alerts (with life cycle), an Atom feed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from kcbridge.api.deps import envelope, get_platform, require_token

router = APIRouter(prefix="/api/watch", tags=["watch"])


@router.get("/dependencies")
def dependencies(
    importer: list[str] = Query(default=[]), year: int | None = None,
    regime: str | None = None, sector: str | None = None, by: str | None = None,
    limit: int | None = 500, platform: Any = Depends(get_platform),
) -> dict[str, Any]:
    """Dependency screening (flagged products, or a roll-up with ``by=sector|critical_item``)."""
    kwargs = {"importers": importer or None, "year": year, "regime": regime, "sector": sector}
    if by:
        return envelope(platform, platform.watch.screen_rollup(by=by, **kwargs))
    return envelope(platform, platform.watch.screen(limit=limit, **kwargs))


@router.post("/scan", dependencies=[Depends(require_token)])
def scan(as_of: str | None = None, months: int = 1,
         platform: Any = Depends(get_platform)) -> dict[str, Any]:
    """Run the detectors as of a month (YYYY-MM) and keep new alerts."""
    alerts = platform.watch.scan(as_of=as_of, months=months, save=True)
    return envelope(platform, alerts, as_of=alerts.attrs.get("as_of"),
                    new_alerts=alerts.attrs.get("new_alerts", 0))


@router.get("/alerts")
def alerts(status: str | None = None, severity: str | None = None, partner: str | None = None,
           limit: int = 200, platform: Any = Depends(get_platform)) -> dict[str, Any]:
    """Stored alerts, newest first."""
    return envelope(platform, platform.watch.alerts(status=status, severity=severity,
                                                    partner=partner, limit=limit))


@router.get("/alerts/{alert_id}")
def alert(alert_id: str, platform: Any = Depends(get_platform)) -> dict[str, Any]:
    """One alert with its series, expected band and alternative suppliers."""
    return envelope(platform, platform.watch.alert(alert_id))


@router.post("/alerts/{alert_id}/status", dependencies=[Depends(require_token)])
def set_status(alert_id: str, status: str, note: str | None = None,
               platform: Any = Depends(get_platform)) -> dict[str, Any]:
    """Move an alert to new, acknowledged or resolved."""
    return envelope(platform, platform.watch.set_status(alert_id, status, note))


@router.get("/alternatives")
def alternatives(importer: str, product: str, year: int | None = None,
                 supplier: str | None = None, limit: int = 10,
                 platform: Any = Depends(get_platform)) -> dict[str, Any]:
    """Alternative supplier countries for an importer and HS6 product."""
    return envelope(platform, platform.watch.alternatives(
        importer, product, year=year, affected_supplier=supplier, limit=limit))


@router.get("/feed.atom")
def feed(request: Request, limit: int = 50, platform: Any = Depends(get_platform)) -> Response:
    """Atom feed of the alerts with status ``new``."""
    rows = platform.watch.alerts(status="new", limit=limit)
    base = str(request.base_url).rstrip("/")
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    label = " (SYNTHETIC demo data)" if platform.synthetic else ""
    entries = []
    for r in rows.itertuples():
        title = (f"{r.severity.upper()}: {r.detector} {r.direction} in {r.reporter}->{r.partner} "
                 f"{r.product} ({r.flow}) {r.month:%Y-%m}")
        summary = (f"detectors: {r.detectors}; score {r.score:.2f} (threshold {r.threshold:.2f}); "
                   f"observed {r.observed:,.0f}, "
                   f"expected {r.expected:,.0f} [{r.lower:,.0f}, {r.upper:,.0f}]; "
                   f"sectors: {r.sectors or '-'}")
        updated = r.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        entries.append(
            f"<entry><id>urn:kcbridge:alert:{escape(r.alert_id)}</id>"
            f"<title>{escape(title)}</title><updated>{updated}</updated>"
            f"<link href=\"{escape(base)}/watch/alerts/{escape(r.alert_id)}\"/>"
            f"<summary>{escape(summary)}</summary></entry>"
        )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<id>urn:kcbridge:watch:alerts</id><title>kcbridge new alerts{label}</title>"
        f"<updated>{now}</updated><link rel=\"self\" href=\"{escape(base)}/api/watch/feed.atom\"/>"
        + "".join(entries) + "</feed>"
    )
    return Response(xml, media_type="application/atom+xml")
