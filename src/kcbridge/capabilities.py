"""The one declared list of kcbridge's capabilities.

Each of the four questions kcbridge answers (see DESIGN.md) is a *capability*: a package
``kcbridge.<name>`` with a typed service class in ``kcbridge.<name>.service``, CLI commands
in ``kcbridge.cli.<name>`` (``register(app)``), API routes in ``kcbridge.api.<name>``
(``router``), dashboard pages in ``kcbridge.web.<name>`` (``router``), a section of the
headline report (the service's ``headline()``) and, for some, a step of ``kcbridge demo``
(a service method that adds SYNTHETIC content of its own).

:data:`CAPABILITIES` is read by :class:`kcbridge.app.Platform` (the services),
:mod:`kcbridge.cli`, :mod:`kcbridge.api`, :mod:`kcbridge.web` (navigation),
:mod:`kcbridge.report` and ``Platform.demo``: adding a capability is one entry here plus
its package and interface modules. Importing this module imports nothing heavy.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Capability:
    """One capability: where its code lives and what it owns."""

    #: the package (``kcbridge.<name>``) and the Platform attribute (``platform.<name>``)
    name: str
    #: the typed service class, as ``module:Class``
    service: str
    #: what a person reads in the dashboard's navigation and the report
    label: str
    #: the dashboard pages' URL prefix
    web_prefix: str
    #: the store tables this capability owns: only its own modules read or write them;
    #: another capability asks its service
    tables: tuple[str, ...]
    #: the service method that adds this capability's SYNTHETIC demo content
    #: (``() -> dict``), or None when ``kcbridge demo`` has no step for it
    demo_step: str | None = None
    #: demo steps run in ascending order (the watch's first scan reads the documents'
    #: restriction statements, so documents come before the watch)
    demo_order: int = 0

    @property
    def service_module(self) -> str:
        return self.service.partition(":")[0]

    @property
    def service_class(self) -> str:
        return self.service.partition(":")[2]

    def load_service_class(self) -> type[Any]:
        """The service class (imports the capability's package: heavy)."""
        cls: type[Any] = getattr(importlib.import_module(self.service_module),
                                 self.service_class)
        return cls

    def interface_module(self, interface: str) -> str:
        """``kcbridge.<interface>.<name>``: the CLI, API or web module of this capability."""
        return f"kcbridge.{interface}.{self.name}"


#: The four capabilities, in the order the dashboard and the report show them.
CAPABILITIES: tuple[Capability, ...] = (
    Capability(
        name="trade", service="kcbridge.trade.service:TradeService",
        label="Trade", web_prefix="/trade",
        tables=(),  # reads the store's trade_annual / trade_monthly; derived results cached
    ),
    Capability(
        name="watch", service="kcbridge.watch.service:WatchService",
        label="Supply-chain watch", web_prefix="/watch",
        tables=("watch_alerts",),
        demo_step="load_demo", demo_order=3,
    ),
    Capability(
        name="partners", service="kcbridge.partners.service:PartnersService",
        label="Partners & trust", web_prefix="/partners",
        tables=("partner_orgs", "partner_profiles", "trust_list_entries", "trust_list_history",
                "partner_outcomes", "partner_exposure", "partner_candidates"),
        demo_step="load_demo", demo_order=2,
    ),
    Capability(
        name="docs", service="kcbridge.docs.service:DocsService",
        label="Documents", web_prefix="/documents",
        tables=("docs_documents", "docs_entities", "docs_sectors", "docs_statements"),
        demo_step="load_demo", demo_order=1,
    ),
)

#: The capability names, in :data:`CAPABILITIES` order.
NAMES: tuple[str, ...] = tuple(c.name for c in CAPABILITIES)


def capability(name: str) -> Capability:
    """The capability called ``name`` (KeyError for an unknown name: a bug of ours)."""
    for cap in CAPABILITIES:
        if cap.name == name:
            return cap
    raise KeyError(f"no capability {name!r}; known: {', '.join(NAMES)}")


def demo_steps() -> list[Capability]:
    """The capabilities with a demo step, in the order ``kcbridge demo`` runs them."""
    return sorted((c for c in CAPABILITIES if c.demo_step), key=lambda c: c.demo_order)


def table_owner(table: str) -> str | None:
    """The capability that owns ``table`` (None for the store's core tables)."""
    for cap in CAPABILITIES:
        if table in cap.tables:
            return cap.name
    return None
