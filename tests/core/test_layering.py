"""The layers hold: no module imports upward, and a capability reads another capability's
data only through that capability's service. A capability's ``storage`` module (the only
code that reads or writes its tables) is imported by that capability's own modules only.

Layers, from the top: the interfaces (``cli``, ``api``, ``web``) -> the Platform (``app``,
``report``, ``capabilities``) -> the capabilities' packages (``trade``, ``watch``, ``docs``,
``partners``) and the loaders (``sources``) -> ``store`` and ``reference``. ``errors``,
``settings`` and ``formats`` are the base every layer may use.

The checker walks the syntax tree of every module under ``src/kcbridge``. Imports inside
``if TYPE_CHECKING:`` are annotations only (a service's ``platform: Platform``): they are
allowed where a rule says so, never in ``store`` or ``reference``.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

from kcbridge import capabilities
from kcbridge.capabilities import CAPABILITIES, NAMES

SRC = Path(capabilities.__file__).resolve().parent
INTERFACES = {"cli", "api", "web", "__main__"}
PLATFORM = {"app", "report"}
LOADERS = {"sources"}
CAPABILITY_PACKAGES = set(NAMES)


@dataclass(frozen=True)
class Rule:
    """Modules of the ``layer`` packages must not import the ``forbidden`` ones;
    ``type_only_ok``: an import under ``if TYPE_CHECKING:`` is allowed."""

    layer: frozenset[str]
    forbidden: frozenset[str]
    type_only_ok: bool
    why: str


RULES = (
    Rule(frozenset({"store", "reference"}),
         frozenset(INTERFACES | PLATFORM | LOADERS | CAPABILITY_PACKAGES | {"capabilities"}),
         False, "store and reference are the bottom layer"),
    Rule(frozenset(CAPABILITY_PACKAGES | LOADERS), frozenset(INTERFACES), False,
         "capabilities and loaders are called by the interfaces, never call them"),
    Rule(frozenset(CAPABILITY_PACKAGES | LOADERS), frozenset(PLATFORM), True,
         "a service is given its Platform (typed under TYPE_CHECKING), never imports it"),
    Rule(frozenset(LOADERS), frozenset(CAPABILITY_PACKAGES), False,
         "loaders write the store's core tables, below the capabilities"),
    Rule(frozenset(PLATFORM | {"capabilities"}), frozenset(INTERFACES), False,
         "the Platform is called by the interfaces, never calls them"),
    Rule(frozenset({"api", "web"}), frozenset({"cli"}), False,
         "the API and the dashboard share helpers through kcbridge.formats, not the CLI"),
)

#: modules of a capability that hold its data: no other capability imports them
STORAGE_MODULES = {"storage", "service"}
#: the module of a capability that reads and writes its tables: nothing outside the
#: capability imports it (not an interface, not the Platform, not another capability)
STORAGE = "storage"


@dataclass(frozen=True)
class ImportSite:
    module: str  # dotted name of the importing module
    target: str  # dotted name imported (``kcbridge.app.Platform`` for a from-import)
    line: int
    type_only: bool


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    if node.level == 0:
        base = node.module or ""
    else:
        parts = module.split(".")
        keep = len(parts) - node.level + (1 if is_package else 0)
        base = ".".join(parts[:keep] + ([node.module] if node.module else []))
    # base.name: a module (`from kcbridge.docs import storage`) or a name in base
    return [f"{base}.{a.name}" for a in node.names]


def import_sites(source: str, module: str, is_package: bool = False) -> list[ImportSite]:
    """Every ``kcbridge`` import of a module's source, with whether it is type-only."""
    tree = ast.parse(source)
    sites: list[ImportSite] = []

    def visit(node: ast.AST, type_only: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, type_only)
            return
        if isinstance(node, ast.Import):
            sites.extend(ImportSite(module, a.name, node.lineno, type_only)
                         for a in node.names if a.name.split(".")[0] == "kcbridge")
        elif isinstance(node, ast.ImportFrom):
            sites.extend(ImportSite(module, target, node.lineno, type_only)
                         for target in _resolve(module, is_package, node)
                         if target.split(".")[0] == "kcbridge")
        for inner in ast.iter_child_nodes(node):
            visit(inner, type_only)

    visit(tree, False)
    return sites


def _top(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else ""


def violations(sites: list[ImportSite]) -> list[str]:
    """The import sites that break a rule (or reach another capability's storage)."""
    out = []
    for site in sites:
        here, there = _top(site.module), _top(site.target)
        if here == there:
            continue
        for rule in RULES:
            if here in rule.layer and there in rule.forbidden and not (
                    site.type_only and rule.type_only_ok):
                out.append(f"{site.module}:{site.line} imports {site.target} ({rule.why})")
        parts = site.target.split(".")
        if there in CAPABILITY_PACKAGES and len(parts) > 2 and parts[2] == STORAGE:
            out.append(f"{site.module}:{site.line} imports {site.target} (the {there} "
                       "capability's storage: only its own modules use it; ask its "
                       "service through the Platform)")
        elif (here in CAPABILITY_PACKAGES and there in CAPABILITY_PACKAGES
                and len(parts) > 2 and parts[2] in STORAGE_MODULES and not site.type_only):
            out.append(f"{site.module}:{site.line} imports {site.target} (another "
                       "capability's data: ask its service through the Platform)")
    return out


def foreign_tables(source: str, module: str) -> list[str]:
    """String constants of a capability module that name another capability's table."""
    here = _top(module)
    owned = {t: c.name for c in CAPABILITIES for t in c.tables}
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            owner = owned.get(node.value)
            if owner is not None and owner != here:
                out.append(f"{module}:{node.lineno} names {owner}'s table {node.value!r}")
    return out


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out.append((".".join(parts), path))
    return out


def test_every_module_is_seen() -> None:
    modules = dict(_modules())
    assert len(modules) > 100
    for name in ("kcbridge.app", "kcbridge.store.demo", "kcbridge.cli", "kcbridge.api.deps",
                 *(f"kcbridge.{n}.service" for n in NAMES)):
        assert name in modules


def test_no_module_imports_upward() -> None:
    found: list[str] = []
    seen = 0
    for module, path in _modules():
        sites = import_sites(path.read_text(encoding="utf-8"), module,
                             path.name == "__init__.py")
        seen += len(sites)
        found.extend(violations(sites))
    assert seen > 300  # the walk saw the package's imports
    assert found == []


def test_each_capability_with_tables_declares_them_in_its_storage_module() -> None:
    import importlib

    owners = [c for c in CAPABILITIES if c.tables]
    assert {c.name for c in owners} == {"watch", "partners", "docs"}  # trade owns none
    for cap in owners:
        assert (SRC / cap.name / f"{STORAGE}.py").is_file()
        storage = importlib.import_module(f"kcbridge.{cap.name}.{STORAGE}")
        assert set(storage.TABLES) == set(cap.tables), cap.name


def test_capabilities_name_only_their_own_tables() -> None:
    found: list[str] = []
    for module, path in _modules():
        if _top(module) in CAPABILITY_PACKAGES:
            found.extend(foreign_tables(path.read_text(encoding="utf-8"), module))
    assert found == []


# ---- the checker itself ---------------------------------------------------------------


def test_checker_finds_a_planted_upward_import() -> None:
    planted = "import json\nfrom kcbridge.app import Platform\n"
    sites = import_sites(planted, "kcbridge.store.lake")
    assert [(s.target, s.line, s.type_only) for s in sites] == [("kcbridge.app.Platform", 2, False)]
    assert len(violations(sites)) == 1
    assert "store and reference" in violations(sites)[0]


@pytest.mark.parametrize(("module", "source", "broken"), [
    ("kcbridge.store.demo", "from kcbridge.sources.demo import generate_demo_world\n", True),
    ("kcbridge.store.demo", "if TYPE_CHECKING:\n    from kcbridge.app import Platform\n", True),
    ("kcbridge.reference.countries", "from kcbridge import partners\n", True),
    ("kcbridge.watch.service", "from kcbridge.cli.common import emit\n", True),
    ("kcbridge.watch.service", "from kcbridge.app import Platform\n", True),
    ("kcbridge.watch.service", "if TYPE_CHECKING:\n    from kcbridge.app import Platform\n",
     False),
    ("kcbridge.partners.service", "from kcbridge.docs.storage import TABLES\n", True),
    ("kcbridge.partners.service", "from kcbridge.docs import storage\n", True),
    ("kcbridge.partners.service",
     "if TYPE_CHECKING:\n    from kcbridge.docs.storage import TABLES\n", True),
    ("kcbridge.partners.service", "from kcbridge.partners import storage\n", False),
    ("kcbridge.partners.service", "from .storage import SCHEMAS\n", False),
    ("kcbridge.watch.service", "from kcbridge.watch.storage import save_alerts\n", False),
    ("kcbridge.api.watch", "from kcbridge.watch.storage import list_alerts\n", True),
    ("kcbridge.api.watch", "import kcbridge.watch.storage\n", True),
    ("kcbridge.web.partners", "from kcbridge.partners import storage\n", True),
    ("kcbridge.cli.docs", "from kcbridge.docs.storage import TABLES\n", True),
    ("kcbridge.app", "from kcbridge.docs import storage\n", True),
    ("kcbridge.report", "if TYPE_CHECKING:\n    from kcbridge.watch.storage import X\n", True),
    ("kcbridge.api.watch", "from kcbridge.watch.alerts import SEVERITIES\n", False),
    ("kcbridge.api.watch", "from kcbridge.watch.service import WatchService\n", False),
    ("kcbridge.partners.service", "from kcbridge.docs.service import DocsService\n", True),
    ("kcbridge.watch.dependency", "from kcbridge.trade.flows import as_flows\n", False),
    ("kcbridge.api.deps", "from kcbridge.cli.common import _jsonable\n", True),
    ("kcbridge.api.deps", "from kcbridge.formats import jsonable\n", False),
    ("kcbridge.app", "from kcbridge.web import render\n", True),
    ("kcbridge.cli", "from kcbridge.app import Platform\n", False),
    ("kcbridge.sources.baci", "from ..store import Store\n", False),
    ("kcbridge.store.demo", "from ..sources import demo\n", True),
    ("kcbridge.store.demo", "from .. import app\n", True),
])
def test_checker_rules(module: str, source: str, broken: bool) -> None:
    sites = import_sites(source, module)
    assert len(sites) == 1
    assert bool(violations(sites)) is broken


def test_checker_resolves_relative_imports_of_a_package() -> None:
    sites = import_sites("from .common import emit\nfrom ..app import Platform\n",
                         "kcbridge.cli", is_package=True)
    assert [s.target for s in sites] == ["kcbridge.cli.common.emit", "kcbridge.app.Platform"]


def test_checker_finds_a_planted_foreign_table() -> None:
    planted = 'x = 1\nrows = store.table("docs_entities")\nmine = "partner_orgs"\n'
    assert foreign_tables(planted, "kcbridge.partners.service") == [
        "kcbridge.partners.service:2 names docs's table 'docs_entities'"]
    assert foreign_tables(planted, "kcbridge.docs.service") == [
        "kcbridge.docs.service:3 names partners's table 'partner_orgs'"]
