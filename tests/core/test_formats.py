"""Output formats shared by CLI, API and dashboard: JSON values, CSV with formula escaping and
the SYNTHETIC line, Excel workbooks (sheet names, cell values, the about sheet)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from kcbridge.formats import (
    SYNTHETIC_LABEL,
    csv_safe,
    csv_text,
    excel_value,
    jsonable,
    tables_of,
    write_xlsx,
    xlsx_bytes,
)


@dataclass
class _Pair:
    a: str
    share: float
    when: dt.date


class _HasToDict:
    def to_dict(self) -> dict[str, object]:
        return {"k": np.int64(3)}


# ---------------------------------------------------------------- jsonable


def test_jsonable_turns_numpy_scalars_into_python_numbers() -> None:
    out = jsonable({"n": np.int64(7), "x": np.float32(0.5), "b": np.bool_(True)})
    assert out == {"n": 7, "x": 0.5, "b": True}
    assert type(out["n"]) is int and type(out["x"]) is float and type(out["b"]) is bool
    json.dumps(out)  # plain JSON


def test_jsonable_dataclasses_dates_paths_and_to_dict_objects() -> None:
    value = {
        "pair": _Pair("KOR", np.float64(0.25), dt.date(2024, 8, 15)),
        "at": dt.datetime(2024, 8, 15, 9, 30),
        "file": Path("/srv/out.csv"),
        "obj": _HasToDict(),
        7: ("t", 1),
    }
    assert jsonable(value) == {
        "pair": {"a": "KOR", "share": 0.25, "when": "2024-08-15"},
        "at": "2024-08-15T09:30:00",
        "file": "/srv/out.csv",
        "obj": {"k": 3},
        "7": ["t", 1],  # keys become text, tuples lists
    }


def test_jsonable_frame_is_records_with_nan_as_null_and_unicode_kept() -> None:
    frame = pd.DataFrame({"country": ["한국", "中国"], "rca": [1.5, np.nan], "n": [1, 2]})
    assert jsonable(frame) == [
        {"country": "한국", "rca": 1.5, "n": 1},
        {"country": "中国", "rca": None, "n": 2},
    ]


def test_jsonable_missing_and_infinite_numbers_outside_frames_are_null() -> None:
    # records built from frames (a backtest's episodes) carry NaN and NaT as Python
    # values; JSON has no NaN, and strict parsers and the API's encoder refuse it
    records = {"episodes": [{"score": float("nan"), "lead": np.float64("-inf"),
                             "confirmed": pd.NaT, "month": pd.Timestamp("2023-09-01"),
                             "n": np.int64(3), "ok": 0.5}]}
    out = jsonable(records)
    assert out == {"episodes": [{"score": None, "lead": None, "confirmed": None,
                                 "month": "2023-09-01T00:00:00", "n": 3, "ok": 0.5}]}
    json.dumps(out, allow_nan=False)  # raises on any NaN left


def test_jsonable_date_only_columns_have_no_midnight_but_times_keep_their_time() -> None:
    frame = pd.DataFrame(
        {
            "month": pd.to_datetime(pd.Series(["2024-01-01", None, "2024-03-01"])),
            "seen": pd.to_datetime(["2024-01-01 10:00", "2024-01-02 00:00", "2024-01-03 00:00"]),
        }
    )
    rows = jsonable(frame)
    assert [r["month"] for r in rows] == ["2024-01-01", None, "2024-03-01"]
    assert rows[0]["seen"].startswith("2024-01-01T10:00:00")
    assert rows[1]["seen"].startswith("2024-01-02T00:00:00")  # one time in the column: all keep it


def test_jsonable_does_not_change_the_callers_frame() -> None:
    frame = pd.DataFrame({"month": pd.to_datetime(["2024-01-01"])})
    jsonable(frame)
    assert pd.api.types.is_datetime64_any_dtype(frame["month"])


# ---------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
        ("+82 2 123", "'+82 2 123"),
        ("-", "'-"),
        ("@A1", "'@A1"),
        ("\rX", "'\rX"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("-1e-3", "-1e-3"),
        ("-.5", "-.5"),
        ("Samsung", "Samsung"),
        ("a=b", "a=b"),
        (-4.0, -4.0),
        (None, None),
    ],
)
def test_csv_safe_escapes_formula_starts_but_not_numbers(value: object, expected: object) -> None:
    assert csv_safe(value) == expected


def test_csv_text_starts_with_the_synthetic_line_only_for_demo_data() -> None:
    frame = pd.DataFrame({"a": [1]})
    demo = csv_text(frame, synthetic=True).splitlines()
    real = csv_text(frame, synthetic=False).splitlines()
    assert demo == [f"# {SYNTHETIC_LABEL}", "a", "1"]
    assert real == ["a", "1"]


def test_csv_text_escapes_column_names_and_keeps_numeric_and_date_columns() -> None:
    frame = pd.DataFrame(
        {
            "=evil": ["-x", "ok"],
            "value": [-1.0, 2.0],
            "month": pd.to_datetime(["2024-01-01", "2024-02-01"]),
        }
    )
    lines = csv_text(frame, synthetic=False).splitlines()
    assert lines[0] == "'=evil,value,month"
    assert lines[1] == "'-x,-1.0,2024-01-01"
    assert lines[2] == "ok,2.0,2024-02-01"
    assert list(frame.columns) == ["=evil", "value", "month"]  # caller's frame untouched
    assert frame.iloc[0, 0] == "-x"


def test_csv_text_reads_back_with_pandas_after_the_comment() -> None:
    frame = pd.DataFrame({"product": ["854231", "850760"], "value_usd": [1.5, 2.0]})
    text = csv_text(frame, synthetic=True)
    back = pd.read_csv(io.StringIO(text), comment="#", dtype={"product": str})
    pd.testing.assert_frame_equal(back, frame)


# ---------------------------------------------------------------- tables_of


def test_tables_of_each_kind_of_result() -> None:
    frame = pd.DataFrame({"x": [1, 2]})
    assert list(tables_of(frame, "rows")) == ["rows"]
    mixed = tables_of({"summary": frame, "note": "not a table", "top": frame.head(1)})
    assert list(mixed) == ["summary", "top"]
    plain = tables_of({"a": 1, "b": "two"})
    assert plain["data"].to_dict("records") == [{"a": 1, "b": "two"}]
    records = tables_of([{"a": 1}, {"a": 2}], "list")
    assert records["list"]["a"].tolist() == [1, 2]

    class Result:
        def tables(self) -> dict[str, pd.DataFrame]:
            return {"one": frame}

    assert list(tables_of(Result())) == ["one"]


def test_tables_of_refuses_what_is_not_a_table() -> None:
    with pytest.raises(TypeError, match="int"):
        tables_of(5)


# ---------------------------------------------------------------- Excel


@pytest.mark.parametrize(
    "value,expected",
    [
        (None, None),
        (pd.NA, None),
        (pd.NaT, None),
        (float("nan"), None),
        (float("inf"), None),
        (np.float32(1.5), 1.5),
        (np.int64(4), 4),
        (np.bool_(False), False),
        (True, True),
        (["KOR", "CHN"], "KOR, CHN"),
        (np.array([1, 2]), "1, 2"),
        (dt.date(2024, 1, 31), dt.date(2024, 1, 31)),
        (dt.datetime(2024, 1, 31, 5, tzinfo=dt.UTC), dt.datetime(2024, 1, 31, 5)),
        (pd.Timestamp("2024-01-31 05:00", tz="Asia/Seoul"), dt.datetime(2024, 1, 31, 5)),
        (Path("a/b"), "a/b"),
    ],
)
def test_excel_value(value: object, expected: object) -> None:
    out = excel_value(value)
    assert out == expected
    assert type(out) is type(expected)


def test_sheet_names_are_cleaned_cut_and_made_unique() -> None:
    frame = pd.DataFrame({"x": [1]})
    long = "complementarity by sector and year"  # 34 characters
    data = xlsx_bytes(
        {"a/b:c": frame, long: frame, long + " 2": frame, "About": frame, "": frame}
    )
    names = load_workbook(io.BytesIO(data)).sheetnames
    assert names[0] == "about"
    assert names[1] == "a_b_c"
    assert names[2] == long[:31]
    assert names[3] == long[:29] + "_2"  # same first 31 characters: numbered
    assert names[4] == "About_2"  # sheet names are unique without regard to case
    assert names[5] == "sheet"
    assert all(len(n) <= 31 for n in names)


def test_about_sheet_lists_title_label_and_rows_per_sheet() -> None:
    frame = pd.DataFrame({"x": [1, 2, 3]})
    wb = load_workbook(io.BytesIO(xlsx_bytes({"t1": frame, "t2": frame.head(1)},
                                             synthetic=True, title="KOR-CHN")))
    about = [tuple(r) for r in wb["about"].iter_rows(values_only=True)]
    assert about[0] == ("kcbridge", "KOR-CHN")
    assert about[1] == ("label", SYNTHETIC_LABEL)
    assert about[2][0] == "created" and str(about[2][1]).endswith("UTC")
    assert about[3:] == [("sheet", "rows"), ("t1", "3 rows"), ("t2", "1 rows")]


def test_real_data_workbooks_carry_no_synthetic_label() -> None:
    wb = load_workbook(io.BytesIO(xlsx_bytes(pd.DataFrame({"x": [1]}))))
    cells = [c for row in wb["about"].iter_rows(values_only=True) for c in row]
    assert SYNTHETIC_LABEL not in cells
    assert "label" not in cells


def test_formula_text_is_written_as_text_in_every_text_column() -> None:
    frame = pd.DataFrame({"a": ["=1+2", "ok"], "b": ["@x", "-y"], "n": [1, 2]})
    sheet = load_workbook(io.BytesIO(xlsx_bytes(frame, name="rows")))["rows"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["a", "b", "n"], ["=1+2", "@x", 1], ["ok", "-y", 2]
    ]
    assert sheet["A2"].data_type == "s" and sheet["B2"].data_type == "s"
    assert sheet["B3"].data_type == "s"
    assert sheet["C2"].data_type == "n"
    assert sheet.freeze_panes == "A2"


def test_write_xlsx_returns_the_number_of_data_rows(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    frames = {"one": pd.DataFrame({"x": range(4)}), "two": pd.DataFrame({"y": range(3)})}
    assert write_xlsx(frames, path, synthetic=True) == 7
    back = pd.read_excel(path, sheet_name="one")
    assert back["x"].tolist() == [0, 1, 2, 3]


def test_csv_text_writes_nested_cells_as_json_not_python_repr() -> None:
    frame = pd.DataFrame({"key": ["a", "b"],
                          "timeline": [[{"stage": "signed", "date": pd.Timestamp("2024-01-02")}],
                                       []],
                          "codes": [np.array([1, 2]), None]})
    rows = list(csv.DictReader(io.StringIO(csv_text(frame, synthetic=False))))
    assert json.loads(rows[0]["timeline"]) == [{"stage": "signed",
                                                "date": "2024-01-02T00:00:00"}]
    assert json.loads(rows[1]["timeline"]) == []
    assert json.loads(rows[0]["codes"]) == [1, 2] and rows[1]["codes"] == ""

