"""One exception root for every user-facing error.

Every error a user can see is a :class:`KcbridgeError`. Each carries a message that
says what went wrong *and how to fix it*, and an HTTP status the API maps it to.
The CLI prints ``Error: <message>`` and exits 1; the API answers
``{"ok": false, "error": <message>, "status": <status>}``.
"""

from __future__ import annotations

import re

#: a value echoed into a message is cut after this many characters
FIELD_LIMIT = 200
#: and a whole message after this many
MESSAGE_LIMIT = 2000
_LONG_RUN = re.compile(rf"\S{{{FIELD_LIMIT + 1},}}")


def clip(value: object, limit: int = FIELD_LIMIT) -> str:
    """``value`` as text for a message, cut at ``limit`` characters with "…" (a 2 MB
    field of a bad file must not come back whole in the error)."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def shorten(message: str, limit: int = FIELD_LIMIT) -> str:
    """``message`` with every run of more than ``limit`` non-blank characters (an echoed
    field, a token, a blob) cut with "…", and at most :data:`MESSAGE_LIMIT` characters."""
    if len(message) <= limit:
        return message
    pattern = _LONG_RUN if limit == FIELD_LIMIT else re.compile(rf"\S{{{limit + 1},}}")
    out = pattern.sub(lambda m: m.group(0)[:limit] + "…", message)
    return clip(out, MESSAGE_LIMIT)


class KcbridgeError(Exception):
    """Root of every kcbridge error a user can see. Long input echoed into ``message`` or
    ``hint`` is cut (see :func:`shorten`)."""

    status: int = 400

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = shorten(message)
        self.hint = shorten(hint) if hint else hint
        super().__init__(self.__str__())

    def replace_text(self, old: str, new: str) -> None:
        """Replace ``old`` (e.g. a server temp path) by ``new`` in the message and hint."""
        if not old:
            return
        self.message = self.message.replace(old, new)
        self.hint = self.hint.replace(old, new) if self.hint else self.hint
        self.args = (self.__str__(),)

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message} {self.hint}"
        return self.message


class ConfigError(KcbridgeError):
    """A setting or the environment is wrong."""

    status = 500


class InputError(KcbridgeError):
    """A file, argument or request is malformed (wrong columns, bad codes, ...)."""

    status = 422


class NotFoundError(KcbridgeError):
    """Something asked for is not in the store or the reference data."""

    status = 404


class AuthError(KcbridgeError):
    """A write was attempted without the API token."""

    status = 401


class StoreError(KcbridgeError):
    """The store could not be opened or written."""

    status = 500


class StoreBusyError(StoreError):
    """Another process holds the store (DuckDB allows one writer process at a time)."""

    status = 503


class FetchError(KcbridgeError):
    """A download from a public source failed."""

    status = 502


class InternalError(KcbridgeError):
    """A bug in kcbridge itself (an unexpected exception), not a problem with the user's
    input. Raised with the original exception chained and its traceback logged, so that
    a bug is reported as a bug and never as "check your file"."""

    status = 500
