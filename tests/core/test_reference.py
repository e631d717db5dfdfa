"""Countries and HS revision weights from the field's packages."""

from __future__ import annotations

import pytest

from kcbridge.errors import InputError
from kcbridge.reference.countries import CountryResolver
from kcbridge.reference.products import conversion_weights, normalise_revision


def test_country_resolver_accepts_the_codes_files_use() -> None:
    r = CountryResolver()
    assert [r.lookup(v) for v in ["KOR", "kor", "KR", "410", 410, "156.0", "China"]] == [
        "KOR",
        "KOR",
        "KOR",
        "KOR",
        "KOR",
        "CHN",
        "CHN",
    ]
    assert r.lookup("0") == "WLD"
    assert r.unknown(["KOR", "XXZ", "999"]) == ["999", "XXZ"]


def test_revision_names_normalise() -> None:
    assert [normalise_revision(v) for v in ["HS2012", "H4", "HS12", "2012", "HS92"]] == [
        "HS2012",
        "HS2012",
        "HS2012",
        "HS2012",
        "HS1992",
    ]
    with pytest.raises(InputError, match="HS1992"):
        normalise_revision("HS2030")


@pytest.mark.parametrize(
    "src,dst", [("HS2007", "HS2012"), ("HS2022", "HS2012"), ("HS1992", "HS2012")]
)
def test_conversion_weights_sum_to_one(src: str, dst: str) -> None:
    w = conversion_weights(src, dst)
    sums = w.groupby("from_code")["weight"].sum()
    assert len(sums) > 100
    assert sums.between(0.999999, 1.000001).all()


def test_hs2007_split_example() -> None:
    # HS2012 split 2007's 120720 (cotton seeds) into 120721 (for sowing) and 120729 (other)
    w = conversion_weights("HS2007", "HS2012")
    rows = w[w.from_code == "120720"].set_index("to_code")["weight"]
    assert set(rows.index) == {"120721", "120729"}
    assert rows["120729"] == pytest.approx(0.9745, abs=1e-3)
