"""The dashboard pager: reading page / page_size, the "Showing" line and the links."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from kcbridge.errors import InputError
from kcbridge.web.pager import DEFAULT_PAGE_SIZE, PAGE_SIZES, Pager, last_page, read_page


def test_read_page_defaults_and_allowed_values() -> None:
    assert read_page(None, None) == (1, DEFAULT_PAGE_SIZE) == (1, 50)
    assert read_page("", "") == (1, 50)
    assert read_page(" 3 ", "25") == (3, 25)
    assert [read_page("1", str(n))[1] for n in PAGE_SIZES] == [25, 50, 100, 200]
    # a page number longer than any offset is simply past the end
    assert read_page("9" * 5000, None)[0] >= 10**18


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "²", "1e3"])
def test_read_page_refuses_what_is_not_a_page(page: str) -> None:
    with pytest.raises(InputError, match="Use a whole number from 1"):
        read_page(page, None)


@pytest.mark.parametrize("size", ["7", "0", "abc", "1000", "-25", "9" * 5000])
def test_read_page_names_the_allowed_sizes(size: str) -> None:
    with pytest.raises(InputError, match="Use one of 25, 50, 100, 200 rows per page"):
        read_page("1", size)


def test_pager_showing_line_and_links() -> None:
    pager = Pager(path="/watch", page=2, page_size=50, total=1234, noun="flagged products",
                  singular="flagged product", params={"importer": "KOR", "regime": "",
                                                      "year": "2023"})
    assert pager.showing == "Showing 51-100 of 1,234 flagged products"
    assert pager.pages == last_page(1234, 50) == 25
    assert pager.numbers == [1, 2, 3, 4, None]
    query = parse_qs(urlsplit(pager.url(25)).query)
    assert query == {"importer": ["KOR"], "year": ["2023"], "page": ["25"], "page_size": ["50"]}
    last = Pager(path="/watch", page=25, page_size=50, total=1234, noun="flagged products",
                 singular="flagged product")
    assert last.showing == "Showing 1,201-1,234 of 1,234 flagged products"
    assert last.numbers == [None, 23, 24, 25]
    one = Pager(path="/a", page=1, page_size=25, total=1, noun="alerts", singular="alert")
    assert one.showing == "Showing 1 of 1 alert" and one.pages == 1 and one.numbers == [1]
    tail = Pager(path="/a", page=3, page_size=25, total=51, noun="alerts", singular="alert")
    assert tail.showing == "Showing 51 of 51 alerts"
    none = Pager(path="/a", page=1, page_size=25, total=0, noun="alerts", singular="alert")
    assert none.showing == "No alerts" and none.pages == 1
