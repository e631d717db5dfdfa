"""UN Comtrade: the v1 API JSON (``{"count": n, "data": [{...}]}``) and its bulk files
(CSV, or tab-separated ``.txt``, optionally gzipped) with the same column names.

Conventions:
- Only totals of the breakdowns are kept where the columns exist: second partner
  ``partner2Code`` 0, customs procedure ``customsCode`` C00, mode of transport
  ``motCode`` 0. Only flows X (exports) and M (imports) are kept (re-exports, re-imports
  and the rest are dropped, with a note).
- Commodity aggregates are dropped: ``TOTAL`` and every level coarser than the finest one
  in the file (AG2 rows when AG6 rows are present), unless ``keep_aggregates=True``.
- Area code 0 / ISO ``W00`` is the world, stored as ``WLD``; 490 ("Other Asia, nes") is
  Taiwan.
- Annual data (``freqCode`` A) goes to ``trade_annual``: an export row (X) gives
  exporter = reporter, importer = partner; an import row (M) gives importer = reporter,
  exporter = partner. When both sides report the same flow (same year, exporter,
  importer, product), the importer's report is kept: import statistics are recorded
  by customs at the border with the origin country, and are the field's usual choice for
  mirror data (values are CIF, exports FOB).
- Monthly data (``freqCode`` M) goes to ``trade_monthly`` as reported (reporter, partner,
  flow ``export`` | ``import``).
- Values: ``primaryValue`` in USD. Quantity: ``netWgt`` in kg when positive, else ``qty``
  in ``qtyUnitAbbr``.
- ``classificationCode`` H0..H6 gives each row's HS revision.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from kcbridge.errors import InputError
from kcbridge.reference.products import normalise_revision
from kcbridge.sources.common import (
    ANNUAL,
    MONTHLY,
    LoadContext,
    Staged,
    clip,
    guard_reader,
    missing_columns_error,
    pick_column,
    sniff_text,
    sql_string,
)
from kcbridge.sources.countries import TradeCountryResolver
from kcbridge.sources.tables import file_kind, stage_table
from kcbridge.sources.validation import check_duplicates, check_staged

#: Comtrade's column behind each staged column (for messages).
SOURCE_COLUMNS = {"year": "refYear", "month": "refMonth", "product": "cmdCode",
                  "value_usd": "primaryValue", "quantity": "netWgt/qty"}


@guard_reader("comtrade")
def read_comtrade(ctx: LoadContext, path: Path, *, year: int | None = None,
                  revision: str | None = None, skip_unknown: bool = False,
                  keep_aggregates: bool = False, **_: Any) -> Staged:
    """Stage a UN Comtrade JSON or bulk file (see the module doc)."""
    head = sniff_text(path)
    if file_kind(path, head) == "text" and \
            head.lstrip(b"\xef\xbb\xbf \r\n\t").startswith((b"{", b"[")):
        raw = ctx.create_from_frame(_json_frame(path), prefix="ct_raw")
    else:
        raw = stage_table(ctx, path, head, "UN Comtrade", prefix="ct_raw",
                          expect=["cmdCode", "primaryValue", "flowCode"])
    cols = ctx.columns(raw)
    col = {name: pick_column(cols, [name]) for name in (
        "freqCode", "refYear", "refMonth", "period", "reporterCode", "reporterISO",
        "partnerCode", "partnerISO", "partner2Code", "customsCode", "motCode", "flowCode",
        "cmdCode", "classificationCode", "qtyUnitAbbr", "qty", "netWgt", "primaryValue",
    )}
    missing = [n for n in ("flowCode", "cmdCode", "primaryValue") if col[n] is None]
    if col["reporterCode"] is None and col["reporterISO"] is None:
        missing.append("reporterCode")
    if col["partnerCode"] is None and col["partnerISO"] is None:
        missing.append("partnerCode")
    if col["refYear"] is None and col["period"] is None:
        missing.append("refYear or period")
    if missing:
        raise missing_columns_error(
            path, "UN Comtrade", missing, cols,
            hint="Use the JSON of the v1 API or its bulk CSV with the original column names.",
        )

    def q(name: str) -> str:
        return f'CAST("{col[name]}" AS VARCHAR)' if col[name] else "NULL::VARCHAR"

    def num(name: str) -> str:
        return f"TRY_CAST({q(name)} AS DOUBLE)"

    notes: list[str] = []
    _check_numbers(ctx, raw, path, [col[n] for n in ("primaryValue", "netWgt", "qty")])
    freq = f"upper(trim({q('freqCode')}))"
    freqs = {r[0] for r in ctx.rows(f'SELECT DISTINCT {freq} FROM "{raw}"')}
    if col["freqCode"] is None:
        freqs = {"M"} if col["refMonth"] is not None else {"A"}
    freqs.discard(None)
    if len(freqs) != 1 or not freqs <= {"A", "M"}:
        raise InputError(
            f"{path.name} mixes or lacks frequencies (freqCode: "
            f"{clip(sorted(map(str, freqs)), 80)}).",
            hint="Load annual (A) and monthly (M) data from separate files.",
        )
    monthly = freqs == {"M"}
    filters = [f"upper(trim({q('flowCode')})) IN ('X', 'M')"]
    for name, total in (("partner2Code", "0"), ("motCode", "0")):
        if col[name]:
            filters.append(f"coalesce({num(name)}, 0) = {total}")
    if col["customsCode"]:
        filters.append(f"coalesce(upper(trim({q('customsCode')})), 'C00') = 'C00'")
    total = ctx.scalar(f'SELECT count(*) FROM "{raw}"')
    kept_flows = ctx.scalar(f'SELECT count(*) FROM "{raw}" WHERE {" AND ".join(filters)}')
    if kept_flows < total:
        notes.append(f"Dropped {total - kept_flows} row(s) that are not X/M flows or are "
                     "breakdowns by second partner, customs procedure or mode of transport "
                     "(their totals are kept).")
    cmd = f"upper(trim({q('cmdCode')}))"
    no_code = ctx.scalar(f'SELECT count(*) FROM "{raw}" WHERE {" AND ".join(filters)} '
                         f"AND nullif({cmd}, '') IS NULL")
    if no_code:  # refused here: the aggregate filter below would drop them silently
        raise InputError(f"{path.name}: {no_code} row(s) have no commodity code in column "
                         f"{col['cmdCode']!r}.",
                         hint="Every row needs its HS code (cmdCode, e.g. 854231).")
    levels = {r[0]: r[1] for r in ctx.rows(
        f"SELECT CASE WHEN {cmd} = 'TOTAL' THEN 0 ELSE length({cmd}) + length({cmd}) % 2 END, "
        f'count(*) FROM "{raw}" WHERE {" AND ".join(filters)} GROUP BY 1'
    )}
    finest = max((lv for lv in levels if lv is not None), default=6)  # None: no cmdCode
    coarse = {lv: n for lv, n in levels.items() if lv is not None and lv < finest}
    if coarse and not keep_aggregates:
        filters.append(f"{cmd} <> 'TOTAL' AND length({cmd}) + length({cmd}) % 2 = {finest}")
        notes.append(f"Dropped {sum(coarse.values())} aggregate row(s) (TOTAL or codes "
                     f"coarser than HS{finest}); the library option keep_aggregates=True "
                     "keeps them.")
    kept = ctx.scalar(f'SELECT count(*) FROM "{raw}" WHERE {" AND ".join(filters)}')

    revision_expr = _revision_expr(ctx, raw, q("classificationCode"), revision, path)
    reporter_map = _country_map(ctx, raw, q("reporterCode"), q("reporterISO"), "reporter",
                                path, skip_unknown, notes)
    partner_map = _country_map(ctx, raw, q("partnerCode"), q("partnerISO"), "partner",
                               path, skip_unknown, notes)
    year_expr = (f"TRY_CAST({q('refYear')} AS INTEGER)" if col["refYear"]
                 else f"TRY_CAST(left({q('period')}, 4) AS INTEGER)")
    month_expr = (f"TRY_CAST({q('refMonth')} AS INTEGER)" if col["refMonth"]
                  else f"TRY_CAST(substr({q('period')}, 5, 2) AS INTEGER)")
    period_col = col["refYear"] or col["period"]
    bad_years = ctx.rows(f'SELECT {q("refYear") if col["refYear"] else q("period")}, '
                         f'count(*) OVER () FROM "{raw}" WHERE {" AND ".join(filters)} '
                         f"AND {year_expr} IS NULL LIMIT 3")
    if bad_years:  # checked before a year filter could drop those rows silently
        raise InputError(
            f"{path.name}: {bad_years[0][1]} row(s) have no valid year in column "
            f"{period_col!r} (e.g. {', '.join(repr(clip(b[0], 40)) for b in bad_years)}).",
            hint="Every row needs its year (refYear 2022, or period 2022 / 202201).",
        )
    product = (f"CASE WHEN {cmd} = 'TOTAL' THEN 'TOTAL' WHEN regexp_full_match({cmd}, "
               f"'[0-9]+') AND length({cmd}) % 2 = 1 THEN '0' || {cmd} ELSE {cmd} END")
    base = f"""
        SELECT {year_expr} AS yr, {month_expr} AS mo,
               rm.iso3 AS reporter, pm.iso3 AS partner,
               upper(trim({q('flowCode')})) AS flow, {product} AS product,
               {revision_expr} AS revision,
               {num('primaryValue')} AS value_usd,
               CASE WHEN {num('netWgt')} > 0 THEN {num('netWgt')}
                    WHEN {num('qty')} > 0 THEN {num('qty')} END AS quantity,
               CASE WHEN {num('netWgt')} > 0 THEN 'kg'
                    WHEN {num('qty')} > 0 THEN {q('qtyUnitAbbr')} END AS unit
        FROM "{raw}" r
        JOIN "{reporter_map}" rm ON rm.raw_code = r.__code_reporter
        JOIN "{partner_map}" pm ON pm.raw_code = r.__code_partner
        WHERE {" AND ".join(filters)}
    """
    base = base.replace("r.__code_reporter", _key_expr(q("reporterCode"), q("reporterISO")))
    base = base.replace("r.__code_partner", _key_expr(q("partnerCode"), q("partnerISO")))
    if year is not None:
        base += f" AND {year_expr} = {int(year)}"
    flows = ctx.create(base, task="Reading flows", prefix="ct_flows")
    if monthly:
        bad_months = ctx.rows(f'SELECT DISTINCT mo FROM "{flows}" WHERE mo IS NULL '
                              "OR mo NOT BETWEEN 1 AND 12 ORDER BY 1 LIMIT 5")
        if bad_months:
            raise InputError(
                f"{path.name}: monthly rows with a month outside 1-12 (refMonth or period: "
                f"{', '.join(str(m[0]) for m in bad_months)}).",
                hint="Months are 1 to 12 (period 202301 = January 2023); fix those rows.",
            )
    # the same report twice is refused here; a flow reported by both sides is not a
    # duplicate (the importer's report is kept, below)
    check_duplicates(ctx, flows, "", path.name,
                     key=["yr", "mo", "reporter", "partner", "flow", "product"],
                     what="report",
                     hint="Each report must appear once: remove repeated rows (a query saved "
                     "twice?); if the rows differ in a breakdown column (mosCode, "
                     "customsCode, motCode, partner2Code), keep only its total row.")
    base = f'SELECT * FROM "{flows}"'
    if monthly:
        stage = ctx.create(
            f"""SELECT make_date(yr, mo, 1) AS month, reporter, partner,
                       CASE flow WHEN 'X' THEN 'export' ELSE 'import' END AS flow,
                       product, revision, value_usd, quantity, unit
                FROM ({base})""",
            task="Staging monthly flows",
        )
        staged = Staged(table=stage, target=MONTHLY, notes=notes, columns=SOURCE_COLUMNS)
        check_staged(ctx, staged, path)
        return staged
    stage = ctx.create(
        f"""SELECT CAST(yr AS SMALLINT) AS year, exporter, importer, product, revision,
                   value_usd, quantity, unit,
                   CASE flow WHEN 'M' THEN 'importer' ELSE 'exporter' END AS reported_by
            FROM (
              SELECT *, row_number() OVER (PARTITION BY yr, exporter, importer, product
                                           ORDER BY CASE flow WHEN 'M' THEN 0 ELSE 1 END) AS rk
              FROM (SELECT *, CASE flow WHEN 'X' THEN reporter ELSE partner END AS exporter,
                              CASE flow WHEN 'X' THEN partner ELSE reporter END AS importer
                    FROM ({base})))
            WHERE rk = 1""",
        task="Staging annual flows",
    )
    mirrored = kept - ctx.scalar(f'SELECT count(*) FROM "{stage}"')
    if mirrored > 0:
        notes.append(f"{mirrored} export report(s) dropped where the importer also reported "
                     "the flow (the importer's report is kept).")
    staged = Staged(table=stage, target=ANNUAL, notes=notes, columns=SOURCE_COLUMNS)
    check_staged(ctx, staged, path)
    return staged


def _check_numbers(ctx: LoadContext, raw: str, path: Path, columns: list[str | None]) -> None:
    """Refuse text where a number belongs (a blank cell is no value, not an error)."""
    for column in columns:
        if column is None:
            continue
        text = f"nullif(trim(CAST(\"{column}\" AS VARCHAR)), '')"
        bad = ctx.rows(f'SELECT {text}, count(*) OVER () FROM "{raw}" WHERE {text} IS NOT NULL '
                       f"AND TRY_CAST({text} AS DOUBLE) IS NULL LIMIT 3")
        if bad:
            raise InputError(
                f"{path.name}: {bad[0][1]} value(s) in column {column!r} are not numbers "
                f"(e.g. {', '.join(clip(repr(b[0]), 60) for b in bad)}).",
                hint="Values must be plain numbers (no units, no thousands separators); "
                "fix those rows or leave the cell blank.",
            )


def _json_frame(path: Path) -> pd.DataFrame:
    try:
        payload = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name} is not UTF-8 JSON.",
                         hint="Save the API answer as UTF-8 as it came.") from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path.name} is not valid JSON ({exc.msg} at line {exc.lineno}).",
            hint="The file looks truncated; download the query again.",
        ) from exc
    if isinstance(payload, dict) and payload.get("error"):
        raise InputError(f"{path.name} holds an API error: {clip(payload['error'])}.",
                         hint="Fix the query and download it again.")
    records = payload.get("data") if isinstance(payload, dict) else payload
    if not isinstance(records, list) or not records:
        raise InputError(f"{path.name} holds no data records.",
                         hint='Expected the v1 API answer {"count": n, "data": [...]}.')
    odd = next((i for i, r in enumerate(records) if not isinstance(r, dict)), None)
    if odd is not None:
        raise InputError(
            f"{path.name}: data record {odd + 1} is not an object "
            f"({clip(json.dumps(records[odd]), 60)}).",
            hint='Expected the v1 API answer {"count": n, "data": [{...}, ...]}.',
        )
    frame = pd.DataFrame.from_records(records)
    # pandas-stubs leave None out of where()'s `other`; pandas puts None in the missing cells
    missing_as_none = frame.astype(object).where(frame.notna(), None)  # type: ignore[call-overload]
    return missing_as_none.astype(str).replace("None", None)


def _key_expr(code: str, iso: str) -> str:
    return f"coalesce({code}, '') || '|' || coalesce({iso}, '')"


def _country_map(ctx: LoadContext, raw: str, code: str, iso: str, role: str, path: Path,
                 skip_unknown: bool, notes: list[str]) -> str:
    """Temp table raw_code -> iso3 for the (code, ISO) pairs of ``role``; ISO first."""
    resolver = TradeCountryResolver()
    pairs = ctx.rows(f'SELECT DISTINCT {code}, {iso} FROM "{raw}"')
    mapping, unknown = {}, []
    for c, i in pairs:
        iso3 = None
        if i and str(i).upper() not in ("NA", "N/A", ""):
            iso3 = resolver.lookup(i)
        if iso3 is None and c is not None:
            iso3 = resolver.lookup(c)
        key = f"{c or ''}|{i or ''}"
        if iso3 is None:
            unknown.append(i or c or "(blank)")
        else:
            mapping[key] = iso3
    if unknown and not skip_unknown:
        # raises with the list of unknown codes
        resolver.resolve_all(unknown, source=path.name, column=f"{role}Code/{role}ISO")
    if unknown:
        shown = ", ".join(map(str, unknown[:10]))
        notes.append(f"Dropped rows with unknown {role} codes: {shown}.")
    return ctx.create_from_frame(
        pd.DataFrame({"raw_code": list(mapping), "iso3": list(mapping.values())},
                     dtype=object),
        prefix=f"ct_{role}",
    )


def _revision_expr(ctx: LoadContext, raw: str, column: str, revision: str | None,
                   path: Path) -> str:
    if revision is not None:
        return sql_string(revision)
    codes = [r[0] for r in ctx.rows(f'SELECT DISTINCT upper(trim({column})) FROM "{raw}"')]
    if codes == [None]:
        raise InputError(f"{path.name} has no classificationCode column.",
                         hint="Pass revision= (CLI: --revision HS2017).")
    cases = []
    for code in codes:
        if code is None:
            raise InputError(f"{path.name}: some rows have no classificationCode.",
                             hint="Pass revision= (CLI: --revision HS2017).")
        try:
            rev = normalise_revision(code)
        except InputError as exc:
            raise InputError(
                f"{path.name}: classificationCode {code!r} is not an HS revision (H0..H6).",
                hint="Download HS data (not SITC/BEC), or pass revision=.",
            ) from exc
        cases.append(f"WHEN {sql_string(code)} THEN {sql_string(rev)}")
    return f"CASE upper(trim({column})) {' '.join(cases)} END"
