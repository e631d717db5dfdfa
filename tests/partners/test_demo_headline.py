"""The SYNTHETIC demo registry, complementarity in match explanations, the headline."""

from __future__ import annotations

import pytest

from kcbridge.partners.demo import DEMO_LIST_ID, demo_registry, profile_title

FLAGGED = {"霁虹显示科技股份有限公司", "서린공조", "岚州稀材再生资源有限公司"}


def test_demo_registry_covers_kinds_sizes_and_languages() -> None:
    orgs, profiles = demo_registry()
    assert len(orgs) == 70 and len(profiles) == 70
    assert (orgs["source"] == "demo").all() and orgs["org_id"].str.startswith("demo-org-").all()
    assert orgs["country"].value_counts().to_dict() == {"KOR": 35, "CHN": 35}
    assert orgs["kind"].value_counts().to_dict() == {
        "enterprise": 62, "university": 3, "research_institute": 2, "agency": 2, "investor": 1}
    sizes = orgs.loc[orgs["kind"] == "enterprise", "size_class"].value_counts().to_dict()
    assert sizes == {"medium": 21, "small": 18, "large": 12, "micro": 11}
    assert profiles["language"].value_counts().to_dict() == {"zh": 26, "ko": 22, "en": 22}
    assert FLAGGED <= set(orgs["name"])


def test_profile_title_cuts_at_a_word() -> None:
    assert profile_title("Short offer. More text.") == "Short offer"
    long = "Linear evaporation sources and deposition equipment for large OLED substrates."
    assert profile_title(long) == (
        "Linear evaporation sources and deposition equipment for large OLED…")


def test_load_demo_is_labelled_flagged_and_safe_to_rerun(platform) -> None:  # type: ignore[no-untyped-def]
    service = platform.partners
    first = service.load_demo()
    assert first == {"organisations": 70, "profiles": 70, "list_entries": 4, "flagged": 3,
                     "synthetic": True}
    assert service.load_demo() == first  # replaces, never adds
    assert platform.store.count("partner_orgs") == 70
    assert platform.store.count("partner_profiles") == 70
    assert platform.store.count("trust_list_entries") == 4
    orgs = service.organisations()
    assert len(orgs) == 70 and orgs["synthetic"].all()
    flagged = {r.name for r in service.screen("registry") if r.flagged}
    assert flagged == FLAGGED
    hits = {r.name: r.hits[0] for r in service.screen("registry") if r.flagged}
    # each collides across scripts: traditional characters, Japanese kanji, hangul reading
    assert hits["霁虹显示科技股份有限公司"].matched_name == "霽虹顯示科技股份有限公司"
    assert hits["서린공조"].entity_name == "瑞麟空調株式會社"
    assert hits["서린공조"].key_kind == "hangul"
    assert hits["岚州稀材再生资源有限公司"].entity_name == "남주희재재생자원 유한공사"
    assert set(service.list_entries()["list_id"]) == {DEMO_LIST_ID}
    # the fourth entry has no registry counterpart; screening its Korean alias hits it
    assert service.screen("노르트하펜무역")[0].flagged is True


def test_cross_script_search_on_demo(platform) -> None:  # type: ignore[no-untyped-def]
    service = platform.partners
    service.load_demo()
    assert service.organisations("제홍현시과기")["name"].tolist() == ["霁虹显示科技股份有限公司"]
    assert service.organisations("Seorin Climate")["name"].tolist() == ["서린공조"]
    found = service.organisations("嵐州稀材再生資源")["name"].tolist()
    assert found == ["岚州稀材再生资源有限公司"]
    # part of a name, in another script: score 95
    for query, name in (("嵐州", "岚州稀材再生资源有限公司"), ("瑞麟", "서린공조"),
                        ("제홍", "霁虹显示科技股份有限公司")):
        found = service.organisations(query)
        assert found["name"].tolist() == [name] and found["match_score"].tolist() == [95.0]


def test_demo_world_matches_carry_trade_complementarity(demo_platform) -> None:  # type: ignore[no-untyped-def]
    service = demo_platform.partners
    matches = service.match("Daon Vacuum Technology", k=3, record_exposure=False)
    best = matches[0]
    assert best["partner_name"] == "霁虹显示科技股份有限公司" and best["partner_country"] == "CHN"
    assert best["synthetic"] is True
    expected = demo_platform.trade.sector_complementarity("display", "KOR", "CHN")
    assert expected is not None
    assert best["complementarity_sector"] == "display"
    assert best["complementarity"] == pytest.approx(expected, abs=5e-4)
    assert best["complementarity_note"].startswith(
        f"Display panels: KOR-CHN trade complementarity {expected:.3f} (TCI/100 2023")
    # the partner is on the demo list: flagged, red, and the hit is the partner's
    assert best["partner_flagged"] is True and best["own_flagged"] is False
    assert best["partner_trust_hits"][0]["entity_name"] == "霽虹顯示科技股份有限公司"
    assert best["guideline_level"] == "red"
    for m in matches:  # every KOR-CHN match has its sector's figure
        assert m["complementarity"] == pytest.approx(demo_platform.trade.sector_complementarity(
            m["complementarity_sector"], "KOR", "CHN"), abs=5e-4)
    # the reverse direction gives the same (symmetric) figure
    back = service.match("霁虹显示科技股份有限公司", k=1, record_exposure=False)[0]
    assert back["partner_name"] == "Daon Vacuum Technology"
    assert back["complementarity"] == best["complementarity"]


def test_headline_on_demo_world(demo_platform) -> None:  # type: ignore[no-untyped-def]
    section = demo_platform.partners.headline()
    assert section["title"] == "Partners and trust (SYNTHETIC registry)"
    rows = {r["what"]: r["value"] for r in section["rows"]}
    assert rows["organisations"] == "70 (SYNTHETIC demo: 70): KOR 35, CHN 35"
    assert rows["by kind"] == ("enterprise 62, university 3, research institute 2, agency 2, "
                               "investor 1")
    assert rows["profiles"] == "70: zh 26, ko 22, en 22"
    assert rows["flagged organisations"].startswith("3 of 70 on 1 list(s): ")
    assert "best KOR-CHN match" in rows
    best = rows["best KOR-CHN match"]
    assert "<->" in best and "score 0." in best and "complementarity 0." in best


def test_headline_needs_a_registry(platform) -> None:  # type: ignore[no-untyped-def]
    from kcbridge.errors import NotFoundError

    with pytest.raises(NotFoundError):
        platform.partners.headline()
