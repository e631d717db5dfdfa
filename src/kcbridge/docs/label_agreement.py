"""How far two people who label the same texts agree on their statements.

Why: every statement figure kcbridge reports compares the extractor with one person's
labels. Before asking the extractor for R and P >= 0.85, a team needs to know how far two
careful labellers, following the same written conventions, agree on the same pages: that
is the ceiling a score against one of them can be read against, and the list of their
disagreements is what an adjudication session works through.

The measure mirrors the scorer's (:func:`kcbridge.docs.news_evaluation.score_statements`)
with the second labelling in the extractor's place, each of its statements being its main
span with its main type: recall = the first labeller's statements that a statement of the
second overlaps with a type the first allows (main or alt); precision = the second
labeller's statements that overlap a statement of the first allowing their type. As both
labellings hold character offsets into the same text, "overlap" is shared characters
between the second's main span and any span of the first (the scorer compares strings,
because the extractor's statements are whole sentences; two labellers' clauses of one
sentence need not contain each other). Both labellings must be of the same texts: the same
file names and the same SHA-256 (a label file's rows name the hash of the text they were
written on).
"""

from __future__ import annotations

from typing import Any

from kcbridge.docs.news_evaluation import _ratio, _read_gold, labelled_set
from kcbridge.errors import InputError


def _pages(gold: dict[str, Any]) -> dict[str, Any]:
    return {name: row for name, row in gold.items() if not name.startswith("_")}


def _meets(main: list[int], spans: list[list[int]]) -> bool:
    return any(main[0] < end and start < main[1] for start, end in spans)


def compare_statements(first: list[dict[str, Any]],
                       second: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts of one text's two labellings (rows with ``type``, ``alt_types``, ``spans``)."""
    def types(st: dict[str, Any]) -> set[str]:
        return {st["type"], *st.get("alt_types", [])}

    found, only_first, confused = 0, [], 0
    for st in first:
        touching = [o for o in second if _meets(o["spans"][0], st["spans"])]
        if any(o["type"] in types(st) for o in touching):
            found += 1
            continue
        confused += bool(touching)
        only_first.append({"type": st["type"], "spans": st["spans"],
                           "second_typed": [o["type"] for o in touching]})
    right, only_second = 0, []
    for o in second:
        if any(o["type"] in types(st) and _meets(o["spans"][0], st["spans"]) for st in first):
            right += 1
        else:
            only_second.append({"type": o["type"], "spans": o["spans"]})
    return {"gold": len(first), "found": found, "extracted": len(second), "right": right,
            "wrong_type": confused, "only_first": only_first, "only_second": only_second}


def label_agreement(first: str, second: str, *, details: bool = False) -> dict[str, Any]:
    """Agreement of the labelling ``second`` (a ``*.jsonl`` label file) with ``first``
    (``TEXTS:LABELS.jsonl``, the layout ``kcbridge docs evaluate --set`` reads), per
    language and overall; with ``details`` each text's statements that only one of the two
    labelled."""
    root, gold = labelled_set(first)  # each text there and the one labelled (SHA-256)
    a = _pages(gold)
    b = _pages(_read_gold(f"{root}:{second}")[1])
    if not a:
        raise InputError(f"{first} holds no labelled text.", hint="Check the label file.")
    missing = sorted(set(a) - set(b))
    if missing or set(b) - set(a):
        raise InputError(
            f"The two labellings are not of the same texts (only in the first: "
            f"{', '.join(missing[:5]) or 'none'}; only in the second: "
            f"{', '.join(sorted(set(b) - set(a))[:5]) or 'none'}).",
            hint="Label the same files of the same folder.")
    differ = sorted(n for n in a if a[n].get("sha256") != b[n].get("sha256"))
    if differ:
        raise InputError(f"The two labellings name different texts (SHA-256) for "
                         f"{', '.join(differ[:5])}.",
                         hint="Both label files must be written on the same text files.")
    per_text = {name: compare_statements(a[name].get("statements") or [],
                                         b[name].get("statements") or [])
                for name in sorted(a)}
    languages = sorted({str(a[n].get("lang", "?")) for n in a})
    rows = []
    for lang in [*languages, "all"]:
        chosen = [s for n, s in per_text.items() if lang in ("all", a[n].get("lang"))]
        total = {k: sum(s[k] for s in chosen)
                 for k in ("gold", "found", "extracted", "right", "wrong_type")}
        recall, precision = _ratio(total["found"], total["gold"]), _ratio(
            total["right"], total["extracted"])
        r, p = (total["found"] / total["gold"] if total["gold"] else 0.0,
                total["right"] / total["extracted"] if total["extracted"] else 0.0)
        f1 = round(2 * r * p / (r + p), 3) if r and p else None
        rows.append({"lang": lang, "texts": len(chosen), "first": total["gold"],
                     "second": total["extracted"], "recall": recall,
                     "precision": precision, "f1": f1, "type_disagreements":
                     total["wrong_type"]})
    result: dict[str, Any] = {"texts": str(root), "first": first, "second": second,
                              "rows": rows}
    if details:
        text = {name: (root / name).read_text(encoding="utf-8") for name in per_text}
        result["disagreements"] = {
            name: {side: [{**st, "text": " | ".join(text[name][x:y] for x, y in st["spans"])}
                          for st in s[side]] for side in ("only_first", "only_second")}
            for name, s in per_text.items() if s["only_first"] or s["only_second"]}
    return result
