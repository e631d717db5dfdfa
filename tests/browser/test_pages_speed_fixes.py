"""Issue 14's page-speed fixes keep what the pages show (no timings here: the speed is
measured by benchmarks/pages.py).

- ``kcbridge demo`` keeps the results of the dashboard's slow first views
  (``Platform.prepare_first_views``): a new server on that store serves the Trade page, the product
  space and a document search without computing them, and with the same HTML as a store
  where they are computed on the first visit.
- The home page keeps its status and chart per data version: a repeated visit runs no
  summary query and shows the same page; a new data version is shown.
"""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path
from typing import Any

import pytest

from kcbridge.app import Platform

#: the first views Platform.prepare_first_views prepares, as the navigation reaches them
#: (the registry's first organisation is the first link of /partners)
PREPARED_PAGES = ("/trade", "/trade/product-space", "/trade/complexity", "/watch",
                  "/partners/match/{first_org}", "/documents?q=hydrogen")
#: what preparing them computes, and what a new server then need not compute
COMPUTATIONS = {"layout", "encoder copy", "search index", "complementarity", "complexity",
                "dependency screen", "profile vectors"}


def same_up_to_rounding(html: str) -> str:
    """``html`` with long decimals cut to 9 significant digits and Altair's dataset names
    (a hash of the rows) blanked: DuckDB's parallel sums can differ in the last bits from
    one computation to the next (1e-14 here), whether or not a result was kept."""
    html = re.sub(r"data-[0-9a-f]{32}", "data-#", html)
    return re.sub(r"-?\d+\.\d{7,}(?:e-?\d+)?", lambda m: f"{float(m.group()):.9g}", html)


def _client(home: Path) -> Any:
    from fastapi.testclient import TestClient

    from kcbridge.api import create_app

    warnings.simplefilter("ignore")
    return TestClient(create_app(Platform(home=home)), headers={"accept": "text/html"})


def _pages(home: Path) -> dict[str, str]:
    client = _client(home)
    first_org = str(client.app.state.platform.partners.organisations()["org_id"].iloc[0])
    out = {}
    for url in PREPARED_PAGES:
        response = client.get(url.format(first_org=first_org))
        assert response.status_code == 200, (url, response.text[:500])
        out[url] = response.text
    return out


@pytest.fixture
def compute_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records each computation the prepared views should spare a new server."""
    import kcbridge.docs.encoder_cache as encoder_cache
    import kcbridge.partners.embeddings as embeddings
    import kcbridge.trade.space_network as space_network
    import kcbridge.watch.dependency as watch_dependency
    from kcbridge.docs.search_index import SearchIndex
    from kcbridge.trade.service import TradeService

    calls: list[str] = []

    def spy(name: str, original: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return original(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(space_network, "build_space", spy("layout", space_network.build_space))
    monkeypatch.setattr(encoder_cache, "_build", spy("encoder copy", encoder_cache._build))
    monkeypatch.setattr(SearchIndex, "build", spy("search index", SearchIndex.build))
    monkeypatch.setattr(TradeService, "_complementarity",
                        spy("complementarity", TradeService._complementarity))
    monkeypatch.setattr(TradeService, "_complexity_view",
                        spy("complexity", TradeService._complexity_view))
    monkeypatch.setattr(watch_dependency, "dependency_metrics",  # imported when it computes
                        spy("dependency screen", watch_dependency.dependency_metrics))
    monkeypatch.setattr(embeddings, "default_encoder",  # loaded only to embed new texts
                        spy("profile vectors", embeddings.default_encoder))
    return calls


def test_prepared_first_views_are_read_not_computed_and_show_the_same_pages(
        tiny_demo_copy: Path, tmp_path: Path, compute_calls: list[str]) -> None:
    # the tests' tiny world is built without them (kcbridge demo's default for tiny)
    assert not (tiny_demo_copy / "cache" / "product_space").exists()
    assert not (tiny_demo_copy / "search").exists()
    computed_home = tmp_path / "computed"
    shutil.copytree(tiny_demo_copy, computed_home)

    platform = Platform(home=tiny_demo_copy)
    done = platform.prepare_first_views()
    platform.close()
    assert set(done) == {"complementarity", "product_space", "complexity", "dependency_screen",
                         "partner_matches", "document_search"}
    assert all(isinstance(seconds, float) for seconds in done.values()), done
    assert COMPUTATIONS <= set(compute_calls)
    assert len(list((tiny_demo_copy / "cache" / "product_space").glob("*.nodes.parquet"))) == 1

    compute_calls.clear()
    prepared = _pages(tiny_demo_copy)  # a new server process would do the same: new app
    assert compute_calls == [], f"computed on the first view after preparing: {compute_calls}"

    computed = _pages(computed_home)  # the same store, nothing prepared: computed now
    assert COMPUTATIONS <= set(compute_calls)
    for url in PREPARED_PAGES:
        assert same_up_to_rounding(prepared[url]) == same_up_to_rounding(computed[url]), url
    assert "Product space" in prepared["/trade/product-space"]
    assert "/documents/" in prepared["/documents?q=hydrogen"]  # the search found documents


def test_home_page_kept_per_data_version(tiny_demo_copy: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    client = _client(tiny_demo_copy)
    platform: Platform = client.app.state.platform  # type: ignore[attr-defined]
    first = client.get("/")
    assert first.status_code == 200 and "What the store holds" in first.text
    assert "Korea–China goods trade by year" in first.text  # the chart's title

    calls: list[int] = []
    original = Platform.status

    def counted(self: Platform) -> dict[str, Any]:
        calls.append(1)
        return original(self)

    monkeypatch.setattr(Platform, "status", counted)
    again = client.get("/")
    assert again.text == first.text and calls == []  # kept: no summary query

    version = platform.store.data_version()
    assert version is not None
    monkeypatch.setattr(type(platform.store), "data_version", lambda self: f"{version}-next")
    newer = client.get("/")
    assert newer.status_code == 200 and calls == [1]  # a new version is computed again
    assert newer.text == first.text  # (the data did not really change)


def test_alert_and_commitments_pages_kept_until_a_write(tiny_demo_copy: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from kcbridge.watch.service import WatchService

    client = _client(tiny_demo_copy)
    platform: Platform = client.app.state.platform  # type: ignore[attr-defined]
    alert_id = str(platform.watch.alerts(limit=1)["alert_id"].iloc[0])
    pages = {url: client.get(url) for url in (f"/watch/alerts/{alert_id}",
                                              "/documents/commitments")}
    assert all(r.status_code == 200 for r in pages.values())
    assert "Status</th><td>new" in pages[f"/watch/alerts/{alert_id}"].text
    assert "Commitments over time by sector" in pages["/documents/commitments"].text

    calls: list[str] = []
    original = WatchService.alert

    def counted(self: WatchService, *args: Any, **kwargs: Any) -> dict[str, Any]:
        calls.append("alert")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(WatchService, "alert", counted)
    for url, first in pages.items():
        assert client.get(url).text == first.text, url  # kept: the same page
    assert calls == []

    # a write (the alert acknowledged) is a new data version: the page shows it
    platform.watch.set_status(alert_id, "acknowledged", note="checked with the importer")
    after = client.get(f"/watch/alerts/{alert_id}").text
    assert calls == ["alert"]
    assert "Status</th><td>acknowledged · checked with the importer" in after
    assert client.get("/watch/alerts/no-such-alert").status_code == 404  # errors not kept
