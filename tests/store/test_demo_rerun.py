"""Building the demo world again in the same home (the same seed and size, so the same load
and the same lake file names) replaces it: no duplicate-key error in the lake's manifest,
the same rows, and no new file written over a live one before the commit."""

from __future__ import annotations

from pathlib import Path

from kcbridge.app import Platform


def test_demo_twice_in_one_home(tmp_path: Path) -> None:
    p = Platform(home=tmp_path)
    try:
        p.demo(size="tiny")
        lake = p.store.lake
        assert lake is not None  # the default store keeps its flows in the lake
        rows = (p.store.count("trade_annual"), p.store.count("trade_monthly"))
        live = {f.path for f in lake.files("trade_annual")}
        p.demo(size="tiny")  # raised ConstraintException (duplicate path) before
        assert (p.store.count("trade_annual"), p.store.count("trade_monthly")) == rows
        again = {f.path for f in lake.files("trade_annual")}
    finally:
        p.close()
    assert len(again) == len(live) > 0
    assert not again & live  # the new files took fresh names; the old ones were dropped
