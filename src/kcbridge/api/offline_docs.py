"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) that work with no internet.

FastAPI's own pages load their scripts and styles from a CDN, so offline they are blank.
Here the same pages point at the Swagger UI and ReDoc bundles shipped inside the
``fastapi-offline`` wheel (MIT), served by kcbridge under :data:`ASSETS_URL`. The pages are
FastAPI's own (``get_swagger_ui_html`` / ``get_redoc_html``); only the asset URLs differ.
ReDoc's Google fonts are switched off, and the favicon is served locally too.

The app must be created with ``docs_url=None, redoc_url=None`` so these routes take the paths.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.staticfiles import StaticFiles
from starlette.responses import HTMLResponse

#: where the vendored bundles are served (under "/docs" so the store is never opened for them)
ASSETS_URL = "/docs-assets"
ASSETS_DIR = Path(fastapi_offline.__file__).parent / "static"
ASSET_FILES = ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png")


def install_offline_docs(app: FastAPI, docs_url: str = "/docs",
                         redoc_url: str = "/redoc") -> None:
    """Add ``docs_url``, ``redoc_url`` and their local assets to ``app``."""
    missing = [name for name in ASSET_FILES if not (ASSETS_DIR / name).is_file()]
    if missing:  # a broken install, not something the user did
        raise RuntimeError(f"fastapi-offline is installed without {', '.join(missing)} in "
                           f"{ASSETS_DIR}; reinstall it: pip install --force-reinstall "
                           "fastapi-offline")
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"
    oauth2_url = app.swagger_ui_oauth2_redirect_url or f"{docs_url}/oauth2-redirect"

    def _root(request: Request) -> str:
        return str(request.scope.get("root_path", ""))

    @app.get(docs_url, include_in_schema=False)
    async def swagger_ui(request: Request) -> HTMLResponse:
        root = _root(request)
        return get_swagger_ui_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} API - Swagger UI",
            oauth2_redirect_url=f"{root}{oauth2_url}",
            swagger_js_url=f"{root}{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
            swagger_ui_parameters=app.swagger_ui_parameters,
        )

    @app.get(oauth2_url, include_in_schema=False)
    async def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get(redoc_url, include_in_schema=False)
    async def redoc(request: Request) -> HTMLResponse:
        root = _root(request)
        page = get_redoc_html(
            openapi_url=f"{root}{openapi_url}",
            title=f"{app.title} API - ReDoc",
            redoc_js_url=f"{root}{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
            with_google_fonts=False,
        )
        # ReDoc's bundle hard-codes its "API docs by Redocly" logo on cdn.redoc.ly: images
        # come from this server only, so the page never reaches out (its alt text shows).
        page.headers["Content-Security-Policy"] = "img-src 'self' data: blob:"
        return page
