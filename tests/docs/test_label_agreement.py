"""`kcbridge docs agreement`: two labellings of the same texts compared by the scorer's own
rules (the second in the extractor's place), and the fresh-16 study: a second labeller
relabelled fresh-16's 15 pages without seeing the first labelling
(``docs/history/iaa_fresh16_second.jsonl``)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kcbridge.cli import app as cli_app
from kcbridge.docs.label_agreement import label_agreement
from kcbridge.errors import InputError

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
TEXT_EN = ("The two firms signed a battery recycling agreement on Monday. "
           "They said they hoped to open a joint lab next year.\n")
TEXT_KO = "양국은 수소 공동연구를 확대하기로 합의했다. 양측은 실무회의를 열었다.\n"


def _span(text: str, part: str) -> list[int]:
    start = text.index(part)
    return [start, start + len(part)]


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    lines = [json.dumps({"_about": "test labelling"})] + [json.dumps(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _row(file: str, lang: str, text: str, statements: list[dict[str, Any]]) -> dict[str, Any]:
    return {"file": file, "lang": lang, "sha256": hashlib.sha256(text.encode()).hexdigest(),
            "statements": statements}


@pytest.fixture
def two_labellings(tmp_path: Path) -> tuple[Path, Path, Path]:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "01_en.txt").write_text(TEXT_EN, encoding="utf-8")
    (texts / "02_ko.txt").write_text(TEXT_KO, encoding="utf-8")
    first = _write(tmp_path / "first.jsonl", [
        _row("01_en.txt", "en", TEXT_EN, [
            {"type": "signed", "spans": [_span(TEXT_EN, "signed a battery recycling")]},
            {"type": "proposal", "alt_types": ["agreement"],
             "spans": [_span(TEXT_EN, "hoped to open a joint lab")]}]),
        _row("02_ko.txt", "ko", TEXT_KO, [
            {"type": "agreement", "spans": [_span(TEXT_KO, "공동연구를 확대하기로 합의했다")]}]),
    ])
    second = _write(tmp_path / "second.jsonl", [
        _row("01_en.txt", "en", TEXT_EN, [
            # the same signing; the hope typed agreement (an alt type of the first's)
            {"type": "signed", "spans": [_span(TEXT_EN, "two firms signed a battery")]},
            {"type": "agreement", "spans": [_span(TEXT_EN, "open a joint lab next year")]}]),
        _row("02_ko.txt", "ko", TEXT_KO, [
            # the agreement typed proposal (a type disagreement) and a meeting only it marks
            {"type": "proposal", "spans": [_span(TEXT_KO, "공동연구를 확대하기로 합의했다")]},
            {"type": "implemented", "spans": [_span(TEXT_KO, "실무회의를 열었다")]}]),
    ])
    return texts, first, second


def test_the_second_labelling_is_scored_as_the_extractor_would_be(
    two_labellings: tuple[Path, Path, Path],
) -> None:
    texts, first, second = two_labellings
    result = label_agreement(f"{texts}:{first}", str(second), details=True)
    rows = {r["lang"]: r for r in result["rows"]}
    assert (rows["en"]["recall"], rows["en"]["precision"]) == (1.0, 1.0)
    assert (rows["ko"]["recall"], rows["ko"]["precision"]) == (0.0, 0.0)
    assert rows["ko"]["type_disagreements"] == 1
    assert (rows["all"]["first"], rows["all"]["second"]) == (3, 4)
    assert (rows["all"]["recall"], rows["all"]["precision"], rows["all"]["f1"]) == (
        0.667, 0.5, 0.571)
    only = result["disagreements"]["02_ko.txt"]
    assert [m["second_typed"] for m in only["only_first"]] == [["proposal"]]
    assert only["only_second"][1]["text"] == "실무회의를 열었다"
    assert [m["type"] for m in only["only_second"]] == ["proposal", "implemented"]
    assert "01_en.txt" not in result["disagreements"]
    # the other way round the hope is a disagreement: the second allows only agreement,
    # the first typed it proposal (alt types make the measure one-sided)
    back = {r["lang"]: r for r in label_agreement(f"{texts}:{second}", str(first))["rows"]}
    assert (back["en"]["recall"], back["en"]["precision"]) == (0.5, 0.5)


def test_labellings_of_other_texts_are_refused(two_labellings: tuple[Path, Path, Path],
                                               tmp_path: Path) -> None:
    texts, first, second = two_labellings
    rows = [json.loads(line) for line in second.read_text(encoding="utf-8").splitlines()]
    _write(tmp_path / "other_text.jsonl", [{**rows[1], "sha256": "0" * 64}, rows[2]])
    with pytest.raises(InputError, match="SHA-256"):
        label_agreement(f"{texts}:{first}", str(tmp_path / "other_text.jsonl"))
    _write(tmp_path / "fewer.jsonl", [r for r in rows[1:] if r["file"] != "02_ko.txt"])
    with pytest.raises(InputError, match="only in the first: 02_ko.txt"):
        label_agreement(f"{texts}:{first}", str(tmp_path / "fewer.jsonl"))
    with pytest.raises(InputError, match="TEXTS:LABELS"):
        label_agreement(str(first), str(second))
    (texts / "02_ko.txt").unlink()
    with pytest.raises(InputError, match="1 text\\(s\\) named in .* missing from .*02_ko.txt"):
        label_agreement(f"{texts}:{first}", str(second))


def test_the_cli_prints_the_table_and_the_disagreements(
    two_labellings: tuple[Path, Path, Path],
) -> None:
    texts, first, second = two_labellings
    table = runner.invoke(cli_app, ["docs", "agreement", "--set", f"{texts}:{first}",
                                    "--against", str(second)])
    assert table.exit_code == 0, table.output
    assert "Agreement of second.jsonl with first.jsonl" in table.output
    assert "0.571" in table.output  # F1 of R 2/3 and P 2/4
    listed = runner.invoke(cli_app, ["docs", "agreement", "--set", f"{texts}:{first}",
                                     "--against", str(second), "--details"])
    assert listed.exit_code == 0 and "02_ko.txt" in json.loads(listed.output)["disagreements"]
    bad = runner.invoke(cli_app, ["docs", "agreement", "--set", str(first), "--against",
                                  str(second)])
    assert bad.exit_code != 0 and "TEXTS:LABELS" in bad.output


def _texts(number: int) -> Path:
    return Path(os.environ.get(f"KCBRIDGE_FRESH{number}_TEXTS") or
                f"/work/fresh_data/texts/fresh{number}")


@pytest.mark.parametrize(("number", "expected", "f1"), [
    # the extractor against the first labeller on fresh-16: R 0.66 / P 0.74 (before the
    # thirteenth session's rounds)
    (16, {"en": (8, 7, 0.75, 0.857), "ko": (9, 11, 0.889, 0.727), "zh": (15, 15, 1.0, 1.0),
          "all": (32, 33, 0.906, 0.879)}, 0.892),
    # on fresh-18: R 0.69 / P 0.53 against the first, 0.73 / 0.64 against the second
    (18, {"en": (8, 10, 1.0, 0.9), "ko": (10, 11, 0.9, 0.909), "zh": (8, 9, 1.0, 0.889),
          "all": (26, 30, 0.962, 0.9)}, 0.93),
])
def test_two_labellers_agree_as_recorded(number: int, expected: dict[str, tuple[float, ...]],
                                         f1: float) -> None:
    """The second labeller (who never saw the first labelling) against the first, per
    language: (first's statements, second's, recall, precision). Skipped without the texts."""
    texts = _texts(number)
    if not (texts / "01_ko.txt").exists():
        pytest.skip(f"fresh-{number}'s texts are not here ({texts}); set "
                    f"KCBRIDGE_FRESH{number}_TEXTS")
    labels = ROOT / "src" / "kcbridge" / "docs" / "data" / f"statement_fresh{number}_pages.jsonl"
    second = ROOT / "docs" / "history" / f"iaa_fresh{number}_second.jsonl"
    rows = {r["lang"]: r for r in label_agreement(f"{texts}:{labels}", str(second))["rows"]}
    assert {lang: (r["first"], r["second"], r["recall"], r["precision"])
            for lang, r in rows.items()} == expected
    assert rows["all"]["f1"] == f1
