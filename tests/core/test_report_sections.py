"""kcbridge.report.headline_report: the Store section, then one section per capability in
the order of CAPABILITIES; a capability without data (NotFoundError) or with no rows is
left out; on the Spark store a single-machine capability gets a "skipped" section.
Also the offline API documentation pages (api/offline_docs.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kcbridge.api import create_app, offline_docs
from kcbridge.app import Platform
from kcbridge.capabilities import CAPABILITIES
from kcbridge.errors import NotFoundError
from kcbridge.report import headline_report
from kcbridge.store.spark import SingleMachineError

STATUS: dict[str, Any] = {
    "store": "duckdb:///x.duckdb", "synthetic": False,
    "annual": {"rows": 1234567, "years": [2022, 2023]}, "monthly": {"series": 4321},
}


class _Service:
    def __init__(self, section: dict[str, Any] | None = None, missing: bool = False) -> None:
        self.section, self.missing = section, missing

    def headline(self) -> dict[str, Any] | None:
        if self.missing:
            raise NotFoundError("no data", hint="load some")
        return self.section


class _FakePlatform:
    """Just what headline_report reads: status() and one attribute per capability."""

    def __init__(self, services: dict[str, Any]) -> None:
        self.services = services

    def status(self) -> dict[str, Any]:
        return STATUS

    def __getattr__(self, name: str) -> Any:
        service = self.__dict__["services"][name]
        if isinstance(service, Exception):
            raise service
        return service


def test_demo_report_sections_follow_the_registry(demo_platform: Platform) -> None:
    sections = headline_report(demo_platform)
    assert sections[0]["title"] == "Store"
    store = {r["what"]: r["value"] for r in sections[0]["rows"]}
    assert store == {"store": demo_platform.status()["store"], "synthetic": "yes",
                     "annual rows": "74,272", "years": "2021, 2022, 2023",
                     "monthly series": f"{demo_platform.status()['monthly']['series']:,}"}
    # every capability has data in the demo world: one section each, in registry order
    expected = [getattr(demo_platform, cap.name).headline()["title"] for cap in CAPABILITIES]
    assert [s["title"] for s in sections[1:]] == expected
    assert len(sections) == 1 + len(CAPABILITIES)
    for section in sections[1:]:
        assert section["rows"] and all({"what", "value"} <= set(r) for r in section["rows"])


def test_demo_report_numbers_agree_with_the_services(demo_platform: Platform) -> None:
    sections = {s["title"]: s for s in headline_report(demo_platform)}
    partners = next(s for t, s in sections.items() if t.startswith("Partners"))
    orgs = next(r["value"] for r in partners["rows"] if r["what"] == "organisations")
    assert orgs.startswith(f"{len(demo_platform.partners.organisations(None))} ")
    trade = sections["Complementarity and complexity"]
    assert any(r["what"] == "ECI rank KOR 2023" for r in trade["rows"])


def test_missing_data_and_empty_sections_are_left_out() -> None:
    names = [cap.name for cap in CAPABILITIES]
    services: dict[str, Any] = {name: _Service(missing=True) for name in names}
    services[names[0]] = _Service({"title": "First", "rows": [{"what": "a", "value": 1}]})
    services[names[1]] = _Service({"title": "Empty", "rows": []})
    services[names[2]] = _Service(None)
    sections = headline_report(_FakePlatform(services))  # type: ignore[arg-type]
    assert [s["title"] for s in sections] == ["Store", "First"]
    store = {r["what"]: r["value"] for r in sections[0]["rows"]}
    assert store["annual rows"] == "1,234,567" and store["years"] == "2022, 2023"
    assert store["monthly series"] == "4,321" and store["synthetic"] == "no"


def test_single_machine_capability_is_reported_skipped() -> None:
    names = [cap.name for cap in CAPABILITIES]
    services: dict[str, Any] = {name: SingleMachineError(f"{name} runs on one machine only.")
                                for name in names}
    services[names[0]] = _Service({"title": "Spark-able", "rows": [{"what": "x", "value": 2}]})
    sections = headline_report(_FakePlatform(services))  # type: ignore[arg-type]
    assert [s["title"] for s in sections] == (
        ["Store", "Spark-able"] + [f"{name}: skipped" for name in names[1:]])
    assert sections[-1]["rows"] == [
        {"what": "skipped", "value": f"{names[-1]} runs on one machine only."}]


@pytest.fixture
def client(platform: Platform) -> TestClient:
    return TestClient(create_app(platform))


def test_swagger_and_redoc_pages_use_local_assets(client: TestClient) -> None:
    swagger = client.get("/docs")
    assert swagger.status_code == 200
    assert f"{offline_docs.ASSETS_URL}/swagger-ui-bundle.js" in swagger.text
    assert "cdn.jsdelivr.net" not in swagger.text
    redoc = client.get("/redoc")
    assert redoc.status_code == 200
    assert f"{offline_docs.ASSETS_URL}/redoc.standalone.js" in redoc.text
    assert "fonts.googleapis.com" not in redoc.text
    assert redoc.headers["content-security-policy"] == "img-src 'self' data: blob:"
    redirect = client.get("/docs/oauth2-redirect")
    assert redirect.status_code == 200 and "oauth2" in redirect.text.lower()


def test_assets_are_served_from_the_wheel(client: TestClient) -> None:
    for name in offline_docs.ASSET_FILES:
        response = client.get(f"{offline_docs.ASSETS_URL}/{name}")
        assert response.status_code == 200, name
        assert response.content == (offline_docs.ASSETS_DIR / name).read_bytes()
    assert client.get(f"{offline_docs.ASSETS_URL}/nope.js").status_code == 404


def test_root_path_prefixes_every_url() -> None:
    app = FastAPI(docs_url=None, redoc_url=None, root_path="/kc")
    offline_docs.install_offline_docs(app)
    page = TestClient(app).get("/docs").text
    assert "/kc/openapi.json" in page and f"/kc{offline_docs.ASSETS_URL}/swagger-ui.css" in page


def test_broken_install_names_the_missing_files(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "swagger-ui.css").write_text("/* */", encoding="utf-8")
    monkeypatch.setattr(offline_docs, "ASSETS_DIR", tmp_path)
    with pytest.raises(RuntimeError) as info:
        offline_docs.install_offline_docs(FastAPI(docs_url=None, redoc_url=None))
    message = str(info.value)
    assert "swagger-ui-bundle.js" in message and "redoc.standalone.js" in message
    assert "swagger-ui.css" not in message.split(" in ")[0]
    assert "pip install --force-reinstall fastapi-offline" in message
