"""Korea Customs Service (관세청): monthly trade by item and country.

Two spellings of the same table are read:
- the CSV downloaded from the trade statistics site, with Korean headers
  ``기간, 국가 (or 국가명 / 국가코드), HS코드 (or 품목코드), 품목명, 수출중량, 수출금액,
  수입중량, 수입금액, 무역수지``;
- the data.go.kr open API fields ``year, statCd, statCdCntnKor1, hsCd, statKor, expWgt,
  expDlr, impWgt, impDlr, balPayments``.

Conventions: the reporter is Korea (``KOR``); each row gives an export flow and an
import flow to ``trade_monthly`` (flows with zero value and zero weight are not stored).
Periods ``2023.01``, ``202301``, ``2023-01`` or ``2023년 01월``. Amounts are USD, or
thousand USD when the header says 천 (천달러, 천불), multiplied back to USD; weights are
kg (tons when the header says 톤). Files are UTF-8 (with or without BOM) or CP949.
Total rows (총계, 합계, 소계) are skipped. Countries are ISO2 codes, ISO3 codes or
Korean names. The HS revision is ``revision`` when given, else the one in force in
Korea for the period (HS2022 from 2022, HS2017 2017-2021, HS2012 2012-2016, HS2007
2007-2011, HS2002 before). Codes are HS6 or national 10-digit HSK lines.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any, SupportsInt, cast

import numpy as np
import pandas as pd

from kcbridge.errors import InputError
from kcbridge.sources.common import (
    MONTHLY,
    LoadContext,
    Staged,
    clip,
    guard_reader,
    missing_columns_error,
    pick_column,
)
from kcbridge.sources.countries import TradeCountryResolver
from kcbridge.sources.tables import file_kind, no_rows_error, read_excel_frame, refuse_binary
from kcbridge.sources.validation import MIN_YEAR, check_staged, max_year

COLUMNS = {
    "period": ["기간", "년월", "연월", "수출입년월", "year", "period"],
    "country_code": ["국가코드", "statCd", "country_code"],
    "country_name": ["국가", "국가명", "statCdCntnKor1", "country"],
    "hs": ["HS코드", "품목코드", "HS부호", "hsCd", "HSK", "hs_code"],
    "exp_wgt": ["수출중량", "expWgt"],
    "exp_usd": ["수출금액", "expDlr"],
    "imp_wgt": ["수입중량", "impWgt"],
    "imp_usd": ["수입금액", "impDlr"],
}
TOTAL_WORDS = {"총계", "합계", "소계", "계", "TOTAL", "-"}
PERIOD = re.compile(r"^\s*(\d{4})\D{0,3}?(\d{1,2})\D*$")


def revision_in_force(year: int) -> str:
    """HS revision Korea's tariff used in ``year``."""
    for start, rev in ((2022, "HS2022"), (2017, "HS2017"), (2012, "HS2012"), (2007, "HS2007")):
        if year >= start:
            return rev
    return "HS2002"


@guard_reader("kcs")
def read_kcs(ctx: LoadContext, path: Path, *, year: int | None = None,
             revision: str | None = None, skip_unknown: bool = False, **_: Any) -> Staged:
    """Stage a KCS item-by-country monthly CSV as ``trade_monthly`` rows."""
    frame, encoding = _read_text_csv(path)
    cols = list(frame.columns)
    col = {key: pick_column(cols, names) for key, names in COLUMNS.items()}
    missing = [COLUMNS[k][0] for k in ("period", "hs") if col[k] is None]
    if col["country_code"] is None and col["country_name"] is None:
        missing.append("국가 (or 국가코드)")
    if all(col[k] is None for k in ("exp_usd", "imp_usd")):
        missing.append("수출금액 / 수입금액")
    if missing:
        raise missing_columns_error(
            path, "Korea Customs item-by-country", missing, cols,
            hint="Download 품목별 국가별 수출입실적 as CSV with its header row.",
        )
    notes = [f"Read as {encoding}."]
    hs = frame[col["hs"]].astype(str).str.strip().str.replace(r"\.0$", "", regex=True)
    period_raw = frame[col["period"]].astype(str).str.strip()
    country_raw = _country_column(frame, col)
    is_total = hs.isin(TOTAL_WORDS) | period_raw.isin(TOTAL_WORDS) | country_raw.isin(TOTAL_WORDS)
    if is_total.any():
        notes.append(f"Skipped {int(is_total.sum())} total row(s).")
    kept = ~is_total
    frame, hs = frame[kept], hs[kept]
    period_raw, country_raw = period_raw[kept], country_raw[kept]
    if frame.empty:
        raise no_rows_error(path)
    parsed = period_raw.str.extract(PERIOD)
    bad_period = parsed[0].isna() | ~pd.to_numeric(parsed[1], errors="coerce").between(1, 12)
    if bad_period.any():
        raise InputError(f"{path.name}: {int(bad_period.sum())} row(s) have a period that is "
                         f"not a month ({_where(period_raw, bad_period)}) in column "
                         f"{col['period']!r}.",
                         hint="Periods look like 2023.01, 202301 or 2023-01 (months 01-12).")
    years = parsed[0].astype(int)
    bad_year = ~years.between(MIN_YEAR, max_year())
    if bad_year.any():
        raise InputError(
            f"{path.name}: {int(bad_year.sum())} row(s) have a year outside "
            f"{MIN_YEAR}-{max_year()} ({_where(period_raw, bad_year)}) in column "
            f"{col['period']!r}.",
            hint=f"HS-coded trade exists from {MIN_YEAR} to this year; fix those periods.",
        )
    months = pd.to_datetime({"year": years, "month": parsed[1].astype(int), "day": 1})
    resolver = TradeCountryResolver()
    mapping, unknown = resolver.resolve_all(country_raw.unique(), source=path.name,
                                            column=str(col["country_code"] or col["country_name"]),
                                            drop_unknown=skip_unknown)
    if unknown:
        notes.append(f"Dropped rows of unknown countries: {', '.join(unknown[:10])}.")
    partner = country_raw.map(mapping)
    product = hs.map(lambda c: "0" + c if c.isdigit() and len(c) % 2 == 1 else c)
    rev = (pd.Series(revision, index=frame.index) if revision
           else years.map(revision_in_force))
    parts = []
    for flow, value_key, weight_key in (("export", "exp_usd", "exp_wgt"),
                                        ("import", "imp_usd", "imp_wgt")):
        value_col, weight_col = col[value_key], col[weight_key]
        if value_col is None:
            continue
        value = _number(frame[value_col], path, value_col) * _scale(value_col)
        weight = (_number(frame[weight_col], path, weight_col) * _weight_scale(weight_col)
                  if weight_col else pd.Series(np.nan, index=frame.index))
        part = pd.DataFrame({
            "month": months.dt.date, "reporter": "KOR", "partner": partner, "flow": flow,
            "product": product, "revision": rev, "value_usd": value, "quantity": weight,
            "unit": "kg",
        })
        part = part[~((part["value_usd"].fillna(0) == 0) & (part["quantity"].fillna(0) == 0))]
        parts.append(part)
    staged = pd.concat(parts, ignore_index=True)
    staged = staged[staged["partner"].notna()]
    if year is not None:
        staged = staged[pd.to_datetime(staged["month"]).dt.year == int(year)]
    if staged.empty:
        raise InputError(
            f"{path.name} holds no trade to load (every row has zero value and weight, or "
            "none is of the year asked for).",
            hint="Check the file (and the --year filter, if you gave one).",
        )
    if any("천" in str(col[k] or "") for k in ("exp_usd", "imp_usd")):
        notes.append("Amounts were in thousand USD (천달러) and were multiplied by 1,000.")
    table = ctx.create_from_frame(staged.reset_index(drop=True), prefix="kcs")
    values = "/".join(str(col[k]) for k in ("exp_usd", "imp_usd") if col[k])
    weights = "/".join(str(col[k]) for k in ("exp_wgt", "imp_wgt") if col[k]) or "weight"
    result = Staged(table=table, target=MONTHLY, notes=notes,
                    columns={"month": str(col["period"]), "product": str(col["hs"]),
                             "value_usd": values, "quantity": weights})
    check_staged(ctx, result, path)
    return result


def _where(text: pd.Series, bad: pd.Series) -> str:
    """The first offending values with their line numbers (header = line 1)."""
    shown = [f"line {int(cast(SupportsInt, i)) + 2}: {clip(repr(v), 40)}"
             for i, v in text[bad].head(3).items()]
    return ", ".join(shown)


def _read_text_csv(path: Path) -> tuple[pd.DataFrame, str]:
    raw = path.read_bytes()
    refuse_binary(path, raw[:4096], "Korea Customs CSV", excel=True)
    if file_kind(path, raw[:4096]) == "xlsx":
        names = [name for names in COLUMNS.values() for name in names]
        frame = read_excel_frame(path, "Korea Customs", expect=names).fillna("")
        frame.columns = [str(c).strip() for c in frame.columns]
        return frame, "Excel"
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise InputError(
            f"{path.name} is neither UTF-8 nor CP949 (EUC-KR) text.",
            hint="Open it and save it again as CSV UTF-8, or download it again.",
        )
    sep = "\t" if "\t" in text.split("\n", 1)[0] else ","
    return _parse_rows(path, text, sep), "UTF-8" if encoding == "utf-8-sig" else "CP949"


def _parse_rows(path: Path, text: str, sep: str) -> pd.DataFrame:
    """The CSV text as a frame of strings indexed by line number - 2 (header = line 1).

    Python's csv module, not pandas: pandas silently turns the first fields into an index
    when every row has one field more than the header, and pads short rows; here a row
    whose field count differs from the header's is refused with its line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quotechar='"')
    header: list[str] | None = None
    rows: list[list[str]] = []
    index: list[int] = []
    try:
        for row in reader:
            if header is None:
                header = [c.strip().lstrip("\ufeff") for c in row]
                continue
            if not any(cell.strip() for cell in row):  # a blank line
                continue
            if len(row) != len(header):
                raise InputError(
                    f"Cannot read {path.name} as CSV: line {reader.line_num} has {len(row)} "
                    f"fields where the header has {len(header)} "
                    f"({clip(sep.join(row), 100)!r}).",
                    hint="Fix that line (a missing or extra comma, or a number with "
                    "thousands separators that is not quoted).",
                )
            rows.append(row)
            index.append(reader.line_num - 2)
    except csv.Error as exc:
        raise InputError(f"Cannot read {path.name} as CSV (line {reader.line_num}).",
                         hint="Look for a stray or unclosed quote on that line.") from exc
    if not header or not any(header):
        raise InputError(f"{path.name} has no header row.",
                         hint="Download 품목별 국가별 수출입실적 again as CSV.")
    repeated = sorted({c for c in header if c and header.count(c) > 1})
    if repeated:
        raise InputError(f"{path.name}: column(s) {', '.join(repr(clip(c, 20)) for c in repeated)} "
                         "appear twice in the header.", hint="Keep each column once.")
    return pd.DataFrame(rows, columns=header, index=index, dtype=object)



def _country_column(frame: pd.DataFrame, col: dict[str, str | None]) -> pd.Series:
    """The country code where there is one, else the name."""
    code = (frame[col["country_code"]].astype(str).str.strip() if col["country_code"]
            else pd.Series("", index=frame.index))
    name = (frame[col["country_name"]].astype(str).str.strip() if col["country_name"]
            else pd.Series("", index=frame.index))
    return code.where(code != "", name)


def _number(series: pd.Series, path: Path, column: str) -> pd.Series:
    text = series.astype(str).str.replace(",", "", regex=False).str.strip()
    text = text.replace({"": "0", "-": "0"})
    values = pd.to_numeric(text, errors="coerce")
    values = values.where(values.notna(), text.map(_float_or_nan))  # 1e999 -> inf
    bad = values.isna()
    if bad.any():
        raise InputError(f"{path.name}: column {column!r} has {int(bad.sum())} value(s) that "
                         f"are not numbers ({_where(series, bad)}).",
                         hint="Amounts and weights are plain numbers (thousands separators "
                         "allowed); fix or remove those rows.")
    infinite = np.isinf(values)
    if infinite.any():
        raise InputError(f"{path.name}: column {column!r} has {int(infinite.sum())} infinite "
                         f"value(s) ({_where(series, infinite)}).",
                         hint="Amounts and weights must be finite numbers; fix those rows.")
    negative = values < 0
    if negative.any():
        raise InputError(f"{path.name}: column {column!r} has {int(negative.sum())} negative "
                         f"value(s) ({_where(series, negative)}).",
                         hint="Export and import amounts and weights are zero or positive "
                         "(the trade balance column is not read); fix those rows.")
    return values.astype(float)


def _float_or_nan(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return np.nan


def _scale(header: str) -> float:
    return 1000.0 if "천" in header or "thousand" in header.lower() else 1.0


def _weight_scale(header: str) -> float:
    return 1000.0 if "톤" in header or "(t)" in header.lower() else 1.0
