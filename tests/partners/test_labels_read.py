"""The importer reports every profile type it read from a label's words rather than from a
known label (issue 12): such a reading can be the opposite of what the profile does (the
fifth fresh set's seller writing "해외 사업 파트너를 찾습니다"), and the type gate then hides
the partner."""

from __future__ import annotations

import json
from pathlib import Path

from kcbridge.app import Platform
from kcbridge.partners.profile_types import read_from_words


def test_known_labels_are_not_reported_and_words_are() -> None:
    assert not read_from_words("Technology Offer")
    assert not read_from_words("기술 요청")
    assert read_from_words("해외 사업 파트너를 찾습니다")
    assert read_from_words("供应商导入")
    assert not read_from_words("") and not read_from_words(None)


def test_import_lists_the_labels_read_from_words(tmp_path: Path) -> None:
    registry = {
        "organisations": [{"org_id": "k1", "name": "한빛김치", "country": "KOR",
                           "kind": "enterprise"},
                          {"org_id": "c1", "name": "青岛鲜食", "country": "CHN",
                           "kind": "enterprise"}],
        "profiles": [
            {"profile_id": "p1", "org_id": "k1", "profile_type": "해외 사업 파트너를 찾습니다",
             "summary": "김치를 생산합니다. 중국 수입사를 찾습니다."},
            {"profile_id": "p2", "org_id": "c1", "profile_type": "business request",
             "summary": "寻找韩国泡菜供应商。"}],
    }
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(registry, ensure_ascii=False), encoding="utf-8")
    p = Platform(home=tmp_path / "home")
    try:
        result = p.partners.import_file(path)
    finally:
        p.close()
    assert (result["organisations"], result["profiles"]) == (2, 2)
    # the words alone read a request (partners sought); since round 22 (twentieth session)
    # the summary's "중국 수입사를 찾습니다" (importers sought: a seller's) turns it, and says so
    assert result["labels_read_from_words"] == [
        {"label": "해외 사업 파트너를 찾습니다", "read_as": "business_offer",
         "where": "registry.json row 1",
         "because": "the label's words leave the side open; the summary says offer "
                    "('수입사를 찾')"}]
