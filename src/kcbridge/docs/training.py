"""Train the statement model (:mod:`kcbridge.docs.statement_model`) and compare it with
the cue rules by cross-validation grouped by document.

Two steps, so that the repository never holds third-party text:

1. ``featurize`` (needs the labelled sentences' text, kept outside the repository): a
   TSV of ``address<TAB>lang<TAB>label<TAB>sentence`` lines (labels ``N`` none, ``P``
   proposal, ``A`` agreement, ``S`` signed, ``I`` implemented, ``R`` restriction) becomes
   ``docs/data/statement_labels.jsonl`` (address, language, index of the sentence in its
   page, SHA-1 prefix of the sentence, label) and ``docs/data/statement_features.npz``
   (the feature matrix, labels, groups and languages). Pages that are news_dev sources
   or pages of a test set (``--exclude``: news_dev's ``sources.json`` or a labelled
   pages file such as ``statement_fresh8_pages.jsonl``) are refused: they are for
   evaluation only. With ``--append`` the new pages are added to the stored labels and
   features instead of replacing them (the texts of earlier rounds are not kept, so
   their rows cannot be made again; a page already stored is refused).
2. ``train`` (from the stored features alone): grouped 5-fold cross-validation of *rules
   alone* (the rules' type), *model alone* (embedding, tense, modality, negation and
   scope features, no rule features, every sentence), and *rules + model* (all features,
   sentences with a cue only, as deployed: the model decides restrictions, the rules the
   other types; see :func:`combine`); the model is adopted for a language only when
   rules + model has a statement F1 there at least ``ADOPTION_MARGIN`` above the rules. Writes
   ``docs/data/statement_model.npz``; then the learned candidate stage
   (:mod:`kcbridge.docs.statement_detector`, :func:`train_detector`): the same folds, the
   detector's out-of-fold probabilities, per language a threshold chosen on the other folds
   for each fold, adoption when rules + detector beat the rules overall and in at least
   ``DETECTOR_MIN_FOLDS`` of the folds; writes ``docs/data/statement_detector.npz``. Prints
   both reports as JSON.

    python -m kcbridge.docs.training pages-tsv TEXTS:LABELS.jsonl [...] > LABELLED.tsv
    python -m kcbridge.docs.training featurize LABELLED.tsv [...] [--exclude FILE ...] [--append]
    python -m kcbridge.docs.training train            # the model, then the detector
    python -m kcbridge.docs.training train-detector   # the detector alone
    python -m kcbridge.docs.training train-verifier   # the statement verifier
                                                      # (kcbridge.docs.statement_verifier_training)
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
from kcbridge.errors import KcbridgeError

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
                raise ValueError(f"{path}:{n}: {url} is a news_dev or test-set page "
                                 "(evaluation only)")
            rows.append({"source": url, "lang": lang, "index": index[url],
                         "sha1": sentence_hash(text), "label": LABEL_CODES[code],
                         "text": text})
            index[url] += 1
    return rows


def featurize(paths: list[Path], excluded: set[str], out: Path,
              append: bool = False) -> dict[str, Any]:
    """Labels and features of the labelled TSVs; with ``append``, added after the stored
    ones (see module doc). Groups are the pages, numbered in address order."""
    rows = read_labelled(paths, excluded)
    features = sentence_features([r["text"] for r in rows], [r["lang"] for r in rows])
    keep = ("source", "lang", "index", "sha1", "label")
    stored: list[dict[str, Any]] = []
    if append:
        X, _, _, _ = stored_features(out)
        stored = [json.loads(line) for line in
                  (out / LABELS_FILE).read_text(encoding="utf-8").splitlines() if line.strip()]
        if len(stored) != len(X):
            raise ValueError(f"{LABELS_FILE} and {FEATURES_FILE} disagree: run featurize "
                             "on every labelled TSV instead.")
        known = {_address_key(r["source"]) for r in stored}
        twice = sorted({r["source"] for r in rows if _address_key(r["source"]) in known})
        if twice:
            raise ValueError(f"already in the stored labels: {', '.join(twice)}")
        features = np.vstack([X, features])
    rows = [{k: r[k] for k in keep} for r in stored + rows]
    sources = sorted({r["source"] for r in rows})
    group = {source: n for n, source in enumerate(sources)}
    with (out / LABELS_FILE).open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    np.savez_compressed(
        out / FEATURES_FILE, X=features.astype(np.float32),
        y=np.asarray([CLASSES.index(r["label"]) for r in rows], dtype=np.int64),
        groups=np.asarray([group[r["source"]] for r in rows], dtype=np.int64),
        langs=np.asarray([r["lang"] for r in rows]),
        feature_names=np.asarray(hand_feature_names()))
    return {"sentences": len(rows), "documents": len(sources)}


def page_set_rows(spec: str) -> list[str]:
    """TSV lines (address, lang, code, sentence) of a labelled page set ``TEXTS:LABELS.jsonl``
    (the layout ``kcbridge docs evaluate --set`` reads): each page split as the pipeline
    splits it; a sentence takes the type of the gold statement whose main evidence overlaps
    it (the scorer's own test), else of one any of whose spans does (first in file order),
    else none. The address is the page's ``source``, or ``SET/FILE`` when it has none."""
    from kcbridge.docs.news_evaluation import labelled_set, overlaps
    from kcbridge.docs.text import normalise_text, split_sentences

    root, gold = labelled_set(spec)
    codes = {name: code for code, name in LABEL_CODES.items()}
    lines = []
    for name, page in gold.items():
        if name.startswith("_"):
            continue
        text = (root / name).read_text(encoding="utf-8")
        golds = [(st["type"], [st["evidence"], *st.get("alt_evidence", [])])
                 for st in page.get("statements") or []]
        address = page.get("source") or f"{page.get('set') or root.name}/{name}"
        for sentence in split_sentences(normalise_text(text)):
            line = " ".join(sentence.text.split())
            if not line:
                continue
            main = [t for t, spans in golds if overlaps(spans[0], line)]
            touching = [t for t, spans in golds if any(overlaps(s, line) for s in spans)]
            label = (main or touching or ["none"])[0]
            lines.append(f"{address}\t{page['lang']}\t{codes[label]}\t{line}")
    return lines


def excluded_addresses(path: Path) -> set[str]:
    """Address keys of the pages in ``path``: news_dev's ``sources.json`` (a dict or list of
    entries with ``url``) or a labelled pages file (JSON lines with ``source``)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        entries = [json.loads(line) for line in text.splitlines() if line.strip()]
        return {_address_key(e["source"]) for e in entries if e.get("source")}
    sources = json.loads(text)
    values = sources.values() if isinstance(sources, dict) else sources
    return {_address_key(v["url"]) for v in values if isinstance(v, dict) and v.get("url")}


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


def page_folds(groups: np.ndarray, folds: int, seed: int) -> list[np.ndarray]:
    """Row masks of ``folds`` folds of whole groups (pages), shuffled with ``seed``."""
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


def _choose_penalty(X: np.ndarray, y: np.ndarray, groups: np.ndarray,
                    penalties: tuple[float, ...] = PENALTIES) -> float:
    best, best_f1 = penalties[0], -1.0
    for penalty in penalties:
        predicted = np.zeros_like(y)
        for test in page_folds(groups, 3, SEED + 1):
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
    for test in page_folds(groups, FOLDS, SEED):
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


def stored_features(data: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``X, y, groups, langs`` of the stored features (``FEATURES_FILE`` in ``data``);
    ValueError when they were made by other feature code than today's."""
    with np.load(data / FEATURES_FILE, allow_pickle=False) as f:
        if [str(x) for x in f["feature_names"]] != hand_feature_names():
            raise ValueError("The stored features were made by other feature code: run "
                             "featurize again.")
        return f["X"], f["y"], f["groups"], f["langs"]


def train(data: Path) -> dict[str, Any]:
    X, y, groups, langs = stored_features(data)
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


# ---- the learned candidate stage ---------------------------------------------
#: P(statement) thresholds tried per language (2.0 = never).
DETECTOR_THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 2.0)
#: Folds in which rules + detector must do at least as well as the rules alone.
DETECTOR_MIN_FOLDS = 4
#: The detector's penalty grid reaches further than the model's: with the model's grid
#: (3-300) it chose the largest value, 300; with this one it chose 300 again.
DETECTOR_PENALTIES = (30.0, 100.0, 300.0, 1000.0, 3000.0)


def _detector_scope(X: np.ndarray, rules: np.ndarray, position: np.ndarray) -> np.ndarray:
    """Sentences the detector reads: untyped by the rules, among the first ``MAX_SENTENCE``
    of their page and at least ``MIN_CHARS`` long."""
    from kcbridge.docs.statement_detector import MAX_SENTENCE, MIN_CHARS

    length = hand_feature_names().index("log_length")
    return np.asarray((rules == 0) & (position < MAX_SENTENCE)
                      & (X[:, length] >= np.log1p(MIN_CHARS) / 6.0 - 1e-6))


def with_detector(rules: np.ndarray, probabilities: np.ndarray, scope: np.ndarray,
                  threshold: float, kinds: np.ndarray | None = None) -> np.ndarray:
    """Rules, plus the detector's type (``kinds``, by default the most likely statement
    type) where the rules give none and P(statement) passes."""
    statement = 1.0 - probabilities[:, 0]
    kind = probabilities[:, 1:].argmax(axis=1) + 1 if kinds is None else kinds
    return np.where(scope & (statement > threshold), kind, rules)


def _best_threshold(y: np.ndarray, rules: np.ndarray, probabilities: np.ndarray,
                    scope: np.ndarray, kinds: np.ndarray | None = None) -> float:
    return max(DETECTOR_THRESHOLDS, key=lambda t: (
        scores(y, with_detector(rules, probabilities, scope, t, kinds))["f1"], t))


def train_detector(data: Path) -> dict[str, Any]:
    """Cross-validate, choose and write the learned candidate stage (see module doc)."""
    from kcbridge.docs.statement_detector import (
        DETECTOR_FILE,
        StatementDetector,
        detected_types,
    )

    X, y, groups, langs = stored_features(data)
    rules = _rule_predictions(X)
    position = np.asarray([json.loads(line)["index"] for line in
                           (data / LABELS_FILE).read_text(encoding="utf-8").splitlines()])
    scope = _detector_scope(X, rules, position)
    folds = page_folds(groups, FOLDS, SEED)
    # One penalty for every fold, chosen by the 3-fold grouped search over all sentences
    # (cheaper than a search inside each fold; the penalty, one of five values, is the only
    # choice that sees the test folds — the thresholds are chosen without them).
    penalty = _choose_penalty(X, y, groups, DETECTOR_PENALTIES)
    oof = np.zeros((len(y), len(CLASSES)))
    for test in folds:
        oof[test] = fit(X[~test], y[~test], penalty).probabilities(X[test])
    kinds = np.asarray([CLASSES.index(c) for c in detected_types(oof, X, CLASSES)])
    report: dict[str, Any] = {"sentences": int(len(y)), "documents": int(len(np.unique(groups))),
                              "folds": FOLDS, "penalty": penalty, "by_language": {}}
    thresholds: dict[str, float] = {}
    adopted = []
    for lang in LANGS:
        mask = langs == lang
        nested = rules.copy()
        rows: list[dict[str, Any]] = []
        for k, test in enumerate(folds):
            other = mask & ~test
            t = _best_threshold(y[other], rules[other], oof[other], scope[other], kinds[other])
            here = mask & test
            nested[here] = with_detector(rules[here], oof[here], scope[here], t, kinds[here])
            rows.append({"fold": k, "threshold": t, "statements": int((y[here] > 0).sum()),
                         "rules": scores(y[here], rules[here]),
                         "rules+detector": scores(y[here], nested[here])})
        wins = sum(r["rules+detector"]["f1"] >= r["rules"]["f1"] for r in rows)
        overall = {"rules": scores(y[mask], rules[mask]),
                   "rules+detector": scores(y[mask], nested[mask])}
        thresholds[lang] = _best_threshold(y[mask], rules[mask], oof[mask], scope[mask],
                                           kinds[mask])
        chosen = (overall["rules+detector"]["f1"] > overall["rules"]["f1"]
                  and wins >= DETECTOR_MIN_FOLDS and thresholds[lang] < 1.0)
        if chosen:
            adopted.append(lang)
        report["by_language"][lang] = {**overall, "folds": rows, "folds_won": wins,
                                       "threshold": thresholds[lang], "adopted": chosen}
    final = fit(X, y, penalty)
    detector = StatementDetector(
        model=StatementModel(final.weights, final.bias, final.mean, final.scale, CLASSES,
                             frozenset(adopted)),
        thresholds=thresholds)
    np.savez_compressed(data / DETECTOR_FILE, **detector.to_arrays())
    report["adopted"] = adopted
    return report


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except KcbridgeError as exc:  # bad input: the message and how to fix it, no traceback
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    pages = sub.add_parser("pages-tsv", help="labelled page sets -> the TSV featurize reads")
    pages.add_argument("sets", nargs="+", help="TEXTS:LABELS.jsonl (repeatable)")
    feat = sub.add_parser("featurize", help="labelled TSV -> labels and features")
    feat.add_argument("tsv", nargs="+", type=Path)
    feat.add_argument("--exclude", type=Path, action="append", default=[],
                      help="news_dev sources.json or a test set's pages .jsonl (refused "
                      "pages; repeatable)")
    feat.add_argument("--append", action="store_true",
                      help="add to the stored labels and features instead of replacing them")
    sub.add_parser("train", help="stored features -> weights, with the CV report")
    sub.add_parser("train-detector", help="stored features -> the learned candidate stage "
                   "only, with its CV report")
    sub.add_parser("train-verifier", help="stored verifier features -> the statement "
                   "verifier, with its CV report (kcbridge.docs.statement_verifier_training)")
    args = parser.parse_args(argv)
    out = data_dir()
    if args.command == "pages-tsv":
        for spec in args.sets:
            print("\n".join(page_set_rows(spec)))
    elif args.command == "featurize":
        excluded: set[str] = set()
        for path in args.exclude:
            excluded |= excluded_addresses(path)
        print(json.dumps(featurize(args.tsv, excluded, out, append=args.append)))
    elif args.command == "train-detector":
        print(json.dumps(train_detector(out), indent=1))
    elif args.command == "train-verifier":
        from kcbridge.docs.statement_verifier_training import train_verifier

        print(json.dumps(train_verifier(out), indent=1))
    else:
        print(json.dumps({"model": train(out), "detector": train_detector(out)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
