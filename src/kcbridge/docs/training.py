"""Train the statement model (:mod:`kcbridge.docs.statement_model`) and compare it with
the cue rules by cross-validation grouped by document.

Two steps, so that the repository never holds third-party text:

1. ``featurize`` (needs the labelled sentences' text, kept outside the repository): a
   TSV of ``address<TAB>lang<TAB>label<TAB>sentence`` lines (labels ``N`` none, ``P``
   proposal, ``A`` agreement, ``S`` signed, ``I`` implemented, ``R`` restriction) becomes
   ``docs/data/statement_labels.jsonl`` (address, language, index of the sentence in its
   page, SHA-1 prefix of the sentence, label) and ``docs/data/statement_features.npz``
   (the feature matrix, labels, groups and languages). Pages that are news_dev sources
   are refused: news_dev is for evaluation only.
2. ``train`` (from the stored features alone): grouped 5-fold cross-validation of *rules
   alone* (the rules' type), *model alone* (embedding, tense, modality, negation and
   scope features, no rule features, every sentence), and *rules + model* (all features,
   sentences with a cue only, as deployed: the model decides restrictions, the rules the
   other types; see :func:`combine`); the model is adopted for a language only when
   rules + model has a statement F1 there at least ``ADOPTION_MARGIN`` above the rules. Writes
   ``docs/data/statement_model.npz`` and prints the report as JSON.

    python -m kcbridge.docs.training featurize LABELLED.tsv [...] [--exclude SOURCES.json]
    python -m kcbridge.docs.training train
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

from kcbridge.docs.statement_model import (
    CLASSES,
    LANGS,
    MODEL_FILE,
    RESTRICTION_ADD,
    RESTRICTION_DROP,
    StatementModel,
    hand_feature_names,
    sentence_features,
)

LABEL_CODES = {"N": "none", "P": "proposal", "A": "agreement", "S": "signed",
               "I": "implemented", "R": "restriction"}
LABELS_FILE = "statement_labels.jsonl"
FEATURES_FILE = "statement_features.npz"
FOLDS = 5
PENALTIES = (3.0, 10.0, 30.0, 100.0, 300.0)
SEED = 20261205
#: The model is adopted for a language only when rules + model beats the rules' statement
#: F1 there by at least this much (about one standard error with ~60 statements a
#: language; set after seeing that a 0.007-0.021 gain in this cross-validation came with
#: losses on news_dev's development texts).
ADOPTION_MARGIN = 0.03


def data_dir() -> Path:
    return Path(str(resources.files("kcbridge.docs").joinpath("data")))


def sentence_hash(text: str) -> str:
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:12]


def _address_key(url: str) -> str:
    url = url.split("#")[0].rstrip("/")
    for prefix in ("https://", "http://"):
        url = url.removeprefix(prefix)
    for prefix in ("www.", "m.", "cm.", "amp."):
        url = url.removeprefix(prefix)
    return url


def read_labelled(paths: list[Path], excluded: set[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    index: dict[str, int] = defaultdict(int)
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) != 4 or parts[2] not in LABEL_CODES or parts[1] not in LANGS:
                raise ValueError(f"{path}:{n}: expected address, lang, label, sentence")
            url, lang, code, text = parts
            if _address_key(url) in excluded:
                raise ValueError(f"{path}:{n}: {url} is a news_dev source (evaluation only)")
            rows.append({"source": url, "lang": lang, "index": index[url],
                         "sha1": sentence_hash(text), "label": LABEL_CODES[code],
                         "text": text})
            index[url] += 1
    return rows


def featurize(paths: list[Path], excluded: set[str], out: Path) -> dict[str, Any]:
    rows = read_labelled(paths, excluded)
    features = sentence_features([r["text"] for r in rows], [r["lang"] for r in rows])
    sources = sorted({r["source"] for r in rows})
    with (out / LABELS_FILE).open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({k: r[k] for k in ("source", "lang", "index", "sha1", "label")},
                                ensure_ascii=False) + "\n")
    np.savez_compressed(
        out / FEATURES_FILE, X=features.astype(np.float32),
        y=np.asarray([CLASSES.index(r["label"]) for r in rows], dtype=np.int64),
        groups=np.asarray([sources.index(r["source"]) for r in rows], dtype=np.int64),
        langs=np.asarray([r["lang"] for r in rows]),
        feature_names=np.asarray(hand_feature_names()))
    return {"sentences": len(rows), "documents": len(sources)}


# ---- the model ---------------------------------------------------------------
def fit(X: np.ndarray, y: np.ndarray, penalty: float) -> StatementModel:
    """Multinomial logistic regression (L2 ``penalty`` on standardised features, classes
    weighted by the inverse square root of their frequency)."""
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-6] = 1.0
    Z = (X - mean) / scale
    n, d = Z.shape
    k = len(CLASSES)
    counts = np.bincount(y, minlength=k).astype(float)
    class_weight = np.where(counts > 0, np.sqrt(n / (k * np.maximum(counts, 1))), 0.0)
    w = class_weight[y]
    Y = np.eye(k)[y]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        W = theta[:d * k].reshape(d, k)
        b = theta[d * k:]
        logits = Z @ W + b
        logits -= logits.max(axis=1, keepdims=True)
        logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        value = -(w * (Y * logp).sum(axis=1)).sum() / n + 0.5 * penalty * (W ** 2).sum() / n
        grad_logits = (np.exp(logp) - Y) * w[:, None] / n
        gW = Z.T @ grad_logits + penalty * W / n
        gb = grad_logits.sum(axis=0)
        return float(value), np.concatenate([gW.ravel(), gb])

    result = minimize(loss, np.zeros(d * k + k), jac=True, method="L-BFGS-B",
                      options={"maxiter": 500})
    W = result.x[:d * k].reshape(d, k)
    return StatementModel(weights=W.astype(np.float32), bias=result.x[d * k:].astype(np.float32),
                          mean=mean.astype(np.float32), scale=scale.astype(np.float32),
                          classes=CLASSES, adopted=frozenset())


def _folds(groups: np.ndarray, folds: int, seed: int) -> list[np.ndarray]:
    unique = np.unique(groups)
    rng = np.random.default_rng(seed)
    rng.shuffle(unique)
    return [np.isin(groups, part) for part in np.array_split(unique, folds)]


def _rule_predictions(X: np.ndarray) -> np.ndarray:
    names = hand_feature_names()
    cols = [names.index(f"rule_{c}") for c in CLASSES]
    return np.asarray(X[:, cols].argmax(axis=1))


def _candidates(X: np.ndarray) -> np.ndarray:
    names = hand_feature_names()
    cols = [i for i, n in enumerate(names) if n.startswith("cue_")]
    return np.asarray(X[:, cols].sum(axis=1) > 0)


def _without_rules(X: np.ndarray) -> np.ndarray:
    names = hand_feature_names()
    keep = [i for i, n in enumerate(names) if not n.startswith(("cue_", "rule_")) and n not in
            ("cooperation", "discussion", "mechanism")]
    return np.hstack([X[:, keep], X[:, len(names):]])


def _choose_penalty(X: np.ndarray, y: np.ndarray, groups: np.ndarray) -> float:
    best, best_f1 = PENALTIES[0], -1.0
    for penalty in PENALTIES:
        predicted = np.zeros_like(y)
        for test in _folds(groups, 3, SEED + 1):
            predicted[test] = [CLASSES.index(c) for c, _ in
                               fit(X[~test], y[~test], penalty).predict(X[test])]
        f1 = scores(y, predicted)["f1"]
        if f1 > best_f1:
            best, best_f1 = penalty, f1
    return best


def scores(gold: np.ndarray, predicted: np.ndarray) -> dict[str, Any]:
    """Statement precision, recall and F1 (a sentence of a statement type is right when
    typed as it; ``none`` is no statement)."""
    tp = int(((gold == predicted) & (gold > 0)).sum())
    extracted = int((predicted > 0).sum())
    relevant = int((gold > 0).sum())
    p = tp / extracted if extracted else 0.0
    r = tp / relevant if relevant else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
            "statements": relevant, "extracted": extracted}


def cross_validate(X: np.ndarray, y: np.ndarray, groups: np.ndarray) -> dict[str, np.ndarray]:
    """Out-of-fold predictions of the three variants."""
    rules = _rule_predictions(X)
    alone = np.zeros_like(y)
    combined = np.zeros_like(y)
    candidates = _candidates(X)
    Xm = _without_rules(X)
    for test in _folds(groups, FOLDS, SEED):
        train = ~test
        penalty = _choose_penalty(Xm[train], y[train], groups[train])
        alone[test] = [CLASSES.index(c) for c, _ in
                       fit(Xm[train], y[train], penalty).predict(Xm[test])]
        penalty = _choose_penalty(X[train], y[train], groups[train])
        probabilities = fit(X[train], y[train], penalty).probabilities(X[test])
        combined[test] = combine(rules[test], probabilities, candidates[test])
    return {"rules": rules, "model": alone, "rules+model": combined}


def combine(rules: np.ndarray, probabilities: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """How the model is used where adopted (see ``statement_model.RESTRICTION_ADD``): the model
    decides restrictions, the rules every other type."""
    restriction = CLASSES.index("restriction")
    p = probabilities[:, restriction]
    others = probabilities.copy()
    others[:, restriction] = -1.0
    out = np.where(candidates & (p > RESTRICTION_ADD), restriction, rules)
    return np.where((rules == restriction) & (p < RESTRICTION_DROP),
                    np.where(candidates, others.argmax(axis=1), 0), out)


def train(data: Path) -> dict[str, Any]:
    with np.load(data / FEATURES_FILE, allow_pickle=False) as f:
        X, y, groups, langs = f["X"], f["y"], f["groups"], f["langs"]
        if [str(x) for x in f["feature_names"]] != hand_feature_names():
            raise ValueError("The stored features were made by other feature code: run "
                             "featurize again.")
    predictions = cross_validate(X, y, groups)
    report: dict[str, Any] = {"sentences": int(len(y)), "documents": int(len(np.unique(groups))),
                              "folds": FOLDS, "by_language": {}, "by_type": {}}
    adopted = []
    for lang in (*LANGS, "all"):
        mask = np.ones_like(y, dtype=bool) if lang == "all" else langs == lang
        row = {name: scores(y[mask], pred[mask]) for name, pred in predictions.items()}
        report["by_language"][lang] = row
        if lang != "all" and row["rules+model"]["f1"] >= row["rules"]["f1"] + ADOPTION_MARGIN:
            adopted.append(lang)
    for k, name in enumerate(CLASSES[1:], 1):
        report["by_type"][name] = {
            variant: scores(np.where(y == k, k, 0), np.where(pred == k, k, 0))
            for variant, pred in predictions.items()}
    penalty = _choose_penalty(X, y, groups)
    final = fit(X, y, penalty)
    model = StatementModel(final.weights, final.bias, final.mean, final.scale, CLASSES,
                           frozenset(adopted))
    np.savez_compressed(data / MODEL_FILE, **model.to_arrays())
    report.update(adopted=adopted, penalty=penalty)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    feat = sub.add_parser("featurize", help="labelled TSV -> labels and features")
    feat.add_argument("tsv", nargs="+", type=Path)
    feat.add_argument("--exclude", type=Path, help="news_dev sources.json (refused pages)")
    sub.add_parser("train", help="stored features -> weights, with the CV report")
    args = parser.parse_args(argv)
    out = data_dir()
    if args.command == "featurize":
        excluded: set[str] = set()
        if args.exclude:
            sources = json.loads(args.exclude.read_text(encoding="utf-8"))
            values = sources.values() if isinstance(sources, dict) else sources
            excluded = {_address_key(v["url"]) for v in values
                        if isinstance(v, dict) and v.get("url")}
        print(json.dumps(featurize(args.tsv, excluded, out)))
    else:
        print(json.dumps(train(out), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
