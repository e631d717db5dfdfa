"""`kcbridge watch scan` run again with nothing changed reports the kept scan (issue 14):
the same alerts, a title saying since when nothing changed, and no Ibis imported (the
check, the record and the stored alerts are read with plain SQL). Behaviour, not timing."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cache_hit_imports import _run


def test_watch_scan_again_reports_the_kept_scan_without_ibis(tiny_demo_copy: Path) -> None:
    argv = ["watch", "scan", "--months", "40"]  # not the demo's own scan: computed first
    first = _run(argv, tiny_demo_copy)
    assert first["code"] == 0, first["stdout"]
    assert first["ibis"] is True  # the first scan runs (and saves with Ibis)
    second = _run(argv, tiny_demo_copy)
    assert second["code"] == 0, second["stdout"]
    assert second["ibis"] is False
    one, two = str(first["stdout"]).splitlines(), str(second["stdout"]).splitlines()
    assert len(one) > 10 and len(one) == len(two)
    changed = [(a, b) for a, b in zip(one, two, strict=True) if a != b]
    assert len(changed) == 1  # the title only; every alert row is the same
    assert "new)" in changed[0][0] and "nothing changed since the scan of" not in changed[0][0]
    assert "(0 new); nothing changed since the scan of " in changed[0][1]
