"""Download public trade data (CEPII BACI releases, UN Comtrade API queries), then load it.

Downloads stream with httpx into ``<settings.home>/downloads`` with retries, backoff and
resume (:mod:`kcbridge.sources.fetch_http`); UN Comtrade queries are checked against the
API's record cap and split when they reach it (:mod:`kcbridge.sources.fetch_comtrade`).
Every HTTP error or timeout becomes a :class:`FetchError` that says what to check.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from kcbridge.reference.products import normalise_revision
from kcbridge.settings import Settings
from kcbridge.sources.common import LoadResult, ProgressCallback
from kcbridge.sources.fetch_comtrade import COMTRADE_CODES, comtrade_code, fetch_comtrade
from kcbridge.sources.fetch_http import download, download_file
from kcbridge.sources.pipeline import load_file
from kcbridge.store import Store

__all__ = ["COMTRADE_CODES", "baci_revision", "comtrade_code", "download", "download_file",
           "fetch_baci", "fetch_comtrade"]


def baci_revision(revision: str) -> str:
    """``HS2012`` / ``H4`` / ``HS12`` -> ``HS12`` (BACI's spelling: HS92 ... HS22)."""
    return "HS" + normalise_revision(revision)[4:]


def fetch_baci(store: Store, settings: Settings, year: int, *, revision: str = "HS12",
               progress: ProgressCallback | None = None) -> LoadResult:
    """Download the BACI release (``settings.baci_url``) for ``revision`` unless it is
    already in ``<home>/downloads``, then load ``year`` from it. An interrupted download
    of the multi-GB release resumes where it stopped on the next run."""
    rev = baci_revision(revision)
    url = settings.baci_url.format(revision=rev, version=settings.baci_version)
    name = Path(httpx.URL(url).path).name or f"BACI_{rev}_V{settings.baci_version}.zip"
    dest = Path(settings.home) / "downloads" / name
    notes = []
    if dest.is_file() and dest.stat().st_size > 0:
        notes.append(f"Used the release already downloaded at {dest}.")
    else:
        got = download_file(url, dest, settings, progress=progress, what=f"BACI {rev}")
        if got.resumed_from:
            notes.append(f"Resumed the download at byte {got.resumed_from:,} of {got.size:,}.")
        if got.attempts > 1:
            notes.append(f"Downloaded after {got.attempts} attempts "
                         f"({got.waited:.1f} s waiting between them).")
        notes.append(f"Downloaded {dest.name}: {got.size:,} bytes, sha256 {got.sha256}.")
    result = load_file(store, settings, "baci", dest, year=year, progress=progress)
    result.notes = notes + result.notes
    return result
