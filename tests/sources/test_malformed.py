"""Every class of malformed input, for each trade loader: a clear message (what is wrong,
where, how to fix it) and a store left exactly as it was (rows, row counts, load records,
data version). Inputs are generated here into tmp_path; valid variants (mixed line
endings, byte-order marks, CP949, Excel exports) must load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kcbridge.errors import InputError, KcbridgeError
from kcbridge.sources import load_file

BACI_HEADER = "t,i,j,k,v,q"
BACI_OK = "2022,410,156,854231,1200.5,3.0"


def refuse(store, settings, samples, fmt: str, path: Path, match: str, **options) -> str:
    """Load ``path``; assert an InputError matching ``match`` and an unchanged store;
    return the message."""
    before = samples.store_state(store)
    with pytest.raises(InputError, match=match) as caught:
        load_file(store, settings, fmt, path, **options)
    assert samples.store_state(store) == before
    message = str(caught.value)
    assert len(message) < 900, message  # no field echoed whole
    for leak in ("Binder Error", "Conversion Error", "Traceback", "sniffing", "/tmp/",
                 str(path.parent)):
        assert leak not in message, message
    return message


# ---------------------------------------------------------------- BACI
@pytest.fixture
def baci_store(store, settings, samples, tmp_path):
    """A store holding a first BACI release (2021 and 2022), so that 'unchanged' means
    those rows survive."""
    load_file(store, settings, "baci",
              samples.write_baci_zip(tmp_path / "BACI_HS12_V202401.zip", version="202401"))
    assert store.count("trade_annual") == 7
    return store


def baci_csv(tmp_path: Path, samples, body: str | bytes) -> Path:
    folder = tmp_path / "bad"
    folder.mkdir(exist_ok=True)
    (folder / "country_codes_V202501.csv").write_text(samples.BACI_COUNTRY_CODES)
    path = folder / "BACI_HS12_Y2022_V202501.csv"
    path.write_bytes(body if isinstance(body, bytes) else body.encode())
    return path


BACI_CASES = {
    "infinity": (f"{BACI_HEADER}\n2022,410,156,854231,inf,3\n",
                 r"1 row\(s\) have an infinite value .* in column 'v' \(e.g. year 2022, "
                 r"exporter KOR, importer CHN, product 854231"),
    "1e999": (f"{BACI_HEADER}\n2022,410,156,854231,1e999,3\n", r"infinite value"),
    "nan value": (f"{BACI_HEADER}\n2022,410,156,854231,nan,3\n",
                  r"no trade value \(blank or NaN\) in column 'v'"),
    "nan quantity": (f"{BACI_HEADER}\n{BACI_OK}\n2022,156,410,854231,5,nan\n",
                     r"1 row\(s\) have a quantity that is not a finite number .* column 'q'.*"
                     r"leave it blank \(or NA\)"),
    "infinite quantity": (f"{BACI_HEADER}\n2022,156,410,854231,5,inf\n",
                          r"quantity that is not a finite number"),
    "negative": (f"{BACI_HEADER}\n2022,410,156,854231,-5,3\n",
                 r"negative values or quantities in column 'v' or 'q'"),
    "year 9999": (f"{BACI_HEADER}\n9999,410,156,854231,5,3\n",
                  r"year outside 1988-\d{4} in column 't' \(found: 9999\)"),
    "year 1800": (f"{BACI_HEADER}\n1800,410,156,854231,5,3\n", r"\(found: 1800\)"),
    "year too large for the column": (f"{BACI_HEADER}\n99999,410,156,854231,5,3\n",
                                      r"line 2, column 't': '99999' is not a whole number"),
    "duplicate rows": (f"{BACI_HEADER}\n{BACI_OK}\n{BACI_OK}\n2022,156,410,854231,1,1\n",
                       r"1 flow\(s\) appear more than once .*year 2022, exporter KOR, importer "
                       r"CHN, product 854231 \(2 times\).*never summed or stored twice"),
    "unknown country": (f"{BACI_HEADER}\n2022,999,156,854231,5,3\n",
                        r"not known: '999'.*ISO3 code.*--skip-unknown"),
    "HS code with letters": (f"{BACI_HEADER}\n2022,410,156,85A231,5,3\n",
                             r"invalid HS codes in column 'k' \(e.g. '85A231'\).*digits only"),
    "HS code too long": (f"{BACI_HEADER}\n2022,410,156,85423111,5,3\n",
                         r"invalid HS codes .*'85423111'.*2, 4 or 6 digits"),
    "empty file": (b"", r"empty \(0 bytes\)"),
    "header only": (f"{BACI_HEADER}\n", r"holds no trade rows"),
    "semicolons": ("t;i;j;k;v;q\n2022;410;156;854231;5;3\n",
                   r"separated by semicolons, not commas"),
    "missing column": ("t,i,j,v,q\n2022,410,156,5,3\n",
                       r"required column\(s\) k missing \(found: t, i, j, v, q\)"),
    "empty column name in the header": ("t,i,,j,k,v,q\n2022,410,,156,854231,5,3\n",
                                        r"the header has an empty column name \(column 3 "),
    "text value": (f"{BACI_HEADER}\n{BACI_OK}\n2022,410,156,854232,abc,3\n",
                   r"line 3, column 'v': 'abc' is not a number"),
    "short row": (f"{BACI_HEADER}\n{BACI_OK}\n2022,410,156,854232\n",
                  r"line 3 has 4 field\(s\) where the header has 6"),
    "text quantity": (f"{BACI_HEADER}\n2022,410,156,854231,5,lots\n", r"'lots' is not a number"),
    "not UTF-8": (b"t,i,j,k,v,q\n2022,410,156,854231,5,\xff\xfe\n",
                  r"not valid UTF-8 text \(first bad bytes on line 2\)"),
}


@pytest.mark.parametrize("case", list(BACI_CASES))
def test_baci_malformed(case, baci_store, settings, samples, tmp_path):
    body, match = BACI_CASES[case]
    refuse(baci_store, settings, samples, "baci", baci_csv(tmp_path, samples, body), match)


def test_baci_long_field_is_cut_in_the_message(baci_store, settings, samples, tmp_path):
    path = baci_csv(tmp_path, samples, f"{BACI_HEADER}\n2022,410,156,{'8' * 3000},5,3\n")
    message = refuse(baci_store, settings, samples, "baci", path, "invalid HS codes")
    assert "(3,000 characters)" in message and "8" * 100 not in message


@pytest.mark.parametrize("damage", ["truncated", "fake"])
def test_baci_damaged_zip(damage, baci_store, settings, samples, tmp_path):
    good = samples.write_baci_zip(tmp_path / "good.zip").read_bytes()
    path = tmp_path / "BACI_HS12_V202501.zip"
    path.write_bytes(good[: len(good) // 2] if damage == "truncated" else b"PK\x03\x04" + b"x" * 99)
    refuse(baci_store, settings, samples, "baci", path,
           r"truncated or corrupt zip archive.*Download the BACI release again")


def test_baci_zip_with_duplicates_names_the_year_file(baci_store, settings, samples, tmp_path):
    path = samples.write_baci_zip(tmp_path / "BACI_HS12_V202501.zip",
                                  years={2022: [BACI_OK, BACI_OK]})
    refuse(baci_store, settings, samples, "baci", path, r"appear more than once")


def test_baci_valid_variants_load_the_same_rows(store, settings, samples, tmp_path):
    rows = [BACI_OK, "2022,156,410,280461,300,", "2022,490,842,854232,50.25,0.001"]
    plain = baci_csv(tmp_path, samples, BACI_HEADER + "\n" + "\n".join(rows) + "\n")
    expected = load_file(store, settings, "baci", plain)
    want = samples.snapshot(store)["trade_annual"]
    variants = {
        "mixed line endings": (BACI_HEADER + "\r\n" + rows[0] + "\n" + rows[1] + "\r\n"
                               + rows[2] + "\n").encode(),
        "byte-order mark": ("\ufeff" + BACI_HEADER + "\n" + "\n".join(rows) + "\n").encode(),
    }
    for name, body in variants.items():
        (tmp_path / name).mkdir()
        path = baci_csv(tmp_path / name, samples, body)
        result = load_file(store, settings, "baci", path)
        assert result.rows == expected.rows == 3, name
        got = samples.snapshot(store)["trade_annual"]
        # the same values (only the load id differs)
        assert got.replace(result.load_id, "L") == want.replace(expected.load_id, "L"), name


# ---------------------------------------------------------------- UN Comtrade
@pytest.fixture
def comtrade_store(store, settings, samples, tmp_path):
    path = samples.write_comtrade_json(tmp_path / "ok.json", samples.comtrade_annual_records())
    load_file(store, settings, "comtrade", path)
    assert store.count("trade_annual") > 0
    return store


def comtrade_csv(path: Path, samples, records: list[dict], *, sep: str = ",",
                 replace: tuple[str, str] | None = None) -> Path:
    header = sep.join(records[0])
    lines = [sep.join("" if v is None else str(v) for v in r.values()) for r in records]
    text = header + "\n" + "\n".join(lines) + "\n"
    if replace:
        text = text.replace(*replace)
    path.write_text(text, encoding="utf-8")
    return path


def _comtrade_cases(samples, tmp_path: Path) -> dict[str, tuple[Path, str]]:
    r = samples.comtrade_record
    js = samples.write_comtrade_json

    def raw(name: str, data: bytes) -> Path:
        (tmp_path / name).write_bytes(data)
        return tmp_path / name

    one = [r(primaryValue=777.0, fobvalue=None)]
    return {
        "infinity (JSON)": (js(tmp_path / "inf.json", [r(primaryValue=float("inf"))]),
                            r"infinite value .* in column 'primaryValue'"),
        "1e999 (CSV)": (comtrade_csv(tmp_path / "big.csv", samples, one,
                                     replace=(",777.0,", ",1e999,")),
                        r"infinite value"),
        "NaN value": (js(tmp_path / "nan.json", [r(primaryValue=float("nan"))]),
                      r"no trade value \(blank or NaN\) in column 'primaryValue'"),
        "negative": (js(tmp_path / "neg.json", [r(primaryValue=-5.0)]),
                     r"negative values or quantities in column 'primaryValue'"),
        "year 9999": (js(tmp_path / "y9999.json", [r(refYear=9999, period="9999")]),
                      r"year outside 1988-\d{4} in column 'refYear' \(found: 9999\)"),
        "year 1800": (js(tmp_path / "y1800.json", [r(refYear=1800, period="1800")]),
                      r"\(found: 1800\)"),
        "year that is not a year": (js(tmp_path / "ynone.json", [r(), r(cmdCode="854232",
                                                                   refYear="twenty")]),
                                    r"1 row\(s\) have no valid year in column 'refYear' "
                                    r"\(e.g. 'twenty'\)"),
        "month 13": (js(tmp_path / "m13.json", [r(freqCode="M", refMonth=13, period="202213")]),
                     r"month outside 1-12 \(refMonth or period: 13\)"),
        "duplicate report": (js(tmp_path / "dup.json", [r(), r(), r(cmdCode="854232")]),
                             r"1 report\(s\) appear more than once .*reporter KOR, partner CHN, "
                             r"flow X, product 854231 \(2 times\)"),
        "unknown country": (js(tmp_path / "zzz.json", [r(partnerCode=999, partnerISO="ZZZ")]),
                            r"not known: 'ZZZ'.*ISO3 code.*--skip-unknown"),
        "HS code with letters": (js(tmp_path / "hsa.json", [r(cmdCode="85A231")]),
                                 r"invalid HS codes in column 'cmdCode' \(e.g. '85A231'\)"),
        "no HS code": (js(tmp_path / "nocode.json", [r(), r(cmdCode=None),
                                                     r(cmdCode="TOTAL")]),
                       r"1 row\(s\) have no commodity code in column 'cmdCode'"),
        "HS code of a wrong length": (js(tmp_path / "hs7.json", [r(cmdCode="8542311")]),
                                      r"invalid HS codes .*'08542311'"),
        "empty file": (raw("empty.json", b""), r"empty \(0 bytes\)"),
        "header only": (raw("head.csv", (",".join(r()) + "\n").encode()),
                        r"has a header row but no data rows"),
        "semicolons": (comtrade_csv(tmp_path / "semi.csv", samples, one, sep=";"),
                       r"separated by semicolons, not commas"),
        "missing columns": (js(tmp_path / "cols.json", [{"refYear": 2022, "value": 1}]),
                            r"required column\(s\) flowCode, cmdCode, primaryValue"),
        "truncated JSON": (raw("trunc.json", b'{"count": 1, "data": [{"refYear": 20'),
                           r"not valid JSON .*looks truncated"),
        "fake xlsx": (raw("fake.xlsx", b"PK\x03\x04" + b"x" * 200),
                      r"not a readable Excel workbook"),
        "text value (CSV)": (comtrade_csv(tmp_path / "text.csv", samples, one,
                                          replace=(",777.0,", ",about 5,")),
                             r"1 value\(s\) in column 'primaryValue' are not numbers "
                             r"\(e.g. 'about 5'\)"),
        "records that are not objects": (raw("scalars.json", b'{"data": [1, 2]}'),
                                         r"data record 1 is not an object"),
        "ragged CSV line": (comtrade_csv(tmp_path / "ragged.csv", samples, one,
                                         replace=(",777.0,", ",777.0,extra,")),
                            r"line 2 has \d+ field\(s\) where the header has \d+"),
    }


def test_comtrade_malformed(comtrade_store, settings, samples, tmp_path):
    cases = _comtrade_cases(samples, tmp_path)
    assert len(cases) >= 8
    for name, (path, match) in cases.items():
        try:
            refuse(comtrade_store, settings, samples, "comtrade", path, match)
        except BaseException as exc:
            raise AssertionError(f"case {name!r}: {exc}") from exc


def test_comtrade_mirror_reports_are_not_duplicates(store, settings, samples, tmp_path):
    path = samples.write_comtrade_json(tmp_path / "kor.json", samples.comtrade_annual_records())
    result = load_file(store, settings, "comtrade", path)
    assert result.rows >= 3  # the mirror pair loads; only true repeats are refused


def test_comtrade_valid_variants(store, settings, samples, tmp_path):
    r = samples.comtrade_record
    records = [r(primaryValue=1000.0), r(cmdCode="854232", primaryValue=250.0)]
    header = list(records[0])
    lines = [",".join("" if v is None else str(v) for v in rec.values()) for rec in records]
    variants = {
        "mixed.csv": (",".join(header) + "\r\n" + lines[0] + "\n" + lines[1] + "\r\n").encode(),
        "bom.csv": ("\ufeff" + ",".join(header) + "\n" + "\n".join(lines) + "\n").encode(),
        "bom.json": b"\xef\xbb\xbf" + json.dumps({"count": 2, "data": records}).encode(),
    }
    for name, body in variants.items():
        (tmp_path / name).write_bytes(body)
    samples.write_xlsx(tmp_path / "export.xlsx", header,
                       [list(rec.values()) for rec in records])
    for name in [*variants, "export.xlsx"]:
        result = load_file(store, settings, "comtrade", tmp_path / name, force=True)
        assert result.rows == 2, name
        values = store.table("trade_annual").to_pandas().set_index("product")["value_usd"]
        assert values.to_dict() == {"854231": 1000.0, "854232": 250.0}, name


# ---------------------------------------------------------------- Korea Customs
KCS_OK = "2023.01,중국,854231,x,100,5000,10,200,4800"


@pytest.fixture
def kcs_store(store, settings, samples, tmp_path):
    load_file(store, settings, "kcs", samples.write_kcs_csv(tmp_path / "ok.csv"),
              revision="HS2012")
    assert store.count("trade_monthly") == 6
    return store


def _kcs_cases(samples, tmp_path: Path) -> dict[str, tuple[Path, str]]:
    def rows(name: str, *lines: str, header: str = samples.KCS_HEADER) -> Path:
        return samples.write_kcs_csv(tmp_path / f"{name}.csv", header=header, rows=list(lines))

    def raw(name: str, data: bytes) -> Path:
        (tmp_path / name).write_bytes(data)
        return tmp_path / name

    return {
        "infinity": (rows("inf", "2023.01,중국,854231,x,100,inf,10,200,0"),
                     r"column '수출금액' has 1 infinite value\(s\) \(line 2: 'inf'\)"),
        "1e999": (rows("big", KCS_OK, "2023.01,미국,854231,x,100,1e999,10,200,0"),
                  r"column '수출금액' has 1 infinite value\(s\) \(line 3: '1e999'\)"),
        "NaN amount": (rows("nan", "2023.01,중국,854231,x,100,nan,10,200,0"),
                       r"column '수출금액' has 1 value\(s\) that are not numbers "
                       r"\(line 2: 'nan'\)"),
        "NaN weight": (rows("nanw", "2023.01,중국,854231,x,nan,500,10,200,0"),
                       r"column '수출중량' .*not numbers"),
        "negative": (rows("neg", KCS_OK, "2023.01,미국,854231,x,100,-5000,10,200,0"),
                     r"column '수출금액' has 1 negative value\(s\) \(line 3: '-5000'\)"),
        "year 9999": (rows("y9999", "9999.01,중국,854231,x,100,5000,10,200,0"),
                      r"year outside 1988-\d{4} \(line 2: '9999.01'\) in column '기간'"),
        "year 1800": (rows("y1800", "1800.01,중국,854231,x,100,5000,10,200,0"),
                      r"year outside 1988-\d{4} \(line 2: '1800.01'\)"),
        "month 13": (rows("m13", KCS_OK, "2023.13,중국,854231,x,100,5000,10,200,0"),
                     r"period that is not a month \(line 3: '2023.13'\)"),
        "duplicate rows": (rows("dup", KCS_OK, KCS_OK),
                           r"2 flow\(s\) appear more than once .*month 2023-01, reporter KOR, "
                           r"partner CHN, flow export, product 854231 \(2 times\)"),
        "unknown country": (rows("zzz", "2023.01,ZZZ,854231,x,100,5000,10,200,0"),
                            r"in column '국가' are not known: 'ZZZ'.*--skip-unknown"),
        "HS code with letters": (rows("hsa", "2023.01,중국,85A231,x,100,5000,10,200,0"),
                                 r"invalid HS codes in column 'HS코드' \(e.g. '85A231'\)"),
        "HS code too long": (rows("hs12", "2023.01,중국,854231100011,x,100,5000,10,200,0"),
                             r"invalid HS codes .*'854231100011'.*6, 8 or 10 digits"),
        "empty file": (raw("empty.csv", b""), r"empty \(0 bytes\)"),
        "header only": (raw("head.csv", (samples.KCS_HEADER + "\n").encode()),
                        r"has a header row but no data rows"),
        "semicolons": (raw("semi.csv", (samples.KCS_HEADER.replace(",", ";") + "\n"
                                        + KCS_OK.replace(",", ";") + "\n").encode()),
                       r"separated by semicolons, not commas"),
        "missing columns": (raw("cols.csv", "기간,국가,품목명\n2023.01,중국,x\n".encode()),
                            r"required column\(s\) HS코드, 수출금액 / 수입금액 missing"),
        "ragged line": (rows("ragged", KCS_OK, "2023.01,미국,854231,x,1,000,5000,10,200,0"),
                        r"line 3 has 10 fields where the header has 9"),
        # pandas would silently shift every column by one (the first field becoming an index)
        "one field too many on every row": (
            rows("shift", KCS_OK + ",1", "2023.01,미국,854231,x,1,5000,10,200,0,1"),
            r"line 2 has 10 fields where the header has 9"),
        "a column twice in the header": (
            rows("twice", "2023.01,중국,854231,x,100,5000,10,200,0,1",
                 header=samples.KCS_HEADER + ",수출금액"),
            r"column\(s\) '수출금액' appear twice in the header"),
        "truncated xlsx": (raw("cut.xlsx", b"PK\x03\x04" + b"\x00" * 300),
                           r"not a readable Excel workbook"),
        "legacy xls": (raw("old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 300),
                       r"legacy Excel \(.xls\) workbook.*save it as .xlsx or as CSV"),
        "HTML saved as .xls": (raw("page.xls", "<html><table><tr><td>기간</td></tr></table>"
                                                 "</html>".encode()),
                               r"is a web page \(HTML or XML\).*save it as .xlsx or CSV"),
        "binary": (raw("bin.csv", bytes(range(256)) * 8),
                   r"neither UTF-8 nor CP949"),
    }


def test_kcs_malformed(kcs_store, settings, samples, tmp_path):
    cases = _kcs_cases(samples, tmp_path)
    for name, (path, match) in cases.items():
        try:
            refuse(kcs_store, settings, samples, "kcs", path, match, revision="HS2012")
        except BaseException as exc:
            raise AssertionError(f"case {name!r}: {exc}") from exc


def test_kcs_valid_variants(store, settings, samples, tmp_path):
    rows = [KCS_OK, "2023.01,미국,854231,x,100,\"700,000\",0,0,0"]
    texts = {
        "mixed.csv": (samples.KCS_HEADER + "\r\n" + rows[0] + "\n" + rows[1] + "\r\n")
        .encode("utf-8"),
        "cp949.csv": (samples.KCS_HEADER + "\n" + "\n".join(rows) + "\n").encode("cp949"),
        "bom.csv": (samples.KCS_HEADER + "\n" + "\n".join(rows) + "\n").encode("utf-8-sig"),
    }
    for name, body in texts.items():
        (tmp_path / name).write_bytes(body)
    samples.write_xlsx(tmp_path / "export.xlsx", samples.KCS_HEADER.split(","),
                       [["2023.01", "중국", 854231, "x", 100, 5000, 10, 200, 4800],
                        ["2023.01", "미국", 854231, "x", 100, 700000, 0, 0, 0]])
    # the site's workbook puts a title and the unit above the table
    samples.write_xlsx(tmp_path / "titled.xlsx", samples.KCS_HEADER.split(","),
                       [["2023-01", "CN", "854231", "x", 100, 5000, 10, 200, 4800],
                        ["2023-01", "US", "854231", "x", 100, 700000, 0, 0, 0]],
                       above=[["품목별 국가별 수출입실적"], [None], ["단위: 달러, kg"]])
    for name in [*texts, "export.xlsx", "titled.xlsx"]:
        result = load_file(store, settings, "kcs", tmp_path / name, revision="HS2012",
                           force=True)
        assert result.rows == 3, name  # CHN export + import, USA export
        df = store.table("trade_monthly").to_pandas()
        got = {(p, f): v for p, f, v in zip(df.partner, df.flow, df.value_usd, strict=True)}
        assert got == {("CHN", "export"): 5000.0, ("CHN", "import"): 200.0,
                       ("USA", "export"): 700000.0}, name


# ---------------------------------------------------------------- exports to the world
EW_HEADER = "reporter_iso,product_code,export_value_usd"


@pytest.fixture
def ew_store(store, settings, samples, tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text(samples.EXPORTS_WORLD)
    load_file(store, settings, "exports-world", path, year=2017, revision="HS2007")
    assert store.count("trade_annual") == 4
    return store


EW_CASES = {
    "infinity": (f"{EW_HEADER}\nkor,8542,inf\n",
                 r"infinite value .* in column 'export_value_usd' \(e.g. year 2017, exporter "
                 r"KOR, importer WLD, product 8542"),
    "1e999": (f"{EW_HEADER}\nkor,8542,1e999\n", r"infinite value"),
    "NaN": (f"{EW_HEADER}\nkor,8542,nan\n", r"no trade value \(blank or NaN\)"),
    "negative": (f"{EW_HEADER}\nkor,8542,-5\n", r"negative values or quantities"),
    "year 9999": (f"year,{EW_HEADER}\n9999,kor,8542,5\n",
                  r"year outside 1988-\d{4} in column 'year' \(found: 9999\)"),
    "year 1800": (f"year,{EW_HEADER}\n1800,kor,8542,5\n", r"\(found: 1800\)"),
    "year that is not a year": (f"year,{EW_HEADER}\n2017,kor,8542,5\nlast year,chn,8542,5\n",
                                r"1 row\(s\) have no valid year in column 'year' "
                                r"\(e.g. 'last year'\)"),
    "duplicate rows": (f"{EW_HEADER}\nkor,8542,5\nKOR,8542,6\nchn,8542,1\n",
                       r"1 flow\(s\) appear more than once .*exporter KOR, importer WLD, "
                       r"product 8542 \(2 times\)"),
    "unknown country": (f"{EW_HEADER}\nzzz,8542,5\n",
                        r"in column 'reporter_iso' are not known: 'zzz'.*--skip-unknown"),
    "no reporter": (f"{EW_HEADER}\nkor,8542,5\n,8542,7\n",
                    r"1 row\(s\) with a value have no reporter in column 'reporter_iso'"),
    "HS code with letters": (f"{EW_HEADER}\nkor,85A2,5\n",
                             r"invalid HS codes in column 'product_code' \(e.g. '85A2'\)"),
    "HS code of a wrong length": (f"{EW_HEADER}\nkor,8542311,5\n",
                                  r"invalid HS codes .*'08542311'.*2, 4 or 6 digits"),
    "empty file": ("", r"empty \(0 bytes\)"),
    "header only": (f"{EW_HEADER}\n", r"has a header row but no data rows"),
    "semicolons": ("reporter_iso;product_code;export_value_usd\nkor;8542;5\n",
                   r"separated by semicolons, not commas"),
    "missing column": ("reporter_iso,export_value_usd\nkor,5\n",
                       r"not an exports-world file: required column\(s\) product missing"),
    "text value": (f"{EW_HEADER}\nkor,8542,5 USD\n",
                   r"column 'export_value_usd' has 1 value\(s\) that are not numbers "
                   r"\('5 USD'\)"),
    "ragged line": (f"{EW_HEADER}\nkor,8542,5\nchn,8542\n",
                    r"line 3 has 2 field\(s\) where the header has 3"),
    "ragged line in a file of mixed line endings": (
        f"{EW_HEADER}\r\nkor,8542,5\nchn,8542,5,9\r\n",
        r"line 3 has 4 field\(s\) where the header has 3"),
    "unclosed quote": (f'{EW_HEADER}\nkor,8542,5\n"chn,8542,5\nusa,8542,5\n',
                       r"line \d+ .*quote"),
}


@pytest.mark.parametrize("case", list(EW_CASES))
def test_exports_world_malformed(case, ew_store, settings, samples, tmp_path):
    body, match = EW_CASES[case]
    path = tmp_path / "bad.csv"
    path.write_text(body, encoding="utf-8")
    year = None if body.startswith("year,") else 2017  # a year column says it itself
    refuse(ew_store, settings, samples, "exports-world", path, match, year=year,
           revision="HS2007")


def test_exports_world_fake_xlsx_and_long_field(ew_store, settings, samples, tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    refuse(ew_store, settings, samples, "exports-world", fake, r"not a readable Excel workbook",
           year=2017, revision="HS2007")
    long = tmp_path / "long.csv"
    long.write_text(f"{EW_HEADER}\n{'k' * 5000},8542,5\n")
    message = refuse(ew_store, settings, samples, "exports-world", long, r"not known",
                     year=2017, revision="HS2007")
    assert "(5,000 characters)" in message and "k" * 100 not in message


def test_exports_world_valid_variants(store, settings, samples, tmp_path):
    lines = ["kor,8542,1000000.0", "chn,0101,10.0"]
    variants = {
        "mixed.csv": (EW_HEADER + "\r\n" + lines[0] + "\n" + lines[1] + "\r\n").encode(),
        "bom.csv": ("\ufeff" + EW_HEADER + "\n" + "\n".join(lines) + "\n").encode(),
    }
    for name, body in variants.items():
        (tmp_path / name).write_bytes(body)
    # Excel drops the leading zero of 0101 when the code is a number: restored on load
    samples.write_xlsx(tmp_path / "export.xlsx", EW_HEADER.split(","),
                       [["kor", 8542, 1000000.0], ["chn", 101, 10]])
    for name in [*variants, "export.xlsx"]:
        result = load_file(store, settings, "exports-world", tmp_path / name, year=2017,
                           revision="HS2007", force=True)
        assert result.rows == 2, name
        df = store.table("trade_annual").to_pandas()
        got = dict(zip(zip(df.exporter, df["product"], strict=True), df.value_usd, strict=True))
        assert got == {("KOR", "8542"): 1_000_000.0, ("CHN", "0101"): 10.0}, name


def test_every_refusal_is_a_kcbridge_error_with_a_hint(ew_store, settings, samples, tmp_path):
    """The hint is what a user acts on: every case above has one."""
    path = tmp_path / "bad.csv"
    for body, _ in EW_CASES.values():
        path.write_text(body, encoding="utf-8")
        year = None if body.startswith("year,") else 2017
        with pytest.raises(KcbridgeError) as caught:
            load_file(ew_store, settings, "exports-world", path, year=year, revision="HS2007")
        assert caught.value.hint, str(caught.value)
