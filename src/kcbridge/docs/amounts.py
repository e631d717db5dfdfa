"""Monetary amounts in English, Korean and Chinese, normalised to a number and an ISO
currency code (USD, KRW, CNY, EUR, JPY).

"$2.5 billion" -> 2.5e9 USD; "25억 달러" -> 2.5e9 USD; "3조 5000억원" -> 3.5e12 KRW;
"50亿美元" -> 5e9 USD; "1.2万亿韩元" -> 1.2e12 KRW; "300 million yuan" -> 3e8 CNY.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EN_SCALE = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9,
             "million": 1e6, "mn": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3}
_EN_CURRENCY = {"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD",
                "us dollars": "USD", "krw": "KRW", "won": "KRW", "₩": "KRW", "rmb": "CNY",
                "cny": "CNY", "yuan": "CNY", "renminbi": "CNY", "€": "EUR", "eur": "EUR",
                "euros": "EUR", "yen": "JPY", "jpy": "JPY"}
_KO_UNIT = {"조": 1e12, "억": 1e8, "만": 1e4, "천": 1e3}
_KO_CURRENCY = {"원": "KRW", "달러": "USD", "위안": "CNY", "엔": "JPY", "유로": "EUR"}
_ZH_UNIT = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
_ZH_CURRENCY = {"美元": "USD", "元人民币": "CNY", "人民币": "CNY", "元": "CNY", "韩元": "KRW",
                "欧元": "EUR", "日元": "JPY"}

_NUM = r"\d+(?:[.,]\d+)*"
_EN_PREFIX = re.compile(
    rf"(US\$|\$|USD|KRW|₩|RMB|CNY|€|EUR)\s?({_NUM})(?:\s?(trillion|billion|million|thousand|"
    r"bn|mn|tn|[mbk])\b)?", re.I)
_EN_SUFFIX = re.compile(
    rf"\b({_NUM})\s?(trillion|billion|million|thousand|bn|mn|tn)?\s?(US dollars|dollars|"
    r"won|yuan|renminbi|euros|yen)\b", re.I)
_KO = re.compile(
    rf"({_NUM})\s?(조|억|만|천)?(?:\s?({_NUM})\s?(억|만|천))?"
    r"\s?(원|달러|위안|엔|유로)"
)
_ZH = re.compile(rf"({_NUM})\s?(万亿|亿|万|千)?\s?(美元|元人民币|人民币|韩元|欧元|日元|元)")


@dataclass(frozen=True)
class AmountMention:
    start: int
    end: int
    text: str
    value: float
    currency: str

    @property
    def key(self) -> str:
        return f"{self.value:.0f} {self.currency}"


def _number(token: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token):
        token = token.replace(",", "")
    return float(token.replace(",", "."))


def find_amounts(text: str, lang: str) -> list[AmountMention]:
    """Monetary amounts in ``text`` (one language), left to right, no overlaps."""
    found: list[AmountMention] = []
    if lang == "en":
        for m in _EN_PREFIX.finditer(text):
            scale = _EN_SCALE.get((m.group(3) or "").lower(), 1.0)
            currency = _EN_CURRENCY[m.group(1).lower()]
            found.append(AmountMention(m.start(), m.end(), m.group(), _number(m.group(2)) * scale,
                                       currency))
        for m in _EN_SUFFIX.finditer(text):
            scale = _EN_SCALE.get((m.group(2) or "").lower(), 1.0)
            found.append(AmountMention(m.start(), m.end(), m.group(), _number(m.group(1)) * scale,
                                       _EN_CURRENCY[m.group(3).lower()]))
    elif lang == "ko":
        for m in _KO.finditer(text):
            value = _number(m.group(1)) * _KO_UNIT.get(m.group(2) or "", 1.0)
            if m.group(3):
                value += _number(m.group(3)) * _KO_UNIT[m.group(4)]
            found.append(AmountMention(m.start(), m.end(), m.group(), value,
                                       _KO_CURRENCY[m.group(5)]))
    elif lang == "zh":
        for m in _ZH.finditer(text):
            value = _number(m.group(1)) * _ZH_UNIT.get(m.group(2) or "", 1.0)
            found.append(AmountMention(m.start(), m.end(), m.group(), value,
                                       _ZH_CURRENCY[m.group(3)]))
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    out: list[AmountMention] = []
    for a in found:
        if not out or a.start >= out[-1].end:
            out.append(a)
    return out
