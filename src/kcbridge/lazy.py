"""Names a package re-exports from its modules, loaded when first used (PEP 562).

A package whose ``__init__`` imports its own submodules makes a cycle (importing
``pkg.sub`` runs ``pkg/__init__``, which imports ``pkg.sub``). In one thread Python
resolves it; when two threads import the package for the first time at once (two
requests of ``kcbridge serve``), one of them can see the module half initialised and
fail with "cannot import name ... from partially initialized module". A package that
names its exports here imports nothing at import time: no cycle, and no cost for a
command that uses none of them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


def lazy_exports(package: str, names: dict[str, str]) -> Callable[[str], Any]:
    """The module ``__getattr__`` of ``package``: ``names`` maps each public name to the
    submodule (relative to ``package``) that defines it; the value is kept in the
    package's namespace after the first use."""

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        vars(importlib.import_module(package))[name] = value
        return value

    return __getattr__



#: modules a server never needs: the command line (and ``python -m kcbridge``)
NOT_PRELOADED = ("kcbridge.__main__", "kcbridge.cli")


def preload(package: str = "kcbridge") -> list[str]:
    """Import every module of ``package`` now, in this thread; returns their names.

    kcbridge imports most modules where they are first needed, so that a CLI command
    pays only for what it uses. A server runs requests on many threads, and two threads
    importing the same modules for the first time at once can break each other (a module
    seen half initialised, ``KeyError`` from the import system: seen under 20 concurrent
    requests). ``kcbridge serve`` therefore imports everything once before it accepts a
    request: every module of the package, then every third-party module that one of them
    imports inside a function (pandas, the encoders, openpyxl ...; :func:`deferred_imports`).
    A module that needs an optional third-party package which is not installed (Spark,
    say) is skipped; a failing import of kcbridge's own is raised."""
    import pkgutil

    root = importlib.import_module(package)
    loaded = []
    for info in pkgutil.walk_packages(root.__path__, f"{package}."):
        if info.name.startswith(NOT_PRELOADED):
            continue
        try:
            importlib.import_module(info.name)
        except ImportError as exc:
            missing = getattr(exc, "name", None) or ""
            if not missing or missing.split(".")[0] == package.split(".")[0]:
                raise
            continue  # an optional dependency of this module is not installed
        loaded.append(info.name)
    top = package.split(".")[0]
    for name in deferred_imports(root.__path__):
        if name.split(".")[0] != top:
            try:
                importlib.import_module(name)
            except ImportError:
                continue  # an optional dependency that is not installed
    return loaded


def deferred_imports(paths: Iterable[str]) -> list[str]:
    """The absolute module names imported inside functions in the ``.py`` files under
    ``paths`` (the imports a command defers until it needs them), sorted."""
    import ast

    names: set[str] = set()
    for folder in paths:
        for source in sorted(Path(folder).rglob("*.py")):
            tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
            for node in ast.walk(tree):
                if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import):
                        names.update(alias.name for alias in inner.names)
                    elif isinstance(inner, ast.ImportFrom) and inner.module and \
                            inner.level == 0:
                        names.add(inner.module)
    return sorted(names)


__all__ = ["NOT_PRELOADED", "deferred_imports", "lazy_exports", "preload"]
