"""News signals as watch alerts: restriction statements read from documents (export
controls, bans, licensing) that name a critical material become alerts of detector
``news_restriction``, beside the trade-data detectors.

A statement often comes before the trade data shows anything (an announcement precedes
the measure's effect), so these alerts are the watch's earliest signal. No look-ahead: an
alert's month is the month the document was published (``published``; the statement's own
date, which may be a future effective date, only when the publication date is unknown),
and a scan as of month ``t`` only sees alerts of months up to ``t``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pandas as pd

from kcbridge.watch.alerts import ALERTS_SCHEMA, alert_id, product_links

DETECTOR = "news_restriction"
WORLD = "WLD"


def news_alerts(
    signals: pd.DataFrame, months: list[pd.Timestamp], critical: pd.DataFrame
) -> pd.DataFrame:
    """Alerts (columns of ``ALERTS_SCHEMA``) for signals dated within ``months``.

    ``signals`` has the columns of :func:`kcbridge.docs.signals.restriction_signals`
    (``date, hs6, item, imposer, title, text, confidence, doc_id ...``). One alert per
    imposer, product and month: the reporter is the imposing country, the partner ``WLD``
    (a measure hits every destination), severity ``high`` from confidence 0.8, else
    ``medium``; the note quotes the statement and names its document."""
    columns = list(ALERTS_SCHEMA.names)
    if signals.empty or not months:
        return pd.DataFrame(columns=columns)
    s = signals.copy()
    known = pd.to_datetime(s["date"])
    if "published" in s.columns:
        known = pd.to_datetime(s["published"]).fillna(known)
    s["month"] = known.dt.to_period("M").dt.to_timestamp()
    s = s.dropna(subset=["month"])
    wanted = {pd.Timestamp(m).to_period("M").to_timestamp() for m in months}
    s = s[s["month"].isin(wanted)]
    if s.empty:
        return pd.DataFrame(columns=columns)
    s = s.sort_values("confidence", ascending=False).drop_duplicates(["imposer", "hs6", "month"])
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = []
    records: list[dict[str, Any]] = [{str(k): v for k, v in r.items()}
                                     for r in s.to_dict("records")]
    for sig in records:
        sectors, items = product_links(str(sig["hs6"]), critical)
        quote = " ".join(str(sig["text"]).split())[:400]
        row = {
            "reporter": str(sig["imposer"]), "partner": WORLD, "product": str(sig["hs6"]),
            "flow": "export", "month": sig["month"], "detector": DETECTOR, "direction": "down",
            "detectors": f"{DETECTOR} (down)", "measures": "news", "breadth": float("nan"),
            "severity": "high" if float(sig["confidence"]) >= 0.8 else "medium",
            "score": float(sig["confidence"]), "threshold": float("nan"),
            "observed": float("nan"), "expected": float("nan"), "lower": float("nan"),
            "upper": float("nan"), "change": float("nan"), "expected_value_usd": float("nan"),
            "mirror": "absent", "sectors": sectors, "critical_items": items or str(sig["hs6"]),
            "status": "new", "created_at": now, "updated_at": now,
            "note": f"{sig['title']}: \u201c{quote}\u201d (document {sig['doc_id']})",
            # a statement alone is provisional: the trade data have not moved yet
            "level": "watch", "confirmed_month": pd.NaT, "confirmation": "",
        }
        row["alert_id"] = alert_id(row)
        rows.append(row)
    return pd.DataFrame(rows)[columns]
