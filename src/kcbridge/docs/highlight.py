"""Split a document's text into blocks and segments for highlighting: statement
sentences become their own blocks, entity mentions their own segments. The output holds
plain strings only; the dashboard escapes them (document text is untrusted)."""

from __future__ import annotations

from typing import Any


def highlight_blocks(
    text: str, entities: list[dict[str, Any]], statements: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``[{"statement": type|None, "title": str, "segments": [{"text", "kind", "title"}]}]``
    whose segment texts concatenate back to ``text``."""
    cuts = sorted({0, len(text)} | {int(s["start"]) for s in statements}
                  | {int(s["end"]) for s in statements})
    by_start = {int(s["start"]): s for s in statements}
    ents = sorted((e for e in entities if 0 <= int(e["start"]) < int(e["end"]) <= len(text)),
                  key=lambda e: int(e["start"]))
    blocks = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        st = by_start.get(a) if a in by_start and int(by_start[a]["end"]) == b else None
        title = ""
        if st is not None:
            title = (f"{st['type']} · confidence {float(st['confidence']):.2f}"
                     f" · sectors {', '.join(st.get('sectors') or []) or '-'}"
                     f" · mechanisms {', '.join(st.get('mechanisms') or []) or '-'}")
        blocks.append({"statement": st["type"] if st is not None else None, "title": title,
                       "segments": _segments(text, a, b, ents)})
    return blocks


def _segments(text: str, a: int, b: int, ents: list[dict[str, Any]]) -> list[dict[str, str]]:
    out, pos = [], a
    for e in ents:
        s, t = int(e["start"]), int(e["end"])
        if s < pos or t > b or s < a:
            continue
        if s > pos:
            out.append({"text": text[pos:s], "kind": "", "title": ""})
        role = f" · {e['role']}" if e.get("role") else ""
        out.append({"text": text[s:t], "kind": str(e["kind"]),
                    "title": f"{e['kind']}: {e['key']}{role}"})
        pos = t
    if pos < b:
        out.append({"text": text[pos:b], "kind": "", "title": ""})
    return out
