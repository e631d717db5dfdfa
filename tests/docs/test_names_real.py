"""Organisations and people on the held-out half of the real-news set (issue 10, names round).

The ten held-out texts of ``docs/data/news_dev_split.json`` had been scored twice before this
round (never read); the names round scored them once more at its end, with scores only, and
changed nothing after. These figures are therefore "after the held-out half was seen" and
the test keeps them from falling (floors, tolerance 0.03). Reads ``../shared/data/real/
news_dev`` in place and scores with the set's own ``score.py`` matching rules.

Names round 3 (apposition, lists closed by a count of companies, missions in one word,
Chinese 、-lists) was developed on other texts and scored here once at its end, scores only:
Korean organisations R 0.67 -> 0.72, P 1.00 -> 0.94 (one more false organisation, 16 taken);
every other figure unchanged.

Names round 4 (people in brackets and before a bracketed title, names glossed in Latin or
introduced by their kind, Chinese outlets in title marks, representative offices; written on
the dev half of ``names_eval_pages_4.jsonl`` and the older seen sets) was scored here once at
its end, scores only: Korean people R 0.86 -> 0.93, P 0.92 -> 0.93; every other figure
unchanged.

Names round 5 (words Kiwi does not know as names, list items after a place, founding parties,
officials after a province, more titles, Chinese family name + title resolved, delegations;
written on the dev half of ``names_eval_pages_5.jsonl`` and the older seen sets; the Korean
tagger retrained) was scored here once at its end, scores only: Chinese organisations
R 0.88 -> 0.92, P 0.95 -> 0.955; every other figure unchanged.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest
from tests.docs.test_entities_real import _scorer, entity_rates

from kcbridge.docs.ingest import read_path
from kcbridge.docs.pipeline import DocumentInput, analyse_documents

pytestmark = pytest.mark.realdata

#: (lang, field) -> figure on the held-out half (measured 2026-12-05, end of names round 5).
REPORTED = {
    ("en", "org_r"): 1.00, ("en", "org_p"): 0.62, ("en", "per_r"): 1.00, ("en", "per_p"): 1.00,
    ("ko", "org_r"): 0.72, ("ko", "org_p"): 0.94, ("ko", "per_r"): 0.93, ("ko", "per_p"): 0.93,
    ("zh", "org_r"): 0.92, ("zh", "org_p"): 0.95, ("zh", "per_r"): 1.00, ("zh", "per_p"): 1.00,
}
TOLERANCE = 0.03


def test_heldout_half_organisations_and_people() -> None:
    from tests.conftest import IN_CI, REAL_DATA

    folder = REAL_DATA / "news_dev"
    if not folder.is_dir():
        if IN_CI:
            pytest.fail(f"CI=true but {folder} is missing")
        pytest.skip(f"{folder} is missing")
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    split = json.loads(resources.files("kcbridge.docs").joinpath("data")
                       .joinpath("news_dev_split.json").read_text(encoding="utf-8"))
    held = {n for ids in split["heldout"].values() for n in ids}
    names = sorted(k for k in gold if not k.startswith("_") and k.split("_")[0] in held)
    assert len(names) == 10
    raws = [read_path(folder / n)[0] for n in names]
    analyses = analyse_documents(
        [DocumentInput(r.text, r.title, r.source, r.published) for r in raws])
    measured = entity_rates(_scorer(folder), gold, names, analyses)
    assert set(measured) == set(REPORTED)
    low = {k: round(v, 3) for k, v in measured.items() if v < REPORTED[k] - TOLERANCE}
    assert low == {}, measured
