"""The OpenAPI document, complete: the error responses of every operation (in the one error
shape), the closed sets of values a parameter takes (enums), and the media types of the
downloads and the Atom feed.

FastAPI documents only 200 and its own 422; this adds, to every ``/api`` operation, 404 (a
country, product, alert or document that is not there, or a store without the data), 422
(a malformed request), 500 (a bug, answered with an error id) and 503 (the store is busy
with another process), plus 401 to the operations that need the API token. The enum values
come from the modules that check them, so the spec and the checks cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "description": 'Every error: `{"ok": false, "error": <message saying how to fix it>, '
    '"status": <HTTP status>}`.',
    "properties": {
        "ok": {"type": "boolean", "enum": [False]},
        "error": {"type": "string"},
        "status": {"type": "integer"},
    },
    "required": ["ok", "error", "status"],
}

ERROR_RESPONSES = {
    "401": "The API token is missing or wrong (writes need `Authorization: Bearer <token>`).",
    "404": "Not found: an unknown code or id, or the store lacks the data (the message names "
    "the command that loads it).",
    "422": "The request is malformed: a parameter of the wrong type, out of range or not one "
    "of the allowed values.",
    "500": "A bug in kcbridge: the message carries an error id under which the server logged "
    "the details.",
    "503": "The store is busy with another process (e.g. a running load); retry later.",
}

#: media types of the answers that are not JSON
MEDIA_TYPES = {
    "/api/watch/feed.atom": "application/atom+xml",
    "/api/watch/alerts.csv": "text/csv",
    "/api/watch/dependencies.csv": "text/csv",
}


def _enums() -> dict[tuple[str, str], list[str]]:
    """(path, parameter) -> the values the parameter takes, from the modules that check
    them (imported when the spec is first asked for, not at start-up)."""
    from kcbridge.docs.model import STAGE_ORDER, STATEMENT_TYPES
    from kcbridge.docs.search import MODES
    from kcbridge.partners.service import CANDIDATE_STATUSES
    from kcbridge.trade.complexity import METHODS, NORMALISATIONS
    from kcbridge.trade.service import COUNTRY_SETS, GROUPINGS
    from kcbridge.watch.alerts import SEVERITIES, STATUSES
    from kcbridge.watch.dependency import REGIMES

    alert_filters = {"status": list(STATUSES), "severity": list(SEVERITIES)}
    screen = {"regime": list(REGIMES)}
    table: dict[str, dict[str, list[str]]] = {
        "/api/trade/complementarity": {"by": list(GROUPINGS)},
        "/api/trade/complexity": {"method": list(METHODS), "normalisation": list(NORMALISATIONS),
                                  "countries": list(COUNTRY_SETS)},
        "/api/watch/dependencies": {**screen, "by": ["sector", "critical_item"]},
        "/api/watch/dependencies.csv": screen,
        "/api/watch/alerts": alert_filters,
        "/api/watch/alerts.csv": alert_filters,
        "/api/watch/alerts/{alert_id}/status": {"status": list(STATUSES)},
        "/api/docs/search": {"target": ["documents", "statements"], "mode": list(MODES),
                             "stage": list(STATEMENT_TYPES)},
        "/api/docs/statements": {"stage": list(STATEMENT_TYPES)},
        "/api/docs/commitments": {"stage": [*STAGE_ORDER, "restriction"]},
        "/api/partners/candidates": {"status": [*CANDIDATE_STATUSES, "all"]},
    }
    return {(path, name): values for path, params in table.items()
            for name, values in params.items()}


def _needs_token(route: APIRoute) -> bool:
    from kcbridge.api.deps import require_token

    return any(getattr(dep, "dependency", None) is require_token for dep in route.dependencies)


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every APIRoute, also inside the routers FastAPI includes as one route each (their
    paths already carry the router's prefix; the app adds none)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):
            yield from _api_routes(route.original_router.routes)


def _set_enum(schema: dict[str, Any], values: list[str]) -> None:
    """Put ``values`` on a parameter schema (``anyOf`` of string and null for optional
    parameters)."""
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "string":
            option["enum"] = values
            return


def build_spec(app: FastAPI) -> dict[str, Any]:
    spec = get_openapi(title=app.title, version=app.version, description=app.description,
                       routes=app.routes)
    components = spec.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    token_ops = {(route.path, method.lower()) for route in _api_routes(app.routes)
                 if _needs_token(route) for method in route.methods or ()}
    enums = _enums()
    for path, item in spec.get("paths", {}).items():
        for method, op in item.items():
            responses = op.setdefault("responses", {})
            codes = ["404", "422", "500", "503"]
            if (path, method) in token_ops:
                codes.insert(0, "401")
            for code in codes:
                responses[code] = {"description": ERROR_RESPONSES[code],
                                   "content": {"application/json": {"schema": ref}}}
            media = MEDIA_TYPES.get(path)
            if media and "200" in responses:
                responses["200"]["content"] = {media: {"schema": {"type": "string"}}}
            for param in op.get("parameters", []):
                values = enums.get((path, param["name"]))
                if values:
                    _set_enum(param.setdefault("schema", {}), values)
    for unused in ("HTTPValidationError", "ValidationError"):
        if not any(unused in str(item) for item in spec.get("paths", {}).values()):
            components.pop(unused, None)
    return spec


def document_errors(app: FastAPI) -> None:
    """Serve :func:`build_spec` as the app's OpenAPI document (built on first request)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_spec(app)
        return app.openapi_schema

    setter: Callable[..., Any] = setattr
    setter(app, "openapi", openapi)
