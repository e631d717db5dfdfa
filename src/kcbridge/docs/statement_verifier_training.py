"""Train the statement verifier (:mod:`kcbridge.docs.statement_verifier`) and decide, per
language, whether it is used.

Data (``docs/data/statement_verifier_features.npz``, derived features only, no text): one row
per statement the pipeline extracted from a labelled real page whose text could be rebuilt
(news_dev's development half, fresh-7 to fresh-21, the Korean dev sets of the kostat rounds,
the training-only batches of rounds stretrain2 and stretrain3), labelled *right* when its
type is the type or an alt type of a gold statement it overlaps (the scorer's rule,
:func:`kcbridge.docs.news_evaluation.score_statements`). Pages were run with today's code
and with older codes: today's rules were tuned on these pages and make almost no false
statements there (news_dev dev: 66 of 68 right), so the candidates of the
code that first scored each page (before any rule was written on it) and of one or two
codes before that show the false statements rules make on text they were not written for.
Round stverify: 823 statements (114 wrong) of 115 pages up to fresh-12; round stverify2
appended fresh-13, 14 and 15 (42 pages, run by its day's code and by the code that first
scored each set): 1061 statements, 187 wrong, 157 pages; round stverify3 appended fresh-16
to fresh-21 (90 pages, run the same two ways) and the training-only batches train21a/b and
train22a-d (86 pages, run by its day's code only: they were never scored): 1846 statements,
399 wrong, 331 pages (two new pages repeat older ones' text and share their group). The
commits are listed in the rounds' history records, ``docs/history/verifier_cv_stverify*.json``.
Each run of a page is an *instance* with its own gold count; rows of one page (all runs)
share a group, so no page is on both sides of a fold.

Decision (pre-registered in the round's PREREG, ``docs/history/documents.md``): 5-fold
cross-validation grouped by page; the verifier's out-of-fold probabilities; for each fold
and language the threshold that maximises statement F1 on the *other* folds with recall at
most ``MAX_RECALL_LOSS`` below keeping everything; the verifier is adopted in a language
only when, out of fold, F1 rises overall and in at least ``MIN_FOLDS`` folds and recall
falls by at most ``MAX_RECALL_LOSS``.

    python -m kcbridge.docs.training train-verifier
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

from kcbridge.docs.model import Statement
from kcbridge.docs.statement_model import LANGS
from kcbridge.docs.statement_verifier import (
    VERIFIER_FILE,
    StatementVerifier,
    feature_names,
    statement_features,
)
from kcbridge.docs.training import page_folds

FEATURES_FILE = "statement_verifier_features.npz"
FOLDS = 5
SEED = 20261206
MIN_FOLDS = 4
MAX_RECALL_LOSS = 0.02
PENALTIES = (10.0, 30.0, 100.0, 300.0, 1000.0)
THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


# ---- features from candidate rows (texts stay outside the repository) -----------------
def featurize(rows: Sequence[dict[str, Any]],
              markers: Sequence[dict[str, Any]]) -> dict[str, np.ndarray]:
    """Arrays of the stored training file from candidate rows (``text``, ``lang``, ``type``,
    ``cue``, ``conf``, ``sentence``, ``n_sent``, ``parties``, ``countries``, ``date``,
    ``published``, ``emb``, ``right``, ``finds``, ``instance``, ``page``) and one marker per
    instance (``instance``, ``n_gold``, ``lang``, ``page``): the gold count of pages without
    rows too."""
    feats = []
    for r in rows:
        st = Statement(sentence=int(r["sentence"]), start=0, end=0, text=r["text"],
                       type=r["type"], cue=r["cue"], confidence=float(r["conf"]),
                       lang=r["lang"], parties=list(r["parties"]),
                       countries=list(r["countries"]),
                       date=date.fromisoformat(r["date"]) if r["date"] else None)
        year = int(r["published"][:4]) if r["published"] else None
        feats.append(statement_features([st], int(r["n_sent"]), year,
                                        np.asarray([r["emb"]]))[0])
    return {
        "X": np.asarray(feats, dtype=np.float32),
        "y": np.asarray([bool(r["right"]) for r in rows]),
        "groups": np.asarray([str(r["page"])[:16] for r in rows]),
        "langs": np.asarray([r["lang"] for r in rows]),
        "types": np.asarray([r["type"] for r in rows]),
        "instance": np.asarray([r["instance"] for r in rows]),
        "finds": np.asarray([";".join(f"{r['instance']}#{k}" for k in r["finds"]) for r in rows]),
        "sentence_sha1": np.asarray([hashlib.sha1(r["text"].encode("utf-8")).hexdigest()[:12]
                                     for r in rows]),
        "instances": np.asarray([m["instance"] for m in markers]),
        "instance_gold": np.asarray([int(m["n_gold"]) for m in markers]),
        "instance_lang": np.asarray([m["lang"] for m in markers]),
        "instance_group": np.asarray([str(m["page"])[:16] for m in markers]),
        "feature_names": np.asarray(feature_names()),
    }


def stored(data: Path) -> dict[str, np.ndarray]:
    with np.load(data / FEATURES_FILE, allow_pickle=False) as f:
        return {name: f[name] for name in f.files}


# ---- the model --------------------------------------------------------------------------
def fit(X: np.ndarray, y: np.ndarray, penalty: float) -> StatementVerifier:
    """Binary logistic regression (L2 ``penalty`` on standardised features; the two classes
    weighted equally, as wrong statements are about one in ten); no threshold."""
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-6] = 1.0
    Z = (X - mean) / scale
    n, d = Z.shape
    t = y.astype(float)
    positives = max(float(t.sum()), 1.0)
    c = np.where(t > 0, n / (2 * positives), n / (2 * max(n - positives, 1.0)))

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:d], theta[d]
        z = Z @ w + b
        value = float((c * (np.logaddexp(0.0, z) - t * z)).sum()) / n \
            + 0.5 * penalty * float(w @ w) / n
        g = c * (1.0 / (1.0 + np.exp(-z)) - t) / n
        return value, np.concatenate([Z.T @ g + penalty * w / n, [g.sum()]])

    result = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B",
                      options={"maxiter": 500})
    return StatementVerifier(weights=result.x[:d].astype(np.float32), bias=float(result.x[d]),
                             mean=mean.astype(np.float32), scale=scale.astype(np.float32),
                             thresholds={})


def _choose_penalty(X: np.ndarray, y: np.ndarray, groups: np.ndarray) -> float:
    """The penalty with the lowest grouped 3-fold log loss."""
    def log_loss(penalty: float) -> float:
        total = 0.0
        for test in page_folds(groups, 3, SEED + 1):
            p = np.clip(fit(X[~test], y[~test], penalty).probabilities(X[test]), 1e-6, 1 - 1e-6)
            total -= float(np.where(y[test], np.log(p), np.log(1 - p)).sum())
        return total
    return min(PENALTIES, key=log_loss)


# ---- statement scores of a kept subset ---------------------------------------------------
def scores(arrays: dict[str, np.ndarray], lang: str, groups: np.ndarray,
           keep: np.ndarray) -> dict[str, Any]:
    """Statement precision, recall and F1 of the runs of the pages in ``groups`` in ``lang``
    when only ``keep`` of their statements stay (the scorer's counts: a gold statement is
    found when a kept statement of its type overlaps it; pages without any statement count
    their gold too)."""
    rows = (arrays["langs"] == lang) & np.isin(arrays["groups"], groups)
    chosen = (arrays["instance_lang"] == lang) & np.isin(arrays["instance_group"], groups)
    gold = int(arrays["instance_gold"][chosen].sum())
    kept = rows & keep
    found = {k for f in arrays["finds"][kept] for k in str(f).split(";") if k}
    right = int(arrays["y"][kept].sum())
    extracted = int(kept.sum())
    p = right / extracted if extracted else 0.0
    r = len(found) / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
            "gold": gold, "found": len(found), "right": right, "extracted": extracted}


def _best_threshold(arrays: dict[str, np.ndarray], lang: str, groups: np.ndarray,
                    p: np.ndarray) -> float:
    """The threshold with the best F1 on the pages ``groups`` in ``lang`` among those losing
    at most ``MAX_RECALL_LOSS`` recall (the smallest on ties)."""
    everything = scores(arrays, lang, groups, np.ones(len(p), dtype=bool))
    best, best_f1 = 0.0, everything["f1"]
    for t in THRESHOLDS[1:]:
        s = scores(arrays, lang, groups, p >= t)
        if everything["recall"] - s["recall"] <= MAX_RECALL_LOSS + 1e-9 and s["f1"] > best_f1:
            best, best_f1 = t, s["f1"]
    return best


def train_verifier(data: Path) -> dict[str, Any]:
    """Cross-validate, decide per language and write ``statement_verifier.npz`` (see the
    module doc); returns the report."""
    arrays = stored(data)
    X, y, groups, langs = arrays["X"], arrays["y"], arrays["groups"], arrays["langs"]
    pages = np.unique(np.concatenate([groups, arrays["instance_group"]]))
    rng = np.random.default_rng(SEED)
    rng.shuffle(pages)
    parts = list(np.array_split(pages, FOLDS))
    folds = [np.isin(groups, part) for part in parts]
    # One penalty for all folds, from a grouped 3-fold search over all rows (the only
    # choice that sees the test folds; thresholds are chosen without them).
    penalty = _choose_penalty(X, y, groups)
    oof = np.zeros(len(y))
    for test in folds:
        oof[test] = fit(X[~test], y[~test], penalty).probabilities(X[test])
    everything = np.ones(len(y), dtype=bool)
    report: dict[str, Any] = {"statements": int(len(y)), "right": int(y.sum()),
                              "pages": int(len(pages)), "folds": FOLDS,
                              "penalty": penalty, "by_language": {}}
    thresholds: dict[str, float] = {}
    for lang in LANGS:
        mask = langs == lang
        nested = everything.copy()
        rows: list[dict[str, Any]] = []
        for k, (test, part) in enumerate(zip(folds, parts, strict=True)):
            others = np.setdiff1d(pages, part)
            t = _best_threshold(arrays, lang, others, oof)
            here = mask & test
            nested[here] = oof[here] >= t
            rows.append({"fold": k, "threshold": t,
                         "rules": scores(arrays, lang, part, everything),
                         "rules+verifier": scores(arrays, lang, part, nested)})
        wins = sum(r["rules+verifier"]["f1"] > r["rules"]["f1"] for r in rows)
        overall = {"rules": scores(arrays, lang, pages, everything),
                   "rules+verifier": scores(arrays, lang, pages, nested)}
        recall_loss = overall["rules"]["recall"] - overall["rules+verifier"]["recall"]
        adopted = (overall["rules+verifier"]["f1"] > overall["rules"]["f1"]
                   and wins >= MIN_FOLDS and recall_loss <= MAX_RECALL_LOSS + 1e-9)
        final_threshold = _best_threshold(arrays, lang, pages, oof)
        if adopted and final_threshold > 0:
            thresholds[lang] = final_threshold
        report["by_language"][lang] = {**overall, "folds": rows, "folds_won": wins,
                                       "recall_loss": round(recall_loss, 3),
                                       "threshold": final_threshold,
                                       "adopted": lang in thresholds}
    final = fit(X, y, penalty)
    verifier = StatementVerifier(final.weights, final.bias, final.mean, final.scale, thresholds)
    np.savez_compressed(data / VERIFIER_FILE, **verifier.to_arrays())
    report["adopted"] = sorted(thresholds)
    return report
