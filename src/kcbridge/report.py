"""The headline report printed after ``kcbridge demo`` and by ``kcbridge report``.

Every capability of :data:`kcbridge.capabilities.CAPABILITIES` is asked, in that order,
for its service's ``headline() -> {"title": str, "rows": list[dict]}``; sections whose
data is missing (a NotFoundError) are left out; a capability that stays single-machine on
the Spark store gets a section saying it was skipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kcbridge.capabilities import CAPABILITIES
from kcbridge.errors import NotFoundError

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.app import Platform


def headline_report(platform: Platform) -> list[dict[str, Any]]:
    """The store's section, then one section per capability that has something to say."""
    from kcbridge.store.spark import SingleMachineError

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
    for cap in CAPABILITIES:
        try:
            service = getattr(platform, cap.name)
        except SingleMachineError as exc:  # the Spark store: say what was left out
            sections.append({"title": f"{cap.name}: skipped",
                             "rows": [{"what": "skipped", "value": exc.message}]})
            continue
        try:
            section = service.headline()
        except NotFoundError:
            continue
        if section and section.get("rows"):
            sections.append(section)
    return sections
