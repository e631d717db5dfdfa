"""Download public trade data (CEPII BACI releases, UN Comtrade API queries), then load it.

Downloads stream with httpx into ``<settings.home>/downloads`` (a ``.part`` file renamed
when complete, so a finished file is never half-written) and report progress. Every
HTTP error or timeout becomes a :class:`FetchError` that says what to check.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx

from kcbridge.errors import FetchError, InputError
from kcbridge.reference.countries import country_table
from kcbridge.reference.products import normalise_revision
from kcbridge.settings import Settings
from kcbridge.sources.common import LoadResult, ProgressCallback, clip
from kcbridge.sources.countries import TradeCountryResolver
from kcbridge.sources.pipeline import load_file
from kcbridge.store import Store

#: BACI names revisions by two digits: HS92, HS96, HS02, HS07, HS12, HS17, HS22.
#: UN Comtrade's reporter codes that differ from ISO numeric.
COMTRADE_CODES = {"USA": 842, "FRA": 251, "IND": 699, "CHE": 757, "NOR": 579, "TWN": 490,
                  "WLD": 0}


def baci_revision(revision: str) -> str:
    """``HS2012`` / ``H4`` / ``HS12`` -> ``HS12`` (BACI's spelling)."""
    return "HS" + normalise_revision(revision)[4:]


def download(url: str, dest: Path, settings: Settings, *, params: dict[str, Any] | None = None,
             headers: dict[str, str] | None = None,
             progress: ProgressCallback | None = None, what: str = "the file") -> Path:
    """Stream ``url`` to ``dest``; FetchError with advice on HTTP errors and timeouts."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    task = f"Downloading {dest.name}"
    try:
        with httpx.stream("GET", url, params=params, headers=headers,
                          timeout=settings.http_timeout, follow_redirects=True) as response:
            if response.status_code >= 400:
                raise _http_error(response.status_code, str(response.url), what)
            total = int(response.headers.get("content-length") or 0) or None
            done = 0
            if progress is not None:
                progress(task, 0, total)
            with part.open("wb") as fh:
                for chunk in response.iter_bytes(1 << 20):
                    fh.write(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(task, done, total)
            if total is not None and done < total:
                raise FetchError(
                    f"The download of {what} stopped after {done} of {total} bytes.",
                    hint="Check your connection and run the command again.",
                )
    except httpx.TimeoutException as exc:
        part.unlink(missing_ok=True)
        raise FetchError(
            f"Downloading {what} from {url} timed out after {settings.http_timeout:g} s.",
            hint="Check your internet connection or proxy, or raise KCBRIDGE_HTTP_TIMEOUT.",
        ) from exc
    except httpx.HTTPError as exc:
        part.unlink(missing_ok=True)
        raise FetchError(
            f"Cannot download {what} from {url}: {exc}.",
            hint="Check your internet connection, proxy settings and the URL setting.",
        ) from exc
    except BaseException:  # FetchError, a full disk, KeyboardInterrupt: no .part left
        part.unlink(missing_ok=True)
        raise
    part.replace(dest)
    return dest


def _http_error(status: int, url: str, what: str) -> FetchError:
    if status in (401, 403):
        hint = ("The source refused the request: check your subscription key "
                "(KCBRIDGE_COMTRADE_KEY) or that the URL is public.")
    elif status == 404:
        hint = ("Nothing at that address: check the revision, the release version "
                "(KCBRIDGE_BACI_VERSION) and the URL template setting.")
    elif status == 429:
        hint = "Too many requests: wait a minute and try again (free API keys have quotas)."
    else:
        hint = "The server failed; try again later or check the source's status page."
    return FetchError(f"Downloading {what} failed: HTTP {status} from {url}.", hint=hint)


def fetch_baci(store: Store, settings: Settings, year: int, *, revision: str = "HS12",
               progress: ProgressCallback | None = None) -> LoadResult:
    """Download the BACI release (``settings.baci_url``) for ``revision`` unless it is
    already in ``<home>/downloads``, then load ``year`` from it."""
    rev = baci_revision(revision)
    url = settings.baci_url.format(revision=rev, version=settings.baci_version)
    name = Path(httpx.URL(url).path).name or f"BACI_{rev}_V{settings.baci_version}.zip"
    dest = Path(settings.home) / "downloads" / name
    notes = []
    if dest.is_file() and dest.stat().st_size > 0:
        notes.append(f"Used the release already downloaded at {dest}.")
    else:
        download(url, dest, settings, progress=progress, what=f"BACI {rev}")
    result = load_file(store, settings, "baci", dest, year=year, progress=progress)
    result.notes = notes + result.notes
    return result


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


def fetch_comtrade(store: Store, settings: Settings, *, reporter: str, partner: str | None,
                   period: str, freq: str = "A", cmd: str = "AG6", flow: str = "X,M",
                   progress: ProgressCallback | None = None) -> LoadResult:
    """Query the UN Comtrade v1 API (``settings.comtrade_url``/C/{freq}/HS), save the JSON
    in ``<home>/downloads`` and load it. ``period``: ``2022`` or ``202301`` (comma lists
    allowed); ``freq`` ``A`` or ``M``; ``cmd`` ``AG6``, ``AG2``, ``TOTAL`` or codes."""
    freq = freq.strip().upper()
    if freq not in ("A", "M"):
        raise InputError(f"Unknown frequency {freq!r}.", hint="Use A (annual) or M (monthly).")
    params = {"reporterCode": comtrade_code(reporter), "period": period, "cmdCode": cmd,
              "flowCode": flow}
    partner_code = comtrade_code(partner)
    if partner_code is not None:
        params["partnerCode"] = partner_code
    headers = {"Ocp-Apim-Subscription-Key": settings.comtrade_key} if settings.comtrade_key else {}
    url = settings.comtrade_url.rstrip("/") + f"/C/{freq}/HS"
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{reporter}_{partner or 'all'}_{period}_{freq}_{cmd}")
    dest = Path(settings.home) / "downloads" / f"comtrade_{slug}.json"
    download(url, dest, settings, params=params, headers=headers, progress=progress,
             what="the UN Comtrade query")
    _check_comtrade_payload(dest)
    return load_file(store, settings, "comtrade", dest, progress=progress)


def _check_comtrade_payload(path: Path) -> None:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FetchError("UN Comtrade answered with something that is not JSON.",
                         hint="Check KCBRIDGE_COMTRADE_URL points at the v1 data API.") from exc
    if isinstance(payload, dict) and payload.get("error"):
        raise FetchError(f"UN Comtrade refused the query: {clip(payload['error'])}.",
                         hint="Check the reporter, partner, period and commodity codes.")
    data = payload.get("data") if isinstance(payload, dict) else payload
    if not data:
        raise FetchError(
            "UN Comtrade returned no data for that query.",
            hint="Check the reporter, partner and period; recent periods may not be "
            "published yet.",
        )
