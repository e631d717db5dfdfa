"""A first-time ``partners match`` on the plain path (issue 14): the registry and the lists
read as records in plain SQL, the kept vectors, name keys, screener keys and
complementarity read as JSON, the sector facts read from the packaged files without
pandas. The answer must be the one the frame path gives (the registry read into
DataFrames, as before), row for row, for organisations named in Korean, Chinese and
English and for an organisation with two profiles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from kcbridge.app import Platform
from kcbridge.partners import records, storage
from kcbridge.partners.screening import EntityScreener, known_keys, name_key_rows
from kcbridge.store.derived import DerivedResults

TWO_PROFILE_ORG = "한빛양극재"
#: a second profile for the Korean demo organisation (the demo gives each one profile)
EXTRA_PROFILE = {
    "profile_id": "p-hanbit-2", "org_name": TWO_PROFILE_ORG,
    "profile_type": "technology_request", "title": "Recycled nickel wanted",
    "offer": "양극재 공정 데이터와 공동 시험 설비를 제공합니다.",
    "need": "폐배터리에서 회수한 니켈과 코발트를 안정적으로 공급할 파트너를 찾습니다.",
    "keywords": ["recycling", "nickel"], "partnership_types": ["manufacturing"], "language": "ko",
}


def _forget_answers(p: Platform) -> None:
    cache = DerivedResults.for_store(p.store)
    cache.clear("partner_match_answers")
    cache.clear("partner_peer_answers")


def _answer(home: Path, org: str, *, frames: bool, monkeypatch: pytest.MonkeyPatch
            ) -> dict[str, Any]:
    """The match and the peers of ``org`` computed in a new Platform: on the plain path,
    or with the tables read as frames (``records.table_records`` refusing, as on engines
    other than DuckDB)."""
    with monkeypatch.context() as m:
        if frames:
            m.setattr(records, "table_records", lambda store, name: None)
        p = Platform(home=home)
        try:
            _forget_answers(p)
            out: dict[str, Any] = {"matches": p.partners.match(org, record_exposure=False),
                   "peers": p.partners.peers(org)}
            matcher = p.partners.matcher()
            out["frame_given"] = matcher._profiles is not None
        finally:
            p.close()
    return out


@pytest.fixture()
def home_with_two_profiles(tiny_demo_copy: Path, tmp_path: Path) -> Path:
    path = tmp_path / "extra.json"
    path.write_text(json.dumps({"organisations": [], "profiles": [EXTRA_PROFILE]},
                               ensure_ascii=False), encoding="utf-8")
    p = Platform(home=tiny_demo_copy)
    try:
        assert p.partners.import_file(path)["profiles"] == 1
    finally:
        p.close()
    return tiny_demo_copy


def _orgs_by_script(home: Path) -> list[str]:
    p = Platform(home=home)
    try:
        names = [str(o["name"]) for o in p.partners._records("partner_orgs")]
    finally:
        p.close()

    def pick(test: Any) -> str:
        return next(n for n in names if test(n))

    korean = pick(lambda n: any("\uac00" <= c <= "\ud7a3" for c in n) and n != TWO_PROFILE_ORG)
    chinese = pick(lambda n: any("\u4e00" <= c <= "\u9fff" for c in n))
    english = pick(lambda n: n.isascii())
    return [TWO_PROFILE_ORG, korean, chinese, english]


def test_the_plain_match_is_the_frame_match(home_with_two_profiles: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    home = home_with_two_profiles
    orgs = _orgs_by_script(home)
    assert len(set(orgs)) == 4
    for org in orgs:
        plain = _answer(home, org, frames=False, monkeypatch=monkeypatch)
        framed = _answer(home, org, frames=True, monkeypatch=monkeypatch)
        assert plain["frame_given"] is False and framed["frame_given"] is True
        assert plain["matches"], org
        assert json.dumps(plain["matches"], sort_keys=True) == \
            json.dumps(framed["matches"], sort_keys=True), org
        assert plain["peers"] == framed["peers"], org
    two = _answer(home, TWO_PROFILE_ORG, frames=False, monkeypatch=monkeypatch)["matches"]
    assert {r["profile_id"] for r in two} == {"demo-01a", "p-hanbit-2"}
    first = [r for r in two if r["profile_id"] == "demo-01a"]
    assert first[0]["partner_name"] == "江西锂源新材料有限公司" and first[0]["rank"] == 1
    assert {"guideline_level", "score_parts", "trust_hits"} <= set(first[0])


def test_records_are_the_frames_records(home_with_two_profiles: Path) -> None:
    p = Platform(home=home_with_two_profiles)
    try:
        for name in ("partner_orgs", "partner_profiles", "trust_list_entries"):
            plain = records.table_records(p.store, name)
            framed = storage.read_table(p.store, name).to_dict("records")
            assert plain is not None and len(plain) > 2
            assert plain == framed, name
        profile = next(r for r in records.table_records(p.store, "partner_profiles") or []
                       if r["profile_id"] == "p-hanbit-2")
        assert profile["summary"] == "" and profile["keywords"] == ["recycling", "nickel"]
        matcher = p.partners.matcher()
        pd.testing.assert_frame_equal(
            matcher.profiles, storage.read_table(p.store, "partner_profiles"))
        orgs = storage.read_table(p.store, "partner_orgs").set_index("org_id", drop=False)
        pd.testing.assert_frame_equal(matcher.orgs, orgs)
    finally:
        p.close()


def test_plain_name_keys_and_screener_screen_as_the_frames(tiny_demo_copy: Path) -> None:
    names = ["江西锂源新材料有限公司", "Hanbit Materials", "한빛양극재", "霁虹显示科技股份有限公司",
             "Jihong Display Technologies", "Huawei"]
    p = Platform(home=tiny_demo_copy)
    try:
        kept = storage.stored_name_keys(p.store, names)
        again = storage.stored_name_keys(p.store, names[::-1])
        entries = storage.read_table(p.store, "trust_list_entries")
        plain = storage.stored_screener(p.store, records.table_records(
            p.store, "trust_list_entries"))
    finally:
        p.close()
    assert kept == again == known_keys(name_key_rows(names))
    framed = EntityScreener(entries.sort_values(["list_id", "entry_id"], kind="stable"))
    results = [(plain.screen(n, [], kept), framed.screen(n)) for n in names]
    assert [a.to_dict() for a, _ in results] == [b.to_dict() for _, b in results]
    # a listed name is found, with the list's reason (the check can fail)
    flagged = [a for a, _ in results if a.flagged]
    assert [a.name for a in flagged] == ["霁虹显示科技股份有限公司"]
    assert flagged[0].hits[0].entry_id == "demo-1" and "SYNTHETIC" in str(flagged[0].hits[0].reason)


def test_plain_sector_facts_are_the_reference_modules() -> None:
    from kcbridge.partners.guideline import guideline_rules
    from kcbridge.reference import sectors

    assert len(sectors.sector_ids()) > 10
    for sector_id in sectors.sector_ids():
        assert sectors.sector_name(sector_id) == sectors.get_sector(sector_id).name_en
        assert sectors.sector_name(sector_id, "ko") == sectors.get_sector(sector_id).name_ko
    assert sectors.sector_name("Batteries") is None  # ids only; names go to get_sector
    assert sectors.critical_item_records() == sectors.critical_items().to_dict("records")
    for sector_id in list(guideline_rules()["sectors"]) + sectors.sector_ids():
        assert sectors.critical_item_records(sector_id) == \
            sectors.critical_items(sector_id).to_dict("records"), sector_id
    assert sectors.critical_item_records("batteries")  # a sector with items
