"""The dashboard: Jinja2 pages served by the same FastAPI app as the API.

Capability pages live in ``kcbridge.web.<capability>`` (each defines ``router``) with
templates in ``templates/<capability>/`` extending ``base.html``. Charts are Vega-Lite
specs made with Altair and drawn by the vendored vega scripts in ``static/vendor``.
Autoescape is on: text from documents and uploads is untrusted.
"""

from __future__ import annotations

import importlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from kcbridge.capabilities import CAPABILITIES
from kcbridge.formats import SYNTHETIC_LABEL
from kcbridge.web import labels

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.app import Platform

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))

#: (module, url prefix, label) of each capability's pages, in navigation order (from the
#: one list of capabilities).
SECTIONS = tuple((c.name, c.web_prefix, c.label) for c in CAPABILITIES)


def platform_of(request: Request) -> Platform:
    """The Platform the app serves, typed (so pages' calls into services are checked)."""
    platform: Platform = request.app.state.platform
    return platform


T = TypeVar("T")
#: how many views :func:`kept_view` keeps per server process (least recently used go)
KEPT_VIEWS = 64
_kept_lock = threading.Lock()


def kept_view(request: Request, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()`` (what a page shows: plain data, never mutated after), kept in this
    server process while the store's data version stays the same, so a repeated visit
    runs no query but the version's; any committed write (a load, an alert's new status,
    another process's) changes the version and the next visit computes again. A store
    without a data version (no write yet) computes every time."""
    version = platform_of(request).store.data_version()
    if version is None:
        return compute()
    kept: OrderedDict[tuple[Any, ...], tuple[str, Any]] = request.app.state.kept_views
    with _kept_lock:
        hit = kept.get(key)
        if hit is not None and hit[0] == version:
            kept.move_to_end(key)
            return hit[1]  # type: ignore[no-any-return]  # stored by this function as T
    value = compute()
    with _kept_lock:
        kept[key] = (version, value)
        kept.move_to_end(key)
        while len(kept) > KEPT_VIEWS:
            kept.popitem(last=False)
    return value


def chart_json(chart: Any) -> Markup:
    """A chart (Altair chart or Vega-Lite dict) as JSON safe to put inside <script>."""
    spec = chart.to_dict() if hasattr(chart, "to_dict") else chart
    text = json.dumps(spec, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


templates.env.filters["chart_json"] = chart_json
templates.env.globals["synthetic_label"] = SYNTHETIC_LABEL  # the banner of base.html
# the watch stores short ids (broad_surge, not_confirmed, quantity,value); pages show words
templates.env.filters["detectors_text"] = labels.detectors_text
templates.env.filters["detector_help"] = labels.detector_help
templates.env.filters["mirror_name"] = labels.mirror_name
templates.env.filters["mirror_help"] = labels.mirror_help
templates.env.filters["measures_text"] = labels.measures_text


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
    for cap in CAPABILITIES:
        module = importlib.import_module(cap.interface_module("web"))
        app.include_router(module.router)
        nav.append({"href": cap.web_prefix, "label": cap.label})
    nav.append({"href": "/docs", "label": "API"})
    app.state.nav = nav
    app.state.kept_views = OrderedDict()  # see kept_view
