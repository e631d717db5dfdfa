"""The learned candidate stage (:mod:`kcbridge.docs.statement_detector`): what ships, the
policy that turns its probabilities into statements, how its threshold is chosen, and its
use in a document (sentences no cue rule types)."""

from __future__ import annotations

import numpy as np
import pytest

from kcbridge.docs import statement_detector
from kcbridge.docs.statement_detector import MIN_CHARS, StatementDetector
from kcbridge.docs.statement_model import CLASSES, StatementModel, hand_feature_names
from kcbridge.docs.statements import classify_sentences
from kcbridge.docs.text import split_sentences
from kcbridge.docs.training import _best_threshold, with_detector

D = len(hand_feature_names()) + 512


def _constant(label: str, p: float, adopted: set[str],
              thresholds: dict[str, float]) -> StatementDetector:
    """A detector whose every row gets P(label) = p (the rest shared by the others)."""
    k = len(CLASSES)
    rest = (1.0 - p) / (k - 1)
    bias = np.log(np.asarray([p if c == label else rest for c in CLASSES], dtype=np.float32))
    model = StatementModel(np.zeros((D, k), np.float32), bias, np.zeros(D, np.float32),
                           np.ones(D, np.float32), CLASSES, frozenset(adopted))
    return StatementDetector(model=model, thresholds=thresholds)


def test_shipped_detector_matches_the_feature_code() -> None:
    detector = statement_detector.load_detector()
    assert detector is not None
    assert detector.model.weights.shape == (D, len(CLASSES))
    assert detector.model.classes == CLASSES
    assert set(detector.thresholds) == {"en", "ko", "zh"}
    assert detector.adopted <= {"en", "ko", "zh"}
    for lang in detector.adopted:  # an adopted language has a real threshold
        assert 0.5 <= detector.thresholds[lang] < 1.0


def test_detect_passes_only_confident_rows_of_adopted_languages() -> None:
    detector = _constant("agreement", 0.8, {"ko", "en"}, {"ko": 0.7, "en": 0.97, "zh": 0.5})
    rows = np.zeros((3, D), np.float32)
    hits = detector.detect(rows, ["ko", "en", "zh"])
    # P(none) = 0.2 / 5: ko: P(statement) = 0.96 > 0.7; en: 0.96 <= 0.97; zh: not adopted
    assert hits[0] is not None and hits[0][0] == "agreement"
    assert hits[0][1] == pytest.approx(1 - 0.2 / 5, abs=1e-5)
    assert hits[1:] == [None, None]
    assert detector.detect(np.zeros((0, D), np.float32), []) == []


def test_the_detector_never_makes_a_restriction() -> None:
    """A restriction needs a curb a cue names: a confident cue-less 'restriction' (the
    demo's "chip makers need early warning of export rules") stays untyped, while the
    same confidence for another type makes a statement."""
    rows = np.zeros((1, D), np.float32)
    curb = _constant("restriction", 0.9, {"en"}, {"en": 0.6})
    assert curb.detect(rows, ["en"]) == [None]
    agreed = _constant("agreement", 0.9, {"en"}, {"en": 0.6})
    assert agreed.detect(rows, ["en"])[0] is not None


def test_with_detector_adds_only_where_the_rules_give_nothing() -> None:
    signed, agreement = CLASSES.index("signed"), CLASSES.index("agreement")
    rules = np.asarray([signed, 0, 0, 0])
    p = np.zeros((4, len(CLASSES)))
    p[:, 0] = [0.1, 0.1, 0.45, 0.1]  # P(none)
    p[:, agreement] = 1 - p[:, 0]
    scope = np.asarray([False, True, True, False])  # the last is too short to be read
    out = with_detector(rules, p, scope, 0.7)
    assert [CLASSES[x] for x in out] == ["signed", "agreement", "none", "none"]
    # 0.5 also adds the third (P(statement) 0.55, a false statement), 0.9 loses the second:
    # 0.6-0.8 are all right, and the highest of equals is kept
    gold = np.asarray([signed, agreement, 0, 0])
    assert with_detector(rules, p, scope, 0.5).tolist() == [signed, agreement, agreement, 0]
    assert _best_threshold(gold, rules, p, scope) == 0.8
    assert with_detector(rules, p, scope, 2.0).tolist() == rules.tolist()


def test_an_adopted_detector_types_sentences_without_a_cue(
        monkeypatch: pytest.MonkeyPatch) -> None:
    detector = _constant("agreement", 0.9, {"ko"}, {"ko": 0.6, "en": 2.0, "zh": 2.0})
    monkeypatch.setattr(statement_detector, "load_detector", lambda: detector)
    sentences = split_sentences(
        "두 회사는 배터리 소재 사업에서 힘을 합친다. "
        "삼성SDI는 중국 기업과 업무협약을 체결했다. 사진=연합.")
    found = classify_sentences(sentences, [False] * len(sentences))
    assert [f.type if f else None for f in found] == ["agreement", "signed", None]
    first = found[0]
    assert first is not None and first.cue == "" and first.confidence is not None
    assert len(sentences[2].text.strip()) < MIN_CHARS  # too short to be read
    monkeypatch.setattr(statement_detector, "load_detector", lambda: None)
    found = classify_sentences(sentences, [False] * len(sentences))
    assert [f.type if f else None for f in found] == [None, "signed", None]


def test_untyped_features_equal_the_full_ones_for_untyped_sentences() -> None:
    from kcbridge.docs.statement_model import hand_features
    from kcbridge.docs.statements import classify_sentence

    written = [("두 회사는 배터리 소재 사업에서 힘을 합친다.", "ko"),
               ("양국은 공급망 안정을 위해 긴밀히 소통해 나갈 계획이다.", "ko"),
               ("双方一致认为应进一步深化新能源汽车领域合作。", "zh"),
               ("The two firms mapped out plans for a joint battery plant.", "en")]
    checked = 0
    for text, lang in written:
        if classify_sentence(text, lang, cross_border=True) is None:
            checked += 1
            assert hand_features(text, lang, untyped=True).tolist() == \
                hand_features(text, lang).tolist()
    assert checked >= 2  # sentences the rules leave untyped were compared


def test_a_future_only_sentence_is_never_detected_as_done() -> None:
    from kcbridge.docs.statement_detector import detected_types
    from kcbridge.docs.statement_model import hand_features

    k = len(CLASSES)
    p = np.zeros((3, k))
    p[:, CLASSES.index("implemented")] = 0.6
    p[:, CLASSES.index("agreement")] = 0.3
    p[:, 0] = 0.1
    written = [("The two institutes will open a second joint lab on 2 September.", "en"),
               ("The two institutes opened a joint lab in Daejeon on 10 April.", "en"),
               ("两家机构将于9月在首尔开设第二个联合实验室。", "zh")]
    features = np.stack([hand_features(t, lang) for t, lang in written])
    assert detected_types(p, features, CLASSES) == ["agreement", "implemented", "agreement"]
