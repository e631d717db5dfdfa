"""Opening a store and its common reads without Ibis (issue 14: read-only commands under
1 s): the schema check is one catalogue query and writes nothing when the schema is
current; counts, ``meta``, ``flows_version`` and the status summary are plain SQL and
give what the Ibis expressions gave."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from kcbridge.app import Platform
from kcbridge.store import Store
from kcbridge.store.schema import CORE_TABLES, missing_schema_work
from kcbridge.store.summary import _duckdb_flows, _ibis_flows


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    home = tmp_path_factory.mktemp("tiny")
    p = Platform(home=home)
    p.demo(size="tiny")
    yield p
    p.close()


def test_summary_sql_equals_the_ibis_expressions(tiny: Platform) -> None:
    store = tiny.store
    fast, slow = _duckdb_flows(store), _ibis_flows(store)
    assert fast == slow
    assert fast["annual"]["rows"] == store.count("trade_annual") > 1000
    assert fast["annual"]["years"] and fast["monthly"]["series"] > 0
    summary = store.summary()
    assert summary["tables"]["countries"] == store.count("countries") > 200
    assert [load["format"] for load in summary["loads"]] == ["demo"]


def test_count_with_conditions_and_missing_table(tiny: Platform) -> None:
    store = tiny.store
    revision = tiny.settings.target_hs_revision
    t = store.table("products")
    expected = int(t.filter(t.revision == revision).count().execute())
    assert store.count("products", revision=revision) == expected > 1000
    assert store.count("products", revision="HS1066") == 0
    with pytest.raises(Exception, match="no table 'nope'"):
        store.count("nope")


def test_flows_version_and_meta_as_before(tiny: Platform) -> None:
    store = tiny.store
    version = store.flows_version("trade_annual")
    loads = store.table("loads").to_pandas()
    assert version.startswith(f"{store.count('trade_annual')}:{loads['load_id'].iloc[0]}@"
                              f"{loads['loaded_at'].iloc[0]}:")
    assert store.meta("data_version") == store.data_version() is not None
    assert store.meta("no such key", "default") == "default"


def test_opening_a_current_store_writes_nothing(tmp_path: Path) -> None:
    url = f"duckdb://{tmp_path / 'kcbridge.duckdb'}"
    store = Store(url)
    store.set_meta("probe", "1")
    version = store.data_version()
    store.close()
    again = Store(url)
    assert again.data_version() == version  # no write, not even an empty migration
    assert missing_schema_work(again._catalogue()) == {"create": [], "add_columns": {}}
    again.close()


def test_an_old_store_is_migrated_on_open(tmp_path: Path) -> None:
    """A store without the `scope` column of loads (made before load scopes) and without
    the meta table gets both when opened."""
    path = tmp_path / "kcbridge.duckdb"
    Store(f"duckdb://{path}").close()
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE loads DROP COLUMN scope")
    con.execute("DROP TABLE meta")
    con.close()
    store = Store(f"duckdb://{path}")
    assert "scope" in store._columns("loads")
    assert set(CORE_TABLES) <= set(store.list_tables())
    store.close()


def test_status_and_cached_reads_import_no_ibis(tiny: Platform) -> None:
    """`kcbridge status` in a fresh interpreter opens the store, counts and prints with
    neither Ibis, sqlglot nor pandas (no query parameter makes DuckDB import pandas);
    nor do `countries KOR` and `products 2504` (plain SQL rows since issue 14's last round);
    a command that builds Ibis expressions does import it (the probe can tell)."""
    code = """
import contextlib, io, json, sys
import kcbridge.cli
out = {}
for argv in (["status"], ["countries", "KOR"], ["products", "2504"], ["docs", "list"]):
    with contextlib.redirect_stdout(io.StringIO()) as buf:
        try:
            kcbridge.cli.app(argv, standalone_mode=False)
        except SystemExit:
            pass
    out[" ".join(argv)] = [sorted({m.split('.')[0] for m in sys.modules
                                   if m.split('.')[0] in ('ibis', 'sqlglot', 'pandas')}),
                           buf.getvalue()]
print(json.dumps(out))
"""
    env = {**os.environ, "KCBRIDGE_HOME": str(tiny.settings.home)}
    tiny.release()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=False, timeout=300)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    heavy, printed = found["status"]
    assert heavy == [], printed
    assert "Annual flows" in printed and "trade_annual" in printed
    heavy, printed = found["countries KOR"]
    assert heavy == [] and "South Korea" in printed
    heavy, printed = found["products 2504"]  # one plain SQL query (store/lookups.py)
    assert heavy == [] and "250410" in printed
    assert "docs list" in found  # the walk ran on; docs list pages an Ibis expression
    assert found["docs list"][0] == ["ibis", "pandas", "sqlglot"]


def test_find_load_sql_equals_the_ibis_filter(tiny: Platform) -> None:
    """The plain-SQL look-up every load makes first returns the row the Ibis filter gives
    (the newest load of that file into that table), and None for an unknown file."""
    store = tiny.store
    loads = store.table("loads").to_pandas()
    first = loads.iloc[0]
    fast = store.find_load(str(first["format"]), str(first["checksum"]), str(first["target"]))
    assert fast is not None
    t = store.table("loads")
    slow = t.filter((t.format == first["format"]) & (t.checksum == first["checksum"])
                    & (t.target == first["target"])).order_by(["loaded_at", "load_id"]
                                                              ).to_pandas().iloc[-1].to_dict()
    assert set(fast) == set(slow) and len(fast) == len(loads.columns)
    for key in ("load_id", "format", "checksum", "target", "notes", "periods"):
        assert fast[key] == slow[key]
    assert fast["loaded_at"] == slow["loaded_at"].to_pydatetime()
    assert store.find_load("demo", "no-such-checksum", str(first["target"])) is None
