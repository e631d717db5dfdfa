"""News-agency boilerplate: the parts of a page that are not the article, found and
stripped before analysis so that no byline, photo credit or site footer becomes an entity.

What counts as boilerplate (each seen on real Korean, Chinese and English news pages):

* whole lines: end marks and link lists (lines starting with ▶ ☞ ■ ◆ ※ followed by a
  link-like text), copyright and licence lines (ⓒ, ©, "Copyright", 무단전재 및 재배포 금지,
  저작권자, 版权所有, 未经授权, "All rights reserved"), site footers with licence numbers
  (ICP备, 互联网新闻信息服务许可证, 등록번호, 사업자등록번호), photo notices on their own line
  ("Photo : YONHAP News", "[사진=연합뉴스]", "参访现场 供图 烟台市政府新闻办", "图片来源"),
  a site's breadcrumb trail ("Home > Spot News > Content"),
  editor lines ("编辑:郭富莹", "(责任编辑：王某)", "责编", "Editor:");
* the tail of a line: a reporter's byline with an e-mail address ("오춘호 기자 ohchoon@..."),
  a Chinese byline in brackets ("(文 付柳)", "(记者 张某)", "（责任编辑：...）"), an inline
  photo notice "[사진=...]" / "(사진=...)" / "(Photo by ...)" / "[Photo/...]".

:func:`boilerplate_spans` gives the spans (offsets into the text); :func:`strip_boilerplate`
removes them (whole lines with their line end) and is applied by the readers in
:mod:`.ingest` after :func:`~kcbridge.docs.text.normalise_text`.
"""

from __future__ import annotations

import re


def _blanks(pattern: str) -> str:
    """``\\s`` in the patterns below means a blank within the line (never a line end)."""
    return pattern.replace(r"\s", r"[ \t]")


_LINE_PATTERNS = [
    # end marks and link lists
    r"^[▶☞■◆▷►※]\s*\S.{0,200}$",
    # copyright, licence and footer lines
    # ("Copyright" alone only on a short line with no full stop, or as a notice: with a
    # sign, a year or "by"; "China's copyright office published ..." is article text)
    r"^\s*Copyright\b[^.。]{0,60}$",
    r"^.{0,80}(?:ⓒ|©|\(c\)\s|Copyright\s?(?:©|ⓒ|\(c\)|\d{4}|by\b)|All\srights\sreserved|"
    r"무단\s?전재|재배포\s?금지|저작권자|"
    r"版权所有|未经授权|未經授權|禁止转载|禁止轉載|ICP备|ICP證|ICP证|互联网新闻信息服务许可证|"
    r"網際網路新聞|사업자\s?등록번호|등록번호\s?[:：]|신문\s?등록|청소년보호책임자).{0,200}$",
    # photo notices on their own line
    r"^(?:Photo|Photos|Image|Pictured|사진|图片|圖片|图|圖)\s*(?:[:：=|]|by\b|credit\b).{0,120}$",
    r"^[\[(【（]\s*(?:사진|그래픽|영상|图片|圖片|图|圖|Photo|Image)\s*[=:：].{0,120}[\])】）]$",
    r"^.{0,60}\s(?:供图|供圖|摄影|攝影|图片来源|圖片來源|图源|圖源)\s?.{0,40}$",
    r"^(?:图片来源|圖片來源|图源|圖源|供图|供圖)\s*[:：]?.{0,80}$",
    # editor and reporter lines
    r"^[(（]?\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯|编审|審核|审核|校对|校對|"
    r"Editor|Edited by|Reporter)\s*[:：]\s*\S.{0,40}[)）]?$",
    r"^[가-힣]{2,4}\s(?:기자|특파원|선임기자|객원기자)\s*$",
    # a site's breadcrumb trail ("Home > Spot News > Content", "location:Home/Culture")
    r"^(?:(?-i:[A-Za-z ]{0,30}):[ \t]?)?(?-i:Home)\s*[>/»›][^.。\n]{0,120}$",
    # links to the previous and next article, and a browser's notice
    r"^\s*(?:上一篇|下一篇|上一条|下一条|上一篇文章|下一篇文章|이전글|다음글|이전\s?기사|다음\s?기사|"
    r"Previous|Next)\s*[:：].{0,120}$",
    r"^.{0,40}Your\sbrowser\sdoes\snot\ssupport.{0,300}$",
]
_LINE = re.compile(_blanks("|".join(f"(?:{p})" for p in _LINE_PATTERNS)), re.M | re.I)

_TAIL_PATTERNS = [
    # "오춘호 기자 ohchoon@hankyung.com", "(베이징=연합뉴스) 홍길동 특파원 = " is kept
    r"\s*[/(]?[가-힣]{2,4}\s(?:기자|특파원|선임기자|객원기자)\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\)?\s*$",
    r"\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$",
    # Chinese bylines in brackets at the end of a paragraph
    r"\s*[(（]\s*(?:文|记者|記者|作者|通讯员|通訊員|责任编辑|責任編輯|责编|責編|编辑|編輯|来源|來源)"
    r"\s*[:：]?\s*[^()（）\n]{1,40}[)）]\s*$",
    # Chinese reporter credits in brackets anywhere ("新华社北京3月5日电（记者张伟）")
    r"[(（](?:记者|記者|通讯员|通訊員|实习生|實習生)[^()（）\n]{1,24}[)）]",
    # Korean agency datelines with a byline ("[서울=뉴스핌] 홍길동 기자 = ")
    r"^[\[(][^\])\n=]{1,12}=[^\])\n]{1,20}[\])]\s*(?:[가-힣]{2,4}\s(?:기자|특파원)\s*=\s*)?",
    # inline photo notices
    r"\s*[\[(【（]\s*(?:사진|그래픽|사진제공|图片|圖片|图|圖|Photo)\s*[=:：][^\])】）\n]{1,80}[\])】）]",
    # English ones: "(Photo by Kim Hyunjung)", "[Photo/js.xhby.net]"
    r"\s*[\[(]\s*Photos?\s*(?:by\b|/|provided\b|courtesy\b|credit\b)[^\])\n]{1,80}[\])]",
]
_TAIL = re.compile(_blanks("|".join(f"(?:{p})" for p in _TAIL_PATTERNS)), re.M)


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` spans of boilerplate in ``text``."""
    spans = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.end() > m.start()]
    spans += [(m.start(), m.end()) for m in _TAIL.finditer(text) if m.end() > m.start()]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def strip_boilerplate(text: str) -> str:
    """``text`` without its boilerplate; lines left empty are dropped. A text that would
    be emptied entirely is returned as it was (the boilerplate rules then misread it)."""
    spans = boilerplate_spans(text)
    if not spans:
        return text
    parts, pos = [], 0
    for start, end in spans:
        parts.append(text[pos:start])
        pos = end
    parts.append(text[pos:])
    lines = [line.rstrip() for line in "".join(parts).split("\n")]
    out: list[str] = []
    for line, had_text in zip(lines, _non_empty_lines(text, len(lines)), strict=False):
        if line.strip() or not had_text:
            out.append(line)
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
    return cleaned if any(ch.isalnum() for ch in cleaned) else text


def _non_empty_lines(text: str, n: int) -> list[bool]:
    # Blank lines of the original stay (paragraph breaks); lines emptied by stripping go.
    # Line counts match because spans never contain a line end except whole-line matches
    # (which remove the line's text but not its "\n").
    flags = [bool(line.strip()) for line in text.split("\n")]
    return (flags + [False] * n)[:n]


def in_boilerplate(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies within one of ``spans``."""
    return any(s <= start and end <= e for s, e in spans)
