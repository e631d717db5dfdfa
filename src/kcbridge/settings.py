"""Typed settings: defaults, ``KCBRIDGE_*`` environment variables, an optional TOML file.

Every setting has a default and help text; ``kcbridge settings`` prints them all.
Precedence (highest first): keyword arguments, environment variables, the config file
(``$KCBRIDGE_HOME/kcbridge.toml`` or ``KCBRIDGE_CONFIG``), defaults.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from kcbridge.errors import ConfigError

HS_REVISIONS = ("HS1992", "HS1996", "HS2002", "HS2007", "HS2012", "HS2017", "HS2022")


def _default_home() -> Path:
    return Path(os.environ.get("KCBRIDGE_HOME", Path.home() / ".kcbridge"))


class Settings(BaseSettings):
    """All kcbridge settings. Set any of them as ``KCBRIDGE_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="KCBRIDGE_", extra="ignore")

    home: Path = Field(
        default_factory=_default_home,
        description="Folder for the store file, downloads and the config file.",
    )
    store_url: str | None = Field(
        default=None,
        description=(
            "Ibis connection URL of the store. Default: the DuckDB file "
            "`<home>/kcbridge.duckdb`. `duckdb://:memory:` for a throw-away store; "
            "`pyspark:///ABSOLUTE/DIR` to run the relational work on Spark over a store "
            "kept in DIR (catalogue `DIR/kcbridge.duckdb`, flows lake `DIR/lake/`)."
        ),
    )
    spark_master: str | None = Field(
        default=None,
        description=(
            "Spark master of a `pyspark:///DIR` store (e.g. `spark://host:7077`, `yarn`). "
            "Default `local[2]` (this machine, 2 cores). With a cluster, DIR must be a "
            "folder every executor sees at the same path. `SPARK_REMOTE=sc://host` (Spark "
            "Connect) is used instead when set."
        ),
    )
    target_hs_revision: str = Field(
        default="HS2012",
        description=(
            "HS revision every HS6 trade flow is converted to on load "
            f"(one of {', '.join(HS_REVISIONS)}), with the Growth Lab's trade-weighted weights."
        ),
    )
    api_token: str | None = Field(
        default=None,
        description="Token that API requests which change data must send as `Authorization: "
        "Bearer <token>`. Unset: every write is refused.",
    )
    host: str = Field(default="127.0.0.1", description="Address `kcbridge serve` binds.")
    port: int = Field(default=8765, description="Port `kcbridge serve` listens on.")
    demo_seed: int = Field(default=20240601, description="Seed of the synthetic demo world.")
    baci_url: str = Field(
        default="https://www.cepii.fr/DATA_DOWNLOAD/baci/data/BACI_{revision}_V{version}.zip",
        description="URL template of CEPII BACI downloads ({revision} e.g. HS12, {version}).",
    )
    baci_version: str = Field(default="202501", description="BACI release to download.")
    comtrade_url: str = Field(
        default="https://comtradeapi.un.org/data/v1/get",
        description="Base URL of the UN Comtrade v1 data API.",
    )
    comtrade_key: str | None = Field(
        default=None,
        description="UN Comtrade subscription key (sent as Ocp-Apim-Subscription-Key).",
    )
    http_timeout: float = Field(default=60.0, description="Seconds before a download gives up.")
    fetch_retries: int = Field(
        default=5, ge=0,
        description="Retries of a download after HTTP 429/500/502/503/504, a timeout or a "
        "dropped connection (0: try once). A dropped download resumes where it stopped when "
        "the server supports byte ranges.",
    )
    fetch_backoff: float = Field(
        default=2.0, ge=0.0,
        description="Seconds before the first retry, doubled for each further one with "
        "random jitter (50-100 %), unless the server says when to retry (Retry-After).",
    )
    fetch_max_wait: float = Field(
        default=600.0, ge=0.0,
        description="Most seconds the retries of one download wait in total; a server that "
        "asks for a longer wait (Retry-After) is not waited for: the error says when to retry.",
    )
    comtrade_max_records: int = Field(
        default=100000, ge=1,
        description="Record cap of one UN Comtrade query (sent as maxRecords): 100000 for the "
        "free comtrade-v1 key, up to 250000 for premium keys. A result that reaches it is cut "
        "off, so the query is split by period, flow or commodity list, or refused.",
    )
    lock_wait: float = Field(
        default=15.0, ge=0.0,
        description="Seconds to wait for a DuckDB store that another kcbridge process is "
        "using (a load, or a request of `kcbridge serve`) before giving up.",
    )

    read_only_commands: bool = Field(
        default=True,
        description="Open a DuckDB store read-only for the commands that only read "
        "(`status`, `complementarity`, `watch screen`, `docs search` ...), so that any "
        "number of them run at once without waiting for each other (they still wait for a "
        "writer, such as a load). false: every command opens the store for writing.",
    )

    @property
    def resolved_store_url(self) -> str:
        if self.store_url:
            return self.store_url
        return f"duckdb://{self.home / 'kcbridge.duckdb'}"

    def model_post_init(self, __context: Any) -> None:
        if self.target_hs_revision not in HS_REVISIONS:
            raise ConfigError(
                f"Unknown HS revision {self.target_hs_revision!r}.",
                hint=f"Set KCBRIDGE_TARGET_HS_REVISION to one of {', '.join(HS_REVISIONS)}.",
            )


def load_settings(**overrides: Any) -> Settings:
    """Settings from the config file, the environment and ``overrides``."""
    config_path = os.environ.get("KCBRIDGE_CONFIG")
    home = Path(overrides.get("home") or _default_home())
    path = Path(config_path) if config_path else home / "kcbridge.toml"
    file_values: dict[str, Any] = {}
    if path.exists():
        try:
            file_values = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"Config file {path} is not valid TOML: {exc}.", hint="Fix or delete it."
            ) from exc
    env_names = {k[len("KCBRIDGE_") :].lower() for k in os.environ if k.startswith("KCBRIDGE_")}
    merged = {k: v for k, v in file_values.items() if k not in env_names}
    merged.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**merged)
    except ConfigError:
        raise
    except Exception as exc:  # pydantic ValidationError
        raise ConfigError(f"Invalid settings: {exc}", hint="See `kcbridge settings`.") from exc


def describe_settings(settings: Settings) -> list[dict[str, Any]]:
    """One row per setting: name, env var, value, help."""
    rows = []
    for name, field in Settings.model_fields.items():
        value = getattr(settings, name)
        if name == "api_token" and value:
            value = "***"
        rows.append(
            {
                "name": name,
                "env": f"KCBRIDGE_{name.upper()}",
                "value": str(value) if value is not None else "",
                "help": field.description or "",
            }
        )
    return rows
