"""The type note of a pair listed by the soft type gate is shown where people look: below
the `partners match` table on screen and on the match page (issue 12; it was in JSON and
the API only). The registry is the seller-writes-request case of test_type_gate_words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.cli.conftest import Cli
from tests.partners.test_type_gate_words import _registry_file

from kcbridge.app import Platform
from kcbridge.cli.common import set_platform_factory


@pytest.fixture
def platform_with_words(tmp_path: Path) -> Iterator[Platform]:
    p = Platform(home=tmp_path / "home")
    p.partners.import_file(_registry_file(tmp_path))
    set_platform_factory(lambda: p)
    try:
        yield p
    finally:
        set_platform_factory(None)
        p.close()


def test_the_table_says_which_pair_came_through_label_words(
    platform_with_words: Platform,
) -> None:
    out = Cli(platform_with_words).ok("partners", "match", "p-bsf").output
    text = " ".join(out.split())
    assert "Types read from label words" in text
    # the pair listed by the soft gate is named with its rank and the label as read
    assert ("p-bsf #2 한울사료: type read from label words ('해외 사업 파트너를 찾습니다' read as "
            "business request)") in text
    # the pair of compatible types (rank 1) has no note
    assert "#1 동해양어사료:" not in text
    # not in a CSV stream (one table per stream)
    csv_out = Cli(platform_with_words).ok("partners", "match", "p-bsf", "--format", "csv")
    assert "Types read from label words" not in csv_out.stdout


def test_no_note_when_no_type_was_read_from_words(platform_with_words: Platform) -> None:
    out = Cli(platform_with_words).ok("partners", "match", "p-feed2").output
    assert "Types read from label words" not in out


def test_the_match_page_flags_the_label_to_check(platform_with_words: Platform) -> None:
    from fastapi.testclient import TestClient

    from kcbridge.api import create_app

    html = TestClient(create_app(platform_with_words)).get("/partners/match/c-bsf").text
    assert html.count('data-type-note="1"') == 1
    assert "CHECK TYPE" in html
    assert "&#39;해외 사업 파트너를 찾습니다&#39; read as business request" in html
