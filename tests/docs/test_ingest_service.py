"""Ingestion (text, HTML, PDF, folders, URLs from a local server), hostile input, duplicate
detection, search, commitments, news signals, and the evaluation targets."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from kcbridge.docs.dedup import content_hash, minhash, similarity
from kcbridge.docs.evaluation import TARGETS, evaluate
from kcbridge.docs.ingest import parse_bytes
from kcbridge.errors import InputError

EN = ("Title: Korea and China agree on chip dialogue\nDate: 2024-03-14\n\n"
      "The two countries agreed on Tuesday to set up a dialogue mechanism on semiconductor "
      "supply chains. China announced export controls on graphite last week.")
ZH = ("Title: 韩中同意建立芯片对话机制\nDate: 2024-03-15\n\n"
      "中韩双方上周三同意建立半导体供应链对话机制。")
HTML = (b"<html><head><title>Page</title><script>alert('x')</script></head><body><article>"
        b"<h1>Korea and China sign battery MOU</h1><p>On March 3, 2024 Samsung SDI and CATL "
        b"signed a memorandum of understanding on joint research into solid-state batteries. "
        b"The agreement covers recycling and was welcomed by industry groups in both "
        b"countries.</p><script>document.write('evil')</script></article></body></html>")


def _pdf_bytes(text: str) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=600, height=200)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 10 Tf 20 100 Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    import io

    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_parse_text_html_pdf() -> None:
    doc = parse_bytes(EN.encode(), source="a.txt")
    assert (doc.title, doc.published, doc.fmt) == (
        "Korea and China agree on chip dialogue", date(2024, 3, 14), "text")
    html = parse_bytes(HTML, source="page.html")
    assert html.fmt == "html" and "signed a memorandum" in html.text
    assert "alert" not in html.text and "evil" not in html.text
    pdf = parse_bytes(_pdf_bytes("Samsung and CATL signed a memorandum on batteries."),
                      source="x.pdf")
    assert pdf.fmt == "pdf" and "signed a memorandum" in pdf.text


def test_legacy_encoding_is_decoded() -> None:
    doc = parse_bytes("中韩双方签署协议，共同建设产业园区。".encode("gb18030"), source="gb.txt")
    assert doc.text == "中韩双方签署协议，共同建设产业园区。"


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty"), (b"   \n ", "empty"), (b"\x00\x01\x02\x03" * 20, "binary"),
     (b"%PDF-1.4 broken", "not a readable PDF"), (b"x" * 101, "over the 100-byte limit")],
    ids=["empty", "blank", "binary", "broken-pdf", "huge"],
)
def test_hostile_input_is_refused_clearly(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_bytes(data, source="bad", max_bytes=100)


def test_exact_and_near_duplicate_signatures() -> None:
    a = ("Korea and China agreed on Tuesday to set up a dialogue mechanism on semiconductor "
         "supply chains, officials said. ") * 3
    b = a.replace("officials said", "the ministry said")
    assert content_hash(a) == content_hash(a.upper().replace(" ", "  "))
    assert similarity(minhash(a), minhash(b)) >= 0.6
    assert similarity(minhash(a), minhash("Hydrogen fuel cells in Shandong. " * 5)) < 0.1


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "story.html").write_bytes(HTML)
    handler = partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_service_end_to_end(platform, tmp_path: Path, served: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(EN, encoding="utf-8")
    (folder / "b.txt").write_text(ZH, encoding="utf-8")
    (folder / "ignored.bin").write_bytes(b"\x00\x01")
    results = platform.docs.ingest([str(folder), f"{served}/story.html"])
    assert [r["status"] for r in results] == ["new", "new", "new"]
    assert [r["language"] for r in results] == ["en", "zh", "en"]
    assert [s["type"] for s in results[0]["statements"]] == ["agreement", "restriction"]
    # the same file again is an exact duplicate and is not stored twice
    again = platform.docs.ingest([str(folder / "a.txt")])
    assert again[0]["status"] == "exact_duplicate"
    assert platform.store.count("docs_documents") == 3
    # a lightly edited copy is a near duplicate of the original
    (tmp_path / "c.txt").write_text(EN.replace("last week", "last Friday"), encoding="utf-8")
    near = platform.docs.ingest([str(tmp_path / "c.txt")])[0]
    assert near["status"] == "near_duplicate" and near["duplicate_of"] == results[0]["doc_id"]

    doc = platform.docs.document(results[2]["doc_id"])
    assert doc["url"].endswith("/story.html") and doc["fmt"] == "html"
    assert platform.docs.original(results[2]["doc_id"]) == HTML

    hits = platform.docs.search("对话机制", target="documents", mode="text")
    assert hits.iloc[0]["doc_id"] == results[1]["doc_id"]
    st = platform.docs.search("battery memorandum", target="statements", stage="signed")
    assert list(st["type"]) == ["signed"]
    assert platform.docs.search("dialogue", target="statements", language="zh",
                                mode="semantic")["lang"].eq("zh").all()
    by_actor = platform.docs.search("memorandum", target="documents", actor="삼성SDI")
    assert list(by_actor["doc_id"]) == [results[2]["doc_id"]]

    commitments = platform.docs.commitments(sector="semiconductors")
    row = commitments[commitments["commitment"] == "CHN+KOR|semiconductors|dialogue"].iloc[0]
    assert row["stage"] == "agreement" and row["documents"] == 3  # a, b and the near copy
    signals = platform.docs.news_signals()
    assert set(signals["hs6"]) == {"250410", "250490", "380110"}
    assert set(signals["material"]) == {"graphite"}


def test_evaluation_meets_targets_in_each_language() -> None:
    scores, _errors = evaluate()
    assert set(TARGETS) == {"organisations", "sectors", "statement_type"}
    for field, target in TARGETS.items():
        for lang in ("en", "ko", "zh"):
            row = scores[(scores["field"] == field) & (scores["lang"] == lang)].iloc[0]
            assert row["f1"] >= target, (field, lang, row["f1"])
