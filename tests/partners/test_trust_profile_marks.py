"""Pair trust on the sets whose writers marked controlled items on the profiles (fresh5 to
fresh9, marks written before any run), screened against the real PRC lists: every pair
touching a marked item is amber or red, and no pair is green without a known sector (issue
12's trust goal, measured on profiles nobody tuned the rating to)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kcbridge.errors import InputError
from kcbridge.partners.trust_evaluation import evaluate_pair_trust, sets_with_marks

HISTORY = Path(__file__).resolve().parents[2] / "docs" / "history" / "partners_trust_fresh5_10.json"


def test_the_sets_with_marks() -> None:
    assert {"fresh2", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9"} <= set(sets_with_marks())
    assert "fresh_hard" not in sets_with_marks()


def test_without_a_list_every_pair_is_at_least_reviewed() -> None:
    # no list loaded: nothing is screened, so nothing may be green (fail closed)
    report = evaluate_pair_trust("fresh9")
    assert report["lists"] == 0
    assert all(r["level"] != "green" for r in report["rows"])


@pytest.mark.realdata
@pytest.mark.parametrize("name", ["fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10"])
def test_controlled_pairs_are_amber_on_the_real_lists(real_data: Path, name: str) -> None:
    lists = [real_data / "cn_export_control_entities.json"]
    report = evaluate_pair_trust(name, list_files=lists)
    recorded = json.loads(HISTORY.read_text(encoding="utf-8"))["sets"][name]
    # fresh10's measured run, then the No. 10 of 2025 metals added to the item terms (seen),
    # then Korea's strategic critical minerals (twelfth session, seen), then the biological
    # equipment, night-vision and self-declared export-control terms (seventeenth, seen)
    recorded = recorded.get("after_round18_terms", recorded.get(
        "after_strategic_minerals_terms", recorded.get("after_no10_terms", recorded)))
    amber = report["by_mark"]["amber"]
    assert amber["queries"] > 0 and amber["met"] == amber["queries"]
    assert amber["green"] == 0 and report["green_without_sector"] == 0
    assert report["by_mark"] == recorded["by_mark"]
    unnamed = [r["query"] for r in report["rows"] if r["mark"] == "amber" and not r["items"]]
    assert unnamed == recorded["amber_without_item_named"]


def test_a_set_without_marks_is_refused_by_the_cli() -> None:
    from typer.testing import CliRunner

    from kcbridge.cli import app

    result = CliRunner().invoke(app, ["partners", "evaluate-trust", "--set", "fresh4"])
    assert result.exit_code == 1 and "has no trust marks" in result.output
    assert "fresh9" in " ".join(result.output.split())
    with pytest.raises(InputError, match="No fresh set 'nosuchset'"):
        evaluate_pair_trust("nosuchset")


@pytest.mark.realdata
def test_fresh11_controlled_pairs_are_amber_as_recorded(real_data: Path) -> None:
    """fresh11 (eleventh session): its writer marked tellurium CZT crystals, an LFP cathode
    process licence and brucellosis research as controlled; the rating, unchanged since,
    rates all six queries amber and names the item in four (the LFP licence is amber by the
    battery sector's licence rule: cathode technology on the PRC restricted-technology
    catalogue)."""
    record = json.loads((HISTORY.parent / "partners_trust_fresh11.json").read_text(
        encoding="utf-8"))
    report = evaluate_pair_trust("fresh11",
                                 list_files=[real_data / "cn_export_control_entities.json"])
    assert report["by_mark"] == record["by_mark"]
    assert report["by_mark"]["amber"] == {"queries": 6, "met": 6, "red": 0, "amber": 6,
                                          "green": 0, "reason_named": 4}
    assert report["green_without_sector"] == 0
    unnamed = sorted(r["query"] for r in report["rows"] if r["mark"] == "amber" and not r["items"])
    assert unnamed == ["fresh-02a", "fresh-02b"]


@pytest.mark.realdata
def test_fresh12_controlled_pairs_are_amber_as_recorded(real_data: Path) -> None:
    """fresh12: manganese sulphate, tethered firefighting drones, Japanese encephalitis
    surveillance and quantum random-number chips marked controlled by the writer; all eight
    queries amber, the item named for the drones and the pathogen work in the measured run
    (4), and for manganese sulphate too since Korea's strategic critical minerals were added
    to the terms (6; seen, twelfth session), and for the random-number chips since quantum
    random number generators were added to the quantum terms (8; seen, thirteenth session)."""
    record = json.loads((HISTORY.parent / "partners_trust_fresh12.json").read_text(
        encoding="utf-8"))
    report = evaluate_pair_trust("fresh12",
                                 list_files=[real_data / "cn_export_control_entities.json"])
    assert record["by_mark"]["amber"]["reason_named"] == 4  # the measured run
    assert record["after_strategic_minerals_terms"]["by_mark"]["amber"]["reason_named"] == 6
    assert report["by_mark"] == record["after_quantum_rng_terms"]["by_mark"]
    assert report["by_mark"]["amber"]["queries"] == report["by_mark"]["amber"]["amber"] == 8
    assert report["by_mark"]["amber"]["reason_named"] == 8
    assert report["green_without_sector"] == 0


@pytest.mark.realdata
def test_fresh13_controlled_pairs_are_amber_as_recorded(real_data: Path) -> None:
    """fresh13: vanadium electrolyte, scandia-stabilised zirconia, rice blight strain
    exchange and Hall thrusters marked controlled by the writer; all eight queries amber, the
    item named in six (vanadium is not recognised)."""
    record = json.loads((HISTORY.parent / "partners_trust_fresh13.json").read_text(
        encoding="utf-8"))
    report = evaluate_pair_trust("fresh13",
                                 list_files=[real_data / "cn_export_control_entities.json"])
    assert report["by_mark"] == record["by_mark"]
    assert report["by_mark"]["amber"]["amber"] == 8 and report["green_without_sector"] == 0
    assert report["by_mark"]["amber"]["reason_named"] == 6
