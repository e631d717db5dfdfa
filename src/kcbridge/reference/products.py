"""HS nomenclature and revision concordances, from the Growth Lab's atlas-common-data.

Revisions are named ``HS1992`` ... ``HS2022``; the field's short codes are H0 ... H6.
``conversion_weights(src, dst)`` chains the Growth Lab's trade-weighted weights between
adjacent revisions (H3->H4->H5 ...), so a value in ``src`` code ``a`` becomes
``sum(weight(a, b) * value)`` over the ``dst`` codes ``b``; weights of one source code sum to 1.
Codes the tables do not mention are unchanged between revisions.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING

from kcbridge.errors import InputError
from kcbridge.settings import HS_REVISIONS

if TYPE_CHECKING:  # pragma: no cover - pandas only where a frame is made: revisions,
    import pandas as pd  # codes and end uses are read without it

_SHORT = {rev: f"H{i}" for i, rev in enumerate(HS_REVISIONS)}
# atlas-common-data ships names for three revisions; use the nearest for the others.
_ATLAS_NAMES = {
    "HS1992": "hs92",
    "HS1996": "hs92",
    "HS2002": "hs92",
    "HS2007": "hs12",
    "HS2012": "hs12",
    "HS2017": "hs12",
    "HS2022": "hs22",
}
END_USE_STAGES = ("intermediate", "capital", "consumer")


def hs_revision_code(revision: str) -> str:
    """``HS2012`` -> ``H4``; accepts the short form too. Raises InputError otherwise."""
    rev = normalise_revision(revision)
    return _SHORT[rev]


def normalise_revision(revision: str | int) -> str:
    """Accept ``HS2012``, ``H4``, ``HS12``, ``2012``, ``4`` and return ``HS2012``."""
    text = str(revision).strip().upper()
    for rev, short in _SHORT.items():
        year = rev[2:]
        if text in {rev, short, f"HS{year[2:]}", year, short[1:], f"HS{short[1:]}"}:
            return rev
    if text == "HS92":
        return "HS1992"
    raise InputError(
        f"Unknown HS revision {revision!r}.",
        hint=f"Use one of {', '.join(HS_REVISIONS)} (or H0..H6).",
    )


@lru_cache(maxsize=8)
def product_table(revision: str = "HS2012") -> pd.DataFrame:
    """HS sections, chapters (2), headings (4) and subheadings (6) of ``revision``:
    code, revision, level, name, name_short, parent, end_use."""
    import pandas as pd

    rev = normalise_revision(revision)
    from atlas_common_data import load_products

    raw = load_products(_ATLAS_NAMES[rev])
    raw = raw[raw["product_level"].isin([2, 4, 6])].copy()
    raw["code"] = raw["code"].astype(str)
    raw["level"] = raw["product_level"].astype("int8")
    raw["code"] = [c.zfill(int(lvl)) for c, lvl in zip(raw["code"], raw["level"], strict=True)]
    raw = raw[raw["code"].str.fullmatch(r"\d+")]
    parent = [
        c[: lvl - 2] if lvl > 2 else "" for c, lvl in zip(raw["code"], raw["level"], strict=True)
    ]
    df = pd.DataFrame(
        {
            "code": raw["code"].to_numpy(),
            "revision": rev,
            "level": raw["level"].to_numpy(),
            "name": raw["name_en"].astype(str).to_numpy(),
            "name_short": clean_short_names(
                raw["name_short_en"].fillna(raw["name_en"]).astype(str), raw["name_en"].astype(str)
            ),
            "parent": parent,
        }
    )
    df["end_use"] = end_use_of(df["code"])
    return df.drop_duplicates("code").sort_values("code").reset_index(drop=True)


_COMPOUND = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")
_WORD = re.compile(r"[A-Za-z]+")
#: compounds the full names hyphenate that ordinary English writes as one word
_ONE_WORD = frozenset({"sunflower", "eggplant", "eggplants", "silkworm", "silkworms"})


def clean_short_name(short: str, full: str) -> str:
    """``short`` with the hyphens the source's short names lost put back from ``full``:
    "Lithiumion electric accumulators" -> "Lithium-ion electric accumulators", "Vribbed"
    -> "V-ribbed". Only compounds with a part of three letters or fewer are restored
    (lithium-ion, V-ribbed, non-metals, man-made), so that words written as one in
    ordinary English (sunflower, suitcases) stay as they are. Runs of spaces become one."""
    short = " ".join(str(short).split())
    compounds = {}
    for found in _COMPOUND.findall(str(full)):
        parts = found.split("-")
        joined = found.replace("-", "").lower()
        if min(len(p) for p in parts) <= 3 and joined not in _ONE_WORD:
            compounds[joined] = parts
    if not compounds:
        return short

    def restore(match: re.Match[str]) -> str:
        word = match.group(0)
        parts = compounds.get(word.lower())
        if parts is None:
            return word
        out, at = [], 0
        for part in parts:  # keep the short name's own capitalisation
            out.append(word[at : at + len(part)])
            at += len(part)
        return "-".join(out)

    return _WORD.sub(restore, short)


def clean_short_names(short: pd.Series, full: pd.Series) -> list[str]:
    """:func:`clean_short_name` over two aligned columns."""

    return [clean_short_name(s, f) for s, f in zip(short, full, strict=True)]


@lru_cache(maxsize=1)
def _end_use_rules() -> list[tuple[str, str]]:
    path = resources.files("kcbridge.reference") / "data" / "end_use_rules.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as fh:
        rows = [(r["hs_prefix"].strip(), r["stage"].strip()) for r in csv.DictReader(fh)]
    return sorted(rows, key=lambda r: -len(r[0]))


def end_use_of(codes: Iterable[object]) -> list[str | None]:
    """End-use stage (intermediate, capital, consumer) by the longest matching HS prefix
    in ``reference/data/end_use_rules.csv`` (a BEC-based approximation), else None."""
    rules = _end_use_rules()
    out: list[str | None] = []
    for code in codes:
        stage = None
        for prefix, s in rules:
            if str(code).startswith(prefix):
                stage = s
                break
        out.append(stage)
    return out


@lru_cache(maxsize=32)
def conversion_weights(source: str, target: str) -> pd.DataFrame:
    """Columns ``from_code``, ``to_code``, ``weight`` converting HS6 ``source`` to ``target``.

    Only codes that change appear; any other code maps to itself with weight 1.

    Prepared once per revision pair and kept: the first call composes the published
    tables in DuckDB (the HS2017<->HS2022 table alone has 1.28 M rows, almost all with
    weight 0) and writes the result, a few thousand rows, as Parquet under
    ``<KCBRIDGE_HOME>/cache/hs_weights/``; later calls, in any process, read that file.
    The cache is keyed by the atlas-common-data version, and skipped when the folder
    cannot be written.
    """
    import pandas as pd

    src, dst = normalise_revision(source), normalise_revision(target)
    if src == dst:
        return pd.DataFrame({"from_code": [], "to_code": [], "weight": []})
    path = _weights_cache_path(src, dst)
    if path is not None and path.is_file():
        try:
            return pd.read_parquet(path)
        except Exception:  # noqa: BLE001 - a damaged cache file is rebuilt, never trusted
            pass
    composed = compose_conversion_weights(src, dst)
    if path is not None:
        _write_atomically(composed, path)
    return composed


def compose_conversion_weights(src: str, dst: str) -> pd.DataFrame:
    """The Growth Lab's adjacent-revision weights chained from ``src`` to ``dst`` (both
    normalised), computed in DuckDB with no cache.

    Each step sums duplicate pairs; codes that do not change in a step keep their identity
    mapping; codes a later step adds join as new sources. At the end the weights of one
    source code are renormalised to sum to 1 (a few published groups sum to 0 or drift;
    one that carries no weight at all is split evenly) and zero weights are dropped."""

    import duckdb

    i, j = HS_REVISIONS.index(src), HS_REVISIONS.index(dst)
    step = 1 if j > i else -1
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    try:
        for n, k in enumerate(range(i, j, step)):
            a, b = _SHORT[HS_REVISIONS[k]], _SHORT[HS_REVISIONS[k + step]]
            csv_path = _atlas_weights_file(a, b)
            con.execute(
                f"CREATE TEMP TABLE step{n} AS SELECT lpad(CAST({a} AS VARCHAR), 6, '0') AS "
                f"from_code, lpad(CAST({b} AS VARCHAR), 6, '0') AS to_code, "
                "sum(CAST(weight AS DOUBLE)) AS weight FROM read_csv(?, header = true, "
                f"types = {{'{a}': 'VARCHAR', '{b}': 'VARCHAR', 'weight': 'DOUBLE'}}) "
                "GROUP BY ALL",
                [str(csv_path)],
            )
            if n == 0:
                con.execute("CREATE TEMP TABLE composed AS SELECT * FROM step0")
                continue
            con.execute(
                f"""CREATE OR REPLACE TEMP TABLE composed AS
                SELECT from_code, to_code, sum(weight) AS weight FROM (
                    SELECT c.from_code, c.to_code, c.weight FROM composed c
                    WHERE c.to_code NOT IN (SELECT from_code FROM step{n})
                    UNION ALL
                    SELECT c.from_code, s.to_code, c.weight * s.weight
                    FROM composed c JOIN step{n} s ON c.to_code = s.from_code
                    UNION ALL
                    SELECT s.from_code, s.to_code, s.weight FROM step{n} s
                    WHERE s.from_code NOT IN (SELECT from_code FROM composed)
                      AND s.from_code NOT IN (SELECT to_code FROM composed)
                ) GROUP BY ALL"""
            )
        frame = con.execute(
            """WITH t AS (
                SELECT from_code, to_code, weight,
                       sum(weight) OVER (PARTITION BY from_code) AS total,
                       count(*) OVER (PARTITION BY from_code) AS n
                FROM composed)
            SELECT from_code, to_code,
                   CASE WHEN total > 0 THEN weight / total ELSE 1.0 / n END AS weight
            FROM t WHERE (CASE WHEN total > 0 THEN weight / total ELSE 1.0 / n END) > 0
            ORDER BY from_code, to_code"""
        ).df()
    finally:
        con.close()
    return frame.astype({"from_code": str, "to_code": str, "weight": float})


def _atlas_weights_file(a: str, b: str) -> Path:
    path = Path(str(resources.files("atlas_common_data"))) / "data" / "conversion_weights"
    return path / f"conversion_weights_{a}_to_{b}.csv"


def _weights_cache_path(src: str, dst: str) -> Path | None:
    from kcbridge.settings import _default_home

    try:
        version = metadata.version("atlas-common-data")
    except metadata.PackageNotFoundError:  # pragma: no cover - a declared dependency
        return None
    folder = _default_home() / "cache" / "hs_weights"
    return folder / f"{_SHORT[src]}_to_{_SHORT[dst]}-acd{version}-v1.parquet"


def _write_atomically(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` to ``path`` through a temporary file and a rename, so a reader in
    another process never sees half a file; an unwritable folder only skips the cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, path)
    except OSError:
        return
