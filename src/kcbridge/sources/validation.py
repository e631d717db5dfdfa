"""Value checks on a loader's staged rows, run by every reader before it hands its rows
to the pipeline (so before anything is converted or kept).

One scan counts every class of bad value; the rows behind a problem are looked up only
when there is one. Each refusal says what is wrong, where (the file, the file's own
column, and the first offending rows by their key: period, countries, product) and how
to fix it. Classes: no rows; HS codes that are not digits of a valid length; missing
countries; missing, not-a-number, infinite or negative values; quantities that are not
finite numbers; years outside the HS era; and duplicate rows (the same flow twice: a
file is refused rather than summed or stored twice).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from kcbridge.errors import InputError
from kcbridge.sources.common import ANNUAL, LoadContext, Staged, clip

#: The Harmonized System came into force on 1 January 1988: no HS-coded trade before.
MIN_YEAR = 1988
#: Valid HS code lengths: chapters, headings, subheadings, national 8/10-digit lines.
CODE_LENGTHS = {ANNUAL: (2, 4, 6), "trade_monthly": (2, 4, 6, 8, 10)}
#: How many offending rows a message shows.
EXAMPLES = 3


def max_year() -> int:
    """No trade is recorded for a year that has not started."""
    return dt.date.today().year


def flow_key(target: str) -> list[str]:
    """The columns that identify one flow; two rows with the same key are duplicates."""
    if target == ANNUAL:
        return ["year", "exporter", "importer", "product"]
    return ["month", "reporter", "partner", "flow", "product"]


def check_staged(ctx: LoadContext, staged: Staged, path: Path) -> None:
    """Refuse the file (InputError) unless every staged row is valid; see the module doc.

    ``staged.columns`` names the file's own columns (``value_usd -> 'v'``) for the
    messages; rows are shown by their key."""
    t = staged.table
    target = staged.target
    lengths = CODE_LENGTHS[target]
    countries = ["exporter", "importer"] if target == ANNUAL else ["reporter", "partner"]
    year = "year" if target == ANNUAL else "year(month)"
    top = max_year()
    conditions = {
        "code": ("product IS NULL OR (product <> 'TOTAL' AND (NOT regexp_full_match(product, "
                 f"'[0-9]+') OR length(product) NOT IN ({', '.join(map(str, lengths))})))"),
        "country": " OR ".join(f"{c} IS NULL" for c in countries),
        "no_value": "value_usd IS NULL OR isnan(value_usd)",
        "inf_value": "isinf(value_usd)",
        "negative": "value_usd < 0 OR quantity < 0",
        "bad_quantity": "isnan(quantity) OR isinf(quantity)",
        "year": f"{year} IS NULL OR {year} < {MIN_YEAR} OR {year} > {top}",
    }
    counts = ctx.rows(
        "SELECT count(*), "
        + ", ".join(f"count(*) FILTER ({cond})" for cond in conditions.values())
        + f' FROM "{t}"'
    )[0]
    total, found = counts[0], dict(zip(conditions, counts[1:], strict=True))
    name = path.name
    if not total:
        raise InputError(
            f"{name} holds no trade rows to load.",
            hint="Check that the file has data rows below its header (and that the --year "
            "filter, if you gave one, selects some of them).",
        )
    col = staged.columns

    def examples(cond: str) -> str:
        rows = ctx.rows(f'SELECT {", ".join(_show_cols(target))} FROM "{t}" WHERE {cond} '
                        f"ORDER BY ALL LIMIT {EXAMPLES}")
        return "; ".join(describe_row(target, r) for r in rows)

    if found["code"]:
        bad = ctx.rows(f'SELECT product, count(*) FROM "{t}" WHERE {conditions["code"]} '
                       f"GROUP BY product ORDER BY 2 DESC, 1 LIMIT 5")
        shown = ", ".join("blank" if b[0] is None else repr(clip(b[0], 40)) for b in bad)
        raise InputError(
            f"{name}: {found['code']} row(s) have invalid HS codes in column "
            f"{col.get('product', 'product')!r} (e.g. {shown}).",
            hint=f"HS codes are digits only, {_lengths(lengths)} digits long; fix or remove "
            "those rows.",
        )
    if found["country"]:
        raise InputError(
            f"{name}: {found['country']} row(s) have no country code "
            f"(e.g. {examples(conditions['country'])}).",
            hint="Fill in both countries of every row (ISO3, ISO2, ISO numeric or a name).",
        )
    value = col.get("value_usd", "value")
    if found["no_value"]:
        raise InputError(
            f"{name}: {found['no_value']} row(s) have no trade value (blank or NaN) in "
            f"column {value!r} (e.g. {examples(conditions['no_value'])}).",
            hint="Every row needs a value in USD; fill it in or remove the row.",
        )
    if found["inf_value"]:
        raise InputError(
            f"{name}: {found['inf_value']} row(s) have an infinite value (inf, or a number "
            f"too large to hold, like 1e999) in column {value!r} "
            f"(e.g. {examples(conditions['inf_value'])}).",
            hint="Values must be finite numbers in USD; fix those rows.",
        )
    if found["negative"]:
        raise InputError(
            f"{name}: {found['negative']} row(s) have negative values or quantities in column "
            f"{value!r} or {col.get('quantity', 'quantity')!r} "
            f"(e.g. {examples(conditions['negative'])}).",
            hint="Trade values and quantities are zero or positive; fix those rows.",
        )
    if found["bad_quantity"]:
        raise InputError(
            f"{name}: {found['bad_quantity']} row(s) have a quantity that is not a finite "
            f"number (nan or inf) in column {col.get('quantity', 'quantity')!r} "
            f"(e.g. {examples(conditions['bad_quantity'])}).",
            hint="Give the quantity as a number, or leave it blank (or NA) when unknown.",
        )
    if found["year"]:
        years = ctx.rows(f'SELECT DISTINCT {year} FROM "{t}" WHERE {conditions["year"]} '
                         "ORDER BY 1 LIMIT 5")
        shown_years = ["blank" if y[0] is None else str(y[0]) for y in years]
        raise InputError(
            f"{name}: {found['year']} row(s) have a year outside {MIN_YEAR}-{top} in column "
            f"{col.get('year', 'year')!r} (found: {', '.join(shown_years)}).",
            hint=f"HS-coded trade exists from {MIN_YEAR} to this year; fix the year of those "
            "rows (or load the right file).",
        )
    # mirror reports (Comtrade: the importer's and the exporter's) are not duplicates
    side = ["reported_by"] if "reported_by" in ctx.columns(t) else []
    check_duplicates(ctx, t, target, name, key=[*flow_key(target), *side])
    staged.checked = True


def check_duplicates(ctx: LoadContext, table: str, target: str, name: str,
                     key: list[str] | None = None, what: str = "flow",
                     hint: str | None = None) -> None:
    """Refuse ``table`` when two rows share a key (by default the flow key of ``target``):
    the count of repeated keys and the first of them."""
    key = key or flow_key(target)
    cols = ", ".join(key)
    # a 64-bit hash of the key first (one cheap pass); the exact rows only when it hits
    hashed = ctx.scalar(f'SELECT count(*) - count(DISTINCT hash({cols})) FROM "{table}"')
    if not hashed:
        return
    order = ", ".join(str(i + 1) for i in range(len(key)))
    dups = ctx.rows(f'SELECT {cols}, count(*) AS n FROM "{table}" GROUP BY ALL HAVING n > 1 '
                    f"ORDER BY n DESC, {order} LIMIT {EXAMPLES}")
    if not dups:  # a hash collision, not a duplicate
        return
    n_keys = ctx.scalar(f'SELECT count(*) FROM (SELECT {cols} FROM "{table}" GROUP BY ALL '
                        "HAVING count(*) > 1)")
    shown = "; ".join(f"{describe_key(key, d[:-1])} ({d[-1]} times)" for d in dups)
    raise InputError(
        f"{name}: {n_keys} {what}(s) appear more than once (same {', '.join(key)}), "
        f"e.g. {shown}.",
        hint=(hint or "Each flow must appear once: remove the repeated rows (a download "
              "included twice?), or load the parts as separate files.")
        + " Repeated rows are never summed or stored twice.",
    )


def _lengths(lengths: tuple[int, ...]) -> str:
    return ", ".join(map(str, lengths[:-1])) + f" or {lengths[-1]}"


def _show_cols(target: str) -> list[str]:
    return [*flow_key(target), "value_usd", "quantity"]


def describe_key(key: list[str], values: tuple[Any, ...]) -> str:
    """``year 2022, exporter KOR, importer CHN, product 854231`` (values clipped)."""
    parts = []
    for k, v in zip(key, values, strict=True):
        if isinstance(v, dt.date):
            v = v.strftime("%Y-%m")
        elif v is None:
            v = "blank"
        parts.append(f"{k} {clip(str(v), 40)}")
    return ", ".join(parts)


def describe_row(target: str, row: tuple[Any, ...]) -> str:
    key = flow_key(target)
    n = len(key)
    value, quantity = (("blank" if v is None else v) for v in row[n:n + 2])
    return f"{describe_key(key, row[:n])}: value {value}, quantity {quantity}"
