"""Sectors in the words people say (issue 10, ensectors round): derived English forms, the
parts of the taxonomy's names, spoken forms, and cross-sector words that never make a
document's sector on their own. Every sentence here was written for this test."""

from __future__ import annotations

import pytest

from kcbridge.docs.sector_lexicon import SPOKEN, english_forms, name_parts
from kcbridge.docs.sector_tags import default_tagger, is_sector_keyword
from kcbridge.docs.text import split_sentences
from kcbridge.reference.sectors import sector_taxonomy


def _sentence(text: str) -> set[str]:
    return set(default_tagger().sentence_hits(text))


def _document(text: str) -> set[str]:
    return {t.sector for t in default_tagger().tag(split_sentences(text)) if t.sentence is None}


@pytest.mark.parametrize(("word", "forms"), [
    ("pharmaceuticals", {"pharmaceutical"}),
    ("robotics", {"robotic"}),
    ("cell therapy", {"cell therapies", "cell-therapy"}),
    ("decarbonisation", {"decarbonization"}),
    ("data centre", {"data center", "data-centre"}),
    ("electrolyser", {"electrolyzer"}),
    ("hydrogen refuelling station", {"hydrogen refueling station"}),
    ("millimetre wave", {"millimeter wave", "millimetre-wave"}),
    ("rare earths", {"rare earth", "rare-earths"}),
    ("new-energy vehicle", {"new energy vehicle"}),
    ("ess", set()),  # an acronym has no other forms
    ("gas", set()),
    ("芯片", set()),
])
def test_english_forms(word: str, forms: set[str]) -> None:
    assert english_forms(word) == forms


def test_the_parts_of_a_sector_name_are_keywords() -> None:
    assert name_parts("신에너지차(친환경차)") == ["신에너지차", "친환경차"]
    assert name_parts("로봇·스마트 제조") == ["로봇", "스마트 제조"]
    assert name_parts("机器人与智能制造") == ["机器人", "智能制造"]
    assert name_parts("Digital healthcare (medical devices)") == [
        "digital healthcare", "medical devices"]
    # generic words of a name are no keywords
    assert name_parts("Materials, parts and equipment") == []
    assert name_parts("材料、零部件与装备") == ["零部件"]


@pytest.mark.parametrize(("text", "sector"), [
    ("Our chipmakers are adding a second line in Xi'an.", "semiconductors"),
    ("We sell reagents to a pharmaceutical company in Suzhou.", "biotech_pharma"),
    ("Drugmakers from both countries met in Incheon.", "biotech_pharma"),
    ("Cell therapies are where we lead.", "biotech_pharma"),
    ("Robotic arms from Shenzhen fill the new line.", "robotics_smart_manufacturing"),
    ("Humanoids will work in our warehouses by 2030.", "robotics_smart_manufacturing"),
    ("Decarbonization of steel comes next.", "green_low_carbon"),
    ("Renewables now supply a third of the grid.", "green_low_carbon"),
    ("The electrolyzer order came from Inner Mongolia.", "hydrogen"),
    ("Korean electric cars compete with BYD at home.", "new_energy_vehicles"),
    ("New energy vehicles sell well in Jiangsu.", "new_energy_vehicles"),
    ("Rare-earth magnets are scarce.", "materials_parts_equipment"),
    ("Our fuel-cell stacks go to Foshan.", "hydrogen"),
    ("Telecom operators in both countries will test the network.", "ict_5g_6g"),
    ("中国的电动车卖到了韩国。", "new_energy_vehicles"),
    ("신에너지차 시장이 커지고 있다.", "new_energy_vehicles"),
])
def test_spoken_and_inflected_forms_name_their_sector(text: str, sector: str) -> None:
    assert _sentence(text) == {sector}


def test_a_name_part_beats_the_shorter_word_inside_it() -> None:
    # 신에너지차 (new-energy car) is a vehicle, not 신에너지 (new energy, a green word)
    assert "green_low_carbon" not in _sentence("중국 신에너지차의 미래를 밝게 전망했다.")


def test_chips_as_a_figure_of_speech_are_no_sector() -> None:
    assert _sentence("The deal is a bargaining chip for a blue-chip firm.") == set()


def test_cross_sector_words_alone_make_no_document_sector() -> None:
    text = ("The supply chain matters. We discussed the supply chain again. "
            "Our supply chain is long.")
    assert _sentence(text) == {"materials_parts_equipment"}  # sentence level keeps them
    assert _document(text) == set()
    # beside a word of the sector itself they count
    assert _document(text + " Rare earths are the bottleneck.") == {"materials_parts_equipment"}


def test_one_clear_spoken_mention_counts_beside_a_frequent_sector() -> None:
    text = ("Our batteries power Hyundai's electric cars. Battery demand is rising. We build "
            "battery cells in Ochang. We also supply drugmakers with lab robots.")
    assert _document(text) == {"batteries", "new_energy_vehicles", "biotech_pharma",
                               "robotics_smart_manufacturing"}
    # "cars" alone are no new-energy vehicles
    assert "new_energy_vehicles" not in _document("Our batteries power Hyundai's cars.")


def test_every_spoken_form_names_one_known_sector() -> None:
    tagger = default_tagger()
    ids = {s.id for s in sector_taxonomy()}
    assert set(SPOKEN) <= ids and len(SPOKEN) >= 12
    for sector_id, words in SPOKEN.items():
        for word in words:
            assert tagger._sectors_of[word.lower()] == {sector_id}, word
            assert word.lower() not in tagger._weak, word


def test_derived_forms_do_not_change_what_counts_as_a_taxonomy_word() -> None:
    # entity rules ask is_sector_keyword ("HBM" is no organisation); derived and spoken
    # forms are not taxonomy words, so "Telecom" in "China Telecom" stays a name part
    assert is_sector_keyword("HBM") and is_sector_keyword("ICT")
    assert not is_sector_keyword("telecom") and not is_sector_keyword("chipmaker")


def test_a_sector_word_inside_a_ministry_name_is_no_evidence() -> None:
    assert _document("The Ministry of Science and ICT hosted the delegation.") == set()
    assert _document("韩国科学技术信息通信部代表团访问了北京。") == set()
    # the same word outside the name still counts
    assert _document("The Ministry of Science and ICT will fund ICT startups.") == {"ict_5g_6g"}


def test_cross_sector_words_get_no_derived_forms() -> None:
    # "supply-chain" in a chip headline would give its statement the materials sector in
    # place of the document's semiconductors (the demo's chip dialogue)
    assert english_forms("supply chain") == {"supply-chain"}
    assert _sentence("Think tanks urge a chip supply-chain dialogue.") == set()
    assert _sentence("Think tanks urge a chip supply chain dialogue.") == {
        "materials_parts_equipment"}
