"""kcbridge: evidence and tools for Korea-China industrial and S&T cooperation.

The one entry point is :class:`kcbridge.app.Platform`; the CLI, the HTTP API and the
dashboard all call it.
"""

from typing import TYPE_CHECKING, Any

from kcbridge.errors import KcbridgeError

if TYPE_CHECKING:
    from kcbridge.app import Platform

__version__ = "0.1.0"

__all__ = ["KcbridgeError", "Platform", "__version__"]


def __getattr__(name: str) -> Any:
    """``from kcbridge import Platform`` for notebooks, imported on first use so that
    ``import kcbridge`` stays cheap."""
    if name == "Platform":
        from kcbridge.app import Platform

        return Platform
    raise AttributeError(f"module 'kcbridge' has no attribute {name!r}")
