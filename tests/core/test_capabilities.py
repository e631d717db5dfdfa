"""The one list of capabilities (kcbridge.capabilities) is what the Platform, the CLI, the
API, the dashboard, the report and the demo use; names of countries in every script."""

from __future__ import annotations

import inspect
import subprocess
import sys
import typing
from pathlib import Path

import pytest
import typer
from fastapi.testclient import TestClient
from tests.conftest import assert_error_shape
from typer.testing import CliRunner

from kcbridge import capabilities
from kcbridge.app import Platform
from kcbridge.capabilities import CAPABILITIES, NAMES, capability, demo_steps, table_owner
from kcbridge.formats import SYNTHETIC_LABEL

SRC = Path(capabilities.__file__).resolve().parent


def test_the_four_capabilities_in_display_and_demo_order() -> None:
    assert NAMES == ("trade", "watch", "partners", "docs")
    assert [c.web_prefix for c in CAPABILITIES] == ["/trade", "/watch", "/partners",
                                                    "/documents"]
    # documents before the watch: the watch's first scan reads their restriction statements
    assert [c.name for c in demo_steps()] == ["docs", "partners", "watch"]
    assert capability("docs").service_class == "DocsService"
    with pytest.raises(KeyError, match="trade, watch, partners, docs"):
        capability("weather")


def test_declared_tables_are_the_tables_each_service_creates() -> None:
    from kcbridge.docs import storage as docs_storage
    from kcbridge.partners import storage as partners_storage
    from kcbridge.watch import storage as watch_storage

    assert set(capability("docs").tables) == set(docs_storage.TABLES)
    assert set(capability("partners").tables) == set(partners_storage.TABLES)
    assert capability("watch").tables == watch_storage.TABLES == ("watch_alerts",)
    assert table_owner("docs_entities") == "docs"
    assert table_owner("trade_annual") is None  # the store's own (loaded flows)
    every = [t for c in CAPABILITIES for t in c.tables]
    assert len(every) == len(set(every)) == 12


def test_platform_services_are_typed_with_the_declared_classes() -> None:
    # the annotations name classes imported under TYPE_CHECKING: resolve them by the
    # registry's class names (mypy checks the imports themselves)
    classes = {c.service_class: c.load_service_class() for c in CAPABILITIES}
    for cap in CAPABILITIES:
        hints = typing.get_type_hints(getattr(Platform, cap.name).func, localns=classes)
        returned = hints["return"]
        assert returned is cap.load_service_class()
        init = typing.get_type_hints(returned.__init__, localns={"Platform": Platform})
        assert init["platform"] is Platform


def test_importing_the_platform_imports_nothing_heavy() -> None:
    code = ("import sys, kcbridge.app, kcbridge.capabilities, kcbridge.formats; "
            "print(sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in "
            "{'pandas', 'numpy', 'ibis', 'duckdb', 'pyarrow', 'sqlglot'}} | "
            "{m for m in sys.modules if m.split('.')[:2] == ['kcbridge', 'trade']}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_interfaces_register_every_capability(platform: Platform) -> None:
    from kcbridge.api import create_app
    from kcbridge.cli import app as cli_app

    groups = {g.name for g in cli_app.registered_groups}
    commands = {c.name or c.callback.__name__ for c in cli_app.registered_commands
                if c.callback is not None}
    assert {"watch", "partners", "docs"} <= groups
    assert {"complementarity", "complexity"} <= commands  # trade's top-level commands
    assert isinstance(cli_app, typer.Typer)

    api = create_app(platform)
    paths = set(api.openapi()["paths"])
    for prefix in ("/api/trade", "/api/watch", "/api/partners", "/api/docs"):
        assert any(p.startswith(prefix) for p in paths), prefix
    nav = api.state.nav
    assert [n["label"] for n in nav] == ["Home", *(c.label for c in CAPABILITIES), "API"]
    assert [n["href"] for n in nav][1:-1] == [c.web_prefix for c in CAPABILITIES]


def test_no_capability_is_guarded_with_modulenotfounderror() -> None:
    # the places that once skipped a capability whose package was missing
    readers = ["app.py", "report.py", "store/demo.py", "cli/__init__.py", "api/__init__.py",
               "web/__init__.py"]
    guarded = [r for r in readers
               if "ModuleNotFoundError" in (SRC / r).read_text(encoding="utf-8")]
    assert guarded == []


def test_the_synthetic_label_is_written_once() -> None:
    assert SYNTHETIC_LABEL == "SYNTHETIC demo data: not real statistics"
    written = sorted(p.relative_to(SRC).as_posix() for p in SRC.rglob("*")
                     if p.is_file() and p.suffix in {".py", ".html"}
                     and "not real statistics" in p.read_text(encoding="utf-8"))
    assert written == ["formats.py"]


def test_the_dashboard_banner_carries_the_label(demo_platform: Platform) -> None:
    from kcbridge.api import create_app

    page = TestClient(create_app(demo_platform)).get("/", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert f"{SYNTHETIC_LABEL}. Load real data" in page.text


def test_demo_runs_each_capability_step_and_the_report_has_every_capability(
        demo_platform: Platform) -> None:
    from kcbridge.report import headline_report

    status = demo_platform.status()
    assert status["synthetic"] is True and status["label"] == SYNTHETIC_LABEL
    demo_load = [row for row in status["loads"] if row["format"] == "demo"]
    assert len(demo_load) == 1 and demo_load[0]["synthetic"] is True
    titles = [s["title"] for s in headline_report(demo_platform)]
    assert titles[0] == "Store"
    assert len(titles) == 5  # the store, then one section per capability
    assert any(t.startswith("Documents") for t in titles)
    assert any(t.startswith("Partners and trust") for t in titles)
    for cap in ("docs", "partners", "watch"):
        assert demo_platform.holds(cap), cap


def test_holds_asks_without_creating_the_service(platform: Platform) -> None:
    assert platform.holds("docs") is False
    assert "docs_documents" not in platform.store.list_tables()  # nothing was created
    assert "docs" not in platform.__dict__
    assert platform.watch.news_alerts([]).empty  # no documents: no news alerts, no docs tables
    assert "docs_documents" not in platform.store.list_tables()


def test_partners_read_document_organisations_through_the_docs_service(
        demo_platform: Platform) -> None:
    mentions = demo_platform.docs.organisation_mentions()
    assert len(mentions) > 0 and set(mentions["kind"]) == {"organisation"}
    sectors = demo_platform.docs.document_sectors()
    assert len(sectors) > 0 and set(sectors["sentence"]) == {-1}
    records = demo_platform.partners.docs_organisation_records()
    # one record per organisation mentioned with confidence 0.7 or more (from_docs' floor)
    confident = mentions[mentions["confidence"].fillna(0) >= 0.7]
    assert len(records) == confident["key"].nunique() > 0
    assert demo_platform.docs.has_statements() is True


# ---- countries in every script ----------------------------------------------------------


@pytest.mark.parametrize(("typed", "iso3"), [
    ("한국", "KOR"), ("대한민국", "KOR"), ("中国", "CHN"), ("中國", "CHN"), ("중국", "CHN"),
    ("韩国", "KOR"), ("일본", "JPN"), ("美国", "USA"), ("베트남", "VNM"), ("대한 민국", "KOR"),
])
def test_country_resolver_knows_korean_and_chinese_names(typed: str, iso3: str) -> None:
    from kcbridge.reference.countries import CountryResolver

    assert CountryResolver().lookup(typed) == iso3


def test_api_and_cli_take_country_names_in_korean_and_chinese(platform: Platform) -> None:
    from kcbridge.api import create_app
    from kcbridge.cli import app as cli_app
    from kcbridge.cli.common import set_platform_factory

    client = TestClient(create_app(platform))
    assert client.get("/api/countries/한국").json()["data"]["iso3"] == "KOR"
    assert client.get("/api/countries/中国").json()["data"]["iso3"] == "CHN"
    assert [r["iso3"] for r in client.get("/api/countries", params={"q": "일본"}).json()[
        "data"]] == ["JPN"]
    body = assert_error_shape(client.get("/api/countries/없는나라"), 404)
    assert "Korean" in body["error"]  # the hint says names in Korean work
    set_platform_factory(lambda: platform)
    try:
        out = CliRunner().invoke(cli_app, ["countries", "중국", "--format", "csv"])
    finally:
        set_platform_factory(None)
    assert out.exit_code == 0, out.output
    assert out.output.splitlines()[1].startswith("CHN,CN,156,China")


def test_complementarity_takes_korean_and_chinese_names(demo_platform: Platform) -> None:
    by_name = demo_platform.trade.complementarity("한국", "中国")
    assert (by_name.a, by_name.b) == ("KOR", "CHN")


def test_trade_loaders_still_resolve_local_names() -> None:
    from kcbridge.sources.countries import TradeCountryResolver

    r = TradeCountryResolver()
    assert [r.lookup(v) for v in ("한국", "中国", "490", "W00", "KOR")] == [
        "KOR", "CHN", "TWN", "WLD", "KOR"]


def test_services_take_a_typed_platform() -> None:
    for cap in CAPABILITIES:
        sig = inspect.signature(cap.load_service_class().__init__)
        assert sig.parameters["platform"].annotation == "Platform"
