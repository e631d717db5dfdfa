"""Loaders for the public trade formats and fetchers that download them.

``load_file(store, settings, fmt, path)`` loads CEPII BACI, UN Comtrade (API JSON or
bulk CSV), Korea Customs Service item-by-country monthly CSV, or a plain exports-to-world
CSV through one pipeline (:mod:`kcbridge.sources.pipeline`): checksum, idempotent skip,
validation, HS revision conversion, one transactional write. ``fetch_baci`` and
``fetch_comtrade`` download from the public sources and then load.
"""

from kcbridge.sources.common import FORMATS, LoadResult, ProgressCallback
from kcbridge.sources.fetch import fetch_baci, fetch_comtrade
from kcbridge.sources.pipeline import load_file

__all__ = ["FORMATS", "LoadResult", "ProgressCallback", "fetch_baci", "fetch_comtrade",
           "load_file"]
