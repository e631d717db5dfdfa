"""Korea's ten strategic critical minerals (MOTIE, 2023-02-27: lithium, nickel, cobalt,
manganese, graphite and five rare earths) in their mineral and chemical forms are screened as
battery and magnet critical minerals, in three languages (twelfth session; manganese
sulphate had been seen unrecognised on the fresh12 set). A battery or a plated part is not a
mineral: the lithium terms are the ore, concentrate and salts, not "lithium-ion"."""

from __future__ import annotations

import pytest

from kcbridge.partners.controls import controlled_items


def _battery_terms(text: str) -> list[str]:
    return [c.term for c in controlled_items(text) if c.code == "battery_critical_minerals"]


@pytest.mark.parametrize(("text", "term"), [
    ("We supply battery-grade manganese sulphate to cathode makers.", "manganese sulphate"),
    ("Seeking offtake partners for spodumene concentrate from our mine.", "spodumene"),
    ("황산망간 안정 공급처를 찾습니다", "황산망간"),
    ("니켈 매트 가공 기술 협력", "니켈 매트"),
    ("寻求硫酸镍长期供应商", "硫酸镍"),
    ("高纯锰材料合作", "高纯锰"),
    ("cerium oxide polishing slurry", "cerium"),
])
def test_strategic_mineral_forms_are_named(text: str, term: str) -> None:
    assert _battery_terms(text) == [term]


@pytest.mark.parametrize("text", [
    "lithium-ion battery packs for e-bikes",
    "리튬이온 배터리 팩 유통",
    "镍氢电池回收",
])
def test_a_battery_is_not_a_mineral(text: str) -> None:
    assert _battery_terms(text) == []


@pytest.mark.parametrize(("text", "term"), [
    ("We design a quantum random number generator chip for IoT security modules.",
     "quantum random number generator"),
    ("QRNG modules for smartphone makers", "QRNG"),
    ("양자난수 생성 칩 공급", "양자난수"),
    ("寻求量子随机数芯片合作伙伴", "量子随机数"),
])
def test_quantum_random_number_generators_are_quantum_items(text: str, term: str) -> None:
    """Seen unrecognised on fresh12 ("random-number chips"); a quantum-security part is
    reviewed like the quantum category's other items (thirteenth session)."""
    assert [c.term for c in controlled_items(text) if c.code == "quantum"] == [term]


def test_a_random_number_generator_without_quantum_is_no_quantum_item() -> None:
    assert [c for c in controlled_items("a pseudo random number generator library for games")
            if c.code == "quantum"] == []
