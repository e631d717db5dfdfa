"""The statement verifier (:mod:`kcbridge.docs.statement_verifier`): the cross-validation
record that decided where it is used is reproduced from the stored features, the shipped
weights load and match the feature code, and on a document written here it drops a
ministry's own response that the rules type as implemented while it keeps the curb beside
it."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from kcbridge.docs import statement_verifier
from kcbridge.docs.model import Statement
from kcbridge.docs.statement_verifier import (
    StatementVerifier,
    context_features,
    feature_names,
    load_verifier,
)
from kcbridge.docs.statement_verifier_training import FEATURES_FILE, stored, train_verifier
from kcbridge.docs.training import data_dir

D = len(feature_names()) + 512


def test_cross_validation_record_is_reproduced(tmp_path: Path) -> None:
    """The decision of the round (docs/history/verifier_cv_stverify.json): adopted in Korean only
    (F1 0.853 -> 0.862 out of fold, 4 of 5 folds up, no recall lost); English rose in 4 folds
    (0.852 -> 0.879) but lost 0.036 recall, Chinese lost F1. Retraining writes the shipped
    weights."""
    shutil.copy(data_dir() / FEATURES_FILE, tmp_path / FEATURES_FILE)
    report = train_verifier(tmp_path)
    assert report["statements"] == 823 and report["right"] == 709 and report["pages"] == 115
    assert report["penalty"] == 100.0 and report["adopted"] == ["ko"]
    ko, en, zh = (report["by_language"][x] for x in ("ko", "en", "zh"))
    assert (ko["rules"]["f1"], ko["rules+verifier"]["f1"]) == (0.853, 0.862)
    assert (ko["rules"]["extracted"], ko["rules+verifier"]["extracted"]) == (557, 546)
    assert ko["folds_won"] == 4 and ko["recall_loss"] == 0.0 and ko["threshold"] == 0.1
    assert (en["rules"]["f1"], en["rules+verifier"]["f1"]) == (0.852, 0.879)
    assert en["folds_won"] == 4 and en["recall_loss"] == pytest.approx(0.036)
    assert not en["adopted"]  # recall fell by more than 0.02
    assert zh["rules+verifier"]["f1"] < zh["rules"]["f1"] and not zh["adopted"]
    with np.load(tmp_path / statement_verifier.VERIFIER_FILE) as new, \
            np.load(data_dir() / statement_verifier.VERIFIER_FILE) as shipped:
        assert np.allclose(new["weights"], shipped["weights"], atol=1e-4)
        assert list(new["threshold_langs"]) == list(shipped["threshold_langs"]) == ["ko"]


def test_stored_training_rows_hold_no_text() -> None:
    arrays = stored(data_dir())
    assert arrays["X"].shape == (823, D)
    assert all(len(str(h)) == 12 for h in arrays["sentence_sha1"])
    assert all(x.dtype.kind != "U" or max(len(str(v)) for v in x) <= 64
               for name, x in arrays.items() if name != "feature_names")
    assert [str(x) for x in arrays["feature_names"]] == feature_names()


def test_shipped_weights_load_for_korean_only() -> None:
    verifier = load_verifier()
    assert verifier is not None
    assert verifier.weights.shape == (D,) and verifier.mean.shape == (D,)
    assert verifier.thresholds == {"ko": pytest.approx(0.1)}


def test_keep_applies_thresholds_of_adopted_languages_only() -> None:
    verifier = StatementVerifier(np.zeros(3, np.float32), 0.0, np.zeros(3, np.float32),
                                 np.ones(3, np.float32), {"ko": 0.6})
    rows = np.zeros((2, 3), np.float32)  # P = 0.5 everywhere
    assert verifier.keep(rows, ["ko", "en"]) == [False, True]
    assert StatementVerifier(np.zeros(3, np.float32), 0.0, np.zeros(3, np.float32),
                             np.ones(3, np.float32), {"ko": 0.4}).keep(rows[:1], ["ko"]) == [True]


def test_context_features_mark_background_dates_and_the_headline() -> None:
    from datetime import date

    st = Statement(sentence=0, start=0, end=0, text="x", type="signed", cue="", confidence=0.8,
                   lang="ko", countries=["KOR", "CHN"], date=date(2019, 5, 1))
    values = dict(zip(statement_verifier.context_feature_names(),
                      context_features(st, 10, 2021), strict=True))
    assert values["type_signed"] == 1.0 and values["detected"] == 1.0
    assert values["headline"] == 1.0 and values["two_countries"] == 1.0
    assert values["dated_before_year"] == 1.0 and values["undated"] == 0.0
    assert context_features(st, 10, 2019)[feature_names().index("dated_before_year")
                                           - len(feature_names())] == 0.0


TEXT = ("中, 흑연 통제 강화…산업부 \"국내 기업 피해 줄일 대응 체계 가동\"\n"
        "중국이 흑연 수출 통제를 강화한 가운데 산업통상자원부가 국내 기업 피해를 줄이기 위한 "
        "대응에 나섰다.")


def test_the_verifier_drops_a_domestic_response_typed_implemented(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A ministry's own response to the other side's curb is no cooperation carried out (one
    side's own act); the rules type the headline as implemented ("체계 가동"), the verifier
    drops it in Korean and keeps the curb of the body. (The form is that of a fresh-12
    headline, a page of the verifier's training data; the sentences are written here.)"""
    from kcbridge.docs.pipeline import analyse_document

    kept = analyse_document(TEXT)
    assert [(s.sentence, s.type) for s in kept.statements] == [(1, "restriction")]
    monkeypatch.setattr(statement_verifier, "load_verifier", lambda: None)
    rules = analyse_document(TEXT)
    assert [(s.sentence, s.type) for s in rules.statements] == [(0, "implemented"),
                                                               (1, "restriction")]
