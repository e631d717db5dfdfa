"""kcbridge: evidence and tools for Korea-China industrial and S&T cooperation.

The one entry point is :class:`kcbridge.app.Platform`; the CLI, the HTTP API and the
dashboard all call it.
"""

from kcbridge.errors import KcbridgeError

__version__ = "0.1.0"

__all__ = ["KcbridgeError", "__version__"]
