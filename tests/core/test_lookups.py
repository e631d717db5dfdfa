"""`kcbridge products` on a DuckDB store runs one plain SQL query (no Ibis): the same rows,
columns and types as the Ibis expression it replaced, for every kind of query."""

from __future__ import annotations

import pandas as pd
import pytest

from kcbridge.app import Platform
from kcbridge.errors import InputError
from kcbridge.store.lookups import find_products


def _ibis_products(platform: Platform, query: str | None, level: int | None,
                   limit: int) -> pd.DataFrame:
    """The expression Platform.list_products ran before (and still runs on other engines)."""
    t = platform.store.table("products")
    t = t.filter(t.revision == platform.settings.target_hs_revision)
    if level is not None:
        t = t.filter(t.level == level)
    if query:
        q = query.strip()
        t = t.filter(t.code.startswith(q)) if q.isdigit() else \
            t.filter(t.name.lower().contains(q.lower()))
    return t.order_by("code").limit(limit).to_pandas()


@pytest.mark.parametrize(("query", "level", "limit"), [
    ("2504", None, 200), ("85", 4, 10), ("batter", None, 200), ("LITHIUM", 6, 200),
    (" 8507 ", None, 200), (None, 2, 200), (None, None, 5), ("zzzz", None, 5),
    ("O'Brien%_", None, 5),
])
def test_same_rows_as_the_ibis_expression(platform: Platform, query: str | None,
                                          level: int | None, limit: int) -> None:
    revision = platform.settings.target_hs_revision
    expected = _ibis_products(platform, query, level, limit)
    found = find_products(platform.store, revision, query, level, limit)
    pd.testing.assert_frame_equal(found, expected)
    via_platform = platform.list_products(query, level=level, limit=limit)
    pd.testing.assert_frame_equal(via_platform, expected)


def test_known_rows(platform: Platform) -> None:
    rows = platform.list_products("2504")
    assert list(rows["code"]) == ["2504", "250410", "250490"]
    assert set(rows["level"]) == {4, 6}
    assert platform.product("250410")["code"] == "250410"


def test_level_checked(platform: Platform) -> None:
    with pytest.raises(InputError, match="2, 4 or 6"):
        platform.list_products("25", level=3)
