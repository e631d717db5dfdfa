"""``page_rows`` (plain dicts) pages like ``page_frame`` (pandas): the same stable order,
missing values last in either direction, the same window and total, the same errors."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from kcbridge.errors import InputError
from kcbridge.store.paging import page_frame, page_rows

ROWS: list[dict[str, Any]] = [
    {"importer": "KOR", "product": "850760", "imports": 5.0},
    {"importer": "CHN", "product": "850760", "imports": 5.0},
    {"importer": "KOR", "product": "281111", "imports": None},
    {"importer": "CHN", "product": "854231", "imports": 9.5},
    {"importer": "KOR", "product": "250410", "imports": 5.0},
    {"importer": "CHN", "product": "280530", "imports": None},
    {"importer": "KOR", "product": "811292", "imports": 0.0},
]
ORDER = [("imports", False), ("importer", True), ("product", True)]


@pytest.mark.parametrize(("limit", "offset"), [(None, 0), (3, 0), (2, 3), (0, 5), (4, 100)])
def test_page_rows_is_page_frame(limit: int | None, offset: int) -> None:
    frame = pd.DataFrame(ROWS)
    expected, total = page_frame(frame, ORDER, limit=limit, offset=offset)
    rows, count = page_rows(ROWS, ORDER, limit=limit, offset=offset)
    assert count == total == len(ROWS)
    as_dicts = [{k: (None if isinstance(v, float) and math.isnan(v) else v)
                 for k, v in r.items()} for r in expected.to_dict("records")]
    assert rows == as_dicts


def test_the_order_and_the_errors() -> None:
    rows, _ = page_rows(ROWS, ORDER, limit=None, offset=0)
    assert [(r["importer"], r["product"]) for r in rows][:4] == [
        ("CHN", "854231"), ("CHN", "850760"), ("KOR", "250410"), ("KOR", "850760")]
    assert [r["imports"] for r in rows][-2:] == [None, None]
    with pytest.raises(InputError, match="offset"):
        page_rows(ROWS, ORDER, limit=None, offset=-1)
    with pytest.raises(InputError, match="limit"):
        page_rows(ROWS, ORDER, limit=-2, offset=0)
