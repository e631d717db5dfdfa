"""One exception root for every user-facing error.

Every error a user can see is a :class:`KcbridgeError`. Each carries a message that
says what went wrong *and how to fix it*, and an HTTP status the API maps it to.
The CLI prints ``Error: <message>`` and exits 1; the API answers
``{"ok": false, "error": <message>, "status": <status>}``.
"""

from __future__ import annotations


class KcbridgeError(Exception):
    """Root of every kcbridge error a user can see."""

    status: int = 400

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(self.__str__())

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
