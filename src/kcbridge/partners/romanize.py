"""Revised Romanisation of Korean (hangul syllables), algorithmic.

Hangul syllables (U+AC00..U+D7A3) decompose arithmetically into an initial consonant,
a vowel and an optional final consonant. ``romanize_hangul`` writes each syllable with
the Revised Romanisation of Korean (Ministry of Culture, 2000) tables and applies the
two sound rules that matter most for names: a final consonant moves to the next
syllable when that syllable starts with the silent ``ㅇ`` (liaison: 한국어 -> hangugeo),
and ``ㄹ`` + ``ㄹ`` is written ``ll`` (설라 -> seolla). Other assimilation rules
(신라 -> silla) are not applied: the output is a stable key for matching, not a
phonetic transcription. Characters that are not hangul syllables pass through unchanged.
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
