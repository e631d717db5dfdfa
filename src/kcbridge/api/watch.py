"""`/api/watch`: dependency screening, scans, alerts (with life cycle), an Atom feed.

The lists page with ``offset`` and ``limit`` and report ``total`` (rows the filters match);
``dependencies.csv`` and ``alerts.csv`` download the whole filtered table."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

import pandas as pd
from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import Response

from kcbridge.api.deps import MAX_ROWS, Year, envelope, get_platform, require_token
from kcbridge.app import Platform

router = APIRouter(prefix="/api/watch", tags=["watch"])


@router.get("/dependencies")
def dependencies(
    importer: list[str] = Query(default=[]), year: Year = None,
    regime: str | None = None, sector: str | None = None, by: str | None = None,
    limit: int | None = Query(500, ge=0, le=MAX_ROWS,
                              description="At most this many rows (0: all)."),
    offset: int = Query(0, ge=0, le=MAX_ROWS, description="Skip this many rows (for paging)."),
    platform: Platform = Depends(get_platform),
) -> dict[str, Any]:
    """Dependency screening (flagged products, largest imports first, or a roll-up with
    ``by=sector|critical_item``). ``total`` is the number of rows the filters match (every
    page); ``offset`` and ``limit`` select a page of the products (a roll-up comes whole)."""
    kwargs: dict[str, Any] = {"importers": importer or None, "year": year, "regime": regime,
                              "sector": sector}
    if by:
        rolled = platform.watch.screen_rollup(by=by, **kwargs)
        return envelope(platform, rolled, total=len(rolled))
    rows = platform.watch.screen(limit=limit, offset=offset, **kwargs)
    return envelope(platform, rows, total=rows.attrs["total"], offset=offset, limit=limit)


@router.get("/dependencies.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}}})
def dependencies_csv(
    importer: list[str] = Query(default=[]), year: Year = None,
    regime: str | None = None, sector: str | None = None,
    platform: Platform = Depends(get_platform),
) -> Response:
    """The whole filtered dependency table (every page) as CSV; demo data start with a
    ``# SYNTHETIC ...`` line, as the CLI's ``--format csv``."""
    rows = platform.watch.screen(importers=importer or None, year=year, regime=regime,
                                 sector=sector)
    name = ["dependencies", str(rows.attrs["year"]), *importer, regime, sector]
    return _csv(platform, rows, name)


@router.post("/scan", dependencies=[Depends(require_token)])
def scan(as_of: str | None = None, months: int = Query(1, ge=1, le=120),
         platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """Run the detectors as of a month (YYYY-MM) and keep new alerts."""
    alerts = platform.watch.scan(as_of=as_of, months=months, save=True)
    return envelope(platform, alerts, as_of=alerts.attrs.get("as_of"),
                    new_alerts=alerts.attrs.get("new_alerts", 0))


@router.get("/alerts")
def alerts(
    status: str | None = None, severity: str | None = None, partner: str | None = None,
    level: str | None = Query(None, description="watch (provisional) or warning (confirmed)."),
    limit: int = Query(200, ge=0, le=MAX_ROWS, description="At most this many alerts (0: all)."),
    offset: int = Query(0, ge=0, le=MAX_ROWS, description="Skip this many alerts (for paging)."),
    platform: Platform = Depends(get_platform),
) -> dict[str, Any]:
    """Stored alerts, newest first, each with its ``level`` (``watch``: provisional;
    ``warning``: confirmed, with ``confirmed_month`` and ``confirmation``). ``total`` is
    the number of alerts the filters match (every page); ``offset`` and ``limit``
    select a page."""
    rows = platform.watch.alerts(status=status, severity=severity, partner=partner,
                                 limit=limit, offset=offset, level=level)
    return envelope(platform, rows, total=rows.attrs["total"], offset=offset, limit=limit)


@router.get("/alerts.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {}}}})
def alerts_csv(
    status: str | None = None, severity: str | None = None, partner: str | None = None,
    level: str | None = None, platform: Platform = Depends(get_platform),
) -> Response:
    """Every stored alert the filters match (every page) as CSV, newest first; demo data
    start with a ``# SYNTHETIC ...`` line, as the CLI's ``--format csv``."""
    rows = platform.watch.alerts(status=status, severity=severity, partner=partner,
                                 level=level)
    return _csv(platform, rows, ["alerts", status, severity, partner, level])


def _csv(platform: Platform, rows: pd.DataFrame, name: list[str | None]) -> Response:
    """``rows`` as a CSV download named ``kcbridge-<name parts>[-synthetic].csv``."""
    from kcbridge.formats import csv_text

    synthetic = bool(platform.synthetic)
    # a byte-order mark first: Excel then reads Korean and Chinese text right
    text = "\ufeff" + csv_text(rows, synthetic)
    parts = ["kcbridge", *(p for p in name if p), *(["synthetic"] if synthetic else [])]
    filename = re.sub(r"[^A-Za-z0-9_.-]+", "_", "-".join(parts)) + ".csv"
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/alerts/{alert_id}")
def alert(alert_id: str, platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """One alert with its series, expected band and alternative suppliers."""
    return envelope(platform, platform.watch.alert(alert_id))


@router.post("/alerts/{alert_id}/status", dependencies=[Depends(require_token)])
def set_status(alert_id: str, status: str, note: str | None = None,
               platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """Move an alert to new, acknowledged or resolved."""
    return envelope(platform, platform.watch.set_status(alert_id, status, note))


@router.get("/alternatives")
def alternatives(importer: str, product: str, year: Year = None,
                 supplier: str | None = None, limit: int = Query(10, ge=1, le=MAX_ROWS),
                 platform: Platform = Depends(get_platform)) -> dict[str, Any]:
    """Alternative supplier countries for an importer and HS6 product."""
    return envelope(platform, platform.watch.alternatives(
        importer, product, year=year, affected_supplier=supplier, limit=limit))


@router.get("/feed.atom")
def feed(request: Request, limit: int = Query(50, ge=0, le=MAX_ROWS),
         platform: Platform = Depends(get_platform)) -> Response:
    """Atom feed of the alerts with status ``new``."""
    rows = platform.watch.alerts(status="new", limit=limit)
    base = str(request.base_url).rstrip("/")
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    label = " (SYNTHETIC demo data)" if platform.synthetic else ""
    entries = []
    for r in rows.to_dict("records"):
        level = str(r.get("level") or "watch")
        month = pd.Timestamp(r["month"])
        title = (f"{level.upper()} {str(r['severity']).upper()}: {r['detector']} "
                 f"{r['direction']} in {r['reporter']}->{r['partner']} {r['product']} "
                 f"({r['flow']}) {month:%Y-%m}")
        why = str(r.get("confirmation") or "not confirmed yet")
        summary = (f"{level}: {why}; detectors: {r['detectors']}; score {r['score']:.2f} "
                   f"(threshold {r['threshold']:.2f}); observed {r['observed']:,.0f}, "
                   f"expected {r['expected']:,.0f} [{r['lower']:,.0f}, {r['upper']:,.0f}]; "
                   f"sectors: {r['sectors'] or '-'}")
        updated = pd.Timestamp(r["updated_at"]).strftime("%Y-%m-%dT%H:%M:%SZ")
        alert_id = escape(str(r["alert_id"]))
        entries.append(
            f"<entry><id>urn:kcbridge:alert:{alert_id}</id>"
            f"<title>{escape(title)}</title><updated>{updated}</updated>"
            f"<link href=\"{escape(base)}/watch/alerts/{alert_id}\"/>"
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


#: At most this many episodes in a posted list (each expands to every series it names).
MAX_POSTED_EPISODES = 500


@router.get("/backtest")
def backtest(
    episodes: str = Query("china_critical_minerals_episodes.yaml",
                          description="A bundled episodes file: "
                          "china_critical_minerals_episodes.yaml or public_episodes.yaml "
                          "(POST your own list to this path)."),
    start: str | None = Query(None, description="First month replayed (YYYY-MM)."),
    end: str | None = Query(None, description="Last month replayed (YYYY-MM)."),
    cutoff: str | None = Query("2023-01", description="End of the window the thresholds "
                               "were chosen on: false alarms are split before/from it."),
    history_from: str | None = Query(None, description="Forget the data before this month "
                                     "(YYYY-MM), as if collection began then."),
    settings: list[str] = Query(default=[], alias="set", description="Threshold overrides "
                                "KEY=VALUE, e.g. substitute_months=0 (repeatable)."),
    platform: Platform = Depends(get_platform),
) -> dict[str, Any]:
    """How the watch would have done on past episodes: the store's monthly data replayed
    in one causal pass (the same detections as a month-by-month replay) and scored per
    episode series (visible in the raw numbers, warned, in time, detector, lead, the
    substitutes that rose on the importer side) with the false alarms per 1,000 judged
    series-months (``summary``). About 15 s on the demo store."""
    from kcbridge.watch.episodes import bundled_only

    bundled_only(episodes, 'or POST your own list ({"episodes": [...]}) to '
                 "/api/watch/backtest")
    return _backtest(platform, episodes, start, end, cutoff, history_from, settings)


@router.post("/backtest")
def backtest_posted(
    body: dict[str, Any] = Body(..., description="{\"episodes\": [...]}: episodes as the "
                                "YAML file's `episodes:` list holds them (name, reporter, "
                                "partner or partners, products, flow, announced, effective, "
                                "expected_signal, source)."),
    start: str | None = None, end: str | None = None, cutoff: str | None = "2023-01",
    history_from: str | None = None,
    settings: list[str] = Query(default=[], alias="set"),
    platform: Platform = Depends(get_platform),
) -> dict[str, Any]:
    """The backtest of ``GET /api/watch/backtest`` against your own episodes."""
    from kcbridge.errors import InputError

    items = body.get("episodes")
    if not isinstance(items, list) or not items:
        raise InputError("No episodes posted.",
                         hint='Post {"episodes": [{"name": ..., "reporter": "CHN", "partners": '
                         '"*", "products": ["graphite"], "flow": "export", "announced": '
                         '"2023-10-20", "effective": "2023-12-01", "expected_signal": '
                         '["any"], "source": ...}]}.')
    if len(items) > MAX_POSTED_EPISODES:
        raise InputError(f"{len(items)} episodes posted; at most {MAX_POSTED_EPISODES}.",
                         hint="Split the list, or run `kcbridge watch backtest FILE`.")
    return _backtest(platform, items, start, end, cutoff, history_from, settings)


def _backtest(platform: Platform, episodes: str | list[dict[str, Any]], start: str | None,
              end: str | None, cutoff: str | None, history_from: str | None,
              settings: list[str]) -> dict[str, Any]:
    from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS, parse_overrides

    thresholds = DEFAULT_THRESHOLDS.with_overrides(**parse_overrides(settings, flag="set"))
    result = platform.watch.backtest(episodes, start=start, end=end, live=False,
                                     thresholds=thresholds, cutoff=cutoff,
                                     history_from=history_from)
    return envelope(platform, result.episodes, summary=result.summary)
