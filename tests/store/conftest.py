"""Fixtures of the lake tests: a store in a file under tmp_path (so the lake is a real
folder), settings, and writers of small hand-made files in the public formats."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kcbridge.settings import Settings
from kcbridge.store import Store

COUNTRY_CODES = (
    "country_code,country_name,country_iso2,country_iso3\n"
    "156,China,CN,CHN\n410,Rep. of Korea,KR,KOR\n842,USA,US,USA\n392,Japan,JP,JPN\n"
)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def settings(home: Path) -> Settings:
    return Settings(home=home)


@pytest.fixture
def url(home: Path) -> str:
    return f"duckdb://{home / 'kcbridge.duckdb'}"


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    s = Store(url)
    yield s
    s.close()


def write_baci(folder: Path, year: int, rows: list[str], version: str = "202501") -> Path:
    """A BACI year CSV (``t,i,j,k,v,q``: v in thousand USD) with its country codes."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"country_codes_V{version}.csv").write_text(COUNTRY_CODES)
    path = folder / f"BACI_HS12_Y{year}_V{version}.csv"
    path.write_text("t,i,j,k,v,q\n" + "\n".join(rows) + "\n")
    return path


def comtrade(reporter: str, partner: str, flow: str, cmd: str, value: float,
             year: int = 2022, **extra: Any) -> dict[str, Any]:
    codes = {"KOR": 410, "CHN": 156, "USA": 842, "JPN": 392}
    record = {"typeCode": "C", "freqCode": "A", "refYear": year, "period": str(year),
              "reporterCode": codes[reporter], "reporterISO": reporter,
              "partnerCode": codes[partner], "partnerISO": partner, "partner2Code": 0,
              "classificationCode": "H4", "flowCode": flow, "cmdCode": cmd,
              "customsCode": "C00", "motCode": 0, "netWgt": 10.0,
              "primaryValue": value}
    record.update(extra)
    return record


def write_comtrade(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"count": len(records), "data": records, "error": ""}))
    return path


KCS_HEADER = "기간,국가,HS코드,품목명,수출중량,수출금액,수입중량,수입금액,무역수지"


def write_kcs(path: Path, rows: list[str]) -> Path:
    path.write_bytes((KCS_HEADER + "\n" + "\n".join(rows) + "\n").encode("utf-8-sig"))
    return path


def annual(store: Store, view: str = "trade_annual") -> dict[tuple[Any, ...], float]:
    df = store.table(view).to_pandas()
    return {(int(r.year), r.exporter, r.importer, r["product"]): float(r.value_usd)
            for _, r in df.iterrows()}


def snapshot(store: Store) -> dict[str, str]:
    """Everything a load may change: rows of both trade tables, loads, the manifest."""
    out = {}
    for name in ("trade_annual", "trade_monthly", "loads", "lake_files"):
        frame = store.table(name).to_pandas().astype(str)
        out[name] = frame.sort_values(list(frame.columns)).to_csv(index=False)
    return out


@pytest.fixture
def files() -> Any:
    """The writers and readers above (tests run with --import-mode=importlib, so they are
    handed over as a fixture)."""
    from types import SimpleNamespace

    return SimpleNamespace(baci=write_baci, comtrade=comtrade, write_comtrade=write_comtrade,
                           kcs=write_kcs, annual=annual, snapshot=snapshot)
