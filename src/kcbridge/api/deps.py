"""Dependencies shared by every API router: the platform, the write token, envelopes, and
bounded query parameter types.

Every number a client sends is bounded in the spec and checked before any work, so
``limit=10000000000000000000000000`` or ``threshold=-1`` is a 422 in the error shape, not
an overflow deep in the database (a 500). Use the aliases (``year: Year = None``) or the
bounds (``Query(200, ge=0, le=MAX_ROWS)``) for every numeric parameter.
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Query, Request

from kcbridge.errors import AuthError
from kcbridge.formats import SYNTHETIC_LABEL, jsonable

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.app import Platform

#: the most rows one answer may ask for (``limit``) or skip (``offset``)
MAX_ROWS = 10_000_000
#: the most results of a ranking (``k``, ``top`` ...)
MAX_RESULTS = 10_000
#: years a trade statistic can have
MIN_YEAR, MAX_YEAR = 1950, 2100

Year = Annotated[int | None, Query(ge=MIN_YEAR, le=MAX_YEAR,
                                   description="Year (default: the latest in the store).")]
Limit = Annotated[int, Query(ge=0, le=MAX_ROWS, description="At most this many rows.")]
Offset = Annotated[int, Query(ge=0, le=MAX_ROWS, description="Skip this many rows (paging).")]
Results = Annotated[int, Query(ge=1, le=MAX_RESULTS, description="How many results.")]
#: a similarity score in percent (name matching)
Percent = Annotated[float, Query(ge=0, le=100, description="0 to 100.")]


def get_platform(request: Request) -> Platform:
    """The Platform the app was created with."""
    platform: Platform = request.app.state.platform
    return platform


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


def envelope(platform: Platform, data: Any = None, **extra: Any) -> dict[str, Any]:
    """The success shape: ``{"ok": true, "synthetic": bool, "data": ..., ...}``."""
    out: dict[str, Any] = {"ok": True, "synthetic": bool(platform.synthetic)}
    if platform.synthetic:
        out["label"] = SYNTHETIC_LABEL
    out["data"] = jsonable(data)
    out.update({k: jsonable(v) for k, v in extra.items()})
    return out
