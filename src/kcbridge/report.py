"""The headline report printed after ``kcbridge demo`` and by ``kcbridge report``.

Each capability service may offer ``headline() -> {"title": str, "rows": list[dict]}``;
sections whose data is missing (a NotFoundError) are left out; a capability that stays
single-machine on the Spark store gets a section saying it was skipped.
"""

from __future__ import annotations

from typing import Any

from kcbridge.errors import NotFoundError
from kcbridge.store.spark import SingleMachineError

SERVICES = ("trade", "watch", "partners", "docs")


def headline_report(platform: Any) -> list[dict[str, Any]]:
    status = platform.status()
    a, m = status["annual"], status["monthly"]
    sections: list[dict[str, Any]] = [
        {
            "title": "Store",
            "rows": [
                {"what": "store", "value": status["store"]},
                {"what": "synthetic", "value": "yes" if status["synthetic"] else "no"},
                {"what": "annual rows", "value": f"{a['rows']:,}"},
                {"what": "years", "value": ", ".join(str(y) for y in a["years"]) or "none"},
                {"what": "monthly series", "value": f"{m['series']:,}"},
            ],
        }
    ]
    for name in SERVICES:
        try:
            service = getattr(platform, name)
        except ModuleNotFoundError:
            continue
        except SingleMachineError as exc:  # the Spark store: say what was left out
            sections.append({"title": f"{name}: skipped",
                             "rows": [{"what": "skipped", "value": exc.message}]})
            continue
        headline = getattr(service, "headline", None)
        if headline is None:
            continue
        try:
            section = headline()
        except NotFoundError:
            continue
        if section and section.get("rows"):
            sections.append(section)
    return sections
