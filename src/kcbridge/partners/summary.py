"""The partners section of the headline report (``kcbridge demo`` / ``kcbridge report``).

Rows: organisations by country and by kind (with how many are SYNTHETIC demo rows),
profiles by language, organisations flagged by the loaded sensitive-entity lists,
candidates from documents waiting for review, and the best reciprocal KOR-CHN match with
its score (searched from at most :data:`MAX_QUERIES` Korean profiles, so the report stays
quick on a large registry; the row says so when it was capped).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kcbridge.errors import NotFoundError

MAX_QUERIES = 300


def _counts(values: Any, limit: int = 6) -> str:
    counts = Counter(str(v).replace("_", " ") or "unknown" for v in values)
    return ", ".join(f"{k} {n}" for k, n in counts.most_common(limit))


def best_pair(service: Any, home: str = "KOR", other: str = "CHN") -> dict[str, Any] | None:
    """The highest-scoring reciprocal match between a ``home`` and an ``other`` profile."""
    try:
        matcher = service.matcher()
    except NotFoundError:
        return None
    countries = dict(zip(matcher.orgs["org_id"], matcher.orgs["country"], strict=False))
    queries = [p for p, o in zip(matcher.profiles["profile_id"], matcher.profiles["org_id"],
                                 strict=True) if countries.get(o) == home]
    best: dict[str, Any] | None = None
    hook = service._complementarity_hook()
    for pid in queries[:MAX_QUERIES]:
        for m in matcher.match(pid, k=5, complementarity=hook):
            if m.partner_country == other and (best is None or m.score > best["score"]):
                best = {**m.to_dict(), "queries": min(len(queries), MAX_QUERIES),
                        "capped": len(queries) > MAX_QUERIES}
    return best


def registry_headline(service: Any) -> dict[str, Any]:
    orgs = service.organisations()
    if orgs.empty:
        raise NotFoundError("The partner registry is empty.",
                            hint="Import it with `kcbridge partners import FILE`.")
    synthetic = int(orgs["synthetic"].sum())
    label = f" (SYNTHETIC demo: {synthetic})" if synthetic else ""
    rows = [
        {"what": "organisations", "value": f"{len(orgs)}{label}: {_counts(orgs['country'])}"},
        {"what": "by kind", "value": _counts(orgs["kind"])},
    ]
    profiles = service.profiles()
    if len(profiles):
        rows.append({"what": "profiles",
                     "value": f"{len(profiles)}: {_counts(profiles['language'])}"})
    screener = service.screener(required=False)
    if screener is not None:
        flagged = [r.name for r in service.screen("registry") if r.flagged]
        lists = service.list_entries()["list_id"].nunique()
        names = ", ".join(flagged[:4]) + (" ..." if len(flagged) > 4 else "")
        rows.append({"what": "flagged organisations",
                     "value": f"{len(flagged)} of {len(orgs)} on {lists} list(s)"
                              + (f": {names}" if flagged else "")})
    candidates = service.candidates()
    if len(candidates):
        rows.append({"what": "candidates from documents",
                     "value": f"{len(candidates)} waiting for review"})
    best = best_pair(service)
    if best is not None:
        org_names = dict(zip(orgs["org_id"], orgs["name"], strict=False))
        own = service.matcher().profiles.set_index("profile_id").loc[best["profile_id"],
                                                                        "org_id"]
        comp = (f", complementarity {best['complementarity']:.3f} "
                f"({best['complementarity_sector']})" if best["complementarity"] is not None
                else "")
        scope = f" (top of {best['queries']} KOR profiles)" if best["capped"] else ""
        rows.append({"what": "best KOR-CHN match",
                     "value": f"{org_names.get(own, own)} <-> {best['partner_name']}: "
                              f"score {best['score']:.3f}{comp}{scope}"})
    return {"title": "Partners and trust" + (" (SYNTHETIC registry)" if synthetic else ""),
            "rows": rows}
