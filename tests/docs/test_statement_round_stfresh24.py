"""Round stfresh24 (issue 10, fifteenth session; read from fresh-24's misses after it was scored,
so its figures there are in-sample; measured once on fresh-25, labelled blind): general classes.

* a country's alias glued to a currency ("US$300 billion", "HK$ 2 million", "US dollars") is a
  currency, not a third country that would drop a Korea-China statement;
* "vowed" is an English agreement cue, as "pledged" is;
* Korean signings told with "-기도 했다" ("협정을 맺기도 했다", "체결하기도 했다");
* a government order halting tours to Korea is a restriction (Chinese and English);
* a Korean signing followed by the years since it ("체결한 지난 14년 동안 …") is background, and
  a sentence the background and view checks reject is not read again by the learned stage.

Every sentence was written for these tests; the people, places and firms are invented."""

from __future__ import annotations

import pytest

from kcbridge.docs.gazetteer import places
from kcbridge.docs.pipeline import DocumentInput, analyse_documents


def _types(text: str) -> list[str]:
    return [s.type for s in analyse_documents([DocumentInput(text=text)])[0].statements]


@pytest.mark.parametrize("text", ["trade of US$300 billion", "a HK$ 2 million grant",
                                  "paid in US dollars", "a Hong Kong dollar bond"])
def test_a_currency_is_not_a_place(text: str) -> None:
    assert places().find(text) == []


def test_the_country_itself_is_still_a_place() -> None:
    assert [m.entry.id for m in places().find("exports to the US and Hong Kong")] == [
        "USA", "CHN-HONGKONG"]


def test_a_trade_target_in_us_dollars_keeps_the_agreement() -> None:
    text = ("South Korean President Park Min-ho met Chinese President Zhao Lei in Beijing. "
            "The two sides agreed to expand bilateral trade volume to US$300 billion by 2030.")
    assert _types(text) == ["agreement"]


def test_vowed_is_a_joint_commitment() -> None:
    text = ("South Korea and China held trade talks in Seoul on Monday. Both ministers vowed "
            "to expand cooperation in battery materials.")
    assert _types(text) == ["agreement"]


@pytest.mark.parametrize("sentence", [
    "박서연 총장은 11일 중국 화린대학을 방문해 리밍 총장과 학생교류협정을 맺기도 했다.",
    "가온시는 지난달 중국 청하시와 우호도시 협정을 체결하기도 했다.",
])
def test_a_korean_signing_told_with_gido_haetda_is_a_signing(sentence: str) -> None:
    assert _types(sentence) == ["signed"]


@pytest.mark.parametrize("sentence", [
    "据报道,中国政府官员口头指示本国旅行社停办韩国游。",
    "中国有关部门要求旅行社暂停赴韩团体游。",
    "Seoul said China banned group tours to South Korea after the missile deployment.",
])
def test_a_halt_of_tours_to_korea_is_a_restriction(sentence: str) -> None:
    assert _types(sentence) == ["restriction"]


def test_a_korean_signing_followed_by_the_years_since_is_background() -> None:
    sentence = ("가온도와 청하성은 우호교류협정을 체결한 지난 14년 동안 교류가 날로 밀접해지고 "
                "협력 영역이 확대되고 있다.")
    assert _types(sentence) == []
    # the signing itself, told as news, stays one
    assert _types("가온도와 청하성은 14일 우호교류협정을 체결했다.") == ["signed"]
