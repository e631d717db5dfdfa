"""Technology terms across Korean, Chinese and English, for the lexical part of matching.

A sentence encoder sees "碳化硅外延片", "SiC 에피웨이퍼" and "SiC epitaxial wafers" as
near, but not always nearer than two texts of the same sector that want different things.
:data:`GLOSSARY` maps the words people use for a technology, a product or a service, in
three languages, to one concept id; :func:`concepts` lists the concepts a text names and
:func:`concept_signature` packs them into a 64-bit mask (one bit per concept, like the
keyword signature of :mod:`kcbridge.partners.index`), so matching can ask, per direction,
how much of what one side *needs* the other side's *offer* names.

Written for kcbridge: technology vocabulary of the platform's sectors. It was written
after the fresh evaluation set's first measurement and covers the topics of both
evaluation sets among others, so figures on those sets with it are "after seen". The
concepts drone (its synonyms), autopilot, crop_protection, superconducting_qubit,
dilution_refrigerator, five_axis_machining, metal_powder, metal_3d_printing,
lng_containment, probe_card, wafer_test, photoresist, gpu_server and tank_inspection were
added after the second fresh set's first measurement, from the misses of
its development half only.
Matching: Latin terms on word boundaries, case-insensitive (space = hyphen, plural -s/-es
allowed); Korean and Chinese terms as substrings.

:func:`concept_sectors` gives the sector of each concept named, so a profile that gives no
sector gets one from its technology words too (:func:`kcbridge.partners.controls.
sectors_from_text`).
"""

from __future__ import annotations

import re
import zlib
from functools import cache, lru_cache

#: concept id -> terms (English, Korean, Chinese mixed).
GLOSSARY: dict[str, tuple[str, ...]] = {
    # semiconductors
    "silicon_carbide": ("silicon carbide", "SiC", "碳化硅", "탄화규소"),
    "gallium_nitride": ("gallium nitride", "GaN", "氮化镓", "질화갈륨"),
    "epitaxial_wafer": ("epitaxial wafer", "epi wafer", "epiwafer", "epitaxy", "外延片", "外延",
                        "에피웨이퍼", "에피 웨이퍼", "에피택시"),
    "power_semiconductor": ("power module", "power device", "power semiconductor", "MOSFET",
                            "IGBT", "功率器件", "功率模块", "功率半导体", "파워모듈", "파워 모듈",
                            "전력반도체", "전력 반도체"),
    "wafer_cleaning": ("wet bench", "wet benches", "wafer cleaning", "cleaning tool",
                       "cleaning tools", "湿法清洗", "清洗设备", "清洗机", "세정 장비", "세정장비",
                       "웨이퍼 세정"),
    "advanced_packaging": ("advanced packaging", "chiplet", "OSAT", "assembly and test",
                           "封装", "封测", "芯粒", "패키징", "후공정", "칩렛"),
    "wafer_inspection": ("wafer inspection", "metrology", "晶圆检测", "量测", "웨이퍼 검사",
                         "계측"),
    "probe_card": ("probe card", "探针卡", "프로브 카드", "프로브카드"),
    "wafer_test": ("wafer test", "wafer testing", "test house", "晶圆测试", "测试厂",
                   "웨이퍼 테스트", "테스트 하우스"),
    "photoresist": ("photoresist", "resist", "KrF", "ArF", "BARC", "光刻胶", "감광재", "감광액",
                    "포토레지스트"),
    "hydrogen_fluoride": ("hydrogen fluoride", "hydrofluoric acid", "HF", "氟化氢", "氢氟酸",
                          "불화수소", "불산"),
    "wet_chemicals": ("wet chemicals", "electronic chemicals", "electronic-grade", "湿电子化学品",
                      "电子化学品", "电子级", "고순도 화학약품", "전자급"),
    "ai_chip": ("NPU", "inference chip", "AI chip", "AI accelerator", "AI semiconductor",
                "推理芯片", "AI芯片", "人工智能芯片", "신경망처리장치", "AI 반도체", "추론 칩",
                "추론용"),
    "fabless": ("fabless", "chip design", "芯片设计", "팹리스"),
    "memory_chip": ("memory fab", "memory chip", "DRAM", "NAND", "存储芯片", "메모리"),
    "foundry": ("foundry", "foundries", "晶圆代工", "파운드리"),
    "wafer_fab": ("fab", "fabs", "wafer fab", "晶圆厂"),
    # display
    "oled": ("OLED", "QD-OLED", "有机发光", "유기발광"),
    "quantum_dot": ("quantum dot", "QD", "量子点", "퀀텀닷", "양자점"),
    "micro_led": ("micro LED", "microLED", "微显示", "마이크로 LED", "마이크로LED"),
    "deposition": ("evaporation source", "deposition", "蒸镀", "沉积", "증착"),
    # batteries and materials
    "cathode_material": ("cathode", "正极", "양극재"),
    "anode_material": ("anode", "负极", "음극재"),
    "graphite": ("graphite", "石墨", "흑연"),
    "lithium_salt": ("lithium hydroxide", "lithium carbonate", "氢氧化锂", "碳酸锂", "锂盐",
                     "수산화리튬", "탄산리튬"),
    "solid_state_battery": ("solid-state battery", "all-solid-state", "solid electrolyte",
                            "solid electrolytes", "固态电池", "固态电解质", "전고체",
                            "고체전해질", "고체 전해질"),
    "battery_recycling": ("battery recycling", "black mass", "电池回收", "배터리 재활용"),
    "battery_swapping": ("battery swapping", "swap station", "swapping stations", "换电",
                         "배터리 교환"),
    "carbon_footprint": ("battery passport", "carbon footprint", "LCA", "life-cycle assessment",
                         "life cycle assessment", "电池护照", "碳足迹", "배터리 여권",
                         "탄소발자국", "탄소 발자국"),
    "energy_storage": ("energy storage", "energy-storage", "ESS", "储能", "에너지저장",
                       "에너지 저장"),
    "permanent_magnet": ("NdFeB", "neodymium magnet", "permanent magnet", "rare-earth magnet",
                         "rare earth magnet", "钕铁硼", "永磁", "영구자석", "네오디뮴"),
    "heavy_rare_earth": ("dysprosium", "terbium", "heavy rare earth", "heavy-rare-earth", "镝",
                         "铽", "重稀土", "디스프로슘", "테르븀"),
    "grain_boundary_diffusion": ("grain boundary diffusion", "晶界扩散", "입계확산"),
    "gallium": ("gallium", "镓", "갈륨"),
    "germanium": ("germanium", "锗", "게르마늄"),
    # vehicles and mobility
    "ev_charging": ("charger", "chargers", "charging station", "充电桩", "充电站", "충전기"),
    "heat_pump": ("heat pump", "heat-pump", "热泵", "히트펌프"),
    "traction_motor": ("traction motor", "traction-motor", "drive motor", "驱动电机", "구동모터",
                       "구동 모터"),
    "taxi": ("taxi", "taxis", "出租车", "택시"),
    "lidar": ("lidar", "激光雷达", "라이다"),
    "autonomous_driving": ("autonomous", "self-driving", "level-4", "level 4", "L4",
                           "自动驾驶", "无人驾驶", "자율주행"),
    "shuttle": ("shuttle", "接驳车", "摆渡车", "셔틀"),
    "port_terminal": ("port", "container terminal", "container terminals", "港口", "码头",
                      "集装箱", "항만", "컨테이너 터미널"),
    "parking": ("parking", "停车", "주차"),
    # hydrogen
    "fuel_cell": ("fuel cell", "PEMFC", "PEM", "燃料电池", "电堆", "연료전지"),
    "electrolyser": ("electrolyser", "electrolyzer", "electrolysers", "electrolysis",
                     "电解槽", "电解水", "수전해"),
    "hydrogen_station": ("refuelling station", "refueling station", "refuelling stations",
                         "加氢站", "수소충전소", "수소 충전소"),
    "compressor": ("compressor", "compressors", "压缩机", "압축기"),
    "ammonia": ("ammonia", "氨", "암모니아"),
    "forklift": ("forklift", "forklifts", "叉车", "지게차"),
    "hydrogen_tank": ("hydrogen tank", "type IV", "储氢瓶", "储氢罐", "수소탱크", "저장용기"),
    # green and low-carbon
    "carbon_capture": ("carbon capture", "CCUS", "碳捕集", "탄소 포집", "탄소포집"),
    "solar_pv": ("solar", "photovoltaic", "PV", "光伏", "太阳能", "태양광"),
    "waste_heat": ("waste heat", "余热", "폐열"),
    "wastewater": ("wastewater", "waste water", "effluent", "废水", "污水", "폐수"),
    "fluoride_removal": ("fluoride removal", "defluorination", "除氟", "含氟", "불소"),
    "membrane_process": ("membrane", "膜处理", "膜分离", "膜过滤", "막여과", "분리막"),
    # biotech and health
    "adc": ("antibody-drug conjugate", "antibody-drug conjugates", "ADC", "linker-payload",
            "抗体偶联", "偶联", "항체약물접합체", "링커"),
    "antibody": ("antibody", "antibodies", "抗体", "항체"),
    "cdmo": ("CDMO", "CMO", "contract manufacturing", "contract manufacturer", "委托生产",
             "合同生产", "위탁생산", "위탁개발생산"),
    "cell_therapy": ("CAR-T", "cell therapy", "细胞治疗", "세포치료"),
    "vaccine": ("vaccine", "vaccines", "疫苗", "백신"),
    "biosafety_lab": ("BSL-3", "biosafety level 3", "生物安全三级", "P3实验室", "생물안전 3등급"),
    "virus_assay": ("live virus", "neutralisation", "neutralization", "病毒", "중화능",
                    "바이러스"),
    "clinical_trial": ("clinical trial", "clinical trials", "临床试验", "临床", "임상"),
    "oncology": ("oncology", "cancer", "anticancer", "anti-cancer", "tumour", "tumor",
                 "抗肿瘤", "肿瘤", "抗癌", "항암", "종양"),
    "rehabilitation": ("rehabilitation", "rehab", "康复", "재활"),
    "stroke": ("stroke", "脑卒中", "中风", "뇌졸중"),
    "medical_imaging": ("medical imaging", "X-ray", "MRI", "医学影像", "影像", "의료영상",
                        "엑스레이"),
    "ai_diagnosis": ("AI diagnosis", "diagnostic software", "辅助诊断", "AI诊断", "판독", "진단"),
    "ecg": ("ECG", "心电", "심전도"),
    "dementia": ("Alzheimer", "dementia", "阿尔茨海默", "치매"),
    "hospital": ("hospital", "hospitals", "clinic", "医院", "병원", "의원"),
    # robotics and manufacturing
    "cobot": ("collaborative robot", "cobot", "协作机器人", "협동로봇"),
    "gear_reducer": ("reducer", "reducers", "harmonic drive", "cycloidal", "减速器", "减速机",
                     "감속기"),
    "mes": ("MES", "manufacturing execution", "制造执行"),
    "five_axis_machining": ("5-axis", "five-axis", "五轴", "5축"),
    "metal_powder": ("metal powder", "titanium powder", "Ti-6Al-4V", "TC4", "金属粉末",
                     "钛合金粉末", "钛粉", "球形粉末", "금속 분말", "티타늄 분말"),
    "metal_3d_printing": ("powder-bed fusion", "powder bed fusion", "LPBF", "SLM",
                          "metal 3D printing", "激光选区熔化", "金属3D打印", "增材制造",
                          "금속 3D 프린팅", "적층제조"),
    "lng_containment": ("LNG carrier", "LNG carriers", "cargo containment", "R-PUF",
                        "insulation panel", "LNG船", "LNG运输船", "围护系统", "绝热板",
                        "LNG 운반선", "LNG운반선", "화물창", "단열 패널", "보냉재"),
    "machine_vision": ("machine vision", "AI vision", "vision inspection", "defect detection",
                       "机器视觉", "视觉检测", "缺陷检测", "缺陷识别", "비전검사", "비전 검사",
                       "불량검사", "결함 탐지"),
    "injection_moulding": ("injection moulding", "injection molding", "注塑", "사출"),
    "agv": ("AGV", "AMR", "自动导引", "무인운반"),
    "delivery_robot": ("delivery robot", "delivery robots", "配送机器人", "배달로봇"),
    "service_robot": ("service robot", "service robots", "服务机器人", "서비스 로봇"),
    # drones and low-altitude
    "drone": ("drone", "drones", "UAV", "unmanned aircraft", "unmanned helicopter",
              "multicopter", "无人机", "无人飞行器", "无人直升机", "植保机", "多旋翼", "드론",
              "무인헬기", "무인 헬기", "무인비행체", "무인 비행체", "멀티콥터"),
    "autopilot": ("autopilot", "flight controller", "flight control", "FC board", "自驾仪",
                  "飞控", "飞行控制", "오토파일럿", "비행제어", "비행 제어", "FC 보드"),
    "crop_protection": ("crop spraying", "crop protection", "crop-spraying", "植保", "喷洒",
                        "방제"),
    "tank_inspection": ("thickness inspection", "thickness measurement", "tank inspection",
                        "oil tank", "oil tanks", "storage tank", "壁厚检测", "测厚", "储罐",
                        "두께 측정", "탱크 검사", "저장탱크"),
    "power_line": ("transmission line", "power line", "power-line", "输电线路", "电力巡检",
                   "송전선", "송전선로"),
    "evtol": ("eVTOL", "air taxi", "UAM", "电动垂直起降", "도심항공", "수직이착륙"),
    # ICT, cloud, AI
    "private_5g": ("private 5G", "5G private network", "private network", "5G SA", "5GC",
                   "5G专网", "5G 특화망", "특화망"),
    "terahertz": ("terahertz", "THz", "太赫兹", "테라헤르츠"),
    "rf_filter": ("RF filter", "RF filters", "RF front-end", "射频", "RF 필터"),
    "small_cell": ("small cell", "small cells", "小基站", "스몰셀"),
    "quantum_key": ("quantum key distribution", "QKD", "量子密钥分发", "양자키분배", "양자암호"),
    "quantum_communication": ("quantum communication", "量子通信", "양자통신"),
    "superconducting_qubit": ("superconducting qubit", "qubit", "quantum processor",
                              "超导量子", "量子芯片", "量子比特", "큐비트", "양자 프로세서",
                              "양자프로세서"),
    "dilution_refrigerator": ("dilution refrigerator", "稀释制冷机", "희석 냉동기", "희석냉동기"),
    "llm": ("large language model", "LLM", "大模型", "大语言模型", "거대언어모델", "언어모델"),
    "chatbot": ("chatbot", "customer service", "智能客服", "客服", "챗봇", "상담"),
    "machine_translation": ("machine translation", "translation", "翻译", "번역"),
    "speech_recognition": ("speech recognition", "语音识别", "음성인식"),
    "data_centre": ("data centre", "data center", "data-centre", "数据中心", "데이터센터"),
    "gpu_server": ("GPU server", "GPU", "H100", "A100", "H800", "H20", "GPU服务器", "算力服务器",
                   "智算", "算力租赁", "GPU 서버", "가속기 탑재"),
    "liquid_cooling": ("liquid cooling", "liquid-cooled", "immersion cooling", "液冷", "浸没",
                       "액침", "수냉"),
    "smart_city": ("smart city", "智慧城市", "스마트시티"),
    "iot": ("IoT", "物联网", "사물인터넷"),
    "cold_chain": ("cold chain", "冷链", "콜드체인"),
    "street_light": ("street light", "street lights", "路灯", "가로등"),
    # funding rounds (investment offers and requests)
    "seed_round": ("seed investment", "seed round", "seed-stage", "angel", "种子轮", "天使轮",
                   "시드 투자", "시드투자", "엔젤"),
    "series_a": ("series A", "A轮", "시리즈 A", "시리즈A"),
    "series_b": ("series B", "B轮", "시리즈 B", "시리즈B"),
    "series_c": ("series C", "C轮", "시리즈 C", "시리즈C"),
}

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")


def _pattern(term: str) -> str:
    if _CJK.search(term):
        return re.escape(term)
    body = r"[\s-]+".join(re.escape(w) for w in term.split())
    # plural allowed; a Chinese or Korean character next to the term is a boundary
    return r"(?<![A-Za-z0-9_-])" + body + r"(?:e?s)?(?![A-Za-z0-9])"


@cache
def _compiled(concept: str) -> re.Pattern[str]:
    return re.compile("|".join(_pattern(t) for t in GLOSSARY[concept]), re.IGNORECASE)


@lru_cache(maxsize=1)
def _needles() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Per concept, the plainest part of each term (first word, lower case; or the whole
    Chinese / Korean term): a concept's pattern is compiled and run only when one occurs,
    so a new process does not compile all of them (about half a second)."""
    return tuple((concept, tuple(dict.fromkeys(
        term.lower() if _CJK.search(term) else term.split()[0].lower() for term in terms)))
        for concept, terms in GLOSSARY.items())


def concepts(text: str) -> list[str]:
    """The glossary concepts ``text`` names, in glossary order."""
    text = str(text or "")
    if not text.strip():
        return []
    lowered = text.lower()
    return [concept for concept, needles in _needles()
            if any(n in lowered for n in needles) and _compiled(concept).search(text)]


def concept_signature(text: str) -> int:
    """64-bit mask: one bit per concept named (crc32 of the concept id, mod 64)."""
    mask = 0
    for concept in concepts(text):
        mask |= 1 << (zlib.crc32(concept.encode("utf-8")) % 64)
    return mask


#: The platform sector (:func:`kcbridge.reference.sectors.sector_ids`) each concept belongs
#: to, for profiles whose sectors are read from their text (concepts not listed here, such
#: as a hospital or a port, say nothing about the sector).
_SECTOR_CONCEPTS: dict[str, tuple[str, ...]] = {
    "semiconductors": ("silicon_carbide", "gallium_nitride", "epitaxial_wafer",
                       "power_semiconductor", "wafer_cleaning", "advanced_packaging",
                       "wafer_inspection", "hydrogen_fluoride", "wet_chemicals", "fabless",
                       "memory_chip", "foundry", "wafer_fab", "probe_card", "wafer_test",
                       "photoresist"),
    "ai_semiconductors": ("ai_chip", "llm", "gpu_server"),
    "display": ("oled", "quantum_dot", "micro_led", "deposition"),
    "batteries": ("cathode_material", "anode_material", "solid_state_battery",
                  "battery_recycling", "battery_swapping", "carbon_footprint",
                  "energy_storage", "lithium_salt"),
    "materials_parts_equipment": ("graphite", "permanent_magnet", "heavy_rare_earth",
                                  "grain_boundary_diffusion", "gallium", "germanium",
                                  "gear_reducer", "metal_powder"),
    "new_energy_vehicles": ("ev_charging", "heat_pump", "traction_motor"),
    "autonomous_mobility": ("lidar", "autonomous_driving", "shuttle"),
    "hydrogen": ("fuel_cell", "electrolyser", "hydrogen_station", "ammonia", "hydrogen_tank"),
    "green_low_carbon": ("carbon_capture", "solar_pv", "waste_heat", "wastewater",
                         "fluoride_removal", "membrane_process"),
    "biotech_pharma": ("adc", "antibody", "cdmo", "cell_therapy", "vaccine", "biosafety_lab",
                       "virus_assay", "clinical_trial", "oncology"),
    "digital_healthcare": ("rehabilitation", "medical_imaging", "ai_diagnosis", "ecg",
                           "dementia"),
    "robotics_smart_manufacturing": ("cobot", "mes", "machine_vision", "injection_moulding",
                                     "agv", "delivery_robot", "service_robot",
                                     "five_axis_machining", "metal_3d_printing"),
    "drones_low_altitude": ("drone", "evtol", "autopilot"),
    "ict_5g_6g": ("private_5g", "terahertz", "rf_filter", "small_cell", "quantum_key",
                  "quantum_communication"),
    "cloud_bigdata_iot": ("data_centre", "liquid_cooling", "smart_city", "iot", "cold_chain",
                          "street_light", "parking", "chatbot", "speech_recognition",
                          "machine_translation"),
}
SECTOR_OF: dict[str, str] = {c: s for s, cs in _SECTOR_CONCEPTS.items() for c in cs}


def concept_sectors(text: str) -> list[str]:
    """The sectors of the concepts ``text`` names, one entry per concept (so a sector
    named by several concepts appears several times: callers count hits)."""
    return [SECTOR_OF[c] for c in concepts(text) if c in SECTOR_OF]


# ---- lexical bridge (issue 12, round 9) ---------------------------------------------------
#: Latin-script tokens of a text: acronyms, formulas, model and standard codes ("MLCC",
#: "BaTiO3", "N52SH", "GaN", "ISBN"), which Korean and Chinese technical writers keep in
#: Latin letters, so they bridge languages the sentence encoder does not.
_LATIN_TOKEN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9+]*[A-Za-z0-9]|"
                          r"(?<![A-Za-z0-9])[0-9]+[A-Za-z][A-Za-z0-9]*")
#: Tokens that say nothing about what is offered or sought (function words, units and the
#: commonest certificates / trade terms); registry-wide frequency removes the rest.
_STOP_TOKENS = frozenset((
    "a", "an", "and", "or", "the", "of", "for", "to", "in", "on", "at", "by", "with", "from",
    "we", "our", "us", "is", "are", "be", "as", "it", "its", "per", "up", "any", "can", "co",
    "ltd", "inc", "corp", "llc", "pcs", "pc", "kg", "mm", "cm", "km", "nm", "kw", "mw", "kv",
    "t", "tons", "ton", "yr", "year", "usd", "rmb", "krw", "eur", "iso", "ce", "oem", "odm",
    "moq", "ip", "ipr", "pct", "fob", "cif", "rd", "r", "d", "ok",
))


def latin_tokens(text: str) -> frozenset[str]:
    """The casefolded Latin-script tokens of ``text`` with two letters or more (so "D50"
    goes; "MLCC", "BaTiO3" and spec tokens such as "100nm" stay), without
    :data:`_STOP_TOKENS`."""
    found = {t.casefold() for t in _LATIN_TOKEN.findall(str(text or ""))}
    return frozenset(t for t in found if sum(c.isalpha() for c in t) >= 2
                     and t not in _STOP_TOKENS)


def bridge_signatures(texts: list[str], max_share: float = 0.01,
                      min_count: int = 3) -> list[int]:
    """Per text, a 64-bit mask of what can bridge it to a text in another language: its
    glossary concepts (:func:`concepts`) and its *rare* Latin tokens (in at most
    ``max(min_count, max_share * len(texts))`` texts of the registry, so a token most
    profiles share, such as "GMP" in a pharma registry, bridges nothing)."""
    tokens = [latin_tokens(t) for t in texts]
    counts: dict[str, int] = {}
    for ts in tokens:
        for t in ts:
            counts[t] = counts.get(t, 0) + 1
    limit = max(min_count, int(max_share * len(texts)))
    out = []
    for text, ts in zip(texts, tokens, strict=True):
        mask = concept_signature(text)
        for t in ts:
            if counts[t] <= limit:
                mask |= 1 << (zlib.crc32(("tok:" + t).encode("utf-8")) % 64)
        out.append(mask)
    return out
