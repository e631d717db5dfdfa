"""The Spark store (``KCBRIDGE_STORE_URL=pyspark:///DIR``) across process boundaries.

The end-to-end test runs the same five CLI commands, each a new process, on a DuckDB store
and on a local Spark store, and compares their answers. The other tests need no Spark
session (opening a Spark store starts Spark only when something is read).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kcbridge.app import Platform
from kcbridge.errors import ConfigError
from kcbridge.store.lake import PAUSE_ENV
from kcbridge.store.spark import SingleMachineError, SparkStore, open_store

COUNTRIES = {156: ("China", "CN", "CHN"), 410: ("Rep. of Korea", "KR", "KOR"),
             842: ("USA", "US", "USA"), 392: ("Japan", "JP", "JPN"),
             276: ("Germany", "DE", "DEU"), 704: ("Viet Nam", "VN", "VNM")}
PRODUCTS = ["854231", "854232", "850760", "870380", "300490", "271012", "720839", "840731",
            "901380", "280530", "381800", "290290"]


def write_baci_year(folder: Path, year: int) -> Path:
    """A small BACI year (6 countries, 12 products, ~80 % of the flows present)."""
    folder.mkdir(parents=True, exist_ok=True)
    codes = "country_code,country_name,country_iso2,country_iso3\n" + "".join(
        f"{code},{name},{iso2},{iso3}\n" for code, (name, iso2, iso3) in COUNTRIES.items())
    (folder / "country_codes_V202501.csv").write_text(codes)
    rnd = random.Random(year)
    rows = [f"{year},{i},{j},{k},{rnd.uniform(1, 5000):.3f},{rnd.uniform(1, 100):.3f}"
            for i in COUNTRIES for j in COUNTRIES if i != j for k in PRODUCTS
            if rnd.random() < 0.8]
    path = folder / f"BACI_HS12_Y{year}_V202501.csv"
    path.write_text("t,i,j,k,v,q\n" + "\n".join(rows) + "\n")
    return path


#: a new kcbridge process (the package has no ``__main__``: call the console entry point)
KCBRIDGE = [sys.executable, "-c", "import sys; from kcbridge.cli import main; "
            "sys.argv[0] = 'kcbridge'; main()"]


def run_cli(url: str, home: Path, *args: str, env: dict[str, str] | None = None,
            timeout: float = 900) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "KCBRIDGE_HOME": str(home), "KCBRIDGE_STORE_URL": url,
               "COLUMNS": "200", **(env or {})}
    return subprocess.run([*KCBRIDGE, *args], env=environ, cwd=home.parent,
                          capture_output=True, text=True, timeout=timeout)


def needs_spark() -> None:
    pytest.importorskip("pyspark", reason="pip install -e '.[spark]' for Spark")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java (java on PATH or JAVA_HOME)")


def comparable_status(text: str) -> dict[str, Any]:
    """The status JSON without what names the store or a load's identity and time."""
    status = json.loads(text)
    assert isinstance(status, dict)
    for key in ("store", "backend"):
        status.pop(key, None)
    for load in status.get("loads", []):
        for key in ("load_id", "loaded_at"):
            load.pop(key, None)
    return status


def rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, list):
        return [rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    return value


@pytest.mark.spark
@pytest.mark.slow
def test_five_commands_in_new_processes_agree_on_duckdb_and_spark(tmp_path: Path) -> None:
    needs_spark()
    data = tmp_path / "data"
    year1, year2 = write_baci_year(data, 2021), write_baci_year(data, 2022)
    stores = {"duckdb": f"duckdb://{tmp_path / 'duck' / 'kcbridge.duckdb'}",
              "spark": f"pyspark://{tmp_path / 'spark'}"}
    commands = [("load", "baci", str(year1)), ("status", "-f", "json"),
                ("load", "baci", str(year2)), ("complementarity", "KOR", "CHN", "-f", "json"),
                ("watch", "screen", "-f", "json")]
    out: dict[str, list[str]] = {name: [] for name in stores}
    for name, url in stores.items():
        for command in commands:
            done = run_cli(url, tmp_path / f"home-{name}", *command)
            assert done.returncode == 0, f"{name} {command}: {done.stderr[-3000:]}"
            assert "Traceback" not in done.stderr
            out[name].append(done.stdout)
    duck, spark = out["duckdb"], out["spark"]
    assert duck[0] == spark[0]
    assert "Loaded:" in duck[0] and "into trade_annual (2021)" in duck[0]
    assert duck[2] == spark[2] and "(2022)" in duck[2]
    status_duck, status_spark = comparable_status(duck[1]), comparable_status(spark[1])
    assert status_duck == status_spark
    assert status_duck["annual"]["years"] == [2021]
    assert status_duck["annual"]["rows"] == len(year1.read_text().splitlines()) - 1
    assert json.loads(spark[1])["backend"] == "pyspark"
    comp_duck, comp_spark = json.loads(duck[3]), json.loads(spark[3])
    assert comp_duck and rounded(comp_duck) == rounded(comp_spark)
    screen_duck, screen_spark = json.loads(duck[4]), json.loads(spark[4])
    assert screen_duck and rounded(screen_duck) == rounded(screen_spark)
    # the Spark store is a folder: its catalogue and lake, and no Spark tables elsewhere
    root = tmp_path / "spark"
    assert (root / "kcbridge.duckdb").is_file()
    assert len(list((root / "lake" / "trade_annual").rglob("*.parquet"))) == 2
    assert not (tmp_path / "spark-warehouse").exists()  # the working folder of the commands
    assert not (tmp_path / "metastore_db").exists()


def test_a_spark_url_without_a_folder_says_how_to_write_it() -> None:
    with pytest.raises(ConfigError, match="names no folder") as info:
        open_store("pyspark://")
    assert "pyspark:///ABSOLUTE/DIR" in (info.value.hint or "")


def test_documents_and_partners_refuse_on_spark_and_write_nothing(tmp_path: Path) -> None:
    platform = Platform(store_url=f"pyspark://{tmp_path / 'spark'}", home=tmp_path / "home")
    assert isinstance(platform.store, SparkStore)
    before = platform.store.data_version()
    for capability in ("docs", "partners"):
        with pytest.raises(SingleMachineError, match="single-machine") as info:
            getattr(platform, capability)
        assert "duckdb" in (info.value.hint or "").lower()
    assert platform.store.data_version() == before
    assert platform.store._session is None  # no Spark started for a refusal
    platform.close()


def test_docs_command_on_spark_is_a_clear_error(tmp_path: Path) -> None:
    done = run_cli(f"pyspark://{tmp_path / 'spark'}", tmp_path / "home", "docs", "list")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "single-machine" in (done.stdout + done.stderr)
    assert "Traceback" not in done.stderr


def catalogue_state(root: Path) -> dict[str, Any]:
    store = SparkStore(f"pyspark://{root}")
    try:
        duck = store.con.con
        state = {t: duck.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                 for t in ("loads", "lake_files")}
        state["files"] = sorted(p.relative_to(root).as_posix()
                                for p in (root / "lake").rglob("*.parquet"))
        return state
    finally:
        store.close()


def test_a_load_killed_before_its_commit_leaves_the_spark_store_as_it_was(
        tmp_path: Path) -> None:
    root, home, data = tmp_path / "spark", tmp_path / "home", tmp_path / "data"
    url = f"pyspark://{root}"
    first = run_cli(url, home, "load", "baci", str(write_baci_year(data, 2021)))
    assert first.returncode == 0, first.stderr
    before = catalogue_state(root)
    year2 = write_baci_year(data, 2022)
    environ = {**os.environ, "KCBRIDGE_HOME": str(home), "KCBRIDGE_STORE_URL": url,
               PAUSE_ENV: "before-commit"}
    proc = subprocess.Popen([*KCBRIDGE, "load", "baci", str(year2)],
                            env=environ, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        deadline = time.monotonic() + 300
        line = ""
        while "paused before-commit" not in line and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line and proc.poll() is not None:
                break
        assert "paused before-commit" in line
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    after = catalogue_state(root)  # opening removes the killed load's files
    assert after == before
    assert len(after["loads"]) == 1 and len(after["lake_files"]) == 1
    again = run_cli(url, home, "load", "baci", str(year2))
    assert again.returncode == 0, again.stderr
    assert "(2022)" in again.stdout
    assert len(catalogue_state(root)["lake_files"]) == 2


def flow_alerts(text: str) -> list[tuple[Any, ...]]:
    """Alerts of a JSON answer, without the documents' news alerts (single-machine)."""
    rows = json.loads(text)
    rows = rows.get("rows", rows) if isinstance(rows, dict) else rows
    return sorted((r["reporter"], r["partner"], r["product"], r["flow"], str(r["month"]),
                   r["detector"], r["severity"], round(float(r["score"]), 6))
                  for r in rows if r["detector"] != "news_restriction")


@pytest.mark.spark
@pytest.mark.slow
def test_demo_and_watch_scan_on_spark_find_the_same_alerts_as_duckdb(tmp_path: Path) -> None:
    needs_spark()
    stores = {"duckdb": f"duckdb://{tmp_path / 'duck' / 'kcbridge.duckdb'}",
              "spark": f"pyspark://{tmp_path / 'spark'}"}
    answers: dict[str, dict[str, Any]] = {}
    for name, url in stores.items():
        home = tmp_path / f"home-{name}"
        demo = run_cli(url, home, "demo", "--size", "tiny", "-f", "json")
        assert demo.returncode == 0, demo.stderr[-3000:]
        scan = run_cli(url, home, "watch", "scan", "-f", "json")
        assert scan.returncode == 0, scan.stderr[-3000:]
        kept = run_cli(url, home, "watch", "alerts", "-f", "json")
        assert kept.returncode == 0, kept.stderr[-3000:]
        answers[name] = {"demo": json.loads(demo.stdout), "scan": flow_alerts(scan.stdout),
                         "alerts": flow_alerts(kept.stdout)}
    duck, spark = answers["duckdb"], answers["spark"]
    assert spark["demo"]["annual_rows"] == duck["demo"]["annual_rows"] > 0
    assert spark["demo"]["monthly_rows"] == duck["demo"]["monthly_rows"] > 0
    skipped = spark["demo"]["extras"]
    assert "single-machine" in skipped["docs"]["skipped"]
    assert "single-machine" in skipped["partners"]["skipped"]
    assert skipped["watch"]["alerts"] > 0
    assert spark["scan"] == duck["scan"]
    assert len(spark["alerts"]) >= 30 and spark["alerts"] == duck["alerts"]
