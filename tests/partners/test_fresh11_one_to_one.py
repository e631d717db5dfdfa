# ruff: noqa: E501 (lines of Korean and Chinese text count wide characters)
"""The eleventh fresh one-summary set (``data/eval_fresh11.yaml``, written outside the
repository by a helper told nothing about matching) and the reciprocal preference it
tested (issue 12, eleventh session): the recorded run (docs/history/partners_fresh11.json),
what the shipped code gives, and the preference as the opt-in one-to-one view of
`partners match` (CLI, API, page), off by default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.partners.test_match5_preference import ORGS, PROFILES
from typer.testing import CliRunner

from kcbridge.app import Platform
from kcbridge.partners.evaluation import evaluate_one_summary
from kcbridge.partners.index import RULES, MatchWeights

RECORD = Path(__file__).resolve().parents[2] / "docs" / "history" / "partners_fresh11.json"

#: the registry of the preference's unit tests: a Korean storage-cell maker seeking cathode
#: material; an LFP maker that fits a US LFP-cell maker better; a general cathode maker for
#: whom the Korean firm is the best option
REGISTRY = {"organisations": ORGS, "profiles": PROFILES}


def _runs() -> dict:  # type: ignore[type-arg]
    return json.loads(RECORD.read_text(encoding="utf-8"))["runs"]


def test_the_shipped_matcher_gives_the_recorded_run(splitter_before_round_25: None) -> None:
    recorded = _runs()["matcher_shipped_16aee10"]["overall"]
    assert (recorded["recall_at_1"], recorded["mrr"]) == (0.75, 0.8412)
    # the two labels read the wrong way round then were the known classes, a brand's "OEM"
    # and a firm that wants to be the agent ("想做代理"); round 16 (sixteenth session) reads
    # both right, and the shipped matcher does better on the set (seen)
    report = evaluate_one_summary(dataset="fresh11", weights=RULES)
    assert (report["overall"]["recall_at_1"], report["overall"]["mrr"]) == (0.825, 0.9083)
    assert report["labels_mismapped"] == []


def test_the_one_to_one_preference_gives_the_recorded_run_and_meets_the_rule(
        splitter_before_round_25: None) -> None:
    one = _runs()["matcher_one_to_one_preference"]["overall"]
    assert (one["recall_at_1"], one["mrr"]) == (0.8, 0.8875)
    shipped, plain = (_runs()[k]["overall"] for k in ("matcher_shipped_16aee10", "plain_cosine"))
    # the pre-registered rule held on the recorded run ...
    assert one["recall_at_1"] >= shipped["recall_at_1"]
    assert one["mrr"] >= shipped["mrr"] - 0.01
    assert one["same_direction_above_partner"] <= shipped["same_direction_above_partner"]
    # (with round 16's label reading the one-to-one view gives 0.900 / 0.950 on it, seen)
    now = evaluate_one_summary(dataset="fresh11", weights=MatchWeights(preference=1.0, ranker=None))
    assert (now["overall"]["recall_at_1"], now["overall"]["mrr"]) == (0.9, 0.95)
    assert (plain["recall_at_1"], plain["mrr"]) == (0.725, 0.8007)
    # ... and it is still not the default (decided before the run)
    assert MatchWeights(ranker=None).preference == 0.0


@pytest.fixture
def registry_platform(tmp_path: Path):  # type: ignore[no-untyped-def]
    from kcbridge.cli.common import set_platform_factory

    platform = Platform(home=tmp_path / "home", api_token="tok")
    set_platform_factory(lambda: platform)
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(REGISTRY, ensure_ascii=False), encoding="utf-8")
    try:
        yield platform, path
    finally:
        set_platform_factory(None)
        platform.close()


def test_cli_registry_view_by_default_one_to_one_on_request(registry_platform) -> None:  # type: ignore[no-untyped-def]
    from kcbridge.cli import app

    platform, path = registry_platform
    runner = CliRunner()
    assert runner.invoke(app, ["partners", "import", str(path)]).exit_code == 0

    def ranked(*extra: str) -> list[dict]:  # type: ignore[type-arg]
        out = runner.invoke(app, ["partners", "match", "한울배터리", "--format", "json", *extra])
        assert out.exit_code == 0, out.output
        return json.loads(out.output)["matches"]

    registry = ranked()
    # the LFP maker fits the Korean firm best and is shown first, whoever else it suits
    assert [m["partner_profile_id"] for m in registry] == ["h", "c"]
    assert all(m["preference_factor"] is None for m in registry)
    one = ranked("--one-to-one")
    # in the one-to-one view the LFP maker, which fits the US cell maker better, is lowered
    # (below the cathode maker with the round-19 model; the round-21 model puts it 0.07
    # above, more than the preference takes off)
    by_id = {m["partner_profile_id"]: m for m in one}
    lowered = by_id["h"]
    assert 0 < lowered["preference_factor"] < 1 and by_id["c"]["preference_factor"] == 1.0
    assert lowered["score"] < next(m["score"] for m in registry
                                   if m["partner_profile_id"] == "h")
    assert "Prairie Storage Cells Inc." in lowered["preference_note"]
    assert lowered["score_parts"]["preference_factor"] == pytest.approx(
        lowered["preference_factor"], abs=1e-4)
    # the kept answers are per view: asking the registry view again is not the one-to-one one
    assert [m["partner_profile_id"] for m in ranked()] == ["h", "c"]
    table = runner.invoke(app, ["partners", "match", "한울배터리", "--one-to-one"]).output
    assert "ranked lower because they fit another profile better" in table
    assert "q #1 江西锂材科技有限公司: their best other match (Prairie Storage Cells Inc.)" in table


def test_api_and_page_one_to_one(registry_platform) -> None:  # type: ignore[no-untyped-def]
    from kcbridge.api import create_app

    platform, path = registry_platform
    platform.partners.import_file(path)
    client = TestClient(create_app(platform))
    head = {"Authorization": "Bearer tok"}
    default = client.get("/api/partners/match/o-q", headers=head).json()["data"]
    one = client.get("/api/partners/match/o-q?one_to_one=true", headers=head).json()["data"]
    assert [m["partner_profile_id"] for m in default] == ["h", "c"]
    lowered = next(m for m in one if m["partner_profile_id"] == "h")
    assert 0 < lowered["preference_factor"] < 1
    assert lowered["score"] < default[0]["score"]
    page = client.get("/partners/match/o-q").text
    assert 'id="one-to-one-on"' in page and 'data-part="preference_factor"' not in page
    page = client.get("/partners/match/o-q?one_to_one=true").text
    assert 'id="one-to-one-note"' in page and 'data-part="preference_factor"' in page
    assert "Prairie Storage Cells Inc." in page
