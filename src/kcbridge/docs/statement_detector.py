"""A learned candidate stage for statements: sentences that no cue rule types can still
become statements when a trained detector is confident.

Why: the cue rules (:mod:`kcbridge.docs.statements`) and the statement model beside them
(:mod:`kcbridge.docs.statement_model`) only ever look at sentences where a listed cue
matches, so an agreement written with a verb form nobody listed ("…와 손잡고 …을 확대한다",
"…에 뜻을 모았다", "mapped out plans") can never be found, and every new set of real news
brought new forms. The detector reads every sentence the rules leave untyped.

What it is: a multinomial logistic regression over the same features as the statement
model (:func:`kcbridge.docs.statement_model.sentence_features`: the rule, tense, modality,
negation and scope features, the language and the 512-dimensional multilingual sentence
embedding), trained on every labelled real sentence the project keeps labels for
(``docs/data/statement_labels.jsonl``; each unlabelled sentence of a labelled page is a
negative). For a sentence the rules leave untyped, P(statement) = 1 - P(none); when it
exceeds the language's threshold, the sentence becomes a statement of the detector's most
likely statement type, with that probability as its confidence and no cue.

Where it is used: only in the languages where, in 5-fold cross-validation grouped by page,
rules + detector beat the rules alone overall and in at least 4 of the 5 folds; the
threshold of each language was chosen on out-of-fold predictions
(:func:`kcbridge.docs.training.train_detector`, which writes ``statement_detector.npz``:
weights, feature means and scales, classes, thresholds and adopted languages).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from kcbridge.docs.statement_model import (
    StatementModel,
    hand_feature_names,
    read_model,
    read_thresholds,
)

DETECTOR_FILE = "statement_detector.npz"
#: Sentences shorter than this (characters) are never read by the detector: bylines,
#: photo credits and section labels, and too little text for the embedding to mean much.
MIN_CHARS = 12
#: Only a document's first sentences are read. Every page the detector was trained on is a
#: page opening of at most 20 sentences (the excerpts of the labelled sets), and 734 of their
#: 753 statements are among the first 12; beyond it the rules alone type sentences. The
#: bound keeps the cost of a long document at 12 embeddings at most: with 20, analysis of
#: the benchmark's 800-word articles took 25% more CPU than without the detector, with 12
#: 15-29% (two runs on a loaded machine; measured on those articles only).
MAX_SENTENCE = 12


#: What has happened cannot be stated in the future tense: a detected sentence with a future
#: marker and no past one ("The two institutes will open a second lab on 2 September") is
#: never typed signed or implemented (it takes its best other type), so that no
#: signed/implemented statement is dated after its document.
DONE_TYPES = ("signed", "implemented")

#: Types the detector never gives: a restriction needs a curb the cue rules can name (a
#: licence now required, a ban, a halt, a customs hold). Restrictions become the watch's
#: news alerts and the "restriction" commitments, and the false ones the issue reported
#: were exactly cue-less sentences about export rules ("chip makers need early warning of
#: export rules"); the detector's one restriction on the synthetic demo was such a sentence.
#: A sentence the detector would call a restriction stays untyped.
CUED_ONLY = ("restriction",)


def detected_types(probabilities: np.ndarray, features: np.ndarray,
                   classes: tuple[str, ...]) -> list[str]:
    """The statement type of each row: the most likely statement type, except that a
    future-only sentence takes none of ``DONE_TYPES``."""
    names = hand_feature_names()
    future = features[:, names.index("marker_future")] > 0
    past = features[:, names.index("marker_past")] > 0
    out = []
    for row, only_future in zip(probabilities, future & ~past, strict=True):
        ranked = [(q, c) for q, c in zip(row, classes, strict=True) if c != "none"
                  and not (only_future and c in DONE_TYPES)]
        out.append(max(ranked)[1])
    return out


@dataclass(frozen=True)
class StatementDetector:
    model: StatementModel
    thresholds: dict[str, float]  # language -> minimum P(statement)

    @property
    def adopted(self) -> frozenset[str]:
        return self.model.adopted

    def detect(self, features: np.ndarray, langs: list[str]) -> list[tuple[str, float] | None]:
        """For each row: (statement type, P(statement)) when P(statement) passes the
        threshold of its language (an adopted one) and the type is not one of
        :data:`CUED_ONLY`, else None."""
        if len(features) == 0:
            return []
        p = self.model.probabilities(features)
        none = self.model.classes.index("none")
        kinds = detected_types(p, features, self.model.classes)
        out: list[tuple[str, float] | None] = []
        for row, kind, lang in zip(p, kinds, langs, strict=True):
            statement = 1.0 - float(row[none])
            if lang not in self.adopted or statement <= self.thresholds.get(lang, 2.0) \
                    or kind in CUED_ONLY:
                out.append(None)
            else:
                out.append((kind, statement))
        return out

    def to_arrays(self) -> dict[str, Any]:
        langs = sorted(self.thresholds)
        return {**self.model.to_arrays(), "threshold_langs": np.asarray(langs),
                "thresholds": np.asarray([self.thresholds[x] for x in langs], dtype=np.float32)}


@lru_cache(maxsize=1)
def load_detector() -> StatementDetector | None:
    """The shipped detector, or None when the package has none or its features changed."""
    found = read_model(DETECTOR_FILE)
    if found is None:
        return None
    model, arrays = found
    return StatementDetector(model=model, thresholds=read_thresholds(arrays))
