"""The README's pages figure renders benchmarks/pages.py's groups, and the benchmark finds
a page's first link as a person would."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _page(url: str | None, first: float, p95: float, *, floor: bool = False,
          meets: bool = True) -> dict[str, Any]:
    return {"page": url or "/watch/alerts/<first on /watch/alerts>", "url": url,
            "status": 200, "kb": 1.0, "first_s": first, "first_cpu_s": first / 2,
            "p50_s": p95 / 2, "p95_s": p95, "p95_cpu_s": p95 / 4, "floor": floor,
            "meets_goal": meets}


def test_render_pages_shows_every_group_page_and_the_pages_over_goal() -> None:
    figures = _load(ROOT / "scripts" / "figures.py", "kcb_figures_for_pages_test")
    groups = [
        {"group": "home", "load_avg_1m_before": 1.5, "load_avg_1m_after": 1.6,
         "server_start_s": 1.0, "pages": [_page("/static/kcbridge.css", 0.1, 0.01, floor=True),
                                          _page("/", 0.8, 0.12)]},
        {"group": "watch", "load_avg_1m_before": 1.7, "load_avg_1m_after": 1.8,
         "server_start_s": 1.0, "pages": [_page("/watch", 2.4, 0.3, meets=False),
                                          {"page": "/watch/alerts/<first on /watch/alerts>",
                                           "url": None, "error": "no such link found"}]},
    ]
    data = {"figure": "pages", "command": "python benchmarks/pages.py --home HOME",
            "measured_at": "2026-12-05 19:00 UTC", "commit": "abc1234", "wall_seconds": 60,
            "machine": {"cpus": 2, "load_average_before": 1.5, "load_average_after": 1.8},
            "result": {"groups": groups, "goal": {"first_s": 2.0, "p95_warm_s": 0.5},
                       "repeat": 10, "cold": False, "pages_meeting_goal": 1,
                       "pages_total": 3, "over_goal": ["/watch", "/watch/alerts/<first>"]}}
    text = figures.render_pages(data)
    lines = text.splitlines()
    assert "| home | `/static/kcbridge.css` (floor) | 0.10 (0.05) | 0.01 | 0.01 (0.00) |  |" \
        in lines
    assert "| home | `/` | 0.80 (0.40) | 0.06 | 0.12 (0.03) | yes |" in lines
    assert "| watch | `/watch` | 2.40 (1.20) | 0.15 | 0.30 (0.07) | no |" in lines
    assert "| watch | /watch/alerts/<first on /watch/alerts> | no such link found | | | no |" \
        in lines
    assert "1 of 3 pages meet the goal" in text
    assert "Over the goal: `/watch`, `/watch/alerts/<first>`." in text
    assert "home 1.5, watch 1.7" in text


def test_first_link_skips_the_section_its_filters_and_other_prefixes() -> None:
    pages = _load(ROOT / "benchmarks" / "pages.py", "kcb_pages_benchmark_for_test")
    html = ('<a href="/documents">All</a><a href="/documents/commitments">Commitments</a>'
            '<a href="/documents?q=x">search</a><a href="/documents/?page=2">next</a>'
            '<a href="/watch/alerts/a1">alert</a><a href="/documents/d%2042">Doc</a>'
            '<a href="/documents/d2">Doc 2</a>')
    assert pages.first_link(html, "/documents/") == "/documents/d%2042"
    assert pages.first_link(html, "/watch/alerts/") == "/watch/alerts/a1"
    assert pages.first_link(html, "/partners/match/") is None
    assert pages.percentile([0.3, 0.1, 0.2, 0.5, 0.4], 0.5) == 0.3
    assert pages.percentile([0.3, 0.1, 0.2, 0.5, 0.4], 0.95) == 0.5
