"""One document in, a :class:`DocumentAnalysis` out: sentences and languages, entities,
sectors, statements (with commitment keys) and embeddings.

``analyse_documents`` processes a batch: the language models run over the sentences of
each language together and embeddings are computed in two batched calls (documents, then
statements), which is what makes bulk ingestion fast.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kcbridge.docs import models
from kcbridge.docs.commitments import commitment_key
from kcbridge.docs.entities import extract_entities
from kcbridge.docs.model import DocumentAnalysis
from kcbridge.docs.sector_tags import SectorTagger, default_tagger
from kcbridge.docs.statement_background import keep_events
from kcbridge.docs.statements import extract_statements, reports_same_event
from kcbridge.docs.text import chinese_script, document_language, normalise_text, split_sentences

#: How much of a document (after its title) its embedding is computed from: about the
#: first hundred words in every language (see :func:`lede`).
EMBED_CHARS = 600
#: A Han character carries about as much as three Latin characters (a Chinese word is
#: 1.7 characters, an English one 6 with its space); Hangul counts like Latin.
HAN_WEIGHT = 3
_HAN_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def lede(text: str, budget: int = EMBED_CHARS) -> str:
    """The start of ``text`` worth ``budget`` Latin characters (Han characters count
    ``HAN_WEIGHT``), so Chinese articles are not embedded from three times the content
    (and the tokens) of English ones."""
    head = text[:budget]
    han = len(_HAN_CHAR.findall(head))
    if not han:
        return head
    used = 0
    for i, ch in enumerate(text):
        used += HAN_WEIGHT if _HAN_CHAR.match(ch) else 1
        if used > budget:
            return text[:i]
    return text


@dataclass
class DocumentInput:
    text: str
    title: str = ""
    source: str = ""
    published: date | None = None
    doc_id: str = ""


def document_id(text: str) -> str:
    """Stable id: the first 16 hex digits of the SHA-256 of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def analyse_document(
    text: str,
    *,
    title: str = "",
    source: str = "",
    published: date | None = None,
    doc_id: str = "",
    tagger: SectorTagger | None = None,
    embeddings: bool = True,
) -> DocumentAnalysis:
    """Analyse one document (see :func:`analyse_documents`)."""
    item = DocumentInput(text, title, source, published, doc_id)
    return analyse_documents([item], tagger=tagger, embeddings=embeddings)[0]


def analyse_documents(
    items: Sequence[DocumentInput],
    *,
    tagger: SectorTagger | None = None,
    embeddings: bool = True,
) -> list[DocumentAnalysis]:
    """Analyse a batch of documents. Texts are normalised first (:func:`normalise_text`);
    offsets refer to the normalised text, which ``DocumentAnalysis.text`` holds."""
    tagger = tagger or default_tagger()
    texts = [normalise_text(item.text) for item in items]
    vectors = (
        models.embed([f"{item.title}\n{lede(t)}" for item, t in zip(items, texts, strict=True)])
        if embeddings else None
    )
    analyses: list[DocumentAnalysis] = []
    for k, (item, text) in enumerate(zip(items, texts, strict=True)):
        sentences = split_sentences(text)
        language, shares = document_language(sentences)
        entities = extract_entities(text, sentences, item.published)
        vector = vectors[k] if vectors is not None else None
        tags = tagger.tag(sentences, vector)
        doc_sectors = [t.sector for t in tags if t.sentence is None]
        sentence_sectors: dict[int, list[str]] = {}
        for t in tags:
            if t.sentence is not None:
                sentence_sectors.setdefault(t.sentence, []).append(t.sector)
        # sentences that report no new event (background, forecasts, one side's wish or
        # decision) are dropped here, with or without embeddings
        statements = keep_events(_drop_headline_repeats(
            extract_statements(sentences, entities, sentence_sectors, doc_sectors), sentences,
            item.title,
        ))
        doc_id = item.doc_id or document_id(text)
        for st in statements:
            st.date = st.date or item.published
            st.commitment = commitment_key(st, doc_id)
        analyses.append(DocumentAnalysis(
            doc_id=doc_id, text=text, title=item.title, source=item.source,
            published=item.published, language=language, languages=shares,
            script=chinese_script(text) if "zh" in shares else "", sentences=sentences,
            entities=entities, sectors=tags, statements=statements, embedding=vector,
        ))
    if embeddings:
        flat = [st for a in analyses for st in a.statements]
        for st, vec in zip(flat, models.embed([st.text for st in flat]), strict=True):
            st.embedding = vec
        # the learned check of extracted statements reuses these embeddings (imported
        # here: commands that only read stored documents never load it)
        from kcbridge.docs import statement_verifier

        for analysis in analyses:
            analysis.statements = statement_verifier.filter_statements(analysis)
    # follow-ups join the statements that are kept: after the verifier, so that none takes
    # the commitment of a statement it dropped
    for analysis in analyses:
        _join_follow_ups(analysis.statements)
    return analyses


def _drop_headline_repeats(statements: list, sentences: list, title: str) -> list:  # type: ignore[type-arg]
    """A headline that the body reports again is not a second statement: drop a statement
    from the first sentence when it is the title and the body has one of the same type."""
    if not statements or not sentences or statements[0].sentence != 0:
        return statements
    first = sentences[0].text.strip()
    if not title or first != title.strip():
        return statements
    head, body = statements[0], statements[1:]
    # a first line that ends as a sentence is a lede, dropped only when the body reports
    # the same event; a headline (no full stop) is dropped for any body statement of its type
    lede = first.endswith((".", "。", "다."))
    return body if any(st.type == head.type and (not lede or reports_same_event(head.text, st.text))
                       for st in body) else statements


def _join_follow_ups(statements: list) -> None:  # type: ignore[type-arg]
    """A follow-up sentence without a mechanism of its own ("양측은 ... 함께 연구할 계획이다"
    after a joint-lab agreement) belongs to the commitment of the closest statement before
    it with the same countries and sector that names one. Proposals and restrictions stay
    apart (a proposal is a new idea, not a detail of the cooperation before it)."""
    for i, st in enumerate(statements):
        if st.type in ("restriction", "proposal") or st.mechanisms or not st.sectors:
            continue
        before = (p for p in reversed(statements[:i]) if p.type != "restriction"
                  and p.mechanisms and p.sectors[:1] == st.sectors[:1]
                  and p.countries == st.countries)
        previous = next(before, None)
        if previous is not None:
            st.commitment = previous.commitment

