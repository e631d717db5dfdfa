"""A scripted HTTP server on 127.0.0.1 for the fetcher tests (loaded by test_fetch_*.py).

``server.add(path, reply1, reply2, ...)``: the n-th request to ``path`` gets the n-th reply,
the last one repeating. Replies: :func:`status` (a status with a body and headers) and
:func:`blob` (a file that honours ``Range``/``If-Range`` like a static file server, can
drop the connection after some bytes, or ignore ``Range``). Every request's path, query
and headers are recorded, and how many body bytes each reply sent.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

Reply = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Seen:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    sent: int = 0
    status: int = 0


@dataclass
class ScriptedServer:
    routes: dict[str, list[Reply]] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                url = urlparse(self.path)
                seen = Seen(url.path, parse_qs(url.query), dict(self.headers))
                server.requests.append(seen)
                replies = server.routes.get(url.path) or [status(404, b"not found")]
                reply = replies.pop(0) if len(replies) > 1 else replies[0]
                self.seen = seen
                reply(self)

            def send_response(self, code: int, message: str | None = None) -> None:
                server.requests[-1].status = code
                super().send_response(code, message)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add(self, path: str, *replies: Reply) -> None:
        self.routes[path] = list(replies)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def status(code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Reply:
    def reply(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(code)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        _sent(handler, len(body))
        handler.wfile.write(body)

    return reply


def blob(data: bytes, *, etag: str | None = None, last_modified: str | None = None,
         ranges: bool = True, drop_after: int | None = None) -> Reply:
    """``data`` as a static file server sends it; ``drop_after``: close the connection
    after that many body bytes (the headers announce all of them)."""

    def reply(handler: BaseHTTPRequestHandler) -> None:
        asked = handler.headers.get("Range")
        if_range = handler.headers.get("If-Range")
        start = 0
        if ranges and asked and (if_range is None or if_range in (etag, last_modified)):
            match = re.fullmatch(r"bytes=(\d+)-", asked)
            assert match is not None, asked
            start = int(match.group(1))
            if start >= len(data):
                status(416, b"", {"Content-Range": f"bytes */{len(data)}"})(handler)
                return
        body = data[start:]
        handler.send_response(206 if start else 200)
        if start:
            handler.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        if ranges:
            handler.send_header("Accept-Ranges", "bytes")
        if etag:
            handler.send_header("ETag", etag)
        if last_modified:
            handler.send_header("Last-Modified", last_modified)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if drop_after is None:
            _sent(handler, len(body))
            handler.wfile.write(body)
            return
        _sent(handler, min(drop_after, len(body)))
        handler.wfile.write(body[:drop_after])
        handler.wfile.flush()
        handler.connection.shutdown(socket.SHUT_RDWR)
        handler.close_connection = True

    return reply


def _sent(handler: BaseHTTPRequestHandler, count: int) -> None:
    """Record the body bytes before writing them: the client may be done before we return."""
    seen: Seen = getattr(handler, "seen")  # noqa: B009 - set by do_GET
    seen.sent = count
