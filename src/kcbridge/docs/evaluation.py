"""Evaluation of document analysis against kcbridge's own annotated set
(``docs/data/eval_{en,ko,zh}.yaml``: short texts written for the project, annotated with
organisations, people, sectors and statements).

Scoring, per field and per language (micro-averaged over documents):
* ``organisations``, ``people``, ``sectors``: sets per document. Organisations compare
  canonical ids (names outside the alias list compare as written, case-insensitively,
  Chinese after conversion to simplified).
* ``statement_type``: a predicted statement is a true positive when its sentence contains
  the snippet of a gold statement of the same type; otherwise a false positive. A gold
  statement without such a prediction is a false negative.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from importlib import resources
from typing import Any

import pandas as pd
import yaml

from kcbridge.docs.model import DocumentAnalysis
from kcbridge.docs.pipeline import DocumentInput, analyse_documents
from kcbridge.docs.text import to_simplified

FIELDS = ("organisations", "people", "sectors", "statement_type")
LANGUAGES = ("en", "ko", "zh")
#: Targets the issue sets (F1, each language).
TARGETS = {"organisations": 0.85, "sectors": 0.85, "statement_type": 0.75}


def _read(name: str) -> list[dict[str, Any]]:
    path = resources.files("kcbridge.docs").joinpath("data").joinpath(name)
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    for row in rows:
        if isinstance(row.get("published"), str):
            row["published"] = date.fromisoformat(row["published"])
    return list(rows)


def load_eval_set(
    languages: tuple[str, ...] = LANGUAGES, *, heldout: bool = False
) -> list[dict[str, Any]]:
    """The development set (36 documents, the rules were tuned on it) or, with
    ``heldout=True``, the held-out set (6 documents written afterwards, never tuned on)."""
    if heldout:
        return [row for row in _read("heldout.yaml") if row["lang"] in languages]
    docs = []
    for lang in languages:
        for row in _read(f"eval_{lang}.yaml"):
            row["lang"] = lang
            docs.append(row)
    return docs


def _norm(value: str) -> str:
    return to_simplified(str(value)).strip().casefold()


def _count(gold: set[str], predicted: set[str]) -> tuple[int, int, int]:
    return len(gold & predicted), len(predicted - gold), len(gold - predicted)


def score_document(
    gold: dict[str, Any], analysis: DocumentAnalysis
) -> dict[str, tuple[int, int, int]]:
    """(tp, fp, fn) per field for one document."""
    ents = analysis.entities
    out = {
        "organisations": _count({_norm(x) for x in gold.get("organisations") or []},
                                {_norm(e.key) for e in ents if e.kind == "organisation"}),
        "people": _count({_norm(x) for x in gold.get("people") or []},
                         {_norm(e.key) for e in ents if e.kind == "person"}),
        "sectors": _count(set(gold.get("sectors") or []), set(analysis.document_sectors)),
    }
    golds = [(_norm(g["snippet"]), g["type"]) for g in gold.get("statements") or []]
    matched: set[int] = set()
    tp = fp = 0
    for st in analysis.statements:
        text = _norm(st.text)
        hit = next((i for i, (snip, typ) in enumerate(golds)
                    if i not in matched and snip in text and typ == st.type), None)
        if hit is None:
            fp += 1
        else:
            matched.add(hit)
            tp += 1
    out["statement_type"] = (tp, fp, len(golds) - len(matched))
    return out


def evaluate(
    analyse: Callable[[list[DocumentInput]], list[DocumentAnalysis]] | None = None,
    languages: tuple[str, ...] = LANGUAGES,
    *,
    heldout: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(scores, per-document errors). ``scores`` has one row per field and language plus
    ``all``: ``field, lang, tp, fp, fn, precision, recall, f1, target, meets_target``."""
    docs = load_eval_set(languages, heldout=heldout)
    analyse = analyse or (lambda items: analyse_documents(items))
    items = [DocumentInput(d["text"], d.get("title", ""), d["id"], d.get("published"))
             for d in docs]
    analyses = analyse(items)
    counts: dict[tuple[str, str], list[int]] = {}
    errors = []
    for gold, analysis in zip(docs, analyses, strict=True):
        for field, (tp, fp, fn) in score_document(gold, analysis).items():
            for lang in (gold["lang"], "all"):
                c = counts.setdefault((field, lang), [0, 0, 0])
                c[0] += tp
                c[1] += fp
                c[2] += fn
            if fp or fn:
                errors.append({"doc": gold["id"], "field": field, "fp": fp, "fn": fn})
    rows = []
    for (field, lang), (tp, fp, fn) in sorted(counts.items()):
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        target = TARGETS.get(field)
        rows.append({"field": field, "lang": lang, "tp": tp, "fp": fp, "fn": fn,
                     "precision": round(precision, 3), "recall": round(recall, 3),
                     "f1": round(f1, 3), "target": target,
                     "meets_target": None if target is None else f1 >= target})
    return pd.DataFrame(rows), pd.DataFrame(errors)


def explain(doc_id: str) -> dict[str, Any]:
    """Gold against predicted for one evaluation document (for debugging)."""
    gold = next(d for d in load_eval_set() + load_eval_set(heldout=True) if d["id"] == doc_id)
    a = analyse_documents([DocumentInput(gold["text"], gold.get("title", ""), doc_id,
                                         gold.get("published"))])[0]
    return {
        "organisations": (sorted(gold.get("organisations") or []), a.organisations()),
        "people": (gold.get("people"), sorted({e.key for e in a.entities if e.kind == "person"})),
        "sectors": (gold.get("sectors"), a.document_sectors),
        "statements": ([(g["snippet"], g["type"]) for g in gold.get("statements") or []],
                       [(s.text, s.type, s.cue) for s in a.statements]),
    }
