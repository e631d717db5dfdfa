"""The words the sector tagger looks for, beyond the taxonomy's keyword lists.

Why: the taxonomy (``reference/data/sectors.yaml``) lists keywords as policy papers write
them ("lithium-ion battery", "decarbonisation", "optical fibre", "pharmaceuticals"). People
in interviews and speeches say the same things in other forms: in the singular or the
plural ("a pharmaceutical company", "cell therapies"), as an adjective ("robotic arms"), in
American spelling ("decarbonization", "optical fiber", "electrolyzer"), as a compound agent
noun ("chipmakers", "drugmakers") or in everyday words ("renewables", "telecom", "electric
cars", 电动车). The taxonomy's own names also hold several keywords in one string
("신에너지차(친환경차)", "로봇·스마트 제조", "机器人与智能制造"), which never occur as written.

This module derives those forms from the taxonomy by general rules (:func:`english_forms`,
:func:`name_parts`) and adds a short list of spoken forms (:data:`SPOKEN`). Every spoken
form names one sector unambiguously; words that every sector uses ("supply chain",
"innovation", "cooperation") are not here, and the tagger derives no forms of its
cross-sector words. The taxonomy file itself is left alone: it is shared with the partner
profile reader, which reads formal profile text.
"""

from __future__ import annotations

import re

#: Spoken and everyday forms per sector (English, Korean, Chinese), each unambiguous. Forms a
#: taxonomy word already covers are not repeated ("battery makers" is found by "battery",
#: 로봇 산업 by 로봇, AI大模型 by "AI"); plurals and American spellings are derived.
SPOKEN: dict[str, tuple[str, ...]] = {
    "ai_semiconductors": ("chatbot",),
    "semiconductors": (
        "chipmaker", "chipmaking", "chip industry", "chip design", "chip designer",
        "chip plant", "chip factory", "chip production", "chip manufacturing", "memory maker",
        "wafer fab", "메모리", "晶圆厂",
    ),
    "display": ("oled panel", "lcd panel", "panel production", "显示屏"),
    "batteries": ("cell maker", "cathode", "anode", "lithium-ion", "锂电", "电池企业"),
    "new_energy_vehicles": (
        "electric car", "e-mobility", "electric truck", "zero-emission vehicle", "ev charging",
        "신에너지 자동차", "전기트럭", "电动车",
    ),
    "green_low_carbon": (
        "renewables", "greenhouse gas", "emissions reduction", "carbon emissions",
        "energy transition", "clean power", "solar power", "solar panel", "wind farm",
        "carbon-neutral", "청정에너지", "친환경 에너지", "온실가스", "绿色发展",
    ),
    "biotech_pharma": (
        "pharma", "drugmaker", "drug maker", "drug developer", "drug discovery",
        "life sciences", "bio industry", "biohealth", "bio-health", "医药企业", "生物产业",
    ),
    "digital_healthcare": ("medical equipment", "health tech", "healthtech", "의료 기기"),
    "robotics_smart_manufacturing": ("humanoid",),
    "autonomous_mobility": ("driverless", "autonomous car", "무인 자동차"),
    "drones_low_altitude": ("unmanned aircraft",),
    "ict_5g_6g": ("telecom", "mobile carrier", "wireless network", "电信"),
    "cloud_bigdata_iot": ("cloud service",),
    "digital_economy": ("online shopping",),
}

#: English words that are not keywords on their own when a name is split into parts.
_GENERIC_PARTS = {
    "materials", "parts", "equipment", "industry", "economy", "digital", "smart",
    "and", "the", "new", "green", "材料", "装备", "设备",
}
#: British -> American spellings (the taxonomy is written in British English).
_SPELLINGS = (
    ("isation", "ization"), ("iser", "izer"), ("yser", "yzer"), ("centre", "center"),
    ("fibre", "fiber"), ("metre", "meter"), ("elling", "eling"),
)


def english_forms(word: str) -> set[str]:
    """Other English forms of a lower-case keyword: the singular of a plural (the singular
    of "robotics" is the adjective "robotic"), the plural of a final -y, and the American
    spelling of a British one, a two-word compound with a hyphen or a space in place of
    the other, and a list of three with and without the serial comma ("materials, parts and
    equipment" is also written "Materials, Parts, and Equipment"). Acronyms and non-Latin
    words have none."""
    if not word.isascii() or len(word) < 4 or not re.search(r"[a-z]", word):
        return set()
    forms: set[str] = set()
    head, _, last = word.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last.endswith("ies") and len(last) > 4:
        forms.add(prefix + last[:-3] + "y")
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")) and len(last) > 4:
        forms.add(prefix + last[:-1])
    if last.endswith("y") and len(last) > 3 and last[-2] not in "aeiou":
        forms.add(prefix + last[:-1] + "ies")
    if re.search(r"\w, \w[\w -]* and \w", word):  # a list of three: with the serial comma
        forms.add(re.sub(r" and (?=[\w-]+$)", ", and ", word))  # "materials, parts, and ..."
    elif ", and " in word:
        forms.add(word.replace(", and ", " and "))
    if "-" in word:  # "new-energy vehicle" is also written "new energy vehicle"
        forms.add(word.replace("-", " "))
    elif word.count(" ") == 1:  # "fuel cell" is also written "fuel-cell"
        forms.add(word.replace(" ", "-"))
    for british, american in _SPELLINGS:
        if re.search(rf"{british}(?=\b|s\b)", word):
            forms.add(re.sub(rf"{british}(?=\b|s\b)", american, word))
    forms.discard(word)
    return forms


_SPLIT = re.compile(r"\s*(?:[()（）·、/,，]|\s与\s|与|\s및\s|\sand\s)\s*")


def name_parts(name: str) -> list[str]:
    """Keywords hidden in a taxonomy name: "신에너지차(친환경차)" -> 신에너지차, 친환경차;
    "로봇·스마트 제조" -> 로봇, 스마트 제조; "机器人与智能制造" -> 机器人, 智能制造;
    "Digital healthcare (medical devices)" -> digital healthcare, medical devices. Parts
    that are generic English words ("materials", "parts") are left out."""
    parts = []
    for part in _SPLIT.split(name.strip()):
        part = part.strip().lower().removeprefix("the ")
        if len(part) < 2 or part in _GENERIC_PARTS or part == name.strip().lower():
            continue
        if part.isascii() and len(part) < 3 and not part[0].isdigit():
            continue
        parts.append(part)
    return parts
