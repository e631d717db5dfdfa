"""Dependencies shared by every API router: the platform, the write token, envelopes."""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import Request

from kcbridge.errors import AuthError


def get_platform(request: Request) -> Any:
    """The Platform the app was created with."""
    return request.app.state.platform


def require_token(request: Request) -> None:
    """Writes need ``Authorization: Bearer <KCBRIDGE_API_TOKEN>`` (or ``X-API-Token``)."""
    expected = request.app.state.platform.settings.api_token
    if not expected:
        raise AuthError(
            "Writes are disabled: no API token is configured.",
            hint="Set KCBRIDGE_API_TOKEN on the server and send it as "
            "`Authorization: Bearer <token>`.",
        )
    sent = request.headers.get("x-api-token") or ""
    auth = request.headers.get("authorization") or ""
    if auth.lower().startswith("bearer "):
        sent = auth[7:].strip()
    if not sent or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise AuthError(
            "A valid API token is required for this request.",
            hint="Send `Authorization: Bearer <token>` with the server's KCBRIDGE_API_TOKEN.",
        )


def envelope(platform: Any, data: Any = None, **extra: Any) -> dict[str, Any]:
    """The success shape: ``{"ok": true, "synthetic": bool, "data": ..., ...}``."""
    from kcbridge.cli.common import _jsonable

    out: dict[str, Any] = {"ok": True, "synthetic": bool(platform.synthetic)}
    if platform.synthetic:
        out["label"] = "SYNTHETIC demo data: not real statistics"
    out["data"] = _jsonable(data)
    out.update({k: _jsonable(v) for k, v in extra.items()})
    return out
