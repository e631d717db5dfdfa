"""The first sector page sets (issue 10, ensectors round) keep addresses, hashes and labels
only, and ``evaluate --set FOLDER:LABELS.jsonl`` scores such a set (sector recall and
precision per language) on texts rebuilt outside the repository."""

from __future__ import annotations

import hashlib
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from kcbridge.docs.news_evaluation import evaluate_folder, gold_sector_ids, read_page_labels
from kcbridge.errors import InputError
from kcbridge.reference.sectors import sector_taxonomy

_DATA = resources.files("kcbridge.docs") / "data"
_KEYS = {"file", "set", "lang", "kind", "url", "sha256", "sectors"}
_SETS = {"sector_eval_pages_1.jsonl": ("test", {"en": 9, "ko": 2, "zh": 1}),
         "sector_dev_pages_1.jsonl": ("dev", {"en": 7, "ko": 2, "zh": 1})}


def _rows(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in
            (_DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(_SETS))
def test_sector_sets_hold_labels_only(name: str) -> None:
    kind, languages = _SETS[name]
    head, *pages = _rows(name)
    assert set(head) == {"_about"} and "substantially about" in head["_about"]
    ids = {s.id for s in sector_taxonomy()}
    assert {lang: [p["lang"] for p in pages].count(lang) for lang in languages} == languages
    assert len({p["url"] for p in pages}) == len({p["sha256"] for p in pages}) == len(pages)
    for p in pages:
        assert set(p) == _KEYS, p["file"]
        assert p["set"] == kind
        assert re.fullmatch(r"[0-9a-f]{64}", p["sha256"])
        assert re.fullmatch(r"\d\d_(en|ko|zh)\.txt", p["file"]) and p["file"][3:5] == p["lang"]
        assert p["sectors"] and set(p["sectors"]) <= ids, p["file"]
        assert len(p["sectors"]) == len(set(p["sectors"])) <= 3


def test_the_test_set_is_mostly_english_interviews() -> None:
    pages = _rows("sector_eval_pages_1.jsonl")[1:]
    spoken = [p for p in pages if p["lang"] == "en"
              and re.search(r"interview|remarks|speech|Q&A", p["kind"])]
    assert len(spoken) >= 6
    assert sum(len(p["sectors"]) for p in pages) == 18


def test_sector_sets_share_no_address_with_other_sets() -> None:
    test = {p["url"] for p in _rows("sector_eval_pages_1.jsonl")[1:]}
    dev = {p["url"] for p in _rows("sector_dev_pages_1.jsonl")[1:]}
    assert not test & dev
    older: set[str] = set()
    for path in _DATA.iterdir():
        if path.name.endswith(".jsonl") and path.name not in _SETS:
            older |= {str(r.get("url")) for r in _rows(path.name)}
    assert len(older) > 100
    assert not (test | dev) & older


def test_gold_sectors_may_be_ids_or_the_scorer_words() -> None:
    assert gold_sector_ids(["robotics_smart_manufacturing", "Secondary batteries", "EV",
                            "no such sector"]) == {
        "robotics_smart_manufacturing", "batteries", "new_energy_vehicles"}


def _page_set(tmp_path: Path) -> tuple[Path, Path]:
    texts = {"01_en.txt": "Our batteries power electric buses.",
             "02_ko.txt": "로봇 협력을 확대한다."}
    rows: list[dict[str, Any]] = [{"_about": "written for this test"}]
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        rows.append({"file": name, "set": "test", "lang": name[3:5], "kind": "test",
                     "url": f"https://example.org/{name}", "sectors": [],
                     "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()})
    rows[1]["sectors"] = ["batteries", "new_energy_vehicles"]
    rows[2]["sectors"] = ["robotics_smart_manufacturing"]
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows),
                      encoding="utf-8")
    return tmp_path, labels


def test_evaluate_a_labelled_page_set(tmp_path: Path) -> None:
    folder, labels = _page_set(tmp_path)
    assert set(read_page_labels(str(labels))) == {"_about", "01_en.txt", "02_ko.txt"}

    def fake(paths: list[Path]) -> list[dict[str, Any]]:
        assert [p.name for p in paths] == ["01_en.txt", "02_ko.txt"]
        return [{"sectors": [{"sector": "batteries"}, {"sector": "hydrogen"}]},
                {"sectors": [{"sector": "robotics_smart_manufacturing"}]}]

    result = evaluate_folder(f"{folder}:{labels}", details=True, analyse=fake)
    rows = {r["lang"]: r for r in result["rows"]}
    assert (rows["en"]["sector_recall"], rows["en"]["sector_precision"]) == (0.5, 0.5)
    assert (rows["ko"]["sector_recall"], rows["ko"]["sector_precision"]) == (1.0, 1.0)
    assert (rows["all"]["sector_recall"], rows["all"]["sector_precision"]) == (0.667, 0.667)
    assert result["details"]["01_en.txt"]["sector"] == {
        "missed": ["new_energy_vehicles"], "false_positives": ["hydrogen"]}


def test_a_text_that_is_not_the_labelled_one_is_refused(tmp_path: Path) -> None:
    folder, labels = _page_set(tmp_path)
    (folder / "02_ko.txt").write_text("다른 글이다.", encoding="utf-8")
    with pytest.raises(InputError, match="SHA-256"):
        evaluate_folder(f"{folder}:{labels}", analyse=lambda paths: [{}] * len(paths))
    with pytest.raises(InputError, match="No label file"):
        evaluate_folder(f"{folder}:nothing_here.jsonl")
