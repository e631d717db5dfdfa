"""`kcbridge docs evaluate --set PATH`: the news_dev scorer's matching rules, statement
precision, the pre-registered split, and the figures on news_dev's development half."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kcbridge.app import Platform
from kcbridge.cli import app as cli_app
from kcbridge.cli.common import set_platform_factory
from kcbridge.docs.news_evaluation import (
    evaluate_folder,
    name_matches,
    overlaps,
    score_statements,
    select_documents,
)
from kcbridge.errors import InputError

runner = CliRunner()


def test_name_matching_follows_the_scorer() -> None:
    assert name_matches("LG Energy Solution Ltd.", ["LG Energy Solution"])
    assert name_matches("中國科學院", ["中国科学院"])  # traditional -> simplified
    assert name_matches("SK-hynix", ["SK hynix"])  # loosened punctuation
    assert not name_matches("Kim", ["Kim Jung-kwan"], person=True)  # bare surname
    assert not name_matches("A", ["A"])


def test_statement_overlap_and_precision() -> None:
    assert overlaps("signed a memorandum on batteries", "The two firms signed a memorandum "
                    "on batteries on Monday.")
    assert not overlaps("opened a lab", "The ministers met in Seoul.")
    gold: list[dict[str, Any]] = [
        {"type": "signed", "evidence": "signed a memorandum on batteries"},
        {"type": "proposal", "evidence": "should expand joint research",
         "alt_types": ["agreement"]}]
    extracted = [
        {"type": "signed", "text": "The two firms signed a memorandum on batteries."},
        {"type": "agreement", "text": "Both sides should expand joint research."},
        {"type": "restriction", "text": "The two firms signed a memorandum on batteries."},
        {"type": "implemented", "text": "A plant opened elsewhere."},
    ]
    result = score_statements(extracted, gold)
    assert (result["found"], result["right"], result["extracted"]) == (2, 2, 4)
    assert [m["type"] for m in result["false_positives"]] == ["restriction", "implemented"]


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "01_en.txt").write_text("Firms sign pact\n\nSamsung SDI and CATL signed a "
                                        "battery recycling agreement.", encoding="utf-8")
    (tmp_path / "02_ko.txt").write_text("협력 제안\n\n양국은 수소 공동연구를 확대해야 한다고 "
                                        "제안했다.", encoding="utf-8")
    gold = {
        "_about": "written for this test",
        "01_en.txt": {"lang": "en", "organizations": [["Samsung SDI"], ["CATL"]],
                      "people": [], "sectors": ["batteries"],
                      "statements": [{"type": "signed", "evidence": "signed a battery "
                                                                    "recycling agreement"}]},
        "02_ko.txt": {"lang": "ko", "organizations": [], "people": [], "sectors": ["hydrogen"],
                      "statements": [{"type": "agreement", "evidence": "수소 공동연구를 "
                                                                       "확대해야"}]},
    }
    (tmp_path / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return tmp_path


def test_evaluate_a_folder_per_language(tmp_path: Path) -> None:
    folder = _folder(tmp_path)

    def fake(paths: list[Path]) -> list[dict[str, Any]]:
        assert [p.name for p in paths] == ["01_en.txt", "02_ko.txt"]
        return [
            {"entities": [{"kind": "organisation", "text": "Samsung SDI", "key": "KR-SDI"},
                          {"kind": "organisation", "text": "Reuters", "key": "Reuters"}],
             "sectors": [{"sector": "batteries"}],
             "statements": [{"type": "signed", "text": "Samsung SDI and CATL signed a "
                                                       "battery recycling agreement."}]},
            {"entities": [], "sectors": [],
             "statements": [{"type": "proposal", "text": "양국은 수소 공동연구를 확대해야 "
                                                         "한다고 제안했다."}]},
        ]

    result = evaluate_folder(folder, analyse=fake, details=True)
    rows = {r["lang"]: r for r in result["rows"]}
    assert rows["en"]["organisation_recall"] == 0.5 and rows["en"]["organisation_precision"] == 0.5
    assert rows["en"]["statement_recall"] == 1.0 and rows["en"]["statement_precision"] == 1.0
    assert rows["ko"]["statement_recall"] == 0.0 and rows["ko"]["statement_precision"] == 0.0
    assert rows["ko"]["sector_recall"] == 0.0
    assert rows["all"]["statement_recall"] == 0.5 and rows["all"]["docs"] == 2
    assert result["details"]["02_ko.txt"]["statement"]["missed"][0]["extracted_as"] == [
        "proposal"]


def test_evaluate_refuses_bad_folders_and_heldout_details(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="gold.json"):
        evaluate_folder(tmp_path)
    (tmp_path / "gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        evaluate_folder(tmp_path)
    with pytest.raises(InputError, match="held-out"):
        evaluate_folder(_folder(tmp_path), split="heldout", details=True)
    with pytest.raises(InputError, match="split"):
        select_documents({"01_en.txt": {}}, "dev")  # 01 is held out in news_dev
    with pytest.raises(InputError, match="Unknown split"):
        select_documents({}, "train")


def test_cli_evaluate_json(platform: Platform, tmp_path: Path) -> None:
    set_platform_factory(lambda: platform)
    try:
        result = runner.invoke(cli_app, ["docs", "evaluate", "--set", str(_folder(tmp_path)),
                                         "--format", "json"])
        assert result.exit_code == 0, result.output
        rows = {r["lang"]: r for r in json.loads(result.stdout)["rows"]}
        assert rows["en"]["statement_recall"] == 1.0
        assert rows["ko"]["statement_gold"] == 1
        # the table names sector precision beside recall (it was in JSON only)
        table = runner.invoke(cli_app, ["docs", "evaluate", "--set", str(_folder(tmp_path))],
                              env={"COLUMNS": "250"})
        assert table.exit_code == 0, table.output
        assert "sector R" in table.output and "sector P" in table.output
        bad = runner.invoke(cli_app, ["docs", "evaluate", "--set", str(tmp_path / "none")])
        assert bad.exit_code == 1 and "gold.json" in bad.output
    finally:
        set_platform_factory(None)


#: Figures reported in the README for news_dev's development half (20 texts), with the
#: statements of this commit (the learned candidate stage adopted for en and zh);
#: a tolerance of one statement either way per language.
# (since stretrain2 the Korean detector's threshold is 0.6 and it adds two Korean statements
# that are not gold: ko precision 25/25 -> 25/27; the round's shipping condition, statement F1
# over the half within 0.02, held: 0.978 before and after; since stretrain3 (fourteenth
# session) its threshold is 0.7 again and ko precision is back at 25/25: F1 0.992)
DEV_STATEMENTS = {"en": (1.0, 0.9), "ko": (1.0, 1.0), "zh": (1.0, 0.958),
                  "all": (1.0, 0.985)}


@pytest.mark.realdata
def test_news_dev_development_half(real_data: Path) -> None:
    result = evaluate_folder(real_data / "news_dev", split="dev")
    assert len(result["documents"]) == 20
    assert {row["lang"] for row in result["rows"]} == set(DEV_STATEMENTS)
    for row in result["rows"]:
        recall, precision = DEV_STATEMENTS[row["lang"]]
        tolerance = 1.0 / max(row["statement_gold"], 1) + 0.005
        assert row["statement_recall"] == pytest.approx(recall, abs=tolerance), row
        tolerance = 1.0 / max(row["statement_extracted"], 1) + 0.005
        assert row["statement_precision"] == pytest.approx(precision, abs=tolerance), row


def test_a_label_file_with_spans_is_scored_from_its_offsets(tmp_path: Path) -> None:
    """Statement sets labelled by offsets (``spans``, e.g. statement_fresh10_pages.jsonl) are
    scored through ``FOLDER:LABELS.jsonl``: the evidence is cut from the checked text (it
    crashed with KeyError 'evidence' before)."""
    import hashlib

    text = "Firms sign pact\n\nSamsung SDI and CATL signed a battery recycling agreement.\n"
    (tmp_path / "01_en.txt").write_text(text, encoding="utf-8")
    start = text.index("signed a battery")
    labels = tmp_path / "labels_pages.jsonl"
    labels.write_text("\n".join(json.dumps(r) for r in (
        {"_about": "written for this test"},
        {"set": "t", "file": "01_en.txt", "lang": "en", "published": None,
         "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
         "statements": [{"type": "signed", "spans": [[start, start + 35]]}]})),
        encoding="utf-8")

    def fake(paths: list[Path]) -> list[dict[str, Any]]:
        return [{"entities": [], "sectors": [], "statements": [
            {"type": "signed", "text": "Samsung SDI and CATL signed a battery recycling "
                                       "agreement."}]}]

    result = evaluate_folder(f"{tmp_path}:{labels}", analyse=fake)
    row = next(r for r in result["rows"] if r["lang"] == "en")
    assert (row["statement_found"], row["statement_gold"]) == (1, 1)
    assert row["statement_precision"] == 1.0
