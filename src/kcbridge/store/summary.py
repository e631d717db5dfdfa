"""What a store holds, for ``kcbridge status`` and ``/api/status``: row counts of every
table, the years and months of the flows, the load history.

On a DuckDB store it is a handful of plain SQL queries on the thread's cursor (no Ibis to
import, no expression to compile: ``status`` answers in a fraction of a second). A store
whose flows run on another engine (the Spark store: ``engine`` is ``pyspark``, or another
Ibis backend) reads the flows with Ibis expressions on that engine, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.store.store import Store


#: the views over the flows: their counts change only with the flows' version
FLOW_VIEWS = ("trade_annual", "trade_annual_reports", "trade_monthly")


def store_summary(store: Store) -> dict[str, Any]:
    """``{"tables": {name: rows}, "annual": {...}, "monthly": {...}, "loads": [...]}``
    (see :meth:`Store.summary`)."""
    engine = getattr(store, "engine", store.backend)
    names = store.list_tables()
    if engine == "duckdb" and store.lake is not None:
        flows, counts = _kept_flows(store, names)
    else:
        flows = _duckdb_flows(store) if engine == "duckdb" else _ibis_flows(store)
        counts = {}
    tables = {name: counts[name] if name in counts else store.count(name)
              for name in names if not name.startswith("_")}
    return {"tables": tables, **flows, "loads": _loads(store)}


def _kept_flows(store: Store, names: list[str]) -> tuple[dict[str, Any], dict[str, int]]:
    """The flows' summary and the row counts of their views, kept per version of the
    flows (:mod:`kcbridge.store.derived`): reading the lake's views decodes every row's
    countries (~0.35 s of the demo's ``status``), and they change only with a load.
    ``names``: the store's tables."""
    from kcbridge.store.derived import DerivedResults

    version = "|".join(store.flows_version(t) for t in ("trade_annual", "trade_monthly"))
    derived = DerivedResults.for_store(store)
    kept = derived.get_json("store_summary", "flows", version)
    if isinstance(kept, dict) and set(kept) == {"flows", "counts"}:
        return kept["flows"], {str(k): int(v) for k, v in kept["counts"].items()}
    flows = _duckdb_flows(store)
    counts = {name: store.count(name) for name in FLOW_VIEWS if name in names}
    derived.put_json("store_summary", "flows", version, {"flows": flows, "counts": counts})
    return flows, counts


def annual_years(store: Store) -> list[int]:
    """The years of ``trade_annual``, ascending (empty when it holds no rows): one plain
    SQL query on a DuckDB store (no Ibis to import: a trade command answered from the
    derived results resolves its year with it), the engine's own query elsewhere."""
    if getattr(store, "engine", store.backend) != "duckdb":
        annual = store.table("trade_annual")
        return sorted(int(y) for y in annual.select("year").distinct().to_pandas()["year"])
    if store.lake is not None:  # the manifest's year partitions: no row decoded
        return [int(r[0]) for r in store._sql_rows(
            "lake_files", "SELECT DISTINCT year FROM lake_files WHERE table_name = "
            "'trade_annual' AND rows > 0 ORDER BY year")]
    return [int(r[0]) for r in store._sql_rows(
        "trade_annual", "SELECT DISTINCT year FROM trade_annual ORDER BY year")]


def _duckdb_flows(store: Store) -> dict[str, Any]:
    (n_annual, exporters, products), = store._sql_rows(
        "trade_annual", 'SELECT count(*), count(DISTINCT exporter), count(DISTINCT "product") '
        "FROM trade_annual")
    years = [int(r[0]) for r in store._sql_rows(
        "trade_annual", "SELECT DISTINCT year FROM trade_annual ORDER BY year")] \
        if n_annual else []
    (n_monthly, first, last), = store._sql_rows(
        "trade_monthly", "SELECT count(*), min(month), max(month) FROM trade_monthly")
    series = int(store._sql_rows(
        "trade_monthly", "SELECT count(*) FROM (SELECT DISTINCT reporter, partner, flow, "
        '"product" FROM trade_monthly)')[0][0]) if n_monthly else 0
    return {
        "annual": {"rows": int(n_annual), "years": years,
                   "exporters": int(exporters) if n_annual else 0,
                   "products": int(products) if n_annual else 0},
        "monthly": {"rows": int(n_monthly),
                    "months": [str(first)[:7], str(last)[:7]] if n_monthly else [],
                    "series": series},
    }


def _ibis_flows(store: Store) -> dict[str, Any]:
    """The flows on the store's engine through Ibis (the Spark store's path)."""
    annual = store.table("trade_annual")
    monthly = store.table("trade_monthly")
    n_annual = int(annual.count().execute())
    n_monthly = int(monthly.count().execute())
    years: list[int] = []
    if n_annual:
        years = sorted(int(y) for y in annual.select("year").distinct().to_pandas()["year"])
    months: list[str] = []
    if n_monthly:
        agg = monthly.aggregate(first=monthly.month.min(), last=monthly.month.max()).to_pandas()
        months = [str(agg["first"].iloc[0])[:7], str(agg["last"].iloc[0])[:7]]
    series = int(monthly.select("reporter", "partner", "flow", "product").distinct().count()
                 .execute()) if n_monthly else 0
    return {
        "annual": {
            "rows": n_annual,
            "years": years,
            "exporters": int(annual.exporter.nunique().execute()) if n_annual else 0,
            "products": int(annual["product"].nunique().execute()) if n_annual else 0,
        },
        "monthly": {"rows": n_monthly, "months": months, "series": series},
    }


def _loads(store: Store) -> list[dict[str, Any]]:
    """The load history, oldest first (from the catalogue)."""
    columns = ("load_id", "format", "source", "loaded_at", "target", "rows", "periods",
               "synthetic")
    if store.backend == "duckdb":
        rows = store._sql_rows("loads", f"SELECT {', '.join(columns)} FROM loads "
                                        "ORDER BY loaded_at")
    else:
        frame = store.table("loads").order_by("loaded_at").to_pandas()
        rows = list(zip(*(frame[c] for c in columns), strict=True))
    out = []
    for load_id, fmt, source, loaded_at, target, n, periods, synthetic in rows:
        out.append({"load_id": load_id, "format": fmt, "source": source,
                    "loaded_at": str(loaded_at)[:19], "target": target,
                    "rows": int(n) if n is not None and n == n else 0, "periods": periods,
                    "synthetic": bool(synthetic) if synthetic is not None else False})
    return out
