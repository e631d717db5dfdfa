"""The dashboard: Jinja2 pages served by the same FastAPI app as the API.

Capability pages live in ``kcbridge.web.<capability>`` (each defines ``router``) with
templates in ``templates/<capability>/`` extending ``base.html``. Charts are Vega-Lite
specs made with Altair and drawn by the vendored vega scripts in ``static/vendor``.
Autoescape is on: text from documents and uploads is untrusted.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))

#: (module, url prefix, label) of each capability's pages, in navigation order.
SECTIONS = (
    ("trade", "/trade", "Trade"),
    ("watch", "/watch", "Supply-chain watch"),
    ("partners", "/partners", "Partners & trust"),
    ("docs", "/documents", "Documents"),
)


def chart_json(chart: Any) -> Markup:
    """A chart (Altair chart or Vega-Lite dict) as JSON safe to put inside <script>."""
    spec = chart.to_dict() if hasattr(chart, "to_dict") else chart
    text = json.dumps(spec, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


templates.env.filters["chart_json"] = chart_json


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with the navigation, the SYNTHETIC flag and ``context``."""
    platform = request.app.state.platform
    synthetic = context.pop("synthetic", None)  # given by pages that must not open the store
    if synthetic is None:
        try:
            synthetic = bool(platform.synthetic)
        except Exception:  # noqa: BLE001 - a broken store must still render an error page
            synthetic = False
    base = {
        "nav": request.app.state.nav,
        "synthetic": synthetic,
        "path": request.url.path,
    }
    return templates.TemplateResponse(
        request, template, {**base, **context}, status_code=status_code
    )


def mount_dashboard(app: FastAPI) -> None:
    from kcbridge.web import home

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    nav = [{"href": "/", "label": "Home"}]
    app.include_router(home.router)
    for module_name, prefix, label in SECTIONS:
        name = f"kcbridge.web.{module_name}"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        app.include_router(module.router)
        nav.append({"href": prefix, "label": label})
    nav.append({"href": "/docs", "label": "API"})
    app.state.nav = nav
