"""Round stnominal (issue 10, nineteenth session; read on the Chinese pages of fresh-26..35,
seen; measured once on fresh-36 and fresh-37, scored before it): a Chinese signing or
implementation cue that heads a noun phrase ("…的签署", "…的开工建设") or stands in a 随着… frame
names an event told elsewhere, as the topic of another predicate, not a report of it. On
fresh-26..35's Chinese pages 5 false statements went and 1 right one (extracted 123 -> 117,
right 83 -> 82); news_dev both halves and fresh-36 + 37 unchanged.

Every sentence was written for these tests; the places and bodies are invented."""

from __future__ import annotations

import pytest
from tests.docs.statement_rounds import type_in_context as _type


@pytest.mark.parametrize(("text", "expected"), [
    # the event as the topic of a basis, an effect, a purpose or a frame: no statement
    ("此次备忘录的签署,基于双方港口多年的合作关系。", None),
    ("《合作备忘录》的签署也将进一步密切江州与韩国的经贸往来。", None),
    ("研发中心新楼的开工建设对深化两地科技合作将产生积极影响。", None),
    ("随着中韩自贸协定的签署,两地企业往来日益频繁。", None),
    # the reports themselves stay statements
    ("江州港务集团与韩国釜山港湾公社签署了合作备忘录。", "signed"),
    ("韩国星河电子江州工厂于3月18日正式开工建设。", "implemented"),
])
def test_chinese_nominal_events(text: str, expected: str | None) -> None:
    assert _type(text, "zh") == expected
