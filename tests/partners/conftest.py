"""Fixtures shared by the partners tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def splitter_before_round_25(monkeypatch: pytest.MonkeyPatch) -> None:
    """The offer/need splitter as it was before round 25 (field lists read as prose): the
    recorded runs of the earlier rounds were made with it. Round 25's own figures on these
    sets are in ``docs/history/partners_round25.json``."""
    from kcbridge.partners import offer_need

    monkeypatch.setattr(offer_need, "FIELD_LISTS", False)
