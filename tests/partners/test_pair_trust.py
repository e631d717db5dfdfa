"""Trust level of one proposed pair (partners/pair_trust.py): red on a list hit, amber when
something could not be assessed or a controlled item is named, the sector guideline last,
and green only when every check ran clean (fail closed). Profiles are written here."""

from __future__ import annotations

from typing import Any

import pytest

from kcbridge.partners.pair_trust import assess_pair
from kcbridge.partners.screening import ListHit, ScreenResult

OWN_ORG = {"name": "Alpha Hydrogen", "country": "KOR", "products": []}
PARTNER_ORG = {"name": "Beta Energy", "country": "CHN", "products": []}


def _profile(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"title": "Electrolyser stacks", "summary": "", "offer": "",
                            "need": "", "keywords": [], "sectors": ["hydrogen"],
                            "partnership_types": ["joint_rd"]}
    return base | fields


def _clean() -> list[ScreenResult]:
    return [ScreenResult("Alpha Hydrogen", False), ScreenResult("Beta Energy", False)]


def _hit(match: str, score: float) -> ListHit:
    return ListHit(list_id="demo-list", entry_id="e1", entity_name="Beta Energy Group",
                   matched_name="Beta Energy", key_kind="latin", score=score, match=match)


def test_an_open_sector_screened_clean_with_a_stated_type_is_green() -> None:
    result = assess_pair(_profile(), _profile(), OWN_ORG, PARTNER_ORG, _clean())
    assert result.level == "green"
    assert result.review is False
    assert result.items == []
    assert len(result.reasons) == 1
    assert result.reasons[0].startswith("hydrogen / joint rd: Open cooperation")


def test_no_list_loaded_is_amber_for_review_never_green() -> None:
    result = assess_pair(_profile(), _profile(), OWN_ORG, PARTNER_ORG, None)
    assert result.level == "amber" and result.review is True
    assert result.reasons[0].startswith("Review: no sensitive-entity or export-control list")
    assert "kcbridge trust import-list" in result.reasons[0]


def test_an_exact_list_hit_is_red_and_named_first() -> None:
    screening = [ScreenResult("Alpha Hydrogen", False),
                 ScreenResult("Beta Energy", True, hits=[_hit("exact", 1.0)])]
    result = assess_pair(_profile(), _profile(), OWN_ORG, PARTNER_ORG, screening)
    assert result.level == "red"
    assert result.reasons[0] == (
        "Beta Energy matches 'Beta Energy Group' on demo-list (exact, score 1).")


def test_a_fuzzy_list_match_is_amber_for_a_person_to_check() -> None:
    screening = [ScreenResult("Beta Energy", False, review=[_hit("fuzzy", 0.91)])]
    result = assess_pair(_profile(), _profile(), OWN_ORG, PARTNER_ORG, screening)
    assert result.level == "amber" and result.review is True
    assert result.reasons[0] == (
        "Review: Beta Energy resembles 'Beta Energy Group' on demo-list (score 0.91); check "
        "whether it is the same organisation.")


@pytest.mark.parametrize("country", ["", "  ", None])
def test_an_unknown_partner_country_is_amber(country: str | None) -> None:
    partner = PARTNER_ORG | {"country": country}
    result = assess_pair(_profile(), _profile(), OWN_ORG, partner, _clean())
    assert result.level == "amber" and result.review is True
    assert "Review: the partner's country is not known." in result.reasons


def test_a_controlled_item_in_a_profile_is_amber_and_named_with_its_side() -> None:
    partner = _profile(offer="gallium arsenide wafers")
    result = assess_pair(_profile(), partner, OWN_ORG, PARTNER_ORG, _clean())
    assert result.level == "amber"
    assert result.review is False  # everything was assessed; the item needs a review
    assert result.items and {i["side"] for i in result.items} == {"partner"}
    assert any("Controlled item in Beta Energy's profile" in r for r in result.reasons)
    assert any("An export-control review is needed." in r for r in result.reasons)


def test_an_organisations_products_count_as_its_profile() -> None:
    own_org = OWN_ORG | {"products": ["gallium"]}
    result = assess_pair(_profile(), _profile(), own_org, PARTNER_ORG, _clean())
    assert result.level == "amber"
    assert {i["side"] for i in result.items} == {"own"}


def test_the_sector_guideline_raises_a_clean_pair_to_amber() -> None:
    chips = _profile(sectors=["semiconductors"], title="Customer analytics dashboard")
    result = assess_pair(chips, chips, OWN_ORG, PARTNER_ORG, _clean())
    assert result.level == "amber"
    assert result.review is False
    assert result.items == []
    assert result.reasons
    assert all(r.startswith("semiconductors / joint rd: ") for r in result.reasons)


def test_shared_sectors_decide_over_each_sides_other_sectors() -> None:
    own = _profile(sectors=["hydrogen", "semiconductors"])
    partner = _profile(sectors=["hydrogen"])
    # only hydrogen is shared: the semiconductors rule of one side does not apply
    assert assess_pair(own, partner, OWN_ORG, PARTNER_ORG, _clean()).level == "green"
    # nothing shared: every sector of both sides counts, the worst wins
    partner = _profile(sectors=["semiconductors"])
    own = _profile(sectors=["hydrogen"])
    assert assess_pair(own, partner, OWN_ORG, PARTNER_ORG, _clean()).level == "amber"


def test_no_sector_known_is_amber_for_review() -> None:
    none = _profile(sectors=[])
    result = assess_pair(none, none, OWN_ORG, PARTNER_ORG, _clean())
    assert result.level == "amber" and result.review is True


def test_no_stated_type_assumes_the_strictest_and_says_so() -> None:
    # biotech is green for distribution and exchange, amber for technology transfer
    open_types = _profile(sectors=["biotech_pharma"], partnership_types=["distribution"])
    assert assess_pair(open_types, open_types, OWN_ORG, PARTNER_ORG,
                       _clean()).level == "green"
    unstated = _profile(sectors=["biotech_pharma"], partnership_types=[])
    result = assess_pair(unstated, unstated, OWN_ORG, PARTNER_ORG, _clean())
    assert result.level == "amber"
    assert result.reasons[-1] == ("No collaboration type is stated, so the strictest one was "
                                  "assumed.")
    # a type the guideline does not know counts as not stated
    odd = _profile(sectors=["biotech_pharma"], partnership_types=["friendship"])
    assert assess_pair(odd, odd, OWN_ORG, PARTNER_ORG, _clean()).level == "amber"


def test_red_stays_red_whatever_else_is_found_and_reasons_are_not_repeated() -> None:
    screening = [ScreenResult("Beta Energy", True, hits=[_hit("exact", 1.0), _hit("exact", 1.0)])]
    result = assess_pair(_profile(offer="gallium"), _profile(), OWN_ORG,
                         PARTNER_ORG | {"country": ""}, screening)
    assert result.level == "red"
    assert len(result.reasons) == len(set(result.reasons))
    assert result.reasons[0].startswith("Beta Energy matches")
    as_dict = result.to_dict()
    assert as_dict["level"] == "red" and as_dict["review"] is True
    assert as_dict["reasons"] == result.reasons
