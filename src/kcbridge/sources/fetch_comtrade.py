"""UN Comtrade v1 API queries: record cap, splitting, the API's own errors, one load per part.

The data API (``/data/v1/get/C/{freq}/HS``) answers ``{"count": n, "data": [...],
"error": ""}`` and returns at most ``maxRecords`` records (100,000 with the free
comtrade-v1 key, 250,000 with premium keys), silently cutting off the rest. A result that
reaches the cap is therefore incomplete: the query is split (one query per period, then per
flow, then halves of an explicit commodity list, as the official ``comtradeapicall`` client
splits by period) and each part fetched; a query that cannot be split further (one period,
one flow, ``AG6`` for all products) is refused with how to narrow it. Every part is saved
as its own JSON file and loaded as its own query-result load, whose scope replaces only the
rows it contains, so the parts add up (see :mod:`kcbridge.store`'s load scopes).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kcbridge.errors import FetchError, InputError, KcbridgeError
from kcbridge.reference.countries import country_table
from kcbridge.settings import Settings
from kcbridge.sources.common import LoadResult, ProgressCallback, clip
from kcbridge.sources.countries import TradeCountryResolver
from kcbridge.sources.fetch_http import Downloaded, download_file
from kcbridge.sources.pipeline import load_file
from kcbridge.store import Store

#: UN Comtrade's reporter codes that differ from ISO numeric.
COMTRADE_CODES = {"USA": 842, "FRA": 251, "IND": 699, "CHE": 757, "NOR": 579, "TWN": 490,
                  "WLD": 0}

FLOW_NAMES = {"X": "exports", "M": "imports"}


def comtrade_code(value: str | None) -> str | None:
    """ISO3 / ISO numeric / name -> UN Comtrade's numeric area code (``WLD`` -> 0)."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    if text.isdigit():
        return str(int(text))
    iso3 = TradeCountryResolver().lookup(text)
    if iso3 is None:
        raise InputError(f"Unknown country {value!r}.",
                         hint="Use an ISO3 code such as KOR, CHN or USA (WLD for the world).")
    if iso3 in COMTRADE_CODES:
        return str(COMTRADE_CODES[iso3])
    table = country_table()
    numeric = table.loc[table["iso3"] == iso3, "numeric"]
    if numeric.empty or int(numeric.iloc[0]) < 0:
        raise InputError(f"{iso3} has no numeric code UN Comtrade knows.",
                         hint="Pass the Comtrade reporter code as a number.")
    return str(int(numeric.iloc[0]))


@dataclass(frozen=True)
class ComtradeQuery:
    """One call of the data API."""

    freq: str
    reporter: str
    partner: str | None
    periods: tuple[str, ...]
    cmds: tuple[str, ...]
    flows: tuple[str, ...]

    def params(self, max_records: int) -> dict[str, str]:
        params = {"reporterCode": self.reporter, "period": ",".join(self.periods),
                  "cmdCode": ",".join(self.cmds), "flowCode": ",".join(self.flows)}
        if self.partner is not None:
            params["partnerCode"] = self.partner
        params["maxRecords"] = str(max_records)
        return params

    def describe(self) -> str:
        cmds = ",".join(self.cmds)
        if len(self.cmds) > 4:
            cmds = f"{len(self.cmds)} commodity codes ({self.cmds[0]}..{self.cmds[-1]})"
        flows = "+".join(FLOW_NAMES.get(f, f) for f in self.flows)
        return (f"reporter {self.reporter}, partner {self.partner or 'all'}, period "
                f"{','.join(self.periods)}, {cmds}, {flows}")

    def file_name(self) -> str:
        text = "_".join([self.reporter, self.partner or "all", "-".join(self.periods),
                         self.freq, "-".join(self.cmds), "-".join(self.flows)])
        slug = re.sub(r"[^A-Za-z0-9]+", "-", text)
        if len(slug) > 80:
            slug = slug[:60] + "-" + hashlib.sha1(text.encode()).hexdigest()[:10]
        return f"comtrade_{slug}.json"


def split_query(query: ComtradeQuery) -> tuple[str, list[ComtradeQuery]] | None:
    """Smaller queries that together ask for the same records, and how it was split; None
    when the query asks for one period, one flow and one commodity code (or ``AG6``)."""
    if len(query.periods) > 1:
        return "period", [replace(query, periods=(p,)) for p in query.periods]
    if len(query.flows) > 1:
        return "flow", [replace(query, flows=(f,)) for f in query.flows]
    if len(query.cmds) > 1:
        half = len(query.cmds) // 2
        return "commodity list", [replace(query, cmds=query.cmds[:half]),
                                  replace(query, cmds=query.cmds[half:])]
    return None


def _codes(text: str, what: str) -> tuple[str, ...]:
    values = tuple(v.strip().upper() for v in str(text).split(",") if v.strip())
    if not values:
        raise InputError(f"No {what} given.", hint=f"Give at least one {what}.")
    return values


def fetch_comtrade(store: Store, settings: Settings, *, reporter: str, partner: str | None,
                   period: str, freq: str = "A", cmd: str = "AG6", flow: str = "X,M",
                   progress: ProgressCallback | None = None) -> LoadResult:
    """Query the UN Comtrade v1 API (``settings.comtrade_url``/C/{freq}/HS), save the JSON
    in ``<home>/downloads`` and load it. ``period``: ``2022`` or ``202301`` (comma lists
    allowed); ``freq`` ``A`` or ``M``; ``cmd`` ``AG6``, ``AG2``, ``TOTAL`` or codes. A result
    that reaches ``settings.comtrade_max_records`` is split into smaller queries (each
    loaded on its own) or refused with how to narrow it."""
    freq = freq.strip().upper()
    if freq not in ("A", "M"):
        raise InputError(f"Unknown frequency {freq!r}.", hint="Use A (annual) or M (monthly).")
    reporter_code = comtrade_code(reporter)
    if reporter_code is None:
        raise InputError("No reporter given.", hint="Give a reporter, e.g. --reporter KOR.")
    query = ComtradeQuery(freq=freq, reporter=reporter_code, partner=comtrade_code(partner),
                          periods=_codes(period, "period"), cmds=_codes(cmd, "commodity code"),
                          flows=_codes(flow, "flow"))
    notes: list[str] = []
    parts = _collect(query, settings, notes, progress)
    if not parts:
        raise FetchError(
            f"UN Comtrade returned no data for that query ({query.describe()}).",
            hint="Check the reporter, partner and period (YYYY for A, YYYYMM for M); recent "
            "periods may not be published yet.",
        )
    results: list[LoadResult] = []
    for number, (part, path) in enumerate(parts, start=1):
        try:
            results.append(load_file(store, settings, "comtrade", path, progress=progress))
        except KcbridgeError as exc:
            if results:  # say what is in the store now
                exc.hint = ((exc.hint or "") + f" Parts 1-{number - 1} of {len(parts)} of this "
                            f"query were loaded, part {number} ({part.describe()}) was not; "
                            "fix the cause and run the command again: a part loaded twice "
                            "replaces its own rows, nothing is counted twice.").strip()
            raise
    return _combine(results, parts, notes)


def _collect(query: ComtradeQuery, settings: Settings, notes: list[str],
             progress: ProgressCallback | None) -> list[tuple[ComtradeQuery, Path]]:
    """Download ``query``, splitting it while its result reaches the record cap."""
    cap = settings.comtrade_max_records
    got = _download_query(query, settings, progress)
    path = got.path
    if got.attempts > 1:
        notes.append(f"{query.describe()}: answered at attempt {got.attempts} after "
                     f"{got.waited:.1f} s of waiting (rate limit or server errors).")
    records = _check_payload(path)
    if records < cap:
        if records == 0:
            path.unlink(missing_ok=True)
            notes.append(f"No data for {query.describe()}.")
            return []
        return [(query, path)]
    path.unlink(missing_ok=True)
    split = split_query(query)
    if split is None:
        raise FetchError(
            f"UN Comtrade returned {records:,} records for {query.describe()}: its cap per "
            f"query (KCBRIDGE_COMTRADE_MAX_RECORDS={cap:,}), so the result is cut off and "
            "this query cannot be split further. Nothing was loaded.",
            hint=_narrowing_hint(query),
        )
    how, smaller = split
    notes.append(f"{query.describe()} reached the record cap ({cap:,}): split by {how} into "
                 f"{len(smaller)} queries.")
    found: list[tuple[ComtradeQuery, Path]] = []
    for sub in smaller:
        found.extend(_collect(sub, settings, notes, progress))
    return found


def _narrowing_hint(query: ComtradeQuery) -> str:
    ways = []
    if query.partner is None:
        ways.append("name a --partner")
    if not query.cmds[0].isdigit():  # AG6, AG4, ALL: every product
        ways.append("list the HS codes you need (--cmd 854231,854232)")
    premium = ("premium keys return up to 250,000 records "
               "(KCBRIDGE_COMTRADE_MAX_RECORDS=250000)")
    if not ways:
        return f"Use UN Comtrade's bulk files for a query this large, or a premium key: {premium}."
    return "Narrow the query: " + " or ".join(ways) + f"; {premium}."


def _download_query(query: ComtradeQuery, settings: Settings,
                    progress: ProgressCallback | None) -> Downloaded:
    headers = {"Ocp-Apim-Subscription-Key": settings.comtrade_key} if settings.comtrade_key else {}
    url = settings.comtrade_url.rstrip("/") + f"/C/{query.freq}/HS"
    dest = Path(settings.home) / "downloads" / query.file_name()
    return download_file(url, dest, settings,
                         params=query.params(settings.comtrade_max_records), headers=headers,
                         progress=progress, what="the UN Comtrade query")


def _check_payload(path: Path) -> int:
    """The number of records in a saved answer; FetchError for the API's own errors."""
    try:
        payload: Any = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        path.unlink(missing_ok=True)
        raise FetchError("UN Comtrade answered with something that is not JSON.",
                         hint="Check KCBRIDGE_COMTRADE_URL points at the v1 data API.") from exc
    if isinstance(payload, dict) and payload.get("error"):
        path.unlink(missing_ok=True)
        raise FetchError(f"UN Comtrade refused the query: {clip(payload['error'])}.",
                         hint="Check the reporter, partner, period and commodity codes "
                         "(https://comtradeplus.un.org/ListOfReferences).")
    data = payload.get("data") if isinstance(payload, dict) else payload
    if data is None:
        data = []
    if not isinstance(data, list):
        path.unlink(missing_ok=True)
        raise FetchError("UN Comtrade's answer has no list of records ('data').",
                         hint="Check KCBRIDGE_COMTRADE_URL points at the v1 data API.")
    count = payload.get("count") if isinstance(payload, dict) else None
    return max(len(data), count if isinstance(count, int) else 0)


def _combine(results: list[LoadResult], parts: list[tuple[ComtradeQuery, Path]],
             notes: list[str]) -> LoadResult:
    if len(results) == 1:
        result = results[0]
        result.notes = notes + result.notes
        return result
    first = results[0]
    part_notes = [
        f"Part {i}/{len(results)} ({q.describe()}): "
        + ("already loaded" if r.skipped else f"{r.rows:,} rows, load {r.load_id}")
        for i, ((q, _), r) in enumerate(zip(parts, results, strict=True), start=1)
    ]
    periods = sorted({p for r in results for p in r.periods})
    return LoadResult(
        load_id=",".join(r.load_id for r in results if r.load_id) or None,
        format=first.format,
        source=f"{len(results)} UN Comtrade queries (saved in {parts[0][1].parent})",
        target=first.target, rows=sum(r.rows for r in results),
        skipped=all(r.skipped for r in results), periods=periods,
        revision_in=first.revision_in, revision_out=first.revision_out,
        notes=notes + part_notes + [n for r in results for n in r.notes],
    )
