"""Write the SYNTHETIC demo world (``kcbridge.sources.demo``) into the store.

The demo replaces every trade flow in the store (scope ``table``) with rows of one load
recorded as synthetic. ``Store.is_synthetic()`` is true while any of those rows remain
(a real load into the demo store does not clear it), so that the CLI, the API and the
dashboard label what they show as SYNTHETIC.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from kcbridge.store.spark import SingleMachineError
from kcbridge.store.store import Store

if TYPE_CHECKING:  # pragma: no cover
    from kcbridge.app import DemoSummary, Platform
    from kcbridge.sources import ProgressCallback


def write_demo_world(
    platform: Platform, *, size: str, seed: int, progress: ProgressCallback | None = None
) -> DemoSummary:
    from kcbridge.app import DemoSummary
    from kcbridge.sources.demo import generate_demo_world

    started = time.perf_counter()
    if progress:
        progress("generating the synthetic world", 0, 3)
    world = generate_demo_world(size, seed=seed)
    store: Store = platform.store
    if progress:
        progress("writing annual flows", 1, 3)
    with store.transaction():
        for table in ("trade_annual", "trade_monthly"):
            if store.lake is None and store.count(table):
                store.con.con.execute(f'DELETE FROM "{table}"') if store.backend == "duckdb" else (
                    store.con.create_table(
                        table, store.table(table).limit(0).to_pyarrow(), overwrite=True
                    )
                )
        load_id = f"demo-{seed}-{world.size.name}"
        annual = world.annual.append_column("load_id", _const(world.annual.num_rows, load_id))
        monthly = world.monthly.append_column("load_id", _const(world.monthly.num_rows, load_id))
        if store.lake is not None:  # the lake: the whole table is replaced (key=())
            store.replace("trade_annual", annual, key=(), load_id=load_id)
        else:
            store.insert("trade_annual", annual)
        if progress:
            progress("writing monthly flows", 2, 3)
        if store.lake is not None:
            store.replace("trade_monthly", monthly, key=(), load_id=load_id)
        else:
            store.insert("trade_monthly", monthly)
        store.delete_where("loads", format="demo")
        years = sorted({int(y) for y in world.annual.column("year").unique().to_pylist()})
        store.record_load(
            load_id=load_id,
            format="demo",
            source=f"kcbridge demo --size {world.size.name} (seed {seed})",
            checksum=f"{seed}:{world.size.name}",
            target="trade_annual+trade_monthly",
            rows=annual.num_rows + monthly.num_rows,
            periods=f"{years[0]}-{years[-1]}" if years else "",
            revision_in="HS2012",
            revision_out="HS2012",
            synthetic=True,
            notes="SYNTHETIC: generated, not real statistics",
            scope="table",
        )
        store.set_meta("synthetic", "true")
        store.set_meta("demo_events", _events_json(world.events))
    extras = _demo_extras(platform, progress)
    if progress:
        progress("done", 3, 3)
    return DemoSummary(
        size=world.size.name,
        seed=seed,
        annual_rows=annual.num_rows,
        monthly_rows=monthly.num_rows,
        years=years,
        countries=len(set(world.annual.column("exporter").unique().to_pylist())),
        products=len(set(world.annual.column("product").unique().to_pylist())),
        events=[_event_dict(e) for e in world.events],
        seconds=round(time.perf_counter() - started, 2),
        extras=extras,
    )


#: Capability services that add SYNTHETIC demo content of their own (sample documents, a
#: sample registry, a first scan), in this order, through ``load_demo() -> dict``: the
#: watch comes last so that its scan sees the documents' news signals.
DEMO_SERVICES = ("docs", "partners", "watch")


def _demo_extras(platform: Platform, progress: ProgressCallback | None) -> dict[str, object]:
    extras: dict[str, object] = {}
    for name in DEMO_SERVICES:
        try:
            service = getattr(platform, name)
        except ModuleNotFoundError:
            continue
        except SingleMachineError as exc:  # the Spark store: documents and partners skipped
            extras[name] = {"skipped": exc.message}
            continue
        load_demo = getattr(service, "load_demo", None)
        if load_demo is None:
            continue
        if progress:
            progress(f"demo content: {name}", 0, None)
        extras[name] = load_demo()
    return extras


def _const(n: int, value: str):  # type: ignore[no-untyped-def]
    import pyarrow as pa

    return pa.repeat(pa.scalar(value, type=pa.string()), n)


def _event_dict(event: object) -> dict:
    from dataclasses import asdict, is_dataclass

    d = asdict(event) if is_dataclass(event) else dict(vars(event))  # type: ignore[arg-type]
    return {
        k: (str(v) if not isinstance(v, int | float | str | type(None)) else v)
        for k, v in d.items()
    }


def _events_json(events: list) -> str:
    import json

    return json.dumps([_event_dict(e) for e in events], ensure_ascii=False)
