"""Grouped cross-validation (folds by page) of the Korean name tagger against the rules:
rules alone, the tagger alone, and three ways of combining them, scored for people and
organisations with news_dev's matching rules (:func:`news_evaluation.score_entities`).

Combinations (each per kind; the tagger only ever adds or removes people and
organisations):

* ``rules``: the entity rules as the pipeline runs them (tagger off).
* ``tagger``: the tagger's names only.
* ``union``: every rule entity and every tagger name.
* ``fill``: rule entities, plus tagger names whose span no rule entity (of any kind)
  touches: what the pipeline's collector does with the hook.
* ``fill_confident``: ``fill`` with only names whose first-label marginal is >= 0.8
  (``fill_0.9``, ``fill_0.95``: >= 0.9, >= 0.95).
* ``filter``: rule entities from the Korean rules kept only where the tagger reads a
  name of the same kind over them (alias-list entities always kept)."""

from __future__ import annotations

import hashlib
from typing import Any

from kcbridge.docs.ko_tagger import (
    KoreanTagger,
    Page,
    Span,
    TaggedSentence,
    label_page,
    temporary_model,
)

COMBINATIONS = ("rules", "tagger", "union", "fill", "fill_confident", "fill_0.9", "fill_0.95",
                "filter")
KINDS = ("person", "organisation")
CONFIDENT = 0.8


def fold_of(pages: list[Page], folds: int) -> dict[str, int]:
    """Pages ordered by a seeded hash of their name, dealt round-robin into folds."""
    order = sorted(pages, key=lambda p: hashlib.sha256(f"ko-tagger-cv|{p.name}".encode())
                   .hexdigest())
    return {p.name: i % folds for i, p in enumerate(order)}


def _rule_entities(page: Page) -> list[Any]:
    from kcbridge.docs.entities import extract_entities
    from kcbridge.docs.text import split_sentences

    return extract_entities(page.text, split_sentences(page.text), None)


def _tagged_spans(tagger: KoreanTagger, page: Page,
                  labelled: list[TaggedSentence]) -> list[tuple[int, Span]]:
    """The tagger's spans with document offsets (sentence start + span start)."""
    out = []
    offset = 0
    for ts in labelled:
        start = page.text.find(ts.text, offset)
        offset = max(offset, start)
        for sp in tagger.spans(ts.text, ts.tokens):
            out.append((start, sp))
    return out


def _as_items(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for e in entities:
        seen.setdefault((e["kind"], e["key"]), e)
    return list(seen.values())


def combine(rules: list[Any], spans: list[tuple[int, Span]], how: str) -> list[dict[str, Any]]:
    """Entity dicts (kind, key, text) of one page for one combination."""
    from kcbridge.docs.entity_collector import resolve_org

    def tagged(sp: Span, base: int) -> dict[str, Any]:
        key = resolve_org(sp.text)[0] if sp.kind == "organisation" else sp.text
        return {"kind": sp.kind, "key": key, "text": sp.text,
                "start": base + sp.start, "end": base + sp.end}

    rule_items = [{"kind": e.kind, "key": e.key, "text": e.text, "start": e.start,
                   "end": e.end, "source": e.source, "lang": e.lang} for e in rules]
    tag_items = [tagged(sp, base) for base, sp in spans]
    if how == "rules":
        out = rule_items
    elif how == "tagger":
        out = tag_items
    elif how == "union":
        out = rule_items + tag_items
    elif how.startswith("fill"):
        floors = {"fill": 0.0, "fill_confident": CONFIDENT}
        floor = floors[how] if how in floors else float(how[5:])
        out = list(rule_items)
        taken = [(r["start"], r["end"]) for r in rule_items]
        for (_, sp), t in zip(spans, tag_items, strict=True):
            if sp.probability < floor:
                continue
            if not any(t["start"] < e and s < t["end"] for s, e in taken):
                out.append(t)
                taken.append((t["start"], t["end"]))
    elif how == "filter":
        out = [r for r in rule_items
               if r["kind"] not in KINDS or r["source"] != "rules" or r["lang"] != "ko"
               or any(t["kind"] == r["kind"] and t["start"] < r["end"] and r["start"] < t["end"]
                      for t in tag_items)]
    else:
        raise ValueError(how)
    return _as_items(out)


def _ratios(c: dict[str, int]) -> dict[str, float | None]:
    r = c["found"] / c["gold"] if c["gold"] else None
    p = c["tp"] / c["extracted"] if c["extracted"] else None
    f = 2 * r * p / (r + p) if r is not None and p is not None and r + p else None
    return {"recall": None if r is None else round(r, 3),
            "precision": None if p is None else round(p, 3),
            "f1": None if f is None else round(f, 3)}


def cross_validate(pages: list[Page], folds: int = 5) -> dict[str, Any]:
    """Per fold and pooled: counts and R / P / F1 of each combination and kind, plus the
    mean of the folds' figures."""
    from kcbridge.docs.news_evaluation import score_entities

    assignment = fold_of(pages, folds)
    labelled = {p.name: label_page(p) for p in pages}
    rules = {p.name: _rule_entities(p) for p in pages}
    zero = {"gold": 0, "found": 0, "extracted": 0, "tp": 0}
    counts: dict[tuple[int, str, str], dict[str, int]] = {}
    per_page: dict[str, dict[str, dict[str, int]]] = {}
    for k in range(folds):
        train_sentences = [ts for p in pages if assignment[p.name] != k
                           for ts in labelled[p.name]]
        tagger = temporary_model(train_sentences)
        for p in (p for p in pages if assignment[p.name] == k):
            spans = _tagged_spans(tagger, p, labelled[p.name])
            for how in COMBINATIONS:
                items = combine(rules[p.name], spans, how)
                for kind in KINDS:
                    gold = p.people if kind == "person" else p.organisations
                    optional = p.people_optional if kind == "person" else \
                        p.organisations_optional
                    s = score_entities(items, kind, gold, optional)
                    per_page.setdefault(p.name, {})[f"{how}/{kind}"] = {
                        key: s[key] for key in zero}
                    c = counts.setdefault((k, how, kind), dict(zero))
                    for key in zero:
                        c[key] += s[key]
    result: dict[str, Any] = {"pages": len(pages), "folds": folds,
                              "fold_pages": {k: sorted(n for n, f in assignment.items()
                                                       if f == k) for k in range(folds)},
                              "combinations": {}, "per_page": per_page}
    for how in COMBINATIONS:
        for kind in KINDS:
            per_fold: list[dict[str, Any]] = [
                {**counts[(k, how, kind)], **_ratios(counts[(k, how, kind)])}
                for k in range(folds)]
            pooled = dict(zero)
            for k in range(folds):
                for key in zero:
                    pooled[key] += counts[(k, how, kind)][key]
            means = {m: round(sum(float(c[m] or 0) for c in per_fold) / folds, 3)
                     for m in ("recall", "precision", "f1")}
            result["combinations"][f"{how}/{kind}"] = {
                "mean_of_folds": means, "pooled": {**pooled, **_ratios(pooled)},
                "per_fold": per_fold}
    return result


def held_out(train_pages: list[Page], test_pages: list[Page],
             rule_entities: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """Train on ``train_pages`` and score every combination on ``test_pages``, pooled. The
    rules are this code's, or ``rule_entities`` (page file name -> entity dicts with kind,
    key, text, start, end, source, lang: e.g. the rules of an earlier commit, dumped before
    they were written on these pages)."""
    from types import SimpleNamespace

    from kcbridge.docs.news_evaluation import score_entities

    tagger = temporary_model([ts for p in train_pages for ts in label_page(p)])
    zero = {"gold": 0, "found": 0, "extracted": 0, "tp": 0}
    counts: dict[str, dict[str, int]] = {}
    for p in test_pages:
        file = p.name.rsplit("/", 1)[-1]
        if rule_entities is not None:
            rules: list[Any] = [SimpleNamespace(**e) for e in rule_entities[file]]
        else:
            rules = _rule_entities(p)
        spans = _tagged_spans(tagger, p, label_page(p))
        for how in COMBINATIONS:
            items = combine(rules, spans, how)
            for kind in KINDS:
                gold = p.people if kind == "person" else p.organisations
                optional = p.people_optional if kind == "person" else p.organisations_optional
                s = score_entities(items, kind, gold, optional)
                c = counts.setdefault(f"{how}/{kind}", dict(zero))
                for key in zero:
                    c[key] += s[key]
    return {"train_pages": len(train_pages), "test_pages": [p.name for p in test_pages],
            "combinations": {k: {**c, **_ratios(c)} for k, c in counts.items()}}
