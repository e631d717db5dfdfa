"""HTTP downloads that survive the public servers: retries with backoff, resume with Range.

A download streams into ``<dest>.part`` and is renamed to ``dest`` only when complete, so a
finished file is never half-written. On HTTP 429/500/502/503/504, a timeout or a dropped
connection it waits and tries again (``settings.fetch_retries`` times), the wait doubling
from ``settings.fetch_backoff`` seconds with random jitter, or as long as the server's
``Retry-After`` asks, all waits of one download together at most ``settings.fetch_max_wait``.

When the server identifies the file (``ETag`` or ``Last-Modified``) the bytes already
received are kept: the next attempt, or the next run, asks only for the rest (``Range``)
with ``If-Range``, so a file changed on the server in between is downloaded again from the
start, as is one from a server that ignores ``Range``. Without validators a broken download
cannot be resumed safely and its ``.part`` file is removed on any exit.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx

from kcbridge.errors import FetchError
from kcbridge.settings import Settings
from kcbridge.sources.common import ProgressCallback, clip

#: Answers worth another try: rate limited, or the server (or a proxy before it) failed.
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})

#: Waits go through this name so tests can record them instead of sleeping.
sleep: Callable[[float], None] = time.sleep


@dataclass
class Downloaded:
    """What :func:`download_file` did."""

    path: Path
    size: int
    sha256: str
    attempts: int
    #: byte the last, completed response started at: bytes kept from an earlier attempt
    #: or run (0: the file came whole in one response)
    resumed_from: int
    #: seconds waited between attempts
    waited: float


class _Dropped(Exception):
    """The body ended before Content-Length said it would."""


def download(url: str, dest: Path, settings: Settings, *, params: dict[str, Any] | None = None,
             headers: dict[str, str] | None = None,
             progress: ProgressCallback | None = None, what: str = "the file") -> Path:
    """Stream ``url`` to ``dest`` (see :func:`download_file`); the path of the finished file."""
    return download_file(url, dest, settings, params=params, headers=headers,
                         progress=progress, what=what).path


def download_file(url: str, dest: Path, settings: Settings, *,
                  params: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
                  progress: ProgressCallback | None = None,
                  what: str = "the file") -> Downloaded:
    """Stream ``url`` to ``dest`` with retries and resume; FetchError with advice when it
    cannot (HTTP errors, timeouts, retries used up)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    meta = dest.with_name(dest.name + ".part.json")
    identity = str(httpx.URL(url, params=params)) if params else url
    retry = _Retries(settings, what, url)
    task = f"Downloading {dest.name}"
    resumed_from: int | None = None
    try:
        while True:
            validator = _resume_validator(part, meta, identity)
            offset = part.stat().st_size if validator else 0
            if validator is None:
                _discard(part, meta)
            send = dict(headers or {})
            if validator is not None:
                send["Range"] = f"bytes={offset}-"
                send["If-Range"] = validator
            try:
                with httpx.stream("GET", url, params=params, headers=send,
                                  timeout=settings.http_timeout,
                                  follow_redirects=True) as response:
                    status = response.status_code
                    if status in RETRY_STATUS:
                        retry.after_status(status, response, part)
                        continue
                    if status == 416 and validator is not None:
                        # the kept bytes do not fit the file any more: start again
                        _discard(part, meta)
                        retry.after_restart()
                        continue
                    if status >= 400:
                        _discard(part, meta)
                        raise http_error(status, str(response.url), what, _detail(response))
                    start = _body_start(response, offset)
                    if start is None:  # a 206 for other bytes than asked: start again
                        _discard(part, meta)
                        retry.after_restart()
                        continue
                    if start != offset:  # 200: Range ignored or the file changed
                        _discard(part, meta)
                    _remember(response, meta, identity)
                    resumed_from = start
                    _stream_body(response, part, start, task, progress)
            except (httpx.TransportError, _Dropped) as exc:
                retry.after_error(exc, part)
                continue
            break
    except BaseException:
        # keep the bytes only when a later attempt can check they still belong to the file
        if _resume_validator(part, meta, identity) is None:
            _discard(part, meta)
        raise
    part.replace(dest)
    meta.unlink(missing_ok=True)
    return Downloaded(path=dest, size=dest.stat().st_size, sha256=file_sha256(dest),
                      attempts=retry.attempt, resumed_from=resumed_from or 0,
                      waited=retry.waited)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stream_body(response: httpx.Response, part: Path, start: int, task: str,
                 progress: ProgressCallback | None) -> None:
    length = response.headers.get("content-length")
    total = start + int(length) if length and length.isdigit() else None
    total = _range_total(response) or total
    if _encoded(response):
        total = None  # Content-Length counts the compressed bytes
    done = start
    if progress is not None:
        progress(task, done, total)
    with part.open("ab" if start else "wb") as fh:
        for chunk in response.iter_bytes(None):  # as received: a drop keeps what came
            fh.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(task, done, total)
    if total is not None and done < total:
        raise _Dropped(f"the server sent {done:,} of {total:,} bytes")


def _body_start(response: httpx.Response, offset: int) -> int | None:
    """Byte of the file the body starts at: 0 for a 200, ``offset`` for a matching 206,
    None for a 206 of other bytes."""
    if response.status_code != 206:
        return 0
    match = re.match(r"bytes (\d+)-", response.headers.get("content-range", ""))
    if match is None or int(match.group(1)) != offset:
        return None
    return offset


def _range_total(response: httpx.Response) -> int | None:
    match = re.match(r"bytes \d+-\d+/(\d+)", response.headers.get("content-range", ""))
    return int(match.group(1)) if match else None


def _remember(response: httpx.Response, meta: Path, identity: str) -> None:
    """Keep the validators of the file being received, so a broken download can resume."""
    etag = response.headers.get("etag")
    if etag and etag.startswith("W/"):
        etag = None  # If-Range needs a strong validator
    modified = response.headers.get("last-modified")
    if (not etag and not modified) or _encoded(response):
        meta.unlink(missing_ok=True)
        return
    meta.write_text(json.dumps({"url": identity, "etag": etag, "last_modified": modified}),
                     encoding="utf-8")


def _encoded(response: httpx.Response) -> bool:
    """A compressed body: its bytes are not the file's, so it cannot be resumed by Range."""
    return response.headers.get("content-encoding", "identity").strip().lower() != "identity"


def _resume_validator(part: Path, meta: Path, identity: str) -> str | None:
    """``If-Range`` value for resuming ``part``, or None when it cannot be resumed."""
    if not part.is_file() or part.stat().st_size == 0 or not meta.is_file():
        return None
    try:
        saved = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("url") != identity:
        return None
    value = saved.get("etag") or saved.get("last_modified")
    return value if isinstance(value, str) and value else None


def _discard(part: Path, meta: Path) -> None:
    part.unlink(missing_ok=True)
    meta.unlink(missing_ok=True)


def retry_after_seconds(response: httpx.Response, now: datetime | None = None) -> float | None:
    """Seconds the server asks to wait: ``Retry-After`` as seconds or an HTTP date, else
    UN Comtrade's JSON ``"Try again in N seconds"``; None when it does not say."""
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    if value:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
    match = re.search(r"try again in (\d+) second", _detail(response), re.IGNORECASE)
    return float(match.group(1)) if match else None


def _detail(response: httpx.Response) -> str:
    """The error message of a small JSON or text error body ('' if none)."""
    try:
        body = response.read()[:4000].decode("utf-8", "replace")
    except httpx.HTTPError:
        return ""
    try:
        payload = json.loads(body)
    except ValueError:
        return clip(body.strip()) if body.strip() and "<" not in body[:20] else ""
    if isinstance(payload, dict):
        for key in ("message", "error", "detail"):
            if payload.get(key):
                return clip(payload[key])
    return ""


class _Retries:
    """Counts attempts and waits between them; raises FetchError when they are used up."""

    def __init__(self, settings: Settings, what: str, url: str) -> None:
        self.settings = settings
        self.what = what
        self.url = url
        self.attempt = 1
        self.waited = 0.0

    def after_status(self, status: int, response: httpx.Response, part: Path) -> None:
        asked = retry_after_seconds(response)
        detail = _detail(response)
        if asked is not None and self.waited + asked > self.settings.fetch_max_wait:
            until = datetime.now(UTC).timestamp() + asked
            raise FetchError(
                f"Downloading {self.what} failed: HTTP {status} from {self.url}, and the "
                f"server asks to wait {asked:g} s (until "
                f"{datetime.fromtimestamp(until, UTC):%H:%M} UTC).",
                hint="Run the command again after that time, or raise KCBRIDGE_FETCH_MAX_WAIT"
                " to let kcbridge wait." + _kept(part),
            )
        self._wait(asked, lambda: http_error(status, self.url, self.what, detail,
                                             attempts=self.attempt, kept=_kept(part)))

    def after_error(self, exc: Exception, part: Path) -> None:
        self._wait(None, lambda: self._transport_error(exc, part))

    def after_restart(self) -> None:
        self._wait(0.0, lambda: FetchError(
            f"Downloading {self.what} from {self.url} kept restarting.",
            hint="The file changes on the server while downloading; try again later."))

    def _wait(self, asked: float | None, error: Callable[[], FetchError]) -> None:
        if self.attempt > self.settings.fetch_retries:
            raise error()
        delay = asked if asked is not None else (
            self.settings.fetch_backoff * 2 ** (self.attempt - 1) * (0.5 + random.random() / 2))
        if self.waited + delay > self.settings.fetch_max_wait:
            raise error()
        sleep(delay)
        self.waited += delay
        self.attempt += 1

    def _transport_error(self, exc: Exception, part: Path) -> FetchError:
        tries = f" ({self.attempt} attempts)" if self.attempt > 1 else ""
        if isinstance(exc, httpx.TimeoutException):
            return FetchError(
                f"Downloading {self.what} from {self.url} timed out after "
                f"{self.settings.http_timeout:g} s{tries}.",
                hint="Check your internet connection or proxy, or raise KCBRIDGE_HTTP_TIMEOUT."
                + _kept(part),
            )
        return FetchError(
            f"Cannot download {self.what} from {self.url}: {exc}{tries}.",
            hint="Check your internet connection, proxy settings and the URL setting."
            + _kept(part),
        )


def _kept(part: Path) -> str:
    if part.is_file() and part.stat().st_size and part.with_name(part.name + ".json").is_file():
        return (f" The {part.stat().st_size:,} bytes received are kept in {part}: the next "
                "run resumes from there.")
    return ""


def http_error(status: int, url: str, what: str, detail: str = "", *, attempts: int = 1,
               kept: str = "") -> FetchError:
    """The FetchError for an HTTP error status, with what to check."""
    if status in (401, 403):
        hint = ("The source refused the request: check your subscription key "
                "(KCBRIDGE_COMTRADE_KEY) or that the URL is public.")
    elif status == 404:
        hint = ("Nothing at that address: check the revision, the release version "
                "(KCBRIDGE_BACI_VERSION) and the URL template setting.")
    elif status == 429:
        hint = ("Too many requests: wait a while and try again (free API keys have hourly and "
                "daily quotas), or raise KCBRIDGE_FETCH_RETRIES / KCBRIDGE_FETCH_BACKOFF.")
    else:
        hint = "The server failed; try again later or check the source's status page."
    said = f" ({detail})" if detail else ""
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    return FetchError(f"Downloading {what} failed{tries}: HTTP {status} from {url}{said}.",
                      hint=hint + kept)
