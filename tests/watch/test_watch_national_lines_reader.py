"""The minerals-monthly reader on the importer side and on national lines (issue 11): an
importer's 10-digit lines by supplier (``hs``, ``reporter``, ``flow`` columns) become
import series of that reporter, and the episodes and families find them. Rows are
written here, not real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from kcbridge.errors import InputError
from kcbridge.watch.episodes import expand_episodes, parse_episodes
from kcbridge.watch.minerals import read_minerals_monthly
from kcbridge.watch.panel import panel_from_long

HEADER = "period_dt,reporter,flow,hs,partner_name,val,qty\n"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "us_imports.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_national_lines_of_an_importer_become_import_series(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER
                  + "2024-11-01,USA,import,8112921000,China,152400,300\n"
                  + "2024-11-01,USA,import,8112921000,World,685750,1340\n"
                  + "2024-12-01,United States,Import,8112921000,China,0,0\n"
                  + "2024-12-01,USA,import,0409000005,World,10,1\n"
                  + "2024-12-01,USA,import,811292,World,5,1\n")
    out = read_minerals_monthly(path)
    assert set(out["reporter"]) == {"USA"} and set(out["flow"]) == {"import"}
    assert out["product"].tolist() == ["0409000005", "811292", "8112921000", "8112921000",
                                       "8112921000"]  # codes as written, leading zero kept
    assert out["revision"].tolist() == ["national", "HS6", "national", "national", "national"]
    assert out["partner"].tolist() == ["WLD", "WLD", "CHN", "CHN", "WLD"]
    assert out["value_usd"].tolist() == [10.0, 5.0, 152400.0, 0.0, 685750.0]


def test_without_the_columns_the_defaults_stay_china_exports(tmp_path: Path) -> None:
    path = _write(tmp_path, "period_dt,hs,partner_name,val,qty\n"
                  "2024-01-01,2504101000,Korea,7,1\n")
    out = read_minerals_monthly(path)
    assert (out["reporter"].tolist(), out["flow"].tolist()) == (["CHN"], ["export"])
    out = read_minerals_monthly(path, reporter="JPN")
    assert out["reporter"].tolist() == ["JPN"]


def test_an_episode_on_the_importer_side_finds_its_line_series(tmp_path: Path) -> None:
    rows = [f"2024-{m:02d}-01,USA,import,{code},{who},{v},1\n"
            for m in (1, 2) for code in ("8112921000", "8112926000", "2504101000")
            for who, v in (("China", 100), ("World", 300))]
    panel = panel_from_long(read_minerals_monthly(_write(tmp_path, HEADER + "".join(rows))))
    episodes = parse_episodes({"episodes": [{
        "name": "ban", "reporter": "USA", "partners": ["CHN"], "flow": "import",
        "products": ["gallium_germanium"], "announced": "2024-12-03",
        "effective": "2024-12-03", "expected_signal": ["collapse"]}]})
    table = expand_episodes(episodes, panel.keys)
    assert sorted(table["product"]) == ["8112921000", "8112926000"]  # graphite is not one
    assert set(table["partner"]) == {"CHN"} and set(table["flow"]) == {"import"}
    assert panel.find("USA", "CHN", "8112921000", "import") >= 0
    assert panel.find("CHN", "USA", "8112921000", "export") < 0


def test_unknown_flows_and_reporters_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER + "2024-01-01,USA,re-export,8112921000,China,1,1\n")
    with pytest.raises(InputError, match=r"unknown flow values \['re-export'\]") as info:
        read_minerals_monthly(path)
    assert info.value.hint == "Write flow as export or import."
    path = _write(tmp_path, HEADER + "2024-01-01,Atlantis,import,8112921000,China,1,1\n")
    with pytest.raises(InputError, match=r"unknown reporter names \['Atlantis'\]"):
        read_minerals_monthly(path)


def test_a_lines_file_without_partners_names_the_lines_layout(tmp_path: Path) -> None:
    path = _write(tmp_path, "period_dt,hs,val,qty\n2024-01-01,8112921000,1,1\n")
    with pytest.raises(InputError) as info:
        read_minerals_monthly(path)
    assert info.value.message == ("us_imports.csv is not a minerals monthly file: columns "
                                  "['partner_name'] are missing.")
    assert "national lines ['period_dt', 'val', 'qty', 'hs', 'partner_name']" in (
        info.value.hint or "")


@pytest.mark.parametrize(("row", "message"), [
    ("2024-11-01,USA,import,81129X,China,100,5\n", r"hs codes \['81129X'\] on lines \[2\]"),
    ("2024-11-01,USA,import,,China,100,5\n", r"hs codes \['\(blank\)'\]"),
    ("2024-11-01,USA,import,81129,China,100,5\n", r"hs codes \['81129'\]"),  # 5 digits
    ("2024-11-01,USA,import,8112921000,China,abc,5\n", r"val is not a figure .*\['abc'\]"),
    ("2024-11-01,USA,import,8112921000,China,-5,5\n", r"val is not a figure .*\['-5'\]"),
    ("2024-11-01,USA,import,8112921000,China,100,1 kg\n", r"qty is not a figure"),
])
def test_bad_codes_and_figures_are_refused_with_the_line(tmp_path: Path, row: str,
                                                         message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_minerals_monthly(_write(tmp_path, HEADER + row))


def test_blank_figures_are_no_figure_and_an_empty_file_is_refused(tmp_path: Path) -> None:
    out = read_minerals_monthly(_write(tmp_path, HEADER
                                       + "2024-11-01,USA,import,8112921000,China,,\n"
                                       + "2024-12-01,USA,import,2504101000,China,7,\n"))
    # a blank value is no row (an upstream gap, not a zero); a blank quantity is no quantity
    assert out["product"].tolist() == ["2504101000"] and out["quantity"].isna().all()
    assert out["revision"].tolist() == ["national"]
    with pytest.raises(InputError, match="has no rows"):
        read_minerals_monthly(_write(tmp_path, HEADER))
    four = read_minerals_monthly(_write(tmp_path, HEADER
                                        + "2024-12-01,USA,import,2504,China,7,1\n"))
    assert four["revision"].tolist() == ["HS4"]
