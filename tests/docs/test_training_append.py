"""``featurize --append`` (:mod:`kcbridge.docs.training`): new labelled pages are added to
the stored labels and features (the texts of earlier rounds are not kept), a page already
stored or a page of a test set is refused."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from kcbridge.docs.training import (
    FEATURES_FILE,
    LABELS_FILE,
    excluded_addresses,
    featurize,
    stored_features,
)

DATA = Path(str(resources.files("kcbridge.docs").joinpath("data")))
NEW = "https://example.org/news/kodetector-test-page"


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    for name in (FEATURES_FILE, LABELS_FILE):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def _tsv(path: Path, url: str) -> Path:
    path.write_text(f"{url}\tko\tA\t두 기관은 공동연구를 시작하기로 했다.\n"
                    f"{url}\tko\tN\t행사에는 200여 명이 참석했다.\n", encoding="utf-8")
    return path


def test_append_adds_rows_after_the_stored_ones(store: Path, tmp_path: Path) -> None:
    X0, y0, groups0, _ = stored_features(store)
    result = featurize([_tsv(tmp_path / "new.tsv", NEW)], set(), store, append=True)
    assert result == {"sentences": len(y0) + 2, "documents": len(np.unique(groups0)) + 1}
    X, y, groups, langs = stored_features(store)
    assert np.array_equal(X[:len(X0)], X0) and list(y[-2:]) == [2, 0]  # agreement, none
    assert list(langs[-2:]) == ["ko", "ko"] and groups[-1] == groups[-2]
    assert groups[-1] not in set(groups[:len(X0)])
    labels = [json.loads(line) for line in
              (store / LABELS_FILE).read_text(encoding="utf-8").splitlines()]
    assert [(r["source"], r["index"], r["label"]) for r in labels[-2:]] == [
        (NEW, 0, "agreement"), (NEW, 1, "none")]
    with pytest.raises(ValueError, match="already in the stored labels"):
        featurize([_tsv(tmp_path / "again.tsv", NEW)], set(), store, append=True)


def test_a_test_set_page_is_refused(store: Path, tmp_path: Path) -> None:
    fresh8 = excluded_addresses(DATA / "statement_fresh8_pages.jsonl")
    assert len(fresh8) == 10
    url = json.loads((DATA / "statement_fresh8_pages.jsonl").read_text(
        encoding="utf-8").splitlines()[1])["source"]
    with pytest.raises(ValueError, match="test-set page"):
        featurize([_tsv(tmp_path / "test.tsv", url)], fresh8, store, append=True)
