"""Read documents: plain text, HTML (main text via trafilatura) and PDF (pypdf), from one
file, a folder, raw bytes, or URLs (httpx).

Conventions
-----------
* Every reader returns :class:`RawDocument` with the original bytes, the extracted text,
  a title, the source (path or URL), the format and the publication date when known.
* Plain text may open with header lines ``Title: ...``, ``Date: ...`` (``Published:``),
  ``Source: ...``, ``URL: ...`` up to the first empty line; otherwise a short first line
  (under 150 characters, no final full stop) is the title.
* News-agency boilerplate (bylines, photo notices, copyright and licence footers: see
  :mod:`.boilerplate`) is stripped from the text before analysis; the original bytes are
  kept as they came.
* Publication date: the caller's value, else the file's metadata (HTML meta / PDF info),
  else the first full date (day precision) of a *date line* among the first five lines: a
  line labelled as one (입력, 수정, 发布, 时间, 日期, 来源, 發表於, Published, Updated, Posted,
  Date ...) or a short line that is mostly its date ("29 March 2025 20:40 (UTC+04:00)").
  A date inside a sentence of the body ("14일 과학기술부가 밝혔다") is the date of an event,
  not of the page: a text without a date line gets None.
* Hostile input is refused with an :class:`~kcbridge.errors.InputError` that says what to
  do: more than ``max_bytes`` (default 20 MB), empty or whitespace-only, binary data that is
  not a PDF, encrypted or broken PDFs, undecodable text. Script and style elements never
  reach the text (trafilatura drops them; the fallback strips them explicitly).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kcbridge.docs.boilerplate import strip_boilerplate
from kcbridge.docs.dates import find_dates
from kcbridge.docs.text import language_of, normalise_text
from kcbridge.errors import FetchError, InputError

MAX_BYTES = 20_000_000
TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
_HEADER = re.compile(r"^(title|date|published|source|url)\s*:\s*(.+)$", re.I)


@dataclass
class RawDocument:
    text: str
    title: str
    source: str
    fmt: str  # text | html | pdf
    original: bytes = field(repr=False)
    published: date | None = None
    url: str = ""


def detect_format(data: bytes, name: str = "", content_type: str = "") -> str:
    suffix = Path(name.split("?")[0]).suffix.lower()
    if data[:5] == b"%PDF-" or suffix in PDF_SUFFIXES or "pdf" in content_type:
        return "pdf"
    head = data[:2000].lstrip().lower()
    if suffix in HTML_SUFFIXES or "html" in content_type or head.startswith(
        (b"<!doctype html", b"<html")
    ) or b"<body" in head:
        return "html"
    return "text"


def parse_bytes(
    data: bytes,
    *,
    source: str = "",
    fmt: str | None = None,
    published: date | None = None,
    title: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> RawDocument:
    """Extract a document from raw bytes (format detected when ``fmt`` is None)."""
    where = source or "the input"
    if len(data) > max_bytes:
        raise InputError(
            f"{where} is {len(data):,} bytes, over the {max_bytes:,}-byte limit.",
            hint="Split the document, or raise the limit (max_bytes) if it really is text.",
        )
    if not data.strip():
        raise InputError(f"{where} is empty.", hint="Give a file or page that contains text.")
    fmt = fmt or detect_format(data, source)
    if fmt == "pdf":
        doc = _parse_pdf(data, where)
    elif fmt == "html":
        doc = _parse_html(_decode(data, where), where)
    elif fmt == "text":
        doc = _parse_text(_decode(data, where))
    else:
        raise InputError(f"Unknown document format {fmt!r}.", hint="Use text, html or pdf.")
    text, meta_title, meta_date = doc
    text = strip_boilerplate(normalise_text(text))
    if not any(ch.isalnum() for ch in text):
        raise InputError(
            f"No readable text in {where}.",
            hint="Scanned PDFs need OCR first; pages built by JavaScript need saving as HTML.",
        )
    doc_title = title or meta_title or _first_line_title(text)
    when = published or meta_date or _date_near_top(text)
    return RawDocument(text=text, title=doc_title[:300], source=source, fmt=fmt,
                       original=data, published=when,
                       url=source if source.startswith(("http://", "https://")) else "")


def _decode(data: bytes, where: str) -> str:
    sample = data[:8000]
    if sample.count(b"\x00") > len(sample) // 100 and not (
        sample.startswith((b"\xff\xfe", b"\xfe\xff"))
    ):
        raise InputError(
            f"{where} looks like binary data, not text.",
            hint="Give plain text, HTML or PDF files.",
        )
    for encoding in ("utf-8-sig", "utf-16") if sample.startswith((b"\xff\xfe", b"\xfe\xff")) \
            else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError(
            f"Cannot tell the text encoding of {where}.",
            hint="Save it as UTF-8 and try again.",
        )
    return data.decode(best.encoding, errors="replace")


def _parse_text(text: str) -> tuple[str, str, date | None]:
    lines = text.replace("\r\n", "\n").split("\n")
    meta: dict[str, str] = {}
    i = 0
    while i < len(lines) and (m := _HEADER.match(lines[i].strip())):
        meta[m.group(1).lower()] = m.group(2).strip()
        i += 1
    if meta and i < len(lines) and not lines[i].strip():
        body = "\n".join(lines[i + 1:])
    elif meta:
        body = "\n".join(lines[i:])
    else:
        body = text
    when = _parse_date(meta.get("date") or meta.get("published") or "")
    title = meta.get("title", "")
    if title and not body.lstrip().startswith(title):
        body = f"{title}\n{body}"
    return body, title, when


def _parse_date(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    found = find_dates(value, language_of(value) if language_of(value) in ("ko", "zh") else "en")
    return next((d.value for d in found if d.value and d.precision == "day"), None)


def _parse_html(html: str, where: str) -> tuple[str, str, date | None]:
    import trafilatura

    title, when, text = "", None, None
    try:
        result = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=True, favor_recall=True,
            with_metadata=True,
        )
    except Exception:  # trafilatura raises assorted errors on broken markup
        result = None
    if result is not None:
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        text = data.get("text")
        title = data.get("title") or ""
        when = _parse_date(str(data.get("date") or ""))
    if not text:
        text = _strip_html(html)
        m = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
        title = title or (_strip_html(m.group(1)) if m else "")
    return text, title, when


def _strip_html(html: str) -> str:
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except Exception:
        return re.sub(r"<[^>]+>", " ", html)
    for bad in tree.xpath("//script|//style|//noscript|//template|//iframe"):
        bad.drop_tree()
    return "\n".join(t.strip() for t in tree.itertext() if t.strip())


def _parse_pdf(data: bytes, where: str) -> tuple[str, str, date | None]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(f"{where} is an encrypted PDF.", hint="Remove the password first.")
        pages = [page.extract_text() or "" for page in reader.pages]
        info: Any = reader.metadata or {}
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"{where} is not a readable PDF ({exc}).",
                         hint="Check the file is a complete, unencrypted PDF.") from exc
    title = str(info.get("/Title") or "").strip()
    when = None
    raw_date = str(info.get("/CreationDate") or "")
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})", raw_date)
    if m:
        try:
            when = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            when = None
    return "\n\n".join(pages), title, when


def _first_line_title(text: str) -> str:
    first = text.split("\n", 1)[0].strip()
    if len(first) < 150 and not first.endswith((".", "。", "다.")):
        return first
    return first[:80]


_DATE_LABEL = re.compile(
    r"입력|수정|등록|발행|기사전송|송고|发布|發佈|发表|發表|时间|時間|日期|来源|來源|更新|"
    r"\b(?:Published|Updated|Posted|Date|Dated|Released)\b", re.I)
_DATE_LINE_LEFTOVER = 40  # characters a short date line may hold besides its date


def _date_near_top(text: str) -> date | None:
    """The first full date of a date line among the first five lines (see module doc)."""
    for line in text.split("\n")[:5]:
        lang = language_of(line)
        for d in find_dates(line, lang if lang in ("en", "ko", "zh") else "en"):
            if d.relative or d.precision != "day":
                continue
            leftover = len(line) - len(d.text)
            if _DATE_LABEL.search(line) or leftover <= _DATE_LINE_LEFTOVER and \
                    not re.search(r"[.。다]$", line):
                return d.value
    return None


def read_path(path: str | Path, *, max_bytes: int = MAX_BYTES) -> list[RawDocument]:
    """One file, or every text/HTML/PDF file under a folder (sorted by path)."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"No such file or folder: {p}.", hint="Check the path.")
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in
                       TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES)
        if not files:
            raise InputError(f"No .txt, .md, .html or .pdf files under {p}.",
                             hint="Point at a folder of documents.")
    else:
        files = [p]
    docs = []
    for f in files:
        size = f.stat().st_size
        if size > max_bytes:
            raise InputError(f"{f} is {size:,} bytes, over the {max_bytes:,}-byte limit.",
                             hint="Split the document or raise the limit.")
        docs.append(parse_bytes(f.read_bytes(), source=str(f), max_bytes=max_bytes))
    return docs


def fetch_urls(
    urls: Iterable[str], *, timeout: float = 30.0, max_bytes: int = MAX_BYTES
) -> list[RawDocument]:
    """Download and parse each URL (http or https only)."""
    import httpx

    docs = []
    with httpx.Client(timeout=timeout, follow_redirects=True,
                      headers={"User-Agent": "kcbridge-docs/0.1"}) as client:
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise InputError(f"Not an http(s) URL: {url!r}.", hint="Use http:// or https://.")
            try:
                with client.stream("GET", url) as response:
                    response.raise_for_status()
                    chunks, size = [], 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise InputError(
                                f"{url} is over the {max_bytes:,}-byte limit.",
                                hint="Download it yourself and split it.")
                        chunks.append(chunk)
                    content_type = response.headers.get("content-type", "")
            except httpx.HTTPError as exc:
                raise FetchError(f"Cannot fetch {url}: {exc}.",
                                 hint="Check the address and your connection.") from exc
            data = b"".join(chunks)
            docs.append(parse_bytes(data, source=url, max_bytes=max_bytes,
                                    fmt=detect_format(data, url, content_type)))
    return docs
