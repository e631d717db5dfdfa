"""Human names for the ids the watch stores (detectors, mirror status, measures).

The store keeps short ids (``broad_surge``, ``not_confirmed``, ``quantity,value``) because they
are stable keys for filters, CSV and the API; pages show what they mean. Pure functions, no
I/O. Sector names come from the taxonomy (``sector_labels`` in :mod:`kcbridge.web.watch`).
"""
from __future__ import annotations

import re

#: detector id -> (name, what it means), in English (the pages have no language of their own)
DETECTORS: dict[str, tuple[str, str]] = {
    "seasonal_residual": ("Unusual for the season",
                          "far from the usual level of the same month (seasonality removed)"),
    "collapse": ("Collapse", "the flow fell well below its expected range"),
    "sustained_collapse": ("Sustained collapse",
                           "the flow stayed below its expected range two months in a row"),
    "abrupt_collapse": ("Abrupt collapse",
                        "a fall of 85 % or more against the series' robust level in one month"),
    "surge": ("Surge", "the flow rose well above its expected range"),
    "changepoint": ("Change of level", "the series shifted to a new level (CUSUM changepoint)"),
    "unit_price_spike": ("Unit-price spike", "the price per unit jumped or fell sharply"),
    "front_loading": ("Front-loading",
                      "buyers rushing before a measure takes effect (often the first sign)"),
    "broad_collapse": ("Broad collapse",
                       "many destinations of the same control family fell the same month"),
    "broad_surge": ("Broad surge",
                    "many destinations of the same control family rose the same month"),
    "substitution": ("Supplier being replaced",
                     "imports from this supplier fell while other suppliers' rose"),
    "news_restriction": ("Restriction in the news",
                         "a document reports a restriction on a critical material"),
}

DIRECTIONS = {"up": "rising", "down": "falling"}

#: mirror status id -> (name, what it means)
MIRROR: dict[str, tuple[str, str]] = {
    "confirmed": ("confirmed by the partner",
                  "the partner's own report of the same flow moved the same way"),
    "not_confirmed": ("not confirmed by the partner",
                      "the partner's report of the same flow was scanned and did not move"),
    "absent": ("no partner report", "the partner's report of this flow is not loaded"),
}

MEASURES: dict[str, str] = {
    "value": "value (USD)", "quantity": "quantity", "unit_value": "unit value",
    "news": "news", "share": "supplier share",
}

LEVELS: dict[str, tuple[str, str]] = {
    "watch": ("watch", "provisional: reported on its own month, not yet confirmed"),
    "warning": ("warning", "confirmed by breadth, a second month, or a restriction statement"),
}

_DETECTOR_PART = re.compile(r"\s*([a-z_]+)(?:\s*\((up|down)\))?\s*")


def detector_name(detector: str, direction: str | None = None) -> str:
    """``broad_surge`` + ``up`` -> ``Broad surge (rising)``; unknown ids are shown as they are."""
    name = DETECTORS.get(detector, (detector, ""))[0]
    if direction in DIRECTIONS and detector not in ("front_loading", "substitution"):
        return f"{name} ({DIRECTIONS[direction]})"
    return name


def detector_help(detector: str) -> str:
    """One line on what the detector saw (empty for an unknown id)."""
    return DETECTORS.get(detector, ("", ""))[1]


def detectors_text(detectors: str) -> str:
    """The stored list ``front_loading (up), surge (up)`` in words."""
    parts = []
    for piece in str(detectors or "").split(","):
        m = _DETECTOR_PART.fullmatch(piece)
        if not piece.strip():
            continue
        parts.append(detector_name(m.group(1), m.group(2)) if m else piece.strip())
    return ", ".join(parts)


def mirror_name(status: str) -> str:
    return MIRROR.get(str(status or ""), (str(status or "–"), ""))[0]


def mirror_help(status: str) -> str:
    return MIRROR.get(str(status or ""), ("", ""))[1]


def measures_text(measures: str) -> str:
    """``quantity,value`` -> ``quantity and value (USD)``."""
    parts = [m.strip() for m in str(measures or "").split(",") if m.strip()]
    names = [MEASURES.get(m, m) for m in parts]
    if len(names) <= 1:
        return names[0] if names else "–"
    return ", ".join(names[:-1]) + " and " + names[-1]


__all__ = [
    "DETECTORS", "LEVELS", "MEASURES", "MIRROR", "detector_help", "detector_name",
    "detectors_text", "measures_text", "mirror_help", "mirror_name",
]
