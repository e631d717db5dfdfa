"""The files the watch reads besides the store: the "minerals monthly" CSV and the episodes
YAML, with their errors (each says what to fix). Rows are written here, not real data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from kcbridge.errors import InputError, NotFoundError
from kcbridge.watch.episodes import parse_episodes, read_episodes
from kcbridge.watch.minerals import minerals_to_monthly, read_minerals_monthly

HEADER = "period_dt,val,qty,uv,hhi,broad_group,partner_name\n"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "country_monthly_stats.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_minerals_rows_become_trade_monthly_rows(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER
                  + "2023-12-15,1000.5,20,50,0.3, Graphite ,South Korea\n"
                  + "2023-11-01,2000,,,0.3,Graphite,South Korea\n"
                  + "2023-11-01,300,5,60,0.2,Gallium/Germanium,USA\n"
                  + "2023-10-01,,5,,0.2,Gallium/Germanium,USA\n")  # no value: dropped
    out = read_minerals_monthly(path)
    assert list(out.columns) == ["month", "reporter", "partner", "flow", "product", "revision",
                                 "value_usd", "quantity", "unit"]
    assert len(out) == 3
    assert set(out["reporter"]) == {"CHN"} and set(out["flow"]) == {"export"}
    assert set(out["revision"]) == {"group"} and set(out["unit"]) == {"kg"}
    # sorted by product, partner, month; months are first days
    assert out["product"].tolist() == ["Gallium/Germanium", "Graphite", "Graphite"]
    assert out["partner"].tolist() == ["USA", "KOR", "KOR"]
    assert out["month"].tolist() == [pd.Timestamp("2023-11-01"), pd.Timestamp("2023-11-01"),
                                     pd.Timestamp("2023-12-01")]
    assert out["value_usd"].tolist() == [300.0, 2000.0, 1000.5]
    assert out["quantity"].iloc[0] == 5.0 and pd.isna(out["quantity"].iloc[1])


def test_another_reporter_can_be_named() -> None:
    raw = pd.DataFrame({"period_dt": ["2024-01-01"], "val": [1.0], "qty": [1.0],
                        "broad_group": ["Urea"], "partner_name": ["Korea"]})
    out = minerals_to_monthly(raw, reporter="IDN")
    assert out["reporter"].tolist() == ["IDN"] and out["partner"].tolist() == ["KOR"]


def test_a_missing_minerals_file_names_the_expected_columns(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as info:
        read_minerals_monthly(tmp_path / "none.csv")
    assert "period_dt, val, qty" in (info.value.hint or "")


def test_a_file_without_the_columns_lists_the_missing_ones(tmp_path: Path) -> None:
    path = _write(tmp_path, "period_dt,val\n2024-01-01,1\n")
    with pytest.raises(InputError) as info:
        read_minerals_monthly(path)
    assert info.value.message == (
        "country_monthly_stats.csv is not a minerals monthly file: columns "
        "['qty', 'broad_group', 'partner_name'] are missing.")


def test_unknown_partners_and_unreadable_months_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER + "2024-01-01,1,1,1,0,Graphite,Atlantis\n")
    with pytest.raises(InputError, match=r"unknown partner names \['Atlantis'\]"):
        read_minerals_monthly(path)
    path = _write(tmp_path, HEADER + "someday,1,1,1,0,Graphite,Japan\n")
    with pytest.raises(InputError, match=r"unreadable period_dt values \['someday'\]") as info:
        read_minerals_monthly(path)
    assert info.value.hint == "Dates must look like 2023-12-01."


# ---------------------------------------------------------------- episodes

EPISODE = {"name": "graphite-2023", "reporter": "chn", "partners": ["kor", "*"],
           "products": "graphite", "announced": "2023-10-20",
           "effective": dt.date(2023, 12, 1), "expected_signal": "surge"}


def test_an_episode_is_normalised() -> None:
    [ep] = parse_episodes({"episodes": [EPISODE]})
    assert ep["reporter"] == "CHN"
    assert ep["partners"] == ["KOR", "*"]
    assert ep["products"] == ["graphite"]
    assert ep["expected_signal"] == ["surge"]
    assert ep["flow"] == "export" and ep["source"] == "" and ep["notes"] == ""
    assert ep["announced"] == dt.date(2023, 10, 20) and ep["effective"] == dt.date(2023, 12, 1)


def test_a_single_partner_key_and_a_bare_list_document_are_accepted() -> None:
    item = {k: v for k, v in EPISODE.items() if k != "partners"} | {"partner": "jpn"}
    [ep] = parse_episodes([item])
    assert ep["partners"] == ["JPN"]


@pytest.mark.parametrize(
    "doc,message",
    [
        ({"episodes": []}, "no episodes found"),
        ({"other": 1}, "no episodes found"),
        ({"episodes": ["just text"]}, "episode 1 is not a mapping"),
        ({"episodes": [{k: v for k, v in EPISODE.items() if k != "partners"}]},
         r"lacks \['partner\(s\)'\]"),
        ({"episodes": [EPISODE | {"announced": "not a date"}]}, "unreadable date 'not a date'"),
    ],
)
def test_bad_episode_documents(doc: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_episodes(doc, source="eps.yaml")


def test_a_file_that_is_not_yaml_is_an_input_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "eps.yaml"
    path.write_text("episodes: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="eps.yaml is not valid YAML"):
        read_episodes(path)


def test_a_missing_episodes_file_names_the_bundled_ones(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as info:
        read_episodes(tmp_path / "mine.yaml")
    assert "public_episodes.yaml" in (info.value.hint or "")
    assert "china_critical_minerals_episodes.yaml" in (info.value.hint or "")


def test_the_hs6_layout_of_the_same_repository_is_read(tmp_path: Path) -> None:
    """``deep_dive_hs6_monthly.csv`` of the same repository: one row per month,
    destination and HS6 code; the product is the code (leading zeros kept), the quantity
    may be 0 with an ``inf`` unit value. Rows written here."""
    path = tmp_path / "deep_dive_hs6_monthly.csv"
    path.write_text("period_dt,partner_name,hs6,val,qty,uv\n"
                    "2023-12-01,South Korea,250410,1972982.0,1062232.0,1.857\n"
                    "2023-12-01,South Korea,380110,2984815.0,2081530.0,1.434\n"
                    "2023-11-01,Mexico,250410,17010.0,0.0,inf\n"
                    "2023-11-01,Mexico,81292,5.0,1.0,5.0\n", encoding="utf-8")
    out = read_minerals_monthly(path)
    assert set(out["revision"]) == {"HS6"} and set(out["reporter"]) == {"CHN"}
    assert sorted(out["product"]) == ["081292", "250410", "250410", "380110"]
    kor = out[out["partner"] == "KOR"].set_index("product")
    assert kor.loc["380110", "value_usd"] == 2984815.0
    assert kor.loc["250410", "quantity"] == 1062232.0
    assert out[out["partner"] == "MEX"]["quantity"].tolist() == [1.0, 0.0]  # by product


def test_a_file_of_neither_layout_names_both(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("period_dt,partner_name,val\n2023-12-01,Japan,1\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_minerals_monthly(path)
    assert "broad_group" in str(err.value) and "hs6" in (err.value.hint or "")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (HEADER.encode() + b'2023-01-01,1,2,3,4,Graphite,"Korea\n', "not a readable CSV"),
    (b"\xff\xfe\x00p,v\n", "not UTF-8 text"),
])
def test_an_empty_broken_or_binary_minerals_file_is_an_input_error(
    tmp_path: Path, content: bytes, message: str,
) -> None:
    path = tmp_path / "country_monthly_stats.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_minerals_monthly(path)


@pytest.mark.parametrize(("content", "message"), [
    # YAML itself reads 2023-13-01 as a date and fails on it (a ValueError, not YAMLError)
    ("episodes:\n  - name: x\n    announced: 2023-13-01\n", "value YAML cannot read"),
    ("episodes: []\n".encode("utf-16"), "not UTF-8 text"),
])
def test_an_impossible_date_or_a_file_not_in_utf8_is_an_input_error(
    tmp_path: Path, content: str | bytes, message: str,
) -> None:
    path = tmp_path / "eps.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_episodes(path)


@pytest.mark.parametrize(("changes", "message"), [
    ({"stop_share": 2.0}, "stop_share=2.0 is a share of a level, at most 1"),
    ({"breadth_share": 1.5}, "at most 1"),
    ({"refractory_months": -3}, "refractory_months=-3 is negative"),
    ({"collapse_z": float("nan")}, "is negative"),
])
def test_thresholds_out_of_range_are_refused(changes: dict[str, float], message: str) -> None:
    from kcbridge.watch.thresholds import DEFAULT_THRESHOLDS

    with pytest.raises(InputError, match=message):
        DEFAULT_THRESHOLDS.with_overrides(**changes)
    # the bounds themselves are accepted: 0 switches a rule off, 1 is a whole level
    assert DEFAULT_THRESHOLDS.with_overrides(stop_share=0.0, confirm_drop=1.0).stop_share == 0.0
