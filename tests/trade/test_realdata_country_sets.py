"""ECI ranks on the real 2017 HS4 world exports under both country sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from kcbridge.app import Platform
from kcbridge.errors import InputError

pytestmark = pytest.mark.realdata


def test_eci_ranks_of_korea_and_china(platform: Platform, real_data: Path) -> None:
    path = real_data / "world_trade_2017_hs4_exports.csv"
    platform.load("exports-world", path, year=2017, revision="HS2007")
    view = platform.trade.complexity(2017)
    assert view.conventions["countries"] == "atlas"
    atlas = view.eci.set_index("country")
    every = platform.trade.complexity(2017, countries="all").eci.set_index("country")
    # the Growth Lab's ranked set drops territories such as Bouvet Island (BVT)
    assert "BVT" in every.index and "BVT" not in atlas.index
    assert len(atlas) == 143 and len(every) == 224
    assert (atlas.loc["KOR", "rank"], atlas.loc["CHN", "rank"]) == (5, 23)
    assert (every.loc["KOR", "rank"], every.loc["CHN", "rank"]) == (5, 32)
    with pytest.raises(InputError, match="atlas"):
        platform.trade.complexity(2017, countries="oecd")
