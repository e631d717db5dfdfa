"""Organisations from documents become registry candidates, never silent merges."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from kcbridge.errors import InputError, NotFoundError
from kcbridge.partners.from_docs import (
    candidate_organisations,
    guess_kind,
    records_from_docs_tables,
    registry_kind,
)

DATA = Path(__file__).parent / "data"

RECORDS = [
    # the same firm as the registry's 华为技术有限公司, written in traditional characters
    {"name": "華為技術有限公司", "aliases": ["Huawei Technologies"], "country": "CHN",
     "kind": "company", "sectors": ["ict_5g_6g", "not-a-sector"], "source_doc": "doc-1"},
    {"name": "한국배터리연구원", "aliases": ["Korea Battery Research Institute", "韩国电池研究院"],
     "country": "KOR", "kind": "", "sectors": ["batteries"], "source_doc": ["doc-2", "doc-3"]},
]


def test_kinds_from_docs_words() -> None:
    assert registry_kind("company", "X") == "enterprise"
    assert registry_kind("ministry", "X") == "agency"
    assert registry_kind("university", "X") == "university"
    assert registry_kind("", "한국배터리연구원") == "research_institute"
    assert guess_kind("Tsinghua University") == "university"
    assert guess_kind("深圳创新投资基金") == "investor"
    assert guess_kind("Acme Robotics") == "enterprise"


def test_candidate_rows_fill_names_by_script() -> None:
    orgs, extras = candidate_organisations(RECORDS)
    first, second = orgs.to_dict("records")
    assert first["org_id"].startswith("docorg-") and first["kind"] == "enterprise"
    assert first["name_zh"] == "華為技術有限公司" and first["name_en"] == "Huawei Technologies"
    assert first["sectors"] == ["ict_5g_6g"]  # the unknown tag is left out
    assert first["source"] == "docs:doc-1"
    assert second["name_ko"] == "한국배터리연구원" and second["name_zh"] == "韩国电池研究院"
    assert second["kind"] == "research_institute"
    assert extras[second["org_id"]]["source_doc"] == "doc-2; doc-3"
    with pytest.raises(InputError):
        candidate_organisations([{"name": " "}])


@pytest.fixture
def loaded(platform):  # type: ignore[no-untyped-def]
    platform.partners.import_file(DATA / "registry.json")
    platform.partners.import_list(DATA / "entity_list.csv")
    return platform


def test_add_from_docs_adds_candidates_and_names_duplicates(loaded) -> None:  # type: ignore[no-untyped-def]
    service = loaded.partners
    before = service.organisations()
    result = service.add_from_docs(RECORDS)
    assert result["added"] == 2 and result["updated"] == 0 and result["possible_duplicates"] == 1
    after = service.organisations()
    assert len(after) == len(before) + 2
    # the registry's own row is untouched: nothing merged
    huawei = before[before["name"] == "华为技术有限公司"].iloc[0]
    assert after[after["org_id"] == huawei["org_id"]].iloc[0]["name"] == "华为技术有限公司"
    candidates = service.candidates()
    assert len(candidates) == 2 and set(candidates["status"]) == {"candidate"}
    dupes = dict(zip(candidates["name"], candidates["possible_duplicates"], strict=True))
    assert dupes["華為技術有限公司"] == [huawei["org_id"]]
    assert dupes["한국배터리연구원"] == []
    assert set(after.loc[after["org_id"].str.startswith("docorg-"), "status"]) == {"candidate"}
    # a candidate is screened like any organisation
    flagged = {r.name for r in service.screen("registry") if r.flagged}
    assert "華為技術有限公司" in flagged
    # re-running updates, never duplicates
    again = service.add_from_docs(RECORDS)
    assert again["added"] == 0 and again["updated"] == 2
    assert len(service.organisations()) == len(before) + 2


def test_review_accept_and_reject(loaded) -> None:  # type: ignore[no-untyped-def]
    service = loaded.partners
    ids = service.add_from_docs(RECORDS)["candidates"]
    assert service.review_candidate(ids[1], accept=True)["status"] == "accepted"
    assert service.review_candidate(ids[0], accept=False)["status"] == "rejected"
    assert ids[0] not in set(service.organisations()["org_id"])
    assert service.candidates().empty
    assert set(service.candidates(None)["status"]) == {"accepted", "rejected"}
    # the rejected one is not added again; the accepted one keeps its status
    again = service.add_from_docs(RECORDS)
    assert again["skipped_rejected"] == 1 and again["updated"] == 1
    statuses = service.candidates(None).set_index("org_id")["status"].to_dict()
    assert statuses == {ids[0]: "rejected", ids[1]: "accepted"}
    with pytest.raises(NotFoundError):
        service.review_candidate("docorg-nope", accept=True)


def test_records_from_docs_tables() -> None:
    entities = pd.DataFrame([
        {"doc_id": "d1", "kind": "organisation", "text": "MOTIE", "key": "KR-MOTIE",
         "country": "KOR", "confidence": 0.95},
        {"doc_id": "d2", "kind": "organisation", "text": "산업통상자원부", "key": "KR-MOTIE",
         "country": "KOR", "confidence": 0.95},
        {"doc_id": "d2", "kind": "organisation", "text": "蓝海电池有限公司",
         "key": "蓝海电池有限公司", "country": "CHN", "confidence": 0.7},
        {"doc_id": "d2", "kind": "organisation", "text": "Noise Corp", "key": "Noise Corp",
         "country": "", "confidence": 0.4},
        {"doc_id": "d2", "kind": "place", "text": "Seoul", "key": "KOR-SEOUL", "country": "KOR",
         "confidence": 0.95},
    ])
    alias_list = pd.DataFrame([{"id": "KR-MOTIE", "country": "KOR", "kind": "ministry",
                                "name_en": "Ministry of Trade, Industry and Energy",
                                "name_ko": "산업통상자원부", "name_zh": "韩国产业通商资源部",
                                "aliases": ["MOTIE"]}])
    sectors = pd.DataFrame([
        {"doc_id": "d1", "sector": "semiconductors", "score": 0.9, "sentence": -1},
        {"doc_id": "d2", "sector": "batteries", "score": 0.8, "sentence": -1},
        {"doc_id": "d2", "sector": "hydrogen", "score": 0.5, "sentence": 3},
    ])
    records = records_from_docs_tables(entities, alias_list, sectors)
    names = [r["name"] for r in records]
    assert names == ["Ministry of Trade, Industry and Energy", "蓝海电池有限公司"]
    motie, battery = records
    assert motie["kind"] == "ministry" and motie["country"] == "KOR"
    assert motie["sectors"] == ["semiconductors", "batteries"]
    assert motie["source_doc"] == ["d1", "d2"]
    assert "산업통상자원부" in motie["aliases"] and "MOTIE" in motie["aliases"]
    assert battery == {"name": "蓝海电池有限公司", "aliases": [], "country": "CHN", "kind": "",
                       "sectors": ["batteries"], "source_doc": ["d2"]}
    orgs, _ = candidate_organisations(records)
    assert orgs["kind"].tolist() == ["agency", "enterprise"]


def test_add_from_docs_without_documents(platform) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match="No documents"):
        platform.partners.add_from_docs()


def test_cli_and_api_add_from_docs(loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from kcbridge.api import create_app
    from kcbridge.cli import app
    from kcbridge.cli.common import set_platform_factory

    path = tmp_path / "records.json"
    path.write_text(json.dumps(RECORDS[:1], ensure_ascii=False), encoding="utf-8")
    set_platform_factory(lambda: loaded)
    try:
        out = CliRunner().invoke(app, ["partners", "add-from-docs", "--file", str(path),
                                       "--format", "json"])
        assert out.exit_code == 0, out.output
        assert json.loads(out.output)["added"] == 1
        out = CliRunner().invoke(app, ["partners", "candidates", "--format", "json"])
        assert json.loads(out.output)["rows"][0]["name"] == "華為技術有限公司"
    finally:
        set_platform_factory(None)
    client = TestClient(create_app(loaded))
    body = {"records": [RECORDS[1]]}
    assert client.post("/api/partners/from-docs", json=body).status_code == 401
    ok = client.post("/api/partners/from-docs", json=body,
                     headers={"Authorization": "Bearer test-token"})
    assert ok.status_code == 200 and ok.json()["data"]["added"] == 1
    listed = client.get("/api/partners/candidates").json()["data"]
    assert {c["name"] for c in listed} == {"華為技術有限公司", "한국배터리연구원"}
    org_id = next(c["org_id"] for c in listed if c["name"] == "한국배터리연구원")
    reviewed = client.post(f"/api/partners/candidates/{org_id}", json={"accept": True},
                           headers={"Authorization": "Bearer test-token"})
    assert reviewed.json()["data"] == {"org_id": org_id, "status": "accepted"}
