"""Helpers shared by the statement rounds' unit tests (stfresh26 on): one sentence typed in a
document that names both countries, and the statement types of a whole written document."""

from __future__ import annotations

from kcbridge.docs.pipeline import DocumentInput, analyse_documents
from kcbridge.docs.statements import classify_sentence


def type_in_context(text: str, lang: str) -> str | None:
    """The type :func:`classify_sentence` gives ``text`` in a document that names both
    countries and their parties (None when it is no statement)."""
    found = classify_sentence(text, lang, document_cross_border=True, document_parties=True,
                              document_both=True)
    return None if found is None else found.type


def document_types(text: str) -> list[str]:
    """The types of the statements the whole pipeline extracts from ``text``."""
    return [s.type for s in analyse_documents([DocumentInput(text=text)])[0].statements]
