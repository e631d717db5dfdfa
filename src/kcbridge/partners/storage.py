"""What the partners capability keeps in the store: its own tables, and what matchmaking
derives once and keeps in the store's derived results.

Tables (:data:`TABLES`, columns in :data:`SCHEMAS`; list-valued columns are kept as JSON
text, :data:`JSON_COLUMNS`): only this capability reads or writes them, through
:func:`read_table` and :func:`write_table` (the service's ``_read``/``_write``); another
capability asks :class:`~kcbridge.partners.service.PartnersService`.

Derived results (:mod:`kcbridge.store.derived`), so a new ``kcbridge partners match``
process neither loads the sentence encoder nor recomputes trade complementarity when
nothing changed:

- :class:`StoredEncoder`: the offer/need vectors of a list of texts, keyed by a digest of
  the texts themselves under the encoder's name as version: an edited profile changes
  the digest, and the encoder is loaded only on a miss.
- :class:`StoredComplementarity`: the per-sector complementarity of a country pair, keyed
  by the pair under :meth:`Store.flows_version` of the annual flows (a load recomputes
  it; matching, exposure or an alert's status do not).
- :func:`stored_screener`: the comparable keys of every listed name (readings, pinyin,
  romanisation, distinctive parts), under the lists' content version and the digest of the
  name code: importing a list or a new kcbridge recomputes them, matching does not.

The service's other reads and writes of its tables go through :func:`append_rows`,
:func:`delete_rows`, :func:`read_table` and :func:`read_between`.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from kcbridge.store.derived import DerivedResults, code_digest

if TYPE_CHECKING:  # pragma: no cover - Ibis is imported when the schemas are first asked for
    import ibis
    import numpy as np
    import pandas as pd


# pandas, NumPy and the registry code (which imports pandas) are imported where they are
# used: a match answered from the kept answers (partners/answers.py) needs none of them

ORGS, PROFILES, ENTRIES = "partner_orgs", "partner_profiles", "trust_list_entries"
HISTORY = "trust_list_history"
OUTCOMES, EXPOSURE = "partner_outcomes", "partner_exposure"
CANDIDATES = "partner_candidates"
#: list-valued columns, kept as JSON text
JSON_COLUMNS = {ORGS: ("sectors", "products"), PROFILES: ("keywords", "sectors",
                "partnership_types"), ENTRIES: ("aliases",),
                CANDIDATES: ("aliases", "possible_duplicates")}
#: the tables this capability owns (``kcbridge.capabilities`` declares the same)
TABLES = (ORGS, PROFILES, ENTRIES, OUTCOMES, EXPOSURE, HISTORY, CANDIDATES)


def types() -> dict[str, dict[str, str]]:
    """Each table's columns and their Ibis types (also ``TYPES``), made on first use: the
    registry's and the lists' columns come from their modules, which import pandas."""
    kept = globals().get("TYPES")
    if kept is None:
        from kcbridge.partners import lists, registry

        kept = globals()["TYPES"] = {
            ORGS: {c: "string" for c in registry.ORG_COLUMNS},
            PROFILES: {c: "string" for c in registry.PROFILE_COLUMNS},
            ENTRIES: {c: "string" for c in lists.LIST_COLUMNS},
            OUTCOMES: {"profile_id": "string", "partner_profile_id": "string",
                       "outcome": "string", "note": "string", "recorded_at": "timestamp"},
            EXPOSURE: {"profile_id": "string", "shown_to": "string", "shown_at": "timestamp"},
            HISTORY: {"list_id": "string", "entry_id": "string", "entity_name": "string",
                      "change": "string", "version": "string", "changed_at": "timestamp"},
            CANDIDATES: {"org_id": "string", "status": "string", "source_doc": "string",
                         "aliases": "string", "possible_duplicates": "string",
                         "added_at": "timestamp"},
        }
    return dict(kept)


def schemas() -> dict[str, ibis.Schema]:
    """:func:`types` as Ibis schemas (Ibis imported here, once): also ``SCHEMAS``."""
    kept = globals().get("SCHEMAS")
    if kept is None:
        import ibis

        kept = globals()["SCHEMAS"] = {t: ibis.schema(c) for t, c in types().items()}
    return dict(kept)


def __getattr__(name: str) -> Any:
    """``TYPES``, ``SCHEMAS`` and ``StoredComplementarity``, made or imported on first use."""
    if name == "TYPES":
        return types()
    if name == "SCHEMAS":
        return schemas()
    if name == "StoredComplementarity":
        from kcbridge.partners.storage_complement import StoredComplementarity

        return StoredComplementarity
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def ensure_tables(store: Any) -> None:
    """Create the partners tables that are missing (one catalogue read when none is: the
    column types, and the pandas they need, only when one has to be made)."""
    present = set(store.list_tables())
    for name in TABLES:  # the store builds the Ibis schema to create one
        if name not in present:
            store.ensure_table(name, types()[name])


def write_table(store: Any, name: str, frame: pd.DataFrame, key: list[str]) -> int:
    """Replace the rows of ``name`` whose ``key`` is in ``frame`` by ``frame``'s (lists as
    JSON, strings as strings), in one transaction; returns the rows written."""
    out = frame.copy()
    if name == PROFILES and not out.empty:
        # a store made before a profile column existed gets it first (a write anyway):
        # otherwise the column would be dropped without a word
        from kcbridge.partners.registry import ADDED_PROFILE_COLUMNS

        store.add_columns(name, {c: "VARCHAR" for c in ADDED_PROFILE_COLUMNS
                                 if c in out.columns})
    for col in JSON_COLUMNS.get(name, ()):
        out[col] = out[col].map(lambda v: json.dumps(list(v or []), ensure_ascii=False))
    out = out.astype({c: "string" for c in out.columns if types()[name].get(c) == "string"})
    if out.empty:
        return 0
    with store.transaction():
        n: int = store.replace(name, out, key=key)
    return n


def read_table(store: Any, name: str) -> pd.DataFrame:
    """The rows of ``name``, JSON columns read back as lists (organisations and profiles
    with empty text for missing cells). One plain SQL query on DuckDB (``Store.frame``:
    the frame Ibis gives, without importing Ibis), the Ibis table elsewhere."""
    df: pd.DataFrame = store.frame(name)
    for col in JSON_COLUMNS.get(name, ()):
        df[col] = df[col].map(lambda v: json.loads(v) if isinstance(v, str) and v else [])
    return df.fillna("") if name in (ORGS, PROFILES) else df


def append_rows(store: Any, name: str, frame: pd.DataFrame, *, plain_sql: bool = False
                ) -> None:
    """Add ``frame``'s rows to ``name`` (an append-only table: outcomes, exposure, history).
    ``plain_sql``: on DuckDB, insert without Ibis (:meth:`Store.insert_sql`; the same rows)."""
    if frame.empty:
        return
    with store.transaction():
        if plain_sql and hasattr(store, "insert_sql"):
            store.insert_sql(name, frame)
        else:
            store.insert(name, frame)


def delete_rows(store: Any, name: str, **where: Any) -> None:
    """Delete the rows of ``name`` whose columns equal (or, for a list, are in) ``where``."""
    store.delete_where(name, **where)


def read_between(store: Any, name: str, column: str, start: Any, end: Any) -> pd.DataFrame:
    """The rows of ``name`` with ``start <= column < end`` (filtered in the engine: plain
    SQL on DuckDB, giving the frame the Ibis filter gives, without importing Ibis)."""
    from kcbridge.store.lookups import is_duckdb, query_frame

    if is_duckdb(store) and column in types().get(name, {}):  # a known column: safe to quote
        return query_frame(store, name, f'SELECT * FROM "{name}" WHERE "{column}" >= ? '
                           f'AND "{column}" < ?', [start, end])
    t = store.table(name)
    frame: pd.DataFrame = t.filter((t[column] >= start) & (t[column] < end)).to_pandas()
    return frame


def stored_screener(store: Any, entries: Any) -> Any:
    """An :class:`~kcbridge.partners.screening.EntityScreener` over ``entries`` (a frame,
    or its records: no pandas) whose name keys come from the store's derived results, as
    plain JSON rows, when the lists and the name code are unchanged (computed and kept
    otherwise)."""
    from kcbridge.partners import screening
    from kcbridge.partners.records import list_version

    # a fixed order: the kept keys refer to rows by position
    if isinstance(entries, list):
        records = sorted(entries, key=lambda e: (e["list_id"], e["entry_id"]))  # stable
    else:
        frame = entries.sort_values(["list_id", "entry_id"], kind="stable").reset_index(
            drop=True)
        records = [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]
    version = list_version((e["entry_id"], e["entity_name"], e["aliases"])
                           for e in records) + "-" + _name_code_version()
    cache = DerivedResults.for_store(store)
    key = {"entries": len(records)}
    found = cache.get_json("partner_screener_key_rows", key, version)
    if isinstance(found, list):
        keys = [(int(p), str(w), str(k), str(v)) for p, w, k, v in found]
    else:  # records are the frame's rows in the same order: the same keys
        keys = screening.entry_key_tuples(records)
        cache.put_json("partner_screener_key_rows", key, version, [list(k) for k in keys])
    return screening.EntityScreener(records, keys=keys)


def _name_code_version() -> str:
    return code_digest("kcbridge.partners.names", "kcbridge.partners.name_core",
                       "kcbridge.partners.romanize")


def stored_name_keys(store: Any, names: Sequence[str], *, keep_frame: bool = False
                     ) -> dict[str, Any]:
    """The comparable keys of ``names`` (organisations to screen), from a memo kept in the
    store's derived results under the name code's digest: names seen before are not read
    again (reading a Chinese name loads the pinyin dictionaries, about a second in a new
    process); new names are computed and added to the memo.

    The memo is plain JSON rows (name, kind, value), read without pandas. ``keep_frame``
    (the import, which has pandas loaded anyway) also keeps it as the Parquet frame of
    :func:`~kcbridge.partners.screening.name_key_rows` that earlier versions kept and
    read; a store that holds only that frame is read from it once."""
    from kcbridge.partners.screening import known_keys, name_key_tuples

    cache = DerivedResults.for_store(store)
    version = _name_code_version()
    key = {"memo": "organisations"}
    found = cache.get_json("partner_name_keys", key, version)
    if isinstance(found, list):
        memo = [(str(n), str(k), str(v)) for n, k, v in found]
    else:
        older = cache.get("partner_name_keys", key, version)  # Parquet (pandas)
        memo = [] if older is None else [
            (str(n), str(k), str(v))
            for n, k, v in zip(older["name"], older["kind"], older["value"], strict=True)]
    missing = sorted(set(str(n) for n in names) - {row[0] for row in memo})
    if missing or not isinstance(found, list):
        memo = memo + name_key_tuples(missing)
        cache.put_json("partner_name_keys", key, version, [list(r) for r in memo])
    if keep_frame and (missing or cache.get("partner_name_keys", key, version) is None):
        import pandas as pd

        cache.put("partner_name_keys", key, version,
                  pd.DataFrame(memo, columns=["name", "kind", "value"]))
    wanted = set(str(n) for n in names)
    return known_keys([row for row in memo if row[0] in wanted])


def stored_concept_signatures(store: Any, texts: Sequence[str]) -> list[int]:
    """:func:`kcbridge.partners.terms.concept_signature` of each text, from a memo kept in
    the store's derived results under the glossary code's digest (by the text's SHA-1):
    a new process reads the registry's signatures instead of compiling and running the
    glossary's patterns over every profile (about 0.15 s at the demo registry); new texts
    are computed and added."""
    from kcbridge.partners.terms import concept_signature

    cache = DerivedResults.for_store(store)
    version = code_digest("kcbridge.partners.terms")
    found = cache.get_json("partner_concept_signatures", {"memo": "texts"}, version)
    memo: dict[str, int] = found if isinstance(found, dict) else {}
    keys = [hashlib.sha1(str(t).encode("utf-8")).hexdigest()[:20] for t in texts]
    missing = {k: str(t) for k, t in zip(keys, texts, strict=True) if k not in memo}
    if missing:
        memo.update({k: concept_signature(t) for k, t in missing.items()})
        cache.put_json("partner_concept_signatures", {"memo": "texts"}, version, memo)
    return [int(memo[k]) for k in keys]


class StoredEncoder:
    """``encode(texts)`` through the store's derived results; ``make`` builds the real
    encoder (e.g. :func:`~kcbridge.partners.embeddings.default_encoder`) on a miss."""

    def __init__(self, store: Any, make: Callable[[], Any], name: str = "use-m3") -> None:
        self._cache = DerivedResults.for_store(store)
        self._make = make
        self.name = name
        self._encoder: Any = None

    @property
    def encoder(self) -> Any:
        if self._encoder is None:
            self._encoder = self._make()
        return self._encoder

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """The vectors of ``texts``: kept as float32 bytes in JSON (``partner_vectors_plain``,
        read without pandas), else from the Parquet kept by earlier versions
        (``partner_vectors``), else encoded and kept both ways."""
        import numpy as np

        texts = [str(t or "").strip() for t in texts]
        digest = hashlib.sha1("\x1f".join(texts).encode("utf-8")).hexdigest()
        # the texts' digest is the key (offers and needs are two keys kept side by side)
        key = {"texts": digest, "count": len(texts)}
        plain = self._cache.get_json("partner_vectors_plain", key, self.name)
        if isinstance(plain, dict) and plain.get("rows") == len(texts) and len(texts):
            flat = np.frombuffer(base64.b64decode(plain["float32"]), dtype=np.float32)
            return flat.reshape(len(texts), int(plain["dim"])).copy()
        found = self._cache.get("partner_vectors", key, self.name)
        if found is not None and len(found) == len(texts) and len(texts):
            vectors = np.stack(list(found["vector"])).astype(np.float32)
        else:
            import pandas as pd

            vectors = np.asarray(self.encoder.encode(texts), dtype=np.float32)
            self._cache.put("partner_vectors", key, self.name,
                            pd.DataFrame({"vector": list(vectors)}))
        if vectors.ndim == 2 and len(texts):
            self._cache.put_json("partner_vectors_plain", key, self.name, {
                "rows": len(texts), "dim": int(vectors.shape[1]),
                "float32": base64.b64encode(np.ascontiguousarray(vectors).tobytes()
                                            ).decode("ascii")})
        return vectors
