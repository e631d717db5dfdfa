"""A first-time match reads what the import kept (issue 14): every registry name's
comparable keys are computed at import, and the profiles' concept signatures once per
text; a new `partners match` then neither loads the pinyin dictionaries nor compiles the
glossary. Behaviour, not timing."""

from __future__ import annotations

from pathlib import Path

from tests.cli.probe import run_cli

from kcbridge.app import Platform
from kcbridge.partners import registry, storage
from kcbridge.partners.terms import concept_signature
from kcbridge.store.derived import DerivedResults


def _memo_names(p: Platform) -> set[str]:
    memo = DerivedResults.for_store(p.store).get(
        "partner_name_keys", {"memo": "organisations"}, storage._name_code_version())
    return set() if memo is None else set(memo["name"])


def test_import_keeps_the_keys_of_every_registry_name(tiny_demo_copy: Path) -> None:
    p = Platform(home=tiny_demo_copy)
    p.partners.import_file(Path(__file__).parent / "data" / "registry.json")
    orgs = p.partners._read("partner_orgs").to_dict("records")
    names = {n for o in orgs for n in registry.org_names(o)}
    kept = _memo_names(p)
    p.close()
    assert {"江西锂源新材料有限公司", "华为技术有限公司", "Hanbit Materials"} <= names
    assert len(names) > 20 and names <= kept


def test_a_new_match_loads_no_pinyin_and_finds_the_same_partners(tiny_demo_copy: Path) -> None:
    p = Platform(home=tiny_demo_copy)
    org = p.partners._read("partner_orgs")["name"].iloc[0]
    expected = p.partners.match(org, record_exposure=False)
    p.close()
    for kept in (tiny_demo_copy / "derived" / "partner_match_answers").glob("*"):
        kept.unlink()  # the question is new again: computed, not replayed
    result = run_cli(tiny_demo_copy, ["partners", "match", org, "--format", "json"],
                     watch=("pypinyin", "kcbridge.partners.matching"))
    assert result["code"] == 0, result
    assert result["loaded"] == ["kcbridge.partners.matching"]  # computed, without pinyin
    assert expected and str(expected[0]["partner_name"]) in result["stdout"]
    # the check can fail: without the kept keys the same question loads the dictionaries
    for kept in (tiny_demo_copy / "derived" / "partner_match_answers").glob("*"):
        kept.unlink()
    for kept in (tiny_demo_copy / "derived" / "partner_name_keys").glob("*"):
        kept.unlink()
    again = run_cli(tiny_demo_copy, ["partners", "match", org, "--format", "json"],
                    watch=("pypinyin",))
    assert again["loaded"] == ["pypinyin"]
    assert again["stdout"] == result["stdout"]


def test_kept_signatures_are_the_glossary_signatures(tiny_demo_copy: Path) -> None:
    texts = ["lithium-ion battery cathode materials", "반도체 장비 공동 연구", "", "氢燃料电池",
             "lithium-ion battery cathode materials"]
    p = Platform(home=tiny_demo_copy)
    first = storage.stored_concept_signatures(p.store, texts)
    again = storage.stored_concept_signatures(p.store, texts[::-1])
    p.close()
    assert first == [concept_signature(t) for t in texts]
    assert again == first[::-1]
    assert first[0] != 0 and first[2] == 0
