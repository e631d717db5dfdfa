"""The dependency screen answers concurrent requests: its rows are filtered and paged in
pandas (an Ibis expression over in-memory tables only ran on Ibis's one process-wide DuckDB
connection and failed when the dashboard served two /watch requests at once)."""

from __future__ import annotations

import threading
import time

import pandas as pd
import pytest

from kcbridge.errors import InputError
from kcbridge.store.paging import page_frame


def test_page_frame_sorts_pages_and_counts():
    frame = pd.DataFrame({"imports": [5.0, 9.0, 9.0, 1.0, None],
                          "importer": ["KOR", "KOR", "CHN", "CHN", "KOR"],
                          "product": ["b", "a", "c", "d", "e"]})
    order = [("imports", False), ("importer", True), ("product", True)]
    page, total = page_frame(frame, order, limit=2, offset=1)
    assert total == 5
    assert list(page["product"]) == ["a", "b"]  # after c (9.0, CHN): a (9.0, KOR), then b
    everything, total = page_frame(frame, order, limit=None, offset=0)
    assert list(everything["product"]) == ["c", "a", "b", "d", "e"]  # the missing value last
    empty, total = page_frame(frame, order, limit=3, offset=99)
    assert empty.empty and total == 5
    with pytest.raises(InputError, match="offset"):
        page_frame(frame, order, limit=1, offset=-1)


def test_screen_pages_agree_with_the_whole_screen(demo_platform):
    whole = demo_platform.watch.screen(importers=["KOR", "CHN"])
    assert len(whole) > 4
    second = demo_platform.watch.screen(importers=["KOR", "CHN"], limit=3, offset=2)
    assert second.attrs["total"] == len(whole)
    cols = ["importer", "product"]
    assert second[cols].to_dict("records") == whole[cols].iloc[2:5].to_dict("records")
    assert whole["imports"].is_monotonic_decreasing


def test_screen_answers_many_threads_at_once(demo_platform):
    expected = list(demo_platform.watch.screen(importers=["KOR"], limit=5)["product"])
    assert len(expected) == 5
    results: list[object] = []

    def work() -> None:
        for _ in range(5):
            try:
                results.append(list(demo_platform.watch.screen(importers=["KOR"],
                                                               limit=5)["product"]))
            except Exception as exc:  # noqa: BLE001 - the test reports what went wrong
                results.append(exc)

    # daemon threads joined with a deadline: the old code could also hang (two threads on
    # one DuckDB connection), and a hung thread must fail this test, not the whole run
    threads = [threading.Thread(target=work, daemon=True) for _ in range(8)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 120
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.monotonic()))
    assert not any(t.is_alive() for t in threads), "screen calls hung under concurrency"
    assert results == [expected] * 40
