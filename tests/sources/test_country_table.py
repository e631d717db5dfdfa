"""country_converter's table kept once per version (reference/country_table_cache.py): the kept
file holds exactly what country_converter gives, the store's country table and every
resolution are those of the previous code (which asked country_converter in every
process), a damaged or unwritable cache only costs the build, and a load in a process
that finds the table kept never imports country_converter."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from kcbridge.reference import countries
from kcbridge.reference import country_table_cache as kept_table
from kcbridge.sources import countries as trade_countries

#: Names and codes statistical files (BACI's country file, UN Comtrade, the World Bank)
#: use, beside every name country_converter knows (written here from the agencies'
#: published conventions).
STATISTICAL_NAMES = [
    "Other Asia, nes", "Other Asia, n.e.s.", "Rep. of Korea", "Korea, Rep.", "Korea, Dem. Rep.",
    "Dem. People's Rep. of Korea", "China, Hong Kong SAR", "China, Macao SAR",
    "Hong Kong, China", "Bolivia (Plurinational State of)", "Venezuela, RB", "Viet Nam",
    "Lao People's Dem. Rep.", "Lao PDR", "Türkiye", "Turkey", "Côte d'Ivoire",
    "Cote d'Ivoire", "Rep. of Moldova", "United Rep. of Tanzania", "Dem. Rep. of the Congo",
    "Congo, Dem. Rep.", "Iran (Islamic Rep. of)", "Iran, Islamic Rep.", "Russian Federation",
    "Czechia", "Czech Rep.", "USA", "United States of America", "Belgium-Luxembourg",
    "So. African Customs Union", "Fmr Sudan", "Serbia and Montenegro", "State of Palestine",
    "Areas, nes", "World", "EU-28", "Bunkers", "Free Zones", "Special Categories",
    "China", "China, mainland", "Taiwan", "Korea and Japan", "490", "S19", "W00", "0", "58",
    "711", "736", "841", "842", "251", "757", "699", "579", "KO", "ROM", "ZAR", "TMP", "SUD",
]


def clear_caches() -> None:
    for cached in (kept_table.country_columns, countries.country_table,
                   countries._country_records, countries._country_patterns,
                   countries.match_country_pattern, countries.local_country_names,
                   trade_countries._base_resolver):
        cached.cache_clear()


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder; every cached table forgotten before and after."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    clear_caches()
    yield tmp_path / "cache" / "kcbridge"
    clear_caches()


def old_country_table() -> pd.DataFrame:
    """``country_table()`` as the previous code built it from country_converter in every
    process (kept here, verbatim but for the name, as the reference)."""
    import country_converter as coco

    data = coco.CountryConverter().data
    df = pd.DataFrame(
        {
            "iso3": data["ISO3"].astype(str),
            "iso2": data["ISO2"].astype(str),
            "numeric": pd.to_numeric(data["ISOnumeric"], errors="coerce")
            .fillna(-1)
            .astype("int32"),
            "name": data["name_short"].astype(str),
            "name_official": data["name_official"].astype(str),
            "continent": data["continent"].astype(str),
            "region": data["UNregion"].astype(str),
            "eu_member": data["EU27"].notna(),
            "oecd_member": data["OECD"].notna(),
            "kind": "country",
        }
    )
    df = df[df["iso3"].str.fullmatch(r"[A-Z]{3}")]
    df = df.drop_duplicates("iso3")
    extra = []
    for iso3, iso2, numeric, name in countries.SPECIAL_AREAS:
        if iso3 in set(df["iso3"]):
            continue
        extra.append({"iso3": iso3, "iso2": iso2, "numeric": numeric, "name": name,
                      "name_official": name, "continent": "" if iso3 == "WLD" else "Asia",
                      "region": "", "eu_member": False, "oecd_member": False,
                      "kind": "aggregate" if iso3 == "WLD" else "country"})
    if extra:
        df = pd.concat([df, pd.DataFrame(extra)], ignore_index=True)
    df["numeric"] = df["numeric"].astype("int32")
    return df.sort_values("iso3").reset_index(drop=True)


def old_patterns() -> list[tuple[str, str]]:
    import country_converter as coco

    data = coco.CountryConverter().data
    return [(str(iso3), str(rx)) for iso3, rx in zip(data["ISO3"], data["regex"], strict=True)
            if isinstance(rx, str) and rx and pd.Series([str(iso3)]).str.fullmatch(
                r"[A-Z]{3}").all()]


def every_name() -> list[str]:
    import country_converter as coco

    data = coco.CountryConverter().data
    names: list[str] = []
    for col in ("name_short", "name_official", "ISO2", "ISO3", "ISOnumeric"):
        names += [str(v) for v in data[col].dropna()]
    return sorted({*names, *(n.lower() for n in names), *STATISTICAL_NAMES})


def test_the_kept_file_holds_what_country_converter_gives(cache_home):
    kept = kept_table.country_columns()
    (path,) = cache_home.glob("country_converter-*.json")
    assert path == kept_table.cache_path()
    assert json.loads(path.read_text(encoding="utf-8")) == kept_table.converter_columns()
    assert kept == kept_table.converter_columns()
    assert len(kept["iso3"]) >= 240 and "KOR" in kept["iso3"]
    # a second process (caches cleared) reads the file: the same columns
    clear_caches()
    assert kept_table.country_columns() == kept


def test_country_table_and_patterns_are_the_previous_codes(cache_home):
    kept_table.country_columns()  # build and keep
    clear_caches()  # then read from the kept file, as a new process would
    pd.testing.assert_frame_equal(countries.country_table(), old_country_table())
    assert [(i, rx.pattern) for i, rx in countries._country_patterns()] == old_patterns()


def test_every_name_resolves_as_before(cache_home, monkeypatch):
    names = every_name()
    assert len(names) > 1000
    # before: the columns straight from country_converter (what every process built)
    monkeypatch.setattr(countries, "country_columns", kept_table.converter_columns)
    clear_caches()
    before = ([countries.CountryResolver().lookup(n) for n in names],
              [trade_countries.TradeCountryResolver().lookup(n) for n in names])
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home.parent))
    kept_table.country_columns()
    clear_caches()  # after: read back from the kept file
    after = ([countries.CountryResolver().lookup(n) for n in names],
             [trade_countries.TradeCountryResolver().lookup(n) for n in names])
    assert after == before
    resolved = dict(zip(names, after[1], strict=True))
    assert resolved["Other Asia, nes"] == "TWN" and resolved["Viet Nam"] == "VNM"
    assert resolved["Korea and Japan"] is None and resolved["Areas, nes"] is None
    assert sum(v is not None for v in after[0]) > 900


@pytest.mark.parametrize("damage", ["truncated", "not json", "a column missing",
                                    "wrong types"])
def test_a_damaged_kept_file_is_rebuilt(cache_home, caplog, damage):
    good = kept_table.country_columns()
    path = kept_table.cache_path()
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    if damage == "truncated":
        path.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "not json":
        path.write_bytes(b"\x00\x01 not a table")
    elif damage == "a column missing":
        path.write_text(json.dumps({k: v for k, v in data.items() if k != "regex"}))
    else:
        path.write_text(json.dumps({**data, "numeric": [str(v) for v in data["numeric"]]}))
    clear_caches()
    with caplog.at_level(logging.WARNING, logger="kcbridge.reference"):
        assert kept_table.country_columns() == good
    assert "rebuilt" in caplog.text
    assert json.loads(path.read_text(encoding="utf-8")) == good  # kept again, whole


def test_a_cache_folder_that_cannot_be_written_only_costs_the_build(
        tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    clear_caches()
    try:
        with caplog.at_level(logging.WARNING, logger="kcbridge.reference"):
            assert countries.CountryResolver().lookup("Korea, Rep.") == "KOR"
        assert "cannot keep the country table" in caplog.text
    finally:
        clear_caches()


def test_a_new_country_converter_is_another_file(cache_home, monkeypatch):
    first = kept_table.cache_path()
    real = Path.read_bytes

    def edited(path: Path) -> bytes:
        data = real(path)
        return data + b"\n# edited" if path.name == "country_data.tsv" else data

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert kept_table.cache_path() != first


def test_a_load_with_the_table_kept_never_imports_country_converter(tmp_path):
    """Two new processes: the first keeps the table, the second loads a BACI year and
    resolves its codes without importing country_converter."""
    folder = tmp_path / "baci"
    folder.mkdir()
    (folder / "country_codes_V202501.csv").write_text(
        "country_code,country_name,country_iso2,country_iso3\n"
        "156,China,CN,CHN\n410,Rep. of Korea,KR,KOR\n490,Other Asia nes,,S19\n")
    (folder / "BACI_HS12_Y2022_V202501.csv").write_text(
        "t,i,j,k,v,q\n2022,410,156,854231,1.5,2\n2022,490,410,10121,2,\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    script = textwrap.dedent(f"""
        import sys
        from kcbridge.settings import Settings
        from kcbridge.sources import load_file
        from kcbridge.store import Store
        store = Store("duckdb://{tmp_path / 'store.duckdb'}")
        result = load_file(store, Settings(home={str(tmp_path / 'home')!r}), "baci",
                           {str(folder / 'BACI_HS12_Y2022_V202501.csv')!r})
        rows = sorted(store.table("trade_annual").to_pandas()["exporter"])
        store.close()
        print(result.rows, rows, "country_converter" in sys.modules)
    """)
    warm = subprocess.run([sys.executable, "-c",
                           "from kcbridge.reference.country_table_cache import country_columns; "
                           "country_columns()"], env=env, capture_output=True, text=True,
                          timeout=120)
    assert warm.returncode == 0, warm.stderr
    assert list((tmp_path / "cache" / "kcbridge").glob("country_converter-*.json"))
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["2", "['KOR',", "'TWN']", "False"]


def test_the_packages_country_table_is_still_the_function():
    """The kept table's module is not named ``country_table``: importing it must not hide
    the package's lazy ``kcbridge.reference.country_table`` (the function)."""
    import kcbridge.reference as reference

    assert kept_table.__name__ == "kcbridge.reference.country_table_cache"
    assert reference.country_table is countries.country_table
