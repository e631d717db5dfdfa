import numpy as np
import pandas as pd
import pytest

from kcbridge.errors import InputError
from kcbridge.watch.panel import panel_from_long, panel_to_long


def long_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "reporter": ["KOR"] * 4, "partner": ["CHN", "CHN", "CHN", "JPN"],
        "product": ["250410"] * 4, "flow": ["import"] * 4,
        "month": ["2020-01-01", "2020-03-15", "2020-03-01", "2020-02-01"],
        "value_usd": [100.0, 50.0, 25.0, 10.0], "quantity": [10.0, 5.0, 0.0, 2.0],
    })


def test_pivot_fills_gaps_with_nan_and_sums_duplicates():
    p = panel_from_long(long_frame())
    assert list(p.months.strftime("%Y-%m")) == ["2020-01", "2020-02", "2020-03"]
    i = p.find("KOR", "CHN", "250410", "import")
    np.testing.assert_allclose(p.value[i], [100.0, np.nan, 75.0])
    np.testing.assert_allclose(p.quantity[i], [10.0, np.nan, 5.0])
    np.testing.assert_allclose(p.unit_value[i], [10.0, np.nan, 15.0])
    assert p.find("KOR", "USA", "250410", "import") == -1


def test_until_cuts_and_round_trip():
    p = panel_from_long(long_frame())
    assert p.until("2020-02").n_months == 2
    with pytest.raises(InputError, match="starts in 2020-01"):
        p.until("2019-12")
    back = panel_to_long(p)
    assert len(back) == 3 and back["value_usd"].sum() == pytest.approx(185.0)


def test_missing_columns_say_what_is_needed():
    with pytest.raises(InputError, match="value_usd"):
        panel_from_long(long_frame().drop(columns="value_usd"))
