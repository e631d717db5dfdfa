"""Loader of the "minerals monthly" CSV format.

This is the format of ``country_monthly_stats.csv`` compiled from UN Comtrade by a
public research repository on China's critical-mineral export controls: one row per
month, product group and destination, with columns

``period_dt`` (YYYY-MM-DD, first day of the month), ``val`` (USD), ``qty`` (kg),
``uv`` (USD/kg), ``hhi`` (destination concentration of the group that month),
``broad_group`` (e.g. ``Graphite``, ``Gallium/Germanium``), ``partner_name``
(e.g. ``South Korea``, ``USA``).

The reporter is China (CHN) and the flow is ``export``; ``product`` is the group name
(these are baskets of 8-digit Chinese tariff lines, not HS6 codes). The result has the
columns of the ``trade_monthly`` table.

The same repository's HS6 layout (``deep_dive_hs6_monthly.csv``: ``period_dt``,
``partner_name``, ``hs6``, ``val``, ``qty``, ``uv``; one row per month, destination and
HS6 code) is read too: ``product`` is then the 6-digit code and ``revision`` ``HS6``.

National lines (an importer's 8- or 10-digit tariff lines, e.g. US imports by HTS10 line)
use ``hs`` instead of ``hs6``: the code is kept as written (leading zeros too), and
``revision`` is ``HS6`` for 6-digit codes, else ``national``. Any layout may carry
``reporter`` (ISO3 or a country name) and ``flow`` (``export`` | ``import``) per row; they
replace the defaults (China, exports), so the importer side is read by the same
detectors: a file of US imports by supplier says ``reporter`` USA, ``flow`` import,
``partner_name`` the supplier (``World`` is read as ``WLD``, the importer's total).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kcbridge.errors import InputError, NotFoundError
from kcbridge.reference.countries import CountryResolver

MINERALS_COLUMNS = ["period_dt", "val", "qty", "broad_group", "partner_name"]
#: the HS6 layout of the same repository: ``hs6`` instead of ``broad_group``
MINERALS_HS6_COLUMNS = ["period_dt", "val", "qty", "hs6", "partner_name"]
#: national lines (8/10 digits, any importer): ``hs`` kept as written
MINERALS_LINES_COLUMNS = ["period_dt", "val", "qty", "hs", "partner_name"]
FLOWS = ("export", "import")


def read_minerals_monthly(
    path: str | Path,
    *,
    reporter: str = "CHN",
    resolver: CountryResolver | None = None,
) -> pd.DataFrame:
    """Read a minerals-monthly CSV into ``trade_monthly`` rows (month, reporter, partner,
    flow='export', product=group, revision='group', value_usd, quantity, unit='kg')."""
    path = Path(path)
    if not path.exists():
        raise NotFoundError(
            f"No minerals monthly file at {path}.",
            hint="Give the path of country_monthly_stats.csv (columns period_dt, val, qty, "
            "uv, hhi, broad_group, partner_name).",
        )
    try:
        raw = pd.read_csv(path, dtype={"hs6": str, "hs": str})
    except pd.errors.EmptyDataError as exc:
        raise InputError(f"{path.name} is empty.",
                         hint="Give a monthly CSV with a header row and its rows.") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name} is not UTF-8 text ({exc.reason} at byte {exc.start}).",
                         hint="Save the file as UTF-8 CSV.") from exc
    except pd.errors.ParserError as exc:
        raise InputError(f"{path.name} is not a readable CSV: {exc}",
                         hint="Check the file's commas and quotes; every row needs the "
                         "header's columns.") from exc
    layout = (MINERALS_HS6_COLUMNS if "hs6" in raw.columns
              else MINERALS_LINES_COLUMNS if "hs" in raw.columns else MINERALS_COLUMNS)
    missing = [c for c in layout if c not in raw.columns]
    if missing:
        raise InputError(
            f"{path.name} is not a minerals monthly file: columns {missing} are missing.",
            hint=f"Expected the columns {MINERALS_COLUMNS} (+ uv, hhi), the HS6 layout "
            f"{MINERALS_HS6_COLUMNS} (+ uv), or national lines {MINERALS_LINES_COLUMNS} "
            "(+ reporter, flow).",
        )
    return minerals_to_monthly(raw, reporter=reporter, resolver=resolver, source=path.name)


def minerals_to_monthly(
    raw: pd.DataFrame,
    *,
    reporter: str = "CHN",
    resolver: CountryResolver | None = None,
    source: str = "minerals monthly data",
) -> pd.DataFrame:
    """Convert an already read minerals-monthly frame, group, HS6 or national-line layout
    (see :func:`read_minerals_monthly`)."""
    resolver = resolver or CountryResolver()
    if raw.empty:
        raise InputError(f"{source} has no rows.",
                         hint="Give a file with one row per month, partner and product.")
    names = raw["partner_name"].astype(str).str.strip()
    reporters = (raw["reporter"].astype(str).str.strip() if "reporter" in raw.columns
                 else pd.Series(reporter, index=raw.index))
    for what, column in (("partner", names), ("reporter", reporters)):
        unknown = resolver.unknown(column.unique())
        if unknown:
            raise InputError(
                f"{source}: unknown {what} names {unknown[:10]}.",
                hint="Use country names or ISO codes that `kcbridge countries` knows.",
            )
    mapping = resolver.resolve(pd.concat([names, reporters]).unique())
    flow = (raw["flow"].astype(str).str.strip().str.lower() if "flow" in raw.columns
            else pd.Series("export", index=raw.index))
    bad_flows = sorted(set(flow) - set(FLOWS))
    if bad_flows:
        raise InputError(f"{source}: unknown flow values {bad_flows[:5]}.",
                         hint="Write flow as export or import.")
    month = pd.to_datetime(raw["period_dt"], errors="coerce")
    if month.isna().any():
        bad = raw.loc[month.isna(), "period_dt"].astype(str).head(3).tolist()
        raise InputError(f"{source}: unreadable period_dt values {bad}.",
                         hint="Dates must look like 2023-12-01.")
    value = _numbers(raw["val"], "val", source)
    quantity = _numbers(raw["qty"], "qty", source)
    revision: str | pd.Series
    if "hs6" in raw.columns:
        product = _codes(raw["hs6"], "hs6", source, r"\d{1,6}").str.zfill(6)
        revision = "HS6"
    elif "hs" in raw.columns:
        product = _codes(raw["hs"], "hs", source, r"\d{4}|\d{6}|\d{8,10}")
        revision = product.str.len().map(lambda n: {4: "HS4", 6: "HS6"}.get(n, "national"))
    else:
        product = raw["broad_group"].astype(str).str.strip()
        revision = "group"
    out = pd.DataFrame({
        "month": month.dt.to_period("M").dt.to_timestamp(),
        "reporter": reporters.map(mapping),
        "partner": names.map(mapping),
        "flow": flow,
        "product": product,
        "revision": revision,
        "value_usd": value,
        "quantity": quantity.where(np.isfinite(quantity)),
        "unit": "kg",
    })
    out = out[out["value_usd"].notna()]
    return out.sort_values(["product", "partner", "month"]).reset_index(drop=True)


def _numbers(column: pd.Series, name: str, source: str) -> pd.Series:
    """A value or quantity column as floats: a blank cell is no figure (the row is dropped
    when its value is blank); text or a negative figure is refused with the rows named."""
    text = column.astype(str).str.strip()
    blank = column.isna() | text.eq("") | text.str.lower().isin({"nan", "na", "n/a"})
    numbers = pd.to_numeric(column.where(~blank), errors="coerce").astype(float)
    bad = (numbers.isna() & ~blank) | (numbers < 0)
    if bad.any():
        rows = [int(i) + 2 for i in bad[bad].index[:5]]  # +2: the header line, 1-based
        shown = column[bad].astype(str).head(5).tolist()
        raise InputError(f"{source}: {name} is not a figure of 0 or more on lines {rows} "
                         f"({shown}).",
                         hint=f"Write {name} as a plain number (no units, no thousands "
                              "separators); leave it blank when there is no figure.")
    return numbers


def _codes(column: pd.Series, name: str, source: str, pattern: str) -> pd.Series:
    """Product codes as written (digits only, of the lengths ``pattern`` allows)."""
    codes = column.astype(str).str.strip()
    bad = ~codes.str.fullmatch(pattern) | column.isna()
    if bad.any():
        rows = [int(i) + 2 for i in bad[bad].index[:5]]
        shown = column[bad].head(5).map(lambda v: "(blank)" if pd.isna(v) else str(v)).tolist()
        raise InputError(f"{source}: {name} codes {shown} "
                         f"on lines {rows} are not tariff codes.",
                         hint=f"Write {name} as digits only ("
                              + ("HS6: 6 digits" if name == "hs6" else
                                 "4 or 6 digits of the HS, or an 8- to 10-digit national "
                                 "line") + "), keeping leading zeros; read the file with the "
                              "codes as text.")
    return codes
