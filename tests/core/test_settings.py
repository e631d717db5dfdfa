"""Settings: defaults, KCBRIDGE_* variables, the TOML config file, their precedence, and the
errors bad values give (each a ConfigError that says what to do)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kcbridge.errors import ConfigError
from kcbridge.settings import HS_REVISIONS, Settings, describe_settings, load_settings


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """No KCBRIDGE_* variable from the machine; KCBRIDGE_HOME is a fresh folder."""
    import os

    for key in list(os.environ):
        if key.startswith("KCBRIDGE_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("KCBRIDGE_HOME", str(tmp_path))
    yield tmp_path


def test_defaults(clean_env: Path) -> None:
    s = load_settings()
    assert s.home == clean_env
    assert s.port == 8765
    assert s.host == "127.0.0.1"
    assert s.target_hs_revision == "HS2012"
    assert s.api_token is None
    assert s.fetch_retries == 5
    assert s.comtrade_max_records == 100000
    assert s.resolved_store_url == f"duckdb://{clean_env / 'kcbridge.duckdb'}"


def test_an_explicit_store_url_is_used_as_given(clean_env: Path) -> None:
    s = load_settings(store_url="duckdb://:memory:")
    assert s.resolved_store_url == "duckdb://:memory:"


def test_environment_variables_set_typed_values(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KCBRIDGE_PORT", "9001")
    monkeypatch.setenv("KCBRIDGE_HTTP_TIMEOUT", "2.5")
    monkeypatch.setenv("KCBRIDGE_TARGET_HS_REVISION", "HS2017")
    s = load_settings()
    assert s.port == 9001
    assert s.http_timeout == 2.5
    assert s.target_hs_revision == "HS2017"


def test_config_file_in_home_is_read(clean_env: Path) -> None:
    (clean_env / "kcbridge.toml").write_text('port = 7000\nhost = "0.0.0.0"\n', encoding="utf-8")
    s = load_settings()
    assert (s.port, s.host) == (7000, "0.0.0.0")


def test_environment_beats_the_file_and_arguments_beat_both(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (clean_env / "kcbridge.toml").write_text("port = 7000\ndemo_seed = 5\n", encoding="utf-8")
    monkeypatch.setenv("KCBRIDGE_PORT", "7100")
    s = load_settings()
    assert s.port == 7100  # env over file
    assert s.demo_seed == 5  # file over default
    assert load_settings(port=7200).port == 7200  # argument over env
    # an argument of None means "not given", not "set to None"
    assert load_settings(port=None).port == 7100


def test_kcbridge_config_points_to_a_file_elsewhere(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    other = tmp_path_factory.mktemp("conf") / "site.toml"
    other.write_text("baci_version = \"202401\"\n", encoding="utf-8")
    (clean_env / "kcbridge.toml").write_text("baci_version = \"199901\"\n", encoding="utf-8")
    monkeypatch.setenv("KCBRIDGE_CONFIG", str(other))
    assert load_settings().baci_version == "202401"


def test_unknown_keys_in_the_file_are_ignored(clean_env: Path) -> None:
    (clean_env / "kcbridge.toml").write_text("no_such_setting = 1\nport = 7001\n")
    assert load_settings().port == 7001


def test_invalid_toml_says_which_file_and_what_to_do(clean_env: Path) -> None:
    path = clean_env / "kcbridge.toml"
    path.write_text("port = = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert str(path) in info.value.message
    assert "not valid TOML" in info.value.message
    assert info.value.hint == "Fix or delete it."


def test_a_config_file_that_is_not_utf8_is_a_config_error(clean_env: Path) -> None:
    (clean_env / "kcbridge.toml").write_bytes(b"host = \"\xff\xfe\"\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings()


@pytest.mark.parametrize(
    "name,value",
    [
        ("KCBRIDGE_PORT", "eighty"),
        ("KCBRIDGE_FETCH_RETRIES", "-1"),
        ("KCBRIDGE_FETCH_BACKOFF", "-0.5"),
        ("KCBRIDGE_COMTRADE_MAX_RECORDS", "0"),
        ("KCBRIDGE_LOCK_WAIT", "soon"),
    ],
)
def test_bad_values_from_the_environment_are_config_errors_naming_the_setting(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert info.value.status == 500
    assert name[len("KCBRIDGE_"):].lower() in info.value.message
    assert info.value.hint == "See `kcbridge settings`."


def test_a_bad_value_in_the_file_is_a_config_error(clean_env: Path) -> None:
    (clean_env / "kcbridge.toml").write_text('port = "not a port"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="port"):
        load_settings()


def test_an_unknown_hs_revision_lists_the_known_ones(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KCBRIDGE_TARGET_HS_REVISION", "HS2099")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert "'HS2099'" in info.value.message
    assert "KCBRIDGE_TARGET_HS_REVISION" in (info.value.hint or "")
    for revision in HS_REVISIONS:
        assert revision in (info.value.hint or "")


def test_describe_settings_lists_every_setting_with_env_name_and_help(clean_env: Path) -> None:
    rows = describe_settings(load_settings(api_token="s3cret", port=7300))
    by_name = {r["name"]: r for r in rows}
    assert set(by_name) == set(Settings.model_fields)
    assert len(rows) == len(Settings.model_fields)
    assert {"home", "store_url", "api_token", "port", "fetch_retries", "lock_wait"} <= set(by_name)
    assert all(r["help"] for r in rows), [r["name"] for r in rows if not r["help"]]
    assert all(r["env"] == f"KCBRIDGE_{r['name'].upper()}" for r in rows)
    assert by_name["api_token"]["value"] == "***"  # never printed
    assert by_name["port"]["value"] == "7300"
    assert by_name["comtrade_key"]["value"] == ""  # None shows as empty, not "None"


def test_describe_settings_shows_an_unset_token_as_empty(clean_env: Path) -> None:
    rows = {r["name"]: r for r in describe_settings(load_settings())}
    assert rows["api_token"]["value"] == ""
