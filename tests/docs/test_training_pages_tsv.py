"""`python -m kcbridge.docs.training pages-tsv TEXTS:LABELS.jsonl`: a labelled page set becomes
the TSV `featurize` reads (each sentence with the type of the gold statement it carries), and
bad input is a message with its fix, not a traceback. Texts written for this test."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kcbridge.docs.training import main, page_set_rows
from kcbridge.errors import InputError

TEXT = ("The two firms signed a battery recycling agreement in Seoul on Monday. "
        "The weather was fine. They said they would open a joint lab in Busan.\n")


def _set(tmp_path: Path) -> tuple[Path, Path]:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "01_en.txt").write_text(TEXT, encoding="utf-8")
    start = TEXT.index("signed a battery")
    row = {"set": "t", "file": "01_en.txt", "source": "https://example.org/a", "lang": "en",
           "published": None, "sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
           "statements": [{"type": "signed", "spans": [[start, start + 30]]}]}
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"_about": "test"}) + "\n" + json.dumps(row) + "\n",
                      encoding="utf-8")
    return texts, labels


def test_each_sentence_takes_the_type_of_the_statement_it_carries(tmp_path: Path) -> None:
    texts, labels = _set(tmp_path)
    rows = [line.split("\t") for line in page_set_rows(f"{texts}:{labels}")]
    assert [(r[0], r[1], r[2]) for r in rows] == [("https://example.org/a", "en", "S"),
                                                   ("https://example.org/a", "en", "N"),
                                                   ("https://example.org/a", "en", "N")]
    assert rows[0][3].startswith("The two firms signed")


def test_missing_texts_and_a_bare_folder_are_refused(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    texts, labels = _set(tmp_path)
    with pytest.raises(InputError, match="TEXTS:LABELS"):
        page_set_rows(str(texts))
    (texts / "01_en.txt").unlink()
    with pytest.raises(InputError, match="missing from"):
        page_set_rows(f"{texts}:{labels}")
    assert main(["pages-tsv", f"{texts}:{labels}"]) == 2
    assert "error: 1 text(s) named in" in capsys.readouterr().err
