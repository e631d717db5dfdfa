"""Korean news writes country pairs as one-syllable short names joined by dots ("한.중",
"한.미.일") and lists of nouns the same way ("관광.문화교류"): a dot glued to the next word
ends a sentence only after a predicate's last syllable (했다, 했음 ...) or before a word that
opens a sentence (이날, 한편 ...)."""

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


def test_a_middle_dot_written_as_a_full_stop_joins_nouns():
    assert _texts("양측은 관광.문화교류를 확대하기로 했다.이날 행사에는 100명이 참석했다.") == [
        "양측은 관광.문화교류를 확대하기로 했다.", "이날 행사에는 100명이 참석했다."]
    assert _texts("경제.통상.산업 분야 협력을 논의했다.") == [
        "경제.통상.산업 분야 협력을 논의했다."]


def test_a_noun_headline_glued_to_a_sentence_opener_ends_there():
    assert _texts("한중 MOU 체결.이날 양측은 합의했다.") == [
        "한중 MOU 체결.", "이날 양측은 합의했다."]
    assert _texts("공장 준공 예정임.한편 시는 지원한다.") == [
        "공장 준공 예정임.", "한편 시는 지원한다."]
