"""The HTTP API (FastAPI): ``/api/...`` JSON endpoints, ``/docs`` OpenAPI, and the dashboard.

Every error is answered in one shape: ``{"ok": false, "error": <message>, "status": <code>}``
(dashboard pages get the error page instead). An exception that is not a
:class:`~kcbridge.errors.KcbridgeError` is a bug of ours: it is answered 500 with an error
id, and the traceback is logged under that id (never sent to the client).

The server shares its DuckDB store with the CLI: it opens the store for each request and
releases it when no request is in flight (see :class:`StoreSharing`), so
``kcbridge load`` can run while ``kcbridge serve`` is up; a request that arrives during a
load waits for it (``KCBRIDGE_LOCK_WAIT``) and is answered 503 if it takes longer.
Concurrent requests each read on their own thread's cursor (see :mod:`kcbridge.store.store`).
"""

from __future__ import annotations

import importlib
import logging
import threading
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from kcbridge.capabilities import CAPABILITIES
from kcbridge.errors import KcbridgeError, shorten

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.app import Platform

log = logging.getLogger("kcbridge.api")


def error_response(status: int, message: str,
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    """The one error shape, with ``message`` cut where it echoes long input."""
    return JSONResponse({"ok": False, "error": shorten(message), "status": status},
                        status_code=status, headers=dict(headers or {}))


def internal_error_message(error_id: str) -> str:
    return (f"Internal error {error_id}: kcbridge failed on this request. This is a bug in "
            "kcbridge, not a problem with your request; the server log has the details under "
            "this id (please report it).")


def create_app(platform: Platform | None = None) -> FastAPI:
    """The ASGI app serving ``platform`` (a new default Platform when omitted)."""
    from kcbridge import __version__
    from kcbridge.api import core
    from kcbridge.app import Platform
    from kcbridge.lazy import preload
    from kcbridge.web import mount_dashboard

    preload()  # requests run on many threads: no module is imported for the first time
    # by two of them at once (kcbridge/lazy.py)
    app = FastAPI(
        title="kcbridge",
        version=__version__,
        description="Korea-China cooperation evidence: complementarity, supply-chain watch, "
        "partners and trust, document intelligence.",
        docs_url=None, redoc_url=None,  # served from vendored assets (api/offline_docs.py)
    )
    app.state.platform = platform or Platform()
    sharing = StoreSharing(app.state.platform)
    app.state.store_sharing = sharing

    def _error(request: Request, status: int, message: str,
               headers: Mapping[str, str] | None = None) -> Response:
        """The JSON error shape, or the dashboard's error page for a browser."""
        if _wants_html(request):
            from kcbridge.web import render

            busy = {"synthetic": False} if status in (500, 503) else {}  # don't open it again
            page = render(request, "error.html", status_code=status, message=shorten(message),
                          heading=ERROR_HEADINGS.get(status, ERROR_HEADINGS[500]),
                          retry=_same_url(request) if status == 503 else None, **busy)
            page.headers.update(dict(headers or {}))
            return page
        return error_response(status, message, headers)

    async def _kcbridge_error(request: Request, exc: Exception) -> Response:
        status = int(getattr(exc, "status", 500))  # registered for KcbridgeError only
        if status >= 500 and status != 503:
            log.warning("%s %s answered %s: %s", request.method, request.url.path, status, exc)
        return _error(request, status, str(exc))

    async def _internal_error(request: Request, exc: Exception) -> Response:
        """Any other exception: a bug of ours. 500 with an id; the traceback goes to the
        log under that id, never to the client."""
        error_id = uuid.uuid4().hex[:12]
        log.error("Internal error %s on %s %s", error_id, request.method, request.url.path,
                  exc_info=exc)
        return _error(request, 500, internal_error_message(error_id), {"X-Error-Id": error_id})

    app.add_exception_handler(KcbridgeError, _kcbridge_error)
    app.add_exception_handler(Exception, _internal_error)  # (outermost: a fallback)

    @app.middleware("http")
    async def _share_store(request: Request, call_next: Any) -> Any:
        try:
            if request.url.path.startswith(NO_STORE_PREFIXES):
                return await call_next(request)
            try:
                await run_in_threadpool(sharing.enter)
            except KcbridgeError as exc:
                return await _kcbridge_error(request, exc)
            try:
                return await call_next(request)
            finally:
                await run_in_threadpool(sharing.leave)
        except Exception as exc:  # noqa: BLE001 - every failure gets the error shape
            if isinstance(exc, KcbridgeError):
                return await _kcbridge_error(request, exc)
            return await _internal_error(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(
                shorten(str(p), 60) for p in err.get("loc", ())
                if p not in ("query", "body", "path")
            )
            parts.append(f"{where}: {err.get('msg')}")
        return error_response(422, "Invalid request: " + "; ".join(parts))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        headers = dict(exc.headers or {})
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"No such endpoint: {request.url.path}. See /docs for the API."
        elif exc.status_code == 405:
            allowed = headers.get("Allow") or headers.get("allow") or ""
            detail = (f"{request.method} is not allowed on {request.url.path}; use "
                      f"{allowed or 'another method'} (see /docs).")
        return _error(request, exc.status_code, detail, headers)

    from kcbridge.api.offline_docs import install_offline_docs

    install_offline_docs(app)  # /docs and /redoc with no CDN
    app.include_router(core.router)
    for cap in CAPABILITIES:
        app.include_router(importlib.import_module(cap.interface_module("api")).router)
    mount_dashboard(app)
    from kcbridge.api.openapi import document_errors

    document_errors(app)
    return app


#: the heading of the dashboard's error page, by HTTP status
ERROR_HEADINGS = {
    400: "Check the request", 401: "Not allowed", 404: "Not found",
    422: "Check the request", 500: "Something went wrong", 503: "The store is busy",
}

#: paths served without touching the store
STATIC_PREFIX = "/static"
NO_STORE_PREFIXES = (STATIC_PREFIX, "/openapi.json", "/docs", "/redoc")


class StoreSharing:
    """Counts the requests in flight; the first opens the store (``Platform.acquire``:
    waits for another process, refreshes stale services) while the requests that arrive
    meanwhile wait for it, and the last one out releases it so the CLI can open the DuckDB
    file between requests. A request whose :meth:`enter` failed (store busy) is not
    counted: it must not call :meth:`leave`."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.in_flight = 0
        self._lock = threading.Lock()

    def enter(self) -> None:
        with self._lock:
            if self.in_flight == 0:
                try:
                    self.platform.acquire()
                except BaseException:
                    self.platform.release()  # whatever was opened: nobody is in flight
                    raise
            self.in_flight += 1

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1
            if self.in_flight == 0:
                self.platform.release()


def _same_url(request: Request) -> str:
    """The path and query of ``request`` (a link to try it again)."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def _wants_html(request: Request) -> bool:
    """Dashboard pages get an HTML error page; the API and feeds get the JSON shape."""
    path = request.url.path
    if path.startswith("/api") or path.endswith((".json", ".xml", ".atom", ".csv")):
        return False
    return "text/html" in request.headers.get("accept", "")
