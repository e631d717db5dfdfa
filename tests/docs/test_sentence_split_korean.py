"""Korean news writes country pairs as one-syllable short names joined by dots ("한.중",
"한.미.일"); a dot glued to the next word ends a sentence only after a longer word."""

from kcbridge.docs.text import split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_country_pair_short_names_do_not_end_a_sentence():
    assert _texts("한.중 FTA 2단계 협상이 열렸다.이날 양측은 합의했다.") == [
        "한.중 FTA 2단계 협상이 열렸다.", "이날 양측은 합의했다."]
    assert _texts("한.미.일 정상회의가 열렸다. 이어서 회견을 했다.") == [
        "한.미.일 정상회의가 열렸다.", "이어서 회견을 했다."]
    assert _texts("“한.중”관계가 개선됐다.") == ["“한.중”관계가 개선됐다."]


def test_a_glued_full_stop_after_a_verb_still_ends_the_sentence():
    assert _texts("회의가 열렸다.이날 협약도 맺었다.") == ["회의가 열렸다.", "이날 협약도 맺었다."]
