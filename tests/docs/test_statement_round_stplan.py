"""Round stplan (issue 10, twenty-first session, pre-registered before fresh-48 and fresh-49
were scored): a signing one side says it will make later ("…와 협약을 체결할 예정이다") is its
own plan, not an agreement (docs/statement_conventions.md, fresh-16 C3); a joint subject's
plan and an agreement to sign still are. Seen sets: four false agreements gone, one planned
signing by a joint subject the cue list does not know lost; fresh-48 and fresh-49 unchanged."""

from __future__ import annotations

import pytest

from kcbridge.docs.pipeline import analyse_document


def _types(text: str) -> list[str]:
    result = analyse_document(text)
    return [s["type"] if isinstance(s, dict) else s.type for s in (
        result["statements"] if isinstance(result, dict) else result.statements)]


@pytest.mark.parametrize(("text", "types"), [
    # one side's plan: none
    ("김 시장은 이번 방문에서 중국 옌타이시와 우호도시 협약을 체결할 예정이다.", []),
    ("도 관계자는 내년에 랴오닝성과 교류협정을 체결할 계획이라고 밝혔다.", []),
    # an agreement to sign, and a joint subject's plan: agreement
    ("군산시와 웨이하이시는 우호도시 협약을 체결하기로 했다.", ["agreement"]),
    ("양측은 다음 달 베이징에서 협력 양해각서를 체결할 예정이다.", ["agreement"]),
])
def test_planned_signings(text: str, types: list[str]) -> None:
    assert _types(text) == types
