"""A trained statement typer beside the cue rules of :mod:`kcbridge.docs.statements`.

Features of one sentence (:func:`sentence_features`):

* **rule features**: for each statement type, whether one of its cues holds in the
  sentence (after the topic / speculation / future checks), the type the rules choose
  with and without a cooperation context (one-hot, ``none`` included), whether the
  sentence has a cooperation context, a discussion verb, a mechanism;
* **tense, modality, negation and scope** (per language): future and past markers,
  modal verbs of proposal (should, 应, 해야), hopes (hope, 希望, 희망), requests (asked,
  呼吁, 요청), negation, reported speech (said, 表示, 밝혔다), a question, quotation marks,
  digits, length;
* the language (one-hot) and the **sentence embedding** (the multilingual Universal
  Sentence Encoder of :mod:`kcbridge.docs.models`, 512 dimensions).

The model is a multinomial logistic regression (``docs/data/statement_model.npz``:
weights, feature means and scales, class names, and the languages where it is adopted).
It was trained on sentences of public news pages labelled for this project
(``docs/data/statement_labels.jsonl``; :mod:`kcbridge.docs.training` rebuilds the
weights from the stored features) and is used only for the languages where it beat the
rules alone in cross-validation grouped by document. It types only *candidate*
sentences: those where a cue of some type matches at all. Sentences without any cue are
read by the learned candidate stage instead (:mod:`kcbridge.docs.statement_detector`, the
same features, trained on every labelled sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from kcbridge.docs.text import to_simplified

CLASSES = ("none", "proposal", "agreement", "signed", "implemented", "restriction")
LANGS = ("en", "ko", "zh")
EMBEDDING_DIM = 512
MODEL_FILE = "statement_model.npz"
#: Where adopted, a sentence with a cue is a restriction when the model gives it more than
#: this; a rules' restriction the model gives less than ``RESTRICTION_DROP`` takes the
#: model's best other type. Chosen among add 0.5/0.7/0.9 x drop 0.5/0.3/0.1 on the training
#: cross-validation's own out-of-fold predictions (its rules + model figures are therefore
#: slightly optimistic).
RESTRICTION_ADD = 0.5
RESTRICTION_DROP = 0.1

_MARKERS: dict[str, dict[str, str]] = {
    "future": {
        "en": r"\b(?:will|would|shall|going to|plans? to|planned to|expected to|scheduled "
              r"to|aims? to|set to)\b",
        "ko": r"할 계획|예정|방침|기로|키로|[할될] 것|겠",
        "zh": r"将|拟|计划|即将|预计|准备|有望",
    },
    "past": {
        "en": r"\b(?:was|were|had|has been|have been|did)\b|\b[a-z]{3,}ed\b",
        "ko": r"[았었했였됐]",
        "zh": r"了|已|已经|曾",
    },
    "modal": {
        "en": r"\b(?:should|could|can|need to|needs to|must|ought to|may)\b",
        "ko": r"해야|야 한다|할 수 있|필요",
        "zh": r"应|应当|应该|可以|需要|必须|可",
    },
    "hope": {
        "en": r"\b(?:hopes?|hoped|hoping|wish(?:es)?|look(?:s|ing)? forward)\b",
        "ko": r"희망|기대|바란다|바랐|원한다|원했",
        "zh": r"希望|期待|期盼|愿",
    },
    "request": {
        "en": r"\b(?:ask(?:s|ed)?|request(?:s|ed)?|urge[sd]?|call(?:s|ed)? (?:for|on)|"
              r"propos\w+|suggest\w*|recommend\w*)\b",
        "ko": r"요청|촉구|당부|제안|건의|제의",
        "zh": r"呼吁|建议|提议|请求|要求|倡议|提出",
    },
    "negation": {
        "en": r"\b(?:not|no|never|without|nor)\b|n't\b",
        "ko": r"않|못|없|아니",
        "zh": r"不|未|没有|无|非",
    },
    "reported": {
        "en": r"\b(?:said|says|according to|told|reported|announced|stated|added)\b",
        "ko": r"밝혔|말했|전했|설명했|강조했|따르면|보도했",
        "zh": r"表示|称|指出|说|据|报道",
    },
}
_MARKER_RE = {name: {lang: re.compile(p, re.I) for lang, p in by_lang.items()}
              for name, by_lang in _MARKERS.items()}
_QUOTE = re.compile(r"[\"“”「」『』‘’]")
_DIGIT = re.compile(r"\d")


def hand_feature_names() -> list[str]:
    from kcbridge.docs.statements import STATEMENT_ORDER

    names = [f"cue_{t}" for t in STATEMENT_ORDER]
    names += [f"rule_{c}" for c in CLASSES] + [f"rule_open_{c}" for c in CLASSES]
    names += ["cooperation", "discussion", "mechanism"]
    names += [f"marker_{m}" for m in _MARKERS]
    names += ["question", "quote", "digits", "log_length"]
    names += [f"lang_{lang}" for lang in LANGS]
    return names


def hand_features(text: str, lang: str, *, untyped: bool = False) -> np.ndarray:
    """The rule, tense, modality, negation and scope features of one sentence.
    ``untyped``: the caller knows the rules type the sentence as nothing even with a
    cooperation context of the document (the detector's sentences), so the stricter
    reading without one is nothing too and is not computed again."""
    from kcbridge.docs import statements as rules

    lang = lang if lang in LANGS else "en"
    probe = to_simplified(text) if lang == "zh" else text
    cued = rules.cue_types(text, lang)  # once: the cue scan is most of this function's cost
    values: list[float] = [float(t in cued) for t in rules.STATEMENT_ORDER]
    for cross_border in (False, True):
        found = None if untyped and not cross_border else rules.classify_sentence(
            text, lang, cross_border=cross_border)
        chosen = found.type if found else "none"
        values += [float(chosen == c) for c in CLASSES]
    values += [float(bool(rules.has_cooperation_context(probe, lang))),
               float(bool(rules.has_discussion(probe, lang))),
               float(bool(rules.mechanisms_of(text, lang)))]
    values += [float(bool(_MARKER_RE[m][lang].search(probe))) for m in _MARKERS]
    values += [float("?" in text or "？" in text), float(bool(_QUOTE.search(text))),
               float(bool(_DIGIT.search(text))), float(np.log1p(len(text)) / 6.0)]
    values += [float(lang == x) for x in LANGS]
    return np.asarray(values, dtype=np.float32)


def sentence_features(texts: list[str], langs: list[str],
                      vectors: np.ndarray | None = None, *, untyped: bool = False) -> np.ndarray:
    """Feature matrix (hand features, then the 512 embedding dimensions); ``untyped`` as
    in :func:`hand_features`, for every sentence."""
    if vectors is None:
        from kcbridge.docs import models

        vectors = models.embed(texts)
    hand = np.stack([hand_features(t, lang, untyped=untyped)
                     for t, lang in zip(texts, langs, strict=True)]) \
        if texts else np.zeros((0, len(hand_feature_names())), dtype=np.float32)
    return np.hstack([hand, np.asarray(vectors, dtype=np.float32)])


@dataclass(frozen=True)
class StatementModel:
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)
    mean: np.ndarray
    scale: np.ndarray
    classes: tuple[str, ...]
    adopted: frozenset[str]  # languages where the model replaces the rules

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        z = ((features - self.mean) / self.scale) @ self.weights + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True))

    def predict(self, features: np.ndarray) -> list[tuple[str, float]]:
        if len(features) == 0:
            return []
        p = self.probabilities(features)
        best = p.argmax(axis=1)
        return [(self.classes[k], float(p[i, k])) for i, k in enumerate(best)]

    def to_arrays(self) -> dict[str, Any]:
        return {"weights": self.weights, "bias": self.bias, "mean": self.mean,
                "scale": self.scale, "classes": np.asarray(self.classes),
                "adopted": np.asarray(sorted(self.adopted)),
                "feature_names": np.asarray(hand_feature_names())}


def packaged_arrays(file: str) -> dict[str, np.ndarray] | None:
    """Every array of the packaged file ``docs/data/FILE``; None when there is none."""
    path = resources.files("kcbridge.docs").joinpath("data").joinpath(file)
    if not path.is_file():
        return None
    with resources.as_file(path) as real, np.load(real, allow_pickle=False) as data:
        return {name: data[name] for name in data.files}


def read_thresholds(arrays: dict[str, np.ndarray]) -> dict[str, float]:
    """Language -> threshold, as stored (``threshold_langs``, ``thresholds``) by the
    detector and the verifier."""
    return {str(k): float(v) for k, v in
            zip(arrays["threshold_langs"], arrays["thresholds"], strict=True)}


def read_model(file: str) -> tuple[StatementModel, dict[str, np.ndarray]] | None:
    """The :class:`StatementModel` in the packaged file ``docs/data/FILE`` (written from
    :meth:`StatementModel.to_arrays`) and every array of the file; None when the package
    has no such file or the features changed since it was trained."""
    arrays = packaged_arrays(file)
    if arrays is None:
        return None
    if [str(x) for x in arrays["feature_names"]] != hand_feature_names():
        return None  # features changed since training: rules alone until retrained
    model = StatementModel(
        weights=arrays["weights"], bias=arrays["bias"], mean=arrays["mean"],
        scale=arrays["scale"], classes=tuple(str(c) for c in arrays["classes"]),
        adopted=frozenset(str(x) for x in arrays["adopted"]))
    return model, arrays


@lru_cache(maxsize=1)
def load_model() -> StatementModel | None:
    """The shipped model, or None when the package has none (rules alone)."""
    found = read_model(MODEL_FILE)
    return None if found is None else found[0]
