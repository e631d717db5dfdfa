"""The HTTP API (FastAPI): ``/api/...`` JSON endpoints, ``/docs`` OpenAPI, and the dashboard.

Every error is answered in one shape: ``{"ok": false, "error": <message>, "status": <code>}``.

The server shares its DuckDB store with the CLI: it opens the store for each request and
releases it when no request is in flight (see :class:`StoreSharing`), so
``kcbridge load`` can run while ``kcbridge serve`` is up; a request that arrives during a
load waits for it (``KCBRIDGE_LOCK_WAIT``) and is answered 503 if it takes longer.
"""

from __future__ import annotations

import importlib
import threading
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from kcbridge.errors import KcbridgeError

CAPABILITY_MODULES = ("trade", "watch", "docs", "partners")


def error_response(status: int, message: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)


def create_app(platform: Any = None) -> FastAPI:
    """The ASGI app serving ``platform`` (a new default Platform when omitted)."""
    from kcbridge import __version__
    from kcbridge.api import core
    from kcbridge.app import Platform
    from kcbridge.web import mount_dashboard

    app = FastAPI(
        title="kcbridge",
        version=__version__,
        description="Korea-China cooperation evidence: complementarity, supply-chain watch, "
        "partners and trust, document intelligence.",
    )
    app.state.platform = platform or Platform()
    sharing = StoreSharing(app.state.platform)
    app.state.store_sharing = sharing

    async def _kcbridge_error(request: Request, exc: Exception) -> Any:
        status = int(getattr(exc, "status", 500))  # registered for KcbridgeError only
        if _wants_html(request):
            from kcbridge.web import render

            busy = {"synthetic": False} if status == 503 else {}  # don't wait for it twice
            return render(request, "error.html", status_code=status, message=str(exc),
                          heading=ERROR_HEADINGS.get(status, ERROR_HEADINGS[500]),
                          retry=_same_url(request) if status == 503 else None, **busy)
        return error_response(status, str(exc))

    app.add_exception_handler(KcbridgeError, _kcbridge_error)

    @app.middleware("http")
    async def _share_store(request: Request, call_next: Any) -> Any:
        if request.url.path.startswith(STATIC_PREFIX):
            return await call_next(request)
        try:
            await run_in_threadpool(sharing.enter)
        except KcbridgeError as exc:
            await run_in_threadpool(sharing.leave)
            return await _kcbridge_error(request, exc)
        try:
            return await call_next(request)
        finally:
            await run_in_threadpool(sharing.leave)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors():
            where = ".".join(
                str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path")
            )
            parts.append(f"{where}: {err.get('msg')}")
        return error_response(422, "Invalid request: " + "; ".join(parts))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"No such endpoint: {request.url.path}. See /docs for the API."
        return error_response(exc.status_code, detail)

    app.include_router(core.router)
    for name in CAPABILITY_MODULES:
        module = _optional(f"kcbridge.api.{name}")
        if module is not None:
            app.include_router(module.router)
    mount_dashboard(app)
    return app


#: the heading of the dashboard's error page, by HTTP status
ERROR_HEADINGS = {
    400: "Check the request", 401: "Not allowed", 404: "Not found",
    422: "Check the request", 500: "Something went wrong", 503: "The store is busy",
}

#: paths served without touching the store
STATIC_PREFIX = "/static"


class StoreSharing:
    """Counts the requests in flight; the first opens the store (``Platform.acquire``:
    waits for another process, refreshes stale services), the last releases it so the
    CLI can open the DuckDB file between requests."""

    def __init__(self, platform: Any) -> None:
        self.platform = platform
        self.in_flight = 0
        self._lock = threading.Lock()

    def enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            first = self.in_flight == 1
        if first:
            self.platform.acquire()

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


def _optional(module_name: str) -> Any:
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise
