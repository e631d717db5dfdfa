"""The recorded runs the partners tests hold the code to (``docs/history/*.json``), and the
three figures the round tests compare."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HISTORY = Path(__file__).resolve().parents[2] / "docs" / "history"


def history(name: str) -> dict[str, Any]:
    """The record ``docs/history/<name>``."""
    return json.loads((HISTORY / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def figures(overall: dict[str, Any]) -> tuple[float, float, int]:
    """recall@1, MRR and the count of same-direction profiles above a partner."""
    return (overall["recall_at_1"], overall["mrr"], overall["same_direction_above_partner"])


def trust_on_pair(dataset: str, queries: tuple[str, ...]) -> tuple[dict[str, int], set[str]]:
    """The trust evaluation of ``dataset``: its controlled queries' tally (``by_mark["amber"]``)
    and the items named on the rows of ``queries`` (the two sides of one pair)."""
    from kcbridge.partners.trust_evaluation import evaluate_pair_trust

    report = evaluate_pair_trust(dataset)
    named = {i for r in report["rows"] if r["query"] in queries for i in r["items"]}
    return report["by_mark"]["amber"], named
