"""Small files in the real public formats, written by hand for the loader tests."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

BACI_COUNTRY_CODES = (
    "country_code,country_name,country_iso2,country_iso3\n"
    "156,China,CN,CHN\n"
    "410,Rep. of Korea,KR,KOR\n"
    '490,"Other Asia, nes",N/A,S19\n'
    "842,USA,US,USA\n"
    "392,Japan,JP,JPN\n"
)

#: Two years of BACI rows (t,i,j,k,v,q): v in thousand USD, q in tons, padded like CEPII's.
BACI_ROWS = {
    2021: [
        "2021,410,156,854231,  1000.000,   2.500",
        "2021,156,410,854231,   400.000,          NA",
    ],
    2022: [
        "2022,410,156,854231,  1200.500,   3.000",
        "2022,410,156,10121,     5.000,   0.010",  # k lost its leading zero
        "2022,156,410,280461,   300.000,",
        "2022,490,842,854232,    50.250,   0.001",  # 490 = Other Asia, nes = Taiwan
        "2022,842,392,870323,    10.000,   1.000",
    ],
}


def baci_csv_text(year: int, rows: list[str] | None = None) -> str:
    return "t,i,j,k,v,q\n" + "\n".join(rows or BACI_ROWS[year]) + "\n"


def write_baci_zip(path: Path, *, revision: str = "HS12", version: str = "202501",
                   years: dict[int, list[str]] | None = None) -> Path:
    years = years or BACI_ROWS
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for year, rows in years.items():
            zf.writestr(f"BACI_{revision}_Y{year}_V{version}.csv", baci_csv_text(year, rows))
        zf.writestr(f"country_codes_V{version}.csv", BACI_COUNTRY_CODES)
        zf.writestr(f"product_codes_{revision}_V{version}.csv",
                    'code,description\n854231,"Processors and controllers"\n')
        zf.writestr("Readme.txt", "BACI test release\n")
    return path


def comtrade_record(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "typeCode": "C", "freqCode": "A", "refPeriodId": 20220101, "refYear": 2022,
        "refMonth": 52, "period": "2022", "reporterCode": 410, "reporterISO": "KOR",
        "flowCode": "X", "partnerCode": 156, "partnerISO": "CHN", "partner2Code": 0,
        "partner2ISO": "W00", "classificationCode": "H4", "isOriginalClassification": True,
        "cmdCode": "854231", "aggrLevel": 6, "isLeaf": True, "customsCode": "C00",
        "mosCode": "0", "motCode": 0, "qtyUnitCode": 8, "qtyUnitAbbr": "kg", "qty": 10.0,
        "isQtyEstimated": False, "altQtyUnitCode": -1, "altQty": None, "netWgt": 10.0,
        "grossWgt": None, "cifvalue": None, "fobvalue": 1000.0, "primaryValue": 1000.0,
        "legacyEstimationFlag": 0, "isReported": True, "isAggregate": False,
    }
    base.update(fields)
    return base


def comtrade_annual_records() -> list[dict[str, object]]:
    """Korea's and China's reports of one flow each way, plus rows the loader drops."""
    return [
        # KOR reports exports to CHN; CHN also reports the same flow as imports (kept)
        comtrade_record(primaryValue=1000.0),
        comtrade_record(reporterCode=156, reporterISO="CHN", partnerCode=410,
                        partnerISO="KOR", flowCode="M", primaryValue=1100.0, netWgt=11.0),
        # KOR imports from CHN, only KOR reports
        comtrade_record(flowCode="M", cmdCode="280461", primaryValue=300.0, netWgt=0,
                        qty=5.0, qtyUnitAbbr="u"),
        # exports to the world
        comtrade_record(partnerCode=0, partnerISO="W00", primaryValue=5000.0),
        # breakdowns and aggregates that must be dropped
        comtrade_record(motCode=2100, primaryValue=999.0),
        comtrade_record(customsCode="C01", primaryValue=999.0),
        comtrade_record(partner2Code=392, partner2ISO="JPN", primaryValue=999.0),
        comtrade_record(flowCode="RX", primaryValue=999.0),
        comtrade_record(cmdCode="TOTAL", aggrLevel=0, primaryValue=99999.0),
        comtrade_record(cmdCode="85", aggrLevel=2, primaryValue=9999.0),
    ]


def write_comtrade_json(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps({"elapsedTime": "0.1 secs", "count": len(records),
                                "data": records, "error": ""}), encoding="utf-8")
    return path


def write_comtrade_table(path: Path, records: list[dict[str, object]], sep: str = ",") -> Path:
    import pandas as pd

    frame = pd.DataFrame.from_records(records)
    if path.suffix == ".gz":
        frame.to_csv(path, sep=sep, index=False, compression="gzip")
    else:
        frame.to_csv(path, sep=sep, index=False)
    return path


KCS_HEADER = "기간,국가,HS코드,품목명,수출중량,수출금액,수입중량,수입금액,무역수지"
KCS_ROWS = [
    "총계,,,,\"1,000\",\"9,999\",\"1,000\",\"9,999\",0",
    "2023.01,중국,854231,프로세서와 컨트롤러,\"1,200\",\"5,000,000\",300,\"2,000,000\","
    "\"3,000,000\"",
    "2023.01,미국,854231,프로세서와 컨트롤러,100,\"700,000\",0,0,\"700,000\"",
    "2023.02,중국,280461,규소,0,0,\"50,000\",\"120,000\",\"-120,000\"",
    "2023.02,대만,8542311000,프로세서와 컨트롤러,5,\"40,000\",2,\"10,000\",\"30,000\"",
]


def write_kcs_csv(path: Path, *, encoding: str = "utf-8-sig", header: str = KCS_HEADER,
                  rows: list[str] | None = None) -> Path:
    text = header + "\n" + "\n".join(KCS_ROWS if rows is None else rows) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


KCS_API_HEADER = "year,statCd,statCdCntnKor1,hsCd,statKor,expWgt,expDlr,impWgt,impDlr,balPayments"
KCS_API_ROWS = [
    "2023.03,CN,중국,854231,프로세서와 컨트롤러,1000,3000,10,500,2500",
    "2023.03,VN,베트남,854231,프로세서와 컨트롤러,20,800,0,0,800",
]


EXPORTS_WORLD = (
    "reporter_iso,product_code,export_value_usd\n"
    "kor,8542,1000000.0\n"
    "kor,0101,\n"
    "kor,2804,2500.5\n"
    "chn,8542,3000000.0\n"
    "chn,0101,10.0\n"
)


def snapshot(store: Any) -> dict[str, Any]:
    """Everything a load may change: rows of both trade tables and the load history."""
    out: dict[str, Any] = {}
    for name in ("trade_annual", "trade_monthly", "loads"):
        frame = store.table(name).to_pandas().astype(str)
        out[name] = frame.sort_values(list(frame.columns)).to_csv(index=False)
    return out


def write_xlsx(path: Path, header: list[str], rows: list[list[object]],
               above: list[list[object]] | None = None) -> Path:
    """An Excel export: one sheet, the rows ``above`` (a title, notes) then the header row
    (numbers stay numbers, as Excel keeps them; codes given as text stay text)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in above or []:
        sheet.append(row)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def store_state(store: Any) -> dict[str, Any]:
    """What a refused load must not change: every row (:func:`snapshot`), the row counts,
    the load records and the data version."""
    return {
        "rows": snapshot(store),
        "counts": {name: store.count(name) for name in ("trade_annual", "trade_monthly",
                                                        "loads")},
        "version": store.data_version(),
    }
