"""Organisation names across scripts: legal forms, Chinese/Korean readings, romanisation.

``name_keys(name)`` turns one written name into a small set of comparable keys, each
tagged with its kind:

- ``latin``: Latin letters and digits, accents folded, lower case, punctuation and
  legal forms (Co., Ltd., Inc., Corp., GmbH, AG ...) removed, no spaces
  (``"Sumitomo Heavy Industries, Ltd."`` -> ``"sumitomoheavyindustries"``).
- ``han``: Chinese characters in one canonical form: Japanese shinjitai and traditional
  characters are mapped to simplified (OpenCC ``jp2t`` then ``t2s``), legal forms
  (有限公司, 股份有限公司, 集团, 株式会社, 公司 ...) removed (``華為技術有限公司`` -> ``华为技术``).
- ``hangul``: the Sino-Korean (hanja) reading of the Chinese characters (``华为技术`` ->
  ``화위기술``), or the hangul name itself with Korean legal forms (주식회사, ㈜, (주) ...)
  removed; both with the initial-sound rule (두음법칙) neutralised so 락/낙, 리/이 compare
  equal.
- ``roman``: pinyin of the Chinese characters, or the Revised Romanisation of the hangul
  (``华为`` -> ``huawei``, ``삼성전자`` -> ``samseongjeonja``); compared against
  ``latin`` keys, so a Chinese firm listed as "Huawei" is found from 华为.
- ``kana``: a name written in Japanese kana (a kanji legal form such as 株式会社 aside),
  in katakana, legal forms removed (``すばる株式会社`` -> ``スバル``); and ``kana_roman``,
  its Hepburn romanisation without macrons (``スバル`` -> ``subaru``,
  ``トウキョウ`` -> ``tokyo``), compared against ``latin`` keys. Hepburn drops long
  vowels and a katakana loanword is not spelled as in English (テラドローン ->
  ``teradoron``, "Terra Drone"), so screening lists a ``kana_roman`` hit for review,
  never as an exact hit (:mod:`kcbridge.partners.screening`).

Keys are for matching and review, never for display. Two names "match" when they share
a key exactly; ``name_similarity`` gives a 0-100 fuzzy score over keys of the same
comparable kind (rapidfuzz ratio).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from kcbridge.partners.romanize import decompose, romanize_hangul, romanize_kana, to_katakana

#: Trailing (and for some, leading) Latin legal-form words, after lower-casing and
#: splitting on punctuation. Multi-word forms are matched as token sequences.
LATIN_LEGAL_FORMS: tuple[tuple[str, ...], ...] = (
    ("co", "ltd"), ("company", "limited"), ("pte", "ltd"), ("pty", "ltd"), ("sdn", "bhd"),
    ("co",), ("ltd",), ("limited",), ("inc",), ("incorporated",), ("corp",), ("corporation",),
    ("company",), ("llc",), ("plc",), ("gmbh",), ("ag",), ("se",), ("sa",), ("sas",), ("srl",),
    ("spa",), ("bv",), ("nv",), ("kk",), ("oy",), ("ab",), ("as",), ("lp",), ("llp",),
    ("jsc",), ("pjsc",), ("ojsc",), ("group",),
)
LATIN_LEADING = {"the"}

#: Romanised legal forms (pinyin, Revised Romanisation, Hepburn) removed from the end of
#: compact Latin keys, longest first.
ROMAN_LEGAL_FORMS: tuple[str, ...] = (
    "gufenyouxiangongsi", "youxianzerengongsi", "jituanyouxiangongsi", "youxiangongsi",
    "kabushikikaisha", "zhushihuishe", "jusikhoesa", "yuhanhoesa", "jituangongsi", "jituan",
    "gongsi",
)

#: Chinese and Japanese legal forms, in simplified characters, longest first.
HAN_LEGAL_FORMS: tuple[str, ...] = (
    "股份有限公司", "有限责任公司", "集团有限公司", "控股有限公司", "有限公司", "株式会社",
    "集团公司", "集团", "公司", "有限会社", "合同会社",
)
#: Korean legal forms and the hanja readings of the Chinese forms, longest first.
HANGUL_LEGAL_FORMS: tuple[str, ...] = (
    "고빈유한공사", "고분유한공사", "유한책임회사", "유한책임공사", "유한공사", "주식회사",
    "유한회사", "합자회사", "합명회사", "집단공사", "주식회사", "집단", "공사", "(주)", "(유)",
    "주)", "(주",
)
#: Japanese legal forms written in kana (katakana, after hiragana are mapped), longest first.
KANA_LEGAL_FORMS: tuple[str, ...] = ("カブシキガイシャ", "カブシキカイシャ", "ユウゲンガイシャ",
                                     "グループ")

_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL_RE = re.compile(r"[\uac00-\ud7a3]")
_KANA_VOICING = "\u3099\u309a"  # combining (han)dakuten: バ = ハ + U+3099
_KANA_RE = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
_LATIN_RE = re.compile(r"[a-z0-9]")
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SPACE_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


@dataclass(frozen=True)
class NameKey:
    """One comparable key of a name: ``kind`` is latin, han, hangul, roman, kana or
    kana_roman."""

    kind: str
    value: str


#: Which key kinds are compared with which (roman and kana_roman keys meet latin keys).
COMPARABLE: dict[str, tuple[str, ...]] = {
    "latin": ("latin", "roman", "kana_roman"),
    "roman": ("latin", "roman"),
    "han": ("han",),
    "hangul": ("hangul",),
    "kana": ("kana",),
    "kana_roman": ("latin", "kana_roman"),
}


@lru_cache(maxsize=4)
def _opencc(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(config)


def script_of(text: str) -> str:
    """``han``, ``hangul``, ``latin``, ``mixed`` or ``other`` by the letters ``text`` holds."""
    kinds = {
        kind
        for kind, pattern in (("han", _HAN_RE), ("hangul", _HANGUL_RE), ("latin", _LATIN_RE))
        if pattern.search(text.lower())
    }
    if len(kinds) == 1:
        return kinds.pop()
    return "mixed" if kinds else "other"


def fold(text: str) -> str:
    """NFKC, lower case, accents removed (``Müller`` -> ``muller``; ``㈜`` -> ``(주)``);
    the kana voicing marks stay (``バ`` is not ``ハ``)."""
    text = unicodedata.normalize("NFKC", text).lower()
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed
                       if unicodedata.category(ch) != "Mn" or ch in _KANA_VOICING)
    )


def to_simplified(text: str) -> str:
    """Japanese shinjitai and traditional Chinese characters to simplified Chinese."""
    return _opencc("t2s.json").convert(_opencc("jp2t.json").convert(text))


def to_traditional(text: str) -> str:
    return _opencc("s2t.json").convert(text)


@lru_cache(maxsize=2)
def _reading_table(name: str) -> dict[str, str]:
    """Character -> reading from a shipped table ``data/NAME``: ``#`` comment lines, then
    one line per reading, ``reading<TAB>the characters read so``."""
    from importlib.resources import files

    table: dict[str, str] = {}
    text = files("kcbridge.partners").joinpath(f"data/{name}").read_text("utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            reading, chars = line.split("\t")
            table.update(dict.fromkeys(chars, reading))
    return table


def _hanja_readings() -> dict[str, str]:
    """Chinese character -> hangul reading (data/hanja_readings.tsv, see its script)."""
    return _reading_table("hanja_readings.tsv")


_SYLLABLE_BASE, _NIEUN, _RIEUL, _IEUNG = 0xAC00, 2, 5, 11  # initial consonant indices


def _initial_sound_rule(previous: str, reading: str) -> str:
    """Apply the initial-sound rule (두음법칙, Korean orthography art. 10-12) to one
    syllable read after ``previous`` (the preceding output character): word-initially
    (after nothing, a space or a symbol) 녀뇨뉴니 -> 여요유이, 랴려례료류리 -> 야여예요유이,
    라래로뢰루르 -> 나내노뇌누느; inside a word 렬/률 after a vowel or ㄴ -> 열/율."""
    code = ord(reading) - _SYLLABLE_BASE
    if not 0 <= code < 11172:
        return reading
    initial, rest = divmod(code, 588)
    vowel = rest // 28
    if previous.isalnum():
        prev = ord(previous) - _SYLLABLE_BASE
        if reading in ("렬", "률") and 0 <= prev < 11172 and prev % 28 in (0, 4):
            return chr(_SYLLABLE_BASE + _IEUNG * 588 + rest)
        return reading
    # vowels ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ (2, 6, 7, 12, 17, 20) take ㅇ;
    # ㅏ ㅐ ㅗ ㅚ ㅜ ㅡ (0, 1, 8, 11, 13, 18) after ㄹ take ㄴ
    if initial == _NIEUN and vowel in (6, 12, 17, 20):
        return chr(_SYLLABLE_BASE + _IEUNG * 588 + rest)
    if initial == _RIEUL and vowel in (2, 6, 7, 12, 17, 20):
        return chr(_SYLLABLE_BASE + _IEUNG * 588 + rest)
    if initial == _RIEUL and vowel in (0, 1, 8, 11, 13, 18):
        return chr(_SYLLABLE_BASE + _NIEUN * 588 + rest)
    return reading


def hanja_reading(text: str) -> str:
    """Sino-Korean reading of the Chinese characters in ``text`` (others unchanged), with
    the initial-sound rule at the start of each word (``李明`` -> ``이명``)."""
    table = _hanja_readings()
    out: list[str] = []
    previous = " "
    for char in to_traditional(text):
        reading = table.get(char)
        char = _initial_sound_rule(previous, reading) if reading else char
        out.append(char)
        previous = char
    return "".join(out)


def _pinyin_readings() -> dict[str, str]:
    """Common simplified character -> toneless pinyin, for the characters read one way in
    every phrase (data/pinyin_readings.tsv, see scripts/make_pinyin_readings.py)."""
    return _reading_table("pinyin_readings.tsv")


def _pypinyin_reads(code: int) -> bool:
    """True for the code points ``pypinyin`` gives a reading (its ``RE_HANS`` ranges)."""
    return (code == 0x3007 or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF
            or 0xE815 <= code <= 0xE864 or 0xF900 <= code <= 0xFAFF or code >= 0x20000)


def pinyin(text: str) -> str:
    """Toneless pinyin of the Chinese characters, no separators (``华为`` -> ``huawei``);
    other characters are kept. The same as ``pypinyin.lazy_pinyin``, which is imported
    only when ``text`` holds a character outside the shipped table of characters read one
    way in every phrase (``_pinyin_readings``)."""
    table = _pinyin_readings()
    out: list[str] = []
    for char in text:
        reading = table.get(char)
        if reading is None and _pypinyin_reads(ord(char)):
            from pypinyin import lazy_pinyin

            return "".join(lazy_pinyin(text)).lower()
        out.append(reading if reading is not None else char)
    return "".join(out).lower()


def neutralise_initial_sound_rule(text: str) -> str:
    """Map every syllable's initial ㄹ to ㄴ, and ㄴ before i/y-vowels to ㅇ, so that the
    readings 락/낙, 리/이, 녀/여 compare equal wherever they stand in a word."""
    out = []
    for ch in text:
        jamo = decompose(ch)
        if jamo is None:
            out.append(ch)
            continue
        initial, vowel, final = jamo
        if initial == 5:  # ㄹ -> ㄴ
            initial = 2
        if initial == 2 and vowel in (2, 6, 7, 12, 17, 20):  # ㄴ + ㅑㅕㅖㅛㅠㅣ -> ㅇ
            initial = 11
        out.append(chr(0xAC00 + initial * 588 + vowel * 28 + final))
    return "".join(out)


def _strip_latin(tokens: list[str]) -> list[str]:
    changed = True
    while changed and tokens:
        changed = False
        if tokens and tokens[0] in LATIN_LEADING and len(tokens) > 1:
            tokens = tokens[1:]
            changed = True
        for form in LATIN_LEGAL_FORMS:
            n = len(form)
            if len(tokens) > n and tuple(tokens[-n:]) == form:
                tokens = tokens[:-n]
                changed = True
                break
    return tokens


def _strip_affixes(text: str, forms: tuple[str, ...]) -> str:
    changed = True
    while changed:
        changed = False
        for form in forms:
            if text.endswith(form) and len(text) > len(form):
                text, changed = text[: -len(form)], True
                break
            if text.startswith(form) and len(text) > len(form):
                text, changed = text[len(form):], True
                break
    return text


def strip_legal_forms(name: str) -> str:
    """The name without legal forms in any of the three scripts, folded, for display in
    review lists (``"(주)한빛소재"`` -> ``"한빛소재"``, ``"Acme Co., Ltd."`` -> ``"acme"``)."""
    text = fold(name)
    text = _strip_affixes(text.replace(" ", ""), HANGUL_LEGAL_FORMS) if _HANGUL_RE.search(
        text) else text
    if _HAN_RE.search(text):
        text = _strip_affixes(to_simplified(text).replace(" ", ""), HAN_LEGAL_FORMS)
    tokens = [t for t in _NOT_WORD.split(text) if t]
    return " ".join(_strip_latin(tokens))


def _strip_hangul_forms(text: str) -> str:
    """Remove Korean legal forms at either end of ``text`` (spaces around them too)."""
    changed = True
    while changed:
        changed = False
        stripped = text.strip()
        for form in HANGUL_LEGAL_FORMS:
            if stripped.endswith(form) and len(stripped) > len(form):
                text, changed = stripped[: -len(form)], True
                break
            if stripped.startswith(form) and len(stripped) > len(form):
                text, changed = stripped[len(form):], True
                break
    return text.strip()


def _has_cjk(text: str) -> bool:
    return bool(_HAN_RE.search(text) or _HANGUL_RE.search(text) or _KANA_RE.search(text))


def _kana_keys(text: str) -> set[NameKey]:
    """The ``kana`` and ``kana_roman`` keys of a compact name written in kana."""
    kana = _strip_affixes(to_katakana(text), KANA_LEGAL_FORMS)
    keys = {NameKey("kana", kana)}
    roman = _strip_affixes(re.sub(r"[^a-z0-9]", "", romanize_kana(kana)), ROMAN_LEGAL_FORMS)
    if roman:
        keys.add(NameKey("kana_roman", roman))
    return keys


@lru_cache(maxsize=65536)
def name_keys(name: str) -> frozenset[NameKey]:
    """Every comparable key of ``name`` (see the module docstring)."""
    text = _strip_hangul_forms(fold(name or ""))  # (주) must go before punctuation does
    tokens = _strip_latin([t for t in _NOT_WORD.split(text) if t])
    compact = "".join(tokens)
    keys: set[NameKey] = set()
    if _HAN_RE.search(compact):
        han = _strip_affixes(to_simplified(compact), HAN_LEGAL_FORMS)
        if _KANA_RE.search(han) and not _HAN_RE.search(han):
            compact = han  # a kana name with a kanji legal form (テラドローン株式会社)
    if _HAN_RE.search(compact):
        han = _strip_affixes(to_simplified(compact), HAN_LEGAL_FORMS)
        keys.add(NameKey("han", han))
        reading = _strip_affixes(hanja_reading(han), HANGUL_LEGAL_FORMS)
        if _HANGUL_RE.search(reading):
            keys.add(NameKey("hangul", neutralise_initial_sound_rule(reading)))
        roman = _strip_affixes(re.sub(r"[^a-z0-9]", "", pinyin(han)), ROMAN_LEGAL_FORMS)
        if roman:
            keys.add(NameKey("roman", roman))
        compact = han
    elif _HANGUL_RE.search(compact):
        hangul = _strip_affixes(compact, HANGUL_LEGAL_FORMS)
        keys.add(NameKey("hangul", neutralise_initial_sound_rule(hangul)))
        roman = re.sub(r"[^a-z0-9]", "", romanize_hangul(hangul))
        if roman:
            keys.add(NameKey("roman", roman))
        compact = hangul
    elif _KANA_RE.search(compact):
        keys |= _kana_keys(compact)
        compact = ""
    if not _has_cjk(compact):
        # A purely Latin name, or one whose only CJK part was a legal form (TDK株式会社).
        latin = _strip_affixes(re.sub(r"[^a-z0-9]", "", compact), ROMAN_LEGAL_FORMS)
        if latin:
            keys.add(NameKey("latin", latin))
    return frozenset(k for k in keys if k.value)


def keys_overlap(a: str, b: str) -> bool:
    """True when the two names share an exact comparable key."""
    ka, kb = name_keys(a), name_keys(b)
    return any(
        x.value == y.value and y.kind in COMPARABLE[x.kind] for x in ka for y in kb
    )


#: Shortest query key that may match part of a name, by key kind (a search for "华" or
#: "ab" would match too much).
MIN_PARTIAL_LENGTH = {"latin": 3, "roman": 4, "han": 2, "hangul": 2, "kana": 3,
                      "kana_roman": 5}


def contains_name(query: str, name: str) -> bool:
    """True when a comparable key of ``query`` is part of a key of ``name``: a partial
    search across scripts (``嵐州`` finds ``岚州稀材再生资源有限公司``, ``화광`` finds
    ``华光科技``, ``jihong`` finds ``霁虹显示``)."""
    keys = name_keys(name)
    return any(
        len(q.value) >= MIN_PARTIAL_LENGTH[q.kind] and q.value in k.value
        and k.kind in COMPARABLE[q.kind]
        for q in name_keys(query) for k in keys
    )


def name_similarity(a: str, b: str) -> float:
    """Best rapidfuzz ratio (0-100) over comparable keys of ``a`` and ``b``; 0 when they
    share no comparable kind."""
    best = 0.0
    for x in name_keys(a):
        for y in name_keys(b):
            if y.kind in COMPARABLE[x.kind]:
                best = max(best, fuzz.ratio(x.value, y.value))
    return best
