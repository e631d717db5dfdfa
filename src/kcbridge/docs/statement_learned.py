"""The learned stages' glue in a document's classification (see
:func:`kcbridge.docs.statements.classify_sentences`): where the trained statement model is
adopted it decides restrictions among the cued sentences (:func:`model_restrictions`); where
the learned candidate stage is adopted a sentence the rules leave untyped becomes a statement
when the detector is confident (:func:`detect_untyped`); such a statement is kept only where
the sentence shows what its type needs, and takes the type of a cued statement reporting the
same event (:func:`check_detected`). Split out of ``statements.py`` (fifteenth session) when it
reached 600 lines; behaviour unchanged."""

from __future__ import annotations

from kcbridge.docs.statement_checks import probe_of
from kcbridge.docs.statement_events import detected_holds, event_words, same_event
from kcbridge.docs.statement_recall import addressed_request
from kcbridge.docs.statements import (
    _REQUEST_CUE,
    Classification,
    _first_cue,
    _has_parties,
    cue_types,
    has_cooperation_context,
)
from kcbridge.docs.text import Sentence


def check_detected(sentences: list[Sentence], found: list[Classification | None],
                    cross_border: list[bool], document: list[bool], parties: list[bool]) -> None:
    """Statements of the learned stage (no cue), in place: dropped where the sentence does not
    show what their type needs, the party requirement included
    (:func:`~kcbridge.docs.statement_events.detected_holds`); one that reports the event of a
    cue-typed statement of the document takes that statement's type (event coreference)."""
    cued = [(i, event_words(probe_of(s.text, s.lang)[0])) for i, s in enumerate(sentences)
            if (f := found[i]) is not None and f.confidence is None]
    for i, s in enumerate(sentences):
        current = found[i]
        if current is None or current.confidence is None:
            continue
        lang = s.lang if s.lang in ("en", "ko", "zh") else "en"
        probe = probe_of(s.text, lang)[0]
        request = current.type == "proposal" and bool(_REQUEST_CUE[lang].search(probe))
        context = cross_border[i] or has_cooperation_context(probe, lang) or _has_parties(
            current.type, lang, probe, request=request,
            addressed=current.type == "proposal" and addressed_request(lang, probe),
            document_cross_border=document[i], document_parties=parties[i])
        if not detected_holds(current.type, lang, probe, context=context):
            found[i] = None
            continue
        words = event_words(probe)
        same = [(len(words & w), j) for j, w in cued if same_event(words, w)]
        if same:
            other = found[max(same)[1]]
            if other is not None and other.type == "restriction":
                # the learned stage never makes a restriction (a false one is a false alert)
                found[i] = None
            elif other is not None and other.type != current.type:
                found[i] = Classification(other.type, "", 0, confidence=current.confidence)


def model_restrictions(sentences: list[Sentence], found: list[Classification | None]) -> None:
    """Where the statement model is adopted: it decides restrictions among the sentences
    with a cue (in place)."""
    from kcbridge.docs.statement_model import (
        RESTRICTION_ADD,
        RESTRICTION_DROP,
        load_model,
        sentence_features,
    )

    model = load_model()
    if model is None or not model.adopted:
        return
    chosen = [i for i, s in enumerate(sentences) if s.lang in model.adopted
              and cue_types(s.text, s.lang)]
    if not chosen:
        return
    features = sentence_features([sentences[i].text for i in chosen],
                                 [sentences[i].lang for i in chosen])
    restriction = model.classes.index("restriction")
    for i, p in zip(chosen, model.probabilities(features), strict=True):
        current = found[i]
        s, rules_type = sentences[i], current.type if current is not None else "none"
        if p[restriction] > RESTRICTION_ADD and rules_type != "restriction" and not (
                rules_type == "proposal"
                and addressed_request(s.lang, probe_of(s.text, s.lang)[0])):
            # (a request to the other side to lift a curb is no curb)
            found[i] = _first_cue(s.text, s.lang, "restriction")
        elif rules_type == "restriction" and p[restriction] < RESTRICTION_DROP:
            others = [(q, c) for q, c in zip(p, model.classes, strict=True)
                      if c != "restriction"]
            label = max(others)[1]
            found[i] = None if label == "none" else _first_cue(s.text, s.lang, label)


def detect_untyped(sentences: list[Sentence], found: list[Classification | None],
                    untyped: list[bool]) -> None:
    """The learned candidate stage (:mod:`kcbridge.docs.statement_detector`): a sentence of
    an adopted language that the rules leave untyped (``untyped``: by the cue rules, before
    the statement model) becomes a statement when the detector is confident (in place; no
    cue)."""
    from kcbridge.docs.statement_detector import MAX_SENTENCE, MIN_CHARS, load_detector
    from kcbridge.docs.statement_model import sentence_features

    detector = load_detector()
    if detector is None or not detector.adopted:
        return
    chosen = [i for i, s in enumerate(sentences[:MAX_SENTENCE]) if found[i] is None
              and untyped[i] and s.lang in detector.adopted and len(s.text.strip()) >= MIN_CHARS]
    if not chosen:
        return
    texts = [" ".join(sentences[i].text.split()) for i in chosen]
    langs = [sentences[i].lang for i in chosen]
    features = sentence_features(texts, langs, untyped=True)
    for i, hit in zip(chosen, detector.detect(features, langs), strict=True):
        if hit is not None:
            found[i] = Classification(hit[0], "", 0, confidence=hit[1])
