"""One writer for every loader (issue 13): Comtrade (annual and monthly), Korea Customs,
exports-to-world and the demo write dictionary-coded lake files through the same
``Lake.write`` as BACI, and those files hold exactly the rows the plain layout held;
every reader (trade flows, complementarity, watch screen and scan, the alert page) gives
the same answer on a coded demo store as on a plain one.

"The plain layout" here is the lake's writer without a load (``Lake.write(load_id=None)``,
what every writer used before the lake coded them), with the load put back into the
files and the manifest: the store an earlier kcbridge wrote."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from kcbridge.app import Platform
from kcbridge.sources import load_file
from kcbridge.store import Store
from kcbridge.store.lake import Lake

from .test_load_every_loader import FORMATS, fmt_name, rows, sample

_WRITE = Lake.write


def _plain_write(self: Lake, table: str, source_sql: str, load_id: str | None,
                 params: list[Any] | None = None, **kwargs: Any) -> Any:
    """``Lake.write`` as it was before the lake coded every write: plain files (ISO3
    countries, the load as a column)."""
    if kwargs.get("codes") is not None or load_id is None:
        return _WRITE(self, table, source_sql, load_id, params, **kwargs)
    con = kwargs.get("con") or self._duck()
    have = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM ({source_sql})",
                                      params or []).fetchall()}
    literal = "'" + load_id.replace("'", "''") + "'"
    sql = (f"SELECT * REPLACE (coalesce(CAST(load_id AS VARCHAR), {literal}) AS load_id) "
           f"FROM ({source_sql})" if "load_id" in have
           else f"SELECT *, {literal} AS load_id FROM ({source_sql})")
    kwargs.setdefault("name", load_id)
    files = _WRITE(self, table, sql, None, params, **kwargs)
    return [dataclasses.replace(f, load_id=load_id) for f in files]


@pytest.fixture
def plain_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Lake, "write", _plain_write)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_loader_writes_coded_files_holding_the_plain_layouts_rows(
        fmt, settings, tmp_path, files, monkeypatch):
    path, options, table = sample(fmt, files, tmp_path / "f", 1234.5)
    coded = Store(f"duckdb://{tmp_path / 'coded.duckdb'}")
    result = load_file(coded, settings, fmt_name(fmt), path, **options)
    (live,) = coded.lake.files(table)
    assert live.coded and live.layout and live.load_id == result.load_id
    import pyarrow.parquet as pq

    names = pq.read_schema(coded.lake.root / live.path).names
    country = "exporter_code" if table == "trade_annual" else "reporter_code"
    assert country in names and "exporter" not in names and "reporter" not in names
    assert {iso3 for _, _, iso3 in coded.lake.country_codes([result.load_id])} >= {"KOR"}

    monkeypatch.setattr(Lake, "write", _plain_write)
    plain = Store(f"duckdb://{tmp_path / 'plain.duckdb'}")
    load_file(plain, settings, fmt_name(fmt), path, **options)
    (old,) = plain.lake.files(table)
    assert not old.coded and "exporter_code" not in pq.read_schema(
        plain.lake.root / old.path).names
    got, want = rows(coded, table), rows(plain, table)
    assert got == want and len(got) == 2  # values, countries, products, periods, units
    if table == "trade_annual":
        assert (rows(coded, "trade_annual_reports") == rows(plain, "trade_annual_reports"))
    coded.close()
    plain.close()


def test_a_coded_load_replaces_rows_of_a_plain_file_of_an_older_store(
        settings, tmp_path, files, monkeypatch):
    """A store written plain (an earlier kcbridge) keeps reading; a newer query of the
    same rows replaces them, the rest of the old file stays (rewritten, coded)."""
    url = f"duckdb://{tmp_path / 'mixed.duckdb'}"
    monkeypatch.setattr(Lake, "write", _plain_write)
    store = Store(url)
    load_file(store, settings, "comtrade", files.write_comtrade(tmp_path / "a.json", [
        files.comtrade("JPN", "KOR", "M", "854231", 700.0),
        files.comtrade("USA", "KOR", "M", "850760", 300.0)]))
    store.close()
    monkeypatch.undo()
    store = Store(url)
    assert [f.coded for f in store.lake.files()] == [False]
    load_file(store, settings, "comtrade", files.write_comtrade(tmp_path / "b.json", [
        files.comtrade("JPN", "KOR", "M", "854231", 900.0)]))
    assert files.annual(store) == {(2022, "KOR", "JPN", "854231"): 900.0,
                                   (2022, "KOR", "USA", "850760"): 300.0}
    assert all(f.coded and f.layout for f in store.lake.files())
    store.close()
    assert len(files.annual(Store(url))) == 2


def _frame_equal(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True),
                                  check_like=False)


def _answers(p: Platform) -> dict[str, Any]:
    """What each reader says on ``p``'s store."""
    out: dict[str, Any] = {}
    for table in ("trade_annual", "trade_monthly"):
        df = p.store.table(table).to_pandas()
        out[table] = df.sort_values(list(df.columns[:5])).reset_index(drop=True)
    report = p.trade.complementarity("KOR", "CHN")
    out["complementarity"] = report.to_dict()
    out["screen"] = p.watch.screen(flagged_only=False)
    scan = p.watch.scan(save=True)
    out["scan"] = scan.drop(columns=[c for c in scan.columns if c in ("alert_id",)])
    top = p.watch.alerts(limit=1)
    out["n_alerts"] = int(top.attrs["total"])
    page = p.watch.alert(str(top["alert_id"].iloc[0]))
    out["alert"] = {k: page[k] for k in ("series", "measures", "shares") if k in page}
    return out


def _same(a: Any, b: Any, where: str) -> None:
    if isinstance(a, pd.DataFrame):
        _frame_equal(a, b)
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), where
        for k in a:
            _same(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{where}[{i}]")
    elif isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        assert math.isnan(b), where
    else:
        assert a == b, where


@pytest.mark.slow
def test_every_reader_answers_the_same_on_a_coded_and_a_plain_demo_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key in [k for k in __import__("os").environ if k.startswith("KCBRIDGE_")]:
        monkeypatch.delenv(key)
    coded = Platform(home=tmp_path / "coded", api_token="t")
    coded.demo(size="tiny")
    assert coded.store.lake is not None
    assert {(f.table, f.coded, bool(f.layout)) for f in coded.store.lake.files()} == {
        ("trade_annual", True, True), ("trade_monthly", True, True)}
    with monkeypatch.context() as m:
        m.setattr(Lake, "write", _plain_write)
        plain = Platform(home=tmp_path / "plain", api_token="t")
        plain.demo(size="tiny")
    assert plain.store.lake is not None
    assert not any(f.coded for f in plain.store.lake.files())
    a, b = _answers(coded), _answers(plain)
    assert len(a["trade_monthly"]) > 1000 and a["n_alerts"] > 0 and len(a["screen"]) > 10
    assert a["alert"].keys() >= {"series", "measures"}
    _same(a, b, "answers")
    coded.close()
    plain.close()


@pytest.mark.realdata
def test_the_real_exports_to_world_file_reads_the_same_coded_and_plain(
        real_data, settings, tmp_path, monkeypatch):
    """The real 2017 exports-to-world file (176,971 rows kept): the coded store's rows
    are the plain layout's, row for row."""
    path = real_data / "world_trade_2017_hs4_exports.csv"
    options = {"year": 2017, "revision": "HS2007"}
    coded = Store(f"duckdb://{tmp_path / 'coded.duckdb'}")
    assert load_file(coded, settings, "exports-world", path, **options).rows == 176_971
    assert all(f.coded and f.layout for f in coded.lake.files())
    monkeypatch.setattr(Lake, "write", _plain_write)
    plain = Store(f"duckdb://{tmp_path / 'plain.duckdb'}")
    load_file(plain, settings, "exports-world", path, **options)
    assert not any(f.coded for f in plain.lake.files())
    assert rows(coded, "trade_annual") == rows(plain, "trade_annual")
    coded.close()
    plain.close()
