"""A store whose relational work runs on Spark: ``KCBRIDGE_STORE_URL=pyspark:///ABSOLUTE/DIR``.

Everything the store keeps lives in ``DIR``, so every command works in a new process:

    DIR/kcbridge.duckdb     the catalogue: loads, the lake's manifest (``lake_files``),
                            countries, products, meta, alerts ... (small tables)
    DIR/lake/...            the flows: Hive-partitioned Parquet (see store/lake.py)
    DIR/spark-warehouse/    Spark's warehouse folder (set before the session is made;
                            kcbridge never creates persistent Spark tables in it)
    DIR/tmp/                scratch space of loads and of Spark (``spark.local.dir``)

Why the catalogue is a DuckDB file and not Spark's own (Hive/Derby) catalogue: a lake
write is committed by one small catalogue transaction that lists the new files (the
commit point that makes a killed load leave the store as it was, store/lake.py). Spark
has no transactions over its catalogue, so the Spark store commits exactly as the
DuckDB store does, through the same code. Reads are Spark's: :meth:`SparkStore.table`
gives Ibis tables of a Spark session, the flows read straight from the lake files the
manifest lists (``store/lake_spark.py``, the importer-first mirror rule included), the
small catalogue tables copied into the session as temporary views (again after every
commit).

A BACI year is parsed by Spark itself (``spark.read.csv``, checks as Spark aggregates,
written as coded lake files: sources/baci_spark.py); the other loaders parse on DuckDB
into lake files (the lake files ARE Spark's data). Either way the load then commits the
catalogue: no table ever goes through pandas, and a failed or killed load leaves the
store as it was. Inside a write transaction reads go through the catalogue (DuckDB over
the same files), which sees the transaction's own uncommitted writes.

What stays single-machine refuses on Spark (:class:`SingleMachineError`): documents and
partners (their tables hold arrays and per-row texts that are not worth a cluster).

Session: local mode ``local[2]`` by default; ``KCBRIDGE_SPARK_MASTER`` (e.g.
``spark://host:7077``) for a cluster, or ``SPARK_REMOTE`` (Spark Connect, ``sc://host``).
On a cluster DIR must be a folder every executor sees at the same path (a shared file
system), since executors read the lake files themselves. Workers run the driver's own
Python (``PYSPARK_PYTHON`` = ``sys.executable`` unless already set), so they have the same
packages.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kcbridge.errors import ConfigError, StoreError
from kcbridge.store.lake_schema import LAKE_TABLES, REPORTS_VIEW
from kcbridge.store.store import Store

if TYPE_CHECKING:  # pragma: no cover - imported when a Spark store reads (opening any
    import ibis  # store goes through this module: it stays free of Ibis)

SCHEME = "pyspark://"
#: the catalogue's file name inside DIR (its lake is DIR/lake)
CATALOGUE = "kcbridge.duckdb"
#: capabilities whose data stays in one machine's store
SINGLE_MACHINE = {
    "docs": "Document intelligence (`kcbridge docs ...`)",
    "partners": "The partner registry, matching and trust screening (`kcbridge partners ...`)",
}
FLOW_VIEWS = (*LAKE_TABLES, REPORTS_VIEW)


class SingleMachineError(ConfigError):
    """A capability that does not run on the Spark store was asked for on it."""


def is_spark_url(url: str) -> bool:
    return url.startswith(SCHEME)


def spark_dir(url: str) -> Path:
    """DIR of ``pyspark:///DIR`` (an absolute folder), or a ConfigError saying how to fix."""
    rest = url[len(SCHEME):]
    if not rest.startswith("/") or rest.strip("/") == "":
        raise ConfigError(
            f"The Spark store URL {url!r} names no folder.",
            hint="Use KCBRIDGE_STORE_URL=pyspark:///ABSOLUTE/DIR (three slashes, then an "
            "absolute folder, e.g. pyspark:///data/kcbridge): the catalogue and the lake "
            "are kept there, so every command of every process sees the same store.",
        )
    return Path(rest).expanduser().resolve()


def open_store(url: str, *, lock_wait: float = 0.0,
               on_wait: Callable[[str], None] | None = None,
               master: str | None = None) -> Store:
    """The store at ``url``: a :class:`SparkStore` for ``pyspark:///DIR``, else a
    :class:`~kcbridge.store.store.Store`."""
    if is_spark_url(url):
        return SparkStore(url, lock_wait=lock_wait, on_wait=on_wait, master=master)
    return Store(url, lock_wait=lock_wait, on_wait=on_wait)


class SparkStore(Store):
    """A DuckDB catalogue and Parquet lake under DIR, read by Spark (see the module doc).

    ``backend`` stays ``"duckdb"`` (the engine that writes: the loaders and the lake key
    on it); ``engine`` is ``"pyspark"``, the engine that runs the reads."""

    engine = "pyspark"

    def __init__(self, url: str, *, lock_wait: float = 0.0,
                 on_wait: Callable[[str], None] | None = None,
                 master: str | None = None) -> None:
        self.root = spark_dir(url)
        self.root.mkdir(parents=True, exist_ok=True)
        self.master = master
        self._via = threading.local()
        self._spark_lock = threading.RLock()
        self._session: Any = None
        self._ibis: Any = None
        self._views: dict[str, str | None] = {}  # temp view -> data version it shows
        super().__init__(f"duckdb://{self.root / CATALOGUE}", lock_wait=lock_wait,
                         on_wait=on_wait)
        self.catalogue_url = self.url
        self.url = url

    # ---- the Spark session ----------------------------------------------------------
    @property
    def spark(self) -> Any:
        """The SparkSession (made on first use)."""
        with self._spark_lock:
            if self._session is None:
                self._session = make_session(self.root, self.master)
            return self._session

    @property
    def spark_con(self) -> Any:
        """The Ibis PySpark backend over :attr:`spark`."""
        with self._spark_lock:
            if self._ibis is None:
                import ibis

                self._ibis = ibis.pyspark.connect(self.spark)
            return self._ibis

    # ---- reads ----------------------------------------------------------------------
    @contextmanager
    def via_catalogue(self) -> Iterator[None]:
        """Reads on this thread go to the DuckDB catalogue (the store's own bookkeeping)."""
        depth = getattr(self._via, "depth", 0)
        self._via.depth = depth + 1
        try:
            yield
        finally:
            self._via.depth = depth

    def _catalogue_reads(self) -> bool:
        return bool(getattr(self._via, "depth", 0)) or self.in_transaction

    def table(self, name: str) -> ibis.Table:
        if self._catalogue_reads():
            return super().table(name)
        with self._spark_lock:
            version = self.data_version()
            if name not in self._views or self._views[name] != version:
                self._make_view(name)
                self._views[name] = version
            return self.spark_con.table(name)

    def _make_view(self, name: str) -> None:
        if name in FLOW_VIEWS:
            from kcbridge.store.lake_spark import spark_frame

            assert self.lake is not None
            frame = spark_frame(self.spark, self.lake, REPORTS_VIEW_SOURCE.get(name, name),
                                reports=name == REPORTS_VIEW)
            frame.createOrReplaceTempView(name)
            return
        with self.via_catalogue():
            source = super().table(name)  # NotFoundError naming the command to run
            data = source.to_pyarrow()
        import ibis

        self.spark_con.create_view(name, ibis.memtable(data, schema=source.schema()),
                                   overwrite=True)

    def count(self, name: str, **where: Any) -> int:
        if name in FLOW_VIEWS and not self._catalogue_reads():
            t = self.table(name)
            for col, value in where.items():
                t = t.filter(t[col] == value)
            return int(t.count().execute())
        with self.via_catalogue():
            return super().count(name, **where)

    def meta(self, key: str, default: str | None = None) -> str | None:
        with self.via_catalogue():
            return super().meta(key, default)

    def find_load(self, fmt: str, checksum: str, target: str) -> dict[str, Any] | None:
        with self.via_catalogue():
            return super().find_load(fmt, checksum, target)

    def flows_version(self, target: str) -> str:
        with self.via_catalogue():
            return super().flows_version(target)

    def is_synthetic(self) -> bool:
        with self.via_catalogue():
            return super().is_synthetic()

    def add_columns(self, name: str, columns: dict[str, str]) -> list[str]:
        with self.via_catalogue():
            return super().add_columns(name, columns)

    def insert(self, name: str, data: Any) -> int:
        with self.via_catalogue():
            return super().insert(name, data)

    def delete_where(self, name: str, **conditions: Any) -> None:
        with self.via_catalogue():
            super().delete_where(name, **conditions)

    def replace(self, name: str, data: Any, key: Any = None, *,
                load_id: str | None = None) -> int:
        with self.via_catalogue():
            return super().replace(name, data, key, load_id=load_id)

    def close(self) -> None:
        with self._spark_lock:
            session, self._session, self._ibis = self._session, None, None
            self._views.clear()
        if session is not None:
            try:
                session.stop()
            except Exception:  # noqa: BLE001 - stopping is best effort
                pass
        super().close()

    def require_engine_capability(self, capability: str) -> None:
        """Raise :class:`SingleMachineError` for a capability that stays single-machine."""
        if capability in SINGLE_MACHINE:
            raise refusal(capability)


#: the Spark frame each flow view is read from
REPORTS_VIEW_SOURCE = {REPORTS_VIEW: "trade_annual"}


def refusal(what: str) -> SingleMachineError:
    label = SINGLE_MACHINE.get(what, f"The table {what!r}")
    return SingleMachineError(
        f"{label} stays single-machine and does not run on the Spark store "
        "(KCBRIDGE_STORE_URL=pyspark:///...); it wrote nothing.",
        hint="Use a DuckDB store for it: unset KCBRIDGE_STORE_URL (the default store in "
        "KCBRIDGE_HOME) or set it to duckdb:///PATH/kcbridge.duckdb. Trade analytics and "
        "the watch run on Spark.",
    )


def make_session(root: Path, master: str | None = None) -> Any:
    """A SparkSession for the store in ``root``: local[2] by default, the given master,
    or Spark Connect when ``SPARK_REMOTE`` is set; the warehouse and scratch folders in
    ``root`` (set before the session exists: Spark cannot change them after)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise ConfigError("The Spark store needs PySpark, which is not installed.",
                          hint="pip install 'kcbridge[spark]' (and Java 17), or use a "
                          "DuckDB store.") from exc
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    scratch = root / "tmp" / "spark"
    scratch.mkdir(parents=True, exist_ok=True)
    quiet = scratch / "log4j2.properties"  # errors only: Spark's start-up chatter is noise
    if not quiet.exists():
        quiet.write_text(_LOG4J)
    builder = SparkSession.builder.appName("kcbridge")
    remote = os.environ.get("SPARK_REMOTE")
    if remote:
        builder = builder.remote(remote)
    else:
        builder = (builder.master(master or "local[2]")
                   .config("spark.sql.warehouse.dir", str(root / "spark-warehouse"))
                   .config("spark.local.dir", str(scratch))
                   .config("spark.driver.extraJavaOptions",
                           f"-Dderby.system.home={scratch} -Dlog4j.configurationFile={quiet}")
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.sql.shuffle.partitions", "4")
                   .config("spark.sql.session.timeZone", "UTC")
                   .config("spark.sql.execution.arrow.pyspark.enabled", "true"))
        if (master or "local").startswith("local"):
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            builder = (builder.config("spark.driver.bindAddress", "127.0.0.1")
                       .config("spark.driver.host", "127.0.0.1"))
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # Java missing, a master that does not answer ...
        raise StoreError(
            f"Cannot start Spark for the store in {root}: {str(exc).splitlines()[0][:300]}.",
            hint="Spark needs Java 17 (java on PATH or JAVA_HOME). Check "
            "KCBRIDGE_SPARK_MASTER / SPARK_REMOTE, or use a DuckDB store.",
        ) from exc
    if not remote:
        session.sparkContext.setLogLevel("ERROR")
    return session


_LOG4J = """rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
"""

__all__ = ["CATALOGUE", "SINGLE_MACHINE", "SingleMachineError", "SparkStore", "is_spark_url",
           "make_session", "open_store", "refusal", "spark_dir"]
