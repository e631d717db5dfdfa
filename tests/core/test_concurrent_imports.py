"""Modules imported for the first time by several threads at once (the CI failure of
2026-12-05: one of 500 concurrent requests to ``kcbridge serve`` failed with "cannot
import name 'Sector' from partially initialized module 'kcbridge.reference.sectors'").

Two mends, each tested: ``kcbridge.reference`` no longer imports its own modules in its
``__init__`` (the cycle that broke), and the server imports every module before it
accepts a request (:func:`kcbridge.lazy.preload`), so no request imports one first."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kcbridge.lazy import NOT_PRELOADED, deferred_imports, lazy_exports, preload

#: eight threads start together, each importing these in a different order (before the
#: mend, 4 of 6 such runs failed with a deadlock or a half-initialised module)
RACE = textwrap.dedent("""
    import importlib, threading
    MODULES = ["kcbridge.trade.service", "kcbridge.reference.sectors", "kcbridge.reference",
               "kcbridge.trade.explore_service", "kcbridge.reference.products",
               "kcbridge.watch.service", "kcbridge.partners.service", "kcbridge.docs.service"]
    barrier = threading.Barrier(8)
    errors = []
    def run(i):
        barrier.wait()
        for name in MODULES[i:] + MODULES[:i]:
            try:
                importlib.import_module(name)
            except Exception as exc:
                errors.append(f"{name}: {exc!r}")
    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(len(errors))
    for e in errors:
        print(e)
""")


def _python(code: str, home: Path | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KCBRIDGE_")}
    if home is not None:
        env["KCBRIDGE_HOME"] = str(home)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300, env=env)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.slow  # six fresh processes that import most of kcbridge
def test_eight_threads_importing_the_services_at_once_all_succeed() -> None:
    for _ in range(6):
        out = _python(RACE).splitlines()
        assert out[0] == "0", out[1:4]


def test_the_reference_package_imports_none_of_its_modules_until_a_name_is_used() -> None:
    out = _python(
        "import sys, kcbridge.reference as r\n"
        "print(sorted(m for m in sys.modules if m.startswith('kcbridge.reference.')))\n"
        "from kcbridge.reference.sectors import Sector\n"
        "print(r.Sector is Sector, r.country_table.__module__)\n")
    first, second = out.splitlines()
    assert first == "[]"
    assert second == "True kcbridge.reference.countries"


def test_lazy_exports_name_the_missing_attribute() -> None:
    getattr_ = lazy_exports("kcbridge.reference", {"Sector": "sectors"})
    assert getattr_("Sector").__name__ == "Sector"
    with pytest.raises(AttributeError, match="'kcbridge.reference' has no attribute 'nope'"):
        getattr_("nope")


def test_the_server_imports_every_module_before_its_first_request(tmp_path: Path) -> None:
    out = _python(
        "import sys\n"
        "from kcbridge.api import create_app\n"
        "from kcbridge.app import Platform\n"
        "create_app(Platform())\n"
        "import pkgutil, kcbridge\n"
        "names = [m.name for m in pkgutil.walk_packages(kcbridge.__path__, 'kcbridge.')]\n"
        f"skip = {NOT_PRELOADED!r}\n"
        "missing = [n for n in names if not n.startswith(skip) and n not in sys.modules]\n"
        "print(len(names), missing)\n", home=tmp_path)
    total, missing = out.split(" ", 1)
    assert int(total) > 150  # the package's modules, services and pages included
    assert missing.strip() == "[]"


def _package(root: Path, name: str, modules: dict[str, str]) -> None:
    (root / name).mkdir()
    (root / name / "__init__.py").write_text("")
    for module, source in modules.items():
        (root / name / f"{module}.py").write_text(source)


def test_preload_skips_a_missing_optional_dependency_and_raises_on_its_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _package(tmp_path, "kcpre_ok", {
        "a": "X = 1\n\ndef f():\n    import colorsys\n    from kcpre_ok import a\n"
             "    import not_installed_encoder_xyz\n",
        "spark_part": "import not_installed_engine_xyz\n"})
    _package(tmp_path, "kcpre_bad", {"a": "from kcpre_bad.gone import X\n"})
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("colorsys", None)
    assert deferred_imports([str(tmp_path / "kcpre_ok")]) == [
        "colorsys", "kcpre_ok", "not_installed_encoder_xyz"]
    assert preload("kcpre_ok") == ["kcpre_ok.a"]  # the optional engine's module skipped
    assert "colorsys" in sys.modules  # imported inside a function: preloaded too
    with pytest.raises(ImportError, match="kcpre_bad.gone"):
        preload("kcpre_bad")  # a module of the package itself: a bug, raised
