"""Analysis of document batches in worker processes, for bulk ingestion on several cores.

Each worker is a fresh ``spawn`` process (forking after ONNX Runtime or BLAS threads have
started can deadlock) that loads the language models it needs on first use, about 0.9 GB
and a few CPU seconds each: worth it from a few hundred documents. Batches come back in
order, and the caller stores one batch while the workers analyse the next ones.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from kcbridge.docs.model import DocumentAnalysis
from kcbridge.docs.pipeline import DocumentInput, analyse_documents
from kcbridge.errors import InputError


def analyse_batches(
    batches: Sequence[list[DocumentInput]], workers: int = 1
) -> Iterator[list[DocumentAnalysis]]:
    """:func:`analyse_documents` of each batch, in order; ``workers > 1`` runs them in
    that many processes (never more than there are batches)."""
    if workers < 1:
        raise InputError(f"workers must be at least 1, not {workers}.")
    workers = min(workers, len(batches))
    if workers <= 1:
        for batch in batches:
            yield analyse_documents(batch)
        return
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield from pool.map(analyse_documents, batches)
    finally:  # also when the caller stops early: drop the batches not started yet
        pool.shutdown(wait=True, cancel_futures=True)
