"""Revised Romanisation of Korean (hangul syllables), algorithmic; Hepburn for Japanese kana.

Hangul syllables (U+AC00..U+D7A3) decompose arithmetically into an initial consonant,
a vowel and an optional final consonant. ``romanize_hangul`` writes each syllable with
the Revised Romanisation of Korean (Ministry of Culture, 2000) tables and applies the
two sound rules that matter most for names: a final consonant moves to the next
syllable when that syllable starts with the silent ``ㅇ`` (liaison: 한국어 -> hangugeo),
and ``ㄹ`` + ``ㄹ`` is written ``ll`` (설라 -> seolla). Other assimilation rules
(신라 -> silla) are not applied: the output is a stable key for matching, not a
phonetic transcription. Characters that are not hangul syllables pass through unchanged.

``romanize_kana`` writes Japanese hiragana and katakana in Hepburn the way firms write
their names in Latin letters (no macrons: ``トウキョウ`` -> ``tokyo``), from a table
written here; see its docstring.
"""

from __future__ import annotations

HANGUL_FIRST = 0xAC00
HANGUL_LAST = 0xD7A3

INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k",
            "t", "p", "h"]
VOWELS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
          "we", "wi", "yu", "eu", "ui", "i"]
#: Final consonant as written at the end of a word or before a consonant.
FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
          "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]
#: Final consonant as written when the next syllable starts with a vowel (liaison).
FINALS_BEFORE_VOWEL = ["", "g", "kk", "ks", "n", "nj", "nh", "d", "r", "lg", "lm", "lb", "ls",
                       "lt", "lp", "lh", "m", "b", "bs", "s", "ss", "ng", "j", "ch", "k", "t", "p",
                       "h"]
_SILENT_INITIAL = 11  # ㅇ
_RIEUL_INITIAL = 5  # ㄹ
_RIEUL_FINAL = 8  # ㄹ


def decompose(syllable: str) -> tuple[int, int, int] | None:
    """(initial, vowel, final) indices of a hangul syllable, or None for other characters."""
    code = ord(syllable)
    if not HANGUL_FIRST <= code <= HANGUL_LAST:
        return None
    offset = code - HANGUL_FIRST
    return offset // 588, (offset % 588) // 28, offset % 28


def romanize_hangul(text: str) -> str:
    """Revised Romanisation of ``text`` (lower case). ``romanize_hangul("삼성전자")`` is
    ``"samseongjeonja"``; non-hangul characters are kept as they are."""
    parts = [decompose(ch) for ch in text]
    out: list[str] = []
    for i, ch in enumerate(text):
        jamo = parts[i]
        if jamo is None:
            out.append(ch)
            continue
        initial, vowel, final = jamo
        previous = parts[i - 1] if i > 0 else None
        if previous is not None and previous[2] != 0 and initial == _SILENT_INITIAL:
            head = ""  # the previous final consonant already carries the sound
        elif initial == _RIEUL_INITIAL and previous is not None and previous[2] == _RIEUL_FINAL:
            head = "l"
        else:
            head = INITIALS[initial]
        following = parts[i + 1] if i + 1 < len(text) else None
        if final and following is not None and following[0] == _SILENT_INITIAL:
            tail = FINALS_BEFORE_VOWEL[final]
        else:
            tail = FINALS[final]
        out.append(head + VOWELS[vowel] + tail)
    return "".join(out)


# ---- Japanese kana: Hepburn ------------------------------------------------------------

#: Katakana -> Hepburn (hiragana are mapped to katakana first). Small ャュョァィゥェォ and
#: ッ, ー are handled by ``romanize_kana``.
_KANA: dict[str, str] = dict(zip(
    "アイウエオカキクケコガギグゲゴサシスセソザジズゼゾタチツテトダヂヅデドナニヌネノ"
    "ハヒフヘホバビブベボパピプペポマミムメモヤユヨラリルレロワヰヱヲンヴヵヶ",
    ["a", "i", "u", "e", "o", "ka", "ki", "ku", "ke", "ko", "ga", "gi", "gu", "ge", "go",
     "sa", "shi", "su", "se", "so", "za", "ji", "zu", "ze", "zo", "ta", "chi", "tsu", "te",
     "to", "da", "ji", "zu", "de", "do", "na", "ni", "nu", "ne", "no", "ha", "hi", "fu", "he",
     "ho", "ba", "bi", "bu", "be", "bo", "pa", "pi", "pu", "pe", "po", "ma", "mi", "mu", "me",
     "mo", "ya", "yu", "yo", "ra", "ri", "ru", "re", "ro", "wa", "i", "e", "o", "n", "vu",
     "ka", "ke"],
    strict=True))
_SMALL_Y = {"ャ": "a", "ュ": "u", "ョ": "o"}
_SMALL_VOWEL = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ヮ": "a"}
_SOKUON, _CHOONPU = "ッ", "ー"


def is_kana(char: str) -> bool:
    """True for a hiragana or katakana letter, ッ or the long-vowel mark ー."""
    return 0x3041 <= ord(char) <= 0x3096 or 0x30A1 <= ord(char) <= 0x30FA or char == "ー"


def to_katakana(text: str) -> str:
    """Hiragana to katakana (``すばる`` -> ``スバル``); other characters unchanged."""
    return "".join(chr(ord(c) + 0x60) if 0x3041 <= ord(c) <= 0x3096 else c for c in text)


def romanize_kana(text: str) -> str:
    """Hepburn romanisation of the kana in ``text`` as firms write their names in Latin
    letters, without macrons (lower case; other characters unchanged):

    - ``キャ`` kya, ``シャ`` sha, ``チョ`` cho, ``ジュ`` ju; loanword pairs ``ファ`` fa,
      ``ティ`` ti, ``ウェ`` we, ``ヴァ`` va;
    - small ``ッ`` doubles the next consonant (``ニッシン`` nisshin, ``マッチ`` matchi);
    - ``ン`` is n (``シンワ`` shinwa);
    - long vowels are written once: ``ー`` adds nothing (``トーキン`` tokin), ``ou``,
      ``oo`` and ``uu`` are ``o``, ``o``, ``u`` (``トウキョウ`` tokyo); ``ei`` stays.

    ``romanize_kana("スバル")`` is ``"subaru"``, ``romanize_kana("テラドローン")``
    ``"teradoron"``. The output is a key for matching, not a transcription."""
    out: list[str] = []
    double_next = False
    for char in to_katakana(text):
        if char == _SOKUON:
            double_next = True
            continue
        if char == _CHOONPU:
            continue
        previous = out[-1] if out else ""
        if char in _SMALL_Y and previous.endswith("i") and len(previous) > 1:
            stem = previous[:-1]
            out[-1] = stem + _SMALL_Y[char] if stem in ("sh", "ch", "j") else \
                stem + "y" + _SMALL_Y[char]
            continue
        if char in _SMALL_VOWEL and previous and previous[-1] in "aiueo":
            stem = previous[:-1]
            if previous == "u":
                stem = "w"
            elif previous == "vu":
                stem = "v"
            elif previous in ("te", "de", "to", "do"):
                stem = previous[0]
            out[-1] = stem + _SMALL_VOWEL[char]
            continue
        reading = _KANA.get(char) or _SMALL_VOWEL.get(char) or _SMALL_Y.get(char)
        if reading is None:
            double_next = False
            out.append(char)
            continue
        if (reading == "u" and previous[-1:] in ("o", "u")) or (
                reading == "o" and previous[-1:] == "o"):
            continue  # a long vowel: written once
        if double_next and reading[0] not in "aiueon":
            reading = ("t" if reading.startswith("ch") else reading[0]) + reading
        double_next = False
        out.append(reading)
    return "".join(out).lower()
