"""The trained statement model: what the repository keeps (labels without text, features,
weights), the fit, the policy that combines it with the rules, and its use in a document."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from importlib import resources

import numpy as np
import pytest

from kcbridge.docs import statement_detector, statement_model
from kcbridge.docs.statement_model import CLASSES, StatementModel, hand_feature_names
from kcbridge.docs.statements import classify_sentences
from kcbridge.docs.text import split_sentences
from kcbridge.docs.training import FEATURES_FILE, LABELS_FILE, combine, fit, scores

DATA = resources.files("kcbridge.docs").joinpath("data")


def test_labels_keep_addresses_and_hashes_never_text() -> None:
    rows = [json.loads(line) for line in
            DATA.joinpath(LABELS_FILE).read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 500
    assert all(set(r) == {"source", "lang", "index", "sha1", "label"} for r in rows)
    assert all(re.fullmatch(r"[0-9a-f]{12}", r["sha1"]) for r in rows)
    assert {r["lang"] for r in rows} == {"en", "ko", "zh"}
    assert set(r["label"] for r in rows) == set(CLASSES)
    assert len({r["source"] for r in rows}) >= 50  # documents for grouped folds
    with np.load(str(DATA.joinpath(FEATURES_FILE))) as f:
        assert f["X"].shape == (len(rows), len(hand_feature_names()) + 512)
        assert [CLASSES[k] for k in f["y"]] == [r["label"] for r in rows]


def test_shipped_model_matches_the_feature_code() -> None:
    model = statement_model.load_model()
    assert model is not None
    assert model.weights.shape == (len(hand_feature_names()) + 512, len(CLASSES))
    assert model.adopted == frozenset()  # no language beat the rules by the margin


def test_fit_separates_two_classes_written_here() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(120, 4))
    y = np.where(X[:, 0] + 0.5 * X[:, 1] > 0, CLASSES.index("signed"), 0)
    model = fit(X, y, penalty=1.0)
    predicted = np.asarray([CLASSES.index(c) for c, _ in model.predict(X)])
    assert (predicted == y).mean() >= 0.95


def test_combine_lets_the_model_decide_restrictions_only() -> None:
    k = len(CLASSES)
    r = CLASSES.index("restriction")

    def probs(label: str, p: float) -> list[float]:
        row = [(1 - p) / (k - 1)] * k
        row[CLASSES.index(label)] = p
        return row

    rules = np.asarray([CLASSES.index("signed"), r, r, 0, CLASSES.index("proposal")])
    probabilities = np.asarray([probs("restriction", 0.8), probs("none", 0.95),
                                probs("restriction", 0.6), probs("restriction", 0.9),
                                probs("agreement", 0.9)])
    candidates = np.asarray([True, True, True, False, True])
    out = combine(rules, probabilities, candidates)
    assert [CLASSES[x] for x in out] == ["restriction", "none", "restriction", "none",
                                         "proposal"]
    gold = np.asarray([r, 0, r, 0, CLASSES.index("proposal")])
    assert scores(gold, out) == {"precision": 1.0, "recall": 1.0, "f1": 1.0,
                                 "statements": 3, "extracted": 3}


def test_an_adopted_model_retypes_restrictions_in_a_document(
        monkeypatch: pytest.MonkeyPatch) -> None:
    base = statement_model.load_model()
    assert base is not None
    d = base.weights.shape[0]
    weights = np.zeros((d, len(CLASSES)), dtype=np.float32)
    bias = np.zeros(len(CLASSES), dtype=np.float32)
    bias[CLASSES.index("none")] = 5.0  # a model that calls everything "none"
    always_none = StatementModel(weights, bias, np.zeros(d, np.float32),
                                 np.ones(d, np.float32), CLASSES, frozenset({"en"}))
    monkeypatch.setattr(statement_model, "load_model", lambda: always_none)
    # the learned candidate stage reads untyped sentences too: out of this test
    monkeypatch.setattr(statement_detector, "load_detector", lambda: None)
    sentences = split_sentences(
        "China announced export controls on graphite on Friday. "
        "Samsung SDI and CATL signed a battery recycling agreement.")
    found = classify_sentences(sentences, [False] * len(sentences))
    assert [f.type if f else None for f in found] == [None, "signed"]
    monkeypatch.setattr(statement_model, "load_model",
                        lambda: replace(always_none, adopted=frozenset({"ko"})))
    found = classify_sentences(sentences, [False] * len(sentences))
    assert [f.type if f else None for f in found] == ["restriction", "signed"]
