"""Korea Customs Service item-by-country monthly CSV (Korean headers and open-API fields)."""

from __future__ import annotations

import pandas as pd
import pytest

from kcbridge.errors import InputError, KcbridgeError
from kcbridge.sources import load_file
from kcbridge.sources.countries import TradeCountryResolver


def monthly(store):
    df = store.table("trade_monthly").to_pandas()
    df["month"] = pd.to_datetime(df["month"]).dt.strftime("%Y-%m")
    return df.sort_values(["month", "partner", "flow", "product"]).reset_index(drop=True)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp949"])
def test_korean_csv_in_each_encoding(samples, store, settings, tmp_path, encoding):
    path = samples.write_kcs_csv(tmp_path / "kcs.csv", encoding=encoding)
    result = load_file(store, settings, "kcs", path, revision="HS2012")
    assert result.target == "trade_monthly"
    assert result.periods == ["2023-01", "2023-02"]
    df = monthly(store)
    # 중국 854231: export 5,000,000 USD / 1,200 kg and import 2,000,000 / 300 kg;
    # 미국: export only (import 0 and 0 kg not stored); 중국 280461: import only;
    # 대만 10-digit HSK line: both flows.
    assert len(df) == 6 and result.rows == 6
    assert set(df.reporter) == {"KOR"}
    chn = df[(df.partner == "CHN") & (df["product"] == "854231")].set_index("flow")
    assert chn.loc["export", "value_usd"] == 5_000_000.0
    assert chn.loc["export", "quantity"] == 1_200.0
    assert chn.loc["import", "value_usd"] == 2_000_000.0
    assert df[df.partner == "USA"].flow.tolist() == ["export"]
    assert set(df[df.partner == "TWN"]["product"]) == {"8542311000"}
    assert any("total row" in n for n in result.notes)


def test_open_api_fields_and_thousand_usd(samples, store, settings, tmp_path):
    path = samples.write_kcs_csv(tmp_path / "api.csv", header=samples.KCS_API_HEADER,
                                 rows=samples.KCS_API_ROWS)
    result = load_file(store, settings, "kcs", path, revision="HS2012")
    assert result.rows == 3 and result.periods == ["2023-03"]
    df = monthly(store)
    assert df[(df.partner == "VNM")].value_usd.tolist() == [800.0]

    header = ("기간,국가,HS코드,품목명,수출중량(톤),수출금액(천달러),수입중량(톤),"
              "수입금액(천달러),무역수지")
    thousand = samples.write_kcs_csv(tmp_path / "k.csv", header=header,
                                     rows=["202304,CN,854231,x,2,3.5,0,0,3.5"])
    result = load_file(store, settings, "kcs", thousand, revision="HS2012")
    row = monthly(store).query("month == '2023-04'")
    assert row.value_usd.item() == 3500.0 and row.quantity.item() == 2000.0
    assert any("thousand USD" in n for n in result.notes)


def test_revision_follows_period_when_not_given(samples, store, settings, tmp_path):
    path = samples.write_kcs_csv(tmp_path / "old.csv", rows=[
        "2015-06,일본,854231,x,1,100,0,0,100", "2019-06,일본,854231,x,1,100,0,0,100"])
    settings = settings.model_copy(update={"target_hs_revision": "HS2012"})
    result = load_file(store, settings, "kcs", path)
    assert result.revision_in == "HS2012,HS2017"
    assert result.revision_out == "HS2012"


def test_korean_and_chinese_names_resolve():
    resolver = TradeCountryResolver()
    assert resolver.lookup("중국") == "CHN" and resolver.lookup("中国") == "CHN"
    assert resolver.lookup("미국") == "USA" and resolver.lookup("美国") == "USA"
    assert resolver.lookup("튀르키예") == "TUR" and resolver.lookup("터키") == "TUR"
    assert resolver.lookup("사우디 아라비아") == "SAU"
    assert resolver.lookup("VN") == "VNM" and resolver.lookup("490") == "TWN"


@pytest.mark.parametrize(
    ("header", "rows", "message"),
    [
        ("기간,국가,품목명,수출금액", ["2023.01,중국,x,1"], r"HS코드 missing \(found: 기간, 국가"),
        (None, ["2023.01,아틀란티스,854231,x,1,1,0,0,1"], "not known: '아틀란티스'"),
        (None, ["2023.01,중국,85423A,x,1,1,0,0,1"], "invalid HS codes"),
        (None, ["2023.01,중국,854231,x,1,-100,0,0,1"], "negative"),
        (None, ["2023.13,중국,854231,x,1,100,0,0,1"], "not a month"),
        (None, ["2023.01,중국,854231,x,1,lots,0,0,1"], "not numbers"),
    ],
)
def test_malformed_files_refused_store_unchanged(samples, store, settings, tmp_path, header,
                                                 rows, message):
    load_file(store, settings, "kcs", samples.write_kcs_csv(tmp_path / "ok.csv"),
              revision="HS2012")
    before = samples.snapshot(store)
    path = samples.write_kcs_csv(tmp_path / "bad.csv", header=header or samples.KCS_HEADER,
                                 rows=rows)
    with pytest.raises(KcbridgeError, match=message):
        load_file(store, settings, "kcs", path, revision="HS2012")
    assert samples.snapshot(store) == before


def test_wrong_encoding_and_excel_refused(store, settings, tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_bytes("기간,국가,HS코드\n".encode("utf-16"))
    with pytest.raises(InputError, match="neither UTF-8 nor CP949"):
        load_file(store, settings, "kcs", path)
    xlsx = tmp_path / "kcs.xlsx"
    xlsx.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(InputError, match="save it as CSV"):
        load_file(store, settings, "kcs", xlsx)


def test_empty_file_refused(store, settings, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        load_file(store, settings, "kcs", path)
