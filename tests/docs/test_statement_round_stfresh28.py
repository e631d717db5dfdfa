"""Round stfresh28 (issue 10, sixteenth session; read from the misses of fresh-28 and fresh-29
after each was scored once, so its figures there are in-sample; measured once on fresh-30 and
fresh-31, labelled blind meanwhile): general classes.

* English: a numbered bilateral meeting that "took place"; a plant or unit completed, built or
  set up told in the simple past; a deal "concluded", "clinched", "struck" or "sealed" (signed);
  a joint vow to bolster ties or trade in general is no agreement; "measures agreed upon by the
  two countries" and "N years since … launched" are background; "Export-Import Bank" is no ban;
* Korean: one side's promise to the other ("중국 측은 … 하겠다고 약속했다") is an offer
  (proposal); "…다는 의미가 있다" and "…한 바 있다" are commentary and background; an analysis or
  a forecast reported ("…는 분석이 나오", "…될 것이라고 짚었다") is no curb; "본격가동" and "준공,";
* hard-wrapped lines (print line breaks kept in archived news) are one sentence.

Every sentence was written for these tests; the people, places and firms are invented."""

from __future__ import annotations

import pytest
from tests.docs.statement_rounds import type_in_context as _type

from kcbridge.docs.text import split_sentences


@pytest.mark.parametrize(("text", "expected"), [
    ("The ninth Republic of Korea-China meeting on maritime affairs took place in Qingdao on "
     "May 3.", "implemented"),
    ("Hanbit Motors completed a Chinese plant in Yancheng in the first half.", "implemented"),
    ("The firm established its Chinese sales unit in Dalian in March 2019.", "implemented"),
    ("Donghae Machinery concluded a licence contract with a Chinese firm for pump technology.",
     "signed"),
    ("Seoul Battery clinched a deal with a Hefei carmaker to form a joint venture.", "signed"),
    # not news
    ("The two leaders agreed Tuesday to work closely together to bolster bilateral ties.", None),
    ("They reviewed the measures agreed upon by the two countries last year.", None),
    ("It has been 20 years since the group first opened its plant in Tianjin.", None),
    ("Korea is a top investor in China, according to the Export-Import Bank of Korea.", None),
    ("Intel completed the sale of its Dalian unit.", None),
])
def test_english_classes(text: str, expected: str | None) -> None:
    assert _type(text, "en") == expected


def test_a_concrete_english_agreement_stays() -> None:
    assert _type("The two sides agreed to set up a joint battery research centre in Wuhan.",
                 "en") == "agreement"


@pytest.mark.parametrize(("text", "expected"), [
    ("중국 측은 한국 기업의 투자 확대를 위해 시찰단 파견 등 적극적인 역할을 하겠다고 약속했다.",
     "proposal"),
    ("이번 회의는 구체적인 협력방안을 합의했다는 의미가 있다고 산업부는 설명했다.", None),
    ("중국은 지난해 8월 갈륨에 대한 수출 통제 조치를 시행한 바 있다.", None),
    ("정부 안팎에서는 이번 통관 보류가 수출 통제보다는 수급 조절 조치 아니냐는 "
     "분석이 나오는 상황이다.", None),
    ("외신은 중국의 수출 통제로 제조 비용이 오를 것이라고 짚었다.", None),
    ("한빛전자는 중국 선양 공장 건설을 마치고 이달부터 본격가동에 나섰다.", "implemented"),
    ("새한정밀은 톈진 현지공장을 준공,다음 달부터 양산에 들어간다.", "implemented"),
])
def test_korean_classes(text: str, expected: str | None) -> None:
    assert _type(text, "ko") == expected


def test_hard_wrapped_lines_are_one_sentence() -> None:
    text = ("Headline of the page\n"
            "Korean carmaker Hanbit Motors, controlled by Daehan Group, has agreed with\n"
            "two Chinese partners to build a new plant for their joint venture.\n"
            "A second paragraph.")
    assert [s.text.count("\n") for s in split_sentences(text)] == [0, 1, 0]
    korean = ("제목 한 줄\n"
              "TV용 실내안테나를 생산하는 한빛전자는 중국 선양에\n"
              "공장 건설을 마무리 짓고 이달초부터 본격가동에 나섰다.\n"
              "다음 문단이다.")
    assert len(split_sentences(korean)) == 3
    # a line that ends a sentence, a short line and a headline are never joined
    assert len(split_sentences("Short line\nnext words here.")) == 2
    assert len(split_sentences("회의가 열렸다\n다음 달에도 열린다.")) == 2
