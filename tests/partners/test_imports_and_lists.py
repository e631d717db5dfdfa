# ruff: noqa: E501 (lines of Korean and Chinese text count wide characters)
"""Issue 16 for partners and trust: malformed registry and list files are refused clearly
(nonzero exit, no traceback, store unchanged), trust lists are replaced per version with
delisting history, and an end-to-end CLI run with profile types as people write them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

GOOD = {
    "organisations": [
        {"org_id": "kr-1", "name": "한빛양극소재", "country": "KOR"},
        {"org_id": "cn-1", "name": "江西锂盐科技有限公司", "country": "CHN"},
        {"org_id": "cn-2", "name": "四川正极材料有限公司", "country": "CHN"},
        {"org_id": "cn-3", "name": "华为技术有限公司", "country": "CHN"},
    ],
    "profiles": [
        {"profile_id": "kr-offer", "org_id": "kr-1", "profile_type": "기술 제안",
         "language": "ko", "partnership_types": "licence",
         "summary": "하이니켈 양극재 소성 공정 기술을 라이선스로 제공합니다. 양극재 생산에 쓸 "
                    "수산화리튬을 공급할 중국 파트너를 찾습니다."},
        {"profile_id": "cn-need", "org_id": "cn-1", "profile_type": "技术需求",
         "language": "zh", "summary": "我们可长期稳定供应电池级氢氧化锂。寻求高镍正极材料生产工艺技术许可。"},
        {"profile_id": "cn-peer", "org_id": "cn-2", "profile_type": "Technology Offer",
         "language": "en", "summary": "We license a high-nickel cathode calcination process and "
                                      "seek lithium hydroxide suppliers."},
        {"profile_id": "cn-5g", "org_id": "cn-3", "profile_type": "TR", "language": "en",
         "summary": "Looking for cathode calcination technology for a new battery materials unit."},
    ],
}


@pytest.fixture
def cli(platform):  # type: ignore[no-untyped-def]
    from kcbridge.cli import app
    from kcbridge.cli.common import set_platform_factory

    set_platform_factory(lambda: platform)
    runner = CliRunner()

    def run(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args))

    yield run
    set_platform_factory(None)


def _write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_end_to_end_cli_import_match_ranks_and_trust(cli, platform, tmp_path) -> None:  # type: ignore[no-untyped-def]
    reg = _write(tmp_path, "registry.json", json.dumps(GOOD, ensure_ascii=False))
    lst = _write(tmp_path, "us.csv", "list_id,entity_name,aliases\n"
                 "us-entity-list,Huawei Technologies Co. Ltd.,华为技术有限公司\n")
    out = cli("partners", "import", str(reg), "--format", "json")
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["profiles"] == 4
    assert platform.partners.profiles()["profile_type"].tolist() == [
        "technology_offer", "technology_request", "technology_offer", "technology_request"]
    assert cli("trust", "import-list", str(lst)).exit_code == 0
    out = cli("partners", "match", "한빛양극소재", "--format", "json")
    assert out.exit_code == 0, out.output
    body = json.loads(out.output)
    matches = body["matches"]
    ranks = {m["partner_profile_id"]: m["rank"] for m in matches}
    assert ranks == {"cn-need": 1, "cn-5g": 2}  # cn-peer offers the same: never a partner
    first, listed = matches[0], matches[1]
    assert first["guideline_level"] == "amber"  # batteries + lithium hydroxide, named
    assert any("Lithium oxide and hydroxide" in r for r in first["guideline_reasons"])
    assert listed["guideline_level"] == "red" and listed["partner_flagged"] is True
    peers = body["peers"]
    assert [p["peer_profile_id"] for p in peers] == ["cn-peer"]
    table = cli("partners", "match", "한빛양극소재")
    assert table.exit_code == 0 and "Peers" in table.output and "amber" in table.output


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.json", b"", "is empty"),
    ("scalar.json", b"42", "holds a JSON int, not a registry"),
    ("string.json", b'"organisations"', "holds a JSON str"),
    ("truncated.json", b'{"organisations": [{"name": "A"', "not valid JSON"),
    ("latin1.json", '{"organisations": [{"name": "Société Générale"}]}'.encode("latin-1"),
     "not UTF-8"),
    ("fake.xlsx", b"this is not a workbook", "cannot be read as an Excel workbook"),
    ("object.json", json.dumps({"organisations": [{"name": {"en": "A"}, "country": "KOR"}]}),
     "field 'name' holds a JSON object"),
    ("ghost.json", json.dumps({"organisations": [{"name": "A", "country": "KOR"}], "profiles": [
        {"org_name": "Ghost Ltd", "profile_type": "TO", "summary": "x"}]}),
     "org_name 'Ghost Ltd', which is neither in this file nor in the registry"),
    ("badtype.json", json.dumps({"organisations": [{"name": "A", "country": "KOR"}], "profiles": [
        {"org_name": "A", "profile_type": "partnership wish", "summary": "x"}]}),
     "'partnership wish' is not a known profile type"),
    ("nothing.json", b"{}", "holds no organisations and no profiles"),
    ("country.json", json.dumps({"organisations": [{"name": "A", "country": "ZZZ"}]}),
     "country 'ZZZ' is not an ISO3 code"),
    ("huge.json", json.dumps({"organisations": [{"name": "A", "kind": "x" * 2_000_000}]}),
     "kind 'xxxxxxxx"),
    ("sector.json", json.dumps({"organisations": [{"name": "A", "sectors": ["y" * 2_000_000]}]}),
     "is not a sector id or name"),
])
def test_malformed_registry_files_are_refused(cli, platform, tmp_path, name, content,  # type: ignore[no-untyped-def]
                                              message) -> None:
    platform.partners.import_file(_write(tmp_path, "good.json", json.dumps(GOOD)))
    before = (len(platform.partners.organisations()), len(platform.partners.profiles()))
    out = cli("partners", "import", str(_write(tmp_path, name, content)))
    assert out.exit_code == 1, out.output
    assert out.output.startswith("Error:") and message in out.output
    assert "Traceback" not in out.output and str(tmp_path) not in out.output.replace("\n", "")
    assert len(out.output) < 2000  # a 2 MB field is never echoed whole
    assert (len(platform.partners.organisations()), len(platform.partners.profiles())) == before


def test_truncated_xlsx_is_refused(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pandas as pd

    full = tmp_path / "full.xlsx"
    pd.DataFrame([{"name": "A", "country": "KOR"}]).to_excel(full, index=False)
    cut = _write(tmp_path, "cut.xlsx", full.read_bytes()[:300])
    out = cli("partners", "import", str(cut))
    assert out.exit_code == 1 and "cannot be read as an Excel workbook" in out.output


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.csv", b"", "is empty"),
    ("latin1.json", '[{"entity_name": "Société"}]'.encode("latin-1"), "not UTF-8"),
    ("scalar.json", b"7", "not a JSON array of list entries"),
    ("header.csv", b"list_id,entity_name\n", "holds no entries"),
])
def test_malformed_list_files_are_refused(cli, tmp_path, name, content, message) -> None:  # type: ignore[no-untyped-def]
    out = cli("trust", "import-list", str(_write(tmp_path, name, content)))
    assert out.exit_code == 1 and message in out.output and "Traceback" not in out.output


def test_list_reimport_replaces_the_list_and_keeps_history(platform, tmp_path) -> None:  # type: ignore[no-untyped-def]
    service = platform.partners
    v1 = _write(tmp_path, "v1.csv", "list_id,entity_name\nwatch,Alpha Photonics Ltd\n"
                "watch,Beta Quantum Ltd\nwatch,Gamma Drones Ltd\n")
    v2 = _write(tmp_path, "v2.csv", "list_id,entity_name\nwatch,Alpha Photonics Ltd\n"
                "watch,Gamma Drones Ltd\nwatch,Delta Lidar Ltd\n")
    first = service.import_list(v1)
    assert (first["added"], first["delisted"]) == (3, 0)
    ids_v1 = dict(zip(service.list_entries()["entity_name"], service.list_entries()["entry_id"],
                      strict=True))
    assert service.screen("Beta Quantum Ltd")[0].flagged
    second = service.import_list(v2)
    assert (second["added"], second["delisted"], second["unchanged"]) == (1, 1, 2)
    assert second["lists"][0]["version"] != first["lists"][0]["version"]
    # the delisted entity is no longer flagged; the others keep their ids (no shifting)
    assert not service.screen("Beta Quantum Ltd")[0].flagged
    entries = service.list_entries()
    ids_v2 = dict(zip(entries["entity_name"], entries["entry_id"], strict=True))
    assert ids_v2["Gamma Drones Ltd"] == ids_v1["Gamma Drones Ltd"]
    assert sorted(entries["entity_name"]) == ["Alpha Photonics Ltd", "Delta Lidar Ltd",
                                              "Gamma Drones Ltd"]
    history = service.list_history("watch")
    assert history[history["change"] == "delisted"]["entity_name"].tolist() == [
        "Beta Quantum Ltd"]
    assert len(history) == 5  # 3 added, then 1 added and 1 delisted
    again = service.import_list(v2)  # the same version again changes nothing
    assert (again["added"], again["delisted"]) == (0, 0) and len(service.list_history()) == 5


def test_json_with_byte_order_mark_is_read(cli, platform, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, "bom.json", b"\xef\xbb\xbf" + json.dumps(GOOD).encode("utf-8"))
    out = cli("partners", "import", str(path))
    assert out.exit_code == 0, out.output
    assert len(platform.partners.organisations()) == 4
    lst = _write(tmp_path, "bom-list.json", b"\xef\xbb\xbf" + json.dumps(
        [{"list_id": "x", "entity_name": "Acme"}]).encode("utf-8"))
    assert cli("trust", "import-list", str(lst)).exit_code == 0
