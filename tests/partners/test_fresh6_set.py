"""The sixth fresh one-summary set (``data/eval_fresh6.yaml``, written by a helper who never
ran the matcher on it and knew nothing of the soft type gate it was used to test): its
shape, and its figures from the one pre-registered run (docs/history/partners_fresh6.json):
the hard gate, the soft gate (0.5, adopted by the rule fixed before the set existed) and
the plain cosine, all unseen."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
import yaml

from kcbridge.errors import InputError
from kcbridge.partners.evaluation import evaluate_one_summary, load_fresh_set
from kcbridge.partners.evaluation_cv import rank_table
from kcbridge.partners.index import RULES, MatchWeights

HISTORY = Path(__file__).resolve().parents[2] / "docs" / "history" / "partners_fresh6.json"


def test_set_shape() -> None:
    path = resources.files("kcbridge.partners") / "data" / "eval_fresh6.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    pairs, distractors = raw["pairs"], raw["distractors"]
    assert len(pairs) == 20 and len(distractors) == 24
    langs = Counter("-".join(sorted([p["a"]["lang"], p["b"]["lang"]])) for p in pairs)
    assert langs == {"ko-zh": 12, "en-zh": 5, "en-ko": 3}
    for d in distractors:  # each shadows a profile of the same country and type
        n, side = int(d["shadows"][:2]), d["shadows"][2]
        shadowed = pairs[n - 1][side]
        assert (d["country"], d["type"]) == (shadowed["country"], shadowed["type"]), d["org"]
    assert load_fresh_set(file="eval_fresh6.yaml").half_of == {}
    with pytest.raises(InputError, match="never a fold"):
        rank_table("fresh6")


def test_the_pre_registered_run() -> None:
    """The run as recorded (the label reading of its day), and the same three rankers with
    label reading round 3 (tenth session; fresh6 is seen): no label is read the wrong way
    round any more, so the hard and the soft gate agree."""
    record = json.loads(HISTORY.read_text(encoding="utf-8"))
    assert "寻求代理产品" in json.dumps(record, ensure_ascii=False)
    hard = evaluate_one_summary(dataset="fresh6", weights=MatchWeights(words_gate=0.0, ranker=None))
    soft = evaluate_one_summary(dataset="fresh6", weights=RULES)  # the shipped gate
    plain = evaluate_one_summary(dataset="fresh6", method="plain")["overall"]
    assert MatchWeights(ranker=None).words_gate == 0.5
    assert (hard["overall"]["recall_at_1"], hard["overall"]["mrr"]) == (0.9, 0.95)
    assert (soft["overall"]["recall_at_1"], soft["overall"]["mrr"]) == (0.9, 0.95)
    assert (plain["recall_at_1"], plain["mrr"]) == (0.775, pytest.approx(0.8571, abs=1e-4))
    assert hard["overall"]["same_direction_above_partner"] == 0
    assert soft["overall"]["same_direction_above_partner"] == 0
    assert plain["same_direction_above_partner"] == 5
    # refused 6 -> 4 since round 16 ("源头工厂", a maker naming itself, is an offer)
    assert soft["labels_mismapped"] == [] and len(soft["labels_refused"]) == 4
