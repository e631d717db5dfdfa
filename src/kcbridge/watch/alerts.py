"""Alerts: detections grouped, scored for severity and linked to sectors and critical
items. Pure functions of frames: the ``watch_alerts`` table that keeps them with a life
cycle (``new`` -> ``acknowledged`` -> ``resolved``) is :mod:`kcbridge.watch.storage`'s.

One alert per series-month (reporter, partner, product, flow, month), however many
detectors fired: ``detector``, ``direction`` and the evidence (score, threshold,
observed, expected, band) are those of the strongest detection (highest score /
threshold); ``detectors`` lists every detector that fired, strongest first, as
``name (direction)``; ``measures`` the measures that fired in the main direction;
``breadth`` the share of the other series of the same reporter and product that moved
the same way that month; ``level`` ``watch`` (provisional) or ``warning`` (confirmed,
with ``confirmed_month`` and ``confirmation``: see :mod:`kcbridge.watch.levels`; a
stored ``watch`` becomes a ``warning`` when a later scan confirms it). ``alert_id``
is a hash of the series-month, so re-running a scan on the same data raises no
duplicate: stored alerts keep their status, only unseen ids are inserted (see
:func:`kcbridge.watch.storage.save_alerts`).

Severity points: score / threshold >= 1.4 (+1) or >= 2 (+2); value and quantity both
fired (+1); expected monthly value >= 10 M USD (+1); the mirror flow (the partner's own
report) confirms (+1); the other destinations moved too (``breadth`` >= 0.4, +1); the
product is a critical item (+1). 0-1 ``low``, 2 ``medium``, 3 ``high``, 4+ ``critical``.

Mirror: for a detection on (R, P, product, flow) the mirror series is (P, R, product,
other flow). ``mirror`` is ``confirmed`` when it fired in the same direction that month
or the month before, ``not_confirmed`` when it was scanned without such a detection,
``absent`` when that series is not loaded.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from kcbridge.errors import InputError

if TYPE_CHECKING:  # pragma: no cover - Ibis is imported when the schema is first asked for
    import ibis  # and pandas by the functions that build alerts: the constants and the
    import pandas as pd  # checks (a listing of stored alerts) need neither

#: an alert's life cycle (kept in the store: :mod:`kcbridge.watch.storage`)
STATUSES = ("new", "acknowledged", "resolved")
SEVERITIES = ("low", "medium", "high", "critical")
#: the columns of an alert (:func:`build_alerts`' frames and the stored table) and their
#: Ibis types; ``ALERTS_SCHEMA`` is the same as an Ibis schema, built on first use (a
#: command reading stored alerts in plain SQL never imports Ibis)
ALERT_TYPES: dict[str, str] = {
    "alert_id": "string", "reporter": "string", "partner": "string", "product": "string",
    "flow": "string", "month": "date", "detector": "string", "direction": "string",
    "detectors": "string", "measures": "string", "breadth": "float64",
    "severity": "string", "score": "float64", "threshold": "float64",
    "observed": "float64", "expected": "float64", "lower": "float64", "upper": "float64",
    "change": "float64", "expected_value_usd": "float64", "mirror": "string",
    "sectors": "string", "critical_items": "string", "status": "string",
    "created_at": "timestamp", "updated_at": "timestamp", "note": "string",
    "level": "string", "confirmed_month": "date", "confirmation": "string",
}
ALERT_COLUMNS = tuple(ALERT_TYPES)


def __getattr__(name: str) -> ibis.Schema:
    """``ALERTS_SCHEMA``: :data:`ALERT_TYPES` as an Ibis schema (Ibis imported here)."""
    if name == "ALERTS_SCHEMA":
        import ibis

        schema = ibis.schema(ALERT_TYPES)
        globals()["ALERTS_SCHEMA"] = schema
        return schema
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: alert levels (see :mod:`kcbridge.watch.levels`): provisional, then confirmed
LEVELS = ("watch", "warning")
KEY = ["reporter", "partner", "product", "flow", "month"]
#: breadth at which the other destinations count as confirming an alert
BROAD_SHARE = 0.4


def alert_id(row: dict | pd.Series) -> str:
    import pandas as pd

    values: list[Any] = [row[k] for k in KEY]  # a dict or a Series: cells of any type
    text = "|".join(str(pd.Timestamp(v).date()) if k == "month" else str(v)
                    for k, v in zip(KEY, values, strict=True))
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def mirror_status(detections: pd.DataFrame, keys: pd.DataFrame) -> pd.Series:
    """``confirmed`` / ``not_confirmed`` / ``absent`` for each detection row."""
    import pandas as pd

    flip = {"export": "import", "import": "export"}
    known = set(map(tuple, keys[["reporter", "partner", "product", "flow"]].to_numpy()))
    rows: list[tuple[Any, ...]] = list(zip(*(detections[c].tolist() for c in (
        "reporter", "partner", "product", "flow", "month", "direction")), strict=True))
    fired = set()
    for reporter, partner, product, flow, month_, direction in rows:
        m = pd.Timestamp(month_)
        for month in (m, m + pd.DateOffset(months=1)):
            fired.add((reporter, partner, product, flow, month, direction))
    out = []
    for reporter, partner, product, flow, month_, direction in rows:
        mirror = (partner, reporter, product, flip.get(str(flow), str(flow)))
        if mirror not in known:
            out.append("absent")
        elif (*mirror, pd.Timestamp(month_), direction) in fired:
            out.append("confirmed")
        else:
            out.append("not_confirmed")
    return pd.Series(out, index=detections.index, dtype=object)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")


def product_links(product: str, critical: pd.DataFrame) -> tuple[str, str]:
    """(sectors, critical items) of a product as ';'-joined text. HS codes match the
    critical-items table by prefix and the sector taxonomy; group names (e.g.
    ``Gallium/Germanium``) match the critical items' ``material_group``."""
    from kcbridge.reference.sectors import sectors_of_product

    code = str(product)
    if code.isdigit():
        items = critical[critical["hs6"].str.startswith(code[:6])]
        try:
            sectors = set(sectors_of_product(code))
        except InputError:
            sectors = set()
    else:
        items = critical[critical["material_group"] == _norm(code)]
        sectors = set()
    for cell in items["sectors"]:
        sectors.update(s.strip() for s in cell.split(";") if s.strip())
    return ";".join(sorted(sectors)), ";".join(items["hs6"].tolist())


def build_alerts(
    detections: pd.DataFrame, keys: pd.DataFrame, critical: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Alerts (columns of :data:`ALERTS_SCHEMA`, status ``new``) from detections, one per
    series-month (see the module docstring)."""
    import pandas as pd

    if detections.empty:
        return pd.DataFrame(columns=list(ALERT_COLUMNS))
    if critical is None:
        from kcbridge.reference.sectors import critical_items

        critical = critical_items()
    d = detections.copy()
    if "breadth" not in d.columns:
        d["breadth"] = float("nan")
    d["mirror"] = mirror_status(d, keys)
    d["ratio"] = d["score"] / d["threshold"]
    d = d.sort_values(["ratio", "detector"], ascending=[False, True], kind="stable")
    best = d.drop_duplicates(KEY).set_index(KEY)
    d["label"] = d["detector"] + " (" + d["direction"] + ")"
    best["detectors"] = d.groupby(KEY)["label"].agg(lambda x: ", ".join(dict.fromkeys(x)))
    main = d.merge(best["direction"].rename("main").reset_index(), on=KEY)
    main = main[main["direction"] == main["main"]]
    best["measures"] = main.groupby(KEY)["measure"].agg(lambda m: ",".join(sorted(set(m))))
    best["breadth"] = main.groupby(KEY)["breadth"].max()
    best = best.reset_index()
    links = {p: product_links(p, critical) for p in best["product"].unique()}
    best["sectors"] = best["product"].map(lambda p: links[p][0])
    best["critical_items"] = best["product"].map(lambda p: links[p][1])
    points = (
        (best["ratio"] >= 1.4).astype(int) + (best["ratio"] >= 2.0).astype(int)
        + best["measures"].str.contains("value").astype(int)
        * best["measures"].str.contains("quantity").astype(int)
        + (best["expected_value_usd"] >= 1e7).astype(int)
        + (best["mirror"] == "confirmed").astype(int)
        + (best["breadth"].fillna(0.0) >= BROAD_SHARE).astype(int)
        + (best["critical_items"] != "").astype(int)
    )
    best["severity"] = [SEVERITIES[min(max(p - 1, 0), 3)] for p in points]
    if "level" not in best.columns:  # detections without levels: provisional
        best["level"], best["confirmed_month"], best["confirmation"] = "watch", pd.NaT, ""
    best["level"] = best["level"].fillna("watch")
    best["confirmed_month"] = pd.to_datetime(best["confirmed_month"])
    best["confirmation"] = best["confirmation"].fillna("")
    now = datetime.now(UTC).replace(tzinfo=None)
    best["status"] = "new"
    best["created_at"] = now
    best["updated_at"] = now
    best["note"] = ""
    best["month"] = pd.to_datetime(best["month"])
    best["alert_id"] = best.apply(alert_id, axis=1)
    best["_rank"] = best["severity"].map(SEVERITIES.index)
    best = best.sort_values(["month", "_rank", "score"], ascending=[False, False, False])
    return best[list(ALERT_COLUMNS)].reset_index(drop=True)


def check_level(level: str) -> None:
    """Raise :class:`InputError` unless ``level`` is one of :data:`LEVELS`."""
    check_choice(level, LEVELS, "level")


def check_choice(value: str, allowed: tuple[str, ...], what: str) -> None:
    """Raise :class:`InputError` (naming the choices) unless ``value`` is in ``allowed``."""
    if value not in allowed:
        raise InputError(f"Unknown {what} {value!r}.", hint=f"Use one of {', '.join(allowed)}.")
