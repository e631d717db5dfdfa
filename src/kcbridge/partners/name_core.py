"""The distinctive part of an organisation's name, comparable across scripts and languages.

People write the same firm as "深圳飞跃航空科技有限公司", "Shenzhen Feiyue Aviation Technology
Co., Ltd." (place in pinyin, trade words translated) or "대양특수합금 주식회사" and "Daeyang
Special Alloys": the keys of :mod:`kcbridge.partners.names` compare whole names, so a name
whose trade words were translated is never found. ``core_keys(name)`` removes legal forms,
leading place names and trailing trade words (technology, aviation, materials, special
alloys ... in English, Chinese and Korean; and in katakana for Japanese names) and gives
what is left in Latin letters (pinyin of Chinese, Revised Romanisation of Korean, Hepburn
of kana): ``feiyue``, ``daeyang``, ``itochu`` (イトチュウアビエーション).

A shared core is not proof (many firms are called 대양 / "ocean"): the screener lists it for
review (amber, "check whether it is the same organisation"), never as a list hit. Cores
under ``MIN_CORE_LENGTH`` letters are not used.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kcbridge.partners.names import (
    HAN_LEGAL_FORMS,
    HANGUL_LEGAL_FORMS,
    KANA_LEGAL_FORMS,
    ROMAN_LEGAL_FORMS,
    _strip_affixes,
    _strip_hangul_forms,
    _strip_latin,
    fold,
    pinyin,
    to_simplified,
)
from kcbridge.partners.romanize import is_kana, romanize_hangul, romanize_kana, to_katakana

MIN_CORE_LENGTH = 5

#: Trade words, one concept per row in English (tokens), Chinese and Korean.
_TRADE_WORDS: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (("technology", "technologies", "tech", "technical"), ("科技", "技术", "高科技"),
     ("테크놀로지", "테크", "기술", "과학기술")),
    (("aviation", "aeronautics", "aerospace"), ("航空", "航天", "航空航天"), ("항공", "우주항공")),
    (("materials", "material"), ("新材料", "材料"), ("신소재", "소재", "재료")),
    (("special", "specialty"), ("特种", "特殊"), ("특수",)),
    (("alloys", "alloy", "metals", "metal"), ("合金", "金属"), ("합금", "금속")),
    (("electronics", "electronic", "electric", "electrical"), ("电子", "电气", "电器", "电机"),
     ("전자", "전기")),
    (("semiconductor", "semiconductors"), ("半导体",), ("반도체",)),
    (("industry", "industries", "industrial"), ("工业", "实业", "产业"), ("산업", "공업")),
    (("precision",), ("精密",), ("정밀",)),
    (("smart", "intelligent"), ("智能", "智造"), ("스마트",)),
    (("medical", "healthcare"), ("医疗", "医药"), ("메디칼", "메디컬", "의료")),
    (("chemical", "chemicals", "chem"), ("化工", "化学"), ("화학", "케미칼")),
    (("energy", "power"), ("能源", "动力", "电力"), ("에너지", "파워")),
    (("equipment", "machinery", "machine", "machines"), ("装备", "设备", "机械"),
     ("장비", "기계")),
    (("manufacturing",), ("制造",), ("제조",)),
    (("trading", "trade"), ("贸易", "商贸"), ("무역", "상사")),
    (("bio", "biotech", "biotechnology", "pharma", "pharmaceutical"), ("生物", "制药"),
     ("바이오", "제약")),
    (("photonics", "optics", "optical", "optoelectronics"), ("光电", "光学"), ("광학", "포토닉스")),
    (("information", "software", "network", "networks", "systems", "system", "solutions"),
     ("信息", "软件", "网络", "系统"), ("정보", "소프트웨어", "시스템", "솔루션")),
    (("automotive", "motors", "auto"), ("汽车",), ("자동차", "모터스")),
    (("new", "advanced", "international", "global", "holdings", "holding", "science",
      "development", "engineering", "robotics", "drone", "drones", "devices"),
     ("国际", "控股", "发展", "工程", "机器人", "无人机", "器件"),
     ("글로벌", "홀딩스", "엔지니어링", "로보틱스", "드론")),
)
#: Trade words written in katakana (Japanese firm names), longest first when used.
_KANA_TRADE_WORDS: tuple[str, ...] = (
    "テクノロジー", "テクノロジーズ", "テック", "アビエーション", "エアロスペース", "マテリアル",
    "マテリアルズ", "エレクトロニクス", "デンキ", "デンシ", "セミコンダクター", "インダストリー",
    "インダストリーズ", "コウギョウ", "サンギョウ", "セイミツ", "ケミカル", "カガク", "エナジー",
    "キカイ", "マシナリー", "セイサクショ", "トレーディング", "ショウジ", "バイオ", "ファーマ",
    "システム", "システムズ", "ソリューションズ", "ソフトウェア", "ジドウシャ", "モーターズ",
    "ホールディングス", "グローバル", "インターナショナル", "エンジニアリング", "ロボティクス",
    "ドローン", "デバイス",
)
_KANA_TRADE = tuple(sorted(set(_KANA_TRADE_WORDS), key=len, reverse=True))
_LATIN_TRADE = {w for row in _TRADE_WORDS for w in row[0]}
_HAN_TRADE = tuple(sorted({w for row in _TRADE_WORDS for w in row[1]}, key=len, reverse=True))
_HANGUL_TRADE = tuple(sorted({w for row in _TRADE_WORDS for w in row[2]}, key=len,
                             reverse=True))

#: Place names that open firm names (provinces, large cities; Korea's cities), in pinyin /
#: English, Chinese and Korean.
_PLACES_HAN = (
    "北京", "上海", "天津", "重庆", "深圳", "广州", "杭州", "苏州", "南京", "无锡", "常州",
    "宁波", "合肥", "武汉", "成都", "西安", "厦门", "青岛", "大连", "沈阳", "长沙", "郑州",
    "济南", "福州", "东莞", "佛山", "珠海", "南通", "嘉兴", "绍兴", "广东", "江苏", "浙江",
    "山东", "福建", "安徽", "湖北", "湖南", "四川", "陕西", "河北", "河南", "辽宁", "吉林",
    "江西", "广西", "云南", "贵州", "山西", "内蒙古", "黑龙江", "中国", "香港", "台湾",
)
_PLACES_HANGUL = (
    "서울", "부산", "인천", "대구", "대전", "광주", "울산", "세종", "경기", "창원", "포항",
    "청주", "천안", "한국", "코리아",
)
_PLACES_LATIN = {
    "beijing", "shanghai", "tianjin", "chongqing", "shenzhen", "guangzhou", "hangzhou",
    "suzhou", "nanjing", "wuxi", "changzhou", "ningbo", "hefei", "wuhan", "chengdu", "xian",
    "xiamen", "qingdao", "dalian", "shenyang", "changsha", "zhengzhou", "jinan", "fuzhou",
    "dongguan", "foshan", "zhuhai", "nantong", "guangdong", "jiangsu", "zhejiang", "shandong",
    "fujian", "anhui", "hubei", "hunan", "sichuan", "shaanxi", "hebei", "henan", "liaoning",
    "jilin", "jiangxi", "guangxi", "yunnan", "guizhou", "shanxi", "china", "hongkong",
    "taiwan", "seoul", "busan", "incheon", "daegu", "daejeon", "gwangju", "ulsan", "sejong",
    "gyeonggi", "changwon", "pohang", "cheongju", "cheonan", "korea", "korean", "chinese",
}


def _strip_words(text: str, words: tuple[str, ...], places: tuple[str, ...]) -> str:
    changed = True
    while changed:
        changed = False
        for place in places:
            if text.startswith(place) and len(text) > len(place):
                text, changed = text[len(place):], True
        for word in words:
            if text.endswith(word) and len(text) > len(word):
                text, changed = text[: -len(word)], True
                break
    return text


@lru_cache(maxsize=65536)
def core_keys(name: str) -> frozenset[str]:
    """The distinctive parts of ``name`` in Latin letters (see the module docstring)."""
    text = _strip_hangul_forms(fold(name or ""))
    out: set[str] = set()
    han = "".join(re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+", text))
    hangul = "".join(re.findall(r"[\uac00-\ud7a3]+", text))
    latin = [t for t in re.split(r"[^a-z0-9]+", text) if t]
    kana = "".join(ch for ch in text if is_kana(ch))
    if kana and to_simplified(han) in HAN_LEGAL_FORMS:
        han = ""  # a kana name with a kanji legal form (テラドローン株式会社)
    if han:
        core = _strip_words(_strip_affixes(to_simplified(han), HAN_LEGAL_FORMS), _HAN_TRADE,
                            _PLACES_HAN)
        out.add(re.sub(r"[^a-z0-9]", "", pinyin(core)))
    if hangul:
        core = _strip_words(_strip_affixes(hangul, HANGUL_LEGAL_FORMS), _HANGUL_TRADE,
                            _PLACES_HANGUL)
        out.add(re.sub(r"[^a-z0-9]", "", romanize_hangul(core)))
    if kana and not han and not hangul and not latin:
        core = _strip_words(_strip_affixes(to_katakana(kana), KANA_LEGAL_FORMS), _KANA_TRADE, ())
        out.add(re.sub(r"[^a-z0-9]", "", romanize_kana(core)))
    if latin and not han and not hangul and not kana:
        tokens = [t for t in _strip_latin(latin) if t not in _PLACES_LATIN]
        while len(tokens) > 1 and tokens[-1] in _LATIN_TRADE:
            tokens = tokens[:-1]
        out.add("".join(tokens))
    # a name written only as a legal form in characters has no core
    return frozenset(k for k in out if len(k) >= MIN_CORE_LENGTH and k not in ROMAN_LEGAL_FORMS)
